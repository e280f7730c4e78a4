//! The one asset, the style sheet, inside the binary: the report's styles (tables,
//! charts) and the pages' own (`style.css`).

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;

static STYLE: LazyLock<String> =
    LazyLock::new(|| format!("{}\n{}", crate::report::STYLE, include_str!("style.css")));

pub async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE.as_str(),
    )
}
