//! The kinds that need state during the run: `deploy`, `deputize`, `review` and `rotate`.

use model::{DeployFrom, Intervention, InterventionKind, Multiplier, OfficeId, Rotation, SectorId};
use toml::Spanned;

use super::keys::span;
use super::{Checked, Context, Dates, offices, one_of, opt};
use crate::cities;
use crate::names::{AGENCIES, DEPLOY_AGENCIES, did_you_mean, list};
use crate::spec::InterventionSpec;
use crate::validate::{At, Bound, Checker};

/// `deploy`: agents to offices (`offices`) or cities (`cities`), from the southwest
/// sectors, named sectors, or another agency (`from`).
pub(super) fn deploy(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let ids = receivers(c, t, s, ctx);
    let from = match &s.from {
        Some(f) => deploy_from(c, t, f, ctx),
        None => southwest(c, t, ctx),
    };
    let agents = c.number(t, "agents", &s.agents, Bound::NonNegative);
    let ramp_days = c.number(t, "ramp_days", &s.ramp_days, Bound::NonNegative);
    let rate = c.number(t, "arrests_per_agent_day", &s.arrests_per_agent_day, Bound::NonNegative);
    Some(Checked::Runtime(Intervention {
        at: d.at,
        kind: InterventionKind::Deploy {
            agents: agents?,
            offices: ids?,
            until: d.until,
            ramp_days: ramp_days?,
            arrests_per_agent_day: rate?,
            from: from?,
        },
    }))
}

/// The receiving offices of a `deploy` or a `detail`: exactly one of `offices` or `cities`.
pub(super) fn receivers(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
) -> Option<Vec<OfficeId>> {
    let place = one_of(c, t, &[("offices", span(&s.offices)), ("cities", span(&s.cities))], true);
    match place {
        Ok(Some(0)) => offices(c, t, s, ctx),
        Ok(Some(_)) => s.cities.as_ref().and_then(|cs| city_offices(c, t, cs, ctx)),
        _ => None,
    }
}

/// Cities to offices: one entry per city, so an office with two cities gets two shares.
fn city_offices(
    c: &mut Checker<'_>,
    t: &At,
    cs: &Spanned<Vec<Spanned<String>>>,
    ctx: &Context<'_>,
) -> Option<Vec<OfficeId>> {
    if cs.get_ref().is_empty() {
        c.error(cs.span(), format!("`{}` is empty", t.key("cities")), None);
        return None;
    }
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut ok = true;
    for city in cs.get_ref() {
        let name = city.get_ref().as_str();
        if seen.contains(&name) {
            ok = false;
            c.error(city.span(), format!("city \"{name}\" is listed twice"), None);
            continue;
        }
        seen.push(name);
        let Some(office) = cities::office_of(name) else {
            ok = false;
            let help = did_you_mean(name, cities::names()).unwrap_or_else(|| {
                format!(
                    "the cities caseload knows (crates/scenario/src/cities.rs): {}; or name \
                     offices with `offices`",
                    list(cities::names())
                )
            });
            c.error(city.span(), format!("unknown city \"{name}\""), Some(help));
            continue;
        };
        match ctx.offices.iter().position(|o| o == office) {
            Some(i) => out.push(OfficeId(i as u16)),
            None if c.is_broken("offices") => ok = false,
            None => {
                ok = false;
                c.error(
                    city.span(),
                    format!(
                        "city \"{name}\" is in the {office} field office, which this scenario \
                         has no [[offices]] entry for"
                    ),
                    None,
                );
            }
        }
    }
    ok.then_some(out)
}

/// Every southwest sector (the default source of agents).
fn southwest(c: &mut Checker<'_>, t: &At, ctx: &Context<'_>) -> Option<DeployFrom> {
    let ids: Vec<SectorId> = (0..ctx.sectors.len())
        .filter(|&i| ctx.sectors[i].1 == Some(true))
        .map(|i| SectorId(i as u16))
        .collect();
    if ids.is_empty() {
        if c.is_broken("sectors") {
            return None; // reported there; which sectors exist is unknown
        }
        c.error(
            t.span.clone(),
            format!(
                "{} takes agents from the southwest sectors, but this scenario has none",
                t.label
            ),
            Some("name the sectors with `from = [\"…\"]`, or an agency".into()),
        );
        return None;
    }
    Some(DeployFrom::Sectors(ids))
}

