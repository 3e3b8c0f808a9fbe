//! The built-in baselines reproduce the published figures they were calibrated to
//! (targets and sources: shared/calibration/README.md, docs/calibration.md).

use model::{Metric, RunOptions, RunResult};

fn run(name: &str, reps: u32) -> RunResult {
    let loaded = scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    model::run(&loaded.scenario, RunOptions { replications: Some(reps), ..Default::default() })
        .expect("runs")
}

fn assert_within(what: &str, simulated: f64, published: f64, tolerance: f64) {
    let rel = (simulated - published) / published;
    assert!(
        rel.abs() <= tolerance,
        "{what}: simulated {simulated:.1}, published {published:.1} ({:+.1}%, allowed ±{:.0}%)",
        rel * 100.0,
        tolerance * 100.0
    );
}

/// Sum of a national daily metric (mean over replications) over the first `days` days.
fn total(r: &RunResult, m: Metric, days: usize) -> f64 {
    (0..days).map(|d| r.daily_mean.national(d, m)).sum()
}

/// Mean of the national detained population over the days of one calendar month.
fn month_adp(r: &RunResult, month: &str) -> f64 {
    let days: Vec<usize> = (0..r.daily_mean.days())
        .filter(|&d| r.scenario.start.plus(d as i32).month_key() == month)
        .collect();
    days.iter().map(|&d| r.daily_mean.national(d, Metric::Detained)).sum::<f64>()
        / days.len() as f64
}

#[test]
fn baseline_fy2024_reproduces_ice_fy2024_within_10_percent() {
    let r = run("baseline-fy2024", 4);
    let m = |k: &str| r.national(k).unwrap().estimate.mean;
    assert_within("arrests (arrests_per_day × 366)", m("arrests_per_day") * 366.0, 113_431.0, 0.10);
    assert_within("book-ins", m("book_ins"), 277_913.0, 0.10);
    assert_within("average daily population", m("adp"), 37_722.0, 0.10);
    assert_within("average length of stay", m("alos_days"), 46.9, 0.10);
    assert_within("removals", m("removals"), 271_484.0, 0.10);
    assert!(r.invariants.iter().all(|i| i.all_ok()), "invariants failed");
}

#[test]
fn baseline_fy2025_reproduces_ice_fy2025_within_15_percent() {
    let r = run("baseline-fy2025", 4);
    // ICE's FY2025 totals run to about 21 September 2025: compare the same 355 days.
    let days = 355;
    let book_ins = total(&r, Metric::BookInsIce, days) + total(&r, Metric::BookInsCbp, days);
    assert_within("book-ins (355 days)", book_ins, 310_181.0, 0.15);
    let removals: f64 = model::summary::REMOVALS.iter().map(|m| total(&r, *m, days)).sum();
    assert_within("removals (355 days)", removals, 319_980.0, 0.15);
    let adp = total(&r, Metric::Detained, days) / days as f64;
    assert_within("average daily population (355 days)", adp, 48_404.0, 0.15);
    // The detention population rises from ≈40,000 in January to ≈60,000 in August 2025.
    let (jan, aug) = (month_adp(&r, "2025-01"), month_adp(&r, "2025-08"));
    assert_within("ADP January 2025", jan, 40_203.0, 0.15);
    assert_within("ADP August 2025", aug, 60_930.0, 0.15);
    assert!(aug > 1.3 * jan, "the population should rise by about half: {jan:.0} → {aug:.0}");
    // ≈1,000–1,300 interior arrests a day reported for August–September 2025.
    let late: Vec<usize> = (0..r.daily_mean.days())
        .filter(|&d| {
            matches!(r.scenario.start.plus(d as i32).month_key().as_str(), "2025-08" | "2025-09")
        })
        .collect();
    let arrests: f64 = late
        .iter()
        .map(|&d| {
            model::summary::INTERIOR_ARRESTS
                .iter()
                .map(|m| r.daily_mean.national(d, *m))
                .sum::<f64>()
        })
        .sum::<f64>()
        / late.len() as f64;
    assert!((1_000.0..=1_300.0).contains(&arrests), "Aug–Sep 2025 arrests/day {arrests:.0}");
    assert!(r.invariants.iter().all(|i| i.all_ok()), "invariants failed");
}
