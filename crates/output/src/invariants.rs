//! Invariant checks of all replications folded into one verdict, for summary.json and the
//! terminal status line: a check passes only if it passed in every replication.

use model::{Invariants, LittleCheck};
use serde::Serialize;

/// At most this many violation messages are kept (across replications).
const MAX_VIOLATIONS: usize = 10;

/// The fold of every replication's [`Invariants`].
#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvariantSummary {
    pub all_ok: bool,
    pub replications: usize,
    pub failed_replications: usize,
    pub days_checked: u32,
    pub cases_in_one_state: bool,
    pub flows_balance: bool,
    pub no_negative_stock: bool,
    pub little: Vec<LittleSummary>,
    pub violations: Vec<String>,
}

/// Little's law for one facility group: the first replication's check in full, plus the
/// worst gap over replications.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LittleSummary {
    #[serde(flatten)]
    pub first: LittleCheck,
    pub worst_relative_gap: f64,
    pub failed_replications: usize,
}

impl InvariantSummary {
    pub fn of(reps: &[Invariants]) -> InvariantSummary {
        let all = |f: fn(&Invariants) -> bool| reps.iter().all(f);
        let little = reps
            .first()
            .map(|first| {
                first
                    .little
                    .iter()
                    .map(|l| {
                        let same: Vec<&LittleCheck> = reps
                            .iter()
                            .filter_map(|r| r.little.iter().find(|x| x.group == l.group))
                            .collect();
                        LittleSummary {
                            first: l.clone(),
                            worst_relative_gap: same
                                .iter()
                                .map(|x| x.relative_gap)
                                .fold(0.0, f64::max),
                            failed_replications: same.iter().filter(|x| !x.ok).count(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let violations = reps
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.violations.iter().map(move |v| format!("replication {i}: {v}")))
            .take(MAX_VIOLATIONS)
            .collect();
        InvariantSummary {
            all_ok: all(Invariants::all_ok),
            replications: reps.len(),
            failed_replications: reps.iter().filter(|r| !r.all_ok()).count(),
            days_checked: reps.iter().map(|r| r.days_checked).min().unwrap_or(0),
            cases_in_one_state: all(|r| r.cases_in_one_state),
            flows_balance: all(|r| r.flows_balance),
            no_negative_stock: all(|r| r.no_negative_stock),
            little,
            violations,
        }
    }

    /// Names of the failed checks with the number of replications each failed in.
    pub fn failures(&self, reps: &[Invariants]) -> Vec<(String, usize)> {
        let count = |f: fn(&Invariants) -> bool| reps.iter().filter(|r| !f(r)).count();
        let mut out = vec![
            ("cases_in_one_state".to_string(), count(|r| r.cases_in_one_state)),
            ("flows_balance".to_string(), count(|r| r.flows_balance)),
            ("no_negative_stock".to_string(), count(|r| r.no_negative_stock)),
        ];
        for l in &self.little {
            out.push((format!("little[{}]", l.first.group), l.failed_replications));
        }
        out.retain(|(_, n)| *n > 0);
        out
    }
}
