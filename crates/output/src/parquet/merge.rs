//! Joining the parts of a sharded sweep into the two files an unsharded sweep writes.
//!
//! The parts are checked first: all of one sweep (same `caseload.sweep` metadata), every
//! shard 0..N present exactly once for both tables, no run in two parts. daily.parquet is
//! then streamed run by run (each part holds its runs in increasing order, so a k-way
//! merge needs one run per part in memory); summary.parquet is small and sorted whole.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use ::parquet::arrow::ArrowWriter;
use ::parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use arrow_array::{Array, RecordBatch, UInt32Array};
use arrow_schema::SchemaRef;
use arrow_select::concat::concat_batches;
use arrow_select::take::take_record_batch;

use super::{
    META_COMPLETE, META_SHARD, META_SWEEP, Shard, SweepError, SweepInfo, Temp, complete_kv,
    file_names, pq, properties, tables,
};

/// What [`merge`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// daily.parquet and summary.parquet, in the order written.
    pub files: Vec<PathBuf>,
    /// Runs in the merged tables.
    pub runs: usize,
    /// Shards joined.
    pub shards: u32,
    /// False when some part came from a sweep stopped early (its missing runs are missing
    /// from the merge too).
    pub complete: bool,
    /// The sweep, as its files describe it.
    pub info: SweepInfo,
}

/// Which table a part file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Table {
    Daily,
    Summary,
}

/// One part file, by its name.
#[derive(Clone, Debug)]
struct Part {
    table: Table,
    shard: Shard,
    path: PathBuf,
}

/// `daily.shard-I-of-N.parquet` → (Daily, I/N).
fn parse_name(name: &str) -> Option<(Table, Shard)> {
    let (table, rest) = name.split_once(".shard-")?;
    let table = match table {
        "daily" => Table::Daily,
        "summary" => Table::Summary,
        _ => return None,
    };
    let (i, n) = rest.strip_suffix(".parquet")?.split_once("-of-")?;
    let shard = Shard { index: i.parse().ok()?, count: n.parse().ok()? };
    (shard.count > 0 && shard.index < shard.count).then_some((table, shard))
}

fn find_parts(inputs: &[PathBuf]) -> Result<Vec<Part>, SweepError> {
    let io = |p: &Path, e: std::io::Error| SweepError::Parts(format!("{}: {e}", p.display()));
    let mut parts = Vec::new();
    for input in inputs {
        let files: Vec<PathBuf> = if input.is_dir() {
            let mut v = Vec::new();
            for e in fs::read_dir(input).map_err(|e| io(input, e))? {
                v.push(e.map_err(|e| io(input, e))?.path());
            }
            v
        } else if input.is_file() {
            vec![input.clone()]
        } else {
            return Err(SweepError::Parts(format!(
                "{}: no such file or directory",
                input.display()
            )));
        };
        let explicit = input.is_file();
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            match parse_name(name) {
                Some((table, shard)) => parts.push(Part { table, shard, path }),
                None if explicit => {
                    return Err(SweepError::Parts(format!(
                        "{}: not a shard file (daily.shard-I-of-N.parquet or summary.shard-I-of-N.parquet)",
                        path.display()
                    )));
                }
                None => {}
            }
        }
    }
    parts.sort_by_key(|p| (p.table, p.shard.index, p.path.clone()));
    parts.dedup_by(|a, b| {
        fs::canonicalize(&a.path).ok().is_some_and(|x| Some(x) == fs::canonicalize(&b.path).ok())
    });
    Ok(parts)
}

/// An open part: its reader and metadata.
struct Open {
    part: Part,
    reader: ParquetRecordBatchReader,
    info: String,
    complete: bool,
}

