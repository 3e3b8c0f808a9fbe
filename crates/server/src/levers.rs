//! The dashboard's main levers, as scenario interventions.
//!
//! A lever is not a new mechanism: each one becomes an `[[interventions]]` table in the
//! scenario language, appended to the scenario being run and validated like any file, so
//! a what-if built with the sliders is a scenario `caseload run` could run (the API returns
//! the text, [`Levers::to_toml`]). Every number a lever writes is marked as an assumption
//! with the lever's range, as the format requires.
//!
//! Levers that add (beds, agents, partners, hires) are 0 by default, so an untouched lever
//! is the baseline exactly; the two that set a level (target, flights) are absent by
//! default for the same reason. Each applies from the first measured day.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// Values of the main levers. `None` (or absent in JSON) leaves the scenario as it is.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Levers {
    /// National interior arrest target, arrests per day, from the first measured day
    /// (a `target` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_per_day: Option<f64>,
    /// Detention beds added nationally, in contract facilities, placed pro rata to the
    /// beds each office has, phased in over 60 days (a `beds` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beds_added: Option<f64>,
    /// Border Patrol agents detailed from the southwest sectors to the interior (non-border)
    /// offices, equally (a `deploy` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bp_agents_inland: Option<f64>,
    /// Partner officers deputized in every office on the 287(g) task-force model (a
    /// `deputize` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deputized_officers: Option<f64>,
    /// Charter removal flights per week, from the first measured day (a `flights`
    /// intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flights_per_week: Option<f64>,
    /// ERO officers hired: six monthly academy intakes from the first measured day, each
    /// joining 90 days after intake, pro rata to offices' officers (a `hire` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officers_hired: Option<f64>,
}

/// One lever's description for the dashboard and the OpenAPI document.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct LeverInfo {
    /// Field name in [`Levers`].
    pub key: &'static str,
    /// Label on the slider.
    pub label: &'static str,
    /// Unit shown next to the value.
    pub unit: &'static str,
    /// Allowed range (inclusive).
    pub min: f64,
    /// Allowed range (inclusive).
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// What moving it does, in the model's terms.
    pub doc: &'static str,
}

/// The levers, in dashboard order.
pub const LEVERS: [LeverInfo; 6] = [
    LeverInfo {
        key: "target_per_day",
        label: "National arrest target",
        unit: "arrests/day",
        min: 0.0,
        max: 10_000.0,
        step: 50.0,
        doc: "national interior arrest target from the first day; offices answer a shortfall with overtime and more at-large and public-space work",
    },
    LeverInfo {
        key: "beds_added",
        label: "Detention beds added",
        unit: "beds",
        min: 0.0,
        max: 100_000.0,
        step: 1_000.0,
        doc: "contract beds added nationally, where beds are now, phased in over 60 days",
    },
    LeverInfo {
        key: "bp_agents_inland",
        label: "Border Patrol agents inland",
        unit: "agents",
        min: 0.0,
        max: 10_000.0,
        step: 100.0,
        doc: "agents detailed from the southwest sectors to the interior offices (arrests per agent-day 0.15, 7-day ramp); the border loses them",
    },
    LeverInfo {
        key: "deputized_officers",
        label: "Deputized partner officers",
        unit: "officers",
        min: 0.0,
        max: 20_000.0,
        step: 250.0,
        doc: "287(g) task-force officers in every office (15% of their time, 0.15 arrests per officer-day, 30-day ramp)",
    },
    LeverInfo {
        key: "flights_per_week",
        label: "Removal flights",
        unit: "flights/week",
        min: 0.0,
        max: 500.0,
        step: 1.0,
        doc: "charter removal flights per week from the first day",
    },
    LeverInfo {
        key: "officers_hired",
        label: "ERO officers hired",
        unit: "officers",
        min: 0.0,
        max: 20_000.0,
        step: 250.0,
        doc: "new deportation officers in six monthly intakes, each joining 90 days after intake",
    },
];

impl Levers {
    /// The levers that are set, as `(info, value)`.
    pub fn set(&self) -> Vec<(&'static LeverInfo, f64)> {
        let values = [
            self.target_per_day,
            self.beds_added,
            self.bp_agents_inland,
            self.deputized_officers,
            self.flights_per_week,
            self.officers_hired,
        ];
        LEVERS.iter().zip(values).filter_map(|(info, v)| v.map(|v| (info, v))).collect()
    }

    /// True when no lever is set (the run is the scenario as written).
    pub fn is_empty(&self) -> bool {
        self.set().is_empty()
    }

