//! What a replication records: one row per (day, office) of flows and end-of-day stocks,
//! plus distributions of durations. Flat rows now, aggregation later (STYLE habit 6).
//!
//! Attribution: arrests, targets, book-ins, releases, removals and durations belong to the
//! *arresting* office (the case's home AOR); detention stocks and beds belong to the AOR
//! where the facility is; border flows to the office receiving the sector's cases.

use des::QuantileSketch;

use crate::ids::{Category, FacilityKind};

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
    /// ICE arrests at ATD/ICE check-ins and at immigration-court hearings of people in the
    /// non-detained population (ATD participants, the pending non-detained docket),
    /// people/day; they leave those stocks (`crate::nondetained`).
    ArrestsCheckin => "arrests_checkin",
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
    /// ICE book-ins of ICE-arrested cases (ICE's own and deputized partners' arrests),
    /// people/day.
    BookInsIce => "book_ins_ice",
    /// ICE book-ins of CBP-arrested cases (border apprehensions and Border Patrol's
    /// interior details), people/day.
    BookInsCbp => "book_ins_cbp",
    /// Cases placed in a facility outside their AOR for lack of free rated beds at home
    /// (transfers caused by crowding), people/day.
    TransfersOutOfAor => "transfers_out_of_aor",
    /// Arrested and released at processing (not booked in), people/day.
    ReleasedAtProcessing => "released_at_processing",
    /// Released because no bed was free (incl. CBP holding limit), people/day.
    ReleasedNoBed => "released_no_bed",
    /// Discretionary releases while in proceedings (`released_parole` +
    /// `released_bond`), people/day.
    ReleasedDiscretionary => "released_discretionary",
    /// ICE-decided releases (parole, order of recognizance) while in proceedings,
    /// people/day (part of `released_discretionary`).
    ReleasedParole => "released_parole",
    /// Released on a granted and posted bond while in proceedings, people/day (part of
    /// `released_discretionary`).
    ReleasedBond => "released_bond",
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
    /// Final orders of expedited removal at an ICE book-in (border cases, no hearing),
    /// people/day: the expedited pathway's entries to the wait for documents.
    OrdersExpedited => "orders_expedited",
    /// Orders at an ICE book-in without a hearing for interior arrests (reinstatement of a
    /// prior order, an existing final order, interior expedited removal), people/day.
    OrdersSummary => "orders_summary",
    /// Removal orders by an immigration judge on the detained docket, people/day.
    OrdersJudge => "orders_judge",
    /// Charter flights added on demand above the schedule (the surge's rate after its lag,
    /// `removal.surge_flights_per_week`; national, recorded in equal shares at the
    /// flight-hub offices), flights/day.
    FlightsAdded => "flights_added",
    /// Book-outs (detention exits of any kind), people/day.
    BookOuts => "book_outs",
    /// Sum of lengths of stay of the day's book-outs, days.
    BookOutStayDays => "book_out_stay_days",
    /// Book-outs of people CBP arrested (at the border or on a Border Patrol interior
    /// detail; part of `book_outs`, by arresting office), people/day: ICE's book-outs by
    /// arresting agency. The ICE-arrested are `book_outs` − this.
    BookOutsCbpArrested => "book_outs_cbp_arrested",
    /// Sum of lengths of stay of those book-outs (part of `book_out_stay_days`), days: ICE's
    /// ALOS of CBP-arrested people is this over `book_outs_cbp_arrested`.
    BookOutStayDaysCbpArrested => "book_out_stay_days_cbp_arrested",
    /// People detained in this AOR's facilities at the end of the day.
    Detained => "detained",
    /// Beds in this AOR's facilities at the end of the day.
    Beds => "beds",
    /// People detained in this AOR's ICE processing centres at the end of the day.
    DetainedProcessingCenter => "detained_processing_center",
    /// People detained in this AOR's contract facilities at the end of the day.
    DetainedContract => "detained_contract",
    /// People detained in this AOR's IGSA/USMS jails at the end of the day.
    DetainedIgsa => "detained_igsa",
    /// People detained in this AOR's BOP facilities at the end of the day.
    DetainedBop => "detained_bop",
    /// People detained in this AOR's soft-sided or military sites at the end of the day.
    DetainedSoftSided => "detained_soft_sided",
    /// Beds in this AOR's ICE processing centres at the end of the day.
    BedsProcessingCenter => "beds_processing_center",
    /// Beds in this AOR's contract facilities at the end of the day.
    BedsContract => "beds_contract",
    /// Beds in this AOR's IGSA/USMS jails at the end of the day.
    BedsIgsa => "beds_igsa",
    /// Beds in this AOR's BOP facilities at the end of the day.
    BedsBop => "beds_bop",
    /// Beds in this AOR's soft-sided or military sites at the end of the day.
    BedsSoftSided => "beds_soft_sided",
    /// The most this AOR's facilities may hold at the end of the day: rated beds plus the
    /// surge room above them (summed over facility types, each up to its surge ceiling,
    /// `detention.surge_share`); `beds` ≤ `beds_surge`.
    BedsSurge => "beds_surge",
    /// People held above rated beds in this AOR's facilities at the end of the day (summed
    /// over facility types: Σ max(0, detained − beds)); summed over days, person-days over
    /// rated capacity.
    OverRated => "over_rated",
    /// People held above rated beds in this AOR's ICE processing centres at the end of the day.
    OverRatedProcessingCenter => "over_rated_processing_center",
    /// People held above rated beds in this AOR's contract facilities at the end of the day.
    OverRatedContract => "over_rated_contract",
    /// People held above rated beds in this AOR's IGSA/USMS jails at the end of the day.
    OverRatedIgsa => "over_rated_igsa",
    /// People held above rated beds in this AOR's BOP facilities at the end of the day.
    OverRatedBop => "over_rated_bop",
    /// People held above rated beds in this AOR's soft-sided or military sites at the end of
    /// the day.
    OverRatedSoftSided => "over_rated_soft_sided",
    /// CBP-arrested people waiting in CBP custody for an ICE bed at the end of the day.
    CbpHold => "cbp_hold",
    /// Detained cases waiting for or in a detained-docket hearing at the end of the day.
    CourtQueue => "court_queue",
    /// Detained cases with an order, awaiting travel documents or transport, end of day.
    AwaitingRemoval => "awaiting_removal",
    /// People this AOR arrested (its own cases, wherever held) detained at the end of the
    /// day. Attributed to the arresting office, unlike `detained` (the facility's AOR), so
    /// the two differ by office but add up to the same national number.
    DetainedFromAor => "detained_from_aor",
    /// People CBP arrested (at the border or on a Border Patrol interior detail) detained at
    /// the end of the day, by arresting office (part of `detained_from_aor`): ICE's detained
    /// population by arresting agency. The ICE-arrested are `detained_from_aor` − this.
    DetainedCbpArrested => "detained_cbp_arrested",
    /// People this AOR arrested detained at the end of the day in another AOR's facilities
    /// (part of `detained_from_aor`); summed over days, person-days held away from the home
    /// area. An aggregate count, never a person.
    HeldAway => "held_away",
    /// Expected deaths in custody of the day: people detained at the end of the day × the
    /// published death rate per person-day (`detention.deaths_per_million_detained_days`);
    /// summed over days, the expected deaths of the period. An aggregate rate, never a person.
    ExpectedDeaths => "expected_deaths",
    /// ERO officer-days worked.
    OfficerDays => "officer_days",
    /// Deputized partner officer-days on immigration work.
    PartnerOfficerDays => "partner_officer_days",
    /// Border Patrol agent-days spent inland (off the border).
    BpAgentDaysInland => "bp_agent_days_inland",
    /// ERO officer-days on removal-flight escorts, away from enforcement (flight-hub
    /// offices).
    EscortOfficerDays => "escort_officer_days",
    /// ERO officer-days escorting people this office moved to another area the day before
    /// (transfers for lack of a rated bed, moves to a departure point), away from
    /// enforcement.
    TransferEscortOfficerDays => "transfer_escort_officer_days",
    /// ERO officers of other offices detailed to this office and working here today (surge
    /// details between offices; their travel days excluded), officers.
    OfficersDetailed => "officers_detailed",
    /// ERO officer-days this office's officers spent travelling to or from a detail,
    /// working in neither office (paid, not worked).
    DetailTravelOfficerDays => "detail_travel_officer_days",
    /// ERO officer-days of new officers' productivity still missing (learning curve).
    LearningOfficerDays => "learning_officer_days",
    /// ERO officers lost to sustained overtime and not yet replaced by hiring, end of day.
    OfficersLost => "officers_lost",
    /// People left in the AOR's community pool at the start of the day, before the day's
    /// arrests: what collateral, operations, partner and Border Patrol detail yields are
    /// scaled by (0 when the office has no community pool).
    CommunityPool => "community_pool",
    /// People left in the office's reachable at-large tiers (convicted, pending, no record
    /// together) at the start of the day, before the day's entries: what targeted at-large
    /// arrests are drawn from (`crate::effort::Pools`).
    AtLargePool => "at_large_pool",
    /// People enrolled in alternatives to detention (ATD) of the day: released under
    /// supervision × the enrolment share, within the capacity (`crate::nondetained`).
    AtdEnrolled => "atd_enrolled",
    /// People in ATD at the end of the day (a fluid stock in both solvers).
    AtdParticipants => "atd_participants",
    /// New non-detained court cases of the day: receipts from outside the model plus the
    /// model's releases into proceedings, people/day.
    DocketReceipts => "docket_receipts",
    /// Non-detained court cases completed of the day (judges × completions per judge-day,
    /// at most what is pending), cases/day.
    DocketCompletions => "docket_completions",
    /// Removal orders among the day's non-detained completions (in absentia included),
    /// orders/day.
    DocketRemovalOrders => "docket_removal_orders",
    /// Removal orders of the day issued in absentia (the respondent did not appear): the
    /// day's non-detained removal orders × the in-absentia share, orders/day.
    DocketInAbsentiaOrders => "docket_in_absentia_orders",
    /// Non-detained court cases pending at the end of the day (a fluid stock in both
    /// solvers).
    DocketPending => "docket_pending",
    /// People of the day's in-absentia removal orders who join the office's reachable
    /// at-large tiers: in-absentia orders × `at_large_refill_share`; they enter the pools
    /// the next morning (`crate::nondetained::Refill`), people/day.
    PoolRefillAbsentia => "pool_refill_absentia",
    /// People of the day's ATD exits who abscond and join the office's reachable at-large
    /// tiers: exits × `atd_abscond_share` × `at_large_refill_share`; they enter the pools
    /// the next morning (`crate::nondetained::Refill`), people/day.
    PoolRefillAbsconders => "pool_refill_absconders",
    /// Detention cost at the bed-day rates, US dollars.
    CostBeds => "cost_beds_usd",
    /// Surge premium on person-days above rated beds (over rated × bed-day rate × premium),
    /// US dollars.
    CostSurge => "cost_surge_usd",
    /// Charter flight cost, US dollars.
    CostFlights => "cost_flights_usd",
    /// Land removal cost, US dollars.
    CostLand => "cost_land_usd",
    /// ERO personnel cost (officer-days on enforcement with overtime at its premium, on
    /// flight and transfer escorts, learning), US dollars.
    CostPersonnel => "cost_personnel_usd",
    /// Deputized partner officer-days on immigration work at their day rate, US dollars
    /// (paid by their own agencies).
    CostPartners => "cost_partners_usd",
    /// Border Patrol agent-days detailed inland at their day rate, US dollars (paid by
    /// CBP).
    CostBorderPatrol => "cost_bp_details_usd",
    /// ATD participant-days at the daily rate, US dollars.
    CostAtd => "cost_atd_usd",
}

