//! The import lock: one `ingest` at a time per index directory.
//!
//! The lock is an OS file lock (`flock` on Unix) on `incidex-import.lock` in the index
//! directory, and the file holds the pid of the holder so a second import can say who
//! holds it. The OS drops the lock when its process dies, even by `kill -9`, so a stale
//! pid in the file never blocks a later import.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "incidex-import.lock";

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("index is in use by another import (pid {0})")]
    Busy(String),
    #[error("cannot lock {path}: {cause}")]
    Io { path: PathBuf, cause: String },
}

/// Held while an import writes; released on drop or when the process ends.
#[derive(Debug)]
pub struct ImportLock {
    _file: File,
}

impl ImportLock {
    /// Takes the lock of the index in `dir`, without waiting.
    pub fn acquire(dir: &Path) -> Result<ImportLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |e: std::io::Error| LockError::Io {
            path: path.clone(),
            cause: crate::walk::io_reason(&e),
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(LockError::Busy(if pid.is_empty() {
                    "unknown".into()
                } else {
                    pid.to_string()
                }));
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        writeln!(file, "{}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(ImportLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let held = ImportLock::acquire(dir.path()).unwrap();
        let err = ImportLock::acquire(dir.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "index is in use by another import (pid {})",
                std::process::id()
            )
        );
        drop(held);
        ImportLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_stale_pid_in_the_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "999999\n").unwrap();
        ImportLock::acquire(dir.path()).unwrap();
        let pid = std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());
    }
}
