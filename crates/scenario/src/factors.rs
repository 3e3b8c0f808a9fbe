//! The uncertain factors of a scenario: every number marked `assumption = true` with a
//! `range`, as the sensitivity and calibration commands vary them.
//!
//! A [`Factor`] is one number: a plain value, one element of an array, or one step of a
//! schedule. Factors are moved in **groups**, one coordinate `u` in [0, 1] per group
//! (SALib's groups); every member of a group goes to the same place in its own range,
//! `lo + u·(hi − lo)`. By default ([`Grouping::default`]):
//!
//! - the per-office (per-sector) values of one parameter form one group,
//!   `offices[*].officers` (set [`Grouping::by_place`] to false for one group per office);
//! - the assumed steps of one schedule form one group, so a schedule is scaled as one
//!   factor: `u` puts every assumed step at the same place in its range, and steps that
//!   cite a source stay as they are (set [`Grouping::whole_schedules`] to false for one
//!   group per step, named `path@YYYY-MM-DD`);
//! - the shares of a mix that must sum to 1 (`cases.custodial_category`…) are one joint
//!   factor: each share goes to `lo_i + u·(hi_i − lo_i)`, then the step's shares are
//!   divided by their sum, so every point of the cube gives a valid mix. The baseline mix
//!   is reproduced only when its shares sit at the same place in their ranges.
//!
//! Groups are listed in the order their first member appears in the scenario, and members
//! in scenario order, so the same file always gives the same coordinates.
//!
//! ```
//! let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
//! let factors = scenario::factors::factors(&loaded);
//! let groups = scenario::factors::groups(&factors);
//! let mut sc = loaded.scenario.clone();
//! scenario::factors::apply(&mut sc, &factors, &vec![1.0; groups.len()]).unwrap();
//! let picked = scenario::factors::select(&loaded, &factors, "offices[*].officers").unwrap();
//! assert!(picked.iter().all(|f| f.group == "offices[*].officers"));
//! ```

use std::collections::HashMap;
use std::fmt;

use model::{Date, Scenario, Schedule};

use crate::Loaded;
use crate::names::{closest, list};
use crate::overrides::{self, Slot};
use crate::validate::Flagged;

/// One uncertain number of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// Unique name: the path, with `@YYYY-MM-DD` for a step of a schedule that has dated
    /// steps, e.g. `offices[Chicago].officers@2025-01-20`.
    pub name: String,
    /// The value's path: a path [`overrides::set`] accepts (for a schedule it names the
    /// whole schedule, of which this factor is the step `from`), or for a mix share the
    /// mix and the share, e.g. `cases.custodial_category.convicted`.
    pub path: String,
    /// The step of the schedule this factor is (`Date::MIN` for a constant schedule);
    /// `None` for a plain number.
    pub from: Option<Date>,
    /// The group it moves with (see the module doc).
    pub group: String,
    /// The mix it is a share of (`cases.custodial_category`), renormalised after a move.
    pub mix: Option<String>,
    /// Lower end of its range.
    pub lo: f64,
    /// Upper end of its range.
    pub hi: f64,
    /// The value in the scenario.
    pub baseline: f64,
    /// The author's note on the assumption.
    pub note: Option<String>,
    /// The file the value is written in.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
}

impl Factor {
    /// The value at `u` in [0, 1]: `lo + u·(hi − lo)`, computed as `(1 − u)·lo + u·hi`
    /// so that the ends of the cube give the ends of the range exactly.
    pub fn at(&self, u: f64) -> f64 {
        (1.0 - u) * self.lo + u * self.hi
    }

    /// The value at `u` in [0, 1] on a scale centred on the scenario's value: `lo` at 0,
    /// the value at ½, `hi` at 1, linear in between. A uniform `u` then draws the value
    /// across its range with the stated value as its median, and the members of a group
    /// (the steps of a schedule, the offices of a parameter) keep their own values at ½
    /// instead of all going to the same place in their ranges.
    pub fn around(&self, u: f64) -> f64 {
        let b = self.baseline.clamp(self.lo.min(self.hi), self.lo.max(self.hi));
        if u <= 0.5 {
            let t = 2.0 * u;
            (1.0 - t) * self.lo + t * b
        } else {
            let t = 2.0 * u - 1.0;
            (1.0 - t) * b + t * self.hi
        }
    }

    /// Where the baseline sits in the range, in [0, 1] (0.5 for an empty range).
    pub fn baseline_u(&self) -> f64 {
        if self.hi > self.lo { (self.baseline - self.lo) / (self.hi - self.lo) } else { 0.5 }
    }
}

