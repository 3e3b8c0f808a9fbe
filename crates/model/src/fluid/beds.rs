//! Detention beds by office and facility type, and the CBP holding line.
//!
//! Admissions follow the DES's rule in expectation: a bed in the home AOR (facility types
//! in order), else — when transfers are allowed — the AOR and type with the most free beds
//! (water-filling the free beds from the top), else a release for lack of a bed; border
//! cases wait in CBP custody up to the holding limit instead, and are first in line for
//! beds freed later. Beds freed during the day are available the same day.
//!
//! Where people are held is tracked per (home office, place); a home office's exits are
//! taken from its places in proportion to how many it holds there (the only mixing
//! assumption of the fluid's bed model).

use crate::ids::FacilityKind;

const K: usize = FacilityKind::COUNT;

/// Composition of a CBP-held cohort: [category][track: 0 expedited, 1 proceedings].
pub(crate) type HoldMix = [[f64; 2]; 3];

/// The beds and who holds them.
pub(crate) struct Beds {
    offices: usize,
    /// Beds per place (office × type) today.
    pub capacity: Vec<f64>,
    /// People held per (home, place): `held[h * places + p]`.
    held: Vec<f64>,
    /// Free beds left for admissions today, per place.
    free: Vec<f64>,
    /// CBP holding line per home office: cohorts by days waited (index 0 = today).
    hold: Vec<Vec<HoldMix>>,
    /// Admitted today per (home, place).
    pub admitted: Vec<f64>,
    /// People held per place (kept in step with `held`).
    occupied: Vec<f64>,
    /// People held per home office.
    home: Vec<f64>,
    /// Admitted today per place, all home offices.
    admitted_place: Vec<f64>,
    /// Places each home office has ever used (`held` and `admitted` are zero elsewhere), so
    /// that daily work follows the places in use rather than offices × places.
    used: Vec<Vec<usize>>,
    in_use: Vec<bool>,
    /// Working buffers of `place` and `admit` (overwritten before each read).
    placed: Vec<f64>,
    rest: Vec<f64>,
    taken: Vec<f64>,
    sorted: Vec<f64>,
    from: Vec<(usize, f64)>,
    waiting: Vec<f64>,
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
}

impl Beds {
    pub fn new(offices: usize, hold_days: f64) -> Beds {
        let places = offices * K;
        Beds {
            offices,
            capacity: vec![0.0; places],
            held: vec![0.0; offices * places],
            free: vec![0.0; places],
            hold: vec![vec![[[0.0; 2]; 3]; hold_days.ceil() as usize + 2]; offices],
            admitted: vec![0.0; offices * places],
            occupied: vec![0.0; places],
            home: vec![0.0; offices],
            admitted_place: vec![0.0; places],
            used: vec![Vec::new(); offices],
            in_use: vec![false; offices * places],
            placed: vec![0.0; offices],
            rest: vec![0.0; offices],
            taken: vec![0.0; places],
            sorted: Vec::with_capacity(places),
            from: Vec::with_capacity(places),
            waiting: vec![0.0; offices],
        }
    }

    fn places(&self) -> usize {
        self.offices * K
    }

    /// People held in place `p`.
    pub fn occupied(&self, p: usize) -> f64 {
        self.occupied[p]
    }

    /// People of home `h` held anywhere.
    pub fn home_total(&self, h: usize) -> f64 {
        self.home[h]
    }

    /// Admitted today into place `p`, all home offices.
    pub fn admitted_to(&self, p: usize) -> f64 {
        self.admitted_place[p]
    }

    /// Records an admission of `x` people of home `h` into place `p`.
    #[inline]
    fn put(&mut self, h: usize, p: usize, x: f64) {
        let i = h * self.places() + p;
        self.admitted[i] += x;
        self.admitted_place[p] += x;
        if !self.in_use[i] {
            self.in_use[i] = true;
            self.used[h].push(p);
        }
    }

    /// CBP-held people of home `h`.
    pub fn holding(&self, h: usize) -> f64 {
        self.hold[h].iter().map(|c| c.iter().flatten().sum::<f64>()).sum()
    }

    /// The share of home `h`'s detained held in offices flagged in `at` (or, with nobody
    /// held, 1 if the home office itself is flagged).
    pub fn share_held_at(&self, h: usize, at: &[bool]) -> f64 {
        let total = self.home[h];
        if total <= 0.0 {
            return if at[h] { 1.0 } else { 0.0 };
        }
        let ps = self.places();
        let mut x = 0.0;
        for &p in &self.used[h] {
            if at[p / K] {
                x += self.held[h * ps + p];
            }
        }
        x / total
    }

