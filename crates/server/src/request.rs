//! What a client asks to run, from request body to a validated scenario and run options.
//!
//! A body is JSON ([`RunRequest`]) or a scenario file sent as `application/toml` (with
//! `replications` and `seed` in the query string). The scenario is a built-in by name, a
//! whole TOML file, or the same tables as JSON; then levers, overrides and run settings are
//! applied and the run's size is checked against the limits. Every problem with the
//! scenario comes back as the CLI's file:line:column diagnostics (422).
//!
//! Uploaded files may `extends` built-in scenarios only: the server never reads a path a
//! request names.

use std::collections::BTreeMap;

use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, DiagnosticJson};
use crate::levers::Levers;
use crate::limits::Limits;

/// Name under which an uploaded TOML file appears in diagnostics.
pub const TOML_ORIGIN: &str = "request.toml";
/// Name under which a JSON scenario (converted to TOML) appears in diagnostics.
pub const JSON_ORIGIN: &str = "request.json";
/// Most replications a run may ask for (besides the replication-days limit).
pub const MAX_REPLICATIONS: u32 = 10_000;

/// The JSON body of `POST /api/runs` and `POST /api/fluid`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// A built-in scenario name (`GET /api/scenarios`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// A whole scenario file (it may `extends` a built-in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toml: Option<String>,
    /// A scenario file written as JSON: the TOML's tables as objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<serde_json::Value>,
    /// The dashboard's levers.
    #[serde(default, skip_serializing_if = "Levers::is_empty")]
    pub levers: Levers,
    /// Parameter paths and values, as `caseload sweep` takes them
    /// (`{"removal.flights_per_week": 80, "detention.transfer_when_full": false}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, serde_json::Value>,
    /// Replications (default: the scenario's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replications: Option<u32>,
    /// Master seed (default: the scenario's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Measured days (default: the scenario's); the same as the override `days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// Query string of a TOML upload.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlQuery {
    /// Replications.
    pub replications: Option<u32>,
    /// Master seed.
    pub seed: Option<u64>,
}

/// A request turned into something the model can run.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The scenario (levers and overrides applied) and the evidence for its numbers; each
    /// override is listed among the sources as "set in the request".
    pub loaded: scenario::Loaded,
    /// Replications and seed.
    pub options: model::RunOptions,
    /// The request as understood, echoed in run status.
    pub request: RunRequest,
    /// The text that was loaded (the levers' interventions appended), when it was not a
    /// built-in as is.
    pub toml: Option<String>,
}

impl Prepared {
    /// Replications × (measured + warm-up days): what a run costs.
    pub fn replication_days(&self) -> u64 {
        let sc = &self.loaded.scenario;
        let reps = self.options.replications.unwrap_or(sc.replications).max(1) as u64;
        reps * (sc.days as u64 + sc.warmup_days as u64)
    }
}

/// Parses a request body by its content type.
pub fn parse_body(
    headers: &HeaderMap,
    body: &[u8],
    query: Option<&str>,
) -> Result<RunRequest, ApiError> {
    let ctype = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    match ctype.as_str() {
        "application/json" => serde_json::from_slice(body).map_err(|e| {
            ApiError::bad_request(
                format!("the body is not a valid run request: {e}"),
                "send {\"scenario\": \"<built-in name>\"} or {\"toml\": \"<scenario file>\"} or \
                 {\"spec\": {…}}, with optional levers, overrides, replications, seed, days",
            )
        }),
        "application/toml" | "text/toml" | "text/x-toml" | "text/plain" => {
            let text = std::str::from_utf8(body).map_err(|e| {
                ApiError::bad_request(
                    format!("the scenario file is not UTF-8: {e}"),
                    "send UTF-8 text",
                )
            })?;
            let q: TomlQuery = serde_urlencoded_query(query.unwrap_or(""))?;
            Ok(RunRequest {
                toml: Some(text.to_owned()),
                replications: q.replications,
                seed: q.seed,
                ..RunRequest::default()
            })
        }
        "" => Err(ApiError::UnsupportedMediaType("the request has no Content-Type".into())),
        other => Err(ApiError::UnsupportedMediaType(format!("cannot read a body of type {other}"))),
    }
}

fn serde_urlencoded_query<T: for<'de> Deserialize<'de>>(q: &str) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(
        &format!("/?{q}")
            .parse()
            .map_err(|_| ApiError::bad_request("bad query string", "check the URL"))?,
    )
    .map(|q| q.0)
    .map_err(|e| {
        ApiError::bad_request(
            format!("bad query string: {}", e.body_text()),
            "use ?replications=N&seed=S",
        )
    })
}

