//! Charter flights added on demand (docs/model.md, "Removal capacity on demand"): when the
//! line waiting for a seat holds more than `surge_queue_days` days of seats, flights are
//! added up to the contracted ceiling, with a lag. Stated once in
//! `model::mechanisms::FlightSurge` and used by both solvers. Each test fails without it.

use crate::daily::{both_solvers, col, sum_days, total as all};
use model::config::Schedule;
use model::{RunResult, Scenario, testkit};

fn both(sc: &Scenario) -> [RunResult; 2] {
    both_solvers(sc, 6, 7)
}

/// [`testkit::tiny`] with too few seats for its removals: one flight of 30 a week.
fn short_of_flights() -> Scenario {
    let mut s = testkit::tiny();
    s.removal.flights_per_week = Schedule::constant(1.0);
    s.removal.seats_per_flight = Schedule::constant(30.0);
    s
}

/// The same with up to `ceiling` flights a week added on demand, 3 days of seats allowed
/// in the line, a `lag`-day lag.
fn with_surge(ceiling: f64, lag: f64) -> Scenario {
    let mut s = short_of_flights();
    s.removal.surge_flights_per_week = Schedule::constant(ceiling);
    s.removal.surge_queue_days = 3.0;
    s.removal.surge_lag_days = lag;
    s
}

#[test]
fn added_flights_carry_the_line_that_fixed_flights_cannot() {
    let [des0, fl0] = both(&short_of_flights());
    let [des1, fl1] = both(&with_surge(14.0, 7.0));
    for (off, on) in [(&des0, &des1), (&fl0, &fl1)] {
        assert_eq!(all(off, "flights_added"), 0.0);
        assert!(all(on, "flights_added") > 0.0);
        let (before, after) = (all(off, "removals_flight"), all(on, "removals_flight"));
        assert!(after > 1.5 * before, "flight removals {before} → {after}");
        let n = on.national_daily[0].len();
        let (q0, q1) = (
            sum_days(off, "awaiting_removal", n - 30..n),
            sum_days(on, "awaiting_removal", n - 30..n),
        );
        assert!(q1 < q0, "awaiting removal {q0} → {q1}");
        assert!(on.invariants.iter().all(|i| i.all_ok()));
    }
    // DES and fluid agree on the mechanism's measures.
    for key in ["flights_added", "removals_flight"] {
        let (d, f) = (all(&des1, key), all(&fl1, key));
        assert!((d - f).abs() <= 0.08 * f, "{key}: DES {d} vs fluid {f}");
    }
}

#[test]
fn added_flights_stay_under_the_contracted_ceiling() {
    let ceiling = 3.5;
    for r in both(&with_surge(ceiling, 1.0)) {
        let k = col("flights_added");
        let most = r.national_daily.iter().flatten().map(|d| d[k]).fold(0.0, f64::max);
        assert!(most > 0.0 && most <= ceiling / 7.0 + 1e-9, "{most}");
    }
}

#[test]
fn added_flights_follow_the_line_with_the_lag() {
    // The ceiling opens on measured day 10: with no lag the flights come at once, with a
    // 45-day lag a week later they are still a fraction of what they become.
    let step = |lag: f64| {
        let mut s = with_surge(14.0, lag);
        s.removal.surge_flights_per_week =
            Schedule { steps: vec![(s.start, 0.0), (s.start.plus(10), 14.0)] };
        s
    };
    let (fast, slow) = (both(&step(1.0)), both(&step(45.0)));
    for (f, s) in fast.iter().zip(&slow) {
        let n = s.national_daily[0].len();
        assert_eq!(sum_days(s, "flights_added", 0..10), 0.0);
        let (early_fast, early_slow) =
            (sum_days(f, "flights_added", 10..17), sum_days(s, "flights_added", 10..17));
        let late_slow = sum_days(s, "flights_added", n - 7..n);
        assert!(early_slow < 0.75 * early_fast, "{early_slow} vs {early_fast}");
        assert!(early_slow < 0.8 * late_slow, "{early_slow} vs {late_slow}");
    }
}
