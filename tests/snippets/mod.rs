//! What the snippet tests share: a passage's record from the built-in rules, and `case!`,
//! one test per passage.

// Each test file uses only part of it.
#![allow(dead_code)]

use incidex::extract::extract;
use incidex::load::{Document, Format};
use incidex::record::IncidentRecord;
use incidex::rules::Rules;

/// The record of `text` read as a plain-text document.
pub fn record(text: &str) -> IncidentRecord {
    let doc = Document {
        text: text.to_string(),
        format: Format::Text,
        title: None,
    };
    extract(&doc, "snippet.txt", "0", Rules::default_rules())
}

/// The affected count as `(min, max)`.
pub fn affected(r: &IncidentRecord) -> Option<(u64, u64)> {
    r.affected.as_ref().map(|a| (a.min, a.max))
}

/// True when `list` holds `item` as written.
pub fn has(list: &[String], item: &str) -> bool {
    list.iter().any(|x| x == item)
}

/// `case!(name, text, |record| expected)`: one test per snippet.
#[macro_export]
macro_rules! case {
    ($name:ident, $text:expr, |$r:ident| $check:expr) => {
        #[test]
        fn $name() {
            let $r = $crate::snippets::record($text);
            assert!($check, "{}: {:#?}", stringify!($name), $r);
        }
    };
}
