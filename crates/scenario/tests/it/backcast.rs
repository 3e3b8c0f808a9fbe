//! backcast-fy2023 is baseline-fy2024's behaviour on FY2023's inputs: apart from the input
//! fields it is allowed to replace, its resolved scenario equals the baseline's, so a refit of
//! the baseline carries over to the backcast and no behavioural parameter can be tuned to the
//! FY2023 outcomes it is checked against (docs/validation.md, "Backcast FY2023").

use toml::Value;

/// The resolved scenario as a TOML tree (every field of `model::Scenario`, schedules as steps).
fn tree(name: &str) -> Value {
    let sc = scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}")).scenario;
    Value::try_from(&sc).expect("a scenario serialises")
}

fn table<'a>(v: &'a mut Value, key: &str) -> &'a mut toml::Table {
    v.get_mut(key).and_then(Value::as_table_mut).unwrap_or_else(|| panic!("no table {key}"))
}

fn array<'a>(v: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    v.get_mut(key).and_then(Value::as_array_mut).unwrap_or_else(|| panic!("no array {key}"))
}

/// Removes the FY2023 inputs the backcast replaces (and the run settings), returning what was
/// removed so the caller can check that the inputs really are the year's own.
fn strip_inputs(mut v: Value) -> (Value, Vec<Value>) {
    let mut inputs = Vec::new();
    let root = v.as_table_mut().expect("a table");
    for k in ["name", "description", "start", "days", "warmup_days", "replications", "seed"] {
        root.remove(k);
    }
    inputs.extend(root.remove("appropriations"));
    inputs.extend(table(&mut v, "removal").remove("flights_per_week"));
    inputs.extend(table(&mut v, "courts").remove("detained_docket_slots"));
    for office in array(&mut v, "offices") {
        for beds in array(office, "beds") {
            if matches!(beds.get("kind").and_then(Value::as_str), Some("contract" | "igsa")) {
                inputs.extend(beds.as_table_mut().expect("beds").remove("beds"));
            }
        }
    }
    for sector in array(&mut v, "sectors") {
        inputs.extend(sector.as_table_mut().expect("a sector").remove("crossings_per_day"));
    }
    (v, inputs)
}

/// The path of the first place where two trees differ (a readable failure, not two dumps).
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Table(x), Value::Table(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, format!("{path}.{k}")),
                _ => Some(format!("{path}.{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            let label = |v: &Value, i: usize| {
                v.get("name").and_then(Value::as_str).map_or(i.to_string(), str::to_owned)
            };
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| first_difference(p, q, format!("{path}[{}]", label(p, i))))
        }
        _ => (a != b).then_some(path),
    }
}

#[test]
fn the_backcast_keeps_every_behavioural_parameter_of_baseline_fy2024() {
    let (base, base_inputs) = strip_inputs(tree("baseline-fy2024"));
    let (back, back_inputs) = strip_inputs(tree("backcast-fy2023"));
    assert_eq!(base_inputs.len(), back_inputs.len());
    // Everything but the listed inputs is the baseline's.
    if let Some(path) = first_difference(&base, &back, String::new()) {
        panic!(
            "backcast-fy2023 changes {path}: only its FY2023 inputs may differ from baseline-fy2024"
        );
    }
    // The inputs are FY2023's own: funded beds, flights, judges and every sector's crossings.
    let differ = base_inputs.iter().zip(&back_inputs).filter(|(a, b)| a != b).count();
    assert!(differ >= 9 + 3, "only {differ} inputs differ from FY2024's");
}

#[test]
fn the_backcast_runs_fy2023_with_title_8_crossings_only() {
    let sc = scenario::load_builtin("backcast-fy2023").unwrap().scenario;
    assert_eq!((sc.start.to_string().as_str(), sc.days), ("2022-10-01", 365));
    let base = scenario::load_builtin("baseline-fy2024").unwrap().scenario;
    let sw = |s: &model::Scenario, day: &str| -> f64 {
        let d = model::Date::parse(day).unwrap();
        s.sectors.iter().filter(|x| x.southwest).map(|x| x.crossings_per_day.at(d)).sum()
    };
    // Title 42 expulsions never entered ICE custody: while the order stood (to 11 May 2023)
    // the Title 8 crossings are well under the month after, when every apprehension was Title 8.
    assert!(sw(&sc, "2023-01-15") < 0.5 * sw(&sc, "2023-09-15"));
    // FY2023's beds were fewer than FY2024's 41,500.
    let beds = |s: &model::Scenario| -> f64 {
        s.offices.iter().flat_map(|o| &o.beds).map(|b| b.beds.at(s.start)).sum()
    };
    assert!((beds(&sc) - 34_000.0).abs() < 30.0, "{}", beds(&sc));
    assert!(beds(&base) > 41_000.0);
}
