//! Fluid mode on the national baselines: one whole run (warm-up included) per iteration.
//!
//! `cargo bench -p caseload-model --bench fluid`. The target is under 10 ms per national
//! scenario-year; the baselines simulate 365 warm-up days plus a 365/366-day year, so a
//! whole run is two simulated years. `fluid_year_alone` times the measured year by itself
//! (the same scenario with `warmup_days = 0`), which splits a run into its two years.

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

#[divan::bench(args = ["baseline-fy2024", "baseline-fy2025"], sample_count = 30)]
fn fluid_year_alone(bencher: Bencher, name: &str) {
    let mut sc = scenario::load_builtin(name).expect("built-in scenario").scenario;
    sc.warmup_days = 0;
    bencher.bench(|| model::fluid::run(divan::black_box(&sc)));
}

#[divan::bench(sample_count = 100)]
fn fluid_tiny(bencher: Bencher) {
    let sc = model::testkit::tiny();
    bencher.bench(|| model::fluid::run_replication(divan::black_box(&sc)));
}
