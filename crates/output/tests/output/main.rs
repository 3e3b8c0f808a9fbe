//! Integration tests of the output crate: one binary, one file per behaviour, sharing
//! runs of small built-in scenarios (simulated once per binary).

mod atomic;
mod docs;
mod files;
mod summary_json;
mod table;

use std::path::PathBuf;
use std::sync::OnceLock;

use model::{OfficeId, RunOptions, RunResult};

/// Replications used by every shared run.
pub const REPS: u32 = 3;

fn run(sc: &model::Scenario) -> RunResult {
    model::run(sc, RunOptions { replications: Some(REPS), ..Default::default() }).unwrap()
}

/// `testkit::tiny()`: one office.
pub fn tiny() -> &'static RunResult {
    static R: OnceLock<RunResult> = OnceLock::new();
    R.get_or_init(|| run(&model::testkit::tiny()))
}

/// `tiny()` with a second office (own beds, half the target), so per-office and national
/// rows differ.
pub fn two_offices() -> &'static RunResult {
    static R: OnceLock<RunResult> = OnceLock::new();
    R.get_or_init(|| {
        let mut sc = model::testkit::tiny();
        let mut second = sc.offices[0].clone();
        second.name = "Second, \"quoted\"".into();
        second.flight_hub = false;
        sc.offices.push(second);
        sc.channels.target_weights = vec![0.5, 0.5];
        sc.channels.national_target_per_day = model::Schedule::constant(40.0);
        sc.sectors[0].receiving_office = OfficeId(0);
        run(&sc)
    })
}

/// A fresh empty directory for one test.
pub fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("caseload-output-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Writes `result` into a fresh directory.
pub fn written(result: &RunResult, tag: &str) -> PathBuf {
    let dir = scratch(tag);
    let meta = output::RunMeta { wall_s: 1.5, caseload_version: "0.1.0-test" };
    output::write_run(result, &dir, &meta).unwrap();
    dir
}