/// Loads, applies and checks a request. Slow parts (parsing ~250 KB of TOML) take a few
/// milliseconds; callers run it off the async threads.
pub fn prepare(req: RunRequest, limits: &Limits) -> Result<Prepared, ApiError> {
    req.levers.check()?;
    let given = [req.scenario.is_some(), req.toml.is_some(), req.spec.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(ApiError::bad_request(
            "give exactly one of `scenario`, `toml` and `spec`",
            "`scenario` names a built-in (GET /api/scenarios); `toml` is a scenario file's \
             text; `spec` is the same tables as JSON",
        ));
    }
    if let Some(r) = req.replications
        && !(1..=MAX_REPLICATIONS).contains(&r)
    {
        return Err(ApiError::bad_request(
            format!("`replications` = {r} is outside 1..={MAX_REPLICATIONS}"),
            "ask for at least one replication",
        ));
    }
    // The text to load and the name diagnostics give it.
    let (base_text, origin) = match (&req.scenario, &req.toml, &req.spec) {
        (Some(name), _, _) => {
            if scenario::builtin(name).is_none() {
                return Err(unknown_builtin(name));
            }
            (None, name.clone())
        }
        (_, Some(text), _) => (Some(text.clone()), TOML_ORIGIN.to_owned()),
        (_, _, Some(spec)) => (Some(json_to_toml(spec)?), JSON_ORIGIN.to_owned()),
        _ => unreachable!("checked above"),
    };
    if let Some(text) = &base_text {
        check_extends(text, &origin)?;
    }
    let load = |text: &Option<String>| match text {
        None => scenario::load_builtin(&origin),
        Some(t) => scenario::load_str(t, &origin),
    };
    let mut loaded = load(&base_text)?;
    let mut text = base_text;
    if !req.levers.is_empty() {
        let sc = &loaded.scenario;
        let interior: Vec<String> =
            sc.offices.iter().filter(|o| !o.land_border).map(|o| o.name.clone()).collect();
        let extra = req.levers.to_toml(&sc.start.to_string(), &interior);
        let mut t = text.unwrap_or_else(|| {
            format!(
                "[scenario]\nextends = \"{origin}\"\nname = \"{origin}+levers\"\n\
                 description = \"{origin} with the dashboard's levers moved\"\n"
            )
        });
        t.push_str(&extra);
        let origin_now = if req.scenario.is_some() { TOML_ORIGIN } else { origin.as_str() };
        loaded = scenario::load_str(&t, origin_now)?;
        text = Some(t);
    }
    apply_overrides(&mut loaded, &req)?;
    let options = model::RunOptions { replications: req.replications, seed: req.seed, threads: 0 };
    let prepared = Prepared { loaded, options, request: req, toml: text };
    let cost = prepared.replication_days();
    if cost > limits.max_replication_days {
        let sc = &prepared.loaded.scenario;
        let reps = prepared.options.replications.unwrap_or(sc.replications);
        return Err(ApiError::LimitExceeded {
            limit: "max_replication_days",
            message: format!(
                "the run is {reps} replications × ({} days + {} warm-up days) = {cost} \
                 replication-days, more than the server's limit of {}",
                sc.days, sc.warmup_days, limits.max_replication_days
            ),
            help: "ask for fewer replications or days, or start the server with a larger \
                   --max-replication-days"
                .into(),
        });
    }
    Ok(prepared)
}

fn unknown_builtin(name: &str) -> ApiError {
    let names = scenario::builtin_names().iter().copied();
    let help = scenario::names::did_you_mean(name, names.clone())
        .unwrap_or_else(|| format!("built-in scenarios: {}", scenario::names::list(names)));
    ApiError::NotFound(format!("no built-in scenario \"{name}\" ({help})"))
}

/// Applies `days` and the overrides; every bad path or value is reported at once.
fn apply_overrides(loaded: &mut scenario::Loaded, req: &RunRequest) -> Result<(), ApiError> {
    use scenario::overrides::{Value, consistent, set};
    // The levers that set a value no intervention changes come first, so an explicit
    // override of the same path wins.
    let lever_values: Vec<(String, serde_json::Value)> =
        req.levers.overrides().into_iter().map(|(p, v)| (p, v.into())).collect();
    let mut all: Vec<(String, &serde_json::Value, &str)> =
        lever_values.iter().map(|(k, v)| (k.clone(), v, "dashboard lever")).collect();
    all.extend(
        req.overrides.iter().map(|(k, v)| (k.clone(), v, "set in the request (API override)")),
    );
    let days_json = req.days.map(serde_json::Value::from);
    if let Some(d) = &days_json {
        all.push(("days".into(), d, "set in the request (API override)"));
    }
    let mut problems = Vec::new();
    for (path, v, origin) in all {
        let value = match v {
            serde_json::Value::Number(n) => n.as_f64().map(Value::Number),
            serde_json::Value::Bool(b) => Some(Value::Flag(*b)),
            _ => None,
        };
        let Some(value) = value else {
            problems.push(override_diag(
                &path,
                format!("`{path}` takes a number or true/false, not {v}"),
                None,
            ));
            continue;
        };
        match set(&mut loaded.scenario, &path, value) {
            Ok(()) => loaded.sources.push(scenario::SourceEntry {
                parameter: path.clone(),
                value: value.to_string(),
                source: origin.into(),
                as_of: None,
                range: None,
                note: None,
                announced: None,
            }),
            Err(e) => problems.push(override_diag(&path, e.message, e.help)),
        }
    }
    if problems.is_empty()
        && let Err(why) = consistent(&loaded.scenario)
    {
        problems.push(override_diag("overrides", why, None));
    }
    if problems.is_empty() { Ok(()) } else { Err(ApiError::InvalidScenario(problems)) }
}

