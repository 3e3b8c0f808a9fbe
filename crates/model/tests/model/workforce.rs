//! The workforce's dynamics (`model::workforce`) in both solvers: escorts take officer-days
//! from flight hubs, new officers learn, sustained overtime costs officers — each moves
//! arrests the way it should, and the DES and the fluid agree on the officers away; deputies
//! arrest only once trained.

use model::{
    Intervention, InterventionKind, Metric, OfficeId, RunOptions, RunResult, Scenario, Schedule,
    Window, fluid, run, testkit,
};

fn both(sc: &Scenario) -> (RunResult, RunResult) {
    let des = run(sc, RunOptions { replications: Some(6), seed: Some(5), threads: 0 }).unwrap();
    (des, fluid::run(sc))
}

fn total(r: &RunResult, m: Metric, from: usize, to: usize) -> f64 {
    (from..to).map(|d| r.daily_mean.national(d, m)).sum()
}

fn at_large(r: &RunResult, from: usize, to: usize) -> f64 {
    total(r, Metric::ArrestsAtLarge, from, to)
}

#[test]
fn escorts_take_officer_days_from_flight_hubs_and_arrests_with_them() {
    let mut base = testkit::tiny();
    base.offices[0].flight_hub = true;
    let mut escorted = base.clone();
    escorted.ero.escort_officers_per_seat = 0.2;
    escorted.ero.escort_days_per_flight = 2.0;
    let days = base.days as usize;
    let (a, af) = both(&base);
    let (b, bf) = both(&escorted);
    for r in [&b, &bf] {
        // Each day's escorts are the people the day before's flights removed × 0.2 × 2.
        let mut any = 0.0;
        for d in 1..days {
            let flown = r.daily_mean.national(d - 1, Metric::RemovalsFlight);
            let e = r.daily_mean.national(d, Metric::EscortOfficerDays);
            assert!((e - 0.4 * flown).abs() < 1e-9 * (1.0 + e), "day {d}: {e} vs {flown}");
            any += e;
        }
        assert!(any > 10.0, "flights fly: {any}");
        // Officer-days on enforcement fall by exactly the escort days.
        let escort = total(r, Metric::EscortOfficerDays, 0, days);
        let base_run = if std::ptr::eq(r, &b) { &a } else { &af };
        let fewer =
            total(base_run, Metric::OfficerDays, 0, days) - total(r, Metric::OfficerDays, 0, days);
        assert!((fewer - escort).abs() < 1e-6 * escort, "{fewer} vs {escort}");
        assert!(at_large(r, 0, days) < at_large(base_run, 0, days));
    }
    assert_eq!(total(&a, Metric::EscortOfficerDays, 0, days), 0.0);
}

/// People moved out of their area for lack of a rated bed take escort officer-days from the
/// sending office the next day — exactly people × officers per person × days away — and
/// arrests with them, in both solvers; the receiving office escorts no one.
#[test]
fn transfer_escorts_take_officer_days_from_the_sending_office() {
    use model::WhenFull::*;
    let mut base = testkit::crowded_pair();
    base.detention.when_full = vec![Transfer, Overcrowd, Hold, Release];
    // Both offices are flight hubs and land-border offices: the only moves are transfers.
    let mut escorted = base.clone();
    escorted.ero.transfer_escort_officers_per_person = 0.1;
    escorted.ero.transfer_escort_days = 1.5;
    let days = base.days as usize;
    let (a, af) = both(&base);
    let (b, bf) = both(&escorted);
    for (r, base_run) in [(&b, &a), (&bf, &af)] {
        let d = &r.daily_mean;
        let mut any = 0.0;
        for day in 1..days {
            let moved = d.get(day - 1, 0, Metric::TransfersOutOfAor);
            let e = d.get(day, 0, Metric::TransferEscortOfficerDays);
            assert!((e - 0.15 * moved).abs() < 1e-9 * (1.0 + e), "day {day}: {e} vs {moved}");
            assert_eq!(d.get(day, 1, Metric::TransferEscortOfficerDays), 0.0, "day {day}");
            any += e;
        }
        assert!(any > 50.0, "transfers happen: {any}");
        let escort = total(r, Metric::TransferEscortOfficerDays, 0, days);
        let fewer =
            total(base_run, Metric::OfficerDays, 0, days) - total(r, Metric::OfficerDays, 0, days);
        assert!((fewer - escort).abs() < 1e-6 * escort, "{fewer} vs {escort}");
        assert!(at_large(r, 0, days) < at_large(base_run, 0, days));
    }
    assert_eq!(total(&a, Metric::TransferEscortOfficerDays, 0, days), 0.0);
}

