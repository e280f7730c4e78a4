//! `incidex search`: ranked hits with their key facts and a marked snippet, as text or
//! JSON Lines; `--batch FILE` runs many queries in one process and prints latencies.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use serde::Serialize;

use super::args::{FilterArgs, IndexArg};
use super::color::{self, ColorArg, style};
use super::exit;
use incidex::index::search::{self, Filters, Hit, Searcher};
use incidex::redact::Redactor;

const AFTER_HELP: &str = "\
Query syntax (tantivy): words are ANDed; OR, NOT, -word, \"a phrase\", field:value,
field:[A TO B], field:[A TO *]. Text fields: title, body (Swedish stemming, compound
parts: `incident` finds `personuppgiftsincidenter`). Fields: supplier, organisation,
authority (names, word by word); doc_type, cause, breach_type, language (exact);
incident_start, incident_end, discovered, controller_informed, authority_notified,
subjects_informed, date (YYYY-MM-DD, or a year: date:2019); notification_days,
supplier_to_controller_days, detection_days, affected, affected_min (numbers);
supplier_involved, late_notification, sensitive_data (true/false).

Examples:
  incidex search leverantör AND supplier_involved:true
  incidex search 'notification_days:[4 TO *]'
  incidex search '\"fel mottagare\"' --from 2019-01-01
  incidex search --supplier tieto --late";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces); empty with filters lists all.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub index: IndexArg,

    /// Show at most N hits.
    ///
    /// Default: 10. Example: --limit 50
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Print JSON Lines: {"rank","score","snippet","record"} per hit.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub color: ColorArg,

    /// Run every query in FILE (one a line, # comments) and print latencies.
    ///
    /// For benchmarks: one process, one open index; each query is parsed, searched
    /// and its snippets made, as for a normal search. The filters apply to every query.
    /// FILE - is stdin. With --redact the hits are masked too, inside the time.
    /// Example: --batch queries.txt --json
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,

    #[command(flatten)]
    pub redact: super::redaction::RedactArg,
}

pub fn run(args: SearchArgs) -> anyhow::Result<i32> {
    let index = incidex::index::open(&args.index.index)?;
    let searcher = Searcher::new(&index)?;
    let filters = args.filters.filters();
    let redactor = args.redact.redactor(&args.index.index)?;
    if let Some(file) = &args.batch {
        return batch(&searcher, file, &filters, &args, redactor.as_ref());
    }
    let query = search::combine(&args.query.join(" "), &filters);
    let parsed = searcher.parse(&query)?;
    let mut results = searcher.search(&*parsed, args.limit)?;
    note_undated(&searcher, &args.query.join(" "), &filters)?;
    if let Some(r) = &redactor {
        redact_hits(&mut results.hits, r);
    }

    let stdout = args.color.stdout();
    let colour = color::is_coloured(&stdout);
    let mut out = std::io::BufWriter::new(stdout);
    for hit in &results.hits {
        if args.json {
            serde_json::to_writer(&mut out, &hit.json())?;
            writeln!(out)?;
        } else {
            write_hit(&mut out, hit, colour)?;
        }
    }
    if !args.json {
        writeln!(
            out,
            "{} of {} matching documents",
            results.hits.len(),
            results.total
        )?;
    }
    out.flush()?;
    Ok(if results.total == 0 {
        exit::NO_MATCH
    } else {
        exit::OK
    })
}

/// Says on stderr how many documents `--from`/`--to` leave out for having no date, so a
/// date filter never drops documents silently.
pub fn note_undated(searcher: &Searcher, query: &str, filters: &Filters) -> anyhow::Result<()> {
    if filters.from.is_none() && filters.to.is_none() {
        return Ok(());
    }
    let undated_filters = Filters {
        from: None,
        to: None,
        ..filters.clone()
    };
    // All matches less the dated ones: tantivy's NOT over a range leaves out documents
    // without the field.
    let all = search::combine(query, &undated_filters);
    let dated = format!("({all}) AND date:[0001-01-01 TO 9999-12-31]");
    let count =
        |q: &str| -> anyhow::Result<usize> { Ok(searcher.search(&*searcher.parse(q)?, 0)?.total) };
    let left_out = count(&all)?.saturating_sub(count(&dated)?);
    if left_out > 0 {
        eprintln!(
            "incidex: note: {left_out} matching document{} without a date {} left out by --from/--to",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "is" } else { "are" }
        );
    }
    Ok(())
}

