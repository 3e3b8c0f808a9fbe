//! Duration distributions in expectation: length of stay of book-outs and arrest to
//! removal, for the quantile sketches the DES fills case by case.
//!
//! For each path through detention (voluntary departure; an order at book-in; proceedings
//! by category), nationality group and whether a move to a hub is needed, the distribution
//! of time from book-in to each way out is built on a grid of half a day from the DES's
//! own distributions — exponential and Gamma densities, the discretionary-release hazard,
//! the custody limit, the hub move and the wait for the next departure. Book-outs in the
//! measured window are then "admissions `a` days before × density at `a`", summed over
//! paths, with the admissions the fluid recorded each day, and added to the sketches as
//! whole counts (rounded with carry-over, so the total is the expected number).
//!
//! Not included: waits in queues (CBP hold, docket, transport lines) when those saturate —
//! there the fluid's mean stays (in the daily table) and these quantiles part ways.

use des::QuantileSketch;

use super::params::DayParams;
use crate::metrics::{Durations, Stays};

/// Grid step, days.
const STEP: f64 = 0.5;
/// Longest stay represented, days.
const MAX_DAYS: f64 = 1_000.0;

/// Paths: 0 = order at book-in, 1 = voluntary departure, 2 = proceedings.
pub(crate) const PATHS: usize = 3;
/// Admission cells per day: [source][category][path].
pub(crate) const CELLS: usize = 2 * 3 * PATHS;

#[inline]
pub(crate) fn cell(s: usize, c: usize, path: usize) -> usize {
    (s * 3 + c) * PATHS + path
}

/// The parameters a duration distribution depends on.
#[derive(Clone, Debug, PartialEq)]
struct Regime {
    hazard: [[f64; 3]; 2],
    case_mean: f64,
    case_cv: f64,
    order_share: f64,
    doc_days: [[f64; 4]; 2],
    doc_never: [f64; 4],
    limit: f64,
    hub: f64,
    voluntary: f64,
    before: [f64; 2],
    gaps: [f64; 2],
    nationality: [[f64; 4]; 2],
}

impl Regime {
    fn of(p: &DayParams) -> Regime {
        // Days between departures: land once a day at noon (if at least one slot a day),
        // flights spread over the week.
        let land_gap = if p.land_per_day >= 1.0 { 1.0 } else { 1.0 / p.land_per_day.max(1e-3) };
        let flights_per_day = p.flights_per_week / 7.0;
        let flight_gap = if flights_per_day >= 1.0 {
            1.0 / flights_per_day.floor()
        } else {
            1.0 / flights_per_day.max(1e-3)
        };
        Regime {
            hazard: p.hazard,
            case_mean: p.case_days_mean,
            case_cv: p.case_days_cv,
            order_share: p.removal_order_share.clamp(0.0, 1.0),
            doc_days: p.doc_days,
            doc_never: p.doc_never.map(|x| x.clamp(0.0, 1.0)),
            limit: p.custody_limit_days,
            hub: p.hub_days,
            voluntary: p.voluntary_days,
            before: [p.booking_days, p.usbp_transfer_days],
            gaps: [land_gap.min(30.0), flight_gap.min(30.0)],
            nationality: p.nationality.map(DayParams::as_drawn),
        }
    }
}

/// What the run records for the durations.
pub(crate) struct Log {
    regimes: Vec<Regime>,
    /// Per simulated day: regime index and national admissions by cell.
    day_regime: Vec<usize>,
    admissions: Vec<[f64; CELLS]>,
    /// Per office: admissions by cell from the warm-up's last two months on.
    office_admissions: Vec<[f64; CELLS]>,
    /// Σ admissions × share held at a departure point, by nationality group; Σ admissions.
    direct: [f64; 4],
    admitted: f64,
    /// Σ interior admissions arrested by Border Patrol (CBP book-ins) and Σ all interior
    /// admissions, over the same days as `direct`: the interior source's split by agency.
    interior_cbp: [f64; 2],
}

impl Log {
    pub fn new(offices: usize) -> Log {
        Log {
            regimes: Vec::new(),
            day_regime: Vec::new(),
            admissions: Vec::new(),
            office_admissions: vec![[0.0; CELLS]; offices],
            direct: [0.0; 4],
            admitted: 0.0,
            interior_cbp: [0.0; 2],
        }
    }

