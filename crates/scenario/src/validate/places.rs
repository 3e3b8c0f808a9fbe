//! `[[offices]]` and `[[sectors]]`, and the resolution of office names used elsewhere
//! (sectors' receiving office, target weights, interventions) to `OfficeId`s.

use std::ops::Range;

use model::{Beds, Category, FacilityKind, Office, OfficeId, ReachablePool, Sector};
use toml::Spanned;

use super::tables::rule;
use super::{At, Checker};
use crate::names::{ERO_FIELD_OFFICES, did_you_mean, list};
use crate::spec::{OfficeSpec, SectorSpec};

/// Checks the offices; returns them (if all valid) and the names of all entries, for
/// resolving references even when some office has problems.
pub(crate) fn offices(
    c: &mut Checker<'_>,
    specs: &[Spanned<OfficeSpec>],
    top: Range<usize>,
) -> (Option<Vec<Office>>, Vec<String>) {
    if specs.is_empty() && !c.is_broken("offices") && !c.is_broken("scenario") {
        let help = "add one [[offices]] table per ERO field office the scenario models";
        c.error(top, "a scenario needs at least one [[offices]] entry".into(), Some(help.into()));
    }
    let names: Vec<String> = specs
        .iter()
        .map(|s| s.get_ref().name.as_ref().map_or_else(String::new, |n| n.get_ref().clone()))
        .collect();
    let offices: Vec<Option<Office>> =
        specs.iter().enumerate().map(|(i, s)| office(c, i, s)).collect();
    (offices.into_iter().collect(), names)
}

fn office(c: &mut Checker<'_>, i: usize, spec: &Spanned<OfficeSpec>) -> Option<Office> {
    let s = spec.get_ref();
    let at = entry_at("offices", "office", i, spec.span(), s.name.as_ref());
    let name = c.present(&at, "name", &s.name, "\"Chicago\"").and_then(|n| {
        if ERO_FIELD_OFFICES.contains(&n.get_ref().as_str()) {
            return Some(n.get_ref().clone());
        }
        let help = did_you_mean(n.get_ref(), ERO_FIELD_OFFICES)
            .unwrap_or_else(|| format!("the ERO field offices are: {}", list(ERO_FIELD_OFFICES)));
        c.error(n.span(), format!("unknown ERO field office \"{}\"", n.get_ref()), Some(help));
        None
    });
    let officers = c.sched(&at, "officers", &s.officers);
    let jail_supply_per_day = c.sched(&at, "jail_supply_per_day", &s.jail_supply_per_day);
    let detainer_honour_rate = c.sched(&at, "detainer_honour_rate", &s.detainer_honour_rate);
    let target_per_day = match &s.target_per_day {
        Some(t) => c.schedule_at(&at.key("target_per_day"), t, rule(&at, "target_per_day")),
        None => Some(model::Schedule::constant(0.0)),
    };
    let flight_hub = c.flag(&at, "flight_hub", &s.flight_hub);
    let land_border = c.flag(&at, "land_border", &s.land_border);
    let example = "{ convicted = { initial = …, inflow_per_day = … }, pending = …, no_record = … }";
    let reachable = c.present(&at, "reachable", &s.reachable, example).and_then(|r| {
        let rat = at.child("reachable", r.span());
        let pools: Vec<Option<ReachablePool>> = Category::ALL
            .iter()
            .map(|cat| {
                let spec = match cat {
                    Category::Convicted => &r.get_ref().convicted,
                    Category::Pending => &r.get_ref().pending,
                    Category::NoRecord => &r.get_ref().no_record,
                };
                let p = c.present(
                    &rat,
                    cat.name(),
                    spec,
                    "{ initial = { value = … }, inflow_per_day = { value = … } }",
                )?;
                let pat = rat.child(cat.name(), p.span());
                let initial = c.num(&pat, "initial", &p.get_ref().initial);
                let inflow = c.num(&pat, "inflow_per_day", &p.get_ref().inflow_per_day);
                Some(ReachablePool { initial: initial?, inflow_per_day: inflow? })
            })
            .collect();
        let pools: Vec<ReachablePool> = pools.into_iter().collect::<Option<_>>()?;
        pools.try_into().ok()
    });
    // The community pool is optional: absent, there is none (no channel's yield depends
    // on it) and nothing flows into it.
    let community_pool = c.num_or(&at, "community_pool", &s.community_pool, 0.0);
    let community_inflow =
        c.num_or(&at, "community_inflow_per_day", &s.community_inflow_per_day, 0.0);
    let atd_participants = c.num_or(&at, "atd_participants", &s.atd_participants, 0.0);
    let docket_pending = c.num_or(&at, "docket_pending", &s.docket_pending, 0.0);
    let beds =
        c.present(&at, "beds", &s.beds, "{ contract = { value = … }, igsa = … }").and_then(|b| {
            let bat = at.child("beds", b.span());
            let beds: Vec<Option<Beds>> = FacilityKind::ALL
                .iter()
                .filter_map(|kind| {
                    let sched = b.get_ref().get(*kind).as_ref()?;
                    let beds = c.schedule_at(&bat.key(kind.name()), sched, rule(&bat, kind.name()));
                    Some(beds.map(|beds| Beds { kind: *kind, beds }))
                })
                .collect();
            beds.into_iter().collect::<Option<Vec<_>>>()
        });
    Some(Office {
        name: name?,
        officers: officers?,
        jail_supply_per_day: jail_supply_per_day?,
        detainer_honour_rate: detainer_honour_rate?,
        target_per_day: target_per_day?,
        reachable: reachable?,
        community_pool: community_pool?,
        community_inflow_per_day: community_inflow?,
        atd_participants: atd_participants?,
        docket_pending: docket_pending?,
        beds: beds?,
        flight_hub: flight_hub?,
        land_border: land_border?,
    })
}

