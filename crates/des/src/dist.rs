//! Distributions: the parametric ones models need, by mean and coefficient of variation,
//! plus an empirical distribution built from data.
//!
//! Models describe delays by their *mean* and *spread*, because that is what published
//! figures give (an average length of stay, a median wait). [`Dist`] turns those into
//! rand_distr samplers once, up front, so sampling in the hot loop is a match and a draw.

use rand::Rng;
use rand_distr::{Distribution, Exp1, Gamma, LogNormal};

/// Why a distribution could not be built.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum DistError {
    /// A parameter was negative, zero where it must be positive, or not finite.
    BadParameter {
        /// The parameter's name.
        what: &'static str,
        /// The value given.
        value: f64,
        /// What would have been accepted.
        allowed: &'static str,
    },
    /// An empirical distribution needs at least one finite sample.
    NoData,
}

impl std::fmt::Display for DistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DistError::BadParameter { what, value, allowed } => {
                write!(f, "{what} = {value} is not allowed; it must be {allowed}")
            }
            DistError::NoData => write!(f, "an empirical distribution needs at least one sample"),
        }
    }
}

impl std::error::Error for DistError {}

/// A non-negative real distribution, ready to sample.
#[derive(Clone, Debug)]
pub enum Dist {
    /// Always the same value.
    Fixed(f64),
    /// Exponential with the given mean (coefficient of variation 1).
    Exponential {
        /// Mean.
        mean: f64,
    },
    /// Lognormal parameterised by its mean and coefficient of variation.
    LogNormal {
        /// Mean.
        mean: f64,
        /// Coefficient of variation (sd / mean).
        cv: f64,
        /// The sampler built from them.
        inner: LogNormal<f64>,
    },
    /// Gamma parameterised by its mean and coefficient of variation (Erlang when 1/cv² is
    /// an integer).
    Gamma {
        /// Mean.
        mean: f64,
        /// Coefficient of variation (sd / mean).
        cv: f64,
        /// The sampler built from them.
        inner: Gamma<f64>,
    },
    /// Uniform on `[lo, hi]`.
    Uniform {
        /// Lower bound.
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
    /// Resampled from data.
    Empirical(Empirical),
}

fn check(what: &'static str, value: f64, ok: bool, allowed: &'static str) -> Result<(), DistError> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(DistError::BadParameter { what, value, allowed })
    }
}

impl Dist {
    /// A constant.
    pub fn fixed(value: f64) -> Result<Dist, DistError> {
        check("value", value, value >= 0.0, "a finite number >= 0")?;
        Ok(Dist::Fixed(value))
    }

    /// Exponential with mean `mean`.
    pub fn exponential(mean: f64) -> Result<Dist, DistError> {
        check("mean", mean, mean > 0.0, "a finite number > 0")?;
        Ok(Dist::Exponential { mean })
    }

    /// Lognormal with mean `mean` and coefficient of variation `cv` (sd / mean).
    pub fn lognormal(mean: f64, cv: f64) -> Result<Dist, DistError> {
        check("mean", mean, mean > 0.0, "a finite number > 0")?;
        check("cv", cv, cv > 0.0, "a finite number > 0")?;
        let sigma2 = (1.0 + cv * cv).ln();
        let mu = mean.ln() - sigma2 / 2.0;
        let inner = LogNormal::new(mu, sigma2.sqrt()).map_err(|_| DistError::BadParameter {
            what: "cv",
            value: cv,
            allowed: "a finite number > 0",
        })?;
        Ok(Dist::LogNormal { mean, cv, inner })
    }

    /// Gamma with mean `mean` and coefficient of variation `cv`.
    pub fn gamma(mean: f64, cv: f64) -> Result<Dist, DistError> {
        check("mean", mean, mean > 0.0, "a finite number > 0")?;
        check("cv", cv, cv > 0.0, "a finite number > 0")?;
        let shape = 1.0 / (cv * cv);
        let inner = Gamma::new(shape, mean / shape).map_err(|_| DistError::BadParameter {
            what: "cv",
            value: cv,
            allowed: "a finite number > 0",
        })?;
        Ok(Dist::Gamma { mean, cv, inner })
    }

    /// Uniform between `lo` and `hi`.
    pub fn uniform(lo: f64, hi: f64) -> Result<Dist, DistError> {
        check("lo", lo, lo >= 0.0, "a finite number >= 0")?;
        check("hi", hi, hi >= lo, "a finite number >= lo")?;
        Ok(Dist::Uniform { lo, hi })
    }

