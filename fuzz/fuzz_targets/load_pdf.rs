//! Any bytes through the in-process PDF loader. Panics are caught inside it, so what this
//! finds are the crashes the child process exists for (stack overflow, runaway memory):
//! run with `-rss_limit_mb=1024 -timeout=30` and turn each finding into a regression test.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = incidex::load::load_pdf(data);
});