    /// Starts a day with parameters `p`.
    pub fn day(&mut self, p: &DayParams) {
        let r = Regime::of(p);
        let same = self.day_regime.last().is_some_and(|&i| self.regimes[i] == r);
        let found = if same { self.day_regime.last().copied() } else { None };
        let idx = match found.or_else(|| self.regimes.iter().position(|x| *x == r)) {
            Some(i) => i,
            None => {
                self.regimes.push(r);
                self.regimes.len() - 1
            }
        };
        self.day_regime.push(idx);
        self.admissions.push([0.0; CELLS]);
    }

    /// Records admissions of office `o` today: `cells` by [source][category][path], and the
    /// share `direct[n]` of the office's detained held at a departure point.
    pub fn admitted(
        &mut self,
        o: usize,
        cells: &[f64; CELLS],
        direct: &[f64; 4],
        keep_office: bool,
    ) {
        let today = self.admissions.last_mut().expect("day() first");
        let total: f64 = cells.iter().sum();
        for (t, x) in today.iter_mut().zip(cells) {
            *t += x;
        }
        if keep_office {
            for (t, x) in self.office_admissions[o].iter_mut().zip(cells) {
                *t += x;
            }
            for n in 0..4 {
                self.direct[n] += total * direct[n];
            }
            self.admitted += total;
        }
    }

    /// Records interior admissions of today: `cbp` of `all` were arrested by Border Patrol
    /// (same days as [`Log::admitted`] keeps for the offices).
    pub fn interior_agency(&mut self, cbp: f64, all: f64, keep: bool) {
        if keep {
            self.interior_cbp[0] += cbp;
            self.interior_cbp[1] += all;
        }
    }

