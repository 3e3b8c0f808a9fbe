//! # server — `caseload serve`: a JSON API and a live dashboard
//!
//! The same scenarios as the CLI, over HTTP: list the built-ins, submit a run (a built-in
//! with levers and overrides, or a whole scenario file), follow it as Server-Sent Events,
//! then fetch its daily series, scorecards and HTML report. The dashboard at `/` is three
//! static files and a vendored charting library (uPlot), all compiled into the binary, so
//! it works with no internet connection.
//!
//! ```text
//!   browser ──GET /──────────────► dashboard (assets/, include_str!)
//!           ──POST /api/fluid────► lever preview  ─────────► model::fluid::run (ms)
//!           ──POST /api/runs─────► RunStore ─slot─► blocking thread ─► model::run_with_hooks
//!           ◄─GET …/events (SSE)── run log: meta, status, progress, live days, days, summary, end
//!           ──DELETE /api/runs/{id}─► cancel flag, read by the model before every day
//!           ──GET …/daily, /scorecards, /report
//! ```
//!
//! Runs are kept in memory and, unless the server is ephemeral, in a data directory (one
//! file per run, replaced atomically: [`runs::persist`]), so a restart, even after a crash,
//! answers the same bytes for every finished run, and a run the stop interrupted reads as
//! failed ("interrupted: …"). At most `max_concurrent_runs` simulate at once, up to
//! `max_queued_runs` wait, and beyond `max_runs_kept` the oldest finished ones are evicted,
//! from memory and disk (the response that evicts says which; a later `GET` answers 410).
//! Every limit is a flag of `caseload serve` and every refusal says which limit and how to
//! raise it.
//! `docs/server.md` is the user's guide; `/api/openapi.json` describes every endpoint.
//!
//! [`app`] returns the router, so tests drive it without a socket:
//!
//! ```
//! use tower::ServiceExt;
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let app = server::app(server::AppState::new(server::Limits::default()));
//! let req = axum::http::Request::get("/api/health").body(axum::body::Body::empty()).unwrap();
//! let resp = app.oneshot(req).await.unwrap();
//! assert_eq!(resp.status(), 200);
//! # });
//! ```
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

mod assets;
pub mod error;
pub mod levers;
mod limits;
mod openapi;
mod preview;
pub mod request;
mod routes;
pub mod runs;
pub mod series;
mod summary;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

pub use error::ApiError;
pub use limits::Limits;
pub use routes::app;

/// Everything the handlers share.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    limits: Limits,
    runs: runs::RunStore,
    previews: preview::Cache,
    /// Previews computing at once (one per core; more wait their turn).
    preview_slots: tokio::sync::Semaphore,
    scenarios: std::sync::OnceLock<Vec<serde_json::Value>>,
}

impl AppState {
    /// Fresh state with these limits (check them first with [`Limits::check`]), runs in
    /// memory only.
    pub fn new(limits: Limits) -> AppState {
        AppState::with_runs(limits, runs::RunStore::new(limits))
    }

    /// State whose runs are kept in the data directory `dir` too, with the runs already
    /// there read back (see [`runs::RunStore::open`]). Errs, with a message naming the
    /// directory, when it cannot be created, written or read.
    pub fn open(limits: Limits, dir: &Path) -> Result<(AppState, runs::Restored), String> {
        let (store, restored) = runs::RunStore::open(limits, dir)?;
        Ok((AppState::with_runs(limits, store), restored))
    }

    fn with_runs(limits: Limits, runs: runs::RunStore) -> AppState {
        AppState {
            inner: Arc::new(Shared {
                limits,
                runs,
                previews: preview::Cache::default(),
                preview_slots: tokio::sync::Semaphore::new(
                    std::thread::available_parallelism().map_or(1, |n| n.get()),
                ),
                scenarios: std::sync::OnceLock::new(),
            }),
        }
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The runs.
    pub fn runs(&self) -> &runs::RunStore {
        &self.inner.runs
    }
}

/// Serves the API and dashboard on `listener` until Ctrl-C (or `shutdown` resolves).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await
}

/// Binds `addr` (refusing nothing: the CLI decides what is allowed) and returns the
/// listener and the address actually bound (port 0 picks a free one).
pub async fn bind(addr: SocketAddr) -> std::io::Result<(tokio::net::TcpListener, SocketAddr)> {
    let l = tokio::net::TcpListener::bind(addr).await?;
    let a = l.local_addr()?;
    Ok((l, a))
}
