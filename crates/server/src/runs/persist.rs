//! The data directory (`caseload serve --data-dir`): one file per run, so runs survive a
//! restart, a crash or a `kill -9`.
//!
//! ```text
//!  POST ──► run-7.json  {"state": "queued", …}            the accepted record
//!  end  ──► run-7.json  {"state": "done", "results": …}   replaces it (failed and
//!                                                         cancelled runs too)
//!  evict ─► run-7.json deleted
//!  start ─► every run-<id>.json read back: ended runs as they were; a run still queued or
//!           running when the server stopped becomes failed ("interrupted: …")
//! ```
//!
//! Each file is replaced atomically ([`output::write_atomic`]: a temporary file in the same
//! directory, fsync, rename), so a crash leaves the old record or the new one, never half
//! of one. A record holds everything a finished run's endpoints answer from: the status
//! fields, the event log as sent, and the [`Finished`] results, so a run read back answers
//! the same bytes. Numbers round-trip exactly: the daily table is written with Rust's
//! shortest round-trip formatting and read with its exact parser, the rest is JSON read
//! with serde_json's `float_roundtrip`.
//!
//! Files are recognised by name (`run-<id>.json`) and by content (`"kind"` is [`KIND`],
//! `"format"` is [`FORMAT`]); anything else in the directory is skipped with a warning
//! naming the file and what is wrong with it, never a crash.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use output::report::ReportData;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::watch;

use super::{Event, EventKind, Finished, Inner, Phase, Run, RunId, Saved, ScenarioInfo, Written};
use crate::request::RunRequest;

/// The `"kind"` of a run record: what tells a run file from any other JSON.
pub const KIND: &str = "caseload-server-run";

/// Version of the record's layout; a record of another version is skipped with a warning.
pub const FORMAT: u32 = 1;

/// Why a run that was queued or running when the server stopped is failed after a restart.
pub const INTERRUPTED: &str = "interrupted: the server stopped before the run finished";

/// Prefix of `output::write_atomic`'s temporary files: one left behind by a crash during a
/// write is deleted at start.
const TEMP_PREFIX: &str = ".caseload-tmp-";

/// The file name of run `id`'s record.
pub fn file_name(id: RunId) -> String {
    format!("run-{id}.json")
}

/// The run id of a record's file name, if it is one.
fn id_of(name: &str) -> Option<RunId> {
    let digits = name.strip_prefix("run-")?.strip_suffix(".json")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id >= 1)
}

/// A data directory, checked to be writable.
#[derive(Debug)]
pub struct Dir {
    path: PathBuf,
}

/// What [`Dir::load`] found.
pub(crate) struct Found {
    /// The records read, by id.
    pub records: Vec<Record>,
    /// The highest id of any `run-<id>.json`, read or not (new runs number after it, so a
    /// damaged file is never overwritten).
    pub highest_id: RunId,
    /// Files skipped (each with a warning on stderr).
    pub skipped: usize,
}

