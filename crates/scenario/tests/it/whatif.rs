//! What-ifs end to end: every built-in runs; a later start keeps what it should of the
//! scenario it extends; and each compiled lever, written in TOML, moves the simulation the
//! way its mechanism implies.

use model::{InterventionKind, Metric, RunOptions, RunResult};

use crate::common::{TempDir, VALID, check, load, pos};

#[test]
fn every_builtin_runs_a_short_replication_with_all_invariants() {
    for name in scenario::builtin_names() {
        let mut sc =
            scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}")).scenario;
        sc.days = 60;
        sc.warmup_days = sc.warmup_days.min(60);
        let r = model::run(&sc, RunOptions { replications: Some(1), seed: None, threads: 1 })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let inv = &r.invariants[0];
        assert!(inv.all_ok(), "{name}: {:?}", inv.violations);
        assert!(r.national("arrests_per_day").unwrap().estimate.mean > 0.0, "{name}");
    }
}

#[test]
fn the_what_ifs_are_built_in_and_answer_a_question() {
    for name in [
        "status-quo-fy2026",
        "target-3000",
        "beds-100k",
        "bp-interior-27-cities",
        "partners-deputized",
        "ice-detail-chicago",
        "hire-10000",
        "flights-double",
        "review-rotation",
        "all-levers",
        "forecast-fy2026",
    ] {
        let l = scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(l.scenario.description.ends_with('?'), "{name}: {}", l.scenario.description);
        assert!(l.files.len() >= 3, "{name} extends a baseline");
    }
}

#[test]
fn a_later_start_keeps_inherited_changes_from_the_first_day_and_drops_finished_ones() {
    let sq = scenario::load_builtin("status-quo-fy2026").unwrap().scenario;
    let base = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let deploys = |s: &model::Scenario| -> Vec<(String, Vec<u16>)> {
        s.interventions
            .iter()
            .filter_map(|i| match &i.kind {
                InterventionKind::Deploy { offices, .. } => {
                    Some((i.at.to_string(), offices.iter().map(|o| o.0).collect()))
                }
                _ => None,
            })
            .collect()
    };
    let chicago = base.office_id("Chicago").unwrap().0;
    // Los Angeles ended on 2025-09-07, before the FY2026 start: dropped. Chicago continues.
    assert_eq!(deploys(&base).len(), 2);
    assert_eq!(deploys(&sq), vec![("2025-09-08".to_string(), vec![chicago])]);
    // The deputations of Feb-Jul 2025 are kept (dated before the start, fully ramped by then).
    let deputize = |s: &model::Scenario| {
        s.interventions
            .iter()
            .filter(|i| matches!(i.kind, InterventionKind::Deputize { .. }))
            .count()
    };
    assert_eq!(deputize(&sq), deputize(&base));
    assert!(sq.interventions.iter().all(|i| i.at < sq.start));
}

