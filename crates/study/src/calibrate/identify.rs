//! What the data pin down: the Gauss–Newton Hessian of the loss at the optimum, from a
//! central-difference Jacobian of the weighted log residuals, and what it says — flat
//! directions (small eigenvalues), strongly correlated pairs (pseudo-inverse), values at
//! a range bound.

use model::Scenario;

use super::{Loss, Space};
use crate::targets::Targets;

/// Step of the central differences, in unit-cube coordinates.
const STEP: f64 = 0.02;
/// An eigenvalue below this share of the largest marks a flat direction.
const FLAT: f64 = 1e-4;
/// |correlation| above this is reported.
const STRONG: f64 = 0.9;
/// Within this distance of 0 or 1 a coordinate is at a bound.
const AT_BOUND: f64 = 0.01;

/// The report.
#[derive(Clone, Debug, Default)]
pub struct Identifiability {
    /// Coordinate names.
    pub names: Vec<String>,
    /// Diagonal of the Hessian (curvature along each factor alone), in loss per unit².
    pub curvature: Vec<f64>,
    /// Eigenvalues of the Hessian, largest first, with their unit eigenvectors.
    pub eigen: Vec<(f64, Vec<f64>)>,
    /// Flat directions: eigenvalue and the factors that make it up (weight ≥ 0.3).
    pub flat: Vec<(f64, Vec<(String, f64)>)>,
    /// Pairs with |correlation| > 0.9 (from the pseudo-inverse of the Hessian).
    pub correlated: Vec<(String, String, f64)>,
    /// Factors at a range bound: name and `"lower"`/`"upper"`.
    pub at_bound: Vec<(String, &'static str)>,
}

/// Builds the report at `best` (2 fluid runs per factor).
pub fn identify(
    base: &Scenario,
    space: &dyn Space,
    loss: &Loss,
    targets: &Targets,
    best: &[f64],
) -> Identifiability {
    let names = space.names();
    let d = best.len();
    let residuals = |u: &[f64]| -> Option<Vec<f64>> {
        let mut sc = base.clone();
        space.apply(&mut sc, u).ok()?;
        Some(loss.evaluate(&sc, targets).residuals)
    };
    let mut jac: Vec<Vec<f64>> = Vec::with_capacity(d);
    for i in 0..d {
        let (mut lo, mut hi) = (best.to_vec(), best.to_vec());
        lo[i] = (best[i] - STEP).max(0.0);
        hi[i] = (best[i] + STEP).min(1.0);
        let col = match (residuals(&lo), residuals(&hi)) {
            (Some(a), Some(b)) if a.len() == b.len() => {
                a.iter().zip(&b).map(|(a, b)| (b - a) / (hi[i] - lo[i])).collect()
            }
            _ => Vec::new(),
        };
        jac.push(col);
    }
    let n = jac.iter().map(Vec::len).max().unwrap_or(0);
    let mut h = vec![vec![0.0; d]; d];
    for i in 0..d {
        for j in 0..d {
            if jac[i].len() == n && jac[j].len() == n {
                h[i][j] = 2.0 * jac[i].iter().zip(&jac[j]).map(|(a, b)| a * b).sum::<f64>();
            }
        }
    }
    report(names, best, &h)
}

/// The report from a Hessian `h` at point `best`.
fn report(names: Vec<String>, best: &[f64], h: &[Vec<f64>]) -> Identifiability {
    let d = best.len();
    let eigen = symmetric_eigen(h);
    let top = eigen.first().map_or(0.0, |e| e.0).max(f64::MIN_POSITIVE);
    let flat = eigen
        .iter()
        .filter(|(l, _)| *l < FLAT * top)
        .map(|(l, v)| {
            let parts = v
                .iter()
                .enumerate()
                .filter(|(_, x)| x.abs() >= 0.3)
                .map(|(i, x)| (names[i].clone(), *x))
                .collect();
            (*l, parts)
        })
        .collect();
    // Pseudo-inverse over the directions the data do pin down.
    let mut cov = vec![vec![0.0; d]; d];
    for (l, v) in eigen.iter().filter(|(l, _)| *l >= FLAT * top) {
        for i in 0..d {
            for j in 0..d {
                cov[i][j] += v[i] * v[j] / l;
            }
        }
    }
    let mut correlated = Vec::new();
    for i in 0..d {
        for j in i + 1..d {
            let c = cov[i][j] / (cov[i][i] * cov[j][j]).sqrt();
            if c.is_finite() && c.abs() > STRONG {
                correlated.push((names[i].clone(), names[j].clone(), c));
            }
        }
    }
    let at_bound = best
        .iter()
        .enumerate()
        .filter_map(|(i, u)| match *u {
            u if u <= AT_BOUND => Some((names[i].clone(), "lower")),
            u if u >= 1.0 - AT_BOUND => Some((names[i].clone(), "upper")),
            _ => None,
        })
        .collect();
    let curvature = (0..d).map(|i| h[i][i]).collect();
    Identifiability { names, curvature, eigen, flat, correlated, at_bound }
}

/// Eigenvalues (largest first) and unit eigenvectors of a symmetric matrix, by cyclic
/// Jacobi rotations — a few dozen factors at most, so no linear-algebra crate (nalgebra
/// costs 40 s of cold build for one call).
pub fn symmetric_eigen(a: &[Vec<f64>]) -> Vec<(f64, Vec<f64>)> {
    let n = a.len();
    let mut m: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> =
        (0..n).map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect()).collect();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i][j] * m[i][j])
            .sum();
        let scale: f64 = (0..n).map(|i| m[i][i] * m[i][i]).sum::<f64>().max(f64::MIN_POSITIVE);
        if off <= 1e-24 * scale {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if m[p][q].abs() < f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let (c, s) = (1.0 / (t * t + 1.0).sqrt(), t / (t * t + 1.0).sqrt());
                for row in m.iter_mut() {
                    let (mkp, mkq) = (row[p], row[q]);
                    row[p] = c * mkp - s * mkq;
                    row[q] = s * mkp + c * mkq;
                }
                // Rows p and q change together: one index over both reads plainer than a
                // split borrow.
                #[allow(clippy::needless_range_loop)]
                for k in 0..n {
                    let (mpk, mqk) = (m[p][k], m[q][k]);
                    m[p][k] = c * mpk - s * mqk;
                    m[q][k] = s * mpk + c * mqk;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let mut out: Vec<(f64, Vec<f64>)> =
        (0..n).map(|k| (m[k][k], v.iter().map(|row| row[k]).collect())).collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_matches_the_analytic_eigenvalues() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let e = symmetric_eigen(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        assert!((e[0].0 - 3.0).abs() < 1e-12 && (e[1].0 - 1.0).abs() < 1e-12, "{e:?}");
        assert!((e[0].1[0].abs() - 0.5f64.sqrt()).abs() < 1e-12);
        assert!((e[0].1[0] - e[0].1[1]).abs() < 1e-12 && (e[1].1[0] + e[1].1[1]).abs() < 1e-12);
        // A 3×3 with a known spectrum: diag(4, 1, 0) rotated stays {4, 1, 0}.
        let e = symmetric_eigen(&[vec![2.5, 1.5, 0.0], vec![1.5, 2.5, 0.0], vec![0.0, 0.0, 0.0]]);
        let l: Vec<f64> = e.iter().map(|x| x.0).collect();
        assert!(
            (l[0] - 4.0).abs() < 1e-12 && (l[1] - 1.0).abs() < 1e-12 && l[2].abs() < 1e-12,
            "{l:?}"
        );
    }

    #[test]
    fn a_flat_direction_a_correlation_and_a_bound_are_reported() {
        // Loss (x + y)² plus a little z²: x − y is flat, x and y are correlated through
        // nothing else, z is pinned.
        let h = vec![vec![2.0, 2.0, 0.0], vec![2.0, 2.0, 0.0], vec![0.0, 0.0, 1.0]];
        let names = vec!["x".to_owned(), "y".to_owned(), "z".to_owned()];
        let r = report(names, &[0.5, 0.5, 1.0], &h);
        assert_eq!(r.flat.len(), 1);
        let members: Vec<&str> = r.flat[0].1.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(members, ["x", "y"]);
        assert_eq!(r.at_bound, vec![("z".to_owned(), "upper")]);
        assert_eq!(r.correlated.len(), 1, "{:?}", r.correlated);
        assert!(r.correlated[0].2 > 0.99);
    }
}
