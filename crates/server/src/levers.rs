//! The dashboard's main levers, as scenario interventions.
//!
//! A lever is not a new mechanism: each one becomes an `[[interventions]]` table in the
//! scenario language, appended to the scenario being run and validated like any file, so
//! a what-if built with the sliders is a scenario `caseload run` could run (the API returns
//! the text, [`Levers::to_toml`]). Every number a lever writes is marked as an assumption
//! with the lever's range, as the format requires.
//!
//! Levers that add (beds, agents, partners, hires) are 0 by default, so an untouched lever
//! is the baseline exactly; those that set a level (target, flights, and the detention and
//! docket levels below) are absent by default for the same reason. Each intervention lever
//! applies from the first measured day.
//!
//! Four levers set a scenario value that no intervention kind changes — the surge limit
//! above rated beds, ATD capacity and enrolment, and the non-detained docket's judges.
//! They are applied as parameter paths (as `caseload sweep` and the API's `overrides` set
//! them, [`Levers::overrides`]), for the whole run warm-up included, and the scenario text
//! notes each as a comment with its path.

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
    /// Immigration judges added to the detained docket, hired and trained over a ramp (a
    /// `judges` intervention adding their docket slots).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judges_added: Option<f64>,
    /// Charter removal flights per week, from the first measured day (a `flights`
    /// intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flights_per_week: Option<f64>,
    /// ERO officers hired: six monthly academy intakes from the first measured day, each
    /// joining 90 days after intake, pro rata to offices' officers (a `hire` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officers_hired: Option<f64>,
    /// Surge limit: the share of rated beds every facility type may hold above them
    /// (`detention.surge_share.<type>`, all types).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surge_share: Option<f64>,
    /// ATD capacity, participants (`detention.atd_capacity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atd_capacity: Option<f64>,
    /// Share of those released under supervision enrolled in ATD
    /// (`detention.atd_enrol_share`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atd_enrol_share: Option<f64>,
    /// Immigration judges on the non-detained docket (`courts.non_detained_judges`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub non_detained_judges: Option<f64>,
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

impl LeverInfo {
    /// [`LeverInfo::doc`] followed by the numbers the lever assumes (from
    /// `scenario::levers`), e.g. "…; assumes ramp_days = 7 (3–30)".
    pub fn described(&self) -> String {
        let Some(fields) = assumptions().get(self.key) else { return self.doc.to_owned() };
        let each: Vec<String> = fields
            .iter()
            .map(|(k, a)| format!("{k} = {} ({}–{})", a.value, a.range[0], a.range[1]))
            .collect();
        format!("{}; assumes {}", self.doc, each.join(", "))
    }
}

/// The levers, in dashboard order.
pub const LEVERS: [LeverInfo; 11] = [
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
        doc: "contract beds added nationally, where beds are now, phased in",
    },
    LeverInfo {
        key: "bp_agents_inland",
        label: "Border Patrol agents inland",
        unit: "agents",
        min: 0.0,
        max: 10_000.0,
        step: 100.0,
        doc: "agents detailed from the southwest sectors to the interior offices, after a ramp; the border loses them",
    },
    LeverInfo {
        key: "deputized_officers",
        label: "Deputized partner officers",
        unit: "officers",
        min: 0.0,
        max: 20_000.0,
        step: 250.0,
        doc: "287(g) task-force officers in every office, for part of their time, after a ramp",
    },
    LeverInfo {
        key: "judges_added",
        label: "Immigration judges added",
        unit: "judges",
        min: 0.0,
        max: 2_000.0,
        step: 25.0,
        doc: "judges added to the detained docket (their concurrent cases as docket slots), after hiring and training",
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
        doc: "new deportation officers in six monthly intakes, each joining after the academy",
    },
    LeverInfo {
        key: "surge_share",
        label: "Surge limit above rated beds",
        unit: "share of rated beds",
        min: 0.0,
        max: 1.0,
        step: 0.05,
        doc: "how far above its rated beds every facility type may hold people (at the surge cost premium) before transfers, CBP holding and releases",
    },
    LeverInfo {
        key: "atd_capacity",
        label: "ATD capacity",
        unit: "participants",
        min: 0.0,
        max: 1_000_000.0,
        step: 5_000.0,
        doc: "most people alternatives to detention can supervise at once; enrolments stop at it",
    },
    LeverInfo {
        key: "atd_enrol_share",
        label: "ATD enrolment",
        unit: "share of releases",
        min: 0.0,
        max: 1.0,
        step: 0.01,
        doc: "share of those released under supervision (and new non-detained cases) enrolled in ATD",
    },
    LeverInfo {
        key: "non_detained_judges",
        label: "Immigration judges (non-detained docket)",
        unit: "judges",
        min: 0.0,
        max: 3_000.0,
        step: 25.0,
        doc: "immigration judges completing non-detained cases (the court backlog), for the whole run",
    },
];

