//! Detention population and beds by facility type: they add up to `detained` and `beds`,
//! never exceed fixed capacity, and fill in the order beds are tried, in the DES and in
//! the fluid alike.

use model::{Beds, FacilityKind, Metric, RunOptions, RunResult, Schedule, testkit};

/// Beds of three of the five types. The tiny pipeline holds about 960 people when beds
/// never bind, so the first two types tried stay full and the last is partly used.
const BEDS: [(FacilityKind, f64); 3] = [
    (FacilityKind::ProcessingCenter, 300.0),
    (FacilityKind::Igsa, 400.0),
    (FacilityKind::SoftSided, 600.0),
];

fn three_kinds() -> model::Scenario {
    let mut sc = testkit::tiny();
    sc.offices[0].beds =
        BEDS.iter().map(|(kind, n)| Beds { kind: *kind, beds: Schedule::constant(*n) }).collect();
    sc
}

fn beds_of(kind: FacilityKind) -> f64 {
    BEDS.iter().find(|(k, _)| *k == kind).map_or(0.0, |(_, n)| *n)
}

/// Mean end-of-day occupancy of `kind` over the run, as a share of its beds.
fn utilisation(r: &RunResult, kind: FacilityKind) -> f64 {
    let d = &r.daily_mean;
    d.total(Metric::detained_in(kind)) / d.days() as f64 / beds_of(kind)
}

/// Checks every measured day of every replication's national rows; `exact` for the DES,
/// whose columns count people.
fn check_rows(r: &RunResult, exact: bool) {
    let tol = if exact { 0.0 } else { 1e-9 };
    for (i, rep) in r.national_daily.iter().enumerate() {
        for (day, row) in rep.iter().enumerate() {
            let at = |m: Metric| row[m as usize];
            let by_type: f64 = FacilityKind::ALL.iter().map(|k| at(Metric::detained_in(*k))).sum();
            let beds: f64 = FacilityKind::ALL.iter().map(|k| at(Metric::beds_in(*k))).sum();
            let detained = at(Metric::Detained);
            assert!(
                (by_type - detained).abs() <= tol * detained,
                "rep {i} day {day}: {by_type} by type vs {detained}"
            );
            assert_eq!(beds, at(Metric::Beds), "rep {i} day {day}");
            for k in FacilityKind::ALL {
                let (held, cap) = (at(Metric::detained_in(k)), at(Metric::beds_in(k)));
                assert_eq!(cap, beds_of(k), "rep {i} day {day}: beds of {}", k.name());
                assert!(held >= -tol && held <= cap + tol * cap, "{} {held} > {cap}", k.name());
            }
        }
    }
}

/// Beds are tried in `FacilityKind` order: the first two types full, the last partly.
fn fills_in_order(r: &RunResult) {
    let pc = utilisation(r, FacilityKind::ProcessingCenter);
    let igsa = utilisation(r, FacilityKind::Igsa);
    let soft = utilisation(r, FacilityKind::SoftSided);
    assert!(pc > 0.97 && igsa > 0.97, "{pc} {igsa}");
    assert!(soft > 0.2 && soft < 0.7, "{soft}");
}

#[test]
fn des_detained_by_type_adds_up_and_fills_in_order() {
    let r =
        model::run(&three_kinds(), RunOptions { replications: Some(3), seed: Some(5), threads: 0 })
            .unwrap();
    for inv in &r.invariants {
        assert!(inv.all_ok(), "{inv:?}");
    }
    check_rows(&r, true);
    fills_in_order(&r);
}

#[test]
fn fluid_detained_by_type_adds_up_and_fills_in_order() {
    let r = model::fluid::run(&three_kinds());
    assert!(r.invariants[0].all_ok(), "{:?}", r.invariants[0]);
    check_rows(&r, false);
    fills_in_order(&r);
}

#[test]
fn des_and_fluid_agree_on_occupancy_by_type() {
    let sc = three_kinds();
    let des =
        model::run(&sc, RunOptions { replications: Some(4), seed: Some(2), threads: 0 }).unwrap();
    let fluid = model::fluid::run(&sc);
    for (kind, _) in BEDS {
        let (a, b) = (utilisation(&des, kind), utilisation(&fluid, kind));
        assert!((a - b).abs() < 0.05, "{}: DES {a:.3}, fluid {b:.3}", kind.name());
    }
}
