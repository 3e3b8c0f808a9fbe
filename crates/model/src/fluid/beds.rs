//! Detention beds by office and facility type, and the CBP holding line.
//!
//! Admissions follow the DES's rule in expectation ([`AdmissionRule`], stated once in
//! `mechanisms.rs`): a rated bed in the home AOR (facility types in order), then the rooms
//! `when_full` lists in its order — surge room above rated beds at home (types in order, up
//! to each type's surge ceiling), rated beds in other AORs (the AOR and type with the most
//! free rated beds: water-filling the free rated beds from the top) — else a release for
//! lack of a bed, or for border cases (with `hold`) a wait in CBP custody up to the holding
//! limit; those waiting are first in line for room freed later. Beds freed during the day
//! are available the same day.
//!
//! Where people are held is tracked per (home office, place); a home office's exits are
//! taken from its places in proportion to how many it holds there (the only mixing
//! assumption of the fluid's bed model).

use crate::ids::FacilityKind;
use crate::mechanisms::{AdmissionRule, NoRoom, Room};

const K: usize = FacilityKind::COUNT;

/// Composition of a CBP-held cohort: [category][track: 0 expedited, 1 proceedings].
pub(crate) type HoldMix = [[f64; 2]; 3];

/// The beds and who holds them.
pub(crate) struct Beds {
    offices: usize,
    /// Rated beds per place (office × type) today.
    pub capacity: Vec<f64>,
    /// The most each place can hold today: rated beds plus surge room
    /// ([`crate::mechanisms::surge_ceiling`]).
    pub ceiling: Vec<f64>,
    /// Where each home office's people are, over the places it has ever used.
    homes: Vec<HomePlaces>,
    /// Index into `homes[h]` of place `p` at `slot[h * places + p]` ([`UNUSED`] if `h` has
    /// never used `p`).
    slot: Vec<u32>,
    /// Free rated beds left for admissions today, per place.
    free: Vec<f64>,
    /// Surge room (above rated beds, below the ceiling) left for admissions today.
    surge_free: Vec<f64>,
    /// CBP holding line per home office: cohorts by days waited (index 0 = today).
    hold: Vec<Vec<HoldMix>>,
    /// Whether home `h`'s CBP line has ever had anyone in it. One that has not is all
    /// zeros (an office receiving no border cases never has anyone), and the daily work on
    /// it — sums of zeros, zeros scaled and rotated — can be skipped: it changes nothing.
    lined: Vec<bool>,
    /// People held per place (kept in step with `homes`).
    occupied: Vec<f64>,
    /// People held per home office.
    home: Vec<f64>,
    /// Admitted today per place, all home offices.
    admitted_place: Vec<f64>,
    /// Working buffers of `place` and `admit` (overwritten before each read).
    placed: Vec<f64>,
    rest: Vec<f64>,
    sorted: Vec<f64>,
    from: Vec<(usize, f64)>,
    waiting: Vec<f64>,
    /// Today's border arrivals ICE accepts under the border admission ceiling.
    capped: Vec<f64>,
}

/// Scales `want` down so that its sum is at most `room` (each home keeps its share of
/// the total).
fn cap_to(want: &mut [f64], room: f64) {
    let total: f64 = want.iter().sum();
    if total > room {
        let scale = if total > 0.0 { room.max(0.0) / total } else { 0.0 };
        want.iter_mut().for_each(|w| *w *= scale);
    }
}

/// Marks a (home, place) pair never used in [`Beds::slot`].
const UNUSED: u32 = u32::MAX;

/// One home office's places in order of first use, with per-place parallel vectors, so
/// that daily work runs over the places in use as plain slices (`held` and admissions are
/// zero at every other place).
#[derive(Clone, Default)]
struct HomePlaces {
    place: Vec<usize>,
    /// `place / K`, read by [`Beds::shares_held_at`].
    office: Vec<usize>,
    /// People held at each place.
    held: Vec<f64>,
    /// Admitted today at each place.
    admitted: Vec<f64>,
}

