//! The scenario parameters the fluid reads, resolved for one day. Every read of the
//! pipeline part of the configuration goes through here, so a field that turns from a
//! number into a [`Schedule`] (or back) changes this file only.

use crate::config::{Scenario, Schedule};
use crate::date::Date;
use crate::mechanisms::{AdmissionRule, FlightSurge, ReleaseHazards};

/// Pipeline parameters in force on one day (rates per day, durations in days).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DayParams {
    /// Category mix of custodial and partner arrests.
    pub custodial_category: [f64; 3],
    /// Category mix of border book-ins.
    pub border_category: [f64; 3],
    /// Nationality mix by source (0 interior, 1 border).
    pub nationality: [[f64; 4]; 2],
    /// Interior shares on the summary and voluntary tracks.
    pub summary_share: f64,
    pub voluntary_share: f64,
    /// Border share in expedited removal.
    pub expedited_share: f64,
    /// Interior book-in share by category.
    pub book_in_share: [f64; 3],
    /// Border apprehensions booked into ICE detention / removed directly.
    pub border_book_in_share: f64,
    pub border_direct_share: f64,
    /// Arrest to arrival at a facility (interior); apprehension to ICE custody (border).
    pub booking_days: f64,
    pub usbp_transfer_days: f64,
    /// CBP holding limit.
    pub cbp_limit_days: f64,
    /// National border admission ceiling (infinite: none; [`crate::mechanisms::border_room`]).
    pub border_ceiling: f64,
    /// Discretionary release hazard by source (interior, border) and category while in
    /// proceedings (parole and bond, [`ReleaseHazards::total`]).
    pub hazard: [[f64; 3]; 2],
    /// Share of each source's and category's discretionary releases that are bond releases.
    pub bond_share: [[f64; 3]; 2],
    /// The release hazards as the schedules give them, before the bond dockets
    /// ([`DayParams::docket`] sets `hazard` and `bond_share` from them).
    pub release: ReleaseHazards,
    /// Hearing duration (Gamma) and outcome.
    pub case_days_mean: f64,
    pub case_days_cv: f64,
    pub removal_order_share: f64,
    /// Travel documents by source (interior, border) and nationality group.
    pub doc_days: [[f64; 4]; 2],
    pub doc_never: [f64; 4],
    /// Post-order custody limit.
    pub custody_limit_days: f64,
    /// Transport.
    pub land_per_day: f64,
    pub flights_per_week: f64,
    pub seats_per_flight: f64,
    /// Charter flights added on demand (the contracted ceiling, threshold and lag).
    pub surge: FlightSurge,
    pub hub_days: f64,
    pub voluntary_days: f64,
    /// Detained-docket slots (rounded as the DES does).
    pub slots: f64,
    /// Where interior (`[0]`) and border (`[1]`) cases go when rated beds are full.
    pub rules: [AdmissionRule; 2],
}

/// Each source's and category's share of discretionary releases that are bond releases.
fn bond_shares(release: &ReleaseHazards) -> [[f64; 3]; 2] {
    std::array::from_fn(|s| std::array::from_fn(|c| release.bond_share(s, c)))
}

impl DayParams {
    /// The parameters in force on `date`.
    #[cfg(test)]
    pub fn at(sc: &Scenario, date: Date) -> DayParams {
        DayParams::read(sc, &mut Reader::new(date))
    }

    /// The parameters in force on `date`, and the first later date on which any of the
    /// schedules read takes a step (`None`: none ever does). The parameters stay the same
    /// until then, so the daily driver computes them only on those dates.
    pub fn at_until(sc: &Scenario, date: Date) -> (DayParams, Option<Date>) {
        let mut r = Reader::new(date);
        let p = DayParams::read(sc, &mut r);
        (p, r.next)
    }

