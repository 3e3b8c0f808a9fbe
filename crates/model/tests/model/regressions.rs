//! One test per bug found, named for what went wrong.

use model::{Date, RunOptions, Schedule, run, testkit};

/// Found by the report's what-if test (issue 5): after a cut in the bed schedule, a bed
/// freed while occupancy was still above capacity went to a CBP-held case anyway, so
/// people counted as detained exceeded occupied beds.
#[test]
fn a_bed_cut_never_admits_beyond_capacity() {
    let mut sc = testkit::tiny();
    let start = sc.start;
    sc.offices[0].beds[0].beds = Schedule {
        steps: vec![(Date::MIN, 3_000.0), (start.plus(30), 200.0), (start.plus(80), 3_000.0)],
    };
    sc.sectors[0].crossings_per_day = Schedule::constant(2_000.0);
    sc.detention.transfer_when_full = false;
    let r = run(&sc, RunOptions { replications: Some(3), seed: Some(4), threads: 0 }).unwrap();
    for inv in &r.invariants {
        assert!(inv.all_ok(), "{inv:?}");
    }
    assert!(r.national("released_no_bed").unwrap().estimate.mean > 0.0, "the cut should bind");
}
