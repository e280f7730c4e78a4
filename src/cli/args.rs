//! Flags and commands, with clap derive. Every flag has a one-line help and a long help
//! giving its default and an example.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Exit status: 0 all done; 1 a search matched nothing (or an import found no
documents); 2 some files were skipped or failed (the rest were done); 3 the run could
not start (bad arguments, rules or index); 4 an import stopped part way because the index could not be written (a full disk); 130 an
import stopped by Ctrl-C (it keeps every committed batch).";

/// Turns archives of Swedish personal-data incident documents into a searchable,
/// queryable incident database.
#[derive(Debug, Parser)]
#[command(name = "incidex", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Another Swedish lexicon: a Hunspell .dic (its .aff beside it).
    ///
    /// Default: $INCIDEX_LEXICON, else the built-in sv_SE dictionary. Search with the
    /// lexicon the index was built with. Example: --lexicon /usr/share/hunspell/sv_FI.dic
    #[arg(long, global = true, value_name = "PATH", env = "INCIDEX_LEXICON")]
    pub lexicon: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the incident record of each document.
    Extract(ExtractArgs),
    /// Print the dates, periods and durations of one document as JSON Lines.
    Dates(super::dates::DatesArgs),
    /// Extract documents and score the records against a gold file.
    Eval(super::eval::EvalArgs),
    /// Check the rule files: every example must hold.
    Rules(super::rules::RulesArgs),
    /// Import documents into the search index (idempotent, resumable).
    Ingest(super::ingest::IngestArgs),
    /// Search the index in Swedish full text and by record fields.
    Search(super::search::SearchArgs),
    /// Print one indexed record in full, with its evidence.
    Show(super::show::ShowArgs),
    /// Internal: load one PDF from stdin and print it as JSON (run by incidex itself).
    #[command(name = "__load-pdf", hide = true)]
    LoadPdf,
    /// Each word of a text with its lemmas and compound parts, as search and rules see it.
    Analyze(super::analyze::AnalyzeArgs),
    /// Figures across incidents: suppliers, years, causes, delays, late notifications.
    Stats(super::stats::StatsArgs),
    /// Write the figures of `stats` as one HTML page with charts.
    Report(super::report::ReportArgs),
    /// Serve the index read-only in a browser (search, records, statistics, JSON).
    Serve(super::serve::ServeArgs),
    /// Print or change an index's defaults (masking personal data).
    Settings(super::settings::SettingsArgs),
    /// Extract again, from the stored text, the records made with other rules.
    Reextract(super::reextract::ReextractArgs),
}

/// Where the index lives, shared by the commands that use it.
#[derive(Debug, Args, Clone)]
pub struct IndexArg {
    /// The index directory.
    ///
    /// Default: $INCIDEX_INDEX, else ./incidex-index. Example: --index ~/incidents-idx
    #[arg(long, value_name = "DIR", env = "INCIDEX_INDEX", default_value = incidex::index::DEFAULT_DIR)]
    pub index: PathBuf,
}

/// Rule directory shared by the commands that extract.
/// The shorthand filters users ask for most, shared by `search`, `stats` and `report`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
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
    /// Days from the controller learning of it to the authority's report
    /// (notification_days). Example: --min-delay 4
    #[arg(long, value_name = "DAYS")]
    pub min_delay: Option<i64>,

    /// Only incidents on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).
    ///
    /// By the incident's first known date: its start, else its discovery, else the
    /// controller or authority being told; documents without a date are left out (a
    /// note on stderr counts them). A year or month means its first day.
    /// Example: --from 2019
    #[arg(long, value_name = "DATE", value_parser = parse_from)]
    pub from: Option<NaiveDate>,

    /// Only incidents on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).
    ///
    /// By the same date as --from. A year or month means its last day.
    /// Example: --to 2019-12-31
    #[arg(long, value_name = "DATE", value_parser = parse_to)]
    pub to: Option<NaiveDate>,

    /// Only documents of this type.
    ///
    /// news_article, lex_sarah_report, breach_notification, faq_page, other.
    /// Example: --type lex_sarah_report
    #[arg(long = "type", value_name = "DOC_TYPE", value_parser = DOC_TYPES)]
    pub doc_type: Option<String>,
}