fn open(part: &Part) -> Result<Open, SweepError> {
    let file = File::open(&part.path).map_err(|e| pq(&part.path)(&e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| pq(&part.path)(&e))?;
    let kv = builder.metadata().file_metadata().key_value_metadata().cloned().unwrap_or_default();
    let get = |k: &str| kv.iter().find(|e| e.key == k).and_then(|e| e.value.clone());
    let Some(info) = get(META_SWEEP) else {
        return Err(SweepError::Parts(format!(
            "{}: no `{META_SWEEP}` metadata: not written by `caseload sweep`",
            part.path.display()
        )));
    };
    if get(META_SHARD).as_deref() != Some(part.shard.to_string().as_str()) {
        return Err(SweepError::Parts(format!(
            "{}: its metadata says shard {}, its name {}",
            part.path.display(),
            get(META_SHARD).unwrap_or_else(|| "none".into()),
            part.shard
        )));
    }
    let complete = get(META_COMPLETE).as_deref() != Some("false");
    let reader = builder.with_batch_size(8192).build().map_err(|e| pq(&part.path)(&e))?;
    Ok(Open { part: part.clone(), reader, info, complete })
}

/// Merges the shard parts found in `inputs` (directories, or part files) into
/// `out/daily.parquet` and `out/summary.parquet`.
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<Merged, SweepError> {
    let parts = find_parts(inputs)?;
    let where_ = || inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let Some(first) = parts.first() else {
        return Err(SweepError::Parts(format!(
            "no shard files (daily.shard-I-of-N.parquet, summary.shard-I-of-N.parquet) in {}",
            where_()
        )));
    };
    let count = first.shard.count;
    for table in [Table::Daily, Table::Summary] {
        let mut seen: BTreeMap<u32, &Path> = BTreeMap::new();
        for p in parts.iter().filter(|p| p.table == table) {
            if p.shard.count != count {
                return Err(SweepError::Parts(format!(
                    "{} is a part of {} shards, {} of {count}",
                    p.path.display(),
                    p.shard.count,
                    first.path.display()
                )));
            }
            if let Some(other) = seen.insert(p.shard.index, &p.path) {
                return Err(SweepError::Parts(format!(
                    "shard {} is given twice: {} and {}",
                    p.shard,
                    other.display(),
                    p.path.display()
                )));
            }
        }
        let missing: Vec<String> =
            (0..count).filter(|i| !seen.contains_key(i)).map(|i| i.to_string()).collect();
        if !missing.is_empty() {
            let name = if table == Table::Daily { "daily" } else { "summary" };
            return Err(SweepError::Parts(format!(
                "missing {name} part(s) of shard(s) {} of {count} in {}",
                missing.join(", "),
                where_()
            )));
        }
    }
    let mut opened = Vec::with_capacity(parts.len());
    for p in &parts {
        opened.push(open(p)?);
    }
    let info_json = opened[0].info.clone();
    if let Some(odd) = opened.iter().find(|o| o.info != info_json) {
        return Err(SweepError::Parts(format!(
            "{} and {} come from different sweeps (their `{META_SWEEP}` metadata differ)",
            opened[0].part.path.display(),
            odd.part.path.display()
        )));
    }
    let info: SweepInfo = serde_json::from_str(&info_json).map_err(|e| {
        SweepError::Parts(format!(
            "{}: unreadable `{META_SWEEP}` metadata: {e}",
            opened[0].part.path.display()
        ))
    })?;
    let complete = opened.iter().all(|o| o.complete);
    let (daily, summary): (Vec<Open>, Vec<Open>) =
        opened.into_iter().partition(|o| o.part.table == Table::Daily);

    fs::create_dir_all(out).map_err(|source| {
        SweepError::Output(crate::OutputError::CreateDir { path: out.to_path_buf(), source })
    })?;
    let [daily_name, summary_name] = file_names(None);
    let summary_batch = merged_summary(&info, summary)?;
    let runs = summary_batch.num_rows();
    if complete && runs != info.runs as usize {
        return Err(SweepError::Parts(format!(
            "the parts hold {runs} runs; the sweep has {}",
            info.runs
        )));
    }
    let daily_temp = Temp::create(out, &daily_name)?;
    merge_daily(&info, daily, &daily_temp, complete, summary_batch.column(0))?;
    let summary_temp = Temp::create(out, &summary_name)?;
    let file = summary_temp.file().map_err(|e| pq(&summary_temp.path)(&e))?;
    tables::write_one(file, &info, None, &summary_batch, complete)
        .map_err(|e| pq(&summary_temp.path)(&e))?;
    let files =
        vec![daily_temp.commit(out, &daily_name)?, summary_temp.commit(out, &summary_name)?];
    Ok(Merged { files, runs, shards: count, complete, info })
}

/// Every summary row of every part, sorted by run, as one batch.
fn merged_summary(info: &SweepInfo, parts: Vec<Open>) -> Result<RecordBatch, SweepError> {
    let schema = tables::summary_schema(info);
    let mut batches = Vec::new();
    for o in parts {
        let path = o.part.path.clone();
        for b in o.reader {
            let b = b.map_err(|e| pq(&path)(&e))?;
            batches.push(conform(&schema, b, &path)?);
        }
    }
    let all = concat_batches(&schema, &batches).map_err(|e| SweepError::Parts(e.to_string()))?;
    let runs = run_column(&all)?;
    let mut order: Vec<u32> = (0..all.num_rows() as u32).collect();
    order.sort_by_key(|&i| runs.value(i as usize));
    if let Some(w) =
        order.windows(2).find(|w| runs.value(w[0] as usize) == runs.value(w[1] as usize))
    {
        return Err(SweepError::Parts(format!(
            "run {} is in two parts",
            runs.value(w[0] as usize)
        )));
    }
    take_record_batch(&all, &UInt32Array::from(order)).map_err(|e| SweepError::Parts(e.to_string()))
}

/// The batch with the sweep's own schema (refuses files whose columns differ).
fn conform(schema: &SchemaRef, b: RecordBatch, path: &Path) -> Result<RecordBatch, SweepError> {
    RecordBatch::try_new(schema.clone(), b.columns().to_vec()).map_err(|e| pq(path)(&e))
}

fn run_column(b: &RecordBatch) -> Result<&UInt32Array, SweepError> {
    b.column(0)
        .as_any()
        .downcast_ref::<UInt32Array>()
        .ok_or_else(|| SweepError::Parts("the first column is not `run` (UInt32)".into()))
}

/// Writes the daily rows of every part in run order, one batch per run, as
/// [`super::SweepWriter`] does. `runs` (sorted) are the runs the summary holds.
fn merge_daily(
    info: &SweepInfo,
    parts: Vec<Open>,
    temp: &Temp,
    complete: bool,
    runs: &dyn Array,
) -> Result<(), SweepError> {
    let schema = tables::daily_schema(info);
    let file = temp.file().map_err(|e| pq(&temp.path)(&e))?;
    let mut w = ArrowWriter::try_new(file, schema.clone(), Some(properties(info, None)))
        .map_err(|e| pq(&temp.path)(&e))?;
    let mut streams: Vec<RunStream> =
        parts.into_iter().map(|o| RunStream::new(o, schema.clone())).collect();
    let mut heads: Vec<Option<(u32, RecordBatch)>> =
        streams.iter_mut().map(RunStream::next_run).collect::<Result<_, _>>()?;
    let expected = runs.as_any().downcast_ref::<UInt32Array>().map(|a| a.values().to_vec());
    let mut written: Vec<u32> = Vec::new();
    loop {
        let next = heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.as_ref().map(|(run, _)| (*run, i)))
            .min();
        let Some((run, i)) = next else { break };
        if written.last().is_some_and(|&last| last >= run) {
            return Err(SweepError::Parts(format!(
                "run {run} is in two parts, or out of order in {}",
                streams[i].path.display()
            )));
        }
        if let Some((_, batch)) = heads[i].take() {
            w.write(&batch).map_err(|e| pq(&temp.path)(&e))?;
        }
        written.push(run);
        heads[i] = streams[i].next_run()?;
    }
    if expected.as_deref() != Some(written.as_slice()) {
        return Err(SweepError::Parts(
            "the daily parts and the summary parts hold different runs".into(),
        ));
    }
    w.append_key_value_metadata(complete_kv(complete));
    w.into_inner().map_err(|e| pq(&temp.path)(&e))?;
    Ok(())
}

