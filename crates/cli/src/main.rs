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
    /// Benchmarks of the simulation engine on reference queueing models.
    Bench(commands::bench::BenchArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Bench(args) => commands::bench::run(&args),
    }
}
