//! Oversight measures from the detention side (docs/model.md, "Expected deaths in
//! custody"): aggregate rates applied to the simulated population, in both solvers.

use crate::daily::total;
use model::{RunOptions, run, testkit};

#[test]
fn expected_deaths_are_person_days_detained_times_the_rate_in_both_solvers() {
    let mut sc = testkit::tiny();
    sc.detention.deaths_per_million_detained_days = 2.0;
    let des = run(&sc, RunOptions { replications: Some(4), seed: Some(3), threads: 0 }).unwrap();
    let fluid = model::fluid::run(&sc);
    for r in [&des, &fluid] {
        let days = total(r, "detained");
        assert!(days > 1_000.0, "the tiny scenario detains people: {days}");
        let deaths = total(r, "expected_deaths");
        assert!((deaths - days * 2e-6).abs() < 1e-9 * days, "{deaths} vs {days} × 2e-6");
        let m = r.national("expected_deaths").unwrap().estimate.mean;
        assert!((m - deaths).abs() < 1e-9 * days.max(1.0), "measure {m} vs daily {deaths}");
    }
    let (a, b) = (total(&des, "expected_deaths"), total(&fluid, "expected_deaths"));
    assert!((a - b).abs() < 0.05 * b, "DES {a} vs fluid {b}");
    // No rate, no estimate.
    sc.detention.deaths_per_million_detained_days = 0.0;
    assert_eq!(total(&model::fluid::run(&sc), "expected_deaths"), 0.0);
}

/// A crowded office next to an empty one, with transfers before overcrowding: the empty
/// office makes no arrests, so everyone it holds is held away from home.
fn transferring() -> model::Scenario {
    use model::WhenFull::*;
    let mut sc = testkit::crowded_pair();
    sc.detention.when_full = vec![Transfer, Overcrowd, Hold, Release];
    sc
}

#[test]
fn time_held_away_is_the_other_aors_population_of_the_home_offices_cases() {
    let [des, fluid] = crate::daily::both_solvers(&transferring(), 4, 5);
    for (name, r) in [("DES", &des), ("fluid", &fluid)] {
        let d = &r.daily_mean;
        for day in 0..d.days() {
            // Attributed to the arresting office: the empty office's population is the
            // crowded office's cases held away, and nobody of the empty office is away.
            let away = d.get(day, 0, model::Metric::HeldAway);
            let there = d.get(day, 1, model::Metric::Detained);
            assert!((away - there).abs() <= 1e-6 * there.max(1.0), "{name} day {day}");
            assert_eq!(d.get(day, 1, model::Metric::HeldAway), 0.0, "{name} day {day}");
            // Away ≤ detained from the AOR; by arresting office or by facility, the nation
            // holds the same people.
            let from = d.get(day, 0, model::Metric::DetainedFromAor);
            assert!(away <= from + 1e-9, "{name} day {day}: {away} > {from}");
            let a = d.national(day, model::Metric::DetainedFromAor);
            let b = d.national(day, model::Metric::Detained);
            assert!((a - b).abs() <= 1e-9 * b.max(1.0), "{name} day {day}: {a} vs {b}");
        }
        let days = r.national("held_away_person_days").unwrap().estimate.mean;
        assert!(days > 20_000.0, "{name}: {days}");
        assert!((days - total(r, "held_away")).abs() < 1e-6 * days);
        let share = r.national("held_away_share").unwrap().estimate.mean;
        assert!(share > 0.2 && share < 0.8, "{name}: {share}");
        let by_office =
            |o: usize, key: &str| r.offices[o].iter().find(|m| m.key == key).unwrap().estimate.mean;
        assert!((by_office(0, "held_away_share") - share).abs() < 1e-9, "{name}");
        assert_eq!(by_office(1, "held_away_share"), 0.0, "{name}");
    }
    let (a, b) = (
        des.national("held_away_share").unwrap().estimate.mean,
        fluid.national("held_away_share").unwrap().estimate.mean,
    );
    assert!((a - b).abs() < 0.05, "DES {a} vs fluid {b}");
}

#[test]
fn without_transfers_nobody_is_held_away() {
    // Overcrowding first (crowded_pair's own order): the excess stays at home.
    for r in crate::daily::both_solvers(&testkit::crowded_pair(), 2, 5) {
        assert_eq!(total(&r, "held_away"), 0.0);
        assert_eq!(r.national("held_away_share").unwrap().estimate.mean, 0.0);
        assert!(total(&r, "detained_from_aor") > 10_000.0);
    }
}