/// Number of metrics (columns).
pub const METRIC_COUNT: usize = Metric::ALL.len();

/// The detained-by-type columns, in [`FacilityKind`] order.
impl Metric {
    /// End-of-day population of facilities of type `kind`; the five add up to
    /// [`Metric::Detained`] (checked on every measured day, see
    /// [`Daily::detained_by_type_gap`]).
    pub const fn detained_in(kind: FacilityKind) -> Metric {
        kind.info().detained
    }
    /// End-of-day beds of type `kind`; the five add up to [`Metric::Beds`].
    pub const fn beds_in(kind: FacilityKind) -> Metric {
        kind.info().beds
    }
    /// End-of-day people above the rated beds of type `kind`; the five add up to
    /// [`Metric::OverRated`].
    pub const fn over_rated_in(kind: FacilityKind) -> Metric {
        kind.info().over_rated
    }
}

/// Relative gap allowed between the sum of the detained-by-type cells and `detained`.
/// The DES counts people (any error is at least one person); the fluid adds the same
/// per-type stocks in the same order, so only a real mis-filing exceeds this.
const BY_TYPE_TOLERANCE: f64 = 1e-9;

/// Daily rows for every office: `days × offices × METRIC_COUNT`, row-major.
#[derive(Clone, Debug)]
pub struct Daily {
    days: usize,
    offices: usize,
    /// One row of `METRIC_COUNT` cells per (day, office), day-major: a day's rows are
    /// contiguous. Flat rather than a `Vec` of rows so that a new table is one zeroed
    /// allocation (`calloc`, pages the system hands out zeroed) instead of a pass writing
    /// zeros over megabytes: `vec!` zeroes through the allocator only for arrays of up to
    /// 16 elements, and that pass was 2% of a fluid run's instructions.
    rows: Vec<f64>,
}

