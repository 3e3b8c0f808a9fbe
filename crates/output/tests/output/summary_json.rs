//! summary.json: parses, has every measure with mean and CI, monthly rows cover the run,
//! and every field is documented.

use std::collections::BTreeSet;

use model::MEASURES;
use output::columns::SUMMARY_FIELDS;
use serde_json::Value;

use crate::{REPS, tiny, two_offices, written};

fn text(tag: &str) -> String {
    text_of(two_offices(), tag)
}

fn text_of(result: &model::RunResult, tag: &str) -> String {
    let dir = written(result, tag);
    let t = std::fs::read_to_string(dir.join("summary.json")).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
    t
}

fn load(tag: &str) -> Value {
    serde_json::from_str(&text(tag)).unwrap()
}

fn is_estimate(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.len() == 2
            && o.get("mean").is_some_and(Value::is_number)
            && o.get("ci95")
                .and_then(Value::as_array)
                .is_some_and(|c| c.len() == 2 && c.iter().all(Value::is_number))
    })
}

#[test]
fn headline_keys_are_exact() {
    let keys: Vec<&str> = MEASURES.iter().take(9).map(|m| m.key).collect();
    assert_eq!(
        keys,
        [
            "arrests_per_day",
            "book_ins",
            "adp",
            "alos_days",
            "removals",
            "released_no_bed",
            "no_record_share",
            "arrest_to_removal_days",
            "cost_usd"
        ]
    );
}

#[test]
fn every_measure_has_mean_and_ci_nationally_and_per_office() {
    let v = load("measures");
    assert_eq!(v["scenario"], "tiny");
    assert_eq!(v["start"], "2024-10-01");
    assert_eq!(v["replications"], REPS);
    assert_eq!(v["caseload_version"], "0.1.0-test");
    let national = v["national"].as_object().unwrap();
    assert_eq!(national.len(), MEASURES.len());
    for m in MEASURES {
        assert!(is_estimate(&national[m.key]), "{}", m.key);
    }
    let offices = v["offices"].as_array().unwrap();
    assert_eq!(offices.len(), 2);
    for o in offices {
        assert!(o["office"].is_string());
        for m in MEASURES {
            assert!(is_estimate(&o[m.key]), "{}", m.key);
        }
    }
    assert_eq!(v["performance"]["wall_s"], 1.5);
    assert_eq!(v["performance"]["replications"], REPS);
    assert!(v["performance"]["events"].as_u64().unwrap() > 0);
}

#[test]
fn measures_are_written_in_report_order() {
    let t = text("order");
    let national = &t[t.find("\"national\"").unwrap()..t.find("\"offices\"").unwrap()];
    let at: Vec<usize> =
        MEASURES.iter().map(|m| national.find(&format!("\"{}\":", m.key)).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
}

#[test]
fn invariants_pass_and_cover_every_replication() {
    let v = load("invariants");
    let inv = &v["invariants"];
    assert_eq!(inv["all_ok"], true);
    assert_eq!(inv["replications"], REPS);
    assert_eq!(inv["failed_replications"], 0);
    let little = inv["little"].as_array().unwrap();
    assert!(little.iter().any(|l| l["group"] == "all"));
    for l in little {
        assert!(l["worst_relative_gap"].as_f64().unwrap() >= l["relative_gap"].as_f64().unwrap());
    }
}

#[test]
fn monthly_rows_cover_every_month() {
    let v = load("monthly");
    let months = v["monthly"].as_array().unwrap();
    let names: Vec<&str> = months.iter().map(|m| m["month"].as_str().unwrap()).collect();
    // 2024-10-01 + 120 days ends 2025-01-28.
    assert_eq!(names, ["2024-10", "2024-11", "2024-12", "2025-01"]);
    let days: Vec<u64> = months.iter().map(|m| m["days"].as_u64().unwrap()).collect();
    assert_eq!(days, [31, 30, 31, 28]);
    for m in months {
        for k in ["adp", "arrests_per_day", "book_ins", "removals"] {
            assert!(is_estimate(&m[k]), "{k}");
        }
    }
    // Months add up to the run: book-ins over months = the national book_ins measure.
    let total: f64 = months.iter().map(|m| m["book_ins"]["mean"].as_f64().unwrap()).sum();
    let national = v["national"]["book_ins"]["mean"].as_f64().unwrap();
    assert!((total - national).abs() <= 1e-6 * national.max(1.0), "{total} vs {national}");
}

/// Leaf paths of `v` in the notation of `SUMMARY_FIELDS`: estimates and arrays of scalars
/// are leaves, measure keys become `<measure>`.
fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let join = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
    match v {
        Value::Object(o) if !is_estimate(v) => {
            for (k, x) in o {
                let k = if MEASURES.iter().any(|m| m.key == k) && !prefix.starts_with("monthly") {
                    "<measure>"
                } else {
                    k
                };
                paths(x, &join(k), out);
            }
        }
        Value::Array(a) if a.iter().any(|x| x.is_object()) => {
            for x in a {
                paths(x, &format!("{prefix}[]"), out);
            }
        }
        _ => {
            out.insert(prefix.to_string());
        }
    }
}

