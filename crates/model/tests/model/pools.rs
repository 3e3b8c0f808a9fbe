//! The shared community pool (`offices.community_pool`, `effort::Pools`): off at 0, it is
//! drawn down by every channel that shares it, so added forces displace ICE's own
//! collateral and operations arrests when it binds; it falls under heavy effort and
//! refills from its inflow; the DES and the fluid agree on what it yields.

use model::{
    Date, Intervention, InterventionKind, Metric, OfficeId, RunOptions, RunResult, Scenario, fluid,
    run, testkit,
};

fn des(sc: &Scenario) -> RunResult {
    run(sc, RunOptions { replications: Some(6), seed: Some(14), threads: 0 }).unwrap()
}

fn total(r: &RunResult, ms: &[Metric], from: usize, to: usize) -> f64 {
    (from..to).map(|d| ms.iter().map(|m| r.daily_mean.national(d, *m)).sum::<f64>()).sum()
}

/// ICE's own arrests from the community pool.
const ICE_COMMUNITY: [Metric; 2] = [Metric::ArrestsCollateral, Metric::ArrestsOperations];
/// Every channel that shares the community pool.
const COMMUNITY: [Metric; 4] = [
    Metric::ArrestsCollateral,
    Metric::ArrestsOperations,
    Metric::ArrestsPartner,
    Metric::ArrestsBpInterior,
];

/// tiny() with public-space operations (14 a day) and a community pool of `pool` people
/// refilled by `inflow` a day.
fn with_pool(pool: f64, inflow: f64) -> Scenario {
    let mut sc = testkit::tiny();
    sc.ero.operations_share = model::Schedule::constant(0.2);
    sc.offices[0].community_pool = pool;
    sc.offices[0].community_inflow_per_day = inflow;
    sc
}

fn partners(officers: f64) -> Intervention {
    Intervention {
        at: Date::from_ymd(2024, 10, 1).unwrap(),
        kind: InterventionKind::Deputize {
            agency: "USMS".into(),
            officers,
            offices: vec![OfficeId(0)],
            time_share: 0.5,
            training_days: 0.0,
            ramp_days: 0.0,
            arrests_per_officer_day: 0.1,
            until: None,
        },
    }
}

#[test]
fn a_zero_pool_is_no_pool_and_a_vast_one_never_binds() {
    let base = with_pool(0.0, 0.0);
    // Inflow into a pool of size 0 changes nothing: 0 means "no pool".
    let off = with_pool(0.0, 500.0);
    let vast = with_pool(1e13, 0.0);
    let days = base.days as usize;
    let arrests = [Metric::ALL[0..6].to_vec(), ICE_COMMUNITY.to_vec()].concat();
    for solve in [des as fn(&Scenario) -> RunResult, fluid::run] {
        let (a, b, c) = (solve(&base), solve(&off), solve(&vast));
        for m in &arrests {
            let (x, y, z) =
                (total(&a, &[*m], 0, days), total(&b, &[*m], 0, days), total(&c, &[*m], 0, days));
            assert_eq!(x, y, "{m:?}: a pool of 0 with inflow is not the same as none");
            assert!((x - z).abs() <= 1e-6 * x.max(1.0), "{m:?}: {x} vs {z} with a vast pool");
        }
        assert!(total(&a, &ICE_COMMUNITY, 0, days) > 100.0);
        assert_eq!(total(&a, &[Metric::CommunityPool], 0, days), 0.0);
    }
}

#[test]
fn added_forces_displace_ices_own_arrests_when_the_pool_binds() {
    // ICE alone takes ~15 a day from a pool of 3,000 (+10 a day): it binds, a little.
    let base = with_pool(3_000.0, 10.0);
    let unbound = with_pool(0.0, 0.0);
    let days = base.days as usize;
    for added in [testkit::border_patrol_detail(1_000.0, None), partners(400.0)] {
        let (mut b, mut ub) = (base.clone(), unbound.clone());
        b.interventions.push(added.clone());
        ub.interventions.push(added);
        for solve in [des as fn(&Scenario) -> RunResult, fluid::run] {
            let own = |sc: &Scenario| total(&solve(sc), &ICE_COMMUNITY, 0, days);
            let (alone, with) = (own(&base), own(&b));
            assert!(with < 0.8 * alone, "ICE's own {alone} → {with} beside the added force");
            // Without the pool the added force takes nothing from ICE's own arrests.
            let (alone, with) = (own(&unbound), own(&ub));
            assert!((with - alone).abs() < 0.03 * alone, "no pool: {alone} → {with}");
        }
    }
}

#[test]
fn the_pool_falls_under_heavy_effort_and_refills_after() {
    let mut sc = with_pool(6_000.0, 40.0);
    sc.days = 300;
    // 2,000 agents × 0.05 = 100 a day, for the warm-up and the first 60 measured days.
    sc.interventions.push(testkit::border_patrol_detail(2_000.0, Some(sc.start.plus(59))));
    for r in [des(&sc), fluid::run(&sc)] {
        let pool = |d: usize| r.daily_mean.national(d, Metric::CommunityPool);
        let (start, low, end) = (pool(0), pool(60), pool(299));
        assert!(start < 0.6 * 6_000.0, "the warm-up under the detail draws it down: {start}");
        assert!(low < 0.8 * start, "it keeps falling while the detail lasts: {start} → {low}");
        assert!(end > 1.5 * low, "it refills once the detail leaves: {low} → {end}");
        // And ICE's own yield recovers with it.
        let own = |d: usize| total(&r, &ICE_COMMUNITY, d, d + 20);
        assert!(own(270) > 1.3 * own(50), "{} → {}", own(50), own(270));
    }
}

#[test]
fn des_and_fluid_agree_on_the_community_arrests_when_the_pool_binds() {
    let mut sc = with_pool(3_000.0, 10.0);
    sc.interventions.push(testkit::border_patrol_detail(1_000.0, None));
    let days = sc.days as usize;
    let (d, f) = (des(&sc), fluid::run(&sc));
    let (x, y) = (total(&d, &COMMUNITY, 0, days), total(&f, &COMMUNITY, 0, days));
    assert!((x - y).abs() < 0.06 * y, "DES {x} vs fluid {y}");
    // The pool binds: the same channels draw far more without one.
    let unbound = {
        let mut u = sc.clone();
        u.offices[0].community_pool = 0.0;
        total(&fluid::run(&u), &COMMUNITY, 0, days)
    };
    assert!(y < 0.7 * unbound, "{y} vs {unbound} without the pool");
}