/// `from`: `["southwest"]`, sector names, or one agency.
fn deploy_from(
    c: &mut Checker<'_>,
    t: &At,
    f: &Spanned<Vec<Spanned<String>>>,
    ctx: &Context<'_>,
) -> Option<DeployFrom> {
    let names = f.get_ref();
    let special = |n: &str| n == "southwest" || DEPLOY_AGENCIES.contains(&n);
    match names.as_slice() {
        [] => {
            c.error(f.span(), format!("`{}` is empty", t.key("from")), None);
            None
        }
        [one] if one.get_ref() == "southwest" => southwest(c, t, ctx),
        [one] if DEPLOY_AGENCIES.contains(&one.get_ref().as_str()) => {
            Some(DeployFrom::Agency(one.get_ref().clone()))
        }
        many if many.iter().any(|n| special(n.get_ref())) => {
            let help = "write `[\"southwest\"]` or one agency alone, or list sectors by name";
            c.error(
                f.span(),
                format!("`{}` mixes sectors with \"southwest\" or an agency", t.key("from")),
                Some(help.into()),
            );
            None
        }
        sectors => {
            let mut ids: Vec<SectorId> = Vec::new();
            let mut ok = true;
            for n in sectors {
                let name = n.get_ref().as_str();
                match ctx.sectors.iter().position(|s| s.0 == name) {
                    Some(i) if ids.contains(&SectorId(i as u16)) => {
                        ok = false;
                        c.error(n.span(), format!("sector \"{name}\" is listed twice"), None);
                    }
                    Some(i) => ids.push(SectorId(i as u16)),
                    None if c.is_broken("sectors") => ok = false,
                    None => {
                        ok = false;
                        let choices = ctx.sectors.iter().map(|s| s.0.as_str());
                        let choices = choices.chain(["southwest"]).chain(DEPLOY_AGENCIES);
                        let help = did_you_mean(name, choices.clone()).unwrap_or_else(|| {
                            format!(
                                "`from` takes sector names, \"southwest\" or an agency: {}",
                                list(choices)
                            )
                        });
                        c.error(
                            n.span(),
                            format!("unknown sector or agency \"{name}\""),
                            Some(help),
                        );
                    }
                }
            }
            ok.then_some(DeployFrom::Sectors(ids))
        }
    }
}

/// `deputize`: partner-agency officers working immigration cases part of their time.
pub(super) fn deputize(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let ids = offices(c, t, s, ctx);
    let agency = c.present(t, "agency", &s.agency, "\"DEA\"").and_then(|a| {
        if AGENCIES.contains(&a.get_ref().as_str()) {
            return Some(a.get_ref().clone());
        }
        let help = did_you_mean(a.get_ref(), AGENCIES)
            .unwrap_or_else(|| format!("allowed: {}", list(AGENCIES)));
        c.error(a.span(), format!("unknown agency \"{}\"", a.get_ref()), Some(help));
        None
    });
    let officers = c.number(t, "officers", &s.officers, Bound::NonNegative);
    let time_share = c.number(t, "time_share", &s.time_share, Bound::Share);
    // Optional (absent = 0): the deputies work from the first day.
    let training = opt(c, t, "training_days", &s.training_days, Bound::NonNegative);
    let ramp_days = c.number(t, "ramp_days", &s.ramp_days, Bound::NonNegative);
    let rate =
        c.number(t, "arrests_per_officer_day", &s.arrests_per_officer_day, Bound::NonNegative);
    Some(Checked::Runtime(Intervention {
        at: d.at,
        kind: InterventionKind::Deputize {
            agency: agency?,
            officers: officers?,
            offices: ids?,
            time_share: time_share?,
            training_days: training.ok()?.unwrap_or(0.0),
            ramp_days: ramp_days?,
            arrests_per_officer_day: rate?,
            until: d.until,
        },
    }))
}

