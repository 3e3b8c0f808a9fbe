//! After a final order: waiting for travel documents under the post-order custody limit.
//!
//! Per office and nationality group, documents come at an exponential rate (as in the DES)
//! to everyone but the share for whom they never come. The custody limit is exact: each
//! day's orders are remembered (a ring of `limit` days), and on the day a cohort reaches the
//! limit, those of it still waiting leave — their number is the cohort times its survival,
//! `e^{−Σ rate}`, because leaving for documents does not depend on age. Removing them is a
//! negative inflow to the linear block, which is exact by superposition.
//!
//! A national age profile of the waiting (days since order) gives the share of each day's
//! ready cases that is close to the limit; transport and moves to a hub need it.

use super::court::add_to;
use super::decay::g1;
use super::linear::{Block, Chain, Flows, Lanes};
use super::params::DayParams;

/// Longest documented wait treated as finite; shorter means are exact.
const MAX_RATE: f64 = 1.0e4;

fn doc_rate(mean_days: f64) -> f64 {
    if mean_days <= 0.0 { MAX_RATE } else { (1.0 / mean_days).min(MAX_RATE) }
}

fn exp_block(rate: f64) -> Block {
    Block::new(&Chain { moves: vec![vec![0.0]], exits: vec![vec![rate]] })
}

/// Orders made while one set of mean document times was in force: like the DES, a case's
/// document wait is fixed when its order is made.
struct Regime {
    rates: [f64; 4],
    blocks: [Block; 4],
    pending: [Lanes; 4],
    flows: [Flows; 4],
}

impl Regime {
    fn new(rates: [f64; 4], offices: usize) -> Regime {
        Regime {
            rates,
            blocks: rates.map(exp_block),
            pending: std::array::from_fn(|_| Lanes::new(1, offices)),
            flows: std::array::from_fn(|_| Flows::new(1, offices)),
        }
    }
}

/// Orders of one source (interior arrests or border apprehensions) waiting for documents,
/// by nationality group, in every office of its lanes.
pub(crate) struct Orders {
    offices: usize,
    /// The source whose document times apply (0 interior, 1 border).
    source: usize,
    regimes: Vec<Regime>,
    current: usize,
    /// Waiting for documents that never come, [n][office]: mass, age sum, and today's
    /// person-days.
    never_mass: [Vec<f64>; 4],
    never_age: [Vec<f64>; 4],
    never_area: [Vec<f64>; 4],
    /// Scratch for the day's inflows.
    scratch_u: Vec<f64>,
    scratch_v: Vec<f64>,
    never_u: Vec<f64>,
    never_v: Vec<f64>,
    /// Ready so far today (phase A, then A + C).
    ready: [Vec<f64>; 4],
    ready_age: [Vec<f64>; 4],
    /// Orders entered today, [n][office]: mass, age sum.
    entries: [Vec<f64>; 4],
    entries_age: [Vec<f64>; 4],
    /// Ring of past days' entries (mass, age) and the regime they entered under, indexed by
    /// day modulo its length.
    ring: Vec<[Vec<f64>; 4]>,
    ring_age: Vec<[Vec<f64>; 4]>,
    ring_regime: Vec<usize>,
    /// National people waiting for documents (that will come), by days since order, and
    /// their document rate.
    profile: [Vec<f64>; 4],
    profile_rate: [Vec<f64>; 4],
    /// How many leading entries of `profile_rate[n]` equal its first (all of them while
    /// the document times have not changed): the usual one-rate case is then known without
    /// comparing the whole profile twice a day.
    rate_run: [usize; 4],
    /// The ages `a` (ascending) where `profile_rate[n][a]` differs from the age before: the
    /// runs of equal rates, kept as the profile ages, so that the days after a change of
    /// document times (several rates in the profile) need no scan of it for its runs.
    breaks: [Vec<usize>; 4],
    /// Released today at the custody limit while waiting: mass and ages per office.
    pub released: Vec<f64>,
    pub released_age: Vec<f64>,
}

