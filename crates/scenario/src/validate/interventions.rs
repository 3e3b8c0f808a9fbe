//! `[[interventions]]`: dated changes. Each kind takes its own keys (see [`keys`]); office
//! lists resolve to ids (`["all"]` = every office). Kinds that only move parameters are
//! validated into [`Compiled`] changes (applied to the assembled scenario by
//! [`crate::compile`]); `deploy`, `deputize`, `detail`, `review` and `rotate` become
//! `model::Intervention`s.
//!
//! Dates: `at` may precede the run's start (the change then applies from the first
//! simulated day, warm-up included). An intervention that cannot affect the run — `at`
//! after the last measured day, or `until` before the start — is an error in the file
//! being loaded and silently dropped when inherited through `extends`, so that a scenario
//! can move a baseline's window.

mod compiled;
mod detail;
mod keys;
mod runtime;

use std::ops::Range;

use model::{Date, Intervention, OfficeId};
use toml::Spanned;

use super::places::office_ref;
use super::{At, Checker};
use crate::compile::Compiled;
use crate::names::{INTERVENTION_KINDS, did_you_mean, list};
use crate::spec::InterventionSpec;

/// What the scenario's other tables say that interventions refer to.
pub(crate) struct Context<'a> {
    /// Office names, in scenario order.
    pub offices: &'a [String],
    /// Sector names and whether each is a southwest sector (`None` if not given).
    pub sectors: &'a [(String, Option<bool>)],
    /// The measured run: (start, days), if the run settings are valid.
    pub window: Option<(Date, u32)>,
}

/// The validated interventions: run-time ones and compiled ones, each in date order.
#[derive(Default)]
pub(crate) struct Plan {
    pub runtime: Vec<Intervention>,
    pub compiled: Vec<Compiled>,
}

/// One validated intervention.
pub(super) enum Checked {
    Runtime(Intervention),
    Compiled(Date, Compiled),
}

/// The dates of an intervention, checked.
#[derive(Clone, Copy)]
pub(super) struct Dates {
    pub at: Date,
    pub until: Option<Date>,
}

/// Checks every intervention; `None` if any has a problem.
pub(crate) fn interventions(
    c: &mut Checker<'_>,
    specs: &[Spanned<InterventionSpec>],
    ctx: &Context<'_>,
) -> Option<Plan> {
    let mut ok = true;
    let mut runtime = Vec::new();
    let mut compiled = Vec::new();
    // Which assumptions each entry recorded, to name them by their place in the run.
    let mut flagged = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let first = c.flagged.len();
        let runtime_entry = match intervention(c, i, spec, ctx) {
            Outcome::Ok(Checked::Runtime(iv)) => {
                runtime.push((i, iv));
                true
            }
            Outcome::Ok(Checked::Compiled(at, x)) => {
                compiled.push((at, x));
                false
            }
            Outcome::Dropped => false,
            Outcome::Failed => {
                ok = false;
                false
            }
        };
        flagged.push((first..c.flagged.len(), runtime_entry));
    }
    runtime.sort_by_key(|(_, iv): &(usize, Intervention)| iv.at);
    retarget(c, &flagged, &runtime);
    compiled.sort_by_key(|(at, _)| *at);
    let runtime = runtime.into_iter().map(|(_, iv)| iv).collect();
    ok.then(|| Plan { runtime, compiled: compiled.into_iter().map(|(_, x)| x).collect() })
}

/// Points the assumptions of entry `i` at the intervention's place in the run (runtime
/// interventions are sorted by date, so `interventions[i]` of the file can be
/// `interventions[j]` of the model), or at nothing for entries compiled into the scenario.
fn retarget(
    c: &mut Checker<'_>,
    flagged: &[(std::ops::Range<usize>, bool)],
    runtime: &[(usize, Intervention)],
) {
    for (i, (range, is_runtime)) in flagged.iter().enumerate() {
        let j = runtime.iter().position(|(file, _)| *file == i).filter(|_| *is_runtime);
        let (from, to) = (format!("interventions[{i}]"), j.map(|j| format!("interventions[{j}]")));
        for f in &mut c.flagged[range.clone()] {
            f.target = match (&to, f.parameter.strip_prefix(from.as_str())) {
                (Some(to), Some(rest)) => Some(format!("{to}{rest}")),
                _ => None,
            };
        }
    }
}

enum Outcome {
    Ok(Checked),
    /// Inherited and unable to affect this run.
    Dropped,
    Failed,
}

