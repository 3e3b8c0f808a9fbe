//! Expected arrests per office per day: officers, effort, reachable pools and targets.
//!
//! This is deliberately a pure function of the day's parameters and the current pool
//! sizes, so the discrete-event simulation (which draws Poisson counts around these
//! expectations) and the fluid approximation share exactly the same mechanism.

use crate::config::{Channels, EroWorkforce, Office};
use crate::date::Date;

/// What one office is expected to do on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OfficeDay {
    /// Expected arrests by channel (custodial, at-large, collateral, operations, partner,
    /// Border Patrol interior).
    pub by_channel: [f64; 6],
    /// Expected at-large arrests by category (convicted, pending, no record).
    pub at_large_by_category: [f64; 3],
    /// The office's target for the day (0 = none).
    pub target: f64,
    /// Overtime share used to chase the target.
    pub overtime: f64,
    /// ERO officer-days worked (including overtime).
    pub officer_days: f64,
}

impl OfficeDay {
    /// Expected interior arrests, all channels.
    pub fn total(&self) -> f64 {
        self.by_channel.iter().sum()
    }
}

/// What changes an office's output today besides its own officers: details and
/// deputations (already ramped), and the effect of a leadership rotation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reinforcements {
    /// Expected arrests per day by deputized partner officers.
    pub partner_arrests: f64,
    /// Expected arrests per day by Border Patrol agents detailed inland.
    pub bp_arrests: f64,
    /// Relative change in the productivity of the office's own officers on at-large and
    /// operations work after a leadership rotation (0 = none, 0.1 = 10% more arrests per
    /// officer-day; see [`crate::config::Rotation`]). Custodial work is supply-limited and
    /// unaffected.
    pub leadership_effect: f64,
}

/// Computes the office's expected arrests for `day` given its reachable pools.
pub fn office_day(
    office: &Office,
    ero: &EroWorkforce,
    ch: &Channels,
    day: Date,
    pools: &[f64; 3],
    target: f64,
    extra: Reinforcements,
) -> OfficeDay {
    let available = office.officers.at(day).max(0.0) * ero.availability;
    let at_large_share = ero.at_large_share.at(day);
    let ops_share = ero.operations_share.at(day);
    let custodial_share = (1.0 - at_large_share - ops_share).max(0.0);

    let custodial_supply =
        office.jail_supply_per_day.at(day).max(0.0) * office.detainer_honour_rate.at(day);
    let custodial_capacity = available * custodial_share / ero.custodial_effort.max(1e-9);
    let custodial = custodial_supply.min(custodial_capacity);
    let collateral_rate = ch.collateral_per_at_large.at(day);

    let productivity = (1.0 + extra.leadership_effect).max(0.0);
    let arrests_at = |overtime: f64| {
        let effort = available * at_large_share * (1.0 + overtime) * productivity;
        let tiers = at_large_tiers(effort, ch, office, pools);
        let at_large: f64 = tiers.iter().sum();
        let ops = available * ops_share * (1.0 + overtime) * productivity * ch.operations_yield;
        (tiers, at_large, ops)
    };

    let (mut tiers, mut at_large, mut ops) = arrests_at(0.0);
    let base = custodial
        + at_large * (1.0 + collateral_rate)
        + ops
        + extra.partner_arrests
        + extra.bp_arrests;
    let mut overtime = 0.0;
    if target > base && base > 0.0 {
        overtime = (ero.target_response * (target / base - 1.0)).min(ero.overtime_ceiling);
        (tiers, at_large, ops) = arrests_at(overtime);
    }
    OfficeDay {
        by_channel: [
            custodial,
            at_large,
            at_large * collateral_rate,
            ops,
            extra.partner_arrests,
            extra.bp_arrests,
        ],
        at_large_by_category: tiers,
        target,
        overtime,
        officer_days: available * (1.0 + overtime * (at_large_share + ops_share)),
    }
}

/// Allocates at-large effort down the tiers (convicted, then pending, then no record):
/// each tier yields in proportion to how much of its pool is left, and at most a fixed
/// share of the pool can be located per day; effort a tier cannot use spills to the next.
fn at_large_tiers(mut effort: f64, ch: &Channels, office: &Office, pools: &[f64; 3]) -> [f64; 3] {
    let mut out = [0.0; 3];
    for k in 0..3 {
        let initial = office.reachable[k].initial;
        if effort <= 0.0 || initial <= 0.0 {
            continue;
        }
        let pool = pools[k].max(0.0);
        let per_officer_day = ch.at_large_yield[k] * pool / initial;
        if per_officer_day <= 0.0 {
            continue;
        }
        let cap = pool * ch.max_daily_locate_share[k];
        let arrests = (effort * per_officer_day).min(cap);
        out[k] = arrests;
        effort -= arrests / per_officer_day;
    }
    out
}

/// Probability that Border Patrol apprehends a crossing, given agents on the line.
pub fn apprehension_probability(ch: &Channels, agents: f64, crossings: f64) -> f64 {
    if crossings <= 0.0 {
        return ch.apprehension_max;
    }
    let x = agents.max(0.0) / crossings;
    ch.apprehension_max * x / (x + ch.agents_per_crossing_half.max(1e-12))
}

/// Linear ramp from 0 on the first day to 1 after `ramp_days`.
pub fn ramp(days_since_start: f64, ramp_days: f64) -> f64 {
    if ramp_days <= 0.0 { 1.0 } else { (days_since_start / ramp_days).clamp(0.0, 1.0) }
}