    /// Checks every value against its lever's range; the error names each bad lever.
    pub fn check(&self) -> Result<(), ApiError> {
        let bad: Vec<String> = self
            .set()
            .into_iter()
            .filter(|(info, v)| !v.is_finite() || *v < info.min || *v > info.max)
            .map(|(info, v)| {
                format!("`levers.{}` = {v} is outside {}..={}", info.key, info.min, info.max)
            })
            .collect();
        if bad.is_empty() {
            return Ok(());
        }
        Err(ApiError::bad_request(
            bad.join("; "),
            "each lever takes a number in its range (GET /api/scenarios/{name} lists them)",
        ))
    }

    /// The `[[interventions]]` tables for the set levers, starting on `start`
    /// (`YYYY-MM-DD`). `interior_offices` receive Border Patrol agents.
    pub fn to_toml(&self, start: &str, interior_offices: &[String]) -> String {
        let mut out = String::new();
        for (info, v) in self.set() {
            let num = |x: f64, lo: f64, hi: f64, note: &str| {
                format!(
                    "{{ value = {x}, assumption = true, range = [{lo}, {hi}], note = \"{note}\" }}"
                )
            };
            let lever = |x: f64| num(x, info.min, info.max, "dashboard lever");
            let _ = writeln!(out, "\n[[interventions]]  # lever: {}", info.label);
            let _ = writeln!(out, "at = \"{start}\"");
            let body = match info.key {
                "target_per_day" => format!("kind = \"target\"\narrests_per_day = {}\n", lever(v)),
                "beds_added" => format!(
                    "kind = \"beds\"\nfacility = \"contract\"\nchange = {}\nphase_days = {}\n",
                    lever(v),
                    num(60.0, 0.0, 180.0, "time to open and staff new contract beds")
                ),
                "bp_agents_inland" => {
                    let offices: Vec<String> =
                        interior_offices.iter().map(|o| format!("{o:?}")).collect();
                    format!(
                        "kind = \"deploy\"\nagents = {}\nfrom = [\"southwest\"]\noffices = [{}]\n\
                         ramp_days = {}\narrests_per_agent_day = {}\n",
                        lever(v),
                        offices.join(", "),
                        num(7.0, 3.0, 30.0, "tactical teams arrive ready"),
                        num(0.15, 0.05, 0.4, "public-space operations, as the baseline's details"),
                    )
                }
                "deputized_officers" => format!(
                    "kind = \"deputize\"\nagency = \"287g\"\nofficers = {}\noffices = [\"all\"]\n\
                     time_share = {}\nramp_days = {}\narrests_per_officer_day = {}\n",
                    lever(v),
                    num(0.15, 0.05, 0.4, "as the baseline's 287(g) task-force officers"),
                    num(30.0, 14.0, 90.0, "287(g) training"),
                    num(0.15, 0.03, 0.5, "as the baseline's 287(g) task-force officers"),
                ),
                "flights_per_week" => {
                    format!("kind = \"flights\"\nflights_per_week = {}\n", lever(v))
                }
                "officers_hired" => format!(
                    "kind = \"hire\"\ntotal = {}\nofficers_per_month = {}\nacademy_days = {}\n\
                     offices = [\"all\"]\ndistribution = \"officers\"\n",
                    lever(v),
                    num(v / 6.0, 0.0, info.max / 6.0, "six monthly intakes"),
                    num(90.0, 45.0, 180.0, "ICE academy and field training"),
                ),
                _ => unreachable!("every lever has a table"),
            };
            out.push_str(&body);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_levers_write_nothing_and_ranges_are_checked() {
        assert!(Levers::default().is_empty());
        assert_eq!(Levers::default().to_toml("2024-10-01", &[]), "");
        let l =
            Levers { flights_per_week: Some(900.0), beds_added: Some(-1.0), ..Levers::default() };
        let e = l.check().unwrap_err();
        let ApiError::BadRequest { message, .. } = e else { panic!() };
        assert!(message.contains("`levers.beds_added` = -1 is outside 0..=100000"), "{message}");
        assert!(message.contains("`levers.flights_per_week` = 900"), "{message}");
        let nan = Levers { target_per_day: Some(f64::NAN), ..Levers::default() };
        assert!(nan.check().is_err());
    }

    #[test]
    fn every_lever_is_described_once() {
        let all = Levers {
            target_per_day: Some(1.0),
            beds_added: Some(1.0),
            bp_agents_inland: Some(1.0),
            deputized_officers: Some(1.0),
            flights_per_week: Some(1.0),
            officers_hired: Some(1.0),
        };
        let keys: Vec<&str> = all.set().iter().map(|(i, _)| i.key).collect();
        let json = serde_json::to_value(&all).unwrap();
        let names: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, names, "LEVERS and the struct agree");
        assert_eq!(
            all.to_toml("2024-10-01", &["Chicago".into()]).matches("[[interventions]]").count(),
            6
        );
    }
}
