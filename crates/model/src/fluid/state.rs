//! The daily driver: one step of the difference equations per simulated day, in the DES's
//! order — capacities, arrests, apprehensions, then the flows of the day in three phases:
//!
//! - **A**: everyone already in detention advances a day (hearings, documents, hub moves,
//!   voluntary departures, the custody limit, the morning's transport), which frees beds;
//! - **B**: the day's arrivals and the CBP line take the free beds (home AOR, then
//!   transfers, else release or CBP hold);
//! - **C**: the newly admitted start their paths (hearings, orders, departures), including
//!   what of it finishes the same day.

use super::agency::{BorderOffices, Tracer};
use super::arrivals::{DelayLine, border, office_arrests};
use super::beds::{Beds, HoldMix};
use super::court::Court;
use super::durations::{self, Log};
use super::linear::{Block, Chain, Flows, Lanes};
use super::orders::{Orders, days_left};
use super::params::{DayParams, Reader};
use super::scratch::{Scratch, zero};
use super::staffing::Reviews;
use super::transport::{FLIGHT, LAND, Transport, mode_of};
use crate::config::Scenario;
use crate::date::Date;
use crate::effort::{OfficeInputs, Staffing};
use crate::ids::{Category, Channel, FacilityKind, Nationality, Pathway};
use crate::mechanisms::{self, SectorDay, StockRow, personnel_cost};
use crate::metrics::{Daily, Metric};

const K: usize = FacilityKind::COUNT;

/// What left detention today, per office (attributed to the home office).
#[derive(Clone, Debug, Default)]
pub(crate) struct Exits {
    pub relief: Vec<f64>,
    pub discretionary: Vec<f64>,
    /// The bond part of `discretionary`.
    pub bond: Vec<f64>,
    pub voluntary: Vec<f64>,
    pub not_foreseeable: Vec<f64>,
    pub land: Vec<f64>,
    pub flight: Vec<f64>,
    /// Σ ages (days since book-in) of all of them.
    pub ages: Vec<f64>,
    /// Of all of them, the people CBP arrested, and their Σ ages.
    pub cbp: Vec<f64>,
    pub cbp_ages: Vec<f64>,
}

impl Exits {
    pub fn new(n: usize) -> Exits {
        let z = vec![0.0; n];
        Exits {
            relief: z.clone(),
            discretionary: z.clone(),
            bond: z.clone(),
            voluntary: z.clone(),
            not_foreseeable: z.clone(),
            land: z.clone(),
            flight: z.clone(),
            ages: z.clone(),
            cbp: z.clone(),
            cbp_ages: z,
        }
    }

    fn clear(&mut self) {
        for v in [
            &mut self.relief,
            &mut self.discretionary,
            &mut self.bond,
            &mut self.voluntary,
            &mut self.not_foreseeable,
            &mut self.land,
            &mut self.flight,
            &mut self.ages,
            &mut self.cbp,
            &mut self.cbp_ages,
        ] {
            zero(v);
        }
    }

    pub fn total(&self, o: usize) -> f64 {
        self.relief[o]
            + self.discretionary[o]
            + self.voluntary[o]
            + self.not_foreseeable[o]
            + self.land[o]
            + self.flight[o]
    }
}

/// Running totals for the end-of-run checks.
#[derive(Clone, Debug, Default)]
pub(crate) struct Checks {
    pub days_checked: u32,
    pub balance_ok: bool,
    pub one_state_ok: bool,
    pub non_negative_ok: bool,
    pub violations: Vec<String>,
    /// Over the measured window: person-days, admissions, Σ stays of book-outs, book-outs.
    pub area: f64,
    pub admissions: f64,
    pub exit_ages: f64,
    pub exits: f64,
    /// Σ ages and population when the window opened and at the end.
    pub ages_start: f64,
    pub ages_end: f64,
    /// Person-days in the window of those detained when it opened (carried in), by a
    /// shadow population that leaves at the population's average rate.
    pub carried_area: f64,
    carried: f64,
    /// By facility type: person-days, admissions, book-outs and their stays.
    pub kind_area: [f64; K],
    pub kind_admissions: [f64; K],
    pub kind_exits: [f64; K],
    pub kind_exit_ages: [f64; K],
    last_detained: Option<f64>,
}

impl Checks {
    fn violation(&mut self, msg: String) {
        if self.violations.len() < 20 {
            self.violations.push(msg);
        }
    }
}

/// The fluid state of a scenario.
pub(crate) struct Fluid<'a> {
    sc: &'a Scenario,
    offices: usize,
    pools: Vec<crate::effort::Pools>,
    reviews: Reviews,
    /// Each office's leadership (reviews' and one-off rotations') and the quarter's tally.
    leadership: crate::leadership::Leadership,
    /// Officers away: escorts, learning, overtime attrition.
    workforce: crate::workforce::Workforce,
    /// Each office's share of the national flights added on demand (flight hubs).
    hub_share: Vec<f64>,
    delay: DelayLine,
    beds: Beds,
    court: Court,
    voluntary: Lanes,
    voluntary_days: f64,
    voluntary_block: Block,
    voluntary_flows: Flows,
    /// Interior arrests' orders waiting for documents, per office.
    orders: Orders,
    transport: Transport,
    /// Border apprehensions' orders waiting for documents (their own document times), per
    /// border office; their transport is shared and followed by a tracer for the statistics
    /// by arresting agency.
    border_orders: Orders,
    border_offices: BorderOffices,
    agency: Tracer,
    pub daily: Daily,
    pub log: Log,
    pub checks: Checks,
    /// (place, office, index in the office's `beds`) of every bed schedule; where an office
    /// lists a type twice the last one wins, as in the DES.
    bed_schedules: Vec<(usize, usize, usize)>,
    /// The parameters in force today and the first later date on which a schedule they
    /// read steps (`None`: never): they are recomputed only then.
    params: DayParams,
    params_until: Option<Date>,
    /// People in court (interior, border) when the bond dockets were last set
    /// ([`mechanisms::bond_docket_due`]).
    in_court: [f64; 2],
    /// Likewise for the bed capacities, which only change on a bed schedule's step dates
    /// (the start date at first, so that they are read on the first day).
    beds_until: Option<Date>,
    /// Likewise for what each office's arrests read from its schedules.
    office_inputs: Vec<OfficeInputs>,
    office_until: Option<Date>,
    /// The staffing and the border's expected day, kept from one warm-up day to the next:
    /// the warm-up runs on the start date and the reviews only act in the measured window,
    /// so both are the same every warm-up day.
    warm_inputs: Option<(Staffing, Vec<SectorDay>)>,
    /// Which offices are land-border offices and which are flight hubs.
    land_border: Vec<bool>,
    flight_hub: Vec<bool>,
    scratch: Scratch,
    /// The non-detained stocks (ATD, docket), stepped after each measured day's records.
    nondetained: crate::nondetained::Live,
    /// Expected check-in arrests today, per office: what the stocks lose at the day's end.
    checkins_today: Vec<f64>,
}

