//! Integration tests for `scenario`: one binary, one module per behaviour.

mod backcast;
mod builtins;
mod common;
mod errors;
mod extends;
mod fuzz;
mod fy2024_months;
mod interventions;
mod known_on;
mod valid;
mod whatif;
