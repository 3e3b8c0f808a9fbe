//! Arrests and apprehensions in expectation — the DES's own mechanisms
//! ([`crate::effort::office_day`], [`crate::mechanisms::arrests_by_category`],
//! [`crate::mechanisms::sector_day`]) without the Poisson draws — and the delays before
//! booked cases reach a facility.

use super::params::DayParams;
use crate::config::Scenario;
use crate::date::Date;
use crate::effort::{self, OfficeDay, OfficeInputs, Staffing};
use crate::mechanisms::{self, ArrestMeans, SectorDay};
use crate::variation;

/// One office's expected arrests today, by channel × category.
pub(crate) struct OfficeArrests {
    pub day: OfficeDay,
    /// `[channel][category]`.
    pub by: ArrestMeans,
}

/// Expected arrests of office `o` given its pools and what adds to its own officers'
/// (`extra`: details, deputations, officers away, check-in arrests), split by category as
/// the DES splits its draws ([`mechanisms::arrests_by_category`]), on a day of day-of-week
/// weight `weight` ([`variation::weekday_weight`]; operations enter at their expectation, 1).
pub(crate) fn office_arrests(
    sc: &Scenario,
    p: &DayParams,
    o: usize,
    inputs: &OfficeInputs,
    pools: &effort::Pools,
    extra: effort::Reinforcements,
    weight: f64,
) -> OfficeArrests {
    let mut od =
        effort::office_day_with(inputs, &sc.offices[o], &sc.ero, &sc.channels, pools, extra);
    variation::scale(&mut od, weight, 1.0);
    let ops_mix = mechanisms::operations_mix(&sc.channels);
    let by = mechanisms::arrests_by_category(&od, &p.custodial_category, &ops_mix);
    OfficeArrests { day: od, by }
}

/// Expected apprehensions, book-ins and gotaways of every sector
/// ([`mechanisms::sector_day`]).
pub(crate) fn border(
    sc: &Scenario,
    p: &DayParams,
    date: Date,
    staffing: &Staffing,
) -> Vec<SectorDay> {
    let (book, direct) = (p.border_book_in_share, p.border_direct_share);
    (0..sc.sectors.len())
        .map(|i| mechanisms::sector_day(sc, i, date, staffing, book, direct))
        .collect()
}

/// Where a day's arrivals land in a [`DelayLine`]: (day slot, weight) for the two days a
/// fractional delay spreads them over.
pub(crate) type Slots = [(usize, f64); 2];

/// Adds `mass` for office `o` to a per-office line `[day % len][office]` at `slots`.
fn spread(line: &mut [Vec<f64>], slots: Slots, o: usize, mass: f64) {
    for (i, w) in slots {
        if w > 0.0 {
            line[i][o] += mass * w;
        }
    }
}

/// Booked cases on their way to a facility, by arrival day.
pub(crate) struct DelayLine {
    offices: usize,
    /// `[day % len][office][category][track]` (interior; track 0 order, 1 voluntary,
    /// 2 proceedings).
    interior: Vec<Vec<[[f64; 3]; 3]>>,
    /// `[day % len][office]`: the part of `interior` counted as CBP book-ins (Border
    /// Patrol's interior arrests, [`crate::ids::ChannelInfo::book_in`]).
    interior_cbp: Vec<Vec<f64>>,
    /// `[day % len][office]` (border; split on arrival).
    border: Vec<Vec<f64>>,
}

impl DelayLine {
    pub fn new(offices: usize, max_delay: f64) -> DelayLine {
        let len = max_delay.ceil() as usize + 3;
        DelayLine {
            offices,
            interior: vec![vec![[[0.0; 3]; 3]; offices]; len],
            interior_cbp: vec![vec![0.0; offices]; len],
            border: vec![vec![0.0; offices]; len],
        }
    }

    /// Day indices and weights of a uniform-in-day arrival `delay` days later: the same
    /// for every arrival of the day, so found once a day and passed to the pushes.
    pub fn slots(&self, day: u32, delay: f64) -> Slots {
        let len = self.border.len();
        let whole = delay.floor();
        let frac = delay - whole;
        let at = day as usize + whole as usize;
        [(at % len, 1.0 - frac), ((at + 1) % len, frac)]
    }

    pub fn push_interior(&mut self, slots: Slots, o: usize, c: usize, tracks: [f64; 3], mass: f64) {
        for (i, w) in slots {
            if w > 0.0 {
                for t in 0..3 {
                    self.interior[i][o][c][t] += mass * w * tracks[t];
                }
            }
        }
    }

    /// Marks `mass` of what [`DelayLine::push_interior`] booked for office `o` as counted
    /// in CBP book-ins.
    pub fn push_interior_cbp(&mut self, slots: Slots, o: usize, mass: f64) {
        spread(&mut self.interior_cbp, slots, o, mass);
    }

    pub fn push_border(&mut self, slots: Slots, o: usize, mass: f64) {
        spread(&mut self.border, slots, o, mass);
    }

    /// Today's arrivals (and clears them): interior `[office][category][track]`, its
    /// CBP-counted part and border per office, swapped into the caller's buffers (whose
    /// old contents are dropped).
    pub fn take(&mut self, day: u32, buf: &mut crate::fluid::scratch::Scratch) {
        let i = day as usize % self.border.len();
        std::mem::swap(&mut self.interior[i], &mut buf.interior);
        std::mem::swap(&mut self.interior_cbp[i], &mut buf.interior_cbp);
        std::mem::swap(&mut self.border[i], &mut buf.border);
        self.interior[i].clear();
        self.interior[i].resize(self.offices, [[0.0; 3]; 3]);
        self.interior_cbp[i].clear();
        self.interior_cbp[i].resize(self.offices, 0.0);
        self.border[i].clear();
        self.border[i].resize(self.offices, 0.0);
    }
}
