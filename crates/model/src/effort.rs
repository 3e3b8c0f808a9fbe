//! Expected arrests per office per day: officers, effort, reachable pools and targets.
//!
//! This is deliberately a pure function of the day's parameters and the current pool
//! sizes, so the discrete-event simulation (which draws Poisson counts around these
//! expectations) and the fluid approximation share exactly the same mechanism.

use crate::config::{
    Channels, DeployFrom, EroWorkforce, InterventionKind, Office, Rotation, Scenario, Schedule,
};
use crate::date::Date;
use crate::ids::{Channel, OfficeId};

/// What one office is expected to do on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OfficeDay {
    /// Expected arrests by channel, indexed by [`Channel::index`] (border apprehensions
    /// are 0: sectors bring them).
    pub by_channel: [f64; Channel::COUNT],
    /// Expected at-large arrests by category (convicted, pending, no record).
    pub at_large_by_category: [f64; 3],
    /// The office's target for the day (0 = none).
    pub target: f64,
    /// Overtime share used to chase the target.
    pub overtime: f64,
    /// ERO officer-days worked on enforcement (including overtime).
    pub officer_days: f64,
    /// Of which overtime.
    pub overtime_days: f64,
    /// Yield of the community pool today: people left in it over its initial size (1 when
    /// the office has no community pool). Collateral, operations, partner and Border
    /// Patrol detail arrests are their full-pool rates times this.
    pub community_yield: f64,
    /// Officer-days this office's officers spent travelling to or from a detail: paid,
    /// not worked ([`Reinforcements::detail_travel`]).
    pub detail_travel_days: f64,
}

impl OfficeDay {
    /// Expected interior arrests, all channels.
    pub fn total(&self) -> f64 {
        self.by_channel.iter().sum()
    }

    /// Expected arrests drawn from the community pool today: the channels whose registry
    /// entry says they share it ([`crate::ids::ChannelInfo::community_pool`]).
    pub fn community_drawn(&self) -> f64 {
        Channel::ALL
            .iter()
            .filter(|c| c.info().community_pool)
            .map(|c| self.by_channel[c.index()])
            .sum()
    }
}

/// An office's reachable pools on a day: the targeted at-large tiers (by category) and
/// the community pool every channel that does not target a known person shares.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pools {
    /// People left in each at-large tier, indexed by [`crate::ids::Category::index`].
    pub at_large: [f64; 3],
    /// People left in the community pool.
    pub community: f64,
}

impl Pools {
    /// The pools at the start of the warm-up.
    pub fn initial(office: &Office) -> Pools {
        Pools {
            at_large: [0, 1, 2].map(|k| office.reachable[k].initial),
            community: office.community_pool,
        }
    }

    /// A day's new entries: each pool's `inflow_per_day`, and `refill` people newly at
    /// large ([`crate::nondetained::Live::refill`]) split among the at-large tiers by
    /// [`entry_mix`].
    pub fn replenish(&mut self, office: &Office, refill: f64) {
        let mix = entry_mix(office);
        for (k, p) in self.at_large.iter_mut().enumerate() {
            *p += office.reachable[k].inflow_per_day + refill * mix[k];
        }
        self.community += office.community_inflow_per_day;
    }

    /// Takes `n` arrests of `channel` (category `category`) out of the pool they came
    /// from: the tier for at-large arrests, the community pool for the channels that
    /// share it, none for custodial arrests. Never below 0.
    pub fn take(&mut self, channel: Channel, category: usize, n: f64) {
        let p = if channel == Channel::AtLarge {
            &mut self.at_large[category]
        } else if channel.info().community_pool {
            &mut self.community
        } else {
            return;
        };
        *p = (*p - n).max(0.0);
    }

    /// The end of a day in expectation (the fluid's step): new entries in (`refill` as in
    /// [`Pools::replenish`]), the day's expected arrests out, each pool never below 0. The
    /// DES makes the same moves with [`Pools::replenish`] at the day's draw and
    /// [`Pools::take`] per arrest.
    pub fn close_day(&mut self, office: &Office, od: &OfficeDay, refill: f64) {
        let mix = entry_mix(office);
        for (k, p) in self.at_large.iter_mut().enumerate() {
            let entries = office.reachable[k].inflow_per_day + refill * mix[k];
            *p = (*p + entries - od.at_large_by_category[k]).max(0.0);
        }
        self.community =
            (self.community + office.community_inflow_per_day - od.community_drawn()).max(0.0);
    }

