//! Shared helpers: the valid test scenario, edits of it, error lookup, temp dirs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use scenario::{Diagnostic, Loaded, ScenarioError};

/// A small valid scenario: three offices, two sectors, two interventions.
pub const VALID: &str = include_str!("valid.toml");

/// Loads text as if from `test.toml`.
pub fn load(text: &str) -> Result<Loaded, ScenarioError> {
    scenario::load_str(text, "test.toml")
}

/// `VALID` with `from` (which must occur exactly once) replaced by `to`.
pub fn edit(from: &str, to: &str) -> String {
    edit_in(VALID, from, to)
}

/// `text` with `from` (which must occur exactly once) replaced by `to`.
pub fn edit_in(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once");
    text.replacen(from, to, 1)
}

/// The problems found in `text` (which must not load).
pub fn errors(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(_) => panic!("expected errors, but the scenario loaded"),
        Err(e) => e.diagnostics,
    }
}

/// The only problem found in `text`.
pub fn only_error(text: &str) -> Diagnostic {
    let errs = errors(text);
    assert_eq!(
        errs.len(),
        1,
        "expected one error, got:\n{}",
        ScenarioError { diagnostics: errs.clone() }
    );
    errs.into_iter().next().unwrap()
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
pub fn pos(text: &str, needle: &str) -> (usize, usize) {
    pos_nth(text, needle, 0)
}

/// 1-based line and column of the `n`th (from 0) occurrence of `needle` in `text`.
pub fn pos_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` not in text {n} times"))
        .0;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Asserts a diagnostic's message, position and help.
#[track_caller]
pub fn check(d: &Diagnostic, message: &str, at: (usize, usize), help: Option<&str>) {
    assert_eq!(d.message, message, "\n{d}");
    assert_eq!((d.line, d.col), at, "\n{d}");
    if let Some(help) = help {
        assert_eq!(d.help.as_deref(), Some(help), "\n{d}");
    }
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir()
            .join(format!("caseload-scenario-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `name` with `text` and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
