//! Printing [`Stats`]: an aligned table for a terminal, CSV, or one JSON object.
//!
//! Table and CSV print the same [`Section`]s. The CSV is long ("tidy"): one header row,
//! `section,key,metric,value`, one line per figure, so every section fits one file and a
//! spreadsheet pivots it back into tables. JSON is [`Stats`] serialized: one object whose
//! keys are documented in the README.

use std::io::Write;

use super::figures::{ByRow, NameCount, Ranked, Spread, Stats};
use crate::shorten::shorten;

/// One cell of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Int(i64),
    Share(f64),
    Mean(f64),
    Text(String),
    Empty,
}

impl Cell {
    fn opt_int(v: Option<i64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Int)
    }

    fn count(v: u64) -> Cell {
        Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }

    /// The cell as the table prints it.
    fn display(&self) -> String {
        match self {
            Cell::Int(v) => v.to_string(),
            Cell::Share(v) => format!("{:.1} %", v * 100.0),
            Cell::Mean(v) => format!("{v:.1}"),
            Cell::Text(s) => one_line(s),
            Cell::Empty => "-".into(),
        }
    }

    /// The cell as the CSV holds it: full precision, shares as fractions.
    fn raw(&self) -> String {
        match self {
            Cell::Int(v) => v.to_string(),
            Cell::Share(v) | Cell::Mean(v) => v.to_string(),
            Cell::Text(s) => s.clone(),
            Cell::Empty => String::new(),
        }
    }

    fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

/// A titled table: a key column and named metric columns.
#[derive(Debug, Clone)]
pub struct Section {
    /// The CSV `section` value.
    pub id: String,
    /// The heading of the key column in the table.
    pub key_heading: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<(String, Vec<Cell>)>,
}

const NONE_KEY: &str = "(none)";

fn ranked_section(id: &str, heading: &str, ranked: &Ranked, with_incidents: bool) -> Section {
    let columns = if with_incidents {
        vec!["documents", "incidents"]
    } else {
        vec!["documents"]
    };
    let row = |n: &NameCount| {
        let mut cells = vec![Cell::count(n.documents)];
        if with_incidents {
            cells.push(n.incidents.map_or(Cell::Empty, Cell::count));
        }
        (n.name.clone(), cells)
    };
    let mut rows: Vec<_> = ranked.values.iter().map(row).collect();
    if ranked.none > 0 {
        let mut cells = vec![Cell::count(ranked.none)];
        if with_incidents {
            cells.push(Cell::Empty);
        }
        rows.push((NONE_KEY.into(), cells));
    }
    Section {
        id: id.into(),
        key_heading: heading.into(),
        columns,
        rows,
    }
}

fn spread_cells(s: &Spread) -> Vec<Cell> {
    vec![
        Cell::count(s.count),
        Cell::opt_int(s.median),
        Cell::opt_int(s.p90),
        Cell::opt_int(s.max),
    ]
}

fn share_cell(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Share)
}

/// The overview: documents, incidents, supplier involvement, late notifications.
fn overview(stats: &Stats) -> Section {
    let si = &stats.supplier_involved;
    let late = &stats.late_notification;
    Section {
        id: "overview".into(),
        key_heading: "figure".into(),
        columns: vec!["count", "of", "share"],
        rows: vec![
            (
                "documents".into(),
                vec![Cell::count(stats.documents), Cell::Empty, Cell::Empty],
            ),
            (
                "incidents".into(),
                vec![Cell::count(stats.incidents), Cell::Empty, Cell::Empty],
            ),
            (
                "supplier_involved_documents".into(),
                vec![
                    Cell::count(si.count),
                    Cell::count(stats.documents),
                    share_cell(si.share),
                ],
            ),
            (
                "supplier_involved_incidents".into(),
                vec![
                    Cell::count(si.incidents),
                    Cell::count(stats.incidents),
                    share_cell(si.incident_share),
                ],
            ),
            (
                "late_notification".into(),
                vec![
                    Cell::count(late.late),
                    Cell::count(late.known),
                    share_cell(late.share),
                ],
            ),
        ],
    }
}

