//! `run_with_hooks`: live days and cancelling, without changing a single result bit.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use model::{Hooks, METRIC_COUNT, RunError, RunOptions, RunResult, run, run_with_hooks, testkit};

fn opts(threads: usize) -> RunOptions {
    RunOptions { replications: Some(3), seed: Some(21), threads }
}

fn bits(r: &RunResult) -> Vec<u64> {
    let measures = r.national.iter().flat_map(|m| m.values.iter().copied());
    let daily = r.national_daily.iter().flatten().flatten().copied();
    measures.chain(daily).map(f64::to_bits).collect()
}

type Seen = Mutex<Vec<(u32, usize, Vec<[f64; METRIC_COUNT]>)>>;

#[test]
fn hooks_see_every_measured_day_and_change_nothing() {
    let sc = testkit::tiny();
    let plain = run(&sc, opts(2)).unwrap();
    let seen: Seen = Mutex::new(Vec::new());
    let finished = AtomicU32::new(0);
    let cancel = AtomicBool::new(false);
    let on_day = |rep: u32, day: usize, rows: &[[f64; METRIC_COUNT]]| {
        seen.lock().unwrap().push((rep, day, rows.to_vec()));
    };
    let tick = || {
        finished.fetch_add(1, Ordering::Relaxed);
    };
    let hooks = Hooks { on_replication: Some(&tick), on_day: Some(&on_day), cancel: Some(&cancel) };
    let hooked = run_with_hooks(&sc, opts(2), &hooks).unwrap();
    assert_eq!(bits(&hooked), bits(&plain), "hooks must not change a result");
    assert_eq!(finished.load(Ordering::Relaxed), 3);

    let mut seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 3 * sc.days as usize, "one call per measured day and replication");
    // Within a replication, days come in order (stable sort keeps the call order).
    seen.sort_by_key(|s| s.0);
    for (rep, days) in seen.chunk_by(|a, b| a.0 == b.0).enumerate() {
        let order: Vec<usize> = days.iter().map(|s| s.1).collect();
        assert_eq!(order, (0..sc.days as usize).collect::<Vec<_>>(), "replication {rep}");
        for (_, day, rows) in days {
            assert_eq!(rows.len(), sc.offices.len());
            // The rows handed over are already final: they add up to the run's national
            // series of that replication, bit for bit.
            for m in 0..METRIC_COUNT {
                let national: f64 = rows.iter().map(|r| r[m]).sum();
                let expected = plain.national_daily[rep][*day][m];
                assert_eq!(national.to_bits(), expected.to_bits(), "rep {rep} day {day} m {m}");
            }
        }
    }
}

#[test]
fn a_cancel_stops_every_replication_within_a_day() {
    let sc = testkit::tiny();
    let cancel = AtomicBool::new(false);
    let seen: Seen = Mutex::new(Vec::new());
    let finished = AtomicU32::new(0);
    // One worker thread: replications run one after another, and the first to reach day 5
    // cancels the run.
    let on_day = |rep: u32, day: usize, _: &[[f64; METRIC_COUNT]]| {
        seen.lock().unwrap().push((rep, day, Vec::new()));
        if day == 5 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let tick = || {
        finished.fetch_add(1, Ordering::Relaxed);
    };
    let hooks = Hooks { on_replication: Some(&tick), on_day: Some(&on_day), cancel: Some(&cancel) };
    let r = run_with_hooks(&sc, opts(1), &hooks);
    assert!(matches!(r, Err(RunError::Cancelled)), "{r:?}");
    let seen = seen.into_inner().unwrap();
    // The flag is read before every simulated day: the replication that set it reported
    // no later day, and the ones after it stopped before their first.
    let days: Vec<usize> = seen.iter().map(|s| s.1).collect();
    assert_eq!(days, (0..=5).collect::<Vec<_>>(), "{seen:?}");
    assert_eq!(finished.load(Ordering::Relaxed), 0, "no replication finished");

    // A flag set before the run: nothing is simulated.
    let calls = AtomicU32::new(0);
    let on_day = |_: u32, _: usize, _: &[[f64; METRIC_COUNT]]| {
        calls.fetch_add(1, Ordering::Relaxed);
    };
    let hooks = Hooks { on_day: Some(&on_day), cancel: Some(&cancel), ..Hooks::default() };
    assert!(matches!(run_with_hooks(&sc, opts(2), &hooks), Err(RunError::Cancelled)));
    assert_eq!(calls.load(Ordering::Relaxed), 0);
}
