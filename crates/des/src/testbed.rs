//! Reference queueing models with known answers, used to validate the engine and to
//! benchmark it against other simulators (SimPy, Ciw, a hand-rolled loop).
//!
//! One model covers them all: Poisson arrivals into a series of multi-server nodes
//! ([`Tandem`]). One node with an unlimited line is M/M/c (or M/G/c); one node with no
//! waiting room and overflow `Lose` is the Erlang loss system M/G/c/c; three nodes with a
//! finite first node, and optionally a finite second node that blocks after service, are
//! the tandem networks of `shared/peers`.
//!
//! Time unit: one abstract unit (the rate parameters are per unit) is [`TICKS_PER_UNIT`]
//! ticks.

mod analytic;
mod tandem;

pub use analytic::{MmcMeasures, MmckMeasures, erlang_b, erlang_c, mmc, mmck};
pub use tandem::{NodeResult, NodeSpec, TICKS_PER_UNIT, Tandem, TandemResult, TandemSpec};