/// How factors are grouped (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grouping {
    /// One group for a parameter over all offices (sectors); false: one per office.
    pub by_place: bool,
    /// One group for the assumed steps of a schedule; false: one per step.
    pub whole_schedules: bool,
}

impl Default for Grouping {
    fn default() -> Grouping {
        Grouping { by_place: true, whole_schedules: true }
    }
}

impl Grouping {
    /// Every number its own group (mixes stay joint).
    pub const NONE: Grouping = Grouping { by_place: false, whole_schedules: false };
}

/// A bad selection or point.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorError {
    /// What is wrong.
    pub message: String,
    /// What is allowed, or a close name.
    pub help: Option<String>,
}

impl fmt::Display for FactorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for FactorError {}

fn error(message: String, help: Option<String>) -> FactorError {
    FactorError { message, help }
}

/// The mixes: arrays that must sum to 1 and cannot be set one share at a time.
const MIXES: [&str; 4] = [
    "cases.custodial_category",
    "cases.border_category",
    "cases.interior_nationality",
    "cases.border_nationality",
];

/// The factors of `loaded`, grouped by default.
pub fn factors(loaded: &Loaded) -> Vec<Factor> {
    factors_grouped(loaded, Grouping::default())
}

/// The factors of `loaded` with the given grouping, in scenario order. Assumptions that
/// cannot be moved after loading (see [`unsupported`]) are left out.
pub fn factors_grouped(loaded: &Loaded, grouping: Grouping) -> Vec<Factor> {
    let settable: HashMap<String, bool> =
        overrides::params(&loaded.scenario).into_iter().map(|p| (p.path, p.schedule)).collect();
    let mut out = Vec::new();
    for f in &loaded.flagged {
        if support(f, &settable).is_err() {
            continue;
        }
        let (Some(target), mix) = (&f.target, f.mix.then(|| f.parameter.clone())) else {
            continue;
        };
        for (i, (&baseline, &(lo, hi))) in f.values.iter().zip(&f.ranges).enumerate() {
            let path = match f.labels.get(i) {
                Some(label) => format!("{target}.{label}"),
                None => target.clone(),
            };
            let step = f.from.filter(|d| *d != Date::MIN);
            let name = match step {
                Some(d) => format!("{path}@{d}"),
                None => path.clone(),
            };
            let mut group = match &mix {
                Some(m) => m.clone(),
                None if grouping.by_place => by_place(&path),
                None => path.clone(),
            };
            if let (Some(d), false) = (step, grouping.whole_schedules) {
                group = format!("{group}@{d}");
            }
            out.push(Factor {
                name,
                path,
                from: f.from,
                group,
                mix: mix.clone(),
                lo,
                hi,
                baseline,
                note: f.note.clone(),
                file: f.file.clone(),
                line: f.line,
            });
        }
    }
    out
}

/// Assumptions with a range that are not factors, each with the reason: values that
/// exist only before loading (interventions compiled into the scenario, weights
/// normalised together).
pub fn unsupported(loaded: &Loaded) -> Vec<(String, String)> {
    let settable: HashMap<String, bool> =
        overrides::params(&loaded.scenario).into_iter().map(|p| (p.path, p.schedule)).collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for f in &loaded.flagged {
        if let Err(why) = support(f, &settable)
            && out.last().is_none_or(|(p, _)| *p != f.parameter)
        {
            out.push((f.parameter.clone(), why));
        }
    }
    out
}

/// Whether `f` can be moved on the resolved scenario: its paths exist, as a schedule
/// where it is a step.
fn support(f: &Flagged, settable: &HashMap<String, bool>) -> Result<(), String> {
    if f.mix {
        return if MIXES.contains(&f.parameter.as_str()) {
            Ok(())
        } else {
            Err("a mix this module does not know".into())
        };
    }
    if f.parameter.starts_with("channels.target_weights.") {
        return Err("a weight normalised with the other offices' (not yet a factor)".into());
    }
    let Some(target) = &f.target else {
        return Err("an intervention compiled into the scenario's tables".into());
    };
    let paths: Vec<String> = if f.labels.is_empty() {
        vec![target.clone()]
    } else {
        f.labels.iter().map(|l| format!("{target}.{l}")).collect()
    };
    for p in paths {
        match settable.get(&p) {
            Some(&schedule) if schedule == f.from.is_some() => {}
            Some(_) => return Err(format!("`{p}` is not the kind of value its file wrote")),
            None => return Err(format!("`{p}` cannot be set on the loaded scenario")),
        }
    }
    Ok(())
}

