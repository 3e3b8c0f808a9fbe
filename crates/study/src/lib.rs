//! # study — many runs of one scenario, and what they say together
//!
//! The analysis commands sit here, between the model and the front-ends (the CLI, the
//! server, the Python package), so that every front-end calls the same code:
//! sweeps of scenario variants, sensitivity analysis over the scenario's stated
//! assumption ranges, calibration against ICE's monthly series, and backtests from a
//! forecast origin. The crate does no terminal output; progress and cancellation come in
//! through hooks.
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod allocate;
pub mod backtest;
pub mod calibrate;
pub mod sensitivity;
pub mod sweep;
pub mod targets;