/// The sections of the summary, in print order.
pub fn summary_sections(stats: &Stats) -> Vec<Section> {
    let d = &stats.delays;
    let a = &stats.affected;
    let mut years = Section {
        id: "years".into(),
        key_heading: "year".into(),
        columns: vec!["documents", "incidents"],
        rows: stats
            .years
            .values
            .iter()
            .map(|y| {
                (
                    y.year.to_string(),
                    vec![Cell::count(y.documents), Cell::count(y.incidents)],
                )
            })
            .collect(),
    };
    let unknown = &stats.years.unknown;
    if unknown.documents > 0 || unknown.incidents > 0 {
        years.rows.push((
            "unknown".into(),
            vec![
                Cell::count(unknown.documents),
                Cell::count(unknown.incidents),
            ],
        ));
    }
    vec![
        overview(stats),
        Section {
            id: "delays".into(),
            key_heading: "delay (days)".into(),
            columns: vec!["count", "median", "p90", "max"],
            rows: vec![
                (
                    "supplier_to_controller_days".into(),
                    spread_cells(&d.supplier_to_controller_days),
                ),
                (
                    "notification_days".into(),
                    spread_cells(&d.notification_days),
                ),
                ("detection_days".into(), spread_cells(&d.detection_days)),
            ],
        },
        Section {
            id: "affected".into(),
            key_heading: "people affected".into(),
            columns: vec!["total", "median", "max", "with_count", "without_count"],
            rows: vec![(
                "affected".into(),
                vec![
                    Cell::count(a.total),
                    a.median.map_or(Cell::Empty, Cell::count),
                    a.max.map_or(Cell::Empty, Cell::count),
                    Cell::count(a.with_count),
                    Cell::count(a.without_count),
                ],
            )],
        },
        ranked_section("suppliers", "supplier", &stats.suppliers, true),
        ranked_section("organisations", "organisation", &stats.organisations, true),
        years,
        ranked_section("causes", "cause", &stats.causes, false),
        ranked_section("breach_types", "breach type", &stats.breach_types, false),
        ranked_section("doc_types", "document type", &stats.doc_types, false),
        ranked_section("authorities", "authority", &stats.authorities, false),
        ranked_section("pii_kinds", "personal data", &stats.pii_kinds, false),
    ]
}

/// The `--by` breakdowns and the incident list.
pub fn by_sections(stats: &Stats) -> Vec<Section> {
    let mut out: Vec<Section> = stats
        .by
        .iter()
        .map(|table| Section {
            id: format!("by_{}", table.field),
            key_heading: table.field.clone(),
            columns: vec![
                "documents",
                "incidents",
                "supplier_involved",
                "late",
                "late_known",
                "notification_days_mean",
                "notification_days_max",
                "supplier_to_controller_days_mean",
                "supplier_to_controller_days_max",
                "affected_total",
            ],
            rows: table.rows.iter().map(by_row).collect(),
        })
        .collect();
    if let Some(list) = &stats.incident_list {
        out.push(Section {
            id: "incidents".into(),
            key_heading: "incident".into(),
            columns: vec![
                "affected",
                "documents",
                "first",
                "last",
                "organisations",
                "suppliers",
                "titles",
            ],
            rows: list
                .iter()
                .map(|row| {
                    let date = |d: Option<chrono::NaiveDate>| {
                        d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()))
                    };
                    let titles: Vec<String> = row
                        .members
                        .iter()
                        .map(|m| m.title.clone().unwrap_or_else(|| m.source.clone()))
                        .collect();
                    (
                        row.incident.to_string(),
                        vec![
                            row.affected.map_or(Cell::Empty, Cell::count),
                            Cell::count(row.documents as u64),
                            date(row.first),
                            date(row.last),
                            Cell::Text(row.organisations.join("; ")),
                            Cell::Text(row.suppliers.join("; ")),
                            Cell::Text(titles.join(" | ")),
                        ],
                    )
                })
                .collect(),
        });
    }
    out
}

fn by_row(row: &ByRow) -> (String, Vec<Cell>) {
    let cells = vec![
        Cell::count(row.documents),
        row.incidents.map_or(Cell::Empty, Cell::count),
        Cell::count(row.supplier_involved),
        Cell::count(row.late),
        Cell::count(row.late_known),
        row.notification_days_mean.map_or(Cell::Empty, Cell::Mean),
        Cell::opt_int(row.notification_days_max),
        row.supplier_to_controller_days_mean
            .map_or(Cell::Empty, Cell::Mean),
        Cell::opt_int(row.supplier_to_controller_days_max),
        Cell::count(row.affected_total),
    ];
    (row.value.clone().unwrap_or_else(|| NONE_KEY.into()), cells)
}

/// The sections a run prints: the summary, or with `--by` the overview and the
/// breakdowns.
pub fn sections(stats: &Stats) -> Vec<Section> {
    let by = by_sections(stats);
    if by.is_empty() {
        summary_sections(stats)
    } else {
        let mut out = vec![overview(stats)];
        out.extend(by);
        out
    }
}

