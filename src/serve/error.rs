//! What can go wrong with a request, as a page (HTML) or as JSON, with its status: a
//! query the parser refuses is 400 with the parser's message, an unknown id 404.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::html;

use super::layout::{self, Nav};

#[derive(Debug, Clone)]
pub enum Failure {
    /// The query or a filter cannot be read; the message says why.
    BadQuery(String),
    /// No record with this id.
    NotFound(String),
    /// The index could not answer.
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadQuery(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> &str {
        match self {
            Failure::BadQuery(m) | Failure::NotFound(m) | Failure::Internal(m) => m,
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Internal(format!("{e:#}"))
    }
}

impl From<crate::index::search::QueryError> for Failure {
    fn from(e: crate::index::search::QueryError) -> Failure {
        Failure::BadQuery(e.to_string())
    }
}

/// A failure shown as a page.
pub struct PageError {
    pub failure: Failure,
    /// The query box keeps what the user typed.
    pub query: String,
}

impl PageError {
    pub fn new(failure: Failure, query: &str) -> PageError {
        PageError {
            failure,
            query: query.to_string(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.failure.status();
        let heading = match self.failure {
            Failure::BadQuery(_) => "The query cannot be read",
            Failure::NotFound(_) => "Not found",
            Failure::Internal(_) => "The index could not answer",
        };
        let body = html! {
            section.error {
                h1 { (status.as_u16()) " · " (heading) }
                p.message #error-message { (self.failure.message()) }
                @if matches!(self.failure, Failure::BadQuery(_)) {
                    p { "See " a href="/help" { "the query language" } " for what a query may say." }
                }
            }
        };
        let page = layout::page(heading, Nav::None, &self.query, body);
        (status, Html(page.into_string())).into_response()
    }
}

/// A failure as JSON: `{"error": "..."}` with the same status as the page.
pub struct ApiError(pub Failure);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.0.message() });
        (self.0.status(), Json(body)).into_response()
    }
}

/// Any path no route serves.
pub async fn not_found(uri: axum::http::Uri) -> PageError {
    PageError::new(
        Failure::NotFound(format!("nothing is served at {}", uri.path())),
        "",
    )
}
