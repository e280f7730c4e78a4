//! `/search`: the query box, the filters with their counts, and one page of ranked hits
//! with their key facts and marked snippets.

use axum::extract::{Query, State};
use axum::response::Html;
use maud::{Markup, PreEscaped, html};

use super::error::PageError;
use super::facets::{self, Facet};
use super::layout::{self, Nav};
use super::params::{Key, Params};
use super::{Failure, Shared, blocking};
use crate::index::search::{Hit, Results};
use crate::index::snippet::Snippet;
use crate::report::escape;

/// Hits on one page.
pub const PAGE_SIZE: usize = 20;

/// What the page shows: the hits of one page and the facets of every match.
pub struct Found {
    pub query_text: String,
    pub results: Results,
    pub facets: Vec<Facet>,
}

/// Runs the search the parameters describe.
pub fn find(app: &super::App, params: &Params, page_size: usize) -> Result<Found, Failure> {
    let query_text = params.query_text()?;
    let query = app.searcher.parse(&query_text)?;
    let offset = (params.page() - 1).saturating_mul(page_size);
    let (results, aggs) =
        app.searcher
            .search_page(&*query, offset, page_size, facets::collector(&app.index))?;
    Ok(Found {
        query_text,
        results,
        facets: facets::read(&aggs),
    })
}

pub async fn page(
    State(app): State<Shared>,
    Query(params): Query<Params>,
) -> Result<Html<String>, PageError> {
    let p = params.clone();
    let found = blocking(move || find(&app, &p, PAGE_SIZE))
        .await
        .map_err(|f| PageError::new(f, &params.q))?;
    let title = if params.q.trim().is_empty() {
        "Search".to_string()
    } else {
        format!("{} – search", params.q.trim())
    };
    let body = render(&params, &found);
    Ok(Html(
        layout::page(&title, Nav::Search, &params.q, body).into_string(),
    ))
}

fn render(params: &Params, found: &Found) -> Markup {
    let total = found.results.total;
    let page = params.page();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let first = (page - 1) * PAGE_SIZE + 1;
    let last = (first + found.results.hits.len()).saturating_sub(1);
    html! {
        form.search #search action="/search" method="get" role="search" {
            input #q type="search" name="q" value=(params.q) autofocus
                placeholder="leverantör AND supplier_involved:true" aria-label="Query";
            @for key in Key::ALL {
                @if let (Some(value), false) = (params.get(key), matches!(key, Key::From | Key::To)) {
                    input type="hidden" name=(key.name()) value=(value);
                }
            }
            label { "from " input type="date" name="from" value=[params.get(Key::From)]; }
            label { "to " input type="date" name="to" value=[params.get(Key::To)]; }
            button type="submit" { "Search" }
            a.help href="/help" { "query language" }
        }
        div.columns {
            aside.facets #facets { (facet_list(params, &found.facets)) }
            section.results #results {
                p.total #total {
                    @if total == 0 {
                        "No document matches."
                    } @else {
                        strong { (total) } " document" @if total != 1 { "s" } " match"
                        @if total == 1 { "es" }
                        @if found.results.hits.is_empty() { ". This page is past the last." }
                        @else { "; " (first) "–" (last) " shown." }
                    }
                    " "
                    a href=(params.on_page(1).url("/stats")) { "Statistics of these" }
                }
                ol.hits start=(first) {
                    @for hit in &found.results.hits { (hit_item(hit)) }
                }
                @if pages > 1 {
                    nav.pages #pages aria-label="Pages" {
                        @if page > 1 { a rel="prev" href=(params.on_page(page - 1).url("/search")) { "← previous" } }
                        span { "page " (page) " of " (pages) }
                        @if page < pages { a rel="next" href=(params.on_page(page + 1).url("/search")) { "next →" } }
                    }
                }
            }
        }
    }
}

/// The facets with links that set or clear each filter.
fn facet_list(params: &Params, facets: &[Facet]) -> Markup {
    html! {
        @let set: Vec<Key> = Key::ALL.into_iter().filter(|&k| params.get(k).is_some()).collect();
        @if !set.is_empty() {
            div.facet.active {
                h2 { "Filters" }
                ul {
                    @for key in &set {
                        li { a.clear href=(params.with(*key, None).url("/search")) title="Remove this filter" {
                            (key.label()) ": " (shown(*key, params.get(*key).unwrap_or_default())) " ×"
                        } }
                    }
                }
            }
        }
        @for facet in facets {
            div.facet data-facet=(facet.key.name()) {
                h2 { (facet.key.label()) }
                ul {
                    @for (value, count) in &facet.values {
                        @let chosen = params.get(facet.key) == Some(value.as_str());
                        li {
                            @if chosen {
                                strong { (shown(facet.key, value)) } " " span.count { (count) }
                            } @else {
                                a href=(params.with(facet.key, Some(value)).url("/search")) { (shown(facet.key, value)) }
                                " " span.count { (count) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A facet value as the page says it.
fn shown(key: Key, value: &str) -> String {
    match (key, value) {
        (Key::Involved | Key::Late, "true") => "yes".into(),
        (Key::Involved | Key::Late, "false") => "no".into(),
        _ => value.to_string(),
    }
}

fn hit_item(hit: &Hit) -> Markup {
    let r = &hit.record;
    let mut facts = Vec::new();
    if !r.organisations.is_empty() {
        facts.push(r.organisations.join(", "));
    }
    if !r.suppliers.is_empty() {
        facts.push(format!("supplier {}", r.suppliers.join(", ")));
    }
    if let Some(d) = r.dates.incident_start.or(r.dates.discovered) {
        facts.push(d.to_string());
    }
    if let Some(days) = r.delays.notification_days {
        facts.push(format!("notified after {days} d"));
    }
    html! {
        li.hit {
            a.title href=(format!("/records/{}", r.id)) { (hit.heading) }
            @if r.delays.late_notification == Some(true) { " " span.badge.late { "late" } }
            div.meta { span.type { (r.doc_type) } " · " span.source { (r.source) } }
            @if !facts.is_empty() { div.facts { (facts.join(" · ")) } }
            p.snippet { (snippet_html(&hit.snippet)) }
        }
    }
}

/// The snippet escaped, its matched words in `<mark>`.
pub fn snippet_html(snippet: &Snippet) -> Markup {
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.highlighted {
        out.push_str(&escape(&snippet.fragment[at..range.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&snippet.fragment[range.clone()]));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&escape(&snippet.fragment[at..]));
    PreEscaped(out)
}