    /// True when no pool is negative.
    pub fn non_negative(&self) -> bool {
        self.community >= 0.0 && self.at_large.iter().all(|x| *x >= 0.0)
    }
}

/// How people newly at large split among an office's at-large tiers: as its constant
/// entries do (each tier's `inflow_per_day`, the baselines' FY2024 at-large arrests by
/// tier), else as its initial pools, else nowhere (an office without tiers). Keeping the
/// constant entries' mix is what lets the baselines lower them by the refill's FY2024
/// mean tier by tier and stay at their FY2024 steady state.
pub fn entry_mix(office: &Office) -> [f64; 3] {
    let by = |f: fn(&crate::config::ReachablePool) -> f64| {
        let total: f64 = office.reachable.iter().map(f).sum();
        (total > 0.0).then(|| [0, 1, 2].map(|k| f(&office.reachable[k]) / total))
    };
    by(|r| r.inflow_per_day).or_else(|| by(|r| r.initial)).unwrap_or([0.0; 3])
}

/// What changes an office's output today besides its own officers: details and
/// deputations (already ramped), and the effect of a leadership rotation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reinforcements {
    /// Expected arrests per day by deputized partner officers.
    pub partner_arrests: f64,
    /// Expected arrests per day by Border Patrol agents detailed inland.
    pub bp_arrests: f64,
    /// Expected check-in arrests per day from the office's non-detained population
    /// ([`crate::nondetained::Live::checkin_mean`]): made at the reporting office, not
    /// by effort on the street, so neither pools nor officers bound them.
    pub checkin_arrests: f64,
    /// Relative change in the productivity of the office's own officers on at-large and
    /// operations work after a leadership rotation (0 = none, 0.1 = 10% more arrests per
    /// officer-day; see [`crate::config::Rotation`]). Custodial work is supply-limited and
    /// unaffected.
    pub leadership_effect: f64,
    /// Officer-days the office's own officers cannot spend on enforcement today (escorts,
    /// learning, officers lost to overtime: [`crate::workforce::Away::total`]).
    pub officers_away: f64,
    /// ERO officers of other offices detailed here and working today (headcount; their
    /// travel days excluded): they work as this office's own officers do.
    pub detailed_in: f64,
    /// This office's ERO officers away on a detail today, travelling or working elsewhere
    /// (headcount).
    pub detailed_out: f64,
    /// Officer-days this office's detailed officers spend travelling today (headcount ×
    /// share of the day × availability): worked in neither office.
    pub detail_travel: f64,
}

/// What an office's day depends on besides its pools and reinforcements: the schedules in
/// force on the day, read once. The fluid keeps them until one of them steps.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OfficeInputs {
    available: f64,
    at_large_share: f64,
    ops_share: f64,
    custodial_supply: f64,
    collateral_rate: f64,
    target: f64,
}

impl OfficeInputs {
    /// Reads the office's schedules with `at` (a schedule's value on the day), for a day
    /// with target `target`.
    pub fn read(
        office: &Office,
        ero: &EroWorkforce,
        ch: &Channels,
        target: f64,
        mut at: impl FnMut(&Schedule) -> f64,
    ) -> OfficeInputs {
        OfficeInputs {
            available: at(&office.officers).max(0.0) * ero.availability,
            at_large_share: at(&ero.at_large_share),
            ops_share: at(&ero.operations_share),
            custodial_supply: at(&office.jail_supply_per_day).max(0.0)
                * at(&office.detainer_honour_rate),
            collateral_rate: at(&ch.collateral_per_at_large),
            target,
        }
    }
}

/// Computes the office's expected arrests for `day` given its reachable pools.
pub fn office_day(
    office: &Office,
    ero: &EroWorkforce,
    ch: &Channels,
    day: Date,
    pools: &Pools,
    target: f64,
    extra: Reinforcements,
) -> OfficeDay {
    let inputs = OfficeInputs::read(office, ero, ch, target, |s| s.at(day));
    office_day_with(&inputs, office, ero, ch, pools, extra)
}

