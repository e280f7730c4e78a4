//! An index that follows its files and its rules: `ingest --prune`, `incidex reextract`,
//! and index files for their owner only.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::ingest::{Summary, assert_status, incidex, ingest, stdout};

fn notice(i: usize) -> String {
    format!(
        "Personuppgiftsincident {i} i skolans lärplattform\n\n\
         Kommunen upptäckte den 4 maj 2021 att elevernas omdömen och diagnoser var \
         synliga för alla vårdnadshavare. Felet berodde på en felaktig behörighet. \
         Incidenten anmäldes till IMY den 6 maj 2021.\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The records of `search --json` for everything in `index`.
fn records(index: &Path) -> Vec<serde_json::Value> {
    let o = incidex(&[
        "search",
        "--json",
        "--limit",
        "100",
        "--index",
        index.to_str().unwrap(),
        "*",
    ]);
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["record"].clone())
        .collect()
}

#[test]
fn prune_removes_the_records_of_deleted_files_and_a_replaced_file_keeps_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, other) = (tmp.path().join("docs"), tmp.path().join("other"));
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    for i in 0..3 {
        write(&docs, &format!("n{i}.txt"), &notice(i));
    }
    write(&other, "kept.txt", &notice(9));
    let index = tmp.path().join("idx");
    let (d, o) = (docs.to_str().unwrap(), other.to_str().unwrap());
    assert_eq!(ingest(&index, &[d, o], 0).documents, 4);

    // One file deleted, one replaced by other text; a file outside the root is gone too.
    std::fs::remove_file(docs.join("n0.txt")).unwrap();
    write(&docs, "n1.txt", &notice(11));
    std::fs::remove_file(other.join("kept.txt")).unwrap();
    let mut args = vec![
        "ingest",
        "--json",
        "--prune",
        "--index",
        index.to_str().unwrap(),
        d,
    ];
    let out = incidex(&args);
    assert_status(&out, 0);
    let s: Summary = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!((s.replaced, s.unchanged, s.pruned), (1, 1, 1), "{s:?}");
    assert_eq!(s.documents, 3, "n1 (new text), n2 and other/kept.txt");
    let sources: Vec<String> = records(&index)
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !sources.iter().any(|s| s.ends_with("n0.txt")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("kept.txt")),
        "outside the root: {sources:?}"
    );
    assert_eq!(sources.iter().filter(|s| s.ends_with("n1.txt")).count(), 1);

    // The text summary counts them too; nothing is left to prune.
    args.retain(|a| *a != "--json");
    let again = incidex(&args);
    assert_status(&again, 0);
    assert!(stdout(&again).contains(", 0 pruned"), "{}", stdout(&again));
}

#[test]
fn a_record_at_two_paths_stays_while_one_is_left() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    write(&docs, "a.txt", &notice(1));
    write(&docs, "b.txt", &notice(1));
    let index = tmp.path().join("idx");
    let d = docs.to_str().unwrap();
    ingest(&index, &[d], 0);
    std::fs::remove_file(docs.join("a.txt")).unwrap();
    let out = incidex(&[
        "ingest",
        "--json",
        "--prune",
        "--index",
        index.to_str().unwrap(),
        d,
    ]);
    let s: Summary = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!((s.pruned, s.documents), (0, 1), "{s:?}");
    let recs = records(&index);
    assert_eq!(recs.len(), 1);
    assert!(
        recs[0]["source"].as_str().unwrap().ends_with("b.txt"),
        "{:?}",
        recs[0]
    );
    assert!(recs[0].get("also_at").is_none(), "{:?}", recs[0]);
}

#[test]
fn reextract_updates_records_made_with_other_rules_and_does_nothing_after() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for i in 0..5 {
        write(&docs, &format!("n{i}.txt"), &notice(i));
    }
    // Older rules: a copy of rules/ without the health terms of pii.toml.
    let old_rules = tmp.path().join("rules");
    std::fs::create_dir_all(&old_rules).unwrap();
    for entry in std::fs::read_dir(crate::ingest::root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("kind = \"health\"", "kind = \"not_yet\"");
        std::fs::write(old_rules.join(path.file_name().unwrap()), text).unwrap();
    }
    let index = tmp.path().join("idx");
    let idx = index.to_str().unwrap();
    let d = docs.to_str().unwrap();
    let o = incidex(&[
        "ingest",
        "--rules",
        old_rules.to_str().unwrap(),
        "--index",
        idx,
        d,
    ]);
    assert_status(&o, 0);
    let before = records(&index);
    assert!(
        before
            .iter()
            .all(|r| r["pii_kinds"] == serde_json::json!([])),
        "{before:?}"
    );

    let run = |args: &[&str]| {
        let mut all = vec!["reextract", "--json", "--batch-size", "2", "--index", idx];
        all.extend_from_slice(args);
        let o = incidex(&all);
        assert_status(&o, 0);
        serde_json::from_str::<serde_json::Value>(stdout(&o).trim()).unwrap()
    };
    let first = run(&[]);
    assert_eq!(first["reextracted"], 5, "{first}");
    assert_eq!(first["changed"], 5, "{first}");
    let after = records(&index);
    assert!(
        after
            .iter()
            .all(|r| r["pii_kinds"] == serde_json::json!(["health"])),
        "{after:?}"
    );
    assert!(
        after
            .iter()
            .all(|r| r["rules_digest"] == first["rules_digest"])
    );
    assert_ne!(before[0]["rules_digest"], after[0]["rules_digest"]);

    // The same records a fresh extraction of the files gives.
    let fresh = incidex(&["extract", "--json", d]);
    for line in stdout(&fresh).lines() {
        let fresh: serde_json::Value = serde_json::from_str(line).unwrap();
        let stored = after.iter().find(|r| r["id"] == fresh["id"]).unwrap();
        assert_eq!(stored, &fresh);
    }

    // Unchanged rules: nothing to do, whether built in or the same files given.
    let second = run(&[]);
    assert_eq!(
        (second["reextracted"].as_u64(), second["current"].as_u64()),
        (Some(0), Some(5))
    );
    let rules_dir = crate::ingest::root().join("rules");
    let third = run(&["--rules", rules_dir.to_str().unwrap()]);
    assert_eq!(third["reextracted"], 0, "{third}");
    // And back to the old rules: every record again.
    let back = run(&["--rules", old_rules.to_str().unwrap()]);
    assert_eq!(back["reextracted"], 5, "{back}");
}

#[test]
fn an_index_incidex_creates_is_its_owners_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    write(&docs, "n.txt", &notice(1));
    let index = tmp.path().join("nested").join("idx");
    let idx = index.to_str().unwrap();
    ingest(&index, &[docs.to_str().unwrap()], 0);
    assert_status(
        &incidex(&["settings", "--redact", "true", "--index", idx]),
        0,
    );
    assert_status(&incidex(&["reextract", "--index", idx]), 0);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&index), 0o700);
    assert_eq!(
        mode(index.parent().unwrap()),
        0o700,
        "a parent incidex made"
    );
    let mut files = 0;
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), expected, "{}", path.display());
        files += 1;
    }
    assert!(files > 3, "segments, meta.json, the lock and the settings");
    // A directory the user made keeps the mode the user gave it.
    let own = tmp.path().join("own");
    std::fs::create_dir(&own).unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o750)).unwrap();
    ingest(&own, &[docs.to_str().unwrap()], 0);
    assert_eq!(mode(&own), 0o750);
    assert!(std::fs::read_dir(&own).unwrap().all(|e| {
        let p = e.unwrap().path();
        p.is_dir() || mode(&p) == 0o600
    }));
}
