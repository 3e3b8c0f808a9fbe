//! A sensitivity study of a scenario: its factors (`scenario::factors`, grouped by
//! default), a design over their groups, each row run as the scenario with the factor
//! values applied, and the indices of each measure.
//!
//! Each row is an independent run: in fluid mode `model::fluid` (deterministic); in DES
//! mode `model::run` with the scenario's own seed and replications, so every row draws
//! the same random numbers (common random numbers) and differences between rows come from
//! the factors, not from luck. Either way a row's outputs depend only on its point, and
//! the study's indices are the same bit for bit for any thread count.

use model::{MEASURES, Measure, RunOptions, Scenario, summary::Summed};
use scenario::Loaded;
use scenario::factors::{self, Factor, Grouping};

use super::{
    Evaluated, Hooks, MorrisDesign, MorrisIndex, SaltelliDesign, SensitivityError, SobolIndex,
    evaluate, ranges::percentiles, sobol_indices,
};

/// Which method a study uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Sobol indices on a Saltelli design: `samples · (groups + 2)` runs.
    Sobol,
    /// Morris screening: `samples` trajectories of `groups + 1` runs.
    Morris,
}

/// Which solver runs each row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The fluid approximation (milliseconds per run; the default).
    Fluid,
    /// The DES with the scenario's seed and replications (common random numbers).
    Des,
}

/// What to study, as the command line gives it.
#[derive(Clone, Debug)]
pub struct StudySpec {
    /// The method.
    pub method: Method,
    /// Base samples (Sobol) or trajectories (Morris).
    pub samples: usize,
    /// Morris grid levels (even).
    pub levels: usize,
    /// `all` or a comma-separated list of factor groups, paths or names.
    pub params: String,
    /// `all` or a comma-separated list of measure keys (`model::MEASURES`).
    pub measures: String,
    /// The solver.
    pub mode: Mode,
    /// One group per office and per schedule step instead of the default groups.
    pub ungroup: bool,
    /// Seeds the design's scrambling (Sobol), trajectories (Morris) and bootstrap.
    pub seed: u64,
    /// Bootstrap resamples for the Sobol intervals.
    pub resamples: usize,
}

/// The design of a study.
#[derive(Clone, Debug)]
pub enum Design {
    /// Saltelli blocks.
    Sobol(SaltelliDesign),
    /// Morris trajectories.
    Morris(MorrisDesign),
}

impl Design {
    /// Rows (runs).
    pub fn rows(&self) -> usize {
        match self {
            Design::Sobol(d) => d.rows(),
            Design::Morris(d) => d.rows(),
        }
    }

    /// Row `r`: one coordinate in [0, 1] per group.
    pub fn row(&self, r: usize) -> &[f64] {
        match self {
            Design::Sobol(d) => d.row(r),
            Design::Morris(d) => d.row(r),
        }
    }
}

/// A planned study: what varies, what is measured, and the rows to run.
#[derive(Clone)]
pub struct Study {
    /// The scenario every row starts from.
    pub base: Scenario,
    /// The factors varied.
    pub factors: Vec<Factor>,
    /// Their groups, one design coordinate each.
    pub groups: Vec<String>,
    /// The measures recorded, in output order.
    pub measures: Vec<&'static Measure>,
    /// The design.
    pub design: Design,
    /// The spec it was planned from.
    pub spec: StudySpec,
}

/// The indices of one (group, measure) pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Indices {
    /// Sobol first-order and total indices.
    Sobol(SobolIndex),
    /// Morris μ, μ*, σ.
    Morris(MorrisIndex),
}

/// One row of indices.csv.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    /// The factor group.
    pub parameter: String,
    /// The measure key.
    pub measure: &'static str,
    /// Its indices.
    pub indices: Indices,
}

/// The spread of a measure over the study's runs: the range an answer takes over the
/// assumption ranges (not a Monte Carlo interval).
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// The measure key.
    pub measure: &'static str,
    /// 5th percentile over the runs.
    pub p05: f64,
    /// Median over the runs.
    pub p50: f64,
    /// 95th percentile over the runs.
    pub p95: f64,
    /// Runs it is taken over.
    pub runs: usize,
}

