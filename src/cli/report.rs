//! `incidex report`: the figures of `incidex stats` as one self-contained HTML page with
//! charts, written to a file.

use std::path::PathBuf;

use clap::Args;

use super::args::IndexArg;
use super::exit;
use super::stats::QueryArgs;
use incidex::index::search::Searcher;
use incidex::stats::{self, Options};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  incidex report --out report.html
  incidex report --out suppliers-2020.html --query supplier_involved:true --from 2020-01-01")]
pub struct ReportArgs {
    /// Write the HTML page to FILE.
    ///
    /// Default: report.html. Example: --out ~/incidents-2021.html
    #[arg(long, short = 'o', value_name = "FILE", default_value = "report.html")]
    pub out: PathBuf,

    #[command(flatten)]
    pub query: QueryArgs,

    /// The page's heading.
    ///
    /// Default: "Personal-data incidents". Example: --title "Incidents 2019–2021"
    #[arg(long, value_name = "TEXT", default_value = "Personal-data incidents")]
    pub title: String,

    /// Names in each ranked table (0 = all).
    ///
    /// Default: 15. Example: --top 30
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub top: usize,

    /// Incidents listed, largest first (0 = none).
    ///
    /// Default: 50. Example: --incidents 200
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub incidents: usize,

    #[command(flatten)]
    pub index: IndexArg,

    #[command(flatten)]
    pub redact: super::redaction::RedactArg,
}

pub fn run(args: ReportArgs) -> anyhow::Result<i32> {
    let index = incidex::index::open(&args.index.index)?;
    let searcher = Searcher::new(&index)?;
    let query_text = args.query.query_text();
    let query = searcher.parse(&query_text)?;
    let options = Options {
        top: args.top,
        by: Vec::new(),
        incidents_listed: args.incidents,
    };
    let mut stats = stats::compute(&index, &*query, &options)?;
    if let Some(r) = args.redact.redactor(&args.index.index)? {
        super::redaction::stats(&mut stats, &r);
    }
    let meta = incidex::report::Meta {
        title: args.title.clone(),
        query: (query_text != "*").then_some(query_text),
        index: args.index.index.display().to_string(),
        generated: chrono::Local::now().format("%Y-%m-%d").to_string(),
    };
    let html = incidex::report::render(&stats, &meta);
    std::fs::write(&args.out, html)
        .map_err(|e| anyhow::anyhow!("{}: {}", args.out.display(), incidex::walk::io_reason(&e)))?;
    println!(
        "wrote {}: {} documents, {} incidents",
        args.out.display(),
        stats.documents,
        stats.incidents
    );
    Ok(if stats.documents == 0 {
        exit::NO_MATCH
    } else {
        exit::OK
    })
}
