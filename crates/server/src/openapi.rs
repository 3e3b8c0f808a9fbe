//! `GET /api/openapi.json`: an OpenAPI 3.1 description of every endpoint, built here so
//! that the lever ranges and series names come from the code that checks them (a test
//! checks every route is described).

use axum::Json;
use serde_json::{Value, json};

use crate::levers::LEVERS;
use crate::series::Series;

fn err(desc: &str) -> Value {
    json!({ "description": desc, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn id_param() -> Value {
    json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" }, "description": "run id from POST /api/runs" })
}

fn run_errors() -> Value {
    json!({ "404": err("no such run"), "410": err("the run was evicted (--max-runs-kept)"), "409": err("the run has no results: not finished, failed or cancelled") })
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// The document.
pub fn build() -> Value {
    let lever_props: serde_json::Map<String, Value> = LEVERS
        .iter()
        .map(|l| {
            let schema = json!({ "type": "number", "minimum": l.min, "maximum": l.max, "description": format!("{} ({}): {}", l.label, l.unit, l.described()) });
            (l.key.to_owned(), schema)
        })
        .collect();
    let series: Vec<&str> = Series::all().iter().map(|s| s.name()).collect();
    let run_body = json!({
        "required": true,
        "content": {
            "application/json": { "schema": { "$ref": "#/components/schemas/RunRequest" } },
            "application/toml": { "schema": { "type": "string", "description": "a scenario file; it may `extends` a built-in (never a path)" } }
        }
    });
    let request_errors = json!({
        "400": err("malformed body or query (bad JSON, unknown field, lever out of range, not exactly one of scenario/toml/spec)"),
        "404": err("unknown built-in scenario (with a suggestion)"),
        "413": err("body larger than --max-body-bytes"),
        "415": err("content type other than application/json or application/toml"),
        "422": err("the scenario is invalid (diagnostics with file:line:column, as the CLI prints them), or the run is larger than --max-replication-days"),
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "caseload serve",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Run caseload scenarios over HTTP and follow them live. Aggregate, synthetic model outputs only. Runs are kept in a data directory (unless the server is --ephemeral) and answer the same after a restart; a run a restart interrupted reads as failed. Guide: docs/server.md."
        },
        "paths": {
            "/": { "get": { "summary": "The dashboard (HTML)", "responses": { "200": { "description": "the page", "content": { "text/html": {} } } } } },
            "/assets/{file}": { "get": { "summary": "Dashboard files and the vendored uPlot", "parameters": [{ "name": "file", "in": "path", "required": true, "schema": { "type": "string" } }], "responses": { "200": { "description": "the file" }, "404": err("no such file") } } },
            "/api/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": {} } } } } },
            "/api/health": { "get": { "summary": "Liveness, limits, run counts and the data directory runs are kept in (null when in memory only)", "responses": { "200": { "description": "ok", "content": { "application/json": {} } } } } },
            "/api/scenarios": { "get": { "summary": "Built-in scenarios with their descriptions", "responses": { "200": { "description": "the list", "content": { "application/json": {} } } } } },
            "/api/scenarios/{name}": { "get": {
                "summary": "One built-in: its TOML, the resolved values the model runs, the levers with the scenario's own values",
                "parameters": [{ "name": "name", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "the scenario", "content": { "application/json": {} } }, "404": err("no such built-in (with a suggestion)") }
            } },
            "/api/fluid": { "post": {
                "summary": "Lever preview: the fluid mode's daily series (expected values, milliseconds); replications are ignored",
                "requestBody": run_body,
                "responses": merge(json!({ "200": { "description": "the preview", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Preview" } } } } }), request_errors.clone())
            } },
            "/api/runs": {
                "post": {
                    "summary": "Start a run",
                    "parameters": [
                        { "name": "replications", "in": "query", "schema": { "type": "integer", "minimum": 1 }, "description": "with application/toml only" },
                        { "name": "seed", "in": "query", "schema": { "type": "integer", "minimum": 0 }, "description": "with application/toml only" }
                    ],
                    "requestBody": run_body,
                    "responses": merge(json!({
                        "202": { "description": "accepted: the run's status (id, links; `evicted` lists runs evicted to make room)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RunStatus" } } } },
                        "429": err("every run slot and queue place is taken (--max-concurrent-runs, --max-queued-runs); Retry-After is set")
                    }), request_errors)
                },
                "get": { "summary": "Runs kept, oldest first", "responses": { "200": { "description": "the list", "content": { "application/json": {} } } } }
            },
            "/api/runs/{id}": {
                "get": { "summary": "Status, progress and (when done) summary", "parameters": [id_param()], "responses": { "200": { "description": "status", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RunStatus" } } } }, "404": err("no such run"), "410": err("evicted") } },
                "delete": { "summary": "Cancel a queued or running run", "parameters": [id_param()], "responses": { "200": { "description": "cancelled: the status", "content": { "application/json": {} } }, "404": err("no such run"), "409": err("the run has already ended"), "410": err("evicted") } }
            },
            "/api/runs/{id}/events": { "get": {
                "summary": "Server-Sent Events: meta, status, progress (per replication), day (live: replication 0 as it simulates, provisional: true; then the means of every day when done, provisional: false; national and per-office values, names in meta.layout), summary, end. Event ids are log indices; Last-Event-ID resumes.",
                "parameters": [id_param()],
                "responses": { "200": { "description": "an event stream that closes after `end`", "content": { "text/event-stream": {} } }, "404": err("no such run"), "410": err("evicted") }
            } },
            "/api/runs/{id}/daily": { "get": {
                "summary": "Mean daily series of one office or the nation",
                "parameters": [
                    id_param(),
                    { "name": "office", "in": "query", "schema": { "type": "string", "default": "national" } },
                    { "name": "metric", "in": "query", "schema": { "type": "string" }, "description": "comma-separated series names (default: all)", "example": "arrests,target" },
                    { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["json", "csv"], "default": "json" } }
                ],
                "responses": merge(json!({ "200": { "description": "columns by series (JSON) or one row per day (CSV)", "content": { "application/json": {}, "text/csv": {} } }, "400": err("unknown office or metric (with a suggestion)") }), run_errors())
            } },
            "/api/runs/{id}/scorecards": { "get": {
                "summary": "Quarterly office scorecards (columns as scorecards.csv, docs/outputs.md)",
                "parameters": [id_param(), { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["json", "csv"], "default": "json" } }],
                "responses": merge(json!({ "200": { "description": "the scorecards", "content": { "application/json": {}, "text/csv": {} } } }), run_errors())
            } },
            "/api/runs/{id}/report": { "get": {
                "summary": "The HTML report (as caseload run --report); with ?baseline=<id>, the two runs compared",
                "parameters": [id_param(), { "name": "baseline", "in": "query", "schema": { "type": "string" } }],
                "responses": merge(json!({ "200": { "description": "one self-contained page", "content": { "text/html": {} } } }), run_errors())
            } },
            "/api/runs/{id}/scenario": { "get": {
                "summary": "The scenario text the run loaded (levers as [[interventions]]), to run again with caseload run",
                "parameters": [id_param()],
                "responses": { "200": { "description": "TOML", "content": { "application/toml": {} } }, "404": err("no such run"), "410": err("evicted") }
            } }
        },
        "components": { "schemas": {
            "Levers": { "type": "object", "additionalProperties": false, "properties": lever_props, "description": "absent = the scenario as written; each set lever appends one [[interventions]] table from the first measured day" },
            "RunRequest": {
                "type": "object", "additionalProperties": false,
                "description": "exactly one of scenario, toml, spec",
                "properties": {
                    "scenario": { "type": "string", "description": "a built-in name (GET /api/scenarios)" },
                    "toml": { "type": "string", "description": "a scenario file's text; `extends` built-ins only" },
                    "spec": { "type": "object", "description": "a scenario file's tables as JSON" },
                    "levers": { "$ref": "#/components/schemas/Levers" },
                    "overrides": { "type": "object", "additionalProperties": { "type": ["number", "boolean"] }, "description": "parameter paths (as caseload sweep) to values, e.g. {\"removal.flights_per_week\": 80}" },
                    "replications": { "type": "integer", "minimum": 1, "maximum": crate::request::MAX_REPLICATIONS },
                    "seed": { "type": "integer", "minimum": 0 },
                    "days": { "type": "integer", "minimum": 1, "maximum": 3660 }
                }
            },
            "Diagnostic": { "type": "object", "properties": {
                "file": { "type": "string" }, "line": { "type": "integer" }, "column": { "type": "integer" },
                "message": { "type": "string" }, "help": { "type": "string" },
                "text": { "type": "string", "description": "as the CLI prints it" }
            } },
            "Error": { "type": "object", "required": ["error", "message"], "properties": {
                "error": { "type": "string", "enum": ["bad_request", "body_too_large", "unsupported_media_type", "invalid_scenario", "limit_exceeded", "busy", "not_found", "evicted", "not_ready", "internal"] },
                "message": { "type": "string" }, "help": { "type": "string" },
                "limit": { "type": "string", "description": "which limit (limit_exceeded)" },
                "diagnostics": { "type": "array", "items": { "$ref": "#/components/schemas/Diagnostic" } }
            } },
            "RunStatus": { "type": "object", "properties": {
                "id": { "type": "string" },
                "state": { "type": "string", "enum": ["queued", "running", "done", "failed", "cancelled"] },
                "scenario": { "type": "string" }, "replications": { "type": "integer" }, "seed": { "type": "integer" },
                "progress": { "type": "object" }, "summary": { "type": "object" }, "links": { "type": "object" },
                "evicted": { "type": "array", "items": { "type": "string" } }
            } },
            "Series": { "type": "string", "enum": series },
            "Preview": { "type": "object", "properties": {
                "engine": { "type": "string", "enum": ["fluid"] },
                "note": { "type": "string" }, "compute_ms": { "type": "number" },
                "layout": { "type": "object" },
                "national": { "type": "array", "items": { "type": "array", "items": { "type": "number" } } },
                "offices": { "type": "array" }
            } }
        } }
    })
}

/// `GET /api/openapi.json`.
pub async fn document() -> Json<Value> {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    Json(DOC.get_or_init(build).clone())
}
