//! `calibrate`, `backtest` and `sensitivity`: the `study` functions the CLI commands of
//! those names call, with the GIL released, returning what the commands write (the
//! calibrated scenario text and the fit, backtest.parquet's table, the sensitivity
//! tables) and failing with the commands' messages.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use model::Date;
use output::study_tables::Column;
use pyo3::exceptions::{PyKeyboardInterrupt, PyValueError};
use pyo3::prelude::*;
use serde_json::{Value, json};
use study::backtest::{self as bt, BacktestRow};
use study::calibrate::{self as cal, FitOptions, Loss, Provenance, Space};
use study::sensitivity::tables::{index_columns, sample_columns, spread_columns, study_json};
use study::sensitivity::{Method, Mode, Study, StudySpec};
use study::targets::{Series, Targets};

use crate::errors;
use crate::scenarios::resolve;
use crate::stream::ArrowStream;
use crate::tables;
use crate::wait::run_polling;

/// A `ValueError` with the CLI's text.
fn bad(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The targets file and the fitted series, as `--targets` and `--series` give them.
fn targets_and_loss(path: &Path, series: &str) -> PyResult<(Targets, Loss)> {
    let targets = study::targets::load(path).map_err(bad)?;
    let series = Series::parse_list(series).map_err(|e| bad(format!("error: --series: {e}")))?;
    Ok((targets, Loss { series: series.into_iter().map(|s| (s, 1.0)).collect() }))
}

fn date(s: &str, flag: &str) -> PyResult<Date> {
    Date::parse(s.trim())
        .ok_or_else(|| bad(format!("error: {flag} {s:?} is not a date; write YYYY-MM-DD")))
}

fn mape_json(m: &std::collections::BTreeMap<Series, f64>) -> Value {
    Value::Object(m.iter().map(|(s, v)| (s.name().to_string(), json!(v))).collect())
}

/// Today's date (UTC), `YYYY-MM-DD`, as the calibrated file records it.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i32).to_string()
}

/// Fits the scenario's assumption factors to the monthly targets (`caseload calibrate`)
/// and returns the fit as JSON text: the calibrated scenario (`toml`, also written to
/// `out` if given), the loss, MAPE before and after, the months after, what the data do
/// not pin down, and the DES confirmation.
#[pyfunction]
#[pyo3(signature = (scenario, targets, until = None, params = "all", series = "all", seed = 1,
    max_evals = 3000, replications = 4, out = None, progress = None,
    screen = cal::DEFAULT_SCREEN))]
