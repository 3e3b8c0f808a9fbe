//! A one-off rotation of field-office directors (`model::leadership`) in both solvers: the
//! office lowest by target attainment over the quarter before gets new leadership, whose
//! handover first costs arrests and then moves them to the new leadership's level; the
//! other office does not move.

use model::{
    Category, Intervention, InterventionKind, Metric, Multiplier, RunOptions, RunResult, Scenario,
    Schedule, fluid, run,
};

/// Levers' two offices (B has half of A's officers, the national target split equally:
/// B falls short of its target, A does not), over 200 days after a 120-day warm-up.
fn two_offices() -> Scenario {
    let mut s = crate::levers::two_offices();
    s.days = 200;
    s.warmup_days = 120;
    s
}

fn rotate(sc: &Scenario, days_after_start: i32) -> Scenario {
    let mut s = sc.clone();
    s.interventions.push(Intervention {
        at: sc.start.plus(days_after_start),
        kind: InterventionKind::Rotate {
            count: 1,
            multiplier: Multiplier::Uniform { lo: 1.5, hi: 1.5 },
            disruption: 0.5,
            ramp_days: 30.0,
        },
    });
    s
}

fn at_large(r: &RunResult, o: usize, from: usize, to: usize) -> f64 {
    (from..to).map(|d| r.daily_mean.get(d, o, Metric::ArrestsAtLarge)).sum()
}

#[test]
fn a_rotation_disrupts_then_lifts_the_lowest_office_only() {
    let base = two_offices();
    let rotated = rotate(&base, 60);
    let (a, b) = (fluid::run(&base), fluid::run(&rotated));
    assert_eq!(at_large(&a, 1, 0, 60), at_large(&b, 1, 0, 60), "nothing before the rotation");
    // Handover week: productivity from ×0.5 upward; a month on: ×1.5 (less in arrests: the
    // top tiers are capped by how many can be located).
    let (x, y) = (at_large(&a, 1, 60, 67), at_large(&b, 1, 60, 67));
    assert!(y < 0.8 * x, "office B's handover week {x} → {y}");
    let (x, y) = (at_large(&a, 1, 100, 200), at_large(&b, 1, 100, 200));
    assert!(y > 1.15 * x, "office B's at-large arrests {x} → {y}");
    let (x, y) = (at_large(&a, 0, 0, 200), at_large(&b, 0, 0, 200));
    assert!((y - x).abs() < 1e-9 * x, "office A is not rotated: {x} → {y}");

    // The DES chooses the same office by its drawn arrests and draws the multiplier.
    let opts = RunOptions { replications: Some(6), seed: Some(3), threads: 0 };
    let (a, b) = (run(&base, opts).unwrap(), run(&rotated, opts).unwrap());
    let (x, y) = (at_large(&a, 1, 100, 200), at_large(&b, 1, 100, 200));
    assert!(y > 1.15 * x, "DES: office B's at-large arrests {x} → {y}");
    let (x, y) = (at_large(&a, 0, 100, 200), at_large(&b, 0, 100, 200));
    assert!((y - x).abs() < 0.05 * x, "DES: office A's at-large arrests {x} → {y}");
}

#[test]
fn a_rotation_dated_before_the_run_is_settled_from_the_first_day() {
    let base = two_offices();
    let (a, b) = (fluid::run(&base), fluid::run(&rotate(&base, -100)));
    // Chosen by the warm-up's last quarter, ramped since its date: full effect on day 0.
    let (x, y) = (at_large(&a, 1, 0, 7), at_large(&b, 1, 0, 7));
    assert!(y > 1.15 * x, "office B's first week {x} → {y}");
    assert_eq!(at_large(&a, 0, 0, 7), at_large(&b, 0, 0, 7));
}

fn total(r: &RunResult, m: Metric) -> f64 {
    (0..r.daily_mean.days()).map(|d| r.daily_mean.national(d, m)).sum()
}

#[test]
fn a_target_pulls_effort_to_operations_and_raises_the_no_record_share() {
    let base = two_offices();
    let mut pulled = base.clone();
    pulled.ero.tactics_response = 1.0;
    let mut no_target = pulled.clone();
    no_target.channels.national_target_per_day = Schedule::constant(0.0);
    let mut calm = base.clone();
    calm.channels.national_target_per_day = Schedule::constant(0.0);
    let opts = RunOptions { replications: Some(6), seed: Some(3), threads: 0 };
    let des = |s: &Scenario| run(s, opts).unwrap();
    for (a, b) in [(fluid::run(&base), fluid::run(&pulled)), (des(&base), des(&pulled))] {
        let ops = |r: &RunResult| total(r, Metric::ArrestsOperations);
        assert!(ops(&a) == 0.0 && ops(&b) > 100.0, "operations {} → {}", ops(&a), ops(&b));
        let at_large = |r: &RunResult| total(r, Metric::ArrestsAtLarge);
        assert!(at_large(&b) < at_large(&a), "{} → {}", at_large(&a), at_large(&b));
        let no_record = |r: &RunResult| {
            let all: f64 = Category::ARRESTS.iter().map(|m| total(r, *m)).sum();
            total(r, Metric::ArrestsNoRecord) / all
        };
        assert!(no_record(&b) > no_record(&a) + 0.02, "{} → {}", no_record(&a), no_record(&b));
    }
    // No target, no pressure: the response changes nothing.
    let (x, y) = (fluid::run(&calm), fluid::run(&no_target));
    assert_eq!(total(&x, Metric::ArrestsOperations), total(&y, Metric::ArrestsOperations));
    assert_eq!(total(&x, Metric::ArrestsAtLarge), total(&y, Metric::ArrestsAtLarge));
}
