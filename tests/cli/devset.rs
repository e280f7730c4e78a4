//! Issue 14: extraction on real documents nobody tuned the rules for. Runs `incidex eval`
//! on the shared dev set (55 real Swedish incident texts with hand-checked gold), read in
//! place from `../shared/devset` (or `$INCIDEX_DEVSET`) and never copied into the repo, and
//! fails when overall F1 falls below 0.88.

use std::path::PathBuf;

use crate::util::*;

const FLOOR: f64 = 0.88;

fn devset() -> PathBuf {
    std::env::var_os("INCIDEX_DEVSET")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/devset"))
}

#[test]
fn issue_14_devset_overall_f1_stays_above_the_floor() {
    let devset = devset();
    let gold = devset.join("gold.jsonl");
    assert!(
        gold.is_file(),
        "the dev set is read from {} (set INCIDEX_DEVSET to its directory)",
        devset.display()
    );
    let mut docs: Vec<String> = std::fs::read_dir(devset.join("docs"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    docs.sort();
    assert!(docs.len() >= 50, "only {} dev texts", docs.len());

    let dir = tempfile::tempdir().unwrap();
    let gold = gold.display().to_string();
    let mut args = vec!["eval", gold.as_str()];
    args.extend(docs.iter().map(String::as_str));
    let out = incidex(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let f1: f64 = report
        .lines()
        .find_map(|l| l.strip_prefix("overall F1 "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no overall F1 in:\n{report}"));
    assert!(
        f1 >= FLOOR,
        "dev-set F1 {f1:.3} is below {FLOOR}:\n{report}"
    );
}
