//! `allocate`: the best split of a budget over the levers (`caseload allocate`), searched
//! in the fluid mode and confirmed in the DES, with the GIL released; returns what the
//! command writes (allocation.json, frontier.csv, report.html) and fails with its messages.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use study::allocate::{self as alloc, Lever, Options};

use crate::scenarios::resolve;
use crate::wait::run_polling;

/// allocation.json's text, frontier.csv's text and the report page (see
/// `caseload.allocate`).
#[pyfunction]
#[pyo3(signature = (scenario, budget, objective = "removals", minimise = false,
    levers = "beds,officers,flights", confirm = true))]
pub fn allocate(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    budget: f64,
    objective: &str,
    minimise: bool,
    levers: &str,
    confirm: bool,
) -> PyResult<(String, String, String)> {
    let loaded = resolve(py, scenario)?;
    let sc = &loaded.scenario;
    let levers = levers
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            Lever::parse(s).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "error: levers: unknown lever {s:?}; levers: beds, officers, flights, judges, partners"
                ))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let opts = Options { minimise, levers, ..Options::new(budget, objective) };
    alloc::check(sc, &opts).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let work = || -> Result<_, String> {
        let t0 = std::time::Instant::now();
        let a = alloc::allocate(sc, &opts).map_err(|e| e.to_string())?;
        let searched = t0.elapsed().as_secs_f64();
        let checked = confirm
            .then(|| alloc::confirm(sc, &opts, &a))
            .transpose()
            .map_err(|e| e.to_string())?;
        Ok((a, checked, searched))
    };
    let (outcome, interrupted) = run_polling(py, work, |_| Ok(()), |_| {})?;
    // The search has no stopping point of its own: Ctrl-C is raised when it ends.
    if let Some(e) = interrupted {
        return Err(e);
    }
    let (a, checked, searched) = outcome.map_err(PyValueError::new_err)?;
    let json = alloc::allocation_json(&opts, &a, checked.as_ref(), searched);
    let command = format!("caseload.allocate({:?}, budget={budget})", sc.name);
    let page = alloc::report_page(sc, &opts, &a, checked.as_ref(), &command);
    Ok((
        serde_json::to_string_pretty(&json).unwrap_or_default(),
        alloc::frontier_csv(&a),
        output::report::studies::allocation_page(&page),
    ))
}