/// The day's admissions of one home office.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HomeDay {
    /// Share of today's new interior arrivals admitted.
    pub interior_admitted: f64,
    /// Share of today's new border arrivals admitted.
    pub border_admitted: f64,
    /// Admitted from the CBP line, by composition.
    pub from_hold: HoldMix,
    /// Admitted into another AOR.
    pub transferred: f64,
    /// Released from the CBP line at the holding limit.
    pub hold_expired: f64,
    /// Today's border arrivals released for lack of a bed at once (no `hold` in the rule).
    pub border_released: f64,
}

impl Beds {
    pub fn new(offices: usize, hold_days: f64) -> Beds {
        let places = offices * K;
        Beds {
            offices,
            capacity: vec![0.0; places],
            ceiling: vec![0.0; places],
            homes: vec![HomePlaces::default(); offices],
            slot: vec![UNUSED; offices * places],
            free: vec![0.0; places],
            surge_free: vec![0.0; places],
            hold: vec![vec![[[0.0; 2]; 3]; hold_days.ceil() as usize + 2]; offices],
            lined: vec![false; offices],
            occupied: vec![0.0; places],
            home: vec![0.0; offices],
            admitted_place: vec![0.0; places],
            placed: vec![0.0; offices],
            rest: vec![0.0; offices],
            sorted: Vec::with_capacity(places),
            from: Vec::with_capacity(places),
            waiting: vec![0.0; offices],
            capped: vec![0.0; offices],
        }
    }

    fn places(&self) -> usize {
        self.offices * K
    }

    /// People held in place `p`.
    pub fn occupied(&self, p: usize) -> f64 {
        self.occupied[p]
    }

    /// Admitted today into place `p`, all home offices.
    pub fn admitted_to(&self, p: usize) -> f64 {
        self.admitted_place[p]
    }

    /// CBP-held people of home `h`.
    pub fn holding(&self, h: usize) -> f64 {
        if !self.lined[h] {
            // The sum of the zeros below.
            return 0.0;
        }
        self.hold[h].iter().map(|c| c.iter().flatten().sum::<f64>()).sum()
    }

    /// Home `h`'s detained, wherever held.
    pub fn home_total(&self, h: usize) -> f64 {
        self.home[h]
    }

    /// Home `h`'s detained held in another office's facilities: the places it uses outside
    /// its own AOR (a handful, so this is cheap at the end of each day).
    pub fn held_away(&self, h: usize) -> f64 {
        let home = &self.homes[h];
        home.office.iter().zip(&home.held).filter(|(o, _)| **o != h).map(|(_, x)| x).sum()
    }

    /// The share of home `h`'s detained held in offices flagged in `at[i]` (or, with
    /// nobody held, 1 if the home office itself is flagged), for several sets of offices
    /// in one pass over the home's places (each share adds its places in their order).
    pub fn shares_held_at<const N: usize>(&self, h: usize, at: [&[bool]; N]) -> [f64; N] {
        let total = self.home[h];
        if total <= 0.0 {
            return at.map(|at| if at[h] { 1.0 } else { 0.0 });
        }
        let home = &self.homes[h];
        let mut x = [0.0; N];
        for (&o, &held) in home.office.iter().zip(&home.held) {
            for (x, at) in x.iter_mut().zip(&at) {
                if at[o] {
                    *x += held;
                }
            }
        }
        x.map(|x| x / total)
    }

    /// Opens the day: free rated beds = rated − (occupied − the day's exits so far), surge
    /// room = ceiling − max(occupied − exits, rated), with each home office's exits
    /// `exits[h]` taken from its places pro rata.
    pub fn open(&mut self, exits: &[f64]) {
        for ((f, c), o) in self.free.iter_mut().zip(&self.capacity).zip(&self.occupied) {
            *f = c - o;
        }
        for (h, home) in self.homes.iter_mut().enumerate() {
            home.admitted.fill(0.0);
            let total = self.home[h];
            if total <= 0.0 || exits[h] <= 0.0 {
                continue;
            }
            let share = (exits[h] / total).min(1.0);
            for (&p, &x) in home.place.iter().zip(&home.held) {
                self.free[p] += x * share;
            }
        }
        // `free` is rated − held; the surge room is what the ceiling leaves above the larger
        // of the two.
        for ((s, f), (c, top)) in
            self.surge_free.iter_mut().zip(&self.free).zip(self.capacity.iter().zip(&self.ceiling))
        {
            *s = (top - c + f.min(0.0)).max(0.0);
        }
        self.free.iter_mut().for_each(|f| *f = f.max(0.0));
        self.admitted_place.iter_mut().for_each(|a| *a = 0.0);
    }

