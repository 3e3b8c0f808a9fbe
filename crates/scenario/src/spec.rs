//! The raw scenario file, as written: serde types mirroring `model::config` key for key,
//! with every value wrapped in `Spanned` so that validation can point at it.
//!
//! Fields are `Option` even where the model requires them: a scenario that `extends`
//! another gives only what it changes, and a missing key is better reported by the
//! validator (all at once, with what to add) than by serde (one at a time).

mod leaf;

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub use crate::fields::{
    AppropriationSpec, CasesSpec, ChannelsSpec, CostsSpec, CourtsSpec, DetentionSpec, EroSpec,
    OfficeSpec, RemovalSpec, SectorSpec,
};
pub use leaf::{Meta, RangeItem, RangeSpec, ScheduleSpec, Sourced, StepSpec};

/// A number with its evidence.
pub type Num = Spanned<Sourced<f64>>;
/// A fixed-size array of numbers (one per category, nationality group…) with evidence.
pub type Nums = Spanned<Sourced<Vec<Spanned<f64>>>>;
/// A value that may change on dates.
pub type Sched = Spanned<ScheduleSpec>;
/// Fixed-size arrays (mixes, per-group values) that may change on dates: a constant
/// `value = [...]` or `steps` whose values are arrays.
pub type ArrSched = Spanned<ScheduleSpec<Vec<Spanned<f64>>>>;

/// A whole scenario file (or the merge of a file and the files it extends).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct ScenarioSpec {
    /// `[scenario]`: run settings.
    pub scenario: Option<Spanned<RunSpec>>,
    /// `[ero]`.
    pub ero: Option<Spanned<EroSpec>>,
    /// `[channels]`.
    pub channels: Option<Spanned<ChannelsSpec>>,
    /// `[cases]`.
    pub cases: Option<Spanned<CasesSpec>>,
    /// `[detention]`.
    pub detention: Option<Spanned<DetentionSpec>>,
    /// `[courts]`.
    pub courts: Option<Spanned<CourtsSpec>>,
    /// `[removal]`.
    pub removal: Option<Spanned<RemovalSpec>>,
    /// `[costs]`.
    pub costs: Option<Spanned<CostsSpec>>,
    /// `[[offices]]`.
    pub offices: Option<Vec<Spanned<OfficeSpec>>>,
    /// `[[sectors]]`.
    pub sectors: Option<Vec<Spanned<SectorSpec>>>,
    /// `[[appropriations]]`.
    pub appropriations: Option<Vec<Spanned<AppropriationSpec>>>,
    /// `[[interventions]]`.
    pub interventions: Option<Vec<Spanned<InterventionSpec>>>,
}

impl ScenarioSpec {
    /// Top-level keys, in the order the format doc presents them.
    pub const KEYS: [&'static str; 12] = [
        "scenario",
        "ero",
        "channels",
        "cases",
        "detention",
        "courts",
        "removal",
        "costs",
        "offices",
        "sectors",
        "appropriations",
        "interventions",
    ];

    /// The top-level keys that hold arrays of tables (`[[offices]]`…); the rest are tables.
    pub const ARRAYS: [&'static str; 4] = ["offices", "sectors", "appropriations", "interventions"];
}

/// `[scenario]`: run settings, plain values (choices, not claims about the world).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RunSpec {
    /// Short machine name.
    pub name: Option<Spanned<String>>,
    /// One sentence: the question the scenario answers.
    pub description: Option<Spanned<String>>,
    /// Built-in name or path (relative to this file) of the scenario this one changes.
    pub extends: Option<Spanned<String>>,
    /// First measured day, `YYYY-MM-DD`.
    pub start: Option<Spanned<String>>,
    /// Measured days, 1..=3660.
    pub days: Option<Spanned<u32>>,
    /// Days simulated before `start`.
    pub warmup_days: Option<Spanned<u32>>,
    /// Replications, 1..=10000.
    pub replications: Option<Spanned<u32>>,
    /// Master seed.
    pub seed: Option<Spanned<u64>>,
    /// A forecast's knowledge date, `YYYY-MM-DD`: this file and the files it extends are
    /// read as known that day (see `validate::Checker::known_at`).
    pub known_on: Option<Spanned<String>>,
}

/// A table keyed by facility type (`model::FacilityKind` names).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[allow(missing_docs)] // One key per `model::FacilityKind`.
pub struct ByFacility<T> {
    pub processing_center: Option<T>,
    pub contract: Option<T>,
    pub igsa: Option<T>,
    pub bop: Option<T>,
    pub soft_sided: Option<T>,
}