    /// The sketches for the measured window `[warmup, warmup + days)`.
    ///
    /// Work is shared where the model allows it (this runs once per fluid run and used to be
    /// a noticeable part of it): the cumulative admissions of all cells come from one pass
    /// over the days, the book-out windows are differences of those cumulative sums, and
    /// cells with the same kernel (see [`Kernels`]) share one.
    pub fn sketches(&self, warmup: usize, days: usize) -> Durations {
        let offices = self.office_admissions.len();
        let mut out = Durations::new(offices);
        let bins = (MAX_DAYS / STEP) as usize;
        let per_day = (1.0 / STEP) as usize;
        let direct: [f64; 4] =
            self.direct.map(|d| if self.admitted > 0.0 { d / self.admitted } else { 1.0 });
        let mut los = vec![0.0; bins];
        // The same by [source][category], for the stays by category and agency.
        let mut los_by = vec![vec![0.0; bins]; 2 * 3];
        let mut a2r = vec![0.0; bins];
        // Removals by cell (arrest to removal), for the offices.
        let mut by_cell = vec![vec![0.0; bins]; CELLS];
        let mut gammas: Vec<((f64, f64), Vec<f64>)> = Vec::new();
        let mut kernels = Kernels::default();
        let mut cum = Vec::new();
        // Book-outs in the window at age a (whole days): admissions in [w0 − a, w1 − a).
        let mut whole = vec![0.0; MAX_DAYS as usize + 2];
        // The window at the bin midpoints (0 where empty).
        let mut weight = vec![0.0; bins];
        let (w0, w1) = (warmup as i64, (warmup + days) as i64);
        for (e, regime) in self.regimes.iter().enumerate() {
            self.cumulative(e, &mut cum);
            let last = cum.len() - 1;
            let active: [bool; CELLS] = std::array::from_fn(|i| cum[last][i] > 0.0);
            if !active.iter().any(|a| *a) {
                continue;
            }
            // Nobody admitted under this regime is older than `w1 − first day` at the end of
            // the window, so the window is zero from that age on, and the kernels and
            // sums need only the bins below it (adding 0 × kernel changes no sum). Every
            // kernel is causal — a bin depends on earlier bins only — so one built this
            // long has the values of the full-length one in these bins.
            let first = self.day_regime.iter().position(|&r| r == e).unwrap_or(0) as i64;
            let len = (((w1 - first).max(0) as usize) * per_day).min(bins);
            if len == 0 {
                continue;
            }
            // Regimes often share their hearing distribution: compute its CDF once, as far
            // as the longest window needs (each edge's value stands alone).
            let key = (regime.case_mean, regime.case_cv);
            match gammas.iter_mut().find(|g| g.0 == key) {
                Some(g) if g.1.len() > len => {}
                Some(g) => g.1 = gamma_bins(key.0, key.1, len),
                None => gammas.push((key, gamma_bins(key.0, key.1, len))),
            }
            let gamma = &gammas.iter().find(|g| g.0 == key).expect("just added").1;
            kernels.build(regime, &direct, gamma, &active, len);
            for s in 0..2 {
                let shift = (regime.before[s] / STEP).round() as usize;
                for c in 0..3 {
                    for path in 0..PATHS {
                        let idx = cell(s, c, path);
                        let Some(k) = Kernels::slot(s, c, path).filter(|_| active[idx]) else {
                            continue;
                        };
                        let (kl, kr) = (&kernels.los[k], &kernels.removal[k]);
                        // Cumulative admissions at whole day `x` (0 before the first day,
                        // all of them after the last): the window's ends are whole days, so
                        // no interpolation within days is needed here.
                        let at = |x: i64| -> f64 {
                            if x <= 0 {
                                0.0
                            } else if x as usize >= last {
                                cum[last][idx]
                            } else {
                                cum[x as usize][idx]
                            }
                        };
                        for (a, v) in whole[..=len / per_day].iter_mut().enumerate() {
                            *v = at(w1 - a as i64) - at(w0 - a as i64);
                        }
                        // Between whole days the window is linear in the age (admissions
                        // spread within days): evaluate it at the bin midpoints. Where it is
                        // not positive nothing is added (0 × kernel leaves the sums as they
                        // are), so the loops below need no branches.
                        for (d, pair) in whole.windows(2).take(len / per_day).enumerate() {
                            let (lo, hi) = (pair[0], pair[1]);
                            for h in 0..per_day {
                                let f = (h as f64 + 0.5) * STEP;
                                let w = lo + f * (hi - lo);
                                weight[d * per_day + h] = if w > 0.0 { w } else { 0.0 };
                            }
                        }
                        let weight = &weight[..len];
                        for (((t, g), l), w) in
                            los.iter_mut().zip(&mut los_by[s * 3 + c]).zip(kl).zip(weight)
                        {
                            *t += l * w;
                            *g += l * w;
                        }
                        let removed = a2r[shift.min(bins)..]
                            .iter_mut()
                            .zip(&mut by_cell[idx][shift.min(bins)..]);
                        for (((t, o), r), w) in removed.zip(kr).zip(weight) {
                            *t += r * w;
                            *o += r * w;
                        }
                    }
                }
            }
        }
        fill_stays(&mut out.length_of_stay, &los);
        self.stays_by_group(&los_by, &mut out);
        fill(&mut out.arrest_to_removal, &a2r);
        // Offices: each cell's removals shared by the office's share of that cell's
        // admissions (same timing as the nation's), on a one-day grid.
        let coarse =
            |v: &[f64]| -> Vec<f64> { v.chunks(per_day).map(|c| c.iter().sum()).collect() };
        let cells_coarse: Vec<Vec<f64>> = by_cell.iter().map(|v| coarse(v)).collect();
        let totals: Vec<f64> =
            (0..CELLS).map(|i| self.office_admissions.iter().map(|o| o[i]).sum()).collect();
        // Beyond the last nonzero day of every cell the offices' histograms are zeros, which
        // add nothing to them nor to the sketches (`fill_grid` carries less than a half
        // past a bin, so a run of zeros adds no count).
        let used = cells_coarse
            .iter()
            .map(|v| v.iter().rposition(|x| *x != 0.0).map_or(0, |i| i + 1))
            .max()
            .unwrap_or(0);
        let mut hist = vec![0.0; used];
        for (o, sketch) in out.arrest_to_removal_by_office.iter_mut().enumerate() {
            hist.fill(0.0);
            for i in 0..CELLS {
                if totals[i] <= 0.0 || self.office_admissions[o][i] <= 0.0 {
                    continue;
                }
                let share = self.office_admissions[o][i] / totals[i];
                for (h, x) in hist.iter_mut().zip(&cells_coarse[i]) {
                    *h += share * x;
                }
            }
            fill_grid(&hist, 1.0, |x, n| sketch.add_n(x, n));
        }
        out
    }

