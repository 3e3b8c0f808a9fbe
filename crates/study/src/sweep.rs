//! Running a sweep: every variant of a base scenario a sweep file lists, in parallel, into
//! daily.parquet and summary.parquet (or one shard's parts of them), and joining shard
//! parts back into the two files ([`merge`]).
//!
//! ```text
//! run ids ──► rayon workers ──► finished runs ──► held until every earlier run is written
//! (shard's)   (model::run,      (any order)        ──► SweepWriter, in run order
//!              sweep's seed)
//! ```
//!
//! Runs are handed to the workers in run order and written as they finish, in run order,
//! so memory stays flat and a stop keeps a prefix of the runs. Each run uses the sweep's
//! seed (common random numbers) and `model::run`, whose results do not depend on the
//! thread count: a run's numbers, and so the files' bytes, are the same in any sweep,
//! shard or thread setting.
//!
//! **Stopping.** [`Cancel::stop`] stops handing out runs, lets the runs in progress finish
//! and writes everything finished (marked `caseload.complete = false`); [`Cancel::abandon`]
//! cancels the runs in progress (they stop within a simulated day) and writes nothing.
//! Files appear atomically in both cases. The CLI maps a first and second Ctrl-C to them
//! ([`Cancel::press`]); the Python package and a scheduler can call them directly.
//!
//! ```no_run
//! let sweep = scenario::sweep::load("sweeps/flights.toml".as_ref()).unwrap();
//! let opts = study::sweep::SweepOptions::new(study::sweep::default_out(&sweep));
//! match study::sweep::run(&sweep, &opts, &study::sweep::Hooks::default()).unwrap() {
//!     study::sweep::Outcome::Written(w) => println!("wrote {:?}", w.files),
//!     other => println!("{other:?}"),
//! }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use model::{RunOptions, RunResult};
use output::parquet::{self as pq, ParamColumn, ParamValue, SweepInfo, SweepWriter};
pub use output::parquet::{Merged, Shard, SweepRow};
use scenario::overrides::{Domain, Value};
use scenario::sweep::Sweep;

/// How to run a sweep. The results do not depend on `threads`.
#[derive(Clone, Debug)]
pub struct SweepOptions {
    /// Worker threads (0 = all cores).
    pub threads: usize,
    /// Run only this shard's runs (ids ≡ I mod N), into `*.shard-I-of-N.parquet`.
    pub shard: Option<Shard>,
    /// Output directory (created if missing).
    pub out: PathBuf,
}

impl SweepOptions {
    /// All cores, no shard, into `out`.
    pub fn new(out: PathBuf) -> SweepOptions {
        SweepOptions { threads: 0, shard: None, out }
    }
}

/// The CLI's default output directory: `out/<sweep name>`.
pub fn default_out(sweep: &Sweep) -> PathBuf {
    PathBuf::from("out").join(&sweep.name)
}

/// Asks a running sweep to stop; share it with a signal handler or another thread.
#[derive(Debug, Default)]
pub struct Cancel {
    stop: AtomicBool,
    abandon: AtomicBool,
}

impl Cancel {
    /// A flag nobody has raised.
    pub fn new() -> Cancel {
        Cancel::default()
    }
    /// Hand out no more runs; finish the runs in progress and write what finished.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }
    /// Cancel the runs in progress and write nothing.
    pub fn abandon(&self) {
        self.stop();
        self.abandon.store(true, Ordering::SeqCst);
    }
    /// The first call stops, any later one abandons (a Ctrl-C handler's two presses).
    pub fn press(&self) {
        if self.stop.swap(true, Ordering::SeqCst) {
            self.abandon();
        }
    }
    /// True once [`Cancel::stop`] (or abandon) was called.
    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
    /// True once [`Cancel::abandon`] was called.
    pub fn is_abandoned(&self) -> bool {
        self.abandon.load(Ordering::SeqCst)
    }
}

/// A run written to the tables (in run order), as [`Hooks::on_run_done`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunDone {
    /// The run's id.
    pub id: u32,
    /// Runs written so far, this one included.
    pub written: usize,
    /// Runs this sweep (or shard) will run in all.
    pub planned: usize,
}

/// The state when a stop is first noticed, as [`Hooks::on_stopping`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopping {
    /// Runs still in progress, to be finished (or, on abandon, cancelled).
    pub running: usize,
    /// Runs finished so far, to be written.
    pub finished: usize,
}

/// What a front-end is told while a sweep goes on, and how it stops one. The default has
/// no hook and runs the sweep to the end. Hooks never change the results.
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called on a worker thread as each replication of any run finishes.
    pub on_replication: Option<&'a (dyn Fn() + Sync)>,
    /// Called on the calling thread as each run is written, in run order.
    pub on_run_done: Option<&'a (dyn Fn(RunDone) + Sync)>,
    /// Called on the calling thread once, when a stop is first noticed.
    pub on_stopping: Option<&'a (dyn Fn(Stopping) + Sync)>,
    /// Checked between runs (stop) and, by the model, between simulated days (abandon).
    pub cancel: Option<&'a Cancel>,
}

