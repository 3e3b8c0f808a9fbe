//! Morris screening: elementary effects along one-at-a-time trajectories on a grid
//! (Morris 1991; μ* of Campolongo, Cariboni and Saltelli 2007).
//!
//! The grid has `p` levels per factor (`0, 1/(p−1), …, 1`) and the step is
//! Δ = p / (2(p − 1)). A trajectory starts at a grid point drawn uniformly and moves one
//! factor at a time, in a random order, by +Δ from the lower half of the levels and −Δ
//! from the upper half. Each move maps the uniform grid onto itself, so every row of a
//! trajectory is uniform on the grid: μ* estimates the mean over the grid of
//! |f(x ± Δe_i) − f(x)| / Δ, which [`exact_mu_star`] computes by enumeration for small
//! test functions. Rows are `r · (k + 1)`, trajectory by trajectory.

use des::rng::Streams;
use rand::RngExt;

use super::SensitivityError;

/// Grid levels used when the caller does not say (SALib's default).
pub const DEFAULT_LEVELS: usize = 4;

/// A Morris design: `trajectories` runs of `k + 1` rows.
#[derive(Clone, Debug, PartialEq)]
pub struct MorrisDesign {
    /// Factors.
    pub k: usize,
    /// Trajectories.
    pub trajectories: usize,
    /// Grid levels.
    pub levels: usize,
    /// Rows, flat: `trajectories · (k + 1)` rows of `k` values.
    values: Vec<f64>,
    /// For row `s ≥ 1` of each trajectory: the factor moved to reach it and the sign.
    moves: Vec<(usize, f64)>,
}

/// Elementary-effect statistics of one factor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MorrisIndex {
    /// Mean elementary effect (signed; effects of opposite sign cancel).
    pub mu: f64,
    /// Mean absolute elementary effect: the ranking measure.
    pub mu_star: f64,
    /// Standard deviation of the elementary effects (n − 1): non-linearity or interactions.
    pub sigma: f64,
}

impl MorrisDesign {
    /// Draws `trajectories` trajectories for `k` factors on a `levels`-level grid from
    /// the generator seeded by `seed`.
    pub fn new(
        k: usize,
        trajectories: usize,
        levels: usize,
        seed: u64,
    ) -> Result<MorrisDesign, SensitivityError> {
        if k == 0 {
            return Err(SensitivityError::NoFactors);
        }
        if trajectories < 2 {
            return Err(SensitivityError::TooFewSamples { asked: trajectories, min: 2 });
        }
        if levels < 2 || !levels.is_multiple_of(2) {
            return Err(SensitivityError::BadLevels(levels));
        }
        let top = (levels - 1) as f64;
        let jump = levels / 2;
        let mut rng = Streams::new(seed, 0).stream("morris-design");
        let mut values = Vec::with_capacity(trajectories * (k + 1) * k);
        let mut moves = Vec::with_capacity(trajectories * k);
        let mut level = vec![0usize; k];
        let mut order: Vec<usize> = (0..k).collect();
        for _ in 0..trajectories {
            for l in level.iter_mut() {
                *l = rng.random_range(0..levels);
            }
            // Fisher–Yates shuffle of the order in which factors move.
            for i in (1..k).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            values.extend(level.iter().map(|&l| l as f64 / top));
            for &i in &order {
                let up = level[i] < jump;
                level[i] = if up { level[i] + jump } else { level[i] - jump };
                moves.push((i, if up { 1.0 } else { -1.0 }));
                values.extend(level.iter().map(|&l| l as f64 / top));
            }
        }
        Ok(MorrisDesign { k, trajectories, levels, values, moves })
    }

    /// The step Δ in unit-cube coordinates.
    pub fn delta(&self) -> f64 {
        delta(self.levels)
    }

    /// Rows of the design.
    pub fn rows(&self) -> usize {
        self.trajectories * (self.k + 1)
    }

    /// Row `r`.
    pub fn row(&self, r: usize) -> &[f64] {
        &self.values[r * self.k..(r + 1) * self.k]
    }