/// [`office_day`] from inputs already read.
pub fn office_day_with(
    inputs: &OfficeInputs,
    office: &Office,
    ero: &EroWorkforce,
    ch: &Channels,
    pools: &Pools,
    extra: Reinforcements,
) -> OfficeDay {
    let OfficeInputs {
        available,
        at_large_share,
        ops_share,
        custodial_supply,
        collateral_rate,
        target,
    } = *inputs;
    // Details move officers between offices; a sender cannot send more than it has.
    let detailed = (extra.detailed_in - extra.detailed_out) * ero.availability;
    let available = (available + detailed).max(0.0);
    let away = extra.officers_away.clamp(0.0, available);
    let available = available - away;
    let custodial_share = (1.0 - at_large_share - ops_share).max(0.0);
    let custodial_capacity = available * custodial_share / ero.custodial_effort.max(1e-9);
    let custodial = custodial_supply.min(custodial_capacity);

    let productivity = (1.0 + extra.leadership_effect).max(0.0);
    let community_yield = community_yield(office, pools.community);
    // Every channel that shares the community pool (its registry entry says so) gets its
    // full-pool rate times the same yield, read from the same start-of-day pool, so no
    // channel goes first; should they ask for more people than are left, all are cut in
    // proportion.
    // `shift`: the share of at-large effort the target pulls to operations (and the rise of
    // the collateral rate), see [`tactics_shift`]; 0 leaves every product unchanged.
    let arrests_at = |overtime: f64, shift: f64| {
        let effort = available * at_large_share * (1.0 - shift) * (1.0 + overtime) * productivity;
        let tiers = at_large_tiers(effort, ch, office, &pools.at_large);
        let at_large: f64 = tiers.iter().sum();
        let ops_effort = ops_share + at_large_share * shift;
        let ops = available * ops_effort * (1.0 + overtime) * productivity * ch.operations_yield;
        let mut by = Channel::ALL.map(|c| match c {
            Channel::Custodial => custodial,
            Channel::AtLarge => at_large,
            Channel::Collateral => at_large * collateral_rate * (1.0 + shift),
            Channel::Operations => ops,
            Channel::Partner => extra.partner_arrests,
            Channel::BorderPatrolInterior => extra.bp_arrests,
            Channel::Border => 0.0,
            Channel::Checkin => extra.checkin_arrests,
        });
        let shares = |c: &Channel| c.info().community_pool;
        let asked: f64 =
            Channel::ALL.iter().filter(|c| shares(c)).map(|c| by[c.index()]).sum::<f64>()
                * community_yield;
        let mut factor = community_yield;
        if office.community_pool > 0.0 && asked > pools.community {
            factor *= pools.community.max(0.0) / asked;
        }
        for c in Channel::ALL.iter().filter(|c| shares(c)) {
            by[c.index()] *= factor;
        }
        (tiers, by)
    };

    let (mut tiers, mut by) = arrests_at(0.0, 0.0);
    let base: f64 = by.iter().sum();
    let mut overtime = 0.0;
    if target > base && base > 0.0 {
        let pressure = target / base - 1.0;
        overtime = (ero.target_response * pressure).min(ero.overtime_ceiling);
        (tiers, by) = arrests_at(overtime, tactics_shift(ero.tactics_response, pressure));
    }
    OfficeDay {
        by_channel: by,
        at_large_by_category: tiers,
        target,
        overtime,
        officer_days: available * (1.0 + overtime * (at_large_share + ops_share)),
        overtime_days: available * overtime * (at_large_share + ops_share),
        community_yield,
        detail_travel_days: extra.detail_travel,
    }
}

/// The target's pull on tactics: the share of at-large effort that moves to public-space and
/// worksite operations (whose arrests are mostly people with no record) under pressure
/// `pressure` (target / expected arrests − 1), `r·P / (1 + r·P)` for response `r`: 0 without
/// pressure, half at P = 1/r, never all. Why a share and not a schedule: a what-if target
/// then moves the channel mix, as the 2025 target did.
pub fn tactics_shift(response: f64, pressure: f64) -> f64 {
    let x = response.max(0.0) * pressure.max(0.0);
    if x > 0.0 { x / (1.0 + x) } else { 0.0 }
}

