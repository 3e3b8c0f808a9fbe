//! Daily variation (`model::variation`): day-of-week effects and multi-day operations make
//! the DES's daily arrests overdispersed while keeping their mean, which the fluid books.

use model::{RunOptions, RunResult, Scenario, fluid, run, testkit};

use super::daily::col;

/// A one-office year with the variation on as in the baselines (stronger operations, so
/// a single office shows them).
fn varied() -> Scenario {
    let mut sc = testkit::tiny();
    sc.days = 364;
    sc.ero.weekend_effort = 0.31;
    sc.ero.office_operations_per_year = 8.0;
    sc.ero.national_operations_per_year = 4.0;
    sc.ero.operation_days = 5.0;
    sc.ero.office_operation_effort = 3.0;
    sc.ero.national_operation_effort = 1.6;
    sc
}

fn des(sc: &Scenario, seed: u64) -> RunResult {
    run(sc, RunOptions { replications: Some(4), seed: Some(seed), threads: 0 }).unwrap()
}

/// Each replication's daily interior arrests, all days of all replications.
fn daily_arrests(r: &RunResult) -> Vec<Vec<f64>> {
    let cols: Vec<usize> = model::Channel::INTERIOR_ARRESTS.iter().map(|m| col(m.name())).collect();
    r.national_daily
        .iter()
        .map(|rep| rep.iter().map(|d| cols.iter().map(|k| d[*k]).sum()).collect())
        .collect()
}

/// Variance over mean of the days' counts, averaged over replications.
fn dispersion(r: &RunResult) -> f64 {
    let reps = daily_arrests(r);
    let n = reps.len() as f64;
    reps.iter()
        .map(|v| {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
            var / m
        })
        .sum::<f64>()
        / n
}

fn mean_per_day(r: &RunResult) -> f64 {
    let reps = daily_arrests(r);
    reps.iter().map(|v| v.iter().sum::<f64>() / v.len() as f64).sum::<f64>() / reps.len() as f64
}

#[test]
fn daily_arrests_are_overdispersed_with_the_variation_and_poisson_without() {
    let smooth = des(&testkit::tiny_year(), 3);
    let varied = des(&varied(), 3);
    let (off, on) = (dispersion(&smooth), dispersion(&varied));
    // Poisson around a slowly moving mean: ≈ 1 (the pools' slow depletion adds a little).
    assert!((0.7..1.5).contains(&off), "without: {off}");
    assert!(on > 3.0, "with: {on}");
}

#[test]
fn the_variation_keeps_the_mean_in_both_solvers() {
    let sc = varied();
    let (f_on, f_off) = (fluid::run(&sc), fluid::run(&testkit::tiny_year()));
    let (fm_on, fm_off) = (mean_per_day(&f_on), mean_per_day(&f_off));
    // The fluid books the expectation: weights average 1 over each whole week.
    assert!((fm_on / fm_off - 1.0).abs() < 0.005, "fluid {fm_on} vs {fm_off}");
    // The DES draws the operations; its year agrees with the fluid's.
    let d = mean_per_day(&des(&sc, 11));
    assert!((d / fm_on - 1.0).abs() < 0.03, "DES {d} vs fluid {fm_on}");
}

#[test]
fn the_variation_is_deterministic() {
    let sc = varied();
    let (a, b) = (des(&sc, 7), des(&sc, 7));
    assert_eq!(daily_arrests(&a), daily_arrests(&b));
    assert_ne!(daily_arrests(&a), daily_arrests(&des(&sc, 8)));
}
