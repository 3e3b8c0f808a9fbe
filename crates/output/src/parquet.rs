//! A sweep's results as Parquet tables, for DuckDB, pandas/pyarrow, R's arrow, Spark:
//!
//! ```text
//! run 0 ─┐
//! run 1 ─┼─► SweepWriter ──► daily.parquet     one row per (run, date, office), + national
//! run … ─┘    (run order)  └► summary.parquet   one row per run: every measure, mean and 95% CI
//! ```
//!
//! Both tables start with `run` and one column per swept parameter path, so a query can
//! group or filter by what changed. Columns are documented in `docs/outputs.md`, generated
//! from [`columns`].
//!
//! **Shards.** A sweep split with `--shard I/N` writes `daily.shard-I-of-N.parquet` and
//! `summary.shard-I-of-N.parquet`; DuckDB reads the parts directly
//! (`read_parquet('dir/daily.shard-*.parquet')`), and [`merge`] joins them into the two
//! files an unsharded sweep writes, byte for byte: rows go in run order, one record batch
//! per run in daily.parquet and one in summary.parquet, with the same writer settings, so
//! the same rows always make the same bytes.
//!
//! **Atomic.** daily.parquet streams into a hidden temporary file (runs are written as they
//! finish, so memory stays flat however many runs there are); on [`SweepWriter::finish`]
//! both files are flushed to disk and renamed into place, summary.parquet last. A writer
//! dropped unfinished (error, Ctrl-C) removes its temporary files.
//!
//! **Metadata.** Each file carries key-value metadata: `caseload.sweep` (JSON: name, base
//! scenario, replications, seed, parameter columns, run count, tool version),
//! `caseload.complete` (`true` unless the sweep was stopped early) and, in shard files,
//! `caseload.shard` (`I/N`).

pub mod columns;
mod merge;
mod tables;

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::file::metadata::KeyValue;
use ::parquet::file::properties::WriterProperties;
use arrow_schema::SchemaRef;
use model::{Estimate, RunResult};
use serde::{Deserialize, Serialize};

pub use merge::{Merged, merge};

use crate::OutputError;

/// Metadata key of the sweep description (JSON of [`SweepInfo`]).
pub const META_SWEEP: &str = "caseload.sweep";
/// Metadata key: `true`, or `false` when the sweep was stopped before every run finished.
pub const META_COMPLETE: &str = "caseload.complete";
/// Metadata key of a shard file: `I/N`.
pub const META_SHARD: &str = "caseload.shard";

/// Rows per Parquet row group: bounds the writer's memory; readers skip by row group.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// What a sweep is, as recorded in its files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepInfo {
    /// Sweep name.
    pub name: String,
    /// The base scenario as the sweep file names it.
    pub base: String,
    /// Replications per run.
    pub replications: u32,
    /// Master seed of every run (common random numbers).
    pub seed: u64,
    /// The parameter columns, in column order.
    pub params: Vec<ParamColumn>,
    /// Runs in the whole sweep (all shards).
    pub runs: u32,
    /// Version of the tool that wrote the files.
    pub caseload_version: String,
}

/// A swept parameter: its path (the column name) and its type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamColumn {
    /// Parameter path, e.g. `removal.flights_per_week`.
    pub name: String,
    /// True for `true`/`false` parameters (a Boolean column), else a Float64 column.
    pub flag: bool,
}

/// The value a run gives a parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamValue {
    /// A number.
    Number(f64),
    /// A flag.
    Flag(bool),
}

/// Part `index` of `count` (0-based) of a sharded sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This part, 0..count.
    pub index: u32,
    /// Number of parts.
    pub count: u32,
}

