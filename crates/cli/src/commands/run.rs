//! `caseload run SCENARIO`: simulate a scenario, print the summary, write the outputs.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use model::RunOptions;

#[derive(Args)]
pub struct RunArgs {
    /// A built-in scenario name (e.g. baseline-fy2025) or a path to a scenario file.
    scenario: String,
    /// Replications (default: the scenario's).
    #[arg(long, short = 'r')]
    replications: Option<u32>,
    /// Master seed (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Output directory (default: `out/<scenario name>`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores; results do not depend on it).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Leave out the per-office table.
    #[arg(long)]
    national_only: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    let loaded = match scenario::resolve(&args.scenario) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let sc = &loaded.scenario;
    let reps = args.replications.unwrap_or(sc.replications).max(1);
    let bar = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(reps as u64) };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} replications, eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("running {}", sc.name));
    let opts = RunOptions { replications: Some(reps), seed: args.seed, threads: args.threads };
    let t0 = Instant::now();
    let result = model::run_with_progress(sc, opts, &|| bar.inc(1))?;
    let wall_s = t0.elapsed().as_secs_f64();
    bar.finish_and_clear();

    print!("{}", output::summary_table(&result, !args.national_only));
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(&sc.name));
    let meta = output::RunMeta { wall_s, caseload_version: env!("CARGO_PKG_VERSION") };
    let written = output::write_run(&result, &dir, &meta)
        .with_context(|| format!("writing outputs to {}", dir.display()))?;
    println!(
        "\n{} replications of {} days in {wall_s:.2} s ({:.1} M events/s); wrote {} files to {}",
        reps,
        sc.days,
        result.events as f64 / wall_s / 1e6,
        written.files.len(),
        dir.display()
    );
    Ok(())
}
