//! `/records/{id}`: one record with every field, the document's text with each field's
//! evidence marked and linked both ways, the timeline with its delays and the 72-hour
//! mark, and the other documents of the same incident.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Html;
use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

use super::error::PageError;
use super::layout::{self, Nav};
use super::{App, Failure, Shared, blocking};
use crate::index::document::{body_of, record_of};
use crate::index::search::heading;
use crate::record::{Evidence, IncidentRecord, NOTIFICATION_LIMIT_HOURS};
use crate::report::escape;
use crate::stats::grouping::{self, GroupingCollector};

/// Other documents of the incident listed at most.
const SIBLINGS_LISTED: usize = 50;

/// A record as the page shows it.
pub struct Stored {
    pub record: IncidentRecord,
    pub body: String,
    /// The other documents of its incident: (id, heading).
    pub siblings: Vec<(String, String)>,
    /// Documents in the incident, this one included.
    pub incident_size: usize,
}

/// The record whose id is `id` (or starts with it, when only one does), from the
/// reader's current snapshot.
pub fn lookup(
    app: &App,
    id: &str,
) -> Result<(tantivy::Searcher, DocAddress, IncidentRecord), Failure> {
    let snapshot = app.searcher.snapshot();
    let fields = app.searcher.fields();
    let by_id = |id: &str| -> Result<Option<DocAddress>, Failure> {
        let term = Term::from_field_text(fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = snapshot
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(anyhow::Error::from)?;
        Ok(top.first().map(|(_, addr)| *addr))
    };
    let id = id.trim().to_ascii_lowercase();
    let address = match by_id(&id)? {
        Some(address) => address,
        None => {
            let found = app.searcher.by_id_prefix(&id, 2)?;
            match found.as_slice() {
                [one] => by_id(&one.id)?.ok_or_else(|| no_record(&id))?,
                [] => return Err(no_record(&id)),
                _ => {
                    return Err(Failure::NotFound(format!(
                        "several records have an id starting with {id}; give more of it"
                    )));
                }
            }
        }
    };
    let doc: TantivyDocument = snapshot.doc(address).map_err(anyhow::Error::from)?;
    let record = record_of(fields, &doc)?;
    Ok((snapshot, address, record))
}

fn no_record(id: &str) -> Failure {
    Failure::NotFound(format!("no record with the id {id} in the index"))
}

fn load(app: &App, id: &str) -> Result<Stored, Failure> {
    let (snapshot, address, record) = lookup(app, id)?;
    let fields = app.searcher.fields();
    let doc: TantivyDocument = snapshot.doc(address).map_err(anyhow::Error::from)?;
    let body = body_of(fields, &doc);
    // The incident groups are made over the whole index, as `incidex stats` makes them.
    let facts = snapshot
        .search(&AllQuery, &GroupingCollector)
        .map_err(anyhow::Error::from)?;
    let incident = grouping::group(&facts)
        .into_iter()
        .find(|i| i.documents.contains(&address));
    let members = incident.map(|i| i.documents).unwrap_or_default();
    let mut siblings = Vec::new();
    for &other in members
        .iter()
        .filter(|&&a| a != address)
        .take(SIBLINGS_LISTED)
    {
        let doc: TantivyDocument = snapshot.doc(other).map_err(anyhow::Error::from)?;
        let r = record_of(fields, &doc)?;
        let h = heading(&r, &body_of(fields, &doc));
        siblings.push((r.id, h));
    }
    Ok(Stored {
        record,
        body,
        siblings,
        incident_size: members.len().max(1),
    })
}

pub async fn page(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let stored = blocking(move || load(&app, &id))
        .await
        .map_err(|f| PageError::new(f, ""))?;
    let title = heading(&stored.record, &stored.body);
    let body = render(&stored, &title);
    Ok(Html(
        layout::page(&title, Nav::None, "", body).into_string(),
    ))
}

/// An evidence key (`dates.discovered`) as an HTML id part.
fn anchor(key: &str) -> String {
    key.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "–".into()
    } else {
        v.join(", ")
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("–".into(), |v| v.to_string())
}

fn render(s: &Stored, title: &str) -> Markup {
    let r = &s.record;
    let d = &r.dates;
    let rows: Vec<(&str, &str, String)> = vec![
        ("document type", "doc_type", r.doc_type.clone()),
        ("organisations", "organisations", list(&r.organisations)),
        ("suppliers", "suppliers", list(&r.suppliers)),
        (
            "supplier involved",
            "supplier_involved",
            r.supplier_involved.to_string(),
        ),
        ("authorities", "authorities", list(&r.authorities)),
        (
            "affected",
            "affected",
            opt(r.affected.as_ref().map(|a| {
                let range = if a.min == a.max {
                    a.max.to_string()
                } else {
                    format!("{}–{}", a.min, a.max)
                };
                format!("{range} {} («{}»)", a.unit.as_deref().unwrap_or(""), a.text)
            })),
        ),
        ("causes", "causes", list(&r.causes)),
        ("breach types", "breach_types", list(&r.breach_types)),
        ("sensitive data", "sensitive_data", opt(r.sensitive_data)),
        (
            "incident start",
            "dates.incident_start",
            opt(d.incident_start),
        ),
        ("incident end", "dates.incident_end", opt(d.incident_end)),
        ("discovered", "dates.discovered", opt(d.discovered)),
        (
            "controller informed",
            "dates.controller_informed",
            opt(d.controller_informed),
        ),
        (
            "authority notified",
            "dates.authority_notified",
            opt(d.authority_notified),
        ),
        (
            "subjects informed",
            "dates.subjects_informed",
            opt(d.subjects_informed),
        ),
    ];
    html! {
        article.record #record data-id=(r.id) {
            h1 #title { (title) }
            p.meta {
                span.source { (r.source) }
                @for path in &r.also_at { " · also at " span.source { (path) } }
                " · " (r.format) " · language " (r.language) " (" (format!("{:.2}", r.language_confidence)) ")"
                " · " a href=(format!("/api/records/{}", r.id)) { "JSON" }
            }
            div.record-columns {
                section.fields #fields {
                    h2 { "Fields" }
                    table.fields {
                        tbody {
                            @for (label, key, value) in &rows {
                                tr id=(format!("field-{}", anchor(key))) {
                                    th { (label) }
                                    td {
                                        @if r.evidence.contains_key(*key) {
                                            a.evidence-link href=(format!("#ev-{}", anchor(key))) title="Show the evidence in the text" { (value) }
                                        } @else { (value) }
                                    }
                                }
                            }
                        }
                    }
                    p.id { "id " code { (r.id) } }
                }
                section.timeline #timeline {
                    h2 { "Timeline" }
                    (delays(r))
                    (timeline_svg(r))
                    @if !r.events.is_empty() {
                        ol.events {
                            @for ev in &r.events {
                                li {
                                    time { (ev.date) @if let Some(t) = &ev.time { " " (t) } }
                                    " " span.kind { (ev.kind.as_str()) } " "
                                    span.text { (ev.text) }
                                }
                            }
                        }
                    }
                }
            }
            section.incident #incident {
                h2 { "The incident" }
                @if s.siblings.is_empty() {
                    p { "No other document in the index is about the same incident." }
                } @else {
                    p { "This document and " (s.incident_size - 1) " other"
                        @if s.incident_size != 2 { "s" } " are one incident (a common organisation or supplier, dates at most "
                        (grouping::NEAR_DAYS) " days apart):" }
                    ul.siblings {
                        @for (id, h) in &s.siblings {
                            li { a href=(format!("/records/{id}")) { (h) } }
                        }
                    }
                }
            }
            section.text #text {
                h2 { "Text" }
                @if r.evidence.is_empty() { p.note { "No field of this record has evidence in the text." } }
                @else { p.note { "Marked: the passages the fields were taken from; each label links to its field." } }
                div.body { (marked_text(&s.body, &r.evidence)) }
            }
        }
    }
}

