//! Monthly national series: each replication's days grouped by calendar month, then
//! summarised over replications, so the months carry confidence intervals too.

use model::summary::{INTERIOR_ARRESTS, REMOVALS};
use model::{Estimate, METRIC_COUNT, Metric, RunResult};
use serde::Serialize;

/// One calendar month (partial at the run's edges).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Month {
    pub month: String,
    pub days: usize,
    pub adp: Estimate,
    pub arrests_per_day: Estimate,
    pub book_ins: Estimate,
    pub removals: Estimate,
}

/// The months of the run, in order.
pub(crate) fn months(result: &RunResult) -> Vec<Month> {
    let start = result.scenario.start;
    let days = result.national_daily.first().map_or(0, Vec::len);
    // (month, first day, one past the last day)
    let mut spans: Vec<(String, usize, usize)> = Vec::new();
    for d in 0..days {
        let key = start.plus(d as i32).month_key();
        match spans.last_mut() {
            Some((k, _, end)) if *k == key => *end = d + 1,
            _ => spans.push((key, d, d + 1)),
        }
    }
    spans
        .into_iter()
        .map(|(month, from, to)| {
            let n = (to - from) as f64;
            let over_reps = |f: &dyn Fn(&[[f64; METRIC_COUNT]]) -> f64| {
                let xs: Vec<f64> = result.national_daily.iter().map(|r| f(&r[from..to])).collect();
                Estimate::of(&xs)
            };
            let sum = |rows: &[[f64; METRIC_COUNT]], ms: &[Metric]| -> f64 {
                rows.iter().map(|row| ms.iter().map(|m| row[*m as usize]).sum::<f64>()).sum()
            };
            Month {
                month,
                days: to - from,
                adp: over_reps(&|r| sum(r, &[Metric::Detained]) / n),
                arrests_per_day: over_reps(&|r| sum(r, &INTERIOR_ARRESTS) / n),
                book_ins: over_reps(&|r| sum(r, &[Metric::BookInsIce, Metric::BookInsCbp])),
                removals: over_reps(&|r| sum(r, &REMOVALS)),
            }
        })
        .collect()
}
