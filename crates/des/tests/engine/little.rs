//! Little's law, L = λW, on every node of every reference model: the time-average number
//! in a node must equal its throughput times the mean time customers spend there.

use des::Dist;
use des::testbed::TandemResult;

use crate::common::{peers_tandem, replicate, single_node};

fn assert_little(model: &str, runs: &[TandemResult]) {
    for (rep, r) in runs.iter().enumerate() {
        for (i, n) in r.nodes.iter().enumerate() {
            let l = n.mean_in_node;
            let lambda_w = n.throughput * n.mean_sojourn;
            // Both sides are measured on the same path; they differ only by the customers
            // straddling the start of measurement, a fraction ~ L / departures.
            let rel = (l - lambda_w).abs() / l;
            assert!(rel < 0.01, "{model} rep {rep} node {}: L = {l:.4}, λW = {lambda_w:.4}", i + 1);
        }
    }
}

#[test]
fn littles_law_holds_on_every_node() {
    assert_little(
        "mmc",
        &replicate(&single_node(9.0, 10, Dist::exponential(1.0).unwrap(), 100_000), 4, 1),
    );
    assert_little("tandem", &replicate(&peers_tandem(100_000, false), 4, 1));
    assert_little("blocking tandem", &replicate(&peers_tandem(100_000, true), 4, 1));
}

#[test]
fn conservation_every_arrival_is_served_or_lost() {
    for blocking in [false, true] {
        let runs = replicate(&peers_tandem(50_000, blocking), 2, 3);
        for r in &runs {
            // After warm-up and a drained calendar: arrivals at node i+1 = departures of
            // node i minus those lost between, up to the warm-up boundary.
            let n1 = &r.nodes[0];
            let n3 = &r.nodes[2];
            let admitted = n1.arrivals - n1.lost;
            let gap = admitted.abs_diff(n3.departures) as f64 / admitted as f64;
            assert!(
                gap < 0.002,
                "blocking={blocking}: admitted {admitted}, left {}",
                n3.departures
            );
        }
    }
}
