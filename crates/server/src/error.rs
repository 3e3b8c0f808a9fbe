//! One error type for every handler. It becomes a JSON response with a stable `error`
//! code, a sentence for people (`message`) and, where there is one, how to fix it
//! (`help`). Internal failures are logged and answered with a generic message, so no
//! internals leak.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A scenario problem with its position, as the CLI prints it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DiagnosticJson {
    /// The file, as named in the request (`request.toml`) or `scenarios/<name>.toml`.
    pub file: String,
    /// 1-based line (0 when the problem has no position).
    pub line: usize,
    /// 1-based column in characters (0 when the problem has no position).
    pub column: usize,
    /// What is wrong and what is allowed.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The CLI's rendering: `error: …\n  --> file:line:column\n   = help: …`.
    pub text: String,
}

impl From<&scenario::Diagnostic> for DiagnosticJson {
    fn from(d: &scenario::Diagnostic) -> DiagnosticJson {
        DiagnosticJson {
            file: d.path.clone(),
            line: d.line,
            column: d.col,
            message: d.message.clone(),
            help: d.help.clone(),
            text: d.to_string(),
        }
    }
}

/// Why a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError {
    /// 400: the body is not what the endpoint takes (bad JSON, wrong fields, bad query).
    BadRequest {
        /// What is wrong.
        message: String,
        /// What to send instead.
        help: Option<String>,
    },
    /// 413: the body is larger than `--max-body-bytes`.
    BodyTooLarge {
        /// The limit, bytes.
        limit: usize,
    },
    /// 415: a content type the endpoint does not read.
    UnsupportedMediaType(String),
    /// 422: the scenario has problems, each with file:line:column.
    InvalidScenario(Vec<DiagnosticJson>),
    /// 422: the run asks for more than a limit allows.
    LimitExceeded {
        /// Which limit.
        limit: &'static str,
        /// What is wrong, with the numbers.
        message: String,
        /// How to get under it (or raise it).
        help: String,
    },
    /// 429: every run slot and queue place is taken.
    Busy {
        /// With the limits that were hit.
        message: String,
    },
    /// 404: no such scenario or run.
    NotFound(String),
    /// 410: the run existed but was evicted to make room.
    Gone(String),
    /// 409: the run has no results (yet, or ever).
    Conflict(String),
    /// 500: something that should not happen; logged, not shown.
    Internal(String),
}

impl ApiError {
    /// A 400 with a hint.
    pub fn bad_request(message: impl Into<String>, help: impl Into<String>) -> ApiError {
        ApiError::BadRequest { message: message.into(), help: Some(help.into()) }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::InvalidScenario(_) | ApiError::LimitExceeded { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<scenario::ScenarioError> for ApiError {
    fn from(e: scenario::ScenarioError) -> ApiError {
        ApiError::InvalidScenario(e.diagnostics.iter().map(DiagnosticJson::from).collect())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<&'a [DiagnosticJson]>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let plain = |error, message: String, help: Option<String>| Body {
            error,
            message,
            help,
            limit: None,
            diagnostics: None,
        };
        let body = match &self {
            ApiError::BadRequest { message, help } => {
                plain("bad_request", message.clone(), help.clone())
            }
            ApiError::BodyTooLarge { limit } => plain(
                "body_too_large",
                format!("the request body is larger than the server's limit of {limit} bytes"),
                Some(
                    "send a smaller scenario, or start the server with a larger --max-body-bytes"
                        .into(),
                ),
            ),
            ApiError::UnsupportedMediaType(m) => plain(
                "unsupported_media_type",
                m.clone(),
                Some("send application/json, or a scenario file as application/toml".into()),
            ),
            ApiError::InvalidScenario(d) => {
                let n = d.len();
                let message = match d.first() {
                    Some(first) if n == 1 => {
                        format!("the scenario has a problem: {}", first.message)
                    }
                    _ => format!("the scenario has {n} problems"),
                };
                Body { diagnostics: Some(d), ..plain("invalid_scenario", message, None) }
            }
            ApiError::LimitExceeded { limit, message, help } => Body {
                limit: Some(limit),
                ..plain("limit_exceeded", message.clone(), Some(help.clone()))
            },
            ApiError::Busy { message } => plain(
                "busy",
                message.clone(),
                Some("retry when a run finishes, or cancel one (DELETE /api/runs/{id})".into()),
            ),
            ApiError::NotFound(m) => plain("not_found", m.clone(), None),
            ApiError::Gone(m) => plain("evicted", m.clone(), None),
            ApiError::Conflict(m) => plain("not_ready", m.clone(), None),
            ApiError::Internal(detail) => {
                eprintln!("caseload serve: internal error: {detail}");
                plain("internal", "internal server error (logged on the server)".into(), None)
            }
        };
        let mut resp = (status, Json(body)).into_response();
        if matches!(self, ApiError::Busy { .. }) {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        resp
    }
}