    /// Places `want[h]` people of each home office in the rooms of `rule`, in its order.
    /// Leaves the number placed per home in `self.placed`.
    fn place(&mut self, want: &[f64], rule: &AdmissionRule, out: &mut [HomeDay]) {
        let mut placed = std::mem::take(&mut self.placed);
        let mut rest = std::mem::take(&mut self.rest);
        placed.iter_mut().for_each(|x| *x = 0.0);
        rest.copy_from_slice(want);
        for room in rule.rooms() {
            match room {
                Room::HomeRated => self.fill_home(&mut placed, &mut rest, false),
                Room::HomeSurge => self.fill_home(&mut placed, &mut rest, true),
                Room::Transfer => self.fill_transfer(&mut placed, &mut rest, out),
            }
        }
        self.placed = placed;
        self.rest = rest;
    }

    /// Each home's rest into its own places, facility types in order: free rated beds, or
    /// (`surge`) surge room.
    fn fill_home(&mut self, placed: &mut [f64], rest: &mut [f64], surge: bool) {
        let ps = self.places();
        let free = if surge { &mut self.surge_free } else { &mut self.free };
        for h in 0..self.offices {
            if rest[h] <= 0.0 {
                continue;
            }
            let slots = &mut self.slot[h * ps..(h + 1) * ps];
            let home = &mut self.homes[h];
            for p in h * K..(h + 1) * K {
                if rest[h] <= 0.0 {
                    break;
                }
                let x = rest[h].min(free[p]);
                if x > 0.0 {
                    free[p] -= x;
                    let j = slot_of(home, slots, p);
                    home.admitted[j] += x;
                    self.admitted_place[p] += x;
                    rest[h] -= x;
                    placed[h] += x;
                }
            }
        }
    }

    /// Every home's rest into the free rated beds of all places, most free first
    /// (water-filling), shared among the homes in proportion to their rest.
    fn fill_transfer(&mut self, placed: &mut [f64], rest: &mut [f64], out: &mut [HomeDay]) {
        let ps = self.places();
        let left: f64 = rest.iter().sum();
        if left <= 0.0 {
            return;
        }
        let mut from = std::mem::take(&mut self.from);
        water_fill_into(&mut self.free, left, &mut from, &mut self.sorted);
        // The places' takes in place order: the sum over all places, less the zeros.
        let total: f64 = from.iter().map(|(_, t)| t).sum();
        if total <= 0.0 {
            self.from = from;
            return;
        }
        // Each waiting home gets its share of every place taken (home-major, as the
        // per-place and per-home totals are summed in that order).
        for h in 0..self.offices {
            if rest[h] <= 0.0 {
                continue;
            }
            let mine = total * rest[h] / left;
            placed[h] += mine;
            rest[h] -= mine;
            let slots = &mut self.slot[h * ps..(h + 1) * ps];
            let home = &mut self.homes[h];
            let mut transferred = out[h].transferred;
            for &(p, t) in &from {
                let x = mine * t / total;
                let j = slot_of(home, slots, p);
                home.admitted[j] += x;
                self.admitted_place[p] += x;
                if p / K != h {
                    transferred += x;
                }
            }
            out[h].transferred = transferred;
        }
        self.from = from;
    }