    /// Opens the day: free beds = capacity − occupied + the day's exits so far, with each
    /// home office's exits `exits[h]` taken from its places pro rata.
    pub fn open(&mut self, exits: &[f64]) {
        let ps = self.places();
        for p in 0..ps {
            self.free[p] = self.capacity[p] - self.occupied(p);
        }
        for h in 0..self.offices {
            for &p in &self.used[h] {
                self.admitted[h * ps + p] = 0.0;
            }
            let total = self.home_total(h);
            if total <= 0.0 || exits[h] <= 0.0 {
                continue;
            }
            let share = (exits[h] / total).min(1.0);
            for &p in &self.used[h] {
                self.free[p] += self.held[h * ps + p] * share;
            }
        }
        self.free.iter_mut().for_each(|f| *f = f.max(0.0));
        self.admitted_place.iter_mut().for_each(|a| *a = 0.0);
    }

    /// Places `want[h]` people of each home office: home places first, then (if
    /// `transfer`) the places with most free beds. Leaves the number placed per home in
    /// `self.placed`.
    fn place(&mut self, want: &[f64], transfer: bool, out: &mut [HomeDay]) {
        let mut placed = std::mem::take(&mut self.placed);
        let mut rest = std::mem::take(&mut self.rest);
        placed.iter_mut().for_each(|x| *x = 0.0);
        rest.copy_from_slice(want);
        self.place_into(&mut placed, &mut rest, transfer, out);
        self.placed = placed;
        self.rest = rest;
    }

    fn place_into(
        &mut self,
        placed: &mut [f64],
        rest: &mut [f64],
        transfer: bool,
        out: &mut [HomeDay],
    ) {
        for h in 0..self.offices {
            for k in 0..K {
                if rest[h] <= 0.0 {
                    break;
                }
                let p = h * K + k;
                let x = rest[h].min(self.free[p]);
                if x > 0.0 {
                    self.free[p] -= x;
                    self.put(h, p, x);
                    rest[h] -= x;
                    placed[h] += x;
                }
            }
        }
        let left: f64 = rest.iter().sum();
        if !transfer || left <= 0.0 {
            return;
        }
        water_fill_into(&mut self.free, left, &mut self.taken, &mut self.sorted);
        let total: f64 = self.taken.iter().sum();
        if total <= 0.0 {
            return;
        }
        let mut from = std::mem::take(&mut self.from);
        from.clear();
        from.extend(self.taken.iter().enumerate().filter(|(_, t)| **t > 0.0).map(|(p, t)| (p, *t)));
        for h in 0..self.offices {
            if rest[h] <= 0.0 {
                continue;
            }
            let mine = total * rest[h] / left;
            placed[h] += mine;
            for &(p, t) in &from {
                let x = mine * t / total;
                self.put(h, p, x);
                if p / K != h {
                    out[h].transferred += x;
                }
            }
        }
        self.from = from;
    }

