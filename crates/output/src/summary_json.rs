//! summary.json: the run's answers in one document. Measure keys are written in
//! [`model::MEASURES`] order (custom `Serialize` rather than a map, so the file reads in
//! report order and is byte-identical between runs).

use model::{MeasureEstimate, RunResult};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::RunMeta;
use crate::invariants::InvariantSummary;
use crate::monthly::{Month, months};

/// The whole document (field docs: [`crate::columns::SUMMARY_FIELDS`]).
#[derive(serde::Serialize)]
pub(crate) struct SummaryJson<'a> {
    scenario: &'a str,
    description: &'a str,
    start: String,
    days: u32,
    replications: u32,
    seed: u64,
    caseload_version: &'a str,
    national: Measures<'a>,
    /// Only when the scenario sets a removal goal (a `target` intervention).
    #[serde(skip_serializing_if = "Option::is_none")]
    removal_goal: Option<model::summary::RemovalGoal>,
    /// Only when the caller took them (`caseload run` does unless told not to).
    #[serde(skip_serializing_if = "Option::is_none")]
    assumption_ranges: Option<Ranges<'a>>,
    budget: model::budget::Budget,
    offices: Vec<OfficeMeasures<'a>>,
    invariants: InvariantSummary,
    monthly: Vec<Month>,
    performance: Performance,
}

#[derive(serde::Serialize)]
struct Performance {
    events: u64,
    peak_cases: usize,
    wall_s: f64,
    replications: usize,
}

/// `{key: {mean, ci95}, ...}` in measure order.
struct Measures<'a>(&'a [MeasureEstimate]);

impl Serialize for Measures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for m in self.0 {
            map.serialize_entry(m.key, &m.estimate)?;
        }
        map.end()
    }
}

/// `{solver, samples, factor_groups, seed, national: {key: {p05, p50, p95}, ...}}`.
#[derive(serde::Serialize)]
struct Ranges<'a> {
    solver: &'a str,
    samples: usize,
    factor_groups: usize,
    seed: u64,
    national: RangeMeasures<'a>,
}

struct RangeMeasures<'a>(&'a [model::AssumptionRange]);

impl Serialize for RangeMeasures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Points {
            p05: f64,
            p50: f64,
            p95: f64,
        }
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for m in self.0 {
            map.serialize_entry(m.key, &Points { p05: m.p05, p50: m.p50, p95: m.p95 })?;
        }
        map.end()
    }
}

impl<'a> Ranges<'a> {
    fn of(r: &'a model::AssumptionRanges) -> Ranges<'a> {
        Ranges {
            solver: r.solver,
            samples: r.samples,
            factor_groups: r.factor_groups,
            seed: r.seed,
            national: RangeMeasures(&r.measures),
        }
    }
}

/// `{"office": name, key: {mean, ci95}, ...}`.
struct OfficeMeasures<'a> {
    office: &'a str,
    measures: &'a [MeasureEstimate],
}

impl Serialize for OfficeMeasures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.measures.len() + 1))?;
        map.serialize_entry("office", self.office)?;
        for m in self.measures {
            map.serialize_entry(m.key, &m.estimate)?;
        }
        map.end()
    }
}

impl<'a> SummaryJson<'a> {
    pub fn new(result: &'a RunResult, meta: &RunMeta<'a>) -> SummaryJson<'a> {
        let sc = &result.scenario;
        SummaryJson {
            scenario: &sc.name,
            description: &sc.description,
            start: sc.start.to_string(),
            days: sc.days,
            replications: sc.replications,
            seed: sc.seed,
            caseload_version: meta.caseload_version,
            national: Measures(&result.national),
            removal_goal: model::summary::removal_goal(result),
            assumption_ranges: result.assumption_ranges.as_ref().map(Ranges::of),
            budget: model::budget::budget(result),
            offices: sc
                .offices
                .iter()
                .zip(&result.offices)
                .map(|(o, m)| OfficeMeasures { office: &o.name, measures: m })
                .collect(),
            invariants: InvariantSummary::of(&result.invariants),
            monthly: months(result),
            performance: Performance {
                events: result.events,
                peak_cases: result.peak_cases,
                wall_s: meta.wall_s,
                replications: result.invariants.len(),
            },
        }
    }
}