/// The delays in days, and whether the report kept to the 72 hours.
fn delays(r: &IncidentRecord) -> Markup {
    let y = &r.delays;
    let days = |v: Option<i64>| v.map_or("–".to_string(), |d| format!("{d} d"));
    html! {
        table.delays {
            tr { th { "detection (start → discovered)" } td { (days(y.detection_days)) } }
            tr { th { "supplier → controller" } td { (days(y.supplier_to_controller_days)) } }
            tr { th { "notification (controller → authority)" } td { (days(y.notification_days)) } }
            tr.late-row { th { "over " (NOTIFICATION_LIMIT_HOURS) " hours" } td {
                @match y.late_notification {
                    Some(true) => span.badge.late { "yes, late" },
                    Some(false) => span.badge.ok { "no, in time" },
                    None => "unknown",
                }
            } }
        }
    }
}

/// The record's dates on one axis, one row each, with a dashed line where the 72 hours
/// from the controller learning of it run out.
fn timeline_svg(r: &IncidentRecord) -> Markup {
    let d = &r.dates;
    let points: Vec<(&str, NaiveDate)> = [
        ("incident start", d.incident_start),
        ("incident end", d.incident_end),
        ("discovered", d.discovered),
        ("controller informed", d.controller_informed),
        ("authority notified", d.authority_notified),
        ("subjects informed", d.subjects_informed),
    ]
    .into_iter()
    .filter_map(|(l, d)| Some((l, d?)))
    .collect();
    if points.is_empty() {
        return html! { p.note { "No dates in this record." } };
    }
    let deadline = d
        .controller_informed
        .map(|c| c + chrono::Duration::hours(NOTIFICATION_LIMIT_HOURS));
    let first = points
        .iter()
        .map(|p| p.1)
        .min()
        .expect("points is not empty");
    let last = points
        .iter()
        .map(|p| p.1)
        .chain(deadline)
        .max()
        .expect("not empty");
    let span = (last - first).num_days().max(1) as f64;
    let (left, right, row) = (150.0, 590.0, 22.0);
    let x = |day: NaiveDate| left + (day - first).num_days() as f64 / span * (right - left);
    let height = row * points.len() as f64 + 30.0;
    let mut svg = format!(
        r#"<svg class="timeline" viewBox="0 0 640 {height}" width="640" height="{height}" role="img" aria-label="Timeline"><title>Timeline</title>"#
    );
    for (i, (label, day)) in points.iter().enumerate() {
        let y = row * i as f64 + 16.0;
        let late = *label == "authority notified" && r.delays.late_notification == Some(true);
        svg.push_str(&format!(
            r##"<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#e2e8f0"/><text x="0" y="{ty}" font-size="12" fill="#2d3748">{label}</text><circle cx="{cx:.1}" cy="{y}" r="5" fill="{fill}"/><text x="{tx:.1}" y="{ty}" font-size="11" fill="#4a5568" text-anchor="{anchor}">{day}</text>"##,
            ty = y + 4.0,
            cx = x(*day),
            fill = if late { "#c53030" } else { "#2b6cb0" },
            tx = if x(*day) > right - 70.0 { x(*day) - 9.0 } else { x(*day) + 9.0 },
            anchor = if x(*day) > right - 70.0 { "end" } else { "start" },
        ));
    }
    if let Some(deadline) = deadline {
        let dx = x(deadline);
        let bottom = row * points.len() as f64 + 4.0;
        svg.push_str(&format!(
            r##"<line class="deadline" x1="{dx:.1}" y1="4" x2="{dx:.1}" y2="{bottom}" stroke="#c53030" stroke-dasharray="4 3"/><text x="{dx:.1}" y="{ty}" font-size="11" fill="#c53030" text-anchor="middle">{NOTIFICATION_LIMIT_HOURS} h: {deadline}</text>"##,
            ty = bottom + 14.0,
        ));
    }
    svg.push_str("</svg>");
    PreEscaped(svg)
}

