//! # scenario — scenario files (TOML) to a validated `model::Scenario`
//!
//! A scenario file states every parameter of one run, and every number in it carries its
//! evidence: a citation with a date, or an assumption with a plausible range. Loading
//! goes in three steps, each its own module:
//!
//! ```text
//!  file.toml ──chain──▶ files (file, parent, grandparent… via `extends`, built-ins by name)
//!            ──tree───▶ one merged TOML tree (spans still point into the right file)
//!            ──validate▶ model::Scenario + SourceEntry list      or   ScenarioError
//!                         (raw serde `spec` types checked key by key; every problem kept)
//! ```
//!
//! The format is documented in `docs/scenario-format.md`. Errors list every problem at
//! once, each with file:line:column, the rule broken and what is allowed:
//!
//! ```
//! let text = "[scenario]\nname = \"x\"\ndays = 0\n";
//! let err = scenario::load_str(text, "what-if.toml").unwrap_err();
//! let first = err.diagnostics.iter().find(|d| d.message.starts_with("`scenario.days`")).unwrap();
//! assert_eq!(first.to_string(), "error: `scenario.days` = 0 is outside 1..=3660\n  --> what-if.toml:3:8");
//! assert!(err.len() > 1); // description, start… and the model tables are missing too
//! ```
//!
//! Built-in scenarios (the workspace's `scenarios/*.toml`) are compiled in:
//!
//! ```
//! for name in scenario::builtin_names() {
//!     assert!(scenario::builtin(name).is_some());
//! }
//! ```
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

mod builtin;
mod chain;
pub mod cities;
mod compile;
mod decode;
mod diagnostic;
pub mod factors;
pub mod fields;
mod files;
pub mod levers;
pub mod names;
pub mod overrides;
pub mod schema;
pub mod spec;
pub mod sweep;
mod tree;
mod validate;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use builtin::{Extends, builtin, builtin_names, extends_of};
pub use diagnostic::{Diagnostic, ScenarioError};

use files::Files;

/// A loaded scenario and the evidence behind each of its numbers.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The resolved configuration the model runs.
    pub scenario: model::Scenario,
    /// One entry per number (per step, for schedules), in configuration order.
    pub sources: Vec<SourceEntry>,
    /// The files read, the loaded one first, then the one it extends, and so on.
    pub files: Vec<String>,
    /// The assumptions with a range, for [`factors`].
    pub(crate) flagged: Vec<validate::Flagged>,
}

/// The evidence for one model number, for the report's list of sources and assumptions
/// (written to and read back from `report-data.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Parameter path, e.g. `ero.availability`, `offices[Chicago].beds.igsa`,
    /// `channels.target_weights.Chicago`, `interventions[0].agents`.
    pub parameter: String,
    /// The value as written: `0.62`, `[0.6, 0.3, 0.1]`, or `0.75 from 2025-01-20` for a
    /// schedule step.
    pub value: String,
    /// The citation, or `assumption`.
    pub source: String,
    /// When the cited figure held (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// Plausible range, `[lo, hi]` or one pair per element.
    pub range: Option<String>,
    /// The author's note.
    pub note: Option<String>,
    /// For a schedule step marked `announced`, the date as written (`YYYY-MM-DD`,
    /// `YYYY-MM` or `YYYY`): when the step was made public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<String>,
}

impl SourceEntry {
    /// True for an assumption (no published source).
    pub fn is_assumption(&self) -> bool {
        self.source == "assumption"
    }
}

/// The file at `path` as text, with its name as diagnostics show it; an unreadable file is
/// a diagnostic too.
pub(crate) fn read_named(path: &Path) -> Result<(String, String), ScenarioError> {
    let name = path.display().to_string();
    let text = chain::read_file(path).map_err(|e| ScenarioError {
        diagnostics: vec![Diagnostic::unplaced(
            &name,
            format!("cannot read \"{name}\": {e}"),
            None,
        )],
    })?;
    Ok((name, text))
}

/// Loads the scenario file at `path` (and whatever it extends).
pub fn load(path: &Path) -> Result<Loaded, ScenarioError> {
    let (name, text) = read_named(path)?;
    let identity =
        std::fs::canonicalize(path).map_or_else(|_| name.clone(), |p| p.display().to_string());
    load_text(name, text, path.parent().map(Path::to_path_buf), identity)
}

/// Loads a built-in scenario by name (see [`builtin_names`]).
pub fn load_builtin(name: &str) -> Result<Loaded, ScenarioError> {
    let Some(text) = builtin(name) else {
        return Err(not_found(name, "unknown built-in scenario"));
    };
    if let Some(loaded) = BUILTIN_CACHE.get(name) {
        return Ok(loaded);
    }
    let loaded =
        load_text(builtin::builtin_path(name), text.to_owned(), None, format!("builtin:{name}"))?;
    BUILTIN_CACHE.put(name, &loaded);
    Ok(loaded)
}

/// Built-in scenarios as loaded, once per process. Their text is compiled in, so loading
/// one is a pure function of its name; parsing and validating baseline-fy2025 (two files
/// of ~1,000 lines) costs ~75 M instructions, a clone of the result ~1% of that, and a
/// server loads a built-in for every run it is asked for (as test binaries do in most
/// tests). Only successful loads are kept; two threads missing at once both load, and
/// either result is the same.
static BUILTIN_CACHE: BuiltinCache = BuiltinCache(std::sync::OnceLock::new());

