//! The range each answer takes over the assumption ranges: the "honest interval" printed
//! beside the Monte Carlo one.
//!
//! A run's 95% interval says how much its answers move between random draws with every
//! assumption held at its stated value. This module asks the other question: the
//! scenario's flagged assumptions are drawn together across their stated ranges (the
//! factors and default groups of a sensitivity study, `scenario::factors`), at `samples`
//! quasi-random points (a scrambled Sobol sequence, one coordinate per group), each point
//! is run in the fluid mode (deterministic, milliseconds), and each national measure's
//! 5th, 50th and 95th percentiles over the points are its range. Same scenario and seed,
//! same ranges, whatever the thread count.
//!
//! Each coordinate is read on the scale centred on the scenario's value
//! (`scenario::factors::apply_around`): a draw is the stated value at ½ and the ends of
//! its range at 0 and 1, so every assumption's median is its stated value and the steps of
//! a schedule or the offices of a parameter move from their own values. On the uniform
//! scale of a Sobol study (every member at `lo + u·(hi − lo)`) the ranges of
//! baseline-fy2025 put the calibrated run itself below the 5th percentile of arrests
//! (704 a day against 725–1,947): the centre of each range is not the value the data
//! chose, and a schedule whose early steps are 0 would be raised from its first day.

use model::{AssumptionRange, AssumptionRanges, MEASURES, summary::Summed};
use scenario::Loaded;
use scenario::factors::{self, Factor, Grouping};

use super::sobol::quantile;
use super::{Hooks, SensitivityError, evaluate, sobol_point};

/// Points when a front-end does not say. On baseline-fy2025 the 5th and 95th percentiles
/// of the headline measures move by up to ~8% between seeds with 128 points (~20% with
/// 64), and 128 fluid runs of a national year take about a second on two cores.
pub const DEFAULT_SAMPLES: usize = 128;

/// Runs `samples` points of `loaded`'s assumption ranges in the fluid mode and returns
/// every national measure's 5–50–95% points. `seed` scrambles the point set (front-ends
/// pass the run's seed); `threads` 0 uses every core. A cancelled study keeps the points
/// that finished (`samples` then says how many).
pub fn assumption_ranges(
    loaded: &Loaded,
    samples: usize,
    seed: u64,
    threads: usize,
    hooks: &Hooks,
) -> Result<AssumptionRanges, SensitivityError> {
    let side = Side::new(loaded, &mut Vec::new());
    sample(&[side], samples, seed, threads, hooks, |y| y[0].clone())
}

/// The range of B − A of every national measure over the assumption ranges, paired: A and
/// B are run at the same points, each assumption group they share at the same coordinate
/// (a what-if that `extends` A shares all of A's groups and adds its own), so the range
/// is the effect's, not the difference of two independent spreads.
pub fn difference_ranges(
    a: &Loaded,
    b: &Loaded,
    samples: usize,
    seed: u64,
    threads: usize,
    hooks: &Hooks,
) -> Result<AssumptionRanges, SensitivityError> {
    let mut union = Vec::new();
    let sides = [Side::new(a, &mut union), Side::new(b, &mut union)];
    sample(&sides, samples, seed, threads, hooks, |y| {
        y[1].iter().zip(&y[0]).map(|(yb, ya)| yb - ya).collect()
    })
}

/// One scenario of a sampled study: its factors, and for each of its groups the index of
/// that group's coordinate among all the sides' groups.
struct Side<'a> {
    loaded: &'a Loaded,
    factors: Vec<Factor>,
    coords: Vec<usize>,
}

impl<'a> Side<'a> {
    /// The side of `loaded`; its groups not yet in `union` are appended to it.
    fn new(loaded: &'a Loaded, union: &mut Vec<String>) -> Side<'a> {
        let factors = factors::factors_grouped(loaded, Grouping::default());
        let coords = factors::groups(&factors)
            .into_iter()
            .map(|g| match union.iter().position(|u| *u == g) {
                Some(i) => i,
                None => {
                    union.push(g);
                    union.len() - 1
                }
            })
            .collect();
        Side { loaded, factors, coords }
    }

    /// Every national measure of the fluid run at `point` (coordinates of all groups).
    fn run(&self, point: &[f64], j: usize) -> Result<Vec<f64>, SensitivityError> {
        let mine: Vec<f64> = self.coords.iter().map(|&i| point[i]).collect();
        let mut sc = self.loaded.scenario.clone();
        factors::apply_around(&mut sc, &self.factors, &mine)
            .map_err(|e| SensitivityError::Factors(format!("point {j}: {e}")))?;
        let rep = model::fluid::run_replication(&sc);
        let summed = Summed::new(&rep.daily);
        Ok(MEASURES.iter().map(|m| (m.compute)(&summed, &rep.durations, None)).collect())
    }
}

/// Runs every side at `samples` points and takes the percentiles of `combine`'s value
/// (one per measure) of the sides' outputs at each point.
fn sample(
    sides: &[Side],
    samples: usize,
    seed: u64,
    threads: usize,
    hooks: &Hooks,
    combine: impl Fn(&[Vec<f64>]) -> Vec<f64> + Sync,
) -> Result<AssumptionRanges, SensitivityError> {
    if samples < 2 {
        return Err(SensitivityError::TooFewSamples { asked: samples, min: 2 });
    }
    let k = sides.iter().flat_map(|s| s.coords.iter()).max().map_or(0, |m| m + 1);
    if k == 0 {
        return Err(SensitivityError::NoFactors);
    }
    let run_point = |j: usize| -> Result<Vec<f64>, SensitivityError> {
        let point: Vec<f64> = (0..k).map(|i| sobol_point(j, i, seed)).collect();
        let ys = sides.iter().map(|s| s.run(&point, j)).collect::<Result<Vec<_>, _>>()?;
        Ok(combine(&ys))
    };
    let ev = evaluate(samples, threads, hooks, run_point)?;
    let measures = MEASURES
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let [p05, p50, p95] = percentiles(ev.prefix_column(mi));
            AssumptionRange { key: m.key, p05, p50, p95 }
        })
        .collect();
    Ok(AssumptionRanges {
        solver: "fluid",
        samples: ev.finished(),
        factor_groups: k,
        seed,
        measures,
    })
}

/// The 5th, 50th and 95th percentiles (numpy's "linear") of the finite values of `xs`;
/// NaN when there are none.
pub(crate) fn percentiles(mut xs: Vec<f64>) -> [f64; 3] {
    xs.retain(|x| x.is_finite());
    if xs.is_empty() {
        return [f64::NAN; 3];
    }
    xs.sort_by(f64::total_cmp);
    [quantile(&xs, 0.05), quantile(&xs, 0.5), quantile(&xs, 0.95)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_skip_non_finite_values() {
        let xs: Vec<f64> = (0..=100).map(f64::from).chain([f64::NAN, f64::INFINITY]).collect();
        assert_eq!(percentiles(xs), [5.0, 50.0, 95.0]);
        assert!(percentiles(vec![f64::NAN]).iter().all(|x| x.is_nan()));
    }
}
