//! The data directory through the router: a state reopened on the same directory (as a
//! restarted server would) answers every endpoint of its runs with the same bytes, a
//! cancelled run included, and a report can take a run from before the restart as its
//! baseline. (`crates/cli/tests/serve.rs` kills the real binary with SIGKILL.)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::StatusCode;
use serde_json::json;

use crate::common::{delete, get, small, submit, wait_end, wait_running};

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("caseload-api-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn open(dir: &Path) -> (Router, server::runs::Restored) {
    let (state, restored) = server::AppState::open(server::Limits::default(), dir).unwrap();
    (server::app(state), restored)
}

/// Every endpoint of run `id` (and the list), as bytes.
async fn answers(app: &Router, id: &str) -> Vec<(String, StatusCode, Vec<u8>)> {
    let mut out = Vec::new();
    for p in ["", "/daily", "/daily?format=csv", "/scorecards", "/report?baseline=1", "/events"] {
        let path = format!("/api/runs/{id}{p}");
        let r = get(app, &path).await;
        out.push((path, r.status, r.body.to_vec()));
    }
    let r = get(app, "/api/runs").await;
    out.push(("/api/runs".into(), r.status, r.body.to_vec()));
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reopened_directory_answers_the_same_bytes() {
    let dir = scratch("reopen");
    let (app, restored) = open(&dir);
    assert_eq!(restored.runs, 0);
    let health = get(&app, "/api/health").await.json();
    assert_eq!(health["data_dir"], dir.display().to_string());
    let one = submit(&app, &small(4)).await;
    let two = submit(&app, &json!({"scenario": "baseline-fy2025", "replications": 2, "days": 6,
                                   "levers": {"beds_added": 20000}, "overrides": {"warmup_days": 0}}))
    .await;
    let long = json!({"scenario": "baseline-fy2025", "replications": 1, "days": 300});
    let three = submit(&app, &long).await;
    wait_running(&app, &three).await;
    assert_eq!(delete(&app, &format!("/api/runs/{three}")).await.status, StatusCode::OK);
    for id in [&one, &two] {
        assert_eq!(wait_end(&app, id).await["state"], "done");
    }
    // The cancelled run's thread stops within a day, then frees its slot (the status says
    // `computing` until then, and the list counts free slots).
    let t0 = Instant::now();
    while get(&app, "/api/health").await.json()["runs"]["free_slots"] != 2 {
        assert!(t0.elapsed() < Duration::from_secs(60), "run {three} kept its slot");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(get(&app, &format!("/api/runs/{three}")).await.json()["computing"], false);
    let mut before = Vec::new();
    for id in [&one, &two, &three] {
        before.extend(answers(&app, id).await);
    }
    drop(app);

    let (app, restored) = open(&dir);
    assert_eq!((restored.runs, restored.interrupted, restored.skipped), (3, 0, 0));
    let mut after = Vec::new();
    for id in [&one, &two, &three] {
        after.extend(answers(&app, id).await);
    }
    for ((path, status, was), (_, status_now, now)) in before.iter().zip(&after) {
        assert_eq!(status, status_now, "{path}");
        assert!(was == now, "{path}: {} bytes before, {} after", was.len(), now.len());
    }
    let cancelled = get(&app, &format!("/api/runs/{three}")).await.json();
    assert_eq!(cancelled["state"], "cancelled");
    assert_eq!(submit(&app, &small(2)).await, "4", "ids continue after the restart");
    // Its final record is written just after it ends: wait for it before cleaning up.
    wait_end(&app, "4").await;
    let t0 = Instant::now();
    let file = dir.join("run-4.json");
    while !std::fs::read_to_string(&file).is_ok_and(|t| t.contains("\"state\":\"done\"")) {
        assert!(t0.elapsed() < Duration::from_secs(60), "run 4's record was never written");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
