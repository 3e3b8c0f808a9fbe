//! The non-detained population: people in alternatives to detention (ATD) and the
//! immigration courts' non-detained docket, as fluid stocks per office.
//!
//! Both solvers share it the way they share the budget: it is read off the daily table
//! after a replication has run ([`fill`], called by `run::summarise` for every
//! replication, the fluid's one included), so it is stated once. It is a fluid in the
//! DES too, because the docket holds millions of cases whose individual paths nothing
//! downstream reads; a case-level docket would cost run time and add no measure.
//!
//! What flows in comes from the day's releases, by their registry entries
//! ([`crate::ids::ReleaseInfo::supervised`] may enrol in ATD, [`crate::ids::ReleaseInfo::docket`] joins the
//! docket), plus the receipts from outside the model (border releases with a notice to
//! appear, referrals). Not yet modelled, and so not fed back: arrests at check-ins
//! (people leaving these stocks for detention), absconding from ATD, and removal orders
//! refilling the at-large pools. The docket is tracked only when a scenario describes one
//! (a starting docket, judges or receipts).

use crate::config::{Courts, Detention, Scenario};
use crate::ids::ReleaseReason;
use crate::metrics::{Daily, Metric};

/// The daily columns [`fill`] writes, after a replication has run: a live observer of the
/// DES's days (the dashboard's stream) sees them only in the means.
pub const COLUMNS: [Metric; 8] = [
    Metric::AtdEnrolled,
    Metric::AtdParticipants,
    Metric::DocketReceipts,
    Metric::DocketCompletions,
    Metric::DocketRemovalOrders,
    Metric::DocketInAbsentiaOrders,
    Metric::DocketPending,
    Metric::CostAtd,
];

/// One office's non-detained stocks, carried from day to day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stocks {
    /// People in ATD.
    pub atd: f64,
    /// Non-detained cases pending.
    pub docket: f64,
}

/// What one office's day adds to the daily table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Day {
    /// People enrolled in ATD.
    pub enrolled: f64,
    /// New docket cases (outside receipts and the model's releases).
    pub receipts: f64,
    /// Docket cases completed.
    pub completions: f64,
    /// Removal orders among them.
    pub removal_orders: f64,
    /// Removal orders among them issued in absentia.
    pub in_absentia: f64,
}

/// The day's inputs for one office.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Inflow {
    /// Released under supervision (may enrol in ATD).
    pub supervised: f64,
    /// Released into proceedings (join the docket).
    pub into_proceedings: f64,
    /// The office's share of the national parameters (receipts, judges, ATD capacity).
    pub share: f64,
}

impl Stocks {
    /// Steps the stocks over one day and says what happened. ATD: a share of those entering
    /// the non-detained population (supervised releases and outside receipts) enrols, up
    /// to the room left under the office's share of capacity; exits at `1 / days_mean` of
    /// those present at the start of the day. Docket: a fluid queue served at the judges'
    /// completion rate, never below zero.
    pub fn step(&mut self, atd: &AtdDay, docket: &DocketDay, inflow: Inflow) -> Day {
        let exits = self.atd / atd.days_mean;
        let room = atd.capacity.map_or(f64::INFINITY, |c| c * inflow.share - self.atd + exits);
        // Who can be enrolled: the model's releases under supervision and the people the
        // docket receives from outside the model (released at the border with a notice to
        // appear), who in practice make up most of ATD.
        let outside = docket.receipts * inflow.share;
        let eligible = inflow.supervised + outside;
        let enrolled = (eligible * atd.enrol_share).min(room.max(0.0));
        self.atd += enrolled - exits;

        let receipts = outside + inflow.into_proceedings;
        let completions = (docket.capacity * inflow.share).min(self.docket + receipts);
        self.docket += receipts - completions;
        let removal_orders = completions * docket.removal_order_share;
        Day {
            enrolled,
            receipts,
            completions,
            removal_orders,
            in_absentia: removal_orders * docket.in_absentia_share,
        }
    }
}

/// The ATD parameters in force on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AtdDay {
    /// Share of supervised releases enrolled.
    pub enrol_share: f64,
    /// Mean days in the programme.
    pub days_mean: f64,
    /// National capacity (`None` = unlimited).
    pub capacity: Option<f64>,
}

impl AtdDay {
    /// The parameters of `date`.
    pub fn at(d: &Detention, date: crate::Date) -> AtdDay {
        let capacity = d.atd_capacity.at(date);
        AtdDay {
            enrol_share: d.atd_enrol_share.at(date),
            days_mean: d.atd_days_mean.max(1.0),
            capacity: capacity.is_finite().then_some(capacity),
        }
    }
}

/// The docket parameters in force on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DocketDay {
    /// National receipts from outside the model per day.
    pub receipts: f64,
    /// National completions the judges can make per day.
    pub capacity: f64,
    /// Share of completions that are removal orders.
    pub removal_order_share: f64,
    /// Share of those removal orders issued in absentia.
    pub in_absentia_share: f64,
}

impl DocketDay {
    /// The parameters of `date`.
    pub fn at(c: &Courts, date: crate::Date) -> DocketDay {
        DocketDay {
            receipts: c.non_detained_receipts_per_day.at(date),
            capacity: c.non_detained_judges.at(date) * c.completions_per_judge_day,
            removal_order_share: c.non_detained_removal_order_share,
            in_absentia_share: c.non_detained_in_absentia_share,
        }
    }
}

