//! Parameter paths: one value of a resolved [`model::Scenario`] named by a string, so that
//! sweeps and what-if tools can change it without writing a scenario file.
//!
//! A path mirrors the scenario format: `ero.availability`, `removal.flights_per_week`,
//! `offices[Chicago].officers`, `offices[Chicago].beds.igsa`,
//! `offices[Chicago].reachable.no_record.initial`, `channels.at_large_yield.convicted`,
//! `sectors[Rio Grande Valley].agents`, `interventions[0].agents`, `days`. A number given
//! for a schedule replaces the whole schedule with a constant.
//!
//! Every settable path is produced by one walk over the scenario ([`params`]); setting a
//! value walks the same way, so the list of paths and the setter cannot disagree. Values
//! are checked against the same domains the scenario validator uses (shares in [0, 1],
//! counts and durations 0 or more), so an override cannot smuggle in a value a scenario
//! file could not hold.
//!
//! ```
//! let mut sc = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
//! use scenario::overrides::{set, Value};
//! set(&mut sc, "removal.flights_per_week", Value::Number(80.0)).unwrap();
//! assert_eq!(sc.removal.flights_per_week.at(sc.start), 80.0);
//! let err = set(&mut sc, "removal.flight_per_week", Value::Number(80.0)).unwrap_err();
//! assert_eq!(err.help.as_deref(), Some("did you mean \"removal.flights_per_week\"?"));
//! ```

use std::fmt;

use model::{Date, InterventionKind, Scenario, Schedule};

use crate::names::{closest, list};
use crate::validate::{DAYS, MIX_TOLERANCE as TOLERANCE, WARMUP_DAYS};

/// A value to set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A number (for numbers, schedules, whole-day counts).
    Number(f64),
    /// A flag (`true`/`false`).
    Flag(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// What values a path takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// A share or probability in [0, 1].
    Share,
    /// A count, rate, duration or cost: 0 or more.
    NonNegative,
    /// A scale that must not vanish: more than 0.
    Positive,
    /// A whole number of days in `lo..=hi`.
    Days(u32, u32),
    /// `true` or `false`.
    Flag,
    /// Names, not a number: an entry's name (e.g. an office) or names from a vocabulary in
    /// a chosen order; checked by the loader, and no override path has it.
    Names,
}

impl Domain {
    /// True for [`Domain::Flag`].
    pub fn is_flag(self) -> bool {
        self == Domain::Flag
    }

    /// Checks that `v` may be set at `path`; the error names the rule and what is allowed.
    pub fn admits(self, path: &str, v: Value) -> Result<(), OverrideError> {
        self.problem(path, v).map_err(|(message, help)| OverrideError {
            path: path.to_owned(),
            message,
            help: Some(help),
        })
    }

    /// `Err((message, help))` when `v` is outside the domain.
    fn problem(self, path: &str, v: Value) -> Result<(), (String, String)> {
        let x = match (self, v) {
            (Domain::Flag, Value::Flag(_)) => return Ok(()),
            (Domain::Flag, Value::Number(x)) => {
                return Err((
                    format!("`{path}` is a flag, not a number ({x})"),
                    "write `true` or `false`".into(),
                ));
            }
            (_, Value::Flag(b)) => {
                return Err((
                    format!("`{path}` is a number, not a flag ({b})"),
                    "write a number".into(),
                ));
            }
            (_, Value::Number(x)) => x,
        };
        if !x.is_finite() {
            return Err((
                format!("`{path}` is not a finite number ({x})"),
                "nan and inf are not allowed".into(),
            ));
        }
        let bad = |m: String, h: &str| Err((m, h.to_owned()));
        match self {
            Domain::Share if !(0.0..=1.0).contains(&x) => bad(
                format!("`{path}` = {x} is outside [0, 1]"),
                "shares and probabilities lie between 0 and 1",
            ),
            Domain::NonNegative if x < 0.0 => bad(
                format!("`{path}` = {x} is negative"),
                "counts, rates, durations and costs are 0 or more",
            ),
            Domain::Positive if x <= 0.0 => {
                bad(format!("`{path}` = {x} must be greater than 0"), "give a positive number")
            }
            Domain::Days(lo, hi) if x.fract() != 0.0 || x < lo as f64 || x > hi as f64 => bad(
                format!("`{path}` = {x} is not a whole number in {lo}..={hi}"),
                "a whole number of days",
            ),
            _ => Ok(()),
        }
    }
}

/// One settable path of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The path, e.g. `offices[Chicago].officers`.
    pub path: String,
    /// The values it takes.
    pub domain: Domain,
    /// True when the scenario holds a schedule there (a number replaces it with a constant).
    pub schedule: bool,
}