/// Away from a departure point, everyone whose documents come is moved to one: each move is
/// escorted, so the escort officer-days follow the removals (land and flight), and the DES
/// and the fluid agree.
#[test]
fn moves_to_a_departure_point_are_escorted_in_both_solvers() {
    let mut sc = testkit::tiny();
    sc.offices[0].flight_hub = false;
    sc.offices[0].land_border = false;
    sc.ero.transfer_escort_officers_per_person = 0.1;
    sc.ero.transfer_escort_days = 1.0;
    let days = sc.days as usize;
    let (des, fluid) = both(&sc);
    let escort = |r: &RunResult| total(r, Metric::TransferEscortOfficerDays, 0, days);
    let removed = |r: &RunResult| {
        total(r, Metric::RemovalsLand, 0, days) + total(r, Metric::RemovalsFlight, 0, days)
    };
    for (name, r) in [("DES", &des), ("fluid", &fluid)] {
        let ratio = escort(r) / (0.1 * removed(r));
        assert!(ratio > 0.85 && ratio < 1.15, "{name}: escorts / removals {ratio}");
    }
    let (x, y) = (escort(&des), escort(&fluid));
    assert!((x - y).abs() < 0.05 * y, "DES {x} vs fluid {y}");
}

/// A deputization step adds partner arrests only once the deputies are trained: none in
/// the 28 days of training (their officer-days count from the first day), then the full
/// rate at once (no ramp), in both solvers.
#[test]
fn deputies_add_arrests_only_after_their_training() {
    let mut sc = testkit::tiny();
    let at = sc.start.plus(30);
    sc.interventions.push(Intervention {
        at,
        kind: InterventionKind::Deputize {
            agency: "287g".into(),
            officers: 400.0,
            offices: vec![OfficeId(0)],
            time_share: 0.5,
            training_days: 28.0,
            ramp_days: 0.0,
            arrests_per_officer_day: 0.2,
            until: None,
        },
    });
    let days = sc.days as usize;
    let (des, fluid) = both(&sc);
    for (name, r) in [("DES", &des), ("fluid", &fluid)] {
        let d = &r.daily_mean;
        let partner = |from, to| total(r, Metric::ArrestsPartner, from, to);
        assert_eq!(partner(0, 58), 0.0, "{name}: no arrest before day 58");
        assert_eq!(d.national(29, Metric::PartnerOfficerDays), 0.0, "{name}");
        let working = d.national(30, Metric::PartnerOfficerDays);
        assert!((working - 200.0).abs() < 1e-9, "{name}: training is work: {working}");
        // Trained: 400 officers × half their time × 0.2 arrests = 40 a day.
        let per_day = partner(58, days) / (days - 58) as f64;
        assert!((per_day - 40.0).abs() < 0.05 * 40.0, "{name}: {per_day}");
    }
    assert!((fluid.daily_mean.national(58, Metric::ArrestsPartner) - 40.0).abs() < 1e-9);
}

