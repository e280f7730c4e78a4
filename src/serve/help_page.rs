//! `/help`: the query language of `incidex search`, with examples that run when clicked.

use axum::response::Html;
use maud::html;

use super::layout::{self, Nav};
use super::params::Params;
use crate::index::search::field_list;

/// (query, what it finds).
const EXAMPLES: &[(&str, &str)] = &[
    (
        "leverantör",
        "the word in any form and as part of compounds (leverantören, it-leverantörens)",
    ),
    (
        "leverantör AND supplier_involved:true",
        "documents saying a supplier was involved that mention one",
    ),
    ("\"fel mottagare\"", "a phrase"),
    ("personuppgiftsincident OR dataintrång", "either word"),
    (
        "cause:attack -phishing",
        "attacks, without the word phishing",
    ),
    (
        "notification_days:[4 TO *]",
        "notified four days or more after the controller learnt of it",
    ),
    ("late_notification:true", "notified later than 72 hours"),
    (
        "discovered:[2019-01-01 TO 2019-12-31]",
        "discovered in 2019",
    ),
    ("date:2021", "incidents whose first known date is in 2021"),
    ("doc_type:lex_sarah_report", "lex Sarah investigations"),
    (
        "supplier:tieto OR supplier:telia",
        "a supplier by a word of its name",
    ),
    ("affected:[1000 TO *]", "a thousand people affected or more"),
];

pub async fn page() -> Html<String> {
    let link = |q: &str| {
        Params {
            q: q.to_string(),
            ..Params::default()
        }
        .url("/search")
    };
    let body = html! {
        article.help {
            h1 { "The query language" }
            p { "Words are joined with AND: every word must be in the document. Words are found in their Swedish forms and inside compounds, so "
                code { "incident" } " finds " em { "personuppgiftsincidenter" } ". Write " code { "OR" } " for either, "
                code { "-word" } " or " code { "NOT word" } " to leave out, " code { "\"a phrase\"" } " for words in a row, "
                code { "field:value" } " for a field of the record, " code { "field:[A TO B]" } " for a range (" code { "*" } " for an open end)." }
            p { "The filters beside the results add to the query; the statistics page shows the figures of the same documents." }
            h2 { "Examples" }
            ul.examples #examples {
                @for (q, what) in EXAMPLES {
                    li { a href=(link(q)) { code { (q) } } " – " (what) }
                }
            }
            h2 { "Fields" }
            table.help-fields {
                tr { th { "names, word by word" } td { code { "supplier" } ", " code { "organisation" } ", " code { "authority" } } }
                tr { th { "exact terms" } td { code { "doc_type" } " (news_article, lex_sarah_report, breach_notification, faq_page, other), " code { "cause" } " (human_error, technical_error, attack, process_failure), " code { "breach_type" } " (disclosure, access, loss, alteration), " code { "language" } } }
                tr { th { "dates (YYYY-MM-DD or a year)" } td { code { "incident_start" } ", " code { "incident_end" } ", " code { "discovered" } ", " code { "controller_informed" } ", " code { "authority_notified" } ", " code { "subjects_informed" } ", " code { "date" } " (the first known)" } }
                tr { th { "numbers" } td { code { "notification_days" } ", " code { "supplier_to_controller_days" } ", " code { "detection_days" } ", " code { "affected" } ", " code { "affected_min" } ", " code { "year" } } }
                tr { th { "true/false" } td { code { "supplier_involved" } ", " code { "late_notification" } ", " code { "sensitive_data" } } }
            }
            p.note { "A field the record leaves empty is absent: " code { "late_notification:false" } " finds the documents known to be on time, not those that cannot tell. All fields: " (field_list()) "." }
            h2 { "The same as JSON" }
            p { code { "/api/search?q=…" } " (the hits as " code { "incidex search --json" } " prints them), "
                code { "/api/records/ID" } " (as " code { "incidex show --json" } "), "
                code { "/api/stats?q=…" } " (as " code { "incidex stats --format json" } "). They take the same parameters as the pages." }
        }
    };
    Html(layout::page("Help", Nav::Help, "", body).into_string())
}
