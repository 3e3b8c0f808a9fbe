//! `GET /api/scenarios` and `GET /api/scenarios/{name}`: the built-in scenarios.

use axum::Json;
use axum::extract::{Path, State};
use model::{Date, InterventionKind, Scenario};
use serde_json::{Value, json};

use super::blocking;
use crate::AppState;
use crate::error::ApiError;
use crate::levers::LEVERS;

/// Every built-in with its description and run settings (loaded once, then remembered).
pub async fn list(State(s): State<AppState>) -> Result<Json<Value>, ApiError> {
    if let Some(v) = s.inner.scenarios.get() {
        return Ok(Json(json!({ "scenarios": v })));
    }
    let list = blocking(|| {
        scenario::builtin_names()
            .iter()
            .map(|name| {
                let l = scenario::load_builtin(name).map_err(|e| {
                    ApiError::Internal(format!("built-in {name} does not load: {e}"))
                })?;
                Ok(brief(&l.scenario, name))
            })
            .collect::<Result<Vec<Value>, ApiError>>()
    })
    .await?;
    let v = s.inner.scenarios.get_or_init(|| list);
    Ok(Json(json!({ "scenarios": v })))
}

fn brief(sc: &Scenario, name: &str) -> Value {
    json!({
        "name": name,
        "description": sc.description,
        "start": sc.start.to_string(),
        "days": sc.days,
        "warmup_days": sc.warmup_days,
        "replications": sc.replications,
        "seed": sc.seed,
        "offices": sc.offices.len(),
        "links": { "self": format!("/api/scenarios/{name}") },
    })
}

/// One built-in: its TOML, the resolved values the model runs, and the levers with the
/// scenario's own values next to them.
pub async fn one(Path(name): Path<String>) -> Result<Json<Value>, ApiError> {
    let Some(text) = scenario::builtin(&name) else {
        let names = scenario::builtin_names().iter().copied();
        let help = scenario::names::did_you_mean(&name, names.clone())
            .unwrap_or_else(|| format!("built-in scenarios: {}", scenario::names::list(names)));
        return Err(ApiError::NotFound(format!("no built-in scenario \"{name}\" ({help})")));
    };
    blocking(move || {
        let l = scenario::load_builtin(&name)
            .map_err(|e| ApiError::Internal(format!("built-in {name} does not load: {e}")))?;
        let sc = &l.scenario;
        let mut v = brief(sc, &name);
        let levers: Vec<Value> = LEVERS
            .iter()
            .map(|info| {
                let (value, doc) = scenario_value(sc, info.key);
                let mut x = serde_json::to_value(info).unwrap_or_default();
                x["doc"] = info.described().into();
                x["scenario_value"] = value.into();
                x["scenario_value_doc"] = doc.into();
                x["adds"] = (!matches!(info.key, "target_per_day" | "flights_per_week")
                    && crate::levers::override_paths(info.key).is_none())
                .into();
                x
            })
            .collect();
        let o = v.as_object_mut().expect("an object");
        o.insert("toml".into(), text.into());
        o.insert("files".into(), json!(l.files));
        o.insert("sources".into(), json!(l.sources.len()));
        o.insert(
            "assumptions".into(),
            json!(l.sources.iter().filter(|s| s.is_assumption()).count()),
        );
        o.insert("levers".into(), Value::Array(levers));
        o.insert("parameters".into(), json!(scenario::overrides::params(sc).len()));
        o.insert("resolved".into(), serde_json::to_value(sc).unwrap_or_default());
        Ok(Json(v))
    })
    .await
}

/// What the scenario itself has for a lever on its last measured day, and what that is.
fn scenario_value(sc: &Scenario, key: &str) -> (f64, &'static str) {
    let end = sc.end();
    let active = |at: Date, until: Option<Date>| at <= end && until.is_none_or(|u| u >= end);
    match key {
        "target_per_day" => {
            (sc.channels.national_target_per_day.at(end), "national arrest target on the last day")
        }
        "beds_added" => (
            sc.offices.iter().flat_map(|o| &o.beds).map(|b| b.beds.at(end)).sum(),
            "detention beds on the last day (the lever adds to these)",
        ),
        "bp_agents_inland" => (
            sc.interventions
                .iter()
                .filter_map(|iv| match &iv.kind {
                    InterventionKind::Deploy { agents, until, .. } if active(iv.at, *until) => {
                        Some(*agents)
                    }
                    _ => None,
                })
                .sum(),
            "agents detailed inland on the last day (the lever adds to these)",
        ),
        "deputized_officers" => (
            sc.interventions
                .iter()
                .filter_map(|iv| match &iv.kind {
                    InterventionKind::Deputize { officers, until, .. } if active(iv.at, *until) => {
                        Some(*officers)
                    }
                    _ => None,
                })
                .sum(),
            "deputized partner officers on the last day (the lever adds to these)",
        ),
        "judges_added" => (
            sc.courts.detained_docket_slots.at(end)
                / scenario::levers::assumption("judges_added", "slots_per_judge")
                    .map_or(1.0, |a| a.value),
            "judges on the detained docket on the last day, as its slots over slots_per_judge (the lever adds to these)",
        ),
        "flights_per_week" => (
            sc.removal.flights_per_week.at(end),
            "charter removal flights per week on the last day",
        ),
        "officers_hired" => (
            sc.offices.iter().map(|o| o.officers.at(end)).sum(),
            "ERO officers on the last day (the lever adds to these)",
        ),
        "surge_share" => (
            sc.detention.surge_share[model::FacilityKind::Contract.index()],
            "contract facilities' surge share (the lever sets every facility type's)",
        ),
        "atd_capacity" => match sc.detention.atd_capacity.at(end) {
            c if c.is_finite() => (c, "ATD capacity on the last day"),
            _ => (1_000_000.0, "no ATD capacity limit in the scenario (shown at the lever's top)"),
        },
        "atd_enrol_share" => {
            (sc.detention.atd_enrol_share.at(end), "ATD enrolment share on the last day")
        }
        "non_detained_judges" => (
            sc.courts.non_detained_judges.at(end),
            "immigration judges on the non-detained docket on the last day",
        ),
        _ => (0.0, ""),
    }
}
