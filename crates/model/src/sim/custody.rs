//! Detention, the detained docket, travel documents, transport and every way out.

use des::{Admission, Calendar, SimTime};
use rand_distr::{Distribution, Exp1, Gamma};

use super::case::{Case, CaseRef, Phase};
use super::day::days;
use super::{Ev, Pipeline, TICKS_PER_DAY};
use crate::ids::RemovalMode;
use crate::ids::{Channel, Nationality, Pathway, Track};
use crate::mechanisms::{self, NoRoom, ReleaseHazards, Room};
use crate::metrics::Metric;

/// How a case left custody (or never entered it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Exit {
    NoBed,
    Discretionary,
    Relief,
    NotForeseeable,
    Land,
    Flight,
    Voluntary,
}

impl Exit {
    fn metric(self) -> Metric {
        match self {
            Exit::NoBed => Metric::ReleasedNoBed,
            Exit::Discretionary => Metric::ReleasedDiscretionary,
            Exit::Relief => Metric::ReleasedRelief,
            Exit::NotForeseeable => Metric::ReleasedNotForeseeable,
            Exit::Land => Metric::RemovalsLand,
            Exit::Flight => Metric::RemovalsFlight,
            Exit::Voluntary => Metric::RemovalsVoluntary,
        }
    }
    fn is_removal(self) -> bool {
        matches!(self, Exit::Land | Exit::Flight | Exit::Voluntary)
    }
}

/// An exponential duration with the given mean in days.
fn exp_days<R: rand::Rng + ?Sized>(rng: &mut R, mean: f64) -> des::SimDuration {
    if mean <= 0.0 {
        return des::SimDuration::ZERO;
    }
    let e: f64 = Exp1.sample(rng);
    days(e * mean)
}

