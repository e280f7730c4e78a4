//! Inline SVG charts for the report: vertical bars, horizontal bars, a share bar, and a
//! histogram with a marked limit. Each chart is one `<svg>` element sized by its
//! `viewBox`, so it scales with the page and prints sharp; every label is escaped.
//!
//! Limits: no axes beyond a base line and value labels on the bars; long labels are cut
//! to [`MAX_LABEL`] characters (the full text stays in the table beside the chart).

use std::fmt::Write;

use super::escape;

/// Characters of a bar label shown in a chart.
pub const MAX_LABEL: usize = 28;

const WIDTH: f64 = 640.0;
const BAR_COLOUR: &str = "#2b6cb0";
const SECOND_COLOUR: &str = "#9cc3e6";
const LIMIT_COLOUR: &str = "#c53030";

fn label(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = match s.char_indices().nth(MAX_LABEL) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    };
    escape(&cut)
}

fn open(out: &mut String, height: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" font-family="sans-serif" font-size="12"><title>{}</title>"#,
        escape(title)
    );
}

fn no_data(title: &str) -> String {
    let mut out = String::new();
    open(&mut out, 40.0, title);
    out.push_str(r##"<text x="8" y="24" fill="#555">No data.</text></svg>"##);
    out
}

/// Vertical bars, one per (label, value), with an optional second, lighter series drawn
/// behind (e.g. documents behind incidents).
pub fn columns(title: &str, bars: &[(String, u64)], behind: Option<&[u64]>) -> String {
    if bars.is_empty() {
        return no_data(title);
    }
    let height = 220.0;
    let (top, bottom, left) = (20.0, 30.0, 10.0);
    let plot = height - top - bottom;
    let max = bars
        .iter()
        .map(|b| b.1)
        .chain(behind.unwrap_or(&[]).iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (WIDTH - 2.0 * left) / bars.len() as f64;
    let bar = (slot * 0.7).min(60.0);
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, (name, value)) in bars.iter().enumerate() {
        let x = left + i as f64 * slot + (slot - bar) / 2.0;
        if let Some(&back) = behind.and_then(|b| b.get(i)) {
            let h = plot * back as f64 / max;
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{SECOND_COLOUR}"/>"#,
                x - bar * 0.1,
                top + plot - h,
                bar * 1.2,
                h
            );
        }
        let h = plot * *value as f64 / max;
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="{BAR_COLOUR}"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{value}</text><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            top + plot - h,
            x + bar / 2.0,
            top + plot - h - 4.0,
            x + bar / 2.0,
            height - bottom + 16.0,
            label(name)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{left}" y1="{0}" x2="{1}" y2="{0}" stroke="#333"/></svg>"##,
        top + plot,
        WIDTH - left
    );
    out
}

/// Horizontal bars, one per (label, value), labels on the left.
pub fn bars(title: &str, rows: &[(String, u64)]) -> String {
    if rows.is_empty() {
        return no_data(title);
    }
    let row_height = 22.0;
    let label_width = 210.0;
    let height = rows.len() as f64 * row_height + 10.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let span = WIDTH - label_width - 50.0;
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, (name, value)) in rows.iter().enumerate() {
        let y = 5.0 + i as f64 * row_height;
        let w = span * *value as f64 / max;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{label_width}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{BAR_COLOUR}"/><text x="{:.1}" y="{:.1}">{value}</text>"#,
            label_width - 6.0,
            y + 15.0,
            label(name),
            y + 3.0,
            row_height - 6.0,
            label_width + w + 4.0,
            y + 15.0
        );
    }
    out.push_str("</svg>");
    out
}