fn override_diag(path: &str, message: String, help: Option<String>) -> DiagnosticJson {
    let mut text = format!("error: {message}\n  --> overrides.{path}");
    if let Some(h) = &help {
        text.push_str(&format!("\n   = help: {h}"));
    }
    DiagnosticJson { file: format!("overrides.{path}"), line: 0, column: 0, message, help, text }
}

/// Refuses an `extends` that is not a built-in, with its position: the server does not
/// read files a request names. (Syntax errors are left to the loader, which places them.)
fn check_extends(text: &str, origin: &str) -> Result<(), ApiError> {
    let Some(found) = scenario::extends_of(text) else { return Ok(()) };
    if found.is_builtin() {
        return Ok(());
    }
    let (ext, line, column) = (&found.value, found.line, found.column);
    let names = scenario::names::list(scenario::builtin_names().iter().copied());
    let message = format!("`extends` = {ext} is not a built-in scenario");
    let help = format!(
        "the server extends built-in scenarios only ({names}); it does not read files. Send the \
         parent's tables in this file instead"
    );
    let text_r = format!("error: {message}\n  --> {origin}:{line}:{column}\n   = help: {help}");
    Err(ApiError::InvalidScenario(vec![DiagnosticJson {
        file: origin.to_owned(),
        line,
        column,
        message,
        help: Some(help),
        text: text_r,
    }]))
}

/// A JSON scenario as TOML text (diagnostics then point into this text, which the 422
/// response cannot show; send TOML for exact positions).
fn json_to_toml(spec: &serde_json::Value) -> Result<String, ApiError> {
    if !spec.is_object() {
        return Err(ApiError::bad_request(
            "`spec` must be an object (the scenario's tables)",
            "e.g. {\"scenario\": {\"extends\": \"baseline-fy2025\", \"days\": 90}}",
        ));
    }
    toml::to_string(spec).map_err(|e| {
        ApiError::bad_request(
            format!("`spec` cannot be written as TOML: {e}"),
            "TOML has no null; leave the key out instead",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: &str) -> RunRequest {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn extends_outside_the_builtins_is_refused_with_its_position() {
        let e = check_extends(
            "[scenario]\nname = \"x\"\n  extends = \"../secret.toml\"\n",
            "request.toml",
        );
        let Err(ApiError::InvalidScenario(d)) = e else { panic!("{e:?}") };
        assert_eq!((d[0].line, d[0].column), (3, 13));
        assert!(d[0].message.contains("is not a built-in scenario"), "{}", d[0].message);
        check_extends("[scenario]\nextends = \"baseline-fy2025\"\n", "request.toml").unwrap();
    }

    #[test]
    fn exactly_one_source_and_sane_replications() {
        let l = Limits::default();
        assert!(matches!(prepare(req("{}"), &l), Err(ApiError::BadRequest { .. })));
        let two = req(r#"{"scenario":"baseline-fy2025","toml":"x = 1"}"#);
        assert!(matches!(prepare(two, &l), Err(ApiError::BadRequest { .. })));
        let zero = req(r#"{"scenario":"baseline-fy2025","replications":0}"#);
        assert!(matches!(prepare(zero, &l), Err(ApiError::BadRequest { .. })));
        let unknown = req(r#"{"scenario":"baseline-fy2052"}"#);
        let Err(ApiError::NotFound(m)) = prepare(unknown, &l) else { panic!() };
        assert!(m.contains("no built-in scenario \"baseline-fy2052\" (did you mean"), "{m}");
    }

    #[test]
    fn json_specs_become_toml() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"scenario":{"extends":"baseline-fy2025","days":30}}"#)
                .unwrap();
        let t = json_to_toml(&v).unwrap();
        assert!(t.contains("[scenario]") && t.contains("days = 30"), "{t}");
        assert!(json_to_toml(&serde_json::json!([1])).is_err());
        assert!(json_to_toml(&serde_json::json!({"a": null})).is_err());
    }
}
