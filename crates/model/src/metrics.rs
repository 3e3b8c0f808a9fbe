//! What a replication records: one row per (day, office) of flows and end-of-day stocks,
//! plus distributions of durations. Flat rows now, aggregation later (STYLE habit 6).
//!
//! Attribution: arrests, targets, book-ins, releases, removals and durations belong to the
//! *arresting* office (the case's home AOR); detention stocks and beds belong to the AOR
//! where the facility is; border flows to the office receiving the sector's cases.

use des::QuantileSketch;

macro_rules! metrics {
    ($( $(#[doc = $doc:literal])* $variant:ident => $name:literal, )*) => {
        /// One column of the daily table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub enum Metric { $( $(#[doc = $doc])* $variant, )* }

        impl Metric {
            /// Every metric, in column order.
            pub const ALL: &'static [Metric] = &[$(Metric::$variant,)*];
            /// Column name in outputs (snake_case).
            pub fn name(self) -> &'static str {
                match self { $(Metric::$variant => $name,)* }
            }
            /// The doc line: what the column means and its unit.
            pub fn doc(self) -> &'static str {
                match self { $(Metric::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

metrics! {
    /// Custodial (jail) arrests, people/day.
    ArrestsCustodial => "arrests_custodial",
    /// Targeted at-large arrests, people/day.
    ArrestsAtLarge => "arrests_at_large",
    /// Collateral arrests at at-large operations, people/day.
    ArrestsCollateral => "arrests_collateral",
    /// Public-space and worksite operation arrests, people/day.
    ArrestsOperations => "arrests_operations",
    /// Arrests by deputized partner agencies, people/day.
    ArrestsPartner => "arrests_partner",
    /// Arrests by Border Patrol agents detailed inland, people/day.
    ArrestsBpInterior => "arrests_bp_interior",
    /// Interior arrests with a criminal conviction, people/day.
    ArrestsConvicted => "arrests_convicted",
    /// Interior arrests with pending charges, people/day.
    ArrestsPending => "arrests_pending",
    /// Interior arrests with no criminal record, people/day.
    ArrestsNoRecord => "arrests_no_record",
    /// The office's interior arrest target, people/day (0 = none).
    Target => "target",
    /// Border apprehensions (sectors feeding this office), people/day.
    Apprehensions => "apprehensions",
    /// Border crossings not apprehended (expected), people/day.
    Gotaways => "gotaways",
    /// Gotaways caused by agents detailed inland (expected, vs no detail), people/day.
    ExtraGotaways => "extra_gotaways",
    /// ICE book-ins of ICE-arrested (interior) cases, people/day.
    BookInsIce => "book_ins_ice",
    /// ICE book-ins of CBP-arrested (border) cases, people/day.
    BookInsCbp => "book_ins_cbp",
    /// Cases placed in a facility outside their AOR for lack of local beds, people/day.
    TransfersOutOfAor => "transfers_out_of_aor",
    /// Arrested and released at processing (not booked in), people/day.
    ReleasedAtProcessing => "released_at_processing",
    /// Released because no bed was free (incl. CBP holding limit), people/day.
    ReleasedNoBed => "released_no_bed",
    /// Released on bond, parole or ATD while in proceedings, people/day.
    ReleasedDiscretionary => "released_discretionary",
    /// Released after relief or termination in court, people/day.
    ReleasedRelief => "released_relief",
    /// Released at the post-order custody limit (removal not foreseeable), people/day.
    ReleasedNotForeseeable => "released_not_foreseeable",
    /// Removals by land, people/day.
    RemovalsLand => "removals_land",
    /// Removals by charter flight, people/day.
    RemovalsFlight => "removals_flight",
    /// Voluntary departures from custody, people/day.
    RemovalsVoluntary => "removals_voluntary",
    /// Removals from CBP hold or staging without an ICE book-in, people/day.
    RemovalsDirect => "removals_direct",
    /// Book-outs (detention exits of any kind), people/day.
    BookOuts => "book_outs",
    /// Sum of lengths of stay of the day's book-outs, days.
    BookOutStayDays => "book_out_stay_days",
    /// People detained in this AOR's facilities at the end of the day.
    Detained => "detained",
    /// Beds in this AOR's facilities at the end of the day.
    Beds => "beds",
    /// CBP-arrested people waiting in CBP custody for an ICE bed at the end of the day.
    CbpHold => "cbp_hold",
    /// Detained cases waiting for or in a detained-docket hearing at the end of the day.
    CourtQueue => "court_queue",
    /// Detained cases with an order, awaiting travel documents or transport, end of day.
    AwaitingRemoval => "awaiting_removal",
    /// ERO officer-days worked.
    OfficerDays => "officer_days",
    /// Deputized partner officer-days on immigration work.
    PartnerOfficerDays => "partner_officer_days",
    /// Border Patrol agent-days spent inland (off the border).
    BpAgentDaysInland => "bp_agent_days_inland",
    /// Detention cost, US dollars.
    CostBeds => "cost_beds_usd",
    /// Charter flight cost, US dollars.
    CostFlights => "cost_flights_usd",
    /// Land removal cost, US dollars.
    CostLand => "cost_land_usd",
    /// Personnel cost (ERO, partners, Border Patrol details), US dollars.
    CostPersonnel => "cost_personnel_usd",
}

/// Number of metrics (columns).
pub const METRIC_COUNT: usize = Metric::ALL.len();

/// Daily rows for every office: `days × offices × METRIC_COUNT`, row-major.
#[derive(Clone, Debug)]
pub struct Daily {
    days: usize,
    offices: usize,
    values: Vec<f64>,
}

impl Daily {
    /// Zeros for `days` days and `offices` offices.
    pub fn new(days: usize, offices: usize) -> Daily {
        Daily { days, offices, values: vec![0.0; days * offices * METRIC_COUNT] }
    }
    /// Number of days.
    pub fn days(&self) -> usize {
        self.days
    }
    /// Number of offices.
    pub fn offices(&self) -> usize {
        self.offices
    }
    #[inline]
    fn idx(&self, day: usize, office: usize, m: Metric) -> usize {
        (day * self.offices + office) * METRIC_COUNT + m as usize
    }
    /// Adds to a cell.
    #[inline]
    pub fn add(&mut self, day: usize, office: usize, m: Metric, x: f64) {
        let i = self.idx(day, office, m);
        self.values[i] += x;
    }
    /// Sets a cell.
    #[inline]
    pub fn set(&mut self, day: usize, office: usize, m: Metric, x: f64) {
        let i = self.idx(day, office, m);
        self.values[i] = x;
    }
    /// Reads a cell.
    #[inline]
    pub fn get(&self, day: usize, office: usize, m: Metric) -> f64 {
        self.values[self.idx(day, office, m)]
    }
    /// The national value (sum over offices) on a day.
    pub fn national(&self, day: usize, m: Metric) -> f64 {
        (0..self.offices).map(|o| self.get(day, o, m)).sum()
    }
    /// Sum over all days for one office.
    pub fn office_total(&self, office: usize, m: Metric) -> f64 {
        (0..self.days).map(|d| self.get(d, office, m)).sum()
    }
    /// Sum over all days and offices.
    pub fn total(&self, m: Metric) -> f64 {
        (0..self.days).map(|d| self.national(d, m)).sum()
    }
}

/// Duration distributions of one replication (days).
#[derive(Clone, Debug)]
pub struct Durations {
    /// Arrest to removal, national.
    pub arrest_to_removal: QuantileSketch,
    /// Arrest to removal, by arresting office.
    pub arrest_to_removal_by_office: Vec<QuantileSketch>,
    /// Length of stay of book-outs, national.
    pub length_of_stay: QuantileSketch,
}

impl Durations {
    /// Empty sketches for `offices` offices.
    pub fn new(offices: usize) -> Durations {
        Durations {
            arrest_to_removal: QuantileSketch::new(0.01),
            arrest_to_removal_by_office: vec![QuantileSketch::new(0.01); offices],
            length_of_stay: QuantileSketch::new(0.01),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for m in Metric::ALL {
            assert!(seen.insert(m.name()), "duplicate {}", m.name());
            assert!(
                m.name().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            );
            assert!(!m.doc().is_empty());
            assert_eq!(Metric::ALL[*m as usize], *m);
        }
    }
}
