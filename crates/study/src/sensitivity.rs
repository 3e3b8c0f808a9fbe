//! # Sensitivity analysis: which assumption drives each answer
//!
//! A study varies a scenario's stated assumption ranges (its *factors*) over the unit
//! cube and asks how much of each measure's variance each factor explains:
//!
//! ```text
//! factors ──► design (Saltelli on a Sobol sequence │ Morris trajectories)
//!                 │ one row = one point of the unit cube
//!                 ▼
//!             evaluate: each row → the model (fluid, or DES with common random numbers)
//!                 │ outputs in row order, whatever the thread count
//!                 ▼
//!             estimators: S1 (Saltelli 2010), ST (Jansen), bootstrap 95% │ μ*, σ (Morris)
//! ```
//!
//! Sampling and analysis are separate steps, as in SALib, so outputs computed elsewhere
//! (a cluster, a stopped study) are analysed the same way. The estimators are checked on
//! functions with known indices ([`testfns`]): [`check`] runs one and sets the estimates
//! beside the exact values.
//!
//! ```
//! use study::sensitivity::{check, Ishigami};
//! let rows = check(&Ishigami::default(), 4096, 1).unwrap();
//! for r in &rows {
//!     assert!((r.s1 - r.s1_exact).abs() < 0.02 && (r.st - r.st_exact).abs() < 0.02);
//! }
//! ```

mod design;
mod error;
mod evaluate;
mod morris;
mod ranges;
mod scenario_study;
mod sobol;
pub mod tables;
pub mod testfns;

pub use design::{MAX_SAMPLES, SaltelliDesign, sobol_point};
pub use error::SensitivityError;
pub use evaluate::{Evaluated, Hooks, evaluate};
pub use morris::{DEFAULT_LEVELS, MorrisDesign, MorrisIndex, exact_mu_star};
pub use ranges::{DEFAULT_SAMPLES, assumption_ranges, difference_ranges};
pub use scenario_study::{
    Design, IndexRow, Indices, Method, Mode, Spread, Study, StudySpec, measures,
};
pub use sobol::{DEFAULT_RESAMPLES, SobolIndex, sobol_indices};
pub use testfns::{Ishigami, SobolG, TEST_FUNCTIONS, TestFunction, test_function};

/// One input of a test function: estimated and exact indices.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRow {
    /// Input name, `x1`, `x2`, …
    pub param: String,
    /// The estimate, with its bootstrap interval.
    pub index: SobolIndex,
    /// Estimated first-order index.
    pub s1: f64,
    /// Exact first-order index.
    pub s1_exact: f64,
    /// Estimated total index.
    pub st: f64,
    /// Exact total index.
    pub st_exact: f64,
}

/// Estimates the Sobol indices of `f` from a Saltelli design of `n` base samples seeded
/// with `seed` and sets them beside the exact ones.
pub fn check(f: &dyn TestFunction, n: usize, seed: u64) -> Result<Vec<CheckRow>, SensitivityError> {
    let k = f.dims();
    let design = SaltelliDesign::new(k, n, seed)?;
    let y: Vec<f64> = (0..design.rows()).map(|r| f.eval(design.row(r))).collect();
    let ix = sobol_indices(k, &y, DEFAULT_RESAMPLES, seed, 0)?;
    Ok(ix
        .into_iter()
        .zip(f.exact())
        .enumerate()
        .map(|(i, (index, (s1_exact, st_exact)))| CheckRow {
            param: format!("x{}", i + 1),
            index,
            s1: index.s1,
            s1_exact,
            st: index.st,
            st_exact,
        })
        .collect())
}
