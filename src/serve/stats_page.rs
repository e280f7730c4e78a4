//! `/stats`: the figures and charts of `incidex report` for the whole index or the
//! documents the query and filters of the search page match, with the largest incidents
//! linked to their records.

use axum::extract::{Query, State};
use axum::response::Html;
use maud::{Markup, PreEscaped, html};

use super::error::PageError;
use super::layout::{self, Nav};
use super::params::Params;
use super::{App, Failure, Shared, blocking};
use crate::stats::{self, Options, Stats};

/// Names in each ranked list, and incidents listed.
const TOP: usize = 15;
const INCIDENTS_LISTED: usize = 20;

/// The statistics of what `params` select, as `incidex stats` computes them.
pub fn compute(app: &App, params: &Params, options: &Options) -> Result<(String, Stats), Failure> {
    let query_text = params.query_text()?;
    let query = app.searcher.parse(&query_text)?;
    let stats = stats::compute(&app.index, &*query, options)?;
    Ok((query_text, stats))
}

pub async fn page(
    State(app): State<Shared>,
    Query(params): Query<Params>,
) -> Result<Html<String>, PageError> {
    let p = params.clone();
    let index_name = app.index_name.clone();
    let options = Options {
        top: TOP,
        by: Vec::new(),
        incidents_listed: INCIDENTS_LISTED,
    };
    let (query_text, stats) = blocking(move || compute(&app, &p, &options))
        .await
        .map_err(|f| PageError::new(f, &params.q))?;
    let body = render(&params, &query_text, &index_name, &stats);
    Ok(Html(
        layout::page("Statistics", Nav::Stats, &params.q, body).into_string(),
    ))
}

fn render(params: &Params, query_text: &str, index_name: &str, stats: &Stats) -> Markup {
    html! {
        section.stats-head {
            h1 { "Statistics" }
            p.meta #scope {
                @if query_text == "*" { "All documents" } @else { "Documents matching " code { (query_text) } }
                " in the index " code { (index_name) } ": " strong { (stats.documents) } " documents, "
                strong { (stats.incidents) } " incidents. "
                a href=(params.on_page(1).url("/search")) { "Show them" } " · "
                a href=(params.on_page(1).url("/api/stats")) { "JSON" }
            }
        }
        div.report #report { (PreEscaped(crate::report::figures_html(stats))) }
        @if let Some(list) = &stats.incident_list {
            section #incidents {
                h2 { "Largest incidents" }
                div.scroll { table.incidents {
                    thead { tr { th.n { "#" } th.n { "people affected" } th.n { "documents" } th { "first" } th { "last" } th { "organisations" } th { "suppliers" } th { "documents" } } }
                    tbody {
                        @for row in list {
                            tr {
                                td.n { (row.incident) } td.n { (row.affected.map(|n| n.to_string()).unwrap_or_default()) } td.n { (row.documents) }
                                td { (row.first.map(|d| d.to_string()).unwrap_or_default()) }
                                td { (row.last.map(|d| d.to_string()).unwrap_or_default()) }
                                td { (row.organisations.join(", ")) } td { (row.suppliers.join(", ")) }
                                td { ul.members { @for m in &row.members {
                                    li { a href=(format!("/records/{}", m.id)) { (m.title.as_deref().unwrap_or(&m.source)) } }
                                } } }
                            }
                        }
                    }
                } }
            }
        }
    }
}
