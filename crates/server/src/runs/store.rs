//! The runs in memory (and in the data directory, when there is one): admission against
//! the limits, the slots, eviction, and reading the runs back at start.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Semaphore;

use super::persist::Dir;
use super::{Phase, Run, RunId, simulate};
use crate::error::ApiError;
use crate::limits::Limits;
use crate::request::Prepared;

/// What `submit` did.
pub struct Submitted {
    /// The new run.
    pub run: Arc<Run>,
    /// Finished runs evicted to make room, oldest first.
    pub evicted: Vec<RunId>,
}

/// What [`RunStore::open`] read back from the data directory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Runs kept (the newest `max_runs_kept`).
    pub runs: usize,
    /// Of those, runs that were queued or running when the server stopped, now failed.
    pub interrupted: usize,
    /// Files skipped (each named on stderr with the reason).
    pub skipped: usize,
    /// Older runs beyond `--max-runs-kept`, evicted (their files deleted).
    pub evicted: usize,
}

struct Inner {
    runs: BTreeMap<RunId, Arc<Run>>,
    next_id: RunId,
    evicted_total: u64,
}

/// Every run the server remembers.
pub struct RunStore {
    limits: Limits,
    /// Threads per run: the cores shared among the concurrent runs, so that a full house
    /// does not oversubscribe the machine (and the HTTP threads keep a share).
    threads: usize,
    inner: Mutex<Inner>,
    slots: Arc<Semaphore>,
    /// Where runs are written, if anywhere.
    dir: Option<Arc<Dir>>,
}

impl RunStore {
    /// An empty store with these limits, in memory only.
    pub fn new(limits: Limits) -> RunStore {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        RunStore {
            limits,
            threads: (cores / limits.max_concurrent_runs.max(1)).max(1),
            inner: Mutex::new(Inner { runs: BTreeMap::new(), next_id: 1, evicted_total: 0 }),
            slots: Arc::new(Semaphore::new(limits.max_concurrent_runs)),
            dir: None,
        }
    }

