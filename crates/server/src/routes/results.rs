//! A finished run's results: `daily` (JSON or CSV), `scorecards`, `report` (HTML) and the
//! scenario text it ran.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::{blocking, typed};
use crate::AppState;
use crate::error::ApiError;
use crate::runs::{Finished, Phase, Run, csv_cell};
use crate::series::Series;

/// The results of a done run, or 409 saying why there are none.
fn finished(run: &Run) -> Result<Arc<Finished>, ApiError> {
    run.finished().ok_or_else(|| {
        let phase = run.phase();
        let why = match phase {
            Phase::Queued | Phase::Running => {
                "has not finished yet; follow /events or poll its status"
            }
            Phase::Failed => "failed; its status says why",
            Phase::Cancelled => "was cancelled",
            Phase::Done => "is done",
        };
        ApiError::Conflict(format!("run {} {why} (state: {})", run.id, phase.name()))
    })
}

/// `json` (default) or `csv`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON.
    #[default]
    Json,
    /// CSV with a header line.
    Csv,
}

/// Query of `/daily`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DailyQuery {
    /// `national` (default) or an office name.
    office: Option<String>,
    /// Comma-separated series names (default: all).
    metric: Option<String>,
    /// `json` or `csv`.
    #[serde(default)]
    format: Format,
}

fn query<T>(
    q: Result<Query<T>, axum::extract::rejection::QueryRejection>,
    help: &str,
) -> Result<T, ApiError> {
    q.map(|q| q.0).map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text()), help))
}

/// Mean daily series (over replications) of one office or the nation.
pub async fn daily(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<DailyQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q, "use ?office=<name|national>&metric=<a,b>&format=<json|csv>")?;
    let run = s.runs().get(&id)?;
    let f = finished(&run)?;
    let office = match q.office.as_deref() {
        None | Some("national") => None,
        Some(name) => match f.offices.iter().position(|o| o == name) {
            Some(o) => Some(o),
            None => {
                let names = f.offices.iter().map(String::as_str);
                let help = scenario::names::did_you_mean(name, names).unwrap_or_else(|| {
                    "`national` or an office name (see the run's layout)".into()
                });
                return Err(ApiError::bad_request(format!("no office \"{name}\""), help));
            }
        },
    };
    let series: Vec<Series> = match q.metric.as_deref() {
        None | Some("") => Series::all(),
        Some(list) => list
            .split(',')
            .map(|n| {
                let n = n.trim();
                Series::by_name(n).ok_or_else(|| {
                    let all = Series::all();
                    let names = all.iter().map(|s| s.name());
                    let help = scenario::names::did_you_mean(n, names.clone())
                        .unwrap_or_else(|| format!("series: {}", scenario::names::list(names)));
                    ApiError::bad_request(format!("no metric \"{n}\""), help)
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let d = &f.daily;
    let days = d.days();
    let office_name = office.map_or("national", |o| f.offices[o].as_str());
    let dates = &f.dates;
    match q.format {
        Format::Json => {
            let mut metrics = serde_json::Map::new();
            for s in &series {
                let v: Vec<f64> = (0..days).map(|t| s.value(d, t, office)).collect();
                metrics.insert(s.name().into(), json!(v));
            }
            let docs: serde_json::Map<String, serde_json::Value> =
                series.iter().map(|s| (s.name().to_owned(), s.doc().into())).collect();
            Ok(Json(json!({
                "run": run.id.to_string(),
                "office": office_name,
                "replications": run.replications,
                "statistic": "mean over replications",
                "dates": dates,
                "metrics": metrics,
                "docs": docs,
            }))
            .into_response())
        }
        Format::Csv => {
            let mut out = String::from("date,office");
            for s in &series {
                out.push(',');
                out.push_str(s.name());
            }
            out.push('\n');
            let office_cell = csv_cell(office_name);
            for (t, date) in dates.iter().enumerate() {
                out.push_str(date);
                out.push(',');
                out.push_str(&office_cell);
                for s in &series {
                    out.push(',');
                    out.push_str(&s.value(d, t, office).to_string());
                }
                out.push('\n');
            }
            Ok(typed("text/csv; charset=utf-8", out))
        }
    }
}

/// Query of `/scorecards`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatQuery {
    #[serde(default)]
    format: Format,
}

/// Quarterly office scorecards (as scorecards.csv, docs/outputs.md).
pub async fn scorecards(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<FormatQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q, "use ?format=json or ?format=csv")?;
    let run = s.runs().get(&id)?;
    let f = finished(&run)?;
    match q.format {
        Format::Json => {
            Ok(Json(json!({ "run": run.id.to_string(), "scorecards": f.scorecards }))
                .into_response())
        }
        Format::Csv => Ok(typed("text/csv; charset=utf-8", f.scorecards_csv.clone())),
    }
}

/// Query of `/report`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// Another done run to draw as the baseline (side by side, overlaid).
    baseline: Option<String>,
}

/// The HTML report of the run (the same page as `caseload run --report`), or of a
/// baseline run and this one with `?baseline=<id>`.
pub async fn report(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<ReportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q, "use ?baseline=<run id> to compare with another run")?;
    let run = s.runs().get(&id)?;
    let f = finished(&run)?;
    let base = match &q.baseline {
        Some(b) => Some(finished(&*s.runs().get(b)?)?),
        None => None,
    };
    let html = blocking(move || {
        let pages = match &base {
            Some(bf) => output::report::render(&[&bf.report, &f.report]),
            None => output::report::render(&[&f.report]),
        };
        pages.map_err(|e| ApiError::Internal(format!("report: {e}")))
    })
    .await?;
    let mut resp = typed("text/html; charset=utf-8", html);
    resp.headers_mut().insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:",
        ),
    );
    Ok(resp)
}

/// The scenario text the run loaded (the levers' interventions appended), as TOML.
pub async fn scenario_text(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let run = s.runs().get(&id)?;
    let text = match (&run.toml, &run.request.scenario) {
        (Some(t), _) => t.clone(),
        (None, Some(name)) => format!(
            "[scenario]\nextends = \"{name}\"\n# the built-in as written (GET /api/scenarios/{name})\n"
        ),
        (None, None) => String::new(),
    };
    let mut text = text;
    if !run.request.overrides.is_empty() || run.request.days.is_some() {
        text.push_str("\n# also applied (overrides, not expressible as a file):\n");
        for (k, v) in &run.request.overrides {
            text.push_str(&format!("#   {k} = {v}\n"));
        }
        if let Some(d) = run.request.days {
            text.push_str(&format!("#   days = {d}\n"));
        }
    }
    Ok(typed("application/toml; charset=utf-8", text))
}
