//! `incidex extract --json --with-text` and `incidex ingest --records`: records made
//! elsewhere build the same index as an ordinary import; bad lines are named and skipped.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::ingest::{Summary, assert_status, incidex, stderr, stdout};

/// Queries whose answers two indexes of the same documents must agree on: words,
/// compounds, a phrase, field filters, dates and the match-all query.
pub const QUERIES: &[&str] = &[
    "*",
    "leverantör",
    "personuppgiftsincident",
    "\"fel mottagare\"",
    "supplier_involved:true",
    "doc_type:lex_sarah_report",
    "authority:imy AND late_notification:false",
    "discovered:[2019-01-01 TO *]",
    "affected:[10 TO *]",
];

fn run_json(index: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--index", index.to_str().unwrap()]);
    incidex(&all)
}

/// Search hits as comparable values: the ranks of equal scores may differ between two
/// indexes (segments differ), so hits are ordered by score, then id, without the rank.
fn hits(index: &Path, query: &str) -> Vec<serde_json::Value> {
    let o = run_json(index, &["search", "--json", "--limit", "10000", query]);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "search {query}: {}",
        stderr(&o)
    );
    let mut hits: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| {
            let mut hit: serde_json::Value = serde_json::from_str(l).unwrap();
            hit.as_object_mut().unwrap().remove("rank");
            hit
        })
        .collect();
    let key = |h: &serde_json::Value| {
        (
            -h["score"].as_f64().unwrap(),
            h["record"]["id"].as_str().unwrap().to_string(),
        )
    };
    hits.sort_by(|a, b| key(a).partial_cmp(&key(b)).unwrap());
    hits
}

/// Asserts that two indexes answer alike: the same hits (records, scores, snippets) for
/// [`QUERIES`], the same `show` for every record, the same `stats --format json`.
pub fn assert_same_index(direct: &Path, other: &Path) {
    for query in QUERIES {
        let (a, b) = (hits(direct, query), hits(other, query));
        assert!(!a.is_empty() || *query != "*", "the direct index is empty");
        assert_eq!(a.len(), b.len(), "hits for {query}");
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a, b, "a hit for {query}");
        }
    }
    let all = hits(direct, "*");
    for hit in &all {
        let id = hit["record"]["id"].as_str().unwrap();
        let (a, b) = (
            run_json(direct, &["show", "--json", id]),
            run_json(other, &["show", "--json", id]),
        );
        assert_status(&b, 0);
        assert_eq!(stdout(&a), stdout(&b), "show {id}");
    }
    for args in [
        &["stats", "--format", "json"][..],
        &[
            "stats", "--format", "json", "--by", "supplier", "--by", "year",
        ],
    ] {
        let (a, b) = (run_json(direct, args), run_json(other, args));
        assert_eq!(a.status.code(), b.status.code());
        assert_eq!(stdout(&a), stdout(&b), "{args:?}");
    }
}

/// `incidex ARGS` with `input` on stdin.
fn incidex_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(args)
        .current_dir(crate::ingest::root())
        .env_remove("INCIDEX_INDEX")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn summary(o: &Output) -> Summary {
    serde_json::from_str(stdout(o).trim()).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

const NOTICES: &[(&str, &str)] = &[
    (
        "lonebesked.txt",
        "Personuppgiftsincident i lönesystemet\n\nDen 4 mars 2021 upptäckte kommunen att \
         lönebesked för 212 anställda skickats till fel mottagare. Leverantören Visma \
         informerade kommunen samma dag. Incidenten anmäldes till IMY den 8 mars 2021.\n",
    ),
    (
        "journal.html",
        "<html><head><title>Obehörig åtkomst till journalsystem</title></head><body>\
         <h1>Obehörig åtkomst till journalsystem</h1><p>En anställd i regionen tog del av \
         journaluppgifter utan att ha en vårdrelation. Händelsen upptäcktes vid en \
         loggkontroll den 12 oktober 2020 och anmäldes till IMY den 14 oktober 2020.</p>\
         </body></html>",
    ),
];

#[test]
fn records_with_text_build_the_same_index_as_importing_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, text) in NOTICES {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let corpus = crate::ingest::root().join("corpus");
    let inputs = [corpus.to_str().unwrap(), docs.to_str().unwrap()];

    let direct = dir.path().join("direct");
    let mut args = vec!["ingest", "--json", "--index", direct.to_str().unwrap()];
    args.extend(inputs);
    let o = incidex(&args);
    assert_status(&o, 0);
    let want = summary(&o);

    let mut args = vec!["extract", "--json", "--with-text"];
    args.extend(inputs);
    let extracted = incidex(&args);
    assert_status(&extracted, 0);
    for line in stdout(&extracted).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["text"].as_str().is_some_and(|t| !t.is_empty()), "{line}");
    }
    let shards = dir.path().join("shards");
    std::fs::create_dir_all(&shards).unwrap();
    std::fs::write(shards.join("part-00000"), &extracted.stdout).unwrap();
    std::fs::write(shards.join("_SUCCESS"), "").unwrap();

    let via = dir.path().join("via-records");
    let o = run_json(
        &via,
        &["ingest", "--json", "--records", shards.to_str().unwrap()],
    );
    assert_status(&o, 0);
    let got = summary(&o);
    assert_eq!(
        (got.seen, got.new, got.documents),
        (want.seen, want.new, want.documents),
        "{got:?}"
    );
    assert_same_index(&direct, &via);

    // By record id and source, like an ordinary import: nothing new the second time.
    let o = incidex_stdin(
        &[
            "ingest",
            "--json",
            "--index",
            via.to_str().unwrap(),
            "--records",
            "-",
        ],
        &extracted.stdout,
    );
    assert_status(&o, 0);
    let again = summary(&o);
    assert_eq!((again.unchanged, again.new), (want.seen, 0), "{again:?}");
    assert_eq!(again.documents, want.documents);
}

