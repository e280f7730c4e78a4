//! The aggregation request `incidex stats` runs: one Elasticsearch-style request over the
//! fast fields of [`crate::index::schema`], collected by tantivy's `AggregationCollector`
//! under the same query as `search`.
//!
//! Day counts, affected counts and years are asked for as histograms of interval 1 with
//! empty buckets left out: that is the exact distribution of the values, from which
//! [`super::figures`] takes medians and 90th percentiles by nearest rank (tantivy's
//! `percentiles` is a sketch, 1 % off, which would make "median 3 days" read 3.02).
//!
//! Limits: ranked name lists ask for the top `n + 1` terms per request (the extra slot is
//! for the documents without a name); counts of the terms beyond the top come from
//! tantivy's per-segment cut-off (`segment_size`), set generously so they are exact on
//! indexes of ordinary size.

use serde_json::{Value, json};
use tantivy::aggregation::agg_req::Aggregations;

use crate::index::schema;

/// The key under which a terms aggregation counts documents without any value.
/// Control characters cannot come out of extraction, so no real name collides with it.
pub const MISSING: &str = "\u{1}none";

/// Aggregations whose buckets are whole vocabularies (small, closed sets).
pub const VOCABULARY_SIZE: u32 = 1_000;

/// How many names a ranked list asks for when told to list them all (under tantivy's
/// default limit of 65,000 buckets per request).
pub const ALL_NAMES: u32 = 50_000;

/// The ranked term breakdowns of the summary: (result key, index field, closed vocabulary).
pub const TERM_BREAKDOWNS: &[(&str, &str, bool)] = &[
    ("suppliers", schema::SUPPLIER, false),
    ("organisations", schema::ORGANISATION, false),
    ("authorities", schema::AUTHORITY, false),
    ("causes", schema::CAUSE, true),
    ("breach_types", schema::BREACH_TYPE, true),
    ("doc_types", schema::DOC_TYPE, true),
    ("pii_kinds", schema::PII_KIND, true),
];

/// The delay fields summarised by count, median, 90th percentile and max.
pub const DELAY_FIELDS: &[&str] = &[
    schema::SUPPLIER_TO_CONTROLLER_DAYS,
    schema::NOTIFICATION_DAYS,
    schema::DETECTION_DAYS,
];

/// A breakdown `--by FIELD` asks for: one row per value, with the metrics of
/// [`row_metrics`] under each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByField {
    Supplier,
    Organisation,
    Authority,
    Cause,
    BreachType,
    DocType,
    Year,
    /// Lists the incident groups; computed by [`super::grouping`], not aggregated.
    Incident,
}

impl ByField {
    pub const ALL: [ByField; 8] = [
        ByField::Supplier,
        ByField::Organisation,
        ByField::Authority,
        ByField::Cause,
        ByField::BreachType,
        ByField::DocType,
        ByField::Year,
        ByField::Incident,
    ];

    /// The name `--by` takes, also the key in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            ByField::Supplier => schema::SUPPLIER,
            ByField::Organisation => schema::ORGANISATION,
            ByField::Authority => schema::AUTHORITY,
            ByField::Cause => schema::CAUSE,
            ByField::BreachType => schema::BREACH_TYPE,
            ByField::DocType => schema::DOC_TYPE,
            ByField::Year => schema::YEAR,
            ByField::Incident => "incident",
        }
    }

    pub fn parse(s: &str) -> Option<ByField> {
        let s = s.trim().to_lowercase().replace('-', "_");
        let s = match s.as_str() {
            "suppliers" => "supplier",
            "organisations" | "organization" | "organizations" => "organisation",
            "authorities" => "authority",
            "causes" => "cause",
            "breach_types" => "breach_type",
            "type" | "doc_types" => "doc_type",
            "years" => "year",
            "incidents" => "incident",
            other => other,
        };
        ByField::ALL.into_iter().find(|b| b.name() == s)
    }

    /// The aggregation name of this breakdown.
    pub fn agg_name(self) -> String {
        format!("by_{}", self.name())
    }

    fn is_vocabulary(self) -> bool {
        matches!(
            self,
            ByField::Cause | ByField::BreachType | ByField::DocType
        )
    }
}

