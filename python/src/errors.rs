//! Python exceptions: `ScenarioError` (a `ValueError`) carries the CLI's diagnostics text
//! and each problem as a dict; other failures become `RuntimeError` or `KeyboardInterrupt`.

use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

pyo3::create_exception!(
    _core,
    ScenarioError,
    PyValueError,
    "A scenario (or sweep) that cannot be run: str(e) is the CLI's file:line:column text, \
     e.diagnostics one dict per problem (path, line, col, message, help)."
);

/// One problem: where it is and what is wrong.
pub struct Problem<'a> {
    /// The file as named to the user.
    pub path: &'a str,
    /// 1-based line, 0 when it has no position.
    pub line: usize,
    /// 1-based column, 0 when it has no position.
    pub col: usize,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it.
    pub help: Option<&'a str>,
}

/// A `ScenarioError` with `text` as its message and `problems` as `.diagnostics`.
pub fn scenario_error(py: Python<'_>, text: String, problems: &[Problem]) -> PyErr {
    let list = PyList::empty(py);
    for p in problems {
        let d = PyDict::new(py);
        let filled = d
            .set_item("path", p.path)
            .and_then(|_| d.set_item("line", p.line))
            .and_then(|_| d.set_item("col", p.col))
            .and_then(|_| d.set_item("message", p.message))
            .and_then(|_| d.set_item("help", p.help))
            .and_then(|_| list.append(d));
        if let Err(e) = filled {
            return e;
        }
    }
    let err = ScenarioError::new_err(text);
    if let Err(e) = err.value(py).setattr("diagnostics", list) {
        return e;
    }
    err
}

/// The loader's error, as the CLI prints it.
pub fn from_scenario(py: Python<'_>, e: &scenario::ScenarioError) -> PyErr {
    let problems: Vec<Problem> = e
        .diagnostics
        .iter()
        .map(|d| Problem {
            path: &d.path,
            line: d.line,
            col: d.col,
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    scenario_error(py, e.to_string(), &problems)
}

/// A run that stopped: cancelled by Ctrl-C, or the worker pool failed.
pub fn from_run(e: model::RunError) -> PyErr {
    match e {
        model::RunError::Cancelled => PyKeyboardInterrupt::new_err("the run was cancelled"),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// Any other library error, by its message.
pub fn runtime(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(e.to_string())
}
