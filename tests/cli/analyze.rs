//! `incidex analyze`: tokens with lemmas, parts, shape and sentence; `--lexicon` and
//! `$INCIDEX_LEXICON` for another Hunspell dictionary, and the one-line errors when it
//! cannot be read.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde::Deserialize;

use crate::util::{incidex, repo, stderr, stdout};

/// One line of `analyze --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenLine {
    text: String,
    start: usize,
    end: usize,
    lower: String,
    lemmas: Vec<String>,
    parts: Vec<String>,
    shape: String,
    sentence: usize,
    known: bool,
}

fn tokens(o: &Output) -> Vec<TokenLine> {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn find<'a>(tokens: &'a [TokenLine], text: &str) -> &'a TokenLine {
    tokens
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no token {text}"))
}

#[test]
fn tokens_carry_lemmas_parts_shape_sentence_and_byte_spans() {
    let text = "Röstbrevlådan läckte. Två fakturaunderlag skickades till IMY.";
    let o = incidex(&repo(), &["analyze", "--json", text]);
    let got = tokens(&o);
    for t in &got {
        assert_eq!(&text[t.start..t.end], t.text, "span of {t:?}");
    }
    let mailbox = find(&got, "Röstbrevlådan");
    assert_eq!(
        (
            mailbox.lower.as_str(),
            mailbox.shape.as_str(),
            mailbox.sentence
        ),
        ("röstbrevlådan", "capitalised", 0)
    );
    assert_eq!(mailbox.lemmas, ["röstbrevlåda"]);
    for part in ["röst", "brevlåda", "brev", "låda"] {
        assert!(
            mailbox.parts.iter().any(|p| p == part),
            "{part}: {mailbox:?}"
        );
    }
    assert_eq!(find(&got, "läckte").lemmas, ["läcka"]);
    let invoices = find(&got, "fakturaunderlag");
    assert_eq!(invoices.sentence, 1);
    assert_eq!(invoices.parts, ["faktura", "underlag"]);
    assert_eq!(find(&got, "IMY").shape, "upper");
    assert_eq!(find(&got, ".").shape, "punctuation");
    assert!(find(&got, "skickades").known);
}

#[test]
fn text_from_stdin_and_a_human_table() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .arg("analyze")
        .env_remove("INCIDEX_LEXICON")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Meddelandeväxeln föll.".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = stdout(&o)
        .lines()
        .find(|l| l.contains("Meddelandeväxeln"))
        .unwrap()
        .to_string();
    assert!(line.contains("meddelandeväxel"), "{line}");
    assert!(line.contains("parts: meddelande växel"), "{line}");
}

/// A dictionary of made-up words in Hunspell's format: two stems that may begin and end
/// compounds, a plural and a linking `s`.
fn write_tiny_dictionary(dir: &Path) -> std::path::PathBuf {
    std::fs::write(
        dir.join("tiny.aff"),
        "SET UTF-8\nCOMPOUNDBEGIN X\nCOMPOUNDEND Y\nONLYINCOMPOUND Z\nCOMPOUNDPERMITFLAG W\n\
         SFX P Y 1\nSFX P 0 ar .\nSFX L N 1\nSFX L 0 s/WXZ .\n",
    )
    .unwrap();
    std::fs::write(dir.join("tiny.dic"), "2\nblomp/PLXY\nkravel/PXY\n").unwrap();
    dir.join("tiny.dic")
}

#[test]
fn another_lexicon_by_flag_or_environment() {
    let dir = tempfile::tempdir().unwrap();
    let dic = write_tiny_dictionary(dir.path());
    let by_flag = incidex(
        dir.path(),
        &[
            "analyze",
            "--json",
            "--lexicon",
            dic.to_str().unwrap(),
            "blompskravelar",
        ],
    );
    let got = tokens(&by_flag);
    assert_eq!(got[0].lemmas, ["blompskravel"]);
    assert_eq!(got[0].parts, ["blomp", "kravel"]);

    let by_env = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["analyze", "--json", "kravelar"])
        .env("INCIDEX_LEXICON", &dic)
        .output()
        .unwrap();
    assert_eq!(tokens(&by_env)[0].lemmas, ["kravel"]);

    // The built-in lexicon knows none of it.
    let builtin = incidex(dir.path(), &["analyze", "--json", "kravelar"]);
    assert!(!tokens(&builtin)[0].known);
}

#[test]
fn an_unreadable_lexicon_stops_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.dic");
    let o = incidex(
        dir.path(),
        &["analyze", "--lexicon", missing.to_str().unwrap(), "ord"],
    );
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("incidex: "), "{err}");
    assert!(
        err.contains("none.dic") && err.contains("cannot read the lexicon"),
        "{err}"
    );

    let dic = write_tiny_dictionary(dir.path());
    std::fs::write(dir.path().join("tiny.aff"), "SET UTF-8\nSFX Q 0 s .\n").unwrap();
    let o = incidex(
        dir.path(),
        &["analyze", "--lexicon", dic.to_str().unwrap(), "ord"],
    );
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tiny.aff") && err.contains("line 2"), "{err}");
}
