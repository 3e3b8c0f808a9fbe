//! Why a report could not be made. Each message names the file to look at and, where
//! there is one, the fix.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::OutputError;

/// Why [`crate::report`] could not read a run or write a report.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReportError {
    /// The run directory does not exist.
    NoDir {
        /// The path given.
        dir: PathBuf,
    },
    /// The run directory has no report-data.json.
    Missing {
        /// The run directory.
        dir: PathBuf,
    },
    /// report-data.json could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// report-data.json is not valid JSON of the expected shape.
    Parse {
        /// The file.
        path: PathBuf,
        /// The underlying error (with line and column).
        source: serde_json::Error,
    },
    /// report-data.json was written in another layout version.
    Format {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// A report compares one or two runs; this many were given.
    RunCount(usize),
    /// The report could not be written.
    Write(OutputError),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NoDir { dir } => write!(
                f,
                "{} does not exist (give the output directory of `caseload run`)",
                dir.display()
            ),
            ReportError::Missing { dir } => write!(
                f,
                "{} has no {}: it is not a run directory, or it was written by an older \
                 caseload; re-run the scenario with `caseload run SCENARIO --out {}`",
                dir.display(),
                super::FILE_NAME,
                dir.display()
            ),
            ReportError::Read { path, source } => {
                write!(f, "could not read {}: {source}", path.display())
            }
            ReportError::Parse { path, source } => write!(
                f,
                "{} is not valid report data ({source}); re-run the scenario to rewrite it",
                path.display()
            ),
            ReportError::Format { path, found } => write!(
                f,
                "{} has layout version {found}, this caseload reads version {}; re-run the \
                 scenario with this caseload to rewrite it",
                path.display(),
                super::FORMAT
            ),
            ReportError::RunCount(n) => {
                write!(f, "a report shows one run or compares two (baseline, what-if); got {n}")
            }
            ReportError::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReportError::Read { source, .. } => Some(source),
            ReportError::Parse { source, .. } => Some(source),
            ReportError::Write(e) => Some(e),
            _ => None,
        }
    }
}

impl From<OutputError> for ReportError {
    fn from(e: OutputError) -> ReportError {
        ReportError::Write(e)
    }
}