/// The measures named by `list` (`all`, or keys separated by commas).
pub fn measures(list: &str) -> Result<Vec<&'static Measure>, SensitivityError> {
    if list.trim() == "all" {
        return Ok(MEASURES.iter().collect());
    }
    let keys = || MEASURES.iter().map(|m| m.key);
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            MEASURES.iter().find(|m| m.key == name).ok_or_else(|| {
                SensitivityError::UnknownMeasure {
                    name: name.to_string(),
                    suggestion: scenario::names::closest(name, keys()).map(str::to_string),
                    known: keys().map(str::to_string).collect(),
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .and_then(|v| if v.is_empty() { Err(SensitivityError::NoMeasures) } else { Ok(v) })
}

impl Study {
    /// Plans the study of `loaded` that `spec` describes.
    pub fn plan(loaded: &Loaded, spec: StudySpec) -> Result<Study, SensitivityError> {
        let grouping = if spec.ungroup { Grouping::NONE } else { Grouping::default() };
        let all = factors::factors_grouped(loaded, grouping);
        let factors = if spec.params.trim() == "all" {
            all
        } else {
            factors::select(loaded, &all, &spec.params)
                .map_err(|e| SensitivityError::Factors(e.to_string()))?
        };
        let groups = factors::groups(&factors);
        let measures = measures(&spec.measures)?;
        let k = groups.len();
        let design = match spec.method {
            Method::Sobol => Design::Sobol(SaltelliDesign::new(k, spec.samples, spec.seed)?),
            Method::Morris => {
                Design::Morris(MorrisDesign::new(k, spec.samples, spec.levels, spec.seed)?)
            }
        };
        Ok(Study { base: loaded.scenario.clone(), factors, groups, measures, design, spec })
    }

    /// The scenario of row `r`: the base with every factor moved to the row's point.
    pub fn scenario(&self, r: usize) -> Result<Scenario, SensitivityError> {
        let mut sc = self.base.clone();
        factors::apply(&mut sc, &self.factors, self.design.row(r))
            .map_err(|e| SensitivityError::Factors(format!("row {r}: {e}")))?;
        Ok(sc)
    }

    /// Runs row `r` and returns its measures, in [`Study::measures`] order.
    pub fn run_row(&self, r: usize) -> Result<Vec<f64>, SensitivityError> {
        let sc = self.scenario(r)?;
        match self.spec.mode {
            Mode::Fluid => {
                let rep = model::fluid::run_replication(&sc);
                let summed = Summed::new(&rep.daily);
                Ok(self
                    .measures
                    .iter()
                    .map(|m| (m.compute)(&summed, &rep.durations, None))
                    .collect())
            }
            Mode::Des => {
                let opts = RunOptions { replications: None, seed: None, threads: 1 };
                let result =
                    model::run(&sc, opts).map_err(|e| SensitivityError::Run(e.to_string()))?;
                Ok(self
                    .measures
                    .iter()
                    .map(|m| result.national(m.key).map_or(f64::NAN, |e| e.estimate.mean))
                    .collect())
            }
        }
    }

    /// Runs every row on `threads` threads (0: all cores), stopping early if told to.
    pub fn run(&self, threads: usize, hooks: &Hooks) -> Result<Evaluated, SensitivityError> {
        evaluate(self.design.rows(), threads, hooks, |r| self.run_row(r))
    }

    /// The indices of every (group, measure) from the rows that finished (whole Saltelli
    /// blocks or Morris trajectories of the finished prefix), group by group.
    pub fn analyse(&self, ev: &Evaluated) -> Result<Vec<IndexRow>, SensitivityError> {
        let k = self.groups.len();
        let mut by_measure = Vec::with_capacity(self.measures.len());
        for (mi, _) in self.measures.iter().enumerate() {
            let y = ev.prefix_column(mi);
            let ix: Vec<Indices> = match &self.design {
                Design::Sobol(_) => {
                    let s = sobol_indices(k, &y, self.spec.resamples, self.spec.seed, mi as u64)?;
                    s.into_iter().map(Indices::Sobol).collect()
                }
                Design::Morris(d) => d.analyze(&y)?.into_iter().map(Indices::Morris).collect(),
            };
            by_measure.push(ix);
        }
        let mut rows = Vec::with_capacity(k * self.measures.len());
        for (g, name) in self.groups.iter().enumerate() {
            for (mi, m) in self.measures.iter().enumerate() {
                rows.push(IndexRow {
                    parameter: name.clone(),
                    measure: m.key,
                    indices: by_measure[mi][g],
                });
            }
        }
        Ok(rows)
    }

    /// Whether row `r` is a point drawn on its own: Saltelli's A and B rows (the AB rows
    /// repeat their coordinates), every row of a Morris trajectory (each is uniform on
    /// the grid).
    fn independent_row(&self, r: usize) -> bool {
        let k = self.groups.len();
        match self.design {
            Design::Sobol(_) => r.is_multiple_of(k + 2) || r % (k + 2) == k + 1,
            Design::Morris(_) => true,
        }
    }

    /// The 5–50–95% points of each measure over the rows that finished (Sobol: the A and
    /// B rows only, 2N points).
    pub fn spreads(&self, ev: &Evaluated) -> Vec<Spread> {
        self.measures
            .iter()
            .enumerate()
            .map(|(mi, m)| {
                let xs: Vec<f64> = ev
                    .outputs
                    .iter()
                    .enumerate()
                    .filter(|(r, _)| self.independent_row(*r))
                    .filter_map(|(_, o)| o.as_ref().map(|v| v[mi]))
                    .collect();
                let runs = xs.iter().filter(|x| x.is_finite()).count();
                let [p05, p50, p95] = percentiles(xs);
                Spread { measure: m.key, p05, p50, p95, runs }
            })
            .collect()
    }
}
