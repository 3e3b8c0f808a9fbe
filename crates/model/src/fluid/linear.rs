//! Linear compartment blocks stepped exactly over one day.
//!
//! A block is a small continuous-time Markov chain on `n` transient states with `m` exits
//! (a phase-type delay with competing risks). People enter at a constant rate through the
//! day (the uniform arrival times of the DES), carry their age (days since book-in), and
//! leave through the exits. Over one day the expected masses, the age sums (Σ ages, so
//! that mean lengths of stay come out exact), the exits and the population-time are all
//! linear in (start state, inflow), with coefficients from one matrix exponential of the
//! augmented generator. They are computed once per parameter set, so a daily step is a few
//! small matrix–vector products, done for every lane (office, or office × source) at once.

/// A dense square matrix, row-major.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mat {
    n: usize,
    a: Vec<f64>,
}

impl Mat {
    pub fn zeros(n: usize) -> Mat {
        Mat { n, a: vec![0.0; n * n] }
    }

    fn identity(n: usize) -> Mat {
        let mut m = Mat::zeros(n);
        for i in 0..n {
            m.a[i * n + i] = 1.0;
        }
        m
    }

    #[inline]
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.a[i * self.n + j]
    }

    #[inline]
    pub fn set(&mut self, i: usize, j: usize, x: f64) {
        self.a[i * self.n + j] = x;
    }

    fn mul(&self, o: &Mat) -> Mat {
        let n = self.n;
        let mut out = Mat::zeros(n);
        // Row by row as slices (no bounds checks, a vectorised inner loop): each
        // `out[i][j]` still adds `self[i][k] · o[k][j]` in increasing `k`.
        for (row, left) in out.a.chunks_exact_mut(n).zip(self.a.chunks_exact(n)) {
            for (&x, right) in left.iter().zip(o.a.chunks_exact(n)) {
                if x == 0.0 {
                    continue;
                }
                for (d, y) in row.iter_mut().zip(right) {
                    *d += x * y;
                }
            }
        }
        out
    }

    fn norm1(&self) -> f64 {
        (0..self.n)
            .map(|j| (0..self.n).map(|i| self.get(i, j).abs()).sum::<f64>())
            .fold(0.0, f64::max)
    }

    /// `e^self` by scaling and squaring with a Taylor series (the matrices here are small
    /// and their norms moderate; 18 terms after scaling to norm ≤ 1/2 are exact to
    /// rounding).
    pub fn expm(&self) -> Mat {
        let n = self.n;
        let norm = self.norm1();
        let mut squarings = 0;
        let mut scale = 1.0;
        while norm * scale > 0.5 {
            scale *= 0.5;
            squarings += 1;
        }
        let mut a = self.clone();
        a.a.iter_mut().for_each(|x| *x *= scale);
        let a = Sparse::of(&a);
        let mut sum = Mat::identity(n);
        let mut term = Mat::identity(n);
        for k in 1..=18 {
            term = a.mul_left(&term);
            let inv = 1.0 / k as f64;
            term.a.iter_mut().for_each(|x| *x *= inv);
            for (s, t) in sum.a.iter_mut().zip(&term.a) {
                *s += t;
            }
        }
        for _ in 0..squarings {
            sum = sum.mul(&sum);
        }
        sum
    }
}

/// A matrix by its nonzero entries, row by row: a generator has a few per row of the
/// augmented block's dozens, and the Taylor terms of [`Mat::expm`] multiply by it 18 times
/// (the squarings that follow multiply dense matrices and stay with [`Mat::mul`]).
struct Sparse {
    n: usize,
    /// `rows[k]`: the `(column, value)` pairs of row `k` with a nonzero value, in column order.
    rows: Vec<Vec<(usize, f64)>>,
}

impl Sparse {
    fn of(m: &Mat) -> Sparse {
        let n = m.n;
        let rows = (0..n)
            .map(|k| (0..n).map(|j| (j, m.get(k, j))).filter(|e| e.1 != 0.0).collect())
            .collect();
        Sparse { n, rows }
    }

    /// `left · self`, equal to the bit to `left.mul(self)` ([`Mat::mul`]): each `out[i][j]` adds the products
    /// `left[i][k] · self[k][j]` in increasing `k`; the terms left out are those with
    /// `self[k][j] = 0`, whose products are zeros, and adding a zero to a sum that started
    /// at `+0.0` changes nothing (such a sum of finite numbers is never `-0.0`).
    fn mul_left(&self, left: &Mat) -> Mat {
        let n = self.n;
        let mut out = Mat::zeros(n);
        // Rows as slices: no bounds checks on the rows of `left` and `out`.
        for (row, lrow) in out.a.chunks_exact_mut(n).zip(left.a.chunks_exact(n)) {
            for (&x, terms) in lrow.iter().zip(&self.rows) {
                if x == 0.0 {
                    continue;
                }
                for &(j, y) in terms {
                    row[j] += x * y;
                }
            }
        }
        out
    }
}