/// Why a value could not be set.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideError {
    /// The path as given.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it: a close path, the keys that exist there, or the allowed values.
    pub help: Option<String>,
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for OverrideError {}

/// A place in the scenario a value can go.
pub(crate) enum Slot<'a> {
    Num(&'a mut f64, Domain),
    Sched(&'a mut Schedule, Domain),
    Flag(&'a mut bool),
    Days(&'a mut u32, u32, u32),
}

impl Slot<'_> {
    pub(crate) fn domain(&self) -> Domain {
        match self {
            Slot::Num(_, d) | Slot::Sched(_, d) => *d,
            Slot::Flag(_) => Domain::Flag,
            Slot::Days(_, lo, hi) => Domain::Days(*lo, *hi),
        }
    }

    fn put(self, v: Value) {
        match (self, v) {
            (Slot::Num(x, _), Value::Number(v)) => *x = v,
            (Slot::Sched(s, _), Value::Number(v)) => *s = Schedule::constant(v),
            (Slot::Flag(b), Value::Flag(v)) => *b = v,
            (Slot::Days(d, _, _), Value::Number(v)) => *d = v as u32,
            _ => {} // refused by `Domain::check` before
        }
    }
}

/// A model field that holds a number: plain, or a schedule of dated values. Written
/// against this trait, the walk below does not care which a field is.
pub(crate) trait Numeric {
    fn slot(&mut self, d: Domain) -> Slot<'_>;
    /// The dates on which the value changes (none for a plain number).
    fn dates(&self) -> Vec<Date>;
    /// The value in force on `day`.
    fn on(&self, day: Date) -> f64;
}

impl Numeric for f64 {
    fn slot(&mut self, d: Domain) -> Slot<'_> {
        Slot::Num(self, d)
    }
    fn dates(&self) -> Vec<Date> {
        Vec::new()
    }
    fn on(&self, _: Date) -> f64 {
        *self
    }
}

impl Numeric for Schedule {
    fn slot(&mut self, d: Domain) -> Slot<'_> {
        Slot::Sched(self, d)
    }
    fn dates(&self) -> Vec<Date> {
        self.steps.iter().map(|s| s.0).collect()
    }
    fn on(&self, day: Date) -> f64 {
        self.at(day)
    }
}

/// The largest sum of `parts` on any day (they are compared on every date any of them
/// changes).
fn largest_sum(parts: &[&dyn Numeric]) -> f64 {
    let mut dates: Vec<Date> = parts.iter().flat_map(|p| p.dates()).collect();
    dates.push(Date::MIN);
    dates.iter().map(|d| parts.iter().map(|p| p.on(*d)).sum::<f64>()).fold(f64::MIN, f64::max)
}

pub(crate) type Visitor<'v> = dyn FnMut(String, Slot<'_>) + 'v;

/// Calls `f` with every settable path of `sc` and its slot, in scenario order.
pub(crate) fn walk(sc: &mut Scenario, f: &mut Visitor<'_>) {
    use Domain::{NonNegative as Non, Share};
    f("days".into(), Slot::Days(&mut sc.days, *DAYS.start(), *DAYS.end()));
    let warmup = Slot::Days(&mut sc.warmup_days, *WARMUP_DAYS.start(), *WARMUP_DAYS.end());
    f("warmup_days".into(), warmup);
    crate::fields::walk(sc, f);
    crate::fields::walk_entries(sc, f);
    for (i, iv) in sc.interventions.iter_mut().enumerate() {
        let at = format!("interventions[{i}]");
        // `if let`, not `match`: other kinds have nothing settable (yet) and must not
        // need an arm here.
        if let InterventionKind::Deploy { agents, ramp_days, arrests_per_agent_day, .. } =
            &mut iv.kind
        {
            f(format!("{at}.agents"), agents.slot(Non));
            f(format!("{at}.ramp_days"), ramp_days.slot(Non));
            f(format!("{at}.arrests_per_agent_day"), arrests_per_agent_day.slot(Non));
        }
        if let InterventionKind::Deputize {
            officers,
            time_share,
            training_days,
            ramp_days,
            arrests_per_officer_day,
            ..
        } = &mut iv.kind
        {
            f(format!("{at}.officers"), officers.slot(Non));
            f(format!("{at}.time_share"), time_share.slot(Share));
            f(format!("{at}.training_days"), training_days.slot(Non));
            f(format!("{at}.ramp_days"), ramp_days.slot(Non));
            f(format!("{at}.arrests_per_officer_day"), arrests_per_officer_day.slot(Non));
        }
        if let InterventionKind::Detail { officers, travel_days, .. } = &mut iv.kind {
            f(format!("{at}.officers"), officers.slot(Non));
            f(format!("{at}.travel_days"), travel_days.slot(Non));
        }
        if let InterventionKind::Rotate { disruption, ramp_days, .. } = &mut iv.kind {
            f(format!("{at}.disruption"), disruption.slot(Share));
            f(format!("{at}.ramp_days"), ramp_days.slot(Non));
        }
    }
}

