//! Calibration: the scenario's assumption factors estimated within their ranges against
//! ICE's monthly series, with the fluid mode as the objective.
//!
//! **Loss.** For each fitted series `s` with `n_s` months in the window,
//!
//! ```text
//! L(u) = Σ_s w_s · (1 / n_s) · Σ_m ln(model_{s,m}(u) / published_{s,m})²
//! ```
//!
//! — squared log errors (relative, so book-ins in the tens of thousands and a length of
//! stay of 50 days weigh alike), averaged over months so every series counts the same
//! whatever its months, times a stated weight `w_s` (1 by default). `u` is the point in the
//! unit cube of the factor groups (`lo + u·(hi − lo)` in each range).
//!
//! **Factors.** [`FactorSpace`]: the scenario crate's factor registry (plain numbers,
//! array elements, schedules scaled as one factor, per-office values as one factor, mixes
//! as one joint factor), each group moved from its baselines towards the ends of its
//! ranges. For `all`, a one-at-a-time [`screen`] keeps the groups that move the loss most
//! ([`fit_space`]).
//!
//! **Search.** argmin's Nelder–Mead over the cube (points outside are clamped and pay a
//! quadratic penalty), restarted from the best point with a smaller simplex; the simplex
//! orientation comes from the seed, so the same seed gives the same result.
//!
//! **What the data do not pin down.** At the optimum, the Jacobian of the weighted log
//! residuals by central differences gives the Gauss–Newton Hessian `H = 2 JᵀJ` of the
//! loss; its small eigenvalues are flat directions, its pseudo-inverse gives parameter
//! correlations, and values within 1% of a range end are at a bound.

mod identify;
mod loss;
mod provenance;
mod screen;
mod search;
mod space;

pub use identify::{Identifiability, identify, symmetric_eigen};
pub use loss::{Eval, Loss};
pub use provenance::{Provenance, calibrated_toml};
pub use screen::{Screen, ScreenRow, screen};
pub use search::{Fit, FitOptions, Hooks, fit};
pub use space::{Assignment, FactorSpace, Space, SpaceError};

use model::{Date, Scenario};

use crate::targets::{Gap, Month, Series, Targets, model_months};

/// The last day any fit may use (see `shared/calibration/README.md`, "Fitting window"):
/// FY2026 outcomes are kept for out-of-sample checks.
pub const FITTING_WINDOW_END: &str = "2025-09-30";

/// The months of `targets` a fit may use: those inside the run, ending before `until`
/// (if given) and inside the fitting window.
pub fn fit_window(targets: &Targets, sc: &Scenario, until: Option<Date>) -> Targets {
    let end = Date::parse(FITTING_WINDOW_END).expect("a valid date");
    let until = until.map_or(end.plus(1), |u| u.min(end.plus(1)));
    let first = Month::of(sc.start);
    let last_day = sc.start.plus(sc.days as i32 - 1);
    let mut t = targets.window(Some(first), Some(Month::of(last_day)));
    t.values.retain(|(_, m), _| m.next().first() <= until);
    t
}

/// Groups kept by the screen when `--params all` has more (see [`fit_space`]).
pub const DEFAULT_SCREEN: usize = 16;

/// The space a fit searches: the factors `params` names ([`FactorSpace::new`]); for
/// `all` with more than `keep` groups (and `keep` > 0), only the `keep` groups that move
/// the loss most in a one-at-a-time [`screen`] of `sc` against `targets`, which is
/// returned too. The CLI and the Python package both call this.
pub fn fit_space(
    loaded: &scenario::Loaded,
    params: &str,
    keep: usize,
    sc: &Scenario,
    loss: &Loss,
    targets: &Targets,
) -> Result<(FactorSpace, Option<Screen>), SpaceError> {
    let space = FactorSpace::new(loaded, params)?;
    if params.trim() != "all" || keep == 0 || space.len() <= keep {
        return Ok((space, None));
    }
    let s = screen(sc, &space, loss, targets);
    Ok((space.only(&s.top(keep)), Some(s)))
}

/// The DES run of the fitted scenario: each series' MAPE over replications.
#[derive(Clone, Debug)]
pub struct Confirmation {
    /// MAPE (%) per series: mean and 95% interval over replications.
    pub mape: Vec<(Series, model::Estimate)>,
    /// Per series and month: the DES mean and 95% interval, and the published value.
    pub months: Vec<(Series, Month, model::Estimate, f64)>,
    /// Replications run.
    pub replications: u32,
}

/// Runs the DES on `sc` (`replications`, `seed`) and compares its months with `targets`.
pub fn confirm(
    sc: &Scenario,
    targets: &Targets,
    series: &[Series],
    replications: u32,
    seed: u64,
) -> Result<Confirmation, model::RunError> {
    let opts = model::RunOptions { replications: Some(replications), seed: Some(seed), threads: 0 };
    let r = model::run(sc, opts)?;
    let per_rep: Vec<_> =
        r.national_daily.iter().map(|rows| model_months(sc.start, rows)).collect();
    let gaps: Vec<Gap> = per_rep.iter().map(|m| Gap::new(m, targets, series)).collect();
    let mape = series
        .iter()
        .filter_map(|s| {
            let xs: Vec<f64> = gaps.iter().filter_map(|g| g.mape().get(s).copied()).collect();
            (!xs.is_empty()).then(|| (*s, model::Estimate::of(&xs)))
        })
        .collect();
    let mut months = Vec::new();
    for (&(s, m), &published) in &targets.values {
        if !series.contains(&s) {
            continue;
        }
        let xs: Vec<f64> = per_rep.iter().filter_map(|p| p.get(&(s, m)).copied()).collect();
        if !xs.is_empty() {
            months.push((s, m, model::Estimate::of(&xs), published));
        }
    }
    Ok(Confirmation { mape, months, replications })
}
