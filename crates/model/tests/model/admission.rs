//! Managed occupancy: ICE takes CBP transfers only below a national border admission
//! ceiling, its own arrests first (docs/model.md, "Managed occupancy"). Each test fails
//! without the ceiling.

use model::{Metric, RunOptions, RunResult, Schedule, run, testkit};

fn opts() -> RunOptions {
    RunOptions { replications: Some(4), seed: Some(5), threads: 0 }
}

fn m(r: &RunResult, key: &str) -> f64 {
    r.national(key).unwrap().estimate.mean
}

/// A daily metric summed over the measured days.
fn total(r: &RunResult, x: Metric) -> f64 {
    (0..r.daily_mean.days()).map(|d| r.daily_mean.national(d, x)).sum()
}

/// A daily stock's mean over the measured days.
fn mean(r: &RunResult, x: Metric) -> f64 {
    total(r, x) / r.daily_mean.days() as f64
}

/// [`testkit::tiny`] with a border that offers more than the room: ten times the
/// crossings, and a ceiling below the population the uncapped border would bring.
fn pressed(ceiling: Option<f64>) -> model::Scenario {
    let mut sc = testkit::tiny();
    sc.days = 180;
    sc.sectors[0].crossings_per_day = Schedule::constant(400.0);
    sc.offices[0].beds[0].beds = Schedule::constant(20_000.0);
    if let Some(c) = ceiling {
        sc.detention.border_admission_ceiling = Schedule::constant(c);
    }
    sc
}

/// Both solvers.
fn both(sc: &model::Scenario) -> [RunResult; 2] {
    [run(sc, opts()).unwrap(), model::fluid::run(sc)]
}

#[test]
fn cbp_book_ins_take_only_the_room_under_the_ceiling_and_ice_arrests_come_first() {
    // Uncapped the border brings ~1,800 detained; the ceiling holds 1,500.
    let open = both(&pressed(None));
    let capped = both(&pressed(Some(1_500.0)));
    for (o, c) in open.iter().zip(&capped) {
        assert!(m(o, "adp") > 1_700.0, "the border offers more than the room: {}", m(o, "adp"));
        assert!(m(c, "adp") < 1_500.0 * 1.01, "held at the ceiling: {}", m(c, "adp"));
        assert!(m(c, "adp") > 1_500.0 * 0.97, "filled to it: {}", m(c, "adp"));
        let (cbp_open, cbp) = (total(o, Metric::BookInsCbp), total(c, Metric::BookInsCbp));
        assert!(cbp < 0.8 * cbp_open, "CBP book-ins bounded by room: {cbp} vs {cbp_open}");
        // ICE's own arrests are booked in as without a ceiling (beds are plentiful).
        let (ice_open, ice) = (total(o, Metric::BookInsIce), total(c, Metric::BookInsIce));
        assert!((ice - ice_open).abs() <= 1e-9 * ice_open, "{ice} vs {ice_open}");
        // Those ICE did not take waited in CBP custody and CBP released them.
        assert!(mean(c, Metric::CbpHold) > 50.0, "{}", mean(c, Metric::CbpHold));
        assert!(m(c, "released_no_bed") > 1_500.0, "{}", m(c, "released_no_bed"));
        assert_eq!(m(o, "released_no_bed"), 0.0);
        assert!(c.invariants.iter().all(|i| i.all_ok()));
    }
}

#[test]
fn des_and_fluid_agree_under_a_binding_ceiling() {
    let [des, fluid] = both(&pressed(Some(1_500.0)));
    for x in [Metric::BookInsCbp, Metric::BookInsIce] {
        let (d, f) = (total(&des, x), total(&fluid, x));
        assert!((d - f).abs() <= 0.05 * d, "{x:?}: DES {d} fluid {f}");
    }
    let (d, f) = (m(&des, "adp"), m(&fluid, "adp"));
    assert!((d - f).abs() <= 0.05 * d, "ADP: DES {d} fluid {f}");
    let (d, f) = (mean(&des, Metric::CbpHold), mean(&fluid, Metric::CbpHold));
    assert!((d - f).abs() <= 0.15 * d, "CBP hold: DES {d} fluid {f}");
}

#[test]
fn a_ceiling_never_reached_changes_nothing_in_either_solver() {
    // Absent (infinite) and far above the population take different paths to the same
    // numbers, bit for bit.
    let [des_none, fluid_none] = both(&pressed(None));
    let [des_high, fluid_high] = both(&pressed(Some(1.0e7)));
    for (none, high) in [(des_none, des_high), (fluid_none, fluid_high)] {
        for d in 0..none.daily_mean.days() {
            for x in
                [Metric::BookInsCbp, Metric::BookInsIce, Metric::ReleasedNoBed, Metric::CbpHold]
            {
                let (a, b) = (none.daily_mean.national(d, x), high.daily_mean.national(d, x));
                assert_eq!(a.to_bits(), b.to_bits(), "day {d} {x:?}");
            }
        }
    }
}
