//! The incident timeline: tagged dates near event cues become events; the record's
//! `dates` are chosen from them, a form's own answers first. (Being built: issue 3.)

use chrono::NaiveDate;

use super::form::Form;
use crate::record::{Dates, Event, Evidence};
use crate::rules::Rules;

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub events: Vec<Event>,
    pub dates: Dates,
    /// Evidence for each filled date field, keyed `dates.<field>`.
    pub evidence: Vec<(String, Evidence)>,
}

/// Builds the timeline of `text` (masked of form furniture) with the form's answers.
pub fn build(text: &str, form: &Form, rules: &Rules, anchor: Option<NaiveDate>) -> Timeline {
    let _ = (text, form, rules, anchor);
    Timeline::default()
}

/// Applies event rule `id` to an example as the timeline would (for `incidex rules check`).
pub fn run_example(
    set: &crate::rules::RuleSet,
    id: &str,
    ex: &crate::rules::Example,
) -> Vec<crate::rules::Found> {
    let _ = (set, id, ex);
    Vec::new()
}