fn intervention(
    c: &mut Checker<'_>,
    i: usize,
    spec: &Spanned<InterventionSpec>,
    ctx: &Context<'_>,
) -> Outcome {
    let s = spec.get_ref();
    let at = s.at.as_ref().and_then(|a| model::Date::parse(a.get_ref()));
    let t = At::new(
        spec.span(),
        format!("[[interventions]] entry {}", i + 1),
        format!("interventions[{i}]"),
    );
    let announced = c.announced(&t.path, s.announced.as_ref(), at);
    if let (Some(known), Some(a)) = (c.known_at(spec.span().start), at)
        && a > known
        && announced.is_none_or(|a| a > known)
    {
        return Outcome::Dropped; // not yet known on the forecast's day or backtest origin
    }
    let kind = c.present(&t, "kind", &s.kind, "\"deploy\"").and_then(|k| {
        let k_str = k.get_ref().as_str();
        if let Some(known) = INTERVENTION_KINDS.iter().find(|x| **x == k_str) {
            return Some(*known);
        }
        let help = did_you_mean(k_str, INTERVENTION_KINDS)
            .unwrap_or_else(|| format!("allowed: {}", list(INTERVENTION_KINDS)));
        c.error(k.span(), format!("unknown intervention kind \"{k_str}\""), Some(help));
        None
    });
    // A hire's `until` ends the intake, not the effect: graduates stay on.
    let lasting = kind == Some("hire");
    let dates = match dates(c, &t, s, ctx.window, lasting) {
        Ok(d) => d,
        Err(dropped) => return if dropped { Outcome::Dropped } else { Outcome::Failed },
    };
    let Some(kind) = kind else { return Outcome::Failed };
    let keys_ok = keys::check(c, kind, s);
    // With broken dates, the kind's own keys are still checked (against a stand-in date).
    let d = dates.unwrap_or(Dates { at: Date::MIN, until: None });
    let checked = match kind {
        "deploy" => runtime::deploy(c, &t, s, ctx, d),
        "deputize" => runtime::deputize(c, &t, s, ctx, d),
        "review" => runtime::review(c, &t, s, ctx, d),
        "rotate" => runtime::rotate(c, &t, s, ctx, d),
        "detail" => detail::detail(c, &t, s, ctx, d),
        _ => compiled::compiled(c, kind, &t, s, ctx, d),
    };
    match checked {
        Some(x) if keys_ok && dates.is_some() => Outcome::Ok(x),
        _ => Outcome::Failed,
    }
}

/// `at` and `until`: `Ok(None)` if they have a problem already reported (so the kind's
/// own keys are still checked), `Err(true)` if the intervention is inherited and cannot
/// affect the run, `Err(false)` if it is in the loaded file and cannot. With `lasting`,
/// the change outlives `until`, so an `until` before the run does not make it irrelevant.
fn dates(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    window: Option<(Date, u32)>,
    lasting: bool,
) -> Result<Option<Dates>, bool> {
    let at = c.present(t, "at", &s.at, "\"YYYY-MM-DD\"").and_then(|d| parse(c, t, "at", d));
    let until = s.until.as_ref().map(|d| (parse(c, t, "until", d), d.span()));
    if let (Some(a), Some((Some(u), span))) = (at, &until)
        && *u < a
    {
        c.error(span.clone(), format!("`{}` = {u} is before `at` = {a}", t.key("until")), None);
        return Ok(None);
    }
    let Some(at) = at else { return Ok(None) };
    if until.as_ref().is_some_and(|(u, _)| u.is_none()) {
        return Ok(None);
    }
    let until_date = until.as_ref().and_then(|(u, _)| *u);
    let Some((start, days)) = window else {
        return Ok(Some(Dates { at, until: until_date }));
    };
    let last = start.plus(days as i32 - 1);
    let (late, span, why) = if at > last {
        (true, s.at.as_ref().map(Spanned::span), format!("starts after the run ends ({last})"))
    } else if let Some(u) = until_date.filter(|u| *u < start && !lasting) {
        let span = until.as_ref().map(|(_, sp)| sp.clone());
        (true, span, format!("ends ({u}) before the run starts ({start})"))
    } else {
        (false, None, String::new())
    };
    if late {
        let span = span.unwrap_or_else(|| t.span.clone());
        if !c.in_loaded_file(&span) {
            return Err(true);
        }
        c.error(
            span,
            format!("{} {why}: it cannot change this run", t.label),
            Some(format!(
                "the run is {start} to {last}; an intervention may start before the run \
                 (it then applies from the first simulated day) but must overlap it"
            )),
        );
        return Err(false);
    }
    Ok(Some(Dates { at, until: until_date }))
}

