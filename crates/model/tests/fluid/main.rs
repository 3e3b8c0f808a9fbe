//! Fluid mode against the DES, queueing theory and its own invariants
//! (docs/validation.md, "Fluid vs DES").

mod agreement;
mod builtins;
mod common;
mod divergence;
mod loss;
mod properties;