/// A phase-type chain with competing exits, as rates per day.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Chain {
    /// `moves[i][j]`: rate from state `i` to state `j` (diagonal ignored).
    pub moves: Vec<Vec<f64>>,
    /// `exits[k][i]`: rate from state `i` out through exit `k`.
    pub exits: Vec<Vec<f64>>,
}

impl Chain {
    pub fn states(&self) -> usize {
        self.moves.len()
    }
}

/// One day of a [`Chain`], precomputed. Inputs are the state masses `x`, their age sums `z`,
/// and the day's inflow `u` (mass per state, arriving uniformly) with its age sum at entry
/// `v`. Every map is row-major `(rows × n)`.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    n: usize,
    m: usize,
    xx: Vec<f64>,
    xu: Vec<f64>,
    zx: Vec<f64>,
    zz: Vec<f64>,
    zu: Vec<f64>,
    zv: Vec<f64>,
    ex: Vec<f64>,
    eu: Vec<f64>,
    gx: Vec<f64>,
    gz: Vec<f64>,
    gu: Vec<f64>,
    gv: Vec<f64>,
    ax: Vec<f64>,
    au: Vec<f64>,
    /// The multi-state step as one weighted sum per output row (see [`Terms`]): exits,
    /// exit ages, area, next masses, next age sums; inputs are the rows of `x` then `z`.
    step_rows: Vec<Terms>,
    /// [`Block::inflow`] likewise, on the rows of `u` then `v`.
    inflow_rows: Vec<Terms>,
}

/// One output row of a map as its nonzero `(coefficient, input row)` pairs, in the order the
/// row-by-row products add them, so that one pass over the lanes per output row (instead
/// of one per product) gives the same sums to the bit.
type Terms = Vec<(f64, usize)>;

/// The nonzero terms of row `r` of the `(rows × n)` maps `parts`, the `j`-th map reading
/// input rows `j·n ..`.
fn terms(parts: &[&[f64]], n: usize, r: usize) -> Terms {
    let mut t = Vec::new();
    for (j, map) in parts.iter().enumerate() {
        for c in 0..n {
            let w = map[r * n + c];
            if w != 0.0 {
                t.push((w, j * n + c));
            }
        }
    }
    t
}

/// Every output row of a step or inflow: `m` exits, `m` exit ages, the area, `n` masses and
/// `n` age sums, from maps on the first input (`x`/`u`) and on the second (`z`/`v`).
#[allow(clippy::too_many_arguments)]
fn all_terms(
    n: usize,
    m: usize,
    e: &[f64],
    g1: &[f64],
    g2: &[f64],
    a: &[f64],
    x: &[f64],
    z1: &[f64],
    z2: &[f64],
) -> Vec<Terms> {
    let none = vec![0.0; n.max(m) * n];
    let mut rows = Vec::with_capacity(2 * m + 1 + 2 * n);
    rows.extend((0..m).map(|k| terms(&[e], n, k)));
    rows.extend((0..m).map(|k| terms(&[g1, g2], n, k)));
    rows.push(terms(&[a], n, 0));
    rows.extend((0..n).map(|r| terms(&[x, &none], n, r)));
    rows.extend((0..n).map(|r| terms(&[z1, z2], n, r)));
    rows
}

/// `out[l] += Σ w · input[i][l]` over `terms`, the input rows being those of `first` then of
/// `second` (`lanes` wide), added in the order of `terms`; up to four terms per pass.
fn combine(out: &mut [f64], terms: &[(f64, usize)], first: &[f64], second: &[f64], lanes: usize) {
    let split = first.len() / lanes.max(1);
    if lanes == 1 {
        // One lane (the judge slots): a running sum over the terms in their order, which is
        // what the passes below add up (left to right, from the cell's value), without
        // their setup per chunk.
        let at = |i: usize| if i < split { first[i] } else { second[i - split] };
        out[0] = terms.iter().fold(out[0], |acc, &(w, i)| acc + w * at(i));
        return;
    }
    let row = |i: usize| {
        if i < split {
            &first[i * lanes..(i + 1) * lanes]
        } else {
            &second[(i - split) * lanes..(i - split + 1) * lanes]
        }
    };
    let out = &mut out[..lanes];
    for chunk in terms.chunks(4) {
        match *chunk {
            [(w0, i0)] => {
                for (o, a) in out.iter_mut().zip(row(i0)) {
                    *o += w0 * a;
                }
            }
            [(w0, i0), (w1, i1)] => {
                for ((o, a), b) in out.iter_mut().zip(row(i0)).zip(row(i1)) {
                    *o = *o + w0 * a + w1 * b;
                }
            }
            [(w0, i0), (w1, i1), (w2, i2)] => {
                let ins = row(i0).iter().zip(row(i1)).zip(row(i2));
                for (o, ((a, b), c)) in out.iter_mut().zip(ins) {
                    *o = *o + w0 * a + w1 * b + w2 * c;
                }
            }
            [(w0, i0), (w1, i1), (w2, i2), (w3, i3)] => {
                let ins = row(i0).iter().zip(row(i1)).zip(row(i2)).zip(row(i3));
                for (o, (((a, b), c), d)) in out.iter_mut().zip(ins) {
                    *o = *o + w0 * a + w1 * b + w2 * c + w3 * d;
                }
            }
            _ => unreachable!("chunks of one to four terms"),
        }
    }
}

