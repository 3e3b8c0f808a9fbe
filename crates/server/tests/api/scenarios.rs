//! `GET /api/scenarios` and `GET /api/scenarios/{name}`.

use axum::http::StatusCode;

use crate::common::{app, get};

#[tokio::test(flavor = "multi_thread")]
async fn lists_every_builtin_with_its_description() {
    let app = app();
    let r = get(&app, "/api/scenarios").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let list = v["scenarios"].as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, scenario::builtin_names());
    let fy25 = list.iter().find(|s| s["name"] == "baseline-fy2025").unwrap();
    assert!(fy25["description"].as_str().unwrap().len() > 20);
    assert_eq!(fy25["offices"], 25);
    assert_eq!(fy25["start"], "2024-10-01");
    // Remembered: a second call answers the same.
    assert_eq!(get(&app, "/api/scenarios").await.json(), v);
}

#[tokio::test(flavor = "multi_thread")]
async fn one_scenario_has_its_toml_resolved_values_and_levers() {
    let app = app();
    let v = get(&app, "/api/scenarios/baseline-fy2025").await.json();
    assert_eq!(v["toml"].as_str().unwrap(), scenario::builtin("baseline-fy2025").unwrap());
    assert_eq!(v["resolved"]["offices"].as_array().unwrap().len(), 25);
    assert_eq!(v["resolved"]["days"], 365);
    let levers = v["levers"].as_array().unwrap();
    let keys: Vec<&str> = levers.iter().map(|l| l["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "target_per_day",
            "beds_added",
            "bp_agents_inland",
            "deputized_officers",
            "judges_added",
            "flights_per_week",
            "officers_hired",
            "surge_share",
            "atd_capacity",
            "atd_enrol_share",
            "non_detained_judges"
        ]
    );
    let target = &levers[0];
    assert_eq!(target["scenario_value"], 3000.0, "FY2025 ends under the 3,000/day target");
    assert_eq!(target["adds"], false);
    let beds = &levers[1];
    assert!(beds["scenario_value"].as_f64().unwrap() > 30_000.0, "{beds}");
    assert!(v["sources"].as_u64().unwrap() > 100);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_scenarios_get_a_suggestion() {
    let r = get(&app(), "/api/scenarios/baseline-fy2052").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let v = r.json();
    assert_eq!(v["error"], "not_found");
    assert!(v["message"].as_str().unwrap().contains("(did you mean \"baseline-fy20"), "{v}");
}
