//! `run` and `compare`: the simulation on a worker thread with the GIL released, while the
//! calling thread wakes every 50 ms to pass progress to Python and to check for Ctrl-C
//! (which sets the model's cancel flag; the run then stops within a simulated day).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use model::{Hooks, RunOptions, RunResult};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors;
use crate::scenarios::{apply, resolve};
use crate::stream::ArrowStream;
use crate::tables;

/// How often the waiting thread wakes to report progress and check signals.
const POLL: Duration = Duration::from_millis(50);

/// A finished run: the model's result and the scenario's provenance.
#[pyclass(module = "caseload._core", frozen)]
pub struct RunOutput {
    result: RunResult,
    loaded: scenario::Loaded,
    wall_s: f64,
}

impl RunOutput {
    fn meta(&self) -> output::RunMeta<'static> {
        output::RunMeta { wall_s: self.wall_s, caseload_version: crate::VERSION }
    }
}

#[pymethods]
impl RunOutput {
    /// summary.json's text, as `caseload run` writes it.
    fn summary_json(&self) -> String {
        output::summary_json(&self.result, &self.meta())
    }

    /// daily.csv's rows as an Arrow stream.
    fn daily(&self) -> PyResult<ArrowStream> {
        tables::daily(&self.result).map(ArrowStream::new).map_err(errors::runtime)
    }

    /// offices.csv's rows as an Arrow stream.
    fn offices(&self) -> PyResult<ArrowStream> {
        tables::offices(&self.result).map(ArrowStream::new).map_err(errors::runtime)
    }

    /// scorecards.csv's rows as an Arrow stream.
    fn scorecards(&self) -> PyResult<ArrowStream> {
        tables::scorecards(&self.result).map(ArrowStream::new).map_err(errors::runtime)
    }

    /// The self-contained HTML report `caseload run --report` writes.
    fn report_html(&self) -> PyResult<String> {
        let prov = output::report::Provenance::from(&self.loaded);
        let data = output::report::data(&self.result, &self.meta(), &prov);
        output::report::render(&[&data]).map_err(errors::runtime)
    }

    /// Wall-clock seconds the simulation took.
    #[getter]
    fn wall_s(&self) -> f64 {
        self.wall_s
    }
}

/// Runs `sc` with the GIL released; `progress(done, total)` is called from this thread
/// as replications finish. Ctrl-C (or an exception in `progress`) cancels the run.
fn simulate(
    py: Python<'_>,
    sc: &model::Scenario,
    opts: RunOptions,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<RunResult> {
    let total = opts.replications.unwrap_or(sc.replications).max(1);
    let done = AtomicU64::new(0);
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let tick = || {
                done.fetch_add(1, Ordering::Relaxed);
            };
            let hooks =
                Hooks { on_replication: Some(&tick), cancel: Some(&cancel), ..Hooks::default() };
            model::run_with_hooks(sc, opts, &hooks)
        });
        let mut failed: Option<PyErr> = None;
        let mut reported = u64::MAX;
        while !worker.is_finished() {
            py.detach(|| {
                let until = Instant::now() + POLL;
                while !worker.is_finished() && Instant::now() < until {
                    std::thread::sleep(Duration::from_millis(2));
                }
            });
            let step = py.check_signals().and_then(|()| {
                let now = done.load(Ordering::Relaxed);
                match progress {
                    Some(cb) if now != reported => {
                        reported = now;
                        cb.call1((now, total)).map(drop)
                    }
                    _ => Ok(()),
                }
            });
            if let Err(e) = step {
                cancel.store(true, Ordering::Relaxed);
                failed = Some(e);
                break;
            }
        }
        let outcome = py.detach(|| worker.join());
        if let Some(e) = failed {
            return Err(e);
        }
        if let Some(cb) = progress {
            cb.call1((done.load(Ordering::Relaxed), total))?;
        }
        match outcome {
            Ok(r) => r.map_err(errors::from_run),
            Err(_) => Err(errors::runtime("the simulation panicked")),
        }
    })
}

/// The run options of `run` and `compare`, checked.
fn options(replications: Option<u32>, seed: Option<u64>, threads: usize) -> PyResult<RunOptions> {
    if replications == Some(0) {
        return Err(PyValueError::new_err("replications must be at least 1"));
    }
    Ok(RunOptions { replications, seed, threads })
}

