//! The daily driver: capacities, targets, arrests, border apprehensions, transport slots.

use des::{Calendar, SimDuration, SimTime};
use rand::Rng;
use rand_distr::{Distribution, Poisson};

use super::case::{Case, PHASES, Phase, phase_from};
use super::{Ev, Pipeline, TICKS_PER_DAY, review};
use crate::config::Schedule;
use crate::date::Date;
use crate::effort::{self, Reinforcements, Staffing};
use crate::ids::{Category, Channel, FacilityKind, Track};
use crate::mechanisms::{self, FlightSurge, StockRow, TimeOfDay, TransportDemand};
use crate::metrics::Metric;
use crate::variation;

/// A Poisson draw that tolerates zero and non-finite means.
pub(super) fn poisson<R: Rng + ?Sized>(rng: &mut R, mean: f64) -> u64 {
    if !mean.is_finite() || mean <= 0.0 {
        return 0;
    }
    Poisson::new(mean).map_or(0, |p| p.sample(rng) as u64)
}

/// A uniform time within the day starting at `day_start`.
fn within_day<R: Rng + ?Sized>(rng: &mut R, day_start: SimTime) -> SimTime {
    day_start + SimDuration(rng.next_u64() % TICKS_PER_DAY)
}

/// Index drawn from a probability vector (the last index absorbs rounding).
pub(super) fn pick<R: Rng + ?Sized>(rng: &mut R, probs: &[f64]) -> usize {
    let mut u = des::dist::unit(rng);
    for (i, p) in probs.iter().enumerate() {
        if u < *p {
            return i;
        }
        u -= p;
    }
    probs.len() - 1
}

/// Days as ticks.
pub(super) fn days(d: f64) -> SimDuration {
    SimDuration::from_units(d, TICKS_PER_DAY)
}

