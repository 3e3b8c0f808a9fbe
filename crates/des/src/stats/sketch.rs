//! [`QuantileSketch`]: percentiles of positive values to a fixed relative accuracy, in bounded
//! memory (a DDSketch, Masson, Rim and Lee, VLDB 2019).

use std::fmt;

/// Why two sketches could not be merged.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SketchError {
    /// The sketches were built with different relative accuracies, so their buckets do not
    /// line up. Not fatal: both sketches are unchanged; build them with the same `alpha`.
    AlphaMismatch {
        /// Relative accuracy of the sketch being merged into.
        ours: f64,
        /// Relative accuracy of the sketch being merged from.
        theirs: f64,
    },
}

impl fmt::Display for SketchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SketchError::AlphaMismatch { ours, theirs } => write!(
                f,
                "cannot merge a sketch with alpha = {theirs} into one with alpha = {ours}; \
                 build both with the same alpha"
            ),
        }
    }
}

impl std::error::Error for SketchError {}

/// A log-bucketed histogram of positive values (waiting times, lengths of stay) that answers
/// quantile queries within a relative error `alpha` of the exact sample quantile.
///
/// Bucket `k` holds values in `(γᵏ⁻¹, γᵏ]` with `γ = (1 + α) / (1 − α)`, and a query answers
/// with the point of its bucket that is within `α` of every value in it. Memory therefore
/// grows with the logarithm of the *range* of values (about `ln(max / min) / (2α)` buckets,
/// ~350 for values spanning 1 to 1000 at `α = 0.01`), not with their count, and two sketches
/// merge exactly by adding bucket counts. Buckets live in a `Vec` indexed by key offset, so
/// results never depend on hash iteration order.
///
/// Values at or below [`QuantileSketch::ZERO_THRESHOLD`] (including zero, negatives and NaN)
/// are counted in a zero bucket and reported as `0.0`; a zero wait is a real and common
/// outcome, while sub-threshold positive values are below any resolution a model cares about.
/// Infinite values are counted as `f64::MAX`. Quantiles come out in the unit the values went
/// in.
#[derive(Clone, Debug)]
pub struct QuantileSketch {
    alpha: f64,
    gamma: f64,
    /// `1 / ln γ`, so that a key costs one `ln` and one multiply.
    inv_ln_gamma: f64,
    /// Count per key, `bins[i]` holding key `offset + i`.
    bins: Vec<u64>,
    offset: i32,
    zero_count: u64,
    count: u64,
    /// Exact extremes of the non-zero values, used to keep estimates inside the data.
    min: f64,
    max: f64,
}

impl Default for QuantileSketch {
    /// A sketch with relative accuracy 1 %.
    fn default() -> Self {
        QuantileSketch::new(0.01)
    }
}

impl QuantileSketch {
    /// Values at or below this are counted as zero. Small enough to resolve a millisecond in
    /// units of years, large enough that the key range (and so memory) stays bounded.
    pub const ZERO_THRESHOLD: f64 = 1e-9;

