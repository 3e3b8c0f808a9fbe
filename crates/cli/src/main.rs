//! `caseload` — the command-line front-end. Glue only: parse arguments, call the
//! libraries, print.

#![warn(clippy::too_many_lines)]

mod commands;

use clap::{Parser, Subcommand};

/// A capacity model of the US immigration enforcement pipeline.
#[derive(Parser)]
#[command(name = "caseload", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate a scenario: print a summary and write summary.json, daily.csv,
    /// offices.csv, scorecards.csv and report-data.json (and report.html with --report).
    Run(commands::run::RunArgs),
    /// Benchmarks: the engine on reference queueing models, the national model.
    Bench(commands::bench::BenchArgs),
    /// Run a sweep file's variants of a base scenario in parallel into daily.parquet and
    /// summary.parquet; `sweep merge` joins the parts of a sharded sweep.
    Sweep(commands::sweep::SweepArgs),
    /// Run two scenarios with the same random numbers and print B − A of every measure
    /// with its 95% interval.
    Compare(commands::compare::CompareArgs),
    /// Check scenario or sweep files without running them: `ok`, or every problem found.
    Validate(commands::validate::ValidateArgs),
    /// Print the JSON Schema of scenario files (draft 2020-12), for editors.
    Schema(commands::schema::SchemaArgs),
    /// Write the HTML report of a run (or of a baseline and a what-if side by side) from
    /// its output directory.
    Report(commands::report::ReportArgs),
    /// Fit the scenario's assumption factors to ICE's monthly series (fluid search, DES
    /// check) and write a calibrated scenario that extends it.
    Calibrate(commands::calibrate::CalibrateArgs),
    /// Forecast from origins with only what was known then, beside the published months
    /// and naive forecasts; writes backtest.csv and backtest.parquet.
    Backtest(commands::backtest::BacktestArgs),
    /// Which assumption drives each measure: Sobol indices or Morris screening over the
    /// scenario's assumption ranges (`--check ishigami` tests the estimators).
    Sensitivity(commands::sensitivity::SensitivityArgs),
    /// What a budget buys best: the split over contract beds, new officers and removal
    /// flights that optimises one measure (fluid search, DES check); writes frontier.csv.
    Allocate(commands::allocate::AllocateArgs),
    /// Serve the JSON API and the live dashboard (http://127.0.0.1:8080/ by default).
    Serve(commands::serve::ServeArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        quiet_broken_pipe();
    }
    match cli.command {
        Command::Run(args) => commands::run::run(&args),
        Command::Bench(args) => commands::bench::run(&args),
        Command::Sweep(args) => commands::sweep::run(&args),
        Command::Compare(args) => commands::compare::run(&args),
        Command::Validate(args) => commands::validate::run(&args),
        Command::Schema(args) => commands::schema::run(&args),
        Command::Report(args) => commands::report::run(&args),
        Command::Sensitivity(args) => commands::sensitivity::run(&args),
        Command::Allocate(args) => commands::allocate::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Calibrate(args) => commands::calibrate::run(&args),
        Command::Backtest(args) => commands::backtest::run(&args),
    }
}

/// Lets a closed stdout end the process quietly, as for other Unix tools, instead of a
/// "failed printing to stdout" panic when a reader such as `head` stops early. Rust
/// ignores SIGPIPE by default; the server keeps that (a client hanging up must not stop
/// it), every other command restores the default action.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