impl Orders {
    /// Orders of `source` in `offices` lanes, under custody limits up to `max_limit` days.
    pub fn new(source: usize, offices: usize, max_limit: f64) -> Orders {
        let ring_len = max_limit.ceil() as usize + 3;
        let z = || vec![0.0; offices];
        Orders {
            offices,
            source,
            regimes: Vec::new(),
            current: 0,
            never_mass: std::array::from_fn(|_| z()),
            never_age: std::array::from_fn(|_| z()),
            never_area: std::array::from_fn(|_| z()),
            scratch_u: Vec::new(),
            scratch_v: Vec::new(),
            never_u: z(),
            never_v: z(),
            ready: std::array::from_fn(|_| z()),
            ready_age: std::array::from_fn(|_| z()),
            entries: std::array::from_fn(|_| z()),
            entries_age: std::array::from_fn(|_| z()),
            ring: (0..ring_len).map(|_| std::array::from_fn(|_| z())).collect(),
            ring_age: (0..ring_len).map(|_| std::array::from_fn(|_| z())).collect(),
            ring_regime: vec![0; ring_len],
            profile: std::array::from_fn(|_| vec![0.0; ring_len]),
            profile_rate: std::array::from_fn(|_| vec![0.0; ring_len]),
            rate_run: [ring_len; 4],
            breaks: std::array::from_fn(|_| Vec::new()),
            released: z(),
            released_age: z(),
        }
    }

    /// Mass and age sum waiting in office `o`.
    pub fn stock(&self, o: usize) -> (f64, f64) {
        let mut m = 0.0;
        let mut z = 0.0;
        for n in 0..4 {
            m += self.never_mass[n][o];
            z += self.never_age[n][o];
            for r in &self.regimes {
                m += r.pending[n].x[o];
                z += r.pending[n].z[o];
            }
        }
        (m, z)
    }

    /// The mass waiting in every office, into `out` (as long as the lanes, or longer):
    /// [`Orders::stock`]'s masses for all offices at once, read once a day rather than
    /// office by office. Each office gets the same additions in the same order (from
    /// `+0.0`: never rows, then each regime's), a row at a time, so the same bits.
    pub fn masses_into(&self, out: &mut [f64]) {
        let out = &mut out[..self.offices];
        out.fill(0.0);
        for n in 0..4 {
            add_to(out, &self.never_mass[n]);
            for r in &self.regimes {
                add_to(out, &r.pending[n].x);
            }
        }
    }

    /// Person-days waiting today in office `o`.
    pub fn area(&self, o: usize) -> f64 {
        (0..4)
            .map(|n| {
                self.never_area[n][o] + self.regimes.iter().map(|r| r.flows[n].area[o]).sum::<f64>()
            })
            .sum()
    }

    /// Ready = the exits of every regime, added up per office. The first regime's exits are
    /// copied and the others added on: the same sums as `Iterator::sum` (which starts from
    /// −0.0, and −0.0 + x is x), a row at a time.
    /// With one regime (the usual case) its exits are the sums, and [`Orders::ready`] reads
    /// them where they are instead of a copy.
    fn sum_ready(&mut self) {
        let (first, rest) = self.regimes.split_first().expect("phase A makes a regime");
        if rest.is_empty() {
            return;
        }
        for n in 0..4 {
            let (ready, ready_age) = (&mut self.ready[n], &mut self.ready_age[n]);
            ready.copy_from_slice(&first.flows[n].exit);
            ready_age.copy_from_slice(&first.flows[n].exit_age);
            for r in rest {
                ready.iter_mut().zip(&r.flows[n].exit).for_each(|(a, b)| *a += b);
                ready_age.iter_mut().zip(&r.flows[n].exit_age).for_each(|(a, b)| *a += b);
            }
        }
    }

