//! Shared helpers: replicated runs and CI-based assertions.

use des::testbed::{NodeSpec, Tandem, TandemResult, TandemSpec};
use des::{Dist, Overflow, Summary};

/// Confidence level of every check: wide enough that a correct engine passes with any
/// seed nearly always, narrow enough (see `assert_has_power`) to catch a wrong one.
pub const LEVEL: f64 = 0.99;

/// Runs `reps` replications of `spec` with master seed `seed`.
pub fn replicate(spec: &TandemSpec, reps: u64, seed: u64) -> Vec<TandemResult> {
    des::replicate(reps, seed, |streams| Tandem::run(spec.clone(), &streams))
}

/// The replication summary of one measure.
pub fn summary(results: &[TandemResult], f: impl Fn(&TandemResult) -> f64) -> Summary {
    let xs: Vec<f64> = results.iter().map(f).collect();
    Summary::with_level(&xs, LEVEL)
}

/// True if `expected` lies in the interval of `s`, widened by `slack` (absolute) for
/// known deterministic error such as time discretisation.
pub fn covers(s: &Summary, expected: f64, slack: f64) -> bool {
    s.ci.0 - slack <= expected && expected <= s.ci.1 + slack
}

/// Asserts `expected` is inside the CI and the CI is tight enough to mean something.
pub fn assert_matches(name: &str, s: &Summary, expected: f64, max_rel_half_width: f64) {
    assert!(
        covers(s, expected, 0.0),
        "{name}: expected {expected:.6}, simulated {:.6} with {:.0}% CI [{:.6}, {:.6}]",
        s.mean,
        LEVEL * 100.0,
        s.ci.0,
        s.ci.1
    );
    assert_has_power(name, s, expected, max_rel_half_width);
}

/// A check whose interval is wider than `max_rel` of the value would pass anything.
pub fn assert_has_power(name: &str, s: &Summary, expected: f64, max_rel: f64) {
    let rel = s.half_width() / expected.abs();
    assert!(rel < max_rel, "{name}: CI half-width is {:.1}% of the value, too wide", rel * 100.0);
}

/// One node, Poisson arrivals at `lambda`, unlimited line.
pub fn single_node(lambda: f64, servers: u32, service: Dist, customers: u64) -> TandemSpec {
    TandemSpec {
        arrival_rate: lambda,
        nodes: vec![NodeSpec { servers, service, waiting_room: None, overflow: Overflow::Wait }],
        customers,
        warmup_fraction: 0.1,
    }
}

/// The three-node tandem of `shared/peers`: node 1 (c 5, mu 1.2, at most 8 in the node,
/// arrivals lost when full) → node 2 (c 3, mu 2.0) → node 3 (c 2, mu 2.5); lambda 4.
/// With `blocking`, node 2 holds at most 4 (1 waiting) and node 1 blocks after service.
pub fn peers_tandem(customers: u64, blocking: bool) -> TandemSpec {
    let exp = |mu: f64| Dist::exponential(1.0 / mu).unwrap();
    TandemSpec {
        arrival_rate: 4.0,
        nodes: vec![
            NodeSpec {
                servers: 5,
                service: exp(1.2),
                waiting_room: Some(3),
                overflow: Overflow::Lose,
            },
            NodeSpec {
                servers: 3,
                service: exp(2.0),
                waiting_room: if blocking { Some(1) } else { None },
                overflow: if blocking { Overflow::Block } else { Overflow::Wait },
            },
            NodeSpec {
                servers: 2,
                service: exp(2.5),
                waiting_room: None,
                overflow: Overflow::Wait,
            },
        ],
        customers,
        warmup_fraction: 0.1,
    }
}