/// A [`Block`]'s response to a unit inflow of one shape (see [`Block::entry`]).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    xu: Vec<f64>,
    zu: Vec<f64>,
    zv: Vec<f64>,
    eu: Vec<f64>,
    gu: Vec<f64>,
    gv: Vec<f64>,
    au: f64,
}

/// The state of one block in every lane: `x[i * lanes + l]`, `z` likewise.
#[derive(Clone, Debug)]
pub(crate) struct Lanes {
    pub lanes: usize,
    /// States per lane (kept rather than divided out on every read).
    states: usize,
    pub x: Vec<f64>,
    pub z: Vec<f64>,
    /// Scratch for the step (kept to avoid allocating every day).
    next_x: Vec<f64>,
    next_z: Vec<f64>,
}

impl Lanes {
    pub fn new(states: usize, lanes: usize) -> Lanes {
        let zeros = vec![0.0; states * lanes];
        Lanes {
            lanes,
            states,
            x: zeros.clone(),
            z: zeros.clone(),
            next_x: zeros.clone(),
            next_z: zeros,
        }
    }

    /// Mass of lane `l`, all states.
    pub fn mass(&self, l: usize) -> f64 {
        (0..self.states).map(|i| self.x[i * self.lanes + l]).sum()
    }

    /// Age sum of lane `l`, all states.
    pub fn age(&self, l: usize) -> f64 {
        (0..self.states).map(|i| self.z[i * self.lanes + l]).sum()
    }
}

/// What a step sends out, per lane: `exit[k * lanes + l]`, `exit_age` likewise, and the
/// population-time (person-days) spent in the block during the day.
#[derive(Clone, Debug)]
pub(crate) struct Flows {
    pub lanes: usize,
    pub exit: Vec<f64>,
    pub exit_age: Vec<f64>,
    pub area: Vec<f64>,
}

impl Flows {
    pub fn new(exits: usize, lanes: usize) -> Flows {
        Flows {
            lanes,
            exit: vec![0.0; exits * lanes],
            exit_age: vec![0.0; exits * lanes],
            area: vec![0.0; lanes],
        }
    }

    pub fn clear(&mut self) {
        self.exit.iter_mut().for_each(|x| *x = 0.0);
        self.exit_age.iter_mut().for_each(|x| *x = 0.0);
        self.area.iter_mut().for_each(|x| *x = 0.0);
    }

    #[cfg(test)]
    #[inline]
    pub fn exit(&self, k: usize, l: usize) -> f64 {
        self.exit[k * self.lanes + l]
    }

    #[cfg(test)]
    #[inline]
    pub fn exit_age(&self, k: usize, l: usize) -> f64 {
        self.exit_age[k * self.lanes + l]
    }

    /// Exit `k` of every lane.
    #[inline]
    pub fn exits(&self, k: usize) -> &[f64] {
        &self.exit[k * self.lanes..(k + 1) * self.lanes]
    }

    /// Exit ages of exit `k`, every lane.
    #[inline]
    pub fn exit_ages(&self, k: usize) -> &[f64] {
        &self.exit_age[k * self.lanes..(k + 1) * self.lanes]
    }
}

/// One row pair of [`Block::inflow_at`]: `x += cu·mass` and `z += zu·mass + zv·age`, lane
/// by lane, for `terms = (cu, zu, zv)`.
fn add_entry(x: &mut [f64], z: &mut [f64], terms: (f64, f64, f64), mass: &[f64], age: &[f64]) {
    let (cu, zu, zv) = terms;
    for (x, u) in x.iter_mut().zip(mass) {
        *x += cu * u;
    }
    for ((z, u), v) in z.iter_mut().zip(mass).zip(age) {
        *z += zu * u + zv * v;
    }
}

