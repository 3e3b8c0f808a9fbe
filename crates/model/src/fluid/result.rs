//! From the fluid trajectory to the same result types the DES produces: one
//! pseudo-replication (so every interval is `[mean, mean]`) with invariants computed the
//! same way; [`crate::run::summarise`] then turns it into measures and scorecards.

use super::state::Checks;
use crate::config::Scenario;
use crate::ids::FacilityKind;
use crate::metrics::{Daily, Durations};
use crate::replication::{Invariants, LITTLE_TOLERANCE, LittleCheck, Replication};

/// Largest relative gap allowed in the fluid's Little's-law identity (population-time
/// against Σ ages): the bookkeeping is exact, so this is rounding.
pub const FLUID_LITTLE_TOLERANCE: f64 = LITTLE_TOLERANCE;

/// The invariant report of a fluid run.
pub(crate) fn invariants(sc: &Scenario, c: &Checks) -> Invariants {
    let days = sc.days.max(1) as f64;
    // Σ ages at the end − at the start + ages of those who left = person-days.
    let ages = c.ages_end - c.ages_start + c.exit_ages;
    let gap = if c.area > 0.0 { (c.area - ages).abs() / c.area } else { 0.0 };
    let check = |group: &str, area: f64, adm: f64, carried: f64, exits: f64, exit_ages: f64| {
        let l = area / days;
        let lambda = adm / days;
        let w = if adm > 0.0 { (area - carried) / adm } else { 0.0 };
        let alos = if exits > 0.0 { exit_ages / exits } else { 0.0 };
        LittleCheck::new(group, [l, lambda, w, carried / days], gap, alos)
    };
    let share = |k: usize| if c.area > 0.0 { c.kind_area[k] / c.area } else { 0.0 };
    let mut little: Vec<LittleCheck> = FacilityKind::ALL
        .iter()
        .filter(|k| c.kind_area[**k as usize] > 0.0 || c.kind_admissions[**k as usize] > 0.0)
        .map(|k| {
            let i = *k as usize;
            check(
                k.name(),
                c.kind_area[i],
                c.kind_admissions[i],
                c.carried_area * share(i),
                c.kind_exits[i],
                c.kind_exit_ages[i],
            )
        })
        .collect();
    little.push(check("all", c.area, c.admissions, c.carried_area, c.exits, c.exit_ages));
    Invariants {
        cases_in_one_state: c.one_state_ok,
        flows_balance: c.balance_ok,
        no_negative_stock: c.non_negative_ok,
        little,
        days_checked: c.days_checked,
        violations: c.violations.clone(),
    }
}

/// One replication's worth of fluid output.
pub(crate) fn replication(
    daily: Daily,
    durations: Durations,
    invariants: Invariants,
    days: u64,
) -> Replication {
    Replication { daily, durations, invariants, events: days, peak_cases: 0 }
}
