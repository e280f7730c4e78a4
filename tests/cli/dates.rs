//! `incidex dates`: JSON Lines in the shape issue 3 gives, one per expression.

use std::path::Path;
use std::process::{Command, Output};

use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Line {
    text: String,
    offset: usize,
    kind: String,
    start: Option<String>,
    end: Option<String>,
    duration_hours: Option<f64>,
}

fn incidex(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incidex"));
    cmd.args(args)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("incidex runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Line> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn stdin_with_an_anchor() {
    let text = "Felet fanns mellan 4 och 9 maj. Två dagar senare, den 11/5 kl. 10.15, \
                anmäldes det till IMY, inom 72 timmar. Förra veckan kom ett svar.";
    let out = incidex(&["dates", "--anchor", "2022-06-01"], Some(text));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    let summary: Vec<_> = got
        .iter()
        .map(|l| {
            (
                l.text.as_str(),
                l.kind.as_str(),
                l.start.as_deref(),
                l.end.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "mellan 4 och 9 maj",
                "period",
                Some("2022-05-04"),
                Some("2022-05-09")
            ),
            (
                "Två dagar senare",
                "relative",
                Some("2022-05-11"),
                Some("2022-05-11")
            ),
            (
                "11/5 kl. 10.15",
                "datetime",
                Some("2022-05-11T10:15"),
                Some("2022-05-11T10:15")
            ),
            ("72 timmar", "duration", None, None),
            (
                "Förra veckan",
                "relative",
                Some("2022-05-23"),
                Some("2022-05-29")
            ),
        ]
    );
    assert_eq!(got[3].duration_hours, Some(72.0));
    for l in &got {
        assert_eq!(&text[l.offset..l.offset + l.text.len()], l.text);
    }
}

#[test]
fn without_an_anchor_relative_days_stay_null() {
    let out = incidex(&["dates", "-"], Some("Det upptäcktes i går."));
    let got = lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].start.as_deref(), got[0].end.as_deref()),
        (None, None)
    );
}

#[test]
fn pdf_and_text_versions_give_the_same_dates() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for stem in [
        "000_20a3bd6262d9f0ad",
        "001_465ed690dad0ed7b",
        "003_66988c965aa1eff4",
        "004_14ccb7ab218747bd",
    ] {
        let values = |ext: &str| {
            let path = corpus.join(format!("{stem}.{ext}"));
            let out = incidex(&["dates", path.to_str().unwrap()], None);
            assert!(out.status.success(), "{stem}.{ext}");
            lines(&out)
                .into_iter()
                .filter(|l| l.kind != "duration")
                .map(|l| (l.start, l.end))
                .collect::<Vec<_>>()
        };
        let txt = values("txt");
        assert!(!txt.is_empty(), "{stem}");
        assert_eq!(txt, values("pdf"), "{stem}");
    }
}

#[test]
fn an_unreadable_file_is_one_line_and_exit_2() {
    let out = incidex(&["dates", "no-such-file.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("incidex: no-such-file.txt: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_bad_anchor_cannot_start() {
    let out = incidex(&["dates", "--anchor", "23 jan 2019", "-"], Some(""));
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn issue_3_pdf_and_text_records_have_the_same_timeline() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    // One run over the whole folder: each record names its source.
    let out = incidex(&["extract", "--json", corpus.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_source = |path: &str| {
        records
            .iter()
            .find(|r| r["source"].as_str() == Some(path))
            .unwrap_or_else(|| panic!("no record for {path}"))
    };
    let mut dated = 0;
    for r in records.iter().filter(|r| r["format"] == "text") {
        let txt = r["source"].as_str().unwrap();
        let pdf = by_source(&txt.replace(".txt", ".pdf"));
        assert_eq!(r["dates"], pdf["dates"], "{txt}");
        assert_eq!(r["delays"], pdf["delays"], "{txt}");
        dated += r["dates"]
            .as_object()
            .unwrap()
            .values()
            .filter(|v| !v.is_null())
            .count();
    }
    assert!(dated > 0, "the corpus gave no dates at all");
}