    /// Cumulative admissions of every cell during regime `e`, at the start of each day, into
    /// `cum` (one entry more than days).
    fn cumulative(&self, e: usize, cum: &mut Vec<[f64; CELLS]>) {
        cum.clear();
        cum.reserve(self.admissions.len() + 1);
        let mut acc = [0.0; CELLS];
        cum.push(acc);
        for (d, a) in self.admissions.iter().enumerate() {
            if self.day_regime[d] == e {
                for (t, x) in acc.iter_mut().zip(a) {
                    *t += x;
                }
            }
            cum.push(acc);
        }
    }

    /// The stays by category (both sources) and by arresting agency, from the book-outs
    /// by [source][category] `los_by`. The interior source holds Border Patrol's interior
    /// arrests as well as ICE's and its partners': they share the interior kernels, so they
    /// are moved to CBP in their share of the interior admissions (over the same days as
    /// the offices' admissions; the share is taken as constant over those days).
    fn stays_by_group(&self, los_by: &[Vec<f64>], out: &mut Durations) {
        let bins = los_by[0].len();
        let [cbp, all] = self.interior_cbp;
        let f = if all > 0.0 { (cbp / all).clamp(0.0, 1.0) } else { 0.0 };
        let mut hist = vec![0.0; bins];
        for (c, stays) in out.length_of_stay_by_category.iter_mut().enumerate() {
            for (i, h) in hist.iter_mut().enumerate() {
                *h = los_by[c][i] + los_by[3 + c][i];
            }
            fill_stays(stays, &hist);
        }
        // Agency 0 (ICE): the interior source less Border Patrol's share; 1 (CBP): the
        // border source plus that share.
        let mut by_agency = [vec![0.0; bins], vec![0.0; bins]];
        for i in 0..bins {
            let interior: f64 = (0..3).map(|c| los_by[c][i]).sum();
            let border: f64 = (0..3).map(|c| los_by[3 + c][i]).sum();
            by_agency[0][i] = interior * (1.0 - f);
            by_agency[1][i] = border + interior * f;
        }
        for (stays, hist) in out.length_of_stay_by_agency.iter_mut().zip(&by_agency) {
            fill_stays(stays, hist);
        }
    }
}

fn fill(sketch: &mut QuantileSketch, hist: &[f64]) {
    fill_grid(hist, STEP, |x, n| sketch.add_n(x, n));
}

/// A histogram of stays on the half-day grid into `stays`: each bin's count at its
/// midpoint, longer than a threshold only if the whole bin is ([`Stays::add_binned`]).
fn fill_stays(stays: &mut Stays, hist: &[f64]) {
    fill_grid(hist, STEP, |x, n| stays.add_binned(x, STEP / 2.0, n));
}

/// Adds a histogram on a grid of `step` days (bin midpoints) as whole counts through
/// `add(value, count)`, carrying the rounding from bin to bin so the total is the expected
/// number.
fn fill_grid(hist: &[f64], step: f64, mut add: impl FnMut(f64, u64)) {
    let mut carry = 0.0;
    for (i, w) in hist.iter().enumerate() {
        carry += w;
        let n = carry.round();
        if n >= 1.0 {
            add((i as f64 + 0.5) * step, n as u64);
            carry -= n;
        }
    }
}

/// A category's hearings per bin: (decisions, releases, orders).
type Hearings = (Vec<f64>, Vec<f64>, Vec<f64>);

/// Kernel slots: an order at book-in by source; voluntary departure; proceedings by source
/// and category (see [`Kernels::slot`]).
const SLOTS: usize = 2 + 1 + 2 * 3;

/// Book-in-to-exit densities (mass per grid bin) by admission cell, mixed over nationality
/// and hub moves. Cells with equal kernels share a slot, and the buffers are kept from one
/// regime to the next (building them is most of the work of [`Log::sketches`]).
#[derive(Default)]
struct Kernels {
    /// Any exit from detention, by slot.
    los: [Vec<f64>; SLOTS],
    /// Removals only, by slot.
    removal: [Vec<f64>; SLOTS],
    /// Working buffers.
    post: Buffers,
    at_zero: Vec<f64>,
}

