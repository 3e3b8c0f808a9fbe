//! Test functions with known Sobol indices, for checking the estimators (as SALib ships
//! them): Ishigami–Homma and Sobol's G function. Inputs are points of the unit cube.

use std::f64::consts::PI;

/// A function of the unit cube with its exact first-order and total indices.
pub trait TestFunction: Sync {
    /// Short name, as `--check` takes it.
    fn name(&self) -> &'static str;
    /// Number of inputs.
    fn dims(&self) -> usize;
    /// The value at `u` (each coordinate in [0, 1]).
    fn eval(&self, u: &[f64]) -> f64;
    /// Exact (S1, ST) of each input.
    fn exact(&self) -> Vec<(f64, f64)>;
}

/// Ishigami–Homma: `sin x1 + a sin² x2 + b x3⁴ sin x1`, x uniform on [−π, π]³, with
/// the usual a = 7, b = 0.1 (Ishigami and Homma 1990; indices from Sobol' and Levitan
/// 1999 / SALib's test_functions.Ishigami).
#[derive(Clone, Copy, Debug)]
pub struct Ishigami {
    /// Weight of the x2 term.
    pub a: f64,
    /// Weight of the x1·x3 interaction.
    pub b: f64,
}

impl Default for Ishigami {
    fn default() -> Self {
        Ishigami { a: 7.0, b: 0.1 }
    }
}

impl TestFunction for Ishigami {
    fn name(&self) -> &'static str {
        "ishigami"
    }

    fn dims(&self) -> usize {
        3
    }

    fn eval(&self, u: &[f64]) -> f64 {
        let x: Vec<f64> = u.iter().map(|v| -PI + 2.0 * PI * v).collect();
        x[0].sin() + self.a * x[1].sin().powi(2) + self.b * x[2].powi(4) * x[0].sin()
    }

    fn exact(&self) -> Vec<(f64, f64)> {
        let (a, b) = (self.a, self.b);
        let pi4 = PI.powi(4);
        let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = b * b * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
        let v = v1 + v2 + v13;
        vec![(v1 / v, (v1 + v13) / v), (v2 / v, v2 / v), (0.0, v13 / v)]
    }
}

/// Sobol's G function `Π (|4u_i − 2| + a_i) / (1 + a_i)`: the smaller a_i, the more
/// input i matters (Saltelli et al. 2010, section 4).
#[derive(Clone, Debug)]
pub struct SobolG {
    /// One coefficient per input, each ≥ 0.
    pub a: Vec<f64>,
}

impl Default for SobolG {
    /// The six-input G of the issue and of SALib's examples: a = [0, 1, 4.5, 9, 99, 99].
    fn default() -> Self {
        SobolG { a: vec![0.0, 1.0, 4.5, 9.0, 99.0, 99.0] }
    }
}

impl TestFunction for SobolG {
    fn name(&self) -> &'static str {
        "sobol-g"
    }

    fn dims(&self) -> usize {
        self.a.len()
    }

    fn eval(&self, u: &[f64]) -> f64 {
        u.iter().zip(&self.a).map(|(x, a)| ((4.0 * x - 2.0).abs() + a) / (1.0 + a)).product()
    }

    fn exact(&self) -> Vec<(f64, f64)> {
        let vi: Vec<f64> = self.a.iter().map(|a| 1.0 / (3.0 * (1.0 + a).powi(2))).collect();
        let all: f64 = vi.iter().map(|v| 1.0 + v).product();
        let v = all - 1.0;
        vi.iter().map(|x| (x / v, x * all / (1.0 + x) / v)).collect()
    }
}

/// The test function called `name` (`ishigami`, `sobol-g`).
pub fn test_function(name: &str) -> Option<Box<dyn TestFunction>> {
    match name {
        "ishigami" => Some(Box::new(Ishigami::default())),
        "sobol-g" | "sobol_g" | "g" => Some(Box::new(SobolG::default())),
        _ => None,
    }
}

/// Names [`test_function`] knows.
pub const TEST_FUNCTIONS: &[&str] = &["ishigami", "sobol-g"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ishigami_indices_are_the_published_ones() {
        // Published: S1 = [0.3139, 0.4424, 0], ST = [0.5576, 0.4424, 0.2437].
        let e = Ishigami::default().exact();
        let want = [(0.3139, 0.5576), (0.4424, 0.4424), (0.0, 0.2437)];
        for (g, w) in e.iter().zip(want) {
            assert!((g.0 - w.0).abs() < 1e-4 && (g.1 - w.1).abs() < 1e-4, "{g:?} vs {w:?}");
        }
    }

    #[test]
    fn sobol_g_of_one_input_is_all_first_order() {
        let g = SobolG { a: vec![2.0] };
        let (s1, st) = g.exact()[0];
        assert!((s1 - 1.0).abs() < 1e-12 && (st - 1.0).abs() < 1e-12);
        // The mean of G is 1 whatever a is: a midpoint rule over many cells.
        let n = 100_000;
        let mean: f64 = (0..n).map(|i| g.eval(&[(i as f64 + 0.5) / n as f64])).sum::<f64>();
        assert!((mean / n as f64 - 1.0).abs() < 1e-9);
    }
}
