//! `[[interventions]]`: dated changes. Each kind takes its own keys; dates must fall
//! inside the measured run; office lists resolve to ids (`["all"]` = every office).

use std::ops::Range;

use model::{Date, Intervention, InterventionKind, OfficeId};
use toml::Spanned;

use super::places::office_ref;
use super::{At, Bound, Checker};
use crate::names::{AGENCIES, INTERVENTION_KINDS, did_you_mean, list};
use crate::spec::InterventionSpec;

const DEPLOY_KEYS: [&str; 7] =
    ["kind", "at", "until", "agents", "offices", "ramp_days", "arrests_per_agent_day"];
const DEPUTIZE_KEYS: [&str; 9] = [
    "kind",
    "at",
    "until",
    "agency",
    "officers",
    "offices",
    "time_share",
    "ramp_days",
    "arrests_per_officer_day",
];

/// A key of the other kind and where it was given, if it was.
type Foreign<'a> = (&'a str, Option<Range<usize>>);

/// Checks every intervention and returns them sorted by date (stable: file order breaks ties).
pub(crate) fn interventions(
    c: &mut Checker<'_>,
    specs: &[Spanned<InterventionSpec>],
    offices: &[String],
    window: Option<(Date, u32)>,
) -> Option<Vec<Intervention>> {
    let all: Vec<Option<Intervention>> =
        specs.iter().enumerate().map(|(i, s)| intervention(c, i, s, offices, window)).collect();
    let mut all: Vec<Intervention> = all.into_iter().collect::<Option<_>>()?;
    all.sort_by_key(|i| i.at);
    Some(all)
}

fn intervention(
    c: &mut Checker<'_>,
    i: usize,
    spec: &Spanned<InterventionSpec>,
    offices: &[String],
    window: Option<(Date, u32)>,
) -> Option<Intervention> {
    let s = spec.get_ref();
    let t = At::new(
        spec.span(),
        format!("[[interventions]] entry {}", i + 1),
        format!("interventions[{i}]"),
    );
    let kind = c.present(&t, "kind", &s.kind, "\"deploy\"").and_then(|k| {
        let k_str = k.get_ref().as_str();
        if INTERVENTION_KINDS.contains(&k_str) {
            return Some(k_str);
        }
        let help = did_you_mean(k_str, INTERVENTION_KINDS)
            .unwrap_or_else(|| format!("allowed: {}", list(INTERVENTION_KINDS)));
        c.error(k.span(), format!("unknown intervention kind \"{k_str}\""), Some(help));
        None
    });
    let at =
        c.present(&t, "at", &s.at, "\"YYYY-MM-DD\"").and_then(|d| date(c, &t, "at", d, window));
    let until = s.until.as_ref().and_then(|d| date(c, &t, "until", d, window));
    if let (Some(a), Some(u), Some(us)) = (at, until, &s.until)
        && u < a
    {
        c.error(us.span(), format!("`{}` = {u} is before `at` = {a}", t.key("until")), None);
    }
    let ids = c
        .present(&t, "offices", &s.offices, "[\"Chicago\", \"Houston\"]` or `[\"all\"]")
        .and_then(|o| office_list(c, &t, o, offices));
    let kind = kind?;
    // Keys that belong to the other kind.
    let (allowed, foreign): (&[&str], Vec<Foreign<'_>>) = if kind == "deploy" {
        let foreign = vec![
            ("agency", s.agency.as_ref().map(Spanned::span)),
            ("officers", s.officers.as_ref().map(Spanned::span)),
            ("time_share", s.time_share.as_ref().map(Spanned::span)),
            ("arrests_per_officer_day", s.arrests_per_officer_day.as_ref().map(Spanned::span)),
        ];
        (&DEPLOY_KEYS, foreign)
    } else {
        let foreign = vec![
            ("agents", s.agents.as_ref().map(Spanned::span)),
            ("arrests_per_agent_day", s.arrests_per_agent_day.as_ref().map(Spanned::span)),
        ];
        (&DEPUTIZE_KEYS, foreign)
    };
    let mut ok = true;
    for (key, span) in foreign {
        if let Some(span) = span {
            ok = false;
            let help = format!("a {kind} intervention takes: {}", list(allowed.iter().copied()));
            c.error(span, format!("`{key}` does not apply to a {kind} intervention"), Some(help));
        }
    }
    let ramp_days = c.number(&t, "ramp_days", &s.ramp_days, Bound::NonNegative);
    let kind = if kind == "deploy" {
        let agents = c.number(&t, "agents", &s.agents, Bound::NonNegative);
        let rate =
            c.number(&t, "arrests_per_agent_day", &s.arrests_per_agent_day, Bound::NonNegative);
        InterventionKind::Deploy {
            agents: agents?,
            offices: ids?,
            until,
            ramp_days: ramp_days?,
            arrests_per_agent_day: rate?,
        }
    } else {
        let agency = c.present(&t, "agency", &s.agency, "\"DEA\"").and_then(|a| {
            if AGENCIES.contains(&a.get_ref().as_str()) {
                return Some(a.get_ref().clone());
            }
            let help = did_you_mean(a.get_ref(), AGENCIES)
                .unwrap_or_else(|| format!("allowed: {}", list(AGENCIES)));
            c.error(a.span(), format!("unknown agency \"{}\"", a.get_ref()), Some(help));
            None
        });
        let officers = c.number(&t, "officers", &s.officers, Bound::NonNegative);
        let time_share = c.number(&t, "time_share", &s.time_share, Bound::Share);
        let rate =
            c.number(&t, "arrests_per_officer_day", &s.arrests_per_officer_day, Bound::NonNegative);
        InterventionKind::Deputize {
            agency: agency?,
            officers: officers?,
            offices: ids?,
            time_share: time_share?,
            ramp_days: ramp_days?,
            arrests_per_officer_day: rate?,
            until,
        }
    };
    if s.until.is_some() && until.is_none() {
        return None;
    }
    ok.then_some(Intervention { at: at?, kind })
}

/// Parses a date and checks it lies in the measured run [start, start + days).
fn date(
    c: &mut Checker<'_>,
    t: &At,
    key: &str,
    d: &Spanned<String>,
    window: Option<(Date, u32)>,
) -> Option<Date> {
    let Some(date) = Date::parse(d.get_ref()) else {
        let msg = format!("`{} = \"{}\"` is not a date", t.key(key), d.get_ref());
        c.error(d.span(), msg, Some("write dates as \"YYYY-MM-DD\"".into()));
        return None;
    };
    let (start, days) = window?;
    let last = start.plus(days as i32 - 1);
    if date < start || date > last {
        c.error(
            d.span(),
            format!("`{}` = {date} is outside the run ({start} to {last})", t.key(key)),
            Some(
                "interventions fall between `start` and the last measured day (start + days - 1)"
                    .into(),
            ),
        );
        return None;
    }
    Some(date)
}

/// Resolves an office list; `["all"]` means every office.
fn office_list(
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