/// The text, escaped, with each field's evidence span in a `<mark>` (spans may overlap:
/// the text is cut at every span edge) and a label after it linking to the field.
fn marked_text(text: &str, evidence: &BTreeMap<String, Evidence>) -> Markup {
    let spans: Vec<(&str, usize, usize)> = evidence
        .iter()
        .filter(|(_, e)| {
            e.start < e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        })
        .map(|(k, e)| (k.as_str(), e.start, e.end))
        .collect();
    let mut cuts: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.1, s.2])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + spans.len() * 120);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        for (key, _, _) in spans.iter().filter(|s| s.1 == a) {
            out.push_str(&format!(
                r#"<span class="anchor" id="ev-{}"></span>"#,
                anchor(key)
            ));
        }
        let covering: Vec<&str> = spans
            .iter()
            .filter(|s| s.1 <= a && b <= s.2)
            .map(|s| s.0)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape(&text[a..b]));
        } else {
            out.push_str(&format!(
                r#"<mark class="ev" data-fields="{}">{}</mark>"#,
                escape(&covering.join(" ")),
                escape(&text[a..b])
            ));
        }
        for (key, _, _) in spans.iter().filter(|s| s.2 == b) {
            out.push_str(&format!(
                r##"<a class="ev-label" href="#field-{}">{}</a>"##,
                anchor(key),
                escape(key)
            ));
        }
    }
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_evidence_is_cut_at_each_edge_and_the_text_escaped() {
        let text = "Leverantören <Tieto> upptäckte felet den 8 mars.";
        let mut ev = BTreeMap::new();
        let start = text.find("<Tieto>").unwrap();
        ev.insert(
            "suppliers".to_string(),
            Evidence::new(text, start, start + 7),
        );
        let date = text.find("upptäckte").unwrap();
        ev.insert(
            "dates.discovered".to_string(),
            Evidence::new(text, date, text.len() - 1),
        );
        ev.insert(
            "organisations".to_string(),
            Evidence::new(text, date, date + 10),
        );
        let html = marked_text(text, &ev).into_string();
        assert!(
            html.contains(r#"<mark class="ev" data-fields="suppliers">&lt;Tieto&gt;</mark>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="anchor" id="ev-dates-discovered"></span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"data-fields="dates.discovered organisations">upptäckte</mark>"#),
            "{html}"
        );
        assert!(
            html.contains(r##"<a class="ev-label" href="#field-organisations">organisations</a>"##)
        );
        assert!(!html.contains("<Tieto>"));
    }

    #[test]
    fn spans_off_the_text_or_inside_a_letter_are_left_out() {
        let text = "Hälsouppgifter";
        let mut ev = BTreeMap::new();
        ev.insert(
            "sensitive_data".to_string(),
            Evidence {
                text: "x".into(),
                start: 2,
                end: 4,
            },
        );
        ev.insert(
            "causes".to_string(),
            Evidence {
                text: "x".into(),
                start: 3,
                end: 99,
            },
        );
        assert_eq!(marked_text(text, &ev).into_string(), "Hälsouppgifter");
    }
}