/// A part's daily rows, one run at a time.
struct RunStream {
    path: PathBuf,
    reader: ParquetRecordBatchReader,
    schema: SchemaRef,
    /// Rows read but not yet returned (the start of the next run).
    pending: Option<RecordBatch>,
}

impl RunStream {
    fn new(o: Open, schema: SchemaRef) -> RunStream {
        RunStream { path: o.part.path, reader: o.reader, schema, pending: None }
    }

    /// The next run's id and all its rows.
    fn next_run(&mut self) -> Result<Option<(u32, RecordBatch)>, SweepError> {
        let mut pieces: Vec<RecordBatch> = Vec::new();
        let mut current: Option<u32> = None;
        loop {
            let batch = match self.pending.take() {
                Some(b) => b,
                None => match self.reader.next() {
                    Some(b) => {
                        conform(&self.schema, b.map_err(|e| pq(&self.path)(&e))?, &self.path)?
                    }
                    None => break,
                },
            };
            if batch.num_rows() == 0 {
                continue;
            }
            let runs = run_column(&batch)?;
            let id = *current.get_or_insert(runs.value(0));
            let end = (0..runs.len()).find(|&j| runs.value(j) != id).unwrap_or(runs.len());
            if end < runs.len() {
                if end > 0 {
                    pieces.push(batch.slice(0, end));
                }
                self.pending = Some(batch.slice(end, runs.len() - end));
                break;
            }
            pieces.push(batch);
        }
        let Some(id) = current else { return Ok(None) };
        let batch = concat_batches(&self.schema, &pieces).map_err(|e| pq(&self.path)(&e))?;
        Ok(Some((id, batch)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_names_parse() {
        assert_eq!(
            parse_name("daily.shard-2-of-5.parquet"),
            Some((Table::Daily, Shard { index: 2, count: 5 }))
        );
        assert_eq!(parse_name("summary.shard-0-of-1.parquet").map(|p| p.0), Some(Table::Summary));
        assert_eq!(parse_name("daily.shard-5-of-5.parquet"), None);
        assert_eq!(parse_name("daily.parquet"), None);
        assert_eq!(parse_name("other.shard-0-of-2.parquet"), None);
    }
}
