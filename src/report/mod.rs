//! The HTML report of `incidex report`: the figures of [`crate::stats`] as one
//! self-contained page (inline CSS and SVG, no script, nothing fetched from the network)
//! that opens in any browser and prints on A4.
//!
//! Charts ([`svg`]): incidents per year, supplier share, top suppliers, notification
//! delays with the 72-hour line, causes. Each chart sits beside a table of the same
//! figures. Every string that comes from a document (names, titles, paths) and the query
//! are HTML-escaped.
//!
//! Limits: the incident list shows the largest incidents only (as many as the caller
//! listed in [`Stats::incident_list`]); charts show the top names of the ranked lists.

pub mod svg;

use std::fmt::Write;

use crate::record::NOTIFICATION_LIMIT_HOURS;
use crate::shorten::shorten;
use crate::stats::Stats;
use crate::stats::figures::{Ranked, Spread};

/// Text made safe for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    html_escape::encode_safe(s).into_owned()
}

/// What the page says about how it was made.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    /// The query the figures are restricted to, if any.
    pub query: Option<String>,
    pub index: String,
    /// When the report was made (YYYY-MM-DD).
    pub generated: String,
}

/// Days shown one by one in the delay histogram (at least a week, at most a month, as the
/// data needs); longer delays share one bar.
const HISTOGRAM_DAYS: (i64, i64) = (7, 30);
/// Names in the bar charts.
const CHART_NAMES: usize = 10;
/// Characters of a document title in the incident list (cut on a word, with `…`).
const TITLE_CHARS: usize = 90;

