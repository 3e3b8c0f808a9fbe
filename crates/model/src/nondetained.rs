//! The non-detained population: people in alternatives to detention (ATD) and the
//! immigration courts' non-detained docket, as fluid stocks per office, and the check-in
//! arrests that take people out of them into detention.
//!
//! Both solvers carry the stocks live ([`Live`]): each office's stocks step once per
//! measured day ([`Live::close_day`], called by the DES's end-of-day snapshot and by the
//! fluid after it records the day), from the day's releases in the daily table, so the
//! step is stated once, and the next day's check-in arrests ([`Live::checkin_mean`], the
//! [`crate::ids::Channel::Checkin`] channel of [`crate::effort::office_day`]) are read from
//! today's stocks. The stocks are fluid in the DES too, because the docket holds millions
//! of cases whose individual paths nothing downstream reads; only the check-in arrests the
//! DES draws are whole people, and the stocks lose exactly those.
//!
//! What flows in comes from the day's releases, by their registry entries
//! ([`crate::ids::ReleaseInfo::supervised`] may enrol in ATD, [`crate::ids::ReleaseInfo::docket`] joins the
//! docket), plus the receipts from outside the model (border releases with a notice to
//! appear, referrals). The stocks start the measured window at the offices' starting
//! values and stay there through the warm-up (whose check-in arrests are read from them),
//! as every other warm-up input stays at the start date's. The docket is tracked only when a
//! scenario describes one (a starting docket, judges or receipts).
//!
//! What flows out to the street: the day's in-absentia removal orders and the people who
//! abscond from ATD are newly at large; a share of them joins the office's reachable
//! at-large tiers the next morning ([`Refill`], [`Live::refill`], taken by
//! [`crate::effort::Pools`] in both solvers), so more orders mean more people to arrest later.

use crate::config::{Channels, Courts, Detention, Scenario};
use crate::ids::ReleaseReason;
use crate::metrics::{Daily, Metric};

/// The daily columns [`Live::close_day`] writes at the end of each measured day.
pub const COLUMNS: [Metric; 10] = [
    Metric::AtdEnrolled,
    Metric::AtdParticipants,
    Metric::DocketReceipts,
    Metric::DocketCompletions,
    Metric::DocketRemovalOrders,
    Metric::DocketInAbsentiaOrders,
    Metric::DocketPending,
    Metric::CostAtd,
    Metric::PoolRefillAbsentia,
    Metric::PoolRefillAbsconders,
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
    /// People leaving ATD at the end of their stay (`1 / days_mean` of those present at
    /// the start of the day; check-in arrests not included).
    pub atd_exits: f64,
    /// New docket cases (outside receipts and the model's releases).
    pub receipts: f64,
    /// Docket cases completed.
    pub completions: f64,
    /// Removal orders among them.
    pub removal_orders: f64,
    /// Removal orders among them issued in absentia.
    pub in_absentia: f64,
    /// People arrested at check-ins taken out of ATD.
    pub arrested_atd: f64,
    /// People arrested at check-ins or hearings taken off the docket.
    pub arrested_docket: f64,
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
    /// Check-in arrests of the day from ATD and from the docket (what [`Checkin::split`]
    /// gives): they leave the stocks, at most what is there.
    pub arrested: [f64; 2],
}

