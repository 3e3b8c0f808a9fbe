//! Malformed bodies, invalid scenarios and unknown ids: each a 4xx that says what is wrong.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{app, delete, get, post, post_json, small};

#[tokio::test(flavor = "multi_thread")]
async fn malformed_bodies_are_400_with_a_hint() {
    let app = app();
    for (body, expect) in [
        ("{", "not a valid run request"),
        ("[1,2]", "not a valid run request"),
        (r#"{"scenario": "baseline-fy2025", "replicatoins": 2}"#, "unknown field `replicatoins`"),
        (r#"{"scenario": 5}"#, "invalid type"),
        ("{}", "exactly one of `scenario`, `toml` and `spec`"),
        (r#"{"scenario": "baseline-fy2025", "toml": "x = 1"}"#, "exactly one of"),
        (r#"{"scenario": "baseline-fy2025", "replications": 0}"#, "`replications` = 0 is outside"),
        (
            r#"{"scenario": "baseline-fy2025", "levers": {"beds_added": -5}}"#,
            "`levers.beds_added` = -5 is outside 0..=100000",
        ),
        (r#"{"scenario": "baseline-fy2025", "levers": {"bedz": 5}}"#, "unknown field `bedz`"),
        (r#"{"spec": [1]}"#, "`spec` must be an object"),
    ] {
        let r = post(&app, "/api/runs", "application/json", body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
        let v = r.json();
        assert_eq!(v["error"], "bad_request");
        assert!(v["message"].as_str().unwrap().contains(expect), "{body}: {v}");
        assert!(v["help"].is_string(), "{body}: a hint");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_content_types_are_415() {
    let app = app();
    let r = post(&app, "/api/runs", "application/xml", "<run/>").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.json()["message"].as_str().unwrap().contains("application/xml"));
    let req = axum::http::Request::post("/api/runs").body(axum::body::Body::from("{}")).unwrap();
    let r = crate::common::send(&app, req).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = post(
        &app,
        "/api/runs?replicas=2",
        "application/toml",
        "[scenario]\nextends = \"baseline-fy2025\"\n",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown query parameter");
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_scenarios_are_422_with_file_line_column() {
    let app = app();
    let toml = "[scenario]\nextends = \"baseline-fy2025\"\ndays = 0\n";
    let r = post(&app, "/api/runs", "application/toml", toml).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let v = r.json();
    assert_eq!(v["error"], "invalid_scenario");
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["line"] == 3)
        .expect("the days problem");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("request.toml"), Some(3), Some(8))
    );
    assert_eq!(d["text"], "error: `scenario.days` = 0 is outside 1..=3660\n  --> request.toml:3:8");
    // The same text the CLI prints for the same file.
    let cli = scenario::load_str(toml, "request.toml").unwrap_err();
    let texts: Vec<String> = cli.diagnostics.iter().map(|d| d.to_string()).collect();
    let served: Vec<&str> =
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(served, texts);

    // Syntax errors are placed too.
    let r = post(&app, "/api/runs", "application/toml", "[scenario\nname = 1\n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["diagnostics"][0]["line"], 1);

    // Unknown office in a lever-free file, with "did you mean".
    let toml = "[scenario]\nextends = \"baseline-fy2025\"\n\n[[offices]]\nname = \"Chigaco\"\n";
    let v = post(&app, "/api/runs", "application/toml", toml).await.json();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("Chigaco"))
        .expect("{v}");
    assert_eq!(d["line"], 5, "{v}");
    assert!(d["help"].as_str().unwrap_or("").contains("Chicago"), "{v}");
}

#[tokio::test(flavor = "multi_thread")]
async fn files_outside_the_builtins_are_never_read() {
    let app = app();
    for target in ["/etc/hostname", "../../scenarios/baseline-fy2025.toml", "Cargo.toml"] {
        let toml = format!("[scenario]\nname = \"x\"\nextends = \"{target}\"\n");
        let r = post(&app, "/api/runs", "application/toml", toml).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{target}");
        let v = r.json();
        let d = &v["diagnostics"][0];
        assert!(d["message"].as_str().unwrap().contains("is not a built-in scenario"), "{v}");
        // Line and column of the offending value (after `extends = `), as other diagnostics.
        assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(11)));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn uploaded_text_extends_builtins_only_in_every_form() {
    let app = app();
    // A relative `extends`, as a file next to the upload would have it: there is no
    // directory to resolve it in, so it is a 422 that says so, in JSON `toml` and `spec`
    // bodies, for runs and previews alike.
    let toml = "[scenario]\nname = \"mine\"\nextends = \"file.toml\"\ndays = 30\n";
    let bodies = [
        json!({"toml": toml, "replications": 1}),
        json!({"spec": {"scenario": {"name": "mine", "extends": "file.toml", "days": 30}}}),
    ];
    for body in &bodies {
        for path in ["/api/runs", "/api/fluid"] {
            let r = post_json(&app, path, body).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {body}: {}", r.text());
            let v = r.json();
            let d = &v["diagnostics"][0];
            assert_eq!(d["message"], "`extends` = \"file.toml\" is not a built-in scenario", "{v}");
            assert!(d["help"].as_str().unwrap().contains("baseline-fy2025"), "lists the built-ins");
        }
    }
    let v = post_json(&app, "/api/runs", &bodies[0]).await.json();
    let d = &v["diagnostics"][0];
    assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("request.toml"), Some(3)));

    // A built-in that itself extends others (status-quo-fy2026 → baseline-fy2025 →
    // baseline-fy2024) needs no directory either: the text runs.
    let toml = "[scenario]\nextends = \"status-quo-fy2026\"\nname = \"chain\"\n\
                description = \"a chain of built-ins\"\ndays = 5\nwarmup_days = 0\n";
    let r = post(&app, "/api/runs?replications=1", "application/toml", toml).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(crate::common::wait_end(&app, &id).await["state"], "done");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_overrides_are_422_with_suggestions() {
    let app = app();
    let mut body = small(5);
    body["overrides"] =
        json!({"removal.flight_per_week": 80, "ero.availability": 1.5, "costs.flight": "cheap"});
    let r = post_json(&app, "/api/runs", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let v = r.json();
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 3, "every problem at once: {v}");
    let text: Vec<&str> = d.iter().map(|x| x["text"].as_str().unwrap()).collect();
    assert!(
        text.iter().any(|t| t.contains("did you mean \"removal.flights_per_week\"")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("`ero.availability` = 1.5 is outside [0, 1]")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("takes a number or true/false")), "{text:?}");
    let mut body = small(5);
    body["days"] = json!(0);
    let r = post_json(&app, "/api/runs", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_ids_are_404_everywhere() {
    let app = app();
    for path in [
        "/api/runs/999",
        "/api/runs/abc",
        "/api/runs/0/events",
        "/api/runs/77/daily",
        "/api/runs/77/scorecards",
        "/api/runs/77/report",
        "/api/runs/77/scenario",
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.json()["error"], "not_found");
    }
    assert_eq!(delete(&app, "/api/runs/999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        post_json(&app, "/api/runs", &json!({"scenario": "nope"})).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_queries_are_400_with_suggestions() {
    let app = app();
    let id = crate::common::submit(&app, &small(5)).await;
    crate::common::wait_end(&app, &id).await;
    let r = get(&app, &format!("/api/runs/{id}/daily?office=Chigaco")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["help"].as_str().unwrap().contains("Chicago"));
    let r = get(&app, &format!("/api/runs/{id}/daily?metric=arests")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["help"].as_str().unwrap().contains("did you mean \"arrests\""));
    let r = get(&app, &format!("/api/runs/{id}/daily?format=xlsx")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = get(&app, &format!("/api/runs/{id}/report?baseline=12345")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