/// The table of an `[[offices]]`/`[[sectors]]`/`[[appropriations]]` entry, named by its `name` when it has one.
pub(super) fn entry_at(
    what: &str,
    noun: &str,
    i: usize,
    span: Range<usize>,
    name: Option<&Spanned<String>>,
) -> At {
    match name {
        Some(n) => {
            At::new(span, format!("{noun} \"{}\"", n.get_ref()), format!("{what}[{}]", n.get_ref()))
        }
        None => At::new(span, format!("[[{what}]] entry {}", i + 1), format!("{what}[{i}]")),
    }
}

/// Checks the sectors against the scenario's office names.
pub(crate) fn sectors(
    c: &mut Checker<'_>,
    specs: &[Spanned<SectorSpec>],
    offices: &[String],
) -> Option<Vec<Sector>> {
    let sectors: Vec<Option<Sector>> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let s = spec.get_ref();
            let at = entry_at("sectors", "sector", i, spec.span(), s.name.as_ref());
            let name = c.present(&at, "name", &s.name, "\"Rio Grande Valley\"").and_then(|n| {
                if n.get_ref().trim().is_empty() {
                    c.error(n.span(), "sector name is empty".into(), None);
                    return None;
                }
                Some(n.get_ref().clone())
            });
            let southwest = c.flag(&at, "southwest", &s.southwest);
            let crossings = c.sched(&at, "crossings_per_day", &s.crossings_per_day);
            let agents = c.num(&at, "agents", &s.agents);
            let receiving = c
                .present(&at, "receiving_office", &s.receiving_office, "\"San Antonio\"")
                .and_then(|o| office_ref(c, offices, o));
            Some(Sector {
                name: name?,
                southwest: southwest?,
                crossings_per_day: crossings?,
                agents: agents?,
                receiving_office: receiving?,
            })
        })
        .collect();
    sectors.into_iter().collect()
}

/// Resolves an office name to its index, or reports it with a suggestion.
pub(crate) fn office_ref(
    c: &mut Checker<'_>,
    offices: &[String],
    name: &Spanned<String>,
) -> Option<OfficeId> {
    let n = name.get_ref();
    if let Some(i) = offices.iter().position(|o| o == n) {
        return u16::try_from(i).ok().map(OfficeId);
    }
    if c.is_broken("offices") {
        return None; // the offices' own error is reported; their names are unknown
    }
    let here = || list(offices.iter().map(String::as_str));
    let help = did_you_mean(n, offices.iter().map(String::as_str)).unwrap_or_else(|| {
        if ERO_FIELD_OFFICES.contains(&n.as_str()) {
            format!("\"{n}\" has no [[offices]] entry in this scenario; it has: {}", here())
        } else {
            format!("the offices in this scenario are: {}", here())
        }
    });
    c.error(name.span(), format!("unknown office \"{n}\""), Some(help));
    None
}