/// Simulates a scenario (see `caseload.run`).
#[pyfunction]
#[pyo3(signature = (scenario, replications = None, seed = None, days = None, mode = "des",
    overrides = None, threads = 0, progress = None, assumption_samples = None))]
#[allow(clippy::too_many_arguments)]
pub fn run(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    replications: Option<u32>,
    seed: Option<u64>,
    days: Option<u32>,
    mode: &str,
    overrides: Option<&Bound<'_, PyDict>>,
    threads: usize,
    progress: Option<&Bound<'_, PyAny>>,
    assumption_samples: Option<usize>,
) -> PyResult<RunOutput> {
    let mut loaded = resolve(py, scenario)?;
    let overridden = overrides.is_some_and(|o| !o.is_empty());
    let samples = samples_to_take(assumption_samples, overridden)?;
    apply(py, &mut loaded.scenario, days, overrides)?;
    let opts = options(replications, seed, threads)?;
    let t0 = Instant::now();
    let result = match mode {
        "des" => simulate(py, &loaded.scenario, opts, progress)?,
        "fluid" => {
            let sc = &loaded.scenario;
            py.detach(|| model::fluid::run(sc))
        }
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown mode {other:?}: use \"des\" (simulation) or \"fluid\" (expected values)"
            )));
        }
    };
    let wall_s = t0.elapsed().as_secs_f64();
    let mut result = result;
    if samples > 0 {
        let seed = seed.unwrap_or(loaded.scenario.seed);
        let hooks = study::sensitivity::Hooks::default();
        let l = &loaded;
        let ranges =
            py.detach(|| study::sensitivity::assumption_ranges(l, samples, seed, threads, &hooks));
        result.assumption_ranges = Some(ranges.map_err(|e| PyValueError::new_err(e.to_string()))?);
    }
    Ok(RunOutput { result, loaded, wall_s })
}

/// The ranges' points: `caseload run`'s default unless overrides are given (the ranges
/// are centred on the file's values, which overrides have moved), then none; asking for
/// them with overrides is an error.
fn samples_to_take(asked: Option<usize>, overridden: bool) -> PyResult<usize> {
    match (asked, overridden) {
        (Some(n), true) if n > 0 => Err(PyValueError::new_err(
            "assumption_samples with overrides: the ranges are drawn around the scenario \
             file's values, which the overrides have moved; write the overrides into a \
             scenario file that extends this one, or pass assumption_samples=0",
        )),
        (Some(n), _) => Ok(n),
        (None, true) => Ok(0),
        (None, false) => Ok(study::sensitivity::DEFAULT_SAMPLES),
    }
}

/// Runs A and B with the same seed and replications and returns B − A of every measure
/// (see `caseload.compare`), as JSON text: what `caseload compare --json` prints.
#[pyfunction]
#[pyo3(signature = (a, b, replications = None, seed = None, threads = 0, progress = None,
    assumption_samples = study::sensitivity::DEFAULT_SAMPLES))]
#[allow(clippy::too_many_arguments)]
pub fn compare(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    replications: Option<u32>,
    seed: Option<u64>,
    threads: usize,
    progress: Option<&Bound<'_, PyAny>>,
    assumption_samples: usize,
) -> PyResult<String> {
    let (la, lb) = (resolve(py, a)?, resolve(py, b)?);
    let reps = replications.unwrap_or(la.scenario.replications).max(1);
    let opts = options(Some(reps), Some(seed.unwrap_or(la.scenario.seed)), threads)?;
    let ra = simulate(py, &la.scenario, opts, progress)?;
    let rb = simulate(py, &lb.scenario, opts, progress)?;
    let mut c = output::compare::compare(&ra, &rb).map_err(|e| errors::runtime(e.0))?;
    if assumption_samples > 0 {
        let seed = opts.seed.unwrap_or(la.scenario.seed);
        let hooks = study::sensitivity::Hooks::default();
        let (la, lb) = (&la, &lb);
        let r = py.detach(|| {
            study::sensitivity::difference_ranges(la, lb, assumption_samples, seed, threads, &hooks)
        });
        c = c.with_ranges(&r.map_err(|e| PyValueError::new_err(e.to_string()))?);
    }
    serde_json::to_string_pretty(&c).map_err(errors::runtime)
}
