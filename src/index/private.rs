//! Index files for their owner only: an index copies personal data out of the documents,
//! so the directories incidex creates are `0700` and its files `0600`.
//!
//! [`owner_only`] sets the process's umask, which also covers the files tantivy creates
//! (segments, `meta.json`, its lock files); directories that already exist keep their
//! mode, as the user chose it.

use std::path::Path;

/// From now on, files and directories this process creates are its owner's alone.
pub fn owner_only() {
    // SAFETY: umask only sets the process's file-creation mask and cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Creates `dir` and its missing parents with mode `0700`.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}
