//! In-absentia orders and ATD absconders refill the at-large pools (docs/model.md, "The
//! non-detained population"): a share of the people newly at large joins the office's
//! reachable at-large tiers the next morning, in both solvers.

use crate::daily::{both_solvers, series, sum_days, total};
use model::Scenario;

/// The non-detained tests' tiny scenario (2,000 in ATD leaving at 1/200 a day, 50,000 cases
/// pending, 30 completions a day, 40% removal orders of which `absentia` in absentia) with
/// `share` of the newly at large joining the tiers and 30% of ATD exits absconding.
fn with_refill(share: f64, absentia: f64) -> Scenario {
    let mut sc = crate::nondetained::with_non_detained();
    sc.channels.at_large_refill_share = share;
    sc.detention.atd_abscond_share = 0.3;
    sc.courts.non_detained_in_absentia_share = absentia;
    sc
}

/// The tiny scenario's constant entries into the at-large tiers, people/day.
const CONSTANT: f64 = 10.0 + 5.0 + 20.0;

#[test]
fn without_a_share_nothing_refills_the_pools() {
    for r in both_solvers(&with_refill(0.0, 0.5), 2, 3) {
        assert_eq!(total(&r, "pool_refill_absentia"), 0.0);
        assert_eq!(total(&r, "pool_refill_absconders"), 0.0);
    }
}

#[test]
fn the_pools_take_the_constant_inflow_plus_the_orders_and_absconders_in_both_solvers() {
    let sc = with_refill(0.5, 0.5);
    let [des, fluid] = both_solvers(&sc, 3, 7);
    for (r, reps) in [(&des, 3), (&fluid, 1)] {
        for rep in 0..reps {
            let pool = series(r, rep, "at_large_pool");
            let arrests = series(r, rep, "arrests_at_large");
            let absentia = series(r, rep, "pool_refill_absentia");
            let absconders = series(r, rep, "pool_refill_absconders");
            let orders = series(r, rep, "docket_in_absentia_orders");
            let atd = series(r, rep, "atd_participants");
            for d in 1..pool.len() {
                // The refill: share × the day's in-absentia orders, share × absconding share
                // × the day's ATD exits (1/200 of the stock at the start of the day).
                assert!((absentia[d] - 0.5 * orders[d]).abs() < 1e-9, "day {d}");
                assert!((absconders[d] - 0.5 * 0.3 * atd[d - 1] / 200.0).abs() < 1e-9, "day {d}");
                // It enters the next morning, beside the constant inflow.
                if d + 1 < pool.len() {
                    let entered = pool[d + 1] - pool[d] + arrests[d];
                    let want = CONSTANT + absentia[d - 1] + absconders[d - 1];
                    assert!((entered - want).abs() < 1e-6, "day {d}: {entered} vs {want}");
                }
            }
            // 30 completions × 0.4 × 0.5 = 6 orders a day, half of them join: 3 a day.
            assert!((absentia[10] - 3.0).abs() < 1e-9, "{}", absentia[10]);
        }
    }
    // DES ≈ fluid: the refill and what is left in the pools at the end.
    for key in ["pool_refill_absentia", "pool_refill_absconders"] {
        let (a, b) = (total(&des, key), total(&fluid, key));
        assert!((a - b).abs() < 0.03 * b, "{key}: DES {a} vs fluid {b}");
    }
    let days = sc.days as usize;
    let (a, b) = (
        sum_days(&des, "at_large_pool", days - 1..days),
        sum_days(&fluid, "at_large_pool", days - 1..days),
    );
    assert!((a - b).abs() < 0.03 * b, "pool at the end: DES {a} vs fluid {b}");
}

#[test]
fn more_in_absentia_orders_raise_later_at_large_arrests() {
    let last = |sc: &Scenario| {
        let r = model::fluid::run(sc);
        let days = sc.days as usize;
        sum_days(&r, "arrests_at_large", days - 30..days)
    };
    let (few, many) = (last(&with_refill(1.0, 0.2)), last(&with_refill(1.0, 0.8)));
    // 2.4 → 9.6 orders a day for 180 days: +1.4% in the last 30 days (217.5 → 220.6).
    assert!(many > few * 1.01, "more orders, more arrests later: {few} → {many}");
    // Through the refill alone: without it the orders change nothing on the street.
    let (few, many) = (last(&with_refill(0.0, 0.2)), last(&with_refill(0.0, 0.8)));
    assert_eq!(few, many);
}