/// The parameter paths a lever sets instead of writing an intervention, if it is one of
/// those (see the module doc).
pub fn override_paths(key: &str) -> Option<Vec<String>> {
    match key {
        "surge_share" => Some(
            model::FacilityKind::ALL
                .iter()
                .map(|k| format!("detention.surge_share.{}", k.name()))
                .collect(),
        ),
        "atd_capacity" => Some(vec!["detention.atd_capacity".into()]),
        "atd_enrol_share" => Some(vec!["detention.atd_enrol_share".into()]),
        "non_detained_judges" => Some(vec!["courts.non_detained_judges".into()]),
        _ => None,
    }
}

impl Levers {
    /// The levers that are set, as `(info, value)`.
    pub fn set(&self) -> Vec<(&'static LeverInfo, f64)> {
        let values = [
            self.target_per_day,
            self.beds_added,
            self.bp_agents_inland,
            self.deputized_officers,
            self.judges_added,
            self.flights_per_week,
            self.officers_hired,
            self.surge_share,
            self.atd_capacity,
            self.atd_enrol_share,
            self.non_detained_judges,
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
    /// (`YYYY-MM-DD`), written by the `toml` serializer. `interior_offices` receive Border
    /// Patrol agents.
    pub fn to_toml(&self, start: &str, interior_offices: &[String]) -> String {
        let mut out = String::new();
        for (info, v) in self.set() {
            if let Some(paths) = override_paths(info.key) {
                let each: Vec<String> = paths.iter().map(|p| format!("{p} = {v}")).collect();
                out.push_str(&format!(
                    "\n# lever: {} (not an intervention; set as {})\n",
                    info.label,
                    each.join(", ")
                ));
                continue;
            }
            let mut table = toml::Table::new();
            table.insert("at".into(), start.into());
            for (key, value) in lever_fields(info, v, interior_offices) {
                table.insert(key.into(), value);
            }
            let doc = Interventions { interventions: vec![table] };
            let body = toml::to_string(&doc).expect("lever tables are plain TOML");
            out.push_str(&format!("\n# lever: {}\n{body}", info.label));
        }
        out
    }
}

impl Levers {
    /// The parameter paths and values of the set levers that are not interventions.
    pub fn overrides(&self) -> Vec<(String, f64)> {
        self.set()
            .into_iter()
            .filter_map(|(info, v)| {
                Some(override_paths(info.key)?.into_iter().map(move |p| (p, v)))
            })
            .flatten()
            .collect()
    }
}

/// The `[[interventions]]` wrapper the serializer writes.
#[derive(Serialize)]
struct Interventions {
    interventions: Vec<toml::Table>,
}

use scenario::levers::{Assumed, assumptions};

/// The assumption `field` of lever `key`, as a scenario number table.
fn assumed(key: &str, field: &str) -> toml::Value {
    let a = &assumptions()[key][field];
    toml::Value::try_from(a).expect("a number table")
}

/// A number table for a lever's own value (or a value derived from it).
fn number(x: f64, lo: f64, hi: f64, note: &str) -> toml::Value {
    let a = Assumed { value: x, assumption: true, range: [lo, hi], note: note.into() };
    toml::Value::try_from(&a).expect("a number table")
}

/// The fields (after `at`) of lever `info`'s intervention at value `v`.
fn lever_fields(info: &LeverInfo, v: f64, interior: &[String]) -> Vec<(&'static str, toml::Value)> {
    let lever = number(v, info.min, info.max, "dashboard lever");
    let k = info.key;
    let strings = |xs: &[&str]| toml::Value::Array(xs.iter().map(|s| (*s).into()).collect());
    match k {
        "target_per_day" => vec![("kind", "target".into()), ("arrests_per_day", lever)],
        "beds_added" => vec![
            ("kind", "beds".into()),
            ("facility", "contract".into()),
            ("change", lever),
            ("phase_days", assumed(k, "phase_days")),
        ],
        "bp_agents_inland" => vec![
            ("kind", "deploy".into()),
            ("agents", lever),
            ("from", strings(&["southwest"])),
            ("offices", toml::Value::Array(interior.iter().map(|o| o.as_str().into()).collect())),
            ("ramp_days", assumed(k, "ramp_days")),
            ("arrests_per_agent_day", assumed(k, "arrests_per_agent_day")),
        ],
        "deputized_officers" => vec![
            ("kind", "deputize".into()),
            ("agency", "287g".into()),
            ("officers", lever),
            ("offices", strings(&["all"])),
            ("time_share", assumed(k, "time_share")),
            ("ramp_days", assumed(k, "ramp_days")),
            ("arrests_per_officer_day", assumed(k, "arrests_per_officer_day")),
        ],
        "judges_added" => vec![
            ("kind", "judges".into()),
            (
                "slots_change",
                number(
                    v * assumptions()[k]["slots_per_judge"].value,
                    0.0,
                    info.max * assumptions()[k]["slots_per_judge"].range[1],
                    "judges × slots_per_judge",
                ),
            ),
            ("ramp_days", assumed(k, "ramp_days")),
        ],
        "flights_per_week" => vec![("kind", "flights".into()), ("flights_per_week", lever)],
        "officers_hired" => vec![
            ("kind", "hire".into()),
            ("total", lever),
            ("officers_per_month", number(v / 6.0, 0.0, info.max / 6.0, "six monthly intakes")),
            ("academy_days", assumed(k, "academy_days")),
            ("offices", strings(&["all"])),
            ("distribution", "officers".into()),
        ],
        _ => unreachable!("every lever has a table"),
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
            judges_added: Some(1.0),
            flights_per_week: Some(1.0),
            officers_hired: Some(1.0),
            surge_share: Some(0.2),
            atd_capacity: Some(1.0),
            atd_enrol_share: Some(0.5),
            non_detained_judges: Some(1.0),
        };
        let keys: Vec<&str> = all.set().iter().map(|(i, _)| i.key).collect();
        let json = serde_json::to_value(&all).unwrap();
        let names: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, names, "LEVERS and the struct agree");
        assert_eq!(
            all.to_toml("2024-10-01", &["Chicago".into()]).matches("[[interventions]]").count(),
            7
        );
    }

