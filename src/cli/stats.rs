//! `incidex stats`: figures across incidents, for the whole index or the documents a query
//! matches, as an aligned table, CSV or one JSON object.

use std::io::Write;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::args::IndexArg;
use super::exit;
use incidex::index::search::{self, Filters, Searcher};
use incidex::stats::{self, ByField, Options, render};

const AFTER_HELP: &str = "\
Documents are grouped into incidents: two documents naming a common organisation or
supplier whose dates overlap or lie at most 30 days apart are one incident (transitively);
a document without dates or names is an incident of its own.

Examples:
  incidex stats
  incidex stats --by supplier --format csv > suppliers.csv
  incidex stats --query 'cause:attack' --from 2019-01-01 --format json
  incidex stats --by incident --limit 50";

/// The query and the shorthand filters of `incidex search`, shared by `stats` and `report`.
#[derive(Debug, Args, Clone, Default)]
pub struct QueryArgs {
    /// Only documents matching this query (the syntax of `incidex search`).
    ///
    /// Default: every document. Example: --query 'leverantör AND cause:attack'
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,

    /// Only incidents with this supplier (a name or a word of it).
    ///
    /// Case-insensitive; `telia` finds "Telia Company AB". Example: --supplier tieto
    #[arg(long, value_name = "NAME")]
    pub supplier: Option<String>,

    /// Only incidents of this organisation (a name or a word of it).
    ///
    /// Example: --organisation "Stockholms stad"
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,

    /// Only incidents reported to the authority later than 72 hours.
    ///
    /// As the record says (late_notification:true). Example: --late
    #[arg(long)]
    pub late: bool,

    /// Only incidents whose notification took at least DAYS days.
    ///
    /// Example: --min-delay 4
    #[arg(long, value_name = "DAYS")]
    pub min_delay: Option<i64>,

    /// Only incidents on or after DATE (YYYY-MM-DD), by their first known date.
    ///
    /// Example: --from 2019-01-01
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Only incidents on or before DATE (YYYY-MM-DD), by their first known date.
    ///
    /// Example: --to 2019-12-31
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// Only documents of this type.
    ///
    /// news_article, lex_sarah_report, breach_notification, faq_page, other.
    /// Example: --type lex_sarah_report
    #[arg(long = "type", value_name = "DOC_TYPE")]
    pub doc_type: Option<String>,
}

impl QueryArgs {
    /// The query text: the query and the filters, ANDed.
    pub fn query_text(&self) -> String {
        let filters = Filters {
            supplier: self.supplier.clone(),
            organisation: self.organisation.clone(),
            late: self.late,
            min_delay: self.min_delay,
            from: self.from,
            to: self.to,
            doc_type: self.doc_type.clone(),
        };
        search::combine(self.query.as_deref().unwrap_or(""), &filters)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON object (keys in the README).
    Json,
    /// CSV with a header row: section,key,metric,value.
    Csv,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct StatsArgs {
    #[command(flatten)]
    pub query: QueryArgs,

    /// Break the figures down by FIELD (repeatable).
    ///
    /// One row per value with documents, incidents, supplier involvement, late
    /// notifications, delays and people affected. FIELD: supplier, organisation,
    /// authority, cause, breach_type, doc_type, year, or incident (lists the incident
    /// groups). Example: --by supplier --by year
    #[arg(long, value_name = "FIELD", value_parser = parse_by)]
    pub by: Vec<ByField>,

    /// Output format.
    ///
    /// Default: table. Example: --format csv
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Names in each ranked list (0 = all).
    ///
    /// Default: 10. Example: --top 25
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Incident groups listed with --by incident (0 = all).
    ///
    /// Largest first. Default: 20. Example: --limit 100
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    #[command(flatten)]
    pub index: IndexArg,
}

fn parse_by(s: &str) -> Result<ByField, String> {
    ByField::parse(s).ok_or_else(|| {
        let names: Vec<&str> = ByField::ALL.iter().map(|b| b.name()).collect();
        format!("no breakdown `{s}`; one of: {}", names.join(", "))
    })
}

pub fn run(args: StatsArgs) -> anyhow::Result<i32> {
    let index = incidex::index::open(&args.index.index)?;
    let searcher = Searcher::new(&index)?;
    let query = searcher.parse(&args.query.query_text())?;
    let listed = if args.by.contains(&ByField::Incident) {
        if args.limit == 0 {
            usize::MAX
        } else {
            args.limit
        }
    } else {
        0
    };
    let options = Options {
        top: args.top,
        by: args.by.clone(),
        incidents_listed: listed,
    };
    let stats = stats::compute(&index, &*query, &options)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => render::write_json(&mut out, &stats)?,
        Format::Csv => render::write_csv(&mut out, &render::sections(&stats))?,
        Format::Table => render::write_table(&mut out, &render::sections(&stats))?,
    }
    out.flush()?;
    Ok(if stats.documents == 0 {
        exit::NO_MATCH
    } else {
        exit::OK
    })
}
