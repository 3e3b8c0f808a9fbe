//! The search space: the factors a fit moves, one unit-cube coordinate each, and how a
//! point becomes a scenario.
//!
//! [`FactorSpace`] takes its factors from the scenario crate's registry
//! ([`scenario::factors`]): plain numbers, array elements, schedule steps and the shares
//! of a mix, each an assumption with a `range`, in the registry's default groups — the
//! assumed steps of one schedule move together, a per-office value moves in every office
//! at once, and a mix's shares move jointly. One coordinate `u` per group:
//!
//! - `u = u₀` (the mean place of the group's baselines in their ranges, the registry's
//!   [`scenario::factors::baseline_point`]) gives every member its own baseline, so the
//!   search starts at the scenario itself;
//! - from `u₀` down to 0 each member goes linearly from its baseline to the low end of its
//!   range, from `u₀` up to 1 to the high end: a schedule is **scaled** towards one end of
//!   its ranges and keeps its shape (its steps do not collapse to one place), and the
//!   steps that cite a source are not factors and stay as they are;
//! - a mix's moved shares are then divided by their sum at each step (the registry's
//!   renormalisation); if that takes a share outside its range, the point is pulled back
//!   towards `u₀` (bisection) until every share is inside, so every point gives a valid,
//!   in-range mix.
//!
//! The [`Space`] trait is what the search, the screen and the identifiability report need.

use std::collections::HashMap;

use model::{Date, Scenario};
use scenario::Loaded;
use scenario::factors::{self, Factor};

/// What a search needs from a set of factors.
pub trait Space: Sync {
    /// One name per coordinate.
    fn names(&self) -> Vec<String>;
    /// The scenario's own values as a point of the unit cube.
    fn start(&self) -> Vec<f64>;
    /// Sets the point `u` (in the unit cube) on `sc`.
    fn apply(&self, sc: &mut Scenario, u: &[f64]) -> Result<(), String>;
    /// The numbers the point `u` sets, one per factor, for reports.
    fn assignments(&self, u: &[f64]) -> Vec<Assignment>;
}

/// A fitted number, for reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// The factor's name (`ero.availability`, `ero.at_large_share@2025-01-20`,
    /// `offices[Chicago].officers`).
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

/// One coordinate: a group of factors and the place of its baselines.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    name: String,
    /// The coordinate that gives every member its baseline.
    u0: f64,
    /// Indices into [`FactorSpace::members`].
    members: Vec<usize>,
}

/// The registry's factors as a search space (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct FactorSpace {
    groups: Vec<Group>,
    /// Every member factor, each with a group of its own (its name), so the registry's
    /// [`factors::apply`] can set it to the value this space computes.
    members: Vec<Factor>,
}

/// Groups left out of `all`: costs enter no fitted series; interventions are appended,
/// not merged, by `extends`, so a calibrated file could not override them.
const NOT_FITTED: [&str; 2] = ["costs.", INTERVENTIONS];

/// The prefix of an intervention's values, which a calibrated file cannot carry.
const INTERVENTIONS: &str = "interventions[";

