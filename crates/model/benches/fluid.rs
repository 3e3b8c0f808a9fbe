//! Fluid mode on the national baselines: one whole run (warm-up included) per iteration.
//!
//! `cargo bench -p caseload-model --bench fluid`. The target is under 10 ms per national
//! scenario-year; the baselines simulate 365 warm-up days plus a 365/366-day year.

use divan::Bencher;

fn main() {
    divan::main();
}

#[divan::bench(args = ["baseline-fy2024", "baseline-fy2025"], sample_count = 30)]
fn fluid_run(bencher: Bencher, name: &str) {
    let sc = scenario::load_builtin(name).expect("built-in scenario").scenario;
    bencher.bench(|| model::fluid::run(divan::black_box(&sc)));
}

#[divan::bench(args = ["baseline-fy2024", "baseline-fy2025"], sample_count = 30)]
fn fluid_trajectory_only(bencher: Bencher, name: &str) {
    let sc = scenario::load_builtin(name).expect("built-in scenario").scenario;
    bencher.bench(|| model::fluid::run_replication(divan::black_box(&sc)));
}

#[divan::bench(sample_count = 100)]
fn fluid_tiny(bencher: Bencher) {
    let sc = model::testkit::tiny();
    bencher.bench(|| model::fluid::run_replication(divan::black_box(&sc)));
}