/// `review`: quarterly reviews, with a rotation rule when `bottom` is given.
pub(super) fn review(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let normal = s.multiplier_mean.is_some() || s.multiplier_sd.is_some();
    let given_multiplier = normal || s.multiplier_range.is_some();
    let rotation = match &s.bottom {
        None if given_multiplier => {
            let span = span(&s.multiplier_mean)
                .or(span(&s.multiplier_sd))
                .or(span(&s.multiplier_range))
                .unwrap_or(t.span.clone());
            c.error(
                span,
                format!("a multiplier needs a rotation rule: {} has no `bottom`", t.label),
                Some(
                    "add `bottom = 5` (offices rotated each quarter), or remove the multiplier"
                        .into(),
                ),
            );
            return None;
        }
        None => None,
        Some(b) => {
            let bottom = rotated_count(c, t, b, ctx, "the number of offices rotated each quarter");
            let multiplier = multiplier(c, t, s, normal);
            Some(Rotation { bottom: bottom?, multiplier: multiplier? })
        }
    };
    Some(Checked::Runtime(Intervention {
        at: d.at,
        kind: InterventionKind::Review { rotation, until: d.until },
    }))
}

/// `rotate`: a one-off rotation of the `bottom` offices' directors, with the new
/// leadership's multiplier, the handover's `disruption` (a share, 0 when absent) and the
/// `ramp_days` to the settled effect (0 when absent).
pub(super) fn rotate(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let count = match &s.bottom {
        None => {
            c.error(
                t.span.clone(),
                format!("missing `bottom` in {}", t.label),
                Some(
                    "the number of offices whose directors are replaced, e.g. `bottom = 12`".into(),
                ),
            );
            None
        }
        Some(b) => {
            rotated_count(c, t, b, ctx, "the number of offices whose directors are replaced")
        }
    };
    let normal = s.multiplier_mean.is_some() || s.multiplier_sd.is_some();
    let multiplier = multiplier(c, t, s, normal);
    let or_zero = |x: Result<Option<f64>, ()>| x.ok().map(|x| x.unwrap_or(0.0));
    let disruption = or_zero(opt(c, t, "disruption", &s.disruption, Bound::Share));
    let ramp_days = or_zero(opt(c, t, "ramp_days", &s.ramp_days, Bound::NonNegative));
    Some(Checked::Runtime(Intervention {
        at: d.at,
        kind: InterventionKind::Rotate {
            count: count?,
            multiplier: multiplier?,
            disruption: disruption?,
            ramp_days: ramp_days?,
        },
    }))
}

/// `bottom`: between 1 and the number of offices.
fn rotated_count(
    c: &mut Checker<'_>,
    t: &At,
    b: &Spanned<u32>,
    ctx: &Context<'_>,
    meaning: &str,
) -> Option<u32> {
    let n = *b.get_ref();
    if n == 0 || n as usize > ctx.offices.len() {
        c.error(
            b.span(),
            format!("`{}` = {n} is outside 1..={}", t.key("bottom"), ctx.offices.len()),
            Some(meaning.into()),
        );
        return None;
    }
    Some(n)
}

/// The multiplier's distribution: `multiplier_mean` with `multiplier_sd` (normal,
/// truncated at 0), or `multiplier_range = [lo, hi]` (uniform).
fn multiplier(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    normal: bool,
) -> Option<Multiplier> {
    let forms = [
        ("multiplier_mean", span(&s.multiplier_mean).or(span(&s.multiplier_sd))),
        ("multiplier_range", span(&s.multiplier_range)),
    ];
    one_of(c, t, &forms, true).ok()?;
    if normal {
        let mean = c.number(t, "multiplier_mean", &s.multiplier_mean, Bound::NonNegative);
        let sd = c.number(t, "multiplier_sd", &s.multiplier_sd, Bound::NonNegative);
        return Some(Multiplier::Normal { mean: mean?, sd: sd? });
    }
    let r = s.multiplier_range.as_ref()?;
    let v =
        c.numbers_at(&t.key("multiplier_range"), r, &["lo", "hi"], Bound::NonNegative, false)?;
    if v[0] > v[1] {
        let msg = format!("`{}` = [{}, {}] has lo > hi", t.key("multiplier_range"), v[0], v[1]);
        c.error(r.get_ref().value.span(), msg, Some("write [lo, hi] with lo <= hi".into()));
        return None;
    }
    Some(Multiplier::Uniform { lo: v[0], hi: v[1] })
}