pub(super) fn parse(c: &mut Checker<'_>, t: &At, key: &str, d: &Spanned<String>) -> Option<Date> {
    let date = Date::parse(d.get_ref());
    if date.is_none() {
        let msg = format!("`{} = \"{}\"` is not a date", t.key(key), d.get_ref());
        c.error(d.span(), msg, Some("write dates as \"YYYY-MM-DD\"".into()));
    }
    date
}

/// Resolves an office list; `["all"]` means every office.
pub(super) fn office_list(
    c: &mut Checker<'_>,
    t: &At,
    list_: &Spanned<Vec<Spanned<String>>>,
    offices: &[String],
) -> Option<Vec<OfficeId>> {
    let names = list_.get_ref();
    if names.is_empty() {
        c.error(
            list_.span(),
            format!("`{}` is empty", t.key("offices")),
            Some("name at least one office, or `[\"all\"]`".into()),
        );
        return None;
    }
    if names.iter().any(|n| n.get_ref() == "all") {
        if names.len() > 1 {
            let help = "write `[\"all\"]` alone, or list offices by name";
            c.error(
                list_.span(),
                "\"all\" cannot be combined with office names".into(),
                Some(help.into()),
            );
            return None;
        }
        return (0..offices.len()).map(|i| u16::try_from(i).ok().map(OfficeId)).collect();
    }
    let mut ids = Vec::new();
    let mut ok = true;
    for n in names {
        match office_ref(c, offices, n) {
            Some(id) if ids.contains(&id) => {
                ok = false;
                c.error(n.span(), format!("office \"{}\" is listed twice", n.get_ref()), None);
            }
            Some(id) => ids.push(id),
            None => ok = false,
        }
    }
    ok.then_some(ids)
}

/// The required `offices` list.
pub(super) fn offices(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
) -> Option<Vec<OfficeId>> {
    c.present(t, "offices", &s.offices, "[\"Chicago\", \"Houston\"]` or `[\"all\"]")
        .and_then(|o| office_list(c, t, o, ctx.offices))
}

/// The optional `offices` list; absent means every office.
pub(super) fn offices_or_all(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
) -> Option<Vec<OfficeId>> {
    match &s.offices {
        Some(o) => office_list(c, t, o, ctx.offices),
        None => (0..ctx.offices.len()).map(|i| u16::try_from(i).ok().map(OfficeId)).collect(),
    }
}

/// Of keys that are alternatives, at most one may be given (reported at the second);
/// with `required`, exactly one. Returns the index of the one given.
pub(super) fn one_of(
    c: &mut Checker<'_>,
    t: &At,
    given: &[(&str, Option<Range<usize>>)],
    required: bool,
) -> Result<Option<usize>, ()> {
    let present: Vec<usize> = (0..given.len()).filter(|&i| given[i].1.is_some()).collect();
    let names = given.iter().map(|g| format!("`{}`", g.0)).collect::<Vec<_>>().join(" or ");
    match present.as_slice() {
        [] if required => {
            c.error(t.span.clone(), format!("missing {names} in {}", t.label), None);
            Err(())
        }
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [first, second, ..] => {
            // Reported where the later of the two is written.
            let span = present.iter().filter_map(|&i| given[i].1.clone()).max_by_key(|s| s.start);
            let span = span.unwrap_or(t.span.clone());
            c.error(
                span,
                format!("`{}` and `{}` cannot both be given", given[*first].0, given[*second].0),
                Some(format!("give {names}, not several")),
            );
            Err(())
        }
    }
}

/// An optional number: `Ok(None)` if absent, `Err(())` if given and invalid (reported).
pub(super) fn opt(
    c: &mut Checker<'_>,
    t: &At,
    key: &str,
    f: &Option<crate::spec::Num>,
    b: super::Bound,
) -> Result<Option<f64>, ()> {
    match f {
        None => Ok(None),
        Some(n) => c.sourced(&t.key(key), n, b).map(Some).ok_or(()),
    }
}

/// At least one of the keys must be given.
pub(super) fn at_least_one(
    c: &mut Checker<'_>,
    t: &At,
    kind: &str,
    given: &[(&str, bool)],
) -> bool {
    if given.iter().any(|g| g.1) {
        return true;
    }
    let names = given.iter().map(|g| format!("`{}`", g.0)).collect::<Vec<_>>().join(", ");
    c.error(
        t.span.clone(),
        format!("a {kind} intervention changes nothing: {} gives none of {names}", t.label),
        Some("give at least one".into()),
    );
    false
}