    /// The day's admissions: the CBP line first (longest waiting first), then today's
    /// border arrivals, then today's interior arrivals. Border arrivals without a bed
    /// (`border[h]` with composition `border_mix[h]`) join the CBP line, which then releases
    /// those who reached the holding limit; interior ones without a bed are released.
    ///
    /// Border before interior: in the DES a border case that finds no bed waits in CBP
    /// custody and takes the next bed freed (within hours when beds are full), while an
    /// interior case is released at once; over a day the border cases come first.
    pub fn admit(
        &mut self,
        interior: &[f64],
        border: &[f64],
        border_mix: &[HoldMix],
        transfer: bool,
        hold_days: f64,
        out: &mut [HomeDay],
    ) {
        out.iter_mut().for_each(|o| *o = HomeDay::default());
        // 1. The CBP line.
        let mut waiting = std::mem::take(&mut self.waiting);
        for (h, w) in waiting.iter_mut().enumerate() {
            *w = self.holding(h);
        }
        self.place(&waiting, transfer, out);
        self.waiting = waiting;
        for h in 0..self.offices {
            let mut left = self.placed[h];
            for cohort in self.hold[h].iter_mut().rev() {
                let m: f64 = cohort.iter().flatten().sum();
                if m <= 0.0 || left <= 0.0 {
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
        // 2. Today's arrivals, border first.
        let share = |placed: &[f64], want: &[f64], h: usize| {
            if want[h] > 0.0 { (placed[h] / want[h]).min(1.0) } else { 1.0 }
        };
        self.place(border, transfer, out);
        for h in 0..self.offices {
            out[h].border_admitted = share(&self.placed, border, h);
        }
        self.place(interior, transfer, out);
        for h in 0..self.offices {
            out[h].interior_admitted = share(&self.placed, interior, h);
        }
        // 3. Border arrivals without a bed join the line; the line ages and releases those
        // at the holding limit (a fractional limit splits a cohort over two days).
        let whole = hold_days.floor() as usize;
        let frac = hold_days - whole as f64;
        for h in 0..self.offices {
            let line = &mut self.hold[h];
            let waiting = border[h] * (1.0 - out[h].border_admitted);
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
        let ps = self.places();
        self.occupied.iter_mut().for_each(|x| *x = 0.0);
        for h in 0..self.offices {
            let before = self.home[h];
            let keep = if before > 0.0 { (1.0 - exits_a[h] / before).max(0.0) } else { 0.0 };
            let mut sum = 0.0;
            for &p in &self.used[h] {
                let i = h * ps + p;
                self.held[i] = self.held[i] * keep + self.admitted[i];
                sum += self.held[i];
            }
            let scale = if sum > 0.0 { total[h].max(0.0) / sum } else { 0.0 };
            let mut home = 0.0;
            for &p in &self.used[h] {
                let i = h * ps + p;
                self.held[i] *= scale;
                self.occupied[p] += self.held[i];
                home += self.held[i];
            }
            self.home[h] = home;
        }
    }
}

/// Takes `amount` from `free`, always from the largest entries first (so the free beds of
/// the places used end level); returns what was taken from each.
#[cfg(test)]
fn water_fill(free: &mut [f64], amount: f64) -> Vec<f64> {
    let mut taken = Vec::new();
    water_fill_into(free, amount, &mut taken, &mut Vec::new());
    taken
}

/// [`water_fill`] into `taken` (resized to `free`), with `sorted` as working space.
fn water_fill_into(free: &mut [f64], amount: f64, taken: &mut Vec<f64>, sorted: &mut Vec<f64>) {
    sorted.clear();
    sorted.extend(free.iter().copied().filter(|x| *x > 0.0));
    let total: f64 = sorted.iter().sum();
    taken.clear();
    taken.resize(free.len(), 0.0);
    if total <= amount {
        for (t, f) in taken.iter_mut().zip(free.iter_mut()) {
            *t = *f;
            *f = 0.0;
        }
        return;
    }
    // Find the level λ with Σ max(0, f − λ) = amount. It usually lies among the few
    // largest, so sort only the top 8 first and everything only if needed.
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
    let top = 8.min(sorted.len());
    let mut level = None;
    if top < sorted.len() {
        sorted.select_nth_unstable_by(top - 1, |a, b| b.total_cmp(a));
        let head = &mut sorted[..top];
        head.sort_unstable_by(|a, b| b.total_cmp(a));
        level = level_in(head, false);
    }
    let level = level.unwrap_or_else(|| {
        sorted.sort_unstable_by(|a, b| b.total_cmp(a));
        level_in(sorted, true).unwrap_or(0.0)
    });
    for (t, f) in taken.iter_mut().zip(free.iter_mut()) {
        if *f > level {
            *t = *f - level;
            *f = level;
        }
    }
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
    fn home_beds_first_then_transfers_then_the_line() {
        // Two offices; office 0 has 10 beds, office 1 has 100.
        let mut b = Beds::new(2, 3.0);
        b.capacity[0] = 10.0;
        b.capacity[K] = 100.0;
        b.open(&[0.0, 0.0]);
        let mix = [[[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]]; 2];
        let mut out = [HomeDay::default(); 2];
        b.admit(&[30.0, 5.0], &[0.0, 0.0], &mix, true, 3.0, &mut out);
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
            b.admit(&[0.0], &[4.0], &mix, false, 2.0, &mut out);
            expired += out[0].hold_expired;
        }
        // Cohorts of days 0..2 have expired by day 4 (a 2-day limit), the last two wait.
        assert!((expired - 12.0).abs() < 1e-12, "{expired}");
        assert!((b.holding(0) - 8.0).abs() < 1e-12);
    }
}
