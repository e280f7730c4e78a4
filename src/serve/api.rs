//! The JSON behind the pages, as the CLI prints it: `/api/search` lists the hits of
//! `incidex search --json`, `/api/records/{id}` is `incidex show --json`, `/api/stats`
//! is `incidex stats --format json`. They take the parameters of the pages.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use serde::Serialize;

use super::error::ApiError;
use super::params::Params;
use super::search_page::{self, PAGE_SIZE};
use super::{Shared, blocking, stats_page};
use crate::index::search::JsonHit;
use crate::record::IncidentRecord;
use crate::stats::{Options, render};

/// `/api/search`: one page of hits and how many match in all.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    query: &'a str,
    total: usize,
    page: usize,
    page_size: usize,
    hits: Vec<JsonHit<'a>>,
}

pub async fn search(
    State(app): State<Shared>,
    Query(params): Query<Params>,
) -> Result<impl IntoResponse, ApiError> {
    let page = params.page();
    let found = blocking(move || search_page::find(&app, &params, PAGE_SIZE))
        .await
        .map_err(ApiError)?;
    let answer = SearchAnswer {
        query: &found.query_text,
        total: found.results.total,
        page,
        page_size: PAGE_SIZE,
        hits: found.results.hits.iter().map(|h| h.json()).collect(),
    };
    // Written straight to bytes: through a `serde_json::Value` an f32 score would come
    // out with the digits of an f64, unlike the CLI's.
    let body = serde_json::to_vec(&answer).map_err(|e| ApiError(anyhow::Error::from(e).into()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body))
}

pub async fn record(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<IncidentRecord>, ApiError> {
    let (_, _, record) = blocking(move || super::record_page::lookup(&app, &id))
        .await
        .map_err(ApiError)?;
    Ok(Json(record))
}

pub async fn stats(
    State(app): State<Shared>,
    Query(params): Query<Params>,
) -> Result<impl IntoResponse, ApiError> {
    let (_, stats) = blocking(move || stats_page::compute(&app, &params, &Options::default()))
        .await
        .map_err(ApiError)?;
    let mut body = Vec::new();
    render::write_json(&mut body, &stats).map_err(|e| ApiError(anyhow::Error::from(e).into()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body))
}
