//! The fluid on its own: invariants, determinism, one pseudo-replication, and levers that
//! move outputs the way their mechanisms say.

use model::{Date, Intervention, InterventionKind, Metric, OfficeId, Schedule, testkit};

#[test]
fn invariants_hold_and_intervals_are_points() {
    let r = model::fluid::run(&testkit::tiny());
    let inv = &r.invariants[0];
    assert!(inv.all_ok(), "{inv:?}");
    let all = inv.little.iter().find(|l| l.group == "all").unwrap();
    assert!(all.relative_gap < model::fluid::FLUID_LITTLE_TOLERANCE);
    // Little's law: L = λW + R/T.
    let lhs = all.time_average_population;
    let rhs = all.admissions_per_day * all.mean_stay_in_window_days + all.carried_in_per_day;
    assert!((lhs - rhs).abs() < 1e-9 * lhs, "{lhs} vs {rhs}");
    for m in &r.national {
        assert_eq!(m.estimate.ci95, [m.estimate.mean, m.estimate.mean], "{}", m.key);
        assert!(m.estimate.mean.is_finite(), "{}", m.key);
    }
    assert_eq!(r.national_daily.len(), 1);
}

#[test]
fn same_scenario_same_bytes() {
    let sc = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let bits = |r: &model::RunResult| -> Vec<u64> {
        r.national_daily[0].iter().flat_map(|row| row.iter().map(|x| x.to_bits())).collect()
    };
    assert_eq!(bits(&model::fluid::run(&sc)), bits(&model::fluid::run(&sc)));
}

#[test]
fn flows_balance_day_by_day() {
    // Detained today = yesterday + book-ins − book-outs (all offices; stocks by facility
    // AOR, flows by home office, so only the national sum balances).
    let r = model::fluid::run(&scenario::load_builtin("baseline-fy2024").unwrap().scenario);
    let d = &r.daily_mean;
    for day in 1..d.days() {
        let before = d.national(day - 1, Metric::Detained);
        let now = d.national(day, Metric::Detained);
        let flow = d.national(day, Metric::BookInsIce) + d.national(day, Metric::BookInsCbp)
            - d.national(day, Metric::BookOuts);
        assert!((before + flow - now).abs() < 1e-6 * now, "day {day}: {before} + {flow} ≠ {now}");
    }
}

#[test]
fn levers_move_the_fluid_as_they_move_the_des() {
    let base = testkit::tiny();
    let f = |sc: &model::Scenario, key: &str| {
        model::fluid::run(sc).national(key).unwrap().estimate.mean
    };
    // More beds, fewer releases for lack of beds.
    let mut tight = base.clone();
    tight.offices[0].beds[0].beds = Schedule::constant(300.0);
    assert!(f(&tight, "released_no_bed") > 1_000.0);
    assert_eq!(f(&base, "released_no_bed"), 0.0);
    // A target without officers raises arrests and the no-record share.
    let mut pushed = base.clone();
    pushed.channels.national_target_per_day = Schedule::constant(200.0);
    assert!(f(&pushed, "arrests_per_day") > f(&base, "arrests_per_day"));
    assert!(f(&pushed, "no_record_share") > f(&base, "no_record_share"));
    // Border Patrol inland: fewer apprehensions, more gotaways.
    let mut moved = base.clone();
    moved.interventions.push(Intervention {
        at: Date::from_ymd(2024, 10, 1).unwrap(),
        kind: InterventionKind::Deploy {
            agents: 1_000.0,
            offices: vec![OfficeId(0)],
            until: None,
            ramp_days: 14.0,
            arrests_per_agent_day: 0.05,
            from: model::DeployFrom::Sectors(vec![model::SectorId(0)]),
        },
    });
    assert!(f(&moved, "border_apprehensions") < f(&base, "border_apprehensions"));
    assert!(f(&moved, "extra_gotaways") > 0.0 && f(&base, "extra_gotaways") == 0.0);
}
