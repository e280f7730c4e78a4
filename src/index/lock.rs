//! The import lock: one `ingest` at a time per index directory.
//!
//! The lock is an OS file lock (`flock` on Unix) on `incidex-import.lock` in the index
//! directory, and the file holds the pid of the holder so a second import can say who
//! holds it. The OS drops the lock when its process dies, even by `kill -9`, so a stale
//! file never blocks a later import.
//!
//! The pid is never written into the file under the lock's name: a taker writes and locks
//! a file of its own first, then publishes it under the name, by a hard link when there is
//! no lock file, or by a rename over a stale one (whose lock it then holds, so no one else
//! can replace it meanwhile). Whoever opens the lock file therefore finds a whole pid, never
//! an empty or half-written file. The holder removes the file when it is done.
//!
//! Limits: an import killed between writing its own file and publishing it leaves that
//! file (`.incidex-import.lock.PID.N`) behind; it is a few bytes and blocks nothing. While
//! one import replaces a stale lock file, a third one starting at that instant may name
//! the dead pid in its "in use" message (it is still refused, rightly).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const LOCK_FILE: &str = "incidex-import.lock";

/// How often a taker starts over when the lock file changes under it before giving up.
const ATTEMPTS: usize = 100;

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
    file: File,
    path: PathBuf,
}

impl ImportLock {
    /// Takes the lock of the index in `dir`, without waiting.
    pub fn acquire(dir: &Path) -> Result<ImportLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |e: std::io::Error| LockError::Io {
            path: path.clone(),
            cause: crate::walk::io_reason(&e),
        };
        let (own_path, file) = own_lock_file(dir).map_err(io)?;
        let result = publish(&own_path, &path).map_err(|e| match e {
            Taken::Busy(pid) => LockError::Busy(pid),
            Taken::Io(e) => io(e),
        });
        // Published under the lock's name, or not at all: the own name is not needed.
        let _ = std::fs::remove_file(&own_path);
        result?;
        Ok(ImportLock { file, path })
    }
}

impl Drop for ImportLock {
    /// Removes the lock file while still holding it, so that the next import publishes a
    /// new one by a link. Only the holder ever replaces the file, so it is still ours.
    fn drop(&mut self) {
        if is_file_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Why publishing failed.
enum Taken {
    Busy(String),
    Io(std::io::Error),
}

/// A new file holding this process's pid, locked: `.incidex-import.lock.PID.N` in `dir`.
fn own_lock_file(dir: &Path) -> std::io::Result<(PathBuf, File)> {
    // N tells apart the takers of one process (threads, tests).
    static TAKERS: AtomicUsize = AtomicUsize::new(0);
    let pid = std::process::id();
    let n = TAKERS.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!(".{LOCK_FILE}.{pid}.{n}"));
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)?;
    let locked = file
        .try_lock()
        .map_err(|e| match e {
            TryLockError::Error(e) => e,
            TryLockError::WouldBlock => std::io::Error::from(ErrorKind::WouldBlock),
        })
        .and_then(|()| writeln!(file, "{pid}"))
        .and_then(|()| file.flush());
    if let Err(e) = locked {
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok((path, file))
}

/// Puts the locked file at `own` under the name `lock`, unless a live holder has it.
fn publish(own: &Path, lock: &Path) -> Result<(), Taken> {
    for _ in 0..ATTEMPTS {
        match std::fs::hard_link(own, lock) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Taken::Io(e)),
        }
        let mut existing = match File::open(lock) {
            Ok(file) => file,
            // Its holder finished between our link and our open: try the link again.
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => return Err(Taken::Io(e)),
        };
        match existing.try_lock() {
            Ok(()) => {
                // Left by an import that died; we hold it now, so it cannot change
                // under us, unless it had already been replaced before we locked it.
                if !is_file_at(&existing, lock) {
                    continue;
                }
                return std::fs::rename(own, lock).map_err(Taken::Io);
            }
            Err(TryLockError::WouldBlock) => {
                // Held; but if this file has left the name meanwhile, ask again.
                if !is_file_at(&existing, lock) {
                    continue;
                }
                let mut pid = String::new();
                let _ = existing.read_to_string(&mut pid);
                let pid = pid.lines().next().unwrap_or("").trim();
                return Err(Taken::Busy(if pid.is_empty() {
                    "unknown".into()
                } else {
                    pid.to_string()
                }));
            }
            Err(TryLockError::Error(e)) => return Err(Taken::Io(e)),
        }
    }
    Err(Taken::Io(std::io::Error::other(
        "the lock file kept changing; try again",
    )))
}

/// True when the open `file` is the one now at `path` (same device and inode).
fn is_file_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holders_pid(dir: &Path) -> String {
        std::fs::read_to_string(dir.join(LOCK_FILE)).unwrap()
    }

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let held = ImportLock::acquire(dir.path()).unwrap();
        assert_eq!(holders_pid(dir.path()), format!("{}\n", std::process::id()));
        let err = ImportLock::acquire(dir.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "index is in use by another import (pid {})",
                std::process::id()
            )
        );
        drop(held);
        assert!(!dir.path().join(LOCK_FILE).exists());
        ImportLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_stale_lock_file_does_not_block_and_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        // Longer than a real pid, so that a write over it in place would leave a tail.
        std::fs::write(dir.path().join(LOCK_FILE), "9999999999\n").unwrap();
        let held = ImportLock::acquire(dir.path()).unwrap();
        assert_eq!(holders_pid(dir.path()), format!("{}\n", std::process::id()));
        drop(held);
        // Only the lock file was ever in the directory: the own files are gone.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// Takers racing in threads: one holder at a time, and every refusal names a whole
    /// pid. (With the pid written into the shared file after truncating it, a refusal
    /// could read the file empty and say "pid unknown".)
    #[test]
    fn racing_takers_hold_one_at_a_time_and_always_read_a_whole_pid() {
        use std::sync::atomic::AtomicBool;
        let dir = tempfile::tempdir().unwrap();
        let holding = AtomicBool::new(false);
        let (taken, refused) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let pid = std::process::id().to_string();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..300 {
                        match ImportLock::acquire(dir.path()) {
                            Ok(lock) => {
                                assert!(!holding.swap(true, Ordering::SeqCst), "two holders");
                                taken.fetch_add(1, Ordering::Relaxed);
                                holding.store(false, Ordering::SeqCst);
                                drop(lock);
                            }
                            Err(LockError::Busy(who)) => {
                                assert_eq!(who, pid);
                                refused.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(e) => panic!("{e}"),
                        }
                    }
                });
            }
        });
        assert_eq!(
            taken.load(Ordering::Relaxed) + refused.load(Ordering::Relaxed),
            4 * 300
        );
        assert!(taken.load(Ordering::Relaxed) > 0);
    }
}
