//! Buffers the daily step reuses: a national year is hundreds of days of small per-office
//! vectors, and allocating them afresh each day cost more than the arithmetic on them.
//! Nothing here carries state from one day to the next; every buffer is overwritten or
//! cleared before it is read.

use super::beds::{HoldMix, HomeDay};
use super::durations::CELLS;
use super::state::Exits;
use crate::ids::Pathway;

/// Per-office vectors by nationality group (4) or category (3).
pub(crate) type ByNat = [Vec<f64>; 4];

/// The day's working buffers, sized for `offices` offices (`Default` is the empty set a
/// step swaps in while it holds them).
#[derive(Default)]
pub(crate) struct Scratch {
    /// Booked cases reaching a facility today: interior `[office][category][track]`, border.
    pub interior: Vec<[[f64; 3]; 3]>,
    /// The part of `interior` counted as CBP book-ins, per office.
    pub interior_cbp: Vec<f64>,
    pub border: Vec<f64>,
    /// Interior arrivals per office, all categories and tracks.
    pub interior_in: Vec<f64>,
    /// Phase-A orders by nationality group and office, with age sums.
    pub orders: ByNat,
    pub orders_age: ByNat,
    /// Phase-C orders likewise.
    pub orders_c: ByNat,
    pub orders_c_age: ByNat,
    /// The border source's phase-A and phase-C orders (they wait for documents in the border
    /// source's own `Orders`), by nationality group and border office
    /// (the offices receiving a sector's cases, in [`super::agency::BorderOffices`] order).
    pub border_orders: ByNat,
    pub border_orders_age: ByNat,
    pub border_orders_c: ByNat,
    pub border_orders_c_age: ByNat,
    /// Exits counted when the day opened, per office.
    pub exits_a: Vec<f64>,
    /// Share of each office's detained held at a departure point, by mode.
    pub direct: [Vec<f64>; 2],
    /// Days-left split of one nationality group's ready cases.
    pub left: Vec<f64>,
    /// The CBP line's composition per office.
    pub mixes: Vec<HoldMix>,
    /// The day's admissions by office.
    pub placed: Vec<HomeDay>,
    /// Admissions by office and cell.
    pub cells: Vec<[f64; CELLS]>,
    /// Court entrants by category and lane (office × source).
    pub entrants: [Vec<f64>; 3],
    /// Voluntary-departure entrants per office, and zero age sums for them.
    pub vol_in: Vec<f64>,
    pub zeros: Vec<f64>,
    /// Ready per nationality group after phase A (so before phase C), and phase C's part
    /// (mass, ages).
    pub ready_before: ByNat,
    pub ready_before_age: ByNat,
    pub ready_c: Vec<f64>,
    pub ready_c_age: Vec<f64>,
    /// The day's exits by office.
    pub exits: Exits,
    /// Detained per office at the end of the day.
    pub detained: Vec<f64>,
    /// Per office at the end of the day: people in court, waiting for documents, and
    /// moving to a hub or waiting for transport (read for the detained and the records).
    pub stocks: Vec<[f64; 3]>,
    /// Waiting for documents at the end of the day: interior orders per office, border
    /// orders per border office (the first of its `n` cells).
    pub waiting: Vec<f64>,
    pub border_waiting: Vec<f64>,
    /// Per office at the end of a measured day: the CBP-arrested detained.
    pub detained_cbp: Vec<f64>,
    /// The day's removal orders per office by [`crate::ids::Pathway`] (phases A and C).
    pub path_orders: Vec<[f64; Pathway::COUNT]>,
}

fn by_nat(n: usize) -> ByNat {
    std::array::from_fn(|_| vec![0.0; n])
}

impl Scratch {
    /// Sizes the border source's order buffers for `k` border offices.
    pub fn border_offices(&mut self, k: usize) {
        for v in [
            &mut self.border_orders,
            &mut self.border_orders_age,
            &mut self.border_orders_c,
            &mut self.border_orders_c_age,
        ] {
            *v = by_nat(k);
        }
    }

    pub fn new(offices: usize) -> Scratch {
        let n = offices;
        Scratch {
            interior: vec![[[0.0; 3]; 3]; n],
            interior_cbp: vec![0.0; n],
            border: vec![0.0; n],
            interior_in: vec![0.0; n],
            orders: by_nat(n),
            orders_age: by_nat(n),
            orders_c: by_nat(n),
            orders_c_age: by_nat(n),
            border_orders: by_nat(0),
            border_orders_age: by_nat(0),
            border_orders_c: by_nat(0),
            border_orders_c_age: by_nat(0),
            exits_a: vec![0.0; n],
            direct: [vec![0.0; n], vec![0.0; n]],
            left: Vec::new(),
            mixes: vec![[[0.0; 2]; 3]; n],
            placed: vec![HomeDay::default(); n],
            cells: vec![[0.0; CELLS]; n],
            entrants: std::array::from_fn(|_| vec![0.0; 2 * n]),
            vol_in: vec![0.0; n],
            zeros: vec![0.0; n],
            ready_before: by_nat(n),
            ready_before_age: by_nat(n),
            ready_c: vec![0.0; n],
            ready_c_age: vec![0.0; n],
            exits: Exits::new(n),
            detained: vec![0.0; n],
            stocks: vec![[0.0; 3]; n],
            waiting: vec![0.0; n],
            border_waiting: vec![0.0; n],
            detained_cbp: vec![0.0; n],
            path_orders: vec![[0.0; Pathway::COUNT]; n],
        }
    }
}

/// Sets every element to zero.
pub(crate) fn zero<T: Copy + Default>(v: &mut [T]) {
    v.iter_mut().for_each(|x| *x = T::default());
}
