//! Quarterly reviews in expectation: the DES's rules (shared through [`crate::effort`],
//! as are details and deputations), with the random leadership multiplier of a rotation
//! replaced by its mean.

use crate::config::{Multiplier, Scenario};
use crate::date::Date;
use crate::effort::{quarter_starts, review_in_force, worst_offices};
use crate::leadership::{Leadership, Tenure};

/// Quarterly reviews: tallies since the last review and each office's leadership effect.
pub(crate) struct Reviews {
    /// Per office since the last review: (arrests, target, officer-days).
    tally: Vec<[f64; 3]>,
    days: u32,
}

/// The mean of a multiplier's distribution (truncated at 0 as the DES truncates draws).
pub(crate) fn mean_multiplier(m: &Multiplier) -> f64 {
    match *m {
        Multiplier::Normal { mean, sd } => {
            if sd <= 0.0 {
                return mean.max(0.0);
            }
            // E[max(0, X)] for X ~ N(mean, sd²).
            let z = mean / sd;
            mean * normal_cdf(z) + sd * (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
        }
        Multiplier::Uniform { lo, hi } => {
            if hi <= lo {
                return lo.max(0.0);
            }
            if lo >= 0.0 {
                (lo + hi) / 2.0
            } else if hi <= 0.0 {
                0.0
            } else {
                hi * hi / (2.0 * (hi - lo))
            }
        }
    }
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x).exp();
    let erf = if x >= 0.0 { y } else { -y };
    0.5 * (1.0 + erf)
}

impl Reviews {
    pub fn new(offices: usize) -> Reviews {
        Reviews { tally: vec![[0.0; 3]; offices], days: 0 }
    }

    /// True while reviews run on `date` (the day's arrests are then tallied).
    pub fn reviewing(sc: &Scenario, date: Date) -> bool {
        review_in_force(sc, date).is_some()
    }

    /// At the start of a measured day: review and rotate at quarter starts.
    /// A rotated office's new leadership is installed in `leadership`.
    pub fn start_of_day(&mut self, sc: &Scenario, date: Date, leadership: &mut Leadership) {
        if !quarter_starts(date) || self.days == 0 {
            return;
        }
        let Some((at, rotation)) = review_in_force(sc, date.plus(-1)) else { return };
        if at >= date {
            return;
        }
        if let Some(rule) = rotation {
            let effect = mean_multiplier(&rule.multiplier) - 1.0;
            for o in worst_offices(&self.tally, rule.bottom as usize) {
                leadership.install(o, Tenure::at_once(date, effect));
            }
        }
        self.tally.iter_mut().for_each(|t| *t = [0.0; 3]);
        self.days = 0;
    }

    /// Tallies one office-day.
    pub fn office_day(&mut self, o: usize, arrests: f64, target: f64, officer_days: f64) {
        let t = &mut self.tally[o];
        t[0] += arrests;
        t[1] += target;
        t[2] += officer_days;
    }

    /// Marks one tallied day.
    pub fn day_done(&mut self) {
        self.days += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplier_means_include_the_truncation_at_zero() {
        let m = mean_multiplier(&Multiplier::Normal { mean: 1.1, sd: 0.1 });
        assert!((m - 1.1).abs() < 1e-9);
        // E[max(0, N(0, 1))] = 1/√(2π).
        let m = mean_multiplier(&Multiplier::Normal { mean: 0.0, sd: 1.0 });
        assert!((m - 0.398_942_28).abs() < 1e-6);
        assert_eq!(mean_multiplier(&Multiplier::Uniform { lo: 0.8, hi: 1.2 }), 1.0);
        assert!((mean_multiplier(&Multiplier::Uniform { lo: -1.0, hi: 1.0 }) - 0.25).abs() < 1e-12);
    }
}