/// [`Block::step`] of a one-stage, one-exit block, lane by lane, for the coefficients
/// `(xx, zx, zz, ex, gx, gz, ax)`. A function of its own so that the rows are arguments
/// the compiler knows do not overlap: the loop then vectorises (lanes do not mix, so the
/// products and sums of each lane are those of a scalar loop).
fn step_one(
    k: [f64; 7],
    x: &mut [f64],
    z: &mut [f64],
    e: &mut [f64],
    g: &mut [f64],
    a: &mut [f64],
) {
    let [xx, zx, zz, ex, gx, gz, ax] = k;
    let l = x.len();
    let (z, e, g, a) = (&mut z[..l], &mut e[..l], &mut g[..l], &mut a[..l]);
    for i in 0..l {
        let (x0, z0) = (x[i], z[i]);
        e[i] += ex * x0;
        g[i] += gx * x0 + gz * z0;
        a[i] += ax * x0;
        x[i] = xx * x0;
        z[i] = zx * x0 + zz * z0;
    }
}

/// The coefficients of a two-stage, two-exit block's step (the hearings: Tijms' fit of
/// a cv from 1/√2 to 1, with decision and release) as dense rows over the inputs
/// `(x0, x1, z0, z1)`: exits and next masses read the masses only.
struct TwoByTwo {
    exit: [[f64; 2]; 2],
    exit_age: [[f64; 4]; 2],
    area: [f64; 2],
    x: [[f64; 2]; 2],
    z: [[f64; 4]; 2],
}

/// [`Block::step`] of a two-stage, two-exit block: every output of a lane in one pass
/// instead of one pass per output row ([`Block::add_rows`]), whose per-row overhead was
/// most of the docket's cost. Each output adds its terms in the order of its [`Terms`]
/// row, from the value it had (`0.0` for the next state, which `add_rows` zeroes first);
/// the terms `Terms` leaves out have zero coefficients, and adding their products (`±0`
/// for finite inputs) to a sum that started at `+0.0` or at a value changes nothing (such
/// a sum is never `−0.0`), so the results are those of `add_rows` to the bit. The rows
/// are arguments so that the loop vectorises, as in [`step_one`].
#[allow(clippy::too_many_arguments)]
fn step_two(
    k: &TwoByTwo,
    x0: &[f64],
    x1: &[f64],
    z0: &[f64],
    z1: &[f64],
    nx0: &mut [f64],
    nx1: &mut [f64],
    nz0: &mut [f64],
    nz1: &mut [f64],
    e0: &mut [f64],
    e1: &mut [f64],
    g0: &mut [f64],
    g1: &mut [f64],
    a: &mut [f64],
) {
    let l = a.len();
    let (x0, x1, z0, z1) = (&x0[..l], &x1[..l], &z0[..l], &z1[..l]);
    let (nx0, nx1, nz0, nz1) = (&mut nx0[..l], &mut nx1[..l], &mut nz0[..l], &mut nz1[..l]);
    let (e0, e1, g0, g1) = (&mut e0[..l], &mut e1[..l], &mut g0[..l], &mut g1[..l]);
    let TwoByTwo { exit: [ea, eb], exit_age: [ga, gb], area: ar, x: [xa, xb], z: [za, zb] } = *k;
    for i in 0..l {
        let (p, q, u, v) = (x0[i], x1[i], z0[i], z1[i]);
        e0[i] = e0[i] + ea[0] * p + ea[1] * q;
        e1[i] = e1[i] + eb[0] * p + eb[1] * q;
        g0[i] = g0[i] + ga[0] * p + ga[1] * q + ga[2] * u + ga[3] * v;
        g1[i] = g1[i] + gb[0] * p + gb[1] * q + gb[2] * u + gb[3] * v;
        a[i] = a[i] + ar[0] * p + ar[1] * q;
        nx0[i] = 0.0 + xa[0] * p + xa[1] * q;
        nx1[i] = 0.0 + xb[0] * p + xb[1] * q;
        nz0[i] = 0.0 + za[0] * p + za[1] * q + za[2] * u + za[3] * v;
        nz1[i] = 0.0 + zb[0] * p + zb[1] * q + zb[2] * u + zb[3] * v;
    }
}

/// [`Block::inflow`] of a one-stage, one-exit block for the coefficients
/// `(xu, zu, zv, eu, gu, gv, au)`: as [`step_one`], rows as arguments so that it vectorises.
#[allow(clippy::too_many_arguments)]
fn inflow_one(
    k: [f64; 7],
    x: &mut [f64],
    z: &mut [f64],
    e: &mut [f64],
    g: &mut [f64],
    a: &mut [f64],
    u: &[f64],
    v: &[f64],
) {
    let [xu, zu, zv, eu, gu, gv, au] = k;
    let l = x.len();
    let (z, e, g, a) = (&mut z[..l], &mut e[..l], &mut g[..l], &mut a[..l]);
    let (u, v) = (&u[..l], &v[..l]);
    for i in 0..l {
        let (ui, vi) = (u[i], v[i]);
        x[i] += xu * ui;
        z[i] += zu * ui;
        z[i] += zv * vi;
        e[i] += eu * ui;
        g[i] += gu * ui;
        g[i] += gv * vi;
        a[i] += au * ui;
    }
}

