//! Any bytes, decoded as text, through the HTML loader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let _ = incidex::load::load_html(&page);
});