/// How a sweep ended, when nothing went wrong.
#[derive(Debug)]
pub enum Outcome {
    /// Tables were written: every run, or (after a stop) the runs finished before it.
    Written(Written),
    /// Stopped before any run finished: nothing written.
    NothingFinished,
    /// Abandoned: nothing written, no temporary file left.
    Abandoned,
}

/// What [`run`] wrote.
#[derive(Debug)]
pub struct Written {
    /// daily and summary tables, in the order written.
    pub files: Vec<PathBuf>,
    /// One summary row per run written, in run order.
    pub rows: Vec<SweepRow>,
    /// The ids this sweep (or shard) was to run, in order; `rows` is a prefix of them.
    pub planned: Vec<u32>,
    /// True when every planned run was written (the files say `caseload.complete`).
    pub complete: bool,
    /// Wall-clock time of the runs.
    pub elapsed: Duration,
}

/// Why a sweep could not run or be written.
#[derive(Debug)]
#[non_exhaustive]
pub enum SweepRunError {
    /// The tables could not be created, written or merged.
    Output {
        /// The output directory.
        dir: PathBuf,
        /// What the writer said.
        source: pq::SweepError,
    },
    /// A run failed.
    Run {
        /// The run's id.
        id: u32,
        /// What the model said.
        source: model::RunError,
    },
    /// The worker pool could not start.
    Pool(String),
}

impl fmt::Display for SweepRunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepRunError::Output { dir, source } => {
                write!(f, "writing the sweep tables to {}: {source}", dir.display())
            }
            SweepRunError::Run { id, source } => write!(f, "run {id}: {source}"),
            SweepRunError::Pool(m) => write!(f, "starting the sweep's threads: {m}"),
        }
    }
}

impl std::error::Error for SweepRunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SweepRunError::Output { source, .. } => Some(source),
            SweepRunError::Run { source, .. } => Some(source),
            SweepRunError::Pool(_) => None,
        }
    }
}

/// The run ids `shard` owns (all of them without a shard), in run order.
pub fn planned(sweep: &Sweep, shard: Option<Shard>) -> Vec<u32> {
    sweep.runs.iter().map(|r| r.id).filter(|id| shard.is_none_or(|s| s.owns(*id))).collect()
}

/// Runs `sweep` (its shard, if any) into `opts.out`; see the module docs.
pub fn run(sweep: &Sweep, opts: &SweepOptions, hooks: &Hooks) -> Result<Outcome, SweepRunError> {
    let ids = planned(sweep, opts.shard);
    let output = |source| SweepRunError::Output { dir: opts.out.clone(), source };
    let writer = SweepWriter::create(&opts.out, &info(sweep), opts.shard).map_err(output)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if opts.threads == 0 { cores } else { opts.threads };
    let workers = threads.min(ids.len()).max(1);
    let inner = (threads / workers).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| SweepRunError::Pool(e.to_string()))?;
    let none = Cancel::new();
    let cancel = hooks.cancel.unwrap_or(&none);
    let work =
        Work { sweep, ids: &ids, inner, next: AtomicUsize::new(0), failed: AtomicBool::new(false) };
    let t0 = Instant::now();
    let (tx, rx) = mpsc::channel::<Finished>();
    let mut back = WriteBack {
        sweep,
        ids: &ids,
        dir: &opts.out,
        writer: Some(writer),
        held: BTreeMap::new(),
        written: 0,
    };
    let result = pool.in_place_scope(|s| {
        for _ in 0..workers {
            let (tx, work) = (tx.clone(), &work);
            s.spawn(move |_| work.run(cancel, hooks, &tx));
        }
        drop(tx);
        back.drain(&rx, &work, cancel, hooks)
    });
    let writer = back.writer.take();
    match (result, writer) {
        (Err(e), _) => Err(e),
        (Ok(()), None) => Ok(Outcome::Abandoned),
        (Ok(()), Some(writer)) => {
            let complete = writer.runs() == ids.len();
            if writer.runs() == 0 && !complete {
                return Ok(Outcome::NothingFinished);
            }
            let rows = writer.rows().to_vec();
            let files = writer.finish(complete).map_err(output)?;
            Ok(Outcome::Written(Written {
                files,
                rows,
                planned: ids,
                complete,
                elapsed: t0.elapsed(),
            }))
        }
    }
}

/// A run's result, sent from a worker to the writing thread.
type Finished = (u32, Result<RunResult, model::RunError>);

/// The runs to hand out, shared by the workers.
struct Work<'a> {
    sweep: &'a Sweep,
    ids: &'a [u32],
    /// Threads each run uses for its replications.
    inner: usize,
    /// Index into `ids` of the next run to hand out.
    next: AtomicUsize,
    /// Set when a run or a write failed: hand out no more.
    failed: AtomicBool,
}

