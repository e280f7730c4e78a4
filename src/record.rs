//! The incident record: the JSON contract of `incidex extract --json` (see RECORD.md).
//!
//! Field names here are a public contract; add fields, never rename them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// GDPR art. 33: a controller reports within 72 hours of becoming aware.
pub const NOTIFICATION_LIMIT_HOURS: i64 = 72;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    pub source: String,
    /// Other paths with the same bytes (filled by ingest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<String>,
    pub id: String,
    /// Ids (byte digests) of other files that loaded to the same text, as a PDF and an
    /// HTML copy of one text (filled by ingest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_ids: Vec<String>,
    pub format: String,
    pub language: String,
    pub language_confidence: f64,
    pub doc_type: String,
    pub title: Option<String>,
    pub organisations: Vec<String>,
    pub suppliers: Vec<String>,
    pub supplier_involved: bool,
    pub authorities: Vec<String>,
    pub affected: Option<Affected>,
    pub dates: Dates,
    pub delays: Delays,
    pub causes: Vec<String>,
    pub breach_types: Vec<String>,
    pub sensitive_data: Option<bool>,
    pub events: Vec<Event>,
    pub evidence: BTreeMap<String, Evidence>,
    /// The kinds of personal data the text holds (`personnummer`, `phone`, `email`,
    /// `address`, `name`, `health`), see [`crate::redact`].
    #[serde(default)]
    pub pii_kinds: Vec<String>,
    /// The digest of the rules the record was extracted with ([`crate::rules::Rules::digest`]):
    /// `incidex reextract` redoes the records whose rules differ.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rules_digest: String,
}

/// Data subjects affected; a single count has `min == max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    pub min: u64,
    pub max: u64,
    pub unit: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    pub incident_start: Option<NaiveDate>,
    pub incident_end: Option<NaiveDate>,
    pub discovered: Option<NaiveDate>,
    pub controller_informed: Option<NaiveDate>,
    pub authority_notified: Option<NaiveDate>,
    pub subjects_informed: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Delays {
    pub detection_days: Option<i64>,
    pub supplier_to_controller_days: Option<i64>,
    pub notification_days: Option<i64>,
    pub late_notification: Option<bool>,
}

impl Delays {
    /// Derives the delays from the dates. `stated_late` is what the document itself says
    /// about a report later than 72 hours (a form's "why late" answer, "för sent"), which
    /// outranks the arithmetic only when the dates cannot decide.
    pub fn derive(dates: &Dates, stated_late: Option<bool>) -> Delays {
        let days = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
            (Some(a), Some(b)) => Some((b - a).num_days()),
            _ => None,
        };
        let notification_days = days(dates.controller_informed, dates.authority_notified);
        let by_dates = notification_days.map(|d| d * 24 > NOTIFICATION_LIMIT_HOURS);
        Delays {
            detection_days: days(dates.incident_start, dates.discovered),
            supplier_to_controller_days: days(dates.discovered, dates.controller_informed),
            notification_days,
            late_notification: match (stated_late, by_dates) {
                (Some(true), _) => Some(true),
                (_, Some(by_dates)) => Some(by_dates),
                (stated, None) => stated,
            },
        }
    }
}

/// One dated step of the incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub date: NaiveDate,
    pub time: Option<String>,
    pub kind: EventKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    IncidentStart,
    IncidentEnd,
    Discovered,
    ControllerInformed,
    AuthorityNotified,
    SubjectsInformed,
    SupplierReported,
    Fixed,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::IncidentStart,
        EventKind::IncidentEnd,
        EventKind::Discovered,
        EventKind::ControllerInformed,
        EventKind::AuthorityNotified,
        EventKind::SubjectsInformed,
        EventKind::SupplierReported,
        EventKind::Fixed,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::IncidentStart => "incident_start",
            EventKind::IncidentEnd => "incident_end",
            EventKind::Discovered => "discovered",
            EventKind::ControllerInformed => "controller_informed",
            EventKind::AuthorityNotified => "authority_notified",
            EventKind::SubjectsInformed => "subjects_informed",
            EventKind::SupplierReported => "supplier_reported",
            EventKind::Fixed => "fixed",
            EventKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The text a field was taken from: byte offsets into the document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Evidence {
    pub fn new(text: &str, start: usize, end: usize) -> Evidence {
        Evidence {
            text: text[start..end].to_string(),
            start,
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn delays_follow_the_dates() {
        let dates = Dates {
            incident_start: d("2019-02-22"),
            discovered: d("2019-03-08"),
            controller_informed: d("2019-03-08"),
            authority_notified: d("2019-03-11"),
            ..Dates::default()
        };
        let delays = Delays::derive(&dates, None);
        assert_eq!(delays.detection_days, Some(14));
        assert_eq!(delays.supplier_to_controller_days, Some(0));
        assert_eq!(delays.notification_days, Some(3));
        assert_eq!(delays.late_notification, Some(false));
    }

    #[test]
    fn four_days_is_late_and_a_stated_delay_wins() {
        let dates = Dates {
            controller_informed: d("2021-01-01"),
            authority_notified: d("2021-01-05"),
            ..Dates::default()
        };
        assert_eq!(Delays::derive(&dates, None).late_notification, Some(true));
        let none = Dates::default();
        assert_eq!(Delays::derive(&none, None).late_notification, None);
        assert_eq!(
            Delays::derive(&none, Some(true)).late_notification,
            Some(true)
        );
    }
}
