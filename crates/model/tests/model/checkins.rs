//! Check-in arrests (docs/model.md, "Check-in arrests"): people in ATD and on the
//! non-detained docket arrested at check-ins and hearings leave those stocks for detention,
//! in both solvers.

use crate::daily::{both_solvers, col, series, total};
use model::{Scenario, Schedule};

/// The non-detained tests' tiny scenario (2,000 people in ATD, 50,000 cases pending) with
/// check-in arrests at `per_atd` per participant-day and `per_docket` per pending case-day.
fn with_checkins(per_atd: f64, per_docket: f64) -> Scenario {
    let mut sc = crate::nondetained::with_non_detained();
    sc.channels.checkin_per_atd_day = Schedule::constant(per_atd);
    sc.channels.checkin_per_docket_day = Schedule::constant(per_docket);
    sc
}

#[test]
fn no_rate_no_checkin_arrests_in_both_solvers() {
    for r in both_solvers(&with_checkins(0.0, 0.0), 2, 3) {
        assert_eq!(total(&r, "arrests_checkin"), 0.0);
    }
}

#[test]
fn atd_loses_exactly_its_checkin_arrests_in_both_solvers() {
    // 0.5% of participants a day: about 10 arrests a day from 2,000.
    let sc = with_checkins(0.005, 0.0);
    let [des, fluid] = both_solvers(&sc, 3, 11);
    for (r, reps) in [(&des, 3), (&fluid, 1)] {
        for rep in 0..reps {
            let atd = series(r, rep, "atd_participants");
            let enrolled = series(r, rep, "atd_enrolled");
            let arrested = series(r, rep, "arrests_checkin");
            let mut before = 2_000.0;
            for d in 0..atd.len() {
                // The stock's day: exits at 1/200 of the start, enrolment, the arrests.
                let lost = before * (1.0 - 1.0 / 200.0) + enrolled[d] - atd[d];
                assert!((lost - arrested[d]).abs() < 1e-9, "day {d}: {lost} vs {}", arrested[d]);
                before = atd[d];
            }
            assert!(arrested.iter().sum::<f64>() > 0.0);
        }
    }
    // The fluid books the expectation of the day's stocks: rate × yesterday's ATD.
    let atd = series(&fluid, 0, "atd_participants");
    let arrested = series(&fluid, 0, "arrests_checkin");
    assert!((arrested[0] - 0.005 * 2_000.0).abs() < 1e-9);
    for d in 1..atd.len() {
        assert!((arrested[d] - 0.005 * atd[d - 1]).abs() < 1e-9, "day {d}");
    }
    // DES ≈ fluid.
    let (a, b) = (total(&des, "arrests_checkin"), total(&fluid, "arrests_checkin"));
    assert!((a - b).abs() < 0.05 * b, "DES {a} vs fluid {b}");
}

#[test]
fn the_docket_loses_its_checkin_arrests_in_both_solvers() {
    let sc = with_checkins(0.0, 0.0002);
    for r in both_solvers(&sc, 2, 7) {
        let (received, done) = (total(&r, "docket_receipts"), total(&r, "docket_completions"));
        let arrested = total(&r, "arrests_checkin");
        let k = col("docket_pending");
        let reps = r.national_daily.len() as f64;
        let end = r.national_daily.iter().map(|rep| rep.last().unwrap()[k]).sum::<f64>() / reps;
        // About 10 a day from 50,000 (the docket drains by 10 a day besides).
        assert!(arrested > 8.0 * sc.days as f64, "{arrested}");
        assert!((50_000.0 + received - done - arrested - end).abs() < 1e-6 * end, "conservation");
    }
}

#[test]
fn checkin_arrests_are_ice_book_ins_of_people_with_no_record_none_released_at_processing() {
    let (off, on) = (with_checkins(0.0, 0.0), with_checkins(0.005, 0.0));
    let (a, b) = (model::fluid::run(&off), model::fluid::run(&on));
    let arrested = total(&b, "arrests_checkin");
    // Nothing else changes upstream: the other channels' arrests are the same, all the
    // check-in arrests are no-record arrests, and none is released at processing.
    let diff = |k: &str| total(&b, k) - total(&a, k);
    assert!((diff("arrests_no_record") - arrested).abs() < 1e-6 * arrested);
    assert!(diff("arrests_convicted").abs() < 1e-9 && diff("arrests_pending").abs() < 1e-9);
    assert!(diff("released_at_processing").abs() < 1e-6 * arrested);
    // All of them ICE book-ins (half a day later: the warm-up's last half-day arrives in
    // the window, the window's last half-day after it).
    let booked = diff("book_ins_ice");
    assert!((booked - arrested).abs() < 0.01 * arrested, "{booked} vs {arrested}");
    assert!(diff("book_ins_cbp").abs() < 1e-6 * arrested);
    // On the summary track: none waits for a hearing; they wait for documents and transport.
    assert!(diff("court_queue").abs() < 1e-6 * arrested, "court {}", diff("court_queue"));
    assert!(diff("awaiting_removal") > 0.0);
}