impl Work<'_> {
    /// One worker: takes runs in order until they run out, a stop, or a failure.
    fn run(&self, cancel: &Cancel, hooks: &Hooks, tx: &mpsc::Sender<Finished>) {
        while !cancel.is_stopped() && !self.failed.load(Ordering::SeqCst) {
            let k = self.next.fetch_add(1, Ordering::SeqCst);
            let Some(&id) = self.ids.get(k) else { break };
            let opts = RunOptions { replications: None, seed: None, threads: self.inner };
            let model_hooks = model::Hooks {
                on_replication: hooks.on_replication,
                cancel: Some(&cancel.abandon),
                ..model::Hooks::default()
            };
            let result = model::run_with_hooks(&self.sweep.scenario(id), opts, &model_hooks);
            if tx.send((id, result)).is_err() {
                break;
            }
        }
    }
}

/// The writing side: holds finished runs until every earlier one is written.
struct WriteBack<'a> {
    sweep: &'a Sweep,
    ids: &'a [u32],
    dir: &'a Path,
    /// None once abandoned (dropping it removes its temporary file).
    writer: Option<SweepWriter>,
    held: BTreeMap<u32, RunResult>,
    written: usize,
}

impl WriteBack<'_> {
    /// Receives runs until every worker has ended, writing them in run order.
    fn drain(
        &mut self,
        rx: &mpsc::Receiver<Finished>,
        work: &Work,
        cancel: &Cancel,
        hooks: &Hooks,
    ) -> Result<(), SweepRunError> {
        let mut outcome = Ok(());
        let mut announced = false;
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok((id, Ok(result))) => {
                    self.held.insert(id, result);
                    if let Err(e) = self.write_ready(hooks) {
                        work.failed.store(true, Ordering::SeqCst);
                        outcome = Err(e);
                    }
                }
                Ok((_, Err(model::RunError::Cancelled))) if cancel.is_abandoned() => {}
                Ok((id, Err(source))) => {
                    work.failed.store(true, Ordering::SeqCst);
                    outcome = Err(SweepRunError::Run { id, source });
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if cancel.is_stopped() && !announced {
                announced = true;
                let pulled = work.next.load(Ordering::SeqCst).min(self.ids.len());
                let finished = self.written + self.held.len();
                let running = pulled.saturating_sub(finished);
                if let Some(f) = hooks.on_stopping {
                    f(Stopping { running, finished });
                }
            }
            if cancel.is_abandoned() && self.writer.is_some() {
                // Dropping the writer removes its temporary file; the workers' runs stop
                // within a simulated day and the loop ends when they have.
                self.writer = None;
                self.held.clear();
            }
        }
        outcome
    }

    /// Writes every held run whose predecessors are all written.
    fn write_ready(&mut self, hooks: &Hooks) -> Result<(), SweepRunError> {
        let Some(writer) = self.writer.as_mut() else { return Ok(()) };
        while let Some(r) = self.ids.get(self.written).and_then(|id| self.held.remove(id)) {
            let id = self.ids[self.written];
            writer
                .push(id, &values(self.sweep, id), &r)
                .map_err(|source| SweepRunError::Output { dir: self.dir.to_path_buf(), source })?;
            self.written += 1;
            if let Some(f) = hooks.on_run_done {
                f(RunDone { id, written: self.written, planned: self.ids.len() });
            }
        }
        Ok(())
    }
}

/// The sweep as its files record it.
pub fn info(sweep: &Sweep) -> SweepInfo {
    SweepInfo {
        name: sweep.name.clone(),
        base: sweep.base.clone(),
        replications: sweep.replications,
        seed: sweep.seed,
        params: sweep
            .params
            .iter()
            .map(|p| ParamColumn { name: p.path.clone(), flag: p.domain == Domain::Flag })
            .collect(),
        runs: sweep.runs.len() as u32,
        caseload_version: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// Run `id`'s parameter values, in column order.
pub fn values(sweep: &Sweep, id: u32) -> Vec<Option<ParamValue>> {
    sweep.runs[id as usize]
        .values
        .iter()
        .map(|v| {
            v.map(|v| match v {
                Value::Number(x) => ParamValue::Number(x),
                Value::Flag(b) => ParamValue::Flag(b),
            })
        })
        .collect()
}

/// The directory [`merge`] writes to when none is given: the first input that is a
/// directory, else the first input file's directory, else `.`.
pub fn default_merge_out(inputs: &[PathBuf]) -> PathBuf {
    inputs
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .or_else(|| inputs.first().and_then(|p| p.parent().map(PathBuf::from)))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Joins the shard parts found in `inputs` (directories or part files) into `out`'s
/// daily.parquet and summary.parquet, byte-identical to an unsharded sweep's.
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<Merged, pq::SweepError> {
    pq::merge(inputs, out)
}
