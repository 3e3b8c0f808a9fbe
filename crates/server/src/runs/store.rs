//! The runs in memory: admission against the limits, the slots, eviction.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Semaphore;

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
}

impl RunStore {
    /// An empty store with these limits.
    pub fn new(limits: Limits) -> RunStore {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        RunStore {
            limits,
            threads: (cores / limits.max_concurrent_runs.max(1)).max(1),
            inner: Mutex::new(Inner { runs: BTreeMap::new(), next_id: 1, evicted_total: 0 }),
            slots: Arc::new(Semaphore::new(limits.max_concurrent_runs)),
        }
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
        let run = Arc::new(Run::new(id, prepared, self.threads));
        inner.runs.insert(id, run.clone());
        let mut evicted = Vec::new();
        while inner.runs.len() > self.limits.max_runs_kept {
            // Oldest first, finished runs only (active ones fit: see `Limits::check`).
            let Some(old) = inner.runs.values().find(|r| r.phase().is_terminal()).map(|r| r.id)
            else {
                break;
            };
            inner.runs.remove(&old);
            evicted.push(old);
        }
        inner.evicted_total += evicted.len() as u64;
        drop(inner);
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