    /// An empty sketch whose quantiles are within relative error `alpha` (e.g. `0.01` for 1 %).
    ///
    /// # Panics
    ///
    /// If `alpha` is not strictly between 0 and 1; that is a programming error, not data.
    pub fn new(alpha: f64) -> QuantileSketch {
        assert!(alpha > 0.0 && alpha < 1.0, "QuantileSketch alpha must be in (0, 1), got {alpha}");
        let gamma = (1.0 + alpha) / (1.0 - alpha);
        QuantileSketch {
            alpha,
            gamma,
            inv_ln_gamma: 1.0 / gamma.ln(),
            bins: Vec::new(),
            offset: 0,
            zero_count: 0,
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// The relative accuracy this sketch was built with.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Number of values added (including those counted as zero).
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Records one value.
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.count += 1;
        if x.is_nan() || x <= Self::ZERO_THRESHOLD {
            self.zero_count += 1;
            return;
        }
        let x = x.min(f64::MAX);
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let key = self.key(x);
        *self.bin_mut(key) += 1;
    }

    /// Records the value `x` `n` times (for weighted input, e.g. an expected distribution
    /// rounded to whole counts). Same as calling [`QuantileSketch::add`] `n` times.
    pub fn add_n(&mut self, x: f64, n: u64) {
        if n == 0 {
            return;
        }
        self.count += n;
        if x.is_nan() || x <= Self::ZERO_THRESHOLD {
            self.zero_count += n;
            return;
        }
        let x = x.min(f64::MAX);
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let key = self.key(x);
        *self.bin_mut(key) += n;
    }

    /// The `q`-quantile: the value of rank `⌊q · (n − 1)⌋` (0-based) among the sorted values,
    /// to within relative error `alpha` (no interpolation between neighbours). `q` is clamped
    /// to `[0, 1]`, so `quantile(0.0)` and `quantile(1.0)` are the minimum and maximum.
    /// `None` when the sketch is empty or `q` is NaN.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 || q.is_nan() {
            return None;
        }
        let rank = (q.clamp(0.0, 1.0) * (self.count - 1) as f64).floor() as u64;
        if rank < self.zero_count {
            return Some(0.0);
        }
        let mut seen = self.zero_count;
        for (i, &c) in self.bins.iter().enumerate() {
            seen += c;
            if seen > rank {
                let key = self.offset + i as i32;
                // The bucket midpoint in relative terms, kept inside the observed range:
                // the true value lies in [min, max], so clamping only moves towards it.
                let estimate = 2.0 * self.gamma.powi(key) / (self.gamma + 1.0);
                return Some(estimate.clamp(self.min, self.max));
            }
        }
        unreachable!("bucket counts sum to count")
    }

    /// Adds every value of `other` to `self`, as if they had been added here.
    ///
    /// Fails, leaving both unchanged, if the sketches have different `alpha`.
    pub fn merge(&mut self, other: &QuantileSketch) -> Result<(), SketchError> {
        if self.gamma.to_bits() != other.gamma.to_bits() {
            return Err(SketchError::AlphaMismatch { ours: self.alpha, theirs: other.alpha });
        }
        if !other.bins.is_empty() {
            // Touch both ends first so the Vec grows at most once per side.
            self.bin_mut(other.offset);
            self.bin_mut(other.offset + other.bins.len() as i32 - 1);
            let start = (other.offset - self.offset) as usize;
            for (mine, theirs) in self.bins[start..].iter_mut().zip(&other.bins) {
                *mine += theirs;
            }
        }
        self.zero_count += other.zero_count;
        self.count += other.count;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        Ok(())
    }

    /// The bucket key of a positive, finite value: `⌈log_γ x⌉`.
    #[inline]
    fn key(&self, x: f64) -> i32 {
        (x.ln() * self.inv_ln_gamma).ceil() as i32
    }

    /// The counter for `key`, growing the bucket range to include it.
    fn bin_mut(&mut self, key: i32) -> &mut u64 {
        if self.bins.is_empty() {
            self.offset = key;
            self.bins.push(0);
        } else if key < self.offset {
            let extra = (self.offset - key) as usize;
            self.bins.splice(0..0, std::iter::repeat_n(0, extra));
            self.offset = key;
        } else if key >= self.offset + self.bins.len() as i32 {
            self.bins.resize((key - self.offset) as usize + 1, 0);
        }
        &mut self.bins[(key - self.offset) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::{Distribution, LogNormal};
    use rand_xoshiro::Xoshiro256PlusPlus;

    fn lognormal_samples(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let d = LogNormal::new(1.0, 1.5).unwrap();
        (0..n).map(|_| d.sample(&mut rng)).collect()
    }

    fn exact(sorted: &[f64], q: f64) -> f64 {
        sorted[(q * (sorted.len() - 1) as f64).floor() as usize]
    }

    const QS: [f64; 14] =
        [0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0];

    #[test]
    fn lognormal_quantiles_are_within_alpha() {
        let xs = lognormal_samples(100_000, 7);
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        for alpha in [0.01, 0.05] {
            let mut s = QuantileSketch::new(alpha);
            xs.iter().for_each(|&x| s.add(x));
            assert_eq!(s.count(), 100_000);
            for q in QS {
                let (got, want) = (s.quantile(q).unwrap(), exact(&sorted, q));
                let rel = (got - want).abs() / want;
                assert!(rel <= alpha * (1.0 + 1e-9), "alpha {alpha} q {q}: {got} vs {want}");
            }
        }
        // Also at every percentile, where a bucket edge (instead of the midpoint) would
        // exceed alpha somewhere.
        let mut s = QuantileSketch::new(0.01);
        xs.iter().for_each(|&x| s.add(x));
        for p in 0..=100 {
            let q = p as f64 / 100.0;
            let (got, want) = (s.quantile(q).unwrap(), exact(&sorted, q));
            assert!((got - want).abs() <= 0.01 * want * (1.0 + 1e-9), "q {q}: {got} vs {want}");
        }
    }

    #[test]
    fn rank_is_floor_of_q_times_n_minus_one() {
        let mut s = QuantileSketch::new(0.001);
        (1..=10).for_each(|i| s.add(i as f64));
        // Rank ⌊0.5 · 9⌋ = 4 is the value 5; rank ⌊q · n⌋ would give 6.
        let median = s.quantile(0.5).unwrap();
        assert!((median - 5.0).abs() <= 0.005, "{median}");
        let p90 = s.quantile(0.9).unwrap();
        assert!((p90 - 9.0).abs() <= 0.009, "{p90}");
        assert_eq!(s.quantile(-1.0), s.quantile(0.0));
        assert_eq!(s.quantile(0.0), Some(1.0));
        assert_eq!(s.quantile(7.0), Some(10.0));
    }

    #[test]
    fn zero_negative_and_nan_go_to_the_zero_bucket() {
        let mut s = QuantileSketch::default();
        for x in [0.0, -2.0, f64::NAN, 1e-12, 5.0] {
            s.add(x);
        }
        assert_eq!(s.count(), 5);
        assert_eq!(s.quantile(0.0), Some(0.0));
        assert_eq!(s.quantile(0.75), Some(0.0)); // rank 3: the fourth of five is still zero
        assert_eq!(s.quantile(1.0), Some(5.0));
        assert_eq!(s.bins.iter().sum::<u64>(), 1);
        s.add(f64::INFINITY);
        assert_eq!(s.quantile(1.0), Some(f64::MAX));
    }

    #[test]
    fn add_n_equals_adding_n_times() {
        let mut a = QuantileSketch::default();
        let mut b = QuantileSketch::default();
        for (x, n) in [(3.5, 4), (0.0, 2), (120.0, 7), (0.7, 0), (f64::NAN, 1)] {
            a.add_n(x, n);
            (0..n).for_each(|_| b.add(x));
        }
        assert_eq!(a.count(), 14);
        assert_eq!(a.count(), b.count());
        for q in QS {
            assert_eq!(a.quantile(q), b.quantile(q), "q {q}");
        }
    }

    #[test]
    fn empty_or_nan_query_gives_none() {
        let mut s = QuantileSketch::default();
        assert_eq!(s.quantile(0.5), None);
        s.add(1.0);
        assert_eq!(s.quantile(f64::NAN), None);
        assert!(s.quantile(0.5).is_some());
    }

    #[test]
    fn merge_equals_one_sketch_of_everything() {
        let xs = lognormal_samples(20_000, 11);
        let mut whole = QuantileSketch::default();
        xs.iter().for_each(|&x| whole.add(x));
        // Split so the halves cover different key ranges: small values vs large ones.
        let (mut lo, mut hi) = (QuantileSketch::default(), QuantileSketch::default());
        for &x in &xs {
            if x < 3.0 { lo.add(x) } else { hi.add(x) }
        }
        hi.add(0.0);
        whole.add(0.0);
        let mut a = hi.clone();
        a.merge(&lo).unwrap();
        let mut b = lo.clone();
        b.merge(&hi).unwrap();
        for m in [&a, &b] {
            assert_eq!(m.count(), whole.count());
            for q in QS {
                assert_eq!(m.quantile(q), whole.quantile(q), "q {q}");
            }
        }
        let mut e = QuantileSketch::default();
        e.merge(&QuantileSketch::default()).unwrap();
        assert_eq!(e.count(), 0);
    }

    #[test]
    fn merge_refuses_a_different_alpha_and_changes_nothing() {
        let mut a = QuantileSketch::new(0.01);
        a.add(2.0);
        let mut b = QuantileSketch::new(0.02);
        b.add(3.0);
        let err = a.merge(&b).unwrap_err();
        assert_eq!(err, SketchError::AlphaMismatch { ours: 0.01, theirs: 0.02 });
        assert!(err.to_string().contains("same alpha"));
        assert_eq!(a.count(), 1);
    }

    #[test]
    fn memory_depends_on_range_not_count() {
        let mut s = QuantileSketch::new(0.01);
        let mut x: f64 = 1.0;
        for _ in 0..1_000_000 {
            // A deterministic walk over [1, 1000).
            x = 1.0 + (x * 7.31 + 0.123) % 999.0;
            s.add(x);
        }
        // ln(1000) / ln(γ) ≈ 345.4 keys.
        assert!(s.bins.len() <= 347, "{} buckets", s.bins.len());
        assert_eq!(s.count(), 1_000_000);
    }
}
