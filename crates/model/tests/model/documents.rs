//! Travel-document waits by source (docs/model.md, "Travel documents by source"): after a
//! final order, an interior arrest waits `removal.travel_doc_days` and a border
//! apprehension `removal.border_travel_doc_days`, in the DES (by a case's channel) and in
//! the fluid (one wait per source). Each test fails when one time serves both sources.

use crate::daily::{both_solvers, total as m};
use model::{RunResult, Scenario, Schedule, testkit};

fn both(sc: &Scenario) -> [RunResult; 2] {
    both_solvers(sc, 6, 17)
}

/// [`testkit::tiny`] with one source only, and the given interior and border waits.
fn one_source(border: bool, interior_days: [f64; 4], border_days: [f64; 4]) -> Scenario {
    let mut s = testkit::tiny();
    testkit::only_source(&mut s, border);
    s.removal.travel_doc_days = Schedule::constants(interior_days);
    s.removal.border_travel_doc_days = Schedule::constants(border_days);
    s
}

const KEYS: [&str; 4] = ["awaiting_removal", "detained", "book_out_stay_days", "removals_flight"];

/// A source's cases wait their own source's time only: changing the other source's waits
/// changes nothing (bit for bit), changing their own moves the people waiting.
#[test]
fn each_source_waits_its_own_document_time() {
    let base = [1.0, 7.0, 30.0, 90.0];
    let slow = base.map(|d| 4.0 * d);
    for border in [false, true] {
        let [des, fluid] = both(&one_source(border, base, base));
        let other =
            if border { one_source(true, slow, base) } else { one_source(false, base, slow) };
        let own = if border { one_source(true, base, slow) } else { one_source(false, slow, base) };
        let ([des_other, fluid_other], [des_own, fluid_own]) = (both(&other), both(&own));
        for key in KEYS {
            assert_eq!(m(&des, key), m(&des_other, key), "DES {key}, border {border}");
            assert_eq!(m(&fluid, key), m(&fluid_other, key), "fluid {key}, border {border}");
        }
        for (a, b) in [(&des, &des_own), (&fluid, &fluid_own)] {
            let (w0, w1) = (m(a, "awaiting_removal"), m(b, "awaiting_removal"));
            assert!(w1 > 1.5 * w0 && w0 > 0.0, "border {border}: waiting {w0} -> {w1}");
        }
    }
}

/// Both sources at once, the border's documents much faster: the DES (a case's wait by its
/// channel) and the fluid (one wait per source) agree on who waits and on the stays of the
/// CBP-arrested book-outs.
#[test]
fn the_solvers_agree_when_the_sources_wait_differently() {
    let mut sc = testkit::tiny();
    sc.removal.travel_doc_days = Schedule::constants([2.0, 14.0, 60.0, 180.0]);
    sc.removal.border_travel_doc_days = Schedule::constants([0.5, 2.0, 5.0, 10.0]);
    let [des, fluid] = both(&sc);
    let stay = |r: &RunResult| {
        m(r, "book_out_stay_days_cbp_arrested") / m(r, "book_outs_cbp_arrested").max(1.0)
    };
    for key in ["awaiting_removal", "detained", "detained_cbp_arrested", "removals_flight"] {
        let (d, f) = (m(&des, key), m(&fluid, key));
        println!("{key}: DES {d:.1} fluid {f:.1}");
        assert!((d - f).abs() <= 0.05 * f, "{key}: DES {d} vs fluid {f}");
    }
    let (d, f) = (stay(&des), stay(&fluid));
    println!("CBP-arrested stay: DES {d:.2} fluid {f:.2}");
    assert!((d - f).abs() <= 0.05 * f, "CBP-arrested stay: DES {d} vs fluid {f}");
}
