//! # Fluid mode: the same scenario as daily difference equations on expected values
//!
//! The DES follows every synthetic case; the fluid follows expected numbers of people
//! through the same pipeline, one day at a time, in milliseconds per national year. It is
//! for interactive what-ifs and as a cross-check: where nothing saturates its trajectories
//! lie inside the DES's 95% bands; where batching or blocking matters they part ways, for
//! reasons `docs/validation.md` (section "Fluid vs DES") spells out.
//!
//! ```text
//!  arrests (effort::office_day, expected) ──► booking delay ──┐
//!  border (apprehension curve, expected) ──► USBP transfer ──┤
//!                                                            ▼
//!            beds by office × type: home AOR ► transfer ► CBP hold / release
//!                                                            │ book-in
//!             ┌──────────────────────┬───────────────────────┤
//!             ▼                      ▼                       ▼
//!   voluntary departure     order at book-in      detained docket: slots, waiting line,
//!     (exponential)                 │              hearings (phase-type), release hazard
//!                                   ▼                        │ order
//!               travel documents (exponential, or never) ◄───┘
//!               under the 180-day custody limit (cohort ring)
//!                                   ▼
//!                 hub move (fixed delay) ► land line / flights (daily departures)
//! ```
//!
//! Same mechanisms and parameters as the DES (`sim/`), with these substitutions:
//! - Poisson counts → their means; arrivals spread evenly through each day.
//! - Exponential stays → exact one-day transition of linear blocks (matrix exponential),
//!   with age sums carried along so lengths of stay are exact in expectation.
//! - Gamma hearing durations → Tijms' phase-type, fitted so that the chance of a decision
//!   before a discretionary release and the mean decision time are exact.
//! - Finite resources (beds, slots, seats, land slots) → capacities per day: no loss
//!   below capacity (the fluid limit; Erlang B's losses below capacity are a DES effect).
//! - FIFO lines → served in proportion to who waits (same throughput).
//! - The random leadership multiplier of a rotation rule → its mean.
//!
//! ```
//! let sc = model::testkit::tiny();
//! let r = model::fluid::run(&sc);
//! let arrests = r.national("arrests_per_day").unwrap().estimate;
//! assert_eq!(arrests.ci95, [arrests.mean, arrests.mean]); // one pseudo-replication
//! assert!(r.invariants[0].all_ok());
//! ```

mod agency;
mod arrivals;
mod beds;
mod court;
mod decay;
mod durations;
mod linear;
mod orders;
mod params;
mod phase;
mod result;
mod scratch;
mod staffing;
mod state;
mod transport;

use crate::config::Scenario;
use crate::replication::Replication;
use crate::run::RunResult;

pub use result::FLUID_LITTLE_TOLERANCE;

/// Runs the fluid approximation of `scenario` (warm-up included) and returns its daily
/// table, durations and checks as one replication.
pub fn run_replication(scenario: &Scenario) -> Replication {
    let mut f = state::Fluid::new(scenario);
    f.run();
    let invariants = result::invariants(scenario, &f.checks);
    let durations = f.log.sketches(scenario.warmup_days as usize, scenario.days as usize);
    let days = (scenario.warmup_days + scenario.days) as u64;
    result::replication(f.daily, durations, invariants, days)
}

/// Runs the fluid approximation of `scenario` and summarises it like [`crate::run()`]: the
/// same measures, tables and scorecards, from one pseudo-replication (every 95% interval
/// is `[mean, mean]`; `events` counts simulated days).
pub fn run(scenario: &Scenario) -> RunResult {
    let rep = run_replication(scenario);
    crate::run::summarise(scenario.clone(), vec![rep])
}