impl Kernels {
    /// The slot of cell `(s, c, path)`, if it has a kernel: an order at book-in does not
    /// depend on the category, and only the interior source (0) has voluntary departure
    /// (for the other, nothing leaves that way).
    fn slot(s: usize, c: usize, path: usize) -> Option<usize> {
        match path {
            0 => Some(s),
            1 => (s == 0).then_some(2),
            _ => Some(3 + s * 3 + c),
        }
    }

    /// Builds the slots of the cells marked `active` (with admissions in this regime).
    ///
    /// Only removals are summed over nationality groups and hub moves. The other ways out
    /// do not depend on those beyond a weight: releases at the custody limit are the
    /// orders delayed by the limit (times the share released there), and the court's own
    /// outcomes are the same for all. So a stay is the removals plus (Σ weight × share
    /// released at the limit) × delayed orders plus (Σ weight) × court outcomes.
    fn build(
        &mut self,
        r: &Regime,
        direct: &[f64; 4],
        gamma: &[f64],
        active: &[bool; CELLS],
        bins: usize,
    ) {
        let mut used = [false; SLOTS];
        for (idx, _) in active.iter().enumerate().filter(|(_, a)| **a) {
            let (s, c, path) = (idx / (3 * PATHS), idx / PATHS % 3, idx % PATHS);
            if let Some(k) = Self::slot(s, c, path) {
                used[k] = true;
            }
        }
        for k in (0..SLOTS).filter(|&k| used[k]) {
            self.los[k].resize(bins, 0.0);
            self.removal[k].resize(bins, 0.0);
        }
        let Kernels { los, removal, post: b, at_zero } = self;
        if at_zero.len() != bins {
            at_zero.clear();
            at_zero.resize(bins, 0.0);
            at_zero[0] = 1.0;
        }
        // Hearings by source and category, for the cells with admissions: (decisions,
        // releases, orders), computed once for both sources when they face the same hazard.
        let mut courts: Vec<Hearings> = Vec::new();
        let mut court_of = [[None::<usize>; 3]; 2];
        for s in 0..2 {
            for c in (0..3).filter(|&c| used[3 + s * 3 + c]) {
                let h = r.hazard[s][c];
                let same = (0..s).find_map(|t| court_of[t][c].filter(|_| r.hazard[t][c] == h));
                court_of[s][c] = Some(same.unwrap_or_else(|| {
                    let (decided, released) = court(gamma, h, r.case_mean, bins);
                    let orders = decided.iter().map(|d| d * r.order_share).collect();
                    courts.push((decided, released, orders));
                    courts.len() - 1
                }));
            }
        }
        // The cells (source, category) each computed court serves.
        let cells_of = |i: usize| {
            (0..2)
                .flat_map(move |s| (0..3).map(move |c| (s, c)))
                .filter(move |&(s, c)| court_of[s][c] == Some(i))
        };
        // Removals: Σ weight × removal density, the first term stored rather than added
        // (which saves zeroing the slot).
        let mut fresh = used;
        let mut add = |k: usize, w: f64, rm: &[f64]| {
            if !used[k] {
                return;
            }
            if std::mem::take(&mut fresh[k]) {
                for (a, b) in removal[k].iter_mut().zip(rm) {
                    *a = w * b;
                }
            } else {
                for (a, b) in removal[k].iter_mut().zip(rm) {
                    *a += w * b;
                }
            }
        };
        // By source: Σ weight and Σ weight × share released at the limit.
        let (mut total, mut at_limit) = ([0.0; 2], [0.0; 2]);
        for n in 0..4 {
            let mode = if n == 0 { 0 } else { 1 };
            for hub in [false, true] {
                let hub_days = if hub { r.hub } else { 0.0 };
                let weight = if hub { 1.0 - direct[n] } else { direct[n] };
                if weight <= 0.0 {
                    continue;
                }
                let w = [0, 1].map(|s| weight * r.nationality[s][n]);
                // The sources share the wait after an order where their document times
                // are equal (then one density serves both).
                let groups: &[&[usize]] =
                    if r.doc_days[0][n] == r.doc_days[1][n] { &[&[0, 1]] } else { &[&[0], &[1]] };
                for &sources in groups {
                    let post = PostOrder::new(r, sources[0], n, hub_days, r.gaps[mode]);
                    let mine = |s: usize| sources.contains(&s) && w[s] > 0.0;
                    for s in (0..2).filter(|&s| mine(s)) {
                        total[s] += w[s];
                        at_limit[s] += w[s] * post.at_limit;
                    }
                    // An order at book-in.
                    if sources.iter().any(|&s| used[s] && w[s] > 0.0) {
                        post.removal_into(at_zero, b);
                        for s in (0..2).filter(|&s| mine(s)) {
                            add(s, w[s], &b.removal);
                        }
                    }
                    // Proceedings, by source and category.
                    for (i, (_, _, orders)) in courts.iter().enumerate() {
                        if !cells_of(i).any(|(s, _)| mine(s)) {
                            continue;
                        }
                        post.removal_into(orders, b);
                        for (s, c) in cells_of(i).filter(|&(s, _)| mine(s)) {
                            add(3 + s * 3 + c, w[s], &b.removal);
                        }
                    }
                }
            }
        }
        for k in (0..SLOTS).filter(|&k| fresh[k]) {
            removal[k].fill(0.0);
        }
        // Voluntary departure (interior only): an exponential stay, ending in removal.
        if used[2] {
            los[2] = exponential(r.voluntary, bins);
            removal[2].copy_from_slice(&los[2]);
        }
        // Stays: removals, releases at the limit and (in proceedings) the court's releases
        // and decisions other than an order.
        let limit_bins = r.limit / STEP;
        if used[0] || used[1] {
            shift_into(at_zero, limit_bins, 1.0, &mut b.released);
            for s in (0..2).filter(|&s| used[s]) {
                for ((l, rm), x) in los[s].iter_mut().zip(&removal[s]).zip(&b.released) {
                    *l = rm + at_limit[s] * x;
                }
            }
        }
        for (i, (decided, released, orders)) in courts.iter().enumerate() {
            shift_into(orders, limit_bins, 1.0, &mut b.released);
            for (s, c) in cells_of(i) {
                let k = 3 + s * 3 + c;
                let not_ordered = 1.0 - r.order_share;
                let parts = removal[k].iter().zip(&b.released).zip(released).zip(decided);
                for (l, (((rm, x), rel), dec)) in los[k].iter_mut().zip(parts) {
                    *l = rm + at_limit[s] * x + total[s] * (rel + not_ordered * dec);
                }
            }
        }
    }
}

