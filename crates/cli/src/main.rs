//! `caseload` — the command-line front-end. Glue only: parse arguments, call the
//! libraries, print.

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
    /// offices.csv and scorecards.csv.
    Run(commands::run::RunArgs),
    /// Benchmarks: the engine on reference queueing models, the national model.
    Bench(commands::bench::BenchArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => commands::run::run(&args),
        Command::Bench(args) => commands::bench::run(&args),
    }
}