impl FilterArgs {
    pub fn filters(&self) -> incidex::index::search::Filters {
        incidex::index::search::Filters {
            supplier: self.supplier.clone(),
            organisation: self.organisation.clone(),
            late: self.late,
            min_delay: self.min_delay,
            from: self.from,
            to: self.to,
            doc_type: self.doc_type.clone(),
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct RulesArg {
    /// Use the rule files in DIR instead of the built-in rules.
    ///
    /// Every *.toml in DIR is read; areas without a file get no rules. Copy `rules/`
    /// from the repository as a starting point. Example: --rules ./my-rules
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively, hidden entries skipped); - is stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines, one record per document (the RECORD.md contract).
    #[arg(long)]
    pub json: bool,

    /// With --json: add the document's loaded text to each record, as `text`.
    ///
    /// Such a record carries all the index needs: `incidex ingest --records` takes it.
    /// Example: incidex extract --json --with-text docs/ > records.jsonl
    #[arg(long, requires = "json")]
    pub with_text: bool,

    /// Read each PATH (- for stdin) as a tar archive whose files are the documents.
    ///
    /// A member's name becomes its record's source; a member that cannot be read is
    /// reported by that name. How the Spark job hands over bytes without a shared file
    /// system. Example: tar -cf - docs/ | incidex extract --json --tar -
    #[arg(long)]
    pub tar: bool,
    /// Mask personal data in titles, evidence and timeline texts.
    ///
    /// Personnummer, phone numbers, e-mail, street addresses and private persons' names
    /// become [personnummer], [telefonnummer], ...; see the README. Example: --redact
    #[arg(long)]
    pub redact: bool,

    /// Worker threads for loading and extraction.
    ///
    /// Default: the number of cores ($RAYON_NUM_THREADS if set). Example: --jobs 1
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub rules: RulesArg,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Per-file limits shared by the commands that read documents.
#[derive(Debug, Args, Clone)]
pub struct LimitArgs {
    /// Skip files larger than this (bytes; K, M, G suffixes allowed).
    ///
    /// Default: 100M (104857600 bytes). Example: --max-file-size 20M
    #[arg(long, value_name = "SIZE", value_parser = parse_size,
          default_value_t = incidex::pipeline::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Give up on a file after this many seconds of loading and extracting.
    ///
    /// One limit for every format: the file is then skipped as `timeout` and the rest
    /// go on. A PDF's parser (a child process) is killed; text and HTML stop at the next
    /// check. Decimals allowed. Default: 30. Example: --file-timeout 120
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds,
          default_value = "30")]
    pub file_timeout: std::time::Duration,

    /// Memory one PDF's parser may use (bytes; K, M, G suffixes allowed).
    ///
    /// The child process parsing a PDF gets this much address space; a PDF that needs
    /// more (a decompression bomb) is skipped. Default: 1G. Example: --pdf-memory 2G
    #[arg(long, value_name = "SIZE", value_parser = parse_size,
          default_value_t = incidex::load::child::DEFAULT_MEMORY_LIMIT)]
    pub pdf_memory: u64,
}

impl LimitArgs {
    /// Pipeline options that parse PDFs in a child process of this binary.
    pub fn options(&self) -> anyhow::Result<incidex::pipeline::Options> {
        use anyhow::Context;
        let child =
            incidex::load::child::ChildLoader::current_exe(self.file_timeout, self.pdf_memory)
                .context("cannot find the incidex executable to load PDFs with")?;
        Ok(incidex::pipeline::Options {
            max_file_size: self.max_file_size,
            pdf_loader: incidex::pipeline::PdfLoader::Child(child),
            timeout: Some(self.file_timeout),
        })
    }
}

/// The document types a record can have (RECORD.md).
pub const DOC_TYPES: [&str; 5] = [
    "news_article",
    "lex_sarah_report",
    "breach_notification",
    "faq_page",
    "other",
];

/// `2019-03-08`, `2019-03` or `2019` as the first day it names.
pub fn parse_from(s: &str) -> Result<NaiveDate, String> {
    parse_day(s, false)
}

/// `2019-03-08`, `2019-03` or `2019` as the last day it names.
pub fn parse_to(s: &str) -> Result<NaiveDate, String> {
    parse_day(s, true)
}

fn parse_day(s: &str, last: bool) -> Result<NaiveDate, String> {
    let s = s.trim();
    let bad = || format!("`{s}` is not a date: write 2019-03-08, 2019-03 or 2019");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts[..] {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            Ok(if last {
                first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .ok_or_else(bad)?
            } else {
                first
            })
        }
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            let (m, d) = if last { (12, 31) } else { (1, 1) };
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// `30`, `2.5`, `0.01` seconds as a duration (more than zero).
pub fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds like 30 or 2.5"))?;
    if !(secs > 0.0 && secs.is_finite()) || secs > 1e9 {
        return Err(format!("`{s}`: give a number of seconds above 0"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// `4096`, `512K`, `100M`, `1G` (also `MiB`, `MB`: all binary multiples) as bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a size like 4096, 512K, 100M or 1G"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("`{s}`: unknown unit, use K, M or G")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }

    #[test]
    fn dates_take_a_year_or_a_month() {
        use super::{parse_from, parse_to};
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(parse_from("2019"), Ok(d("2019-01-01")));
        assert_eq!(parse_to("2019"), Ok(d("2019-12-31")));
        assert_eq!(parse_to("2020-02"), Ok(d("2020-02-29")));
        assert_eq!(parse_from("2019-03-08"), Ok(d("2019-03-08")));
        assert!(parse_from("2019-13-45").is_err());
        assert!(parse_from("19").is_err());
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        use super::parse_size;
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("100M"), Ok(100 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }
}
