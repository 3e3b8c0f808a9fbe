//! [`Summary`]: one output across independent replications, with a Student-t confidence
//! interval.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// The `p`-quantile of Student's t distribution with `df` degrees of freedom, e.g.
/// `student_t_quantile(0.975, 9) ≈ 2.262157` for a two-sided 95 % interval from 10
/// replications.
///
/// # Panics
///
/// If `df` is not a positive finite number or `p` is outside `[0, 1]`.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    assert!(df > 0.0 && df.is_finite(), "degrees of freedom must be positive and finite, got {df}");
    assert!((0.0..=1.0).contains(&p), "probability must be in [0, 1], got {p}");
    StudentsT::new(0.0, 1.0, df).expect("df checked above").inverse_cdf(p)
}

/// Mean, spread and confidence interval of one output (say, mean wait in days) over
/// independent replications of a run.
///
/// Replications are independent by construction, so their means are the one place a plain
/// t interval is valid; within-run observations are autocorrelated and must not be
/// summarised this way. Every field is in the unit of the values.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Number of replications.
    pub n: usize,
    /// Sample mean; `0.0` when `n = 0`.
    pub mean: f64,
    /// Sample standard deviation (divisor `n − 1`); `0.0` when `n < 2`.
    pub sd: f64,
    /// Confidence level of `ci`: 0.95 from [`Summary::of`], otherwise the level given to
    /// [`Summary::with_level`].
    pub level: f64,
    /// Two-sided Student-t confidence interval for the true mean, `mean ∓ t · sd / √n` with
    /// `n − 1` degrees of freedom, at confidence `level` (95 % unless built with
    /// [`Summary::with_level`]). With fewer than two replications there is no spread to go
    /// on, so the interval is `(mean, mean)`: a zero width there means "unknown", not
    /// "certain" — check `n`.
    pub ci: (f64, f64),
}

impl Summary {
    /// Summarises `values` with a two-sided 95 % confidence interval.
    pub fn of(values: &[f64]) -> Summary {
        Summary::with_level(values, 0.95)
    }

    /// Summarises `values` with a two-sided confidence interval at `level` (e.g. `0.99`).
    ///
    /// # Panics
    ///
    /// If `level` is not strictly between 0 and 1.
    pub fn with_level(values: &[f64], level: f64) -> Summary {
        assert!(level > 0.0 && level < 1.0, "confidence level must be in (0, 1), got {level}");
        let n = values.len();
        if n == 0 {
            return Summary { n, mean: 0.0, sd: 0.0, level, ci: (0.0, 0.0) };
        }
        // Two passes: exact enough for a few thousand replications and free of cancellation.
        let mean = values.iter().sum::<f64>() / n as f64;
        if n < 2 {
            return Summary { n, mean, sd: 0.0, level, ci: (mean, mean) };
        }
        let ss: f64 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
        let sd = (ss / (n - 1) as f64).sqrt();
        let t = student_t_quantile(0.5 + level / 2.0, (n - 1) as f64);
        let half = t * sd / (n as f64).sqrt();
        Summary { n, mean, sd, level, ci: (mean - half, mean + half) }
    }

    /// Half the width of the confidence interval: the "±" in "mean ± half-width".
    pub fn half_width(&self) -> f64 {
        (self.ci.1 - self.ci.0) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::{Distribution, Normal};
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn t_quantiles_match_tables() {
        for (p, df, want) in [
            (0.975, 9.0, 2.262157),
            (0.975, 29.0, 2.045230),
            (0.995, 9.0, 3.249836),
            (0.95, 1.0, 6.313752),
            (0.025, 9.0, -2.262157),
        ] {
            let got = student_t_quantile(p, df);
            assert!((got - want).abs() < 1e-5, "t({p}, {df}) = {got}, want {want}");
        }
    }

    #[test]
    fn one_to_ten_known_interval() {
        let xs: Vec<f64> = (1..=10).map(f64::from).collect();
        let s = Summary::of(&xs);
        assert_eq!(s.n, 10);
        assert_eq!(s.mean, 5.5);
        // Sample variance 82.5 / 9; with n instead of n − 1 the sd would be 2.8723.
        assert!((s.sd - 3.027650).abs() < 1e-6, "{}", s.sd);
        // 2.262157 × 3.027650 / √10 = 2.165852; the normal 1.96 would give 1.876.
        assert!((s.half_width() - 2.165852).abs() < 1e-5, "{}", s.half_width());
        assert!((s.ci.0 - (5.5 - 2.165852)).abs() < 1e-5);
        assert!((s.ci.1 - (5.5 + 2.165852)).abs() < 1e-5);
        let wide = Summary::with_level(&xs, 0.99);
        assert_eq!(wide.level, 0.99);
        // 3.249836 × 3.027650 / √10
        assert!((wide.half_width() - 3.111481).abs() < 1e-5, "{}", wide.half_width());
    }

    #[test]
    fn fewer_than_two_values_give_a_degenerate_interval() {
        let s = Summary::of(&[]);
        assert_eq!((s.n, s.mean, s.sd, s.ci), (0, 0.0, 0.0, (0.0, 0.0)));
        let s = Summary::of(&[4.25]);
        assert_eq!((s.n, s.mean, s.sd, s.ci), (1, 4.25, 0.0, (4.25, 4.25)));
        assert_eq!(s.half_width(), 0.0);
    }

    #[test]
    fn ci95_covers_the_true_mean_about_95_percent_of_the_time() {
        // With n = 10 the normal quantile 1.96 instead of t(0.975, 9) would cover only
        // ~91.8 %, well outside the band below.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(2024);
        let normal = Normal::new(3.0, 2.0).unwrap();
        let sets = 2_000;
        let covered = (0..sets)
            .filter(|_| {
                let xs: Vec<f64> = (0..10).map(|_| normal.sample(&mut rng)).collect();
                let s = Summary::of(&xs);
                s.ci.0 <= 3.0 && 3.0 <= s.ci.1
            })
            .count();
        let rate = covered as f64 / sets as f64;
        assert!((0.935..=0.965).contains(&rate), "coverage {rate}");
    }

    #[test]
    #[should_panic(expected = "confidence level")]
    fn a_level_of_95_not_095_is_refused() {
        let _ = Summary::with_level(&[1.0, 2.0], 95.0);
    }
}
