//! The non-detained population (docs/model.md, "The non-detained population"): ATD and the
//! non-detained docket as fluid stocks fed by the run's releases, in both solvers.

use crate::daily::{col, total};
use model::{RunOptions, RunResult, Scenario, run, testkit};

/// A tiny scenario with ATD and a docket: 2,000 in ATD and 50,000 cases pending at the
/// start, split equally among its offices.
pub(crate) fn with_non_detained() -> Scenario {
    let mut sc = testkit::tiny();
    let c = model::Schedule::constant;
    let w = 1.0 / sc.offices.len() as f64;
    for o in &mut sc.offices {
        o.atd_participants = 2_000.0 * w;
        o.docket_pending = 50_000.0 * w;
    }
    sc.detention.atd_enrol_share = c(0.5);
    sc.detention.atd_days_mean = 200.0;
    sc.courts.non_detained_judges = c(10.0);
    sc.courts.completions_per_judge_day = 3.0;
    sc.courts.non_detained_receipts_per_day = c(20.0);
    sc.courts.non_detained_removal_order_share = 0.4;
    sc.courts.non_detained_in_absentia_share = 0.5;
    sc.costs.atd_day = 4.0;
    sc
}

/// National level of a stock on the last measured day (mean over replications).
fn last(r: &RunResult, key: &str) -> f64 {
    let k = col(key);
    let n = r.national_daily.len() as f64;
    r.national_daily.iter().map(|rep| rep.last().unwrap()[k]).sum::<f64>() / n
}

fn released_under_supervision(r: &RunResult) -> f64 {
    let supervised = [
        "released_at_processing",
        "released_no_bed",
        "released_discretionary",
        "released_not_foreseeable",
    ];
    supervised.iter().map(|k| total(r, k)).sum()
}

#[test]
fn without_the_keys_there_is_no_non_detained_population() {
    let r = model::fluid::run(&testkit::tiny());
    for k in ["atd_participants", "atd_enrolled", "docket_pending", "docket_completions"] {
        assert_eq!(total(&r, k), 0.0, "{k}");
    }
    assert!(released_under_supervision(&r) > 0.0, "the tiny scenario releases people");
}

#[test]
fn the_docket_conserves_cases_and_drains_at_judge_capacity_in_both_solvers() {
    let sc = with_non_detained();
    let des = run(&sc, RunOptions { replications: Some(3), seed: Some(5), threads: 0 }).unwrap();
    let fluid = model::fluid::run(&sc);
    let days = sc.days as f64;
    for r in [&des, &fluid] {
        let (received, done) = (total(r, "docket_receipts"), total(r, "docket_completions"));
        let end = last(r, "docket_pending");
        assert!((50_000.0 + received - done - end).abs() < 1e-6 * end, "conservation");
        // A backlog far above a year's capacity: completions run at 10 × 3 a day.
        assert!((done - 30.0 * days).abs() < 1e-9 * done, "{done} vs {}", 30.0 * days);
        assert!((total(r, "docket_removal_orders") - 0.4 * done).abs() < 1e-9 * done);
        // Half the orders in absentia, daily and in the summary measure.
        let absentia = total(r, "docket_in_absentia_orders");
        assert!((absentia - 0.2 * done).abs() < 1e-9 * done, "{absentia} vs {}", 0.2 * done);
        let m = r.national("docket_in_absentia_orders").unwrap().estimate.mean;
        assert!((m - absentia).abs() < 1e-6 * absentia, "measure {m} vs daily {absentia}");
        // Receipts: 20 a day from outside plus the releases into proceedings.
        let own = ["released_at_processing", "released_no_bed", "released_discretionary"]
            .iter()
            .map(|k| total(r, k))
            .sum::<f64>();
        assert!((received - 20.0 * days - own).abs() < 1e-6 * received, "receipts");
    }
}

#[test]
fn atd_enrols_a_share_of_entrants_and_releases_move_it_in_both_solvers() {
    let sc = with_non_detained();
    let des = run(&sc, RunOptions { replications: Some(3), seed: Some(5), threads: 0 }).unwrap();
    let fluid = model::fluid::run(&sc);
    for r in [&des, &fluid] {
        let entrants = released_under_supervision(r) + 20.0 * sc.days as f64;
        let enrolled = total(r, "atd_enrolled");
        assert!((enrolled - 0.5 * entrants).abs() < 1e-6 * enrolled, "{enrolled} vs {entrants}");
        // Stock identity: start + enrolled − exits = end, exits = person-days / 200.
        let person_days = total(r, "atd_participants");
        let exits_upper = (2_000.0 + person_days) / 200.0;
        let end = last(r, "atd_participants");
        assert!(end < 2_000.0 + enrolled && end > 2_000.0 + enrolled - exits_upper - 1.0);
        let cost = total(r, "cost_atd_usd");
        assert!((cost - 4.0 * person_days).abs() < 1e-6 * person_days);
        let m = r.national("cost_atd_usd").unwrap().estimate.mean;
        assert!((m - cost).abs() < 1e-6 * cost, "measure {m} vs daily {cost}");
        let m = r.national("atd_participants_end").unwrap().estimate.mean;
        assert!((m - end).abs() < 1e-9 * end, "measure {m} vs daily {end}");
    }
    let (a, b) = (total(&des, "atd_enrolled"), total(&fluid, "atd_enrolled"));
    assert!((a - b).abs() < 0.1 * b, "DES {a} vs fluid {b}");
    // The mechanism: with no enrolment, ATD only drains.
    let mut off = sc.clone();
    off.detention.atd_enrol_share = model::Schedule::constant(0.0);
    let r = model::fluid::run(&off);
    assert_eq!(total(&r, "atd_enrolled"), 0.0);
    let drained = 2_000.0 * (1.0 - 1.0 / 200.0f64).powi(sc.days as i32);
    assert!((last(&r, "atd_participants") - drained).abs() < 1e-6 * drained);
}

#[test]
fn atd_capacity_stops_enrolment() {
    let mut sc = with_non_detained();
    sc.detention.atd_capacity = model::Schedule::constant(2_000.0);
    let r = model::fluid::run(&sc);
    let stock = &r.national_daily[0];
    let k = col("atd_participants");
    assert!(stock.iter().all(|d| d[k] <= 2_000.0 + 1e-6), "never above capacity");
    assert!((stock.last().unwrap()[k] - 2_000.0).abs() < 1e-6, "held at capacity");
}
