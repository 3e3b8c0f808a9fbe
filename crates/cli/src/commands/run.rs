//! `caseload run SCENARIO`: simulate a scenario, print the summary, write the outputs.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
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
    /// Also write report.html (charts, scorecards, sources) next to the other outputs.
    #[arg(long)]
    report: bool,
    /// How to run: the discrete-event simulation (replications, 95% intervals) or the
    /// fluid approximation (expected values in milliseconds; one pseudo-replication).
    #[arg(long, value_enum, default_value_t = Mode::Des)]
    mode: Mode,
    /// Fluid runs over the scenario's assumption ranges that give every national answer
    /// its 5–95% range beside the 95% interval of the random draws (0: none).
    #[arg(long, default_value_t = study::sensitivity::DEFAULT_SAMPLES)]
    assumption_samples: usize,
}

/// Simulation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Discrete-event simulation of every synthetic case.
    Des,
    /// Daily difference equations on expected values.
    Fluid,
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
    let fluid = args.mode == Mode::Fluid;
    let reps = if fluid { 1 } else { args.replications.unwrap_or(sc.replications).max(1) };
    let bar =
        if args.quiet || fluid { ProgressBar::hidden() } else { ProgressBar::new(reps as u64) };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} replications, eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("running {}", sc.name));
    let opts = RunOptions { replications: Some(reps), seed: args.seed, threads: args.threads };
    let t0 = Instant::now();
    let mut result = if fluid {
        model::fluid::run(sc)
    } else {
        model::run_with_progress(sc, opts, &|| bar.inc(1))?
    };
    let wall_s = t0.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let n = args.assumption_samples;
    if n > 0 {
        let seed = args.seed.unwrap_or(sc.seed);
        result.assumption_ranges =
            super::over_assumptions(n, args.quiet, "ranges over the assumptions", |hooks| {
                study::sensitivity::assumption_ranges(&loaded, n, seed, args.threads, hooks)
            });
    }

    // Files first, then the table: a reader that stops early (`| head`) ends the process
    // at the next print (see main.rs), and the outputs must exist by then.
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(&sc.name));
    let meta = output::RunMeta { wall_s, caseload_version: env!("CARGO_PKG_VERSION") };
    let prov = output::report::Provenance::from(&loaded);
    let written = output::write_run_with_report_data(&result, &dir, &meta, &prov)
        .with_context(|| format!("writing outputs to {}", dir.display()))?;
    print!("{}", output::summary_table(&result, !args.national_only));
    if fluid {
        println!(
            "\nfluid approximation of {} days (+{} warm-up) in {:.1} ms; wrote {} files to {}",
            sc.days,
            sc.warmup_days,
            wall_s * 1e3,
            written.files.len(),
            dir.display()
        );
    } else {
        println!(
            "\n{} replications of {} days in {wall_s:.2} s ({:.1} M events/s); wrote {} files to {}",
            reps,
            sc.days,
            result.events as f64 / wall_s / 1e6,
            written.files.len(),
            dir.display()
        );
    }
    if args.report {
        // From the file just written, so the page is the one `caseload report` would make.
        let t0 = Instant::now();
        let data = output::report::read(&dir)?;
        let path = output::report::write(&dir.join(output::report::HTML_NAME), &[&data])?;
        super::report::report_written(&path, t0);
    }
    Ok(())
}