/// Text cells longer than this are cut in the table (CSV and JSON keep them whole).
const MAX_CELL: usize = 40;
/// Names in the key column longer than this are cut in the table.
const MAX_KEY: usize = 28;

/// The table's heading of a metric: the `--by` columns in short (the CSV and JSON keep
/// the long names; [`BY_LEGEND`] spells them out), so a breakdown fits a terminal.
fn table_heading(metric: &str) -> &str {
    match metric {
        "supplier_involved" => "supplier",
        "late_known" => "known",
        "notification_days_mean" => "notify_avg",
        "notification_days_max" => "notify_max",
        "supplier_to_controller_days_mean" => "s2c_avg",
        "supplier_to_controller_days_max" => "s2c_max",
        "affected_total" => "affected",
        other => other,
    }
}

/// What the short headings of a `--by` table mean, printed under the tables.
pub const BY_LEGEND: &str = "\
supplier: documents saying a supplier was involved; late, known: late
notifications and the documents whose lateness is known; notify_avg, notify_max:
days from the controller learning of it to the report; s2c_avg, s2c_max: days
from supplier to controller; affected: people, each incident counted once.";

/// Widest line of a table before its columns go on in a second block (key repeated), as
/// R prints a wide data frame: the common terminal's 80 columns.
const TABLE_WIDTH: usize = 80;

/// Writes the sections as aligned tables: text left, numbers right, long text cut, and
/// columns past [`TABLE_WIDTH`] in a further block under the first.
pub fn write_table(out: &mut impl Write, sections: &[Section]) -> std::io::Result<()> {
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        // A column is numeric when none of its cells is text; its heading aligns with it.
        let numeric: Vec<bool> = std::iter::once(false)
            .chain((0..section.columns.len()).map(|c| {
                section
                    .rows
                    .iter()
                    .all(|(_, cells)| cells.get(c).is_none_or(Cell::is_number))
            }))
            .collect();
        let mut lines: Vec<Vec<String>> = vec![
            std::iter::once(section.key_heading.clone())
                .chain(section.columns.iter().map(|c| table_heading(c).to_string()))
                .collect(),
        ];
        for (key, cells) in &section.rows {
            let mut line = vec![shorten(&one_line(key), MAX_KEY)];
            line.extend(cells.iter().map(|c| shorten(&c.display(), MAX_CELL)));
            lines.push(line);
        }
        let widths: Vec<usize> = (0..numeric.len())
            .map(|c| {
                lines
                    .iter()
                    .map(|l| l.get(c).map_or(0, |s| s.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (b, block) in blocks(&widths).iter().enumerate() {
            if b > 0 {
                writeln!(out)?;
            }
            for line in &lines {
                let mut text = String::new();
                for &c in block {
                    let cell = line.get(c).map_or("", String::as_str);
                    let pad = " ".repeat(widths[c] - cell.chars().count());
                    if c > 0 {
                        text.push_str("  ");
                    }
                    if numeric[c] {
                        text.push_str(&pad);
                        text.push_str(cell);
                    } else {
                        text.push_str(cell);
                        text.push_str(&pad);
                    }
                }
                writeln!(out, "{}", text.trim_end())?;
            }
        }
    }
    Ok(())
}

/// The columns of each block: the key column, then as many of the others as fit in
/// [`TABLE_WIDTH`] (always at least one).
fn blocks(widths: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut width = usize::MAX;
    for c in 1..widths.len() {
        if width.saturating_add(2 + widths[c]) > TABLE_WIDTH {
            out.push(vec![0]);
            width = widths[0];
        }
        out.last_mut().expect("a block was opened").push(c);
        width += 2 + widths[c];
    }
    if out.is_empty() {
        out.push(vec![0]);
    }
    out
}

/// Text on one line for a terminal: white space collapsed, control characters escaped
/// (a hostile name cannot move the cursor).
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Writes the sections as long CSV: `section,key,metric,value`; unknown figures (a
/// median of nothing) have no line.
pub fn write_csv(out: impl Write, sections: &[Section]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["section", "key", "metric", "value"])?;
    for section in sections {
        for (key, cells) in &section.rows {
            for (metric, cell) in section.columns.iter().zip(cells) {
                if *cell == Cell::Empty {
                    continue;
                }
                w.write_record([section.id.as_str(), key, metric, &cell.raw()])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes the statistics as one JSON object and a newline.
pub fn write_json(mut out: impl Write, stats: &Stats) -> std::io::Result<()> {
    serde_json::to_writer(&mut out, stats)?;
    writeln!(out)
}
