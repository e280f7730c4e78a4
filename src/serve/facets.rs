//! Facet counts for the search page: how many of the matching documents each supplier,
//! organisation, authority, document type, year and yes/no answer has. One aggregation
//! over fast fields, collected in the same pass as the hits.

use serde_json::{Value, json};
use tantivy::Index;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};

use super::params::Key;
use crate::index::schema;

/// Values listed per facet.
const SHOWN: u32 = 8;

/// The facets, in the order the page shows them: (filter, index field, values asked for).
const FACETS: &[(Key, &str, u32)] = &[
    (Key::Involved, schema::SUPPLIER_INVOLVED, 2),
    (Key::Late, schema::LATE_NOTIFICATION, 2),
    (Key::DocType, schema::DOC_TYPE, 10),
    (Key::Supplier, schema::SUPPLIER, SHOWN),
    (Key::Organisation, schema::ORGANISATION, SHOWN),
    (Key::Authority, schema::AUTHORITY, SHOWN),
];

/// One facet: its filter and the values with their document counts, most first.
#[derive(Debug, Clone)]
pub struct Facet {
    pub key: Key,
    /// (value as the filter takes it, documents).
    pub values: Vec<(String, u64)>,
}

/// The collector to pass beside the hits.
pub fn collector(index: &Index) -> AggregationCollector {
    let mut req = serde_json::Map::new();
    for (key, field, size) in FACETS {
        req.insert(
            key.name().into(),
            json!({ "terms": { "field": field, "size": size, "segment_size": 1000,
                               "order": { "_count": "desc" } } }),
        );
    }
    req.insert(
        Key::Year.name().into(),
        json!({ "histogram": { "field": schema::YEAR, "interval": 1.0, "min_doc_count": 1 } }),
    );
    let aggs: Aggregations =
        serde_json::from_value(Value::Object(req)).expect("the facet request is well-formed");
    AggregationCollector::from_aggs(
        aggs,
        AggContextParams::new(
            AggregationLimitsGuard::new(None, Some(100_000)),
            index.tokenizers().clone(),
        ),
    )
}

/// The facets of the collected results, empty ones left out.
pub fn read(results: &AggregationResults) -> Vec<Facet> {
    let json = serde_json::to_value(results).unwrap_or_default();
    let mut out = Vec::new();
    for key in FACETS.iter().map(|f| f.0).chain([Key::Year]) {
        let buckets = json[key.name()]["buckets"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut values: Vec<(String, u64)> = buckets
            .iter()
            .filter_map(|b| {
                let count = b["doc_count"].as_u64()?;
                let value = match (&b["key_as_string"], &b["key"]) {
                    (Value::String(s), _) if key != Key::Year => s.clone(),
                    (_, Value::String(s)) => s.clone(),
                    (_, Value::Number(n)) if key == Key::Year => (n.as_f64()? as i64).to_string(),
                    (_, Value::Number(n)) => (n.as_u64()? == 1).to_string(),
                    (_, Value::Bool(b)) => b.to_string(),
                    _ => return None,
                };
                (count > 0).then_some((value, count))
            })
            .collect();
        if key == Key::Year {
            values.sort_by(|a, b| b.0.cmp(&a.0));
        }
        if !values.is_empty() {
            out.push(Facet { key, values });
        }
    }
    out
}