/// `offices[Chicago].officers` → `offices[*].officers` (likewise `sectors[…]`).
fn by_place(path: &str) -> String {
    for what in ["offices[", "sectors["] {
        if let Some(rest) = path.strip_prefix(what)
            && let Some(end) = rest.find(']')
        {
            return format!("{what}*{}", &rest[end..]);
        }
    }
    path.to_owned()
}

/// The groups of `factors`, one coordinate each, in order of first appearance.
pub fn groups(factors: &[Factor]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in factors {
        if !out.contains(&f.group) {
            out.push(f.group.clone());
        }
    }
    out
}

/// The point nearest the scenario: each group at the mean place of its members'
/// baselines in their ranges. It reproduces the scenario where a group's members sit
/// at the same place (e.g. with [`Grouping::NONE`], mixes aside).
pub fn baseline_point(factors: &[Factor]) -> Vec<f64> {
    groups(factors)
        .iter()
        .map(|g| {
            let us: Vec<f64> =
                factors.iter().filter(|f| f.group == *g).map(Factor::baseline_u).collect();
            us.iter().sum::<f64>() / us.len() as f64
        })
        .collect()
}

/// Moves every factor to the point `point` of the unit cube (one coordinate per group, in
/// [`groups`] order): member value `lo + u·(hi − lo)`, mixes renormalised. Checks the
/// rules that tie values together (shares of one whole) afterwards.
pub fn apply(sc: &mut Scenario, factors: &[Factor], point: &[f64]) -> Result<(), FactorError> {
    apply_by(sc, factors, point, Factor::at)
}

/// [`apply`] on the scale centred on each factor's value ([`Factor::around`]): the centre
/// of the cube is the scenario itself (up to mixes renormalised).
pub fn apply_around(
    sc: &mut Scenario,
    factors: &[Factor],
    point: &[f64],
) -> Result<(), FactorError> {
    apply_by(sc, factors, point, Factor::around)
}

/// Moves every factor to `value(factor, u)` of its group's coordinate `u`.
fn apply_by(
    sc: &mut Scenario,
    factors: &[Factor],
    point: &[f64],
    value: fn(&Factor, f64) -> f64,
) -> Result<(), FactorError> {
    let names = groups(factors);
    if point.len() != names.len() {
        return Err(error(
            format!(
                "a point has {} coordinates; the factors form {} groups",
                point.len(),
                names.len()
            ),
            Some("give one coordinate in [0, 1] per group".into()),
        ));
    }
    if let Some((i, u)) = point.iter().enumerate().find(|(_, u)| !(0.0..=1.0).contains(*u)) {
        return Err(error(
            format!("coordinate {u} of group `{}` is outside [0, 1]", names[i]),
            Some("points lie in the unit cube".into()),
        ));
    }
    let index: HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, g)| (g.as_str(), i)).collect();
    let mut plain: HashMap<&str, Vec<(Option<Date>, f64)>> = HashMap::new();
    let mut mixes: Vec<(&Factor, f64)> = Vec::new();
    for f in factors {
        let v = value(f, point[index[f.group.as_str()]]);
        match &f.mix {
            Some(_) => mixes.push((f, v)),
            None => plain.entry(f.path.as_str()).or_default().push((f.from, v)),
        }
    }
    let mut missing: Vec<String> = Vec::new();
    overrides::walk(sc, &mut |path, slot| {
        if let Some(moves) = plain.remove(path.as_str())
            && !put(slot, &moves)
        {
            missing.push(path);
        }
    });
    missing.extend(plain.into_keys().map(str::to_owned));
    if let Some(p) = missing.first() {
        return Err(error(format!("`{p}` is not in this scenario (or not that step)"), None));
    }
    apply_mixes(sc, &mixes)?;
    overrides::consistent(sc).map_err(|m| error(m, Some("narrow the ranges involved".into())))
}

/// Writes each `(from, v)` to the step `from` of a schedule (`None`: to a number); false
/// if a step or the number is not there.
fn put(slot: Slot<'_>, moves: &[(Option<Date>, f64)]) -> bool {
    match slot {
        Slot::Num(x, _) => match moves {
            [(None, v)] => {
                *x = *v;
                true
            }
            _ => false,
        },
        Slot::Sched(s, _) => moves.iter().all(|(from, v)| {
            let step = from.and_then(|d| s.steps.iter_mut().find(|(at, _)| *at == d));
            step.map(|st| st.1 = *v).is_some()
        }),
        _ => false,
    }
}

