//! Which keys each intervention kind takes, and a located error for each key given to a
//! kind that does not take it.

use std::ops::Range;

use toml::Spanned;

use crate::names::list;
use crate::spec::InterventionSpec;
use crate::validate::Checker;

/// Keys every kind takes.
const COMMON: [&str; 4] = ["kind", "at", "until", "announced"];

/// The keys a kind takes besides [`COMMON`].
pub(super) fn allowed(kind: &str) -> &'static [&'static str] {
    match kind {
        "target" => &[
            "arrests_per_day",
            "each_office_arrests_per_day",
            "office_arrests_per_day",
            "removals_per_year",
            "ramp_days",
        ],
        "deploy" => &["agents", "offices", "cities", "from", "ramp_days", "arrests_per_agent_day"],
        "deputize" => &[
            "agency",
            "officers",
            "offices",
            "time_share",
            "training_days",
            "ramp_days",
            "arrests_per_officer_day",
        ],
        "detail" => &["officers", "offices", "cities", "from", "travel_days"],
        "agreements_287g" => &[
            "offices",
            "jurisdictions",
            "jurisdictions_total",
            "honour_rate",
            "supply_change",
            "ramp_days",
        ],
        "beds" => &["facility", "offices", "beds", "change", "phase_days"],
        "flights" => &["flights_per_week", "flights_factor", "seats_per_flight", "ramp_days"],
        "judges" => &["detained_docket_slots", "slots_change", "case_days_mean", "ramp_days"],
        "hire" => &["officers_per_month", "academy_days", "total", "offices", "distribution"],
        "processing" => &[
            "booking_days",
            "usbp_transfer_days",
            "hub_transfer_days",
            "travel_doc_days",
            "ramp_days",
        ],
        "review" => &["bottom", "multiplier_mean", "multiplier_sd", "multiplier_range"],
        "rotate" => &[
            "bottom",
            "multiplier_mean",
            "multiplier_sd",
            "multiplier_range",
            "disruption",
            "ramp_days",
        ],
        _ => &[],
    }
}

macro_rules! given {
    ($s:ident; $($f:ident),* $(,)?) => {{
        let mut v: Vec<(&'static str, Range<usize>)> = Vec::new();
        $( if let Some(x) = &$s.$f { v.push((stringify!($f), x.span())); } )*
        v
    }};
}

/// Every key given in the table (besides `kind`, `at`, `until`), with its span.
fn given(s: &InterventionSpec) -> Vec<(&'static str, Range<usize>)> {
    given!(s;
        offices, ramp_days, agents, arrests_per_agent_day, from, cities, agency, officers,
        time_share, training_days, arrests_per_officer_day, arrests_per_day, each_office_arrests_per_day,
        office_arrests_per_day,
        removals_per_year, jurisdictions, jurisdictions_total, honour_rate, supply_change,
        facility, beds, change, phase_days, flights_per_week, flights_factor, seats_per_flight,
        detained_docket_slots, slots_change, case_days_mean, officers_per_month, academy_days,
        total, distribution, booking_days, usbp_transfer_days, hub_transfer_days,
        travel_doc_days, bottom, multiplier_mean, multiplier_sd, multiplier_range, disruption, travel_days,
    )
}

/// Reports every key the kind does not take; true if there were none.
pub(super) fn check(c: &mut Checker<'_>, kind: &str, s: &InterventionSpec) -> bool {
    let takes = allowed(kind);
    let mut ok = true;
    for (key, span) in given(s) {
        if !takes.contains(&key) {
            ok = false;
            let all = COMMON.iter().chain(takes).copied();
            let help = format!("a {kind} intervention takes: {}", list(all));
            c.error(span, format!("`{key}` does not apply to a {kind} intervention"), Some(help));
        }
    }
    ok
}

/// Span of an optional spanned field.
pub(super) fn span<T>(f: &Option<Spanned<T>>) -> Option<Range<usize>> {
    f.as_ref().map(Spanned::span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::INTERVENTION_KINDS;

    #[test]
    fn every_field_belongs_to_a_kind_and_every_kind_has_keys() {
        let mut union: Vec<&str> =
            INTERVENTION_KINDS.iter().flat_map(|k| allowed(k).iter().copied()).collect();
        union.sort();
        union.dedup();
        let text: String = union
            .iter()
            .map(|k| {
                let v = match *k {
                    "facility" | "distribution" | "agency" => "\"x\"",
                    "offices" | "cities" | "from" => "[\"x\"]",
                    "bottom" => "1",
                    "travel_doc_days" | "multiplier_range" => "{ value = [1, 2] }",
                    "office_arrests_per_day" => "{ x = { value = 1 } }",
                    _ => "{ value = 1 }",
                };
                format!("{k} = {v}\n")
            })
            .collect();
        let spec: InterventionSpec = toml::from_str(&text).unwrap();
        let mut seen: Vec<&str> = given(&spec).into_iter().map(|g| g.0).collect();
        seen.sort();
        assert_eq!(seen, union, "every spec field is some kind's key");
        for kind in INTERVENTION_KINDS {
            assert!(!allowed(kind).is_empty(), "{kind}");
        }
    }
}