impl Dir {
    /// Creates the directory if needed and checks that files can be written in it.
    pub fn open(path: &Path) -> Result<Dir, String> {
        let how = "choose another with --data-dir DIR, or keep runs in memory with --ephemeral";
        std::fs::create_dir_all(path).map_err(|e| {
            format!("cannot create the data directory {}: {e} ({how})", path.display())
        })?;
        let probe = ".caseload-write-check";
        output::write_atomic(path, probe, |w| w.write_all(b"caseload\n")).map_err(|e| {
            let why = std::error::Error::source(&e).map_or(e.to_string(), |s| s.to_string());
            format!("the data directory {} is not writable: {why} ({how})", path.display())
        })?;
        let _ = std::fs::remove_file(path.join(probe));
        Ok(Dir { path: path.to_path_buf() })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes (or replaces) a run's record atomically.
    pub(crate) fn save(&self, record: &Record) -> Result<(), String> {
        let name = file_name(record.id);
        output::write_atomic(&self.path, &name, |w| {
            serde_json::to_writer(&mut *w, record)?;
            w.write_all(b"\n")
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    /// Deletes run `id`'s record (a missing one is fine: it may never have been written).
    pub(crate) fn remove(&self, id: RunId) {
        let path = self.path.join(file_name(id));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                eprintln!("caseload serve: warning: could not delete {}: {e}", path.display())
            }
        }
    }

    /// Reads every record in the directory, oldest first. Anything that is not a readable
    /// record of this format is skipped with a warning on stderr; leftover temporary files
    /// are deleted.
    pub(crate) fn load(&self) -> Result<Found, String> {
        let entries = std::fs::read_dir(&self.path)
            .map_err(|e| format!("cannot read the data directory {}: {e}", self.path.display()))?;
        let mut found = Found { records: Vec::new(), highest_id: 0, skipped: 0 };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("caseload serve: warning: reading {}: {e}", self.path.display());
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(TEMP_PREFIX) {
                // A write cut short by a crash: the record it was replacing is intact.
                let _ = std::fs::remove_file(&path);
                continue;
            }
            let read = match id_of(&name) {
                None => Err("not a run record (their names are run-<id>.json)".to_owned()),
                Some(id) => {
                    found.highest_id = found.highest_id.max(id);
                    read_record(&path, id)
                }
            };
            match read {
                Ok(r) => found.records.push(r),
                Err(why) => {
                    eprintln!("caseload serve: warning: skipped {}: {why}", path.display());
                    found.skipped += 1;
                }
            }
        }
        found.records.sort_by_key(|r| r.id);
        Ok(found)
    }
}

/// The first fields of a record, read before the rest so that a foreign file or another
/// format gets a message that says so rather than a parse error.
#[derive(Deserialize)]
struct Header {
    kind: Option<String>,
    format: Option<u32>,
    id: Option<RunId>,
    written_by: Option<String>,
}

/// Reads and checks the record in `path`, which is named for run `id`.
fn read_record(path: &Path, id: RunId) -> Result<Record, String> {
    if path.is_dir() {
        return Err("a directory, not a run record".into());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let header: Header = serde_json::from_slice(&bytes).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => format!("not valid JSON ({e})"),
            Category::Data => format!("not a caseload run record ({e})"),
        }
    })?;
    match header.kind.as_deref() {
        Some(KIND) => {}
        Some(other) => return Err(format!("its \"kind\" is {other:?}, not {KIND:?}")),
        None => return Err(format!("not a caseload run record (no \"kind\": {KIND:?})")),
    }
    if header.format != Some(FORMAT) {
        let by = header.written_by.map_or(String::new(), |v| format!(", written by caseload {v}"));
        let found = header.format.map_or("none".into(), |f| f.to_string());
        return Err(format!(
            "record format {found}{by}; this caseload reads format {FORMAT} (run it with the \
             caseload that wrote it, or delete the file)"
        ));
    }
    if header.id != Some(id) {
        return Err(format!("it holds run {:?}, not run {id} as its name says", header.id));
    }
    let record: Record =
        serde_json::from_slice(&bytes).map_err(|e| format!("a damaged run record ({e})"))?;
    if let Some(r) = &record.results {
        r.check().map_err(|why| format!("a damaged run record: {why}"))?;
    }
    Ok(record)
}

/// One run as the data directory keeps it.
#[derive(Serialize, Deserialize)]
pub(crate) struct Record {
    kind: String,
    format: u32,
    /// The caseload version that wrote it (for the message when the format differs).
    written_by: String,
    pub id: RunId,
    created_at: u64,
    pub state: Phase,
    scenario: ScenarioInfo,
    replications: u32,
    seed: u64,
    request: RunRequest,
    toml: Option<String>,
    replications_done: u32,
    wall_s: Option<f64>,
    error: Option<String>,
    /// The event log as sent: `[name, JSON data]`.
    events: Vec<(String, String)>,
    /// A done run's results.
    results: Option<Results>,
}

