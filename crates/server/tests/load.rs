//! Load on loopback: many concurrent short runs, several event streams per run, and
//! clients polling run status the whole time. Bounded in count (RUNS runs, CLIENTS
//! submitters, POLLERS pollers) and in time (LIMIT). Checks that the server keeps
//! answering, that every finished run can still be fetched (none lost), and prints the
//! figures: requests/s, peak concurrent streams, p50/p99 of `GET /api/runs/{id}`.
//!
//! Ignored by default (it takes ~a minute on 2 cores); CI runs it:
//! `cargo test -p caseload-server --test load -- --ignored --nocapture`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

const RUNS: usize = 300;
const CLIENTS: usize = 24;
const STREAMS_PER_RUN: usize = 4;
const POLLERS: usize = 8;
const LIMIT: Duration = Duration::from_secs(240);

type Http = Client<HttpConnector, Full<Bytes>>;

async fn request(http: &Http, method: &str, url: &str, body: Option<&Value>) -> (u16, Bytes) {
    let mut b = hyper::Request::builder().method(method).uri(url);
    let payload = match body {
        Some(v) => {
            b = b.header("content-type", "application/json");
            Bytes::from(v.to_string())
        }
        None => Bytes::new(),
    };
    let resp = http.request(b.body(Full::new(payload)).unwrap()).await.expect("the server answers");
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.expect("a whole body").to_bytes();
    (status, bytes)
}