/// Exponential with mean `mean` days: mass per bin.
fn exponential(mean: f64, bins: usize) -> Vec<f64> {
    let mut out = vec![0.0; bins];
    if mean <= 0.0 {
        out[0] = 1.0;
        return out;
    }
    let rho = (-STEP / mean).exp();
    let mut s = 1.0;
    for x in out.iter_mut() {
        *x = s * (1.0 - rho);
        s *= rho;
    }
    out
}

/// Gamma(mean, cv) CDF at the bin edges (ln Γ of the shape computed once for all).
fn gamma_bins(mean: f64, cv: f64, bins: usize) -> Vec<f64> {
    let cv2 = (cv * cv).max(1e-6);
    let (shape, scale) = (1.0 / cv2, mean.max(1e-9) * cv2);
    let gln = ln_gamma(shape);
    (0..=bins).map(|i| gamma_p_with(shape, gln, i as f64 * STEP / scale)).collect()
}

/// Hearings with a release hazard `h` from book-in: (decisions, releases) per bin.
fn court(cdf: &[f64], h: f64, mean: f64, bins: usize) -> (Vec<f64>, Vec<f64>) {
    let mut decided = vec![0.0; bins];
    let mut released = vec![0.0; bins];
    if mean <= 0.0 {
        decided[0] = 1.0;
        return (decided, released);
    }
    // e^{-h t} at the bin edges and midpoints, as powers (two exponentials in all).
    let (per_bin, half_bin) = ((-h * STEP).exp(), (-h * STEP / 2.0).exp());
    let mut keep_a = 1.0;
    for i in 0..bins {
        let keep_b = keep_a * per_bin;
        let keep = keep_a * half_bin;
        decided[i] = (cdf[i + 1] - cdf[i]) * keep;
        // Released in the bin while undecided: ∫ h e^{-ht} S(t) dt ≈ S(mid)(e^{-ha} − e^{-hb}).
        let survive = 1.0 - (cdf[i] + cdf[i + 1]) / 2.0;
        released[i] = survive * (keep_a - keep_b);
        keep_a = keep_b;
    }
    (decided, released)
}