#[allow(clippy::too_many_arguments)]
pub fn calibrate(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    targets: PathBuf,
    until: Option<&str>,
    params: &str,
    series: &str,
    seed: u64,
    max_evals: u64,
    replications: u32,
    out: Option<PathBuf>,
    progress: Option<&Bound<'_, PyAny>>,
    screen: usize,
) -> PyResult<String> {
    let arg: String = scenario.str()?.to_string();
    let loaded = resolve(py, scenario)?;
    let (targets, loss) = targets_and_loss(&targets, series)?;
    let until = until.map(|u| date(u, "--until")).transpose()?;
    let window = cal::fit_window(&targets, &loaded.scenario, until);
    if window.values.is_empty() {
        return Err(bad(format!(
            "no month of {} falls inside the run and before --until",
            targets.file
        )));
    }
    let (space, screened) = py
        .detach(|| cal::fit_space(&loaded, params, screen, &loaded.scenario, &loss, &window))
        .map_err(bad)?;
    if space.is_empty() {
        return Err(bad(
            "no factor to fit: the scenario has no assumption with a range that moves the loss",
        ));
    }
    let opts = FitOptions { max_evals, restarts: 3, seed };
    let evals = AtomicU64::new(0);
    let cancel = AtomicBool::new(false);
    let t0 = Instant::now();
    let mut reported = u64::MAX;
    let (fit, interrupted) = run_polling(
        py,
        || {
            let on_eval = |n: u64, _best: f64| evals.store(n, Ordering::Relaxed);
            let hooks = cal::Hooks { on_eval: Some(&on_eval), cancel: Some(&cancel) };
            cal::fit(&loaded.scenario, &space, &loss, &window, opts, hooks)
        },
        |_| {
            let n = evals.load(Ordering::Relaxed);
            match progress {
                Some(cb) if n != reported => {
                    reported = n;
                    cb.call1((n, max_evals)).map(drop)
                }
                _ => Ok(()),
            }
        },
        |_| cancel.store(true, Ordering::SeqCst),
    )?;
    if let Some(e) = interrupted {
        return Err(e);
    }
    let mut fitted = loaded.scenario.clone();
    space.apply(&mut fitted, &fit.best).map_err(bad)?;
    let before = loss.evaluate(&loaded.scenario, &window);
    let after = loss.evaluate(&fitted, &window);
    let extends = if scenario::builtin(&arg).is_some() {
        arg.clone()
    } else {
        std::fs::canonicalize(&loaded.files[0]).map_or(arg.clone(), |p| p.display().to_string())
    };
    let months = window.months();
    let (first, last) = (months.first().expect("a month"), months.last().expect("a month"));
    let names: Vec<&str> = loss.series.iter().map(|(s, _)| s.name()).collect();
    let (day, span, last_month) = (today(), format!("{first}..{last}"), last.to_string());
    let name = format!("{}-calibrated", loaded.scenario.name);
    let p = Provenance {
        extends: &extends,
        name: &name,
        series: &names.join(", "),
        window: &span,
        last_month: &last_month,
        targets: &window.file,
        date: &day,
        loss: (fit.start_loss, fit.loss),
    };
    let assignments = space.assignments(&fit.best);
    let text = cal::calibrated_toml(&p, &loaded, &fitted, space.members());
    let written = match &out {
        Some(path) => Some(write_calibrated(py, path, &text)?),
        None => None,
    };
    let (id, confirmation) = py.detach(|| {
        let id = cal::identify(&loaded.scenario, &space, &loss, &window, &fit.best);
        let c = (replications > 0)
            .then(|| cal::confirm(&fitted, &window, &loss.names(), replications, seed));
        (id, c)
    });
    let confirmation = match confirmation {
        None => Value::Null,
        Some(Err(e)) => return Err(errors::from_run(e)),
        Some(Ok(c)) => json!({
            "replications": c.replications,
            "mape": c.mape.iter().map(|(s, e)| (s.name().to_string(), json!({"mean": e.mean, "ci95": e.ci95}))).collect::<serde_json::Map<_, _>>(),
        }),
    };
    let doc = json!({
        "scenario": loaded.scenario.name,
        "name": name,
        "factors": space.names().iter().enumerate().map(|(i, name)| {
            let members: Vec<&cal::Assignment> = space.group_members(i).iter()
                .filter_map(|f| assignments.iter().find(|a| a.path == f.name)).collect();
            let first = members.first();
            json!({
                "path": name, "start": space.start()[i], "coordinate": fit.best[i],
                "curvature": id.curvature[i],
                "value": first.map(|a| a.value), "before": first.map(|a| a.before),
                "range": first.map(|a| a.range),
                "members": members.iter().map(|a| json!({
                    "path": a.path, "value": a.value, "before": a.before, "range": a.range,
                })).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "screen": screened.as_ref().map(|s| json!({
            "start_loss": s.start_loss,
            "rows": s.rows.iter().map(|r| json!({
                "name": r.name, "low": r.low, "high": r.high, "effect": r.effect,
            })).collect::<Vec<_>>(),
        })),
        "evals": fit.evals,
        "start_loss": fit.start_loss,
        "loss": fit.loss,
        "wall_s": t0.elapsed().as_secs_f64(),
        "window": span,
        "mape_before": mape_json(&before.gap.mape()),
        "mape_after": mape_json(&after.gap.mape()),
        "months": after.gap.rows.iter().map(|r| json!({
            "series": r.series.name(), "month": r.month.to_string(), "model": r.model,
            "published": r.published, "err": r.err,
        })).collect::<Vec<_>>(),
        "flat": id.flat.iter().map(|(l, parts)| json!({
            "eigenvalue": l,
            "direction": parts.iter().map(|(n, w)| (n.clone(), json!(w))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "correlated": id.correlated.iter().map(|(a, b, c)| json!([a, b, c])).collect::<Vec<_>>(),
        "at_bound": id.at_bound.iter().map(|(n, side)| json!([n, side])).collect::<Vec<_>>(),
        "confirmation": confirmation,
        "toml": text,
        "file": written.map(|p| p.display().to_string()),
    });
    serde_json::to_string(&doc).map_err(errors::runtime)
}

/// Writes the calibrated file atomically and checks that it loads.
fn write_calibrated(py: Python<'_>, path: &Path, text: &str) -> PyResult<PathBuf> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(errors::runtime)?;
    let file =
        path.file_name().ok_or_else(|| bad("out= names a file"))?.to_string_lossy().into_owned();
    let written =
        output::write_atomic(dir, &file, |w| std::io::Write::write_all(w, text.as_bytes()))
            .map_err(errors::runtime)?;
    scenario::load(&written).map_err(|e| errors::from_scenario(py, &e))?;
    Ok(written)
}

/// Forecasts from each origin with only what was known then (`caseload backtest`) and
/// returns backtest.parquet's table.
#[pyfunction]
#[pyo3(signature = (scenario, origins, targets, horizon = 3, refit = false, params = "all",
    series = "all", max_evals = 1500, seed = 1, screen = cal::DEFAULT_SCREEN))]
#[allow(clippy::too_many_arguments)]
pub fn backtest(
    py: Python<'_>,
    scenario: &str,
    origins: Vec<String>,
    targets: PathBuf,
    horizon: u32,
    refit: bool,
    params: &str,
    series: &str,
    max_evals: u64,
    seed: u64,
    screen: usize,
) -> PyResult<ArrowStream> {
    let (targets, loss) = targets_and_loss(&targets, series)?;
    let origins: Vec<Date> =
        origins.iter().map(|o| date(o, "--origin")).collect::<PyResult<_>>()?;
    for o in &origins {
        bt::check_origin(*o, &targets).map_err(bad)?;
    }
    if horizon == 0 {
        return Err(bad("error: --horizon is at least 1 month"));
    }
    let names = loss.names();
    let mut rows: Vec<BacktestRow> = Vec::new();
    for &origin in &origins {
        let loaded = bt::known_before(scenario, origin)
            .map_err(|e| errors::from_scenario(py, &e))?;
        let mut sc = loaded.scenario.clone();
        if refit {
            let window = cal::fit_window(&targets, &sc, Some(origin));
            let (space, _) = py
                .detach(|| cal::fit_space(&loaded, params, screen, &sc, &loss, &window))
                .map_err(bad)?;
            let opts = FitOptions { max_evals, restarts: 2, seed };
            let fit =
                py.detach(|| cal::fit(&sc, &space, &loss, &window, opts, cal::Hooks::default()));
            space.apply(&mut sc, &fit.best).map_err(bad)?;
        }
        let months = py.detach(|| bt::forecast(&sc, origin, horizon)).map_err(bad)?;
        rows.extend(bt::rows(origin, horizon, &months, &targets, &names));
    }
    bt::record_batch(&rows).map(ArrowStream::new).map_err(errors::runtime)
}

/// The tables of a sensitivity study: samples, spread, indices, and study.json's text.
type StudyTables = (ArrowStream, ArrowStream, ArrowStream, String);

/// Runs a sensitivity study (`caseload sensitivity`) and returns its tables.
#[pyfunction]
#[pyo3(signature = (scenario, method = "sobol", samples = 128, params = "all",
    measures = "all", mode = "fluid", ungroup = false, seed = 1,
    levels = study::sensitivity::DEFAULT_LEVELS, resamples = study::sensitivity::DEFAULT_RESAMPLES,
    threads = 0, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    method: &str,
    samples: usize,
    params: &str,
    measures: &str,
    mode: &str,
    ungroup: bool,
    seed: u64,
    levels: usize,
    resamples: usize,
    threads: usize,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<StudyTables> {
    let loaded = resolve(py, scenario)?;
    let method = match method {
        "sobol" => Method::Sobol,
        "morris" => Method::Morris,
        m => return Err(bad(format!("unknown method {m:?}: use \"sobol\" or \"morris\""))),
    };
    let mode = match mode {
        "fluid" => Mode::Fluid,
        "des" => Mode::Des,
        m => return Err(bad(format!("unknown mode {m:?}: use \"fluid\" or \"des\""))),
    };
    let spec = StudySpec {
        method,
        samples,
        levels,
        params: params.to_owned(),
        measures: measures.to_owned(),
        mode,
        ungroup,
        seed,
        resamples,
    };
    let study = Study::plan(&loaded, spec).map_err(bad)?;
    let rows = study.design.rows();
    let done = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let t0 = Instant::now();
    let mut reported = usize::MAX;
    let (ev, interrupted) = run_polling(
        py,
        || {
            let tick = || {
                done.fetch_add(1, Ordering::Relaxed);
            };
            let hooks = study::sensitivity::Hooks { on_row: Some(&tick), cancel: Some(&cancel) };
            study.run(threads, &hooks)
        },
        |_| {
            let n = done.load(Ordering::Relaxed);
            match progress {
                Some(cb) if n != reported => {
                    reported = n;
                    cb.call1((n, rows)).map(drop)
                }
                _ => Ok(()),
            }
        },
        |_| cancel.store(true, Ordering::SeqCst),
    )?;
    let ev = ev.map_err(bad)?;
    if let Some(e) = interrupted {
        return Err(if e.is_instance_of::<PyKeyboardInterrupt>(py) {
            PyKeyboardInterrupt::new_err(format!("stopped after {} of {rows} runs", ev.finished()))
        } else {
            e
        });
    }
    let wall_s = t0.elapsed().as_secs_f64();
    let indices = study.analyse(&ev).map_err(bad)?;
    let stream = |cols: Vec<Column>| tables::columns(&cols).map(ArrowStream::new);
    Ok((
        stream(sample_columns(&study, &ev)).map_err(errors::runtime)?,
        stream(spread_columns(&study.spreads(&ev))).map_err(errors::runtime)?,
        stream(index_columns(&indices)).map_err(errors::runtime)?,
        study_json(&study, &ev, wall_s, crate::VERSION),
    ))
}

// The three column builders and study.json below are those of `caseload sensitivity`
// (crates/cli/src/commands/sensitivity.rs), so the tables have its columns.
