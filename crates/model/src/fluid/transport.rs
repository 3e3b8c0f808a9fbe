//! Moves to a hub and the national transport lines: land removals once a day at noon and
//! charter flights spread through the day, with the DES's exact daily schedule (the same
//! carried-over fractions of flights and land slots), served first come first served.
//!
//! People waiting here are still under the post-order custody limit: the line keeps a
//! national profile of days left before the limit, and those who reach it leave.

use super::decay::Stock;
use super::params::DayParams;

/// Transport modes.
pub(crate) const LAND: usize = 0;
pub(crate) const FLIGHT: usize = 1;

/// The mode for nationality group `n` (Mexico by land, the rest by air).
pub(crate) fn mode_of(n: usize) -> usize {
    if n == 0 { LAND } else { FLIGHT }
}

/// One day's departures of one mode.
#[derive(Clone, Debug, Default)]
struct Departures {
    /// Time of day (0..1), in order.
    times: Vec<f64>,
    /// Seats still free.
    seats: Vec<f64>,
    /// People waiting at each departure (all passes).
    waiting: Vec<f64>,
}

/// What one pass of service did.
struct Served {
    from_queue: f64,
    from_arrivals: f64,
    /// Σ waits of the arrivals served.
    wait: f64,
}

impl Departures {
    fn clear(&mut self) {
        self.times.clear();
        self.seats.clear();
        self.waiting.clear();
    }

    /// Serves `queue` (present at the start of the day), then `arrivals` (uniform through
    /// the day), first come first served.
    fn serve(&mut self, queue: f64, arrivals: f64) -> Served {
        let mut q = queue;
        let (mut pool, mut pool_t, mut prev) = (0.0, 0.0, 0.0);
        let mut out = Served { from_queue: 0.0, from_arrivals: 0.0, wait: 0.0 };
        for i in 0..self.times.len() {
            let t = self.times[i];
            let newly = arrivals * (t - prev);
            pool += newly;
            pool_t += newly * (prev + t) / 2.0;
            prev = t;
            self.waiting[i] += q + pool;
            let board = self.seats[i].min(q + pool);
            self.seats[i] -= board;
            let from_q = board.min(q);
            q -= from_q;
            out.from_queue += from_q;
            let from_a = board - from_q;
            if from_a > 0.0 && pool > 0.0 {
                let mean_t = pool_t / pool;
                out.wait += from_a * (t - mean_t);
                pool_t -= from_a * mean_t;
                pool -= from_a;
                out.from_arrivals += from_a;
            }
        }
        out
    }
}

/// Moves to hubs and transport lines, per office.
pub(crate) struct Transport {
    offices: usize,
    /// Waiting for a seat or a land slot, [mode][office].
    queue: [Vec<Stock>; 2],
    /// National line by days left before the custody limit, [mode][days].
    days_left: [Vec<f64>; 2],
    /// On the way to a hub, per office.
    transit: Vec<Stock>,
    /// Arrivals at a hub due on each day: [day % len][mode][office], and their days left
    /// (on arrival), [day % len][mode][days].
    hub_due: Vec<[Vec<f64>; 2]>,
    hub_left: Vec<[Vec<f64>; 2]>,
    /// Reaching the custody limit on the way, [day % len][office].
    transit_due: Vec<Vec<f64>>,
    flight_credit: f64,
    land_credit: f64,
    departures: [Departures; 2],
    /// This pass's arrivals at the lines: [mode][office] mass and ages; [mode][days left].
    arrivals: [Vec<f64>; 2],
    arrivals_age: [Vec<f64>; 2],
    arrivals_left: [Vec<f64>; 2],
    /// Today's removals by mode, [mode][office], and their ages (days since book-in).
    pub removed: [Vec<f64>; 2],
    pub removed_age: [Vec<f64>; 2],
    /// Released today at the custody limit while waiting for transport or on the way to a
    /// hub, per office, and their ages.
    pub released: Vec<f64>,
    pub released_age: Vec<f64>,
    /// Person-days on the way to hubs and in the lines today, per office.
    pub area: Vec<f64>,
    /// Today's split of the ready by days left, per nationality group.
    plans: [Plan; 4],
    /// Ready today per nationality group: joined a line directly (this pass) / moved.
    direct_by_nat: [f64; 4],
    moved_by_nat: [f64; 4],
    /// Working buffer of `route`: the on-the-way releases as (slot in `transit_due`,
    /// share), so the ring position is found once per call rather than once per office.
    on_way_at: Vec<(usize, f64)>,
}