/// From an order to leaving: documents (exponential, or never), a move to a hub, the wait
/// for a departure, all under the custody limit.
struct PostOrder {
    /// Share of orders with documents: per bin ρ^m, c = (1 − never)(1 − ρ).
    rho: f64,
    c: f64,
    /// Bins before the limit within which documents must come to leave in time.
    within: usize,
    /// Share released at the limit.
    at_limit: f64,
    hub_bins: f64,
    wait_bins: usize,
}

impl PostOrder {
    /// After an order of source `s` for nationality group `n`.
    fn new(r: &Regime, s: usize, n: usize, hub: f64, gap: f64) -> PostOrder {
        let never = r.doc_never[n];
        let room = (r.limit - hub).max(0.0);
        let within = (room / STEP).round() as usize;
        let d = r.doc_days[s][n];
        let (rho, c, late) = if d <= 0.0 {
            (0.0, 1.0 - never, if within > 0 { 0.0 } else { 1.0 })
        } else {
            let rho = (-STEP / d).exp();
            (rho, (1.0 - never) * (1.0 - rho), rho.powi(within as i32))
        };
        PostOrder {
            rho,
            c,
            within,
            at_limit: never + (1.0 - never) * late,
            hub_bins: hub / STEP,
            wait_bins: ((gap / STEP).round() as usize).max(1),
        }
    }

    /// The removal density for orders arriving with density `x`, into `b.removal` (no
    /// allocation once the buffers have grown). Those still waiting at the custody limit
    /// leave then: `x` shifted by the limit, times `at_limit`, which the kernels add up.
    fn removal_into(&self, x: &[f64], b: &mut Buffers) {
        let bins = x.len();
        let y = &mut b.documented;
        y.resize(bins, 0.0);
        if self.within == 0 {
            y.fill(0.0);
        } else {
            // Documents within `within` bins of the order: a geometric filter, less what
            // arrives too late (orders `within` bins back).
            let within = self.within.min(bins);
            let tail = self.c * self.rho.powi(self.within as i32);
            let mut prev = 0.0;
            for (o, xi) in y[..within].iter_mut().zip(x) {
                let v = self.rho * prev + self.c * xi;
                *o = v.max(0.0);
                prev = v;
            }
            for ((o, xi), old) in y[within..].iter_mut().zip(&x[within..]).zip(x) {
                let mut v = self.rho * prev + self.c * xi;
                v -= tail * old;
                *o = v.max(0.0);
                prev = v;
            }
        }
        shift_into(y, self.hub_bins, 1.0, &mut b.moved);
        if self.wait_bins <= 1 {
            // No wait to spread: the moved density is the removals, swapped in rather than
            // copied (`shift_into` writes every bin of `moved` again on the next call).
            std::mem::swap(&mut b.moved, &mut b.removal);
        } else {
            boxcar_into(&b.moved, self.wait_bins, &mut b.removal);
        }
    }
}

/// Working buffers of [`PostOrder::removal_into`] and the kernels, reused across calls.
#[derive(Default)]
struct Buffers {
    documented: Vec<f64>,
    moved: Vec<f64>,
    removal: Vec<f64>,
    released: Vec<f64>,
}

/// `x` delayed by `by` bins (fractions split between neighbours), then times `w`, into
/// `out`; what falls off the end is lost. Written as whole-slice passes (each output bin
/// from at most two inputs) so that it vectorises.
fn shift_into(x: &[f64], by: f64, w: f64, out: &mut Vec<f64>) {
    let whole = by.floor() as usize;
    let frac = by - whole as f64;
    let keep = 1.0 - frac;
    out.resize(x.len(), 0.0);
    let (zero, dst) = out.split_at_mut(whole.min(x.len()));
    zero.fill(0.0);
    if dst.is_empty() {
        return;
    }
    if frac > 0.0 {
        dst[0] = x[0] * keep * w;
        for ((o, a), b) in dst[1..].iter_mut().zip(x).zip(&x[1..]) {
            *o = (a * frac + b * keep) * w;
        }
    } else {
        for (o, a) in dst.iter_mut().zip(x) {
            *o = a * keep * w;
        }
    }
}

