//! # caseload._core — the Rust side of the `caseload` Python package
//!
//! Thin bindings: scenarios load through `scenario`, runs go through `model::run_with_hooks`
//! (or `model::fluid::run`), sweeps through `study::sweep` (run, one shard, merge) and the
//! studies through `study::{calibrate, backtest, sensitivity}`; results leave as Arrow
//! record batches over the C stream interface (no copy), as the Parquet files the CLI
//! writes, or as JSON text. The Python layer (`python/caseload/*.py`) wraps these in
//! `Result`, `SweepResult`, `pyarrow.Table`s, Dask tasks and `tqdm`.
//!
//! ```text
//! caseload.run(...) ──► scenarios::resolve/apply ──► runs::simulate (GIL released)
//!                                                    └► RunOutput ──► tables ──► stream ──► pyarrow
//! ```
#![warn(missing_docs)]

mod allocation;
mod errors;
mod runs;
mod scenarios;
mod stream;
mod studies;
mod sweeps;
mod tables;
mod wait;

use pyo3::prelude::*;

/// The package version (the workspace's).
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The extension module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", VERSION)?;
    m.add("ScenarioError", m.py().get_type::<errors::ScenarioError>())?;
    m.add_class::<scenarios::Scenario>()?;
    m.add_class::<runs::RunOutput>()?;
    m.add_class::<stream::ArrowStream>()?;
    m.add_function(wrap_pyfunction!(scenarios::scenarios, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::load, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::load_text, m)?)?;
    m.add_function(wrap_pyfunction!(runs::run, m)?)?;
    m.add_function(wrap_pyfunction!(runs::compare, m)?)?;
    m.add_function(wrap_pyfunction!(studies::calibrate, m)?)?;
    m.add_function(wrap_pyfunction!(studies::backtest, m)?)?;
    m.add_function(wrap_pyfunction!(studies::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(allocation::allocate, m)?)?;
    m.add_function(wrap_pyfunction!(sweeps::sweep_info, m)?)?;
    m.add_function(wrap_pyfunction!(sweeps::sweep_run, m)?)?;
    m.add_function(wrap_pyfunction!(sweeps::sweep_merge, m)?)?;
    Ok(())
}
