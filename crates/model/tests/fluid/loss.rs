//! The pipeline reduced to an M/M/c/c loss system (`testkit::loss_system`): the DES follows
//! Erlang B; the fluid gives the fluid limit — no loss below capacity, and above it exactly
//! the excess of the offered load. The gap between them is the blocking a random process
//! suffers below capacity (docs/validation.md, "Fluid vs DES").

use des::testbed::erlang_b;
use model::testkit;

/// Share of arrivals released for lack of a bed, and the ADP, in the fluid.
fn fluid_loss(arrivals: f64, stay: f64, beds: f64) -> (f64, f64) {
    let mut sc = testkit::loss_system(arrivals, stay, beds);
    sc.days = 400;
    sc.warmup_days = 200;
    let r = model::fluid::run(&sc);
    let released = r.national("released_no_bed").unwrap().estimate.mean;
    let booked = r.national("book_ins").unwrap().estimate.mean;
    (released / (released + booked), r.national("adp").unwrap().estimate.mean)
}

#[test]
fn below_capacity_the_fluid_loses_no_one_where_erlang_b_loses_some() {
    // 40 a day, 10-day stays: 400 erlangs offered to 410 beds.
    let (loss, adp) = fluid_loss(40.0, 10.0, 410.0);
    assert!(loss < 1e-9, "fluid loss {loss}");
    assert!((adp - 400.0).abs() < 0.5, "ADP {adp} should be the offered load");
    let exact = erlang_b(410, 400.0);
    // The DES reproduces this (crates/model/tests/model/erlang.rs): 2.5% released.
    assert!((exact - 0.0248).abs() < 1e-3, "Erlang B {exact}");
}

#[test]
fn above_capacity_the_fluid_loses_the_excess() {
    // 500 erlangs offered to 410 beds: the fluid keeps the beds full and loses 1 − 410/500.
    let (loss, adp) = fluid_loss(50.0, 10.0, 410.0);
    let limit = 1.0 - 410.0 / 500.0;
    assert!((loss - limit).abs() < 0.01, "fluid loss {loss}, fluid limit {limit}");
    assert!(adp <= 410.0 + 1e-6 && adp > 0.97 * 410.0, "ADP {adp}");
    // Erlang B loses more: a random process finds the beds full more often.
    assert!(erlang_b(410, 500.0) > loss, "Erlang B {}", erlang_b(410, 500.0));
}