impl FactorSpace {
    /// The factors named in `list` (comma-separated group names such as
    /// `ero.at_large_share` or `offices[*].officers`, paths such as
    /// `offices[Chicago].officers` or `detention.release_hazard_per_day.convicted`, or
    /// single steps `path@YYYY-MM-DD`), or every group but costs and interventions for
    /// `all`. A name that is not an assumption with a range is an error naming the file
    /// and line where the parameter is written, and what is allowed.
    pub fn new(loaded: &Loaded, list: &str) -> Result<FactorSpace, SpaceError> {
        let all = factors::factors(loaded);
        if list.trim() == "all" {
            let keep: Vec<Factor> = all
                .into_iter()
                .filter(|f| !NOT_FITTED.iter().any(|p| f.path.starts_with(p)))
                .collect();
            return Ok(FactorSpace::of(keep));
        }
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name.starts_with(INTERVENTIONS) {
                return Err(an_intervention(loaded, name));
            }
            if factors::select(loaded, &all, name).is_err() {
                return Err(not_a_factor(loaded, &all, name));
            }
        }
        let picked = factors::select(loaded, &all, list)
            .map_err(|e| SpaceError { message: format!("--params: {e}") })?;
        // A share of a mix moves only with the others (they are renormalised together):
        // naming one share fits the mix's joint factor.
        let mixes: Vec<&str> =
            picked.iter().filter(|f| f.mix.is_some()).map(|f| f.group.as_str()).collect();
        let picked: Vec<Factor> = all
            .iter()
            .filter(|f| {
                picked.iter().any(|p| p.name == f.name) || mixes.contains(&f.group.as_str())
            })
            .cloned()
            .collect();
        Ok(FactorSpace::of(picked))
    }

    /// The space of `factors`, grouped by their `group`.
    pub fn of(factors: Vec<Factor>) -> FactorSpace {
        let names = factors::groups(&factors);
        let index: HashMap<&str, usize> =
            names.iter().enumerate().map(|(i, g)| (g.as_str(), i)).collect();
        let mut groups: Vec<Group> =
            names.iter().map(|n| Group { name: n.clone(), u0: 0.0, members: Vec::new() }).collect();
        for (i, f) in factors.iter().enumerate() {
            groups[index[f.group.as_str()]].members.push(i);
        }
        for g in &mut groups {
            let us: Vec<f64> = g.members.iter().map(|&i| factors[i].baseline_u()).collect();
            g.u0 = (us.iter().sum::<f64>() / us.len() as f64).clamp(0.0, 1.0);
        }
        let members = factors
            .into_iter()
            .map(|mut f| {
                f.group.clone_from(&f.name);
                f
            })
            .collect();
        FactorSpace { groups, members }
    }

    /// The sub-space of the groups named in `names` (in this space's order).
    pub fn only(&self, names: &[String]) -> FactorSpace {
        let keep: Vec<Factor> = self
            .groups
            .iter()
            .filter(|g| names.contains(&g.name))
            .flat_map(|g| g.members.iter().map(|&i| self.group_of(i, g)))
            .collect();
        FactorSpace::of(keep)
    }

    /// Member `i` with its group's name restored.
    fn group_of(&self, i: usize, g: &Group) -> Factor {
        let mut f = self.members[i].clone();
        f.group.clone_from(&g.name);
        f
    }

    /// Number of coordinates (groups).
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True with no factor.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every factor of the space (each named by [`Factor::name`]).
    pub fn members(&self) -> &[Factor] {
        &self.members
    }

    /// The factors of coordinate `i`.
    pub fn group_members(&self, i: usize) -> Vec<&Factor> {
        self.groups[i].members.iter().map(|&m| &self.members[m]).collect()
    }

    /// The value of every member at `u`: each member scaled towards one end of its range
    /// (see the module docs), mixes renormalised and kept inside their ranges.
    pub fn values(&self, u: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.members.len()];
        for (g, &x) in self.groups.iter().zip(u) {
            let x = x.clamp(0.0, 1.0);
            let mut t = 1.0;
            let mut vals = self.group_values(g, g.u0 + t * (x - g.u0));
            if self.out_of_range(g, &vals) {
                // Pull back towards u₀ (t = 0: the baselines, always inside).
                let (mut lo, mut hi) = (0.0, 1.0);
                for _ in 0..40 {
                    let mid = 0.5 * (lo + hi);
                    if self.out_of_range(g, &self.group_values(g, g.u0 + mid * (x - g.u0))) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                t = lo;
                vals = self.group_values(g, g.u0 + t * (x - g.u0));
            }
            for (&m, v) in g.members.iter().zip(vals) {
                out[m] = v;
            }
        }
        out
    }

    /// The members of `g` at coordinate `x`, mixes renormalised per step.
    fn group_values(&self, g: &Group, x: f64) -> Vec<f64> {
        let mut vals: Vec<f64> =
            g.members.iter().map(|&m| scaled(&self.members[m], x, g.u0)).collect();
        if x == g.u0 {
            return vals;
        }
        let mut sums: HashMap<(&str, Date), f64> = HashMap::new();
        for (&m, v) in g.members.iter().zip(&vals) {
            let f = &self.members[m];
            if let Some(mix) = &f.mix {
                *sums.entry((mix.as_str(), f.from.unwrap_or(Date::MIN))).or_default() += v;
            }
        }
        for (&m, v) in g.members.iter().zip(vals.iter_mut()) {
            let f = &self.members[m];
            if let Some(mix) = &f.mix {
                let s = sums[&(mix.as_str(), f.from.unwrap_or(Date::MIN))];
                if s > 0.0 {
                    *v /= s;
                }
            }
        }
        vals
    }

    fn out_of_range(&self, g: &Group, vals: &[f64]) -> bool {
        g.members.iter().zip(vals).any(|(&m, v)| {
            let f = &self.members[m];
            f.mix.is_some() && !(f.lo - 1e-12 <= *v && *v <= f.hi + 1e-12)
        })
    }
}

/// Member `f` at coordinate `x` of a group whose baselines sit at `u0`: its baseline at
/// `u0`, its range's low end at 0, its high end at 1, linear in between.
fn scaled(f: &Factor, x: f64, u0: f64) -> f64 {
    let b = f.baseline;
    if x == u0 {
        b
    } else if x < u0 {
        f.lo + (x / u0) * (b - f.lo)
    } else {
        b + ((x - u0) / (1.0 - u0)) * (f.hi - b)
    }
}