    /// The distribution's mean (exact, not estimated).
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            Dist::Exponential { mean }
            | Dist::LogNormal { mean, .. }
            | Dist::Gamma { mean, .. } => *mean,
            Dist::Uniform { lo, hi } => (lo + hi) / 2.0,
            Dist::Empirical(e) => e.mean(),
        }
    }

    /// Draws one value.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            Dist::Exponential { mean } => {
                let e: f64 = Exp1.sample(rng);
                e * mean
            }
            Dist::LogNormal { inner, .. } => inner.sample(rng),
            Dist::Gamma { inner, .. } => inner.sample(rng),
            Dist::Uniform { lo, hi } => lo + (hi - lo) * unit(rng),
            Dist::Empirical(e) => e.sample(rng),
        }
    }
}

/// A uniform draw in [0, 1) with 53 bits of precision.
#[inline]
pub fn unit<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A distribution that reproduces observed data: with `interpolate`, a piecewise-linear
/// inverse CDF through the sorted samples (continuous, never outside the observed range);
/// without, a plain bootstrap (draws one of the samples).
#[derive(Clone, Debug)]
pub struct Empirical {
    sorted: Vec<f64>,
    interpolate: bool,
    mean: f64,
}

impl Empirical {
    /// Builds the distribution from observations; non-finite values are rejected.
    pub fn from_samples(samples: &[f64], interpolate: bool) -> Result<Empirical, DistError> {
        if samples.is_empty() {
            return Err(DistError::NoData);
        }
        for &x in samples {
            check("sample", x, true, "a finite number")?;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mean = if interpolate {
            // The mean of the piecewise-linear inverse CDF: trapezoids between order statistics.
            if sorted.len() == 1 {
                sorted[0]
            } else {
                sorted.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum::<f64>()
                    / (sorted.len() - 1) as f64
            }
        } else {
            sorted.iter().sum::<f64>() / sorted.len() as f64
        };
        Ok(Empirical { sorted, interpolate, mean })
    }

    /// The exact mean of the distribution as built.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Draws one value.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let n = self.sorted.len();
        let u = unit(rng);
        if !self.interpolate || n == 1 {
            return self.sorted[((u * n as f64) as usize).min(n - 1)];
        }
        let pos = u * (n - 1) as f64;
        let i = (pos as usize).min(n - 2);
        let frac = pos - i as f64;
        self.sorted[i] + frac * (self.sorted[i + 1] - self.sorted[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Streams;

    fn moments(d: &Dist, n: usize) -> (f64, f64) {
        let mut rng = Streams::new(7, 0).stream("dist-test");
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        (m, v.sqrt() / m)
    }

    #[test]
    fn parametric_distributions_have_the_requested_mean_and_cv() {
        for (d, cv) in [
            (Dist::exponential(2.0).unwrap(), 1.0),
            (Dist::lognormal(2.0, 1.5).unwrap(), 1.5),
            (Dist::gamma(2.0, 0.5).unwrap(), 0.5),
        ] {
            let (m, c) = moments(&d, 400_000);
            assert!((m - 2.0).abs() < 0.03, "{d:?}: mean {m}");
            // The lognormal's sample cv converges slowly (heavy tail): a wider band.
            assert!((c - cv).abs() < 0.08 * cv, "{d:?}: cv {c}");
            assert_eq!(d.mean(), 2.0);
        }
    }

    #[test]
    fn bad_parameters_are_errors_not_panics() {
        assert!(Dist::exponential(0.0).is_err());
        assert!(Dist::lognormal(1.0, f64::NAN).is_err());
        assert!(Dist::gamma(-1.0, 1.0).is_err());
        assert!(Dist::uniform(2.0, 1.0).is_err());
        assert_eq!(Empirical::from_samples(&[], true).unwrap_err(), DistError::NoData);
        assert!(Empirical::from_samples(&[1.0, f64::INFINITY], true).is_err());
    }

    #[test]
    fn empirical_reproduces_its_data() {
        let data = [1.0, 2.0, 2.0, 5.0, 10.0];
        let boot = Dist::Empirical(Empirical::from_samples(&data, false).unwrap());
        let (m, _) = moments(&boot, 200_000);
        assert!((m - 4.0).abs() < 0.05, "bootstrap mean {m}");
        let lin = Empirical::from_samples(&data, true).unwrap();
        let expected = (1.5 + 2.0 + 3.5 + 7.5) / 4.0;
        assert!((lin.mean() - expected).abs() < 1e-12);
        let (m, _) = moments(&Dist::Empirical(lin), 200_000);
        assert!((m - expected).abs() < 0.05, "interpolated mean {m}");
    }
}