impl Block {
    /// Precomputes one day of `chain`.
    pub fn new(chain: &Chain) -> Block {
        let n = chain.states();
        let m = chain.exits.len();
        // Augmented state: x (n), z (n), e (m), g (m), a (1), u (n), v (n).
        let (ox, oz, oe, og, oa, ou, ov) =
            (0, n, 2 * n, 2 * n + m, 2 * n + 2 * m, 2 * n + 2 * m + 1, 3 * n + 2 * m + 1);
        let dim = 4 * n + 2 * m + 1;
        let mut g = Mat::zeros(dim);
        for i in 0..n {
            let mut out = 0.0;
            for j in 0..n {
                if i != j {
                    let r = chain.moves[i][j];
                    out += r;
                    g.set(ox + j, ox + i, g.get(ox + j, ox + i) + r);
                    g.set(oz + j, oz + i, g.get(oz + j, oz + i) + r);
                }
            }
            for (k, e) in chain.exits.iter().enumerate() {
                out += e[i];
                g.set(oe + k, ox + i, e[i]);
                g.set(og + k, oz + i, e[i]);
            }
            g.set(ox + i, ox + i, -out);
            g.set(oz + i, oz + i, -out);
            // Everyone ages one day per day.
            g.set(oz + i, ox + i, 1.0);
            g.set(oa, ox + i, 1.0);
            // Inflow at constant rate.
            g.set(ox + i, ou + i, 1.0);
            g.set(oz + i, ov + i, 1.0);
        }
        let e = g.expm();
        let take = |row0: usize, rows: usize, col0: usize| {
            let mut v = vec![0.0; rows * n];
            for r in 0..rows {
                for c in 0..n {
                    v[r * n + c] = e.get(row0 + r, col0 + c);
                }
            }
            v
        };
        let mut b = Block {
            n,
            m,
            xx: take(ox, n, ox),
            xu: take(ox, n, ou),
            zx: take(oz, n, ox),
            zz: take(oz, n, oz),
            zu: take(oz, n, ou),
            zv: take(oz, n, ov),
            ex: take(oe, m, ox),
            eu: take(oe, m, ou),
            gx: take(og, m, ox),
            gz: take(og, m, oz),
            gu: take(og, m, ou),
            gv: take(og, m, ov),
            ax: take(oa, 1, ox),
            au: take(oa, 1, ou),
            step_rows: Vec::new(),
            inflow_rows: Vec::new(),
        };
        b.step_rows = all_terms(n, m, &b.ex, &b.gx, &b.gz, &b.ax, &b.xx, &b.zx, &b.zz);
        b.inflow_rows = all_terms(n, m, &b.eu, &b.gu, &b.gv, &b.au, &b.xu, &b.zu, &b.zv);
        b
    }

    /// Adds the multi-state rows `rows` (see [`all_terms`]) of inputs `first`, `second` to
    /// the exits, exit ages and area in `flows` and to the states `x`, `z`.
    #[allow(clippy::too_many_arguments)]
    fn add_rows(
        &self,
        rows: &[Terms],
        first: &[f64],
        second: &[f64],
        l: usize,
        flows: &mut Flows,
        x: &mut [f64],
        z: &mut [f64],
    ) {
        let (n, m) = (self.n, self.m);
        let (exits, rest) = rows.split_at(m);
        let (exit_ages, rest) = rest.split_at(m);
        let (area, rest) = rest.split_at(1);
        let (xs, zs) = rest.split_at(n);
        for (k, t) in exits.iter().enumerate() {
            combine(&mut flows.exit[k * l..], t, first, second, l);
        }
        for (k, t) in exit_ages.iter().enumerate() {
            combine(&mut flows.exit_age[k * l..], t, first, second, l);
        }
        combine(&mut flows.area, &area[0], first, second, l);
        for (r, t) in xs.iter().enumerate() {
            combine(&mut x[r * l..], t, first, second, l);
        }
        for (r, t) in zs.iter().enumerate() {
            combine(&mut z[r * l..], t, first, second, l);
        }
    }

    pub fn states(&self) -> usize {
        self.n
    }

    /// Advances the people already in the block by one day (no inflow), adding their exits
    /// and population-time to `flows`.
    pub fn step(&self, s: &mut Lanes, flows: &mut Flows) {
        let (n, m, l) = (self.n, self.m, s.lanes);
        if n == 1 && m == 1 {
            // One stage, one exit (documents, voluntary departure): one fused pass.
            let k = [
                self.xx[0], self.zx[0], self.zz[0], self.ex[0], self.gx[0], self.gz[0], self.ax[0],
            ];
            let (e, g, a) = (&mut flows.exit[..l], &mut flows.exit_age[..l], &mut flows.area[..l]);
            step_one(k, &mut s.x[..l], &mut s.z[..l], e, g, a);
            return;
        }
        if n == 2 && m == 2 {
            self.step_two(s, flows);
            return;
        }
        s.next_x.iter_mut().for_each(|v| *v = 0.0);
        s.next_z.iter_mut().for_each(|v| *v = 0.0);
        self.add_rows(&self.step_rows, &s.x, &s.z, l, flows, &mut s.next_x, &mut s.next_z);
        std::mem::swap(&mut s.x, &mut s.next_x);
        std::mem::swap(&mut s.z, &mut s.next_z);
    }

