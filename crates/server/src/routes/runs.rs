//! `POST /api/runs`, `GET /api/runs`, `GET /api/runs/{id}`, `DELETE /api/runs/{id}`.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{blocking, read_body};
use crate::AppState;
use crate::error::ApiError;
use crate::request::{parse_body, prepare};

/// Submits a run: 202 with its id and links; 4xx with the reason otherwise.
pub async fn submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(&headers, body, s.limits().max_body_bytes).await?;
    let req = parse_body(&headers, &bytes, uri.query())?;
    let limits = *s.limits();
    let prepared = blocking(move || prepare(req, &limits)).await?;
    let submitted = s.runs().submit(prepared)?;
    let mut v = submitted.run.status();
    if !submitted.evicted.is_empty() {
        let ids: Vec<String> = submitted.evicted.iter().map(|i| i.to_string()).collect();
        v["evicted"] = json!(ids);
        v["evicted_note"] = format!(
            "the server keeps {} runs (--max-runs-kept); the oldest finished ones were evicted",
            limits.max_runs_kept
        )
        .into();
    }
    let location = format!("/api/runs/{}", submitted.run.id);
    Ok((StatusCode::ACCEPTED, [(header::LOCATION, location)], Json(v)).into_response())
}

/// Every run kept, oldest first, without the request echo.
pub async fn list(State(s): State<AppState>) -> Json<serde_json::Value> {
    let runs: Vec<serde_json::Value> = s
        .runs()
        .list()
        .iter()
        .map(|r| {
            json!({
                "id": r.id.to_string(),
                "state": r.phase(),
                "scenario": r.scenario_name(),
                "replications": r.replications,
                "created_at": r.created_at,
                "links": { "self": format!("/api/runs/{}", r.id) },
            })
        })
        .collect();
    Json(json!({ "runs": runs, "counts": s.runs().counts() }))
}

/// A run's status, progress and (once done) summary.
pub async fn status(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(s.runs().get(&id)?.status()))
}

/// Cancels a queued or running run; 409 if it has already ended.
pub async fn cancel(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let run = s.runs().get(&id)?;
    match run.cancel() {
        Ok(before) => {
            let mut v = run.status();
            v["cancelled_while"] = json!(before);
            Ok(Json(v))
        }
        Err(phase) => Err(ApiError::Conflict(format!(
            "run {id} has already ended ({}); there is nothing to cancel",
            phase.name()
        ))),
    }
}
