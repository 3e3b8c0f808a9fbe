//! From replications to answers: the headline measures, per replication and summarised
//! across replications with 95% confidence intervals.

use serde::Serialize;

use crate::ids::{Category, Channel, RemovalMode};
use crate::metrics::{Daily, Durations, METRIC_COUNT, Metric};
use crate::run::RunResult;

/// Interior arrest channels (all but border apprehensions), in channel order: the
/// registry's [`Channel::INTERIOR_ARRESTS`].
pub const INTERIOR_ARRESTS: [Metric; Channel::INTERIOR_COUNT] = Channel::INTERIOR_ARRESTS;

/// Interior arrests by criminal-history category, indexed by [`Category::index`].
pub const ARRESTS_BY_CATEGORY: [Metric; Category::COUNT] = Category::ARRESTS;

/// Removal modes, in [`RemovalMode`] order.
pub const REMOVALS: [Metric; RemovalMode::COUNT] = RemovalMode::METRICS;

/// Cost components.
pub const COSTS: [Metric; 8] = [
    Metric::CostBeds,
    Metric::CostSurge,
    Metric::CostFlights,
    Metric::CostLand,
    Metric::CostPersonnel,
    Metric::CostPartners,
    Metric::CostBorderPatrol,
    Metric::CostAtd,
];

/// A headline measure: its key in summary.json, what it means, and how it is computed
/// from one replication (national when `office` is `None`).
pub struct Measure {
    /// Key in summary.json and column in offices.csv.
    pub key: &'static str,
    /// Meaning and unit.
    pub doc: &'static str,
    /// The computation.
    pub compute: fn(&Summed, &Durations, Option<usize>) -> f64,
}

/// One replication's daily table with every metric's national value per day and its total
/// per office, each added up once: the measures read dozens of totals for the nation and
/// every office, and adding the table up again for each was most of a fluid run's summary.
/// The sums are taken in [`Daily::national`]'s and [`Daily::office_total`]'s order, so
/// they are the same to the bit.
pub struct Summed<'a> {
    daily: &'a Daily,
    /// `national[day][metric]`.
    pub national: Vec<[f64; METRIC_COUNT]>,
    /// `office[office][metric]`: the sum over days.
    office: Vec<[f64; METRIC_COUNT]>,
    /// Each office's days' interior arrests in ascending order, then the nation's (index
    /// `offices`), made on first use: four quantiles and a count of peak days read the
    /// same days, and collecting and sorting them for each of those measures was a
    /// quarter of the summary.
    sorted_arrests: Vec<std::cell::OnceCell<Vec<f64>>>,
}

impl<'a> Summed<'a> {
    /// Adds up `daily` once.
    pub fn new(daily: &'a Daily) -> Summed<'a> {
        let (days, offices) = (daily.days(), daily.offices());
        // One pass in row order; `-0.0` is where `Iterator::sum` starts.
        let mut national = vec![[-0.0; METRIC_COUNT]; days];
        let mut office = vec![[-0.0; METRIC_COUNT]; offices];
        for (day, sum) in national.iter_mut().enumerate() {
            for (row, tot) in daily.day_rows(day).iter().zip(office.iter_mut()) {
                for ((n, t), x) in sum.iter_mut().zip(tot.iter_mut()).zip(row) {
                    *n += x;
                    *t += x;
                }
            }
        }
        let sorted_arrests = vec![std::cell::OnceCell::new(); offices + 1];
        Summed { daily, national, office, sorted_arrests }
    }

    /// The days' interior arrests of one office or (`None`) the nation, ascending: the
    /// values of [`daily_arrests`] (same sums, same order of adding), sorted once.
    fn sorted_arrests(&self, office: Option<usize>) -> &[f64] {
        self.sorted_arrests[office.unwrap_or(self.daily.offices())].get_or_init(|| {
            let mut v = daily_arrests(self.daily, office);
            // Unstable is enough: values equal under `total_cmp` are the same bits.
            v.sort_unstable_by(f64::total_cmp);
            v
        })
    }

    /// Sum over all days for one office, or (`None`) over all days and offices, as
    /// [`Daily::office_total`] and [`Daily::total`] give it.
    pub fn total(&self, office: Option<usize>, m: Metric) -> f64 {
        match office {
            Some(o) => self.office[o][m as usize],
            None => self.national.iter().map(|r| r[m as usize]).sum(),
        }
    }
}

impl std::ops::Deref for Summed<'_> {
    type Target = Daily;
    fn deref(&self) -> &Daily {
        self.daily
    }
}