/// Stacked 100 % bars: for each row (label, part, whole), the share `part / whole`
/// filled and the rest light.
pub fn shares(title: &str, rows: &[(String, u64, u64)]) -> String {
    if rows.iter().all(|r| r.2 == 0) {
        return no_data(title);
    }
    let row_height = 34.0;
    let label_width = 130.0;
    let height = rows.len() as f64 * row_height + 10.0;
    let span = WIDTH - label_width - 20.0;
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, (name, part, whole)) in rows.iter().enumerate() {
        let y = 5.0 + i as f64 * row_height;
        let share = if *whole == 0 {
            0.0
        } else {
            *part as f64 / *whole as f64
        };
        let w = span * share;
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{label_width}" y="{:.1}" width="{span:.1}" height="24" fill="{SECOND_COLOUR}"/><rect x="{label_width}" y="{:.1}" width="{w:.1}" height="24" fill="{BAR_COLOUR}"/><text x="{:.1}" y="{:.1}" fill="#fff">{part} of {whole} ({:.0} %)</text>"##,
            label_width - 6.0,
            y + 17.0,
            label(name),
            y + 2.0,
            y + 2.0,
            label_width + 6.0,
            y + 18.0,
            share * 100.0
        );
    }
    out.push_str("</svg>");
    out
}

/// A histogram of day counts: one bar per day from the smallest value (at most 0) to
/// `last_bin`, values beyond it in a final "more" bar, and a dashed vertical line at
/// `limit` days, labelled `limit_label`.
pub fn day_histogram(
    title: &str,
    counts: &[(i64, u64)],
    last_bin: i64,
    limit: f64,
    limit_label: &str,
) -> String {
    if counts.is_empty() {
        return no_data(title);
    }
    let first = counts.iter().map(|c| c.0).min().unwrap_or(0).min(0);
    let mut bins: Vec<(String, u64)> = (first..=last_bin).map(|d| (d.to_string(), 0)).collect();
    let mut more = 0;
    for &(days, n) in counts {
        if days > last_bin {
            more += n;
        } else {
            bins[(days - first) as usize].1 += n;
        }
    }
    if more > 0 {
        bins.push((format!(">{last_bin}"), more));
    }
    let height = 240.0;
    let (top, bottom, left) = (24.0, 36.0, 10.0);
    let plot = height - top - bottom;
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - 2.0 * left) / bins.len() as f64;
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, (name, value)) in bins.iter().enumerate() {
        let x = left + i as f64 * slot;
        let h = plot * *value as f64 / max;
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{BAR_COLOUR}"/>"#,
            x + 1.0,
            top + plot - h,
            slot - 2.0
        );
        if *value > 0 {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10">{value}</text>"#,
                x + slot / 2.0,
                top + plot - h - 3.0
            );
        }
        // Label every bar when few, else every fifth day and the ends.
        if bins.len() <= 16 || i % 5 == 0 || i + 1 == bins.len() {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10">{}</text>"#,
                x + slot / 2.0,
                height - bottom + 14.0,
                escape(name)
            );
        }
    }
    // The limit falls between bars: a value of `limit` days is on time, one more is late.
    let limit_x = left + (limit - first as f64 + 1.0) * slot;
    let _ = write!(
        out,
        r##"<line x1="{left}" y1="{0}" x2="{1}" y2="{0}" stroke="#333"/><line class="limit" x1="{limit_x:.1}" y1="{top}" x2="{limit_x:.1}" y2="{0}" stroke="{LIMIT_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/><text x="{2:.1}" y="{3}" fill="{LIMIT_COLOUR}">{4}</text><text x="{5}" y="{6}" text-anchor="middle" font-size="11">days from the controller learning of it to the authority's report</text></svg>"##,
        top + plot,
        WIDTH - left,
        limit_x + 4.0,
        top + 10.0,
        escape(limit_label),
        WIDTH / 2.0,
        height - 4.0
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_cut() {
        let svg = bars("t", &[("<b>Tieto & Co</b>".into(), 3)]);
        assert!(svg.contains("&lt;b&gt;Tieto &amp; Co&lt;"), "{svg}");
        assert!(!svg.contains("<b>"));
        let long = "x".repeat(100);
        assert!(!bars("t", &[(long.clone(), 1)]).contains(&long));
    }

    #[test]
    fn the_histogram_puts_late_days_right_of_the_line() {
        let svg = day_histogram("t", &[(0, 2), (3, 1), (10, 1), (90, 1)], 30, 3.0, "72 h");
        assert!(svg.contains("class=\"limit\""));
        assert!(svg.contains(">&gt;30<"), "{svg}");
        assert!(svg.contains("72 h"));
    }

    #[test]
    fn empty_charts_say_so() {
        assert!(columns("t", &[], None).contains("No data."));
        assert!(shares("t", &[("x".into(), 0, 0)]).contains("No data."));
    }
}