    /// The day's admissions: the CBP line first (longest waiting first), then today's
    /// border arrivals, then today's interior arrivals, each under its rule (`rules`:
    /// interior, border). Border arrivals without a bed (`border[h]` with composition
    /// `border_mix[h]`) join the CBP line when their rule ends in `hold` (else they are
    /// released), and the line then releases those who reached the holding limit; interior
    /// ones without a bed are released.
    ///
    /// Border before interior: in the DES a border case that finds no bed waits in CBP
    /// custody and takes the next bed freed (within hours when beds are full), while an
    /// interior case is released at once; over a day the border cases come first.
    ///
    /// `border_room` is the national room under the border admission ceiling
    /// ([`crate::mechanisms::border_room`], after today's interior arrivals; infinite: no
    /// ceiling): the CBP line takes it first, in proportion to each line, then today's
    /// border arrivals; what it does not take waits in (or joins) the line.
    #[allow(clippy::too_many_arguments)]
    pub fn admit(
        &mut self,
        interior: &[f64],
        border: &[f64],
        border_mix: &[HoldMix],
        rules: &[AdmissionRule; 2],
        hold_days: f64,
        border_room: f64,
        out: &mut [HomeDay],
    ) {
        // 1. The CBP line. (`out` is cleared office by office in the same pass: cleared in
        // one go it is one large `memset`, which costs more than the stores it replaces.)
        let mut waiting = std::mem::take(&mut self.waiting);
        for (h, (w, o)) in waiting.iter_mut().zip(out.iter_mut()).enumerate() {
            *o = HomeDay::default();
            *w = self.holding(h);
        }
        let capped = border_room.is_finite();
        if capped {
            cap_to(&mut waiting, border_room);
        }
        self.place(&waiting, &rules[1], out);
        self.waiting = waiting;
        // The line takes the room its placed people use; today's arrivals the rest.
        let mut arriving = std::mem::take(&mut self.capped);
        arriving.copy_from_slice(border);
        if capped {
            let took: f64 = self.placed.iter().sum();
            cap_to(&mut arriving, (border_room - took).max(0.0));
        }
        for h in 0..self.offices {
            let mut left = self.placed[h];
            for cohort in self.hold[h].iter_mut().rev() {
                // `left` only falls: once nothing is left, no older cohort is touched.
                if left <= 0.0 {
                    break;
                }
                let m: f64 = cohort.iter().flatten().sum();
                if m <= 0.0 {
                    continue;
                }
                let share = (left / m).min(1.0);
                for c in 0..3 {
                    for t in 0..2 {
                        let x = cohort[c][t] * share;
                        out[h].from_hold[c][t] += x;
                        cohort[c][t] -= x;
                    }
                }
                left -= m * share;
            }
        }
        // 2. Today's arrivals: border first when they can wait in CBP custody (see above);
        // when they cannot, both meet the beds as they come, in the same proportion.
        let share = |placed: &[f64], want: &[f64], h: usize| {
            if want[h] > 0.0 { (placed[h] / want[h]).min(1.0) } else { 1.0 }
        };
        if rules[1].otherwise == NoRoom::Hold {
            self.place(&arriving, &rules[1], out);
            for h in 0..self.offices {
                out[h].border_admitted = share(&self.placed, border, h);
            }
            self.place(interior, &rules[0], out);
            for h in 0..self.offices {
                out[h].interior_admitted = share(&self.placed, interior, h);
            }
        } else {
            // Without `hold` the two rules try the same rooms.
            let mut all = std::mem::take(&mut self.waiting);
            for ((a, b), i) in all.iter_mut().zip(&arriving).zip(interior) {
                *a = b + i;
            }
            self.place(&all, &rules[0], out);
            for h in 0..self.offices {
                let a = share(&self.placed, &all, h);
                // Under a ceiling only the accepted part of the border arrivals met the beds.
                let b = if capped { a * share(&arriving, border, h) } else { a };
                (out[h].border_admitted, out[h].interior_admitted) = (b, a);
            }
            self.waiting = all;
        }
        self.capped = arriving;
        // 3. Border arrivals without a bed join the line; the line ages and releases those
        // at the holding limit (a fractional limit splits a cohort over two days).
        let whole = hold_days.floor() as usize;
        let frac = hold_days - whole as f64;
        for h in 0..self.offices {
            let line = &mut self.hold[h];
            let mut waiting = border[h] * (1.0 - out[h].border_admitted);
            if rules[1].otherwise == NoRoom::Release {
                out[h].border_released = waiting;
                waiting = 0.0;
            }
            if waiting == 0.0 && !self.lined[h] {
                continue;
            }
            self.lined[h] = true;
            for c in 0..3 {
                for t in 0..2 {
                    line[0][c][t] += waiting * border_mix[h][c][t];
                }
            }
            for (age, share) in [(whole, 1.0 - frac), (whole + 1, 1.0)] {
                if age >= line.len() || share <= 0.0 {
                    continue;
                }
                let cohort = &mut line[age];
                let m: f64 = cohort.iter().flatten().sum();
                out[h].hold_expired += m * share;
                cohort.iter_mut().flatten().for_each(|x| *x *= 1.0 - share);
            }
            line.rotate_right(1);
            line[0] = [[0.0; 2]; 3];
        }
    }

