//! `caseload sensitivity SCENARIO`: which assumption drives each measure — Sobol indices
//! (Saltelli design, Jansen / Saltelli-2010 estimators, bootstrap intervals) or Morris
//! screening over the scenario's assumption ranges; `--check ishigami` runs the
//! estimators on a function with known indices instead.
//!
//! Ctrl-C: the first press stops starting runs, lets the runs under way finish and writes
//! everything finished (samples of every finished run; indices of the finished base
//! samples, marked incomplete); files appear atomically.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use output::study_tables::{Column, write_table};
use study::sensitivity::tables::{
    index_columns, report_page, sample_columns, spread_columns, study_json,
};
use study::sensitivity::{
    self as sa, DEFAULT_LEVELS, DEFAULT_RESAMPLES, Evaluated, Hooks, IndexRow, Indices, Method,
    Mode, Study, StudySpec,
};

/// Exit status after Ctrl-C (128 + SIGINT), as shells report it.
const INTERRUPTED: i32 = 130;

#[derive(Args)]
pub struct SensitivityArgs {
    /// Scenario file or built-in name (not needed with --check).
    #[arg(required_unless_present = "check")]
    scenario: Option<String>,
    /// Sobol indices (first-order and total) or Morris screening (μ*, σ).
    #[arg(long, value_enum, default_value_t = MethodArg::Sobol)]
    method: MethodArg,
    /// Base samples (Sobol: runs = N·(groups+2); a power of two) or trajectories (Morris:
    /// runs = N·(groups+1)).
    #[arg(long, default_value_t = 128)]
    samples: usize,
    /// Factors: `all`, or a comma-separated list of groups, paths or factor names.
    #[arg(long, default_value = "all")]
    params: String,
    /// Measures: `all`, or a comma-separated list of keys (see docs/outputs.md).
    #[arg(long, default_value = "all")]
    measures: String,
    /// Solver for each run: fluid (default), or des with the scenario's seed and
    /// replications (common random numbers).
    #[arg(long, value_enum, default_value_t = ModeArg::Fluid)]
    mode: ModeArg,
    /// One factor per office and per schedule step instead of the default groups.
    #[arg(long)]
    ungroup: bool,
    /// Seed of the design and the bootstrap.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Morris grid levels (even).
    #[arg(long, default_value_t = DEFAULT_LEVELS)]
    levels: usize,
    /// Bootstrap resamples for the Sobol intervals.
    #[arg(long, default_value_t = DEFAULT_RESAMPLES)]
    resamples: usize,
    /// Output directory (default: `out/sensitivity-<scenario>`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores; results do not depend on it).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Run the estimators on a test function with known indices (ishigami, sobol-g)
    /// and print estimate beside exact value.
    #[arg(long, value_name = "FUNCTION")]
    check: Option<String>,
    /// With --check: print JSON.
    #[arg(long)]
    json: bool,
    /// No progress bar and no results table.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum MethodArg {
    Sobol,
    Morris,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Fluid,
    Des,
}

pub fn run(args: &SensitivityArgs) -> anyhow::Result<()> {
    if let Some(name) = &args.check {
        return check(name, args);
    }
    let Some(name) = &args.scenario else { bail!("give a scenario") };
    let loaded = match scenario::resolve(name) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let spec = StudySpec {
        method: match args.method {
            MethodArg::Sobol => Method::Sobol,
            MethodArg::Morris => Method::Morris,
        },
        samples: args.samples,
        levels: args.levels,
        params: args.params.clone(),
        measures: args.measures.clone(),
        mode: match args.mode {
            ModeArg::Fluid => Mode::Fluid,
            ModeArg::Des => Mode::Des,
        },
        ungroup: args.ungroup,
        seed: args.seed,
        resamples: args.resamples,
    };
    let study = Study::plan(&loaded, spec).map_err(|e| anyhow::anyhow!("{e}"))?;
    let dir = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("out").join(format!("sensitivity-{}", loaded.scenario.name))
    });
    let rows = study.design.rows();
    if !args.quiet {
        eprintln!(
            "{}: {} factors in {} groups, {} measures, {} runs ({:?}, {:?})",
            loaded.scenario.name,
            study.factors.len(),
            study.groups.len(),
            study.measures.len(),
            rows,
            study.spec.method,
            study.spec.mode,
        );
    }
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = cancel.clone();
        if let Err(e) = ctrlc::set_handler(move || cancel.store(true, Ordering::SeqCst)) {
            eprintln!("warning: Ctrl-C will not stop the study cleanly: {e}");
        }
    }
    let bar = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(rows as u64) };
    bar.set_style(
        ProgressStyle::with_template("[{bar:30}] {pos}/{len} runs, {elapsed} elapsed, eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let t0 = Instant::now();
    let tick = || bar.inc(1);
    let hooks = Hooks { on_row: Some(&tick), cancel: Some(&cancel) };
    let ev = study.run(args.threads, &hooks).map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    let wall_s = t0.elapsed().as_secs_f64();
    let complete = ev.complete();
    let written = write_outputs(&study, &ev, &dir, wall_s)
        .with_context(|| format!("writing to {}", dir.display()))?;
    if !args.quiet {
        eprintln!(
            "{} of {rows} runs in {wall_s:.1} s ({:.1} ms per run on {} threads)",
            ev.finished(),
            1000.0 * wall_s / ev.finished().max(1) as f64,
            rayon_threads(args.threads),
        );
        if let Some(ix) = &written {
            print!("{}", top_table(&study, ix));
        }
        eprintln!("wrote {}", dir.display());
    }
    if !complete {
        eprintln!("stopped: kept the {} finished runs", ev.finished());
        std::process::exit(INTERRUPTED);
    }
    Ok(())
}

fn rayon_threads(asked: usize) -> usize {
    if asked > 0 { asked } else { std::thread::available_parallelism().map_or(1, |n| n.get()) }
}

/// Writes samples, spread and (when enough runs finished) indices; returns the indices.
fn write_outputs(
    study: &Study,
    ev: &Evaluated,
    dir: &Path,
    wall_s: f64,
) -> anyhow::Result<Option<Vec<IndexRow>>> {
    let meta = vec![
        ("caseload.study".to_string(), study_json(study, ev, wall_s, env!("CARGO_PKG_VERSION"))),
        ("caseload.complete".to_string(), ev.complete().to_string()),
    ];
    write_table(dir, "samples", &sample_columns(study, ev), &meta)?;
    let spreads = study.spreads(ev);
    write_table(dir, "spread", &spread_columns(&spreads), &meta)?;
    let indices = match study.analyse(ev) {
        Ok(ix) => ix,
        Err(e) if !ev.complete() => {
            eprintln!("no indices: {e}");
            return Ok(None);
        }
        Err(e) => bail!("{e}"),
    };
    write_table(dir, "indices", &index_columns(&indices), &meta)?;
    let command = super::command_line();
    let page = output::report::studies::sensitivity_page(&report_page(
        study, ev, &spreads, &indices, &command,
    ));
    output::write_atomic(dir, "report.html", |w| w.write_all(page.as_bytes()))?;
    let json =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&meta[0].1)?)?;
    std::fs::write(dir.join("study.json"), json + "\n")?;
    Ok(Some(indices))
}