impl Pipeline<'_> {
    /// Free rated beds and surge room at (office, type).
    fn free(&self, o: usize, k: usize) -> (u32, u32) {
        let st = &self.offices[o];
        let (busy, rated) = (st.beds[k].busy(), st.rated[k]);
        (rated.saturating_sub(busy), st.beds[k].servers().saturating_sub(busy.max(rated)))
    }

    /// A place for a case from `home` under its admission rule (interior or border).
    fn find_bed(&self, home: usize, border: bool) -> Option<(usize, usize)> {
        self.rules[usize::from(border)].place(home, self.offices.len(), |o, k| self.free(o, k))
    }

    pub(super) fn on_arrive(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        let Some(c) = self.cases.get(r).copied() else { return };
        let border = c.channel == Channel::Border as u8;
        // Above the border admission ceiling ICE takes no CBP transfer, bed or not.
        let bed = if border && !self.border_room(now) {
            self.ceiling_bound = true;
            None
        } else {
            self.find_bed(c.home as usize, border)
        };
        match bed {
            Some((o, k)) => self.admit(now, r, o, k, cal),
            None if border && self.rules[1].otherwise == NoRoom::Hold => {
                self.cases.set_phase(r, Phase::CbpHold);
                self.offices[c.home as usize].cbp_hold.push_back(r);
                self.cbp_held += 1;
                let limit = days(self.sc.detention.cbp_holding_limit_days);
                cal.schedule(now + limit, Ev::HoldExpired(r));
            }
            None => self.exit(now, r, Exit::NoBed, cal),
        }
    }

    fn admit(
        &mut self,
        now: SimTime,
        r: CaseRef,
        office: usize,
        kind: usize,
        cal: &mut Calendar<Ev>,
    ) {
        let sc = self.sc;
        let admitted = self.offices[office].beds[kind].arrive(now, r, 0);
        assert!(matches!(admitted, Admission::Started(_)), "admit without a free bed");
        self.detained += 1;
        self.inv.admissions += 1;
        if self.measured_day(now).is_some() {
            self.inv.admitted(kind);
        }
        let c = self.cases.slot_mut(r);
        c.held_in = office as u16;
        c.facility = kind as u8;
        c.booked_at = now;
        let c = *c;
        let book_in = Channel::ALL[c.channel as usize].info().book_in();
        self.record(now, c.home, book_in, 1.0);
        if book_in == Metric::BookInsCbp {
            self.detained_cbp[c.home as usize] += 1;
        }
        if office != c.home as usize {
            self.held_away[c.home as usize] += 1;
            self.record(now, c.home, Metric::TransfersOutOfAor, 1.0);
            self.workforce.moved(c.home as usize, 1.0);
        }
        match c.track {
            t if t == Track::Expedited as u8 => self.order(now, r, Pathway::Expedited, cal),
            t if t == Track::Summary as u8 => self.order(now, r, Pathway::Summary, cal),
            t if t == Track::Voluntary as u8 => {
                self.cases.set_phase(r, Phase::Voluntary);
                let stay = exp_days(&mut self.rng.transport, sc.removal.voluntary_departure_days);
                cal.schedule(now + stay, Ev::VoluntaryDeparture(r));
            }
            _ => {
                self.cases.set_phase(r, Phase::Court);
                self.draw_release(now, r, cal);
                if let Admission::Started(r) = self.court.arrive(now, r, 0) {
                    self.start_hearing(now, r, cal);
                }
            }
        }
    }

    /// A docket slot was given to `r`: schedule the decision, or, if `r` has left custody
    /// meanwhile, hand the slot straight to the next case.
    pub(super) fn start_hearing(&mut self, now: SimTime, mut r: CaseRef, cal: &mut Calendar<Ev>) {
        let courts = &self.sc.courts;
        let mean = courts.case_days_mean.at(self.date_at(now)).max(0.0);
        loop {
            if self.cases.get(r).is_some_and(|c| c.phase == Phase::Court) {
                let shape = 1.0 / (courts.case_days_cv * courts.case_days_cv).max(1e-6);
                let d =
                    Gamma::new(shape, mean / shape).map_or(mean, |g| g.sample(&mut self.rng.court));
                cal.schedule(now + days(d), Ev::CourtDone(r));
                return;
            }
            match self.court.finish(now).started {
                Some(next) => r = next,
                None => return,
            }
        }
    }

    pub(super) fn on_court_done(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        if let Some(next) = self.court.finish(now).started {
            self.start_hearing(now, next, cal);
        }
        if !self.cases.get(r).is_some_and(|c| c.phase == Phase::Court) {
            return;
        }
        if des::dist::unit(&mut self.rng.court) < self.sc.courts.removal_order_share {
            self.order(now, r, Pathway::Judge, cal);
        } else {
            self.exit(now, r, Exit::Relief, cal);
        }
    }

    /// A final order on `pathway` (counted on the arresting office): wait for travel
    /// documents, under the post-order custody limit.
    fn order(&mut self, now: SimTime, r: CaseRef, pathway: Pathway, cal: &mut Calendar<Ev>) {
        let rm = &self.sc.removal;
        self.cases.set_phase(r, Phase::AwaitingDocs);
        cal.schedule(now + days(rm.post_order_custody_limit_days), Ev::CustodyLimit(r));
        let (nat, home, src) =
            self.cases.get(r).map_or((0, 0, 0), |c| (c.nationality as usize, c.home, source(c)));
        self.record(now, home, pathway.info().orders, 1.0);
        if des::dist::unit(&mut self.rng.docs) >= rm.travel_doc_never[nat] {
            let mean = rm.doc_days(src)[nat].at(self.date_at(now));
            let wait = exp_days(&mut self.rng.docs, mean);
            cal.schedule(now + wait, Ev::DocsReady(r));
        }
    }

    pub(super) fn on_docs_ready(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        let Some(c) = self.cases.get(r).copied() else { return };
        if c.phase != Phase::AwaitingDocs {
            return;
        }
        self.cases.set_phase(r, Phase::AwaitingTransport);
        let office = &self.sc.offices[c.held_in as usize];
        let at_departure_point =
            if by_land(c.nationality) { office.land_border } else { office.flight_hub };
        if at_departure_point {
            self.on_at_hub(now, r);
        } else {
            let hub = self.sc.removal.hub_transfer_days.at(self.date_at(now));
            if hub > 0.0 {
                self.workforce.moved(c.home as usize, 1.0);
            }
            cal.schedule(now + days(hub), Ev::AtHub(r));
        }
    }

    pub(super) fn on_at_hub(&mut self, _now: SimTime, r: CaseRef) {
        let Some(c) = self.cases.get(r) else { return };
        if c.phase != Phase::AwaitingTransport {
            return;
        }
        if by_land(c.nationality) {
            self.land_queue.push_back(r);
        } else {
            self.flight_queue.push_back(r);
        }
    }

    pub(super) fn on_flight(&mut self, now: SimTime, cal: &mut Calendar<Ev>) {
        let seats = self.sc.removal.seats_per_flight.at(self.date_at(now)).max(0.0) as usize;
        let mut boarded = Vec::with_capacity(seats);
        while boarded.len() < seats {
            let Some(r) = self.flight_queue.pop_front() else { break };
            if self.cases.get(r).is_some_and(|c| c.phase == Phase::AwaitingTransport) {
                boarded.push(r);
            }
        }
        if boarded.is_empty() {
            return; // an empty flight is not flown
        }
        let per_seat = self.sc.costs.flight / boarded.len() as f64;
        for r in boarded {
            let home = self.cases.get(r).map_or(0, |c| c.home);
            self.record(now, home, Metric::CostFlights, per_seat);
            self.exit(now, r, Exit::Flight, cal);
            self.flown_today += 1;
        }
    }

    pub(super) fn on_land(&mut self, now: SimTime, slots: u32, cal: &mut Calendar<Ev>) {
        let mut left = slots;
        while left > 0 {
            let Some(r) = self.land_queue.pop_front() else { break };
            if let Some(c) = self.cases.get(r).copied()
                && c.phase == Phase::AwaitingTransport
            {
                self.record(now, c.home, Metric::CostLand, self.sc.costs.land_removal);
                self.exit(now, r, Exit::Land, cal);
                left -= 1;
            }
        }
    }

    pub(super) fn on_custody_limit(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        if self
            .cases
            .get(r)
            .is_some_and(|c| matches!(c.phase, Phase::AwaitingDocs | Phase::AwaitingTransport))
        {
            self.exit(now, r, Exit::NotForeseeable, cal);
        }
    }

    pub(super) fn on_discretionary_release(
        &mut self,
        now: SimTime,
        r: CaseRef,
        epoch: u8,
        cal: &mut Calendar<Ev>,
    ) {
        let Some(c) = self.cases.get(r).copied() else { return };
        if c.phase == Phase::Court && c.release_epoch == epoch {
            // Competing exponentials: the reason is bond with the bond hazard's share.
            let share = self.release.bond_share(source(&c), c.category as usize);
            let bond = share > 0.0 && des::dist::unit(&mut self.rng.release_reason) < share;
            let part = if bond { Metric::ReleasedBond } else { Metric::ReleasedParole };
            self.record(now, c.home, part, 1.0);
            self.exit(now, r, Exit::Discretionary, cal);
        }
    }

    /// Draws when a case awaiting its hearing is released (parole, recognizance or bond)
    /// under the total hazard in force now.
    fn draw_release(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        let Some(c) = self.cases.get(r).copied() else { return };
        let hazard = self.release.total()[source(&c)][c.category as usize];
        if hazard > 0.0 {
            let wait = exp_days(&mut self.rng.court, 1.0 / hazard);
            cal.schedule(now + wait, Ev::DiscretionaryRelease(r, c.release_epoch));
        }
    }

    /// When the release hazard changes (a new release policy, or the bond dockets set
    /// again on a [`mechanisms::bond_docket_due`] day from the people then in court),
    /// everyone awaiting a hearing is subject to the new one: their release times are drawn
    /// again (exact for an exponential wait, which has no memory) and the old ones go stale.
    pub(super) fn redraw_releases_if_changed(
        &mut self,
        now: SimTime,
        day: u32,
        date: crate::date::Date,
        cal: &mut Calendar<Ev>,
    ) {
        if mechanisms::bond_docket_due(day) {
            let mut in_court = [0.0; 2];
            for r in self.cases.refs_in(Phase::Court) {
                if let Some(c) = self.cases.get(r) {
                    in_court[source(c)] += 1.0;
                }
            }
            self.in_court = in_court;
        }
        let h = ReleaseHazards::at(&self.sc.detention, date).docketed(self.in_court);
        if h == self.release {
            return;
        }
        self.release = h;
        for r in self.cases.refs_in(Phase::Court) {
            let c = self.cases.slot_mut(r);
            c.release_epoch = c.release_epoch.wrapping_add(1);
            self.draw_release(now, r, cal);
        }
    }

    pub(super) fn on_voluntary_departure(
        &mut self,
        now: SimTime,
        r: CaseRef,
        cal: &mut Calendar<Ev>,
    ) {
        if self.cases.get(r).is_some_and(|c| c.phase == Phase::Voluntary) {
            self.exit(now, r, Exit::Voluntary, cal);
        }
    }

    pub(super) fn on_hold_expired(&mut self, now: SimTime, r: CaseRef, cal: &mut Calendar<Ev>) {
        if self.cases.get(r).is_some_and(|c| c.phase == Phase::CbpHold) {
            self.cbp_held -= 1;
            self.exit(now, r, Exit::NoBed, cal);
        }
    }

    /// The case leaves the pipeline: frees its bed (which may go to someone waiting in
    /// CBP custody), records the outcome and its durations.
    fn exit(&mut self, now: SimTime, r: CaseRef, how: Exit, cal: &mut Calendar<Ev>) {
        let c = self.cases.remove(r);
        let measured = self.measured_day(now).is_some();
        if c.phase.detained() {
            let (o, k) = (c.held_in as usize, c.facility as usize);
            let _ = self.offices[o].beds[k].finish(now);
            self.detained -= 1;
            if c.held_in != c.home {
                self.held_away[c.home as usize] -= 1;
            }
            self.inv.exits += 1;
            let stay = now.since(c.booked_at).ticks() as f64 / TICKS_PER_DAY as f64;
            self.record(now, c.home, Metric::BookOuts, 1.0);
            self.record(now, c.home, Metric::BookOutStayDays, stay);
            let book_in = Channel::ALL[c.channel as usize].info().book_in();
            if book_in == Metric::BookInsCbp {
                self.detained_cbp[c.home as usize] -= 1;
                self.record(now, c.home, Metric::BookOutsCbpArrested, 1.0);
                self.record(now, c.home, Metric::BookOutStayDaysCbpArrested, stay);
            }
            if measured {
                let agency = crate::metrics::stay_agency(book_in);
                self.durations.stay(stay, c.category as usize, agency);
                self.inv.booked_out(k, stay);
            }
            let open = self.window_start();
            if now >= open {
                self.inv.stay_in_window(
                    k,
                    c.booked_at >= open,
                    now.ticks() - c.booked_at.max(open).ticks(),
                );
            }
            self.fill_from_cbp_hold(now, o, k, cal);
        }
        self.record(now, c.home, how.metric(), 1.0);
        if how.is_removal() && measured {
            let t = now.since(c.arrested_at).ticks() as f64 / TICKS_PER_DAY as f64;
            self.durations.arrest_to_removal.add(t);
            self.durations.arrest_to_removal_by_office[c.home as usize].add(t);
        }
    }

    /// True if ICE takes a CBP transfer now: a whole place left under the border admission
    /// ceiling ([`crate::mechanisms::border_room`], infinite without a ceiling).
    fn border_room(&self, now: SimTime) -> bool {
        let ceiling = self.sc.detention.border_admission_ceiling.at(self.date_at(now));
        mechanisms::border_room(ceiling, self.detained as f64) >= 1.0
    }

    /// Someone left custody under a border admission ceiling: if that left a place under
    /// it, the longest CBP line's longest-waiting case is booked in wherever its rule finds
    /// a bed (the fluid shares the day's room among the lines in proportion to them).
    fn fill_under_ceiling(&mut self, now: SimTime, cal: &mut Calendar<Ev>) {
        if !self.border_room(now) {
            return;
        }
        while let Some(from) = (0..self.offices.len())
            .filter(|&o| !self.offices[o].cbp_hold.is_empty())
            .max_by_key(|&o| self.offices[o].cbp_hold.len())
        {
            while let Some(r) = self.offices[from].cbp_hold.pop_front() {
                let Some(c) = self.cases.get(r).copied() else { continue };
                if c.phase != Phase::CbpHold {
                    continue;
                }
                match self.find_bed(c.home as usize, true) {
                    Some((o, k)) => {
                        self.cbp_held -= 1;
                        self.admit(now, r, o, k, cal);
                    }
                    None => self.offices[from].cbp_hold.push_front(r),
                }
                return;
            }
        }
    }

    /// A bed freed at (office, kind): give it to the longest-waiting CBP-held case of
    /// that AOR if the border rule takes it there (a free rated bed, or surge room when
    /// `overcrowd` comes before `hold`), else — `transfer` before `hold` and a free rated
    /// bed — to the AOR with the longest CBP line.
    fn fill_from_cbp_hold(
        &mut self,
        now: SimTime,
        office: usize,
        kind: usize,
        cal: &mut Calendar<Ev>,
    ) {
        if self.cbp_held == 0 {
            return;
        }
        if self.ceiling_bound {
            return self.fill_under_ceiling(now, cal);
        }
        if !self.border_room(now) {
            return;
        }
        // A freed bed may not be free: after a cut in the bed schedule, occupancy stays
        // above capacity until enough people leave.
        let (rated, surge) = self.free(office, kind);
        let rule = self.rules[1];
        if rated == 0 && (surge == 0 || !rule.has(Room::HomeSurge)) {
            return;
        }
        let mut from = office;
        if self.offices[office].cbp_hold.is_empty() {
            if rated == 0 || !rule.has(Room::Transfer) {
                return;
            }
            from = (0..self.offices.len())
                .max_by_key(|&o| self.offices[o].cbp_hold.len())
                .unwrap_or(office);
        }
        while let Some(r) = self.offices[from].cbp_hold.pop_front() {
            if self.cases.get(r).is_some_and(|c| c.phase == Phase::CbpHold) {
                self.cbp_held -= 1;
                self.admit(now, r, office, kind, cal);
                return;
            }
        }
    }
}

/// True if nationality group `n` (a [`Nationality`] index) is removed by land.
fn by_land(n: u8) -> bool {
    Nationality::from_index(n as usize).is_some_and(|g| g.info().removal == RemovalMode::Land)
}

/// The source index of a case (0 interior, 1 border), as the release policies
/// ([`ReleaseHazards`]) and the fluid's court lanes count them.
fn source(c: &Case) -> usize {
    usize::from(c.channel == Channel::Border as u8)
}
