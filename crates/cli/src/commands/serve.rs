//! `caseload serve`: the JSON API and the live dashboard (crates/server) on one address.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    /// Runs kept for their results (in memory and in the data directory); the oldest
    /// finished ones are evicted, their files deleted.
    #[arg(long, default_value_t = DEFAULTS.max_runs_kept)]
    max_runs_kept: usize,
    /// Directory to keep runs in, one file per run, so that they survive a restart or a
    /// crash [default: $XDG_DATA_HOME/caseload/runs, else ~/.local/share/caseload/runs].
    #[arg(long, value_name = "DIR", conflicts_with = "ephemeral")]
    data_dir: Option<PathBuf>,
    /// Keep runs in memory only: nothing is written, and a restart forgets them.
    #[arg(long)]
    ephemeral: bool,
}

/// The per-user data directory of the server's runs: `$XDG_DATA_HOME/caseload/runs`, else
/// `~/.local/share/caseload/runs` (`%LOCALAPPDATA%\caseload\runs` on Windows). Resolved
/// by hand: two environment variables do not need a crate.
fn default_data_dir(var: impl Fn(&str) -> Option<String>) -> Result<PathBuf, String> {
    let set = |name: &str| var(name).filter(|v| Path::new(v).is_absolute()).map(PathBuf::from);
    let base = if cfg!(windows) {
        set("LOCALAPPDATA")
    } else {
        set("XDG_DATA_HOME").or_else(|| set("HOME").map(|h| h.join(".local").join("share")))
    };
    base.map(|b| b.join("caseload").join("runs")).ok_or_else(|| {
        let vars =
            if cfg!(windows) { "LOCALAPPDATA is" } else { "neither XDG_DATA_HOME nor HOME is" };
        format!(
            "no per-user data directory ({vars} set to an absolute path): pass --data-dir DIR, \
             or --ephemeral to keep runs in memory only"
        )
    })
}

/// The server's state: runs read back from the data directory, or in memory only.
fn state(args: &ServeArgs, limits: server::Limits) -> Result<server::AppState, String> {
    if args.ephemeral {
        println!("runs: in memory only (--ephemeral); a restart forgets them");
        return Ok(server::AppState::new(limits));
    }
    let dir = match &args.data_dir {
        Some(d) if d.as_os_str().is_empty() => {
            return Err("--data-dir is empty: give a directory, or --ephemeral to keep runs in \
                        memory only"
                .into());
        }
        Some(d) => d.clone(),
        None => default_data_dir(|name| std::env::var(name).ok())?,
    };
    let (state, r) = server::AppState::open(limits, &dir)?;
    let mut note = format!("{} read back", r.runs);
    if r.interrupted > 0 {
        note.push_str(&format!(
            ", {} of them interrupted by the last stop (now failed)",
            r.interrupted
        ));
    }
    if r.skipped > 0 {
        note.push_str(&format!("; {} file(s) skipped (see the warnings above)", r.skipped));
    }
    println!("runs: kept in {} ({note})", dir.display());
    Ok(state)
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
    let state = state(args, limits).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2);
    });
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
        server::serve(listener, state, shutdown)
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

    #[cfg(unix)]
    #[test]
    fn the_data_directory_follows_xdg_then_home() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let xdg = default_data_dir(env(&[("XDG_DATA_HOME", "/x/data"), ("HOME", "/home/u")]));
        assert_eq!(xdg.unwrap(), PathBuf::from("/x/data/caseload/runs"));
        let home = default_data_dir(env(&[("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")]));
        assert_eq!(home.unwrap(), PathBuf::from("/home/u/.local/share/caseload/runs"));
        let none = default_data_dir(env(&[])).unwrap_err();
        assert!(none.contains("pass --data-dir DIR"), "{none}");
    }
}
