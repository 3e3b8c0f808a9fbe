//! What live days and a cancel flag cost a DES run: the same replication of the national
//! baseline with no hooks (one `run_until` to the end) and with a day observer and a cancel
//! flag (one `run_until` per simulated day, a relaxed load and a call per day).
//!
//! `cargo bench -p caseload-model --bench hooks`. The two should be within noise of each
//! other: a national day is ~1-2 ms of events, the per-day overhead well under 1 µs.

use std::sync::atomic::AtomicBool;

use divan::Bencher;
use model::{Hooks, METRIC_COUNT, RunOptions};

fn main() {
    divan::main();
}

fn opts() -> RunOptions {
    RunOptions { replications: Some(1), seed: Some(1), threads: 1 }
}

#[divan::bench(sample_count = 10)]
fn des_no_hooks(bencher: Bencher) {
    let sc = scenario::load_builtin("baseline-fy2025").expect("built-in scenario").scenario;
    bencher.bench(|| model::run(divan::black_box(&sc), opts()).expect("runs"));
}

#[divan::bench(sample_count = 10)]
fn des_live_day_and_cancel_flag(bencher: Bencher) {
    let sc = scenario::load_builtin("baseline-fy2025").expect("built-in scenario").scenario;
    let cancel = AtomicBool::new(false);
    let on_day = |_: u32, day: usize, rows: &[[f64; METRIC_COUNT]]| {
        divan::black_box((day, rows.len()));
    };
    let hooks = Hooks { on_day: Some(&on_day), cancel: Some(&cancel), ..Hooks::default() };
    bencher.bench(|| model::run_with_hooks(divan::black_box(&sc), opts(), &hooks).expect("runs"));
}