#[test]
fn beds_surge_is_rated_beds_plus_the_surge_room() {
    let mut sc = testkit::crowded();
    for r in crate::daily::both_solvers(&sc, 2, 5) {
        let (beds, ceiling) = (total(&r, "beds"), total(&r, "beds_surge"));
        assert!(ceiling > 1.2 * beds, "{ceiling} vs {beds}");
        assert!(total(&r, "detained") <= ceiling + 1e-6);
    }
    sc.detention.surge_share = [0.0; model::FacilityKind::COUNT];
    for r in crate::daily::both_solvers(&sc, 2, 5) {
        assert_eq!(total(&r, "beds_surge"), total(&r, "beds"));
    }
}

#[test]
fn lengths_of_stay_by_category_and_agency_partition_the_book_outs() {
    let sc = testkit::tiny();
    let [des, fluid] = crate::daily::both_solvers(&sc, 3, 7);
    for (name, r) in [("DES", &des), ("fluid", &fluid)] {
        for t in &r.durations {
            let n = t.length_of_stay.count();
            assert!(n > 1_000, "{name}: {n}");
            let by_cat: u64 = t.length_of_stay_by_category.iter().map(|s| s.count()).sum();
            let by_agency: u64 = t.length_of_stay_by_agency.iter().map(|s| s.count()).sum();
            // The fluid rounds each group's expected counts on its own.
            let tol = if name == "DES" { 0 } else { 3 };
            assert!(by_cat.abs_diff(n) <= tol, "{name}: {by_cat} vs {n}");
            assert!(by_agency.abs_diff(n) <= tol, "{name}: {by_agency} vs {n}");
            assert!(t.length_of_stay_by_agency.iter().all(|s| s.count() > 0), "{name}");
        }
        let m = |k: &str| r.national(k).unwrap().estimate.mean;
        for g in ["", "convicted_", "pending_", "no_record_", "ice_", "cbp_"] {
            let q = |s: &str| m(&format!("los_{g}{s}"));
            assert!(q("p50_days") > 0.0, "{name} {g}");
            assert!(q("p50_days") <= q("p90_days") && q("p90_days") <= q("p99_days"), "{name} {g}");
            let (s90, s180) = (q("over_90_days_share"), q("over_180_days_share"));
            assert!((0.0..=1.0).contains(&s90) && s180 <= s90, "{name} {g}: {s90} {s180}");
        }
    }
    for k in ["los_p50_days", "los_ice_p50_days", "los_cbp_p50_days", "los_p90_days"] {
        let (a, b) =
            (des.national(k).unwrap().estimate.mean, fluid.national(k).unwrap().estimate.mean);
        assert!((a - b).abs() < 0.25 * a.max(1.0), "{k}: DES {a} vs fluid {b}");
    }
}

#[test]
fn a_stay_counts_as_long_only_beyond_the_threshold() {
    let mut s = model::Stays::default();
    s.add(90.0);
    s.add(90.5);
    s.add_n(200.0, 2);
    assert_eq!(s.count(), 4);
    assert_eq!(s.share_longer(0), 0.75, "90 days is not longer than 90");
    assert_eq!(s.share_longer(1), 0.5);
    assert_eq!(model::Stays::default().share_longer(0), 0.0);
    // A fluid bin [180, 180.5) holds the stays of exactly 180 days (the custody limit from
    // book-in): not longer than 180; the next bin is.
    let mut f = model::Stays::default();
    f.add_binned(180.25, 0.25, 3);
    f.add_binned(180.75, 0.25, 1);
    assert_eq!(f.share_longer(1), 0.25);
    assert_eq!(f.share_longer(0), 1.0);
}

#[test]
fn releases_to_atd_per_day_are_the_total_over_the_days() {
    let mut sc = testkit::tiny();
    sc.detention.atd_enrol_share = model::Schedule::constant(0.5);
    sc.detention.atd_days_mean = 200.0;
    let r = model::fluid::run(&sc);
    let per_day = r.national("atd_enrolled_per_day").unwrap().estimate.mean;
    let all = r.national("atd_enrolled").unwrap().estimate.mean;
    assert!(all > 0.0, "the tiny scenario releases people to ATD");
    assert!((per_day * r.daily_mean.days() as f64 - all).abs() < 1e-9 * all);
}
