//! The facade front-ends call: a scenario in, summarised results out.

use serde::Serialize;

use crate::config::Scenario;
use crate::metrics::{Daily, Durations, METRIC_COUNT, Metric};
use crate::scorecard::{self, ScorecardRow};
use crate::sim::{Invariants, Replication, run_replication};
use crate::summary::{Estimate, MEASURES};

/// Overrides of the scenario's own run settings.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Replications (default: the scenario's).
    pub replications: Option<u32>,
    /// Master seed (default: the scenario's).
    pub seed: Option<u64>,
    /// Worker threads (0 = all cores). Results do not depend on it.
    pub threads: usize,
}

/// One headline measure, summarised.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureEstimate {
    /// Key (see [`MEASURES`]).
    pub key: &'static str,
    /// Mean and 95% CI over replications.
    pub estimate: Estimate,
    /// The value in each replication, in replication order.
    pub values: Vec<f64>,
}

/// The summarised outputs of one run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The scenario as run (with the options applied).
    pub scenario: Scenario,
    /// National measures.
    pub national: Vec<MeasureEstimate>,
    /// Measures by office, in office order.
    pub offices: Vec<Vec<MeasureEstimate>>,
    /// Daily rows averaged over replications.
    pub daily_mean: Daily,
    /// National daily value of every metric in every replication: `[rep][day][metric]`.
    pub national_daily: Vec<Vec<[f64; METRIC_COUNT]>>,
    /// Quarterly office scorecards.
    pub scorecards: Vec<ScorecardRow>,
    /// Duration distributions (arrest to removal, length of stay) of each replication, in
    /// replication order: the report draws their quantile curves with 95% bands.
    pub durations: Vec<Durations>,
    /// Invariant checks, one per replication.
    pub invariants: Vec<Invariants>,
    /// Events handled, all replications.
    pub events: u64,
    /// Largest number of cases held in memory at once by one replication.
    pub peak_cases: usize,
}

impl RunResult {
    /// The national estimate of a measure by key.
    pub fn national(&self, key: &str) -> Option<&MeasureEstimate> {
        self.national.iter().find(|m| m.key == key)
    }

    /// Mean and CI of a national daily metric on each day.
    pub fn national_series(&self, m: Metric) -> Vec<Estimate> {
        let days = self.daily_mean.days();
        (0..days)
            .map(|d| {
                let xs: Vec<f64> =
                    self.national_daily.iter().map(|rep| rep[d][m as usize]).collect();
                Estimate::of(&xs)
            })
            .collect()
    }
}

/// Why a run could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The worker pool could not be built.
    Threads(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Threads(e) => write!(f, "could not start worker threads: {e}"),
        }
    }
}

impl std::error::Error for RunError {}

/// Runs every replication of `scenario` (in parallel; results are identical for any
/// thread count) and summarises them.
pub fn run(scenario: &Scenario, opts: RunOptions) -> Result<RunResult, RunError> {
    run_with_progress(scenario, opts, &|| {})
}

/// Like [`run`], calling `tick` as each replication finishes (for progress bars).
pub fn run_with_progress(
    scenario: &Scenario,
    opts: RunOptions,
    tick: &(dyn Fn() + Sync),
) -> Result<RunResult, RunError> {
    let mut sc = scenario.clone();
    if let Some(r) = opts.replications {
        sc.replications = r.max(1);
    }
    if let Some(s) = opts.seed {
        sc.seed = s;
    }
    let reps = des::replicate_on(opts.threads, sc.replications as u64, sc.seed, |streams| {
        let r = run_replication(&sc, &streams);
        tick();
        r
    })
    .map_err(|e| RunError::Threads(e.to_string()))?;
    Ok(summarise(sc, reps))
}

fn summarise(sc: Scenario, reps: Vec<Replication>) -> RunResult {
    let n_offices = sc.offices.len();
    let estimates = |office: Option<usize>| {
        MEASURES
            .iter()
            .map(|m| {
                let values: Vec<f64> =
                    reps.iter().map(|r| (m.compute)(&r.daily, &r.durations, office)).collect();
                MeasureEstimate { key: m.key, estimate: Estimate::of(&values), values }
            })
            .collect::<Vec<_>>()
    };
    let national = estimates(None);
    let offices = (0..n_offices).map(|o| estimates(Some(o))).collect();

    let days = sc.days as usize;
    let mut daily_mean = Daily::new(days, n_offices);
    let inv_n = 1.0 / reps.len() as f64;
    for r in &reps {
        for d in 0..days {
            for o in 0..n_offices {
                for m in Metric::ALL {
                    daily_mean.add(d, o, *m, r.daily.get(d, o, *m) * inv_n);
                }
            }
        }
    }
    let national_daily = reps
        .iter()
        .map(|r| {
            (0..days)
                .map(|d| {
                    let mut row = [0.0; METRIC_COUNT];
                    for m in Metric::ALL {
                        row[*m as usize] = r.daily.national(d, *m);
                    }
                    row
                })
                .collect()
        })
        .collect();
    let scorecards = scorecard::build(&sc, &reps);
    RunResult {
        national,
        offices,
        daily_mean,
        national_daily,
        scorecards,
        durations: reps.iter().map(|r| r.durations.clone()).collect(),
        events: reps.iter().map(|r| r.events).sum(),
        peak_cases: reps.iter().map(|r| r.peak_cases).max().unwrap_or(0),
        invariants: reps.into_iter().map(|r| r.invariants).collect(),
        scenario: sc,
    }
}
