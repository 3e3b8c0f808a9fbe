//! `caseload calibrate SCENARIO --targets FILE --out FILE`: fit the scenario's assumption
//! factors to ICE's monthly series with the fluid mode, confirm with the DES, report
//! what the data do and do not pin down, and write a calibrated scenario that extends
//! the original (see `study::calibrate` and docs/calibration.md).
//!
//! Ctrl-C stops the search at the next evaluation; the best point so far is written.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use model::{Date, Scenario};
use study::calibrate::{self, FactorSpace, FitOptions, Hooks, Loss, Provenance, Space};
use study::targets::{Gap, Series, Targets};

#[derive(Args)]
pub struct CalibrateArgs {
    /// A built-in scenario name (e.g. baseline-fy2025) or a path to a scenario file.
    scenario: String,
    /// Monthly targets (the columns of data/monthly.csv).
    #[arg(long, default_value = "data/monthly.csv")]
    targets: PathBuf,
    /// Fit only months that end before this day (YYYY-MM-DD); never past 30 Sep 2025.
    #[arg(long)]
    until: Option<String>,
    /// Factors to fit: comma-separated group names, paths or steps (`path@YYYY-MM-DD`),
    /// or `all` (every assumption with a range but costs and interventions, screened).
    #[arg(long, default_value = "all")]
    params: String,
    /// With `--params all`: fit only the N factor groups that move the loss most in a
    /// one-at-a-time screen (0: fit every group).
    #[arg(long, default_value_t = calibrate::DEFAULT_SCREEN)]
    screen: usize,
    /// Series to fit (comma-separated, or `all`).
    #[arg(long, default_value = "all")]
    series: String,
    /// Seed of the search (simplex orientation) and of the DES confirmation.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Fluid evaluations allowed.
    #[arg(long, default_value_t = 3000)]
    max_evals: u64,
    /// DES replications to confirm the optimum (0: skip).
    #[arg(long, default_value_t = 4)]
    replications: u32,
    /// The calibrated scenario file to write.
    #[arg(long)]
    out: PathBuf,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Everything a fit needs, checked.
pub struct Setup {
    pub loaded: scenario::Loaded,
    pub window: Targets,
    pub loss: Loss,
}

/// Loads the targets and the series list; exits with status 2 on bad input.
pub fn targets_and_loss(path: &Path, series: &str) -> (Targets, Loss) {
    let targets = study::targets::load(path).unwrap_or_else(|e| exit_with(&e));
    let series =
        Series::parse_list(series).unwrap_or_else(|e| exit_with(&format!("error: --series: {e}")));
    (targets, Loss { series: series.into_iter().map(|s| (s, 1.0)).collect() })
}

/// Prints `e` and exits with status 2 (bad input).
pub fn exit_with(e: &dyn std::fmt::Display) -> ! {
    eprintln!("{e}");
    std::process::exit(2);
}

fn parse_date(s: &str, flag: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| {
        exit_with(&format!("error: {flag} {s:?} is not a date; write YYYY-MM-DD"))
    })
}