    /// Phase A: the waiting advance a day, the cohort at the custody limit leaves, and the
    /// orders decided so far today (`orders[n][o]`, with age sums) join.
    pub fn phase_a(
        &mut self,
        day: u32,
        p: &DayParams,
        orders: &[Vec<f64>; 4],
        orders_age: &[Vec<f64>; 4],
    ) {
        let rates = p.doc_days[self.source].map(doc_rate);
        self.current = match self.regimes.iter().position(|r| r.rates == rates) {
            Some(i) => i,
            None => {
                self.regimes.push(Regime::new(rates, self.offices));
                self.regimes.len() - 1
            }
        };
        let len = self.ring.len();
        self.released.fill(0.0);
        self.released_age.fill(0.0);
        for r in &mut self.regimes {
            for n in 0..4 {
                r.flows[n].clear();
                r.block_step(n);
            }
        }
        let limit = p.custody_limit_days;
        let lag = limit.floor() as usize;
        let frac = limit - lag as f64;
        let offices = self.offices;
        let nr = self.regimes.len();
        // The per-office loops below work on slices cut to `offices` long, so the compiler
        // drops the bounds checks, and each nested row is looked up once per pass rather
        // than once per office.
        let (released, released_age) =
            (&mut self.released[..offices], &mut self.released_age[..offices]);
        for n in 0..4 {
            let never = p.doc_never[n].clamp(0.0, 1.0);
            // Inflow per regime (the cohort at the limit leaves its own regime's block;
            // today's orders join the current one), and to the never-coming.
            let (u, v) = (&mut self.scratch_u, &mut self.scratch_v);
            u.clear();
            u.resize(nr * offices, 0.0);
            v.clear();
            v.resize(nr * offices, 0.0);
            let (nu, nv) = (&mut self.never_u[..offices], &mut self.never_v[..offices]);
            nu.fill(0.0);
            nv.fill(0.0);
            for (back, weight) in [(lag, 1.0 - frac), (lag + 1, frac)] {
                if weight <= 0.0 || back as u32 > day || back >= len {
                    continue;
                }
                let idx = (day as usize - back) % len;
                let ri = self.ring_regime[idx];
                let survival = (-self.regimes[ri].rates[n] * limit).exp();
                // `(1 − never) · survival · m` multiplies left to right, so the first
                // product can be made once.
                let keep = (1.0 - never) * survival;
                let (ring, ring_age) =
                    (&self.ring[idx][n][..offices], &self.ring_age[idx][n][..offices]);
                let (ur, vr) =
                    (&mut u[ri * offices..][..offices], &mut v[ri * offices..][..offices]);
                for o in 0..offices {
                    let (m, z) = (ring[o] * weight, ring_age[o] * weight);
                    if m <= 0.0 {
                        continue;
                    }
                    let ages = z + limit * m;
                    let (pm, pz) = (keep * m, keep * ages);
                    let (nm, nz) = (never * m, never * ages);
                    ur[o] -= pm;
                    vr[o] -= pz;
                    nu[o] -= nm;
                    nv[o] -= nz;
                    released[o] += pm + nm;
                    released_age[o] += pz + nz;
                }
            }
            let (om, oz) = (&orders[n][..offices], &orders_age[n][..offices]);
            let cur = self.current * offices;
            let (uc, vc) = (&mut u[cur..][..offices], &mut v[cur..][..offices]);
            split_orders(never, om, oz, uc, vc, nu, nv);
            self.entries[n].copy_from_slice(om);
            self.entries_age[n].copy_from_slice(oz);
            for (ri, r) in self.regimes.iter_mut().enumerate() {
                let (ur, vr) =
                    (&u[ri * offices..(ri + 1) * offices], &v[ri * offices..(ri + 1) * offices]);
                if ur.iter().any(|x| *x != 0.0) {
                    r.blocks[n].inflow(&mut r.pending[n], ur, vr, &mut r.flows[n]);
                }
            }
            let (mass, age, area) = (
                &mut self.never_mass[n][..offices],
                &mut self.never_age[n][..offices],
                &mut self.never_area[n][..offices],
            );
            advance_never(mass, age, area, nu, nv);
        }
        self.sum_ready();
    }