    /// A store that keeps its runs in the data directory `path` (created if needed, and
    /// checked to be writable), with the runs already there read back: the newest
    /// `max_runs_kept` (older ones are evicted, their files deleted); a run that was queued
    /// or running when the server stopped is failed as interrupted. Files that are not
    /// readable run records are skipped with a warning on stderr. New runs number after
    /// the highest id found.
    pub fn open(limits: Limits, path: &Path) -> Result<(RunStore, Restored), String> {
        let dir = Arc::new(Dir::open(path)?);
        let found = dir.load()?;
        let mut store = RunStore::new(limits);
        store.dir = Some(dir.clone());
        let mut restored = Restored { skipped: found.skipped, ..Restored::default() };
        let keep_from = found.records.len().saturating_sub(limits.max_runs_kept);
        let mut runs = BTreeMap::new();
        for (i, record) in found.records.into_iter().enumerate() {
            let id = record.id;
            if i < keep_from {
                dir.remove(id);
                restored.evicted += 1;
                continue;
            }
            let interrupted = record.interrupted();
            match record.into_run(Some(dir.clone())) {
                Ok(run) => {
                    if interrupted {
                        run.save(); // now failed: its record says so from here on
                        restored.interrupted += 1;
                    }
                    runs.insert(id, Arc::new(run));
                }
                Err(why) => {
                    let file = dir.path().join(super::persist::file_name(id));
                    eprintln!("caseload serve: warning: skipped {}: {why}", file.display());
                    restored.skipped += 1;
                }
            }
        }
        if restored.evicted > 0 {
            eprintln!(
                "caseload serve: evicted the {} oldest run(s) of {} to keep {} runs                  (--max-runs-kept)",
                restored.evicted,
                path.display(),
                limits.max_runs_kept
            );
        }
        restored.runs = runs.len();
        let inner = store.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        inner.runs = runs;
        inner.next_id = found.highest_id + 1;
        inner.evicted_total = restored.evicted as u64;
        Ok((store, restored))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Admits a run, evicting the oldest finished runs beyond `max_runs_kept`, and starts
    /// it when a slot is free. Must be called inside a Tokio runtime.
    pub fn submit(&self, prepared: Prepared) -> Result<Submitted, ApiError> {
        let mut inner = self.lock();
        let active = inner.runs.values().filter(|r| !r.phase().is_terminal()).count();
        let room = self.limits.max_concurrent_runs + self.limits.max_queued_runs;
        if active >= room {
            return Err(ApiError::Busy {
                message: format!(
                    "{active} runs are running or queued, the server's limit \
                     (--max-concurrent-runs {} + --max-queued-runs {})",
                    self.limits.max_concurrent_runs, self.limits.max_queued_runs
                ),
            });
        }
        let id = inner.next_id;
        inner.next_id += 1;
        let run = Arc::new(Run::new(id, prepared, self.threads, self.dir.clone()));
        inner.runs.insert(id, run.clone());
        let mut gone = Vec::new();
        while inner.runs.len() > self.limits.max_runs_kept {
            // Oldest first, finished runs only (active ones fit: see `Limits::check`).
            let Some(old) = inner.runs.values().find(|r| r.phase().is_terminal()).map(|r| r.id)
            else {
                break;
            };
            gone.extend(inner.runs.remove(&old));
        }
        inner.evicted_total += gone.len() as u64;
        drop(inner);
        // Files outside the store's lock: a few milliseconds each, with the fsync.
        run.save();
        for old in &gone {
            old.forget();
        }
        let evicted: Vec<RunId> = gone.iter().map(|r| r.id).collect();
        if !evicted.is_empty() {
            eprintln!(
                "caseload serve: evicted run(s) {evicted:?} to keep {} runs (--max-runs-kept)",
                self.limits.max_runs_kept
            );
        }
        let slots = self.slots.clone();
        let task_run = run.clone();
        tokio::spawn(async move {
            let Ok(permit) = slots.acquire_owned().await else { return };
            if task_run.is_cancelled() {
                return;
            }
            let r = task_run.clone();
            let joined = tokio::task::spawn_blocking(move || simulate(&r)).await;
            if let Err(e) = joined {
                task_run.complete(Err(format!("the simulation stopped unexpectedly: {e}")));
            }
            drop(permit); // only now: a cancelled run's thread held the slot until here
        });
        Ok(Submitted { run, evicted })
    }

    /// The run with this id, or 404 / 410 (evicted) with a message that says which.
    pub fn get(&self, id: &str) -> Result<Arc<Run>, ApiError> {
        let inner = self.lock();
        let n: Option<RunId> = id.parse().ok();
        if let Some(run) = n.and_then(|n| inner.runs.get(&n)) {
            return Ok(run.clone());
        }
        match n {
            Some(n) if n >= 1 && n < inner.next_id => Err(ApiError::Gone(format!(
                "run {n} was evicted: the server keeps the {} most recent runs \
                 (--max-runs-kept); run it again, or fetch results sooner",
                self.limits.max_runs_kept
            ))),
            _ => Err(ApiError::NotFound(format!("no run \"{id}\""))),
        }
    }

    /// The data directory, if runs are kept on disk.
    pub fn data_dir(&self) -> Option<&Path> {
        self.dir.as_deref().map(Dir::path)
    }

    /// Every run kept, oldest first.
    pub fn list(&self) -> Vec<Arc<Run>> {
        self.lock().runs.values().cloned().collect()
    }

    /// Counts for `/api/health`: runs kept, active, evicted so far, slots free.
    pub fn counts(&self) -> serde_json::Value {
        let inner = self.lock();
        let by = |p: Phase| inner.runs.values().filter(|r| r.phase() == p).count();
        serde_json::json!({
            "kept": inner.runs.len(),
            "queued": by(Phase::Queued),
            "running": by(Phase::Running),
            "done": by(Phase::Done),
            "failed": by(Phase::Failed),
            "cancelled": by(Phase::Cancelled),
            "evicted": inner.evicted_total,
            "free_slots": self.slots.available_permits(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::runs::persist::file_name;

    /// Two runs kept at most: one running and one queued fit (see `Limits::check`).
    const TWO: Limits = Limits {
        max_body_bytes: 1 << 20,
        max_replication_days: 40_000,
        max_concurrent_runs: 1,
        max_queued_runs: 1,
        max_runs_kept: 2,
    };

    fn scratch(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("caseload-store-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    /// A 3-day, one-replication run with no warm-up (~30 ms).
    fn tiny() -> Prepared {
        let req = serde_json::from_value(serde_json::json!({
            "scenario": "baseline-fy2025", "replications": 1, "days": 3,
            "overrides": { "warmup_days": 0 }
        }))
        .unwrap();
        crate::request::prepare(req, &Limits::default()).unwrap()
    }

    async fn run_to_end(store: &RunStore) -> Submitted {
        let s = store.submit(tiny()).unwrap();
        let t0 = Instant::now();
        while !s.run.phase().is_terminal() {
            assert!(t0.elapsed() < Duration::from_secs(120), "run {} never ended", s.run.id);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // The final record is written just after the phase changes, on the simulating thread.
        let path = store.data_dir().unwrap().join(file_name(s.run.id));
        let ended =
            || std::fs::read_to_string(&path).is_ok_and(|t| t.contains("\"state\":\"done\""));
        while !ended() {
            assert!(t0.elapsed() < Duration::from_secs(120), "run {} never saved", s.run.id);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        s
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[tokio::test]
    async fn eviction_deletes_the_runs_file_and_a_reopened_store_numbers_after_the_last() {
        let dir = scratch("evict");
        let (store, restored) = RunStore::open(TWO, &dir).unwrap();
        assert_eq!(restored, Restored::default());
        for _ in 0..2 {
            assert!(run_to_end(&store).await.evicted.is_empty());
        }
        assert_eq!(files(&dir), ["run-1.json", "run-2.json"]);
        let third = run_to_end(&store).await;
        assert_eq!(third.evicted, [1]);
        assert_eq!(files(&dir), ["run-2.json", "run-3.json"], "run 1's file is deleted");
        drop(store);

        let (store, restored) = RunStore::open(TWO, &dir).unwrap();
        assert_eq!((restored.runs, restored.interrupted, restored.skipped), (2, 0, 0));
        assert_eq!(store.list().iter().map(|r| r.id).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(store.list()[1].status(), third.run.status(), "the same status after reopening");
        assert!(matches!(store.get("1"), Err(ApiError::Gone(_))), "1 was evicted");
        let fourth = run_to_end(&store).await;
        assert_eq!((fourth.run.id, fourth.evicted.as_slice()), (4, &[2][..]));
        assert_eq!(files(&dir), ["run-3.json", "run-4.json"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn loading_keeps_the_newest_runs_and_fails_interrupted_ones() {
        let dir = scratch("newest");
        let (store, _) = RunStore::open(Limits::default(), &dir).unwrap();
        for _ in 0..4 {
            run_to_end(&store).await;
        }
        // Run 5 as a crash leaves it: accepted, never simulated.
        let queued = Run::new(5, tiny(), 1, store.dir.clone());
        queued.save();
        drop((queued, store));
        assert_eq!(files(&dir).len(), 5);

        let (store, restored) = RunStore::open(TWO, &dir).unwrap();
        assert_eq!(restored, Restored { runs: 2, interrupted: 1, skipped: 0, evicted: 3 });
        assert_eq!(files(&dir), ["run-4.json", "run-5.json"], "the 3 oldest files are deleted");
        let ids: Vec<RunId> = store.list().iter().map(|r| r.id).collect();
        assert_eq!(ids, [4, 5]);
        let five = store.get("5").unwrap();
        let status = five.status();
        assert_eq!(
            (status["state"].as_str(), status["error"].as_str()),
            (Some("failed"), Some(super::super::persist::INTERRUPTED))
        );
        let (events, closed) = five.events_from(0);
        let names: Vec<&str> = events.iter().map(|e| e.kind.name()).collect();
        assert_eq!((names.as_slice(), closed), (&["meta", "status", "status", "end"][..], true));
        drop(store);
        // Its record now says failed: a second restart reads it as it is.
        let (_, again) = RunStore::open(TWO, &dir).unwrap();
        assert_eq!(again, Restored { runs: 2, interrupted: 0, skipped: 0, evicted: 0 });
        let _ = std::fs::remove_dir_all(&dir);
    }
}
