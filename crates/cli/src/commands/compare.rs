//! `caseload compare A B`: both scenarios with the same seed and replications (common
//! random numbers), and B − A of every measure with a 95% interval from the paired
//! per-replication differences.

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use model::RunOptions;

#[derive(Args)]
pub struct CompareArgs {
    /// Scenario A (built-in name or path): the reference.
    a: String,
    /// Scenario B (built-in name or path): the variant.
    b: String,
    /// Replications of each (default: A's).
    #[arg(long, short = 'r')]
    replications: Option<u32>,
    /// Master seed of both (default: A's).
    #[arg(long)]
    seed: Option<u64>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Worker threads (default: all cores; results do not depend on it).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Paired fluid runs of A and B over the assumption ranges that give each difference
    /// its 5–95% range beside the 95% interval of the random draws (0: none).
    #[arg(long, default_value_t = study::sensitivity::DEFAULT_SAMPLES)]
    assumption_samples: usize,
}

pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let load = |name: &str| match scenario::resolve(name) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let (la, lb) = (load(&args.a), load(&args.b));
    let (a, b) = (&la.scenario, &lb.scenario);
    let reps = args.replications.unwrap_or(a.replications).max(1);
    let seed = args.seed.unwrap_or(a.seed);
    if a.days != b.days || a.start != b.start {
        eprintln!(
            "note: A covers {} days from {}, B {} days from {}; totals are not like for like",
            a.days, a.start, b.days, b.start
        );
    }
    let hidden = args.quiet || args.json;
    let bar = if hidden { ProgressBar::hidden() } else { ProgressBar::new(2 * reps as u64) };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} replications, eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let opts = RunOptions { replications: Some(reps), seed: Some(seed), threads: args.threads };
    bar.set_message(format!("running A ({})", a.name));
    let ra = model::run_with_progress(a, opts, &|| bar.inc(1))?;
    bar.set_message(format!("running B ({})", b.name));
    let rb = model::run_with_progress(b, opts, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let mut c = output::compare::compare(&ra, &rb).context("comparing the runs")?;
    let n = args.assumption_samples;
    if n > 0 {
        let label = "ranges over the assumptions (paired A, B)";
        let ranges = super::over_assumptions(n, hidden, label, |hooks| {
            study::sensitivity::difference_ranges(&la, &lb, n, seed, args.threads, hooks)
        });
        if let Some(r) = ranges {
            c = c.with_ranges(&r);
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&c)?);
    } else {
        print!("{}", output::compare::comparison_table(&c));
    }
    Ok(())
}