    fn read(sc: &Scenario, r: &mut Reader) -> DayParams {
        let (cases, det, courts, rm) = (&sc.cases, &sc.detention, &sc.courts, &sc.removal);
        let release = ReleaseHazards::read(det, |s| r.at(s));
        DayParams {
            custodial_category: r.each(&cases.custodial_category),
            border_category: r.each(&cases.border_category),
            nationality: [r.each(&cases.interior_nationality), r.each(&cases.border_nationality)],
            summary_share: r.at(&cases.interior_summary_share),
            voluntary_share: r.at(&cases.interior_voluntary_share),
            expedited_share: r.at(&cases.border_expedited_share),
            book_in_share: r.each(&det.book_in_share),
            border_book_in_share: r.at(&det.border_book_in_share),
            border_direct_share: r.at(&det.border_direct_removal_share),
            booking_days: r.at(&det.booking_days).max(0.0),
            usbp_transfer_days: r.at(&det.usbp_transfer_days).max(0.0),
            cbp_limit_days: det.cbp_holding_limit_days.max(0.0),
            border_ceiling: r.at(&det.border_admission_ceiling),
            hazard: release.total(),
            bond_share: bond_shares(&release),
            release,
            case_days_mean: r.at(&courts.case_days_mean).max(0.0),
            case_days_cv: courts.case_days_cv,
            removal_order_share: courts.removal_order_share,
            doc_days: [0, 1].map(|s| r.each(rm.doc_days(s)).map(|d| d.max(0.0))),
            doc_never: rm.travel_doc_never,
            custody_limit_days: rm.post_order_custody_limit_days.max(0.0),
            land_per_day: r.at(&rm.land_per_day).max(0.0),
            flights_per_week: r.at(&rm.flights_per_week).max(0.0),
            // The DES boards whole seats.
            seats_per_flight: r.at(&rm.seats_per_flight).max(0.0).floor(),
            surge: FlightSurge {
                ceiling_per_week: r.at(&rm.surge_flights_per_week).max(0.0),
                queue_days: rm.surge_queue_days,
                lag_days: rm.surge_lag_days,
            },
            hub_days: r.at(&rm.hub_transfer_days).max(0.0),
            voluntary_days: rm.voluntary_departure_days.max(0.0),
            slots: r.at(&courts.detained_docket_slots).round().max(0.0),
            rules: [false, true].map(|border| AdmissionRule::new(det, border)),
        }
    }

    /// Holds the bond hearings to the dockets' capacity with `in_court` people (interior,
    /// border) waiting for their hearing ([`ReleaseHazards::docketed`]).
    pub fn docket(&mut self, in_court: [f64; 2]) {
        let release = self.release.docketed(in_court);
        self.hazard = release.total();
        self.bond_share = bond_shares(&release);
    }

    /// The interior track shares: (order at book-in, voluntary, proceedings). Like the DES,
    /// the summary share is taken first and proceedings get what is left.
    pub fn interior_tracks(&self) -> [f64; 3] {
        let s = self.summary_share.clamp(0.0, 1.0);
        let v = self.voluntary_share.clamp(0.0, 1.0 - s);
        [s, v, 1.0 - s - v]
    }

    /// The border track shares: (expedited, voluntary = 0, proceedings).
    pub fn border_tracks(&self) -> [f64; 3] {
        let e = self.expedited_share.clamp(0.0, 1.0);
        [e, 0.0, 1.0 - e]
    }

    /// A mix normalised the way the DES draws from it (`pick`: the last entry absorbs any
    /// shortfall; entries past a cumulative 1 get nothing).
    pub fn as_drawn<const N: usize>(mix: [f64; N]) -> [f64; N] {
        let mut out = [0.0; N];
        let mut left = 1.0f64;
        for i in 0..N {
            let p = if i + 1 == N { left } else { mix[i].max(0.0).min(left) };
            out[i] = p;
            left -= p;
        }
        out
    }
}

/// Reads schedules on one date and keeps the earliest later step among those read.
pub(crate) struct Reader {
    date: Date,
    /// The first date after `date` on which a schedule read so far changes value.
    pub next: Option<Date>,
}

impl Reader {
    pub fn new(date: Date) -> Reader {
        Reader { date, next: None }
    }

    /// The value of `s` on the date. A schedule only changes value on its step dates
    /// (before the first step it holds the first value), so its next step after the date
    /// bounds how long the value lasts.
    pub fn at(&mut self, s: &Schedule) -> f64 {
        let later = s.steps.partition_point(|x| x.0 <= self.date);
        if let Some(step) = s.steps.get(later) {
            self.next = Some(self.next.map_or(step.0, |d| d.min(step.0)));
        }
        s.at(self.date)
    }

    /// The values of an array of schedules on the date.
    pub fn each<const N: usize>(&mut self, s: &[Schedule; N]) -> [f64; N] {
        std::array::from_fn(|i| self.at(&s[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_hold_until_the_next_step_of_any_schedule_read() {
        let mut sc = crate::testkit::tiny();
        let s = sc.start;
        sc.removal.land_per_day =
            Schedule { steps: vec![(s.plus(-5), 1.0), (s.plus(10), 2.0), (s.plus(30), 3.0)] };
        sc.courts.case_days_mean = Schedule { steps: vec![(s.plus(20), 50.0)] };
        let (p, until) = DayParams::at_until(&sc, s);
        assert_eq!((p.land_per_day, until), (1.0, Some(s.plus(10))));
        for d in 0..10 {
            assert_eq!(DayParams::at(&sc, s.plus(d)), p, "day {d}");
        }
        assert_ne!(DayParams::at(&sc, s.plus(10)), p);
        // A step that keeps the value still ends the span (recomputing is harmless).
        assert_eq!(DayParams::at_until(&sc, s.plus(10)).1, Some(s.plus(20)));
        assert_eq!(DayParams::at_until(&sc, s.plus(20)).1, Some(s.plus(30)));
        assert_eq!(DayParams::at_until(&sc, s.plus(30)).1, None);
    }
}