impl Record {
    /// The record of `run` as it is now (the state and log read under one lock).
    pub fn of(run: &Run) -> Record {
        let (state, error, wall_s, log, finished) = {
            let inner = run.lock();
            let wall_s = inner.wall_s.or_else(|| inner.started.map(|s| s.elapsed().as_secs_f64()));
            (inner.phase, inner.error.clone(), wall_s, inner.log.clone(), inner.finished.clone())
        };
        Record {
            kind: KIND.into(),
            format: FORMAT,
            written_by: env!("CARGO_PKG_VERSION").into(),
            id: run.id,
            created_at: run.created_at,
            state,
            scenario: run.scenario.clone(),
            replications: run.replications,
            seed: run.seed,
            request: run.request.clone(),
            toml: run.toml.clone(),
            replications_done: run.reps_done(),
            wall_s: if state.is_terminal() { wall_s } else { None },
            error,
            events: log.iter().map(|e| (e.kind.name().to_owned(), e.data.to_string())).collect(),
            results: finished.as_deref().map(Results::of),
        }
    }

    /// True if the run was queued or running when the record was last written.
    pub fn interrupted(&self) -> bool {
        !self.state.is_terminal()
    }

    /// The run this record describes, stored in `dir`. A run that had not ended is failed
    /// with [`INTERRUPTED`] (the caller writes its new record).
    pub fn into_run(self, dir: Option<Arc<Dir>>) -> Result<Run, String> {
        let mut log = Vec::with_capacity(self.events.len() + 2);
        for (name, data) in self.events {
            let kind = EventKind::from_name(&name)
                .ok_or_else(|| format!("a damaged run record (unknown event {name:?})"))?;
            log.push(Event { kind, data: data.into() });
        }
        let (mut phase, mut error) = (self.state, self.error);
        let written = if phase.is_terminal() { Written::Ended } else { Written::Nothing };
        if !phase.is_terminal() {
            phase = Phase::Failed;
            error = Some(INTERRUPTED.into());
            log.push(Event::status(Phase::Failed));
            log.push(Event::end(Phase::Failed, Some(INTERRUPTED.into())));
        }
        let finished = match self.results {
            Some(r) if phase == Phase::Done => Some(Arc::new(r.into_finished()?)),
            _ => None,
        };
        if phase == Phase::Done && finished.is_none() {
            return Err("a damaged run record (done, without its results)".into());
        }
        let n = log.len() as u64;
        Ok(Run {
            id: self.id,
            created_at: self.created_at,
            request: self.request,
            scenario: self.scenario,
            replications: self.replications,
            seed: self.seed,
            toml: self.toml,
            job: None,
            saved: dir.map(|dir| Saved { dir, written: Mutex::new(written) }),
            cancel: std::sync::atomic::AtomicBool::new(phase == Phase::Cancelled),
            reps_done: std::sync::atomic::AtomicU32::new(self.replications_done),
            inner: Mutex::new(Inner {
                phase,
                error,
                finished,
                log,
                started: None,
                wall_s: self.wall_s,
                computing: false,
            }),
            version: watch::Sender::new(n),
        })
    }
}

/// A done run's [`Finished`] results as written.
#[derive(Serialize, Deserialize)]
struct Results {
    wall_s: f64,
    summary: Value,
    offices: Vec<String>,
    dates: Vec<String>,
    /// The daily table's columns, by name: a table of another model's metrics is refused.
    metrics: Vec<String>,
    /// The daily table, one line per day: every office's row (in office order, columns as
    /// `metrics`), numbers separated by spaces, in Rust's shortest round-trip formatting
    /// (exact, and `NaN` and `inf` survive, which JSON numbers cannot carry).
    daily: Vec<String>,
    scorecards: Value,
    scorecards_csv: String,
    report: ReportData,
}

impl Results {
    fn of(f: &Finished) -> Results {
        let d = &f.daily;
        let daily = (0..d.days())
            .map(|t| {
                let mut line = String::with_capacity(d.offices() * model::METRIC_COUNT * 8);
                for row in d.day_rows(t) {
                    for x in row {
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        let _ = write!(line, "{x}");
                    }
                }
                line
            })
            .collect();
        Results {
            wall_s: f.wall_s,
            summary: f.summary.clone(),
            offices: f.offices.clone(),
            dates: f.dates.clone(),
            metrics: model::Metric::ALL.iter().map(|m| m.name().to_owned()).collect(),
            daily,
            scorecards: f.scorecards.clone(),
            scorecards_csv: f.scorecards_csv.clone(),
            report: f.report.clone(),
        }
    }

