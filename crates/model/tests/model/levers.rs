//! The what-if levers: a change to a schedule (as the `scenario` crate compiles dated
//! interventions) or a run-time intervention moves the outputs the way its mechanism
//! implies, from its date and not before.

use model::{
    Date, DeployFrom, Intervention, InterventionKind, Metric, Multiplier, OfficeId, Rotation,
    RunOptions, RunResult, Scenario, Schedule, SectorId, Window, run, testkit,
};

fn opts() -> RunOptions {
    RunOptions { replications: Some(6), seed: Some(11), threads: 0 }
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn mean(r: &RunResult, key: &str) -> f64 {
    r.national(key).unwrap().estimate.mean
}

/// Mean over replications of a national daily metric, summed over measured days `from..to`.
fn sum_days(r: &RunResult, m: Metric, from: usize, to: usize) -> f64 {
    (from..to).map(|d| r.daily_mean.national(d, m)).sum()
}

/// Two offices (B has half of A's officers and its own sector), a national target split
/// equally: B falls short first.
pub(crate) fn two_offices() -> Scenario {
    let mut s = testkit::tiny();
    let mut b = s.offices[0].clone();
    b.name = "Test B".into();
    b.officers = Schedule::constant(100.0);
    s.offices.push(b);
    let mut sector = s.sectors[0].clone();
    sector.name = "Test Sector B".into();
    sector.receiving_office = OfficeId(1);
    s.sectors.push(sector);
    s.channels.target_weights = vec![0.5, 0.5];
    s.channels.national_target_per_day = Schedule::constant(150.0);
    s
}

#[test]
fn hired_officers_add_officer_days_from_the_day_they_join_and_not_before() {
    let base = testkit::tiny();
    let mut hired = base.clone();
    // What a `hire` intervention compiles to: graduates join `officers` after the academy.
    let joins = base.start.plus(60);
    hired.offices[0].officers.transform(&Window::starting(joins), |v, _| v + 200.0);
    let (a, b) = (run(&base, opts()).unwrap(), run(&hired, opts()).unwrap());
    for d in 0..base.days as usize {
        let (x, y) = (
            a.daily_mean.national(d, Metric::OfficerDays),
            b.daily_mean.national(d, Metric::OfficerDays),
        );
        if d < 60 {
            assert_eq!(x, y, "day {d}: no change before the graduates join");
        } else {
            assert!((y - x - 200.0 * base.ero.availability).abs() < 1e-6, "day {d}: {x} → {y}");
        }
    }
    assert!(
        sum_days(&b, Metric::ArrestsAtLarge, 60, 120)
            > sum_days(&a, Metric::ArrestsAtLarge, 60, 120)
    );
    assert_eq!(
        sum_days(&b, Metric::ArrestsAtLarge, 0, 60),
        sum_days(&a, Metric::ArrestsAtLarge, 0, 60)
    );
}

#[test]
fn jail_agreements_raise_custodial_arrests() {
    let base = testkit::tiny();
    let mut agreed = base.clone();
    let w = Window { from: base.start, until: None, ramp_days: 30.0 };
    agreed.offices[0].detainer_honour_rate.transform(&w, |h, p| h + p * (0.95 - h));
    let (a, b) = (run(&base, opts()).unwrap(), run(&agreed, opts()).unwrap());
    let (x, y) = (
        sum_days(&a, Metric::ArrestsCustodial, 30, 120),
        sum_days(&b, Metric::ArrestsCustodial, 30, 120),
    );
    // Honour rate 0.6 → 0.95 on a supply of 20/day: about 7 more custodial arrests a day.
    assert!((y - x) / 90.0 > 5.0 && (y - x) / 90.0 < 9.0, "{x} → {y}");
}

#[test]
fn more_beds_from_a_date_mean_fewer_releases_for_lack_of_beds_after_it() {
    let mut tight = testkit::tiny();
    tight.offices[0].beds[0].beds = Schedule::constant(400.0);
    let mut grown = tight.clone();
    let w = Window { from: tight.start.plus(40), until: None, ramp_days: 10.0 };
    grown.offices[0].beds[0].beds.transform(&w, |v, p| v + 2_000.0 * p);
    let (a, b) = (run(&tight, opts()).unwrap(), run(&grown, opts()).unwrap());
    let before = |r: &RunResult| sum_days(r, Metric::ReleasedNoBed, 0, 40);
    let after = |r: &RunResult| sum_days(r, Metric::ReleasedNoBed, 60, 120);
    assert_eq!(before(&a), before(&b));
    assert!(after(&a) > 100.0 && after(&b) < 0.05 * after(&a), "{} → {}", after(&a), after(&b));
    assert!(mean(&b, "adp") > mean(&a, "adp"));
}

#[test]
fn more_flights_shorten_the_wait_for_removal_when_flights_bind() {
    let mut scarce = testkit::tiny();
    scarce.removal.flights_per_week = Schedule::constant(1.0);
    scarce.removal.seats_per_flight = Schedule::constant(60.0); // ~9 seats a day for ~15 cases
    scarce.days = 240;
    let mut doubled = scarce.clone();
    doubled.removal.flights_per_week.transform(&Window::starting(scarce.start), |v, _| 2.0 * v);
    let (a, b) = (run(&scarce, opts()).unwrap(), run(&doubled, opts()).unwrap());
    let ci = |r: &RunResult, k: &str| r.national(k).unwrap().estimate.ci95;
    assert!(ci(&b, "arrest_to_removal_days")[1] < ci(&a, "arrest_to_removal_days")[0]);
    assert!(ci(&b, "adp")[1] < ci(&a, "adp")[0]);
    assert!(
        sum_days(&b, Metric::RemovalsFlight, 0, 240)
            > 1.5 * sum_days(&a, Metric::RemovalsFlight, 0, 240)
    );
    // With flights to spare, doubling them changes nothing that matters.
    let roomy = testkit::tiny();
    let mut more = roomy.clone();
    more.removal.flights_per_week.transform(&Window::starting(roomy.start), |v, _| 2.0 * v);
    let (c, d) = (run(&roomy, opts()).unwrap(), run(&more, opts()).unwrap());
    assert!((mean(&d, "adp") - mean(&c, "adp")).abs() < 0.01 * mean(&c, "adp"));
}

#[test]
fn more_docket_slots_shorten_the_court_queue() {
    let mut few = testkit::tiny();
    few.courts.detained_docket_slots = Schedule::constant(150.0);
    let mut judges = few.clone();
    let w = Window::starting(few.start.plus(30));
    judges.courts.detained_docket_slots.transform(&w, |v, _| v + 600.0);
    let (a, b) = (run(&few, opts()).unwrap(), run(&judges, opts()).unwrap());
    let queue = |r: &RunResult| sum_days(r, Metric::CourtQueue, 60, 120) / 60.0;
    assert!(queue(&b) < 0.8 * queue(&a), "court queue {} → {}", queue(&a), queue(&b));
    assert_eq!(sum_days(&a, Metric::CourtQueue, 0, 29), sum_days(&b, Metric::CourtQueue, 0, 29));
}

#[test]
fn an_office_target_adds_to_its_share_of_the_national_target() {
    let mut s = two_offices();
    s.offices[1].target_per_day = Schedule::constant(25.0);
    assert_eq!(s.office_target(0, s.start), 75.0);
    assert_eq!(s.office_target(1, s.start), 100.0);
    let r = run(&s, opts()).unwrap();
    let t = |o: usize| r.daily_mean.get(0, o, Metric::Target);
    assert!((t(0) - 75.0).abs() < 1e-9 && (t(1) - 100.0).abs() < 1e-9);
}

#[test]
fn processing_times_change_from_their_date() {
    let base = testkit::tiny();
    let mut slow = base.clone();
    let w = Window::starting(base.start);
    let r = &mut slow.removal;
    for waits in [&mut r.travel_doc_days, &mut r.border_travel_doc_days] {
        Schedule::transform_each(waits, &w, |_, v, _| 4.0 * v);
    }
    slow.removal.hub_transfer_days.transform(&w, |_, _| 10.0);
    let (a, b) = (run(&base, opts()).unwrap(), run(&slow, opts()).unwrap());
    assert!(mean(&b, "arrest_to_removal_days") > mean(&a, "arrest_to_removal_days") + 3.0);
    assert!(mean(&b, "adp") > mean(&a, "adp"));
}

fn deploy(at: Date, from: DeployFrom, office: u16) -> Intervention {
    Intervention {
        at,
        kind: InterventionKind::Deploy {
            agents: 1_000.0,
            offices: vec![OfficeId(office)],
            until: None,
            ramp_days: 30.0,
            arrests_per_agent_day: 0.05,
            from,
        },
    }
}

#[test]
fn staff_from_another_agency_leave_no_gap_at_the_border() {
    let base = testkit::tiny();
    let mut ofo = base.clone();
    ofo.interventions.push(deploy(base.start, DeployFrom::Agency("OFO".into()), 0));
    let (a, b) = (run(&base, opts()).unwrap(), run(&ofo, opts()).unwrap());
    assert_eq!(mean(&b, "extra_gotaways"), 0.0);
    assert_eq!(mean(&b, "gotaways"), mean(&a, "gotaways"));
    assert_eq!(mean(&b, "bp_agent_days_inland"), 0.0);
    assert!((sum_days(&b, Metric::PartnerOfficerDays, 0, 120) - 120_000.0).abs() < 1e-6);
    assert!(mean(&b, "arrests_per_day") > mean(&a, "arrests_per_day") + 30.0);
}

#[test]
fn agents_leave_only_the_sectors_they_are_taken_from() {
    let base = two_offices();
    let mut moved = base.clone();
    moved.interventions.push(deploy(base.start, DeployFrom::Sectors(vec![SectorId(1)]), 0));
    let (a, b) = (run(&base, opts()).unwrap(), run(&moved, opts()).unwrap());
    // Gotaways are recorded as expected values: the mechanism without the noise.
    let gotaways = |r: &RunResult, o: usize| {
        r.offices[o].iter().find(|m| m.key == "gotaways").unwrap().estimate.mean
    };
    assert!((gotaways(&a, 0) - gotaways(&b, 0)).abs() < 1e-6, "sector A keeps its agents");
    assert!(gotaways(&b, 1) > 1.1 * gotaways(&a, 1), "sector B loses coverage");
}

#[test]
fn an_intervention_dated_before_the_start_applies_fully_from_the_first_day() {
    let base = testkit::tiny();
    let mut early = base.clone();
    early.interventions.push(deploy(
        base.start.plus(-100),
        DeployFrom::Sectors(vec![SectorId(0)]),
        0,
    ));
    let mut now = base.clone();
    now.interventions.push(deploy(base.start, DeployFrom::Sectors(vec![SectorId(0)]), 0));
    let (e, n) = (run(&early, opts()).unwrap(), run(&now, opts()).unwrap());
    let first_week = |r: &RunResult| sum_days(r, Metric::ArrestsBpInterior, 0, 7) / 7.0;
    assert!((first_week(&e) - 50.0).abs() < 6.0, "full rate from day one: {}", first_week(&e));
    assert!(first_week(&n) < 10.0, "still ramping up: {}", first_week(&n));
    assert!((sum_days(&e, Metric::BpAgentDaysInland, 0, 1) - 1_000.0).abs() < 1e-9);
}

fn rotation(multiplier: Multiplier) -> Intervention {
    Intervention {
        at: day("2024-10-01"),
        kind: InterventionKind::Review {
            rotation: Some(Rotation { bottom: 1, multiplier }),
            until: None,
        },
    }
}

#[test]
fn rotation_changes_the_worst_office_from_the_next_quarter() {
    let mut base = two_offices();
    base.days = 200;
    let mut rotated = base.clone();
    rotated.interventions.push(rotation(Multiplier::Uniform { lo: 1.5, hi: 1.5 }));
    let (a, b) = (run(&base, opts()).unwrap(), run(&rotated, opts()).unwrap());
    // Quarter 1 ends on 31 Dec 2024 (measured day 91): nothing changes before.
    let at_large = |r: &RunResult, o: usize, from: usize, to: usize| -> f64 {
        (from..to).map(|d| r.daily_mean.get(d, o, Metric::ArrestsAtLarge)).sum()
    };
    assert_eq!(at_large(&a, 1, 0, 92), at_large(&b, 1, 0, 92));
    assert_eq!(at_large(&a, 0, 0, 92), at_large(&b, 0, 0, 92));
    let (x, y) = (at_large(&a, 1, 92, 200), at_large(&b, 1, 92, 200));
    // Less than ×1.5: the convicted and pending tiers are capped by how many can be located.
    assert!(y > 1.15 * x, "office B's at-large arrests {x} → {y}");
    // Office A is not rotated (its draws shift with B's, so only noise remains).
    let (x, y) = (at_large(&a, 0, 92, 200), at_large(&b, 0, 92, 200));
    assert!((y - x).abs() < 0.05 * x, "office A's at-large arrests {x} → {y}");
}

#[test]
fn a_rotation_effect_is_a_draw_that_depends_on_the_seed_only() {
    let mut s = two_offices();
    s.days = 200;
    s.interventions.push(rotation(Multiplier::Normal { mean: 1.0, sd: 0.3 }));
    let o =
        |seed: u64, threads: usize| RunOptions { replications: Some(4), seed: Some(seed), threads };
    let office_b = |r: &RunResult| -> Vec<u64> {
        r.offices[1]
            .iter()
            .find(|m| m.key == "arrests_per_day")
            .unwrap()
            .values
            .iter()
            .map(|v| v.to_bits())
            .collect()
    };
    let (a, b, c) =
        (run(&s, o(1, 1)).unwrap(), run(&s, o(1, 2)).unwrap(), run(&s, o(2, 1)).unwrap());
    assert_eq!(office_b(&a), office_b(&b), "same seed, same draws, any thread count");
    assert_ne!(office_b(&a), office_b(&c));
    assert!(a.invariants.iter().all(|i| i.all_ok()));
}
