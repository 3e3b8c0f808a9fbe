//! [`Tally`]: running mean and variance of observations, without storing them.

/// Mean, sample variance, minimum, maximum and sum of a stream of `f64` observations.
///
/// Uses Welford's update, so the variance stays accurate when the observations are large and
/// close together (the textbook `Σx² − n·mean²` loses every significant digit there). Two
/// tallies built on separate threads or replications combine exactly with [`Tally::merge`].
///
/// Outputs are in the unit of the observations (variance in that unit squared). An empty
/// tally reports `0.0` for every statistic rather than NaN, so that a report over a quiet
/// period prints zeros instead of poisoning later arithmetic; check [`Tally::n`] when "no
/// data" must be told apart from "all zeros".
#[derive(Clone, Debug)]
pub struct Tally {
    n: u64,
    mean: f64,
    /// Sum of squared deviations from the current mean.
    m2: f64,
    min: f64,
    max: f64,
    sum: f64,
}

impl Default for Tally {
    fn default() -> Self {
        Tally::new()
    }
}

impl Tally {
    /// An empty tally.
    pub fn new() -> Tally {
        Tally { n: 0, mean: 0.0, m2: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY, sum: 0.0 }
    }

    /// Records one observation.
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
        self.sum += x;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
    }

    /// Number of observations recorded.
    #[inline]
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Arithmetic mean; `0.0` when empty.
    #[inline]
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Sample variance (divisor `n − 1`, unbiased for independent observations); `0.0` with
    /// fewer than two observations.
    #[inline]
    pub fn variance(&self) -> f64 {
        if self.n < 2 { 0.0 } else { self.m2 / (self.n - 1) as f64 }
    }

    /// Sample standard deviation, the square root of [`Tally::variance`].
    #[inline]
    pub fn sd(&self) -> f64 {
        self.variance().sqrt()
    }

    /// Smallest observation; `0.0` when empty.
    #[inline]
    pub fn min(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.min }
    }

    /// Largest observation; `0.0` when empty.
    #[inline]
    pub fn max(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.max }
    }

    /// Sum of all observations, accumulated directly (not `n · mean`) so totals stay exact
    /// for integer-valued observations below 2⁵³.
    #[inline]
    pub fn sum(&self) -> f64 {
        self.sum
    }

    /// Adds every observation of `other` to `self`, as if they had been recorded here.
    ///
    /// Uses the pairwise combination of Chan, Golub and LeVeque (1979), so merging the
    /// tallies of parallel replications gives the same statistics, up to floating-point
    /// rounding, whatever the order of merging.
    pub fn merge(&mut self, other: &Tally) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = other.clone();
            return;
        }
        let na = self.n as f64;
        let nb = other.n as f64;
        let n = na + nb;
        let delta = other.mean - self.mean;
        self.mean += delta * (nb / n);
        self.m2 += other.m2 + delta * delta * (na * nb / n);
        self.n += other.n;
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// Forgets every observation, e.g. at the end of a warm-up period.
    pub fn reset(&mut self) {
        *self = Tally::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn known_values_use_the_sample_variance() {
        let mut t = Tally::new();
        for x in [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0] {
            t.add(x);
        }
        assert_eq!(t.n(), 8);
        assert_eq!(t.mean(), 5.0);
        // Population variance is 4; the sample variance divides by n − 1 = 7.
        assert!(close(t.variance(), 32.0 / 7.0, 1e-14), "{}", t.variance());
        assert!(close(t.sd(), (32.0f64 / 7.0).sqrt(), 1e-14));
        assert_eq!((t.min(), t.max(), t.sum()), (2.0, 9.0, 40.0));
    }

    #[test]
    fn empty_and_single_observation_give_zeros_not_nan() {
        let t = Tally::default();
        assert_eq!((t.n(), t.mean(), t.variance(), t.sd()), (0, 0.0, 0.0, 0.0));
        assert_eq!((t.min(), t.max(), t.sum()), (0.0, 0.0, 0.0));
        let mut t = Tally::new();
        t.add(-3.5);
        assert_eq!((t.mean(), t.variance(), t.min(), t.max()), (-3.5, 0.0, -3.5, -3.5));
    }

    #[test]
    fn variance_survives_a_large_offset() {
        // Σx² − n·mean² would lose every digit here: x² ≈ 1e18, spacing of f64 there ≈ 128.
        let mut t = Tally::new();
        for d in [4.0, 7.0, 13.0, 16.0] {
            t.add(1e9 + d);
        }
        assert!(close(t.mean(), 1e9 + 10.0, 1e-15));
        assert!(close(t.variance(), 30.0, 1e-9), "{}", t.variance());
    }

    #[test]
    fn merge_matches_one_pass_in_any_order() {
        // A cheap deterministic spread of values with a non-zero mean.
        let xs: Vec<f64> = (0..1000).map(|i| ((i * 7919) % 1009) as f64 * 0.37 + 50.0).collect();
        let mut whole = Tally::new();
        xs.iter().for_each(|&x| whole.add(x));

        let parts: Vec<Tally> = xs
            .chunks(137)
            .map(|c| {
                let mut t = Tally::new();
                c.iter().for_each(|&x| t.add(x));
                t
            })
            .collect();
        let mut fwd = Tally::new();
        parts.iter().for_each(|p| fwd.merge(p));
        let mut rev = Tally::new();
        parts.iter().rev().for_each(|p| rev.merge(p));

        for m in [&fwd, &rev] {
            assert_eq!(m.n(), whole.n());
            assert!(close(m.mean(), whole.mean(), 1e-12));
            assert!(close(m.variance(), whole.variance(), 1e-12), "{}", m.variance());
            assert!(close(m.sum(), whole.sum(), 1e-12));
            assert_eq!((m.min(), m.max()), (whole.min(), whole.max()));
        }
    }

    #[test]
    fn merging_with_empty_is_identity_and_reset_empties() {
        let mut a = Tally::new();
        [1.0, 2.0, 6.0].iter().for_each(|&x| a.add(x));
        let mut b = Tally::new();
        b.merge(&a);
        a.merge(&Tally::new());
        for t in [&a, &b] {
            assert_eq!((t.n(), t.mean(), t.variance(), t.min(), t.max()), (3, 3.0, 7.0, 1.0, 6.0));
        }
        a.reset();
        assert_eq!((a.n(), a.mean(), a.max()), (0, 0.0, 0.0));
    }
}
