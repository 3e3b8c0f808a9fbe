//! Saltelli's design for Sobol indices, on an Owen-scrambled Sobol sequence.
//!
//! Two independent quasi-random matrices A and B (N rows, k columns) come from one
//! 2k-dimensional Sobol sequence: columns `0..k` are A, `k..2k` are B. For each base
//! sample j the design holds a **block** of k + 2 rows, in this order:
//!
//! ```text
//! row j·(k+2)          A_j
//! row j·(k+2) + 1 + i  AB_j^(i): A_j with column i taken from B_j   (i = 0..k)
//! row j·(k+2) + k + 1  B_j
//! ```
//!
//! Blocks come in base-sample order, so a study stopped early still holds whole blocks
//! that the estimators can use. The sequence is `sobol_burley` (Burley's hash-based Owen
//! scrambling of the Joe–Kuo direction numbers): its seed gives an independent scramble,
//! so the same seed gives the same design bit for bit. Past the crate's 256 dimensions,
//! dimension d is dimension `d mod 256` of a sequence with a seed derived from `d / 256`
//! (an independent scramble, as the crate's documentation suggests).

use super::SensitivityError;

/// Largest number of base samples (the sequence's length).
pub const MAX_SAMPLES: usize = 1 << 16;

/// The dimensions one `sobol_burley` seed provides.
const DIMS_PER_SEED: usize = 256;

/// The rows of a Saltelli design, in block order (see the module doc).
#[derive(Clone, Debug, PartialEq)]
pub struct SaltelliDesign {
    /// Factors (columns).
    pub k: usize,
    /// Base samples (blocks).
    pub n: usize,
    /// Rows, `n · (k + 2)` of `k` coordinates each, flat in row order; every value in [0, 1).
    values: Vec<f64>,
}

impl SaltelliDesign {
    /// Builds the design for `k` factors and `n` base samples from the sequence scrambled
    /// by `seed`. Powers of two keep the Sobol sequence balanced (SALib's advice too).
    pub fn new(k: usize, n: usize, seed: u64) -> Result<SaltelliDesign, SensitivityError> {
        if k == 0 {
            return Err(SensitivityError::NoFactors);
        }
        if n < 2 {
            return Err(SensitivityError::TooFewSamples { asked: n, min: 2 });
        }
        if n > MAX_SAMPLES {
            return Err(SensitivityError::TooManySamples { asked: n, max: MAX_SAMPLES });
        }
        let rows = n * (k + 2);
        let mut values = Vec::with_capacity(rows * k);
        let mut a = vec![0.0; k];
        let mut b = vec![0.0; k];
        for j in 0..n {
            for i in 0..k {
                a[i] = sobol_point(j, i, seed);
                b[i] = sobol_point(j, k + i, seed);
            }
            values.extend_from_slice(&a);
            for i in 0..k {
                let start = values.len();
                values.extend_from_slice(&a);
                values[start + i] = b[i];
            }
            values.extend_from_slice(&b);
        }
        Ok(SaltelliDesign { k, n, values })
    }

    /// Rows of the design: `n · (k + 2)`.
    pub fn rows(&self) -> usize {
        self.n * (self.k + 2)
    }

    /// Row `r` (its k coordinates in the unit cube).
    pub fn row(&self, r: usize) -> &[f64] {
        &self.values[r * self.k..(r + 1) * self.k]
    }
}

/// Coordinate `dim` of point `index` of the scrambled Sobol sequence, in [0, 1).
pub fn sobol_point(index: usize, dim: usize, seed: u64) -> f64 {
    let folded = (seed ^ (seed >> 32)) as u32;
    let page = (dim / DIMS_PER_SEED) as u32;
    // Page 0 keeps the seed as given; later pages mix the page in (odd constant).
    let page_seed = folded ^ page.wrapping_mul(0x9E37_79B9);
    let u = sobol_burley::sample(index as u32, (dim % DIMS_PER_SEED) as u32, page_seed);
    f64::from(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_a_b_and_the_crossed_rows() {
        let d = SaltelliDesign::new(3, 8, 1).unwrap();
        assert_eq!(d.rows(), 40);
        for j in 0..8 {
            let a = d.row(j * 5);
            let b = d.row(j * 5 + 4);
            for i in 0..3 {
                let ab = d.row(j * 5 + 1 + i);
                for c in 0..3 {
                    assert_eq!(ab[c], if c == i { b[c] } else { a[c] });
                }
            }
        }
    }

    #[test]
    fn each_column_is_stratified() {
        // A scrambled Sobol sequence of 2^m points puts one point in each of 2^m equal
        // intervals of every coordinate (a (0, m, 1)-net in each dimension).
        for dim in [0, 7, 255, 256, 700] {
            let mut seen = [false; 64];
            for j in 0..64 {
                let u = sobol_point(j, dim, 42);
                assert!((0.0..1.0).contains(&u));
                seen[(u * 64.0) as usize] = true;
            }
            assert!(seen.iter().all(|s| *s), "dimension {dim} is not stratified");
        }
    }

    #[test]
    fn same_seed_same_design_other_seed_other_design() {
        let a = SaltelliDesign::new(4, 16, 7).unwrap();
        assert_eq!(a, SaltelliDesign::new(4, 16, 7).unwrap());
        assert_ne!(a, SaltelliDesign::new(4, 16, 8).unwrap());
    }

    #[test]
    fn bad_sizes_are_errors() {
        assert_eq!(SaltelliDesign::new(0, 8, 0), Err(SensitivityError::NoFactors));
        assert!(matches!(
            SaltelliDesign::new(2, 1, 0),
            Err(SensitivityError::TooFewSamples { min: 2, .. })
        ));
        assert!(matches!(
            SaltelliDesign::new(2, MAX_SAMPLES + 1, 0),
            Err(SensitivityError::TooManySamples { .. })
        ));
    }
}