    /// Phase C: orders from today's book-ins and hearings started today join.
    pub fn phase_c(&mut self, p: &DayParams, orders: &[Vec<f64>; 4], orders_age: &[Vec<f64>; 4]) {
        let offices = self.offices;
        for n in 0..4 {
            let never = p.doc_never[n].clamp(0.0, 1.0);
            let (om, oz) = (&orders[n][..offices], &orders_age[n][..offices]);
            let (u, v) = (&mut self.scratch_u, &mut self.scratch_v);
            u.clear();
            v.clear();
            u.extend(om.iter().map(|m| (1.0 - never) * m));
            v.extend(oz.iter().map(|z| (1.0 - never) * z));
            let r = &mut self.regimes[self.current];
            r.blocks[n].inflow(&mut r.pending[n], u, v, &mut r.flows[n]);
            // Rows cut to `offices` long: no bounds checks in the loop.
            let (mass, age, area) = (
                &mut self.never_mass[n][..offices],
                &mut self.never_age[n][..offices],
                &mut self.never_area[n][..offices],
            );
            let (em, ez) = (&mut self.entries[n][..offices], &mut self.entries_age[n][..offices]);
            join_never(never, om, oz, mass, age, area, em, ez);
        }
        self.sum_ready();
    }

    /// Documents ready so far today, [n] per office: mass and ages.
    pub fn ready(&self, n: usize) -> (&[f64], &[f64]) {
        match &self.regimes[..] {
            [only] => (&only.flows[n].exit, &only.flows[n].exit_age),
            _ => (&self.ready[n], &self.ready_age[n]),
        }
    }

    /// Length of the national age profile (the days [`Orders::ready_by_days_left`] fills).
    pub fn profile_len(&self) -> usize {
        self.profile[0].len()
    }

    /// For the ready of nationality group `n` today: how many have `j` days left before
    /// the custody limit, for `j = 0 ..` (the national age profile, as of this morning),
    /// added to `out` (as long as [`Orders::profile_len`]); returns their sum. Expected
    /// counts rather than shares, so that the sources' profiles add up ([`days_left`]).
    pub fn ready_by_days_left(&self, n: usize, p: &DayParams, out: &mut [f64]) -> f64 {
        let len = self.profile[n].len();
        let limit = p.custody_limit_days.round().max(0.0) as usize;
        // Ready today from each age: waiting × (1 − e^{−rate}) (rates change seldom).
        // profile[a] was ordered a + 1 days ago (counting from this morning).
        let ages = limit.min(len);
        let (prof, rate) = (&self.profile[n][..ages], &self.profile_rate[n][..ages]);
        // Age `a` goes to `out[limit − a − 1]`: the window below the limit, backwards.
        let window = out[limit - ages..limit].iter_mut().rev();
        let mut total = 0.0;
        if ages > 0 && self.rate_run[n] >= ages {
            // One document rate for every cohort (the usual case): one factor.
            let f = -(-rate[0]).exp_m1();
            for (o, p) in window.zip(prof) {
                let w = p * f;
                total += w;
                *o += w;
            }
        } else {
            let mut cache = (f64::NAN, 0.0);
            for (o, (p, &r)) in window.zip(prof.iter().zip(rate)) {
                if r != cache.0 {
                    cache = (r, -(-r).exp_m1());
                }
                let w = p * cache.1;
                total += w;
                *o += w;
            }
        }
        total
    }