/// How today's ready of one nationality group split by days left.
#[derive(Clone, Debug, Default)]
struct Plan {
    /// Share with `j` days left.
    left: Vec<f64>,
    /// Share with no day left (released at once if they must move).
    now: f64,
    /// (days left, share) for those released on the way to a hub; their total.
    on_way: Vec<(usize, f64)>,
    on_way_share: f64,
    /// Share arriving at the hub.
    arriving: f64,
}

impl Transport {
    pub fn new(offices: usize, max_hub_days: f64, max_limit: f64) -> Transport {
        let ring = max_hub_days.ceil() as usize + 3;
        let left = max_limit.ceil() as usize + 3;
        let z = || vec![0.0; offices];
        Transport {
            offices,
            queue: [vec![Stock::default(); offices], vec![Stock::default(); offices]],
            days_left: [vec![0.0; left], vec![0.0; left]],
            transit: vec![Stock::default(); offices],
            hub_due: (0..ring).map(|_| [z(), z()]).collect(),
            hub_left: (0..ring).map(|_| [vec![0.0; left], vec![0.0; left]]).collect(),
            transit_due: (0..ring).map(|_| z()).collect(),
            flight_credit: 0.0,
            land_credit: 0.0,
            departures: Default::default(),
            arrivals: [z(), z()],
            arrivals_age: [z(), z()],
            arrivals_left: [vec![0.0; left], vec![0.0; left]],
            removed: [z(), z()],
            removed_age: [z(), z()],
            released: z(),
            released_age: z(),
            area: z(),
            plans: Default::default(),
            direct_by_nat: [0.0; 4],
            moved_by_nat: [0.0; 4],
            on_way_at: Vec::new(),
        }
    }

    /// People and their age sum on the way to a hub or in a line, in office `o`.
    pub fn stock(&self, o: usize) -> (f64, f64) {
        let s = [self.transit[o], self.queue[LAND][o], self.queue[FLIGHT][o]];
        (s.iter().map(|x| x.mass).sum(), s.iter().map(|x| x.age).sum())
    }

