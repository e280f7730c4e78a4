//! `incidex rules check` on the shipped rules and on broken rule directories.

use crate::util::*;

#[test]
fn shipped_rules_pass_their_own_examples() {
    let dir = tempfile::tempdir().unwrap();
    let rules = repo().join("rules").display().to_string();
    let o = incidex(
        dir.path(),
        &["rules", "check", "--warnings-as-errors", "--rules", &rules],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains(" 0 failures, 0 rules without examples"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_failing_example_is_named_with_file_line_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("causes.toml"),
        "[[rule]]\nid = \"cause.test\"\nname = \"x\"\nvalue = \"attack\"\npattern = 'intrång'\nexamples = [{ text = \"ett dataintrång\", span = \"dataintrång\" }]\n",
    )
    .unwrap();
    let o = incidex(dir.path(), &["rules", "check", "--rules", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("causes.toml:2: cause.test: on \"ett dataintrång\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_malformed_rule_file_stops_the_run_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("causes.toml"),
        "[[rule]]\nid = \"a\"\nname = \"b\"\npattern = '(unclosed'\n",
    )
    .unwrap();
    let seed = seed_texts()[0].display().to_string();
    let o = incidex(dir.path(), &["extract", "--rules", ".", &seed]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("causes.toml:2: rule `a`: bad pattern"),
        "{}",
        stderr(&o)
    );
}
