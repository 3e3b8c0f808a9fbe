//! Removal orders by pathway (docs/model.md, "Removal pathways"): each order is counted on
//! the pathway that made it — expedited removal or a summary order at book-in, or a judge's
//! order on the detained docket — by both solvers. Each test fails without the counting.

use crate::daily::{both_solvers, total as m};
use model::config::Schedule;
use model::{RunResult, Scenario, testkit};

fn both(sc: &Scenario) -> [RunResult; 2] {
    both_solvers(sc, 6, 5)
}

/// [`testkit::tiny`] with every case on one kind of pathway: all at book-in (`true`) or all
/// before a judge (`false`); no voluntary departure.
fn all_on(at_book_in: bool) -> Scenario {
    let mut s = testkit::tiny();
    let share = if at_book_in { 1.0 } else { 0.0 };
    s.cases.interior_summary_share = Schedule::constant(share);
    s.cases.interior_voluntary_share = Schedule::constant(0.0);
    s.cases.border_expedited_share = Schedule::constant(share);
    s
}

#[test]
fn with_every_case_ordered_at_book_in_the_orders_are_the_book_ins() {
    for r in both(&all_on(true)) {
        let (ice, cbp) = (m(&r, "book_ins_ice"), m(&r, "book_ins_cbp"));
        let (summary, expedited) = (m(&r, "orders_summary"), m(&r, "orders_expedited"));
        assert!(ice > 100.0 && cbp > 100.0, "{ice} {cbp}");
        // An order at book-in is made the moment the case is booked in, so the counts are
        // the book-ins exactly (up to rounding in the fluid).
        assert!((summary - ice).abs() <= 1e-6 * ice, "summary {summary} vs ICE book-ins {ice}");
        assert!((expedited - cbp).abs() <= 1e-6 * cbp, "expedited {expedited} vs CBP {cbp}");
        assert_eq!(m(&r, "orders_judge"), 0.0);
        let share = r.national("judge_order_share").unwrap().estimate.mean;
        assert_eq!(share, 0.0);
    }
}

#[test]
fn with_every_case_before_a_judge_only_judges_order_removals() {
    let sc = all_on(false);
    for r in both(&sc) {
        assert_eq!(m(&r, "orders_summary") + m(&r, "orders_expedited"), 0.0);
        let judge = m(&r, "orders_judge");
        let relief = m(&r, "released_relief");
        assert!(judge > 100.0, "{judge}");
        // A decision is an order with the removal-order share, else relief.
        let q = sc.courts.removal_order_share;
        let expected = q / (1.0 - q);
        assert!((judge / relief / expected - 1.0).abs() < 0.1, "{judge} / {relief} vs {expected}");
        assert_eq!(r.national("judge_order_share").unwrap().estimate.mean, 1.0);
    }
}

#[test]
fn the_des_agrees_with_the_fluid_on_orders_by_pathway() {
    let [des, fluid] = both(&testkit::tiny());
    for key in ["orders_expedited", "orders_summary", "orders_judge"] {
        let (d, f) = (m(&des, key), m(&fluid, key));
        println!("{key}: DES {d:.1} fluid {f:.1}");
        assert!(f > 10.0, "{key}: {f}");
        assert!((d - f).abs() <= 0.05 * f, "{key}: DES {d} vs fluid {f}");
    }
}
