//! The facade front-ends call: a scenario in, summarised results out.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::config::Scenario;
use crate::metrics::{Daily, Durations, METRIC_COUNT, Metric};
use crate::replication::{Invariants, Replication};
use crate::scorecard::{self, ScorecardRow};
use crate::sim::run_replication_hooked;
use crate::summary::{Estimate, MEASURES, Summed};

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
    /// The range each national measure takes over the scenario's assumption ranges, when
    /// a front-end computed it (`study::sensitivity::assumption_ranges`); `None` from
    /// [`run`] and [`crate::fluid::run`] themselves.
    pub assumption_ranges: Option<AssumptionRanges>,
}

/// The 5–50–95% points of one national measure over runs whose assumptions were drawn
/// across their stated ranges: how far the answer depends on what is assumed, which the
/// Monte Carlo interval (random draws only) does not show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AssumptionRange {
    /// Measure key (see [`MEASURES`]).
    pub key: &'static str,
    /// 5th percentile over the runs.
    pub p05: f64,
    /// Median over the runs.
    pub p50: f64,
    /// 95th percentile over the runs.
    pub p95: f64,
}

/// How the assumption ranges of a run were taken, and the ranges themselves.
#[derive(Clone, Debug, PartialEq)]
pub struct AssumptionRanges {
    /// The solver of the sampled runs (`fluid`).
    pub solver: &'static str,
    /// Runs that finished (each at one quasi-random point of the assumption ranges).
    pub samples: usize,
    /// Factor groups varied together (as `caseload sensitivity` groups them).
    pub factor_groups: usize,
    /// Seed of the point set's scrambling.
    pub seed: u64,
    /// One range per national measure, in [`MEASURES`] order.
    pub measures: Vec<AssumptionRange>,
}

impl AssumptionRanges {
    /// The range of measure `key`, if it was taken.
    pub fn of(&self, key: &str) -> Option<&AssumptionRange> {
        self.measures.iter().find(|m| m.key == key)
    }
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

/// Why a run produced no result.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The worker pool could not be built.
    Threads(String),
    /// [`Hooks::cancel`] was set before every replication had finished.
    Cancelled,
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Threads(e) => write!(f, "could not start worker threads: {e}"),
            RunError::Cancelled => write!(f, "the run was cancelled"),
        }
    }
}

impl std::error::Error for RunError {}

/// Observes a replication's measured days as they close: `(replication, measured day index,
/// one row per office indexed by `Metric as usize`)`. Called from the replication's worker
/// thread, so several replications call it at once.
pub type OnDay<'a> = dyn Fn(u32, usize, &[[f64; METRIC_COUNT]]) + Sync + 'a;

/// What a front-end is told while a run goes on, and how it stops one. The default has no
/// hook and runs exactly as [`run`].
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called as each replication finishes (progress bars). Not called for a replication
    /// that was cancelled.
    pub on_replication: Option<&'a (dyn Fn() + Sync)>,
    /// Called once per measured (post-warm-up) day of every replication, in day order
    /// within a replication, with that day's final values (flows and end-of-day stocks).
    /// The rows are the replication's own, not means: replications run in parallel, so a
    /// live view picks one (say replication 0) and waits for [`RunResult`] for the means.
    pub on_day: Option<&'a OnDay<'a>>,
    /// Set it to stop the run: every replication checks it before each simulated day
    /// (warm-up included) and the run returns [`RunError::Cancelled`]. With a flag or a day
    /// observer a replication advances one day at a time; that costs nothing measurable
    /// (`benches/hooks.rs`, `bench/results/hooks.txt`: a national replication takes the
    /// same time with both as with neither, within noise), a national day being ~1 ms.
    pub cancel: Option<&'a AtomicBool>,
}

