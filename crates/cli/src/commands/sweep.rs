//! `caseload sweep SWEEP.toml`: run every variant of a base scenario a sweep file lists,
//! in parallel, into daily.parquet and summary.parquet; `caseload sweep merge` joins the
//! parts of a sweep split with `--shard`.
//!
//! The executor (worker threads, ordered write-back, stopping) is `study::sweep`, shared
//! with the Python package; this module parses the arguments, draws the progress bar and
//! turns Ctrl-C into [`Cancel::press`].
//!
//! Ctrl-C: the first press stops handing out runs, lets the runs in progress finish and
//! writes everything finished (marked `caseload.complete = false`); a second press
//! abandons the runs in progress and exits without writing. Files appear atomically in
//! both cases.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::bail;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use scenario::sweep::Sweep;
use study::sweep::{
    self, Cancel, Hooks, Outcome, RunDone, Shard, Stopping, SweepOptions, SweepRow, Written,
};

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
    let dir = args.out.clone().unwrap_or_else(|| sweep::default_out(&sweep));
    let planned = sweep::planned(&sweep, args.shard).len();
    let cancel = Arc::new(Cancel::new());
    {
        let cancel = cancel.clone();
        if let Err(e) = ctrlc::set_handler(move || cancel.press()) {
            eprintln!("warning: Ctrl-C will not stop the sweep cleanly: {e}");
        }
    }
    let bar = progress_bar(args.quiet, planned as u64 * sweep.replications as u64);
    let shard_note = args.shard.map_or(String::new(), |s| format!(" (shard {s})"));
    let label = |done: usize| format!("{}{shard_note}: runs {done}/{planned}", sweep.name);
    bar.set_message(label(0));
    let tick = || bar.inc(1);
    let done = |d: RunDone| bar.set_message(label(d.written));
    let stopping = |s: Stopping| {
        say(
            &bar,
            format!(
                "stopping: finishing {} run(s) in progress, then writing the {} finished; \
                 Ctrl-C again to abandon them",
                s.running, s.finished
            ),
        )
    };
    let hooks = Hooks {
        on_replication: Some(&tick),
        on_run_done: Some(&done),
        on_stopping: Some(&stopping),
        cancel: Some(&cancel),
    };
    let opts = SweepOptions { threads: args.threads, shard: args.shard, out: dir.clone() };
    let outcome = sweep::run(&sweep, &opts, &hooks);
    bar.finish_and_clear();
    let written = match outcome? {
        Outcome::Written(w) => w,
        Outcome::Abandoned => {
            eprintln!("abandoned: nothing written to {}", dir.display());
            std::process::exit(INTERRUPTED);
        }
        Outcome::NothingFinished => {
            eprintln!("stopped before any run finished: nothing written");
            std::process::exit(INTERRUPTED);
        }
    };
    report(args, &sweep, &written);
    Ok(())
}

fn progress_bar(quiet: bool, len: u64) -> ProgressBar {
    let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new(len) };
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} replications, {elapsed} elapsed, eta {eta}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}

/// The results table, the one-line account of what was written, and (exit 130) what an
/// interruption left out.
fn report(args: &SweepArgs, sweep: &Sweep, w: &Written) {
    if !args.quiet {
        print!("{}", results_table(sweep, &w.rows));
    }
    let names: Vec<String> = w.files.iter().map(|f| f.display().to_string()).collect();
    let days = w.planned.first().map_or(0, |id| sweep.scenario(*id).days);
    let kept = w.rows.len();
    println!(
        "{kept} run(s) × {} replication(s) of {days} days in {:.1} s; wrote {}",
        sweep.replications,
        w.elapsed.as_secs_f64(),
        names.join(", ")
    );
    if !w.complete {
        eprintln!(
            "interrupted: kept {kept} of {} runs (runs {}..={} are missing; files are marked incomplete)",
            w.planned.len(),
            w.planned.get(kept).copied().unwrap_or(0),
            w.planned.last().copied().unwrap_or(0)
        );
        std::process::exit(INTERRUPTED);
    }
}

/// A message above the progress bar, or on stderr when there is no bar.
fn say(bar: &ProgressBar, msg: String) {
    if bar.is_hidden() { eprintln!("{msg}") } else { bar.println(msg) }
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
    let out = out.cloned().unwrap_or_else(|| sweep::default_merge_out(inputs));
    let merged = match sweep::merge(inputs, &out) {
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
