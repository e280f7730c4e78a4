//! Document to incident record: the Swedish rules applied to a loaded document.
//!
//! Order matters: the form is read first (its answers outrank free text), then free-text
//! rules run on a copy of the text with form furniture masked out, then the timeline.

pub mod form;
pub mod timeline;

use crate::lang;
use crate::load::Document;
use crate::record::{Delays, IncidentRecord};
use crate::rules::Rules;

/// Builds the record of one document. Non-Swedish documents get language and title only.
pub fn extract(doc: &Document, source: &str, id: &str, rules: &Rules) -> IncidentRecord {
    let language = lang::detect(&doc.text);
    let mut record = IncidentRecord {
        source: source.to_string(),
        id: id.to_string(),
        format: doc.format.as_str().to_string(),
        language: language.code.to_string(),
        language_confidence: language.confidence,
        doc_type: "other".into(),
        title: doc.title.clone(),
        ..IncidentRecord::default()
    };
    if language.code != "sv" {
        return record;
    }
    let form = form::parse(&doc.text, rules.area("form"));
    let masked = form::mask(&doc.text, &form);
    let timeline = timeline::build(&masked, &form, rules, None);
    record.dates = timeline.dates;
    record.events = timeline.events;
    record.delays = Delays::derive(&record.dates, None);
    record
}