/// The community pool's yield: the share of its initial size left (diminishing returns,
/// as for the at-large tiers), 1 when the office has no community pool.
pub fn community_yield(office: &Office, left: f64) -> f64 {
    if office.community_pool > 0.0 { left.max(0.0) / office.community_pool } else { 1.0 }
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

/// A deputy's productivity `days_since_start` days after deputization: nothing during the
/// `training_days` of training, then the linear [`ramp`] over `ramp_days`.
pub fn trained_ramp(days_since_start: f64, training_days: f64, ramp_days: f64) -> f64 {
    let t = training_days.max(0.0);
    if days_since_start < t { 0.0 } else { ramp(days_since_start - t, ramp_days) }
}

/// The share of a detail's officers travelling on a day `since` days after it started,
/// with `left` days still to go after today (`None` when open-ended): the first and the
/// last `travel_days` days (a fraction of a day on the boundary), at most the whole day.
pub fn detail_travel_share(since: f64, left: Option<f64>, travel_days: f64) -> f64 {
    let t = travel_days.max(0.0);
    let going = (t - since).clamp(0.0, 1.0);
    let coming = left.map_or(0.0, |l| (t - l).clamp(0.0, 1.0));
    (going + coming).min(1.0)
}

/// Adds a detail of ERO officers to the day's staffing: `officers` leave the `from` offices
/// pro rata to their officers on `date`, and work split equally among `to` once they have
/// arrived; the travelling share ([`detail_travel_share`]) works in neither.
fn add_detail(
    st: &mut Staffing,
    sc: &Scenario,
    date: Date,
    officers: f64,
    from: &[OfficeId],
    to: &[OfficeId],
    travel: f64,
) {
    let headcount = |o: &OfficeId| sc.offices[o.0 as usize].officers.at(date).max(0.0);
    let senders: f64 = from.iter().map(headcount).sum();
    if senders <= 0.0 || to.is_empty() {
        return;
    }
    for o in from {
        let out = officers * headcount(o) / senders;
        let x = &mut st.extra[o.0 as usize];
        x.detailed_out += out;
        x.detail_travel += out * travel * sc.ero.availability;
    }
    let each = officers / to.len() as f64 * (1.0 - travel);
    for o in to {
        st.extra[o.0 as usize].detailed_in += each;
    }
}

/// Who works inland on one day besides ERO's own officers, and where.
#[derive(Clone, Debug)]
pub(crate) struct Staffing {
    /// Extra arrests (already ramped) and leadership effects, by office.
    pub extra: Vec<Reinforcements>,
    /// (partner officer-days, Border Patrol agent-days) by office.
    pub days_by_office: Vec<(f64, f64)>,
    /// Agents taken off each sector's line.
    pub moved_by_sector: Vec<f64>,
}

/// The details (Border Patrol, partner agencies or ERO's own officers between offices) and
/// deputations in force on `date`,
/// with each office's leadership effect (`leadership[o]`, 0 where missing). One function
/// for the DES and the fluid, so the two modes staff the same day identically.
pub(crate) fn reinforcements(sc: &Scenario, date: Date, leadership: &[f64]) -> Staffing {
    let n = sc.offices.len();
    let mut st = Staffing {
        extra: (0..n)
            .map(|o| Reinforcements {
                leadership_effect: leadership.get(o).copied().unwrap_or(0.0),
                ..Reinforcements::default()
            })
            .collect(),
        days_by_office: vec![(0.0, 0.0); n],
        moved_by_sector: vec![0.0; sc.sectors.len()],
    };
    for iv in &sc.interventions {
        if iv.at > date {
            continue;
        }
        let since = date.days_after(iv.at) as f64;
        match &iv.kind {
            InterventionKind::Deploy {
                agents,
                offices,
                until,
                ramp_days,
                arrests_per_agent_day,
                from,
            } => {
                if until.is_some_and(|u| date > u) || offices.is_empty() {
                    continue;
                }
                let each = agents / offices.len() as f64;
                let r = ramp(since, *ramp_days);
                for o in offices {
                    let o = o.0 as usize;
                    match from {
                        DeployFrom::Sectors(_) => {
                            st.extra[o].bp_arrests += each * r * arrests_per_agent_day;
                            st.days_by_office[o].1 += each;
                        }
                        DeployFrom::Agency(_) => {
                            st.extra[o].partner_arrests += each * r * arrests_per_agent_day;
                            st.days_by_office[o].0 += each;
                        }
                    }
                }
                if let DeployFrom::Sectors(sectors) = from {
                    let line: f64 = sectors.iter().map(|s| sc.sectors[s.0 as usize].agents).sum();
                    if line > 0.0 {
                        for s in sectors {
                            let share = sc.sectors[s.0 as usize].agents / line;
                            st.moved_by_sector[s.0 as usize] += agents * share;
                        }
                    }
                }
            }
            InterventionKind::Deputize {
                officers,
                offices,
                time_share,
                training_days,
                ramp_days,
                arrests_per_officer_day,
                until,
                ..
            } => {
                if until.is_some_and(|u| date > u) || offices.is_empty() {
                    continue;
                }
                let each = officers / offices.len() as f64 * time_share;
                let r = trained_ramp(since, *training_days, *ramp_days);
                for o in offices {
                    st.extra[o.0 as usize].partner_arrests += each * r * arrests_per_officer_day;
                    st.days_by_office[o.0 as usize].0 += each;
                }
            }
            InterventionKind::Detail { officers, from, to, until, travel_days } => {
                if until.is_some_and(|u| date > u) {
                    continue;
                }
                let left = until.map(|u| u.days_after(date) as f64);
                let travel = detail_travel_share(since, left, *travel_days);
                add_detail(&mut st, sc, date, *officers, from, to, travel);
            }
            InterventionKind::Review { .. } | InterventionKind::Rotate { .. } => {}
        }
    }
    st
}

/// True on the first day of a US federal fiscal quarter (1 Oct, 1 Jan, 1 Apr, 1 Jul), when
/// accountability reviews look back at the quarter just ended.
pub(crate) fn quarter_starts(date: Date) -> bool {
    let (_, m, d) = date.ymd();
    d == 1 && matches!(m, 1 | 4 | 7 | 10)
}

/// The review intervention running on `date`, if any: the latest one started by then and
/// not yet over, as (start, rotation rule).
pub(crate) fn review_in_force(sc: &Scenario, date: Date) -> Option<(Date, Option<&Rotation>)> {
    sc.interventions
        .iter()
        .filter(|iv| iv.at <= date)
        .rev()
        .filter_map(|iv| match &iv.kind {
            InterventionKind::Review { rotation, until } if until.is_none_or(|u| date <= u) => {
                Some((iv.at, rotation.as_ref()))
            }
            _ => None,
        })
        .next()
}

/// The offices a review rotates, from each office's tally since the last review
/// (`[arrests, target, officer-days]`): the `bottom` worst by attainment (arrests / target)
/// among offices with a target, or by arrests per officer-day if no office has one. Ties
/// go to the lower office index, so the choice is deterministic.
pub(crate) fn worst_offices(tally: &[[f64; 3]], bottom: usize) -> Vec<usize> {
    let any_target = tally.iter().any(|t| t[1] > 0.0);
    let score = |o: usize| {
        let [arrests, target, officer_days] = tally[o];
        if any_target {
            arrests / target
        } else if officer_days > 0.0 {
            arrests / officer_days
        } else {
            0.0
        }
    };
    let mut order: Vec<usize> =
        (0..tally.len()).filter(|&o| !any_target || tally[o][1] > 0.0).collect();
    order.sort_by(|&a, &b| score(a).total_cmp(&score(b)).then(a.cmp(&b)));
    order.truncate(bottom);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deputies_arrest_nothing_while_training_then_ramp_up() {
        assert_eq!(trained_ramp(10.0, 28.0, 14.0), 0.0);
        assert_eq!(trained_ramp(28.0, 28.0, 14.0), 0.0, "the first trained day starts the ramp");
        assert!((trained_ramp(35.0, 28.0, 14.0) - 0.5).abs() < 1e-12);
        assert_eq!(trained_ramp(50.0, 28.0, 14.0), 1.0);
        assert_eq!(trained_ramp(5.0, 0.0, 10.0), ramp(5.0, 10.0), "no training: the old ramp");
    }

    #[test]
    fn the_refill_splits_like_the_constant_inflow_in_both_steps() {
        let mut office = crate::testkit::tiny().offices.remove(0);
        // Inflow 10, 5, 20 a day: the refill's mix is 2/7, 1/7, 4/7.
        assert_eq!(entry_mix(&office), [10.0 / 35.0, 5.0 / 35.0, 20.0 / 35.0]);
        let start = Pools::initial(&office);
        let mut des = start;
        des.replenish(&office, 7.0);
        let mut fluid = start;
        fluid.close_day(&office, &OfficeDay::default(), 7.0);
        for (k, add) in [12.0, 6.0, 24.0].into_iter().enumerate() {
            assert!((des.at_large[k] - start.at_large[k] - add).abs() < 1e-9, "tier {k}");
            assert!((fluid.at_large[k] - des.at_large[k]).abs() < 1e-9, "tier {k}");
        }
        // No constant inflow: the initial pools' mix; no pools: nowhere.
        office.reachable.iter_mut().for_each(|r| r.inflow_per_day = 0.0);
        assert_eq!(entry_mix(&office), [20.0 / 230.0, 10.0 / 230.0, 200.0 / 230.0]);
        office.reachable.iter_mut().for_each(|r| r.initial = 0.0);
        assert_eq!(entry_mix(&office), [0.0; 3]);
    }

    #[test]
    fn detail_travel_takes_the_first_and_last_days_and_fractions_of_a_day() {
        assert_eq!(detail_travel_share(0.0, Some(30.0), 2.0), 1.0);
        assert_eq!(detail_travel_share(1.0, Some(29.0), 2.0), 1.0);
        assert_eq!(detail_travel_share(2.0, Some(28.0), 2.0), 0.0);
        assert_eq!(detail_travel_share(29.0, Some(1.0), 2.0), 1.0, "the trip home");
        assert_eq!(detail_travel_share(0.0, Some(5.0), 0.5), 0.5);
        assert_eq!(detail_travel_share(5.0, Some(0.0), 0.5), 0.5);
        assert_eq!(detail_travel_share(0.0, Some(0.0), 1.0), 1.0, "never more than the day");
        assert_eq!(detail_travel_share(40.0, None, 2.0), 0.0, "open-ended: no trip home");
        assert_eq!(detail_travel_share(0.0, None, 0.0), 0.0);
    }

    #[test]
    fn a_detail_takes_officers_pro_rata_and_adds_them_where_they_work() {
        let mut sc = crate::testkit::tiny();
        let start = sc.start;
        for n in [300.0, 500.0] {
            let mut o = sc.offices[0].clone();
            o.officers = Schedule::constant(n);
            sc.offices.push(o);
        }
        let detail = |officers| Intervention {
            at: start,
            kind: InterventionKind::Detail {
                officers,
                from: vec![OfficeId(0), OfficeId(1)],
                to: vec![OfficeId(2)],
                until: Some(start.plus(20)),
                travel_days: 1.0,
            },
        };
        sc.interventions = vec![detail(100.0)];
        let a = sc.ero.availability;
        // Day 0: on the road, working nowhere.
        let st = reinforcements(&sc, start, &[]);
        assert_eq!(st.extra[0].detailed_out, 40.0);
        assert_eq!(st.extra[1].detailed_out, 60.0);
        assert_eq!(st.extra[2].detailed_in, 0.0);
        assert!((st.extra[0].detail_travel - 40.0 * a).abs() < 1e-12);
        // Day 5: at work in the receiver.
        let st = reinforcements(&sc, start.plus(5), &[]);
        assert_eq!(st.extra[2].detailed_in, 100.0);
        assert_eq!(st.extra[0].detail_travel + st.extra[1].detail_travel, 0.0);
        // Day 21: back home.
        let st = reinforcements(&sc, start.plus(21), &[]);
        assert_eq!(st.extra[0].detailed_out + st.extra[2].detailed_in, 0.0);
        // The receiver's officers work as its own: more at-large arrests; a sender fewer.
        let (ero, ch, pools) = (&sc.ero, &sc.channels, Pools::initial(&sc.offices[2]));
        let day = |o: usize, extra| office_day(&sc.offices[o], ero, ch, start, &pools, 0.0, extra);
        let st = reinforcements(&sc, start.plus(5), &[]);
        let plain = day(2, Reinforcements::default());
        let at_large = |d: OfficeDay| d.by_channel[Channel::AtLarge.index()];
        assert!((day(2, st.extra[2]).officer_days - plain.officer_days - 100.0 * a).abs() < 1e-9);
        assert!(at_large(day(2, st.extra[2])) > at_large(plain));
        assert!(at_large(day(0, st.extra[0])) < at_large(day(0, Reinforcements::default())));
        // A sender cannot send more than it has.
        sc.interventions = vec![detail(1e6)];
        let st = reinforcements(&sc, start.plus(5), &[]);
        assert_eq!(day(0, st.extra[0]).officer_days, 0.0);
    }

    #[test]
    fn the_tactics_shift_grows_with_pressure_and_never_takes_all() {
        assert_eq!(tactics_shift(0.0, 2.0), 0.0);
        assert_eq!(tactics_shift(1.0, 0.0), 0.0);
        assert_eq!(tactics_shift(1.0, -0.5), 0.0);
        assert!((tactics_shift(0.5, 2.0) - 0.5).abs() < 1e-12, "half at P = 1/r");
        assert!(tactics_shift(10.0, 100.0) < 1.0);
    }
    use crate::config::Intervention;
    use crate::ids::{OfficeId, SectorId};

    #[test]
    fn reinforcements_ramp_split_and_take_agents_off_the_line_pro_rata() {
        let mut sc = crate::testkit::tiny();
        let start = sc.start;
        let mut second = sc.sectors[0].clone();
        second.agents = 6_000.0;
        sc.sectors.push(second);
        sc.interventions = vec![
            Intervention {
                at: start,
                kind: InterventionKind::Deploy {
                    agents: 400.0,
                    offices: vec![OfficeId(0), OfficeId(0)],
                    until: Some(start.plus(30)),
                    ramp_days: 10.0,
                    arrests_per_agent_day: 0.5,
                    from: DeployFrom::Sectors(vec![SectorId(0), SectorId(1)]),
                },
            },
            Intervention {
                at: start.plus(5),
                kind: InterventionKind::Deputize {
                    agency: "USMS".into(),
                    officers: 100.0,
                    offices: vec![OfficeId(0)],
                    time_share: 0.5,
                    training_days: 0.0,
                    ramp_days: 0.0,
                    arrests_per_officer_day: 0.2,
                    until: None,
                },
            },
        ];
        // Day 4: the detail is 40% ramped, the deputation has not begun.
        let st = reinforcements(&sc, start.plus(4), &[0.25]);
        assert_eq!(st.extra[0].leadership_effect, 0.25);
        assert!((st.extra[0].bp_arrests - 400.0 * 0.4 * 0.5).abs() < 1e-12);
        assert_eq!(st.extra[0].partner_arrests, 0.0);
        assert_eq!(st.days_by_office[0], (0.0, 400.0));
        // Agents leave the two sectors in proportion to their lines (2,000 and 6,000).
        assert_eq!(st.moved_by_sector, vec![100.0, 300.0]);
        // Day 31: the detail is over; half-time deputies work, fully ramped.
        let st = reinforcements(&sc, start.plus(31), &[]);
        assert_eq!(st.extra[0].leadership_effect, 0.0);
        assert_eq!(st.extra[0].bp_arrests, 0.0);
        assert!((st.extra[0].partner_arrests - 50.0 * 0.2).abs() < 1e-12);
        assert_eq!(st.days_by_office[0], (50.0, 0.0));
        assert_eq!(st.moved_by_sector, vec![0.0, 0.0]);
    }
}