impl Shard {
    /// Whether run `id` belongs to this shard (round-robin by run id).
    pub fn owns(&self, id: u32) -> bool {
        id % self.count == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// File names of the two tables: `daily.parquet` and `summary.parquet`, or their shard
/// parts `daily.shard-I-of-N.parquet`, `summary.shard-I-of-N.parquet`.
pub fn file_names(shard: Option<Shard>) -> [String; 2] {
    match shard {
        None => ["daily.parquet".into(), "summary.parquet".into()],
        Some(s) => {
            ["daily", "summary"].map(|t| format!("{t}.shard-{}-of-{}.parquet", s.index, s.count))
        }
    }
}

/// One summary row: a run's national measures, as [`SweepWriter::push`] keeps them.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepRow {
    /// Run id.
    pub run: u32,
    /// Value of each parameter column (`None`: the run leaves the base's value).
    pub params: Vec<Option<ParamValue>>,
    /// Every measure of [`model::MEASURES`], in order.
    pub measures: Vec<Estimate>,
    /// Every invariant check passed in every replication.
    pub invariants_ok: bool,
}

impl SweepRow {
    /// The summary row of a finished run.
    pub fn of(run: u32, params: &[Option<ParamValue>], result: &RunResult) -> SweepRow {
        SweepRow {
            run,
            params: params.to_vec(),
            measures: result.national.iter().map(|m| m.estimate).collect(),
            invariants_ok: crate::invariants::InvariantSummary::of(&result.invariants).all_ok,
        }
    }
}

/// Why sweep tables could not be written or merged.
#[derive(Debug)]
#[non_exhaustive]
pub enum SweepError {
    /// Creating the directory, writing or renaming a file failed.
    Output(OutputError),
    /// The Parquet or Arrow library refused (a file that is not Parquet, a schema
    /// mismatch).
    Parquet {
        /// The file concerned.
        path: PathBuf,
        /// The library's message.
        message: String,
    },
    /// Part files that do not make one sweep (missing or repeated shards, parts of
    /// different sweeps).
    Parts(String),
    /// Runs pushed out of order or twice (a bug in the caller).
    Order(String),
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::Output(e) => e.fmt(f),
            SweepError::Parquet { path, message } => write!(f, "{}: {message}", path.display()),
            SweepError::Parts(m) | SweepError::Order(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SweepError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SweepError::Output(e) => Some(e),
            _ => None,
        }
    }
}

impl From<OutputError> for SweepError {
    fn from(e: OutputError) -> Self {
        SweepError::Output(e)
    }
}

fn pq(path: &Path) -> impl Fn(&dyn fmt::Display) -> SweepError + '_ {
    move |e| SweepError::Parquet { path: path.to_path_buf(), message: e.to_string() }
}

/// Writer settings shared by every sweep file (and so by merges: same rows, same bytes).
fn properties(info: &SweepInfo, shard: Option<Shard>) -> WriterProperties {
    let sweep = serde_json::to_string(info).unwrap_or_default();
    let mut kv = vec![KeyValue::new(META_SWEEP.to_owned(), sweep)];
    if let Some(s) = shard {
        kv.push(KeyValue::new(META_SHARD.to_owned(), s.to_string()));
    }
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_max_row_group_bytes(None)
        .set_key_value_metadata(Some(kv))
        .build()
}

/// Streams a sweep's runs into daily.parquet and collects their summary rows; see the
/// module docs.
pub struct SweepWriter {
    dir: PathBuf,
    info: SweepInfo,
    shard: Option<Shard>,
    daily: Option<(ArrowWriter<File>, Temp)>,
    daily_schema: SchemaRef,
    rows: Vec<SweepRow>,
}

