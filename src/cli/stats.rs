//! `incidex stats`: figures across incidents, for the whole index or the documents a query
//! matches, as an aligned table, CSV or one JSON object.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::args::{FilterArgs, IndexArg};
use super::exit;
use incidex::index::search::{self, Searcher};
use incidex::stats::{self, ByField, Options, render};

const AFTER_HELP: &str = "\
Documents are grouped into incidents: two documents naming a common organisation or
supplier whose dates overlap or lie at most 30 days apart are one incident (transitively);
a document without dates joins the one incident its names lead to. --explain says why
each document is in its incident.

Examples:
  incidex stats
  incidex stats --by supplier --format csv > suppliers.csv
  incidex stats --query 'cause:attack' --from 2019-01-01 --format json
  incidex stats --by incident --limit 50
  incidex stats --explain --supplier visma";

/// The query and the shorthand filters of `incidex search`, shared by `stats` and `report`.
#[derive(Debug, Args, Clone, Default)]
pub struct QueryArgs {
    /// Only documents matching this query (the syntax of `incidex search`).
    ///
    /// Default: every document. Example: --query 'leverantör AND cause:attack'
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,
}

impl QueryArgs {
    /// The query text: the query and the filters, ANDed.
    pub fn query_text(&self) -> String {
        search::combine(self.query.as_deref().unwrap_or(""), &self.filters.filters())
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

    /// Say how documents were grouped into incidents and, for each incident, which
    /// documents were joined and why (instead of the figures).
    ///
    /// Example: --explain --supplier visma
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub index: IndexArg,

    #[command(flatten)]
    pub redact: super::redaction::RedactArg,
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
    super::search::note_undated(
        &searcher,
        args.query.query.as_deref().unwrap_or(""),
        &args.query.filters.filters(),
    )?;
    let listed = if args.explain {
        usize::MAX
    } else if args.by.contains(&ByField::Incident) {
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
    let mut stats = stats::compute(&index, &*query, &options)?;
    if let Some(r) = args.redact.redactor(&args.index.index)? {
        super::redaction::stats(&mut stats, &r);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        _ if args.explain => super::explain::write(&mut out, &stats)?,
        Format::Json => render::write_json(&mut out, &stats)?,
        Format::Csv => render::write_csv(&mut out, &render::sections(&stats))?,
        // Nothing matched: one line, not a page of empty tables.
        Format::Table if stats.documents == 0 => writeln!(
            out,
            "no documents match; `incidex stats` without a query counts them all"
        )?,
        Format::Table => {
            render::write_table(&mut out, &render::sections(&stats))?;
            if !stats.by.is_empty() {
                writeln!(out, "\n{}", render::BY_LEGEND)?;
            }
        }
    }
    out.flush()?;
    Ok(if stats.documents == 0 {
        exit::NO_MATCH
    } else {
        exit::OK
    })
}
