//! # output — a run's results on disk and on the terminal
//!
//! [`write_run`] turns a [`model::RunResult`] into four files in one directory:
//!
//! ```text
//! RunResult ──► daily.csv        one row per (date, office) + national rows
//!           ──► offices.csv      one row per office: every measure, mean and 95% CI
//!           ──► scorecards.csv   one row per (fiscal quarter, office)
//!           ──► summary.json     headline measures, offices, invariants, months, timing
//! ```
//!
//! Every column is documented in `docs/outputs.md`, generated from [`columns`] and the
//! model's metric and measure docs. Each file is written atomically (temporary name,
//! fsync, rename): a reader never sees half a file, and a failed write leaves none.
//! summary.json is written last. [`summary_table`] renders the terminal summary.
//!
//! ```
//! let sc = model::testkit::tiny();
//! let opts = model::RunOptions { replications: Some(2), ..Default::default() };
//! let result = model::run(&sc, opts)?;
//! let dir = std::env::temp_dir().join(format!("caseload-doc-{}", std::process::id()));
//! let meta = output::RunMeta { wall_s: 0.1, caseload_version: "0.1.0" };
//! let written = output::write_run(&result, &dir, &meta)?;
//! assert_eq!(written.files.len(), 4);
//! assert!(output::summary_table(&result, true).contains("interior arrests per day"));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

mod atomic;
pub mod columns;
pub mod compare;
mod error;
mod invariants;
mod monthly;
pub mod parquet;
mod reference;
pub mod report;
pub mod residents;
pub mod study_tables;
mod summary_json;
mod table;
mod tables;
mod units;

use std::fs;
use std::path::{Path, PathBuf};

use model::RunResult;

pub use atomic::write_atomic;
pub use error::OutputError;
pub use reference::reference_markdown;
pub use table::summary_table;

/// Facts about the run that the result does not hold.
#[derive(Clone, Copy, Debug)]
pub struct RunMeta<'a> {
    /// Wall-clock seconds the run took (measured by the caller).
    pub wall_s: f64,
    /// Version of the tool writing the files, e.g. `env!("CARGO_PKG_VERSION")`.
    pub caseload_version: &'a str,
}

/// What [`write_run`] wrote.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Final paths, in the order written (summary.json last).
    pub files: Vec<PathBuf>,
}

/// Writes daily.csv, offices.csv, scorecards.csv and summary.json into `dir` (created
/// with its parents if missing), replacing files of the same names. Each file appears
/// whole or not at all; if a later file fails, the earlier ones of this call remain.
pub fn write_run(result: &RunResult, dir: &Path, meta: &RunMeta) -> Result<Written, OutputError> {
    write_files(result, dir, meta, None)
}

/// Like [`write_run`], and also writes `report-data.json` (before summary.json): what
/// [`report`] draws from, with the scenario's sources from `prov`. `caseload run` writes
/// this set, so `caseload report RUN_DIR` works on its directories.
pub fn write_run_with_report_data(
    result: &RunResult,
    dir: &Path,
    meta: &RunMeta,
    prov: &report::Provenance,
) -> Result<Written, OutputError> {
    write_files(result, dir, meta, Some(prov))
}

fn write_files(
    result: &RunResult,
    dir: &Path,
    meta: &RunMeta,
    prov: Option<&report::Provenance>,
) -> Result<Written, OutputError> {
    fs::create_dir_all(dir)
        .map_err(|source| OutputError::CreateDir { path: dir.to_path_buf(), source })?;
    let mut written = Written::default();
    written.files.push(atomic::write_atomic(dir, "daily.csv", |w| tables::daily(result, w))?);
    written.files.push(atomic::write_atomic(dir, "offices.csv", |w| tables::offices(result, w))?);
    written
        .files
        .push(atomic::write_atomic(dir, "scorecards.csv", |w| tables::scorecards(result, w))?);
    if let Some(prov) = prov {
        let data = report::data(result, meta, prov);
        written.files.push(report::write_data(dir, &data)?);
    }
    let summary = summary_json::SummaryJson::new(result, meta);
    written.files.push(atomic::write_atomic(dir, "summary.json", |w| {
        serde_json::to_writer_pretty(&mut *w, &summary)?;
        w.write_all(b"\n")
    })?);
    Ok(written)
}

/// summary.json's text as [`write_run`] writes it, for front-ends that hand the summary on
/// without a file (the Python package's `Result.summary`).
pub fn summary_json(result: &RunResult, meta: &RunMeta) -> String {
    let summary = summary_json::SummaryJson::new(result, meta);
    let mut text = serde_json::to_string_pretty(&summary).expect("summary.json serialises");
    text.push('\n');
    text
}

/// Prefix of the temporary files [`write_run`] creates (and removes on failure).
pub const TEMP_PREFIX: &str = atomic::TEMP_PREFIX;
