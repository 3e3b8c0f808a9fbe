//! The router: one line per endpoint, handlers grouped by what they serve.

mod events;
mod preview;
mod results;
mod runs;
mod scenarios;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::AppState;
use crate::error::ApiError;

/// The whole application: API under `/api`, dashboard at `/`.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(crate::assets::index))
        .route("/assets/{file}", get(crate::assets::file))
        .route("/api/openapi.json", get(crate::openapi::document))
        .route("/api/health", get(health))
        .route("/api/scenarios", get(scenarios::list))
        .route("/api/scenarios/{name}", get(scenarios::one))
        .route("/api/fluid", post(preview::preview))
        .route("/api/runs", post(runs::submit).get(runs::list))
        .route("/api/runs/{id}", get(runs::status).delete(runs::cancel))
        .route("/api/runs/{id}/events", get(events::events))
        .route("/api/runs/{id}/daily", get(results::daily))
        .route("/api/runs/{id}/scorecards", get(results::scorecards))
        .route("/api/runs/{id}/report", get(results::report))
        .route("/api/runs/{id}/scenario", get(results::scenario_text))
        .fallback(not_found)
        // Bodies are read by `read_body`, which applies `--max-body-bytes` with a clear 413.
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no endpoint {} (GET /api/openapi.json lists them)", uri.path()))
}

async fn health(State(s): State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({
        "ok": true,
        "version": env!("CARGO_PKG_VERSION"),
        "limits": s.limits(),
        "runs": s.runs().counts(),
        // Where runs are kept (null: in memory only, `--ephemeral`).
        "data_dir": s.runs().data_dir(),
        "live_days": true,
        "uplot": crate::assets::UPLOT_VERSION,
    }))
}

/// Reads a request body, refusing more than `limit` bytes with a 413 that names the flag.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::BodyTooLarge { limit });
    }
    axum::body::to_bytes(body, limit).await.map_err(|_| ApiError::BodyTooLarge { limit })
}

/// Runs CPU work (loading scenarios, rendering) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal(format!("worker thread: {e}")))?
}

/// A response with a content type.
pub(crate) fn typed(content_type: &'static str, body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}
