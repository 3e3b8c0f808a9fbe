//! ICE's detention statistics by arresting agency (docs/model.md, "Detained and book-outs
//! by arresting agency"): who of the detained and of the book-outs CBP arrested, counted
//! case by case in the DES and followed through the pooled stages in the fluid.

use crate::daily::{both_solvers, total};
use model::{Schedule, testkit};

/// (CBP-arrested, all) person-days detained, book-outs and stay days of a run.
fn split(r: &model::RunResult) -> [(f64, f64); 3] {
    [
        (total(r, "detained_cbp_arrested"), total(r, "detained_from_aor")),
        (total(r, "book_outs_cbp_arrested"), total(r, "book_outs")),
        (total(r, "book_out_stay_days_cbp_arrested"), total(r, "book_out_stay_days")),
    ]
}

#[test]
fn without_border_arrivals_nobody_detained_was_arrested_by_cbp() {
    let mut sc = testkit::tiny();
    testkit::only_source(&mut sc, false);
    for r in both_solvers(&sc, 2, 3) {
        for (cbp, all) in split(&r) {
            assert!(all > 100.0, "the interior fills detention: {all}");
            assert_eq!(cbp, 0.0);
        }
    }
}

/// With border arrivals only, every detained person and book-out is CBP's, day by day:
/// the fluid's shadow orders and transport tracer follow a stage of one source exactly.
#[test]
fn with_border_arrivals_only_everyone_detained_was_arrested_by_cbp() {
    let mut sc = testkit::tiny();
    testkit::only_source(&mut sc, true);
    for r in both_solvers(&sc, 2, 3) {
        assert_eq!(total(&r, "book_ins_ice"), 0.0);
        for (cbp, all) in split(&r) {
            assert!(all > 100.0, "the border fills detention: {all}");
            assert!((cbp - all).abs() <= 1e-9 * all, "{cbp} vs {all}");
        }
        let d = &r.daily_mean;
        for day in 0..d.days() {
            let cbp = d.get(day, 0, model::Metric::DetainedCbpArrested);
            let all = d.get(day, 0, model::Metric::DetainedFromAor);
            assert!((cbp - all).abs() <= 1e-9 * all.max(1.0), "day {day}: {cbp} vs {all}");
        }
    }
}

/// Both sources: the CBP-arrested share of the population and of the book-outs, and their
/// mean stay, agree between the solvers (the fluid's transport mixes sources within an
/// office, but border and interior cases differ in their nationality mix and so in their
/// waits for documents, which the shadow orders keep apart).
#[test]
fn des_and_fluid_agree_on_the_split_by_agency() {
    let mut sc = testkit::tiny();
    sc.days = 240;
    // Interior cases of the fastest nationality group, border cases of the slowest: pooled
    // after their orders, the two would leave at one average rate.
    sc.cases.interior_nationality = Schedule::constants([1.0, 0.0, 0.0, 0.0]);
    sc.cases.border_nationality = Schedule::constants([0.0, 0.0, 0.2, 0.8]);
    let [des, fluid] = both_solvers(&sc, 6, 11);
    let (d, f) = (split(&des), split(&fluid));
    for (i, what) in ["person-days", "book-outs", "stay days"].iter().enumerate() {
        let (sd, sf) = (d[i].0 / d[i].1, f[i].0 / f[i].1);
        assert!(sd > 0.2 && sd < 0.9, "{what}: both sources present ({sd})");
        assert!((sd - sf).abs() < 0.015, "{what}: DES share {sd:.3} vs fluid {sf:.3}");
    }
    let alos = |s: [(f64, f64); 3]| s[2].0 / s[1].0;
    let (a, b) = (alos(d), alos(f));
    assert!((a - b).abs() < 0.05 * b, "CBP-arrested ALOS: DES {a:.1} vs fluid {b:.1}");
}