pub fn run(args: &CalibrateArgs) -> anyhow::Result<()> {
    let loaded = scenario::resolve(&args.scenario).unwrap_or_else(|e| exit_with(&e));
    let (targets, loss) = targets_and_loss(&args.targets, &args.series);
    let until = args.until.as_deref().map(|u| parse_date(u, "--until"));
    let window = calibrate::fit_window(&targets, &loaded.scenario, until);
    if window.values.is_empty() {
        bail!("no month of {} falls inside the run and before --until", targets.file);
    }
    let t0 = Instant::now();
    let (space, screen) =
        calibrate::fit_space(&loaded, &args.params, args.screen, &loaded.scenario, &loss, &window)
            .unwrap_or_else(|e| exit_with(&e));
    if let Some(s) = &screen {
        print_screen(s, &space, t0.elapsed().as_secs_f64());
    }
    if space.is_empty() {
        bail!("no factor to fit: the scenario has no assumption with a range that moves the loss");
    }
    let setup = Setup { loaded, window, loss };
    let opts = FitOptions { max_evals: args.max_evals, restarts: 3, seed: args.seed };
    let (fit, cancelled) = search(&setup, &space, opts, args.quiet);
    let mut fitted = setup.loaded.scenario.clone();
    space.apply(&mut fitted, &fit.best).map_err(anyhow::Error::msg)?;
    println!(
        "{} factor groups ({} numbers), {} fluid evaluations in {:.1} s; loss {:.5} -> {:.5}{}",
        space.len(),
        space.members().len(),
        fit.evals,
        t0.elapsed().as_secs_f64(),
        fit.start_loss,
        fit.loss,
        if cancelled { " (stopped by Ctrl-C: best point so far)" } else { "" }
    );
    let before = setup.loss.evaluate(&setup.loaded.scenario, &setup.window);
    let after = setup.loss.evaluate(&fitted, &setup.window);
    print_fit(&before.gap, &after.gap);
    let written = write_calibrated(args, &setup, &space, &fit)?;
    println!("wrote {}", written.display());
    if cancelled {
        return Ok(());
    }
    let id =
        calibrate::identify(&setup.loaded.scenario, &space, &setup.loss, &setup.window, &fit.best);
    print_identifiability(&id, &space, &fit.best);
    if args.replications > 0 {
        let c = calibrate::confirm(
            &fitted,
            &setup.window,
            &setup.loss.names(),
            args.replications,
            args.seed,
        )
        .context("DES confirmation")?;
        println!(
            "\nDES confirmation ({} replications, seed {}): MAPE per series, mean [95% CI]",
            c.replications, args.seed
        );
        for (s, e) in &c.mape {
            println!("  {:<18} {:6.1}%  [{:.1}, {:.1}]", s.name(), e.mean, e.ci95[0], e.ci95[1]);
        }
    }
    Ok(())
}

/// Runs the search with a progress bar; Ctrl-C sets the cancel flag.
fn search(
    setup: &Setup,
    space: &FactorSpace,
    opts: FitOptions,
    quiet: bool,
) -> (calibrate::Fit, bool) {
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = cancel.clone();
        if let Err(e) = ctrlc::set_handler(move || cancel.store(true, Ordering::SeqCst)) {
            eprintln!("warning: Ctrl-C will not stop the search cleanly: {e}");
        }
    }
    let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new(opts.max_evals) };
    bar.set_style(
        ProgressStyle::with_template(
            "calibrate [{bar:30}] {pos}/{len} evaluations, {elapsed}, {msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let on_eval = |n: u64, best: f64| {
        bar.set_position(n);
        if n.is_multiple_of(20) {
            bar.set_message(format!("best loss {best:.5}"));
        }
    };
    let hooks = Hooks { on_eval: Some(&on_eval), cancel: Some(&cancel) };
    let fit =
        calibrate::fit(&setup.loaded.scenario, space, &setup.loss, &setup.window, opts, hooks);
    bar.finish_and_clear();
    let cancelled = fit.cancelled;
    (fit, cancelled)
}

/// The fit per series (MAPE before and after) and per month (relative error after).
pub fn print_fit(before: &Gap, after: &Gap) {
    let (b, a) = (before.mape(), after.mape());
    println!("\nMAPE per series (fluid), before -> after:");
    for (s, x) in &a {
        println!("  {:<18} {:6.1}% -> {:6.1}%", s.name(), b.get(s).copied().unwrap_or(f64::NAN), x);
    }
    let series: Vec<Series> = a.keys().copied().collect();
    print!("\nrelative error after the fit\n  {:<8}", "month");
    for s in &series {
        print!(" {:>17}", s.name());
    }
    println!();
    let mut months: Vec<_> = after.rows.iter().map(|r| r.month).collect();
    months.sort();
    months.dedup();
    for m in months {
        print!("  {:<8}", m.to_string());
        for s in &series {
            match after.rows.iter().find(|r| r.month == m && r.series == *s) {
                Some(r) => print!(" {:>+16.1}%", 100.0 * r.err),
                None => print!(" {:>17}", "-"),
            }
        }
        println!();
    }
}

/// Prints the one-at-a-time screen, marking the groups kept in `space`.
pub fn print_screen(s: &calibrate::Screen, space: &FactorSpace, secs: f64) {
    let keep = space.names();
    println!(
        "screen: {} factor groups, each to both ends of its ranges ({} fluid runs, {secs:.1} s); start loss {:.5}",
        s.rows.len(),
        2 * s.rows.len(),
        s.start_loss
    );
    let mut rows: Vec<&calibrate::ScreenRow> = s.rows.iter().collect();
    rows.sort_by(|a, b| b.effect.total_cmp(&a.effect));
    let show = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{v:.4}"));
    for r in rows.iter().filter(|r| r.effect > 0.0) {
        let mark = if keep.contains(&r.name) { "fit " } else { "    " };
        println!(
            "  {mark}{:<48} loss at 0 {:>9}, at 1 {:>9}, effect {:.4}",
            r.name,
            show(r.low),
            show(r.high),
            r.effect
        );
    }
    let still = rows.iter().filter(|r| r.effect <= 0.0).count();
    println!(
        "  ({still} groups do not move the loss; fitting the {} marked `fit`; --screen 0 fits all)\n",
        keep.len()
    );
}

