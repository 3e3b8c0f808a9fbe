//! Every limit: refused with a 4xx that names it, the numbers and the flag.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{
    app_with, delete, get, post, post_json, small, submit, wait_end, wait_running,
};

#[tokio::test(flavor = "multi_thread")]
async fn bodies_larger_than_the_limit_are_413() {
    let app = app_with(server::Limits { max_body_bytes: 1000, ..server::Limits::default() });
    let big = format!("[scenario]\nextends = \"baseline-fy2025\"\n# {}\n", "x".repeat(2000));
    let r = post(&app, "/api/runs", "application/toml", big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let v = r.json();
    assert_eq!(v["error"], "body_too_large");
    assert!(v["message"].as_str().unwrap().contains("1000 bytes"), "{v}");
    assert!(v["help"].as_str().unwrap().contains("--max-body-bytes"));
    // Without a Content-Length (streamed), the limit still holds.
    let chunks = vec![Ok::<_, std::io::Error>(vec![b' '; 800]), Ok(vec![b' '; 800])];
    let body = axum::body::Body::from_stream(futures_util::stream::iter(chunks));
    let req = axum::http::Request::post("/api/fluid")
        .header("content-type", "application/json")
        .body(body)
        .unwrap();
    assert_eq!(crate::common::send(&app, req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Under the limit is fine.
    let r = post_json(&app, "/api/runs", &small(3)).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_larger_than_the_limit_are_422() {
    let app = app_with(server::Limits { max_replication_days: 1000, ..server::Limits::default() });
    let body = json!({"scenario": "baseline-fy2025", "replications": 3});
    let r = post_json(&app, "/api/runs", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let v = r.json();
    assert_eq!(
        (v["error"].as_str(), v["limit"].as_str()),
        (Some("limit_exceeded"), Some("max_replication_days"))
    );
    assert_eq!(
        v["message"],
        "the run is 3 replications × (365 days + 365 warm-up days) = 2190 replication-days, more than the server's limit of 1000"
    );
    assert!(v["help"].as_str().unwrap().contains("--max-replication-days"));
    assert_eq!(post_json(&app, "/api/runs", &small(10)).await.status, StatusCode::ACCEPTED);
}

#[tokio::test(flavor = "multi_thread")]
async fn more_runs_than_slots_and_queue_are_429() {
    let limits =
        server::Limits { max_concurrent_runs: 1, max_queued_runs: 1, ..server::Limits::default() };
    let app = app_with(limits);
    let long = json!({"scenario": "baseline-fy2025", "replications": 1, "days": 300, "overrides": {"warmup_days": 300}});
    let a = submit(&app, &long).await;
    wait_running(&app, &a).await;
    let b = submit(&app, &small(3)).await;
    assert_eq!(
        get(&app, &format!("/api/runs/{b}")).await.json()["state"],
        "queued",
        "one slot: the second waits"
    );
    let r = post_json(&app, "/api/runs", &small(3)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers["retry-after"], "2");
    let v = r.json();
    assert_eq!(v["error"], "busy");
    assert!(
        v["message"].as_str().unwrap().contains("--max-concurrent-runs 1 + --max-queued-runs 1"),
        "{v}"
    );
    // Cancelling the queued one frees its place at once; it never runs.
    assert_eq!(delete(&app, &format!("/api/runs/{b}")).await.json()["cancelled_while"], "queued");
    let c = submit(&app, &small(3)).await;
    delete(&app, &format!("/api/runs/{a}")).await;
    assert_eq!(wait_end(&app, &c).await["state"], "done", "runs once the slot is free");
    assert_eq!(
        get(&app, &format!("/api/runs/{b}")).await.json()["progress"]["replications_done"],
        0
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_oldest_finished_runs_are_evicted_and_said_so() {
    let limits = server::Limits {
        max_concurrent_runs: 1,
        max_queued_runs: 1,
        max_runs_kept: 2,
        ..server::Limits::default()
    };
    let app = app_with(limits);
    let a = submit(&app, &small(3)).await;
    wait_end(&app, &a).await;
    let b = submit(&app, &small(3)).await;
    wait_end(&app, &b).await;
    let r = post_json(&app, "/api/runs", &small(3)).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let v = r.json();
    assert_eq!(v["evicted"], json!([a]), "{v}");
    assert!(v["evicted_note"].as_str().unwrap().contains("--max-runs-kept"));
    let gone = get(&app, &format!("/api/runs/{a}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    let g = gone.json();
    assert_eq!(g["error"], "evicted");
    assert!(g["message"].as_str().unwrap().contains(&format!("run {a} was evicted")), "{g}");
    assert_eq!(get(&app, &format!("/api/runs/{a}/daily")).await.status, StatusCode::GONE);
    assert_eq!(get(&app, &format!("/api/runs/{b}")).await.status, StatusCode::OK);
    let health = get(&app, "/api/health").await.json();
    assert_eq!(health["runs"]["evicted"], 1);
    assert_eq!(health["runs"]["kept"], 2);
}

#[test]
fn inconsistent_limits_are_refused_before_serving() {
    let l = server::Limits {
        max_runs_kept: 2,
        max_concurrent_runs: 2,
        max_queued_runs: 4,
        ..server::Limits::default()
    };
    assert!(l.check().unwrap_err().contains("--max-runs-kept (2)"));
}