/// The three factors with the largest total index (or μ*) of each measure.
fn top_table(study: &Study, rows: &[IndexRow]) -> String {
    let mut out = String::new();
    for m in &study.measures {
        let mut mine: Vec<(&str, f64)> = rows
            .iter()
            .filter(|r| r.measure == m.key)
            .map(|r| {
                let v = match r.indices {
                    Indices::Sobol(s) => s.st,
                    Indices::Morris(x) => x.mu_star,
                };
                (r.parameter.as_str(), v)
            })
            .filter(|(_, v)| v.is_finite())
            .collect();
        mine.sort_by(|a, b| b.1.total_cmp(&a.1));
        let top: Vec<String> = mine.iter().take(3).map(|(p, v)| format!("{p} {v:.3}")).collect();
        let label = if matches!(study.spec.method, Method::Sobol) { "ST" } else { "mu*" };
        out.push_str(&format!("{:<32} {label}: {}\n", m.key, top.join(", ")));
    }
    out
}

fn check(name: &str, args: &SensitivityArgs) -> anyhow::Result<()> {
    let Some(f) = sa::test_function(name) else {
        bail!("unknown test function {name:?}; known: {}", sa::TEST_FUNCTIONS.join(", "));
    };
    let n = if args.samples == 128 { 4096 } else { args.samples };
    let rows = sa::check(f.as_ref(), n, args.seed).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(dir) = &args.out {
        write_check_samples(f.as_ref(), n, args.seed, dir)?;
    }
    if args.json {
        let indices: Vec<_> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "param": r.param, "S1": r.s1, "S1_exact": r.s1_exact,
                    "ST": r.st, "ST_exact": r.st_exact,
                    "S1_lo": r.index.s1_lo, "S1_hi": r.index.s1_hi,
                    "ST_lo": r.index.st_lo, "ST_hi": r.index.st_hi,
                })
            })
            .collect();
        let doc = serde_json::json!({ "check": f.name(), "samples": n, "seed": args.seed, "indices": indices });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    println!("{} with {n} base samples (seed {}):", f.name(), args.seed);
    println!(
        "{:<6} {:>8} {:>17} {:>8} {:>8} {:>17} {:>8}",
        "param", "S1", "95%", "exact", "ST", "95%", "exact"
    );
    for r in &rows {
        let ix = r.index;
        println!(
            "{:<6} {:>8.4} [{:>7.4},{:>7.4}] {:>8.4} {:>8.4} [{:>7.4},{:>7.4}] {:>8.4}",
            r.param, r.s1, ix.s1_lo, ix.s1_hi, r.s1_exact, r.st, ix.st_lo, ix.st_hi, r.st_exact
        );
    }
    Ok(())
}

/// samples.csv / samples.parquet of a check: the design (`x1…` in the unit cube, in
/// Saltelli block order) and the function's value, so another implementation (SALib's
/// `sobol.analyze` with `calc_second_order=False` reads this very layout) can be run on
/// the same samples.
fn write_check_samples(
    f: &dyn sa::TestFunction,
    n: usize,
    seed: u64,
    dir: &Path,
) -> anyhow::Result<()> {
    let d = sa::SaltelliDesign::new(f.dims(), n, seed).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut cols: Vec<Column> = (0..f.dims())
        .map(|i| Column::Float(format!("x{}", i + 1), (0..d.rows()).map(|r| d.row(r)[i]).collect()))
        .collect();
    cols.push(Column::Float("y".into(), (0..d.rows()).map(|r| f.eval(d.row(r))).collect()));
    write_table(dir, "samples", &cols, &[])?;
    Ok(())
}