#[test]
fn compiled_changes_of_a_parent_apply_from_a_later_childs_first_day() {
    let dir = TempDir::new("later");
    let parent = format!(
        "{VALID}\n[[interventions]]\nkind = \"flights\"\nat = \"2025-03-01\"\n\
         flights_per_week = {{ value = 10, assumption = true, range = [0, 100] }}\n\
         [[interventions]]\nkind = \"judges\"\nat = \"2025-03-01\"\nuntil = \"2025-06-30\"\n\
         slots_change = {{ value = 1000, assumption = true, range = [0, 5000] }}\n\
         [[interventions]]\nkind = \"hire\"\nat = \"2025-01-01\"\nuntil = \"2025-02-28\"\n\
         officers_per_month = {{ value = 30, assumption = true, range = [0, 100] }}\n\
         academy_days = {{ value = 30, assumption = true, range = [0, 100] }}\ndistribution = \"equal\"\n"
    );
    dir.write("base.toml", &parent);
    let child = "[scenario]\nname = \"later\"\ndescription = \"And later?\"\nextends = \"base.toml\"\n\
                 start = \"2025-08-01\"\ndays = 120\n";
    let s = scenario::load(&dir.write("child.toml", child)).unwrap().scenario;
    // Warm-up and run use the values in force on the child's start: 10 flights a week; the
    // judges' change ended in June.
    assert_eq!(s.removal.flights_per_week.at(s.start), 10.0);
    assert_eq!(s.courts.detained_docket_slots.at(s.start), 20_000.0);
    // The parent's deploy (2025-06-07 to 2025-09-30) still overlaps the run; its deputize too.
    assert_eq!(s.interventions.len(), 2);
    // From 2025-10-01 the deploy is over, and dropped.
    let child2 = child.replace("2025-08-01", "2025-10-01");
    let s = scenario::load(&dir.write("child2.toml", &child2)).unwrap().scenario;
    assert_eq!(s.interventions.len(), 1);
    // A hire whose intake ended before the start still left its graduates: two cohorts of
    // 30, a third to each office.
    assert_eq!(s.offices[0].officers.at(s.start), 240.0 + 20.0);
    // In the file being loaded, an intervention that ends before the start is an error.
    let own = format!(
        "{child2}\n[[interventions]]\nkind = \"flights\"\nat = \"2025-03-01\"\nuntil = \"2025-04-01\"\n\
         flights_factor = {{ value = 2, assumption = true, range = [1, 3] }}\n"
    );
    let err = scenario::load(&dir.write("child3.toml", &own)).unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    // (Entries are numbered over the merged list: the parent's five, then this one.)
    let msg = "[[interventions]] entry 6 ends (2025-04-01) before the run starts (2025-10-01): \
               it cannot change this run";
    check(&err.diagnostics[0], msg, pos(&own, "\"2025-04-01\""), None);
    // An own intervention that starts before the run is fine.
    let early = own.replace("until = \"2025-04-01\"\n", "");
    assert!(scenario::load(&dir.write("child4.toml", &early)).is_ok());
}

/// Runs scenario text with 3 replications.
fn run_text(text: &str) -> RunResult {
    let sc = load(text).unwrap_or_else(|e| panic!("{e}")).scenario;
    model::run(&sc, RunOptions { replications: Some(3), seed: Some(5), threads: 0 }).unwrap()
}

fn sum_days(r: &RunResult, m: Metric, from: usize, to: usize) -> f64 {
    (from..to).map(|d| r.daily_mean.national(d, m)).sum()
}

fn mean(r: &RunResult, key: &str) -> f64 {
    r.national(key).unwrap().estimate.mean
}

/// VALID with the given interventions added.
fn valid_with(interventions: &str) -> String {
    format!("{VALID}\n{interventions}")
}

const ROOMY: &str = "[[interventions]]\nkind = \"beds\"\nat = \"2024-10-01\"\nfacility = \"contract\"\n\
    change = { value = 20000, assumption = true, range = [0, 50000] }\n";

#[test]
fn hired_officers_add_officer_days_after_the_academy_and_not_before() {
    let base = run_text(&valid_with(""));
    let hired = run_text(&valid_with(
        "[[interventions]]\nkind = \"hire\"\nat = \"2025-01-01\"\nofficers_per_month = { value = 100, assumption = true, range = [0, 500] }\n\
         academy_days = { value = 60, assumption = true, range = [30, 120] }\ntotal = { value = 100, assumption = true, range = [0, 500] }\n",
    ));
    // Intake on 1 Jan 2025 (day 92), graduation 60 days later (day 152).
    let joined = 152;
    for d in 0..240 {
        let (a, b) = (
            base.daily_mean.national(d, Metric::OfficerDays),
            hired.daily_mean.national(d, Metric::OfficerDays),
        );
        if d < joined {
            assert!((a - b).abs() < 1e-9, "day {d}: officer-days changed during the academy");
        } else {
            assert!((b - a - 100.0 * 0.62).abs() < 1e-6, "day {d}: {a} → {b}");
        }
    }
}

#[test]
fn more_beds_mean_fewer_releases_for_lack_of_beds() {
    let tight = run_text(&valid_with(""));
    let roomy = run_text(&valid_with(ROOMY));
    let (a, b) = (mean(&tight, "released_no_bed"), mean(&roomy, "released_no_bed"));
    assert!(a > 10_000.0 && b < 0.05 * a, "released for lack of beds {a} → {b}");
    assert!(mean(&roomy, "adp") > 1.5 * mean(&tight, "adp"));
}

