//! M/M/c (lambda 9, mu 1, c 10) against Erlang C.

use des::Dist;
use des::testbed::{TICKS_PER_UNIT, mmc};

use crate::common::{assert_matches, covers, replicate, single_node, summary};

const REPS: u64 = 20;
const CUSTOMERS: u64 = 200_000;

#[test]
fn mmc_matches_erlang_c() {
    let exact = mmc(9.0, 1.0, 10);
    let spec = single_node(9.0, 10, Dist::exponential(1.0).unwrap(), CUSTOMERS);
    let runs = replicate(&spec, REPS, 2024);
    assert_matches("Wq", &summary(&runs, |r| r.nodes[0].mean_wait), exact.wq, 0.05);
    assert_matches("L", &summary(&runs, |r| r.nodes[0].mean_in_node), exact.l, 0.02);
    assert_matches("W", &summary(&runs, |r| r.nodes[0].mean_sojourn), exact.w, 0.02);
    assert_matches(
        "utilisation",
        &summary(&runs, |r| r.nodes[0].utilisation),
        exact.utilisation,
        0.01,
    );
    // Time is in ticks of 1e-6 units: rounding cannot move a mean by more than that.
    assert!(1.0 / (TICKS_PER_UNIT as f64) < 1e-5);
}

#[test]
fn the_erlang_c_check_rejects_a_wrong_service_distribution() {
    // Same mean service time, but deterministic (M/D/c): Wq is about half of M/M/c's.
    let exact = mmc(9.0, 1.0, 10);
    let spec = single_node(9.0, 10, Dist::fixed(1.0).unwrap(), CUSTOMERS);
    let wq = summary(&replicate(&spec, REPS, 2024), |r| r.nodes[0].mean_wait);
    assert!(!covers(&wq, exact.wq, 0.0), "M/D/c Wq {} passed as Erlang C {}", wq.mean, exact.wq);
    // And a 5% error in the service rate is caught too.
    let spec = single_node(9.0, 10, Dist::exponential(1.0 / 1.05).unwrap(), CUSTOMERS);
    let wq = summary(&replicate(&spec, REPS, 2024), |r| r.nodes[0].mean_wait);
    assert!(!covers(&wq, exact.wq, 0.0), "mu 1.05 passed as mu 1: Wq {}", wq.mean);
}