impl SweepWriter {
    /// Starts writing into `dir` (created if missing). Nothing appears under the final
    /// names before [`SweepWriter::finish`].
    pub fn create(
        dir: &Path,
        info: &SweepInfo,
        shard: Option<Shard>,
    ) -> Result<SweepWriter, SweepError> {
        fs::create_dir_all(dir)
            .map_err(|source| OutputError::CreateDir { path: dir.to_path_buf(), source })?;
        let [daily_name, _] = file_names(shard);
        let temp = Temp::create(dir, &daily_name)?;
        let file = temp.file().map_err(|source| write_error(dir, &daily_name, source))?;
        let schema = tables::daily_schema(info);
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties(info, shard)))
            .map_err(|e| pq(&temp.path)(&e))?;
        Ok(SweepWriter {
            dir: dir.to_path_buf(),
            info: info.clone(),
            shard,
            daily: Some((writer, temp)),
            daily_schema: schema,
            rows: Vec::new(),
        })
    }

    /// Adds a finished run. Runs must come in increasing id order (the files are in run
    /// order); `params` has one entry per [`SweepInfo::params`].
    pub fn push(
        &mut self,
        run: u32,
        params: &[Option<ParamValue>],
        result: &RunResult,
    ) -> Result<(), SweepError> {
        if self.rows.last().is_some_and(|r| r.run >= run) || params.len() != self.info.params.len()
        {
            return Err(SweepError::Order(format!(
                "run {run} pushed after run {} or with {} parameter values for {} columns",
                self.rows.last().map_or(0, |r| r.run),
                params.len(),
                self.info.params.len()
            )));
        }
        let batch = tables::daily_batch(&self.daily_schema, &self.info, run, params, result);
        let Some((writer, temp)) = &mut self.daily else {
            return Err(SweepError::Order("push after finish".into()));
        };
        let batch = batch.map_err(|e| pq(&temp.path)(&e))?;
        writer.write(&batch).map_err(|e| pq(&temp.path)(&e))?;
        self.rows.push(SweepRow::of(run, params, result));
        Ok(())
    }

    /// Runs pushed so far.
    pub fn runs(&self) -> usize {
        self.rows.len()
    }

    /// The summary rows pushed so far, in run order.
    pub fn rows(&self) -> &[SweepRow] {
        &self.rows
    }

    /// Closes daily.parquet, writes summary.parquet, and renames both into place (summary
    /// last). `complete` is false when the sweep stopped before all its runs.
    pub fn finish(mut self, complete: bool) -> Result<Vec<PathBuf>, SweepError> {
        let Some((mut writer, daily_temp)) = self.daily.take() else {
            return Err(SweepError::Order("finish twice".into()));
        };
        let [daily_name, summary_name] = file_names(self.shard);
        writer.append_key_value_metadata(complete_kv(complete));
        let file = writer.into_inner().map_err(|e| pq(&daily_temp.path)(&e))?;
        file.sync_all().map_err(|source| write_error(&self.dir, &daily_name, source))?;
        drop(file);
        let summary_temp = Temp::create(&self.dir, &summary_name)?;
        let file = summary_temp.file().map_err(|e| write_error(&self.dir, &summary_name, e))?;
        tables::write_summary(file, &self.info, self.shard, &self.rows, complete)
            .map_err(|e| pq(&summary_temp.path)(&e))?;
        let daily = daily_temp.commit(&self.dir, &daily_name)?;
        let summary = summary_temp.commit(&self.dir, &summary_name)?;
        Ok(vec![daily, summary])
    }
}

fn complete_kv(complete: bool) -> KeyValue {
    KeyValue::new(META_COMPLETE.to_owned(), complete.to_string())
}

fn write_error(dir: &Path, name: &str, source: io::Error) -> SweepError {
    SweepError::Output(OutputError::Write { path: dir.join(name), source })
}

/// A hidden temporary file in the output directory, removed unless committed.
struct Temp {
    path: PathBuf,
    committed: bool,
}

impl Temp {
    fn create(dir: &Path, name: &str) -> Result<Temp, SweepError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path =
            dir.join(format!("{}{}-sweep-{n}-{name}", crate::TEMP_PREFIX, std::process::id()));
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|source| write_error(dir, name, source))?;
        Ok(Temp { path, committed: false })
    }

    /// The file, opened for writing (it is empty).
    fn file(&self) -> io::Result<File> {
        OpenOptions::new().write(true).open(&self.path)
    }

    /// Flushes the file to disk and renames it to `dir/name`.
    fn commit(mut self, dir: &Path, name: &str) -> Result<PathBuf, SweepError> {
        let target = dir.join(name);
        let done = File::open(&self.path)
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.path, &target));
        done.map_err(|source| write_error(dir, name, source))?;
        self.committed = true;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(target)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests;
