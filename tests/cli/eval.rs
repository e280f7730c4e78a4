//! `incidex eval` prints what the reference scorer prints on the same input.

use crate::util::*;

#[test]
fn eval_matches_the_reference_scorer() {
    let dir = tempfile::tempdir().unwrap();
    let reference = repo().join("tests/data/reference");
    let gold = reference.join("seeds.jsonl");
    let seeds: Vec<String> = seed_texts()
        .iter()
        .map(|p| p.display().to_string())
        .collect();

    let mut args = vec!["extract", "--json"];
    args.extend(seeds.iter().map(String::as_str));
    let extracted = incidex(dir.path(), &args);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let pred = dir.path().join("out.jsonl");
    std::fs::write(&pred, &extracted.stdout).unwrap();
    let python = std::process::Command::new("python3")
        .arg(reference.join("score.py"))
        .arg(&gold)
        .arg(&pred)
        .output()
        .expect("python3 runs the reference scorer");

    let gold_arg = gold.display().to_string();
    let mut args = vec!["eval", gold_arg.as_str()];
    args.extend(seeds.iter().map(String::as_str));
    let ours = incidex(dir.path(), &args);
    assert!(ours.status.success(), "{}", stderr(&ours));
    assert_eq!(stdout(&ours), String::from_utf8_lossy(&python.stdout));
}

#[test]
fn eval_reports_a_gold_file_that_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gold.jsonl"),
        "{\"doc\": \"a.txt\"}\nnot json\n",
    )
    .unwrap();
    let seed = seed_texts()[0].display().to_string();
    let o = incidex(dir.path(), &["eval", "gold.jsonl", &seed]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("gold.jsonl:2: not JSON"),
        "{}",
        stderr(&o)
    );
}
