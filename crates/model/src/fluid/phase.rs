//! Phase-type stand-ins for the DES's Gamma-distributed hearing durations.
//!
//! A Gamma duration is not a finite chain of exponential stages, so the fluid uses the
//! nearest one of Tijms' family (a mixture of Erlang(k−1) and Erlang(k) with a common
//! rate; a two-branch hyperexponential when the coefficient of variation exceeds 1).
//!
//! Two fits: [`fit_moments`] matches the mean and variance (used for the judge slots, whose
//! occupancy is all that matters there); [`fit_with_hazard`] matches, for a case that also
//! faces a constant discretionary-release hazard `h`, the two numbers the flows depend on:
//! the chance of reaching a decision `E[e^{-hD}]` and its first moment `E[D e^{-hD}]`. With
//! those exact, the expected decisions, releases, days in court and the timing of orders
//! are exact, whatever the shape in between.

use super::linear::Chain;

/// A phase-type duration: the chain (exit 0 = completion) and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PhaseType {
    /// Initial distribution over the stages.
    pub start: Vec<f64>,
    /// Stages and their completion rates (exit 0).
    pub chain: Chain,
}

impl PhaseType {
    /// Mean duration, days.
    #[cfg(test)]
    pub fn mean(&self) -> f64 {
        -self.transform_derivative(0.0)
    }

    /// `E[e^{-h D}]`.
    #[cfg(test)]
    pub fn transform(&self, h: f64) -> f64 {
        self.transform_pair(h).0
    }

    /// `d/dh E[e^{-hD}] = -E[D e^{-hD}]`.
    #[cfg(test)]
    pub fn transform_derivative(&self, h: f64) -> f64 {
        -self.transform_pair(h).1
    }

    /// (`E[e^{-hD}]`, `E[D e^{-hD}]`) by solving the chain's linear equations (stages are
    /// in feed-forward order except for the hyperexponential, which has no moves at all).
    #[cfg(test)]
    fn transform_pair(&self, h: f64) -> (f64, f64) {
        let n = self.chain.states();
        // p[i] = E[e^{-hT_i}], q[i] = E[T_i e^{-hT_i}] from stage i; solve backwards.
        let mut p = vec![0.0; n];
        let mut q = vec![0.0; n];
        for i in (0..n).rev() {
            let done = self.chain.exits[0][i];
            let moves: f64 = (0..n).filter(|&j| j != i).map(|j| self.chain.moves[i][j]).sum();
            let total = done + moves + h;
            let mut pi = done / total;
            let mut qi = done / (total * total);
            for j in i + 1..n {
                let r = self.chain.moves[i][j];
                if r > 0.0 {
                    pi += r / total * p[j];
                    qi += r / total * (q[j] + p[j] / total);
                }
            }
            p[i] = pi;
            q[i] = qi;
        }
        let lt = self.start.iter().zip(&p).map(|(a, b)| a * b).sum();
        let m1 = self.start.iter().zip(&q).map(|(a, b)| a * b).sum();
        (lt, m1)
    }
}

/// Most stages used; below cv ≈ 0.18 the duration is treated as Erlang(30).
const MAX_STAGES: usize = 30;

/// Tijms' mixture: with probability `p` Erlang(k−1, μ), else Erlang(k, μ).
fn tijms(k: usize, p: f64, mu: f64) -> PhaseType {
    let mut moves = vec![vec![0.0; k]; k];
    let mut done = vec![0.0; k];
    for i in 0..k - 1 {
        if i + 1 == k - 1 {
            moves[i][i + 1] = (1.0 - p) * mu;
            done[i] = p * mu;
        } else {
            moves[i][i + 1] = mu;
        }
    }
    done[k - 1] = mu;
    let mut start = vec![0.0; k];
    start[0] = 1.0;
    PhaseType { start, chain: Chain { moves, exits: vec![done] } }
}

fn exponential(mean: f64) -> PhaseType {
    PhaseType {
        start: vec![1.0],
        chain: Chain { moves: vec![vec![0.0]], exits: vec![vec![1.0 / mean]] },
    }
}

/// Stages of Tijms' fit for squared coefficient of variation `cv2 < 1`.
fn stages(cv2: f64) -> usize {
    ((1.0 / cv2).ceil() as usize).clamp(2, MAX_STAGES)
}

/// The phase-type with the given mean (days) and coefficient of variation.
pub(crate) fn fit_moments(mean: f64, cv: f64) -> PhaseType {
    let mean = mean.max(1e-6);
    let cv2 = (cv * cv).max(1.0 / MAX_STAGES as f64);
    if (cv2 - 1.0).abs() < 1e-9 {
        return exponential(mean);
    }
    if cv2 > 1.0 {
        // Balanced-means hyperexponential.
        let p = 0.5 * (1.0 + ((cv2 - 1.0) / (cv2 + 1.0)).sqrt());
        let (m1, m2) = (2.0 * p / mean, 2.0 * (1.0 - p) / mean);
        return PhaseType {
            start: vec![p, 1.0 - p],
            chain: Chain { moves: vec![vec![0.0; 2]; 2], exits: vec![vec![m1, m2]] },
        };
    }
    let k = stages(cv2);
    let kf = k as f64;
    let disc = (kf * (1.0 + cv2) - kf * kf * cv2).max(0.0);
    let p = ((kf * cv2 - disc.sqrt()) / (1.0 + cv2)).clamp(0.0, 1.0);
    tijms(k, p, (kf - p) / mean)
}

