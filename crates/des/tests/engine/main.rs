//! The engine against theory and against other simulators. One binary, one file per
//! behaviour (see STYLE.md). Tolerances come from confidence intervals over independent
//! replications, and every check is also run against a deliberately wrong model to show
//! it can fail.

mod common;
mod determinism;
mod little;
mod loss;
mod mmc;
mod peers;
