//! `/api/openapi.json` describes every route the router serves.

use axum::http::StatusCode;

use crate::common::{app, get};

#[tokio::test(flavor = "multi_thread")]
async fn every_route_is_described() {
    let app = app();
    let r = get(&app, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    // The router's routes, as written in routes.rs.
    let src = include_str!("../../src/routes.rs");
    let routes: Vec<&str> = src
        .lines()
        .filter_map(|l| l.trim().strip_prefix(".route(\""))
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert!(routes.len() >= 14, "{routes:?}");
    for route in &routes {
        assert!(paths.contains_key(*route), "{route} is not in the OpenAPI document");
    }
    assert_eq!(paths.len(), routes.len(), "no described path is missing from the router");
    // Lever ranges come from the code that checks them.
    let levers = &doc["components"]["schemas"]["Levers"]["properties"];
    assert_eq!(levers["flights_per_week"]["maximum"], 500.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_paths_answer_json() {
    let r = get(&app(), "/api/nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["message"].as_str().unwrap().contains("/api/nope"));
}