    /// Closes the day: each home's people end at `total[h]` (its detained stock from the
    /// pipeline), spread over its places as before plus today's admissions, minus its
    /// exits `exits_a[h]` counted when the day opened.
    pub fn close(&mut self, exits_a: &[f64], total: &[f64]) {
        self.occupied.iter_mut().for_each(|x| *x = 0.0);
        for (h, home) in self.homes.iter_mut().enumerate() {
            let before = self.home[h];
            let keep = if before > 0.0 { (1.0 - exits_a[h] / before).max(0.0) } else { 0.0 };
            let mut sum = 0.0;
            for (x, a) in home.held.iter_mut().zip(&home.admitted) {
                *x = *x * keep + a;
                sum += *x;
            }
            let scale = if sum > 0.0 { total[h].max(0.0) / sum } else { 0.0 };
            let mut held = 0.0;
            for (&p, x) in home.place.iter().zip(home.held.iter_mut()) {
                *x *= scale;
                self.occupied[p] += *x;
                held += *x;
            }
            self.home[h] = held;
        }
    }
}

/// The index in `home` of place `p`, given the home's row `slots` of [`Beds::slot`];
/// a place used for the first time is added (with nobody held or admitted yet).
#[inline]
fn slot_of(home: &mut HomePlaces, slots: &mut [u32], p: usize) -> usize {
    match slots[p] {
        UNUSED => first_use(home, slots, p),
        s => s as usize,
    }
}

/// [`slot_of`] for a place the home has not used before.
#[cold]
fn first_use(home: &mut HomePlaces, slots: &mut [u32], p: usize) -> usize {
    let j = home.place.len();
    slots[p] = j as u32;
    home.place.push(p);
    home.office.push(p / K);
    home.held.push(0.0);
    home.admitted.push(0.0);
    j
}

/// Takes `amount` from `free`, always from the largest entries first (so the free beds of
/// the places used end level); returns what was taken from each.
#[cfg(test)]
fn water_fill(free: &mut [f64], amount: f64) -> Vec<f64> {
    let mut from = Vec::new();
    water_fill_into(free, amount, &mut from, &mut Vec::new());
    let mut taken = vec![0.0; free.len()];
    for (p, t) in from {
        taken[p] = t;
    }
    taken
}

/// How many of the largest free entries [`water_fill_into`] looks at first.
const TOP: usize = 8;

