//! # model — the enforcement pipeline, stated once and solved twice
//!
//! A [`Scenario`] (resolved configuration, built by the `scenario` crate from TOML) goes
//! in; [`run()`] simulates it and returns daily series and per-replication measures. The
//! model does no I/O; a front-end that shows a run as it goes (the dashboard) uses
//! [`run_with_hooks`] to be handed each day as it closes and to stop the run with a flag.
//!
//! The crate is laid out like a model with two solvers (docs/architecture.md):
//!
//! ```text
//!   ids        vocabularies as registries: Channel, Category, FacilityKind,
//!              Nationality, ReleaseReason, RemovalMode — each variant with its metadata
//!   config     the resolved scenario: schedules of parameters by date
//!   effort,    mechanisms: pure functions of (date, parameters, state) returning
//!   mechanisms expected counts — arrests by channel × category, sector flows, the
//!   workforce  departure schedule, personnel cost, end-of-day stock rows; officers
//!              away (escorts, learning, overtime attrition)
//!      │
//!      ├── sim/    discrete-event solver: draws around the mechanisms (Poisson counts,
//!      │           uniform times, one synthetic case at a time) — run_replication
//!      └── fluid/  expected-value solver: books the mechanisms' expectations as daily
//!                  difference equations — fluid::run
//!      │
//!   replication  what a replication produced (daily rows, durations, invariants,
//!                Little's law), whichever solver ran it
//!   metrics, summary, scorecard, run   flat daily rows → measures with 95% intervals
//! ```
//!
//! ## Example
//!
//! Both solvers on the same small scenario, and the arrests they record by channel:
//!
//! ```
//! use model::{Channel, RunOptions, testkit};
//!
//! let sc = testkit::tiny();
//! let des = model::run(&sc, RunOptions { replications: Some(2), seed: Some(7), threads: 1 })
//!     .expect("the tiny scenario runs");
//! let fluid = model::fluid::run(&sc);
//!
//! // Every interior channel has an arrests column; the border's apprehensions are the
//! // sectors' (`apprehensions`).
//! for ch in Channel::ALL.into_iter().filter(|c| c.is_interior()) {
//!     let m = ch.info().arrests.expect("interior channels record arrests");
//!     assert!(m.name().starts_with("arrests_"));
//! }
//! let per_day = |r: &model::RunResult| r.national("arrests_per_day").unwrap().estimate.mean;
//! let (d, f) = (per_day(&des), per_day(&fluid));
//! assert!(d > 0.0 && f > 0.0);
//! // Two solvers of one model: the simulated mean is near the expectation.
//! assert!((d - f).abs() < 0.2 * f, "DES {d:.1} vs fluid {f:.1} arrests/day");
//! ```
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod budget;
pub mod config;
pub mod date;
pub mod ids;
pub mod leadership;

pub use config::*;
pub use date::Date;
pub use ids::{
    Agency, Category, CategoryMix, Channel, CostLine, FacilityKind, Nationality, OfficeId,
    ReleaseReason, RemovalMode, SectorId, Track, WhenFull,
};
pub mod effort;
pub mod mechanisms;
pub mod metrics;
pub mod nondetained;
pub mod replication;
mod sim;
pub mod variation;
pub mod workforce;

pub use metrics::{Daily, Durations, METRIC_COUNT, Metric, Stays};
pub use replication::{Invariants, LITTLE_TOLERANCE, LittleCheck, Replication};
pub use sim::{TICKS_PER_DAY, run_replication};
pub mod summary;
pub use summary::{Estimate, MEASURES, Measure};
pub mod run;
pub mod scorecard;
pub use run::{
    AssumptionRange, AssumptionRanges, Hooks, MeasureEstimate, OnDay, RunError, RunOptions,
    RunResult, run, run_with_hooks, run_with_progress,
};
pub use scorecard::ScorecardRow;
/// The fluid (expected-value) approximation of the same pipeline.
// The fluid equations index parallel arrays (cohorts × tracks × offices) by one counter;
// iterator chains would hide that structure.
#[allow(clippy::needless_range_loop)]
pub mod fluid;
pub mod testkit;
