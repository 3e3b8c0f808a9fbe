//! The one error type of this crate. Every failure is an I/O failure at a known path, so
//! the message always names the file or directory the user has to look at.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why outputs could not be written. No variant leaves a partial file behind: files are
/// written under a temporary name and renamed into place only when complete.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutputError {
    /// The output directory could not be created (a parent is a file, or permissions).
    CreateDir {
        /// The directory asked for.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A file could not be written or renamed into place; nothing exists at `path` that
    /// this attempt wrote (an older complete file, if any, is untouched).
    Write {
        /// The final path of the file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl OutputError {
    /// The path the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            OutputError::CreateDir { path, .. } | OutputError::Write { path, .. } => path,
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::CreateDir { path, source } => {
                write!(f, "could not create output directory {}: {source}", path.display())
            }
            OutputError::Write { path, source } => {
                write!(f, "could not write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::CreateDir { source, .. } | OutputError::Write { source, .. } => {
                Some(source)
            }
        }
    }
}
