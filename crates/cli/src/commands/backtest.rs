//! `caseload backtest SCENARIO --origin DATE[,DATE…] --horizon MONTHS [--refit]`: forecast
//! from each origin with only what was known then (see `study::backtest`), set beside the
//! published months and naive persistence and seasonal naive; print the table and write
//! backtest.csv and backtest.parquet atomically.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use model::Date;
use study::backtest::{self, BacktestRow};
use study::calibrate::{self, FitOptions, Hooks, Space};
use study::targets::Series;

use super::calibrate::{exit_with, targets_and_loss};

#[derive(Args)]
pub struct BacktestArgs {
    /// A built-in scenario name (e.g. baseline-fy2025) or a path to a scenario file.
    scenario: String,
    /// Forecast origins, first days of months: `2025-06-01` or `2025-01-01,2025-04-01`.
    #[arg(long, required = true)]
    origin: String,
    /// Months forecast from each origin (the origin's month is 1 ahead).
    #[arg(long, default_value_t = 3)]
    horizon: u32,
    /// Calibrate on the months before each origin first.
    #[arg(long)]
    refit: bool,
    /// Monthly targets (the columns of data/monthly.csv).
    #[arg(long, default_value = "data/monthly.csv")]
    targets: PathBuf,
    /// Factors refitted with --refit (comma-separated group names, paths or steps, or
    /// `all`, screened as `caseload calibrate` does).
    #[arg(long, default_value = "all")]
    params: String,
    /// With --refit and `--params all`: refit only the N factor groups that move the loss
    /// most in a one-at-a-time screen on the months before the origin (0: every group).
    #[arg(long, default_value_t = calibrate::DEFAULT_SCREEN)]
    screen: usize,
    /// Series (comma-separated, or `all`).
    #[arg(long, default_value = "all")]
    series: String,
    /// Fluid evaluations per refit.
    #[arg(long, default_value_t = 1500)]
    max_evals: u64,
    /// Seed of the refit search.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (default: `out/backtest-<scenario name>`).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: &BacktestArgs) -> anyhow::Result<()> {
    let (targets, loss) = targets_and_loss(&args.targets, &args.series);
    let origins: Vec<Date> = args
        .origin
        .split(',')
        .map(|o| {
            Date::parse(o.trim()).unwrap_or_else(|| {
                exit_with(&format!("error: --origin {o:?} is not a date; write YYYY-MM-DD"))
            })
        })
        .collect();
    for o in &origins {
        backtest::check_origin(*o, &targets).unwrap_or_else(|e| exit_with(&e));
    }
    if args.horizon == 0 {
        exit_with(&"error: --horizon is at least 1 month");
    }
    let series = loss.names();
    let t0 = Instant::now();
    let mut rows: Vec<BacktestRow> = Vec::new();
    let mut name = String::new();
    for &origin in &origins {
        let loaded =
            backtest::known_before(&args.scenario, origin).unwrap_or_else(|e| exit_with(&e));
        name.clone_from(&loaded.scenario.name);
        let mut sc = loaded.scenario.clone();
        if args.refit {
            let window = calibrate::fit_window(&targets, &sc, Some(origin));
            let (space, screen) =
                calibrate::fit_space(&loaded, &args.params, args.screen, &sc, &loss, &window)
                    .unwrap_or_else(|e| exit_with(&e));
            if let Some(s) = &screen {
                eprintln!(
                    "origin {origin}: screen kept {} of {} factor groups: {}",
                    space.len(),
                    s.rows.len(),
                    space.names().join(", ")
                );
            }
            let opts = FitOptions { max_evals: args.max_evals, restarts: 2, seed: args.seed };
            let fit = calibrate::fit(&sc, &space, &loss, &window, opts, Hooks::default());
            eprintln!(
                "origin {origin}: refit {} factors on {} months, loss {:.4} -> {:.4} ({} evaluations)",
                space.len(),
                window.months().len(),
                fit.start_loss,
                fit.loss,
                fit.evals
            );
            space.apply(&mut sc, &fit.best).map_err(anyhow::Error::msg)?;
        }
        let months =
            backtest::forecast(&sc, origin, args.horizon).unwrap_or_else(|e| exit_with(&e));
        rows.extend(backtest::rows(origin, args.horizon, &months, &targets, &series));
    }
    print_rows(&rows);
    print_summary(&rows, &series, &origins);
    let dir =
        args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(format!("backtest-{name}")));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let csv = output::write_atomic(&dir, "backtest.csv", |w| write_csv(&rows, w))?;
    let batch = backtest::record_batch(&rows)?;
    let mut buf = Vec::new();
    let mut writer = parquet::arrow::ArrowWriter::try_new(&mut buf, batch.schema(), None)?;
    writer.write(&batch)?;
    writer.close()?;
    let pq = output::write_atomic(&dir, "backtest.parquet", |w| w.write_all(&buf))?;
    println!(
        "\n{} origins in {:.1} s; wrote {} and {}",
        origins.len(),
        t0.elapsed().as_secs_f64(),
        csv.display(),
        pq.display()
    );
    Ok(())
}

fn print_rows(rows: &[BacktestRow]) {
    println!(
        "{:<10} {:<18} {:<7} {:>5} {:>11} {:>11} {:>7} {:>8} {:>8}",
        "origin",
        "series",
        "month",
        "ahead",
        "forecast",
        "published",
        "error",
        "persist",
        "seasonal"
    );
    for r in rows {
        let seasonal = r.seasonal_err().map_or("-".to_owned(), |e| format!("{:+.1}%", 100.0 * e));
        println!(
            "{:<10} {:<18} {:<7} {:>5} {:>11.1} {:>11.1} {:>+6.1}% {:>+7.1}% {:>8}",
            r.origin.to_string(),
            r.series.name(),
            r.month.to_string(),
            r.ahead,
            r.forecast,
            r.published,
            100.0 * r.err(),
            100.0 * r.persistence_err(),
            seasonal
        );
    }
}

fn print_summary(rows: &[BacktestRow], series: &[Series], origins: &[Date]) {
    println!("\nmean absolute % error per origin and series: model | persistence | seasonal naive");
    for o in origins {
        let mine: Vec<BacktestRow> = rows.iter().filter(|r| r.origin == *o).copied().collect();
        for (s, m, p, sn) in backtest::summary(&mine, series) {
            let sn = sn.map_or("-".to_owned(), |x| format!("{x:.1}"));
            let verdict = if m < p { "beats persistence" } else { "does not beat persistence" };
            println!("  {o} {:<18} {m:6.1} | {p:6.1} | {sn:>6}   {verdict}", s.name());
        }
    }
}

fn write_csv(rows: &[BacktestRow], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        w,
        "origin,series,month,ahead,forecast,published,error,persistence,persistence_error,seasonal,seasonal_error"
    )?;
    for r in rows {
        let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},{}",
            r.origin,
            r.series.name(),
            r.month,
            r.ahead,
            r.forecast,
            r.published,
            r.err(),
            r.persistence,
            r.persistence_err(),
            opt(r.seasonal),
            opt(r.seasonal_err())
        )?;
    }
    Ok(())
}
