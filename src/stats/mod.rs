//! Cross-incident statistics over the index: documents, incidents, suppliers, years,
//! causes, delays, late notifications and affected people, for the whole index or the
//! documents a query matches.
//!
//! One search does it: tantivy's `AggregationCollector` runs the request of [`request`]
//! over fast fields, and beside it [`grouping::GroupingCollector`] reads the fast fields
//! that group documents into incidents. [`figures`] turns both into [`Stats`], which
//! [`render`] prints as a table, CSV or JSON.
//!
//! Limits: no stored document is read for the figures. Listing incident groups
//! (`--by incident`, the report) reads the stored id, path and title of at most
//! [`MEMBERS_LISTED`] documents for each listed group, and only for the groups listed.

pub mod figures;
pub mod grouping;
pub mod render;
pub mod request;

use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::query::Query;
use tantivy::schema::Value as _;
use tantivy::{DocAddress, Index, TantivyDocument};

pub use figures::Stats;
pub use request::ByField;

use crate::index::schema::Fields;

/// Documents shown for each listed incident.
pub const MEMBERS_LISTED: usize = 10;

/// Buckets one request may make: every distinct day count, year, affected count and name
/// is a bucket.
const BUCKET_LIMIT: u32 = 2_000_000;

/// What to compute beyond the summary.
#[derive(Debug, Clone)]
pub struct Options {
    /// Names in each ranked list (0 = all).
    pub top: usize,
    /// Breakdowns to add, in order.
    pub by: Vec<ByField>,
    /// Incident groups to list (0 = none).
    pub incidents_listed: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top: 10,
            by: Vec::new(),
            incidents_listed: 0,
        }
    }
}

/// Computes the statistics of the documents `query` matches in `index`.
pub fn compute(index: &Index, query: &dyn Query, options: &Options) -> anyhow::Result<Stats> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let aggregations = request::build(options.top, &options.by);
    let limits = AggregationLimitsGuard::new(None, Some(BUCKET_LIMIT));
    let collector = AggregationCollector::from_aggs(
        aggregations,
        AggContextParams::new(limits, index.tokenizers().clone()),
    );
    let (results, facts) = searcher.search(query, &(collector, grouping::GroupingCollector))?;
    let incidents = grouping::group(&facts);
    let aggs = serde_json::to_value(&results)?;
    let mut stats = figures::build(
        &aggs,
        facts.docs.len() as u64,
        &incidents,
        options.top,
        &options.by,
    );
    if options.incidents_listed > 0 {
        let fields = Fields::new(index.schema());
        let mut rows = Vec::new();
        for (i, incident) in incidents.iter().take(options.incidents_listed).enumerate() {
            let members = incident
                .documents
                .iter()
                .take(MEMBERS_LISTED)
                .map(|&address| member(&searcher, &fields, address))
                .collect::<anyhow::Result<Vec<_>>>()?;
            rows.push(figures::IncidentRow {
                incident: i + 1,
                documents: incident.documents.len(),
                first: incident.first,
                last: incident.last,
                year: incident.year,
                supplier_involved: incident.supplier_involved,
                affected: incident.affected,
                organisations: incident.organisations.clone(),
                suppliers: incident.suppliers.clone(),
                members,
                joins: incident.joins.clone(),
            });
        }
        stats.incident_list = Some(rows);
    }
    Ok(stats)
}

/// The id, source path and title stored with a document.
fn member(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    address: DocAddress,
) -> anyhow::Result<figures::Member> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(String::from)
    };
    let mut paths = doc
        .get_all(fields.path)
        .filter_map(|v| v.as_str().map(String::from));
    Ok(figures::Member {
        id: text(fields.id).unwrap_or_default(),
        source: paths.next().unwrap_or_default(),
        also_at: paths.collect(),
        // The heading search and show print: the title, else the text's first line.
        title: Some(crate::index::search::heading_text(
            text(fields.title).as_deref(),
            &crate::index::document::body_of(fields, &doc),
        )),
    })
}