/// Each office's share of the national parameters: its share of the starting docket, else
/// of starting ATD participants, else equal shares.
pub fn office_shares(sc: &Scenario) -> Vec<f64> {
    let n = sc.offices.len().max(1) as f64;
    let by = |f: fn(&crate::Office) -> f64| {
        let total: f64 = sc.offices.iter().map(f).sum();
        (total > 0.0).then(|| sc.offices.iter().map(|o| f(o) / total).collect::<Vec<_>>())
    };
    by(|o| o.docket_pending)
        .or_else(|| by(|o| o.atd_participants))
        .unwrap_or_else(|| vec![1.0 / n; sc.offices.len()])
}

/// Writes the non-detained columns of every day and office into `daily` (measured days,
/// from the offices' starting stocks), and their cost.
pub fn fill(sc: &Scenario, daily: &mut Daily) {
    let shares = office_shares(sc);
    // The docket is tracked only when the scenario describes one: otherwise its column
    // would count the model's own releases alone, which is not the docket.
    let positive = |s: &crate::Schedule| s.steps.iter().any(|st| st.1 > 0.0);
    let docket_on = sc.offices.iter().any(|o| o.docket_pending > 0.0)
        || positive(&sc.courts.non_detained_judges)
        || positive(&sc.courts.non_detained_receipts_per_day);
    let mut stocks: Vec<Stocks> = sc
        .offices
        .iter()
        .map(|o| Stocks { atd: o.atd_participants, docket: o.docket_pending })
        .collect();
    for d in 0..daily.days() {
        let date = sc.start.plus(d as i32);
        let atd = AtdDay::at(&sc.detention, date);
        let docket = DocketDay::at(&sc.courts, date);
        for (o, st) in stocks.iter_mut().enumerate() {
            let released = |keep: fn(&crate::ids::ReleaseInfo) -> bool| -> f64 {
                ReleaseReason::ALL
                    .iter()
                    .filter(|r| keep(&r.info()))
                    .map(|r| daily.get(d, o, r.info().metric))
                    .sum()
            };
            let inflow = Inflow {
                supervised: released(|i| i.supervised),
                into_proceedings: if docket_on { released(|i| i.docket) } else { 0.0 },
                share: shares[o],
            };
            let day = st.step(&atd, &docket, inflow);
            let values = [
                day.enrolled,
                st.atd,
                day.receipts,
                day.completions,
                day.removal_orders,
                day.in_absentia,
                st.docket,
                st.atd * sc.costs.atd_day,
            ];
            for (m, x) in COLUMNS.into_iter().zip(values) {
                daily.set(d, o, m, x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATD: AtdDay = AtdDay { enrol_share: 0.5, days_mean: 100.0, capacity: None };
    const NO_DOCKET: DocketDay = DocketDay {
        receipts: 0.0,
        capacity: 0.0,
        removal_order_share: 0.0,
        in_absentia_share: 0.0,
    };

    fn inflow(supervised: f64) -> Inflow {
        Inflow { supervised, into_proceedings: 0.0, share: 1.0 }
    }

    #[test]
    fn atd_approaches_enrolment_times_stay_geometrically() {
        // Discrete first-order stock: x' = x (1 - 1/D) + e, so x_t = eD + (x_0 - eD)(1 - 1/D)^t.
        let (e, d): (f64, f64) = (20.0 * 0.5, 100.0);
        let mut st = Stocks { atd: 300.0, docket: 0.0 };
        for _ in 0..250 {
            st.step(&ATD, &NO_DOCKET, inflow(20.0));
        }
        let want = e * d + (300.0 - e * d) * (1.0 - 1.0 / d).powi(250);
        assert!((st.atd - want).abs() < 1e-9, "{} vs {want}", st.atd);
    }

    #[test]
    fn atd_capacity_caps_enrolment_not_exits() {
        let capped = AtdDay { capacity: Some(500.0), ..ATD };
        let mut st = Stocks { atd: 500.0, docket: 0.0 };
        let day = st.step(&capped, &NO_DOCKET, inflow(1000.0));
        // Full: only the day's exits (5) can be replaced.
        assert!((day.enrolled - 5.0).abs() < 1e-12, "{day:?}");
        assert!((st.atd - 500.0).abs() < 1e-12);
    }

    #[test]
    fn docket_is_a_fluid_queue_at_judge_capacity() {
        let docket = DocketDay {
            receipts: 90.0,
            capacity: 100.0,
            removal_order_share: 0.4,
            in_absentia_share: 0.5,
        };
        let mut st = Stocks { atd: 0.0, docket: 1_000.0 };
        // Drains by capacity − arrivals a day while a backlog is left: 1,000 / 10 = 100 days.
        for t in 1..=100 {
            let day = st.step(&ATD, &docket, Inflow { into_proceedings: 0.0, ..inflow(0.0) });
            assert!((day.completions - 100.0).abs() < 1e-9);
            assert!((day.removal_orders - 40.0).abs() < 1e-9);
            assert!((day.in_absentia - 20.0).abs() < 1e-9, "half the orders in absentia");
            assert!((st.docket - (1_000.0 - 10.0 * t as f64)).abs() < 1e-9);
        }
        // Then it serves what arrives (own releases included) and stays empty.
        let day = st.step(&ATD, &docket, Inflow { into_proceedings: 5.0, ..inflow(0.0) });
        assert!((day.completions - 95.0).abs() < 1e-9 && st.docket.abs() < 1e-9);
    }
}
