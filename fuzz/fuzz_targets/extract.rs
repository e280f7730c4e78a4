//! Any text through the whole extractor.
#![no_main]
use libfuzzer_sys::fuzz_target;

use incidex::load::{Document, Format};

fuzz_target!(|text: &str| {
    let doc = Document {
        text: text.to_string(),
        format: Format::Text,
        title: None,
    };
    let _ = incidex::extract::extract(&doc, "fuzz.txt", "id", incidex::rules::Rules::default_rules());
});
