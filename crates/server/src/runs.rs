//! Runs: submitted, queued for a slot, simulated on a blocking thread, kept in memory for
//! their results (and, with a data directory, on disk: [`persist`]), evicted oldest-first
//! when there are too many.
//!
//! ```text
//!  POST ─► queued ──slot free──► running ──► done
//!             │                     │   └──► failed
//!             └──── DELETE ─────────┴──────► cancelled
//! ```
//!
//! Each run keeps a log of events (status, progress, live `day` frames, the final `day`
//! means, the summary, `end`). Event streams follow the log from the start, so a client
//! that connects late, or reconnects, misses nothing; a `tokio::sync::watch` counter wakes
//! them.
//!
//! Live days: replications run in parallel and only their means are the result, so the
//! log carries replication 0's days as it simulates them (`provisional: true`), then the
//! means of every day when the run is done. Replication 0 is the one every run has, and
//! one replication's days arrive in order. A long horizon is thinned to at most
//! [`LIVE_FRAMES_MAX`] live frames, so the live part of a log stays below ~0.4 MB whatever
//! the days. A slow client does not slow the run: it reads the shared log at its own pace
//! (the dashboard redraws at most once per animation frame however fast frames come).
//!
//! Cancelling sets the run's flag, which the model reads before every simulated day: the
//! thread stops within a day's simulation (2-13 ms from DELETE to the thread's end,
//! measured), frees its slot and drops what it had.

mod event;
mod finished;
pub mod persist;
mod store;

pub use event::{Event, EventKind};
pub use finished::Finished;
pub(crate) use finished::csv_cell;
pub use store::{Restored, RunStore, Submitted};

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::request::{Prepared, RunRequest};
use crate::series::Layout;

/// A run's number, from 1, never reused.
pub type RunId = u64;

/// Most live (`provisional`) day frames a run's log holds: a year's worth, one per day; a
/// longer horizon sends every k-th day (and the last). ~1 KB each for 25 offices (945 bytes
/// on average for baseline-fy2025, measured).
pub const LIVE_FRAMES_MAX: usize = 366;

/// Days between live frames for a horizon of `days` (1 up to [`LIVE_FRAMES_MAX`] days).
pub fn live_every_days(days: usize) -> usize {
    days.div_ceil(LIVE_FRAMES_MAX).max(1)
}

/// Where a run is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Waiting for a slot.
    Queued,
    /// Simulating.
    Running,
    /// Finished with results.
    Done,
    /// Stopped by an error.
    Failed,
    /// Cancelled by a client.
    Cancelled,
}

impl Phase {
    /// True once nothing more will happen to the run.
    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Done | Phase::Failed | Phase::Cancelled)
    }

    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Queued => "queued",
            Phase::Running => "running",
            Phase::Done => "done",
            Phase::Failed => "failed",
            Phase::Cancelled => "cancelled",
        }
    }
}

/// What a run's status says of its scenario: kept apart from the loaded scenario, which a
/// run read back from the data directory does not have.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScenarioInfo {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// First measured day, `YYYY-MM-DD`.
    pub start: String,
    /// Measured days.
    pub days: u32,
    /// Warm-up days.
    pub warmup_days: u32,
}

impl ScenarioInfo {
    fn of(sc: &model::Scenario) -> ScenarioInfo {
        ScenarioInfo {
            name: sc.name.clone(),
            description: sc.description.clone(),
            start: sc.start.to_string(),
            days: sc.days,
            warmup_days: sc.warmup_days,
        }
    }
}

/// What simulating a run needs. A run read back from the data directory has ended and
/// has none.
struct Job {
    /// The scenario's evidence and files (for the report).
    loaded: scenario::Loaded,
    /// Dates, offices and series names of its stream.
    layout: Layout,
    /// Worker threads for its replications (results do not depend on it).
    threads: usize,
}

/// How far a run's record in the data directory has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    /// No record yet.
    Nothing,
    /// The record of the run as submitted (replaced when it ends).
    Accepted,
    /// The record of its end: final.
    Ended,
    /// Evicted: its file is deleted and must not come back.
    Forgotten,
}