/// One path per element of a fixed-size array, `<path>.<label>`.
pub(crate) fn each<T: Numeric>(
    f: &mut Visitor<'_>,
    path: &str,
    values: &mut [T],
    labels: &[&str],
    d: Domain,
) {
    for (x, label) in values.iter_mut().zip(labels) {
        f(format!("{path}.{label}"), x.slot(d));
    }
}

/// Values that exist in the scenario format but cannot be set one number at a time, and
/// why: the mixes and weights of [`crate::fields::FIELDS`], and the calendar.
fn not_settable() -> impl Iterator<Item = (String, &'static str)> {
    let fields = crate::fields::FIELDS.iter();
    let fields = fields.filter_map(|f| Some((f.path(), f.not_settable_because()?)));
    fields
        .chain([("start".to_owned(), "the run's calendar, which dates in the scenario depend on")])
}

/// Every settable path of `sc`, in scenario order.
pub fn params(sc: &Scenario) -> Vec<Param> {
    let mut copy = sc.clone();
    let mut out = Vec::new();
    walk(&mut copy, &mut |path, slot| {
        out.push(Param { path, domain: slot.domain(), schedule: matches!(slot, Slot::Sched(..)) })
    });
    out
}

/// The parameter at `path`, or why there is none (with a suggestion).
pub fn param(sc: &Scenario, path: &str) -> Result<Param, OverrideError> {
    let all = params(sc);
    match all.iter().find(|p| p.path == path) {
        Some(p) => Ok(p.clone()),
        None => Err(unknown(path, &all)),
    }
}

/// Sets the value at `path`; a number for a schedule makes it constant. The scenario is
/// unchanged on error. Call [`consistent`] after the last of several changes.
pub fn set(sc: &mut Scenario, path: &str, value: Value) -> Result<(), OverrideError> {
    let p = param(sc, path)?;
    p.domain.admits(path, value)?;
    walk(sc, &mut |at, slot| {
        if at == path {
            slot.put(value);
        }
    });
    Ok(())
}

/// Checks rules that tie several values together (shares of one whole); run after a
/// set of changes. `Err` says which values and why.
pub fn consistent(sc: &Scenario) -> Result<(), String> {
    let k = &sc.cases;
    let tracks = largest_sum(&[&k.interior_summary_share, &k.interior_voluntary_share]);
    if tracks > 1.0 + TOLERANCE {
        return Err(format!(
            "`cases.interior_summary_share` + `cases.interior_voluntary_share` = {} is more than 1 \
             (they are shares of one whole)",
            round(tracks)
        ));
    }
    let shares = &sc.channels.operations_criminal_share;
    let criminal = largest_sum(&shares.iter().map(|x| x as &dyn Numeric).collect::<Vec<_>>());
    if criminal > 1.0 + TOLERANCE {
        return Err(format!(
            "`channels.operations_criminal_share` sums to {}, more than 1 (convicted + pending \
             are shares of one whole)",
            round(criminal)
        ));
    }
    Ok(())
}

