//! `incidex report`: one well-formed, self-contained HTML page with every chart, the
//! figures of `incidex stats`, and document text escaped.

use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::ingest::{assert_status, incidex, ingest, stdout};

/// The tags of `html` must nest: every opened element closed, in order, void elements
/// aside. (html5ever repairs any input, so its tree alone cannot show this.)
fn assert_balanced(html: &str) {
    const VOID: &[&str] = &["meta", "link", "br", "hr", "img", "input"];
    let tag = regex::Regex::new(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>").unwrap();
    let body = html.trim_start_matches("<!DOCTYPE html>");
    let mut open: Vec<String> = Vec::new();
    for c in tag.captures_iter(body) {
        let name = c[2].to_lowercase();
        let (closing, self_closing) = (&c[1] == "/", &c[4] == "/");
        if closing {
            let top = open.pop();
            assert_eq!(
                top.as_deref(),
                Some(name.as_str()),
                "</{name}> closes {top:?}"
            );
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "never closed: {open:?}");
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// A news text whose headline carries markup, about an intrusion at Göteborgs Stad.
/// (Written for this test.)
fn write_hostile_title(dir: &Path) {
    std::fs::write(
        dir.join("skript.txt"),
        "Intrång i skolplattformen <script>alert(\"x\")</script>\n\n\
         Publicerad 5 maj 2021\n\n\
         Göteborgs Stad meddelar att en obehörig person tog sig in i skolplattformen den \
         3 maj 2021. Intrånget upptäcktes den 4 maj 2021 och anmäldes till IMY.\n",
    )
    .unwrap();
}

#[test]
fn the_report_is_well_formed_has_every_chart_and_escapes_document_text() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write_hostile_title(&docs);
    crate::stats::write_two_documents_about_one_incident(&docs);
    let index = tmp.path().join("index");
    ingest(&index, &["corpus", docs.to_str().unwrap()], 0);
    let index = index.to_str().unwrap();

    let out = tmp.path().join("report.html");
    let o = incidex(&["report", "--index", index, "--out", out.to_str().unwrap()]);
    assert_status(&o, 0);
    assert!(stdout(&o).contains("report.html"), "{}", stdout(&o));
    let html = std::fs::read_to_string(&out).unwrap();

    // Well-formed: html5ever reports no parse error, and the tags nest.
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    assert_balanced(&html);

    // Self-contained: no script, nothing loaded from elsewhere.
    assert!(select(&doc, "script").is_empty());
    for attr in ["src", "href"] {
        assert!(
            select(&doc, &format!("[{attr}]")).is_empty(),
            "an element loads something: {attr}"
        );
    }
    let without_namespace = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!without_namespace.contains("http://") && !html.contains("https://"));

    // Every chart, each an inline SVG with marks in it.
    for id in [
        "chart-years",
        "chart-supplier-share",
        "chart-top-suppliers",
        "chart-notification-delays",
        "chart-causes",
    ] {
        let marks = select(&doc, &format!("figure#{id} svg rect"));
        assert!(!marks.is_empty(), "{id} has no bars");
    }
    assert_eq!(
        select(&doc, "figure#chart-notification-delays svg line.limit").len(),
        1,
        "the 72-hour line"
    );

    // The hostile title is text, shown escaped.
    assert!(html.contains("&lt;script&gt;alert"), "title not escaped");
    let incidents_text: String = select(&doc, "table.incidents")
        .iter()
        .flat_map(|t| t.text())
        .collect();
    assert!(
        incidents_text.contains("Intrång i skolplattformen <script>alert"),
        "{incidents_text}"
    );

    // The figures are those of `incidex stats`.
    let o = incidex(&["stats", "--format", "json", "--index", index]);
    assert_status(&o, 0);
    let stats: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let overview: Vec<Vec<String>> = select(&doc, "table.overview tbody tr")
        .iter()
        .map(|tr| tr.text().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert_eq!(
        overview[0][1],
        stats["documents"].to_string(),
        "{overview:?}"
    );
    assert_eq!(
        overview[1][1],
        stats["incidents"].to_string(),
        "{overview:?}"
    );
    let years: Vec<String> = select(&doc, "table.years tbody tr td:first-child")
        .iter()
        .map(|td| td.text().collect())
        .collect();
    for y in stats["years"]["values"].as_array().unwrap() {
        assert!(years.contains(&y["year"].to_string()), "{years:?}");
    }
    let listed = select(&doc, "table.incidents tbody tr").len() as u64;
    assert_eq!(listed, stats["incidents"].as_u64().unwrap().min(50));
}

#[test]
fn an_empty_match_still_writes_a_page_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write_hostile_title(&docs);
    let index = tmp.path().join("index");
    ingest(&index, &[docs.to_str().unwrap()], 0);
    let out = tmp.path().join("empty.html");
    let o = incidex(&[
        "report",
        "--index",
        index.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--query",
        "year:1066",
    ]);
    assert_status(&o, 1);
    let html = std::fs::read_to_string(&out).unwrap();
    assert_balanced(&html);
    assert!(html.contains("No data."));
    assert!(html.contains("year:1066"), "the page names its query");
}
