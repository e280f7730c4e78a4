//! The results model of `incidex stats`: every figure under a stable name, built from the
//! aggregation results (as tantivy serializes them, Elasticsearch-style JSON) and the
//! incident groups. Serialized as is for `--format json`; the field order is the key order.
//!
//! Medians and 90th percentiles are by nearest rank over the exact distribution: the
//! smallest value with at least half (nine tenths) of the values at or below it. With an
//! even count the median is the lower of the two middle values, always a value that
//! occurs.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::grouping::{Incident, LABEL_FIELDS};
use super::request::{self, ByField, MISSING};
use crate::index::schema;

/// Everything `incidex stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Matched documents.
    pub documents: u64,
    /// Incidents they make by the grouping rule ([`super::grouping`]).
    pub incidents: u64,
    pub supplier_involved: SupplierInvolved,
    pub late_notification: Late,
    pub suppliers: Ranked,
    pub organisations: Ranked,
    pub years: Years,
    pub causes: Ranked,
    pub breach_types: Ranked,
    pub doc_types: Ranked,
    pub authorities: Ranked,
    /// Documents by the kinds of personal data their text holds.
    pub pii_kinds: Ranked,
    pub delays: Delays,
    /// How many documents took each number of days to notify (`notification_days`).
    pub notification_days_distribution: Vec<DayCount>,
    pub affected: AffectedFigures,
    /// The `--by` breakdowns, in the order asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<ByTable>,
    /// The incident groups, largest first, with `--by incident` (and in the report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident_list: Option<Vec<IncidentRow>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupplierInvolved {
    /// Documents saying a supplier was involved.
    pub count: u64,
    /// `count` over `documents`; null without documents.
    pub share: Option<f64>,
    /// Incidents with at least one such document.
    pub incidents: u64,
    pub incident_share: Option<f64>,
}

/// Late notifications among the documents whose lateness is known.
#[derive(Debug, Clone, Serialize)]
pub struct Late {
    pub known: u64,
    pub late: u64,
    pub share: Option<f64>,
}

/// A ranked list of names (or a vocabulary), most documents first, ties by name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ranked {
    /// Documents with no value at all.
    pub none: u64,
    pub values: Vec<NameCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NameCount {
    pub name: String,
    pub documents: u64,
    /// Incidents naming it (organisations and suppliers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Years {
    /// By the year of `incident_start`, else of `discovered`; incidents by their
    /// earliest document's year.
    pub values: Vec<YearCount>,
    pub unknown: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: i64,
    pub documents: u64,
    pub incidents: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub documents: u64,
    pub incidents: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Delays {
    pub supplier_to_controller_days: Spread,
    pub notification_days: Spread,
    pub detection_days: Spread,
}

/// A distribution of day counts over the documents that know them.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Spread {
    pub count: u64,
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayCount {
    pub days: i64,
    pub documents: u64,
}

/// Data subjects affected, by the upper bound of each document's count.
#[derive(Debug, Clone, Serialize)]
pub struct AffectedFigures {
    pub total: u64,
    pub median: Option<u64>,
    pub max: Option<u64>,
    pub with_count: u64,
    pub without_count: u64,
}

/// One `--by FIELD` breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct ByTable {
    pub field: String,
    pub rows: Vec<ByRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ByRow {
    /// The name, vocabulary entry or year; `null` for the documents without one.
    pub value: Option<String>,
    pub documents: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents: Option<u64>,
    pub supplier_involved: u64,
    pub late: u64,
    pub late_known: u64,
    pub notification_days_mean: Option<f64>,
    pub notification_days_max: Option<i64>,
    pub supplier_to_controller_days_mean: Option<f64>,
    pub supplier_to_controller_days_max: Option<i64>,
    pub affected_total: u64,
}

/// One incident group as listed.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRow {
    /// Its rank in the list, from 1.
    pub incident: usize,
    pub documents: usize,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub year: Option<i64>,
    pub supplier_involved: bool,
    /// People affected: the largest count its documents give.
    pub affected: Option<u64>,
    pub organisations: Vec<String>,
    pub suppliers: Vec<String>,
    /// Its first documents (at most [`super::MEMBERS_LISTED`]).
    pub members: Vec<Member>,
    /// How its documents were joined, by positions in its documents.
    pub joins: Vec<super::grouping::Join>,
}

