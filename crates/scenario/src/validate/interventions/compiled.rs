//! The kinds that only move parameters: `target`, `agreements_287g`, `beds`, `flights`,
//! `judges`, `hire` and `processing`, validated into [`Compiled`] changes.

use model::{FacilityKind, OfficeId, Window};

use super::keys::span;
use super::{Checked, Context, Dates, at_least_one, offices, offices_or_all, one_of, opt};
use crate::compile::{BedAmount, Compiled};
use crate::names::{HIRE_DISTRIBUTIONS, did_you_mean, list};
use crate::spec::{InterventionSpec, Num};
use crate::validate::labels::NATIONALITY;
use crate::validate::places::office_ref;
use crate::validate::{At, Bound, Checker};

/// The optional ramp (`ramp_days` or, for beds, `phase_days`): 0 when absent.
fn ramp(c: &mut Checker<'_>, t: &At, key: &str, f: &Option<Num>) -> Result<f64, ()> {
    opt(c, t, key, f, Bound::NonNegative).map(|r| r.unwrap_or(0.0))
}

fn window(d: Dates, ramp_days: f64) -> Window {
    Window { from: d.at, until: d.until, ramp_days }
}

/// Validates a compiled kind.
pub(super) fn compiled(
    c: &mut Checker<'_>,
    kind: &str,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let x = match kind {
        "target" => target(c, t, s, ctx, d),
        "agreements_287g" => agreements(c, t, s, ctx, d),
        "beds" => beds(c, t, s, ctx, d),
        "flights" => flights(c, t, s, d),
        "judges" => judges(c, t, s, d),
        "hire" => hire(c, t, s, ctx, d),
        "processing" => processing(c, t, s, d),
        _ => None,
    }?;
    Some(Checked::Compiled(d.at, x))
}

