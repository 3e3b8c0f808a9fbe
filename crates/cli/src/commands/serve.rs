//! `caseload serve`: the JSON API and the live dashboard (crates/server) on one address.

use std::net::SocketAddr;

use anyhow::Context;
use clap::Args;

const DEFAULTS: server::Limits = server::Limits {
    max_body_bytes: 1 << 20,
    max_replication_days: 40_000,
    max_concurrent_runs: 2,
    max_queued_runs: 16,
    max_runs_kept: 50,
};

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default: the API has no authentication, so
    /// another address exposes it to whoever can reach it.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body, bytes.
    #[arg(long, default_value_t = DEFAULTS.max_body_bytes)]
    max_body_bytes: usize,
    /// Largest run: replications × (days + warm-up days). One replication-day of the
    /// national model costs ~2 ms of one core.
    #[arg(long, default_value_t = DEFAULTS.max_replication_days)]
    max_replication_days: u64,
    /// Runs simulating at the same time (each uses every core).
    #[arg(long, default_value_t = DEFAULTS.max_concurrent_runs)]
    max_concurrent_runs: usize,
    /// Runs waiting for a turn; more are refused with 429.
    #[arg(long, default_value_t = DEFAULTS.max_queued_runs)]
    max_queued_runs: usize,
    /// Runs kept in memory for their results; the oldest finished ones are evicted.
    #[arg(long, default_value_t = DEFAULTS.max_runs_kept)]
    max_runs_kept: usize,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let limits = server::Limits {
        max_body_bytes: args.max_body_bytes,
        max_replication_days: args.max_replication_days,
        max_concurrent_runs: args.max_concurrent_runs,
        max_queued_runs: args.max_queued_runs,
        max_runs_kept: args.max_runs_kept,
    };
    if let Err(e) = limits.check() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async {
        let (listener, bound) =
            server::bind(args.addr).await.with_context(|| format!("listening on {}", args.addr))?;
        if !bound.ip().is_loopback() {
            eprintln!(
                "warning: listening on {bound}, not loopback: anyone who can reach it can run \
                 simulations (there is no authentication)"
            );
        }
        println!("caseload serve: dashboard at http://{bound}/  (API: http://{bound}/api/openapi.json)");
        println!(
            "limits: {} concurrent runs, {} queued, {} kept, {} replication-days per run, {} bytes per body; Ctrl-C stops it",
            limits.max_concurrent_runs,
            limits.max_queued_runs,
            limits.max_runs_kept,
            limits.max_replication_days,
            limits.max_body_bytes
        );
        let shutdown = async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                let mut term = signal(SignalKind::terminate()).expect("a SIGTERM handler");
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
            println!("caseload serve: stopping");
        };
        server::serve(listener, server::AppState::new(limits), shutdown)
            .await
            .context("serving")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_defaults_are_the_library_defaults() {
        assert_eq!(DEFAULTS, server::Limits::default());
    }
}
