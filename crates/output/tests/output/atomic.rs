//! A failed write leaves no partial and no temporary file, and says which path failed.
//! (Tests run as root here, so a read-only directory would not fail; a file where a
//! directory should be, and a directory where a file should be, fail for everyone.)

use std::fs;
use std::path::Path;

use output::{OutputError, RunMeta};

use crate::{scratch, tiny};

const META: RunMeta = RunMeta { wall_s: 0.0, caseload_version: "test" };

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(output::TEMP_PREFIX) || n.contains("tmp"))
        .collect()
}

#[test]
fn parent_that_is_a_file_fails_cleanly() {
    let base = scratch("parent-file");
    fs::create_dir_all(&base).unwrap();
    let file = base.join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let target = file.join("out");
    let err = output::write_run(tiny(), &target, &META).unwrap_err();
    assert!(matches!(err, OutputError::CreateDir { .. }), "{err:?}");
    assert_eq!(err.path(), target);
    assert!(err.to_string().contains("not-a-dir/out"), "{err}");
    let left: Vec<_> = fs::read_dir(&base).unwrap().collect();
    assert_eq!(left.len(), 1, "only the blocking file remains");
    fs::remove_dir_all(base).unwrap();
}

#[test]
fn a_failed_rename_leaves_no_temp_and_earlier_files_whole() {
    let dir = scratch("rename");
    // A directory where summary.json should go: the temp file is written, the rename
    // fails.
    fs::create_dir_all(dir.join("summary.json")).unwrap();
    let err = output::write_run(tiny(), &dir, &META).unwrap_err();
    match &err {
        OutputError::Write { path, .. } => assert_eq!(path, &dir.join("summary.json")),
        other => panic!("{other:?}"),
    }
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
    assert!(fs::read_dir(dir.join("summary.json")).unwrap().next().is_none());
    // Files written before the failure are complete.
    let daily = fs::read_to_string(dir.join("daily.csv")).unwrap();
    assert_eq!(daily.lines().count(), 1 + 120 * 2);
    assert!(daily.ends_with('\n'));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rewriting_replaces_files_and_leaves_no_temp() {
    let dir = scratch("rewrite");
    output::write_run(tiny(), &dir, &META).unwrap();
    let w = output::write_run(tiny(), &dir, &META).unwrap();
    assert_eq!(w.files.last().unwrap(), &dir.join("summary.json"));
    assert!(temp_files(&dir).is_empty());
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 4);
    fs::remove_dir_all(dir).unwrap();
}
