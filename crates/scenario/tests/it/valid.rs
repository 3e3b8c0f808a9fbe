//! The valid test scenario resolves to the values it states.

use model::{Date, FacilityKind, InterventionKind, OfficeId, Schedule};

use crate::common::{VALID, load};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn run_settings_and_tables_resolve() {
    let l = load(VALID).unwrap();
    let s = &l.scenario;
    assert_eq!(
        (s.name.as_str(), s.start, s.days, s.warmup_days),
        ("test-small", day("2024-10-01"), 365, 90)
    );
    assert_eq!((s.replications, s.seed), (4, 7));
    assert_eq!(s.ero.availability, 0.62);
    assert_eq!(
        s.ero.operations_share.steps,
        vec![(day("2024-10-01"), 0.1), (day("2025-01-20"), 0.3)]
    );
    assert_eq!(s.ero.at_large_share.at(day("2030-01-01")), 0.5);
    assert_eq!(s.channels.at_large_yield, [0.2, 0.15, 0.1]);
    assert_eq!(s.channels.operations_criminal_share, [0.1, 0.2]);
    let any_day = day("2025-01-01");
    assert_eq!(Schedule::at_each(&s.cases.interior_nationality, any_day), [0.4, 0.3, 0.2, 0.1]);
    assert!(s.detention.transfer_when_full);
    assert_eq!(Schedule::at_each(&s.removal.travel_doc_days, any_day), [3.0, 10.0, 30.0, 120.0]);
    assert_eq!(s.costs.bed_day[FacilityKind::SoftSided as usize], 250.0);
    assert_eq!(s.courts.case_days_mean, Schedule::constant(45.0));
}

#[test]
fn offices_and_sectors_resolve_in_file_order() {
    let s = load(VALID).unwrap().scenario;
    let names: Vec<&str> = s.offices.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Chicago", "Houston", "San Antonio"]);
    let chicago = &s.offices[0];
    assert_eq!(chicago.officers.at(day("2025-01-01")), 240.0);
    assert_eq!(chicago.reachable[2].initial, 50000.0);
    // Beds come in facility order, only the types given.
    let kinds: Vec<FacilityKind> = chicago.beds.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [FacilityKind::Contract, FacilityKind::Igsa]);
    assert_eq!(chicago.beds[0].beds.at(day("2025-04-01")), 1500.0);
    assert!(s.offices[1].flight_hub && s.offices[2].land_border);
    assert_eq!(s.offices[1].reachable[1].inflow_per_day, 8.0);
    assert!(s.offices[2].beds.is_empty());
    assert_eq!(s.sectors[0].receiving_office, OfficeId(2));
    assert_eq!(s.sectors[1].receiving_office, OfficeId(0));
    assert_eq!(s.sector_id("Detroit").map(|i| i.0), Some(1));
}

#[test]
fn target_weights_are_normalised_by_office() {
    let s = load(VALID).unwrap().scenario;
    let w = &s.channels.target_weights;
    assert_eq!(w.len(), 3);
    assert!((w[0] - 2.0 / 3.0).abs() < 1e-12 && (w[1] - 1.0 / 3.0).abs() < 1e-12 && w[2] == 0.0);
    // Without the table, the target is split equally.
    let text =
        VALID.lines().filter(|l| !l.starts_with("target_weights")).collect::<Vec<_>>().join("\n");
    let s = load(&text).unwrap().scenario;
    assert_eq!(s.channels.target_weights, vec![1.0 / 3.0; 3]);
}

#[test]
fn interventions_are_sorted_by_date_and_all_expands() {
    let s = load(VALID).unwrap().scenario;
    assert_eq!(s.interventions.len(), 2);
    assert_eq!(s.interventions[0].at, day("2025-02-01"));
    match &s.interventions[0].kind {
        InterventionKind::Deputize { agency, offices, time_share, until, .. } => {
            assert_eq!(agency, "DEA");
            assert_eq!(offices, &[OfficeId(0), OfficeId(1), OfficeId(2)]);
            assert_eq!((*time_share, *until), (0.2, None));
        }
        other => panic!("{other:?}"),
    }
    match &s.interventions[1].kind {
        InterventionKind::Deploy { agents, offices, until, .. } => {
            assert_eq!(*agents, 2000.0);
            assert_eq!(offices, &[OfficeId(0), OfficeId(1)]);
            assert_eq!(*until, Some(day("2025-09-30")));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_number_is_listed_with_its_evidence() {
    let l = load(VALID).unwrap();
    let find = |p: &str| l.sources.iter().filter(|s| s.parameter == p).collect::<Vec<_>>();
    let a = find("ero.availability");
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].value.as_str(), a[0].source.as_str(), a[0].as_of.as_deref()),
        ("0.62", "test source", Some("2025-09"))
    );
    assert!(!a[0].is_assumption());
    let steps = find("ero.operations_share");
    assert_eq!(steps.len(), 2);
    assert_eq!(
        (steps[0].value.as_str(), steps[0].source.as_str()),
        ("0.1 from 2024-10-01", "assumption")
    );
    assert_eq!(steps[0].range.as_deref(), Some("[0, 0.5]"));
    assert_eq!(
        (steps[1].value.as_str(), steps[1].source.as_str()),
        ("0.3 from 2025-01-20", "memo")
    );
    let locate = &find("channels.max_daily_locate_share")[0];
    assert_eq!(locate.range.as_deref(), Some("[[0, 0.05], [0, 0.05], [0, 0.02]]"));
    assert_eq!(find("ero.at_large_share")[0].note.as_deref(), Some("test"));
    assert_eq!(find("offices[Chicago].beds.igsa").len(), 1);
    assert_eq!(find("channels.target_weights.Chicago")[0].value, "2");
    assert_eq!(find("interventions[0].agents")[0].source, "news report");
    assert_eq!(find("offices[Houston].reachable.no_record.initial")[0].value, "80000");
    assert_eq!(l.files, ["test.toml"]);
}

#[test]
fn surge_keys_resolve_and_default_to_rated_beds_as_a_hard_cap() {
    use model::WhenFull::*;
    let s = load(VALID).unwrap().scenario;
    assert_eq!(s.detention.surge_share, [0.0; FacilityKind::COUNT]);
    assert_eq!(s.detention.when_full, model::Detention::DEFAULT_WHEN_FULL);
    assert_eq!(s.costs.surge_bed_day_premium, 0.0);
    let text = "[scenario]\nname = \"x\"\ndescription = \"y\"\nextends = \"baseline-fy2025\"\n\
                [detention]\nwhen_full = [\"transfer\", \"hold\", \"overcrowd\", \"release\"]\n\
                [costs]\nsurge_bed_day_premium = { value = 0.4, assumption = true, range = [0, 1] }\n";
    let s = scenario::load_str(text, "t.toml").unwrap().scenario;
    assert_eq!(s.detention.when_full, [Transfer, Hold, Overcrowd, Release]);
    assert_eq!(s.costs.surge_bed_day_premium, 0.4);
}