    /// Start of day: the day's departures (the DES's schedule), arrivals at hubs, and those
    /// reaching the custody limit on the way.
    pub fn start_day(&mut self, day: u32, p: &DayParams) {
        for v in self.removed.iter_mut().chain(self.removed_age.iter_mut()) {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
        for v in [&mut self.released, &mut self.released_age, &mut self.area] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
        self.flight_credit += p.flights_per_week / 7.0;
        let flights = self.flight_credit.floor();
        self.flight_credit -= flights;
        let n = flights as usize;
        // The departure lists are refilled in place (no allocation in the daily step).
        let fl = &mut self.departures[FLIGHT];
        fl.clear();
        fl.times.extend((0..n).map(|i| (2 * i + 1) as f64 / (2 * n) as f64));
        fl.seats.resize(n, p.seats_per_flight);
        fl.waiting.resize(n, 0.0);
        self.land_credit += p.land_per_day;
        let slots = self.land_credit.floor();
        self.land_credit -= slots;
        let land = &mut self.departures[LAND];
        land.clear();
        if slots > 0.0 {
            land.times.push(0.5);
            land.seats.push(slots);
            land.waiting.push(0.0);
        }
        let len = self.hub_due.len();
        let idx = day as usize % len;
        for o in 0..self.offices {
            self.area[o] += self.transit[o].grow(0.5);
            for m in 0..2 {
                self.area[o] += self.queue[m][o].grow(0.5);
            }
            let due: f64 = self.hub_due[idx][LAND][o] + self.hub_due[idx][FLIGHT][o];
            let limit = self.transit_due[idx][o];
            let here = self.transit[o].mass;
            if here > 0.0 && due + limit > 0.0 {
                let (m, z) = self.transit[o].take(((due + limit) / here).min(1.0));
                let per = if m > 0.0 { z / m } else { 0.0 };
                let scale = m / (due + limit);
                for mode in 0..2 {
                    let x = self.hub_due[idx][mode][o] * scale;
                    self.arrivals[mode][o] += x;
                    self.arrivals_age[mode][o] += x * per;
                }
                self.released[o] += limit * scale;
                self.released_age[o] += limit * scale * per;
            }
            self.hub_due[idx][LAND][o] = 0.0;
            self.hub_due[idx][FLIGHT][o] = 0.0;
            self.transit_due[idx][o] = 0.0;
        }
        for mode in 0..2 {
            for (a, b) in
                self.arrivals_left[mode].iter_mut().zip(self.hub_left[idx][mode].iter_mut())
            {
                *a += *b;
                *b = 0.0;
            }
        }
    }

    /// Today's split of the ready of nationality group `n` by days left before the custody
    /// limit (`days_left[j]`: the share with `j` days left), computed once a day.
    pub fn plan(&mut self, n: usize, p: &DayParams, days_left: &[f64]) {
        let hub = p.hub_days;
        let pl = &mut self.plans[n];
        pl.left.clear();
        pl.left.extend_from_slice(days_left);
        pl.now = if hub > 0.0 { days_left.first().copied().unwrap_or(0.0) } else { 0.0 };
        pl.on_way.clear();
        for (j, s) in days_left.iter().enumerate().skip(1) {
            if (j as f64) >= hub {
                break;
            }
            if *s > 0.0 {
                pl.on_way.push((j, *s));
            }
        }
        let on_way: f64 = pl.on_way.iter().map(|x| x.1).sum();
        pl.on_way_share = on_way;
        pl.arriving = (1.0 - pl.now - on_way).max(0.0);
    }

    /// Cases of nationality group `n` whose documents came today (`ready` per office, with
    /// age sums): the share `direct[o]` held at a departure point joins the line now, the
    /// rest travels to a hub for `hub_days` (those whose custody limit falls on the way are
    /// released then), as split by [`Transport::plan`].
    pub fn route(
        &mut self,
        day: u32,
        p: &DayParams,
        n: usize,
        ready: &[f64],
        ready_age: &[f64],
        direct: &[f64],
    ) {
        let mode = mode_of(n);
        let hub = p.hub_days;
        let lag = hub.floor() as usize;
        let frac = hub - lag as f64;
        let len = self.hub_due.len();
        let pl = &self.plans[n];
        let due =
            [(lag, 1.0 - frac), (lag + 1, frac)].map(|(back, w)| ((day as usize + back) % len, w));
        let on_way_at = &mut self.on_way_at;
        on_way_at.clear();
        on_way_at.extend(pl.on_way.iter().map(|&(j, share)| ((day as usize + j) % len, share)));
        let mut total = 0.0;
        let mut moved = 0.0;
        for o in 0..self.offices {
            let (r, z) = (ready[o], ready_age[o]);
            if r <= 0.0 {
                continue;
            }
            let d = direct[o].clamp(0.0, 1.0);
            let (hm, hz) = (r * (1.0 - d), z * (1.0 - d));
            if hub <= 0.0 || hm <= 0.0 {
                self.arrivals[mode][o] += r;
                self.arrivals_age[mode][o] += z;
                total += r;
                continue;
            }
            total += r * d;
            moved += hm;
            self.arrivals[mode][o] += r * d;
            self.arrivals_age[mode][o] += z * d;
            self.released[o] += hm * pl.now;
            self.released_age[o] += hz * pl.now;
            for &(i, share) in on_way_at.iter() {
                self.transit_due[i][o] += hm * share;
            }
            let arriving = hm * pl.arriving;
            for (i, w) in due {
                if w > 0.0 {
                    self.hub_due[i][mode][o] += arriving * w;
                }
            }
            let kept = pl.on_way_share + pl.arriving;
            self.transit[o].add(hm * kept, hz * kept);
        }
        self.direct_by_nat[n] += total;
        self.moved_by_nat[n] += moved;
    }

    /// Days left (on arrival at the hub) of those moved today, for the national line.
    fn schedule_hub_left(&mut self, day: u32, p: &DayParams) {
        let hub = p.hub_days;
        let lag = hub.floor() as usize;
        let frac = hub - lag as f64;
        let len = self.hub_due.len();
        let skip = hub.ceil() as usize;
        for n in 0..4 {
            let moved = std::mem::take(&mut self.moved_by_nat[n]);
            if moved <= 0.0 {
                continue;
            }
            let mode = mode_of(n);
            let left = &self.plans[n].left;
            for (back, w) in [(lag, 1.0 - frac), (lag + 1, frac)] {
                if w <= 0.0 {
                    continue;
                }
                let due = &mut self.hub_left[(day as usize + back) % len][mode];
                // Index j − ⌈hub⌉ = ⌊j − hub⌋ for j ≥ ⌈hub⌉.
                for (d, share) in due.iter_mut().zip(left.iter().skip(skip)) {
                    *d += moved * share * w;
                }
            }
        }
    }

    /// Serves this pass's arrivals (and, on the first pass, the line as it stood at the
    /// start of the day) with the seats and slots left.
    pub fn serve(&mut self, first_pass: bool) {
        for n in 0..4 {
            let total = std::mem::take(&mut self.direct_by_nat[n]);
            if total > 0.0 {
                let line = &mut self.arrivals_left[mode_of(n)];
                for (a, s) in line.iter_mut().zip(&self.plans[n].left) {
                    *a += total * s;
                }
            }
        }
        for mode in 0..2 {
            let queue: f64 =
                if first_pass { self.queue[mode].iter().map(|s| s.mass).sum() } else { 0.0 };
            let arrivals: f64 = self.arrivals[mode].iter().sum();
            let s = self.departures[mode].serve(queue, arrivals);
            let share_q = if queue > 0.0 { s.from_queue / queue } else { 0.0 };
            let share_a = if arrivals > 0.0 { s.from_arrivals / arrivals } else { 0.0 };
            let wait = if s.from_arrivals > 0.0 { s.wait / s.from_arrivals } else { 0.0 };
            for o in 0..self.offices {
                if first_pass {
                    let (m, z) = self.queue[mode][o].take(share_q);
                    self.removed[mode][o] += m;
                    self.removed_age[mode][o] += z;
                }
                let (a, z) = (self.arrivals[mode][o], self.arrivals_age[mode][o]);
                self.removed[mode][o] += share_a * a;
                self.removed_age[mode][o] += share_a * (z + a * wait);
                self.area[o] += share_a * a * wait;
                self.queue[mode][o].add((1.0 - share_a) * a, (1.0 - share_a) * z);
                self.arrivals[mode][o] = 0.0;
                self.arrivals_age[mode][o] = 0.0;
            }
            let line = &mut self.days_left[mode];
            if first_pass {
                line.iter_mut().for_each(|x| *x *= 1.0 - share_q);
            }
            let total_left: f64 = self.arrivals_left[mode].iter().sum();
            let scale =
                if total_left > 0.0 { arrivals * (1.0 - share_a) / total_left } else { 0.0 };
            for (a, b) in line.iter_mut().zip(self.arrivals_left[mode].iter_mut()) {
                *a += *b * scale;
                *b = 0.0;
            }
        }
    }

    /// End of day: those in the lines reaching the custody limit leave and everyone ages to
    /// midnight.
    pub fn end_day(&mut self, day: u32, p: &DayParams) {
        self.schedule_hub_left(day, p);
        for mode in 0..2 {
            let line = &mut self.days_left[mode];
            let due = line[0];
            line.rotate_left(1);
            let last = line.len() - 1;
            line[last] = 0.0;
            let here: f64 = self.queue[mode].iter().map(|s| s.mass).sum();
            if here > 0.0 && due > 0.0 {
                let share = (due / here).min(1.0);
                for o in 0..self.offices {
                    let (m, z) = self.queue[mode][o].take(share);
                    self.released[o] += m;
                    self.released_age[o] += z;
                }
            }
        }
        for o in 0..self.offices {
            self.area[o] += self.transit[o].grow(0.5);
            for m in 0..2 {
                self.area[o] += self.queue[m][o].grow(0.5);
            }
        }
    }

    /// Expected flights flown today (a flight with nobody to board is not flown).
    pub fn flights_flown(&self) -> f64 {
        self.departures[FLIGHT].waiting.iter().map(|w| -(-w).exp_m1()).sum()
    }

    pub fn non_negative(&self) -> bool {
        self.transit.iter().chain(self.queue.iter().flatten()).all(|s| s.mass > -1e-6)
    }
}
