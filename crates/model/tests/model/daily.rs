//! Reading a run's national daily table in the tests: one metric, summed over days, mean
//! over replications.

use model::RunResult;

/// The column of a daily metric, by its output name.
pub fn col(key: &str) -> usize {
    model::Metric::ALL.iter().position(|m| m.name() == key).unwrap()
}

/// Mean over replications of a national daily metric summed over measured days `days`.
pub fn sum_days(r: &RunResult, key: &str, days: std::ops::Range<usize>) -> f64 {
    let k = col(key);
    let reps = r.national_daily.len() as f64;
    r.national_daily
        .iter()
        .map(|rep| rep[days.clone()].iter().map(|d| d[k]).sum::<f64>())
        .sum::<f64>()
        / reps
}

/// The same over the whole measured window.
pub fn total(r: &RunResult, key: &str) -> f64 {
    sum_days(r, key, 0..r.national_daily[0].len())
}

/// Replication `rep`'s national value of `key` on every measured day.
pub fn series(r: &RunResult, rep: usize, key: &str) -> Vec<f64> {
    let k = col(key);
    r.national_daily[rep].iter().map(|d| d[k]).collect()
}

/// `sc` run by the DES (`replications` with `seed`) and by the fluid, in that order.
pub fn both_solvers(sc: &model::Scenario, replications: u32, seed: u64) -> [RunResult; 2] {
    let opts = model::RunOptions { replications: Some(replications), seed: Some(seed), threads: 0 };
    [model::run(sc, opts).unwrap(), model::fluid::run(sc)]
}