/// [`water_fill`], leaving in `from` the places taken from and how much, in place order
/// (places not taken from are left out), with `sorted` as working space.
fn water_fill_into(
    free: &mut [f64],
    amount: f64,
    from: &mut Vec<(usize, f64)>,
    sorted: &mut Vec<f64>,
) {
    // One pass: the positive entries (in place order), their sum, and the largest few.
    from.clear();
    let mut total = 0.0;
    let mut top = [0.0; TOP];
    let mut n = 0;
    for (p, &f) in free.iter().enumerate() {
        if f > 0.0 {
            from.push((p, f));
            total += f;
            n = insert_top(&mut top, n, f);
        }
    }
    if total <= amount {
        for &(p, _) in from.iter() {
            free[p] = 0.0;
        }
        return;
    }
    // Find the level λ with Σ max(0, f − λ) = amount. It usually lies among the few
    // largest, so look at the top few first and sort everything only if needed.
    let level_in = |sorted: &[f64], all: bool| {
        let mut above = 0.0;
        for i in 0..sorted.len() {
            above += sorted[i];
            let next = sorted.get(i + 1).copied().unwrap_or(0.0);
            let lambda = (above - amount) / (i + 1) as f64;
            if lambda >= next && (all || i + 1 < sorted.len()) {
                return Some(lambda);
            }
        }
        None
    };
    let mut level = None;
    if TOP < from.len() {
        level = level_in(&top, false);
    }
    let level = level.unwrap_or_else(|| {
        sorted.clear();
        sorted.extend(from.iter().map(|(_, f)| *f));
        sorted.sort_unstable_by(|a, b| b.total_cmp(a));
        level_in(sorted, true).unwrap_or(0.0)
    });
    // λ ≥ 0, so only positive entries can lie above it.
    from.retain_mut(|(p, t)| {
        if *t > level {
            *t -= level;
            free[*p] = level;
            true
        } else {
            false
        }
    });
}