#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl Gauge {
    fn up(&self) {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(n, Ordering::SeqCst);
    }
    fn down(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Follows a run's stream to its end; returns (events, last state).
async fn follow(http: &Http, base: &str, id: &str, streams: &Gauge) -> (usize, String) {
    streams.up();
    let req = hyper::Request::get(format!("{base}/api/runs/{id}/events"))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let resp = http.request(req).await.expect("stream opens");
    assert_eq!(resp.status(), 200);
    let text = resp.into_body().collect().await.expect("stream ends").to_bytes();
    streams.down();
    let text = String::from_utf8_lossy(&text);
    let events = text.matches("\nevent:").count() + usize::from(text.starts_with("event:"));
    let last = text
        .rsplit("event: end")
        .next()
        .and_then(|t| t.split("\"state\":\"").nth(1))
        .and_then(|t| t.split('"').next())
        .unwrap_or("none")
        .to_owned();
    (events, last)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with --ignored (CI does)"]
async fn the_server_keeps_answering_and_loses_no_run() {
    let limits = server::Limits {
        max_concurrent_runs: 2,
        // Fewer places than clients: some submissions meet 429 and retry.
        max_queued_runs: 8,
        max_runs_kept: 1000,
        ..server::Limits::default()
    };
    let (listener, addr) = server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let srv = tokio::spawn(server::serve(listener, server::AppState::new(limits), async {
        let _ = stop_rx.await;
    }));
    let base = format!("http://{addr}");
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let http: Http =
        Client::builder(TokioExecutor::new()).pool_max_idle_per_host(64).build(connector);

    let t0 = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let ids = Arc::new(Mutex::new(Vec::<String>::new()));
    let streams = Arc::new(Gauge::default());
    let busy = Arc::new(AtomicUsize::new(0));
    let done_submitting = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let other_gets = Arc::new(AtomicUsize::new(0));

    // Pollers: GET /api/runs/{id} of known runs (and /api/health) as fast as they answer.
    let pollers: Vec<_> = (0..POLLERS)
        .map(|p| {
            let (http, base, ids, lat, stop, other) = (
                http.clone(),
                base.clone(),
                ids.clone(),
                latencies.clone(),
                done_submitting.clone(),
                other_gets.clone(),
            );
            tokio::spawn(async move {
                let mut k = p;
                while !stop.load(Ordering::SeqCst) {
                    let id = {
                        let ids = ids.lock().unwrap();
                        if ids.is_empty() { None } else { Some(ids[k % ids.len()].clone()) }
                    };
                    k += 7;
                    match id {
                        Some(id) => {
                            let t = Instant::now();
                            let (status, _) =
                                request(&http, "GET", &format!("{base}/api/runs/{id}"), None).await;
                            lat.lock().unwrap().push(t.elapsed().as_secs_f64() * 1e3);
                            assert_eq!(status, 200, "GET /api/runs/{id}");
                        }
                        None => {
                            let (status, _) =
                                request(&http, "GET", &format!("{base}/api/health"), None).await;
                            assert_eq!(status, 200);
                            other.fetch_add(1, Ordering::Relaxed);
                            tokio::time::sleep(Duration::from_millis(5)).await;
                        }
                    }
                }
            })
        })
        .collect();

    // Submitters: each takes the next run number, submits a short run (retrying on 429),
    // follows it with several streams at once, then checks its status.
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (http, base, next, ids, streams, busy) = (
                http.clone(),
                base.clone(),
                next.clone(),
                ids.clone(),
                streams.clone(),
                busy.clone(),
            );
            tokio::spawn(async move {
                let mut events_seen = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= RUNS {
                        return events_seen;
                    }
                    let body = json!({
                        "scenario": "baseline-fy2025",
                        "replications": 1 + (i % 2),
                        "days": 5 + (i % 10),
                        "seed": i,
                        "overrides": { "warmup_days": 0 },
                    });
                    let id = loop {
                        let (status, bytes) =
                            request(&http, "POST", &format!("{base}/api/runs"), Some(&body)).await;
                        match status {
                            202 => {
                                break serde_json::from_slice::<Value>(&bytes).unwrap()["id"]
                                    .as_str()
                                    .unwrap()
                                    .to_owned();
                            }
                            429 => {
                                busy.fetch_add(1, Ordering::Relaxed);
                                tokio::time::sleep(Duration::from_millis(50)).await;
                            }
                            s => panic!("POST /api/runs: {s} {}", String::from_utf8_lossy(&bytes)),
                        }
                    };
                    ids.lock().unwrap().push(id.clone());
                    let follows: Vec<_> = (0..STREAMS_PER_RUN)
                        .map(|_| {
                            let (http, base, id, streams) =
                                (http.clone(), base.clone(), id.clone(), streams.clone());
                            tokio::spawn(async move { follow(&http, &base, &id, &streams).await })
                        })
                        .collect();
                    for f in follows {
                        let (n, last) = f.await.unwrap();
                        assert_eq!(last, "done", "run {id}'s stream ends with done");
                        events_seen += n;
                    }
                }
            })
        })
        .collect();

    let all = async {
        let mut events = 0;
        for c in clients {
            events += c.await.unwrap();
        }
        events
    };
    let events =
        tokio::time::timeout(LIMIT, all).await.expect("the load finishes within the time limit");
    done_submitting.store(true, Ordering::SeqCst);
    for p in pollers {
        p.await.unwrap();
    }
    let wall = t0.elapsed().as_secs_f64();

    // No finished run is lost: every one answers done, with its results.
    let ids = ids.lock().unwrap().clone();
    assert_eq!(ids.len(), RUNS);
    for id in &ids {
        let (status, bytes) = request(&http, "GET", &format!("{base}/api/runs/{id}"), None).await;
        assert_eq!(status, 200, "run {id}");
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["state"], "done", "run {id}: {v}");
        assert_eq!(v["summary"]["invariants"]["passed"], true, "run {id}");
        let (status, _) = request(
            &http,
            "GET",
            &format!("{base}/api/runs/{id}/daily?metric=arrests&format=csv"),
            None,
        )
        .await;
        assert_eq!(status, 200, "run {id}'s daily series");
    }
    let (_, health) = request(&http, "GET", &format!("{base}/api/health"), None).await;
    let health: Value = serde_json::from_slice(&health).unwrap();
    assert_eq!(health["runs"]["done"], RUNS, "{health}");
    assert_eq!(health["runs"]["evicted"], 0);

    let mut lat = latencies.lock().unwrap().clone();
    lat.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
    let gets = lat.len() + other_gets.load(Ordering::Relaxed);
    let requests = gets + RUNS + busy.load(Ordering::Relaxed) + RUNS * STREAMS_PER_RUN;
    println!(
        "load: {RUNS} runs by {CLIENTS} clients ({STREAMS_PER_RUN} streams each), {POLLERS} pollers, in {wall:.1} s\n\
         load: {requests} requests ({:.0}/s), {} GET /api/runs/{{id}} ({:.0}/s): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms\n\
         load: peak {} concurrent event streams, {events} events received, {} submissions refused with 429 and retried",
        requests as f64 / wall,
        lat.len(),
        lat.len() as f64 / wall,
        q(0.5),
        q(0.99),
        lat.last().copied().unwrap_or(0.0),
        streams.peak.load(Ordering::SeqCst),
        busy.load(Ordering::Relaxed),
    );
    assert!(lat.len() > 1000, "the pollers were answered throughout ({} answers)", lat.len());
    assert!(q(0.99) < 1000.0, "p99 of GET /api/runs/{{id}} under a second (was {:.1} ms)", q(0.99));
    let _ = stop_tx.send(());
    srv.await.unwrap().unwrap();
}
