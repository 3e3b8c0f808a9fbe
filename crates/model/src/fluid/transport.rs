//! Moves to a hub and the national transport lines: land removals once a day at noon and
//! charter flights spread through the day, on the DES's own daily schedule
//! ([`crate::mechanisms::DepartureSchedule`], [`crate::mechanisms::TimeOfDay`]), served first
//! come first served.
//!
//! People waiting here are still under the post-order custody limit: the line keeps a
//! national profile of days left before the limit, and those who reach it leave.

use super::decay::Stock;
use super::params::DayParams;
use crate::ids::{Nationality, RemovalMode};
use crate::mechanisms::{DepartureSchedule, TimeOfDay, TransportDemand};

/// Transport modes.
pub(crate) const LAND: usize = 0;
pub(crate) const FLIGHT: usize = 1;

/// The mode for nationality group `n`, as its registry entry says
/// ([`crate::ids::NationalityInfo::removal`]).
pub(crate) fn mode_of(n: usize) -> usize {
    if Nationality::ALL[n].info().removal == RemovalMode::Land { LAND } else { FLIGHT }
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
    /// Whole departures out of the scheduled rates, as the DES takes them.
    schedule: DepartureSchedule,
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
    /// People who started a move to a hub today, per office (escorted:
    /// [`crate::workforce::Workforce::moved`]).
    pub moved: Vec<f64>,
    /// Flights a day added on demand today ([`crate::mechanisms::FlightSurge`]).
    pub added_flights: f64,
    /// Today's split of the ready by days left, per nationality group.
    plans: [Plan; 4],
    /// Ready today per nationality group: joined a line directly (this pass) / moved.
    direct_by_nat: [f64; 4],
    moved_by_nat: [f64; 4],
    /// Working buffer of `route`: the on-the-way releases as (slot in `transit_due`,
    /// share), so the ring position is found once per call rather than once per office.
    on_way_at: Vec<(usize, f64)>,
    /// Working buffer of `route`: the mass each office sends towards a hub (0 if none), so
    /// the ring rows it joins are filled one row at a time.
    moving: Vec<f64>,
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
            schedule: DepartureSchedule::default(),
            departures: Default::default(),
            arrivals: [z(), z()],
            arrivals_age: [z(), z()],
            arrivals_left: [vec![0.0; left], vec![0.0; left]],
            removed: [z(), z()],
            removed_age: [z(), z()],
            released: z(),
            released_age: z(),
            area: z(),
            moved: z(),
            added_flights: 0.0,
            plans: Default::default(),
            direct_by_nat: [0.0; 4],
            moved_by_nat: [0.0; 4],
            on_way_at: Vec::new(),
            moving: z(),
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
        for v in [&mut self.released, &mut self.released_age, &mut self.area, &mut self.moved] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
        // The line waiting for a seat at the start of the day, as the DES counts it.
        let waiting: f64 = self.queue[FLIGHT].iter().map(|s| s.mass).sum();
        let demand = TransportDemand {
            flights_per_week: p.flights_per_week,
            land_per_day: p.land_per_day,
            seats_per_flight: p.seats_per_flight,
            waiting_for_flight: waiting,
        };
        let today = self.schedule.day(demand, p.surge);
        self.added_flights = today.added_flights;
        let n = today.flights;
        // The departure lists are refilled in place (no allocation in the daily step).
        let fl = &mut self.departures[FLIGHT];
        fl.clear();
        fl.times.extend((0..n).map(|i| TimeOfDay::flight(i, n).fraction()));
        fl.seats.resize(n as usize, p.seats_per_flight);
        fl.waiting.resize(n as usize, 0.0);
        let land = &mut self.departures[LAND];
        land.clear();
        if today.land_slots > 0.0 {
            land.times.push(TimeOfDay::NOON.fraction());
            land.seats.push(today.land_slots);
            land.waiting.push(0.0);
        }
        let len = self.hub_due.len();
        let idx = day as usize % len;
        // Every row cut to `offices` long (no bounds checks in the loop) and looked up once.
        let offices = self.offices;
        let [due_land, due_flight] = &mut self.hub_due[idx];
        let (due_land, due_flight) = (&mut due_land[..offices], &mut due_flight[..offices]);
        let due_limit = &mut self.transit_due[idx][..offices];
        let transit = &mut self.transit[..offices];
        let [queue_land, queue_flight] = &mut self.queue;
        let (queue_land, queue_flight) = (&mut queue_land[..offices], &mut queue_flight[..offices]);
        let [arr_land, arr_flight] = &mut self.arrivals;
        let [age_land, age_flight] = &mut self.arrivals_age;
        let (arr_land, arr_flight) = (&mut arr_land[..offices], &mut arr_flight[..offices]);
        let (age_land, age_flight) = (&mut age_land[..offices], &mut age_flight[..offices]);
        let (area, released, released_age) = (
            &mut self.area[..offices],
            &mut self.released[..offices],
            &mut self.released_age[..offices],
        );
        for o in 0..offices {
            area[o] += transit[o].grow(0.5);
            area[o] += queue_land[o].grow(0.5);
            area[o] += queue_flight[o].grow(0.5);
            let due: f64 = due_land[o] + due_flight[o];
            let limit = due_limit[o];
            let here = transit[o].mass;
            if here > 0.0 && due + limit > 0.0 {
                let (m, z) = transit[o].take(((due + limit) / here).min(1.0));
                let per = if m > 0.0 { z / m } else { 0.0 };
                let scale = m / (due + limit);
                let x = due_land[o] * scale;
                arr_land[o] += x;
                age_land[o] += x * per;
                let x = due_flight[o] * scale;
                arr_flight[o] += x;
                age_flight[o] += x * per;
                released[o] += limit * scale;
                released_age[o] += limit * scale * per;
            }
        }
        due_land.fill(0.0);
        due_flight.fill(0.0);
        due_limit.fill(0.0);
        // `serve` leaves `arrivals_left` all +0.0, so adding the day's row to it gives the
        // row itself (the row is a sum of non-negative products, never −0.0): swap it in,
        // which also leaves the ring row cleared.
        for (line, row) in self.arrivals_left.iter_mut().zip(&mut self.hub_left[idx]) {
            debug_assert!(line.iter().all(|x| *x == 0.0 && x.is_sign_positive()));
            std::mem::swap(line, row);
        }
    }

    /// Today's split of the ready of nationality group `n` by days left before the custody
    /// limit (`days_left[j] × scale`: the share with `j` days left), computed once a day.
    pub fn plan(&mut self, n: usize, p: &DayParams, days_left: &[f64], scale: f64) {
        let hub = p.hub_days;
        let pl = &mut self.plans[n];
        pl.left.clear();
        pl.left.extend(days_left.iter().map(|x| x * scale));
        let days_left = &pl.left;
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
        // Rows cut to `offices` long: no bounds checks in the loop.
        let offices = self.offices;
        let (ready, ready_age, direct) =
            (&ready[..offices], &ready_age[..offices], &direct[..offices]);
        let (arr, arr_age) =
            (&mut self.arrivals[mode][..offices], &mut self.arrivals_age[mode][..offices]);
        let (released, released_age) =
            (&mut self.released[..offices], &mut self.released_age[..offices]);
        let transit = &mut self.transit[..offices];
        let moving = &mut self.moving[..offices];
        moving.fill(0.0);
        let kept = pl.on_way_share + pl.arriving;
        let mut total = 0.0;
        let mut moved = 0.0;
        for o in 0..offices {
            let (r, z) = (ready[o], ready_age[o]);
            if r <= 0.0 {
                continue;
            }
            let d = direct[o].clamp(0.0, 1.0);
            let (hm, hz) = (r * (1.0 - d), z * (1.0 - d));
            if hub <= 0.0 || hm <= 0.0 {
                arr[o] += r;
                arr_age[o] += z;
                total += r;
                continue;
            }
            total += r * d;
            moved += hm;
            arr[o] += r * d;
            arr_age[o] += z * d;
            released[o] += hm * pl.now;
            released_age[o] += hz * pl.now;
            transit[o].add(hm * kept, hz * kept);
            moving[o] = hm;
            self.moved[o] += hm;
        }
        // Those moving join the ring a row (one day) at a time. Each cell still gets its own
        // office's additions, in the same order and with the same products as before; an
        // office sending nobody adds +0.0, which leaves the cell as it was (the cells are
        // sums of products of non-negative factors from +0.0, so never −0.0).
        for &(i, share) in on_way_at.iter() {
            add_each(&mut self.transit_due[i][..offices], moving, |hm| hm * share);
        }
        for (i, w) in due {
            if w > 0.0 {
                add_each(&mut self.hub_due[i][mode][..offices], moving, |hm| hm * pl.arriving * w);
            }
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
                add_each(due, left.get(skip..).unwrap_or_default(), |share| moved * share * w);
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
                add_each(line, &self.plans[n].left, |s| total * s);
            }
        }
        let offices = self.offices;
        for mode in 0..2 {
            // Rows cut to `offices` long: no bounds checks in the loop.
            let queue_row = &mut self.queue[mode][..offices];
            let (arr, arr_age) =
                (&mut self.arrivals[mode][..offices], &mut self.arrivals_age[mode][..offices]);
            let (removed, removed_age) =
                (&mut self.removed[mode][..offices], &mut self.removed_age[mode][..offices]);
            let area = &mut self.area[..offices];
            let queue: f64 = if first_pass { queue_row.iter().map(|s| s.mass).sum() } else { 0.0 };
            let arrivals: f64 = arr.iter().sum();
            let s = self.departures[mode].serve(queue, arrivals);
            let share_q = if queue > 0.0 { s.from_queue / queue } else { 0.0 };
            let share_a = if arrivals > 0.0 { s.from_arrivals / arrivals } else { 0.0 };
            let wait = if s.from_arrivals > 0.0 { s.wait / s.from_arrivals } else { 0.0 };
            for o in 0..offices {
                if first_pass {
                    let (m, z) = queue_row[o].take(share_q);
                    removed[o] += m;
                    removed_age[o] += z;
                }
                let (a, z) = (arr[o], arr_age[o]);
                removed[o] += share_a * a;
                removed_age[o] += share_a * (z + a * wait);
                area[o] += share_a * a * wait;
                queue_row[o].add((1.0 - share_a) * a, (1.0 - share_a) * z);
            }
            arr.fill(0.0);
            arr_age.fill(0.0);
            let total_left: f64 = self.arrivals_left[mode].iter().sum();
            let scale =
                if total_left > 0.0 { arrivals * (1.0 - share_a) / total_left } else { 0.0 };
            // The line as it stood keeps `1 − share_q` (the first pass served it).
            let keep = if first_pass { 1.0 - share_q } else { 1.0 };
            drain_into(&mut self.days_left[mode], &mut self.arrivals_left[mode], keep, scale);
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
            let queue = &mut self.queue[mode];
            let here: f64 = queue.iter().map(|s| s.mass).sum();
            if here > 0.0 && due > 0.0 {
                let share = (due / here).min(1.0);
                let released = self.released.iter_mut().zip(self.released_age.iter_mut());
                for (q, (r, r_age)) in queue.iter_mut().zip(released) {
                    let (m, z) = q.take(share);
                    *r += m;
                    *r_age += z;
                }
            }
        }
        let offices = self.offices;
        let [queue_land, queue_flight] = &mut self.queue;
        let (queue_land, queue_flight) = (&mut queue_land[..offices], &mut queue_flight[..offices]);
        let (area, transit) = (&mut self.area[..offices], &mut self.transit[..offices]);
        for o in 0..offices {
            area[o] += transit[o].grow(0.5);
            area[o] += queue_land[o].grow(0.5);
            area[o] += queue_flight[o].grow(0.5);
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

/// `dst[i] += f(src[i])` over the shorter of the two. A function of its own so that the
/// compiler knows the rows (often two fields of one struct) do not overlap and vectorises
/// the loop; each element gets the same product and sum as in a loop written out.
#[inline]
fn add_each(dst: &mut [f64], src: &[f64], f: impl Fn(f64) -> f64) {
    for (d, &x) in dst.iter_mut().zip(src) {
        *d += f(x);
    }
}

/// `dst[i] = dst[i] · keep + src[i] · w`, then `src[i] = 0` (a line moved into another
/// that keeps the share `keep` of its own), as [`add_each`]. With `keep` 1 the product is
/// `dst[i]` itself, so the sums are those of adding alone.
#[inline]
fn drain_into(dst: &mut [f64], src: &mut [f64], keep: f64, w: f64) {
    for (d, x) in dst.iter_mut().zip(src.iter_mut()) {
        *d = *d * keep + *x * w;
        *x = 0.0;
    }
}