/// `two_offices()` as if a `target` intervention had set a removal goal of 36,500 a year
/// (100 a day) from the start: the goal is read from the scenario when writing.
fn with_removal_goal() -> model::RunResult {
    let mut r = two_offices().clone();
    r.scenario.removal.goal_per_year = model::Schedule::constant(36_500.0);
    r
}

/// `with_removal_goal()` with assumption ranges of every measure: each at 0.9, 1.0 and 1.1
/// times its mean.
fn with_ranges() -> model::RunResult {
    let mut r = with_removal_goal();
    r.assumption_ranges = Some(model::testkit::assumption_ranges(&r, 0.9, 1.1, 8, 3));
    r
}

#[test]
fn assumption_ranges_are_written_only_when_taken() {
    assert!(load("no-ranges").get("assumption_ranges").is_none());
    let r = with_ranges();
    let text = text_of(&r, "ranges");
    let v: Value = serde_json::from_str(&text).unwrap();
    let a = &v["assumption_ranges"];
    assert_eq!((a["solver"].as_str(), a["samples"].as_u64()), (Some("fluid"), Some(8)));
    assert_eq!(a["national"].as_object().unwrap().len(), r.national.len());
    // In measure order in the file (the parsed map is sorted).
    let block = &text[text.find("\"assumption_ranges\"").unwrap()..];
    let at: Vec<usize> =
        r.national.iter().map(|m| block.find(&format!("\"{}\": {{", m.key)).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "ranges in measure order: {at:?}");
    let mean = v["national"]["removals"]["mean"].as_f64().unwrap();
    let p95 = a["national"]["removals"]["p95"].as_f64().unwrap();
    assert!((p95 - 1.1 * mean).abs() <= 1e-9 * mean.max(1.0), "{p95} vs {mean}");
}

#[test]
fn removal_goal_is_written_only_when_the_scenario_sets_one() {
    assert!(load("no-goal").get("removal_goal").is_none());
    let r = with_removal_goal();
    let v: Value = serde_json::from_str(&text_of(&r, "goal")).unwrap();
    let goal = &v["removal_goal"];
    let days = f64::from(r.scenario.days);
    assert!((goal["goal"].as_f64().unwrap() - 100.0 * days).abs() < 1e-6, "{goal}");
    assert!(is_estimate(&goal["removals_vs_goal"]), "{goal}");
    let removals = v["national"]["removals"]["mean"].as_f64().unwrap();
    let share = goal["removals_vs_goal"]["mean"].as_f64().unwrap();
    assert!(removals > 0.0 && (share - removals / (100.0 * days)).abs() < 1e-9, "{goal}");
}

#[test]
fn every_field_is_documented_and_every_documented_field_exists() {
    let mut actual = BTreeSet::new();
    // With a removal goal and assumption ranges, so that the optional fields appear too.
    let v: Value = serde_json::from_str(&text_of(&with_ranges(), "fields")).unwrap();
    paths(&v, "", &mut actual);
    let documented: BTreeSet<String> = SUMMARY_FIELDS.iter().map(|c| c.name.to_string()).collect();
    assert_eq!(actual, documented);
}

#[test]
fn same_result_same_bytes() {
    let a = written(tiny(), "bytes-a");
    let b = written(tiny(), "bytes-b");
    for f in ["summary.json", "daily.csv", "offices.csv", "scorecards.csv"] {
        assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{f}");
    }
    std::fs::remove_dir_all(a).unwrap();
    std::fs::remove_dir_all(b).unwrap();
}
