//! `caseload sweep SWEEP.toml`: run every variant of a base scenario a sweep file lists,
//! in parallel, into daily.parquet and summary.parquet; `caseload sweep merge` joins the
//! parts of a sweep split with `--shard`.
//!
//! Runs are handed to worker threads in run order and written as they finish, in run
//! order, so memory stays flat and a stop keeps a prefix of the runs. Each run uses the
//! sweep's seed (common random numbers) and `model::run`, whose results do not depend on
//! the thread count: a run's numbers are the same in any sweep, shard or thread setting.
//!
//! Ctrl-C: the first press stops handing out runs, lets the runs in progress finish and
//! writes everything finished (marked `caseload.complete = false`); a second press
//! abandons the runs in progress and exits without writing. Files appear atomically in
//! both cases.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use model::{RunOptions, RunResult};
use output::parquet::{
    self as pq, ParamColumn, ParamValue, Shard, SweepInfo, SweepRow, SweepWriter,
};
use scenario::overrides::{Domain, Value};
use scenario::sweep::Sweep;

/// Exit status after Ctrl-C (128 + SIGINT), as shells report it.
const INTERRUPTED: i32 = 130;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SweepArgs {
    #[command(subcommand)]
    command: Option<SweepCommand>,
    /// The sweep file (TOML: base, replications, seed, and `[grid]` or `[[runs]]`).
    #[arg(required = true)]
    file: Option<PathBuf>,
    /// Run only part I of N (0 <= I < N), the runs whose id is I modulo N; writes
    /// daily.shard-I-of-N.parquet and summary.shard-I-of-N.parquet.
    #[arg(long, value_parser = parse_shard, value_name = "I/N")]
    shard: Option<Shard>,
    /// Output directory (default: `out/<sweep name>`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores; results do not depend on it).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// No progress bar and no results table.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Subcommand)]
enum SweepCommand {
    /// Join the shard parts found in the given directories (or files) into
    /// daily.parquet and summary.parquet, identical to an unsharded sweep's.
    Merge {
        /// Directories holding part files, or the part files themselves.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to write (default: the first input directory).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let parsed = s.split_once('/').and_then(|(i, n)| Some((i.parse().ok()?, n.parse().ok()?)));
    match parsed {
        Some((index, count)) if count > 0 && index < count => Ok(Shard { index, count }),
        _ => Err(format!("expected I/N with 0 <= I < N, e.g. 0/4 (got {s:?})")),
    }
}

pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    if let Some(SweepCommand::Merge { inputs, out }) = &args.command {
        return merge(inputs, out.as_ref());
    }
    let Some(file) = &args.file else { bail!("give a sweep file") };
    let sweep = match scenario::sweep::load(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let ids: Vec<u32> = sweep
        .runs
        .iter()
        .map(|r| r.id)
        .filter(|id| args.shard.is_none_or(|s| s.owns(*id)))
        .collect();
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(&sweep.name));
    let info = info(&sweep);
    let writer = SweepWriter::create(&dir, &info, args.shard)
        .with_context(|| format!("writing to {}", dir.display()))?;
    // In an Option so that a second Ctrl-C can drop it (removing its temporary file).
    let mut writer = Some(writer);

    let presses = Arc::new(AtomicUsize::new(0));
    {
        let presses = presses.clone();
        if let Err(e) = ctrlc::set_handler(move || {
            presses.fetch_add(1, Ordering::SeqCst);
        }) {
            eprintln!("warning: Ctrl-C will not stop the sweep cleanly: {e}");
        }
    }
    let reps = sweep.replications as u64;
    let bar =
        if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(ids.len() as u64 * reps) };
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} replications, {elapsed} elapsed, eta {eta}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let shard_note = args.shard.map_or(String::new(), |s| format!(" (shard {s})"));
    bar.set_message(format!("{}{shard_note}: runs 0/{}", sweep.name, ids.len()));

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if args.threads == 0 { cores } else { args.threads };
    let workers = threads.min(ids.len()).max(1);
    let inner = (threads / workers).max(1);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let t0 = Instant::now();
    let (tx, rx) = mpsc::channel::<(u32, Result<RunResult, model::RunError>)>();
    let mut outcome: anyhow::Result<()> = Ok(());
    let mut announced = false;
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (sweep, ids, next, failed, presses, bar) =
                (&sweep, &ids, &next, &failed, &presses, &bar);
            s.spawn(move || {
                while presses.load(Ordering::SeqCst) == 0 && !failed.load(Ordering::SeqCst) {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&id) = ids.get(k) else { break };
                    let opts = RunOptions { replications: None, seed: None, threads: inner };
                    let result =
                        model::run_with_progress(&sweep.scenario(id), opts, &|| bar.inc(1));
                    if tx.send((id, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Finished runs, held until every earlier run is written.
        let mut held: BTreeMap<u32, RunResult> = BTreeMap::new();
        let mut written = 0;
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok((id, Ok(result))) => {
                    held.insert(id, result);
                    while let Some(r) = ids.get(written).and_then(|id| held.remove(id)) {
                        let id = ids[written];
                        let pushed = writer.as_mut().map(|w| w.push(id, &values(&sweep, id), &r));
                        if let Some(Err(e)) = pushed {
                            failed.store(true, Ordering::SeqCst);
                            outcome = Err(e).context("writing the sweep tables");
                        }
                        written += 1;
                        bar.set_message(format!(
                            "{}{shard_note}: runs {written}/{}",
                            sweep.name,
                            ids.len()
                        ));
                    }
                }
                Ok((id, Err(e))) => {
                    failed.store(true, Ordering::SeqCst);
                    outcome = Err(e).with_context(|| format!("run {id}"));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            let n = presses.load(Ordering::SeqCst);
            if n >= 1 && !announced {
                announced = true;
                let pulled = next.load(Ordering::SeqCst).min(ids.len());
                let running = pulled.saturating_sub(written + held.len());
                say(
                    &bar,
                    format!(
                        "stopping: finishing {running} run(s) in progress, then writing the {} finished; \
                     Ctrl-C again to abandon them",
                        written + held.len()
                    ),
                );
            }
            if n >= 2 {
                bar.abandon();
                eprintln!("abandoned: nothing written to {}", dir.display());
                // The writer's temporary file goes with it; the process ends at once.
                drop(writer.take());
                std::process::exit(INTERRUPTED);
            }
        }
    });
    bar.finish_and_clear();
    outcome?;
    let Some(writer) = writer else { bail!("the sweep writer was dropped") };
    let wall_s = t0.elapsed().as_secs_f64();
    let kept = writer.runs();
    let complete = kept == ids.len();
    if kept == 0 && !complete {
        drop(writer);
        eprintln!("stopped before any run finished: nothing written");
        std::process::exit(INTERRUPTED);
    }
    let rows = writer.rows().to_vec();
    let files = writer.finish(complete).context("writing the sweep tables")?;
    if !args.quiet {
        print!("{}", results_table(&sweep, &rows));
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let days = ids.first().map_or(0, |id| sweep.scenario(*id).days);
    println!(
        "{kept} run(s) × {} replication(s) of {days} days in {wall_s:.1} s; wrote {}",
        sweep.replications,
        names.join(", ")
    );
    if !complete {
        eprintln!(
            "interrupted: kept {kept} of {} runs (runs {}..={} are missing; files are marked incomplete)",
            ids.len(),
            ids.get(kept).copied().unwrap_or(0),
            ids.last().copied().unwrap_or(0)
        );
        std::process::exit(INTERRUPTED);
    }
    Ok(())
}

/// A message above the progress bar, or on stderr when there is no bar.
fn say(bar: &ProgressBar, msg: String) {
    if bar.is_hidden() { eprintln!("{msg}") } else { bar.println(msg) }
}

/// The sweep as its files record it.
fn info(sweep: &Sweep) -> SweepInfo {
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
fn values(sweep: &Sweep, id: u32) -> Vec<Option<ParamValue>> {
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

/// Headline measures per run (at most 50 rows), for a first look.
fn results_table(sweep: &Sweep, rows: &[SweepRow]) -> String {
    const SHOWN: [(&str, &str); 4] = [
        ("arrests_per_day", "arrests/day"),
        ("adp", "detained"),
        ("removals", "removals"),
        ("cost_usd", "cost $M"),
    ];
    let index = |key: &str| model::MEASURES.iter().position(|m| m.key == key);
    let mut out = String::new();
    let header: Vec<String> = SHOWN.iter().map(|(_, h)| format!("{h:>12}")).collect();
    out += &format!("{:>4}  {}  {}\n", "run", header.join(""), "parameters");
    for r in rows.iter().take(50) {
        let cells: Vec<String> = SHOWN
            .iter()
            .map(|(key, _)| {
                let mean = index(key).and_then(|i| r.measures.get(i)).map_or(f64::NAN, |e| e.mean);
                let mean = if *key == "cost_usd" { mean / 1e6 } else { mean };
                format!("{mean:>12.1}")
            })
            .collect();
        let flag = if r.invariants_ok { "" } else { "  (invariants FAILED)" };
        out += &format!("{:>4}  {}  {}{flag}\n", r.run, cells.join(""), sweep.label(r.run));
    }
    if rows.len() > 50 {
        out += &format!("… {} more in summary.parquet\n", rows.len() - 50);
    }
    out.push('\n');
    out
}

fn merge(inputs: &[PathBuf], out: Option<&PathBuf>) -> anyhow::Result<()> {
    let out = match out {
        Some(o) => o.clone(),
        None => inputs
            .iter()
            .find(|p| p.is_dir())
            .cloned()
            .or_else(|| inputs.first().and_then(|p| p.parent().map(PathBuf::from)))
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let merged = match pq::merge(inputs, &out) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let names: Vec<String> = merged.files.iter().map(|f| f.display().to_string()).collect();
    println!(
        "merged {} shard(s) of sweep {}: {} run(s); wrote {}",
        merged.shards,
        merged.info.name,
        merged.runs,
        names.join(", ")
    );
    if !merged.complete {
        eprintln!(
            "warning: some parts come from interrupted runs: {} of {} runs present",
            merged.runs, merged.info.runs
        );
    }
    Ok(())
}
