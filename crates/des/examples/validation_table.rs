//! Prints the engine's validation table (docs/validation.md): each reference model's
//! simulated measures with 95% CIs over 20 replications, next to the exact values.
//!
//!     cargo run --release -p caseload-des --example validation_table

use des::testbed::{NodeSpec, Tandem, TandemResult, TandemSpec, erlang_b, mmc, mmck};
use des::{Dist, Overflow, Summary};

fn node(servers: u32, mean: f64, room: Option<usize>, overflow: Overflow) -> NodeSpec {
    NodeSpec { servers, service: Dist::exponential(mean).unwrap(), waiting_room: room, overflow }
}

fn runs(spec: TandemSpec) -> Vec<TandemResult> {
    des::replicate(20, 2024, |s| Tandem::run(spec.clone(), &s))
}

fn row(
    model: &str,
    measure: &str,
    runs: &[TandemResult],
    f: impl Fn(&TandemResult) -> f64,
    exact: f64,
) {
    let xs: Vec<f64> = runs.iter().map(f).collect();
    let s = Summary::of(&xs);
    let inside = if s.ci.0 <= exact && exact <= s.ci.1 { "yes" } else { "NO" };
    println!(
        "| {model} | {measure} | {:.5} | [{:.5}, {:.5}] | {exact:.5} | {inside} |",
        s.mean, s.ci.0, s.ci.1
    );
}

fn main() {
    println!("| model | measure | simulated mean | 95% CI | exact | exact in CI |");
    println!("|---|---|---|---|---|---|");
    let m = mmc(9.0, 1.0, 10);
    let r = runs(TandemSpec {
        arrival_rate: 9.0,
        nodes: vec![node(10, 1.0, None, Overflow::Wait)],
        customers: 200_000,
        warmup_fraction: 0.1,
    });
    row("M/M/10, λ 9, μ 1", "Wq", &r, |r| r.nodes[0].mean_wait, m.wq);
    row("M/M/10, λ 9, μ 1", "L", &r, |r| r.nodes[0].mean_in_node, m.l);
    row("M/M/10, λ 9, μ 1", "utilisation", &r, |r| r.nodes[0].utilisation, m.utilisation);
    for (name, service) in [
        ("M/M/45/45, λ 40", Dist::exponential(1.0).unwrap()),
        ("M/LN(cv 1.5)/45/45, λ 40", Dist::lognormal(1.0, 1.5).unwrap()),
    ] {
        let r = runs(TandemSpec {
            arrival_rate: 40.0,
            nodes: vec![NodeSpec {
                servers: 45,
                service,
                waiting_room: Some(0),
                overflow: Overflow::Lose,
            }],
            customers: 200_000,
            warmup_fraction: 0.1,
        });
        row(name, "blocking (Erlang B)", &r, |r| r.nodes[0].blocking, erlang_b(45, 40.0));
    }
    let tandem = |blocking: bool| TandemSpec {
        arrival_rate: 4.0,
        nodes: vec![
            node(5, 1.0 / 1.2, Some(3), Overflow::Lose),
            if blocking {
                node(3, 0.5, Some(1), Overflow::Block)
            } else {
                node(3, 0.5, None, Overflow::Wait)
            },
            node(2, 0.4, None, Overflow::Wait),
        ],
        customers: 100_000,
        warmup_fraction: 0.1,
    };
    let k = mmck(4.0, 1.2, 5, 8);
    let r = runs(tandem(false));
    row("tandem (node 1 M/M/5/8)", "node-1 blocking", &r, |r| r.nodes[0].blocking, k.blocking);
    row("tandem (node 1 M/M/5/8)", "node-1 sojourn", &r, |r| r.nodes[0].mean_sojourn, k.w);
    row("tandem", "node-2 sojourn (CTMC)", &r, |r| r.nodes[1].mean_sojourn, 0.6694664772148002);
    row("tandem", "node-3 sojourn (CTMC)", &r, |r| r.nodes[2].mean_sojourn, 0.9408331093739405);
    let r = runs(tandem(true));
    row(
        "blocking after service",
        "node-1 blocking (CTMC)",
        &r,
        |r| r.nodes[0].blocking,
        0.04696125904829842,
    );
    row(
        "blocking after service",
        "node-1 sojourn (CTMC)",
        &r,
        |r| r.nodes[0].mean_sojourn,
        0.9934045606261327,
    );
    row(
        "blocking after service",
        "node-1 blocked time (CTMC)",
        &r,
        |r| r.nodes[0].mean_blocked_time,
        0.0623657908211981,
    );
    row(
        "blocking after service",
        "throughput (CTMC)",
        &r,
        |r| r.nodes[2].throughput,
        3.8121549638068064,
    );
}
