//! `incidex extract` on the corpus: the JSON contract of RECORD.md, text and PDF alike,
//! and per-file errors that do not stop the batch.

use crate::util::*;

/// The RECORD.md fields, parsed strictly: an unknown or missing field fails the test.
#[allow(dead_code)]
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    source: String,
    #[serde(default)]
    also_at: Vec<String>,
    id: String,
    format: String,
    language: String,
    language_confidence: f64,
    doc_type: String,
    title: Option<String>,
    organisations: Vec<String>,
    suppliers: Vec<String>,
    supplier_involved: bool,
    authorities: Vec<String>,
    affected: Option<serde_json::Value>,
    dates: Dates,
    delays: Delays,
    causes: Vec<String>,
    breach_types: Vec<String>,
    sensitive_data: Option<bool>,
    events: Vec<serde_json::Value>,
    evidence: std::collections::BTreeMap<String, serde_json::Value>,
    pii_kinds: Vec<String>,
    rules_digest: String,
}

#[allow(dead_code)]
#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Dates {
    incident_start: Option<String>,
    incident_end: Option<String>,
    discovered: Option<String>,
    controller_informed: Option<String>,
    authority_notified: Option<String>,
    subjects_informed: Option<String>,
}

#[allow(dead_code)]
#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Delays {
    detection_days: Option<i64>,
    supplier_to_controller_days: Option<i64>,
    notification_days: Option<i64>,
    late_notification: Option<bool>,
}

fn records(args: &[&str]) -> Vec<Record> {
    let dir = tempfile::tempdir().unwrap();
    let o = incidex(dir.path(), args);
    assert!(o.status.success(), "{}", stderr(&o));
    json_lines(&o)
        .into_iter()
        .map(|v| serde_json::from_value(v).expect("RECORD.md shape"))
        .collect()
}

#[test]
fn the_corpus_gives_one_strict_record_per_document() {
    let corpus = corpus().display().to_string();
    let recs = records(&["extract", "--json", &corpus]);
    assert_eq!(recs.len(), 10, "five texts and five PDFs");
    for r in &recs {
        assert_eq!(r.language, "sv", "{}", r.source);
        assert_eq!(r.id.len(), 64);
        assert!(r.evidence.contains_key("doc_type"), "{}", r.source);
    }
}

#[test]
fn pdfs_give_the_records_of_their_texts() {
    let corpus = corpus().display().to_string();
    let recs = records(&["extract", "--json", &corpus]);
    let key = |r: &Record| r.source.rsplit_once('.').unwrap().0.to_string();
    for txt in recs.iter().filter(|r| r.format == "text") {
        let pdf = recs
            .iter()
            .find(|r| r.format == "pdf" && key(r) == key(txt))
            .expect("the PDF twin");
        assert_eq!(
            (
                &pdf.doc_type,
                &pdf.organisations,
                &pdf.suppliers,
                &pdf.authorities,
                &pdf.causes,
                &pdf.breach_types
            ),
            (
                &txt.doc_type,
                &txt.organisations,
                &txt.suppliers,
                &txt.authorities,
                &txt.causes,
                &txt.breach_types
            ),
            "{}",
            txt.source
        );
        assert_eq!(
            (pdf.supplier_involved, pdf.sensitive_data),
            (txt.supplier_involved, txt.sensitive_data)
        );
    }
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_come_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tom.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("trasig.pdf"),
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    )
    .unwrap();
    let seed = seed_texts()[0].clone();
    std::fs::copy(&seed, dir.path().join("ok.txt")).unwrap();
    let o = incidex(dir.path(), &["extract", "--json", "."]);
    assert_eq!(o.status.code(), Some(2), "some files failed");
    assert_eq!(json_lines(&o).len(), 1);
    let err = stderr(&o);
    assert!(err.contains("tom.txt: the file is empty"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("incidex: ") && l.contains("trasig.pdf: ")),
        "{err}"
    );
}

