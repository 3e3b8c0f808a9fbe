//! Atomic file replacement: a reader (or a crash) sees either the old complete file or
//! the new complete file, never a prefix. The file is written under a hidden temporary
//! name in the same directory (so the rename cannot cross filesystems), flushed to disk,
//! then renamed over the final name; on any failure the temporary file is removed.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::OutputError;

/// Distinguishes temporary files of concurrent writers in one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Prefix of temporary files, so tests (and users) can recognise leftovers.
pub(crate) const TEMP_PREFIX: &str = ".caseload-tmp-";

/// Writes `dir/name` atomically with `body`, returning the final path.
pub fn write_atomic(
    dir: &Path,
    name: &str,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, OutputError> {
    let path = dir.join(name);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!("{TEMP_PREFIX}{}-{n}-{name}", std::process::id()));
    let mut created = false;
    let result = (|| {
        // create_new: never truncate a file someone else owns.
        let file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        created = true;
        let mut w = BufWriter::new(file);
        body(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &path)
    })();
    match result {
        Ok(()) => {
            sync_dir(dir);
            Ok(path)
        }
        Err(source) => {
            if created {
                let _ = fs::remove_file(&tmp);
            }
            Err(OutputError::Write { path, source })
        }
    }
}

/// Makes the rename itself durable. Best effort: some filesystems refuse to fsync a
/// directory, and the files are already complete either way.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("caseload-atomic-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    #[test]
    fn a_failing_body_leaves_the_old_file_and_no_temp() {
        let dir = scratch("body");
        write_atomic(&dir, "a.txt", |w| w.write_all(b"old")).unwrap();
        let err = write_atomic(&dir, "a.txt", |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("boom"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("a.txt") && err.to_string().contains("boom"), "{err}");
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "old");
        assert!(leftovers(&dir).is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}
