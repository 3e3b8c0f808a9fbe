//! Each lever moves the outputs in the direction its mechanism implies (docs/validation.md, mechanism tests).

use model::{
    Date, DeployFrom, Intervention, InterventionKind, OfficeId, RunOptions, Schedule, SectorId,
    run, testkit,
};

fn opts() -> RunOptions {
    RunOptions { replications: Some(6), seed: Some(9), threads: 0 }
}

#[test]
fn a_higher_target_without_officers_raises_the_no_record_share() {
    let base = testkit::tiny();
    let mut pushed = base.clone();
    pushed.channels.national_target_per_day = Schedule::constant(200.0);
    let a = run(&base, opts()).unwrap();
    let b = run(&pushed, opts()).unwrap();
    let share = |r: &model::RunResult| r.national("no_record_share").unwrap().estimate;
    let arrests = |r: &model::RunResult| r.national("arrests_per_day").unwrap().estimate;
    assert!(arrests(&b).ci95[0] > arrests(&a).ci95[1], "the target should raise arrests");
    assert!(
        share(&b).ci95[0] > share(&a).ci95[1],
        "no-record share {:?} → {:?}",
        share(&a),
        share(&b)
    );
}

#[test]
fn moving_border_patrol_inland_lowers_apprehensions_and_raises_gotaways() {
    let base = testkit::tiny();
    let mut moved = base.clone();
    moved.interventions.push(Intervention {
        at: Date::from_ymd(2024, 10, 1).unwrap(),
        kind: InterventionKind::Deploy {
            agents: 1_000.0,
            offices: vec![OfficeId(0)],
            until: None,
            ramp_days: 14.0,
            arrests_per_agent_day: 0.05,
            from: DeployFrom::Sectors(vec![SectorId(0)]),
        },
    });
    let a = run(&base, opts()).unwrap();
    let b = run(&moved, opts()).unwrap();
    let m = |r: &model::RunResult, k: &str| r.national(k).unwrap().estimate;
    assert!(m(&b, "border_apprehensions").ci95[1] < m(&a, "border_apprehensions").ci95[0]);
    assert!(m(&b, "gotaways").mean > m(&a, "gotaways").mean * 1.05);
    assert!(m(&b, "extra_gotaways").mean > 0.0 && m(&a, "extra_gotaways").mean == 0.0);
    assert!(m(&b, "arrests_per_day").mean > m(&a, "arrests_per_day").mean);
}

#[test]
fn more_beds_mean_fewer_releases_for_lack_of_beds() {
    let mut tight = testkit::tiny();
    tight.offices[0].beds[0].beds = Schedule::constant(300.0);
    let mut roomy = tight.clone();
    roomy.offices[0].beds[0].beds = Schedule::constant(3_000.0);
    let a = run(&tight, opts()).unwrap();
    let b = run(&roomy, opts()).unwrap();
    let m = |r: &model::RunResult, k: &str| r.national(k).unwrap().estimate.mean;
    assert!(m(&a, "released_no_bed") > 10.0 * m(&b, "released_no_bed").max(1.0));
    assert!(m(&b, "adp") > m(&a, "adp"));
}

#[test]
fn every_run_passes_its_invariants_and_is_deterministic() {
    let sc = testkit::tiny();
    let a = run(&sc, RunOptions { replications: Some(3), seed: Some(1), threads: 1 }).unwrap();
    let b = run(&sc, RunOptions { replications: Some(3), seed: Some(1), threads: 2 }).unwrap();
    for inv in &a.invariants {
        assert!(inv.all_ok(), "{inv:?}");
    }
    let bits = |r: &model::RunResult| -> Vec<u64> {
        r.national.iter().flat_map(|m| m.values.iter().map(|v| v.to_bits())).collect()
    };
    assert_eq!(bits(&a), bits(&b));
}
