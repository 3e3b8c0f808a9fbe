//! Discretionary release by reason (docs/model.md, "Discretionary release: parole and
//! bond"): ICE's parole/recognizance hazard and bond for the eligible, stated once in
//! `model::mechanisms::ReleaseHazards` and used by both solvers. Each test fails without
//! the mechanism.

use crate::daily::{both_solvers, sum_days, total as m};
use model::config::Schedule;
use model::date::Date;
use model::{RunResult, Scenario, testkit};

fn both(sc: &Scenario) -> [RunResult; 2] {
    both_solvers(sc, 6, 11)
}

/// [`testkit::tiny`] with bond for interior cases: 60% eligible, decided after 30 days, half
/// granted, all posted (bond hazard 0.01/day); border cases none; parole of both stops on
/// measured day 60.
fn with_bond() -> Scenario {
    let mut s = testkit::tiny();
    let stop: Date = s.start.plus(60);
    s.detention.bond_eligible_share = Schedule::constant(0.6);
    s.detention.bond_decision_days = 30.0;
    s.detention.bond_grant_share = Schedule::constant(0.5);
    s.detention.bond_posted_share = 1.0;
    for (h, v) in s.detention.release_hazard_per_day.iter_mut().zip([0.005, 0.01, 0.02]) {
        *h = Schedule { steps: vec![(s.start, v), (stop, 0.0)] };
    }
    s.detention.border_release_hazard_per_day = s.detention.release_hazard_per_day.clone();
    s
}

#[test]
fn parole_stops_within_days_of_the_policy_step_while_bond_continues() {
    let sc = with_bond();
    for r in both(&sc) {
        let parole_before = sum_days(&r, "released_parole", 30..60);
        let parole_after = sum_days(&r, "released_parole", 63..120);
        let bond_before = sum_days(&r, "released_bond", 30..60);
        let bond_after = sum_days(&r, "released_bond", 90..120);
        assert!(parole_before > 50.0, "parole before the step: {parole_before}");
        assert!(parole_after < 1e-9, "parole after the step: {parole_after}");
        assert!(bond_before > 20.0 && bond_after > 20.0, "{bond_before} {bond_after}");
        // The parts add up to the discretionary total.
        let total = m(&r, "released_discretionary");
        let parts = m(&r, "released_parole") + m(&r, "released_bond");
        assert!((total - parts).abs() <= 1e-6 * total.max(1.0), "{total} vs {parts}");
        assert!(r.invariants.iter().all(|i| i.all_ok()));
    }
}

#[test]
fn no_bond_eligibility_means_no_bond_releases() {
    let mut sc = with_bond();
    sc.detention.bond_eligible_share = Schedule::constant(0.0);
    for r in both(&sc) {
        assert_eq!(m(&r, "released_bond"), 0.0);
        assert!(m(&r, "released_parole") > 0.0);
        assert!(r.invariants.iter().all(|i| i.all_ok()));
    }
    // And eligibility narrowed by a dated step stops bond releases from then on.
    let mut narrowed = with_bond();
    narrowed.detention.bond_eligible_share =
        Schedule { steps: vec![(narrowed.start, 0.6), (narrowed.start.plus(60), 0.0)] };
    for r in both(&narrowed) {
        assert!(sum_days(&r, "released_bond", 30..60) > 20.0);
        assert!(sum_days(&r, "released_bond", 60..120) < 1e-9);
    }
}

#[test]
fn the_des_agrees_with_the_fluid_on_the_reason_split() {
    let sc = with_bond();
    let [des, fluid] = both(&sc);
    for key in ["released_parole", "released_bond", "released_discretionary"] {
        let (d, f) = (m(&des, key), m(&fluid, key));
        println!("{key}: DES {d:.1} fluid {f:.1}");
        assert!((d - f).abs() <= 0.05 * f, "{key}: DES {d} vs fluid {f}");
    }
}

/// [`with_bond`] with interior arrests only (`border` false) or border apprehensions only.
fn one_source(border: bool) -> Scenario {
    let mut s = with_bond();
    testkit::only_source(&mut s, border);
    s
}

/// Release by source (docs/model.md, "Discretionary release: parole and bond"): a border
/// apprehension in proceedings (INA 235(b)) has no bond hearing when
/// `border_bond_eligible_share` is 0, whatever the interior's eligibility; the interior
/// cases keep theirs. Fails if the border share is ignored (bond releases of border cases).
#[test]
fn border_cases_get_no_bond_when_the_border_share_is_zero() {
    for r in both(&one_source(true)) {
        assert!(m(&r, "book_ins_cbp") > 100.0);
        assert_eq!(m(&r, "released_bond"), 0.0, "border cases bonded out");
        assert!(m(&r, "released_parole") > 20.0);
    }
    for r in both(&one_source(false)) {
        assert!(m(&r, "released_bond") > 20.0, "interior cases keep their bond hearings");
    }
    // The same border cases with the interior's eligibility do get bond.
    let mut eligible = one_source(true);
    eligible.detention.border_bond_eligible_share = Schedule::constant(0.6);
    for r in both(&eligible) {
        assert!(m(&r, "released_bond") > 20.0);
    }
}

