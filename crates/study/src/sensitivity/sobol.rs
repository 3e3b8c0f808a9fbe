//! Sobol indices from the outputs of a [`SaltelliDesign`]: first-order by Saltelli et
//! al. (2010), total by Jansen (1999), with bootstrap 95% intervals.
//!
//! With f_A, f_B, f_ABi the outputs on the rows A_j, B_j, AB_j^(i) of the N base samples
//! and V the variance of all 2N values of f_A and f_B (as SALib computes it):
//!
//! ```text
//! S1_i = mean_j( f_B · (f_ABi − f_A) ) / V        (Saltelli et al. 2010, table 2 (b))
//! ST_i = mean_j( (f_A − f_ABi)² ) / (2V)           (Jansen 1999; table 2 (f))
//! ```
//!
//! Intervals are percentile intervals (2.5% and 97.5%) over `resamples` bootstrap
//! resamples of the base samples, drawn from a generator seeded from the study's seed, so
//! they are the same bit for bit on every run. An output that does not vary (V = 0) has
//! no indices: they are NaN.

use des::rng::Streams;
use rand::RngExt;

use super::SensitivityError;

/// Bootstrap resamples used when the caller does not say (SALib's default too).
pub const DEFAULT_RESAMPLES: usize = 1000;

/// First-order and total Sobol indices of one factor, with bootstrap 95% intervals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SobolIndex {
    /// First-order index: the share of variance due to this factor alone.
    pub s1: f64,
    /// Lower end of the 95% interval of `s1`.
    pub s1_lo: f64,
    /// Upper end of the 95% interval of `s1`.
    pub s1_hi: f64,
    /// Total index: the share of variance due to this factor with all its interactions.
    pub st: f64,
    /// Lower end of the 95% interval of `st`.
    pub st_lo: f64,
    /// Upper end of the 95% interval of `st`.
    pub st_hi: f64,
}

/// The indices of every factor of a design with `k` factors from `outputs`, one value
/// per design row in row order, using the first `outputs.len() / (k + 2)` whole blocks
/// (a stopped study analyses the base samples it finished). `stream` names the bootstrap
/// generator (e.g. the measure's index) so each output gets its own resamples.
pub fn sobol_indices(
    k: usize,
    outputs: &[f64],
    resamples: usize,
    seed: u64,
    stream: u64,
) -> Result<Vec<SobolIndex>, SensitivityError> {
    if k == 0 {
        return Err(SensitivityError::NoFactors);
    }
    let n = outputs.len() / (k + 2);
    if n < 2 {
        return Err(SensitivityError::TooFewSamples { asked: n, min: 2 });
    }
    let blocks: Vec<&[f64]> = outputs.chunks_exact(k + 2).take(n).collect();
    let all: Vec<usize> = (0..n).collect();
    let point = estimate(k, &blocks, &all);
    let mut rng = Streams::new(seed, 0).stream_indexed("sobol-bootstrap", stream);
    let mut boots: Vec<Vec<(f64, f64)>> = vec![Vec::with_capacity(resamples); k];
    let mut pick = vec![0usize; n];
    for _ in 0..resamples {
        for p in pick.iter_mut() {
            *p = rng.random_range(0..n);
        }
        for (i, e) in estimate(k, &blocks, &pick).into_iter().enumerate() {
            boots[i].push(e);
        }
    }
    Ok(point
        .into_iter()
        .zip(boots)
        .map(|((s1, st), b)| {
            let (s1_lo, s1_hi) = interval(b.iter().map(|e| e.0).collect());
            let (st_lo, st_hi) = interval(b.iter().map(|e| e.1).collect());
            SobolIndex { s1, s1_lo, s1_hi, st, st_lo, st_hi }
        })
        .collect())
}

/// (S1, ST) of each factor over the base samples `pick` (with repeats, for the bootstrap).
fn estimate(k: usize, blocks: &[&[f64]], pick: &[usize]) -> Vec<(f64, f64)> {
    let m = pick.len() as f64;
    let (mut sum, mut sq) = (0.0, 0.0);
    for &j in pick {
        let (a, b) = (blocks[j][0], blocks[j][k + 1]);
        sum += a + b;
        sq += a * a + b * b;
    }
    let mean = sum / (2.0 * m);
    // Population variance of the 2m values, as numpy's var() in SALib.
    let var = (sq / (2.0 * m) - mean * mean).max(0.0);
    (0..k)
        .map(|i| {
            let (mut first, mut total) = (0.0, 0.0);
            for &j in pick {
                let row = blocks[j];
                let (a, ab, b) = (row[0], row[1 + i], row[k + 1]);
                first += b * (ab - a);
                total += (a - ab) * (a - ab);
            }
            if var > 0.0 {
                (first / m / var, total / m / (2.0 * var))
            } else {
                (f64::NAN, f64::NAN)
            }
        })
        .collect()
}

/// The 2.5% and 97.5% points of `xs` (linear interpolation between order statistics);
/// NaN when there are none or any is NaN.
fn interval(mut xs: Vec<f64>) -> (f64, f64) {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan()) {
        return (f64::NAN, f64::NAN);
    }
    xs.sort_by(f64::total_cmp);
    (quantile(&xs, 0.025), quantile(&xs, 0.975))
}

/// Quantile `q` of sorted `xs` (numpy's default, "linear").
pub(crate) fn quantile(xs: &[f64], q: f64) -> f64 {
    let h = q * (xs.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    xs[lo] + (h - lo as f64) * (xs[hi] - xs[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_additive_function_splits_its_variance_by_the_coefficients() {
        // f = x0 + 2 x1 with x uniform: V0 = 1/12, V1 = 4/12, no interactions,
        // so S1 = ST = [0.2, 0.8]; the Saltelli estimators are exact up to sampling.
        let d = crate::sensitivity::SaltelliDesign::new(2, 4096, 3).unwrap();
        let y: Vec<f64> = (0..d.rows()).map(|r| d.row(r)[0] + 2.0 * d.row(r)[1]).collect();
        let ix = sobol_indices(2, &y, 200, 1, 0).unwrap();
        for (i, want) in [0.2, 0.8].into_iter().enumerate() {
            assert!((ix[i].s1 - want).abs() < 0.01, "S1[{i}] = {}", ix[i].s1);
            assert!((ix[i].st - want).abs() < 0.01, "ST[{i}] = {}", ix[i].st);
            assert!(ix[i].s1_lo <= ix[i].s1 && ix[i].s1 <= ix[i].s1_hi);
        }
    }

    #[test]
    fn a_constant_output_has_no_indices() {
        let ix = sobol_indices(2, &[1.0; 40], 10, 0, 0).unwrap();
        assert!(ix.iter().all(|i| i.s1.is_nan() && i.st.is_nan()));
    }

    #[test]
    fn partial_blocks_are_left_out_and_too_few_are_an_error() {
        let y: Vec<f64> = (0..4 * 3 + 2).map(|x| x as f64).collect();
        assert!(sobol_indices(1, &y, 10, 0, 0).is_ok());
        assert!(matches!(
            sobol_indices(1, &y[..5], 10, 0, 0),
            Err(SensitivityError::TooFewSamples { .. })
        ));
    }

    #[test]
    fn quantile_matches_numpy_linear() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&xs, 0.5), 2.5);
        assert_eq!(quantile(&xs, 0.0), 1.0);
        assert!((quantile(&xs, 0.975) - 3.925).abs() < 1e-12);
    }
}
