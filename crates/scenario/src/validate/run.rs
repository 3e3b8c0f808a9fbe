//! `[scenario]`: the run settings, plain values checked against their allowed ranges.

use std::ops::RangeInclusive;

use model::Date;
use toml::Spanned;

use super::{At, Checker};
use crate::spec::RunSpec;

/// Longest run, in measured (or warm-up) days: ten years.
pub(crate) const MAX_DAYS: u32 = 3660;
/// Most replications.
pub(crate) const MAX_REPLICATIONS: u32 = 10_000;
/// Allowed `days`.
pub(crate) const DAYS: RangeInclusive<u32> = 1..=MAX_DAYS;
/// Allowed `warmup_days`.
pub(crate) const WARMUP_DAYS: RangeInclusive<u32> = 0..=MAX_DAYS;
/// Allowed `replications`.
const REPLICATIONS: RangeInclusive<u32> = 1..=MAX_REPLICATIONS;

/// The values a whole-number setting allows, for messages given before the range checks
/// (a negative or huge number fails to decode at all).
pub(crate) fn whole_range(key: &str) -> Option<String> {
    let r = match key {
        "days" => DAYS,
        "warmup_days" => WARMUP_DAYS,
        "replications" => REPLICATIONS,
        "bottom" => return Some("1..=(the number of offices)".into()),
        _ => return None,
    };
    Some(format!("{}..={}", r.start(), r.end()))
}

/// Validated run settings.
pub(crate) struct Run {
    pub name: String,
    pub description: String,
    pub start: Date,
    pub days: u32,
    pub warmup_days: u32,
    pub replications: u32,
    pub seed: u64,
    /// `known_on` and the global offset it was written at.
    pub known_on: Option<(Date, usize)>,
}

/// Checks `[scenario]`.
pub(crate) fn run(c: &mut Checker<'_>, spec: &Spanned<RunSpec>) -> Option<Run> {
    let at = At::new(spec.span(), "[scenario]", "scenario");
    let s = spec.get_ref();
    let name = text(c, &at, "name", &s.name, "\"what-if-name\"");
    let description =
        text(c, &at, "description", &s.description, "\"One sentence: the question it answers.\"");
    let start = c
        .present(&at, "start", &s.start, "\"YYYY-MM-DD\"")
        .and_then(|d| date(c, "start", d, "write dates as \"YYYY-MM-DD\""));
    let days = within(c, &at, ("days", "365"), &s.days, DAYS);
    let warmup_days = within(c, &at, ("warmup_days", "365"), &s.warmup_days, WARMUP_DAYS);
    let replications = within(c, &at, ("replications", "10"), &s.replications, REPLICATIONS);
    let seed = c.present(&at, "seed", &s.seed, "20251001").map(|v| *v.get_ref());
    let known_on = match &s.known_on {
        None => None,
        Some(k) => {
            let help = "write the day the forecast is made as \"YYYY-MM-DD\"";
            Some((date(c, "known_on", k, help)?, k.span().start))
        }
    };
    Some(Run {
        name: name?,
        description: description?,
        start: start?,
        days: days?,
        warmup_days: warmup_days?,
        replications: replications?,
        seed: seed?,
        known_on,
    })
}

/// The date `scenario.<key>` holds, or a located error saying it is not one.
fn date(c: &mut Checker<'_>, key: &str, v: &Spanned<String>, help: &str) -> Option<Date> {
    let parsed = Date::parse(v.get_ref());
    if parsed.is_none() {
        let msg = format!("`scenario.{key} = \"{}\"` is not a date", v.get_ref());
        c.error(v.span(), msg, Some(help.into()));
    }
    parsed
}

fn text(
    c: &mut Checker<'_>,
    at: &At,
    key: &str,
    field: &Option<Spanned<String>>,
    example: &str,
) -> Option<String> {
    let v = c.present(at, key, field, example)?;
    if v.get_ref().trim().is_empty() {
        c.error(
            v.span(),
            format!("`scenario.{key}` is empty"),
            Some(format!("write e.g. `{key} = {example}`")),
        );
        return None;
    }
    Some(v.get_ref().clone())
}

/// A whole number in lo..=hi; `key` is (name, example for the help when missing).
fn within(
    c: &mut Checker<'_>,
    at: &At,
    key: (&str, &str),
    field: &Option<Spanned<u32>>,
    allowed: RangeInclusive<u32>,
) -> Option<u32> {
    let (key, example) = key;
    let v = c.present(at, key, field, example)?;
    let x = *v.get_ref();
    if !allowed.contains(&x) {
        let (lo, hi) = (allowed.start(), allowed.end());
        c.error(v.span(), format!("`scenario.{key}` = {x} is outside {lo}..={hi}"), None);
        return None;
    }
    Some(x)
}
