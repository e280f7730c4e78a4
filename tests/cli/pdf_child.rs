//! The long-lived PDF loader children: many PDFs go through one child; a PDF that crashes,
//! hangs or breaks the memory limit costs that PDF alone, and the next PDF gets a fresh
//! child. The loader is driven through the library with the built binary as its child,
//! so the number of children it started can be counted; the last test runs `ingest`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use incidex::load::LoadError;
use incidex::load::child::{ChildLoader, FAULT_ENV};

use crate::bad_input::{bomb_pdf, one_page_pdf};

/// A small PDF whose one page says something different for each `i`.
fn text_pdf(i: usize) -> Vec<u8> {
    let content = format!(
        "BT /F1 12 Tf 72 770 Td (Rapport {i} om personuppgiftsincidenten i kommunen) Tj ET"
    );
    one_page_pdf("", content.as_bytes(), "")
}

/// The words of the text `text_pdf(i)` loads to.
fn words_of(i: usize) -> String {
    format!("Rapport {i} om personuppgiftsincidenten i kommunen")
}

fn loader(exe: impl Into<PathBuf>, timeout_secs: u64, memory: u64) -> ChildLoader {
    ChildLoader::new(exe, Duration::from_secs(timeout_secs), memory)
}

fn incidex_exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_incidex"))
}

/// A script that runs incidex with the fault switch set to `fault`: a child that
/// misbehaves only on the PDFs the fault's trigger names.
fn faulty_exe(dir: &Path, fault: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("faulty-incidex");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n{FAULT_ENV}='{fault}' exec '{}' \"$@\"\n",
            incidex_exe().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn assert_loaded(result: &Result<incidex::load::Document, LoadError>, i: usize) {
    let doc = result.as_ref().unwrap_or_else(|e| panic!("PDF {i}: {e}"));
    assert_eq!(
        doc.text.split_whitespace().collect::<Vec<_>>().join(" "),
        words_of(i)
    );
}

#[test]
fn many_pdfs_go_through_one_child() {
    let loader = loader(incidex_exe(), 120, 1 << 30);
    for i in 0..40 {
        assert_loaded(&loader.load(&text_pdf(i)), i);
    }
    // Bad PDFs are answers, not crashes: the child stays.
    for _ in 0..3 {
        let answer = loader.load(b"%PDF-1.4\ncut short");
        assert!(matches!(answer, Err(LoadError::BrokenPdf(_))), "{answer:?}");
    }
    assert_eq!(loader.spawned(), 1);
    // Clones share the idle child.
    let clone = loader.clone();
    assert_loaded(&clone.load(&text_pdf(99)), 99);
    assert_eq!(loader.spawned(), 1);
}

#[test]
fn threads_at_once_get_one_child_each_at_most() {
    let loader = loader(incidex_exe(), 120, 1 << 30);
    std::thread::scope(|scope| {
        for t in 0..3 {
            let loader = &loader;
            scope.spawn(move || {
                for i in 0..10 {
                    assert_loaded(&loader.load(&text_pdf(t * 100 + i)), t * 100 + i);
                }
            });
        }
    });
    assert!(
        (1..=3).contains(&loader.spawned()),
        "{} children for 3 threads",
        loader.spawned()
    );
}

#[test]
fn a_child_retires_after_its_share_of_pdfs() {
    let mut loader = loader(incidex_exe(), 120, 1 << 30);
    loader.files_per_child = 2;
    for i in 0..5 {
        assert_loaded(&loader.load(&text_pdf(i)), i);
    }
    assert_eq!(loader.spawned(), 3);
}

#[test]
fn a_pdf_over_the_memory_limit_costs_itself_and_the_child_is_restarted() {
    let loader = loader(incidex_exe(), 120, 256 << 20);
    assert_loaded(&loader.load(&text_pdf(1)), 1);
    assert_eq!(
        loader.load(&bomb_pdf(640 << 20)),
        Err(LoadError::OutOfMemory { limit: 256 << 20 })
    );
    assert_eq!(loader.spawned(), 1, "the bomb ran in the first child");
    for i in 2..6 {
        assert_loaded(&loader.load(&text_pdf(i)), i);
    }
    assert_eq!(loader.spawned(), 2, "one restart after the bomb");
}

#[test]
fn a_crashing_or_hanging_pdf_in_the_middle_costs_itself() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("hang", LoadError::Timeout { millis: 10_000 }),
        ("abort", LoadError::ParserCrashed("aborted".into())),
        (
            "overflow",
            LoadError::ParserCrashed("stack overflow".into()),
        ),
    ];
    for (fault, expected) in cases {
        let loader = loader(
            faulty_exe(dir.path(), &format!("{fault}:%%fault-here")),
            10,
            1 << 30,
        );
        let mut bad = text_pdf(3);
        bad.extend_from_slice(b"%%fault-here\n");
        let batch: Vec<Vec<u8>> = (0..7)
            .map(|i| if i == 3 { bad.clone() } else { text_pdf(i) })
            .collect();
        for (i, pdf) in batch.iter().enumerate() {
            let result = loader.load(pdf);
            if i == 3 {
                assert_eq!(result, Err(expected.clone()), "fault {fault}");
            } else {
                assert_loaded(&result, i);
            }
        }
        assert_eq!(loader.spawned(), 2, "fault {fault}: one restart");
    }
}

#[test]
fn ingest_goes_on_after_a_pdf_that_hangs_its_child() {
    let docs = tempfile::tempdir().unwrap();
    for i in 0..8 {
        let mut pdf = text_pdf(i);
        if i == 4 {
            pdf.extend_from_slice(b"%%fault-here\n");
        }
        std::fs::write(docs.path().join(format!("r{i}.pdf")), pdf).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let out = Command::new(incidex_exe())
        .env(FAULT_ENV, "hang:%%fault-here")
        .args([
            "ingest",
            "--json",
            "--jobs",
            "1",
            "--file-timeout",
            "10",
            "--index",
        ])
        .arg(index.path())
        .arg(docs.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let hung = docs.path().join("r4.pdf");
    assert_eq!(
        stderr.trim(),
        format!(
            "incidex: {}: loading took longer than 10 seconds",
            hung.display()
        )
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], 7, "{summary}");
    assert_eq!(summary["skipped"].as_array().unwrap().len(), 1, "{summary}");
    assert_eq!(summary["skipped"][0]["kind"], "timeout");
    assert_eq!(out.status.code(), Some(2));
}