fn print_identifiability(id: &calibrate::Identifiability, space: &FactorSpace, best: &[f64]) {
    println!(
        "\nfitted factor groups (coordinate start -> fit; curvature of the loss along each alone):"
    );
    let start = space.start();
    let values = space.assignments(best);
    for (i, name) in space.names().iter().enumerate() {
        println!("  {:<48} {:.4} -> {:.4} ({:.2e})", name, start[i], best[i], id.curvature[i]);
        let members = space.group_members(i);
        for f in members.iter().take(6) {
            if let Some(a) = values.iter().find(|a| a.path == f.name) {
                println!(
                    "      {:<52} {:>12.6} (was {:>10}; [{}, {}])",
                    a.path, a.value, a.before, a.range[0], a.range[1]
                );
            }
        }
        if members.len() > 6 {
            println!("      … and {} more", members.len() - 6);
        }
    }
    println!("\nwhat the data do not pin down:");
    for (l, parts) in &id.flat {
        let p: Vec<String> = parts.iter().map(|(n, w)| format!("{w:+.2}·{n}")).collect();
        println!("  flat direction (eigenvalue {l:.2e}): {}", p.join(" "));
    }
    for (a, b, c) in &id.correlated {
        println!("  correlated {c:+.2}: {a} and {b}");
    }
    for (n, side) in &id.at_bound {
        println!("  at its {side} bound: {n}");
    }
    if id.flat.is_empty() && id.correlated.is_empty() && id.at_bound.is_empty() {
        println!("  nothing: every factor is pinned inside its range");
    }
}

/// Writes the calibrated scenario file atomically and checks that it loads and gives the
/// fitted loss.
fn write_calibrated(
    args: &CalibrateArgs,
    setup: &Setup,
    space: &FactorSpace,
    fit: &calibrate::Fit,
) -> anyhow::Result<PathBuf> {
    let extends = if scenario::builtin(&args.scenario).is_some() {
        args.scenario.clone()
    } else {
        std::fs::canonicalize(&args.scenario)?.display().to_string()
    };
    let months = setup.window.months();
    let (first, last) = (months.first().expect("a month"), months.last().expect("a month"));
    let series: Vec<&str> = setup.loss.series.iter().map(|(s, _)| s.name()).collect();
    let (date, window, last_month) = (today(), format!("{first}..{last}"), last.to_string());
    let name = format!("{}-calibrated", setup.loaded.scenario.name);
    let p = Provenance {
        extends: &extends,
        name: &name,
        series: &series.join(", "),
        window: &window,
        last_month: &last_month,
        targets: &setup.window.file,
        date: &date,
        loss: (fit.start_loss, fit.loss),
    };
    let mut fitted = setup.loaded.scenario.clone();
    space.apply(&mut fitted, &fit.best).map_err(anyhow::Error::msg)?;
    let text = calibrate::calibrated_toml(&p, &setup.loaded, &fitted, space.members());
    let dir = args.out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file = args.out.file_name().context("--out names a file")?.to_string_lossy().into_owned();
    let path = output::write_atomic(dir, &file, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    let reloaded = scenario::load(&path)
        .map_err(|e| anyhow::anyhow!("the calibrated file does not load:\n{e}"))?;
    let again = setup
        .loss
        .evaluate(&same_run(&reloaded.scenario, &setup.loaded.scenario), &setup.window)
        .loss;
    println!("reloaded {}: loss {again:.5}", path.display());
    if (again - fit.loss).abs() > 1e-9 * fit.loss.abs().max(1e-12) {
        bail!(
            "the calibrated file {} gives loss {again} on reload, not the fitted {}",
            path.display(),
            fit.loss
        );
    }
    Ok(path)
}

/// `sc` with the original's name and run settings (the file renames it).
fn same_run(sc: &Scenario, original: &Scenario) -> Scenario {
    let mut s = sc.clone();
    s.name.clone_from(&original.name);
    s
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i32).to_string()
}
