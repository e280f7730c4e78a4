//! Any bytes through the in-process PDF loader. Panics are caught inside it (that is its
//! contract), so the panic hook libfuzzer-sys installs, which aborts on any panic, is
//! replaced by a silent one: what this finds are the crashes the child process exists for
//! (stack overflow, runaway memory, hangs). Run with `-rss_limit_mb=1024 -timeout=30` and
//! turn each finding into a regression test.
#![no_main]
use std::sync::Once;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = incidex::load::load_pdf(data);
});