fn total(d: &Summed, office: Option<usize>, m: Metric) -> f64 {
    d.total(office, m)
}

fn sum(d: &Summed, office: Option<usize>, ms: &[Metric]) -> f64 {
    ms.iter().map(|m| total(d, office, *m)).sum()
}

/// A stock's level on the last measured day.
fn last_day(d: &Summed, office: Option<usize>, m: Metric) -> f64 {
    let last = d.days().saturating_sub(1);
    match office {
        Some(o) => d.get(last, o, m),
        None => d.national.get(last).map_or(0.0, |r| r[m as usize]),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Calls `f(target, interior arrests)` for each day and office of `o` (every office when
/// `None`) with a target; returns the number of days on which any had one.
fn with_target(d: &Summed, o: Option<usize>, mut f: impl FnMut(f64, f64)) -> f64 {
    let offices = match o {
        Some(o) => o..o + 1,
        None => 0..d.offices(),
    };
    let mut days = 0.0;
    for day in 0..d.days() {
        let mut any = false;
        for o in offices.clone() {
            let target = d.get(day, o, Metric::Target);
            if target > 0.0 {
                any = true;
                f(target, INTERIOR_ARRESTS.iter().map(|m| d.get(day, o, *m)).sum::<f64>());
            }
        }
        days += if any { 1.0 } else { 0.0 };
    }
    days
}

fn per_day(d: &Summed, x: f64) -> f64 {
    x / d.days().max(1) as f64
}

/// The largest `detained / beds − 1` over the days with beds (0 when there are none).
fn peak_over_rated(d: &Summed, office: Option<usize>) -> f64 {
    let day = |day: usize| match office {
        Some(o) => (d.get(day, o, Metric::Detained), d.get(day, o, Metric::Beds)),
        None => {
            let r = &d.national[day];
            (r[Metric::Detained as usize], r[Metric::Beds as usize])
        }
    };
    let peak = (0..d.days())
        .map(day)
        .filter(|(_, beds)| *beds > 0.0)
        .map(|(held, beds)| held / beds - 1.0)
        .fold(f64::NEG_INFINITY, f64::max);
    if peak.is_finite() { peak } else { 0.0 }
}

/// A length-of-stay measure of a group of book-outs (national only): `stay!(key prefix,
/// the group as the docs name it after "book-outs" (empty for all of them), statistic,
/// |durations| its distribution)`, the statistic one of `p50`, `p90`, `p99` (percentiles,
/// days) or `over_90`, `over_180` (shares of the stays longer than that,
/// [`crate::metrics::LONG_STAY_DAYS`]).
macro_rules! stay {
    ($prefix:literal, $who:literal, p50, |$t:ident| $stays:expr) => {
        stay!(@q $prefix, $who, "p50", "median", 0.5, |$t| $stays)
    };
    ($prefix:literal, $who:literal, p90, |$t:ident| $stays:expr) => {
        stay!(@q $prefix, $who, "p90", "90th percentile", 0.9, |$t| $stays)
    };
    ($prefix:literal, $who:literal, p99, |$t:ident| $stays:expr) => {
        stay!(@q $prefix, $who, "p99", "99th percentile", 0.99, |$t| $stays)
    };
    ($prefix:literal, $who:literal, over_90, |$t:ident| $stays:expr) => {
        stay!(@share $prefix, $who, "90", 0, |$t| $stays)
    };
    ($prefix:literal, $who:literal, over_180, |$t:ident| $stays:expr) => {
        stay!(@share $prefix, $who, "180", 1, |$t| $stays)
    };
    (@q $prefix:literal, $who:literal, $stat:literal, $what:literal, $q:literal, |$t:ident| $stays:expr) => {
        Measure {
            key: concat!($prefix, "_", $stat, "_days"),
            doc: concat!($what, " length of stay of book-outs", $who, ", days (national only)"),
            compute: |_, $t, _| $stays.quantile($q).unwrap_or(0.0),
        }
    };
    (@share $prefix:literal, $who:literal, $days:literal, $i:literal, |$t:ident| $stays:expr) => {
        Measure {
            key: concat!($prefix, "_over_", $days, "_days_share"),
            doc: concat!(
                "share of book-outs", $who, " that had stayed longer than ", $days,
                " days (national only)"
            ),
            compute: |_, $t, _| $stays.share_longer($i),
        }
    };
}

/// The headline measures, in report order. The first nine are the ones the issue
/// tracker and tests rely on; the rest answer the other questions of docs/model.md §1.
pub const MEASURES: &[Measure] = &[
    Measure {
        key: "arrests_per_day",
        doc: "interior arrests per day, all agencies and channels (average)",
        compute: |d, _, o| per_day(d, sum(d, o, &INTERIOR_ARRESTS)),
    },
    Measure {
        key: "book_ins",
        doc: "initial book-ins into ICE detention, ICE- and CBP-arrested (total)",
        compute: |d, _, o| sum(d, o, &[Metric::BookInsIce, Metric::BookInsCbp]),
    },
    Measure {
        key: "adp",
        doc: "average daily detention population (midnight counts; by facility AOR)",
        compute: |d, _, o| per_day(d, total(d, o, Metric::Detained)),
    },
    Measure {
        key: "alos_days",
        doc: "average length of stay of book-outs, days",
        compute: |d, _, o| {
            ratio(total(d, o, Metric::BookOutStayDays), total(d, o, Metric::BookOuts))
        },
    },
    Measure {
        key: "removals",
        doc: "removals and voluntary departures, incl. direct removals from CBP staging (total)",
        compute: |d, _, o| sum(d, o, &REMOVALS),
    },
    Measure {
        key: "released_no_bed",
        doc: "people released because no bed was free (total)",
        compute: |d, _, o| total(d, o, Metric::ReleasedNoBed),
    },
    Measure {
        key: "no_record_share",
        doc: "share of interior arrests with no criminal conviction or pending charge",
        compute: |d, _, o| {
            ratio(total(d, o, Metric::ArrestsNoRecord), sum(d, o, &INTERIOR_ARRESTS))
        },
    },
    Measure {
        key: "arrest_to_removal_days",
        doc: "median days from arrest to removal, of removals in the period",
        compute: |_, t, o| {
            let s = match o {
                Some(o) => &t.arrest_to_removal_by_office[o],
                None => &t.arrest_to_removal,
            };
            s.quantile(0.5).unwrap_or(0.0)
        },
    },
    Measure {
        key: "cost_usd",
        doc: "cost of detention, transport, personnel and ATD, US dollars (total)",
        compute: |d, _, o| sum(d, o, &COSTS),
    },
    Measure {
        key: "target_attainment",
        doc: "interior arrests as a share of the target, over days with a target",
        compute: |d, _, o| {
            let (mut a, mut t) = (0.0, 0.0);
            with_target(d, o, |target, arrests| {
                t += target;
                a += arrests;
            });
            ratio(a, t)
        },
    },
    Measure {
        key: "target_gap_per_day",
        doc: "target minus interior arrests, per day with a target (negative = above target), arrests/day",
        compute: |d, _, o| {
            let mut gap = 0.0;
            let days = with_target(d, o, |target, arrests| gap += target - arrests);
            ratio(gap, days)
        },
    },
    Measure {
        key: "collateral_public_space_share",
        doc: "share of interior arrests that were collateral or in public-space operations",
        compute: |d, _, o| {
            let c = sum(d, o, &Channel::PUBLIC_SPACE_ARRESTS);
            ratio(c, sum(d, o, &INTERIOR_ARRESTS))
        },
    },
    Measure {
        key: "transfers_out_of_aor",
        doc: "book-ins placed outside the arresting AOR for lack of free rated beds at home: transfers caused by crowding (total)",
        compute: |d, _, o| total(d, o, Metric::TransfersOutOfAor),
    },
    Measure {
        key: "over_rated_person_days",
        doc: "person-days held above rated beds (end-of-day counts, summed over facility types and days)",
        compute: |d, _, o| total(d, o, Metric::OverRated),
    },
    Measure {
        key: "peak_over_rated_share",
        doc: "largest end-of-day occupancy over rated beds, minus 1 (0.1 = 10% above rated at the peak; negative = never full)",
        compute: |d, _, o| peak_over_rated(d, o),
    },
    Measure {
        key: "cost_surge_usd",
        doc: "surge premium on person-days above rated beds, US dollars (total; part of cost_usd)",
        compute: |d, _, o| total(d, o, Metric::CostSurge),
    },
    Measure {
        key: "released_at_processing",
        doc: "arrested and released without a book-in (total)",
        compute: |d, _, o| total(d, o, Metric::ReleasedAtProcessing),
    },
    Measure {
        key: "border_apprehensions",
        doc: "Border Patrol apprehensions (total)",
        compute: |d, _, o| total(d, o, Metric::Apprehensions),
    },
    Measure {
        key: "gotaways",
        doc: "border crossings not apprehended (expected, total)",
        compute: |d, _, o| total(d, o, Metric::Gotaways),
    },
    Measure {
        key: "extra_gotaways",
        doc: "gotaways due to agents detailed inland (expected, total)",
        compute: |d, _, o| total(d, o, Metric::ExtraGotaways),
    },
    Measure {
        key: "bp_agent_days_inland",
        doc: "Border Patrol agent-days spent inland (total)",
        compute: |d, _, o| total(d, o, Metric::BpAgentDaysInland),
    },
    Measure {
        key: "escort_officer_days",
        doc: "ERO officer-days on escorts, away from enforcement: removal flights and moves between areas (total)",
        compute: |d, _, o| {
            total(d, o, Metric::EscortOfficerDays) + total(d, o, Metric::TransferEscortOfficerDays)
        },
    },
    Measure {
        key: "transfer_escort_officer_days",
        doc: "ERO officer-days escorting people moved between areas: transfers for lack of a rated bed and moves to a departure point (total; part of escort_officer_days)",
        compute: |d, _, o| total(d, o, Metric::TransferEscortOfficerDays),
    },
    Measure {
        key: "detained_end",
        doc: "people detained on the last day",
        compute: |d, _, o| last_day(d, o, Metric::Detained),
    },
    Measure {
        key: "atd_participants_end",
        doc: "people in alternatives to detention (ATD) on the last day",
        compute: |d, _, o| last_day(d, o, Metric::AtdParticipants),
    },
    Measure {
        key: "atd_enrolled",
        doc: "people enrolled in ATD on release (total)",
        compute: |d, _, o| total(d, o, Metric::AtdEnrolled),
    },
    Measure {
        key: "docket_pending_end",
        doc: "non-detained immigration-court cases pending on the last day",
        compute: |d, _, o| last_day(d, o, Metric::DocketPending),
    },
    Measure {
        key: "docket_completions_per_day",
        doc: "non-detained immigration-court cases completed per day (average)",
        compute: |d, _, o| per_day(d, total(d, o, Metric::DocketCompletions)),
    },
    Measure {
        key: "docket_removal_orders",
        doc: "removal orders from the non-detained docket, in absentia included (total)",
        compute: |d, _, o| total(d, o, Metric::DocketRemovalOrders),
    },
    Measure {
        key: "docket_in_absentia_orders",
        doc: "removal orders from the non-detained docket issued in absentia (total)",
        compute: |d, _, o| total(d, o, Metric::DocketInAbsentiaOrders),
    },
    Measure {
        key: "cost_atd_usd",
        doc: "cost of alternatives to detention (participant-days at the daily rate), US dollars (total; part of cost_usd)",
        compute: |d, _, o| total(d, o, Metric::CostAtd),
    },
    stay!("los", "", p50, |t| &t.length_of_stay),
    stay!("los", "", p90, |t| &t.length_of_stay),
    stay!("los", "", p99, |t| &t.length_of_stay),
    stay!("los", "", over_90, |t| &t.length_of_stay),
    stay!("los", "", over_180, |t| &t.length_of_stay),
    stay!("los_convicted", " convicted", p50, |t| &t.length_of_stay_by_category[0]),
    stay!("los_convicted", " convicted", p90, |t| &t.length_of_stay_by_category[0]),
    stay!("los_convicted", " convicted", p99, |t| &t.length_of_stay_by_category[0]),
    stay!("los_convicted", " convicted", over_90, |t| &t.length_of_stay_by_category[0]),
    stay!("los_convicted", " convicted", over_180, |t| &t.length_of_stay_by_category[0]),
    stay!("los_pending", " with pending charges", p50, |t| &t.length_of_stay_by_category[1]),
    stay!("los_pending", " with pending charges", p90, |t| &t.length_of_stay_by_category[1]),
    stay!("los_pending", " with pending charges", p99, |t| &t.length_of_stay_by_category[1]),
    stay!("los_pending", " with pending charges", over_90, |t| &t.length_of_stay_by_category[1]),
    stay!("los_pending", " with pending charges", over_180, |t| &t.length_of_stay_by_category[1]),
    stay!("los_no_record", " with no criminal record", p50, |t| &t.length_of_stay_by_category[2]),
    stay!("los_no_record", " with no criminal record", p90, |t| &t.length_of_stay_by_category[2]),
    stay!("los_no_record", " with no criminal record", p99, |t| &t.length_of_stay_by_category[2]),
    stay!("los_no_record", " with no criminal record", over_90, |t| &t.length_of_stay_by_category
        [2]),
    stay!("los_no_record", " with no criminal record", over_180, |t| &t.length_of_stay_by_category
        [2]),
    stay!("los_ice", " arrested by ICE or a deputized partner", p50, |t| &t
        .length_of_stay_by_agency[0]),
    stay!("los_ice", " arrested by ICE or a deputized partner", p90, |t| &t
        .length_of_stay_by_agency[0]),
    stay!("los_ice", " arrested by ICE or a deputized partner", p99, |t| &t
        .length_of_stay_by_agency[0]),
    stay!("los_ice", " arrested by ICE or a deputized partner", over_90, |t| &t
        .length_of_stay_by_agency[0]),
    stay!("los_ice", " arrested by ICE or a deputized partner", over_180, |t| &t
        .length_of_stay_by_agency[0]),
    stay!("los_cbp", " arrested by Border Patrol (CBP)", p50, |t| &t.length_of_stay_by_agency[1]),
    stay!("los_cbp", " arrested by Border Patrol (CBP)", p90, |t| &t.length_of_stay_by_agency[1]),
    stay!("los_cbp", " arrested by Border Patrol (CBP)", p99, |t| &t.length_of_stay_by_agency[1]),
    stay!("los_cbp", " arrested by Border Patrol (CBP)", over_90, |t| &t.length_of_stay_by_agency
        [1]),
    stay!("los_cbp", " arrested by Border Patrol (CBP)", over_180, |t| &t.length_of_stay_by_agency
        [1]),
    Measure {
        key: "held_away_person_days",
        doc: "person-days detained outside the arresting office's AOR (end-of-day counts; by arresting office)",
        compute: |d, _, o| total(d, o, Metric::HeldAway),
    },
    Measure {
        key: "held_away_share",
        doc: "share of detained person-days held outside the arresting office's AOR (by arresting office)",
        compute: |d, _, o| {
            ratio(total(d, o, Metric::HeldAway), total(d, o, Metric::DetainedFromAor))
        },
    },
    Measure {
        key: "atd_enrolled_per_day",
        doc: "people released into alternatives to detention (ATD) per day (average)",
        compute: |d, _, o| per_day(d, total(d, o, Metric::AtdEnrolled)),
    },
    Measure {
        key: "expected_deaths",
        doc: "expected deaths in custody: person-days detained × the published death rate per \
              person-day (total; 0 when the scenario gives no rate)",
        compute: |d, _, o| total(d, o, Metric::ExpectedDeaths),
    },
    Measure {
        key: "ice_own_arrests_per_day",
        doc: "ICE's own arrests that draw on a reachable pool per day: at-large, collateral and operations (average; what added forces displace)",
        compute: |d, _, o| per_day(d, sum(d, o, &Channel::ICE_OWN_ARRESTS)),
    },
    Measure {
        key: "added_force_arrests_per_day",
        doc: "arrests by the forces added to ICE's per day: deputized partners (287(g) task forces) and Border Patrol details (average)",
        compute: |d, _, o| per_day(d, sum(d, o, &Channel::ADDED_FORCE_ARRESTS)),
    },
    Measure {
        key: "judge_order_share",
        doc: "share of removal orders made by an immigration judge (the rest: expedited removal, reinstatement or a prior order at book-in)",
        compute: |d, _, o| {
            ratio(total(d, o, Metric::OrdersJudge), sum(d, o, &crate::ids::Pathway::METRICS))
        },
    },
    Measure {
        key: "daily_arrests_p5",
        doc: "5th percentile of a day's interior arrests over the period's days (quiet days: weekends; crate::variation)",
        compute: |d, _, o| daily_arrests_quantile(d, o, 0.05),
    },
    Measure {
        key: "daily_arrests_p50",
        doc: "median day's interior arrests",
        compute: |d, _, o| daily_arrests_quantile(d, o, 0.5),
    },
    Measure {
        key: "daily_arrests_p95",
        doc: "95th percentile of a day's interior arrests",
        compute: |d, _, o| daily_arrests_quantile(d, o, 0.95),
    },
    Measure {
        key: "daily_arrests_p99",
        doc: "99th percentile of a day's interior arrests (peak days: operations coinciding on weekdays)",
        compute: |d, _, o| daily_arrests_quantile(d, o, 0.99),
    },
    Measure {
        key: "days_over_2000_arrests",
        doc: "days with more than 2,000 interior arrests (the single-day peaks reported in June 2025; national, an office's own days per office)",
        compute: |d, _, o| d.sorted_arrests(o).iter().filter(|x| **x > PEAK_DAY).count() as f64,
    },
];

/// The single-day level the June 2025 reports call a peak (interior arrests).
pub const PEAK_DAY: f64 = 2000.0;

/// Interior arrests of each day, national or of one office.
pub fn daily_arrests(d: &Daily, office: Option<usize>) -> Vec<f64> {
    (0..d.days())
        .map(|day| match office {
            Some(o) => INTERIOR_ARRESTS.iter().map(|m| d.get(day, o, *m)).sum(),
            None => (0..d.offices())
                .map(|o| INTERIOR_ARRESTS.iter().map(|m| d.get(day, o, *m)).sum::<f64>())
                .sum(),
        })
        .collect()
}

/// The `q` quantile of the days' interior arrests (nearest rank; 0 without days).
fn daily_arrests_quantile(d: &Summed, office: Option<usize>, q: f64) -> f64 {
    let v = d.sorted_arrests(office);
    if v.is_empty() {
        return 0.0;
    }
    let i = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// A summarised measure: mean over replications and its 95% CI.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Estimate {
    /// Mean over replications.
    pub mean: f64,
    /// Two-sided 95% Student-t interval; equal to the mean with one replication.
    pub ci95: [f64; 2],
}

impl Estimate {
    /// Summarises per-replication values.
    pub fn of(values: &[f64]) -> Estimate {
        let s = des::Summary::of(values);
        Estimate { mean: s.mean, ci95: [s.ci.0, s.ci.1] }
    }
}

/// Removals against the announced removal goal of a `target` intervention. Not one of
/// [`MEASURES`]: those exist for every run and office, while a goal is national and most
/// scenarios have none, so a column of zeros would read as "no removals wanted".
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct RemovalGoal {
    /// The goal pro rata over the measured days (see [`crate::Scenario::removal_goal_over`]),
    /// people.
    pub goal: f64,
    /// Removals (measure `removals`) divided by `goal`, per replication: mean and 95% CI.
    pub removals_vs_goal: Estimate,
}

/// The run's removals against its removal goal, or `None` when the scenario sets no goal
/// over the measured days.
pub fn removal_goal(result: &RunResult) -> Option<RemovalGoal> {
    let sc = &result.scenario;
    let goal = sc.removal_goal_over(sc.start, sc.days);
    if goal <= 0.0 {
        return None;
    }
    let removals = result.national("removals")?;
    let shares: Vec<f64> = removals.values.iter().map(|r| r / goal).collect();
    Some(RemovalGoal { goal, removals_vs_goal: Estimate::of(&shares) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{RunOptions, run};
    use crate::{Date, Schedule, testkit};

    #[test]
    fn removal_goal_only_where_one_is_set() {
        let mut sc = testkit::tiny();
        let opts = RunOptions { replications: Some(2), ..RunOptions::default() };
        assert_eq!(removal_goal(&run(&sc, opts).unwrap()), None);
        // A goal only after the run: nothing to report against.
        let after = sc.start.plus(sc.days as i32);
        sc.removal.goal_per_year = Schedule { steps: vec![(Date::MIN, 0.0), (after, 1e6)] };
        assert_eq!(removal_goal(&run(&sc, opts).unwrap()), None);
        // From day 30 of the 120 measured days: 90 days of 3,650 a year = 900 people.
        let from = sc.start.plus(30);
        sc.removal.goal_per_year = Schedule { steps: vec![(Date::MIN, 0.0), (from, 3650.0)] };
        let r = run(&sc, opts).unwrap();
        let g = removal_goal(&r).unwrap();
        assert!((g.goal - 900.0).abs() < 1e-9, "{g:?}");
        let removals = &r.national("removals").unwrap().estimate;
        assert!(removals.mean > 0.0);
        assert!((g.removals_vs_goal.mean - removals.mean / 900.0).abs() < 1e-12, "{g:?}");
        assert!((g.removals_vs_goal.ci95[1] - removals.ci95[1] / 900.0).abs() < 1e-12, "{g:?}");
    }
}
