//! Scenarios as Python objects: `load(path)`, `load_text(text)`, or a built-in name, with
//! `overrides` applied through the same parameter paths as the CLI's sweeps.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

use crate::errors::{self, Problem};

/// A loaded, validated scenario (and where its numbers come from).
#[pyclass(module = "caseload._core", frozen)]
pub struct Scenario {
    pub(crate) loaded: scenario::Loaded,
}

#[pymethods]
impl Scenario {
    /// Scenario name.
    #[getter]
    fn name(&self) -> &str {
        &self.loaded.scenario.name
    }

    /// The question the scenario answers.
    #[getter]
    fn description(&self) -> &str {
        &self.loaded.scenario.description
    }

    /// First measured day, YYYY-MM-DD.
    #[getter]
    fn start(&self) -> String {
        self.loaded.scenario.start.to_string()
    }

    /// Measured days.
    #[getter]
    fn days(&self) -> u32 {
        self.loaded.scenario.days
    }

    /// The scenario's own replication count.
    #[getter]
    fn replications(&self) -> u32 {
        self.loaded.scenario.replications
    }

    /// The scenario's own master seed.
    #[getter]
    fn seed(&self) -> u64 {
        self.loaded.scenario.seed
    }

    /// The files read, the loaded one first, then the one it extends, and so on.
    #[getter]
    fn files(&self) -> Vec<String> {
        self.loaded.files.clone()
    }

    /// Every parameter path `overrides=` accepts, in scenario order.
    fn params(&self) -> Vec<String> {
        scenario::overrides::params(&self.loaded.scenario).into_iter().map(|p| p.path).collect()
    }

    fn __repr__(&self) -> String {
        let sc = &self.loaded.scenario;
        format!("<caseload.Scenario {} ({} days from {})>", sc.name, sc.days, sc.start)
    }
}

/// The built-in scenario names.
#[pyfunction]
pub fn scenarios() -> Vec<&'static str> {
    scenario::builtin_names().to_vec()
}

/// Loads a scenario file (and whatever it extends).
#[pyfunction]
pub fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Scenario> {
    let loaded = scenario::load(&path).map_err(|e| errors::from_scenario(py, &e))?;
    Ok(Scenario { loaded })
}

/// Loads scenario text; `origin` names it in diagnostics, and relative `extends` paths
/// start from its directory.
#[pyfunction]
#[pyo3(signature = (text, origin = "<text>"))]
pub fn load_text(py: Python<'_>, text: &str, origin: &str) -> PyResult<Scenario> {
    let loaded = scenario::load_str(text, origin).map_err(|e| errors::from_scenario(py, &e))?;
    Ok(Scenario { loaded })
}

/// A scenario argument: a `Scenario`, a built-in name, or a path.
pub fn resolve(py: Python<'_>, arg: &Bound<'_, PyAny>) -> PyResult<scenario::Loaded> {
    if let Ok(sc) = arg.cast::<Scenario>() {
        return Ok(sc.get().loaded.clone());
    }
    let name: String = match arg.extract() {
        Ok(s) => s,
        Err(_) => arg.str()?.to_string(),
    };
    scenario::resolve(&name).map_err(|e| errors::from_scenario(py, &e))
}

/// Applies `days` and `overrides` ({path: number or bool}) to `sc`, checking each value
/// against its domain and the shares against each other, as sweeps do.
pub fn apply(
    py: Python<'_>,
    sc: &mut model::Scenario,
    days: Option<u32>,
    overrides: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    use scenario::overrides::{Value, set};
    let fail = |path: &str, message: &str, help: Option<&str>| {
        let problem = Problem { path: "overrides", line: 0, col: 0, message, help };
        let mut text = format!("error: {message}\n  --> overrides[{path:?}]");
        if let Some(h) = help {
            text.push_str(&format!("\n   = help: {h}"));
        }
        errors::scenario_error(py, text, &[problem])
    };
    let mut changes: Vec<(String, Value)> = Vec::new();
    if let Some(d) = days {
        changes.push(("days".into(), Value::Number(d as f64)));
    }
    for (k, v) in overrides.into_iter().flat_map(|o| o.iter()) {
        let path: String = k.extract()?;
        let value = if v.is_instance_of::<PyBool>() {
            Value::Flag(v.extract()?)
        } else {
            match v.extract::<f64>() {
                Ok(x) => Value::Number(x),
                Err(_) => return Err(fail(&path, "override values are numbers or booleans", None)),
            }
        };
        changes.push((path, value));
    }
    for (path, value) in changes {
        set(sc, &path, value).map_err(|e| fail(&path, &e.message, e.help.as_deref()))?;
    }
    scenario::overrides::consistent(sc).map_err(|m| fail("", &m, None))
}