/// Sets the mix shares and divides each step of each mix by its sum.
fn apply_mixes(sc: &mut Scenario, moves: &[(&Factor, f64)]) -> Result<(), FactorError> {
    for mix in MIXES {
        let members: Vec<&(&Factor, f64)> =
            moves.iter().filter(|(f, _)| f.mix.as_deref() == Some(mix)).collect();
        if members.is_empty() {
            continue;
        }
        let shares = mix_mut(sc, mix);
        let labels = labels_of(mix);
        let mut touched: Vec<Date> = Vec::new();
        for (f, v) in members {
            let from = f.from.unwrap_or(Date::MIN);
            let label = f.path.rsplit('.').next().unwrap_or("");
            let i = labels.iter().position(|l| *l == label);
            let step = i.and_then(|i| shares[i].steps.iter_mut().find(|(d, _)| *d == from));
            let Some(step) = step else {
                return Err(error(format!("`{}` is not in this scenario", f.name), None));
            };
            step.1 = *v;
            if !touched.contains(&from) {
                touched.push(from);
            }
        }
        for from in touched {
            renormalise(shares, from, mix)?;
        }
    }
    Ok(())
}

fn renormalise(shares: &mut [Schedule], from: Date, mix: &str) -> Result<(), FactorError> {
    let at = |s: &Schedule| s.steps.iter().position(|(d, _)| *d == from);
    let sum: f64 = shares.iter().filter_map(|s| at(s).map(|i| s.steps[i].1)).sum();
    if sum <= 0.0 {
        return Err(error(
            format!("the shares of `{mix}` are all 0 at this point"),
            Some("a mix's ranges must leave at least one share above 0".into()),
        ));
    }
    for s in shares.iter_mut() {
        if let Some(i) = at(s) {
            s.steps[i].1 /= sum;
        }
    }
    Ok(())
}

fn mix_mut<'s>(sc: &'s mut Scenario, mix: &str) -> &'s mut [Schedule] {
    let k = &mut sc.cases;
    match mix {
        "cases.custodial_category" => &mut k.custodial_category,
        "cases.border_category" => &mut k.border_category,
        "cases.interior_nationality" => &mut k.interior_nationality,
        _ => &mut k.border_nationality,
    }
}

fn labels_of(mix: &str) -> &'static [&'static str] {
    use crate::validate::labels::{CATEGORY, NATIONALITY};
    if mix.ends_with("_category") { &CATEGORY } else { &NATIONALITY }
}

/// The factors `names` picks: `all`, or a comma-separated list of group names
/// (`offices[*].officers`), paths (`offices[Chicago].officers`), factor names
/// (`…@2025-01-20`) or the path of an array, which picks its elements
/// (`detention.release_hazard_per_day` for `….convicted`, `….pending`, `….no_record`). An
/// unknown name, or one that names a sourced value (no range), is an error that says so.
pub fn select(
    loaded: &Loaded,
    factors: &[Factor],
    names: &str,
) -> Result<Vec<Factor>, FactorError> {
    if names.trim() == "all" {
        return Ok(factors.to_vec());
    }
    let mut keep = vec![false; factors.len()];
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let mut found = false;
        for (k, f) in keep.iter_mut().zip(factors) {
            let element = f.path.strip_prefix(name).is_some_and(|r| r.starts_with('.'));
            if f.group == name || f.path == name || f.name == name || element {
                *k = true;
                found = true;
            }
        }
        if !found {
            return Err(not_a_factor(loaded, factors, name));
        }
    }
    if !keep.contains(&true) {
        return Err(error(
            "no factors selected".into(),
            Some("give `all` or a comma-separated list of factor names".into()),
        ));
    }
    Ok(factors.iter().zip(keep).filter(|(_, k)| *k).map(|(f, _)| f.clone()).collect())
}

fn not_a_factor(loaded: &Loaded, factors: &[Factor], name: &str) -> FactorError {
    let sourced = loaded.sources.iter().find(|s| {
        !s.is_assumption()
            && (s.parameter == name
                || name.strip_prefix(s.parameter.as_str()).is_some_and(|r| r.starts_with('.')))
    });
    if let Some(s) = sourced {
        return error(
            format!(
                "`{name}` has no range: it cites a source ({}), it is not an assumption",
                s.source
            ),
            Some("factors are the values marked `assumption = true` with a `range`".into()),
        );
    }
    let candidates = groups(factors).into_iter().chain(factors.iter().map(|f| f.path.clone()));
    let candidates: Vec<String> = candidates.collect();
    let help = match closest(name, candidates.iter().map(String::as_str)) {
        Some(c) => format!("did you mean \"{c}\"?"),
        None => format!("factors: {}", list(groups(factors).iter().map(String::as_str))),
    };
    error(format!("no factor `{name}`"), Some(help))
}

