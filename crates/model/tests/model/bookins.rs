//! Book-ins by arresting agency, as ICE's detention statistics count them
//! (`ChannelInfo::book_in`): a person Border Patrol arrests on an interior detail is a CBP
//! book-in, not an ICE one, in both solvers.

use model::{Metric, RunOptions, RunResult, Scenario, fluid, run, testkit};

fn des(sc: &Scenario) -> RunResult {
    run(sc, RunOptions { replications: Some(6), seed: Some(21), threads: 0 }).unwrap()
}

fn total(r: &RunResult, m: Metric) -> f64 {
    (0..r.daily_mean.days()).map(|d| r.daily_mean.national(d, m)).sum()
}

/// tiny() with nobody crossing the border (so every CBP book-in is an interior one), with
/// or without 200 Border Patrol agents detailed inland.
fn scenario(detail: bool) -> Scenario {
    let mut sc = testkit::tiny();
    for s in &mut sc.sectors {
        s.crossings_per_day = model::Schedule::constant(0.0);
    }
    if detail {
        sc.interventions.push(testkit::border_patrol_detail(200.0, None));
    }
    sc
}

#[test]
fn border_patrol_interior_arrests_are_cbp_book_ins_in_both_solvers() {
    for (solver, solve) in [("DES", des as fn(&Scenario) -> RunResult), ("fluid", fluid::run)] {
        let (without, with) = (solve(&scenario(false)), solve(&scenario(true)));
        assert_eq!(total(&without, Metric::BookInsCbp), 0.0, "{solver}: no border, no CBP");
        let arrests = total(&with, Metric::ArrestsBpInterior);
        let cbp = total(&with, Metric::BookInsCbp);
        assert!(arrests > 1_000.0, "{solver}: the detail arrests ({arrests})");
        // Booked (not released at processing) and admitted: most, never more.
        assert!(cbp > 0.5 * arrests && cbp <= arrests * 1.001, "{solver}: {cbp} of {arrests}");
        // ICE's own book-ins are what they were without the detail (no shared pool here).
        let (a, b) = (total(&without, Metric::BookInsIce), total(&with, Metric::BookInsIce));
        assert!((b / a - 1.0).abs() < 0.03, "{solver}: ICE book-ins {a} -> {b}");
    }
}