#[test]
fn the_summary_names_the_parties() {
    let seed = seed_texts()[0].display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let o = incidex(dir.path(), &["extract", &seed]);
    assert!(o.status.success());
    let out = stdout(&o);
    let json = records(&["extract", "--json", &seed]);
    for org in &json[0].organisations {
        assert!(out.contains(org.as_str()), "{out}");
    }
    assert!(out.contains(&format!("type {}", json[0].doc_type)), "{out}");
}

/// A municipal news page: menus, a cookie banner, a share bar and a footer around the
/// article. Only the article may feed the record.
const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Felaktigt utskick av elevuppgifter - Borås Stad</title>
<script>window.dataLayer = [];</script><style>.nav{display:flex}</style></head>
<body>
<a class="skip-link" href="#main">Hoppa till huvudinnehåll</a>
<div id="cookie-consent"><p>Vi använder kakor för att förbättra webbplatsen.</p><button>Jag förstår</button></div>
<header class="site-header"><nav aria-label="Huvudmeny"><ul>
<li><a href="/">Start</a></li><li><a href="/skola">Förskola och skola</a></li>
<li><a href="/omsorg">Omsorg och hjälp</a></li><li><a href="/kontakt">Kontakta Region Halland</a></li>
</ul></nav></header>
<div class="breadcrumbs"><a href="/">Start</a> / <a href="/nyheter">Nyheter</a></div>
<main id="main"><article>
<h1>Felaktigt utskick av elevuppgifter</h1>
<p class="date">Publicerad 14 februari 2022</p>
<p>Borås Stad har skickat ut ett mejl med uppgifter om 312 elever till fel vårdnadshavare.
Utskicket gjordes av misstag från en gemensam brevlåda.</p>
<p>Uppgifterna gällde elevernas stödbehov och räknas som känsliga personuppgifter.
Borås Stad har anmält händelsen till Integritetsskyddsmyndigheten.</p>
<p>&ndash; Vi beklagar det inträffade, säger skolchefen Maria Lind.</p>
</article></main>
<div class="share-bar">Dela på Facebook</div>
<footer><p>Borås Stad, 501 80 Borås. Telefon 033-35 70 00</p></footer>
</body></html>"##;

#[test]
fn an_html_page_gives_the_article_record() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nyhet.html"), NEWS_PAGE).unwrap();
    let recs = records(&[
        "extract",
        "--json",
        &dir.path().join("nyhet.html").display().to_string(),
    ]);
    let r = &recs[0];
    assert_eq!(r.format, "html");
    assert_eq!(
        r.title.as_deref(),
        Some("Felaktigt utskick av elevuppgifter")
    );
    assert_eq!(r.doc_type, "news_article");
    assert_eq!(
        r.organisations,
        ["Borås Stad"],
        "Region Halland is only in the menu"
    );
    assert_eq!(r.authorities, ["IMY"]);
    assert_eq!(r.causes, ["human_error"]);
    assert_eq!(r.breach_types, ["disclosure"]);
    assert_eq!(r.sensitive_data, Some(true));
    assert!(r.suppliers.is_empty() && !r.supplier_involved);
    assert_eq!(
        r.affected
            .as_ref()
            .and_then(|a| a.get("min"))
            .and_then(|m| m.as_u64()),
        Some(312)
    );
}

#[test]
fn one_worker_gives_the_same_records_in_the_same_order() {
    let corpus = corpus().display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let default = incidex(dir.path(), &["extract", "--json", &corpus]);
    let one = incidex(dir.path(), &["extract", "--json", "--jobs", "1", &corpus]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(json_lines(&one).len(), 10);
    assert_eq!(stdout(&one), stdout(&default));
    let none = incidex(dir.path(), &["extract", "--json", "-j", "0", &corpus]);
    assert!(
        none.status.success(),
        "-j 0 is read as one: {}",
        stderr(&none)
    );
}