#[test]
fn new_officers_add_arrests_only_as_they_learn() {
    let mut sc = testkit::tiny();
    sc.days = 240;
    let joins = sc.start.plus(60);
    sc.offices[0].officers.transform(&Window::starting(joins), |v, _| v + 200.0);
    let mut learning = sc.clone();
    learning.ero.new_officer_productivity = 0.2;
    learning.ero.field_training_days = 90.0;
    let (_, trained) = both(&sc);
    let (des, learners) = both(&learning);
    // Before the cohort joins nothing differs; in its first month the learners add far
    // less; after field training they work as many officer-days (their pools, less
    // depleted, then yield a little more).
    assert_eq!(at_large(&learners, 0, 60), at_large(&trained, 0, 60));
    let gain = |r: &RunResult| at_large(r, 60, 90) - at_large(r, 30, 60);
    assert!(gain(&learners) < 0.6 * gain(&trained), "{} vs {}", gain(&learners), gain(&trained));
    let days = sc.days as usize;
    let worked = |r: &RunResult| total(r, Metric::OfficerDays, 150, days);
    assert!(
        (worked(&learners) - worked(&trained)).abs() < 1e-9 * worked(&trained),
        "{} vs {}",
        worked(&learners),
        worked(&trained)
    );
    assert!(at_large(&learners, 150, days) >= at_large(&trained, 150, days));
    for d in [61, 100, 140] {
        let (x, y) = (
            des.daily_mean.national(d, Metric::LearningOfficerDays),
            learners.daily_mean.national(d, Metric::LearningOfficerDays),
        );
        assert!((x - y).abs() < 1e-9 && y > 0.0, "day {d}: DES {x} vs fluid {y}");
    }
}

#[test]
fn sustained_overtime_costs_officers_and_arrests() {
    let mut sc = testkit::tiny();
    sc.days = 365;
    // A target far beyond capacity: overtime at its ceiling every day.
    sc.channels.national_target_per_day = Schedule::constant(10_000.0);
    let mut leaving = sc.clone();
    leaving.ero.attrition_per_overtime = 0.5;
    leaving.ero.overtime_memory_days = 30.0;
    leaving.ero.replacement_days = 365.0;
    let (_, stay) = both(&sc);
    let (des, go) = both(&leaving);
    let days = sc.days as usize;
    let lost = |r: &RunResult, d: usize| r.daily_mean.national(d, Metric::OfficersLost);
    assert_eq!(lost(&stay, days - 1), 0.0);
    assert!(lost(&go, 30) < lost(&go, 180) && lost(&go, 180) < lost(&go, days - 1));
    let officers = sc.offices[0].officers.at(sc.start);
    assert!(lost(&go, days - 1) > 0.05 * officers, "{} of {officers}", lost(&go, days - 1));
    assert!(at_large(&go, days - 60, days) < 0.97 * at_large(&stay, days - 60, days));
    // Same overtime (the target binds in every replication) → same stock in the DES.
    let (x, y) = (lost(&des, days - 1), lost(&go, days - 1));
    assert!((x - y).abs() < 0.02 * y, "DES {x} vs fluid {y}");
}

#[test]
fn overtime_is_paid_at_its_premium() {
    let mut sc = testkit::tiny();
    sc.channels.national_target_per_day = Schedule::constant(10_000.0);
    let mut premium = sc.clone();
    premium.ero.overtime_premium = 0.5;
    let (a, b) = (fluid::run(&sc), fluid::run(&premium));
    let days = sc.days as usize;
    let cost = |r: &RunResult| total(r, Metric::CostPersonnel, 0, days);
    let officer_days = total(&a, Metric::OfficerDays, 0, days);
    let extra = cost(&b) - cost(&a);
    // Overtime days = officer-days × overtime share of at-large work / (1 + that).
    let ot = sc.ero.overtime_ceiling * sc.ero.at_large_share.at(sc.start);
    let want = officer_days * ot / (1.0 + ot) * 0.5 * sc.ero.cost_per_officer_day;
    assert!((extra - want).abs() < 1e-6 * want, "{extra} vs {want}");
}