/// Counts of true and false on a bool field. (A terms aggregation: in tantivy 0.27
/// `stats` on a bool fast field counts nothing.)
fn yes_no(field: &str) -> Value {
    json!({ "terms": { "field": field, "size": 2 } })
}

/// The metrics under each row of a `--by` breakdown.
pub fn row_metrics() -> Value {
    json!({
        "supplier_involved": yes_no(schema::SUPPLIER_INVOLVED),
        "late_notification": yes_no(schema::LATE_NOTIFICATION),
        "notification_days": { "stats": { "field": schema::NOTIFICATION_DAYS } },
        "supplier_to_controller_days": { "stats": { "field": schema::SUPPLIER_TO_CONTROLLER_DAYS } },
        "affected": { "stats": { "field": schema::AFFECTED } },
    })
}

fn terms(field: &str, size: u32) -> Value {
    json!({
        "field": field,
        "size": size,
        "segment_size": size.saturating_mul(10).max(10_000),
        "missing": MISSING,
        "order": { "_count": "desc" },
    })
}

/// An exact distribution: one bucket per distinct value.
fn distribution(field: &str) -> Value {
    json!({ "histogram": { "field": field, "interval": 1.0, "min_doc_count": 1 } })
}

/// How many terms a ranked list asks for: `top` (0 = all) plus the "none" slot.
fn ranked_size(top: usize, vocabulary: bool) -> u32 {
    if vocabulary {
        VOCABULARY_SIZE
    } else if top == 0 {
        ALL_NAMES
    } else {
        u32::try_from(top + 1).unwrap_or(u32::MAX)
    }
}

/// The whole request: summary figures, plus one breakdown per `by` field.
pub fn build(top: usize, by: &[ByField]) -> Aggregations {
    let mut req = serde_json::Map::new();
    for bool_field in [schema::SUPPLIER_INVOLVED, schema::LATE_NOTIFICATION] {
        req.insert(bool_field.into(), yes_no(bool_field));
    }
    for (key, field, vocabulary) in TERM_BREAKDOWNS {
        req.insert(
            (*key).into(),
            json!({ "terms": terms(field, ranked_size(top, *vocabulary)) }),
        );
    }
    req.insert("years".into(), distribution(schema::YEAR));
    for field in DELAY_FIELDS {
        req.insert((*field).into(), distribution(field));
    }
    req.insert("affected".into(), distribution(schema::AFFECTED));
    req.insert(
        "affected_stats".into(),
        json!({ "stats": { "field": schema::AFFECTED } }),
    );
    for field in by {
        let bucket = match field {
            ByField::Incident => continue,
            ByField::Year => json!({
                "histogram": { "field": schema::YEAR, "interval": 1.0, "min_doc_count": 1 },
                "aggs": row_metrics(),
            }),
            other => json!({
                "terms": terms(other.name(), ranked_size(top, other.is_vocabulary())),
                "aggs": row_metrics(),
            }),
        };
        req.insert(field.agg_name(), bucket);
    }
    serde_json::from_value(Value::Object(req)).expect("the stats request is well-formed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_names_parse_in_singular_plural_and_dashed_forms() {
        assert_eq!(ByField::parse("supplier"), Some(ByField::Supplier));
        assert_eq!(ByField::parse("Suppliers"), Some(ByField::Supplier));
        assert_eq!(ByField::parse("breach-type"), Some(ByField::BreachType));
        assert_eq!(ByField::parse("incident"), Some(ByField::Incident));
        assert_eq!(ByField::parse("colour"), None);
    }

    #[test]
    fn the_request_names_every_summary_figure_and_each_breakdown() {
        let req = build(10, &[ByField::Supplier, ByField::Year, ByField::Incident]);
        let names: Vec<&str> = req.keys().map(String::as_str).collect();
        for name in [
            "supplier_involved",
            "late_notification",
            "suppliers",
            "causes",
            "years",
            "notification_days",
            "affected",
            "by_supplier",
            "by_year",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(!names.contains(&"by_incident"));
    }
}
