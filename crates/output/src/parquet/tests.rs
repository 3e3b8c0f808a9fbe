//! Sweep tables: what is written reads back, shards merge to the unsharded bytes, a
//! dropped writer leaves nothing, and the reference in docs/outputs.md is current.

use std::path::PathBuf;

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use arrow_array::{Array, Float64Array, StringArray, UInt32Array};
use model::{MEASURES, Metric, RunOptions, RunResult};

use super::*;

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("caseload-pq-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    d
}

fn info(runs: u32) -> SweepInfo {
    SweepInfo {
        name: "t".into(),
        base: "tiny".into(),
        replications: 2,
        seed: 3,
        params: vec![
            ParamColumn { name: "ero.availability".into(), flag: false },
            ParamColumn { name: "detention.transfer_when_full".into(), flag: true },
        ],
        runs,
        caseload_version: "0".into(),
    }
}

/// Run `i`: the tiny scenario, 20 days, availability 0.5 + i/10; odd runs set the flag.
fn run(i: u32) -> (Vec<Option<ParamValue>>, RunResult) {
    let mut sc = model::testkit::tiny();
    sc.days = 20;
    sc.warmup_days = 10;
    sc.ero.availability = 0.5 + i as f64 / 10.0;
    let flag = (i % 2 == 1).then_some(ParamValue::Flag(false));
    if flag.is_some() {
        sc.detention.transfer_when_full = false;
    }
    let opts = RunOptions { replications: Some(2), seed: Some(3), threads: 1 };
    (vec![Some(ParamValue::Number(sc.ero.availability)), flag], model::run(&sc, opts).unwrap())
}

fn write(dir: &Path, runs: &[u32], total: u32, shard: Option<Shard>) -> Vec<PathBuf> {
    let mut w = SweepWriter::create(dir, &info(total), shard).unwrap();
    for &i in runs {
        let (params, result) = run(i);
        w.push(i, &params, &result).unwrap();
    }
    w.finish(true).unwrap()
}

fn read(path: &Path) -> Vec<RecordBatch> {
    let f = File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(f)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

use arrow_array::RecordBatch;

#[test]
fn tables_read_back_with_their_columns() {
    let dir = scratch("read");
    let files = write(&dir, &[0, 1, 2], 3, None);
    assert_eq!(files, [dir.join("daily.parquet"), dir.join("summary.parquet")]);
    let daily = read(&files[0]);
    let rows: usize = daily.iter().map(|b| b.num_rows()).sum();
    let offices = model::testkit::tiny().offices.len();
    assert_eq!(rows, 3 * 20 * (offices + 1));
    let schema = daily[0].schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        &names[..5],
        ["run", "ero.availability", "detention.transfer_when_full", "date", "office"]
    );
    assert_eq!(names.len(), 5 + Metric::ALL.len());
    let office = daily[0].column(4).as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(office.value(offices), "national");

    let summary = read(&files[1]);
    assert_eq!(summary.len(), 1);
    let s = &summary[0];
    assert_eq!(s.num_rows(), 3);
    assert_eq!(s.num_columns(), 4 + 3 * MEASURES.len());
    let run_ids = s.column(0).as_any().downcast_ref::<UInt32Array>().unwrap();
    assert_eq!(run_ids.values().to_vec(), [0, 1, 2]);
    let flag = s.column(2);
    assert_eq!((flag.is_null(0), flag.is_null(1)), (true, false));
    let mean = s.column_by_name("arrests_per_day_mean").unwrap();
    let mean = mean.as_any().downcast_ref::<Float64Array>().unwrap();
    assert!(
        mean.value(0) > 0.0 && mean.value(2) > mean.value(0),
        "more availability, more arrests"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn shards_merge_to_the_unsharded_bytes() {
    let whole = scratch("whole");
    let files = write(&whole, &[0, 1, 2, 3, 4], 5, None);
    let parts = scratch("parts");
    for index in 0..2 {
        let shard = Shard { index, count: 2 };
        let mine: Vec<u32> = (0..5).filter(|i| shard.owns(*i)).collect();
        write(&parts, &mine, 5, Some(shard));
    }
    let out = scratch("merged");
    let merged = merge(std::slice::from_ref(&parts), &out).unwrap();
    assert_eq!((merged.runs, merged.shards, merged.complete), (5, 2, true));
    for (a, b) in files.iter().zip(&merged.files) {
        assert_eq!(fs::read(a).unwrap(), fs::read(b).unwrap(), "{} differs", b.display());
    }
    // A missing part is refused, naming it.
    fs::remove_file(parts.join("daily.shard-1-of-2.parquet")).unwrap();
    let err = merge(std::slice::from_ref(&parts), &out).unwrap_err().to_string();
    assert!(err.contains("missing daily part(s) of shard(s) 1 of 2"), "{err}");
    for d in [whole, parts, out] {
        fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn a_dropped_writer_leaves_no_file() {
    let dir = scratch("drop");
    let mut w = SweepWriter::create(&dir, &info(2), None).unwrap();
    let (params, result) = run(0);
    w.push(0, &params, &result).unwrap();
    assert!(w.push(0, &params, &result).is_err(), "runs go in increasing order");
    drop(w);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reference_block_in_outputs_md_is_current() {
    const BEGIN: &str =
        "<!-- BEGIN GENERATED sweep tables by `cargo test -p caseload-output` -->\n";
    const END: &str = "<!-- END GENERATED sweep tables -->";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/outputs.md");
    let text = fs::read_to_string(&path).unwrap();
    let fresh = columns::reference_markdown();
    let current = text.split_once(BEGIN).and_then(|(_, rest)| rest.split_once(END));
    match current {
        Some((block, _)) if block == fresh => {}
        _ if std::env::var_os("CASELOAD_BLESS").is_some() => {
            let new = match text.split_once(BEGIN) {
                Some((head, rest)) => {
                    let tail = rest.split_once(END).map_or("", |(_, t)| t);
                    format!("{head}{BEGIN}{fresh}{END}{tail}")
                }
                None => format!("{text}\n{BEGIN}{fresh}{END}\n"),
            };
            fs::write(&path, new).unwrap();
        }
        _ => panic!(
            "docs/outputs.md's sweep tables are out of date; run \
             CASELOAD_BLESS=1 cargo test -p caseload-output --lib parquet"
        ),
    }
}
