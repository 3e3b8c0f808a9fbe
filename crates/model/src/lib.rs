//! # model — the enforcement pipeline on the `des` engine
//!
//! A [`Scenario`] (resolved configuration) goes in; [`run()`] simulates it and returns
//! daily series and per-replication measures. The model does no I/O; a front-end that
//! shows a run as it goes (the dashboard) uses [`run_with_hooks`] to be handed each day as
//! it closes and to stop the run with a flag.
#![warn(missing_docs)]

pub mod config;
pub mod date;
pub mod ids;

pub use config::*;
pub use date::Date;
pub use ids::{Category, Channel, FacilityKind, Nationality, OfficeId, SectorId, Track};
pub mod effort;
pub mod metrics;
mod sim;

pub use metrics::{Daily, Durations, METRIC_COUNT, Metric};
pub use sim::{Invariants, LittleCheck, Replication, TICKS_PER_DAY, run_replication};
pub mod summary;
pub use summary::{Estimate, MEASURES, Measure};
pub mod run;
pub mod scorecard;
pub use run::{
    Hooks, MeasureEstimate, OnDay, RunError, RunOptions, RunResult, run, run_with_hooks,
    run_with_progress,
};
pub use scorecard::ScorecardRow;
/// The fluid (expected-value) approximation of the same pipeline.
// The fluid equations index parallel arrays (cohorts × tracks × offices) by one counter;
// iterator chains would hide that structure.
#[allow(clippy::needless_range_loop)]
pub mod fluid;
pub mod testkit;