/// A document of a listed incident, from its stored fields.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: String,
    pub source: String,
    /// Its other paths: files that load to the same text (a PDF or HTML copy).
    pub also_at: Vec<String>,
    pub title: Option<String>,
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The value at nearest rank `p` (0 < p ≤ 1) of a sorted distribution of (value, count).
pub fn nearest_rank(distribution: &[(i64, u64)], p: f64) -> Option<i64> {
    let n: u64 = distribution.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
    let mut seen = 0;
    for &(value, count) in distribution {
        seen += count;
        if seen >= rank {
            return Some(value);
        }
    }
    distribution.last().map(|(v, _)| *v)
}

/// The buckets of a histogram result as sorted (value, count).
fn distribution_of(result: &Value) -> Vec<(i64, u64)> {
    let mut out: Vec<(i64, u64)> = buckets(result)
        .iter()
        .filter_map(|b| Some((b["key"].as_f64()? as i64, b["doc_count"].as_u64()?)))
        .filter(|(_, count)| *count > 0)
        .collect();
    out.sort();
    out
}

fn buckets(result: &Value) -> &[Value] {
    result["buckets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn spread(distribution: &[(i64, u64)]) -> Spread {
    Spread {
        count: distribution.iter().map(|(_, c)| c).sum(),
        median: nearest_rank(distribution, 0.5),
        p90: nearest_rank(distribution, 0.9),
        max: distribution.last().map(|(v, _)| *v),
    }
}

/// Terms of a bool field: (documents knowing it, documents where it is true).
fn bool_counts(result: &Value) -> (u64, u64) {
    let (mut known, mut yes) = (0, 0);
    for bucket in buckets(result) {
        let count = bucket["doc_count"].as_u64().unwrap_or(0);
        known += count;
        if bucket["key_as_string"] == "true" || bucket["key"] == 1 {
            yes += count;
        }
    }
    (known, yes)
}

/// Incidents per name, for the names of organisations or suppliers.
fn incidents_per_name(
    incidents: &[Incident],
    pick: fn(&Incident) -> &[String],
) -> HashMap<String, u64> {
    let mut out = HashMap::new();
    for incident in incidents {
        for name in pick(incident) {
            *out.entry(name.clone()).or_default() += 1;
        }
    }
    out
}

/// A ranked list from a terms result, cut to `top` (0 = all).
fn ranked(result: &Value, top: usize, incidents: Option<&HashMap<String, u64>>) -> Ranked {
    let mut out = Ranked::default();
    for bucket in buckets(result) {
        let name = bucket["key"].as_str().unwrap_or_default();
        let documents = bucket["doc_count"].as_u64().unwrap_or(0);
        if name == MISSING {
            out.none = documents;
        } else {
            out.values.push(NameCount {
                name: name.to_string(),
                documents,
                incidents: incidents.map(|m| m.get(name).copied().unwrap_or(0)),
            });
        }
    }
    out.values
        .sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
    if top > 0 {
        out.values.truncate(top);
    }
    out
}

/// The document types in the order an incident is filed under when its documents are of
/// several: the controller's own form or investigation before what others wrote of it.
const DOC_TYPE_PRECEDENCE: &[&str] = &[
    "breach_notification",
    "lex_sarah_report",
    "news_article",
    "faq_page",
];

/// The rows of a `--by` breakdown an incident counts in. For a field with one value per
/// document (year, doc_type) exactly one, so the incidents and their people add up to
/// the whole: its year, its first document type by [`DOC_TYPE_PRECEDENCE`]. For names and
/// vocabularies every value its documents have, or the `(none)` row when they have none.
fn incident_rows(incident: &Incident, field: ByField) -> Vec<Option<String>> {
    let label = |name: &str| {
        let i = LABEL_FIELDS.iter().position(|f| *f == name);
        i.and_then(|i| incident.labels.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let values = match field {
        ByField::Year => return vec![incident.year.map(|y| y.to_string())],
        ByField::DocType => {
            let types = label(schema::DOC_TYPE);
            let first = DOC_TYPE_PRECEDENCE
                .iter()
                .find(|t| types.iter().any(|have| have == *t))
                .map(|t| t.to_string());
            return vec![first.or_else(|| types.first().cloned())];
        }
        ByField::Supplier => incident.suppliers.clone(),
        ByField::Organisation => incident.organisations.clone(),
        ByField::Authority => label(schema::AUTHORITY),
        ByField::Cause => label(schema::CAUSE),
        ByField::BreachType => label(schema::BREACH_TYPE),
        ByField::Incident => return Vec::new(),
    };
    if values.is_empty() {
        vec![None]
    } else {
        values.into_iter().map(Some).collect()
    }
}

/// Per row of a `--by` breakdown: the incidents in it and the people they affected, each
/// incident's largest count once.
fn incidents_per_row(
    incidents: &[Incident],
    field: ByField,
) -> HashMap<Option<String>, (u64, u64)> {
    let mut out: HashMap<Option<String>, (u64, u64)> = HashMap::new();
    for incident in incidents {
        for row in incident_rows(incident, field) {
            let entry = out.entry(row).or_default();
            entry.0 += 1;
            entry.1 += incident.affected.unwrap_or(0);
        }
    }
    out
}

/// Builds every figure from the aggregation results `aggs` (as JSON) and the incident
/// groups of the same documents.
pub fn build(
    aggs: &Value,
    documents: u64,
    incidents: &[Incident],
    top: usize,
    by: &[ByField],
) -> Stats {
    let supplier_incidents = incidents_per_name(incidents, |i| &i.suppliers);
    let organisation_incidents = incidents_per_name(incidents, |i| &i.organisations);
    let mut year_incidents: HashMap<Option<i64>, u64> = HashMap::new();
    for incident in incidents {
        *year_incidents.entry(incident.year).or_default() += 1;
    }

    let (_, involved) = bool_counts(&aggs["supplier_involved"]);
    let involved_incidents = incidents.iter().filter(|i| i.supplier_involved).count() as u64;
    let (known, late) = bool_counts(&aggs["late_notification"]);

    let years_dist = distribution_of(&aggs["years"]);
    let dated: u64 = years_dist.iter().map(|(_, c)| c).sum();
    let years = Years {
        values: years_dist
            .iter()
            .map(|&(year, documents)| YearCount {
                year,
                documents,
                incidents: year_incidents.get(&Some(year)).copied().unwrap_or(0),
            })
            .collect(),
        unknown: Counts {
            documents: documents.saturating_sub(dated),
            incidents: year_incidents.get(&None).copied().unwrap_or(0),
        },
    };

    let delay = |field: &str| spread(&distribution_of(&aggs[field]));
    let notification = distribution_of(&aggs[request::DELAY_FIELDS[1]]);

    let affected_dist = distribution_of(&aggs["affected"]);
    let affected_stats = &aggs["affected_stats"];
    let with_count = affected_stats["count"].as_u64().unwrap_or(0);
    let affected = AffectedFigures {
        // Per incident: one breach reported by three documents counts its people once.
        total: incidents.iter().filter_map(|i| i.affected).sum(),
        median: nearest_rank(&affected_dist, 0.5).map(|v| v.max(0) as u64),
        max: affected_stats["max"].as_f64().map(|v| v as u64),
        with_count,
        without_count: documents.saturating_sub(with_count),
    };

    // The whole as one row: what a single-valued breakdown's rows add up to.
    let totals = ByRow {
        value: None,
        documents,
        incidents: Some(incidents.len() as u64),
        supplier_involved: involved,
        late,
        late_known: known,
        notification_days_mean: None,
        notification_days_max: None,
        supplier_to_controller_days_mean: None,
        supplier_to_controller_days_max: None,
        affected_total: incidents.iter().filter_map(|i| i.affected).sum(),
    };
    let by_tables = by
        .iter()
        .filter(|b| **b != ByField::Incident)
        .map(|field| ByTable {
            field: field.name().to_string(),
            rows: by_rows(
                &aggs[field.agg_name()],
                *field,
                documents,
                top,
                &incidents_per_row(incidents, *field),
                &totals,
            ),
        })
        .collect();

    Stats {
        documents,
        incidents: incidents.len() as u64,
        supplier_involved: SupplierInvolved {
            count: involved,
            share: share(involved, documents),
            incidents: involved_incidents,
            incident_share: share(involved_incidents, incidents.len() as u64),
        },
        late_notification: Late {
            known,
            late,
            share: share(late, known),
        },
        suppliers: ranked(&aggs["suppliers"], top, Some(&supplier_incidents)),
        organisations: ranked(&aggs["organisations"], top, Some(&organisation_incidents)),
        years,
        causes: ranked(&aggs["causes"], 0, None),
        breach_types: ranked(&aggs["breach_types"], 0, None),
        doc_types: ranked(&aggs["doc_types"], 0, None),
        authorities: ranked(&aggs["authorities"], top, None),
        pii_kinds: ranked(&aggs["pii_kinds"], 0, None),
        delays: Delays {
            supplier_to_controller_days: delay(request::DELAY_FIELDS[0]),
            notification_days: spread(&notification),
            detection_days: delay(request::DELAY_FIELDS[2]),
        },
        notification_days_distribution: notification
            .iter()
            .map(|&(days, documents)| DayCount { days, documents })
            .collect(),
        affected,
        by: by_tables,
        incident_list: None,
    }
}

fn by_rows(
    result: &Value,
    field: ByField,
    documents: u64,
    top: usize,
    per_row: &HashMap<Option<String>, (u64, u64)>,
    totals: &ByRow,
) -> Vec<ByRow> {
    let of_row = |value: &Option<String>| per_row.get(value).copied().unwrap_or_default();
    let mut rows: Vec<ByRow> = buckets(result)
        .iter()
        .filter(|b| b["doc_count"].as_u64().unwrap_or(0) > 0)
        .map(|b| {
            let value = match &b["key"] {
                Value::String(s) if s == MISSING => None,
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some((n.as_f64().unwrap_or_default() as i64).to_string()),
                other => Some(other.to_string()),
            };
            let (_, involved) = bool_counts(&b["supplier_involved"]);
            let (late_known, late) = bool_counts(&b["late_notification"]);
            let mean = |name: &str| b[name]["avg"].as_f64();
            let max = |name: &str| b[name]["max"].as_f64().map(|v| v as i64);
            let (incidents, affected) = of_row(&value);
            ByRow {
                value,
                documents: b["doc_count"].as_u64().unwrap_or(0),
                incidents: Some(incidents),
                supplier_involved: involved,
                late,
                late_known,
                notification_days_mean: mean("notification_days"),
                notification_days_max: max("notification_days"),
                supplier_to_controller_days_mean: mean("supplier_to_controller_days"),
                supplier_to_controller_days_max: max("supplier_to_controller_days"),
                affected_total: affected,
            }
        })
        .collect();
    if field == ByField::Year {
        rows.sort_by(|a, b| a.value.cmp(&b.value));
        // A document has one year or none: the undated row is the whole less the years.
        let sum = |f: fn(&ByRow) -> u64| rows.iter().map(f).sum::<u64>();
        let dated = sum(|r| r.documents);
        if documents > dated {
            let (incidents, affected) = of_row(&None);
            rows.push(ByRow {
                value: None,
                documents: documents - dated,
                incidents: Some(incidents),
                supplier_involved: totals
                    .supplier_involved
                    .saturating_sub(sum(|r| r.supplier_involved)),
                late: totals.late.saturating_sub(sum(|r| r.late)),
                late_known: totals.late_known.saturating_sub(sum(|r| r.late_known)),
                notification_days_mean: None,
                notification_days_max: None,
                supplier_to_controller_days_mean: None,
                supplier_to_controller_days_max: None,
                affected_total: affected,
            });
        }
    } else {
        // Most documents first, ties by name, the documents without a value last.
        rows.sort_by(|a, b| {
            (a.value.is_none(), std::cmp::Reverse(a.documents), &a.value).cmp(&(
                b.value.is_none(),
                std::cmp::Reverse(b.documents),
                &b.value,
            ))
        });
        if top > 0 {
            let named = rows.iter().filter(|r| r.value.is_some()).count();
            if named > top {
                rows.drain(top..named);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_takes_a_value_that_occurs() {
        let d = [(1, 1), (3, 1), (5, 1), (8, 1)];
        assert_eq!(nearest_rank(&d, 0.5), Some(3));
        assert_eq!(nearest_rank(&d, 0.9), Some(8));
        assert_eq!(nearest_rank(&[(2, 3), (9, 1)], 0.5), Some(2));
        assert_eq!(nearest_rank(&[], 0.5), None);
        assert_eq!(nearest_rank(&[(-4, 1)], 0.9), Some(-4));
    }

    #[test]
    fn spread_counts_every_value() {
        let s = spread(&[(0, 2), (1, 1), (4, 1), (30, 1)]);
        assert_eq!(
            s,
            Spread {
                count: 5,
                median: Some(1),
                p90: Some(30),
                max: Some(30)
            }
        );
    }
}