    #[test]
    fn level_levers_without_an_intervention_are_parameter_paths() {
        let l = Levers {
            surge_share: Some(0.3),
            non_detained_judges: Some(900.0),
            ..Levers::default()
        };
        let o = l.overrides();
        assert_eq!(o.len(), model::FacilityKind::COUNT + 1);
        assert!(o.contains(&("detention.surge_share.contract".into(), 0.3)));
        assert!(o.contains(&("courts.non_detained_judges".into(), 900.0)));
        let text = l.to_toml("2024-10-01", &[]);
        assert!(!text.contains("[[interventions]]"), "{text}");
        assert!(text.contains("courts.non_detained_judges = 900"), "{text}");
        // Every such path exists in a built-in scenario.
        let sc = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
        for info in &LEVERS {
            for p in override_paths(info.key).unwrap_or_default() {
                scenario::overrides::param(&sc, &p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
            }
        }
    }

    #[test]
    fn lever_docs_take_their_numbers_from_the_assumptions_file() {
        let bp = LEVERS.iter().find(|l| l.key == "bp_agents_inland").unwrap();
        assert!(!bp.doc.contains("0.15"), "the doc string quotes no assumed number");
        let d = bp.described();
        assert!(d.contains("arrests_per_agent_day = 0.15 (0.05–0.4)"), "{d}");
        assert!(d.contains("ramp_days = 7 (3–30)"), "{d}");
        let target = LEVERS.iter().find(|l| l.key == "target_per_day").unwrap();
        assert_eq!(target.described(), target.doc, "a lever that assumes nothing");
    }

    #[test]
    fn assumptions_file_has_every_number_the_levers_write_and_they_parse_back() {
        for (key, fields) in assumptions() {
            assert!(LEVERS.iter().any(|l| l.key == key), "{key} is a lever");
            for (name, a) in fields {
                assert!(a.range[0] <= a.value && a.value <= a.range[1], "{key}.{name}");
            }
        }
        let all = Levers {
            target_per_day: Some(1.0),
            beds_added: Some(1.0),
            bp_agents_inland: Some(1.0),
            deputized_officers: Some(1.0),
            judges_added: Some(2.0),
            flights_per_week: Some(1.0),
            officers_hired: Some(6.0),
            ..Levers::default()
        };
        let text = all.to_toml("2024-10-01", &["Chicago".into(), "New \"York\"".into()]);
        let parsed: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        let list = parsed["interventions"].as_array().unwrap();
        assert_eq!(list.len(), 7);
        assert_eq!(list[2]["arrests_per_agent_day"]["value"].as_float(), Some(0.15));
        assert_eq!(list[2]["offices"][1].as_str(), Some("New \"York\""));
        assert_eq!(list[4]["kind"].as_str(), Some("judges"));
        assert_eq!(list[4]["slots_change"]["value"].as_float(), Some(126.0), "2 judges × 63");
        assert_eq!(list[6]["officers_per_month"]["value"].as_float(), Some(1.0));
    }
}
