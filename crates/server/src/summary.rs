//! A run's headline answers as JSON: the measures of `summary.json` (docs/outputs.md), with
//! their meaning, national and by office, the invariant checks and the run's cost.

use model::{MEASURES, RunResult};
use serde_json::{Map, Value, json};

/// The `summary` of a finished run.
pub fn summary(result: &RunResult, wall_s: f64) -> Value {
    let national: Vec<Value> = result
        .national
        .iter()
        .map(|m| {
            let doc = MEASURES.iter().find(|x| x.key == m.key).map_or("", |x| x.doc);
            json!({ "key": m.key, "doc": doc, "mean": m.estimate.mean, "ci95": m.estimate.ci95 })
        })
        .collect();
    let offices: Vec<Value> = result
        .scenario
        .offices
        .iter()
        .zip(&result.offices)
        .map(|(o, ms)| {
            let mut map = Map::new();
            map.insert("office".into(), o.name.clone().into());
            for m in ms {
                map.insert(
                    m.key.into(),
                    json!({ "mean": m.estimate.mean, "ci95": m.estimate.ci95 }),
                );
            }
            Value::Object(map)
        })
        .collect();
    let failed = result.invariants.iter().filter(|i| !i.all_ok()).count();
    let violations: Vec<&String> =
        result.invariants.iter().flat_map(|i| &i.violations).take(5).collect();
    json!({
        "national": national,
        "offices": offices,
        "invariants": {
            "passed": failed == 0,
            "replications_failed": failed,
            "first_violations": violations,
        },
        "performance": {
            "events": result.events,
            "peak_cases": result.peak_cases,
            "wall_s": wall_s,
        },
    })
}
