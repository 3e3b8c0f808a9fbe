//! The scenario parameters the fluid reads, resolved for one day. Every read of the
//! pipeline part of the configuration goes through here, so a field that turns from a
//! number into a [`Schedule`] (or back) changes this file only.

use crate::config::{Scenario, Schedule};
use crate::date::Date;

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
    /// Discretionary release hazard by category while in proceedings.
    pub hazard: [f64; 3],
    /// Hearing duration (Gamma) and outcome.
    pub case_days_mean: f64,
    pub case_days_cv: f64,
    pub removal_order_share: f64,
    /// Travel documents by nationality group.
    pub doc_days: [f64; 4],
    pub doc_never: [f64; 4],
    /// Post-order custody limit.
    pub custody_limit_days: f64,
    /// Transport.
    pub land_per_day: f64,
    pub flights_per_week: f64,
    pub seats_per_flight: f64,
    pub hub_days: f64,
    pub voluntary_days: f64,
    /// Detained-docket slots (rounded as the DES does).
    pub slots: f64,
    /// May cases be placed in another AOR when the home AOR is full?
    pub transfer_when_full: bool,
}

impl DayParams {
    /// The parameters in force on `date`.
    pub fn at(sc: &Scenario, date: Date) -> DayParams {
        let (cases, det, courts, rm) = (&sc.cases, &sc.detention, &sc.courts, &sc.removal);
        DayParams {
            custodial_category: Schedule::at_each(&cases.custodial_category, date),
            border_category: Schedule::at_each(&cases.border_category, date),
            nationality: [
                Schedule::at_each(&cases.interior_nationality, date),
                Schedule::at_each(&cases.border_nationality, date),
            ],
            summary_share: cases.interior_summary_share.at(date),
            voluntary_share: cases.interior_voluntary_share.at(date),
            expedited_share: cases.border_expedited_share.at(date),
            book_in_share: Schedule::at_each(&det.book_in_share, date),
            border_book_in_share: det.border_book_in_share.at(date),
            border_direct_share: det.border_direct_removal_share.at(date),
            booking_days: det.booking_days.at(date).max(0.0),
            usbp_transfer_days: det.usbp_transfer_days.at(date).max(0.0),
            cbp_limit_days: det.cbp_holding_limit_days.max(0.0),
            hazard: Schedule::at_each(&det.release_hazard_per_day, date).map(|h| h.max(0.0)),
            case_days_mean: courts.case_days_mean.at(date).max(0.0),
            case_days_cv: courts.case_days_cv,
            removal_order_share: courts.removal_order_share,
            doc_days: Schedule::at_each(&rm.travel_doc_days, date).map(|d| d.max(0.0)),
            doc_never: rm.travel_doc_never,
            custody_limit_days: rm.post_order_custody_limit_days.max(0.0),
            land_per_day: rm.land_per_day.at(date).max(0.0),
            flights_per_week: rm.flights_per_week.at(date).max(0.0),
            // The DES boards whole seats.
            seats_per_flight: rm.seats_per_flight.at(date).max(0.0).floor(),
            hub_days: rm.hub_transfer_days.at(date).max(0.0),
            voluntary_days: rm.voluntary_departure_days.max(0.0),
            slots: courts.detained_docket_slots.at(date).round().max(0.0),
            transfer_when_full: det.transfer_when_full,
        }
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
