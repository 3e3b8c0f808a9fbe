//! # report — a run (or a baseline and a what-if) as one self-contained HTML page
//!
//! ```text
//! RunResult + sources ──data()──► ReportData ──(write_run_with_report_data)──► report-data.json
//!                                                                                   │ read()
//!                                          report.html ◄──write()/render()── ReportData ×1 or ×2
//! ```
//!
//! The page has inline CSS and inline SVG charts and refers to nothing outside itself (no
//! fonts, scripts, styles or images to fetch), so it opens offline and can be mailed or
//! archived as one file. It shows national arrests against the target with a 95% band,
//! the 25 offices as small multiples, detention against beds by facility type, admissions,
//! releases and removals, the backlog awaiting removal, duration distributions, Border
//! Patrol agent-days and extra gotaways, community impact, cost by component, the quarterly
//! scorecards and the scenario's assumptions and sources. With two runs, lines are
//! overlaid (baseline blue, what-if vermillion) and stacked charts sit side by side on a
//! shared scale. `docs/report.md` describes every chart.
//!
//! The report is drawn only from `report-data.json`, which the run writes next to its
//! other files, so `caseload report RUN_DIR` needs no simulation. The same data gives the
//! same bytes.
//!
//! ```
//! let sc = model::testkit::tiny();
//! let result = model::run(&sc, model::RunOptions { replications: Some(2), ..Default::default() })?;
//! let meta = output::RunMeta { wall_s: 0.1, caseload_version: "0.1.0" };
//! let data = output::report::data(&result, &meta, &output::report::Provenance::NONE);
//! let html = output::report::render(&[&data])?;
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg class=\"chart\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod budget;
mod charts;
mod data;
mod error;
mod html;
pub mod map;
mod oversight;
mod places;
pub mod studies;
mod svg;

use std::fs;
use std::path::{Path, PathBuf};

use model::RunResult;

pub use data::{
    Band, DailyHistogram, Distribution, Est, FILE_NAME, FORMAT, Headline, Layer, OfficeSeries,
    ReportData, RunInfo, SERIES, SMOOTH_DAYS, Scorecard, Series, Source, Stack, quantile_levels,
};
pub use error::ReportError;

use crate::{OutputError, RunMeta, atomic};

/// Default file name of a report inside a run directory.
pub const HTML_NAME: &str = "report.html";

/// Where the scenario's numbers come from: what the report lists under "Assumptions and
/// sources". The CLI has it from `scenario::Loaded`.
#[derive(Clone, Copy, Debug)]
pub struct Provenance<'a> {
    /// One entry per number of the scenario.
    pub sources: &'a [scenario::SourceEntry],
    /// The scenario files read, the loaded one first.
    pub files: &'a [String],
}

impl Provenance<'static> {
    /// No provenance (a scenario built in code); the report says the sources are absent.
    pub const NONE: Provenance<'static> = Provenance { sources: &[], files: &[] };
}

impl<'a> From<&'a scenario::Loaded> for Provenance<'a> {
    fn from(l: &'a scenario::Loaded) -> Provenance<'a> {
        Provenance { sources: &l.sources, files: &l.files }
    }
}

/// The report data of a run (what report-data.json holds).
pub fn data(result: &RunResult, meta: &RunMeta, prov: &Provenance) -> ReportData {
    data::build(result, meta, prov)
}

/// Writes `dir/report-data.json` atomically.
pub(crate) fn write_data(dir: &Path, data: &ReportData) -> Result<PathBuf, OutputError> {
    atomic::write_atomic(dir, FILE_NAME, |w| {
        serde_json::to_writer(&mut *w, data)?;
        w.write_all(b"\n")
    })
}

/// Reads the report data a run wrote into `dir`.
pub fn read(dir: &Path) -> Result<ReportData, ReportError> {
    let path = dir.join(FILE_NAME);
    let text = match fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = dir.to_path_buf();
            return Err(if dir.is_dir() {
                ReportError::Missing { dir }
            } else {
                ReportError::NoDir { dir }
            });
        }
        Err(source) => return Err(ReportError::Read { path, source }),
    };
    // Check the version before the shape, so an old file gets the helpful message.
    #[derive(serde::Deserialize)]
    struct Version {
        format: u32,
    }
    match serde_json::from_slice::<Version>(&text) {
        Ok(v) if v.format != FORMAT => {
            return Err(ReportError::Format { path, found: v.format });
        }
        Err(source) => return Err(ReportError::Parse { path, source }),
        Ok(_) => {}
    }
    serde_json::from_slice(&text).map_err(|source| ReportError::Parse { path, source })
}

/// The report page for one run, or for a baseline and a what-if (in that order).
pub fn render(runs: &[&ReportData]) -> Result<String, ReportError> {
    if runs.is_empty() || runs.len() > 2 {
        return Err(ReportError::RunCount(runs.len()));
    }
    Ok(html::page(runs))
}

/// Renders the report and writes it to `path` atomically (creating its directory).
pub fn write(path: &Path, runs: &[&ReportData]) -> Result<PathBuf, ReportError> {
    let page = render(runs)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)
        .map_err(|source| OutputError::CreateDir { path: dir.clone(), source })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| HTML_NAME.to_string());
    Ok(atomic::write_atomic(&dir, &name, |w| w.write_all(page.as_bytes()))?)
}
