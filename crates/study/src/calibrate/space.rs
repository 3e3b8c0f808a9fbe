//! The search space: the factors a fit moves, one unit-cube coordinate each, and how a
//! point becomes a scenario.
//!
//! [`ScalarSpace`] takes the scenario's plain (not scheduled, not array) numbers marked
//! `assumption = true` with a `range`, set through [`scenario::overrides`]. The factor
//! registry `scenario::factors` (array elements, schedule steps, joint shares) replaces it
//! once it is on main; the [`Space`] trait is what the search needs from either.

use model::Scenario;
use scenario::Loaded;
use scenario::overrides::{self, Value};

/// What a search needs from a set of factors.
pub trait Space: Sync {
    /// One name per coordinate.
    fn names(&self) -> Vec<String>;
    /// The scenario's own values as a point of the unit cube.
    fn start(&self) -> Vec<f64>;
    /// Sets the point `u` (in the unit cube) on `sc`.
    fn apply(&self, sc: &mut Scenario, u: &[f64]) -> Result<(), String>;
    /// The numbers the point `u` sets, for the calibrated scenario file.
    fn assignments(&self, u: &[f64]) -> Vec<Assignment>;
}

/// A fitted number, as written to the calibrated scenario file.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// Parameter path (`ero.availability`, `offices[Chicago].officers`).
    pub path: String,
    /// The fitted value.
    pub value: f64,
    /// The range it was fitted within.
    pub range: [f64; 2],
    /// The scenario's value before the fit.
    pub before: f64,
}

/// Why a factor list could not be built.
#[derive(Clone, Debug, PartialEq)]
pub struct SpaceError {
    /// What is wrong and what is allowed.
    pub message: String,
}

impl std::fmt::Display for SpaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)
    }
}

impl std::error::Error for SpaceError {}

/// One plain number with its range.
#[derive(Clone, Debug, PartialEq)]
struct Scalar {
    path: String,
    lo: f64,
    hi: f64,
    value: f64,
}

/// Plain assumption numbers with ranges (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct ScalarSpace {
    factors: Vec<Scalar>,
}

/// Prefixes left out of `all`: costs enter no fitted series; interventions are appended,
/// not merged, by `extends`, so a calibrated file could not override them; per-office and
/// per-sector values (195 in baseline-fy2025) are apportionments that national monthly
/// series cannot tell apart (name one with `--params` to fit it); the offices' target
/// weights are shares of one whole, which only a joint factor may move.
const NOT_FITTED: [&str; 5] =
    ["costs.", "interventions[", "offices[", "sectors[", "channels.target_weights."];

impl ScalarSpace {
    /// The factors named in `list` (comma-separated paths), or every eligible one for
    /// `all`. A name that is not a plain assumption with a range is an error naming the
    /// scenario file and what is allowed.
    pub fn new(loaded: &Loaded, list: &str) -> Result<ScalarSpace, SpaceError> {
        let file = loaded.files.first().cloned().unwrap_or_default();
        let eligible: Vec<Scalar> =
            loaded.sources.iter().filter_map(|e| scalar(&loaded.scenario, e)).collect();
        if list.trim() == "all" {
            let factors = eligible
                .into_iter()
                .filter(|f| !NOT_FITTED.iter().any(|p| f.path.starts_with(p)))
                .collect();
            return Ok(ScalarSpace { factors });
        }
        let mut factors = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name.starts_with("channels.target_weights.") {
                return Err(SpaceError {
                    message: format!(
                        "--params: `{name}` is one share of a whole (the target weights sum to 1) in {file}; shares are fitted jointly or not at all"
                    ),
                });
            }
            match eligible.iter().find(|f| f.path == name) {
                Some(f) => factors.push(f.clone()),
                None => {
                    let why = match loaded.sources.iter().find(|e| e.parameter == name) {
                        Some(e) if e.range.is_none() => {
                            "has no `range` (it is sourced, not an assumption)"
                        }
                        Some(_) => {
                            "is a schedule or an array (not yet fitted; see docs/calibration.md)"
                        }
                        None => "is not a parameter of the scenario",
                    };
                    let names: Vec<&str> =
                        eligible.iter().map(|f| f.path.as_str()).take(12).collect();
                    return Err(SpaceError {
                        message: format!(
                            "--params: `{name}` {why} in {file}; fit plain numbers marked `assumption = true` with a `range`, e.g. {}",
                            names.join(", ")
                        ),
                    });
                }
            }
        }
        Ok(ScalarSpace { factors })
    }

    /// Number of factors.
    pub fn len(&self) -> usize {
        self.factors.len()
    }

    /// True with no factor.
    pub fn is_empty(&self) -> bool {
        self.factors.is_empty()
    }
}

/// The plain number an evidence entry describes, if it is an assumption with a `[lo, hi]`
/// range that an override can set.
fn scalar(sc: &Scenario, e: &scenario::SourceEntry) -> Option<Scalar> {
    if !e.is_assumption() {
        return None;
    }
    let value: f64 = e.value.trim().parse().ok()?;
    let range = e.range.as_deref()?.trim().strip_prefix('[')?.strip_suffix(']')?;
    let (lo, hi) = range.split_once(',')?;
    let (lo, hi): (f64, f64) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
    let p = overrides::param(sc, &e.parameter).ok()?;
    (hi > lo
        && !p.schedule
        && !p.domain.is_flag()
        && !matches!(p.domain, overrides::Domain::Days(..)))
    .then(|| Scalar { path: e.parameter.clone(), lo, hi, value })
}

impl Space for ScalarSpace {
    fn names(&self) -> Vec<String> {
        self.factors.iter().map(|f| f.path.clone()).collect()
    }

    fn start(&self) -> Vec<f64> {
        self.factors.iter().map(|f| ((f.value - f.lo) / (f.hi - f.lo)).clamp(0.0, 1.0)).collect()
    }

    fn apply(&self, sc: &mut Scenario, u: &[f64]) -> Result<(), String> {
        for a in self.assignments(u) {
            overrides::set(sc, &a.path, Value::Number(a.value)).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn assignments(&self, u: &[f64]) -> Vec<Assignment> {
        self.factors
            .iter()
            .zip(u)
            .map(|(f, u)| Assignment {
                path: f.path.clone(),
                value: f.lo + u.clamp(0.0, 1.0) * (f.hi - f.lo),
                range: [f.lo, f.hi],
                before: f.value,
            })
            .collect()
    }
}