    /// [`Block::step`] of a two-stage, two-exit block through [`step_two`].
    fn step_two(&self, s: &mut Lanes, flows: &mut Flows) {
        let l = s.lanes;
        let two = |m: &[f64], r: usize| [m[2 * r], m[2 * r + 1]];
        let four =
            |p: &[f64], q: &[f64], r: usize| [p[2 * r], p[2 * r + 1], q[2 * r], q[2 * r + 1]];
        let k = TwoByTwo {
            exit: [two(&self.ex, 0), two(&self.ex, 1)],
            exit_age: [four(&self.gx, &self.gz, 0), four(&self.gx, &self.gz, 1)],
            area: two(&self.ax, 0),
            x: [two(&self.xx, 0), two(&self.xx, 1)],
            z: [four(&self.zx, &self.zz, 0), four(&self.zx, &self.zz, 1)],
        };
        let (x0, x1) = s.x[..2 * l].split_at(l);
        let (z0, z1) = s.z[..2 * l].split_at(l);
        let (nx0, nx1) = s.next_x[..2 * l].split_at_mut(l);
        let (nz0, nz1) = s.next_z[..2 * l].split_at_mut(l);
        let (e0, e1) = flows.exit[..2 * l].split_at_mut(l);
        let (g0, g1) = flows.exit_age[..2 * l].split_at_mut(l);
        step_two(&k, x0, x1, z0, z1, nx0, nx1, nz0, nz1, e0, e1, g0, g1, &mut flows.area[..l]);
        std::mem::swap(&mut s.x, &mut s.next_x);
        std::mem::swap(&mut s.z, &mut s.next_z);
    }

    /// The response to a unit inflow entering with distribution `start` over the states:
    /// [`Block::inflow`] for inflows of that shape in `n + 1`-th of the work (hearings all
    /// start in the same few stages).
    pub fn entry(&self, start: &[f64]) -> Entry {
        let n = self.n;
        let times = |map: &[f64], rows: usize| -> Vec<f64> {
            (0..rows).map(|r| (0..n).map(|c| map[r * n + c] * start[c]).sum()).collect()
        };
        Entry {
            xu: times(&self.xu, n),
            zu: times(&self.zu, n),
            zv: times(&self.zv, n),
            eu: times(&self.eu, self.m),
            gu: times(&self.gu, self.m),
            gv: times(&self.gv, self.m),
            au: times(&self.au, 1)[0],
        }
    }

    /// [`Block::inflow`] of `mass[l]` people per lane (age sum `age[l]` at entry), entering
    /// with the distribution `entry` was made for.
    pub fn inflow_at(
        &self,
        entry: &Entry,
        s: &mut Lanes,
        mass: &[f64],
        age: &[f64],
        flows: &mut Flows,
    ) {
        let l = s.lanes;
        let (mass, age) = (&mass[..l], &age[..l]);
        let rows = |i: usize| i * l..(i + 1) * l;
        for i in 0..self.n {
            let terms = (entry.xu[i], entry.zu[i], entry.zv[i]);
            add_entry(&mut s.x[rows(i)], &mut s.z[rows(i)], terms, mass, age);
        }
        for k in 0..self.m {
            let terms = (entry.eu[k], entry.gu[k], entry.gv[k]);
            add_entry(&mut flows.exit[rows(k)], &mut flows.exit_age[rows(k)], terms, mass, age);
        }
        for (a, u) in flows.area[..l].iter_mut().zip(mass) {
            *a += entry.au * u;
        }
    }

