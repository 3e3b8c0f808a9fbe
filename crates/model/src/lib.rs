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
