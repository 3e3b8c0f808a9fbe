//! The search: argmin's Nelder–Mead over the unit cube of a [`Space`], restarted from the
//! best point, keeping the best point seen (so a cancelled search still has one).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use argmin::core::{CostFunction, Error, Executor};
use argmin::solver::neldermead::NelderMead;
use argmin_math::{ArgminAdd, ArgminMul, ArgminSub};
use model::Scenario;

use super::{Loss, Space};
use crate::targets::Targets;

/// Weight of the quadratic penalty on the distance outside the cube.
const PENALTY: f64 = 10.0;

/// Search settings.
#[derive(Clone, Copy, Debug)]
pub struct FitOptions {
    /// Fluid evaluations allowed in all.
    pub max_evals: u64,
    /// Nelder–Mead runs (the first from the scenario's values, each next one from the
    /// best point so far with half the simplex size).
    pub restarts: u32,
    /// Orients the simplexes: same seed, same search.
    pub seed: u64,
}

impl Default for FitOptions {
    fn default() -> FitOptions {
        FitOptions { max_evals: 3000, restarts: 3, seed: 1 }
    }
}

/// What the search tells a front-end, and how it is stopped.
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called after every evaluation with (evaluations so far, best loss so far).
    pub on_eval: Option<&'a (dyn Fn(u64, f64) + Sync)>,
    /// Set to stop: the search ends at the next evaluation and keeps the best point.
    pub cancel: Option<&'a AtomicBool>,
}

/// The search's result.
#[derive(Clone, Debug)]
pub struct Fit {
    /// Best point found (unit cube).
    pub best: Vec<f64>,
    /// Its loss.
    pub loss: f64,
    /// The loss at the scenario's own values.
    pub start_loss: f64,
    /// Fluid evaluations made.
    pub evals: u64,
    /// True if stopped by the cancel flag (the best point so far is kept).
    pub cancelled: bool,
}

/// A point of the cube, as argmin's vector arithmetic needs it.
#[derive(Clone, Debug)]
struct Point(Vec<f64>);

impl ArgminAdd<Point, Point> for Point {
    fn add(&self, o: &Point) -> Point {
        Point(self.0.iter().zip(&o.0).map(|(a, b)| a + b).collect())
    }
}
impl ArgminSub<Point, Point> for Point {
    fn sub(&self, o: &Point) -> Point {
        Point(self.0.iter().zip(&o.0).map(|(a, b)| a - b).collect())
    }
}
impl ArgminMul<f64, Point> for Point {
    fn mul(&self, k: &f64) -> Point {
        Point(self.0.iter().map(|a| a * k).collect())
    }
}

/// The state every Nelder–Mead run shares.
struct Shared<'a> {
    base: &'a Scenario,
    space: &'a dyn Space,
    loss: &'a Loss,
    targets: &'a Targets,
    hooks: Hooks<'a>,
    evals: AtomicU64,
    max_evals: u64,
    best: Mutex<(f64, Vec<f64>)>,
}

/// The objective argmin calls (argmin owns it, so it only borrows the shared state).
///
/// argmin 0.11's Nelder–Mead `init` unwraps the cost of each starting vertex, so the
/// objective must not return an error for the first `init_calls` calls of a run: when
/// cancelled there it answers a large finite loss without evaluating, and the run stops
/// with an error at its first iteration. [`fit`] starts a run only if the budget has room
/// for its whole initial simplex.
struct Objective<'s, 'a> {
    shared: &'s Shared<'a>,
    /// Calls made by this run.
    calls: AtomicU64,
    /// Calls `init` makes (the simplex's vertices).
    init_calls: u64,
}

/// The loss answered for a vertex that was not evaluated (cancelled during `init`).
const UNEVALUATED: f64 = f64::MAX / 4.0;

