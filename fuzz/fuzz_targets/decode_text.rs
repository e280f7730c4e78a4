//! Any bytes through the text decoder: an error is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = incidex::load::decode_text(data);
});
