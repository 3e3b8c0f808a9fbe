//! With only the custodial channel and a fixed bed count, the pipeline is an M/M/c/c loss
//! system: the share released for lack of beds must be Erlang B.

use des::testbed::erlang_b;
use model::{RunOptions, run, testkit};

#[test]
fn release_for_lack_of_beds_follows_erlang_b() {
    // 40 book-ins a day, 10-day stays: offered load 400 bed-days a day, 410 beds.
    let mut sc = testkit::loss_system(40.0, 10.0, 410.0);
    sc.days = 1_000;
    sc.warmup_days = 100;
    let r = run(&sc, RunOptions { replications: Some(20), seed: Some(5), threads: 0 }).unwrap();
    let released = &r.national("released_no_bed").unwrap().values;
    let booked = &r.national("book_ins").unwrap().values;
    let shares: Vec<f64> = released.iter().zip(booked).map(|(r, b)| r / (r + b)).collect();
    let s = des::Summary::with_level(&shares, 0.99);
    let exact = erlang_b(410, 400.0);
    assert!(
        s.ci.0 <= exact && exact <= s.ci.1,
        "Erlang B {exact:.5}, simulated {:.5} [{:.5}, {:.5}]",
        s.mean,
        s.ci.0,
        s.ci.1
    );
    assert!(s.half_width() < 0.15 * exact, "CI too wide to test anything");
    // Little's law: carried load = ADP.
    let adp = r.national("adp").unwrap().estimate.mean;
    assert!((adp - 400.0 * (1.0 - exact)).abs() / adp < 0.02, "adp {adp}");
    assert!(r.invariants.iter().all(|i| i.all_ok()), "{:?}", r.invariants[0]);
}
