//! Oversight measures from the detention side (docs/model.md, "Expected deaths in
//! custody"): aggregate rates applied to the simulated population, in both solvers.

use crate::daily::total;
use model::{RunOptions, run, testkit};

#[test]
fn expected_deaths_are_person_days_detained_times_the_rate_in_both_solvers() {
    let mut sc = testkit::tiny();
    sc.detention.deaths_per_million_detained_days = 2.0;
    let des = run(&sc, RunOptions { replications: Some(4), seed: Some(3), threads: 0 }).unwrap();
    let fluid = model::fluid::run(&sc);
    for r in [&des, &fluid] {
        let days = total(r, "detained");
        assert!(days > 1_000.0, "the tiny scenario detains people: {days}");
        let deaths = total(r, "expected_deaths");
        assert!((deaths - days * 2e-6).abs() < 1e-9 * days, "{deaths} vs {days} × 2e-6");
        let m = r.national("expected_deaths").unwrap().estimate.mean;
        assert!((m - deaths).abs() < 1e-9 * days.max(1.0), "measure {m} vs daily {deaths}");
    }
    let (a, b) = (total(&des, "expected_deaths"), total(&fluid, "expected_deaths"));
    assert!((a - b).abs() < 0.05 * b, "DES {a} vs fluid {b}");
    // No rate, no estimate.
    sc.detention.deaths_per_million_detained_days = 0.0;
    assert_eq!(total(&model::fluid::run(&sc), "expected_deaths"), 0.0);
}