    /// Checks what the types do not: the table's shape and columns.
    fn check(&self) -> Result<(), String> {
        let names: Vec<&str> = model::Metric::ALL.iter().map(|m| m.name()).collect();
        if self.metrics != names {
            return Err("its daily table has other columns than this caseload's model \
                        (written by another version)"
                .into());
        }
        if self.daily.len() != self.dates.len() {
            return Err(format!(
                "{} days of daily rows for {} dates",
                self.daily.len(),
                self.dates.len()
            ));
        }
        Ok(())
    }

    fn into_finished(self) -> Result<Finished, String> {
        self.check()?;
        let (days, offices) = (self.daily.len(), self.offices.len());
        let mut daily = model::Daily::new(days, offices);
        let per_day = offices * model::METRIC_COUNT;
        for (t, line) in self.daily.iter().enumerate() {
            let mut n = 0;
            for (i, cell) in line.split_ascii_whitespace().enumerate() {
                let x: f64 = cell.parse().map_err(|_| {
                    format!("a damaged run record (day {t} of the daily table: {cell:?})")
                })?;
                if i < per_day {
                    let m = model::Metric::ALL[i % model::METRIC_COUNT];
                    daily.set(t, i / model::METRIC_COUNT, m, x);
                }
                n += 1;
            }
            if n != per_day {
                return Err(format!(
                    "a damaged run record (day {t} of the daily table has {n} values, not \
                     {offices} offices × {} metrics)",
                    model::METRIC_COUNT
                ));
            }
        }
        Ok(Finished {
            wall_s: self.wall_s,
            summary: self.summary,
            daily,
            offices: self.offices,
            dates: self.dates,
            scorecards: self.scorecards,
            scorecards_csv: self.scorecards_csv,
            report: self.report,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_run_files_name_a_run() {
        assert_eq!(id_of("run-7.json"), Some(7));
        assert_eq!(id_of("run-120.json"), Some(120));
        for name in ["run-.json", "run-0.json", "run-7.json.bak", "run-+7.json", "notes.json"] {
            assert_eq!(id_of(name), None, "{name}");
        }
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn foreign_and_damaged_files_are_skipped_and_their_ids_not_reused() {
        let d = std::env::temp_dir().join(format!("caseload-persist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        let dir = Dir::open(&d).unwrap();
        let files = [
            ("run-3.json", "\u{0}garbage"),
            ("run-4.json", r#"{"kind": "something-else", "format": 1}"#),
            ("run-5.json", r#"{"kind": "caseload-server-run", "format": 99, "id": 5}"#),
            ("run-6.json", r#"{"kind": "caseload-server-run", "format": 1, "id": 7}"#),
            ("run-8.json", r#"{"kind": "caseload-server-run", "format": 1, "id": 8}"#),
            ("notes.txt", "mine"),
            (".caseload-tmp-1-0-run-2.json", "{\"kind\": \"caseload-serv"),
        ];
        for (name, text) in files {
            std::fs::write(d.join(name), text).unwrap();
        }
        std::fs::create_dir(d.join("run-9.json")).unwrap();
        let found = dir.load().unwrap();
        assert!(found.records.is_empty());
        assert_eq!((found.skipped, found.highest_id), (7, 9));
        assert!(!d.join(".caseload-tmp-1-0-run-2.json").exists(), "a crashed write is cleaned");
        assert!(d.join("run-3.json").exists(), "a damaged record is left for its owner");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn the_directory_must_be_a_directory() {
        let f = std::env::temp_dir().join(format!("caseload-persist-file-{}", std::process::id()));
        std::fs::write(&f, "x").unwrap();
        let e = Dir::open(&f.join("runs")).unwrap_err();
        assert!(e.starts_with("cannot create the data directory "), "{e}");
        assert!(e.contains("--ephemeral"), "{e}");
        let _ = std::fs::remove_file(&f);
    }
}