/// The error for a name that is not a factor: where it is written (file and line) and
/// why it cannot be fitted.
fn not_a_factor(loaded: &Loaded, all: &[Factor], name: &str) -> SpaceError {
    let file = loaded.files.first().cloned().unwrap_or_default();
    let base = name.split('@').next().unwrap_or(name);
    let entry = loaded.sources.iter().find(|e| {
        e.parameter == base
            || base.strip_prefix(e.parameter.as_str()).is_some_and(|r| r.starts_with('.'))
    });
    let place = locate(loaded, entry.map_or(base, |e| e.parameter.as_str()))
        .map_or(file, |(f, l)| format!("{f}:{l}"));
    let examples: Vec<String> = factors::groups(all).into_iter().take(10).collect();
    let why = match entry {
        Some(e) if e.range.is_none() || !e.is_assumption() => {
            format!("has no `range`: it cites a source ({}), it is not an assumption", e.source)
        }
        Some(e) if e.parameter.starts_with("channels.target_weights.") => {
            "is one office's target weight (normalised with the others'), not yet a factor"
                .to_owned()
        }
        Some(_) => "is an assumption this scenario cannot move after loading (an intervention compiled into its tables), or not that step".to_owned(),
        None => "is not a parameter of the scenario".to_owned(),
    };
    SpaceError {
        message: format!(
            "--params: `{name}` {why} ({place}); fit values marked `assumption = true` with a `range`, e.g. {}",
            examples.join(", ")
        ),
    }
}

/// The error for an intervention's value named in `--params`: a calibrated file
/// `extends` its scenario, and `extends` appends interventions rather than merging them
/// (and numbers them by date, not as the file does), so the fitted value could not be
/// written back.
fn an_intervention(loaded: &Loaded, name: &str) -> SpaceError {
    let file = loaded.files.first().cloned().unwrap_or_default();
    SpaceError {
        message: format!(
            "--params: `{name}` is an intervention's value ({file}); a calibrated file extends \
             its scenario and `extends` appends interventions instead of overriding them, so \
             calibrate cannot write it back: move it with `caseload sensitivity` or edit the \
             scenario, and fit values of the scenario's tables (e.g. `ero.at_large_share`)"
        ),
    }
}

/// The file and 1-based line where `path` is written: the first of the loaded files
/// (the loaded one, then the ones it extends) with a line setting its last key.
pub(crate) fn locate(loaded: &Loaded, path: &str) -> Option<(String, usize)> {
    let key = path.rsplit(['.', ']']).next().filter(|k| !k.is_empty())?;
    for file in &loaded.files {
        let text = match file.strip_prefix("scenarios/").and_then(|f| f.strip_suffix(".toml")) {
            Some(name) if scenario::builtin(name).is_some() => {
                scenario::builtin(name).map(str::to_owned)
            }
            _ => std::fs::read_to_string(file).ok(),
        };
        let Some(text) = text else { continue };
        for (i, line) in text.lines().enumerate() {
            let l = line.trim_start();
            let hit = l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='))
                || l.contains(&format!(".{key} ="));
            if hit {
                return Some((file.clone(), i + 1));
            }
        }
    }
    None
}