/// The value `f` has in `sc` (its step, for a schedule), if `sc` has it.
pub fn value(sc: &Scenario, f: &Factor) -> Option<f64> {
    let mut copy = sc.clone();
    if let Some(mix) = &f.mix {
        let label = f.path.rsplit('.').next()?;
        let i = labels_of(mix).iter().position(|l| *l == label)?;
        let from = f.from.unwrap_or(Date::MIN);
        let step = mix_mut(&mut copy, mix)[i].steps.iter().find(|(d, _)| *d == from)?;
        return Some(step.1);
    }
    let mut out = None;
    overrides::walk(&mut copy, &mut |path, slot| {
        if path == f.path {
            out = match (slot, f.from) {
                (Slot::Num(x, _), None) => Some(*x),
                (Slot::Sched(s, _), Some(d)) => {
                    s.steps.iter().find(|(at, _)| *at == d).map(|st| st.1)
                }
                _ => None,
            };
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Loaded {
        crate::load_builtin("baseline-fy2025").unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
    }

    #[test]
    fn baseline_fy2025_has_its_assumptions_as_factors() {
        let l = baseline();
        let f = factors(&l);
        // 923 assumed values with a range (each step of a schedule counted; the bond keys
        // and the Feb 2025 parole step added 7, the offices' community pool and inflow 50, the
        // non-detained population 28: the ATD enrolment share, the FY2024 judges, the
        // in-absentia share, 25 dockets; the daily variation's [ero] keys 6; the transfer
        // escorts' 2 and the 287(g) deputies' training days 2; the border release hazard's 3
        // steps; the check-in arrest rates 3: two ATD steps, one docket step; the border
        // travel-document days 1; the at-large pools' refill 2: the absconding and refill
        // shares; the target's pull on tactics 1, replacing three dated operations steps; FY2025
        // unsets baseline-fy2024's border admission ceiling, so it adds none; the bond dockets'
        // capacity 1), 25 of
        // them office target weights that are not factors yet; arrays give one
        // factor per element (the parole step: 3; the border release hazard: 9; the border
        // travel-document days: 4).
        assert_eq!(l.flagged.len(), 924);
        assert_eq!(unsupported(&l).len(), 25);
        assert_eq!(f.len(), 935);
        assert_eq!(groups(&f).len(), 143);
        assert_eq!(groups(&factors_grouped(&l, Grouping::NONE)).len(), 925);
        let officers: Vec<&Factor> =
            f.iter().filter(|x| x.group == "offices[*].officers").collect();
        assert_eq!(officers.len(), 25);
        let ungrouped = factors_grouped(&l, Grouping { by_place: false, whole_schedules: true });
        assert!(ungrouped.iter().any(|x| x.group.starts_with("offices[Chicago].")));
        for x in &f {
            assert!(x.lo <= x.baseline && x.baseline <= x.hi, "{}", x.name);
            assert_eq!(value(&l.scenario, x), Some(x.baseline), "{} {:?}", x.name, x.from);
            assert!(
                x.file.starts_with("scenarios/baseline-fy202") && x.line > 0,
                "{} {}:{}",
                x.name,
                x.file,
                x.line
            );
        }
    }

    #[test]
    fn the_baseline_point_reproduces_the_scenario() {
        let l = baseline();
        let f = factors_grouped(&l, Grouping::NONE);
        let mut sc = l.scenario.clone();
        apply(&mut sc, &f, &baseline_point(&f)).unwrap();
        for x in f.iter().filter(|x| x.mix.is_none()) {
            let v = value(&sc, x).unwrap();
            assert!(close(v, x.baseline), "{}: {v} vs {}", x.name, x.baseline);
        }
        // With no factors moved the scenario is the same, bit for bit.
        let mut same = l.scenario.clone();
        apply(&mut same, &[], &[]).unwrap();
        assert_eq!(format!("{same:?}"), format!("{:?}", l.scenario));
    }

    #[test]
    fn the_centre_of_the_centred_scale_is_the_scenario_and_its_ends_the_ranges() {
        let l = baseline();
        let f = factors(&l);
        let n = groups(&f).len();
        let mut centre = l.scenario.clone();
        apply_around(&mut centre, &f, &vec![0.5; n]).unwrap();
        for x in f.iter().filter(|x| x.mix.is_none()) {
            assert_eq!(value(&centre, x), Some(x.baseline), "{}", x.name);
        }
        // With the uniform scale the centre moves grouped members away from their values
        // (the reason the centred scale exists): some member is not at its baseline.
        let mut mid = l.scenario.clone();
        apply(&mut mid, &f, &vec![0.5; n]).unwrap();
        assert!(f.iter().any(|x| x.mix.is_none() && value(&mid, x) != Some(x.baseline)));
        for (u, end) in [(0.0, true), (1.0, false)] {
            let mut sc = l.scenario.clone();
            apply_around(&mut sc, &f, &vec![u; n]).unwrap();
            for x in f.iter().filter(|x| x.mix.is_none()) {
                assert_eq!(value(&sc, x), Some(if end { x.lo } else { x.hi }), "{}", x.name);
            }
        }
        let x = Factor { lo: 1.0, hi: 5.0, baseline: 2.0, ..f[0].clone() };
        assert_eq!([x.around(0.25), x.around(0.75)], [1.5, 3.5]);
    }

    #[test]
    fn bounds_give_the_bounds_and_mixes_stay_mixes() {
        let l = baseline();
        let f = factors(&l);
        let n = groups(&f).len();
        for (u, end) in [(0.0, true), (1.0, false)] {
            let mut sc = l.scenario.clone();
            apply(&mut sc, &f, &vec![u; n]).unwrap();
            for x in f.iter().filter(|x| x.mix.is_none()) {
                let want = if end { x.lo } else { x.hi };
                assert_eq!(value(&sc, x), Some(want), "{}", x.name);
            }
            for mix in [&sc.cases.custodial_category[..], &sc.cases.interior_nationality[..]] {
                for (i, (d, _)) in mix[0].steps.iter().enumerate() {
                    let sum: f64 = mix.iter().map(|s| s.steps[i].1).sum();
                    assert!((sum - 1.0).abs() < 1e-12, "{d}: {sum}");
                    assert!(mix.iter().all(|s| s.steps[i].1 >= 0.0));
                }
            }
        }
        // Members of a group move together.
        let mut sc = l.scenario.clone();
        let mut point = vec![0.5; n];
        let g = groups(&f).iter().position(|g| g == "offices[*].officers").unwrap();
        point[g] = 0.25;
        apply(&mut sc, &f, &point).unwrap();
        for x in f.iter().filter(|x| x.group == "offices[*].officers") {
            assert_eq!(value(&sc, x), Some(x.at(0.25)), "{}", x.name);
        }
    }

    #[test]
    fn order_is_deterministic_and_steps_are_named() {
        let (a, b) = (factors(&baseline()), factors(&baseline()));
        assert_eq!(a, b);
        assert!(a.iter().any(|x| x.name.contains("@2025-01-20")));
        let names: std::collections::HashSet<&str> = a.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names.len(), a.len(), "factor names are unique");
    }

    #[test]
    fn bad_points_and_names_are_refused_clearly() {
        let l = baseline();
        let f = factors(&l);
        let mut sc = l.scenario.clone();
        let e = apply(&mut sc, &f, &[0.5]).unwrap_err();
        assert!(e.message.starts_with("a point has 1 coordinates; the factors form 143"), "{e}");
        let e = apply(&mut sc, &f, &vec![1.5; 143]).unwrap_err();
        assert!(e.message.contains("is outside [0, 1]"), "{e}");
        let e = select(&l, &f, "offices[*].oficers").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean \"offices[*].officers\"?"));
        let e = select(&l, &f, "removal.flights_per_week").unwrap_err();
        assert!(e.message.starts_with("`removal.flights_per_week` has no range"), "{e}");
        let picked = select(&l, &f, "ero.availability, cases.custodial_category").unwrap();
        assert_eq!(picked.len(), 4);
        assert_eq!(select(&l, &f, "all").unwrap().len(), f.len());
        // An array's path picks its elements (all their steps).
        let whole = select(&l, &f, "detention.release_hazard_per_day").unwrap();
        let one = select(&l, &f, "detention.release_hazard_per_day.pending").unwrap();
        assert_eq!(whole.len(), 3 * one.len(), "{whole:?}");
    }
}