/// A phase-type that, for a case facing a release hazard `hazard` per day, gives the same
/// chance of a decision and the same first moment of decision times as Gamma(mean, cv).
/// Falls back to [`fit_moments`] when there is no hazard or no member of the family fits.
pub(crate) fn fit_with_hazard(mean: f64, cv: f64, hazard: f64) -> PhaseType {
    let moments = fit_moments(mean, cv);
    let mean = mean.max(1e-6);
    let cv2 = (cv * cv).max(1.0 / MAX_STAGES as f64);
    if hazard * mean < 1e-6 || cv2 >= 1.0 {
        return moments;
    }
    let shape = 1.0 / cv2;
    let scale = mean * cv2;
    let base = 1.0 + hazard * scale;
    let lt = base.powf(-shape);
    let m1 = shape * scale * base.powf(-shape - 1.0);
    let k0 = stages(cv2);
    for k in [k0, k0 + 1, k0.saturating_sub(1)] {
        if !(2..=MAX_STAGES).contains(&k) {
            continue;
        }
        if let Some(fit) = solve_tijms(k, hazard, lt, m1) {
            return fit;
        }
    }
    moments
}

/// Tijms' member with `k` stages whose transform and first moment at `h` are `lt`, `m1`.
fn solve_tijms(k: usize, h: f64, lt: f64, m1: f64) -> Option<PhaseType> {
    let kf = k as f64;
    // With a = μ/(μ+h): transform = p a^{k-1} + (1-p) a^k, so p ∈ [0, 1] needs
    // a ∈ [lt^{1/(k-1)}, lt^{1/k}].
    let (lo, hi) = (lt.powf(1.0 / (kf - 1.0)), lt.powf(1.0 / kf));
    let p_at = |a: f64| {
        let (ak1, ak) = (a.powf(kf - 1.0), a.powf(kf));
        if (ak1 - ak).abs() < 1e-300 { 0.0 } else { ((lt - ak) / (ak1 - ak)).clamp(0.0, 1.0) }
    };
    let residual = |a: f64| {
        let p = p_at(a);
        let mu_h = h / (1.0 - a); // μ + h
        p * (kf - 1.0) * a.powf(kf - 1.0) / mu_h + (1.0 - p) * kf * a.powf(kf) / mu_h - m1
    };
    let (mut a0, mut a1) = (lo, hi);
    let (r0, r1) = (residual(a0), residual(a1));
    if !(r0.is_finite() && r1.is_finite()) || r0.signum() == r1.signum() {
        return None;
    }
    // Up to 200 halvings, but a step is a function of (a0, a1) alone: once one leaves them
    // as they were (the interval is down to neighbouring floats), so would all the rest,
    // and stopping there gives the same bits (≈ 55 steps instead of 200).
    for _ in 0..200 {
        let before = (a0, a1);
        let mid = 0.5 * (a0 + a1);
        if residual(mid).signum() == r0.signum() {
            a0 = mid;
        } else {
            a1 = mid;
        }
        if (a0, a1) == before {
            break;
        }
    }
    let a = 0.5 * (a0 + a1);
    let mu = h * a / (1.0 - a);
    (mu.is_finite() && mu > 0.0).then(|| tijms(k, p_at(a), mu))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variance(ph: &PhaseType) -> f64 {
        // Second moment by finite differences of the transform at 0.
        let e = 1e-4;
        let m2 = (ph.transform(e) - 2.0 * ph.transform(0.0) + ph.transform(-e)) / (e * e);
        m2 - ph.mean() * ph.mean()
    }

    #[test]
    fn moment_fits_have_the_mean_and_variance() {
        for (mean, cv) in [(90.0, 0.8), (40.0, 0.6), (110.0, 0.3), (10.0, 1.0), (30.0, 1.7)] {
            let ph = fit_moments(mean, cv);
            assert!((ph.mean() - mean).abs() < 1e-6 * mean, "mean {mean} cv {cv}: {}", ph.mean());
            let var = variance(&ph);
            let want = (cv * mean) * (cv * mean);
            assert!((var - want).abs() < 1e-3 * want, "mean {mean} cv {cv}: var {var} vs {want}");
        }
    }

    #[test]
    fn hazard_fits_match_the_gamma_where_it_matters() {
        for (mean, cv, h) in
            [(90.0, 0.8, 0.018), (110.0, 0.8, 0.002), (40.0, 0.6, 0.02), (60.0, 0.5, 0.05)]
        {
            let ph = fit_with_hazard(mean, cv, h);
            let (shape, scale) = (1.0 / (cv * cv), mean * cv * cv);
            let lt = (1.0 + h * scale).powf(-shape);
            let m1 = shape * scale * (1.0 + h * scale).powf(-shape - 1.0);
            assert!((ph.transform(h) - lt).abs() < 1e-9, "{mean} {cv} {h}");
            assert!((-ph.transform_derivative(h) - m1).abs() < 1e-7 * m1, "{mean} {cv} {h}");
            // The moment fit alone misses the decision probability by a visible margin
            // for the FY2024 no-record hazard.
            if h == 0.018 {
                let plain = fit_moments(mean, cv).transform(h);
                assert!((plain - lt).abs() > 0.003, "{plain} vs {lt}");
            }
        }
    }
}
