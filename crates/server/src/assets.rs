//! The dashboard's files, compiled into the binary: the page, its script and style, and
//! the vendored uPlot (MIT; `assets/vendor/uplot/README.md` says where it came from).
//! Nothing is fetched from elsewhere, and the Content-Security-Policy says so to the
//! browser too.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Version of the vendored uPlot.
pub const UPLOT_VERSION: &str = "1.6.32";

const INDEX: &str = include_str!("../assets/index.html");

/// `(name under /assets/, content type, bytes)`.
const FILES: &[(&str, &str, &str)] = &[
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    (
        "uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/vendor/uplot/uPlot.iife.min.js"),
    ),
    (
        "uPlot.min.css",
        "text/css; charset=utf-8",
        include_str!("../assets/vendor/uplot/uPlot.min.css"),
    ),
    ("favicon.svg", "image/svg+xml", include_str!("../assets/favicon.svg")),
    // The map's tile grid, shared with the HTML report (`output::report::map`).
    ("aor-tiles.csv", "text/csv; charset=utf-8", output::report::map::AOR_TILES),
    // Foreign-born residents by area, for the map's rates per 100,000 (`output::residents`).
    ("foreign-born.csv", "text/csv; charset=utf-8", output::residents::FOREIGN_BORN_CSV),
    (
        "uPlot-LICENSE.txt",
        "text/plain; charset=utf-8",
        include_str!("../assets/vendor/uplot/LICENSE"),
    ),
];

/// Scripts, styles and data from this server only.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

fn with_headers(content_type: &'static str, body: &'static str) -> Response {
    let mut r = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// `GET /`: the dashboard.
pub async fn index() -> Response {
    with_headers("text/html; charset=utf-8", INDEX)
}

/// `GET /assets/{file}`.
pub async fn file(Path(name): Path<String>) -> Result<Response, ApiError> {
    FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, ct, body)| with_headers(ct, body))
        .ok_or_else(|| ApiError::NotFound(format!("no asset \"{name}\"")))
}