fn round(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// "no parameter" with the best help available: a close path, the reason a known value
/// cannot be set, or the keys that exist under the longest known prefix.
fn unknown(path: &str, all: &[Param]) -> OverrideError {
    let err = |message: String, help: Option<String>| OverrideError {
        path: path.to_owned(),
        message,
        help,
    };
    if let Some((name, why)) = not_settable().find(|(n, _)| path.starts_with(n.as_str())) {
        return err(
            format!("`{name}` cannot be set by a path: it is {why}"),
            Some("write a scenario file that `extends` the base and changes it".into()),
        );
    }
    if let Some(rest) = path.strip_prefix("scenario.")
        && all.iter().any(|p| p.path == rest)
    {
        return err(format!("no parameter `{path}`"), Some(format!("did you mean \"{rest}\"?")));
    }
    if let Some(c) = closest(path, all.iter().map(|p| p.path.as_str())) {
        return err(format!("no parameter `{path}`"), Some(format!("did you mean \"{c}\"?")));
    }
    // The keys under the longest prefix (ending at a `.`) that some path shares.
    let mut prefix = path;
    while let Some(cut) = prefix.rfind('.') {
        prefix = &prefix[..cut];
        let mut next: Vec<&str> = all
            .iter()
            .filter_map(|p| p.path.strip_prefix(prefix)?.strip_prefix('.'))
            .map(|rest| rest.split(['.', '[']).next().unwrap_or(rest))
            .collect();
        next.dedup();
        if !next.is_empty() {
            let help = format!("`{prefix}` has: {}", list(next));
            return err(format!("no parameter `{path}`"), Some(help));
        }
    }
    let mut top: Vec<&str> =
        all.iter().map(|p| p.path.split(['.', '[']).next().unwrap_or("")).collect();
    top.dedup();
    err(format!("no parameter `{path}`"), Some(format!("paths start with: {}", list(top))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc() -> Scenario {
        model::testkit::tiny()
    }

    #[test]
    fn every_path_is_unique_and_settable() {
        let mut s = sc();
        let all = params(&s);
        let mut seen = std::collections::HashSet::new();
        for p in &all {
            assert!(seen.insert(p.path.clone()), "duplicate {}", p.path);
            let v = match p.domain {
                Domain::Flag => Value::Flag(true),
                Domain::Days(lo, _) => Value::Number(lo.max(1) as f64),
                _ => Value::Number(0.5),
            };
            set(&mut s, &p.path, v).unwrap_or_else(|e| panic!("{}: {e}", p.path));
        }
        assert!(all.len() > 50, "{}", all.len());
    }

    #[test]
    fn setting_changes_exactly_that_value() {
        let mut s = sc();
        let office = s.offices[0].name.clone();
        set(&mut s, &format!("offices[{office}].officers"), Value::Number(123.0)).unwrap();
        assert_eq!(s.offices[0].officers.steps, vec![(Date::MIN, 123.0)]);
        set(&mut s, "channels.at_large_yield.pending", Value::Number(0.7)).unwrap();
        assert_eq!(s.channels.at_large_yield[1], 0.7);
        set(&mut s, "days", Value::Number(30.0)).unwrap();
        assert_eq!(s.days, 30);
        set(&mut s, "detention.transfer_when_full", Value::Flag(false)).unwrap();
        assert!(!s.detention.transfer_when_full);
    }

    #[test]
    fn bad_values_are_refused_with_the_rule() {
        let mut s = sc();
        let e = set(&mut s, "ero.availability", Value::Number(1.5)).unwrap_err();
        assert_eq!(e.message, "`ero.availability` = 1.5 is outside [0, 1]");
        let e = set(&mut s, "days", Value::Number(0.5)).unwrap_err();
        assert_eq!(e.message, "`days` = 0.5 is not a whole number in 1..=3660");
        let e = set(&mut s, "costs.flight", Value::Number(f64::INFINITY)).unwrap_err();
        assert_eq!(e.message, "`costs.flight` is not a finite number (inf)");
        let e = set(&mut s, "costs.flight", Value::Flag(true)).unwrap_err();
        assert_eq!(e.message, "`costs.flight` is a number, not a flag (true)");
        let e = set(&mut s, "channels.agents_per_crossing_half", Value::Number(0.0)).unwrap_err();
        assert!(e.message.ends_with("must be greater than 0"), "{e}");
    }

    #[test]
    fn unknown_paths_get_help() {
        let mut s = sc();
        let office = s.offices[0].name.clone();
        let typo = format!("offices[{}x].officers", office);
        let e = set(&mut s, &typo, Value::Number(1.0)).unwrap_err();
        assert_eq!(e.help, Some(format!("did you mean \"offices[{office}].officers\"?")));
        let e = set(&mut s, "ero.zzzzzzzzzzzzzz", Value::Number(1.0)).unwrap_err();
        assert!(e.help.as_deref().unwrap().starts_with("`ero` has: availability, "), "{e}");
        let e = set(&mut s, "cases.custodial_category.convicted", Value::Number(1.0)).unwrap_err();
        assert!(e.message.contains("a mix that must sum to 1"), "{e}");
        let e = set(&mut s, "scenario.days", Value::Number(1.0)).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean \"days\"?"));
        let e = set(&mut s, "qqqqqqqqqqqqq", Value::Number(1.0)).unwrap_err();
        assert!(e.help.as_deref().unwrap().starts_with("paths start with: days, warmup_days, ero"));
    }

    #[test]
    fn shares_of_one_whole_are_checked_together() {
        let mut s = sc();
        set(&mut s, "cases.interior_summary_share", Value::Number(0.8)).unwrap();
        set(&mut s, "cases.interior_voluntary_share", Value::Number(0.3)).unwrap();
        assert!(consistent(&s).unwrap_err().contains("= 1.1 is more than 1"));
    }
}