impl Pipeline<'_> {
    pub(super) fn on_day(&mut self, now: SimTime, cal: &mut Calendar<Ev>) {
        let day = self.day;
        self.day += 1;
        if day > 0 {
            self.snapshot(now);
        }
        if day >= self.sc.warmup_days + self.sc.days {
            return;
        }
        cal.schedule(now + days(1.0), Ev::Day);
        if day == self.sc.warmup_days {
            // The measured window opens: population-time is counted from here.
            for o in &mut self.offices {
                for p in &mut o.beds {
                    p.reset_stats(now);
                }
            }
        }
        let date = self.param_date(day);
        if day >= self.sc.warmup_days {
            self.quarterly_review(date);
            let rng = &mut self.rng.rotation;
            self.leadership.rotate_due(self.sc, date, |m| review::draw(rng, m));
        }
        self.set_capacities(now, date, cal);
        self.redraw_releases_if_changed(now, day, date, cal);
        let staffing = effort::reinforcements(self.sc, date, &self.leadership.effects(date));
        self.workforce.flown(self.sc, std::mem::take(&mut self.flown_today) as f64);
        self.draw_interior_arrests(now, date, &staffing, cal);
        self.draw_border(now, date, &staffing, cal);
        self.schedule_transport(now, date, cal);
    }

    fn set_capacities(&mut self, now: SimTime, date: Date, cal: &mut Calendar<Ev>) {
        for (o, office) in self.sc.offices.iter().enumerate() {
            for b in &office.beds {
                let n = b.beds.at(date).round().max(0.0) as u32;
                let k = b.kind as usize;
                self.offices[o].rated[k] = n;
                let share = self.sc.detention.surge_share[k];
                let n = mechanisms::surge_ceiling(n as f64, share) as u32;
                let pool = &mut self.offices[o].beds[k];
                if pool.servers() != n {
                    // Bed pools have no waiting line: a rise starts no one.
                    let _ = pool.set_servers(now, n);
                }
            }
        }
        let slots = self.sc.courts.detained_docket_slots.at(date).round().max(0.0) as u32;
        if self.court.servers() != slots {
            for moved in self.court.set_servers(now, slots) {
                if let Some(r) = moved.started {
                    self.start_hearing(now, r, cal);
                }
            }
        }
    }

    fn draw_interior_arrests(
        &mut self,
        now: SimTime,
        date: Date,
        staffing: &Staffing,
        cal: &mut Calendar<Ev>,
    ) {
        let sc = self.sc;
        let reviewing = self.measured_day(now).is_some() && self.reviewing(date);
        let custodial_mix = Schedule::at_each(&sc.cases.custodial_category, date);
        let ops_mix = mechanisms::operations_mix(&sc.channels);
        self.operations.advance(&sc.ero, &mut self.rng.operations);
        let calendar = variation::calendar_date(sc.start, sc.warmup_days, self.day - 1);
        let weight = variation::weekday_weight(&sc.ero, calendar);
        let checkin = crate::nondetained::Checkin::at(&sc.channels, date);
        for (o, office) in sc.offices.iter().enumerate() {
            let pools = self.offices[o].pools;
            let away = self.workforce.away(sc, o, date);
            let extra = Reinforcements {
                officers_away: away.total(),
                checkin_arrests: self.nondetained.checkin_mean(&checkin, o),
                ..staffing.extra[o]
            };
            let target = sc.office_target(o, date);
            let mut od =
                effort::office_day(office, &sc.ero, &sc.channels, date, &pools, target, extra);
            variation::scale(&mut od, weight, self.operations.factor(&sc.ero, o));
            self.workforce.close_day(sc, o, date, od.overtime);
            let oid = o as u16;
            let means = mechanisms::arrests_by_category(&od, &custodial_mix, &ops_mix);
            let mut drawn = 0;
            self.checkins_today[o] = 0.0;
            for channel in Channel::ALL.into_iter().filter(|c| c.is_interior()) {
                for (k, mean) in means[channel.index()].iter().enumerate() {
                    let n = poisson(&mut self.rng.arrests, *mean);
                    drawn += n;
                    if channel == Channel::Checkin {
                        self.checkins_today[o] += n as f64;
                    }
                    for _ in 0..n {
                        let at = within_day(&mut self.rng.arrests, now);
                        cal.schedule(
                            at,
                            Ev::Arrest { office: oid, channel: channel as u8, category: k as u8 },
                        );
                    }
                }
            }
            self.offices[o].pools.replenish(office, self.nondetained.refill(o));
            let (partner_days, bp_days) = staffing.days_by_office[o];
            self.record(now, oid, Metric::Target, od.target);
            self.record(now, oid, Metric::OfficerDays, od.officer_days);
            self.record(now, oid, Metric::PartnerOfficerDays, partner_days);
            self.record(now, oid, Metric::BpAgentDaysInland, bp_days);
            self.record(now, oid, Metric::EscortOfficerDays, away.escort);
            self.record(now, oid, Metric::TransferEscortOfficerDays, away.transfer_escort);
            self.record(now, oid, Metric::LearningOfficerDays, away.learning);
            self.record(now, oid, Metric::OfficersDetailed, extra.detailed_in);
            self.record(now, oid, Metric::DetailTravelOfficerDays, extra.detail_travel);
            self.record(now, oid, Metric::OfficersLost, self.workforce.lost(o));
            self.record(now, oid, Metric::CommunityPool, pools.community);
            self.record(now, oid, Metric::AtLargePool, pools.at_large.iter().sum());
            let cost =
                mechanisms::personnel_cost(&sc.ero, &sc.costs, &od, &away, partner_days, bp_days);
            for (m, x) in cost.columns() {
                self.record(now, oid, m, x);
            }
            if reviewing {
                self.review.day(o, od.target, od.officer_days);
            }
            self.leadership.tally(o, drawn as f64, od.target, od.officer_days);
        }
        if reviewing {
            self.review_day_done();
        }
        self.leadership.close_day();
    }

    pub(super) fn on_arrest(
        &mut self,
        now: SimTime,
        office: u16,
        channel: u8,
        category: u8,
        cal: &mut Calendar<Ev>,
    ) {
        let sc = self.sc;
        if let Some(c) = Channel::from_index(channel as usize) {
            self.offices[office as usize].pools.take(c, category as usize, 1.0);
        }
        if let Some(m) = Channel::from_index(channel as usize).and_then(|c| c.info().arrests) {
            self.record(now, office, m, 1.0);
        }
        self.record(now, office, Category::ARRESTS[category as usize], 1.0);
        let date = self.date_at(now);
        if self.measured_day(now).is_some() && self.reviewing(date) {
            self.review.arrest(office as usize);
        }

        let rng = &mut self.rng.cases;
        // A summary channel's arrests (check-ins) are all booked in, all on the summary
        // track: ChannelInfo::summary.
        let summary_channel =
            Channel::from_index(channel as usize).is_some_and(|c| c.info().summary);
        if !summary_channel
            && des::dist::unit(rng) >= sc.detention.book_in_share[category as usize].at(date)
        {
            self.record(now, office, Metric::ReleasedAtProcessing, 1.0);
            return;
        }
        let nationality = pick(rng, &Schedule::at_each(&sc.cases.interior_nationality, date)) as u8;
        let u = des::dist::unit(rng);
        let summary = sc.cases.interior_summary_share.at(date);
        let track = if summary_channel || u < summary {
            Track::Summary
        } else if u < summary + sc.cases.interior_voluntary_share.at(date) {
            Track::Voluntary
        } else {
            Track::Proceedings
        };
        let r = self.cases.insert(Case {
            generation: 0,
            home: office,
            held_in: office,
            facility: 0,
            channel,
            category,
            nationality,
            track: track as u8,
            release_epoch: 0,
            phase: Phase::InTransit,
            arrested_at: now,
            booked_at: now,
        });
        cal.schedule(now + days(sc.detention.booking_days.at(date)), Ev::Arrive(r));
    }

    fn draw_border(
        &mut self,
        now: SimTime,
        date: Date,
        staffing: &Staffing,
        cal: &mut Calendar<Ev>,
    ) {
        let sc = self.sc;
        let d = &sc.detention;
        let (book, direct) =
            (d.border_book_in_share.at(date), d.border_direct_removal_share.at(date));
        let wait = days(d.usbp_transfer_days.at(date).max(0.0));
        let wait_ticks = u32::try_from(wait.ticks()).unwrap_or(u32::MAX);
        for i in 0..sc.sectors.len() {
            let s = mechanisms::sector_day(sc, i, date, staffing, book, direct);
            let office = s.office as u16;
            let rng = &mut self.rng.border;
            let booked = poisson(rng, s.booked);
            let removed = poisson(rng, s.direct);
            let other = poisson(rng, s.other);
            for _ in 0..booked {
                let at = within_day(rng, now) + SimDuration(wait_ticks as u64);
                cal.schedule(at, Ev::BorderHandover { office, wait: wait_ticks });
            }
            self.record(now, office, Metric::Apprehensions, (booked + removed + other) as f64);
            self.record(now, office, Metric::RemovalsDirect, removed as f64);
            self.record(now, office, Metric::Gotaways, s.gotaways);
            self.record(now, office, Metric::ExtraGotaways, s.extra_gotaways);
        }
    }

    pub(super) fn on_border_handover(
        &mut self,
        now: SimTime,
        office: u16,
        wait: u32,
        cal: &mut Calendar<Ev>,
    ) {
        let sc = self.sc;
        let date = self.date_at(now);
        let rng = &mut self.rng.cases;
        let category = pick(rng, &Schedule::at_each(&sc.cases.border_category, date)) as u8;
        let nationality = pick(rng, &Schedule::at_each(&sc.cases.border_nationality, date)) as u8;
        let track = if des::dist::unit(rng) < sc.cases.border_expedited_share.at(date) {
            Track::Expedited
        } else {
            Track::Proceedings
        };
        let arrested_at = SimTime(now.ticks().saturating_sub(wait as u64));
        let r = self.cases.insert(Case {
            generation: 0,
            home: office,
            held_in: office,
            facility: 0,
            channel: Channel::Border as u8,
            category,
            nationality,
            track: track as u8,
            release_epoch: 0,
            phase: Phase::InTransit,
            arrested_at,
            booked_at: now,
        });
        self.on_arrive(now, r, cal);
    }

    fn schedule_transport(&mut self, now: SimTime, date: Date, cal: &mut Calendar<Ev>) {
        let r = &self.sc.removal;
        // The line waiting for a seat (entries of cases that left it are skipped).
        let waiting = self
            .flight_queue
            .iter()
            .filter(|c| self.cases.get(**c).is_some_and(|c| c.phase == Phase::AwaitingTransport))
            .count();
        let demand = TransportDemand {
            flights_per_week: r.flights_per_week.at(date),
            land_per_day: r.land_per_day.at(date),
            seats_per_flight: r.seats_per_flight.at(date).max(0.0).floor(),
            waiting_for_flight: waiting as f64,
        };
        let today = self.departures.day(demand, FlightSurge::at(r, date));
        if today.added_flights > 0.0 {
            for (o, share) in mechanisms::flight_hub_shares(self.sc) {
                self.record(now, o as u16, Metric::FlightsAdded, today.added_flights * share);
            }
        }
        for i in 0..today.flights {
            let at = TimeOfDay::flight(i, today.flights).ticks(TICKS_PER_DAY);
            cal.schedule(now + SimDuration(at), Ev::Flight);
        }
        if today.land_slots > 0.0 {
            let at = TimeOfDay::NOON.ticks(TICKS_PER_DAY);
            cal.schedule(now + SimDuration(at), Ev::Land { slots: today.land_slots as u32 });
        }
    }

    /// End-of-day stocks for the day that just ended, and the day's invariant checks.
    fn snapshot(&mut self, now: SimTime) {
        let Some(d) = self.measured_day(SimTime(now.ticks() - 1)) else {
            self.inv.warmup_day_end(self.detained);
            return;
        };
        let sc = self.sc;
        let mut total_detained = 0i64;
        for o in 0..sc.offices.len() {
            let st = &self.offices[o];
            let detained: u32 = st.beds.iter().map(|p| p.busy()).sum();
            total_detained += detained as i64;
            let phases = self.cases.by_home.get(o).copied().unwrap_or_default();
            let stocks = StockRow {
                detained: FacilityKind::ALL.map(|k| st.beds[k.index()].busy() as f64),
                beds: FacilityKind::ALL.map(|k| st.rated[k.index()] as f64),
                cbp_hold: phases[Phase::CbpHold as usize] as f64,
                court_queue: phases[Phase::Court as usize] as f64,
                awaiting_removal: (phases[Phase::AwaitingDocs as usize]
                    + phases[Phase::AwaitingTransport as usize])
                    as f64,
                ceiling: FacilityKind::ALL.map(|k| st.beds[k.index()].servers() as f64),
                detained_from_aor: (0..PHASES)
                    .filter(|&i| phase_from(i).detained())
                    .map(|i| phases[i])
                    .sum::<i64>() as f64,
                held_away: self.held_away[o] as f64,
                detained_cbp_arrested: self.detained_cbp[o] as f64,
            };
            stocks.write(self.daily.row_mut(d, o), &sc.costs, sc.detention.deaths_per_day());
        }
        // Today's releases are all recorded now: the non-detained stocks take them.
        self.nondetained.close_day(sc, &mut self.daily, d, &self.checkins_today);
        self.inv.rows_written(d, &self.daily);
        self.inv.day_end(d, total_detained, self.detained, &self.cases);
    }
}