struct BuiltinCache(std::sync::OnceLock<std::sync::Mutex<Vec<(String, Loaded)>>>);

impl BuiltinCache {
    fn slots(&self) -> std::sync::MutexGuard<'_, Vec<(String, Loaded)>> {
        let m = self.0.get_or_init(Default::default);
        m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, name: &str) -> Option<Loaded> {
        self.slots().iter().find(|(n, _)| n == name).map(|(_, l)| l.clone())
    }

    fn put(&self, name: &str, loaded: &Loaded) {
        let mut slots = self.slots();
        if !slots.iter().any(|(n, _)| n == name) {
            slots.push((name.to_owned(), loaded.clone()));
        }
    }
}

/// Loads scenario text. `origin` names it in diagnostics, and relative `extends` paths
/// start from its directory.
pub fn load_str(text: &str, origin: &str) -> Result<Loaded, ScenarioError> {
    let dir = Path::new(origin).parent().map(Path::to_path_buf);
    let identity = std::fs::canonicalize(origin)
        .map_or_else(|_| origin.to_owned(), |p| p.display().to_string());
    load_text(origin.to_owned(), text.to_owned(), dir, identity)
}

/// A built-in scenario if `name_or_path` names one, else the file at that path.
pub fn resolve(name_or_path: &str) -> Result<Loaded, ScenarioError> {
    if builtin(name_or_path).is_some() {
        return load_builtin(name_or_path);
    }
    let path = Path::new(name_or_path);
    if path.exists() {
        return load(path);
    }
    Err(not_found(name_or_path, "no built-in scenario or file named"))
}

fn not_found(name: &str, what: &str) -> ScenarioError {
    let names = builtin_names().iter().copied();
    let help = names::did_you_mean(name, names.clone())
        .unwrap_or_else(|| format!("built-in scenarios: {}", names::list(names)));
    ScenarioError {
        diagnostics: vec![Diagnostic::unplaced(name, format!("{what} \"{name}\""), Some(help))],
    }
}

fn load_text(
    name: String,
    text: String,
    dir: Option<std::path::PathBuf>,
    identity: String,
) -> Result<Loaded, ScenarioError> {
    load_text_known_at(name, text, dir, identity, None)
}

/// A built-in scenario or scenario file as it was known at `origin`, for backtests:
/// every schedule step dated after `origin` is left out (the value in force at `origin`
/// carries on) unless the step is `announced` on or before `origin`, and interventions
/// starting after `origin` are left out.
pub fn resolve_known_at(name_or_path: &str, origin: model::Date) -> Result<Loaded, ScenarioError> {
    let (name, text, dir, identity) = match builtin(name_or_path) {
        Some(text) => (
            builtin::builtin_path(name_or_path),
            text.to_owned(),
            None,
            format!("builtin:{name_or_path}"),
        ),
        None => {
            let path = Path::new(name_or_path);
            let (name, text) = read_named(path)?;
            let identity = std::fs::canonicalize(path)
                .map_or_else(|_| name.clone(), |p| p.display().to_string());
            (name, text, path.parent().map(Path::to_path_buf), identity)
        }
    };
    load_text_known_at(name, text, dir, identity, Some(origin))
}

fn load_text_known_at(
    name: String,
    text: String,
    dir: Option<std::path::PathBuf>,
    identity: String,
    known_at: Option<model::Date>,
) -> Result<Loaded, ScenarioError> {
    let mut files = Files::default();
    files.push(name, text, dir, identity);
    let mut diags = Vec::new();
    chain::follow(&mut files, &mut diags);
    if !diags.is_empty() {
        return Err(finish(diags));
    }
    let trees: Vec<tree::Tree<'_>> = files.list.iter().filter_map(tree::parse).collect();
    for t in &trees {
        tree::check_duplicates(t, &files, &mut diags);
    }
    let mut ancestors_first = trees.into_iter().rev();
    let Some(mut root) = ancestors_first.next() else {
        return Err(finish(vec![Diagnostic::unplaced(
            "<scenario>",
            "nothing to load".into(),
            None,
        )]));
    };
    for child in ancestors_first {
        root = tree::merge(root, child, &files, &mut diags);
    }
    tree::drop_unsets(&mut root, &files, &mut diags);
    let (scenario, checker) = validate::validate(&root, &files, known_at);
    diags.extend(checker.diags);
    match scenario {
        Some(scenario) if diags.is_empty() => Ok(Loaded {
            scenario,
            sources: checker.sources,
            flagged: checker.flagged,
            files: files.list.iter().map(|f| f.name.clone()).collect(),
        }),
        _ => Err(finish(diags)),
    }
}

/// Orders problems by file and position, dropping exact repeats.
fn finish(mut diags: Vec<Diagnostic>) -> ScenarioError {
    diags.sort_by_key(|d| d.offset);
    diags.dedup_by(|a, b| a.offset == b.offset && a.message == b.message);
    ScenarioError { diagnostics: diags }
}
