//! M/G/c/c loss against Erlang B, which does not depend on the service distribution
//! beyond its mean: exponential and lognormal (cv 1.5) service must both match.

use des::testbed::{NodeSpec, TandemSpec, erlang_b};
use des::{Dist, Overflow};

use crate::common::{assert_matches, covers, replicate, summary};

const REPS: u64 = 20;
const CUSTOMERS: u64 = 200_000;

fn loss(service: Dist) -> TandemSpec {
    TandemSpec {
        arrival_rate: 40.0,
        nodes: vec![NodeSpec {
            servers: 45,
            service,
            waiting_room: Some(0),
            overflow: Overflow::Lose,
        }],
        customers: CUSTOMERS,
        warmup_fraction: 0.1,
    }
}

#[test]
fn loss_system_matches_erlang_b_for_exponential_and_lognormal_service() {
    let exact = erlang_b(45, 40.0);
    for (name, service) in [
        ("exponential", Dist::exponential(1.0).unwrap()),
        ("lognormal cv 1.5", Dist::lognormal(1.0, 1.5).unwrap()),
    ] {
        let runs = replicate(&loss(service), REPS, 7);
        assert_matches(name, &summary(&runs, |r| r.nodes[0].blocking), exact, 0.08);
        // Carried load = offered load × (1 − B): the busy servers' time average.
        let carried = summary(&runs, |r| r.nodes[0].mean_in_node);
        assert_matches(name, &carried, 40.0 * (1.0 - exact), 0.01);
    }
}

#[test]
fn the_erlang_b_check_rejects_a_wrong_mean() {
    // A lognormal whose mean is 10% too long (e.g. mu of the log mis-set) is caught.
    let runs = replicate(&loss(Dist::lognormal(1.1, 1.5).unwrap()), REPS, 7);
    let b = summary(&runs, |r| r.nodes[0].blocking);
    assert!(!covers(&b, erlang_b(45, 40.0), 0.0), "blocking {} passed", b.mean);
}