/// Spreads each bin uniformly over the next `width` bins (a uniform wait), into `out`.
fn boxcar_into(x: &[f64], width: usize, out: &mut Vec<f64>) {
    if width <= 1 {
        out.clear();
        out.extend_from_slice(x);
        return;
    }
    out.resize(x.len(), 0.0);
    let mut acc = 0.0;
    let inv = 1.0 / width as f64;
    let head = width.min(x.len());
    for (o, xi) in out[..head].iter_mut().zip(x) {
        acc += xi;
        *o = acc * inv;
    }
    for ((o, xi), old) in out[head..].iter_mut().zip(&x[head..]).zip(x) {
        acc += xi;
        acc -= old;
        *o = acc * inv;
    }
}

/// Regularised lower incomplete gamma P(a, x) (series below a + 1, continued fraction
/// above; Numerical Recipes §6.2).
#[cfg(test)]
fn gamma_p(a: f64, x: f64) -> f64 {
    gamma_p_with(a, ln_gamma(a), x)
}

/// [`gamma_p`] given `gln` = ln Γ(a).
fn gamma_p_with(a: f64, gln: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x < a + 1.0 {
        let mut ap = a;
        let mut sum = 1.0 / a;
        let mut del = sum;
        for _ in 0..1000 {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        (sum * (-x + a * x.ln() - gln).exp()).min(1.0)
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-15 {
                break;
            }
        }
        (1.0 - (-x + a * x.ln() - gln).exp() * h).max(0.0)
    }
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_gamma_matches_known_values() {
        // P(1, x) = 1 − e^{−x}; P(2, x) = 1 − e^{−x}(1 + x).
        for x in [0.1, 1.0, 3.0, 10.0] {
            assert!((gamma_p(1.0, x) - (1.0 - (-x).exp())).abs() < 1e-12);
            assert!((gamma_p(2.0, x) - (1.0 - (-x).exp() * (1.0 + x))).abs() < 1e-12);
        }
        assert!((ln_gamma(5.0) - 24.0f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
    }

    #[test]
    fn court_outcomes_match_the_gamma_transform() {
        // P(decision before release) = (1 + hθ)^{-k}.
        let bins = (MAX_DAYS / STEP) as usize;
        let (mean, cv, h) = (90.0, 0.8, 0.018);
        let (decided, released) = court(&gamma_bins(mean, cv, bins), h, mean, bins);
        let want = (1.0 + h * mean * cv * cv).powf(-1.0 / (cv * cv));
        let got: f64 = decided.iter().sum();
        assert!((got - want).abs() < 1e-3, "{got} vs {want}");
        let all: f64 = got + released.iter().sum::<f64>();
        assert!((all - 1.0).abs() < 1e-3, "{all}");
    }

    #[test]
    fn post_order_removal_is_truncated_at_the_limit() {
        let p = DayParams::at(
            &crate::testkit::tiny(),
            crate::date::Date::from_ymd(2024, 10, 1).unwrap(),
        );
        let r = Regime::of(&p);
        let bins = (MAX_DAYS / STEP) as usize;
        let mut x = vec![0.0; bins];
        x[0] = 1.0;
        // Hard to remove: documents in 90 days, half never; no hub move.
        let post = PostOrder::new(&r, 0, 3, 0.0, 1.0);
        let mut b = Buffers::default();
        post.removal_into(&x, &mut b);
        shift_into(&x, r.limit / STEP, post.at_limit, &mut b.released);
        let (rem, rel) = (b.removal, b.released);
        let removed: f64 = rem.iter().sum();
        let want = 0.5 * (1.0 - (-180.0f64 / 90.0).exp());
        assert!((removed - want).abs() < 2e-3, "{removed} vs {want}");
        assert!((removed + rel.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // Nothing is removed after the limit.
        let late: f64 = rem.iter().skip((181.0 / STEP) as usize).sum();
        assert!(late < 1e-9);
    }
}