fn exp_block(mean: f64) -> Block {
    let rate = if mean <= 0.0 { 1e4 } else { 1.0 / mean };
    Block::new(&Chain { moves: vec![vec![0.0]], exits: vec![vec![rate]] })
}

/// Largest value a schedule takes.
fn max_of(s: &crate::config::Schedule) -> f64 {
    s.steps.iter().map(|x| x.1).fold(0.0, f64::max)
}

impl<'a> Fluid<'a> {
    pub fn new(sc: &'a Scenario) -> Fluid<'a> {
        let n = sc.offices.len();
        let (p, params_until) = DayParams::at_until(sc, sc.start);
        let d = &sc.detention;
        let max_delay = max_of(&d.booking_days).max(max_of(&d.usbp_transfer_days));
        let limit = sc.removal.post_order_custody_limit_days.max(0.0);
        let border_offices = BorderOffices::of(sc);
        let border_offices_len = border_offices.len();
        Fluid {
            sc,
            offices: n,
            pools: sc.offices.iter().map(crate::effort::Pools::initial).collect(),
            reviews: Reviews::new(n),
            leadership: crate::leadership::Leadership::new(sc),
            workforce: crate::workforce::Workforce::new(n),
            hub_share: {
                let mut v = vec![0.0; n];
                for (o, share) in mechanisms::flight_hub_shares(sc) {
                    v[o] = share;
                }
                v
            },
            delay: DelayLine::new(n, max_delay),
            beds: Beds::new(n, p.cbp_limit_days),
            court: Court::new(2 * n, border_offices.offices()),
            voluntary: Lanes::new(1, n),
            voluntary_days: p.voluntary_days,
            voluntary_block: exp_block(p.voluntary_days),
            voluntary_flows: Flows::new(1, n),
            orders: Orders::new(0, n, limit),
            transport: Transport::new(n, max_of(&sc.removal.hub_transfer_days), limit),
            border_orders: Orders::new(1, border_offices.len(), limit),
            border_offices,
            agency: Tracer::new(n),
            daily: Daily::new(sc.days as usize, n),
            log: Log::new(n),
            in_court: [0.0; 2],
            bed_schedules: sc
                .offices
                .iter()
                .enumerate()
                .flat_map(|(o, office)| {
                    (0..K).filter_map(move |k| {
                        let last = office.beds.iter().rposition(|b| b.kind as usize == k)?;
                        Some((o * K + k, o, last))
                    })
                })
                .collect(),
            params: p.clone(),
            params_until,
            beds_until: Some(sc.start),
            office_inputs: vec![OfficeInputs::default(); n],
            office_until: Some(sc.start),
            warm_inputs: None,
            land_border: sc.offices.iter().map(|o| o.land_border).collect(),
            flight_hub: sc.offices.iter().map(|o| o.flight_hub).collect(),
            scratch: {
                let mut s = Scratch::new(n);
                s.border_offices(border_offices_len);
                s
            },
            nondetained: crate::nondetained::Live::new(sc),
            checkins_today: vec![0.0; n],
            checks: Checks {
                balance_ok: true,
                one_state_ok: true,
                non_negative_ok: true,
                ..Checks::default()
            },
        }
    }

    /// The date whose parameters apply on simulated day `day` (warm-up uses the start).
    fn param_date(&self, day: u32) -> Date {
        let w = self.sc.warmup_days;
        if day < w { self.sc.start } else { self.sc.start.plus((day - w) as i32) }
    }

    /// People of office `o` in court, waiting for documents, and moving to a hub or waiting
    /// for transport: the masses [`Fluid::detained`] adds up.
    /// `waiting` is [`Fluid::waiting`]'s mass, from the day's rows ([`Orders::masses_into`]).
    fn stocks(&self, o: usize, waiting: f64) -> [f64; 3] {
        let lanes = [2 * o, 2 * o + 1];
        let court: f64 = lanes.iter().map(|&l| self.court.people(l)).sum();
        [court, waiting, self.transport.stock(o).0]
    }

    /// People of office `o` waiting for documents after an order (both sources): mass and
    /// age sum.
    fn waiting(&self, o: usize) -> (f64, f64) {
        let (m, z) = self.orders.stock(o);
        match self.border_offices.get(o) {
            Some(b) => {
                let (bm, bz) = self.border_orders.stock(b);
                (m + bm, z + bz)
            }
            None => (m, z),
        }
    }

    /// Office `o`'s released today at the custody limit while waiting (both sources).
    fn released_waiting(&self, o: usize) -> (f64, f64) {
        let (m, z) = (self.orders.released[o], self.orders.released_age[o]);
        self.border_released(o).map_or((m, z), |(bm, bz)| (m + bm, z + bz))
    }

    /// The border source's part of [`Fluid::released_waiting`] (`None` off the border).
    fn border_released(&self, o: usize) -> Option<(f64, f64)> {
        let b = self.border_offices.get(o)?;
        Some((self.border_orders.released[b], self.border_orders.released_age[b]))
    }

    /// Documents ready so far today for nationality group `nn`, both sources, per office:
    /// into `m`, `z` (mass, age sum).
    fn ready_into(&self, nn: usize, m: &mut [f64], z: &mut [f64]) {
        let ((im, iz), (bm, bz)) = (self.orders.ready(nn), self.border_orders.ready(nn));
        m.copy_from_slice(im);
        z.copy_from_slice(iz);
        for (b, &o) in self.border_offices.offices().iter().enumerate() {
            m[o] += bm[b];
            z[o] += bz[b];
        }
    }

    /// Detained people and their age sum, per office (home), from the pipeline.
    fn detained(&self, o: usize) -> (f64, f64) {
        let (om, oz) = self.waiting(o);
        let (tm, tz) = self.transport.stock(o);
        let lanes = [2 * o, 2 * o + 1];
        let cm: f64 = lanes.iter().map(|&l| self.court.people(l)).sum();
        let cz: f64 = lanes.iter().map(|&l| self.court.people_age(l)).sum();
        (cm + om + tm + self.voluntary.x[o], cz + oz + tz + self.voluntary.z[o])
    }

    /// Runs every day of the warm-up and the measured window.
    pub fn run(&mut self) {
        let total = self.sc.warmup_days + self.sc.days;
        for day in 0..total {
            if day == self.sc.warmup_days {
                let (m, z): (f64, f64) = (0..self.offices)
                    .map(|o| self.detained(o))
                    .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
                self.checks.ages_start = z;
                self.checks.carried = m;
            }
            self.step(day);
        }
        self.checks.ages_end = (0..self.offices).map(|o| self.detained(o).1).sum();
    }

    /// One simulated day, in the DES's order: the day's inputs, arrests, apprehensions,
    /// then phases A, B and C of the flows, the day's exits, its records and its checks.
    fn step(&mut self, day: u32) {
        let sc = self.sc;
        let warm = sc.warmup_days;
        let measured = (day >= warm).then(|| (day - warm) as usize);
        let date = self.param_date(day);
        if measured.is_some() {
            self.reviews.start_of_day(sc, date, &mut self.leadership);
            self.leadership.rotate_due(sc, date, super::staffing::mean_multiplier);
        }
        self.refresh_schedules(date);
        if mechanisms::bond_docket_due(day) {
            let court = &self.court;
            self.in_court =
                [0, 1].map(|s| (0..self.offices).map(|o| court.people(2 * o + s)).sum());
            self.params.docket(self.in_court);
        }
        let p = self.params.clone();
        self.log.day(&p);

        let (st, sectors) = self.warm_inputs.take().unwrap_or_else(|| {
            let st = crate::effort::reinforcements(sc, date, &self.leadership.effects(date));
            let sectors = border(sc, &p, date, &st);
            (st, sectors)
        });
        // `removed` still holds yesterday's flights (the transport's day starts later).
        let flown: f64 = self.transport.removed[FLIGHT].iter().sum();
        self.workforce.flown(sc, flown);
        self.arrests(day, date, measured, &p, &st);
        self.apprehensions(day, measured, &p, &sectors);
        if day + 1 < warm {
            self.warm_inputs = Some((st, sectors));
        }
        let mut buf = std::mem::take(&mut self.scratch);
        self.delay.take(day, &mut buf);
        let transport = &self.transport;
        self.agency.start_day(|o| transport.stock(o));
        let split = OrderSplit {
            q: p.removal_order_share.clamp(0.0, 1.0),
            nat: p.nationality.map(DayParams::as_drawn),
        };
        self.phase_a(day, &p, &split, &mut buf);
        let admitted = self.phase_b(day, measured, &p, &mut buf);
        self.phase_c(day, &p, &split, &mut buf);
        self.close_agency_day();
        for (o, &m) in self.transport.moved.iter().enumerate() {
            self.workforce.moved(o, m);
        }
        self.exits(measured, split.q, &p.bond_share, &mut buf);
        let mut detained = std::mem::take(&mut buf.detained);
        self.orders.masses_into(&mut buf.waiting);
        self.border_orders.masses_into(&mut buf.border_waiting);
        for (o, d) in detained.iter_mut().enumerate() {
            let border = self.border_offices.get(o).map(|b| buf.border_waiting[b]);
            let s = self.stocks(o, border.map_or(buf.waiting[o], |bm| buf.waiting[o] + bm));
            buf.stocks[o] = s;
            *d = s[0] + s[1] + s[2] + self.voluntary.x[o];
            if measured.is_some() {
                buf.detained_cbp[o] = self.detained_cbp(o, border.unwrap_or(0.0), s[1] + s[2]);
            }
        }
        self.beds.close(&buf.exits_a, &detained);
        if let Some(d) = measured {
            self.record_day(d, &buf);
            // Today's releases are all recorded now: the non-detained stocks take them.
            self.nondetained.close_day(sc, &mut self.daily, d, &self.checkins_today);
        }
        let total_detained: f64 = detained.iter().sum();
        // Only the measured days' checks read the exits (left at zero on warm-up days).
        let exits_total: f64 = if measured.is_some() {
            (0..self.offices).map(|o| buf.exits.total(o)).sum()
        } else {
            0.0
        };
        self.check_day(day, measured, total_detained, admitted, exits_total, &buf.exits);
        buf.detained = detained;
        self.scratch = buf;
    }

    /// Expected interior arrests of every office: booked into the delay line, the
    /// released at processing and the arrests recorded, the reachable pools drawn down,
    /// the personnel and its cost recorded and the reviews fed.
    fn arrests(
        &mut self,
        day: u32,
        date: Date,
        measured: Option<usize>,
        p: &DayParams,
        st: &Staffing,
    ) {
        let sc = self.sc;
        let reviewing = measured.is_some() && Reviews::reviewing(sc, date);
        let book = p.book_in_share.map(|b| b.clamp(0.0, 1.0));
        let tracks = p.interior_tracks();
        let booking = self.delay.slots(day, p.booking_days);
        let calendar = crate::variation::calendar_date(sc.start, sc.warmup_days, day);
        let weight = crate::variation::weekday_weight(&sc.ero, calendar);
        let checkin = crate::nondetained::Checkin::at(&sc.channels, date);
        // Per channel: a summary channel's, and whether its book-ins are CBP's (looked up
        // once rather than per office and category).
        let kinds =
            Channel::ALL.map(|ch| (ch.info().summary, ch.info().book_in() == Metric::BookInsCbp));
        // The flight hubs' officers, which every hub's share of the escorts divides by.
        let hub_officers = crate::workforce::hub_officers(sc, date);
        for o in 0..self.offices {
            let away = self.workforce.away_at(sc, o, date, hub_officers);
            let (inputs, pools) = (&self.office_inputs[o], &self.pools[o]);
            let extra = crate::effort::Reinforcements {
                officers_away: away.total(),
                checkin_arrests: self.nondetained.checkin_mean(&checkin, o),
                ..st.extra[o]
            };
            let a = office_arrests(sc, p, o, inputs, pools, extra, weight);
            let (community, at_large) = (pools.community, pools.at_large.iter().sum::<f64>());
            self.workforce.close_day(sc, o, date, a.day.overtime);
            self.checkins_today[o] = a.day.by_channel[Channel::Checkin.index()];
            // Per category: all arrests, those counted as CBP book-ins (ChannelInfo::book_in)
            // and those of summary channels (ChannelInfo::summary: all booked, summary
            // track). A channel's row at a time (its kind looked at once, not per
            // category); each category still adds the channels in their order.
            const C: usize = Category::COUNT;
            let (mut xs, mut cbps, mut summaries) = ([0.0; C], [0.0; C], [0.0; C]);
            for (ch, &(is_summary, is_cbp)) in Channel::ALL.iter().zip(&kinds) {
                let row = &a.by[ch.index()];
                if is_summary {
                    add_row(&mut summaries, row);
                    continue;
                }
                add_row(&mut xs, row);
                if is_cbp {
                    add_row(&mut cbps, row);
                }
            }
            for c in 0..C {
                let (x, cbp, summary) = (xs[c], cbps[c], summaries[c]);
                self.delay.push_interior(booking, o, c, tracks, x * book[c]);
                if cbp > 0.0 {
                    self.delay.push_interior_cbp(booking, o, cbp * book[c]);
                }
                if summary > 0.0 {
                    self.delay.push_interior(booking, o, c, [1.0, 0.0, 0.0], summary);
                }
                if let Some(d) = measured {
                    self.daily.add(d, o, Category::ARRESTS[c], x + summary);
                    self.daily.add(d, o, Metric::ReleasedAtProcessing, x * (1.0 - book[c]));
                }
            }
            self.pools[o].close_day(&sc.offices[o], &a.day, self.nondetained.refill(o));
            let by_channel = Channel::ALL.map(|ch| a.by[ch.index()].iter().sum::<f64>());
            let interior = |ch: &Channel| ch.info().arrests.is_some();
            let total: f64 =
                Channel::ALL.iter().filter(|c| interior(c)).map(|c| by_channel[c.index()]).sum();
            self.leadership.tally(o, total, a.day.target, a.day.officer_days);
            // The rest is only recorded (and reviewed): not on warm-up days.
            let Some(d) = measured else { continue };
            for ch in Channel::ALL {
                let Some(m) = ch.info().arrests else { continue };
                self.daily.add(d, o, m, by_channel[ch.index()]);
            }
            let (partner_days, bp_days) = st.days_by_office[o];
            let cost = personnel_cost(&sc.ero, &sc.costs, &a.day, &away, partner_days, bp_days);
            let row = [
                (Metric::Target, a.day.target),
                (Metric::OfficerDays, a.day.officer_days),
                (Metric::PartnerOfficerDays, partner_days),
                (Metric::BpAgentDaysInland, bp_days),
                (Metric::EscortOfficerDays, away.escort),
                (Metric::TransferEscortOfficerDays, away.transfer_escort),
                (Metric::LearningOfficerDays, away.learning),
                (Metric::OfficersDetailed, st.extra[o].detailed_in),
                (Metric::DetailTravelOfficerDays, st.extra[o].detail_travel),
                (Metric::OfficersLost, self.workforce.lost(o)),
                (Metric::CommunityPool, community),
                (Metric::AtLargePool, at_large),
            ];
            for (m, x) in row.into_iter().chain(cost.columns()) {
                self.daily.add(d, o, m, x);
            }
            if reviewing {
                self.reviews.office_day(o, total, a.day.target, a.day.officer_days);
            }
        }
        if reviewing {
            self.reviews.day_done();
        }
        self.leadership.close_day();
    }

    /// Every sector's expected day: recorded, and its book-ins sent to the delay line.
    fn apprehensions(
        &mut self,
        day: u32,
        measured: Option<usize>,
        p: &DayParams,
        sectors: &[SectorDay],
    ) {
        let transfer = self.delay.slots(day, p.usbp_transfer_days);
        for s in sectors {
            put(&mut self.daily, measured, s.office, Metric::Apprehensions, s.apprehensions());
            put(&mut self.daily, measured, s.office, Metric::RemovalsDirect, s.direct);
            put(&mut self.daily, measured, s.office, Metric::Gotaways, s.gotaways);
            put(&mut self.daily, measured, s.office, Metric::ExtraGotaways, s.extra_gotaways);
            self.delay.push_border(transfer, s.office, s.booked);
        }
    }

    /// Phase A: everyone already detained advances a day — court decisions become orders
    /// or releases, voluntary departures leave, orders wait for documents, and the
    /// morning's transport takes the ready — which frees beds (`buf.exits_a`).
    fn phase_a(&mut self, day: u32, p: &DayParams, split: &OrderSplit, buf: &mut Scratch) {
        let OrderSplit { q, nat } = split;
        let q = *q;
        self.direct_shares(&mut buf.direct);
        self.court.phase_a(p);
        let ct = &self.court;
        for o in 0..self.offices {
            let (mut m_by, mut z_by) = ([0.0; 4], [0.0; 4]);
            let (mut bm_by, mut bz_by) = ([0.0; 4], [0.0; 4]);
            let mut out = 0.0;
            let mut judge = 0.0;
            // The office's lane in each source's rows (none: a border lane that holds 0).
            let lanes = [ct.lane(0, o), ct.lane(1, o)];
            for c in 0..Category::COUNT {
                let (dm, dz, rel) = (&ct.decided_a[c], &ct.decided_a_age[c], &ct.released_a[c]);
                for (s, lane) in lanes.iter().enumerate() {
                    let (dm, dz, rel) =
                        lane.map_or((0.0, 0.0, 0.0), |j| (dm[s][j], dz[s][j], rel[s][j]));
                    let (m, z) =
                        if s == 0 { (&mut m_by, &mut z_by) } else { (&mut bm_by, &mut bz_by) };
                    orders_of(q * dm, q * dz, &nat[s], m, z);
                    judge += q * dm;
                    out += (1.0 - q) * dm + rel;
                }
            }
            buf.path_orders[o] = [0.0; Pathway::COUNT];
            buf.path_orders[o][Pathway::Judge.index()] = judge;
            for nn in 0..Nationality::COUNT {
                buf.orders[nn][o] = m_by[nn];
                buf.orders_age[nn][o] = z_by[nn];
            }
            if let Some(b) = self.border_offices.get(o) {
                for nn in 0..Nationality::COUNT {
                    buf.border_orders[nn][b] = bm_by[nn];
                    buf.border_orders_age[nn][b] = bz_by[nn];
                }
            } else {
                debug_assert!(bm_by.iter().all(|x| *x == 0.0), "border orders off the border");
            }
            buf.exits_a[o] = out;
        }
        if p.voluntary_days != self.voluntary_days {
            self.voluntary_days = p.voluntary_days;
            self.voluntary_block = exp_block(p.voluntary_days);
        }
        self.voluntary_flows.clear();
        self.voluntary_block.step(&mut self.voluntary, &mut self.voluntary_flows);
        self.orders.phase_a(day, p, &buf.orders, &buf.orders_age);
        self.border_orders.phase_a(day, p, &buf.border_orders, &buf.border_orders_age);
        self.transport.start_day(day, p);
        for nn in 0..Nationality::COUNT {
            let scale = days_left(&[&self.orders, &self.border_orders], nn, p, &mut buf.left);
            self.transport.plan(nn, p, &buf.left, scale);
        }
        // Phase A's ready are also what phase C subtracts (nothing is ready between the
        // two phases), so they are kept in `ready_before` rather than computed again.
        for nn in 0..Nationality::COUNT {
            let (r, z) = (&mut buf.ready_before[nn], &mut buf.ready_before_age[nn]);
            self.ready_into(nn, r, z);
            let (r, z) = (&buf.ready_before[nn], &buf.ready_before_age[nn]);
            self.transport.route(day, p, nn, r, z, &buf.direct[mode_of(nn)]);
        }
        self.transport.serve(true);
        for o in 0..self.offices {
            buf.exits_a[o] += self.voluntary_flows.exit[o]
                + self.released_waiting(o).0
                + self.transport.released[o]
                + self.transport.removed[LAND][o]
                + self.transport.removed[FLIGHT][o];
        }
    }

    /// Phase B: the day's arrivals and the CBP line take the beds phase A left free (home
    /// AOR, then transfers, else release or CBP hold); the admissions are counted by
    /// source, category and path into `buf.cells`. Returns the day's admissions.
    fn phase_b(
        &mut self,
        day: u32,
        measured: Option<usize>,
        p: &DayParams,
        buf: &mut Scratch,
    ) -> f64 {
        self.beds.open(&buf.exits_a);
        for (x, i) in buf.interior_in.iter_mut().zip(&buf.interior) {
            *x = i.iter().flatten().sum::<f64>();
        }
        let bt = p.border_tracks();
        let bcat = DayParams::as_drawn(p.border_category);
        let mix: HoldMix = std::array::from_fn(|c| [bcat[c] * bt[0], bcat[c] * bt[2]]);
        buf.mixes.iter_mut().for_each(|m| *m = mix);
        // Managed occupancy: ICE's own arrivals first, CBP's transfers into the room left
        // under the ceiling by those held after the morning's exits.
        let border_room = if p.border_ceiling.is_finite() {
            let held: f64 = (0..self.offices)
                .map(|o| self.beds.home_total(o) - buf.exits_a[o] + buf.interior_in[o])
                .sum();
            crate::mechanisms::border_room(p.border_ceiling, held)
        } else {
            f64::INFINITY
        };
        self.beds.admit(
            &buf.interior_in,
            &buf.border,
            &buf.mixes,
            &p.rules,
            p.cbp_limit_days,
            border_room,
            &mut buf.placed,
        );
        let (interior, border_in, placed) = (&buf.interior, &buf.border, &buf.placed);
        // Admissions by [source][category][path] per office.
        // Every cell of an office's row is written below (the border source has no
        // voluntary path), so the table needs no clearing first; `0.0 + x` is what adding
        // to a cleared cell gave (−0.0 becomes +0.0).
        let cells = &mut buf.cells;
        let mut admitted_total = 0.0;
        for o in 0..self.offices {
            let (a, b) = (placed[o].interior_admitted, placed[o].border_admitted);
            let mut ice = 0.0;
            let mut cbp = 0.0;
            let row = &mut cells[o];
            for c in 0..Category::COUNT {
                for t in 0..3 {
                    let x = interior[o][c][t] * a;
                    row[durations::cell(0, c, t)] = 0.0 + x;
                    ice += x;
                }
                let hold = placed[o].from_hold[c];
                row[durations::cell(1, c, 1)] = 0.0;
                for (t, path) in [(0, 0), (1, 2)] {
                    let x = border_in[o] * b * mix[c][t] + hold[t];
                    row[durations::cell(1, c, path)] = 0.0 + x;
                    cbp += x;
                }
            }
            let no_bed = interior[o].iter().flatten().sum::<f64>() * (1.0 - a);
            // Book-ins by arresting agency: Border Patrol's interior arrests count as CBP's.
            let interior_cbp = buf.interior_cbp[o] * a;
            self.log.interior_agency(interior_cbp, ice, day + 60 >= self.sc.warmup_days);
            self.agency.interior(o, interior_cbp, ice);
            let daily = &mut self.daily;
            put(daily, measured, o, Metric::BookInsIce, ice - interior_cbp);
            put(daily, measured, o, Metric::BookInsCbp, cbp + interior_cbp);
            put(daily, measured, o, Metric::TransfersOutOfAor, placed[o].transferred);
            self.workforce.moved(o, placed[o].transferred);
            let border_no_bed = placed[o].hold_expired + placed[o].border_released;
            put(daily, measured, o, Metric::ReleasedNoBed, no_bed + border_no_bed);
            admitted_total += ice + cbp;
            let d: [f64; 4] = std::array::from_fn(|nn| buf.direct[mode_of(nn)][o]);
            self.log.admitted(o, &cells[o], &d, day + 60 >= self.sc.warmup_days);
        }
        admitted_total
    }

    /// Phase C: the newly admitted start their paths — hearings, orders at once,
    /// voluntary departures — including what of it finishes the same day, and the
    /// afternoon's transport takes the newly ready.
    fn phase_c(&mut self, day: u32, p: &DayParams, split: &OrderSplit, buf: &mut Scratch) {
        let OrderSplit { q, nat } = split;
        let q = *q;
        let cells = &buf.cells;
        let (entrants, vol_in) = (&mut buf.entrants, &mut buf.vol_in);
        let orders_c = &mut buf.orders_c;
        for o in 0..self.offices {
            let mut m_by = [0.0; 4];
            let mut bm_by = [0.0; 4];
            let mut vol = 0.0;
            for c in 0..Category::COUNT {
                for s in 0..2 {
                    entrants[c][2 * o + s] = cells[o][durations::cell(s, c, 2)];
                    let now = cells[o][durations::cell(s, c, 0)];
                    // Source 0 (interior) orders at book-in are summary, 1 (border) expedited.
                    let path = if s == 0 { Pathway::Summary } else { Pathway::Expedited };
                    buf.path_orders[o][path.index()] += now;
                    let by = if s == 0 { &mut m_by } else { &mut bm_by };
                    for (x, w) in by.iter_mut().zip(&nat[s]) {
                        *x += now * w;
                    }
                }
                vol += cells[o][durations::cell(0, c, 1)];
            }
            for nn in 0..Nationality::COUNT {
                orders_c[nn][o] = m_by[nn];
            }
            if let Some(b) = self.border_offices.get(o) {
                for nn in 0..Nationality::COUNT {
                    buf.border_orders_c[nn][b] = bm_by[nn];
                }
            }
            vol_in[o] = vol;
        }
        self.court.phase_c(entrants, p);
        let ct = &self.court;
        let orders_c_age = &mut buf.orders_c_age;
        for o in 0..self.offices {
            let mut m_by: [f64; 4] = std::array::from_fn(|nn| orders_c[nn][o]);
            let mut z_by = [0.0; 4];
            let b = self.border_offices.get(o);
            let mut bm_by: [f64; 4] =
                std::array::from_fn(|nn| b.map_or(0.0, |b| buf.border_orders_c[nn][b]));
            let mut bz_by = [0.0; 4];
            let lanes = [ct.lane(0, o), ct.lane(1, o)];
            for c in 0..Category::COUNT {
                let (d, da) = (&ct.decided[c], &ct.decided_a[c]);
                let (dz, dza) = (&ct.decided_age[c], &ct.decided_a_age[c]);
                for (s, lane) in lanes.iter().enumerate() {
                    let (d, da, dz, dza) = lane
                        .map_or((0.0, 0.0, 0.0, 0.0), |j| (d[s][j], da[s][j], dz[s][j], dza[s][j]));
                    buf.path_orders[o][Pathway::Judge.index()] += q * (d - da);
                    let (m, z) = (q * (d - da), q * (dz - dza));
                    let (to_m, to_z) =
                        if s == 0 { (&mut m_by, &mut z_by) } else { (&mut bm_by, &mut bz_by) };
                    orders_of(m, z, &nat[s], to_m, to_z);
                }
            }
            for nn in 0..Nationality::COUNT {
                orders_c[nn][o] = m_by[nn];
                orders_c_age[nn][o] = z_by[nn];
            }
            if let Some(b) = b {
                for nn in 0..Nationality::COUNT {
                    buf.border_orders_c[nn][b] = bm_by[nn];
                    buf.border_orders_c_age[nn][b] = bz_by[nn];
                }
            }
        }
        self.voluntary_block.inflow(
            &mut self.voluntary,
            vol_in,
            &buf.zeros,
            &mut self.voluntary_flows,
        );
        self.orders.phase_c(p, orders_c, orders_c_age);
        self.border_orders.phase_c(p, &buf.border_orders_c, &buf.border_orders_c_age);
        for nn in 0..Nationality::COUNT {
            self.ready_into(nn, &mut buf.ready_c, &mut buf.ready_c_age);
            for (d, b) in buf.ready_c.iter_mut().zip(&buf.ready_before[nn]) {
                *d -= b;
            }
            for (d, b) in buf.ready_c_age.iter_mut().zip(&buf.ready_before_age[nn]) {
                *d -= b;
            }
            self.transport.route(
                day,
                p,
                nn,
                &buf.ready_c,
                &buf.ready_c_age,
                &buf.direct[mode_of(nn)],
            );
        }
        self.transport.serve(false);
        self.transport.end_day(day, p);
        self.orders.end_day(day, p);
        self.border_orders.end_day(day, p);
    }

    /// The day's exits by home office and reason, with their ages, into `buf.exits`
    /// (only the records and checks read them: left at zero on warm-up days).
    fn exits(
        &self,
        measured: Option<usize>,
        q: f64,
        bond_share: &[[f64; 3]; 2],
        buf: &mut Scratch,
    ) {
        let ex = &mut buf.exits;
        if measured.is_none() {
            // Never written on warm-up days, which come first: still all zeros.
            return;
        }
        ex.clear();
        let ct = &self.court;
        for o in 0..self.offices {
            // Court exits by source: the border lane's are CBP's, and Border Patrol's share
            // of the interior lane's (as of everything interior below).
            let bp = self.agency.bp_share(o);
            let lanes = [ct.lane(0, o), ct.lane(1, o)];
            for c in 0..Category::COUNT {
                for (s, lane) in lanes.iter().enumerate() {
                    let w = if s == 1 { 1.0 } else { bp };
                    let at = |v: &[Vec<f64>; 2]| lane.map_or(0.0, |j| v[s][j]);
                    let (d, dz) = (at(&ct.decided[c]), at(&ct.decided_age[c]));
                    let (r, rz) = (at(&ct.released[c]), at(&ct.released_age[c]));
                    ex.cbp[o] += w * ((1.0 - q) * d + r);
                    ex.cbp_ages[o] += w * ((1.0 - q) * dz + rz);
                    ex.relief[o] += (1.0 - q) * d;
                    ex.ages[o] += (1.0 - q) * dz;
                    ex.discretionary[o] += r;
                    ex.bond[o] += bond_share[s][c] * r;
                    ex.ages[o] += rz;
                }
            }
            ex.voluntary[o] = self.voluntary_flows.exit[o];
            ex.ages[o] += self.voluntary_flows.exit_age[o];
            let (wm, wz) = self.released_waiting(o);
            ex.not_foreseeable[o] = wm + self.transport.released[o];
            ex.ages[o] += wz + self.transport.released_age[o];
            ex.land[o] = self.transport.removed[LAND][o];
            ex.flight[o] = self.transport.removed[FLIGHT][o];
            ex.ages[o] +=
                self.transport.removed_age[LAND][o] + self.transport.removed_age[FLIGHT][o];
            // After an order: the tracer's border exits, and Border Patrol's share of the
            // rest (voluntary departures are interior cases).
            let (all, all_age) = after_order_exits((wm, wz), &self.transport, o);
            let (m, z) = self.agency.out[o];
            let (m, z) = self.border_released(o).map_or((m, z), |(bm, bz)| (m + bm, z + bz));
            ex.cbp[o] += m + bp * (all - m + ex.voluntary[o]);
            ex.cbp_ages[o] += z + bp * (all_age - z + self.voluntary_flows.exit_age[o]);
        }
    }

    /// Closes the transport tracer's day (after phase C): what the orders made ready
    /// today entered transport (by source: the two sources' orders), and the
    /// transport's exits and people.
    fn close_agency_day(&mut self) {
        // Each group's rows looked up once a day rather than per office.
        let interior_ready: [_; Nationality::COUNT] = std::array::from_fn(|n| self.orders.ready(n));
        let border_ready: [_; Nationality::COUNT] =
            std::array::from_fn(|n| self.border_orders.ready(n));
        for o in 0..self.offices {
            let (mut interior, mut border) = ((0.0, 0.0), (0.0, 0.0));
            let b = self.border_offices.get(o);
            for nn in 0..Nationality::COUNT {
                let (m, z) = interior_ready[nn];
                interior = (interior.0 + m[o], interior.1 + z[o]);
                if let Some(b) = b {
                    let (bm, bz) = border_ready[nn];
                    border = (border.0 + bm[b], border.1 + bz[b]);
                }
            }
            self.agency.enter(o, true, border.0, border.1);
            self.agency.enter(o, false, interior.0, interior.1);
            let t = &self.transport;
            self.agency.close_day(o, transport_exits(t, o), t.stock(o));
        }
    }

    /// People CBP arrested of office `o` detained now: the border court lane, the tracer's
    /// border people after an order, and Border Patrol's share of the interior rest.
    /// `border_waiting` is the office's border orders waiting for documents (0 off the
    /// border) and `waiting_moving` its people waiting for documents and in transport at
    /// the end of the day (from [`Orders::masses_into`] and [`Fluid::stocks`], not
    /// recomputed).
    fn detained_cbp(&self, o: usize, border_waiting: f64, waiting_moving: f64) -> f64 {
        let after = border_waiting + self.agency.mass(o);
        let border = self.court.people(2 * o + 1) + after;
        let interior = self.court.people(2 * o) + (waiting_moving - after) + self.voluntary.x[o];
        border + self.agency.bp_share(o) * interior
    }

    /// Measured day `d`'s records: exits and their costs, the end-of-day stocks and the
    /// bed cost.
    fn record_day(&mut self, d: usize, buf: &Scratch) {
        use Metric as M;
        let ex = &buf.exits;
        let costs = &self.sc.costs;
        let deaths_per_day = self.sc.detention.deaths_per_day();
        let flights_total: f64 = ex.flight.iter().sum();
        let flight_cost = self.transport.flights_flown() * costs.flight;
        for (o, row) in self.daily.day_rows_mut(d).iter_mut().enumerate() {
            let mut add = |m: Metric, x: f64| row[m as usize] += x;
            add(M::ReleasedRelief, ex.relief[o]);
            add(M::ReleasedDiscretionary, ex.discretionary[o]);
            add(M::ReleasedParole, ex.discretionary[o] - ex.bond[o]);
            add(M::ReleasedBond, ex.bond[o]);
            add(M::ReleasedNotForeseeable, ex.not_foreseeable[o]);
            add(M::RemovalsVoluntary, ex.voluntary[o]);
            add(M::RemovalsLand, ex.land[o]);
            add(M::RemovalsFlight, ex.flight[o]);
            for (m, x) in Pathway::METRICS.iter().zip(buf.path_orders[o]) {
                add(*m, x);
            }
            add(M::BookOuts, ex.total(o));
            add(M::BookOutStayDays, ex.ages[o]);
            add(M::BookOutsCbpArrested, ex.cbp[o]);
            add(M::BookOutStayDaysCbpArrested, ex.cbp_ages[o]);
            add(M::CostLand, ex.land[o] * costs.land_removal);
            add(M::FlightsAdded, self.transport.added_flights * self.hub_share[o]);
            if flights_total > 0.0 {
                add(M::CostFlights, flight_cost * ex.flight[o] / flights_total);
            }
            let [court, waiting, moving] = buf.stocks[o];
            let stocks = StockRow {
                detained: std::array::from_fn(|k| self.beds.occupied(o * K + k)),
                beds: std::array::from_fn(|k| self.beds.capacity[o * K + k]),
                cbp_hold: self.beds.holding(o),
                court_queue: court,
                awaiting_removal: waiting + moving,
                ceiling: std::array::from_fn(|k| self.beds.ceiling[o * K + k]),
                detained_from_aor: self.beds.home_total(o),
                held_away: self.beds.held_away(o),
                detained_cbp_arrested: buf.detained_cbp[o],
            };
            stocks.write(row, costs, deaths_per_day);
        }
    }

    /// Brings the day's parameters, bed capacities and office inputs up to `date` (dates
    /// never go back),
    /// recomputing them only when a schedule they read has stepped since they were read.
    fn refresh_schedules(&mut self, date: Date) {
        let sc = self.sc;
        let due = |until: Option<Date>| until.is_some_and(|u| date >= u);
        if due(self.params_until) {
            (self.params, self.params_until) = DayParams::at_until(sc, date);
            // The bond dockets as last set, until the next docket day.
            self.params.docket(self.in_court);
        }
        if due(self.beds_until) {
            let mut r = Reader::new(date);
            for &(place, o, b) in &self.bed_schedules {
                let rated = r.at(&sc.offices[o].beds[b].beds).round().max(0.0);
                self.beds.capacity[place] = rated;
                let share = sc.detention.surge_share[place % K];
                self.beds.ceiling[place] = mechanisms::surge_ceiling(rated, share);
            }
            self.beds_until = r.next;
        }
        if due(self.office_until) {
            let mut r = Reader::new(date);
            for (o, office) in sc.offices.iter().enumerate() {
                let target = sc.office_target_with(o, |s| r.at(s));
                self.office_inputs[o] =
                    OfficeInputs::read(office, &sc.ero, &sc.channels, target, |s| r.at(s));
            }
            self.office_until = r.next;
        }
    }

    /// Per transport mode and office: the share of the office's detained held where that
    /// mode leaves from (land-border offices, flight hubs); see [`mode_of`].
    /// Both modes in one pass over each home's places ([`Beds::shares_held_at`]).
    fn direct_shares(&self, by_mode: &mut [Vec<f64>; 2]) {
        let mut at: [&[bool]; 2] = [&[], &[]];
        (at[LAND], at[FLIGHT]) = (&self.land_border, &self.flight_hub);
        let [a, b] = by_mode;
        for (h, (xa, xb)) in a.iter_mut().zip(b.iter_mut()).enumerate() {
            [*xa, *xb] = self.beds.shares_held_at(h, at);
        }
    }

    fn check_day(
        &mut self,
        day: u32,
        measured: Option<usize>,
        detained: f64,
        admitted: f64,
        exits: f64,
        ex: &Exits,
    ) {
        if measured.is_none() {
            // Warm-up: nothing is checked; the balance only needs its starting point.
            self.checks.last_detained = Some(detained);
            return;
        }
        let n = self.offices;
        let places = n * K;
        let occupied: f64 = (0..places).map(|p| self.beds.occupied(p)).sum();
        let ok_neg = self.court.non_negative()
            && self.orders.non_negative()
            && self.border_orders.non_negative()
            && self.transport.non_negative()
            && self.voluntary.x.iter().all(|x| *x > -1e-6)
            && self.pools.iter().all(crate::effort::Pools::non_negative);
        let scale = detained.abs().max(1.0);
        let c = &mut self.checks;
        if let Some(last) = c.last_detained {
            let want = last + admitted - exits;
            if (want - detained).abs() > 1e-7 * scale && measured.is_some() {
                c.balance_ok = false;
                c.violation(format!(
                    "day {day}: {last:.3} + {admitted:.3} admitted − {exits:.3} out ≠ {detained:.3} detained"
                ));
            }
        }
        c.last_detained = Some(detained);
        let Some(row) = measured else { return };
        c.days_checked += 1;
        if (occupied - detained).abs() > 1e-7 * scale {
            c.one_state_ok = false;
            c.violation(format!("day {day}: {occupied:.3} in beds, {detained:.3} in the pipeline"));
        }
        if let Some((o, by_type, held)) = self.daily.detained_by_type_gap(row) {
            c.one_state_ok = false;
            c.violation(format!(
                "day {day}, office {o}: {by_type:.3} detained by facility type, {held:.3} detained"
            ));
        }
        if !ok_neg {
            c.non_negative_ok = false;
            c.violation(format!("day {day}: a stock went negative"));
        }
        // Little's law bookkeeping.
        let area: f64 = (0..n)
            .map(|o| {
                self.court.lane(0, o).map_or(0.0, |j| self.court.area[0][j])
                    + self.court.lane(1, o).map_or(0.0, |j| self.court.area[1][j])
                    + self.voluntary_flows.area[o]
                    + self.orders.area(o)
                    + self.border_offices.get(o).map_or(0.0, |b| self.border_orders.area(b))
                    + self.transport.area[o]
            })
            .sum();
        let exit_ages: f64 = ex.ages.iter().sum();
        c.area += area;
        c.admissions += admitted;
        c.exit_ages += exit_ages;
        c.exits += exits;
        let start = c.carried;
        let before = detained - admitted + exits;
        c.carried *= if before + admitted > 0.0 {
            (1.0 - exits / (before + admitted)).max(0.0)
        } else {
            0.0
        };
        c.carried_area += (start + c.carried) / 2.0;
        // By facility type: shares of the day's population, admissions and exits.
        for k in 0..K {
            let held: f64 = (0..n).map(|o| self.beds.occupied(o * K + k)).sum();
            let share = if occupied > 0.0 { held / occupied } else { 0.0 };
            c.kind_area[k] += area * share;
            c.kind_exits[k] += exits * share;
            c.kind_exit_ages[k] += exit_ages * share;
            let adm: f64 = (0..n).map(|o| self.beds.admitted_to(o * K + k)).sum();
            c.kind_admissions[k] += adm;
        }
    }
}

/// How the day's removal orders split: the share of decisions that are orders, and the
/// nationality mix of orders by source (interior, border) as the DES draws it.
struct OrderSplit {
    q: f64,
    nat: [[f64; Nationality::COUNT]; 2],
}

/// Adds `mass` orders (age sum `age`) split by the nationality mix `nat` to `m_by`/`z_by`.
#[inline]
/// Office `o`'s exits from transport today (released at the custody limit, removed by land
/// or air): mass and age sum.
fn transport_exits(t: &Transport, o: usize) -> (f64, f64) {
    (
        t.released[o] + t.removed[LAND][o] + t.removed[FLIGHT][o],
        t.released_age[o] + t.removed_age[LAND][o] + t.removed_age[FLIGHT][o],
    )
}

/// Office `o`'s exits today after an order: released at the custody limit while waiting for
/// documents (`waiting`: mass, age sum), and [`transport_exits`]. Mass and age sum, added
/// left to right as the daily columns always have been.
fn after_order_exits(waiting: (f64, f64), t: &Transport, o: usize) -> (f64, f64) {
    (
        waiting.0 + t.released[o] + t.removed[LAND][o] + t.removed[FLIGHT][o],
        waiting.1 + t.released_age[o] + t.removed_age[LAND][o] + t.removed_age[FLIGHT][o],
    )
}

fn orders_of(mass: f64, age: f64, nat: &[f64; 4], m_by: &mut [f64; 4], z_by: &mut [f64; 4]) {
    for nn in 0..4 {
        m_by[nn] += mass * nat[nn];
        z_by[nn] += age * nat[nn];
    }
}

/// `to[c] += row[c]` for every category.
#[inline]
fn add_row(to: &mut [f64; Category::COUNT], row: &[f64; Category::COUNT]) {
    for (t, x) in to.iter_mut().zip(row) {
        *t += x;
    }
}

/// Adds to the daily table on measured days only.
#[inline]
fn put(daily: &mut Daily, day: Option<usize>, o: usize, m: Metric, x: f64) {
    if let Some(d) = day {
        daily.add(d, o, m, x);
    }
}
