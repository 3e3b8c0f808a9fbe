//! Helpers: build the app, send requests, wait for runs.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub fn app_with(limits: server::Limits) -> Router {
    limits.check().expect("test limits are consistent");
    server::app(server::AppState::new(limits))
}

pub fn app() -> Router {
    app_with(server::Limits::default())
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Reply {
    let resp = app.clone().oneshot(req).await.expect("the router answers");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.expect("a body").to_bytes();
    Reply { status, headers, body }
}

pub async fn get(app: &Router, path: &str) -> Reply {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

pub async fn delete(app: &Router, path: &str) -> Reply {
    send(app, Request::delete(path).body(Body::empty()).unwrap()).await
}

pub async fn post(app: &Router, path: &str, content_type: &str, body: impl Into<Body>) -> Reply {
    let req = Request::post(path).header("content-type", content_type).body(body.into()).unwrap();
    send(app, req).await
}

pub async fn post_json(app: &Router, path: &str, body: &Value) -> Reply {
    post(app, path, "application/json", body.to_string()).await
}

/// A run of `days` measured days, one replication, no warm-up: ~10 ms per day.
pub fn small(days: u32) -> Value {
    json!({
        "scenario": "baseline-fy2025",
        "replications": 1,
        "days": days,
        "overrides": { "warmup_days": 0 }
    })
}

/// Submits and returns the run id.
pub async fn submit(app: &Router, body: &Value) -> String {
    let r = post_json(app, "/api/runs", body).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    r.json()["id"].as_str().unwrap().to_owned()
}

/// Polls a run until it ends; returns its status.
pub async fn wait_end(app: &Router, id: &str) -> Value {
    let t0 = Instant::now();
    loop {
        let r = get(app, &format!("/api/runs/{id}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let v = r.json();
        if ["done", "failed", "cancelled"].contains(&v["state"].as_str().unwrap()) {
            return v;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(300),
            "run {id} still {} after 300 s",
            v["state"]
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Polls until the run is running (or over).
pub async fn wait_running(app: &Router, id: &str) {
    let t0 = Instant::now();
    loop {
        let v = get(app, &format!("/api/runs/{id}")).await.json();
        if v["state"] != "queued" {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(60), "run {id} never started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The events of a stream body, as (name, JSON data, id).
pub fn parse_sse(text: &str) -> Vec<(String, Value, usize)> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let (mut name, mut data, mut id) = (None, String::new(), None);
        for line in block.lines() {
            if let Some(v) = line.strip_prefix("event:") {
                name = Some(v.trim().to_owned());
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push_str(v.trim_start());
            } else if let Some(v) = line.strip_prefix("id:") {
                id = v.trim().parse().ok();
            }
        }
        if let Some(name) = name {
            let v = serde_json::from_str(&data).unwrap_or_else(|e| panic!("{name}: {e}: {data}"));
            out.push((name, v, id.expect("every event has an id")));
        }
    }
    out
}

/// Follows a run's stream until an event named `name` arrives, while the run goes on (the
/// stream stays open); returns the events up to and including it.
pub async fn stream_until(app: &Router, id: &str, name: &str) -> Vec<(String, Value, usize)> {
    let req = Request::get(format!("/api/runs/{id}/events")).body(Body::empty()).unwrap();
    let mut body = app.clone().oneshot(req).await.expect("the router answers").into_body();
    let mut text = String::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.expect("a frame").into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        // Whole events only: a frame may end mid-event.
        let complete = &text[..text.rfind("\n\n").map_or(0, |i| i + 2)];
        let events = parse_sse(complete);
        if let Some(i) = events.iter().position(|e| e.0 == name) {
            return events[..=i].to_vec();
        }
    }
    panic!("the stream of run {id} ended without `{name}`: {text}");
}
