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

#[test]
fn a_token_rule_of_ones_own_runs_with_its_lemmas_and_names_its_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    // One rule in token form: any inflection of `tappa` followed by `bort`.
    std::fs::write(
        dir.path().join("breach_types.toml"),
        "[[rule]]\nid = \"breach.loss.mislaid\"\nname = \"tappa bort\"\nvalue = \"loss\"\ntokens = '<tappa> bort'\n\
         examples = [{ text = \"Skolan har tappat bort en mapp med betyg.\", span = \"tappat bort\", value = \"loss\" }]\n\
         negative = [\"Han tappade tråden.\"]\n",
    )
    .unwrap();
    let o = incidex(dir.path(), &["rules", "check", "--rules", "."]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let doc = dir.path().join("d.txt");
    std::fs::write(
        &doc,
        "Förvaltningen tappade bort en USB-sticka med elevlistor i somras.",
    )
    .unwrap();
    let o = incidex(dir.path(), &["extract", "--json", "--rules", ".", "d.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(record["breach_types"], serde_json::json!(["loss"]));

    std::fs::write(
        dir.path().join("breach_types.toml"),
        "[[rule]]\nid = \"breach.bad\"\nname = \"x\"\ntokens = '(tappa bort'\n",
    )
    .unwrap();
    let o = incidex(dir.path(), &["rules", "check", "--rules", "."]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o)
            .contains("breach_types.toml:2: rule `breach.bad`: bad tokens: a `(` is not closed"),
        "{}",
        stderr(&o)
    );
}