/// A run's place in the data directory. The lock is held while its file is written, so
/// the records of one run land in order and none lands after an eviction.
struct Saved {
    dir: Arc<persist::Dir>,
    written: Mutex<Written>,
}

/// What changes during a run.
struct Inner {
    phase: Phase,
    error: Option<String>,
    finished: Option<Arc<Finished>>,
    log: Vec<Event>,
    started: Option<Instant>,
    wall_s: Option<f64>,
    /// True while a thread is still simulating (also after a cancel).
    computing: bool,
}

/// One run.
pub struct Run {
    /// Its number.
    pub id: RunId,
    /// Seconds since the Unix epoch at submission.
    pub created_at: u64,
    /// The request as understood.
    pub request: RunRequest,
    /// Its scenario's name, dates and days.
    pub scenario: ScenarioInfo,
    /// Replications, after the request's options.
    pub replications: u32,
    /// Master seed, after the request's options.
    pub seed: u64,
    /// The scenario text run, when it was not a built-in as written.
    pub toml: Option<String>,
    job: Option<Job>,
    saved: Option<Saved>,
    cancel: AtomicBool,
    reps_done: AtomicU32,
    inner: Mutex<Inner>,
    version: watch::Sender<u64>,
}

impl Run {
    fn new(id: RunId, p: Prepared, threads: usize, dir: Option<Arc<persist::Dir>>) -> Run {
        let sc = &p.loaded.scenario;
        let replications = p.options.replications.unwrap_or(sc.replications).max(1);
        let seed = p.options.seed.unwrap_or(sc.seed);
        let layout = Layout::of(sc);
        let created_at = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let run = Run {
            id,
            created_at,
            request: p.request,
            scenario: ScenarioInfo::of(sc),
            replications,
            seed,
            toml: p.toml,
            job: Some(Job { loaded: p.loaded, layout, threads }),
            saved: dir.map(|dir| Saved { dir, written: Mutex::new(Written::Nothing) }),
            cancel: AtomicBool::new(false),
            reps_done: AtomicU32::new(0),
            inner: Mutex::new(Inner {
                phase: Phase::Queued,
                error: None,
                finished: None,
                log: Vec::new(),
                started: None,
                wall_s: None,
                computing: false,
            }),
            version: watch::Sender::new(0),
        };
        let meta = Event::json(EventKind::Meta, &run.meta());
        run.push([meta, Event::status(Phase::Queued)]);
        run
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Appends events and wakes the streams.
    fn push(&self, events: impl IntoIterator<Item = Event>) {
        self.update(|_| ((), events.into_iter().collect()));
    }

    /// Appends events only while the run is running: checked under the log's lock, so that
    /// nothing from a simulating thread lands after a cancel's `end`.
    fn push_while_running(&self, events: impl FnOnce() -> Vec<Event>) {
        self.update(|inner| {
            ((), if inner.phase == Phase::Running { events() } else { Vec::new() })
        });
    }

    /// Changes the run and appends the events that say so under one lock, so that a
    /// stream never sees a phase without its events; then wakes the streams.
    fn update<R>(&self, f: impl FnOnce(&mut Inner) -> (R, Vec<Event>)) -> R
    where
        R: Sized,
    {
        let (r, n) = {
            let mut inner = self.lock();
            let (r, events) = f(&mut inner);
            inner.log.extend(events);
            (r, inner.log.len() as u64)
        };
        self.version.send_replace(n);
        r
    }

    /// The scenario name.
    pub fn scenario_name(&self) -> &str {
        &self.scenario.name
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        self.lock().phase
    }

    /// The results, once done.
    pub fn finished(&self) -> Option<Arc<Finished>> {
        self.lock().finished.clone()
    }

    /// Replications finished so far.
    pub fn reps_done(&self) -> u32 {
        self.reps_done.load(Ordering::Relaxed)
    }

    /// Events from index `from`, and whether the log is closed (the run is over and every
    /// event is in it).
    pub fn events_from(&self, from: usize) -> (Vec<Event>, bool) {
        let inner = self.lock();
        let events = inner.log.get(from..).map(<[Event]>::to_vec).unwrap_or_default();
        (events, inner.phase.is_terminal())
    }

    /// A receiver that changes when events are added.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// Asks the run to stop. Returns the phase before, or `Err(phase)` when it had already
    /// ended.
    pub fn cancel(&self) -> Result<Phase, Phase> {
        let before = self.update(|inner| {
            let before = inner.phase;
            if before.is_terminal() {
                return (Err(before), Vec::new());
            }
            self.cancel.store(true, Ordering::SeqCst);
            inner.phase = Phase::Cancelled;
            inner.wall_s = inner.started.map(|s| s.elapsed().as_secs_f64());
            (Ok(before), vec![Event::status(Phase::Cancelled), Event::end(Phase::Cancelled, None)])
        })?;
        self.save();
        Ok(before)
    }

    /// True once a client cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// Marks the start of simulation; false if it was cancelled while queued.
    fn start(&self) -> bool {
        self.update(|inner| {
            if inner.phase != Phase::Queued {
                return (false, Vec::new());
            }
            inner.phase = Phase::Running;
            inner.started = Some(Instant::now());
            inner.computing = true;
            (true, vec![Event::status(Phase::Running)])
        })
    }

    /// Called by the model as each replication finishes. Counted only while running: a
    /// cancelled run's progress stays as it was when it was cancelled (as its record says).
    fn tick(&self) {
        self.push_while_running(|| {
            let done = self.reps_done.fetch_add(1, Ordering::Relaxed) + 1;
            vec![Event::progress(done, self.replications)]
        });
    }

    /// Called by the model as each replication closes a measured day: replication 0's
    /// days become live frames (thinned to [`LIVE_FRAMES_MAX`]).
    fn live_day(&self, replication: u32, day: usize, rows: &[[f64; model::METRIC_COUNT]]) {
        let Some(job) = &self.job else { return };
        let days = job.layout.days;
        if replication != 0 || !(day.is_multiple_of(live_every_days(days)) || day + 1 == days) {
            return;
        }
        // Built outside the lock: a frame is ~1 KB of JSON.
        let frame = crate::series::live_frame(&job.loaded.scenario, replication, day, rows);
        let event = Event::json(EventKind::Day, &frame);
        self.push_while_running(|| vec![event]);
    }

    /// Stores the outcome of the simulation (ignored if cancelled meanwhile).
    pub(crate) fn complete(&self, outcome: Result<(Finished, Vec<Event>), String>) {
        let ended = self.update(|inner| {
            inner.computing = false;
            if inner.phase != Phase::Running {
                return (false, Vec::new()); // cancelled: the result is dropped
            }
            inner.wall_s = inner.started.map(|s| s.elapsed().as_secs_f64());
            let events = match outcome {
                Ok((finished, mut events)) => {
                    events.push(Event::json(EventKind::Summary, &finished.summary));
                    inner.phase = Phase::Done;
                    inner.finished = Some(Arc::new(finished));
                    events.push(Event::status(Phase::Done));
                    events.push(Event::end(Phase::Done, None));
                    events
                }
                Err(e) => {
                    inner.phase = Phase::Failed;
                    inner.error = Some(e.clone());
                    vec![Event::status(Phase::Failed), Event::end(Phase::Failed, Some(e))]
                }
            };
            (true, events)
        });
        if ended {
            self.save();
        }
    }

    /// The `meta` event's body (a run with no job, read back from disk, has its `meta` in
    /// its log already).
    fn meta(&self) -> serde_json::Value {
        let days = self.job.as_ref().map_or(self.scenario.days as usize, |j| j.layout.days);
        serde_json::json!({
            "run": self.id.to_string(),
            "scenario": self.scenario_name(),
            "replications": self.replications,
            "seed": self.seed,
            "warmup_days": self.scenario.warmup_days,
            "layout": self.job.as_ref().map(|j| &j.layout),
            "live_days": true,
            "live_replication": 0,
            "live_every_days": live_every_days(days),
        })
    }

    /// Writes the run's record to the data directory, if there is one: the accepted record
    /// while it is queued or running, the final one once it has ended. A record that
    /// cannot be written is a warning: the run goes on, it just will not survive a restart.
    fn save(&self) {
        let Some(saved) = &self.saved else { return };
        let mut written = saved.written.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(*written, Written::Ended | Written::Forgotten) {
            return;
        }
        let record = persist::Record::of(self);
        let ended = record.state.is_terminal();
        match saved.dir.save(&record) {
            Ok(()) => *written = if ended { Written::Ended } else { Written::Accepted },
            Err(e) => eprintln!(
                "caseload serve: warning: {e}; run {} will not survive a restart",
                self.id
            ),
        }
    }

    /// Deletes the run's record (it is being evicted); no record of it is written after.
    fn forget(&self) {
        let Some(saved) = &self.saved else { return };
        let mut written = saved.written.lock().unwrap_or_else(|e| e.into_inner());
        if *written != Written::Forgotten {
            saved.dir.remove(self.id);
            *written = Written::Forgotten;
        }
    }

    /// The run's status document (`GET /api/runs/{id}`).
    pub fn status(&self) -> serde_json::Value {
        let inner = self.lock();
        let id = self.id.to_string();
        let sc = &self.scenario;
        let mut v = serde_json::json!({
            "id": id,
            "state": inner.phase,
            "scenario": sc.name,
            "description": sc.description,
            "created_at": self.created_at,
            "start": sc.start,
            "days": sc.days,
            "warmup_days": sc.warmup_days,
            "replications": self.replications,
            "seed": self.seed,
            "progress": { "replications_done": self.reps_done(), "replications": self.replications },
            "computing": inner.computing,
            "request": self.request,
            "links": {
                "self": format!("/api/runs/{id}"),
                "events": format!("/api/runs/{id}/events"),
                "daily": format!("/api/runs/{id}/daily"),
                "scorecards": format!("/api/runs/{id}/scorecards"),
                "report": format!("/api/runs/{id}/report"),
                "scenario": format!("/api/runs/{id}/scenario"),
            },
        });
        let obj = v.as_object_mut().expect("an object");
        if let Some(w) = inner.wall_s.or_else(|| inner.started.map(|s| s.elapsed().as_secs_f64())) {
            obj.insert("wall_s".into(), w.into());
        }
        if let Some(e) = &inner.error {
            obj.insert("error".into(), e.clone().into());
        }
        if let Some(f) = &inner.finished {
            obj.insert("summary".into(), f.summary.clone());
        }
        v
    }
}

/// Simulates `run` (on the calling thread, which must be a blocking one), then stores the
/// result or the error.
pub(crate) fn simulate(run: &Run) {
    let Some(job) = &run.job else { return };
    if !run.start() {
        return;
    }
    let sc = &job.loaded.scenario;
    let opts = model::RunOptions {
        replications: Some(run.replications),
        seed: Some(run.seed),
        threads: job.threads,
    };
    let t0 = Instant::now();
    let tick = || run.tick();
    let live_day =
        |rep: u32, day: usize, rows: &[[f64; model::METRIC_COUNT]]| run.live_day(rep, day, rows);
    let hooks = model::Hooks {
        on_replication: Some(&tick),
        on_day: Some(&live_day),
        cancel: Some(&run.cancel),
    };
    let outcome = match model::run_with_hooks(sc, opts, &hooks) {
        Ok(result) => {
            let wall_s = t0.elapsed().as_secs_f64();
            let days = (0..result.daily_mean.days())
                .map(|d| {
                    let frame = crate::series::day_frame(&result.scenario, &result.daily_mean, d);
                    Event::json(EventKind::Day, &frame)
                })
                .collect();
            Ok((Finished::of(&result, wall_s, &job.loaded), days))
        }
        Err(e) => Err(e.to_string()),
    };
    run.complete(outcome);
}