    /// Adds the response to one day's inflow `u` (mass per state and lane, arriving
    /// uniformly through the day) with age sum `v` at entry.
    pub fn inflow(&self, s: &mut Lanes, u: &[f64], v: &[f64], flows: &mut Flows) {
        let (n, m, l) = (self.n, self.m, s.lanes);
        if n == 1 && m == 1 {
            // One stage, one exit: one fused pass, the same products and sums as below.
            let k = [
                self.xu[0], self.zu[0], self.zv[0], self.eu[0], self.gu[0], self.gv[0], self.au[0],
            ];
            let (e, g, a) = (&mut flows.exit[..l], &mut flows.exit_age[..l], &mut flows.area[..l]);
            inflow_one(k, &mut s.x[..l], &mut s.z[..l], e, g, a, &u[..l], &v[..l]);
            return;
        }
        self.add_rows(&self.inflow_rows, &u[..n * l], &v[..n * l], l, flows, &mut s.x, &mut s.z);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp_chain(rate: f64) -> Chain {
        Chain { moves: vec![vec![0.0]], exits: vec![vec![rate]] }
    }

    /// The sparse product skips only zero entries of the right factor, so it is the dense
    /// product to the bit, negative entries, signed zeros and rounding included.
    #[test]
    fn the_sparse_product_is_the_dense_one_to_the_bit() {
        let n = 7;
        let (mut left, mut right) = (Mat::zeros(n), Mat::zeros(n));
        for i in 0..n {
            for j in 0..n {
                // Irrational-ish values of both signs, a third of each matrix zero.
                let x = ((i * 7 + j * 3) as f64).sin() / 3.0;
                left.set(i, j, if (i + j) % 3 == 0 { 0.0 } else { x });
                let y = ((i * 5 + j * 11) as f64).cos() * 1.7;
                right.set(i, j, if (i * j) % 3 == 1 { 0.0 } else { y });
            }
        }
        right.set(2, 3, -0.0);
        let bits = |m: &Mat| m.a.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&Sparse::of(&right).mul_left(&left)), bits(&left.mul(&right)));
        assert_eq!(bits(&Sparse::of(&left).mul_left(&left)), bits(&left.mul(&left)));
    }

    /// A one-lane block (the judge slots) takes the scalar path of `combine`; lanes do not
    /// mix, so it must give lane 0 of the same block run with more lanes, to the bit.
    #[test]
    fn one_lane_is_lane_zero_of_many_to_the_bit() {
        let chain = Chain {
            moves: vec![vec![0.0, 0.4, 0.1], vec![0.0, 0.0, 0.7], vec![0.0, 0.0, 0.0]],
            exits: vec![vec![0.05, 0.1, 0.6], vec![0.02, 0.0, 0.3]],
        };
        let b = Block::new(&chain);
        let (mut one, mut many) = (Lanes::new(3, 1), Lanes::new(3, 5));
        let (mut f1, mut f5) = (Flows::new(2, 1), Flows::new(2, 5));
        let (x, z) = ([3.1, 7.3, 0.7], [30.3, 21.9, 1.3]);
        for i in 0..3 {
            one.x[i] = x[i];
            one.z[i] = z[i];
            for l in 0..5 {
                many.x[i * 5 + l] = x[i] * (l + 1) as f64;
                many.z[i * 5 + l] = z[i] * (l + 1) as f64;
            }
        }
        let (u, v) = ([1.7, 0.3, 0.0], [2.9, 0.1, 0.0]);
        let spread = |a: &[f64]| -> Vec<f64> {
            a.iter().flat_map(|x| (0..5).map(move |l| x * (l + 1) as f64)).collect()
        };
        for _ in 0..3 {
            b.step(&mut one, &mut f1);
            b.step(&mut many, &mut f5);
            b.inflow(&mut one, &u, &v, &mut f1);
            b.inflow(&mut many, &spread(&u), &spread(&v), &mut f5);
        }
        let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
        let lane0 = |v: &[f64], rows: usize| (0..rows).map(|r| v[r * 5]).collect::<Vec<_>>();
        assert_eq!(bits(one.x.clone()), bits(lane0(&many.x, 3)));
        assert_eq!(bits(one.z.clone()), bits(lane0(&many.z, 3)));
        assert_eq!(bits(f1.exit.clone()), bits(lane0(&f5.exit, 2)));
        assert_eq!(bits(f1.exit_age.clone()), bits(lane0(&f5.exit_age, 2)));
        assert_eq!(bits(f1.area.clone()), bits(lane0(&f5.area, 1)));
    }

    /// The fused two-stage, two-exit step is the row-by-row one to the bit: a Tijms chain
    /// (one move, so zero coefficients the rows leave out) and a hyperexponential (no
    /// moves), with flows that already hold values and lanes holding nothing.
    #[test]
    fn two_stage_step_is_the_row_by_row_step_to_the_bit() {
        let chains = [
            Chain {
                moves: vec![vec![0.0, 0.031], vec![0.0, 0.0]],
                exits: vec![vec![0.0049, 0.0222], vec![0.004, 0.004]],
            },
            Chain {
                moves: vec![vec![0.0; 2]; 2],
                exits: vec![vec![0.013, 0.07], vec![0.0003, 0.0003]],
            },
        ];
        for chain in chains {
            let b = Block::new(&chain);
            let lanes = 7;
            let mut s = Lanes::new(2, lanes);
            for i in 0..2 * lanes {
                let v = if i % lanes == 3 { 0.0 } else { (i as f64 * 1.37).sin().abs() * 40.0 };
                s.x[i] = v;
                s.z[i] = v * (12.0 + i as f64);
            }
            let mut f = Flows::new(2, lanes);
            for (i, x) in f.exit.iter_mut().chain(&mut f.exit_age).chain(&mut f.area).enumerate() {
                *x = if i % 3 == 0 { 0.0 } else { (i as f64).cos().abs() };
            }
            let (mut rows, mut rows_f) = (s.clone(), f.clone());
            for _ in 0..3 {
                b.step(&mut s, &mut f);
                rows.next_x.iter_mut().for_each(|v| *v = 0.0);
                rows.next_z.iter_mut().for_each(|v| *v = 0.0);
                let (x, z) = (rows.x.clone(), rows.z.clone());
                let (nx, nz) = (&mut rows.next_x, &mut rows.next_z);
                b.add_rows(&b.step_rows, &x, &z, lanes, &mut rows_f, nx, nz);
                std::mem::swap(&mut rows.x, &mut rows.next_x);
                std::mem::swap(&mut rows.z, &mut rows.next_z);
            }
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&s.x), bits(&rows.x));
            assert_eq!(bits(&s.z), bits(&rows.z));
            assert_eq!(bits(&f.exit), bits(&rows_f.exit));
            assert_eq!(bits(&f.exit_age), bits(&rows_f.exit_age));
            assert_eq!(bits(&f.area), bits(&rows_f.area));
        }
    }

    #[test]
    fn expm_of_a_diagonal_and_a_nilpotent_matrix() {
        let mut m = Mat::zeros(2);
        m.set(0, 0, -3.0);
        m.set(1, 1, 2.0);
        let e = m.expm();
        assert!((e.get(0, 0) - (-3.0f64).exp()).abs() < 1e-13);
        assert!((e.get(1, 1) - 2.0f64.exp()).abs() < 1e-12);
        let mut n = Mat::zeros(2);
        n.set(0, 1, 5.0);
        let e = n.expm();
        assert!((e.get(0, 1) - 5.0).abs() < 1e-13 && (e.get(0, 0) - 1.0).abs() < 1e-14);
    }

    #[test]
    fn one_exponential_stage_matches_closed_forms() {
        let r = 0.3;
        let b = Block::new(&exp_chain(r));
        let mut s = Lanes::new(1, 2);
        s.x = vec![10.0, 0.0];
        s.z = vec![50.0, 0.0];
        let mut f = Flows::new(1, 2);
        b.step(&mut s, &mut f);
        let q = (-r).exp();
        assert!((s.x[0] - 10.0 * q).abs() < 1e-12);
        // Ages: (z + x·t) e^{-rt}.
        assert!((s.z[0] - (50.0 + 10.0) * q).abs() < 1e-12);
        assert!((f.exit(0, 0) - 10.0 * (1.0 - q)).abs() < 1e-12);
        // Exit ages: z(1 − e^{-r}) + x (1 − e^{-r}(1 + r)) / r.
        let want = 50.0 * (1.0 - q) + 10.0 * (1.0 - q * (1.0 + r)) / r;
        assert!((f.exit_age(0, 0) - want).abs() < 1e-12);
        // Uniform inflow of 4 people aged 2.
        b.inflow(&mut s, &[0.0, 4.0], &[0.0, 8.0], &mut f);
        let stay = (1.0 - q) / r;
        assert!((s.x[1] - 4.0 * stay).abs() < 1e-12);
        assert!((f.exit(0, 1) - 4.0 * (1.0 - stay)).abs() < 1e-12);
        // Population-time: ∫ x dt.
        assert!((f.area[0] - 10.0 * (1.0 - q) / r).abs() < 1e-12);
    }

    #[test]
    fn age_sums_balance_population_time() {
        // d(Σ ages)/dt = population − ages leaving: over a day, Δz + exit ages = area + v.
        let chain = Chain {
            moves: vec![vec![0.0, 0.2], vec![0.0, 0.0]],
            exits: vec![vec![0.05, 0.1], vec![0.0, 0.3]],
        };
        let b = Block::new(&chain);
        let mut s = Lanes::new(2, 1);
        s.x = vec![3.0, 7.0];
        s.z = vec![30.0, 20.0];
        let z0: f64 = s.z.iter().sum();
        let mut f = Flows::new(2, 1);
        b.step(&mut s, &mut f);
        b.inflow(&mut s, &[2.0, 1.0], &[1.0, 0.5], &mut f);
        let z1: f64 = s.z.iter().sum();
        let exit_age: f64 = f.exit_age.iter().sum();
        assert!((z1 - z0 + exit_age - f.area[0] - 1.5).abs() < 1e-12);
        // Mass balance.
        let x1: f64 = s.x.iter().sum();
        let out: f64 = f.exit.iter().sum();
        assert!((x1 + out - 13.0).abs() < 1e-12);
    }
}