fn target(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Compiled> {
    let any = at_least_one(
        c,
        t,
        "target",
        &[
            ("arrests_per_day", s.arrests_per_day.is_some()),
            ("each_office_arrests_per_day", s.each_office_arrests_per_day.is_some()),
            ("office_arrests_per_day", s.office_arrests_per_day.is_some()),
            ("removals_per_year", s.removals_per_year.is_some()),
        ],
    );
    // The policy switch: a national target split among offices, or the same target for
    // every office (the announced 75 a day), not both.
    let split = [
        ("arrests_per_day", span(&s.arrests_per_day)),
        ("each_office_arrests_per_day", span(&s.each_office_arrests_per_day)),
    ];
    let switch = one_of(c, t, &split, false);
    let national = opt(c, t, "arrests_per_day", &s.arrests_per_day, Bound::NonNegative);
    let each = s.each_office_arrests_per_day.as_ref().map(|_| {
        c.number(
            t,
            "each_office_arrests_per_day",
            &s.each_office_arrests_per_day,
            Bound::NonNegative,
        )
    });
    let removals = opt(c, t, "removals_per_year", &s.removals_per_year, Bound::NonNegative);
    let mut offices: Option<Vec<(OfficeId, f64)>> = Some(Vec::new());
    if let Some(table) = &s.office_arrests_per_day {
        for (name, n) in table.get_ref() {
            let id = office_ref(c, ctx.offices, name);
            let path = format!("{}.{}", t.key("office_arrests_per_day"), name.get_ref());
            let v = c.sourced(&path, n, Bound::NonNegative);
            match (id, v, offices.as_mut()) {
                (Some(id), Some(v), Some(list)) => list.push((id, v)),
                _ => offices = None,
            }
        }
    }
    let ramp_days = ramp(c, t, "ramp_days", &s.ramp_days);
    any.then_some(())?;
    switch.ok()?;
    let each_office = match each {
        Some(x) => Some(x?),
        None => None,
    };
    Some(Compiled::Target {
        window: window(d, ramp_days.ok()?),
        national: national.ok()?,
        each_office,
        offices: offices?,
        removals_per_year: removals.ok()?,
    })
}

fn agreements(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Compiled> {
    let ids = offices(c, t, s, ctx);
    let any = at_least_one(
        c,
        t,
        "agreements_287g",
        &[("honour_rate", s.honour_rate.is_some()), ("supply_change", s.supply_change.is_some())],
    );
    let honour = opt(c, t, "honour_rate", &s.honour_rate, Bound::Share);
    let supply = opt(c, t, "supply_change", &s.supply_change, Bound::Real);
    if let (Ok(Some(x)), Some(n)) = (supply, &s.supply_change)
        && x < -1.0
    {
        c.error(
            n.get_ref().value.span(),
            format!("`{}` = {x} would make the jail supply negative", t.key("supply_change")),
            Some("a relative change: 0.2 = 20% more removable people booked into jails, -0.1 = 10% fewer; at least -1".into()),
        );
        return None;
    }
    let coverage = match (&s.jurisdictions, &s.jurisdictions_total) {
        (None, None) => Ok(1.0),
        (Some(_), None) | (None, Some(_)) => {
            let (given, missing) = if s.jurisdictions.is_some() {
                ("jurisdictions", "jurisdictions_total")
            } else {
                ("jurisdictions_total", "jurisdictions")
            };
            let sp =
                span(&s.jurisdictions).or(span(&s.jurisdictions_total)).unwrap_or(t.span.clone());
            c.error(
                sp,
                format!("`{given}` needs `{missing}` in {}", t.label),
                Some("the change applies to the share jurisdictions / jurisdictions_total of the offices' jails".into()),
            );
            Err(())
        }
        (Some(j), Some(tot)) => {
            let jv = c.sourced(&t.key("jurisdictions"), j, Bound::NonNegative);
            let tv = c.sourced(&t.key("jurisdictions_total"), tot, Bound::Positive);
            match (jv, tv) {
                (Some(a), Some(b)) if a > b => {
                    c.error(
                        j.get_ref().value.span(),
                        format!(
                            "`{}` = {a} is more than `jurisdictions_total` = {b}",
                            t.key("jurisdictions")
                        ),
                        None,
                    );
                    Err(())
                }
                (Some(a), Some(b)) => Ok(a / b),
                _ => Err(()),
            }
        }
    };
    let ramp_days = ramp(c, t, "ramp_days", &s.ramp_days);
    any.then_some(())?;
    Some(Compiled::Agreements {
        window: window(d, ramp_days.ok()?),
        offices: ids?,
        coverage: coverage.ok()?,
        honour_rate: honour.ok()?,
        supply_change: supply.ok()?,
    })
}

fn beds(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Compiled> {
    let names = FacilityKind::ALL.map(FacilityKind::name);
    let kind = c.present(t, "facility", &s.facility, "\"contract\"").and_then(|f| {
        let found = FacilityKind::ALL.into_iter().find(|k| k.name() == f.get_ref());
        if found.is_none() {
            let help = did_you_mean(f.get_ref(), names)
                .unwrap_or_else(|| format!("facility types: {}", list(names)));
            c.error(f.span(), format!("unknown facility type \"{}\"", f.get_ref()), Some(help));
        }
        found
    });
    let ids = match &s.offices {
        Some(_) => offices(c, t, s, ctx).map(Some),
        None => Some(None),
    };
    let which = one_of(c, t, &[("beds", span(&s.beds)), ("change", span(&s.change))], true);
    let amount = match which {
        Ok(Some(0)) => {
            opt(c, t, "beds", &s.beds, Bound::NonNegative).ok().flatten().map(BedAmount::Total)
        }
        Ok(Some(_)) => {
            opt(c, t, "change", &s.change, Bound::Real).ok().flatten().map(BedAmount::Change)
        }
        _ => None,
    };
    let phase = ramp(c, t, "phase_days", &s.phase_days);
    Some(Compiled::Beds {
        window: window(d, phase.ok()?),
        kind: kind?,
        offices: ids?,
        amount: amount?,
    })
}

fn flights(c: &mut Checker<'_>, t: &At, s: &InterventionSpec, d: Dates) -> Option<Compiled> {
    let settings = [
        ("flights_per_week", &s.flights_per_week, Bound::NonNegative),
        ("flights_factor", &s.flights_factor, Bound::NonNegative),
        ("seats_per_flight", &s.seats_per_flight, Bound::NonNegative),
    ];
    let (window, [per_week, factor, seats]) = capacity(c, t, s, d, "flights", settings)?;
    Some(Compiled::Flights { window, per_week, factor, seats })
}

fn judges(c: &mut Checker<'_>, t: &At, s: &InterventionSpec, d: Dates) -> Option<Compiled> {
    let settings = [
        ("detained_docket_slots", &s.detained_docket_slots, Bound::NonNegative),
        ("slots_change", &s.slots_change, Bound::Real),
        ("case_days_mean", &s.case_days_mean, Bound::NonNegative),
    ];
    let (window, [slots, change, case_days_mean]) = capacity(c, t, s, d, "judges", settings)?;
    Some(Compiled::Judges { window, slots, change, case_days_mean })
}

/// The shape `flights` and `judges` share: a capacity level or a change of it (not both),
/// one more setting, at least one of the three given, ramped in over `ramp_days`. Every
/// problem is reported before giving up; the values come back in the order given.
fn capacity(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    d: Dates,
    kind: &str,
    settings: [(&str, &Option<Num>, Bound); 3],
) -> Option<(Window, [Option<f64>; 3])> {
    let any = at_least_one(c, t, kind, &settings.map(|(key, f, _)| (key, f.is_some())));
    let [level, change, _] = settings;
    let exclusive = one_of(c, t, &[(level.0, span(level.1)), (change.0, span(change.1))], false);
    let [a, b, x] = settings.map(|(key, f, bound)| opt(c, t, key, f, bound));
    let ramp_days = ramp(c, t, "ramp_days", &s.ramp_days);
    (any && exclusive.is_ok()).then_some(())?;
    Some((window(d, ramp_days.ok()?), [a.ok()?, b.ok()?, x.ok()?]))
}

fn hire(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Compiled> {
    let ids = offices_or_all(c, t, s, ctx);
    let per_month = c.number(t, "officers_per_month", &s.officers_per_month, Bound::NonNegative);
    let academy = c.number(t, "academy_days", &s.academy_days, Bound::NonNegative);
    let total = opt(c, t, "total", &s.total, Bound::NonNegative);
    let equal = match &s.distribution {
        None => Some(false),
        Some(x) if HIRE_DISTRIBUTIONS.contains(&x.get_ref().as_str()) => {
            Some(x.get_ref() == "equal")
        }
        Some(x) => {
            let help = did_you_mean(x.get_ref(), HIRE_DISTRIBUTIONS).unwrap_or_else(|| {
                "\"officers\" (pro rata to each office's officers) or \"equal\"".into()
            });
            c.error(x.span(), format!("unknown distribution \"{}\"", x.get_ref()), Some(help));
            None
        }
    };
    Some(Compiled::Hire {
        at: d.at,
        until: d.until,
        per_month: per_month?,
        academy_days: academy?,
        total: total.ok()?,
        offices: ids?,
        equal: equal?,
    })
}

fn processing(c: &mut Checker<'_>, t: &At, s: &InterventionSpec, d: Dates) -> Option<Compiled> {
    let any = at_least_one(
        c,
        t,
        "processing",
        &[
            ("booking_days", s.booking_days.is_some()),
            ("usbp_transfer_days", s.usbp_transfer_days.is_some()),
            ("hub_transfer_days", s.hub_transfer_days.is_some()),
            ("travel_doc_days", s.travel_doc_days.is_some()),
        ],
    );
    let booking = opt(c, t, "booking_days", &s.booking_days, Bound::NonNegative);
    let usbp = opt(c, t, "usbp_transfer_days", &s.usbp_transfer_days, Bound::NonNegative);
    let hub = opt(c, t, "hub_transfer_days", &s.hub_transfer_days, Bound::NonNegative);
    let docs = match &s.travel_doc_days {
        None => Ok(None),
        Some(n) => c
            .numbers_at(&t.key("travel_doc_days"), n, &NATIONALITY, Bound::NonNegative, false)
            .and_then(|v| <[f64; 4]>::try_from(v).ok())
            .map(Some)
            .ok_or(()),
    };
    let ramp_days = ramp(c, t, "ramp_days", &s.ramp_days);
    any.then_some(())?;
    Some(Compiled::Processing {
        window: window(d, ramp_days.ok()?),
        booking_days: booking.ok()?,
        usbp_transfer_days: usbp.ok()?,
        hub_transfer_days: hub.ok()?,
        travel_doc_days: docs.ok()?,
    })
}
