//! Every intervention kind: what it compiles to, and a located error for each way of
//! getting it wrong.

use model::{Date, DeployFrom, FacilityKind, InterventionKind, Multiplier, OfficeId, SectorId};

use crate::common::{VALID, check, errors, load, only_error, pos, pos_nth};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The valid scenario with one more intervention (the text after `[[interventions]]`).
fn with(body: &str) -> String {
    format!("{VALID}\n[[interventions]]\n{body}")
}

fn scenario(body: &str) -> model::Scenario {
    match load(&with(body)) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

const A: &str = "assumption = true, range = [0, 1000000]";

/// Where the added (third) intervention's table starts.
fn entry(t: &str) -> (usize, usize) {
    pos_nth(t, "[[interventions]]", 2)
}

#[test]
fn target_sets_national_and_office_targets_and_the_removal_goal() {
    let s = scenario(&format!(
        "kind = \"target\"\nat = \"2025-03-01\"\nuntil = \"2025-06-30\"\n\
         arrests_per_day = {{ value = 500, {A} }}\n\
         office_arrests_per_day = {{ \"Houston\" = {{ value = 40, {A} }} }}\n\
         removals_per_year = {{ value = 365000, source = \"press\", as_of = \"2025\" }}\n"
    ));
    let t = &s.channels.national_target_per_day;
    assert_eq!(
        (t.at(day("2025-02-28")), t.at(day("2025-03-01")), t.at(day("2025-07-01"))),
        (0.0, 500.0, 0.0)
    );
    assert_eq!(s.offices[1].target_per_day.at(day("2025-04-01")), 40.0);
    assert_eq!(s.offices[0].target_per_day.at(day("2025-04-01")), 0.0);
    // Chicago's weight is 2/3 of the national target.
    assert!((s.office_target(0, day("2025-04-01")) - 500.0 * 2.0 / 3.0).abs() < 1e-9);
    assert!((s.office_target(1, day("2025-04-01")) - (500.0 / 3.0 + 40.0)).abs() < 1e-9);
    // The goal is reported pro rata: 1,000 a day over the 122 days it is in force.
    assert!((s.removal_goal_over(s.start, s.days) - 122_000.0).abs() < 1e-6);
    assert!(s.interventions.iter().all(|i| !matches!(i.kind, InterventionKind::Review { .. })));
}

#[test]
fn a_target_per_office_replaces_the_split_of_the_national_target() {
    let s = scenario(&format!(
        "kind = \"target\"\nat = \"2025-03-01\"\n\
         each_office_arrests_per_day = {{ value = 75, {A} }}\n\
         office_arrests_per_day = {{ \"Houston\" = {{ value = 40, {A} }} }}\n"
    ));
    let d = day("2025-04-01");
    assert_eq!(s.channels.national_target_per_day.at(d), 0.0);
    // Every office gets the quota, whatever its weight; a named office its own.
    assert_eq!((s.office_target(0, d), s.office_target(1, d)), (75.0, 40.0));
    assert_eq!(s.office_target(2, d), 75.0);
    assert_eq!(s.office_target(0, day("2025-02-28")), 0.0);
    let t = with(&format!(
        "kind = \"target\"\nat = \"2025-03-01\"\narrests_per_day = {{ value = 500, {A} }}\n\
         each_office_arrests_per_day = {{ value = 75, {A} }}\n"
    ));
    let d = only_error(&t);
    check(
        &d,
        "`arrests_per_day` and `each_office_arrests_per_day` cannot both be given",
        {
            let (line, col) = pos(&t, "each_office_arrests_per_day = ");
            (line, col + "each_office_arrests_per_day = ".len())
        },
        Some("give `arrests_per_day` or `each_office_arrests_per_day`, not several"),
    );
}

#[test]
fn a_rotation_names_how_many_offices_and_its_handover() {
    let s = scenario(&format!(
        "kind = \"rotate\"\nat = \"2025-03-01\"\nbottom = 2\n\
         multiplier_range = {{ value = [0.9, 1.3], {A} }}\n\
         disruption = {{ value = 0.2, assumption = true, range = [0, 0.5] }}\n\
         ramp_days = {{ value = 60, assumption = true, range = [30, 180] }}\n"
    ));
    let rotate = s.interventions.iter().find_map(|i| match &i.kind {
        InterventionKind::Rotate { count, multiplier, disruption, ramp_days } => {
            Some((*count, *multiplier, *disruption, *ramp_days))
        }
        _ => None,
    });
    assert_eq!(rotate, Some((2, Multiplier::Uniform { lo: 0.9, hi: 1.3 }, 0.2, 60.0)));
    let t = with(
        "kind = \"rotate\"\nat = \"2025-03-01\"\n\
         multiplier_mean = { value = 1, assumption = true, range = [0.5, 2] }\n\
         multiplier_sd = { value = 0.1, assumption = true, range = [0, 1] }\n",
    );
    let d = only_error(&t);
    check(&d, "missing `bottom` in [[interventions]] entry 3", entry(&t), None);
}

#[test]
fn a_target_must_set_something_and_name_real_offices() {
    let t = with("kind = \"target\"\nat = \"2025-03-01\"\n");
    let d = only_error(&t);
    let msg = "a target intervention changes nothing: [[interventions]] entry 3 gives none of \
               `arrests_per_day`, `each_office_arrests_per_day`, `office_arrests_per_day`, \
               `removals_per_year`";
    check(&d, msg, entry(&t), Some("give at least one"));
    let t = with(&format!(
        "kind = \"target\"\nat = \"2025-03-01\"\noffice_arrests_per_day = {{ \"Huston\" = {{ value = 40, {A} }} }}\n"
    ));
    let d = only_error(&t);
    check(
        &d,
        "unknown office \"Huston\"",
        pos(&t, "\"Huston\""),
        Some("did you mean \"Houston\"?"),
    );
}

const DEPLOY: &str = "kind = \"deploy\"\nat = \"2025-03-01\"\n\
    agents = { value = 300, assumption = true, range = [0, 1000] }\n\
    ramp_days = { value = 7, assumption = true, range = [0, 30] }\n\
    arrests_per_agent_day = { value = 0.1, assumption = true, range = [0, 1] }\n";

fn deploy_of(s: &model::Scenario) -> (Vec<OfficeId>, DeployFrom) {
    let iv = s.interventions.iter().find(|i| i.at == day("2025-03-01")).unwrap();
    match &iv.kind {
        InterventionKind::Deploy { offices, from, .. } => (offices.clone(), from.clone()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deploy_takes_cities_and_where_the_agents_come_from() {
    // Cities map to their field offices; two cities in one AOR give it two shares.
    let s = scenario(&format!(
        "{DEPLOY}cities = [\"Chicago\", \"Austin\", \"Houston\", \"Milwaukee\"]\n"
    ));
    let (offices, from) = deploy_of(&s);
    assert_eq!(offices, [OfficeId(0), OfficeId(2), OfficeId(1), OfficeId(0)]);
    // Default: the southwest sectors (only Rio Grande Valley here).
    assert_eq!(from, DeployFrom::Sectors(vec![SectorId(0)]));
    let s = scenario(&format!("{DEPLOY}offices = [\"Chicago\"]\nfrom = [\"Detroit\"]\n"));
    assert_eq!(deploy_of(&s).1, DeployFrom::Sectors(vec![SectorId(1)]));
    let s = scenario(&format!("{DEPLOY}offices = [\"Chicago\"]\nfrom = [\"OFO\"]\n"));
    assert_eq!(deploy_of(&s).1, DeployFrom::Agency("OFO".into()));
}

#[test]
fn deploy_errors_point_at_the_city_sector_or_list() {
    let t = with(&format!("{DEPLOY}cities = [\"Chicgo\"]\n"));
    check(
        &only_error(&t),
        "unknown city \"Chicgo\"",
        pos(&t, "\"Chicgo\""),
        Some("did you mean \"Chicago\"?"),
    );
    let t = with(&format!("{DEPLOY}cities = [\"Miami\"]\n"));
    let msg = "city \"Miami\" is in the Miami field office, which this scenario has no [[offices]] entry for";
    check(&only_error(&t), msg, pos(&t, "\"Miami\""), None);
    let t = with(&format!("{DEPLOY}cities = [\"Chicago\"]\noffices = [\"Chicago\"]\n"));
    let msg = "`offices` and `cities` cannot both be given";
    check(
        &only_error(&t),
        msg,
        pos_nth(&t, "[\"Chicago\"]\n", 1),
        Some("give `offices` or `cities`, not several"),
    );
    let t = with(DEPLOY);
    check(
        &only_error(&t),
        "missing `offices` or `cities` in [[interventions]] entry 3",
        entry(&t),
        None,
    );
    let t = with(&format!("{DEPLOY}offices = [\"Chicago\"]\nfrom = [\"Rio Grande Vally\"]\n"));
    let d = only_error(&t);
    check(
        &d,
        "unknown sector or agency \"Rio Grande Vally\"",
        pos(&t, "\"Rio Grande Vally\""),
        Some("did you mean \"Rio Grande Valley\"?"),
    );
    let t =
        with(&format!("{DEPLOY}offices = [\"Chicago\"]\nfrom = [\"southwest\", \"Detroit\"]\n"));
    let d = only_error(&t);
    check(
        &d,
        "`interventions[2].from` mixes sectors with \"southwest\" or an agency",
        pos(&t, "[\"southwest\", "),
        None,
    );
}

const AGREE: &str = "kind = \"agreements_287g\"\nat = \"2025-03-01\"\noffices = [\"Chicago\"]\n";

#[test]
fn agreements_move_the_covered_share_of_honour_rates_and_supply() {
    let s = scenario(&format!(
        "{AGREE}jurisdictions = {{ value = 50, {A} }}\njurisdictions_total = {{ value = 100, {A} }}\n\
         honour_rate = {{ value = 0.95, assumption = true, range = [0.8, 1] }}\n\
         supply_change = {{ value = 0.2, assumption = true, range = [0, 1] }}\n\
         ramp_days = {{ value = 60, assumption = true, range = [0, 90] }}\n"
    ));
    let chicago = &s.offices[0];
    // Half the jails move from 0.55 to 0.95: 0.75 once the ramp is done.
    assert_eq!(chicago.detainer_honour_rate.at(day("2025-02-28")), 0.55);
    let mid = chicago.detainer_honour_rate.at(day("2025-04-01"));
    assert!(mid > 0.6 && mid < 0.72, "{mid}");
    assert!((chicago.detainer_honour_rate.at(day("2025-06-01")) - 0.75).abs() < 1e-12);
    assert!((chicago.jail_supply_per_day.at(day("2025-06-01")) - 9.5 * 1.1).abs() < 1e-12);
    assert_eq!(s.offices[1].detainer_honour_rate.at(day("2025-06-01")), 0.9, "Houston untouched");
}

#[test]
fn agreements_need_an_effect_and_a_consistent_coverage() {
    let t = with(AGREE);
    assert!(only_error(&t).message.starts_with("a agreements_287g intervention changes nothing"));
    let t = with(&format!(
        "{AGREE}honour_rate = {{ value = 0.9, assumption = true, range = [0, 1] }}\njurisdictions = {{ value = 5, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "`jurisdictions` needs `jurisdictions_total` in [[interventions]] entry 3",
        pos(&t, "{ value = 5, assumption = true, range = [0, 1000000]"),
        None,
    );
    let t = with(&format!(
        "{AGREE}honour_rate = {{ value = 0.9, assumption = true, range = [0, 1] }}\njurisdictions = {{ value = 500, {A} }}\njurisdictions_total = {{ value = 100, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "`interventions[2].jurisdictions` = 500 is more than `jurisdictions_total` = 100",
        pos(&t, "500, assumption = true, range = [0, 1000000]"),
        None,
    );
}

#[test]
fn beds_reach_a_total_or_change_pro_rata_and_phase_in() {
    // 600 more IGSA beds in Chicago and Houston, pro rata to their beds on the day.
    let s = scenario(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"igsa\"\noffices = [\"Chicago\", \"Houston\"]\n\
         change = {{ value = 700, {A} }}\nphase_days = {{ value = 30, {A} }}\n"
    ));
    let igsa = |o: usize| {
        let b = s.offices[o].beds.iter().find(|b| b.kind == FacilityKind::Igsa).unwrap();
        b.beds.at(day("2025-06-01"))
    };
    // On 1 Apr Chicago has 2,700 beds and Houston 1,000: shares 27/37 and 10/37.
    assert!((igsa(0) - (1200.0 + 700.0 * 27.0 / 37.0)).abs() < 1e-9);
    assert!((igsa(1) - 700.0 * 10.0 / 37.0).abs() < 1e-9);
    // A national total of a type: the change is the difference.
    let s = scenario(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"soft_sided\"\nbeds = {{ value = 370, {A} }}\n"
    ));
    let soft: f64 = s
        .offices
        .iter()
        .flat_map(|o| &o.beds)
        .filter(|b| b.kind == FacilityKind::SoftSided)
        .map(|b| b.beds.at(day("2025-05-01")))
        .sum();
    assert!((soft - 370.0).abs() < 1e-9);
}

#[test]
fn beds_errors() {
    let t = with(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"contrct\"\nchange = {{ value = 1, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "unknown facility type \"contrct\"",
        pos(&t, "\"contrct\""),
        Some("did you mean \"contract\"?"),
    );
    let t = with(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"contract\"\nbeds = {{ value = 1, {A} }}\nchange = {{ value = 1, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "`beds` and `change` cannot both be given",
        pos_nth(&t, "{ value = 1, assumption = true, range = [0, 1000000] }", 1),
        None,
    );
    // A key of another kind is refused where it is written, with the keys this kind takes.
    let t = with(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"contract\"\nchange = {{ value = 1, {A} }}\nagents = {{ value = 1, {A} }}\n"
    ));
    let help = "a beds intervention takes: kind, at, until, announced, facility, offices, beds, change, phase_days";
    check(
        &only_error(&t),
        "`agents` does not apply to a beds intervention",
        pos_nth(&t, "{ value = 1, assumption = true, range = [0, 1000000] }", 1),
        Some(help),
    );
}

#[test]
fn flights_and_judges_set_scale_or_shift_capacity() {
    let s = scenario(&format!(
        "kind = \"flights\"\nat = \"2025-04-01\"\nuntil = \"2025-05-31\"\nflights_factor = {{ value = 2, {A} }}\nseats_per_flight = {{ value = 100, {A} }}\n"
    ));
    let r = &s.removal;
    assert_eq!(
        (r.flights_per_week.at(day("2025-04-01")), r.flights_per_week.at(day("2025-06-01"))),
        (80.0, 40.0)
    );
    assert_eq!(r.seats_per_flight.at(day("2025-05-01")), 100.0);
    let t = with(&format!(
        "kind = \"flights\"\nat = \"2025-04-01\"\nflights_factor = {{ value = 2, {A} }}\nflights_per_week = {{ value = 2, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "`flights_per_week` and `flights_factor` cannot both be given",
        pos_nth(&t, "{ value = 2, assumption = true, range = [0, 1000000] }", 1),
        None,
    );
    let s = scenario(&format!(
        "kind = \"judges\"\nat = \"2025-04-01\"\nslots_change = {{ value = -5000, assumption = true, range = [-10000, 0] }}\ncase_days_mean = {{ value = 60, {A} }}\n"
    ));
    assert_eq!(s.courts.detained_docket_slots.at(day("2025-05-01")), 15_000.0);
    assert_eq!(s.courts.case_days_mean.at(day("2025-05-01")), 60.0);
    assert_eq!(s.courts.case_days_mean.at(day("2025-03-01")), 45.0);
    let t = with("kind = \"judges\"\nat = \"2025-04-01\"\n");
    assert!(only_error(&t).message.starts_with("a judges intervention changes nothing"));
}

#[test]
fn hires_join_after_the_academy_in_monthly_cohorts() {
    let s = scenario(&format!(
        "kind = \"hire\"\nat = \"2025-01-01\"\nofficers_per_month = {{ value = 74, {A} }}\n\
         academy_days = {{ value = 60, {A} }}\ntotal = {{ value = 148, {A} }}\ndistribution = \"equal\"\n"
    ));
    let houston = &s.offices[1].officers;
    assert_eq!(houston.at(day("2025-03-01")), 300.0, "still in the academy");
    assert!((houston.at(day("2025-03-02")) - (300.0 + 74.0 / 3.0)).abs() < 1e-9);
    assert!(
        (houston.at(day("2025-09-30")) - (300.0 + 148.0 / 3.0)).abs() < 1e-9,
        "capped at the total"
    );
    // By officers (the default): Chicago 240, Houston 300, San Antonio 200.
    let s = scenario(&format!(
        "kind = \"hire\"\nat = \"2025-01-01\"\nofficers_per_month = {{ value = 74, {A} }}\nacademy_days = {{ value = 0, {A} }}\ntotal = {{ value = 74, {A} }}\n"
    ));
    assert!((s.offices[0].officers.at(day("2025-02-01")) - 264.0).abs() < 1e-9);
    let t = with(&format!(
        "kind = \"hire\"\nat = \"2025-01-01\"\nofficers_per_month = {{ value = 1, {A} }}\nacademy_days = {{ value = 1, {A} }}\ndistribution = \"officer\"\n"
    ));
    check(
        &only_error(&t),
        "unknown distribution \"officer\"",
        pos(&t, "\"officer\""),
        Some("did you mean \"officers\"?"),
    );
}

#[test]
fn processing_sets_handoff_and_document_times() {
    let s = scenario(&format!(
        "kind = \"processing\"\nat = \"2025-04-01\"\nbooking_days = {{ value = 3, {A} }}\n\
         travel_doc_days = {{ value = [1, 2, 3, 4], {A} }}\nhub_transfer_days = {{ value = 1, {A} }}\n"
    ));
    assert_eq!(s.detention.booking_days.at(day("2025-04-01")), 3.0);
    assert_eq!(s.removal.hub_transfer_days.at(day("2025-04-01")), 1.0);
    assert_eq!(
        model::Schedule::at_each(&s.removal.travel_doc_days, day("2025-04-01")),
        [1.0, 2.0, 3.0, 4.0]
    );
    assert_eq!(
        model::Schedule::at_each(&s.removal.travel_doc_days, day("2025-03-31")),
        [3.0, 10.0, 30.0, 120.0]
    );
    let t = with(&format!(
        "kind = \"processing\"\nat = \"2025-04-01\"\ntravel_doc_days = {{ value = [1, 2], {A} }}\n"
    ));
    let d = only_error(&t);
    check(
        &d,
        "`interventions[2].travel_doc_days` has 2 values; expected 4",
        pos(&t, "[1, 2]"),
        None,
    );
}

const REVIEW: &str = "kind = \"review\"\nat = \"2025-01-01\"\n";

#[test]
fn review_rotation_rules_and_their_distributions() {
    let s = scenario(&format!(
        "{REVIEW}bottom = 1\nmultiplier_mean = {{ value = 1.1, {A} }}\nmultiplier_sd = {{ value = 0.1, {A} }}\n"
    ));
    let rotation = s.interventions.iter().find_map(|i| match &i.kind {
        InterventionKind::Review { rotation, .. } => Some(rotation.clone()),
        _ => None,
    });
    let rule = rotation.flatten().unwrap();
    assert_eq!((rule.bottom, rule.multiplier), (1, Multiplier::Normal { mean: 1.1, sd: 0.1 }));
    let s = scenario(&format!(
        "{REVIEW}bottom = 2\nmultiplier_range = {{ value = [0.9, 1.3], {A} }}\n"
    ));
    assert!(s.interventions.iter().any(|i| matches!(&i.kind, InterventionKind::Review { rotation: Some(r), .. } if r.multiplier == Multiplier::Uniform { lo: 0.9, hi: 1.3 })));
    // Reviews without a rule: scorecards only.
    let s = scenario(REVIEW);
    assert!(
        s.interventions
            .iter()
            .any(|i| matches!(i.kind, InterventionKind::Review { rotation: None, .. }))
    );
}

#[test]
fn review_errors() {
    let t = with(&format!("{REVIEW}multiplier_range = {{ value = [0.9, 1.3], {A} }}\n"));
    let d = only_error(&t);
    check(
        &d,
        "a multiplier needs a rotation rule: [[interventions]] entry 3 has no `bottom`",
        pos(&t, "{ value = [0.9, 1.3]"),
        None,
    );
    let t = with(&format!("{REVIEW}bottom = 1\n"));
    check(
        &only_error(&t),
        "missing `multiplier_mean` or `multiplier_range` in [[interventions]] entry 3",
        entry(&t),
        None,
    );
    let t =
        with(&format!("{REVIEW}bottom = 4\nmultiplier_range = {{ value = [0.9, 1.3], {A} }}\n"));
    check(
        &only_error(&t),
        "`interventions[2].bottom` = 4 is outside 1..=3",
        pos(&t, "4\nmultiplier"),
        None,
    );
    let t =
        with(&format!("{REVIEW}bottom = 1\nmultiplier_range = {{ value = [1.3, 0.9], {A} }}\n"));
    check(
        &only_error(&t),
        "`interventions[2].multiplier_range` = [1.3, 0.9] has lo > hi",
        pos(&t, "[1.3, 0.9]"),
        None,
    );
    let t = with(&format!(
        "{REVIEW}bottom = 1\nmultiplier_range = {{ value = [0.9, 1.3], {A} }}\nmultiplier_mean = {{ value = 1, {A} }}\n"
    ));
    check(
        &only_error(&t),
        "`multiplier_mean` and `multiplier_range` cannot both be given",
        pos(&t, "{ value = 1, assumption = true, range = [0, 1000000]"),
        None,
    );
}

#[test]
fn every_problem_in_an_intervention_is_reported_at_once() {
    let t = with(&format!(
        "kind = \"beds\"\nat = \"2025-04-01\"\nfacility = \"contrct\"\nchange = {{ value = 1 }}\nagents = {{ value = 1, {A} }}\n"
    ));
    let messages: Vec<String> = errors(&t).into_iter().map(|d| d.message).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
}

const DETAIL: &str = "kind = \"detail\"\nat = \"2025-03-01\"\nuntil = \"2025-04-29\"\n\
    officers = { value = 200, assumption = true, range = [100, 400] }\n";

fn detail_of(s: &model::Scenario) -> (Vec<OfficeId>, Vec<OfficeId>, f64) {
    let iv = s.interventions.iter().find(|i| i.at == day("2025-03-01")).unwrap();
    match &iv.kind {
        InterventionKind::Detail { from, to, travel_days, until, .. } => {
            assert_eq!(*until, Some(day("2025-04-29")));
            (from.clone(), to.clone(), *travel_days)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn detail_sends_officers_from_every_other_office_or_the_named_ones() {
    // Absent `from`: every office that does not receive; absent `travel_days`: 0.
    let s = scenario(&format!("{DETAIL}cities = [\"Chicago\"]\n"));
    assert_eq!(detail_of(&s), (vec![OfficeId(1), OfficeId(2)], vec![OfficeId(0)], 0.0));
    let s = scenario(&format!(
        "{DETAIL}offices = [\"Chicago\"]\nfrom = [\"all\"]\n\
         travel_days = {{ value = 1.5, assumption = true, range = [0.5, 3] }}\n"
    ));
    assert_eq!(detail_of(&s), (vec![OfficeId(1), OfficeId(2)], vec![OfficeId(0)], 1.5));
    let s = scenario(&format!("{DETAIL}offices = [\"Chicago\"]\nfrom = [\"Houston\"]\n"));
    assert_eq!(detail_of(&s).0, vec![OfficeId(1)]);
}

#[test]
fn detail_errors_point_at_the_office_or_key() {
    let t = with(&format!("{DETAIL}offices = [\"Chicago\"]\nfrom = [\"Chicago\"]\n"));
    check(
        &only_error(&t),
        "office \"Chicago\" both sends and receives the detail",
        {
            let (line, col) = pos(&t, "from = [\"Chicago\"]");
            (line, col + "from = [".len())
        },
        Some("a detail moves officers between offices: drop it from `from`"),
    );
    let t = with(&format!("{DETAIL}offices = [\"Chicago\"]\nfrom = [\"Huston\"]\n"));
    check(
        &only_error(&t),
        "unknown office \"Huston\"",
        pos(&t, "\"Huston\""),
        Some("did you mean \"Houston\"?"),
    );
    let t = with(&format!("{DETAIL}offices = [\"all\"]\n"));
    let msg = "[[interventions]] entry 3 has no office left to send officers";
    check(&only_error(&t), msg, entry(&t), None);
    let t = with(&format!("{DETAIL}offices = [\"Chicago\"]\nfrom = []\n"));
    check(
        &only_error(&t),
        "`interventions[2].from` is empty",
        pos(&t, "[]\n"),
        Some("name the sending offices, or `[\"all\"]` for every other office"),
    );
    let t =
        with(&format!("{DETAIL}offices = [\"Chicago\"]\ntravel_days = {{ value = -1, {A} }}\n"));
    let d = only_error(&t);
    assert!(d.message.contains("travel_days"), "{}", d.message);
    let t = with(&format!("{DETAIL}offices = [\"Chicago\"]\nagents = {{ value = 1, {A} }}\n"));
    let d = only_error(&t);
    assert_eq!(d.message, "`agents` does not apply to a detail intervention");
}
