//! `POST /api/fluid`: the lever preview (see `crate::preview`).

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

use super::{blocking, read_body};
use crate::AppState;
use crate::error::ApiError;
use crate::request::{parse_body, prepare};

/// The preview of a run request (replications are ignored: the preview is one).
pub async fn preview(
    State(s): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(&headers, body, s.limits().max_body_bytes).await?;
    let mut req = parse_body(&headers, &bytes, uri.query())?;
    req.replications = None;
    let key = serde_json::to_string(&req).unwrap_or_default();
    if let Some(p) = s.inner.previews.get(&key) {
        return Ok(Json(&*p).into_response());
    }
    let _slot = s
        .inner
        .preview_slots
        .acquire()
        .await
        .map_err(|_| ApiError::Internal("preview slots closed".into()))?;
    // The fluid costs milliseconds per simulated year: the run-size limit does not apply.
    let limits = crate::Limits { max_replication_days: u64::MAX, ..*s.limits() };
    let p = blocking(move || {
        let prepared = prepare(req, &limits)?;
        Ok(std::sync::Arc::new(crate::preview::compute(&prepared)))
    })
    .await?;
    s.inner.previews.put(key, p.clone());
    Ok(Json(&*p).into_response())
}