/// Masks the personal data of each hit: its record's texts, snippet and heading.
fn redact_hits(hits: &mut [Hit], r: &Redactor) {
    for hit in hits {
        r.redact_record(&mut hit.record);
        hit.snippet = r.redact_snippet(&hit.snippet);
        hit.heading = r.redact(&hit.heading);
    }
}

fn write_hit(out: &mut impl Write, hit: &Hit, colour: bool) -> std::io::Result<()> {
    let r = &hit.record;
    let bold = style::HEADING;
    writeln!(
        out,
        "{bold}{}. {}{bold:#}  [{:.2}]",
        hit.rank,
        super::escape(&hit.heading),
        hit.score
    )?;
    let mut paths = super::escape(&r.source);
    if !r.also_at.is_empty() {
        paths.push_str(&format!(
            " (also at {})",
            super::escape(&r.also_at.join(", "))
        ));
    }
    // The id's first 12 digits: what `incidex show ID` takes.
    writeln!(out, "   {paths} · id {}", &r.id[..r.id.len().min(12)])?;
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".into()
        } else {
            v.join(", ")
        }
    };
    writeln!(
        out,
        "   {} · organisation {} · suppliers {}",
        r.doc_type,
        list(&r.organisations),
        list(&r.suppliers)
    )?;
    let d = &r.dates;
    let mut facts = Vec::new();
    for (name, date) in [
        ("started", d.incident_start),
        ("discovered", d.discovered),
        ("controller told", d.controller_informed),
        ("authority told", d.authority_notified),
    ] {
        if let Some(date) = date {
            facts.push(format!("{name} {date}"));
        }
    }
    if let Some(days) = r.delays.supplier_to_controller_days {
        facts.push(format!("supplier→controller {days} d"));
    }
    if let Some(days) = r.delays.notification_days {
        facts.push(format!("notification {days} d"));
    }
    if r.delays.late_notification == Some(true) {
        facts.push("LATE".into());
    }
    if !facts.is_empty() {
        writeln!(out, "   {}", facts.join(" · "))?;
    }
    // Escape the text, not the marks: a style is never printed as text.
    let mut snippet = String::new();
    for (text, marked) in hit.snippet.segments() {
        let text = super::escape(&text);
        match (marked, colour) {
            (false, _) => snippet.push_str(&text),
            (true, true) => snippet.push_str(&format!("{}{text}{:#}", style::MATCH, style::MATCH)),
            (true, false) => snippet.push_str(&format!("«{text}»")),
        }
    }
    writeln!(out, "   {snippet}")?;
    writeln!(out)
}

#[derive(Serialize)]
struct BatchSummary {
    r#type: &'static str,
    queries: usize,
    failed: usize,
    hits: usize,
    documents: u64,
    mean_ms: f64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// `--batch FILE`: every query timed from parse to snippets.
fn batch(
    searcher: &Searcher,
    file: &std::path::Path,
    filters: &Filters,
    args: &SearchArgs,
    redactor: Option<&Redactor>,
) -> anyhow::Result<i32> {
    let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file)
            .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), incidex::walk::io_reason(&e)))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut times = Vec::new();
    let (mut failed, mut hits) = (0, 0);
    for line in reader.lines() {
        let line = line?;
        let query = line.trim();
        if query.is_empty() || query.starts_with('#') {
            continue;
        }
        let started = Instant::now();
        let result = searcher
            .parse(&search::combine(query, filters))
            .map_err(anyhow::Error::from)
            .and_then(|q| searcher.search(&*q, args.limit));
        match result {
            Ok(mut r) => {
                if let Some(redactor) = redactor {
                    redact_hits(&mut r.hits, redactor);
                }
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                hits += r.hits.len();
            }
            Err(e) => {
                failed += 1;
                crate::err_line!(query, e);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if times.is_empty() {
            0.0
        } else {
            times[((times.len() - 1) as f64 * p).round() as usize]
        }
    };
    let summary = BatchSummary {
        r#type: "batch",
        queries: times.len() + failed,
        failed,
        hits,
        documents: searcher.num_docs(),
        mean_ms: times.iter().sum::<f64>() / times.len().max(1) as f64,
        p50_ms: pct(0.5),
        p90_ms: pct(0.9),
        p99_ms: pct(0.99),
        max_ms: times.last().copied().unwrap_or(0.0),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} queries ({} failed) over {} documents, {} hits: mean {:.2} ms, p50 {:.2} ms, \
             p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            summary.queries,
            summary.failed,
            summary.documents,
            summary.hits,
            summary.mean_ms,
            summary.p50_ms,
            summary.p90_ms,
            summary.p99_ms,
            summary.max_ms
        )?;
    }
    Ok(if failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}