impl Hooks<'_> {
    /// True once the cancel flag is set.
    #[inline]
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("on_replication", &self.on_replication.is_some())
            .field("on_day", &self.on_day.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

/// Runs every replication of `scenario` (in parallel; results are identical for any
/// thread count) and summarises them.
pub fn run(scenario: &Scenario, opts: RunOptions) -> Result<RunResult, RunError> {
    run_with_hooks(scenario, opts, &Hooks::default())
}

/// Like [`run`], calling `tick` as each replication finishes (for progress bars).
pub fn run_with_progress(
    scenario: &Scenario,
    opts: RunOptions,
    tick: &(dyn Fn() + Sync),
) -> Result<RunResult, RunError> {
    run_with_hooks(scenario, opts, &Hooks { on_replication: Some(tick), ..Hooks::default() })
}

/// Like [`run`], telling `hooks` about replications and days as they finish and stopping
/// when its cancel flag is set. The result does not depend on the hooks.
pub fn run_with_hooks(
    scenario: &Scenario,
    opts: RunOptions,
    hooks: &Hooks,
) -> Result<RunResult, RunError> {
    let mut sc = scenario.clone();
    if let Some(r) = opts.replications {
        sc.replications = r.max(1);
    }
    if let Some(s) = opts.seed {
        sc.seed = s;
    }
    let reps = des::replicate_on(opts.threads, sc.replications as u64, sc.seed, |streams| {
        let r = run_replication_hooked(&sc, &streams, hooks);
        if let (Some(tick), Some(_)) = (hooks.on_replication, &r) {
            tick();
        }
        r
    })
    .map_err(|e| RunError::Threads(e.to_string()))?;
    // A replication that had not started when the flag was set stops at its first day.
    let reps: Option<Vec<Replication>> = reps.into_iter().collect();
    Ok(summarise(sc, reps.ok_or(RunError::Cancelled)?))
}

/// Summarises replications (in replication order) into the result front-ends read. The
/// fluid calls it with its one pseudo-replication, so both modes share one definition of
/// every measure, table and scorecard.
pub(crate) fn summarise(sc: Scenario, mut reps: Vec<Replication>) -> RunResult {
    let n_offices = sc.offices.len();
    let summed: Vec<Summed> = reps.iter().map(|r| Summed::new(&r.daily)).collect();
    let estimates = |office: Option<usize>| {
        MEASURES
            .iter()
            .map(|m| {
                let values: Vec<f64> = reps
                    .iter()
                    .zip(&summed)
                    .map(|(r, s)| (m.compute)(s, &r.durations, office))
                    .collect();
                MeasureEstimate { key: m.key, estimate: Estimate::of(&values), values }
            })
            .collect::<Vec<_>>()
    };
    let national = estimates(None);
    let offices = (0..n_offices).map(|o| estimates(Some(o))).collect();

    let days = sc.days as usize;
    let national_daily: Vec<Vec<[f64; METRIC_COUNT]>> = summed
        .into_iter()
        .map(|s| {
            let mut rows = s.national;
            rows.resize(days, [0.0; METRIC_COUNT]);
            rows
        })
        .collect();
    let scorecards = scorecard::build(&sc, &reps);
    let durations = reps.iter().map(|r| r.durations.clone()).collect();
    // Cell by cell, in replication order: Σ_r x_r / n from zeros (one replication's table
    // is reused rather than copied: nothing reads it after this).
    let inv_n = 1.0 / reps.len() as f64;
    let daily_mean = match reps.as_mut_slice() {
        [one] if (one.daily.days(), one.daily.offices()) == (days, n_offices) => {
            let mut d = std::mem::replace(&mut one.daily, Daily::new(0, 0));
            d.scale_into_zeros(inv_n);
            d
        }
        _ => {
            let mut d = Daily::new(days, n_offices);
            for r in &reps {
                d.add_scaled(&r.daily, inv_n);
            }
            d
        }
    };
    RunResult {
        national,
        offices,
        daily_mean,
        national_daily,
        scorecards,
        durations,
        events: reps.iter().map(|r| r.events).sum(),
        peak_cases: reps.iter().map(|r| r.peak_cases).max().unwrap_or(0),
        invariants: reps.into_iter().map(|r| r.invariants).collect(),
        scenario: sc,
        assumption_ranges: None,
    }
}
