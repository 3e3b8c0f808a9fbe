//! Runs from submission to results, by every way of naming a scenario.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::{app, delete, get, post, post_json, small, submit, wait_end, wait_running};

#[tokio::test(flavor = "multi_thread")]
async fn a_builtin_runs_and_its_results_are_served() {
    let app = app();
    let r = post_json(&app, "/api/runs", &small(20)).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(r.headers["location"], format!("/api/runs/{id}"));
    let status = wait_end(&app, &id).await;
    assert_eq!(status["state"], "done", "{status}");
    assert_eq!(status["days"], 20);
    assert_eq!(status["progress"]["replications_done"], 1);
    let national = status["summary"]["national"].as_array().unwrap();
    let arrests = national.iter().find(|m| m["key"] == "arrests_per_day").unwrap();
    assert!(arrests["mean"].as_f64().unwrap() > 100.0, "{arrests}");
    assert_eq!(status["summary"]["invariants"]["passed"], true);

    // Daily series, JSON and CSV, national and one office.
    let d = get(&app, &format!("/api/runs/{id}/daily?metric=arrests,detained")).await.json();
    assert_eq!(d["office"], "national");
    assert_eq!(d["dates"].as_array().unwrap().len(), 20);
    assert_eq!(d["dates"][0], "2024-10-01");
    assert_eq!(d["metrics"]["arrests"].as_array().unwrap().len(), 20);
    assert!(d["metrics"].get("target").is_none(), "only the metrics asked for");
    let csv =
        get(&app, &format!("/api/runs/{id}/daily?office=Chicago&metric=arrests,target&format=csv"))
            .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv
        .body
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    assert_eq!(lines[0], "date,office,arrests,target");
    assert_eq!(lines.len(), 21);
    assert!(lines[1].starts_with("2024-10-01,Chicago,"), "{}", lines[1]);
    let all = get(&app, &format!("/api/runs/{id}/daily")).await.json();
    // Every metric plus the three sums (arrests, arrests_public_space, removals).
    assert_eq!(all["metrics"].as_object().unwrap().len(), model::METRIC_COUNT + 3);

    // Scorecards, report, scenario text.
    let sc = get(&app, &format!("/api/runs/{id}/scorecards")).await.json();
    let rows = sc["scorecards"].as_array().unwrap();
    assert_eq!(rows.len(), 25, "one quarter (20 days of FY2025 Q1) × 25 offices");
    assert_eq!(rows[0]["quarter"], "FY2025Q1");
    let sc_csv = get(&app, &format!("/api/runs/{id}/scorecards?format=csv")).await.text();
    assert_eq!(sc_csv.lines().count(), 26);
    let report = get(&app, &format!("/api/runs/{id}/report")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.text().starts_with("<!DOCTYPE html>"));
    assert!(
        report.headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'")
    );
    let text = get(&app, &format!("/api/runs/{id}/scenario")).await.text();
    assert!(text.contains("extends = \"baseline-fy2025\""), "{text}");
    assert!(text.contains("warmup_days = 0"), "overrides are listed: {text}");

    // The list shows it.
    let list = get(&app, "/api/runs").await.json();
    assert_eq!(list["runs"][0]["id"], id.as_str());
    assert_eq!(list["counts"]["done"], 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn same_request_same_numbers() {
    let app = app();
    let a = submit(&app, &small(10)).await;
    let b = submit(&app, &small(10)).await;
    wait_end(&app, &a).await;
    wait_end(&app, &b).await;
    let da = get(&app, &format!("/api/runs/{a}/daily?format=csv")).await.body;
    let db = get(&app, &format!("/api/runs/{b}/daily?format=csv")).await.body;
    assert_eq!(da, db);
    let other_seed = json!({"scenario": "baseline-fy2025", "replications": 1, "days": 10, "seed": 7, "overrides": {"warmup_days": 0}});
    let c = submit(&app, &other_seed).await;
    wait_end(&app, &c).await;
    assert_eq!(get(&app, &format!("/api/runs/{c}")).await.json()["seed"], 7);
    assert_ne!(get(&app, &format!("/api/runs/{c}/daily?format=csv")).await.body, da);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scenario_file_runs_as_toml_and_as_json() {
    let app = app();
    let toml = "[scenario]\nextends = \"baseline-fy2025\"\nname = \"short\"\ndescription = \"FY2025's first 15 days\"\ndays = 15\nwarmup_days = 0\n";
    let r = post(&app, "/api/runs?replications=1&seed=3", "application/toml", toml).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["scenario"].as_str(), v["days"].as_u64(), v["seed"].as_u64()),
        (Some("short"), Some(15), Some(3))
    );
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(wait_end(&app, &id).await["state"], "done");
    assert_eq!(get(&app, &format!("/api/runs/{id}/scenario")).await.text(), toml);

    let spec = json!({"spec": {"scenario": {"extends": "baseline-fy2025", "name": "short-json", "description": "FY2025's first 12 days", "days": 12, "warmup_days": 0}}, "replications": 1});
    let id = submit(&app, &spec).await;
    let s = wait_end(&app, &id).await;
    assert_eq!(
        (s["state"].as_str(), s["scenario"].as_str(), s["days"].as_u64()),
        (Some("done"), Some("short-json"), Some(12))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn levers_become_interventions_and_move_the_numbers() {
    let app = app();
    let mut body = small(30);
    body["levers"] = json!({"beds_added": 50000, "flights_per_week": 200, "target_per_day": 5000,
        "bp_agents_inland": 2000, "deputized_officers": 3000, "officers_hired": 6000});
    let id = submit(&app, &body).await;
    let s = wait_end(&app, &id).await;
    assert_eq!(s["state"], "done", "{s}");
    assert_eq!(s["scenario"], "baseline-fy2025+levers");
    let text = get(&app, &format!("/api/runs/{id}/scenario")).await.text();
    for kind in ["target", "beds", "deploy", "deputize", "flights", "hire"] {
        assert!(text.contains(&format!("kind = \"{kind}\"")), "{kind} in {text}");
    }
    // Compare with the same run without levers (same seed: common random numbers).
    let base = submit(&app, &small(30)).await;
    wait_end(&app, &base).await;
    let series = |id: String, m: &'static str| {
        let app = app.clone();
        async move {
            let v = get(&app, &format!("/api/runs/{id}/daily?metric={m}")).await.json();
            v["metrics"][m]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect::<Vec<f64>>()
        }
    };
    let total = |v: Vec<f64>| v.iter().sum::<f64>();
    let (tw, tb) =
        (total(series(id.clone(), "target").await), total(series(base.clone(), "target").await));
    assert!(tw > tb + 30.0 * 1000.0, "the target lever sets 5,000/day: {tw} vs {tb}");
    let (bw, bb) = (series(id.clone(), "beds").await, series(base.clone(), "beds").await);
    assert!(bw[29] > bb[29] + 15_000.0, "beds phase in: {} vs {}", bw[29], bb[29]);
    let (gw, gb) = (
        total(series(id.clone(), "bp_agent_days_inland").await),
        total(series(base.clone(), "bp_agent_days_inland").await),
    );
    assert!(gw > gb + 20.0 * 2000.0 * 0.9, "agents inland: {gw} vs {gb}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_preview_answers_with_series_for_the_levers() {
    let app = app();
    let body = json!({"scenario": "baseline-fy2025"});
    let r = post_json(&app, "/api/fluid", &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let base = r.json();
    let layout = &base["layout"];
    assert_eq!(layout["offices"].as_array().unwrap().len(), 25);
    let days = layout["days"].as_u64().unwrap() as usize;
    assert!(days >= 90);
    let beds_i = layout["national"].as_array().unwrap().iter().position(|n| n == "beds").unwrap();
    assert_eq!(base["national"][beds_i].as_array().unwrap().len(), days);
    assert_eq!(
        base["offices"][0].as_array().unwrap().len(),
        layout["office"].as_array().unwrap().len()
    );
    let r = post_json(
        &app,
        "/api/fluid",
        &json!({"scenario": "baseline-fy2025", "levers": {"beds_added": 40000}}),
    )
    .await;
    let more = r.json();
    let last = |v: &serde_json::Value| v["national"][beds_i][days - 1].as_f64().unwrap();
    assert!(last(&more) > last(&base) + 30_000.0, "{} vs {}", last(&more), last(&base));
    assert_eq!(more["engine"], "fluid");
    assert_eq!(days, 365, "the fluid covers the whole horizon");
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_mid_run_stops_it_for_its_clients() {
    let app = app();
    // ~1,000 replication-days: seconds, long enough to catch running.
    let body = json!({"scenario": "baseline-fy2025", "replications": 2, "days": 200, "overrides": {"warmup_days": 300}});
    let id = submit(&app, &body).await;
    wait_running(&app, &id).await;
    let r = delete(&app, &format!("/api/runs/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(v["state"], "cancelled");
    assert_eq!(v["cancelled_while"], "running");
    // Ended: a second cancel is a conflict, and there are no results.
    let again = delete(&app, &format!("/api/runs/{id}")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.json()["message"].as_str().unwrap().contains("already ended (cancelled)"));
    let daily = get(&app, &format!("/api/runs/{id}/daily")).await;
    assert_eq!(daily.status, StatusCode::CONFLICT);
    assert!(daily.json()["message"].as_str().unwrap().contains("was cancelled"));
    // Its stream ends with `end: cancelled`.
    let events =
        crate::common::parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    let (name, data, _) = events.last().unwrap();
    assert_eq!((name.as_str(), data["state"].as_str()), ("end", Some("cancelled")));
    // And it stays cancelled once its thread has stopped.
    let t0 = std::time::Instant::now();
    while get(&app, &format!("/api/runs/{id}")).await.json()["computing"] == true {
        assert!(t0.elapsed().as_secs() < 120);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let v = get(&app, &format!("/api/runs/{id}")).await.json();
    assert_eq!(v["state"], "cancelled");
    assert!(v.get("note").is_none(), "{v}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_run_stops_simulating_and_frees_its_slot() {
    // One slot: the next run can start only once the cancelled one's thread has returned.
    let app = crate::common::app_with(server::Limits {
        max_concurrent_runs: 1,
        ..server::Limits::default()
    });
    // 20 replications of a year: tens of seconds of simulation if it were not stopped.
    let big = json!({"scenario": "baseline-fy2025", "replications": 20, "days": 365, "overrides": {"warmup_days": 0}});
    let id = submit(&app, &big).await;
    // A live day reaches a client while the run is still running (and, by the time of the
    // DELETE, the model is inside a replication).
    let seen = crate::common::stream_until(&app, &id, "day").await;
    assert_eq!(seen.last().unwrap().1["provisional"], true);
    assert_eq!(get(&app, &format!("/api/runs/{id}")).await.json()["state"], "running");
    assert_eq!(delete(&app, &format!("/api/runs/{id}")).await.status, StatusCode::OK);
    // The slot is free: a new run starts and finishes.
    let next = submit(&app, &small(3)).await;
    assert_eq!(wait_end(&app, &next).await["state"], "done");
    // The cancelled run's thread stopped part-way: it did not finish its replications,
    // and it holds nothing.
    let v = get(&app, &format!("/api/runs/{id}")).await.json();
    assert_eq!((v["state"].as_str(), v["computing"].as_bool()), (Some("cancelled"), Some(false)));
    let done = v["progress"]["replications_done"].as_u64().unwrap();
    assert!(done < 20, "stopped early, after {done} of 20 replications");
    let health = get(&app, "/api/health").await.json();
    assert_eq!(health["runs"]["free_slots"], 1, "{health}");
    // Nothing from the stopped thread came after the `end` of its log.
    let events =
        crate::common::parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    let (name, data, _) = events.last().unwrap();
    assert_eq!((name.as_str(), data["state"].as_str()), ("end", Some("cancelled")));
    assert_eq!(events.iter().filter(|e| e.0 == "end").count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn results_of_a_run_not_yet_done_are_a_conflict() {
    let app = app();
    let body = json!({"scenario": "baseline-fy2025", "replications": 1, "days": 100, "overrides": {"warmup_days": 200}});
    let id = submit(&app, &body).await;
    for path in ["daily", "scorecards", "report"] {
        let r = get(&app, &format!("/api/runs/{id}/{path}")).await;
        if r.status == StatusCode::OK {
            break; // finished already (a fast machine): nothing to check
        }
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
        assert!(r.json()["message"].as_str().unwrap().contains("has not finished yet"));
    }
    delete(&app, &format!("/api/runs/{id}")).await;
}