impl<T> ByFacility<T> {
    /// The entry for `kind`.
    pub fn get(&self, kind: model::FacilityKind) -> &Option<T> {
        use model::FacilityKind as K;
        match kind {
            K::ProcessingCenter => &self.processing_center,
            K::Contract => &self.contract,
            K::Igsa => &self.igsa,
            K::Bop => &self.bop,
            K::SoftSided => &self.soft_sided,
        }
    }
}

/// An office's reachable pools, by criminal category.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[allow(missing_docs)] // One key per `model::Category`.
pub struct ReachableSpec {
    pub convicted: Option<Spanned<PoolSpec>>,
    pub pending: Option<Spanned<PoolSpec>>,
    pub no_record: Option<Spanned<PoolSpec>>,
}

/// One reachable pool → `model::ReachablePool`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[allow(missing_docs)] // Field meanings and units: `model::ReachablePool`.
pub struct PoolSpec {
    pub initial: Option<Num>,
    pub inflow_per_day: Option<Num>,
}

/// `[[interventions]]`: one flat table for every kind (serde's tagged enums lose spans);
/// which keys a kind takes is checked during validation (`validate::interventions`), and
/// `docs/scenario-format.md` lists them. Kinds that only move parameters are compiled into
/// the model's schedules; `deploy`, `deputize`, `detail`, `review` and `rotate` become `model::Intervention`s.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
#[allow(missing_docs)] // Meanings and units: docs/scenario-format.md, `model::InterventionKind`.
pub struct InterventionSpec {
    /// One of `names::INTERVENTION_KINDS`.
    pub kind: Option<Spanned<String>>,
    /// First day, `YYYY-MM-DD`.
    pub at: Option<Spanned<String>>,
    /// Last day (inclusive), optional.
    pub until: Option<Spanned<String>>,
    /// When the intervention was made public (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), on or
    /// before `at`: a forecast or backtest knowing that day keeps it.
    pub announced: Option<Spanned<String>>,
    /// Office names, or `["all"]`.
    pub offices: Option<Spanned<Vec<Spanned<String>>>>,
    pub ramp_days: Option<Num>,
    // deploy
    pub agents: Option<Num>,
    pub arrests_per_agent_day: Option<Num>,
    /// `["southwest"]`, sector names, or one agency.
    pub from: Option<Spanned<Vec<Spanned<String>>>>,
    /// City names, mapped to offices by `cities::CITIES`.
    pub cities: Option<Spanned<Vec<Spanned<String>>>>,
    // deputize
    pub agency: Option<Spanned<String>>,
    pub officers: Option<Num>,
    pub time_share: Option<Num>,
    pub training_days: Option<Num>,
    pub arrests_per_officer_day: Option<Num>,
    // target
    pub arrests_per_day: Option<Num>,
    /// The same target for every office, instead of a share of a national one.
    pub each_office_arrests_per_day: Option<Num>,
    /// Keyed by office name.
    pub office_arrests_per_day: Option<Spanned<BTreeMap<Spanned<String>, Num>>>,
    pub removals_per_year: Option<Num>,
    // agreements_287g
    pub jurisdictions: Option<Num>,
    pub jurisdictions_total: Option<Num>,
    pub honour_rate: Option<Num>,
    pub supply_change: Option<Num>,
    // beds
    /// A `model::FacilityKind` name.
    pub facility: Option<Spanned<String>>,
    pub beds: Option<Num>,
    pub change: Option<Num>,
    pub phase_days: Option<Num>,
    // flights
    pub flights_per_week: Option<Num>,
    pub flights_factor: Option<Num>,
    pub seats_per_flight: Option<Num>,
    // judges
    pub detained_docket_slots: Option<Num>,
    pub slots_change: Option<Num>,
    pub case_days_mean: Option<Num>,
    // hire
    pub officers_per_month: Option<Num>,
    pub academy_days: Option<Num>,
    pub total: Option<Num>,
    /// `"officers"` or `"equal"`.
    pub distribution: Option<Spanned<String>>,
    // processing
    pub booking_days: Option<Num>,
    pub usbp_transfer_days: Option<Num>,
    pub hub_transfer_days: Option<Num>,
    pub travel_doc_days: Option<Nums>,
    // review
    /// Offices rotated each quarter: a rule, not a claim, so a plain integer.
    pub bottom: Option<Spanned<u32>>,
    pub multiplier_mean: Option<Num>,
    pub multiplier_sd: Option<Num>,
    pub multiplier_range: Option<Nums>,
    // rotate (also `bottom`, the multiplier and `ramp_days`)
    /// Share of productivity lost on the handover day.
    pub disruption: Option<Num>,
    // detail (also `officers`, `offices` or `cities`, `from`)
    /// Days each detailed officer travels at each end of the detail.
    pub travel_days: Option<Num>,
}