impl Stocks {
    /// Steps the stocks over one day and says what happened. ATD: a share of those entering
    /// the non-detained population (supervised releases and outside receipts) enrols, up
    /// to the room left under the office's share of capacity; exits at `1 / days_mean` of
    /// those present at the start of the day; the day's check-in arrests leave too (and
    /// free their places). Docket: the day's arrests leave it, then it is a fluid queue
    /// served at the judges' completion rate, never below zero.
    pub fn step(&mut self, atd: &AtdDay, docket: &DocketDay, inflow: Inflow) -> Day {
        let exits = self.atd / atd.days_mean;
        let arrested_atd = inflow.arrested[0].clamp(0.0, (self.atd - exits).max(0.0));
        let room = atd
            .capacity
            .map_or(f64::INFINITY, |c| c * inflow.share - self.atd + exits + arrested_atd);
        // Who can be enrolled: the model's releases under supervision and the people the
        // docket receives from outside the model (released at the border with a notice to
        // appear), who in practice make up most of ATD.
        let outside = docket.receipts * inflow.share;
        let eligible = inflow.supervised + outside;
        let enrolled = (eligible * atd.enrol_share).min(room.max(0.0));
        self.atd += enrolled - exits - arrested_atd;

        let arrested_docket = inflow.arrested[1].clamp(0.0, self.docket.max(0.0));
        self.docket -= arrested_docket;
        let receipts = outside + inflow.into_proceedings;
        let completions = (docket.capacity * inflow.share).min(self.docket + receipts);
        self.docket += receipts - completions;
        let removal_orders = completions * docket.removal_order_share;
        Day {
            enrolled,
            atd_exits: exits,
            receipts,
            completions,
            removal_orders,
            in_absentia: removal_orders * docket.in_absentia_share,
            arrested_atd,
            arrested_docket,
        }
    }
}

/// The check-in arrest rates in force on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Checkin {
    /// Arrests per ATD participant-day.
    pub per_atd_day: f64,
    /// Arrests per pending docket case-day.
    pub per_docket_day: f64,
}

impl Checkin {
    /// The rates of `date`.
    pub fn at(ch: &Channels, date: crate::Date) -> Checkin {
        Checkin {
            per_atd_day: ch.checkin_per_atd_day.at(date).max(0.0),
            per_docket_day: ch.checkin_per_docket_day.at(date).max(0.0),
        }
    }

    /// Expected check-in arrests of a day from stocks `st`: each stock times its rate.
    pub fn mean(&self, st: &Stocks) -> f64 {
        self.per_atd_day * st.atd.max(0.0) + self.per_docket_day * st.docket.max(0.0)
    }

    /// Splits `n` arrests (drawn or expected) between ATD and the docket in proportion to
    /// what each stock is expected to give, so the expected split is each stock's mean.
    pub fn split(&self, st: &Stocks, n: f64) -> [f64; 2] {
        let atd = self.per_atd_day * st.atd.max(0.0);
        let total = self.mean(st);
        if total > 0.0 { [n * atd / total, n * (total - atd) / total] } else { [0.0, 0.0] }
    }
}

/// The people one office's day sends into its reachable at-large tiers: a share
/// (`at_large_refill_share`) of its in-absentia removal orders and of the people who
/// abscond from ATD (exits × `atd_abscond_share`). Who is ordered removed in absentia or
/// absconds is at large and wanted; only those ICE can find join the tiers the targeted
/// at-large arrests are drawn from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Refill {
    /// From in-absentia orders, people/day.
    pub absentia: f64,
    /// From ATD absconders, people/day.
    pub absconders: f64,
}

impl Refill {
    /// The refill of a day `day` under scenario `sc`'s shares.
    pub fn of(sc: &Scenario, day: &Day) -> Refill {
        let reachable = sc.channels.at_large_refill_share;
        Refill {
            absentia: reachable * day.in_absentia,
            absconders: reachable * sc.detention.atd_abscond_share * day.atd_exits,
        }
    }