    /// End of day: remember today's orders and advance the national age profile.
    pub fn end_day(&mut self, day: u32, p: &DayParams) {
        let len = self.ring.len();
        let idx = day as usize % len;
        self.ring_regime[idx] = self.current;
        let limit = p.custody_limit_days.round().max(0.0) as usize;
        for n in 0..4 {
            self.ring[idx][n].copy_from_slice(&self.entries[n]);
            self.ring_age[idx][n].copy_from_slice(&self.entries_age[n]);
            let prof = &mut self.profile[n];
            let rate = &mut self.profile_rate[n];
            // Everyone ages a day (cohorts keep their rate); ages from the limit on are
            // cleared below, so only those under it are computed. While every cohort has
            // today's rate (the usual case) the shifted rates are the rates as they are.
            let r = self.regimes[self.current].rates[n];
            if !(self.rate_run[n] >= len && rate[0] == r) {
                rate.copy_within(0..len - 1, 1);
            }
            // The runs age with their cohorts (a break past the end falls off).
            let breaks = &mut self.breaks[n];
            breaks.iter_mut().for_each(|b| *b += 1);
            breaks.retain(|&b| b < len);
            // After the shift, `rate[1..=run]` (within the profile) all equal `rate[1]`.
            let run = self.rate_run[n];
            let ages = len.min(limit);
            if ages > 1 {
                if ages <= run + 1 {
                    // One rate for every cohort (the usual case): a shift and one factor.
                    let keep = (-rate[1]).exp();
                    shift_times(&mut prof[..ages], keep);
                } else {
                    // A shift, then each run of equal rates times its own factor (a run
                    // starts where the rate changes, as a cached factor would): the runs
                    // of `rate[1..ages]` end at the breaks under `ages`. A run reads the
                    // age before its start, so the runs go from the oldest.
                    let k = breaks.partition_point(|&b| b < ages);
                    for i in (0..=k).rev() {
                        let start = if i == 0 { 1 } else { breaks[i - 1] };
                        let end = if i == k { ages } else { breaks[i] };
                        let keep = (-rate[start]).exp();
                        shift_times(&mut prof[start - 1..end], keep);
                    }
                }
            }
            self.rate_run[n] = if len > 1 && r == rate[1] { (run + 1).min(len) } else { 1 };
            let never = p.doc_never[n].clamp(0.0, 1.0);
            prof[0] = self.entries[n].iter().sum::<f64>() * (1.0 - never) * g1(r);
            rate[0] = r;
            if len > 1 && rate[0] != rate[1] {
                breaks.insert(0, 1);
            }
            for x in prof.iter_mut().skip(limit) {
                *x = 0.0;
            }
        }
    }

    pub fn non_negative(&self) -> bool {
        self.regimes.iter().flat_map(|r| r.pending.iter()).all(|l| l.x.iter().all(|x| *x > -1e-6))
            && self.never_mass.iter().flatten().all(|x| *x > -1e-6)
    }
}

/// `x[a] = x[a − 1] · keep` for every `a ≥ 1` (one day's ageing of a profile slice and its
/// survival): one backward pass instead of a shift and a second pass of products, with
/// the same product for every cell.
fn shift_times(x: &mut [f64], keep: f64) {
    for a in (1..x.len()).rev() {
        x[a] = x[a - 1] * keep;
    }
}

/// For the ready of nationality group `n` today, of every source in `sources`: how many
/// have `j` days left before the custody limit, for `j = 0 ..`, into `out`, and the factor
/// that makes them shares (`out[j] × factor`, which [`super::transport::Transport::plan`]
/// applies as it copies them: one pass instead of scaling here and copying there).
pub(crate) fn days_left(sources: &[&Orders], n: usize, p: &DayParams, out: &mut Vec<f64>) -> f64 {
    let len = sources[0].profile_len();
    out.clear();
    out.resize(len, 0.0);
    let total: f64 = sources.iter().map(|o| o.ready_by_days_left(n, p, out)).sum();
    if total <= 0.0 {
        // Nothing waiting yet: today's orders, with the whole limit ahead.
        let limit = p.custody_limit_days.round().max(0.0) as usize;
        out.iter_mut().for_each(|x| *x = 0.0);
        out[limit.min(len - 1)] = 1.0;
        return 1.0;
    }
    1.0 / total
}

// The per-office passes of the phases, as functions whose rows are arguments: the compiler
// then knows the rows (fields of one struct) do not overlap and vectorises the loops. Each
// office's products and sums are those of the loops written out in place.

/// Today's orders (mass `m`, ages `z`) split between the current regime's inflow (`u`, `v`:
/// documents will come) and the never-coming's (`nu`, `nv`).
fn split_orders(
    never: f64,
    m: &[f64],
    z: &[f64],
    u: &mut [f64],
    v: &mut [f64],
    nu: &mut [f64],
    nv: &mut [f64],
) {
    let l = m.len();
    let (z, u, v, nu, nv) = (&z[..l], &mut u[..l], &mut v[..l], &mut nu[..l], &mut nv[..l]);
    for o in 0..l {
        u[o] += (1.0 - never) * m[o];
        v[o] += (1.0 - never) * z[o];
        nu[o] += never * m[o];
        nv[o] += never * z[o];
    }
}

