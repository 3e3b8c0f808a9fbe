//! The one error type of the sensitivity module: every variant says what was wrong and
//! what is allowed, so front-ends print it as it is.

use std::fmt;

/// Why a sensitivity study could not be set up or analysed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SensitivityError {
    /// Fewer base samples (or Morris trajectories) than the method needs.
    TooFewSamples {
        /// What was asked for.
        asked: usize,
        /// The smallest number allowed.
        min: usize,
    },
    /// More base samples than the Sobol sequence provides (2^16).
    TooManySamples {
        /// What was asked for.
        asked: usize,
        /// The largest number allowed.
        max: usize,
    },
    /// A study needs at least one factor.
    NoFactors,
    /// A Morris design needs an even number of levels of at least 2.
    BadLevels(usize),
    /// The outputs handed to an estimator do not match its design.
    OutputLength {
        /// Values expected (rows of the design).
        expected: usize,
        /// Values given.
        got: usize,
    },
    /// A measure name that the model does not compute.
    UnknownMeasure {
        /// The name given.
        name: String,
        /// The nearest known name, if one is close.
        suggestion: Option<String>,
        /// Every known name.
        known: Vec<String>,
    },
    /// A factor selection or factor point the scenario rejected.
    Factors(String),
    /// The worker pool could not be built.
    Threads(String),
    /// A run of the model failed.
    Run(String),
    /// The measure list names no measure.
    NoMeasures,
}

impl fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SensitivityError::TooFewSamples { asked, min } => {
                write!(f, "--samples must be at least {min} (got {asked})")
            }
            SensitivityError::TooManySamples { asked, max } => {
                write!(f, "--samples must be at most {max} (got {asked})")
            }
            SensitivityError::NoFactors => {
                write!(f, "no factors to vary: the selection has no assumption with a range")
            }
            SensitivityError::BadLevels(p) => {
                write!(f, "Morris levels must be even and at least 2 (got {p})")
            }
            SensitivityError::OutputLength { expected, got } => {
                write!(f, "the design has {expected} rows but {got} outputs were given")
            }
            SensitivityError::UnknownMeasure { name, suggestion, known } => {
                write!(f, "unknown measure {name:?}")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean {s:?}?)")?;
                }
                write!(f, "; measures: {}", known.join(", "))
            }
            SensitivityError::Factors(m) => f.write_str(m),
            SensitivityError::Threads(e) => write!(f, "could not start worker threads: {e}"),
            SensitivityError::Run(e) => write!(f, "a run failed: {e}"),
            SensitivityError::NoMeasures => {
                write!(f, "--measures names no measure; give `all` or a comma-separated list")
            }
        }
    }
}

impl std::error::Error for SensitivityError {}