    /// μ, μ* and σ of each factor from `outputs` (one per row, in row order), using the
    /// whole trajectories among them (a stopped study analyses those it finished).
    pub fn analyze(&self, outputs: &[f64]) -> Result<Vec<MorrisIndex>, SensitivityError> {
        let t = (outputs.len() / (self.k + 1)).min(self.trajectories);
        if t < 2 {
            return Err(SensitivityError::TooFewSamples { asked: t, min: 2 });
        }
        let mut effects = vec![Vec::with_capacity(t); self.k];
        for (tr, ys) in outputs.chunks_exact(self.k + 1).take(t).enumerate() {
            for s in 0..self.k {
                let (i, sign) = self.moves[tr * self.k + s];
                effects[i].push(sign * (ys[s + 1] - ys[s]) / self.delta());
            }
        }
        Ok(effects.iter().map(|e| summarise(e)).collect())
    }
}

fn delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels - 1) as f64)
}

fn summarise(e: &[f64]) -> MorrisIndex {
    let n = e.len() as f64;
    let mu = e.iter().sum::<f64>() / n;
    let mu_star = e.iter().map(|x| x.abs()).sum::<f64>() / n;
    let ss = e.iter().map(|x| (x - mu).powi(2)).sum::<f64>();
    MorrisIndex { mu, mu_star, sigma: (ss / (n - 1.0)).sqrt() }
}

/// The exact μ* of each input of `f` (of `k` inputs) for a `levels`-level design: the
/// mean of |f(x ± Δe_i) − f(x)| / Δ over every grid point (levels^k of them).
pub fn exact_mu_star(f: &dyn Fn(&[f64]) -> f64, k: usize, levels: usize) -> Vec<f64> {
    let top = (levels - 1) as f64;
    let jump = levels / 2;
    let points = levels.pow(k as u32);
    let mut sums = vec![0.0; k];
    let mut x = vec![0.0; k];
    for p in 0..points {
        let lv: Vec<usize> = (0..k).map(|i| p / levels.pow(i as u32) % levels).collect();
        for i in 0..k {
            x[i] = lv[i] as f64 / top;
        }
        let y = f(&x);
        for i in 0..k {
            let moved = if lv[i] < jump { lv[i] + jump } else { lv[i] - jump };
            let keep = x[i];
            x[i] = moved as f64 / top;
            sums[i] += (f(&x) - y).abs() / delta(levels);
            x[i] = keep;
        }
    }
    sums.iter().map(|s| s / points as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trajectories_move_one_factor_by_delta_on_the_grid() {
        let d = MorrisDesign::new(5, 10, 4, 9).unwrap();
        for t in 0..10 {
            for s in 0..5 {
                let (a, b) = (d.row(t * 6 + s), d.row(t * 6 + s + 1));
                let changed: Vec<usize> = (0..5).filter(|&i| a[i] != b[i]).collect();
                assert_eq!(changed.len(), 1);
                let (i, sign) = d.moves[t * 5 + s];
                assert_eq!(changed[0], i);
                assert!((b[i] - a[i] - sign * d.delta()).abs() < 1e-12);
                assert!(b.iter().all(|v| (0.0..=1.0).contains(v)));
            }
        }
    }

    #[test]
    fn a_linear_function_has_its_slopes_as_effects() {
        let d = MorrisDesign::new(3, 20, 4, 1).unwrap();
        let y: Vec<f64> =
            (0..d.rows()).map(|r| 3.0 * d.row(r)[0] - d.row(r)[1] + 0.0 * d.row(r)[2]).collect();
        let m = d.analyze(&y).unwrap();
        assert!((m[0].mu - 3.0).abs() < 1e-9 && m[0].sigma < 1e-9);
        assert!((m[1].mu + 1.0).abs() < 1e-9 && (m[1].mu_star - 1.0).abs() < 1e-9);
        assert_eq!(m[2].mu_star, 0.0);
    }

    #[test]
    fn odd_levels_and_one_trajectory_are_errors() {
        assert_eq!(MorrisDesign::new(2, 4, 3, 0), Err(SensitivityError::BadLevels(3)));
        assert!(matches!(
            MorrisDesign::new(2, 1, 4, 0),
            Err(SensitivityError::TooFewSamples { .. })
        ));
    }
}