    /// Both sources together, people/day.
    pub fn total(&self) -> f64 {
        self.absentia + self.absconders
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

/// The non-detained stocks of every office during a run, and what their step needs.
#[derive(Clone, Debug)]
pub struct Live {
    stocks: Vec<Stocks>,
    shares: Vec<f64>,
    /// What each office's last closed day sends into its at-large tiers the next morning
    /// (during the warm-up: a day of the starting stocks, which do not move).
    refill: Vec<Refill>,
    /// Whether the scenario describes a docket: otherwise its column would count the
    /// model's own releases alone, which is not the docket.
    docket_on: bool,
}

impl Live {
    /// The offices' starting stocks.
    pub fn new(sc: &Scenario) -> Live {
        let positive = |s: &crate::Schedule| s.steps.iter().any(|st| st.1 > 0.0);
        let stocks: Vec<Stocks> = sc
            .offices
            .iter()
            .map(|o| Stocks { atd: o.atd_participants, docket: o.docket_pending })
            .collect();
        let shares = office_shares(sc);
        // The warm-up's refill: one day of the starting stocks at the start date's
        // parameters, with no releases of the model's own (the warm-up's inputs stay at
        // the start, and so do the stocks).
        let (atd, docket) =
            (AtdDay::at(&sc.detention, sc.start), DocketDay::at(&sc.courts, sc.start));
        let refill = stocks
            .iter()
            .zip(&shares)
            .map(|(&st, &share)| {
                let mut st = st;
                let day = st.step(&atd, &docket, Inflow { share, ..Inflow::default() });
                Refill::of(sc, &day)
            })
            .collect();
        Live {
            stocks,
            shares,
            refill,
            docket_on: sc.offices.iter().any(|o| o.docket_pending > 0.0)
                || positive(&sc.courts.non_detained_judges)
                || positive(&sc.courts.non_detained_receipts_per_day),
        }
    }

    /// People office `o`'s last closed day sends into its reachable at-large tiers this
    /// morning ([`Refill`]; [`crate::effort::Pools`] splits them among the tiers).
    pub fn refill(&self, o: usize) -> f64 {
        self.refill[o].total()
    }

    /// Office `o`'s stocks now.
    pub fn stocks(&self, o: usize) -> Stocks {
        self.stocks[o]
    }

    /// Office `o`'s expected check-in arrests on a day of rates `rates`, from its stocks at
    /// the end of the day before.
    pub fn checkin_mean(&self, rates: &Checkin, o: usize) -> f64 {
        rates.mean(&self.stocks[o])
    }

    /// Closes measured day `d`: each office's stocks take the day's releases (read from
    /// `daily`) and lose its check-in arrests `arrested[o]` (drawn in the DES, expected in
    /// the fluid); the non-detained columns, their cost and the refill of the at-large
    /// tiers (taken the next morning) are written.
    pub fn close_day(&mut self, sc: &Scenario, daily: &mut Daily, d: usize, arrested: &[f64]) {
        let date = sc.start.plus(d as i32);
        let atd = AtdDay::at(&sc.detention, date);
        let docket = DocketDay::at(&sc.courts, date);
        let rates = Checkin::at(&sc.channels, date);
        for (o, st) in self.stocks.iter_mut().enumerate() {
            let released = |keep: fn(&crate::ids::ReleaseInfo) -> bool| -> f64 {
                ReleaseReason::ALL
                    .iter()
                    .filter(|r| keep(&r.info()))
                    .map(|r| daily.get(d, o, r.info().metric))
                    .sum()
            };
            let inflow = Inflow {
                supervised: released(|i| i.supervised),
                into_proceedings: if self.docket_on { released(|i| i.docket) } else { 0.0 },
                share: self.shares[o],
                arrested: rates.split(st, arrested[o]),
            };
            let day = st.step(&atd, &docket, inflow);
            let refill = Refill::of(sc, &day);
            self.refill[o] = refill;
            let values = [
                day.enrolled,
                st.atd,
                day.receipts,
                day.completions,
                day.removal_orders,
                day.in_absentia,
                st.docket,
                st.atd * sc.costs.atd_day,
                refill.absentia,
                refill.absconders,
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
        Inflow { supervised, into_proceedings: 0.0, share: 1.0, arrested: [0.0; 2] }
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

    #[test]
    fn checkin_arrests_leave_the_stocks_one_for_one() {
        let docket = DocketDay { capacity: 10.0, ..NO_DOCKET };
        let mut off = Stocks { atd: 1_000.0, docket: 500.0 };
        let mut on = off;
        let a = off.step(&ATD, &docket, inflow(40.0));
        let b = on.step(&ATD, &docket, Inflow { arrested: [7.0, 3.0], ..inflow(40.0) });
        assert!((off.atd - on.atd - 7.0).abs() < 1e-12, "{off:?} {on:?}");
        assert!((off.docket - on.docket - 3.0).abs() < 1e-12);
        assert_eq!((a.enrolled, a.completions), (b.enrolled, b.completions));
        assert_eq!((b.arrested_atd, b.arrested_docket), (7.0, 3.0));
        // Never more than is there (after the day's exits).
        let mut few = Stocks { atd: 100.0, docket: 2.0 };
        let day = few.step(&ATD, &NO_DOCKET, Inflow { arrested: [500.0, 5.0], ..inflow(0.0) });
        assert!((day.arrested_atd - 99.0).abs() < 1e-12 && few.atd.abs() < 1e-12);
        assert!((day.arrested_docket - 2.0).abs() < 1e-12 && few.docket.abs() < 1e-12);
    }

    #[test]
    fn checkin_arrests_full_at_capacity_free_places_for_enrolment() {
        let capped = AtdDay { capacity: Some(500.0), ..ATD };
        let mut st = Stocks { atd: 500.0, docket: 0.0 };
        let day = st.step(&capped, &NO_DOCKET, Inflow { arrested: [20.0, 0.0], ..inflow(1_000.0) });
        // The day's 5 exits and 20 arrests are replaced.
        assert!((day.enrolled - 25.0).abs() < 1e-12 && (st.atd - 500.0).abs() < 1e-12);
    }

    #[test]
    fn the_refill_is_a_share_of_orders_and_absconders_from_the_warm_up_on() {
        let mut sc = crate::testkit::tiny();
        sc.offices[0].atd_participants = 7_250.0;
        sc.offices[0].docket_pending = 100_000.0;
        sc.courts.non_detained_judges = crate::Schedule::constant(10.0);
        sc.courts.completions_per_judge_day = 3.0;
        sc.courts.non_detained_removal_order_share = 0.4;
        sc.courts.non_detained_in_absentia_share = 0.5;
        sc.detention.atd_abscond_share = 0.2;
        sc.channels.at_large_refill_share = 0.1;
        let day = Day { in_absentia: 6.0, atd_exits: 10.0, ..Day::default() };
        let r = Refill::of(&sc, &day);
        assert!((r.absentia - 0.6).abs() < 1e-12 && (r.absconders - 0.2).abs() < 1e-12, "{r:?}");
        // Before the first measured day: 30 completions x 0.4 x 0.5 = 6 orders and
        // 7,250 / 725 = 10 exits from the starting stocks, as above.
        assert!((Live::new(&sc).refill(0) - 0.8).abs() < 1e-12);
        sc.channels.at_large_refill_share = 0.0;
        assert_eq!(Live::new(&sc).refill(0), 0.0);
    }

    #[test]
    fn checkin_mean_is_each_stock_times_its_rate_and_the_split_keeps_it() {
        let rates = Checkin { per_atd_day: 0.001, per_docket_day: 0.0001 };
        let st = Stocks { atd: 10_000.0, docket: 200_000.0 };
        assert!((rates.mean(&st) - 30.0).abs() < 1e-12);
        let [a, d] = rates.split(&st, 30.0);
        assert!((a - 10.0).abs() < 1e-12 && (d - 20.0).abs() < 1e-12);
        let [a, d] = rates.split(&st, 3.0);
        assert!((a - 1.0).abs() < 1e-12 && (d - 2.0).abs() < 1e-12);
        assert_eq!(Checkin::default().split(&st, 3.0), [0.0, 0.0]);
    }
}