/// The page's style sheet; `incidex serve` serves it too, under its own.
pub const STYLE: &str = r#"
:root { color: #1a202c; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 11pt;
  line-height: 1.4; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #cbd5e0; padding-bottom: 0.2rem; margin-top: 2rem; }
p.meta { color: #4a5568; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 10pt; }
th, td { border-bottom: 1px solid #e2e8f0; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0.6rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #4a5568; }
svg { max-width: 100%; height: auto; }
.incidents td { font-size: 9pt; }
.note { font-size: 9pt; color: #4a5568; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn share_text(v: Option<f64>) -> String {
    v.map_or("–".into(), |s| format!("{:.1} %", s * 100.0))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("–".into(), |v| v.to_string())
}

/// A table; `numeric` marks the right-aligned columns. Cells are escaped here.
fn table(out: &mut String, class: &str, headers: &[&str], numeric: &[bool], rows: &[Vec<String>]) {
    let _ = write!(out, r#"<table class="{class}"><thead><tr>"#);
    for (i, h) in headers.iter().enumerate() {
        let cls = if numeric.get(i) == Some(&true) {
            r#" class="n""#
        } else {
            ""
        };
        let _ = write!(out, "<th{cls}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let cls = if numeric.get(i) == Some(&true) {
                r#" class="n""#
            } else {
                ""
            };
            let _ = write!(out, "<td{cls}>{}</td>", escape(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn figure(out: &mut String, id: &str, svg: &str, caption: &str) {
    let _ = write!(
        out,
        r#"<figure id="{id}">{svg}<figcaption>{}</figcaption></figure>"#,
        escape(caption)
    );
}

fn ranked_rows(ranked: &Ranked, with_incidents: bool) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = ranked
        .values
        .iter()
        .map(|v| {
            let mut row = vec![v.name.clone(), v.documents.to_string()];
            if with_incidents {
                row.push(opt(v.incidents));
            }
            row
        })
        .collect();
    if ranked.none > 0 {
        let mut row = vec!["(none)".to_string(), ranked.none.to_string()];
        if with_incidents {
            row.push("–".into());
        }
        rows.push(row);
    }
    rows
}

fn ranked_table(out: &mut String, heading: &str, ranked: &Ranked, with_incidents: bool) {
    if with_incidents {
        table(
            out,
            "ranked",
            &[heading, "documents", "incidents"],
            &[false, true, true],
            &ranked_rows(ranked, true),
        );
    } else {
        table(
            out,
            "ranked",
            &[heading, "documents"],
            &[false, true],
            &ranked_rows(ranked, false),
        );
    }
}

fn chart_rows(ranked: &Ranked) -> Vec<(String, u64)> {
    ranked
        .values
        .iter()
        .take(CHART_NAMES)
        .map(|v| (v.name.clone(), v.documents))
        .collect()
}

fn spread_row(name: &str, s: &Spread) -> Vec<String> {
    vec![
        name.to_string(),
        s.count.to_string(),
        opt(s.median),
        opt(s.p90),
        opt(s.max),
    ]
}

/// The whole page.
pub fn render(stats: &Stats, meta: &Meta) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>{}</title><style>{STYLE}</style></head><body>"#,
        escape(&meta.title)
    );
    let _ = write!(out, "<header><h1>{}</h1>", escape(&meta.title));
    let scope = match &meta.query {
        Some(q) => format!("Documents matching {q}"),
        None => "All documents".into(),
    };
    let _ = write!(
        out,
        r#"<p class="meta">{} in the index {}. Made by incidex on {}.</p></header><main>"#,
        escape(&scope),
        escape(&meta.index),
        escape(&meta.generated)
    );

    out.push_str(&figures_html(stats));

    // The incidents.
    if let Some(list) = &stats.incident_list {
        out.push_str(
            r#"<section id="incidents"><h2>Largest incidents</h2><p class="note">By people affected (the largest count any of an incident's documents gives), then by documents.</p>"#,
        );
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|row| {
                let documents: Vec<String> = row
                    .members
                    .iter()
                    .map(|m| match &m.title {
                        Some(t) => format!("{} ({})", shorten(t, TITLE_CHARS), m.source),
                        None => m.source.clone(),
                    })
                    .collect();
                vec![
                    row.incident.to_string(),
                    opt(row.affected),
                    row.documents.to_string(),
                    opt(row.first),
                    opt(row.last),
                    row.organisations.join(", "),
                    row.suppliers.join(", "),
                    documents.join(" · "),
                ]
            })
            .collect();
        table(
            &mut out,
            "incidents",
            &[
                "#",
                "people affected",
                "documents",
                "first",
                "last",
                "organisations",
                "suppliers",
                "documents (title, path)",
            ],
            // Dates as numbers: right-aligned, never broken at a hyphen.
            &[true, true, true, true, true, false, false, false],
            &rows,
        );
        if list.len() < stats.incidents as usize {
            let _ = write!(
                out,
                r#"<p class="note">The {} largest of {} incidents.</p>"#,
                list.len(),
                stats.incidents
            );
        }
        out.push_str("</section>");
    }

    let _ = writeln!(
        out,
        r#"</main><footer><h2>How these figures are made</h2><p class="note">{} <code>incidex stats --explain</code> lists, per incident, which documents were joined and why. Medians and 90th percentiles are by nearest rank. Notifications count as late when the document says so or more than {} hours passed from the controller learning of the incident to the report.</p></footer></body></html>"#,
        escape(
            &crate::stats::grouping::rule_in_words()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
        NOTIFICATION_LIMIT_HOURS
    );
    out
}

/// The figures as HTML sections (overview, years, suppliers, delays, causes, the other
/// breakdowns), each chart beside its table; the page of `incidex serve /stats` shows the
/// same sections.
pub fn figures_html(stats: &Stats) -> String {
    let mut out = String::with_capacity(32 * 1024);
    // Overview.
    let si = &stats.supplier_involved;
    let late = &stats.late_notification;
    out.push_str(r#"<section id="overview"><h2>Overview</h2>"#);
    table(
        &mut out,
        "overview",
        &["figure", "count", "of", "share"],
        &[false, true, true, true],
        &[
            vec![
                "documents".into(),
                stats.documents.to_string(),
                String::new(),
                String::new(),
            ],
            vec![
                "incidents".into(),
                stats.incidents.to_string(),
                String::new(),
                String::new(),
            ],
            vec![
                "documents with a supplier involved".into(),
                si.count.to_string(),
                stats.documents.to_string(),
                share_text(si.share),
            ],
            vec![
                "incidents with a supplier involved".into(),
                si.incidents.to_string(),
                stats.incidents.to_string(),
                share_text(si.incident_share),
            ],
            vec![
                "late notifications (of those whose lateness is known)".into(),
                late.late.to_string(),
                late.known.to_string(),
                share_text(late.share),
            ],
        ],
    );
    out.push_str("</section>");

    // Incidents per year.
    out.push_str(r#"<section id="years"><h2>Incidents per year</h2>"#);
    // Every year from the first to the last, a year without incidents as an empty
    // column, then the undated ones: a gap in the chart is a year, not a skip.
    let counted: std::collections::HashMap<i64, (u64, u64)> = stats
        .years
        .values
        .iter()
        .map(|y| (y.year, (y.incidents, y.documents)))
        .collect();
    let span = stats.years.values.first().zip(stats.years.values.last());
    let mut years: Vec<(String, u64)> = Vec::new();
    let mut year_documents: Vec<u64> = Vec::new();
    for year in span
        .into_iter()
        .flat_map(|(first, last)| first.year..=last.year)
    {
        let (incidents, documents) = counted.get(&year).copied().unwrap_or_default();
        years.push((year.to_string(), incidents));
        year_documents.push(documents);
    }
    let undated = &stats.years.unknown;
    if undated.documents > 0 {
        years.push(("undated".into(), undated.incidents));
        year_documents.push(undated.documents);
    }
    figure(
        &mut out,
        "chart-years",
        &svg::columns("Incidents per year", &years, Some(&year_documents)),
        "Incidents per year (dark) and the documents about them (light), by the year the \
         incident started, else was discovered; undated: incidents none of whose documents \
         gives a date.",
    );
    let mut rows: Vec<Vec<String>> = stats
        .years
        .values
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.documents.to_string(),
                y.incidents.to_string(),
            ]
        })
        .collect();
    let unknown = &stats.years.unknown;
    if unknown.documents > 0 {
        rows.push(vec![
            "unknown".into(),
            unknown.documents.to_string(),
            unknown.incidents.to_string(),
        ]);
    }
    table(
        &mut out,
        "years",
        &["year", "documents", "incidents"],
        &[false, true, true],
        &rows,
    );
    out.push_str("</section>");

    // Supplier share.
    out.push_str(r#"<section id="suppliers"><h2>Suppliers</h2>"#);
    figure(
        &mut out,
        "chart-supplier-share",
        &svg::shares(
            "Share with a supplier involved",
            &[
                ("incidents".into(), si.incidents, stats.incidents),
                ("documents".into(), si.count, stats.documents),
            ],
        ),
        "Share of incidents and documents where a supplier caused, hosted or handled the \
         incident.",
    );
    figure(
        &mut out,
        "chart-top-suppliers",
        &svg::bars("Top suppliers", &chart_rows(&stats.suppliers)),
        "Suppliers named in the most documents.",
    );
    ranked_table(&mut out, "supplier", &stats.suppliers, true);
    out.push_str("</section>");

    // Delays.
    let d = &stats.delays;
    out.push_str(r#"<section id="delays"><h2>Delays</h2>"#);
    let distribution: Vec<(i64, u64)> = stats
        .notification_days_distribution
        .iter()
        .map(|c| (c.days, c.documents))
        .collect();
    let limit_days = NOTIFICATION_LIMIT_HOURS as f64 / 24.0;
    figure(
        &mut out,
        "chart-notification-delays",
        &svg::day_histogram(
            "Notification delays",
            &distribution,
            distribution
                .last()
                .map_or(HISTOGRAM_DAYS.0, |(days, _)| *days)
                .clamp(HISTOGRAM_DAYS.0, HISTOGRAM_DAYS.1),
            limit_days,
            &format!("{NOTIFICATION_LIMIT_HOURS} h"),
        ),
        &format!(
            "Documents by days from the controller learning of the incident to the report \
             to the authority. Right of the dashed line: later than {NOTIFICATION_LIMIT_HOURS} \
             hours."
        ),
    );
    table(
        &mut out,
        "delays",
        &["delay (days)", "count", "median", "p90", "max"],
        &[false, true, true, true, true],
        &[
            spread_row("supplier to controller", &d.supplier_to_controller_days),
            spread_row(
                "notification (controller to authority)",
                &d.notification_days,
            ),
            spread_row("detection (start to discovery)", &d.detection_days),
        ],
    );
    let _ = write!(
        out,
        r#"<p>Late notifications: {} of {} documents whose lateness is known ({}).</p></section>"#,
        late.late,
        late.known,
        escape(&share_text(late.share))
    );

    // Causes.
    out.push_str(r#"<section id="causes"><h2>Causes</h2>"#);
    figure(
        &mut out,
        "chart-causes",
        &svg::bars("Causes", &chart_rows(&stats.causes)),
        "Documents by cause (a document may name several).",
    );
    ranked_table(&mut out, "cause", &stats.causes, false);
    out.push_str("</section>");

    // The other breakdowns as tables.
    out.push_str(
        r#"<section id="breakdowns"><h2>Organisations, breach types, documents, authorities</h2>"#,
    );
    ranked_table(&mut out, "organisation", &stats.organisations, true);
    ranked_table(&mut out, "breach type", &stats.breach_types, false);
    ranked_table(&mut out, "document type", &stats.doc_types, false);
    ranked_table(&mut out, "authority", &stats.authorities, false);
    let a = &stats.affected;
    table(
        &mut out,
        "affected",
        &[
            "people affected",
            "total",
            "median",
            "max",
            "documents with a count",
            "without",
        ],
        &[false, true, true, true, true, true],
        &[vec![
            "by the upper bound of each count".into(),
            a.total.to_string(),
            opt(a.median),
            opt(a.max),
            a.with_count.to_string(),
            a.without_count.to_string(),
        ]],
    );
    out.push_str("</section>");
    out
}
