//! `incidex serve`: the index in a browser. Server-rendered pages (maud) over the same
//! library calls as the CLI, with their state in the URL, and a JSON API giving what the
//! CLI's `--json` prints:
//!
//! | path | what |
//! |---|---|
//! | `/search?q=…&supplier=…&page=…` | hits with marked snippets, facet counts, paging ([`search_page`]) |
//! | `/records/{id}` | one record, its text with the evidence marked, its timeline, its incident ([`record_page`]) |
//! | `/stats?q=…` | the report's figures and charts for the index or a query ([`stats_page`]) |
//! | `/help` | the query language, with examples to click ([`help_page`]) |
//! | `/api/search`, `/api/records/{id}`, `/api/stats` | JSON ([`api`]) |
//!
//! Read-only: every route is a GET and nothing writes. Every text from a document is
//! escaped (maud escapes what it is given), the style sheet is inside the binary, no page
//! runs a script, and a Content-Security-Policy header says so to the browser. The
//! searcher's reader reloads by itself when an import commits into the same index, so a
//! running server shows each new commit and never half a batch.

mod api;
mod assets;
mod error;
mod facets;
mod help_page;
mod layout;
mod params;
mod record_page;
mod search_page;
mod stats_page;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Redirect, Response};
use axum::routing::get;
use tantivy::Index;

use crate::index::search::Searcher;
pub use error::Failure;

/// What every page reads: the open index and its searcher.
pub struct App {
    pub index: Index,
    pub searcher: Searcher,
    /// The index directory, as shown on the pages.
    pub index_name: String,
}

impl App {
    pub fn new(index: Index, index_name: String) -> tantivy::Result<App> {
        let searcher = Searcher::new(&index)?;
        Ok(App {
            index,
            searcher,
            index_name,
        })
    }
}

type Shared = Arc<App>;

/// Scripts, plug-ins, frames and fetches from anywhere are refused; styles and images come
/// from this server only (the charts are inline SVG, which needs neither).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Every route of the application.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/search") }))
        .route("/search", get(search_page::page))
        .route("/records/{id}", get(record_page::page))
        .route("/stats", get(stats_page::page))
        .route("/help", get(help_page::page))
        .route("/api/search", get(api::search))
        .route("/api/records/{id}", get(api::record))
        .route("/api/stats", get(api::stats))
        .route("/assets/style.css", get(assets::style))
        .fallback(error::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::middleware::from_fn(server_timing))
        .with_state(Arc::new(app))
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Says in a `Server-Timing` header how long the server took (for `bench/serve.sh`, and
/// shown by browsers' developer tools).
async fn server_timing(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let started = std::time::Instant::now();
    let mut response = next.run(request).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(value) = HeaderValue::from_str(&format!("app;dur={ms:.3}")) {
        response.headers_mut().insert("server-timing", value);
    }
    response
}

/// Runs `work` on tokio's blocking pool: searches and stats read the index synchronously.
async fn blocking<T, F>(work: F) -> Result<T, Failure>
where
    F: FnOnce() -> Result<T, Failure> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Failure::Internal(format!("the request failed: {e}")))?
}