/// Each source's parole hazard releases its own cases only: with interior release off and
/// border parole on, interior arrests are not released at all and border ones are. Fails
/// if the solvers use one hazard for both sources.
#[test]
fn each_source_is_released_by_its_own_hazard() {
    let off = || Schedule::constants([0.0; 3]);
    let mut interior = one_source(false);
    interior.detention.release_hazard_per_day = off();
    interior.detention.bond_eligible_share = Schedule::constant(0.0);
    interior.detention.border_release_hazard_per_day = Schedule::constants([0.02; 3]);
    for r in both(&interior) {
        assert!(m(&r, "book_ins_ice") > 100.0);
        assert_eq!(m(&r, "released_discretionary"), 0.0, "interior cases released");
    }
    let mut border = one_source(true);
    border.detention.release_hazard_per_day = off();
    border.detention.border_release_hazard_per_day = Schedule::constants([0.02; 3]);
    for r in both(&border) {
        assert!(m(&r, "released_parole") > 50.0, "border cases not paroled");
    }
}

/// Both sources at once, with different hazards: the DES (a case's hazard by its channel)
/// and the fluid (one court block per source and category) agree on the reasons.
#[test]
fn the_solvers_agree_when_the_sources_are_released_differently() {
    let mut sc = with_bond();
    sc.detention.border_release_hazard_per_day = Schedule::constants([0.03, 0.03, 0.04]);
    sc.detention.border_bond_eligible_share = Schedule::constant(0.0);
    let [des, fluid] = both(&sc);
    for key in ["released_parole", "released_bond", "released_discretionary", "detained"] {
        let (d, f) = (m(&des, key), m(&fluid, key));
        println!("{key}: DES {d:.1} fluid {f:.1}");
        assert!((d - f).abs() <= 0.05 * f, "{key}: DES {d} vs fluid {f}");
    }
}

/// Bond dockets (docs/model.md, "Bond dockets"): with the immigration courts holding at
/// most `bond_hearings_per_day` bond hearings nationally, bond releases level off at that
/// capacity × grant × posted share however many wait in court, while parole goes on in
/// proportion to them; below capacity nothing changes. Fails if either solver lets bond
/// releases scale with the stock in court (the capped rate would then be the uncapped one).
#[test]
fn bond_releases_level_off_at_the_bond_dockets_capacity() {
    let free = with_bond();
    let uncapped = both(&free);
    let days = 60..120;
    let per_day = |r: &RunResult, key: &str| sum_days(r, key, days.clone()) / 60.0;
    // Hearings asked for without a limit: bond releases / (grant 0.5 × posted 1).
    let asked = per_day(&uncapped[1], "released_bond") / 0.5;
    assert!(asked > 1.0, "too few hearings to test: {asked}");
    let mut capped = with_bond();
    capped.detention.bond_hearings_per_day = Schedule::constant(0.5 * asked);
    let runs = both(&capped);
    for (r, u) in runs.iter().zip(&uncapped) {
        let bond = per_day(r, "released_bond");
        // Half the hearings held: half the bonds, while a few more stay in court.
        println!("bond/day capped {bond:.2} uncapped {:.2}", per_day(u, "released_bond"));
        assert!((bond - 0.25 * asked).abs() <= 0.1 * 0.25 * asked, "{bond} vs {}", 0.25 * asked);
        assert!(per_day(r, "released_parole") >= per_day(u, "released_parole"));
        assert!(r.invariants.iter().all(|i| i.all_ok()));
    }
    let (d, f) = (m(&runs[0], "released_bond"), m(&runs[1], "released_bond"));
    assert!((d - f).abs() <= 0.05 * f, "bond: DES {d} vs fluid {f}");
    // A capacity above what is asked for changes nothing, bit for bit.
    let mut roomy = with_bond();
    roomy.detention.bond_hearings_per_day = Schedule::constant(10.0 * asked);
    let [des, fluid] = both(&roomy);
    assert_eq!(m(&fluid, "released_bond"), m(&uncapped[1], "released_bond"));
    assert_eq!(m(&des, "released_bond"), m(&uncapped[0], "released_bond"));
}
