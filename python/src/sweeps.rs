//! Sweeps: `study::sweep::run` (the executor `caseload sweep` wraps) with the GIL
//! released, one shard or all runs, and `study::sweep::merge` (what `caseload sweep merge`
//! calls). The Python layer (`caseload/_sweep.py`) spreads shards over Dask workers,
//! writes each part as it arrives and merges them here, so the two files are the bytes
//! the CLI writes.
//!
//! Ctrl-C works as in the CLI: the first press stops handing out runs and writes the
//! finished ones (files marked incomplete), a second abandons the runs in progress; either
//! way `KeyboardInterrupt` is raised once the files are settled.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use pyo3::exceptions::{PyKeyboardInterrupt, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use study::sweep::{self, Cancel, Hooks, Outcome, RunDone, Shard, SweepOptions, SweepRunError};

use crate::errors;
use crate::wait::run_polling;

fn load(py: Python<'_>, text: &str, origin: &str) -> PyResult<scenario::sweep::Sweep> {
    scenario::sweep::load_str(text, origin).map_err(|e| errors::from_scenario(py, &e))
}

fn shard_of(shard: Option<(u32, u32)>) -> PyResult<Option<Shard>> {
    match shard {
        None => Ok(None),
        Some((index, count)) if count > 0 && index < count => Ok(Some(Shard { index, count })),
        Some((i, n)) => Err(PyValueError::new_err(format!(
            "shard {i}/{n}: expected I/N with 0 <= I < N, e.g. 0/4"
        ))),
    }
}

fn paths(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|f| f.display().to_string()).collect()
}

/// What a sweep file holds: name, base, replications, seed, runs, parameter paths, and
/// each run's label (`path=value, …`). `origin` names the file (the CLI's path).
#[pyfunction]
pub fn sweep_info<'py>(py: Python<'py>, text: &str, origin: &str) -> PyResult<Bound<'py, PyDict>> {
    let s = load(py, text, origin)?;
    let d = PyDict::new(py);
    d.set_item("name", &s.name)?;
    d.set_item("base", &s.base)?;
    d.set_item("replications", s.replications)?;
    d.set_item("seed", s.seed)?;
    d.set_item("runs", s.runs.len())?;
    d.set_item("days", s.runs.first().map_or(s.loaded.scenario.days, |r| s.scenario(r.id).days))?;
    d.set_item("params", s.params.iter().map(|p| p.path.clone()).collect::<Vec<_>>())?;
    d.set_item("labels", s.runs.iter().map(|r| s.label(r.id)).collect::<Vec<_>>())?;
    Ok(d)
}

/// Runs a sweep (or one shard of it: `shard=(I, N)`) into `out` with
/// `study::sweep::run`; `progress(written_runs, planned_runs)` is called from this
/// thread. Returns `{files, runs, planned, complete, elapsed_s}`.
#[pyfunction]
#[pyo3(signature = (text, origin, out, shard = None, threads = 0, progress = None))]
pub fn sweep_run<'py>(
    py: Python<'py>,
    text: &str,
    origin: &str,
    out: PathBuf,
    shard: Option<(u32, u32)>,
    threads: usize,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let s = load(py, text, origin)?;
    let shard = shard_of(shard)?;
    let planned = sweep::planned(&s, shard).len();
    let written = AtomicUsize::new(0);
    let reps = AtomicU64::new(0);
    let cancel = Cancel::new();
    let opts = SweepOptions { threads, shard, out: out.clone() };
    let mut reported = usize::MAX;
    let (outcome, interrupted) = run_polling(
        py,
        || {
            let tick = || {
                reps.fetch_add(1, Ordering::Relaxed);
            };
            let done = |d: RunDone| written.store(d.written, Ordering::Relaxed);
            let hooks = Hooks {
                on_replication: Some(&tick),
                on_run_done: Some(&done),
                on_stopping: None,
                cancel: Some(&cancel),
            };
            sweep::run(&s, &opts, &hooks)
        },
        |_py| {
            let now = written.load(Ordering::Relaxed);
            match progress {
                Some(cb) if now != reported => {
                    reported = now;
                    cb.call1((now, planned)).map(drop)
                }
                _ => Ok(()),
            }
        },
        |presses| if presses == 1 { cancel.stop() } else { cancel.abandon() },
    )?;
    let outcome = match outcome {
        Ok(o) => o,
        Err(SweepRunError::Run { id, source }) => {
            return Err(match source {
                model::RunError::Cancelled => errors::from_run(source),
                other => errors::runtime(format!("run {id}: {other}")),
            });
        }
        Err(e) => return Err(errors::runtime(e)),
    };
    let w = match outcome {
        Outcome::Written(w) => w,
        Outcome::Abandoned => {
            return Err(PyKeyboardInterrupt::new_err(format!(
                "abandoned: nothing written to {}",
                out.display()
            )));
        }
        Outcome::NothingFinished => {
            return Err(PyKeyboardInterrupt::new_err(
                "stopped before any run finished: nothing written",
            ));
        }
    };
    if let Some(cb) = progress {
        cb.call1((w.rows.len(), planned))?;
    }
    if let Some(e) = interrupted {
        if !w.complete {
            return Err(PyKeyboardInterrupt::new_err(format!(
                "interrupted: kept {} of {} runs in {} (files marked incomplete)",
                w.rows.len(),
                w.planned.len(),
                paths(&w.files).join(", ")
            )));
        }
        return Err(e);
    }
    let d = PyDict::new(py);
    d.set_item("files", paths(&w.files))?;
    d.set_item("runs", w.rows.len())?;
    d.set_item("planned", w.planned.len())?;
    d.set_item("complete", w.complete)?;
    d.set_item("elapsed_s", w.elapsed.as_secs_f64())?;
    Ok(d)
}

/// Joins the shard parts found in `inputs` (directories or part files) into
/// `out/daily.parquet` and `out/summary.parquet` (`study::sweep::merge`, as `caseload
/// sweep merge`). Returns `{files, runs, shards, complete}`; bad parts raise `ValueError`
/// with the CLI's message.
#[pyfunction]
pub fn sweep_merge<'py>(
    py: Python<'py>,
    inputs: Vec<PathBuf>,
    out: PathBuf,
) -> PyResult<Bound<'py, PyDict>> {
    let merged = py
        .detach(|| sweep::merge(&inputs, &out))
        .map_err(|e| PyValueError::new_err(format!("error: {e}")))?;
    let d = PyDict::new(py);
    d.set_item("files", paths(&merged.files))?;
    d.set_item("runs", merged.runs)?;
    d.set_item("shards", merged.shards)?;
    d.set_item("complete", merged.complete)?;
    d.set_item("name", &merged.info.name)?;
    Ok(d)
}
