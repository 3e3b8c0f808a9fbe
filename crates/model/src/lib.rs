//! # model — the enforcement pipeline on the `des` engine
//!
//! A [`Scenario`] (resolved configuration) goes in; [`run`] simulates it and returns
//! daily series and per-replication measures. The model does no I/O.
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

pub use metrics::{Daily, Durations, Metric, METRIC_COUNT};
pub use sim::{run_replication, Invariants, LittleCheck, Replication, TICKS_PER_DAY};
pub mod summary;
pub use summary::{Estimate, Measure, MEASURES};
pub mod run;
pub mod scorecard;
pub use run::{run, run_with_progress, MeasureEstimate, RunError, RunOptions, RunResult};
pub use scorecard::ScorecardRow;
pub mod testkit;
