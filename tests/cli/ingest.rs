//! `incidex ingest`: idempotency, duplicates, replacement, skips and the import lock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

/// The repository root, where `corpus/` is.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `incidex ARGS` run from the repository root, without the user's index setting.
pub fn incidex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(args)
        .current_dir(root())
        .env_remove("INCIDEX_INDEX")
        .env_remove("INCIDEX_LEXICON")
        .env("NO_COLOR", "1")
        .output()
        .expect("incidex runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit status, printing everything the command said when it differs.
#[track_caller]
pub fn assert_status(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(o),
        stderr(o)
    );
}

/// The `--json` summary of `incidex ingest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub r#type: String,
    pub index: String,
    pub seconds: f64,
    pub seen: u64,
    pub new: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    pub replaced: u64,
    pub skipped: Vec<Skip>,
    pub pruned: u64,
    pub documents: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    pub path: String,
    pub kind: String,
    pub reason: String,
}

/// Ingests `paths` into `index` with `--json`, expecting exit `code`.
#[track_caller]
pub fn ingest(index: &Path, paths: &[&str], code: i32) -> Summary {
    let mut args = vec!["ingest", "--json", "--index", index.to_str().unwrap()];
    args.extend_from_slice(paths);
    let o = incidex(&args);
    assert_status(&o, code);
    serde_json::from_str(stdout(&o).trim()).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

const NOTICE: &str = "Kommunen har upptäckt en personuppgiftsincident i lönesystemet. \
    Uppgifter om anställda skickades till fel mottagare.\n";

#[test]
fn a_second_ingest_of_the_corpus_reports_everything_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let first = ingest(&index, &["corpus"], 0);
    assert_eq!(first.r#type, "summary");
    assert_eq!(first.index, index.to_str().unwrap());
    assert!(first.seconds >= 0.0);
    assert_eq!(first.seen, 10, "{first:?}");
    // Each PDF is a copy of a text: one document, two paths (issue 11).
    assert_eq!((first.new, first.duplicates), (5, 5), "{first:?}");
    assert!(first.skipped.is_empty(), "{first:?}");
    assert_eq!(first.documents, first.new);

    let second = ingest(&index, &["corpus"], 0);
    assert_eq!(second.seen, first.seen);
    assert_eq!(second.unchanged, second.seen, "{second:?}");
    assert_eq!(
        (second.new, second.duplicates, second.replaced),
        (0, 0, 0),
        "{second:?}"
    );
    assert_eq!(second.documents, first.documents);
}

#[test]
fn the_same_bytes_at_two_paths_are_one_document_listing_both() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("kopior")).unwrap();
    std::fs::write(docs.join("anmalan.txt"), NOTICE).unwrap();
    std::fs::write(docs.join("kopior/anmalan-kopia.txt"), NOTICE).unwrap();
    let index = dir.path().join("idx");
    let s = ingest(&index, &[docs.to_str().unwrap()], 0);
    assert_eq!(
        (s.seen, s.new, s.duplicates, s.documents),
        (2, 1, 1, 1),
        "{s:?}"
    );

    let copy = docs.join("kopior/anmalan-kopia.txt");
    let o = incidex(&[
        "show",
        "--json",
        "--index",
        index.to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let mut paths = vec![record["source"].as_str().unwrap().to_string()];
    for p in record["also_at"].as_array().unwrap() {
        paths.push(p.as_str().unwrap().to_string());
    }
    paths.sort();
    let mut want = vec![
        docs.join("anmalan.txt").to_string_lossy().into_owned(),
        copy.to_string_lossy().into_owned(),
    ];
    want.sort();
    assert_eq!(paths, want);

    let again = ingest(&index, &[docs.to_str().unwrap()], 0);
    assert_eq!((again.unchanged, again.documents), (2, 1), "{again:?}");
}

#[test]
fn a_changed_file_replaces_its_old_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport.txt");
    std::fs::write(&file, NOTICE).unwrap();
    let index = dir.path().join("idx");
    let idx = index.to_str().unwrap();
    let f = file.to_str().unwrap();
    ingest(&index, &[f], 0);
    std::fs::write(
        &file,
        "Regionen anmäler ett dataintrång hos journalleverantören till IMY.\n",
    )
    .unwrap();
    let s = ingest(&index, &[f], 0);
    assert_eq!((s.replaced, s.new, s.documents), (1, 0, 1), "{s:?}");

    let old = incidex(&["search", "--index", idx, "lönesystemet"]);
    assert_status(&old, 1);
    let new = incidex(&["search", "--index", idx, "intrång"]);
    assert_status(&new, 0);
    assert!(stdout(&new).contains("rapport.txt"), "{}", stdout(&new));
}

#[test]
fn unreadable_files_are_skipped_with_their_reason_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("tom.txt"), "").unwrap();
    std::fs::write(docs.join("trasig.pdf"), "%PDF-1.7\nnot really a pdf").unwrap();
    std::fs::write(docs.join("bra.txt"), NOTICE).unwrap();
    let index = dir.path().join("idx");
    let o = incidex(&[
        "ingest",
        "--index",
        index.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_status(&o, 2);
    let err = stderr(&o);
    let empty = docs.join("tom.txt");
    assert!(
        err.contains(&format!("incidex: {}: the file is empty", empty.display())),
        "{err}"
    );
    assert!(err.contains("trasig.pdf: "), "{err}");
    let out = stdout(&o);
    assert!(out.contains("1 new"), "{out}");
    assert!(out.contains("2 skipped"), "{out}");

    let s = ingest(&index, &[docs.to_str().unwrap()], 2);
    assert_eq!(s.skipped.len(), 2, "{s:?}");
    let mut kinds: Vec<(&str, &str, &str)> = s
        .skipped
        .iter()
        .map(|k| {
            let name = Path::new(&k.path).file_name().unwrap().to_str().unwrap();
            (name, k.kind.as_str(), k.reason.as_str())
        })
        .collect();
    kinds.sort();
    assert_eq!(kinds[0].0, "tom.txt", "{s:?}");
    assert_eq!(kinds[0].1, "empty");
    assert_eq!(kinds[0].2, "the file is empty");
    assert_eq!(kinds[1].0, "trasig.pdf", "{s:?}");
    assert_eq!(kinds[1].1, "broken_pdf");
    assert!(kinds[1].2.starts_with("the PDF is truncated or damaged"));
}

#[test]
fn a_second_import_is_refused_while_the_index_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    std::fs::create_dir_all(&index).unwrap();
    let held = incidex::index::lock::ImportLock::acquire(&index).unwrap();
    let o = incidex(&["ingest", "--index", index.to_str().unwrap(), "corpus"]);
    assert_status(&o, 3);
    assert_eq!(
        stderr(&o).trim(),
        format!(
            "incidex: index is in use by another import (pid {})",
            std::process::id()
        )
    );
    drop(held);
    ingest(&index, &["corpus/001_465ed690dad0ed7b.txt"], 0);
}

#[test]
fn the_index_directory_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("from-env");
    let o = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["ingest", "corpus/002_5c101b88627a1e6e.txt"])
        .current_dir(root())
        .env("INCIDEX_INDEX", &index)
        .output()
        .unwrap();
    assert_status(&o, 0);
    assert!(index.join("meta.json").is_file());
}