/// Adds `x` to the `n` largest values seen so far, `top[..n]` in descending order,
/// keeping at most `top.len()`; returns the new count.
#[inline]
fn insert_top(top: &mut [f64; TOP], n: usize, x: f64) -> usize {
    if n == TOP && x <= top[TOP - 1] {
        return n;
    }
    let mut i = n.min(TOP - 1);
    while i > 0 && top[i - 1] < x {
        top[i] = top[i - 1];
        i -= 1;
    }
    top[i] = x;
    (n + 1).min(TOP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn water_filling_levels_the_largest_first() {
        let mut free = vec![10.0, 2.0, 6.0, 0.0];
        let taken = water_fill(&mut free, 6.0);
        assert_eq!(taken, vec![5.0, 0.0, 1.0, 0.0]);
        assert_eq!(free, vec![5.0, 2.0, 5.0, 0.0]);
        let taken = water_fill(&mut free, 100.0);
        assert_eq!(taken.iter().sum::<f64>(), 12.0);
        // More places than the quick path looks at, and a level below the eighth largest.
        let mut free: Vec<f64> = (1..=20).map(|i| i as f64).collect();
        let taken = water_fill(&mut free, 3.0);
        assert_eq!((free[19], free[18], taken[19], taken[18]), (18.0, 18.0, 2.0, 1.0));
        let mut free: Vec<f64> = (1..=20).map(|i| i as f64).collect();
        let taken = water_fill(&mut free, 190.0);
        assert!((taken.iter().sum::<f64>() - 190.0).abs() < 1e-9);
        // 20 beds stay free, none above the common level.
        let level = free.iter().copied().fold(0.0, f64::max);
        assert!(free.iter().all(|f| *f <= level + 1e-12));
        assert!((free.iter().sum::<f64>() - 20.0).abs() < 1e-9);
    }

    #[test]
    fn insert_top_keeps_the_largest_in_order() {
        let xs = [3.0, 9.0, 1.0, 9.0, 4.0, 7.0, 2.0, 8.0, 5.0, 6.0, 0.5, 10.0];
        let mut top = [0.0; TOP];
        let mut n = 0;
        for x in xs {
            n = insert_top(&mut top, n, x);
        }
        let mut all = xs.to_vec();
        all.sort_unstable_by(|a, b| b.total_cmp(a));
        assert_eq!((n, &top[..]), (TOP, &all[..TOP]));
        let (mut top, mut n) = ([0.0; TOP], 0);
        for x in [2.0, 5.0, 1.0] {
            n = insert_top(&mut top, n, x);
        }
        assert_eq!((n, &top[..n]), (3, &[5.0, 2.0, 1.0][..]));
    }

    use crate::ids::WhenFull;

    /// The interior and border rules of `when_full` (transfers allowed).
    fn rules(when_full: &[WhenFull]) -> [AdmissionRule; 2] {
        let mut d = crate::testkit::tiny().detention;
        d.when_full = when_full.to_vec();
        [false, true].map(|border| AdmissionRule::new(&d, border))
    }

    const DEFAULT: [WhenFull; 4] = crate::config::Detention::DEFAULT_WHEN_FULL;

    #[test]
    fn surge_room_comes_before_or_after_transfers_as_ordered() {
        use WhenFull::*;
        // Office 0: 10 rated beds, ceiling 15; office 1: 100 rated beds. 30 arrive at 0.
        let run = |order: &[WhenFull]| {
            let mut b = Beds::new(2, 3.0);
            (b.capacity[0], b.ceiling[0]) = (10.0, 15.0);
            (b.capacity[K], b.ceiling[K]) = (100.0, 100.0);
            b.open(&[0.0, 0.0]);
            let mix = [[[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]]; 2];
            let mut out = [HomeDay::default(); 2];
            b.admit(&[30.0, 0.0], &[0.0, 0.0], &mix, &rules(order), 3.0, f64::INFINITY, &mut out);
            b.close(&[0.0, 0.0], &[30.0 * out[0].interior_admitted, 0.0]);
            (out[0].interior_admitted, out[0].transferred, b.occupied(0), b.occupied(K))
        };
        let (a, t, home, other) = run(&DEFAULT);
        assert_eq!((a, home), (1.0, 15.0), "5 over rated at home first");
        assert!((t - 15.0).abs() < 1e-12 && (other - 15.0).abs() < 1e-12, "{t} {other}");
        let (a, t, home, _) = run(&[Transfer, Overcrowd, Hold, Release]);
        assert_eq!((a, home), (1.0, 10.0), "transfers first: none over rated");
        assert!((t - 20.0).abs() < 1e-12, "{t}");
        let (a, t, home, _) = run(&[Overcrowd, Release]);
        assert!((a - 0.5).abs() < 1e-12 && t == 0.0 && home == 15.0, "{a} {t} {home}");
        let (a, _, home, _) = run(&[Hold, Release]);
        assert!((a - 1.0 / 3.0).abs() < 1e-12 && home == 10.0, "rated beds only: {a}");
    }

    #[test]
    fn home_beds_first_then_transfers_then_the_line() {
        // Two offices; office 0 has 10 beds, office 1 has 100.
        let mut b = Beds::new(2, 3.0);
        b.capacity[0] = 10.0;
        b.capacity[K] = 100.0;
        b.open(&[0.0, 0.0]);
        let mix = [[[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]]; 2];
        let mut out = [HomeDay::default(); 2];
        b.admit(&[30.0, 5.0], &[0.0, 0.0], &mix, &rules(&DEFAULT), 3.0, f64::INFINITY, &mut out);
        assert_eq!(out[0].interior_admitted, 1.0);
        assert!((out[0].transferred - 20.0).abs() < 1e-12);
        b.close(&[0.0, 0.0], &[30.0, 5.0]);
        assert!((b.occupied(0) - 10.0).abs() < 1e-12);
        assert!((b.occupied(K) - 25.0).abs() < 1e-12);
        // No transfers: border arrivals wait, then are released after the limit.
        let mut b = Beds::new(1, 2.0);
        b.capacity[0] = 0.0;
        let mix = [[[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]]];
        let mut expired = 0.0;
        let mut out = [HomeDay::default(); 1];
        for _ in 0..5 {
            b.open(&[0.0]);
            b.admit(
                &[0.0],
                &[4.0],
                &mix,
                &rules(&[WhenFull::Hold, WhenFull::Release]),
                2.0,
                f64::INFINITY,
                &mut out,
            );
            expired += out[0].hold_expired;
        }
        // Cohorts of days 0..2 have expired by day 4 (a 2-day limit), the last two wait.
        assert!((expired - 12.0).abs() < 1e-12, "{expired}");
        assert!((b.holding(0) - 8.0).abs() < 1e-12);
    }
}