impl Shared<'_> {
    /// The loss at `u` (clamped into the cube), or `None` if the point cannot be set.
    fn at(&self, u: &[f64]) -> Option<f64> {
        let clamped: Vec<f64> = u.iter().map(|x| x.clamp(0.0, 1.0)).collect();
        let mut sc = self.base.clone();
        self.space.apply(&mut sc, &clamped).ok()?;
        let out: f64 = u.iter().zip(&clamped).map(|(a, b)| (a - b) * (a - b)).sum();
        let loss = self.loss.evaluate(&sc, self.targets).loss;
        let mut best = self.best.lock().expect("not poisoned");
        if loss < best.0 {
            *best = (loss, clamped);
        }
        Some(loss + PENALTY * out)
    }
}

impl CostFunction for Objective<'_, '_> {
    type Param = Point;
    type Output = f64;

    fn cost(&self, p: &Point) -> Result<f64, Error> {
        let s = self.shared;
        let in_init = self.calls.fetch_add(1, Ordering::Relaxed) < self.init_calls;
        if s.hooks.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return if in_init { Ok(UNEVALUATED) } else { Err(Error::msg("cancelled")) };
        }
        let n = s.evals.fetch_add(1, Ordering::Relaxed) + 1;
        if n > s.max_evals {
            return Err(Error::msg("evaluation budget spent"));
        }
        let loss = s.at(&p.0).unwrap_or(UNEVALUATED);
        if let Some(f) = s.hooks.on_eval {
            f(n, s.best.lock().expect("not poisoned").0);
        }
        Ok(loss)
    }
}

/// Minimises `loss` over `space`, starting from the scenario's values.
pub fn fit(
    base: &Scenario,
    space: &dyn Space,
    loss: &Loss,
    targets: &Targets,
    opts: FitOptions,
    hooks: Hooks<'_>,
) -> Fit {
    let start = space.start();
    let obj = Shared {
        base,
        space,
        loss,
        targets,
        hooks,
        evals: AtomicU64::new(0),
        max_evals: opts.max_evals,
        best: Mutex::new((f64::INFINITY, start.clone())),
    };
    let start_loss = obj.at(&start).unwrap_or(f64::INFINITY);
    let mut cancelled = false;
    let mut size = 0.25;
    for r in 0..opts.restarts.max(1) {
        let from = obj.best.lock().expect("not poisoned").1.clone();
        let simplex = simplex(&from, size, opts.seed, r);
        let init_calls = simplex.len() as u64;
        if obj.evals.load(Ordering::Relaxed) + init_calls > opts.max_evals {
            break;
        }
        let Ok(solver) = NelderMead::new(simplex).with_sd_tolerance(1e-7) else { break };
        let iters = opts.max_evals;
        let objective = Objective { shared: &obj, calls: AtomicU64::new(0), init_calls };
        let run = Executor::new(objective, solver).configure(|s| s.max_iters(iters)).run();
        if hooks.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            cancelled = true;
            break;
        }
        if run.is_err() && obj.evals.load(Ordering::Relaxed) >= opts.max_evals {
            break;
        }
        size /= 2.0;
    }
    let (loss, best) = obj.best.into_inner().expect("not poisoned");
    let evals = obj.evals.load(Ordering::Relaxed).min(opts.max_evals) + 1;
    Fit { best, loss, start_loss, evals, cancelled }
}

/// An axis-aligned simplex at `from`: vertex `i` moves coordinate `i` by `size`, in a
/// direction drawn from the seed and turned back if it would leave the cube.
fn simplex(from: &[f64], size: f64, seed: u64, restart: u32) -> Vec<Point> {
    let mut out = vec![Point(from.to_vec())];
    for i in 0..from.len() {
        let mut v = from.to_vec();
        let up = splitmix(seed ^ (u64::from(restart) << 32) ^ i as u64) & 1 == 0;
        let step = if (up && v[i] + size <= 1.0) || v[i] - size < 0.0 { size } else { -size };
        v[i] += step;
        out.push(Point(v));
    }
    out
}

/// SplitMix64: a fixed, portable bit mixer (only orients simplexes).
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