#[test]
fn more_flights_shorten_removal_and_detention_when_flights_bind() {
    let scarce = "[[interventions]]\nkind = \"flights\"\nat = \"2024-10-01\"\n\
        flights_per_week = { value = 7, assumption = true, range = [0, 100] }\n\
        seats_per_flight = { value = 60, assumption = true, range = [0, 200] }\n";
    let doubled = "[[interventions]]\nkind = \"flights\"\nat = \"2024-10-01\"\n\
        flights_factor = { value = 2, assumption = true, range = [1, 3] }\n";
    let a = run_text(&valid_with(&format!("{ROOMY}{scarce}")));
    let b = run_text(&valid_with(&format!("{ROOMY}{scarce}{doubled}")));
    let ci = |r: &RunResult, k: &str| r.national(k).unwrap().estimate.ci95;
    assert!(ci(&b, "arrest_to_removal_days")[1] < ci(&a, "arrest_to_removal_days")[0]);
    assert!(ci(&b, "adp")[1] < ci(&a, "adp")[0]);
}

#[test]
fn jail_agreements_raise_custodial_arrests() {
    let base = run_text(&valid_with(""));
    let agreed = run_text(&valid_with(
        "[[interventions]]\nkind = \"agreements_287g\"\nat = \"2024-10-01\"\noffices = [\"all\"]\n\
         honour_rate = { value = 1, assumption = true, range = [0.8, 1] }\n\
         supply_change = { value = 0.2, assumption = true, range = [0, 1] }\n",
    ));
    let (a, b) = (
        sum_days(&base, Metric::ArrestsCustodial, 0, 240),
        sum_days(&agreed, Metric::ArrestsCustodial, 0, 240),
    );
    // Supply 9.5 + 20 + 15 a day at honour rates 0.55 / 0.9 / 0.95 → all of 1.2 × the supply.
    let expected = (9.5 * 0.55 + 20.0 * 0.9 + 15.0 * 0.95, 1.2 * 44.5);
    assert!(
        (a / 240.0 - expected.0).abs() < 1.5 && (b / 240.0 - expected.1).abs() < 1.5,
        "{a} → {b}"
    );
}

#[test]
fn more_judges_shorten_the_court_queue() {
    let few = "[[interventions]]\nkind = \"judges\"\nat = \"2024-10-01\"\n\
        detained_docket_slots = { value = 3000, assumption = true, range = [0, 50000] }\n";
    let more = "[[interventions]]\nkind = \"judges\"\nat = \"2025-01-01\"\n\
        slots_change = { value = 15000, assumption = true, range = [0, 20000] }\n";
    let a = run_text(&valid_with(&format!("{ROOMY}{few}")));
    let b = run_text(&valid_with(&format!("{ROOMY}{few}{more}")));
    let queue = |r: &RunResult| sum_days(r, Metric::CourtQueue, 150, 240) / 90.0;
    assert!(queue(&b) < 0.7 * queue(&a), "court queue {} → {}", queue(&a), queue(&b));
    assert_eq!(sum_days(&a, Metric::CourtQueue, 0, 91), sum_days(&b, Metric::CourtQueue, 0, 91));
}

/// forecast-fy2026 is baseline-fy2025 as known on 30 Sep 2025, run on a second year with the
/// plans announced by then: its FY2025 days are the baseline's, bit for bit, and the
/// unannounced steps after 30 Sep 2025 (the bed count measured in November 2025) are out.
#[test]
fn the_forecast_continues_the_fy2025_baseline_with_only_what_was_known() {
    let base = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let fc = scenario::load_builtin("forecast-fy2026").unwrap().scenario;
    assert_eq!((fc.start, fc.days), (base.start, 730));
    let (a, b) = (model::fluid::run(&base), model::fluid::run(&fc));
    let year = base.days as usize;
    assert_eq!(a.national_daily[0][..year], b.national_daily[0][..year], "FY2025 unchanged");
    // Beds on 15 Nov 2025 before the plan's phase-in reaches them: the November 2025
    // count (70,000, measured after 30 Sep) is not in the forecast.
    let day = |d: &str| model::Date::parse(d).unwrap();
    let beds = |s: &model::Scenario, d: &str| -> f64 {
        s.offices.iter().flat_map(|o| &o.beds).map(|b| b.beds.at(day(d))).sum()
    };
    let known = scenario::resolve_known_at("baseline-fy2025", day("2025-09-30")).unwrap().scenario;
    assert!(beds(&base, "2025-11-15") > beds(&known, "2025-11-15"), "the November count is out");
    assert_eq!(beds(&known, "2025-11-15"), beds(&base, "2025-09-30"), "carried forward");
}