#[test]
fn bad_record_lines_are_named_by_file_and_line_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in NOTICES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let o = incidex(&[
        "extract",
        "--json",
        "--with-text",
        dir.path().to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    let good: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(good.len(), 2);
    let mut wrong_type: serde_json::Value = serde_json::from_str(&good[0]).unwrap();
    wrong_type["supplier_involved"] = "ja".into();
    let mut no_id: serde_json::Value = serde_json::from_str(&good[0]).unwrap();
    no_id.as_object_mut().unwrap().remove("id");
    let mut no_text: serde_json::Value = serde_json::from_str(&good[1]).unwrap();
    no_text.as_object_mut().unwrap().remove("text");
    let lines = [
        good[0].clone(),
        "{\"source\": \"trasig.txt\", \"id\": ".to_string(),
        no_id.to_string(),
        String::new(),
        wrong_type.to_string(),
        no_text.to_string(),
        good[1].clone(),
    ];
    let shards = dir.path().join("shards");
    std::fs::create_dir_all(&shards).unwrap();
    let shard = shards.join("part-00000");
    std::fs::write(&shard, lines.join("\n") + "\n").unwrap();

    let index = dir.path().join("idx");
    let o = run_json(
        &index,
        &["ingest", "--json", "--records", shards.to_str().unwrap()],
    );
    assert_status(&o, 2);
    let shard = shard.display();
    let want_stderr = [
        format!("incidex: {shard}:2: not JSON: EOF while parsing a value (column 30)"),
        format!("incidex: {shard}:3: missing field `id`"),
        format!(
            "incidex: {shard}:5: `supplier_involved`: invalid type: string \"ja\", expected a boolean"
        ),
        format!(
            "incidex: {shard}:6: no `text` field: make the records with `incidex extract --json --with-text`"
        ),
    ];
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), want_stderr);
    let s = summary(&o);
    assert_eq!((s.seen, s.new, s.documents), (6, 2, 2), "{s:?}");
    let skipped: Vec<(&str, &str)> = s
        .skipped
        .iter()
        .map(|k| (k.path.as_str(), k.kind.as_str()))
        .collect();
    let at = |n: u32| format!("{shard}:{n}");
    let (l2, l3, l5, l6) = (at(2), at(3), at(5), at(6));
    assert_eq!(
        skipped,
        [
            (l2.as_str(), "bad_record"),
            (l3.as_str(), "bad_record"),
            (l5.as_str(), "bad_record"),
            (l6.as_str(), "bad_record")
        ]
    );
    let o = run_json(&index, &["search", "--json", "lönebesked"]);
    assert_status(&o, 0);
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn tar_members_on_stdin_give_the_records_their_files_give() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, text) in NOTICES {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let broken = crate::ingest::root().join("tests/data/broken/truncated.pdf");
    std::fs::copy(&broken, docs.join("trasig.pdf")).unwrap();

    let mut tar = tar::Builder::new(Vec::new());
    tar.append_dir_all("arkiv", &docs).unwrap();
    let tar = tar.into_inner().unwrap();
    let by_bytes = incidex_stdin(&["extract", "--json", "--with-text", "--tar", "-"], &tar);
    assert_status(&by_bytes, 2);
    assert!(
        stderr(&by_bytes).starts_with("incidex: arkiv/trasig.pdf: the PDF is truncated"),
        "{}",
        stderr(&by_bytes)
    );
    let by_path = incidex(&["extract", "--json", "--with-text", docs.to_str().unwrap()]);
    let records = |o: &Output| -> Vec<serde_json::Value> {
        let mut v: Vec<serde_json::Value> = stdout(o)
            .lines()
            .map(|l| {
                let mut r: serde_json::Value = serde_json::from_str(l).unwrap();
                let source = r["source"].as_str().unwrap();
                let name = Path::new(source).file_name().unwrap().to_str().unwrap();
                r["source"] = name.into();
                r
            })
            .collect();
        v.sort_by_key(|r| r["source"].as_str().unwrap().to_string());
        v
    };
    assert_eq!(records(&by_bytes), records(&by_path));
    assert_eq!(records(&by_bytes).len(), 2);
}