/// The never-coming's day in phase A: nobody leaves before the limit, everyone ages a day,
/// and the arrivals `nu` (ages `nv`; those leaving at the limit are a negative arrival)
/// come through the day.
fn advance_never(mass: &mut [f64], age: &mut [f64], area: &mut [f64], nu: &[f64], nv: &[f64]) {
    let l = mass.len();
    let (age, area, nu, nv) = (&mut age[..l], &mut area[..l], &nu[..l], &nv[..l]);
    for o in 0..l {
        let (m, du) = (mass[o], nu[o]);
        area[o] = m + 0.5 * du;
        age[o] += m + nv[o] + 0.5 * du;
        mass[o] = m + du;
    }
}

/// Phase C's orders (`m`, `z`): the never-coming share joins through the day, and all of
/// them are today's entries (`em`, `ez`).
#[allow(clippy::too_many_arguments)]
fn join_never(
    never: f64,
    m: &[f64],
    z: &[f64],
    mass: &mut [f64],
    age: &mut [f64],
    area: &mut [f64],
    em: &mut [f64],
    ez: &mut [f64],
) {
    let l = m.len();
    let (z, mass, age, area) = (&z[..l], &mut mass[..l], &mut age[..l], &mut area[..l]);
    let (em, ez) = (&mut em[..l], &mut ez[..l]);
    for o in 0..l {
        let (du, dv) = (never * m[o], never * z[o]);
        area[o] += 0.5 * du;
        age[o] += dv + 0.5 * du;
        mass[o] += du;
        em[o] += m[o];
        ez[o] += z[o];
    }
}

impl Regime {
    fn block_step(&mut self, n: usize) {
        self.blocks[n].step(&mut self.pending[n], &mut self.flows[n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The national age profile after changes of document times (several rates in it, so
    /// the runs between the breaks): every age is the age before it yesterday times its own
    /// cohort's survival, `e^{−rate}`, to the bit — what a shift and then a product per age
    /// give, whatever order [`Orders::end_day`] takes the runs in.
    #[test]
    fn the_profile_ages_by_each_cohorts_own_rate() {
        let sc = crate::testkit::tiny();
        let mut p = DayParams::at(&sc, sc.start);
        let limit = 30;
        p.custody_limit_days = limit as f64;
        p.doc_never = [0.0; 4];
        let mut orders = Orders::new(0, 1, limit as f64);
        let len = orders.profile_len();
        let (mut want, mut want_rate) = (vec![0.0_f64; len], vec![0.0_f64; len]);
        let ages: [Vec<f64>; 4] = std::array::from_fn(|_| vec![0.0]);
        for day in 0..80u32 {
            // New document times on days 10, 12, 40 and 45, and back to an earlier one.
            let mean = match day {
                0..10 => 20.0,
                10..12 => 5.0,
                12..40 => 50.0,
                40..45 => 8.0,
                _ => 5.0,
            };
            p.doc_days[0] = [mean; 4];
            let made: [Vec<f64>; 4] = std::array::from_fn(|_| vec![1.0 + f64::from(day % 7)]);
            orders.phase_a(day, &p, &made, &ages);
            orders.end_day(day, &p);
            let r = doc_rate(mean);
            let (before, before_rate) = (want.clone(), want_rate.clone());
            want_rate[1..].copy_from_slice(&before_rate[..len - 1]);
            for a in 1..len.min(limit) {
                want[a] = before[a - 1] * (-want_rate[a]).exp();
            }
            want[0] = orders.entries[0].iter().sum::<f64>() * (1.0 - 0.0) * g1(r);
            want_rate[0] = r;
            want.iter_mut().skip(limit).for_each(|x| *x = 0.0);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&orders.profile[0]), bits(&want), "day {day}");
            assert_eq!(bits(&orders.profile_rate[0]), bits(&want_rate), "day {day}");
        }
    }
}
