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
