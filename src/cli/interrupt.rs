//! Ctrl-C during an import: the import stops at once, as it would without a handler, but
//! first says what it keeps (every committed batch) and how to go on (the same command
//! again counts those files as unchanged and imports the rest).
//!
//! The signal handler only sets a flag (all a handler may safely do) and gives the next
//! Ctrl-C back its default, so a second one ends the process whatever it is doing. A
//! watcher thread turns the flag into the message and the exit.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::ProgressBar;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_signal: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
    // SAFETY: signal() is async-signal-safe; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
    }
}

/// Notes Ctrl-C from here on instead of dying of it.
pub fn catch() {
    let handler: extern "C" fn(libc::c_int) = on_interrupt;
    // SAFETY: the handler only stores to an atomic and calls signal(), both safe in a
    // signal handler.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

/// Until `done`, waits for Ctrl-C; then clears `bar`, says how many documents the index
/// at `dir` keeps, and ends the process with [`super::exit::INTERRUPTED`].
pub fn watch(index: &tantivy::Index, dir: &Path, bar: &ProgressBar, done: &AtomicBool) {
    while !done.load(Ordering::Relaxed) {
        if INTERRUPTED.load(Ordering::SeqCst) {
            bar.finish_and_clear();
            let kept = index
                .reader()
                .map(|r| r.searcher().num_docs().to_string())
                .unwrap_or_else(|_| "all committed".into());
            crate::err_line!(
                dir.display(),
                format!(
                    "stopped by Ctrl-C; the index keeps its last commit ({kept} documents): \
                     run the same command again to import the rest"
                )
            );
            std::process::exit(super::exit::INTERRUPTED);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
