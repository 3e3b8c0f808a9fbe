//! The event stream: every event in order, for late and resuming clients too.

use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::common::{app, get, parse_sse, send, submit, wait_end};

#[tokio::test(flavor = "multi_thread")]
async fn a_stream_carries_the_run_from_meta_to_end() {
    let app = app();
    let body = json!({"scenario": "baseline-fy2025", "replications": 2, "days": 12, "overrides": {"warmup_days": 0}});
    let id = submit(&app, &body).await;
    // Connected before the run ends: the body ends with the stream.
    let r = get(&app, &format!("/api/runs/{id}/events")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let events = parse_sse(&r.text());
    let names: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(names[0], "meta");
    assert_eq!(&names[names.len() - 3..], ["summary", "status", "end"]);
    assert_eq!(names.iter().filter(|n| **n == "progress").count(), 2, "{names:?}");
    let provisional = |e: &&(String, serde_json::Value, usize)| e.1["provisional"] == true;
    let live = events.iter().filter(|e| e.0 == "day").filter(provisional).count();
    assert_eq!(live, 12, "replication 0's days, live");
    let ids: Vec<usize> = events.iter().map(|e| e.2).collect();
    assert_eq!(ids, (0..events.len()).collect::<Vec<_>>(), "ids are log indices");
    let states: Vec<&str> =
        events.iter().filter(|e| e.0 == "status").map(|e| e.1["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["queued", "running", "done"]);

    // Meta describes the day frames.
    let meta = &events[0].1;
    let layout = &meta["layout"];
    assert_eq!(layout["days"], 12);
    assert_eq!(meta["replications"], 2);
    let n_national = layout["national"].as_array().unwrap().len();
    let n_office = layout["office"].as_array().unwrap().len();
    assert_eq!(meta["live_days"], true);
    let days: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e.0 == "day" && e.1["provisional"] == false)
        .map(|e| &e.1)
        .collect();
    assert_eq!(days.len(), 12, "the means of every day");
    for (i, d) in days.iter().enumerate() {
        assert_eq!(d["day"], i);
        assert_eq!(d["national"].as_array().unwrap().len(), n_national);
        assert_eq!(d["offices"].as_array().unwrap().len(), 25);
        assert_eq!(d["offices"][0].as_array().unwrap().len(), n_office);
    }
    assert_eq!(days[0]["date"], "2024-10-01");
    // A day's national arrests equal the daily endpoint's (rounded to 3 decimals).
    let daily = get(&app, &format!("/api/runs/{id}/daily?metric=arrests")).await.json();
    let a = daily["metrics"]["arrests"][5].as_f64().unwrap();
    let arrests_i =
        layout["national"].as_array().unwrap().iter().position(|n| n == "arrests").unwrap();
    assert!((days[5]["national"][arrests_i].as_f64().unwrap() - a).abs() < 1e-3);
    assert_eq!(events.last().unwrap().1["state"], "done");
}

#[tokio::test(flavor = "multi_thread")]
async fn late_and_resuming_clients_miss_nothing() {
    let app = app();
    let id = submit(&app, &crate::common::small(6)).await;
    wait_end(&app, &id).await;
    let all = parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    assert_eq!(all.last().unwrap().0, "end");
    let req = Request::get(format!("/api/runs/{id}/events"))
        .header("last-event-id", "4")
        .body(axum::body::Body::empty())
        .unwrap();
    let rest = parse_sse(&send(&app, req).await.text());
    assert_eq!(rest.len(), all.len() - 5);
    assert_eq!(rest[0].2, 5);
    assert_eq!(rest.last().unwrap().0, "end");
}

#[tokio::test(flavor = "multi_thread")]
async fn many_streams_of_one_run_see_the_same_events() {
    let app = app();
    let id = submit(&app, &json!({"scenario": "baseline-fy2025", "replications": 2, "days": 20, "overrides": {"warmup_days": 30}})).await;
    let streams: Vec<_> = (0..8)
        .map(|_| {
            let app = app.clone();
            let path = format!("/api/runs/{id}/events");
            tokio::spawn(async move { get(&app, &path).await.text() })
        })
        .collect();
    let mut texts = Vec::new();
    for s in streams {
        texts.push(s.await.unwrap());
    }
    for t in &texts[1..] {
        assert_eq!(t, &texts[0]);
    }
    assert_eq!(parse_sse(&texts[0]).last().unwrap().1["state"], "done");
}

#[tokio::test(flavor = "multi_thread")]
async fn days_stream_live_while_the_run_simulates() {
    let app = app();
    let body = json!({"scenario": "baseline-fy2025", "replications": 3, "days": 30, "overrides": {"warmup_days": 0}});
    let id = submit(&app, &body).await;
    let events = parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    let index = |pred: &dyn Fn(&(String, serde_json::Value, usize)) -> bool| {
        events.iter().position(pred).unwrap_or_else(|| panic!("no such event"))
    };
    let meta = &events[0].1;
    assert_eq!(
        (meta["live_days"].as_bool(), meta["live_every_days"].as_u64()),
        (Some(true), Some(1))
    );
    let live: Vec<&(String, serde_json::Value, usize)> =
        events.iter().filter(|e| e.0 == "day" && e.1["provisional"] == true).collect();
    let days: Vec<u64> = live.iter().map(|e| e.1["day"].as_u64().unwrap()).collect();
    assert_eq!(days, (0..30).collect::<Vec<_>>(), "every day of replication 0, in order");
    assert!(live.iter().all(|e| e.1["replication"] == 0));
    // Live: each came before the run had finished its replications (a run that sent its
    // days only at the end would put them after the last `progress`), and before the means.
    let last_progress = index(&|e| e.0 == "progress" && e.1["replications_done"] == 3);
    let first_mean = index(&|e| e.0 == "day" && e.1["provisional"] == false);
    assert!(live.iter().all(|e| e.2 < last_progress), "live days before the run's end");
    assert!(last_progress < first_mean);
    assert_eq!(events.last().unwrap().1["state"], "done");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_one_replication_runs_live_days_are_its_final_days() {
    let app = app();
    let id = submit(&app, &crate::common::small(8)).await;
    let events = parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    let frames = |provisional: bool| -> Vec<(serde_json::Value, serde_json::Value)> {
        events
            .iter()
            .filter(|e| e.0 == "day" && e.1["provisional"] == provisional)
            .map(|e| (e.1["national"].clone(), e.1["offices"].clone()))
            .collect()
    };
    let (live, fin) = (frames(true), frames(false));
    assert_eq!(live.len(), 8);
    // The non-detained stocks are live too (model::nondetained::Live): every column is.
    assert_eq!(live, fin, "with one replication the mean is replication 0");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_horizon_is_thinned_to_a_bounded_number_of_live_frames() {
    let app = app();
    // 800 days: every 3rd day live (and the last); the means of all 800 at the end.
    let body = json!({"scenario": "baseline-fy2025", "replications": 1, "days": 800, "overrides": {"warmup_days": 0}});
    let id = submit(&app, &body).await;
    let events = parse_sse(&get(&app, &format!("/api/runs/{id}/events")).await.text());
    assert_eq!(events[0].1["live_every_days"], 3);
    let live: Vec<u64> = events
        .iter()
        .filter(|e| e.0 == "day" && e.1["provisional"] == true)
        .map(|e| e.1["day"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (0..800).filter(|d| d % 3 == 0).chain([799]).collect();
    assert_eq!(live, expected);
    assert!(live.len() <= server::runs::LIVE_FRAMES_MAX);
    let means = events.iter().filter(|e| e.0 == "day" && e.1["provisional"] == false).count();
    assert_eq!(means, 800);
}
