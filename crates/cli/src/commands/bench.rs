//! `caseload bench`: engine throughput on reference models, reported like the peer
//! scripts in `shared/peers` so the figures compare directly.

use std::time::Instant;

use clap::{Args, Subcommand};
use des::testbed::{self, NodeSpec, Tandem, TandemSpec};
use des::{Dist, Streams};
use serde::Serialize;

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    model: BenchModel,
}

#[derive(Subcommand)]
enum BenchModel {
    /// M/M/c with lambda 9, mu 1, c 10 (the peers' model); events = 2 per customer.
    Mmc {
        /// Customers to simulate.
        #[arg(long, default_value_t = 1_000_000)]
        customers: u64,
        /// Master seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print one JSON object (events, wall_s, events_per_s, wq, wq_analytic).
        #[arg(long)]
        json: bool,
    },
    /// One replication of a scenario on one thread: wall time, events/s, peak memory.
    Model {
        /// Built-in name or path.
        #[arg(default_value = "baseline-fy2025")]
        scenario: String,
        /// Replications, run one after another on one thread.
        #[arg(long, default_value_t = 1)]
        replications: u32,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct ModelReport {
    scenario: String,
    days: u32,
    replications: u32,
    events: u64,
    wall_s: f64,
    events_per_s: f64,
    wall_s_per_replication_year: f64,
    peak_cases: usize,
    peak_rss_mb: Option<f64>,
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[derive(Serialize)]
struct MmcReport {
    model: &'static str,
    customers: u64,
    events: u64,
    wall_s: f64,
    events_per_s: f64,
    wq: f64,
    wq_analytic: f64,
    utilisation: f64,
    utilisation_analytic: f64,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    match &args.model {
        BenchModel::Model { scenario, replications, json } => {
            let loaded = scenario::resolve(scenario).map_err(|e| anyhow::anyhow!("{e}"))?;
            let sc = &loaded.scenario;
            let opts =
                model::RunOptions { replications: Some(*replications), seed: None, threads: 1 };
            let t0 = Instant::now();
            let r = model::run(sc, opts)?;
            let wall_s = t0.elapsed().as_secs_f64();
            let years = *replications as f64 * sc.days as f64 / 365.0;
            let report = ModelReport {
                scenario: sc.name.clone(),
                days: sc.days,
                replications: *replications,
                events: r.events,
                wall_s,
                events_per_s: r.events as f64 / wall_s,
                wall_s_per_replication_year: wall_s / years,
                peak_cases: r.peak_cases,
                peak_rss_mb: peak_rss_mb(),
            };
            if *json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!(
                    "{} ({} days + {} warm-up, {} replication(s), 1 thread)",
                    sc.name, sc.days, sc.warmup_days, replications
                );
                println!("  events                  {}", report.events);
                println!("  wall time               {:.3} s", report.wall_s);
                println!("  per replication-year    {:.3} s", report.wall_s_per_replication_year);
                println!("  events per second       {:.0}", report.events_per_s);
                println!("  peak cases in memory    {}", report.peak_cases);
                if let Some(mb) = report.peak_rss_mb {
                    println!("  peak resident memory    {mb:.1} MB");
                }
            }
            Ok(())
        }
        &BenchModel::Mmc { customers, seed, json } => {
            let (lambda, mu, c) = (9.0, 1.0, 10);
            let spec = TandemSpec {
                arrival_rate: lambda,
                nodes: vec![NodeSpec {
                    servers: c,
                    service: Dist::exponential(1.0 / mu)?,
                    waiting_room: None,
                    overflow: des::Overflow::Wait,
                }],
                customers,
                warmup_fraction: 0.1,
            };
            let t0 = Instant::now();
            let r = Tandem::run(spec, &Streams::new(seed, 0));
            let wall_s = t0.elapsed().as_secs_f64();
            let exact = testbed::mmc(lambda, mu, c);
            let report = MmcReport {
                model: "mmc",
                customers,
                events: r.events,
                wall_s,
                events_per_s: r.events as f64 / wall_s,
                wq: r.nodes[0].mean_wait,
                wq_analytic: exact.wq,
                utilisation: r.nodes[0].utilisation,
                utilisation_analytic: exact.utilisation,
            };
            if json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!("M/M/c (lambda {lambda}, mu {mu}, c {c}), {customers} customers");
                println!("  events            {}", report.events);
                println!("  wall time         {:.3} s", report.wall_s);
                println!("  events per second {:.0}", report.events_per_s);
                println!("  Wq simulated      {:.4}", report.wq);
                println!("  Wq analytic       {:.4}", report.wq_analytic);
            }
            Ok(())
        }
    }
}