impl Daily {
    /// Zeros for `days` days and `offices` offices.
    pub fn new(days: usize, offices: usize) -> Daily {
        Daily { days, offices, rows: vec![0.0; days * offices * METRIC_COUNT] }
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
    fn row(&self, day: usize, office: usize) -> usize {
        day * self.offices + office
    }
    /// Adds to a cell.
    #[inline]
    pub fn add(&mut self, day: usize, office: usize, m: Metric, x: f64) {
        let i = self.row(day, office);
        self.rows[i * METRIC_COUNT + m as usize] += x;
    }
    /// Sets a cell.
    #[inline]
    pub fn set(&mut self, day: usize, office: usize, m: Metric, x: f64) {
        let i = self.row(day, office);
        self.rows[i * METRIC_COUNT + m as usize] = x;
    }
    /// Reads a cell.
    #[inline]
    pub fn get(&self, day: usize, office: usize, m: Metric) -> f64 {
        self.rows[self.row(day, office) * METRIC_COUNT + m as usize]
    }
    /// Every office's row on `day`, in office order, indexed by `Metric as usize`: a view
    /// with no copy, so a live observer can be handed a day as it closes.
    ///
    /// # Panics
    /// If `day` is not below [`Daily::days`].
    pub fn day_rows(&self, day: usize) -> &[[f64; METRIC_COUNT]] {
        let (a, b) = (self.row(day, 0), self.row(day + 1, 0));
        self.rows[a * METRIC_COUNT..b * METRIC_COUNT].as_chunks().0
    }
    /// [`Daily::day_rows`], to write: the fluid fills a day's rows through it, one bounds
    /// check per office rather than one per cell.
    ///
    /// # Panics
    /// If `day` is not below [`Daily::days`].
    /// One office's row of one day, to write in place.
    #[inline]
    pub(crate) fn row_mut(&mut self, day: usize, office: usize) -> &mut [f64; METRIC_COUNT] {
        let i = self.row(day, office) * METRIC_COUNT;
        &mut self.rows[i..i + METRIC_COUNT].as_chunks_mut().0[0]
    }
    pub(crate) fn day_rows_mut(&mut self, day: usize) -> &mut [[f64; METRIC_COUNT]] {
        let (a, b) = (self.row(day, 0), self.row(day + 1, 0));
        self.rows[a * METRIC_COUNT..b * METRIC_COUNT].as_chunks_mut().0
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
    /// Adds `w ×` every cell of `other` (same shape) to this table, in one pass over
    /// memory: averaging replications cell by cell through [`Daily::add`] costs an index
    /// computation and a bounds check per cell, and this is on the fluid's hot path.
    pub(crate) fn add_scaled(&mut self, other: &Daily, w: f64) {
        debug_assert_eq!((self.days, self.offices), (other.days, other.offices));
        for (x, y) in self.rows.iter_mut().zip(&other.rows) {
            *x += y * w;
        }
    }
    /// In place, what [`Daily::add_scaled`] of this table into zeros gives, bit for bit
    /// (`0 + x·w`, so a `-0` cell becomes `+0` as it would there): the average of a single
    /// replication without allocating a second table.
    pub(crate) fn scale_into_zeros(&mut self, w: f64) {
        for x in &mut self.rows {
            *x = 0.0 + *x * w;
        }
    }
    /// The first office whose detained-by-type cells on `day` do not add up to its
    /// `detained` cell, as `(office, sum by type, detained)`. Everyone detained is in
    /// exactly one facility type, so a gap means someone counted twice or not at all.
    pub fn detained_by_type_gap(&self, day: usize) -> Option<(usize, f64, f64)> {
        (0..self.offices).find_map(|o| {
            let by_type: f64 =
                FacilityKind::ALL.iter().map(|k| self.get(day, o, Metric::detained_in(*k))).sum();
            let detained = self.get(day, o, Metric::Detained);
            let gap = (by_type - detained).abs() > BY_TYPE_TOLERANCE * detained.abs().max(1.0);
            gap.then_some((o, by_type, detained))
        })
    }
}

/// The stays counted on their own beyond the sketch's percentiles: longer than 90 and
/// than 180 days (the lengths oversight reports single out; a sketch's buckets straddle
/// the thresholds, so the shares are counted exactly).
pub const LONG_STAY_DAYS: [f64; 2] = [90.0, 180.0];

/// The arresting agencies lengths of stay are grouped by, as ICE counts book-ins
/// ([`crate::ids::ChannelInfo::book_in`]): ICE (with its deputized partners) and CBP
/// (Border Patrol, at the border or on interior details).
pub const STAY_AGENCIES: [&str; 2] = ["ice", "cbp"];

/// The [`STAY_AGENCIES`] index of a case booked in under `book_in` (`book_ins_ice` or
/// `book_ins_cbp`).
pub fn stay_agency(book_in: Metric) -> usize {
    usize::from(book_in == Metric::BookInsCbp)
}

/// Lengths of stay of one group of book-outs: percentiles from a sketch and exact counts of
/// the stays longer than each of [`LONG_STAY_DAYS`]. Aggregate counts only.
#[derive(Clone, Debug)]
pub struct Stays {
    sketch: QuantileSketch,
    longer: [u64; LONG_STAY_DAYS.len()],
}

impl Default for Stays {
    fn default() -> Stays {
        Stays { sketch: QuantileSketch::new(0.01), longer: [0; LONG_STAY_DAYS.len()] }
    }
}

impl Stays {
    /// Records one stay of `days`.
    #[inline]
    pub fn add(&mut self, days: f64) {
        self.add_n(days, 1);
    }
    /// Records `n` stays of `days`.
    pub fn add_n(&mut self, days: f64, n: u64) {
        self.add_binned(days, 0.0, n);
    }
    /// Records `n` stays somewhere in `days ± half` (a histogram bin of the fluid's
    /// expected counts, rounded): the sketch takes the midpoint, and the stays count as
    /// longer than a threshold only if the whole bin is. A stay of exactly the threshold
    /// (the custody limit counted from book-in, a point mass) sits at a bin's lower edge
    /// and must not count, as it does not in the DES.
    pub fn add_binned(&mut self, days: f64, half: f64, n: u64) {
        self.sketch.add_n(days, n);
        for (c, t) in self.longer.iter_mut().zip(LONG_STAY_DAYS) {
            if days - half > t {
                *c += n;
            }
        }
    }
    /// The `q` quantile of the stays (see [`QuantileSketch::quantile`]).
    pub fn quantile(&self, q: f64) -> Option<f64> {
        self.sketch.quantile(q)
    }
    /// Number of stays recorded.
    pub fn count(&self) -> u64 {
        self.sketch.count()
    }
    /// Share of the stays longer than `LONG_STAY_DAYS[i]` (0 without stays).
    pub fn share_longer(&self, i: usize) -> f64 {
        let n = self.count();
        if n == 0 { 0.0 } else { self.longer[i] as f64 / n as f64 }
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
    pub length_of_stay: Stays,
    /// Length of stay of book-outs by criminal-history category (`Category::index`).
    pub length_of_stay_by_category: [Stays; Category::COUNT],
    /// Length of stay of book-outs by arresting agency ([`STAY_AGENCIES`]).
    pub length_of_stay_by_agency: [Stays; STAY_AGENCIES.len()],
}

impl Durations {
    /// Empty sketches for `offices` offices.
    pub fn new(offices: usize) -> Durations {
        Durations {
            arrest_to_removal: QuantileSketch::new(0.01),
            arrest_to_removal_by_office: vec![QuantileSketch::new(0.01); offices],
            length_of_stay: Stays::default(),
            length_of_stay_by_category: Default::default(),
            length_of_stay_by_agency: Default::default(),
        }
    }

    /// Records a book-out's stay of `days` in the national and its groups' distributions.
    pub fn stay(&mut self, days: f64, category: usize, agency: usize) {
        self.length_of_stay.add(days);
        self.length_of_stay_by_category[category].add(days);
        self.length_of_stay_by_agency[agency].add(days);
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

    #[test]
    fn a_days_rows_are_its_cells_by_office() {
        let mut d = Daily::new(3, 2);
        d.set(1, 0, Metric::Detained, 7.0);
        d.add(1, 1, Metric::Beds, 9.0);
        d.set(2, 0, Metric::Detained, 100.0);
        let rows = d.day_rows(1);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][Metric::Detained as usize], 7.0);
        assert_eq!(rows[1][Metric::Beds as usize], 9.0);
        assert_eq!(rows.iter().flatten().sum::<f64>(), 16.0, "no other day's cells");
        assert_eq!(d.day_rows(0).iter().flatten().sum::<f64>(), 0.0);
    }

    #[test]
    fn by_type_columns_are_named_after_the_facility_kinds() {
        for k in FacilityKind::ALL {
            assert_eq!(Metric::detained_in(k).name(), format!("detained_{}", k.name()));
            assert_eq!(Metric::beds_in(k).name(), format!("beds_{}", k.name()));
            assert_eq!(Metric::over_rated_in(k).name(), format!("over_rated_{}", k.name()));
        }
    }

    #[test]
    fn a_person_missing_from_the_by_type_columns_is_found() {
        let mut d = Daily::new(2, 3);
        for o in 0..3 {
            for (i, k) in FacilityKind::ALL.iter().enumerate() {
                d.set(1, o, Metric::detained_in(*k), (10 * o + i) as f64);
            }
            let sum: f64 = (0..FacilityKind::COUNT).map(|i| (10 * o + i) as f64).sum();
            d.set(1, o, Metric::Detained, sum);
        }
        assert_eq!(d.detained_by_type_gap(0), None, "all zeros add up");
        assert_eq!(d.detained_by_type_gap(1), None);
        d.add(1, 2, Metric::DetainedBop, -1.0);
        assert_eq!(d.detained_by_type_gap(1), Some((2, 109.0, 110.0)));
        // Beds by type do not enter the check.
        d.add(1, 2, Metric::DetainedBop, 1.0);
        d.set(1, 0, Metric::BedsIgsa, 5.0);
        assert_eq!(d.detained_by_type_gap(1), None);
    }

    #[test]
    fn averaging_in_place_matches_averaging_into_zeros_bit_for_bit() {
        let mut a = Daily::new(3, 2);
        for (i, x) in [-0.0, 1.0 / 3.0, -7.25, 1e-300, f64::MAX].into_iter().enumerate() {
            a.set(i % 3, i % 2, Metric::ALL[i], x);
        }
        for w in [1.0, 0.5, 1.0 / 3.0] {
            let mut zeros = Daily::new(3, 2);
            zeros.add_scaled(&a, w);
            let mut in_place = a.clone();
            in_place.scale_into_zeros(w);
            let bits = |d: &Daily| d.rows.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&zeros), bits(&in_place), "w = {w}");
        }
        // And accumulating is a sum of scaled tables.
        let mut two = Daily::new(3, 2);
        two.add_scaled(&a, 0.5);
        two.add_scaled(&a, 0.5);
        assert_eq!(two.get(1, 1, Metric::ALL[1]), 1.0 / 3.0);
        assert_eq!(two.get(0, 0, Metric::ALL[0]).to_bits(), 0.0f64.to_bits());
    }
}
