//! What one server will take on: every limit configurable (`caseload serve --help`), and
//! every refusal a 4xx that names the limit, the value asked for and the flag that raises it.

use serde::Serialize;

/// The server's limits. [`Limits::default`] suits a laptop or a 2-core CI machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// Largest request body, bytes (a scenario file is ~125 KB with its sources).
    pub max_body_bytes: usize,
    /// Largest run, in replication-days: replications × (days + warm-up days). A
    /// replication-day of the national model costs ~2 ms of one core.
    pub max_replication_days: u64,
    /// Runs simulating at the same time (each uses every core).
    pub max_concurrent_runs: usize,
    /// Runs waiting for a turn; a run beyond this is refused with 429.
    pub max_queued_runs: usize,
    /// Runs kept (finished, failed or cancelled), in memory and in the data directory; the
    /// oldest are evicted first (their files deleted), and the response that evicts them
    /// says which.
    pub max_runs_kept: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: 1 << 20,
            max_replication_days: 40_000,
            max_concurrent_runs: 2,
            max_queued_runs: 16,
            max_runs_kept: 50,
        }
    }
}

impl Limits {
    /// Checks that the limits can work together: every active run must fit among the
    /// runs kept (active runs are never evicted).
    pub fn check(&self) -> Result<(), String> {
        let zero = [
            ("--max-body-bytes", self.max_body_bytes as u64),
            ("--max-replication-days", self.max_replication_days),
            ("--max-concurrent-runs", self.max_concurrent_runs as u64),
            ("--max-runs-kept", self.max_runs_kept as u64),
        ];
        if let Some((flag, _)) = zero.iter().find(|(_, v)| *v == 0) {
            return Err(format!("{flag} must be at least 1"));
        }
        let active = self.max_concurrent_runs + self.max_queued_runs;
        if self.max_runs_kept < active {
            return Err(format!(
                "--max-runs-kept ({}) must be at least --max-concurrent-runs + --max-queued-runs \
                 ({active}): runs still going are never evicted",
                self.max_runs_kept
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_consistent_and_bad_combinations_are_refused() {
        Limits::default().check().unwrap();
        let l = Limits { max_runs_kept: 3, ..Limits::default() };
        assert!(l.check().unwrap_err().starts_with("--max-runs-kept (3) must be at least"));
        let l = Limits { max_concurrent_runs: 0, ..Limits::default() };
        assert_eq!(l.check().unwrap_err(), "--max-concurrent-runs must be at least 1");
    }
}