impl Space for FactorSpace {
    fn names(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.name.clone()).collect()
    }

    fn start(&self) -> Vec<f64> {
        self.groups.iter().map(|g| g.u0).collect()
    }

    /// Sets exactly the computed values: each moved member goes to the registry as a
    /// factor whose range starts at its value, at coordinate 0 (`(1 − 0)·lo + 0·hi = lo`
    /// bit for bit). Members left at their baseline are not touched, and a mix's step only
    /// when one of its shares moved (renormalising is not the identity in floating point).
    fn apply(&self, sc: &mut Scenario, u: &[f64]) -> Result<(), String> {
        let values = self.values(u);
        let moved_mix_steps: Vec<(&str, Option<Date>)> = self
            .members
            .iter()
            .zip(&values)
            .filter(|(f, v)| f.mix.is_some() && **v != f.baseline)
            .map(|(f, _)| (f.mix.as_deref().unwrap_or(""), f.from))
            .collect();
        let moves: Vec<Factor> = self
            .members
            .iter()
            .zip(&values)
            .filter(|(f, v)| match &f.mix {
                Some(m) => moved_mix_steps.contains(&(m.as_str(), f.from)),
                None => **v != f.baseline,
            })
            .map(|(f, v)| Factor { lo: *v, hi: *v, ..f.clone() })
            .collect();
        factors::apply(sc, &moves, &vec![0.0; moves.len()]).map_err(|e| e.to_string())
    }

    fn assignments(&self, u: &[f64]) -> Vec<Assignment> {
        self.members
            .iter()
            .zip(self.values(u))
            .map(|(f, value)| Assignment {
                path: f.name.clone(),
                value,
                range: [f.lo, f.hi],
                before: f.baseline,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Loaded {
        scenario::load_builtin("baseline-fy2025").unwrap()
    }

    fn value(sc: &Scenario, f: &Factor) -> f64 {
        factors::value(sc, f).unwrap()
    }

    #[test]
    fn a_schedule_factor_scales_the_assumed_steps_and_keeps_the_sourced_ones() {
        let l = baseline();
        let space = FactorSpace::new(&l, "ero.at_large_share").unwrap();
        assert_eq!(space.len(), 1);
        let steps = space.group_members(0);
        assert!(steps.len() >= 3, "{steps:?}");
        let u0 = space.start()[0];
        // At the start every step is its own baseline: the scenario itself.
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &[u0]).unwrap();
        assert_eq!(sc.ero.at_large_share, l.scenario.ero.at_large_share);
        // Halfway to the top every step is halfway from its baseline to its upper end:
        // the schedule keeps its shape.
        let up = u0 + 0.5 * (1.0 - u0);
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &[up]).unwrap();
        for f in &steps {
            let want = f.baseline + 0.5 * (f.hi - f.baseline);
            assert!((value(&sc, f) - want).abs() < 1e-9, "{}: {}", f.name, value(&sc, f));
        }
        let (a, b) = (&sc.ero.at_large_share.steps, &l.scenario.ero.at_large_share.steps);
        assert_eq!(a.len(), b.len());
        assert!(a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1 >= y.1));
        assert!(a.iter().zip(b).any(|(x, y)| x.1 > y.1));
        // At 0 every step is at its lower end.
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &[0.0]).unwrap();
        for f in &steps {
            assert!((value(&sc, f) - f.lo).abs() < 1e-12, "{}", f.name);
        }
    }

    #[test]
    fn joint_shares_stay_a_whole_inside_their_ranges() {
        let l = baseline();
        let space = FactorSpace::new(&l, "cases.custodial_category").unwrap();
        assert_eq!(space.len(), 1, "one joint factor");
        let members = space.group_members(0);
        assert!(members.len() >= 3);
        for u in [0.0, 0.1, 0.37, 0.9, 1.0] {
            let mut sc = l.scenario.clone();
            space.apply(&mut sc, &[u]).unwrap();
            let mix = &sc.cases.custodial_category;
            for i in 0..mix[0].steps.len() {
                let sum: f64 = mix.iter().map(|s| s.steps[i].1).sum();
                assert!((sum - 1.0).abs() < 1e-12, "u = {u}: sum {sum}");
            }
            for f in &members {
                let v = value(&sc, f);
                assert!(f.lo - 1e-9 <= v && v <= f.hi + 1e-9, "u = {u}: {} = {v}", f.name);
            }
        }
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &[1.0]).unwrap();
        assert_ne!(sc.cases.custodial_category, l.scenario.cases.custodial_category);
        // Naming one share fits the whole mix.
        let one = FactorSpace::new(&l, "cases.custodial_category.convicted").unwrap();
        assert_eq!(one, space);
    }

    #[test]
    fn an_array_element_moves_alone() {
        let l = baseline();
        let space = FactorSpace::new(&l, "channels.at_large_yield.pending").unwrap();
        assert_eq!(space.len(), 1);
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &[1.0]).unwrap();
        let all = factors::factors(&l);
        for f in all.iter().filter(|f| f.group.starts_with("channels.at_large_yield.")) {
            let want = if f.path.ends_with(".pending") { f.hi } else { f.baseline };
            assert_eq!(value(&sc, f), want, "{}", f.name);
        }
    }

    #[test]
    fn all_leaves_out_costs_and_interventions_and_bad_names_say_where() {
        let l = baseline();
        let space = FactorSpace::new(&l, "all").unwrap();
        let names = space.names();
        assert!(names.iter().all(|n| !n.starts_with("costs.") && !n.starts_with("interventions[")));
        for n in ["ero.at_large_share", "detention.release_hazard_per_day.convicted"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
        assert!(names.iter().any(|x| x == "cases.custodial_category"));
        let mut sc = l.scenario.clone();
        space.apply(&mut sc, &space.start()).unwrap();
        assert_eq!(format!("{sc:?}"), format!("{:?}", l.scenario), "the start is the scenario");
        let e = FactorSpace::new(&l, "removal.seats_per_flight").unwrap_err();
        assert!(e.message.contains("`removal.seats_per_flight` has no `range`"), "{e}");
        assert!(e.message.contains("scenarios/baseline-fy202"), "{e}");
        let e = FactorSpace::new(&l, "ero.availabilty").unwrap_err();
        assert!(e.message.contains("not a parameter"), "{e}");
        let e = FactorSpace::new(&l, "interventions[3].arrests_per_agent_day").unwrap_err();
        assert!(e.message.contains("is an intervention's value"), "{e:?}");
    }
}
