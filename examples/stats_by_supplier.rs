//! # Statistics by supplier
//!
//! How `incidex stats --by supplier` works: tantivy aggregations over fast fields, run
//! under a query, beside a collector that groups documents into incidents. Run it with
//! `cargo run --example stats_by_supplier`. Read `swedish_analyzer.rs` first for the
//! index itself.
//!
//! We will:
//! - index six small incident records in RAM (a news article and a form about one
//!   supplier failure among them);
//! - look at the Elasticsearch-style aggregation request incidex builds;
//! - compute the statistics for every document, then only for late notifications;
//! - print the breakdown by supplier as `incidex stats` prints it.

use chrono::NaiveDate;
use tantivy::Index;

use incidex::index::search::Searcher;
use incidex::index::{analyzer, document, schema};
use incidex::record::{Affected, Dates, Delays, IncidentRecord};
use incidex::stats::{self, ByField, Options, render};

/// A record as extraction would make it: who, which supplier, and the dates that matter
/// for delays. The delays are derived from the dates, as `incidex extract` does.
fn record(
    id: &str,
    doc_type: &str,
    organisation: &str,
    supplier: Option<&str>,
    dates: [Option<&str>; 4],
    affected: Option<u64>,
) -> IncidentRecord {
    let day = |s: Option<&str>| s.map(|s| s.parse::<NaiveDate>().expect("a date"));
    let dates = Dates {
        incident_start: day(dates[0]),
        discovered: day(dates[1]),
        controller_informed: day(dates[2]),
        authority_notified: day(dates[3]),
        ..Dates::default()
    };
    IncidentRecord {
        source: format!("{id}.txt"),
        id: id.repeat(64 / id.len()),
        format: "text".into(),
        language: "sv".into(),
        doc_type: doc_type.into(),
        title: Some(format!("Incident hos {organisation}")),
        organisations: vec![organisation.into()],
        suppliers: supplier.map(String::from).into_iter().collect(),
        supplier_involved: supplier.is_some(),
        authorities: vec!["IMY".into()],
        affected: affected.map(|n| Affected {
            min: n,
            max: n,
            unit: Some("personer".into()),
            text: format!("{n} personer"),
        }),
        delays: Delays::derive(&dates, None),
        dates,
        causes: vec!["technical_error".into()],
        ..IncidentRecord::default()
    }
}

fn main() -> anyhow::Result<()> {
    // Six records. `a1` (news) and `a2` (the form) are about the same Visma failure at
    // Västerås stad: same organisation, dates days apart, so they make one incident.
    let records = [
        record(
            "a1",
            "news_article",
            "Västerås stad",
            Some("Visma"),
            [
                Some("2022-03-01"),
                Some("2022-03-03"),
                Some("2022-03-04"),
                Some("2022-03-07"),
            ],
            Some(300),
        ),
        record(
            "a2",
            "breach_notification",
            "Västerås stad",
            Some("Visma"),
            [
                None,
                Some("2022-03-03"),
                Some("2022-03-04"),
                Some("2022-03-07"),
            ],
            Some(300),
        ),
        record(
            "b1",
            "breach_notification",
            "Umeå kommun",
            Some("Tieto"),
            [
                Some("2021-05-02"),
                Some("2021-05-10"),
                Some("2021-05-20"),
                Some("2021-05-21"),
            ],
            Some(1200),
        ),
        record(
            "c1",
            "lex_sarah_report",
            "Region Skåne",
            Some("Tieto"),
            [
                Some("2020-01-10"),
                Some("2020-01-12"),
                Some("2020-01-12"),
                Some("2020-01-14"),
            ],
            None,
        ),
        record(
            "d1",
            "news_article",
            "Luleå kommun",
            None,
            [
                Some("2019-09-01"),
                Some("2019-09-02"),
                Some("2019-09-02"),
                Some("2019-09-09"),
            ],
            Some(45),
        ),
        record(
            "e1",
            "faq_page",
            "Malmö stad",
            None,
            [None, None, None, None],
            None,
        ),
    ];

    // An index in RAM with incidex's schema and analyzers; each record becomes one
    // document with its fields as fast fields.
    let index = Index::builder()
        .schema(schema::build())
        .tokenizers(analyzer::index_tokenizers())
        .create_in_ram()?;
    let fields = schema::Fields::new(index.schema());
    let mut writer = index.writer::<tantivy::TantivyDocument>(50_000_000)?;
    for r in &records {
        writer.add_document(document::to_document(&fields, r, "Personuppgiftsincident."))?;
    }
    writer.commit()?;

    // The request: terms for names, histograms of interval 1 for day counts (the exact
    // distribution, for exact medians), terms on the bool fields, and one `by_supplier`
    // terms aggregation with metrics under each supplier.
    let request = stats::request::build(10, &[ByField::Supplier]);
    println!(
        "the by_supplier aggregation: {}\n",
        &serde_json::to_string(&request["by_supplier"])?
    );

    // Everything: the query `*`, parsed as `incidex search` parses it.
    let searcher = Searcher::new(&index)?;
    let options = Options {
        top: 10,
        by: vec![ByField::Supplier],
        incidents_listed: 0,
    };
    let all = stats::compute(&index, &*searcher.parse("*")?, &options)?;
    println!(
        "{} documents, {} incidents; median notification {:?} days\n",
        all.documents, all.incidents, all.delays.notification_days.median
    );
    render::write_table(&mut std::io::stdout(), &render::sections(&all))?;

    // The same under a query: only the late notifications (more than 72 hours).
    let late = stats::compute(
        &index,
        &*searcher.parse("late_notification:true")?,
        &options,
    )?;
    println!(
        "\nlate notifications: {} documents, suppliers {:?}",
        late.documents,
        late.suppliers
            .values
            .iter()
            .map(|s| (&s.name, s.documents))
            .collect::<Vec<_>>()
    );
    Ok(())
}
