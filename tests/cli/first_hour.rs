//! Issue 11, "a new user's first hour": one test (or more) per item of the issue, each on
//! an archive written here in a temporary directory or on `corpus/`.

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::ingest::{assert_status, incidex, ingest, stderr, stdout};

/// A short lex Sarah-like notice about a supplier, written for these tests.
const SUPPLIER_NOTICE: &str = "Kommunen upptäckte den 3 mars 2021 att en leverantör av \
    lönesystemet hade skickat uppgifter om anställda till fel mottagare. \
    Händelsen anmäldes till IMY den 5 mars 2021.\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// An index of `docs` written into a fresh temporary directory: (tempdir, index path).
fn index_of(docs: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let docs_dir = tmp.path().join("docs");
    std::fs::create_dir(&docs_dir).unwrap();
    for (name, text) in docs {
        write(&docs_dir, name, text);
    }
    let index = tmp.path().join("index");
    ingest(&index, &[docs_dir.to_str().unwrap()], 0);
    let index = index.to_str().unwrap().to_string();
    (tmp, index)
}

/// Runs `incidex ARGS` with stdout and stderr on a pseudo-terminal, as a user at a
/// terminal sees it; returns what the terminal received.
fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let (mut master, mut slave) = (0, 0);
    // The common terminal: 80 columns.
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fresh descriptors we own from here on.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors are open and owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incidex"));
    cmd.args(args)
        .current_dir(crate::ingest::root())
        .env_remove("INCIDEX_INDEX")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd); // closes our copy of the terminal's slave end, so reading ends with the child
    let mut master = std::fs::File::from(master);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => break, // EIO: the child closed the terminal
        }
    }
    child.wait().unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

// Item 1: colour only on a terminal, through anstream; never an escape printed as text.

#[test]
fn issue_11_item1_colour_on_a_terminal_is_real_never_escaped_text() {
    let (_tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    let seen = on_terminal(&["search", "--index", &index, "leverantör"], &[]);
    assert!(
        seen.contains("leverantör"),
        "no hit on the terminal:\n{seen}"
    );
    assert!(!seen.contains("\\u{1b}"), "escape printed as text:\n{seen}");
    assert!(seen.contains("\x1b["), "no colour on a terminal:\n{seen:?}");
    assert!(!seen.contains('«'), "marks instead of colour:\n{seen}");
}

#[test]
fn issue_11_item1_no_color_and_color_never_give_plain_marks() {
    let (_tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    for (args, env) in [
        (
            vec!["search", "--index", &index, "leverantör"],
            vec![("NO_COLOR", "1")],
        ),
        (
            vec![
                "search",
                "--color",
                "never",
                "--index",
                &index,
                "leverantör",
            ],
            vec![],
        ),
    ] {
        let seen = on_terminal(&args, &env);
        assert!(
            !seen.contains('\x1b'),
            "{args:?} {env:?} coloured:\n{seen:?}"
        );
        assert!(seen.contains("«leverantör»"), "{args:?} {env:?}:\n{seen}");
    }
}

#[test]
fn issue_11_item1_color_always_colours_a_pipe() {
    let (_tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    let o = incidex(&[
        "search",
        "--color",
        "always",
        "--index",
        &index,
        "leverantör",
    ]);
    assert_status(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("\x1b[") && !out.contains("\\u{1b}"), "{out:?}");
    let o = incidex(&["search", "--index", &index, "leverantör"]);
    assert!(
        !stdout(&o).contains('\x1b'),
        "a pipe is coloured: {:?}",
        stdout(&o)
    );
    let _ = stderr(&o);
}

// Item 2: one time limit on every file's loading and extraction, whatever the format; the
// progress bar names a file that takes long. (Linear work: tests/linear_work.rs.)

/// About `bytes` of generated incident log, a date and a cue in every sentence.
fn dated_log(bytes: usize) -> String {
    let months = ["januari", "mars", "maj", "juli", "september", "november"];
    let mut out = String::new();
    let mut i = 0usize;
    while out.len() < bytes {
        out.push_str(&format!(
            "Felet upptäcktes den {} {} {} av leverantören och anmäldes två dagar senare. ",
            i % 28 + 1,
            months[i % months.len()],
            2015 + i % 9
        ));
        i += 1;
    }
    out
}

#[test]
fn issue_11_item2_file_timeout_covers_text_and_html() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let log = dated_log(1 << 20);
    write(&docs, "log.txt", &log);
    write(
        &docs,
        "log.html",
        &format!("<html><body><h1>Incidentlogg</h1><p>{log}</p></body></html>"),
    );
    write(&docs, "notice.txt", SUPPLIER_NOTICE);
    let index = tmp.path().join("index");
    let summary = ingest(&index, &["--file-timeout", "2", docs.to_str().unwrap()], 2);
    let mut timed_out: Vec<&str> = summary
        .skipped
        .iter()
        .filter(|s| s.kind == "timeout")
        .map(|s| s.path.rsplit('/').next().unwrap())
        .collect();
    timed_out.sort();
    assert_eq!(timed_out, ["log.html", "log.txt"], "{summary:?}");
    assert_eq!(
        summary.new, 1,
        "the short notice is still imported: {summary:?}"
    );
    assert!(summary.skipped[0].reason.contains("longer than 2 seconds"));
}

/// `incidex ingest --file-timeout 4` of `docs` into `index`, as a terminal shows it.
fn ingest_on_terminal(index: &Path, docs: &Path) -> String {
    on_terminal(
        &[
            "ingest",
            "--file-timeout",
            "4",
            "--index",
            index.to_str().unwrap(),
            docs.to_str().unwrap(),
        ],
        &[],
    )
}

#[test]
fn issue_11_item2_progress_bar_names_a_slow_file() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "slow-log.txt", &dated_log(1 << 20));
    let index = tmp.path().join("index");
    let seen = ingest_on_terminal(&index, &docs);
    assert!(
        seen.contains("slow: ") && seen.contains("slow-log.txt ("),
        "the bar does not name the slow file:\n{seen}"
    );
}

// Item 3: statistics that add up.

/// `incidex stats --format json ARGS` on `index`.
fn stats(index: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["stats", "--format", "json", "--top", "0", "--index", index];
    all.extend_from_slice(args);
    let o = incidex(&all);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

/// A text as a simple HTML page: its first line the heading, its lines paragraphs.
fn as_html(text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut lines = text.lines();
    let mut html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><h1>{}</h1>\n",
        esc(lines.next().unwrap_or(""))
    );
    for line in lines.filter(|l| !l.trim().is_empty()) {
        html.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    html.push_str("</body></html>\n");
    html
}

#[test]
fn issue_11_item3_text_html_and_pdf_copies_give_the_figures_of_the_texts() {
    let tmp = tempfile::tempdir().unwrap();
    let (texts, all) = (tmp.path().join("texts"), tmp.path().join("all"));
    std::fs::create_dir(&texts).unwrap();
    std::fs::create_dir(&all).unwrap();
    for txt in crate::util::seed_texts() {
        let name = txt.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(&txt).unwrap();
        std::fs::copy(&txt, texts.join(name)).unwrap();
        std::fs::copy(&txt, all.join(name)).unwrap();
        write(&all, &name.replace(".txt", ".html"), &as_html(&text));
        let pdf = txt.with_extension("pdf");
        std::fs::copy(&pdf, all.join(pdf.file_name().unwrap())).unwrap();
    }
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let only = ingest(&a, &[texts.to_str().unwrap()], 0);
    let copies = ingest(&b, &[all.to_str().unwrap()], 0);
    assert_eq!(copies.documents, only.documents, "{copies:?}");
    assert_eq!(copies.duplicates, 2 * only.documents, "{copies:?}");
    let by = ["--by", "supplier", "--by", "year", "--by", "doc_type"];
    assert_eq!(
        stats(a.to_str().unwrap(), &by),
        stats(b.to_str().unwrap(), &by)
    );
    // Each document lists its copies.
    let o = incidex(&[
        "search",
        "--json",
        "--index",
        b.to_str().unwrap(),
        "incident",
    ]);
    for line in stdout(&o).lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        let also = hit["record"]["also_at"].as_array().unwrap();
        assert_eq!(also.len(), 2, "{}", hit["record"]["source"]);
        assert!(hit["record"]["source"].as_str().unwrap().ends_with(".txt"));
    }
}

/// Two reports of one breach at a supplier (one undated), and a third incident elsewhere.
fn one_breach_reported_twice() -> [(&'static str, &'static str); 3] {
    [
        (
            "anmalan.txt",
            "Socialförvaltningen upptäckte den 4 maj 2022 att leverantören Visma hade \
             exponerat uppgifter om 500 personer. Händelsen anmäldes till IMY den 6 maj 2022.\n",
        ),
        (
            "artikel.txt",
            "Nyhet: uppgifter om 500 personer låg öppet hos leverantören Visma. Kommunen \
             har anmält incidenten till Integritetsskyddsmyndigheten.\n",
        ),
        (
            "annan.txt",
            "Skolan upptäckte den 1 februari 2019 att ett e-postmeddelande med uppgifter \
             om 30 elever hade skickats till fel mottagare.\n",
        ),
    ]
}

#[test]
fn issue_11_item3_an_undated_report_joins_its_incident_and_people_count_once() {
    let (_tmp, index) = index_of(&one_breach_reported_twice());
    let s = stats(&index, &[]);
    assert_eq!(s["documents"], 3);
    assert_eq!(s["incidents"], 2, "{s:#}");
    assert_eq!(s["affected"]["total"], 530, "{:#}", s["affected"]);
}

#[test]
fn issue_11_item3_every_breakdown_adds_up_to_its_total() {
    let (_tmp, index) = index_of(&one_breach_reported_twice());
    // And the corpus, for more values.
    let corpus_index = _tmp.path().join("corpus-index");
    ingest(&corpus_index, &["corpus"], 0);
    for index in [index.as_str(), corpus_index.to_str().unwrap()] {
        let total = stats(index, &[]);
        for field in [
            "supplier",
            "organisation",
            "authority",
            "cause",
            "breach_type",
            "doc_type",
            "year",
        ] {
            let s = stats(index, &["--by", field]);
            let rows = s["by"][0]["rows"].as_array().unwrap().clone();
            let sum = |key: &str| rows.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
            let none = rows.iter().find(|r| r["value"].is_null());
            let incidents = total["incidents"].as_u64().unwrap();
            let affected = total["affected"]["total"].as_u64().unwrap();
            // People are counted per incident in every row, the (none) row included: no
            // row counts more people than the whole.
            for row in &rows {
                assert!(
                    row["affected_total"].as_u64().unwrap() <= affected,
                    "{field}: {row}"
                );
                assert!(
                    row["incidents"].as_u64().unwrap() <= incidents,
                    "{field}: {row}"
                );
            }
            if matches!(field, "doc_type" | "year") {
                // One value or none per document, one row per incident: the rows split
                // the whole, documents, incidents and people alike.
                assert_eq!(sum("documents"), total["documents"], "{field}: {rows:#?}");
                assert_eq!(sum("incidents"), incidents, "{field}: {rows:#?}");
                assert_eq!(sum("affected_total"), affected, "{field}: {rows:#?}");
                assert_eq!(
                    sum("supplier_involved"),
                    total["supplier_involved"]["count"],
                    "{field}: {rows:#?}"
                );
                assert_eq!(sum("late"), total["late_notification"]["late"], "{field}");
                assert_eq!(
                    sum("late_known"),
                    total["late_notification"]["known"],
                    "{field}"
                );
            } else {
                // Several values per document: every document and every incident is in
                // a row, the ones without a value in the last.
                assert!(sum("documents") >= total["documents"].as_u64().unwrap());
                assert!(sum("incidents") >= incidents, "{field}: {rows:#?}");
                assert!(sum("affected_total") >= affected, "{field}: {rows:#?}");
                let with_none = none.map_or(0, |r| r["documents"].as_u64().unwrap());
                let named: u64 = rows
                    .iter()
                    .filter(|r| !r["value"].is_null())
                    .map(|r| r["documents"].as_u64().unwrap())
                    .max()
                    .unwrap_or(0);
                assert!(
                    with_none + named <= total["documents"].as_u64().unwrap(),
                    "{field}: {rows:#?}"
                );
                let key = match field {
                    "supplier" => "suppliers",
                    "organisation" => "organisations",
                    "authority" => "authorities",
                    "cause" => "causes",
                    _ => "breach_types",
                };
                assert_eq!(with_none, total[key]["none"].as_u64().unwrap(), "{field}");
            }
        }
    }
    // One breach reported twice counts its 500 people once under its supplier.
    let s = stats(&index, &["--by", "supplier"]);
    let visma = s["by"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "Visma")
        .cloned()
        .unwrap_or_else(|| panic!("{s:#}"));
    assert_eq!(
        (
            &visma["documents"],
            &visma["incidents"],
            &visma["affected_total"]
        ),
        (&2.into(), &1.into(), &500.into()),
        "{visma}"
    );
}

// Item 4: names match whatever spelling the text or the user writes (rules/names.toml).

fn sources_of(index: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json", "--limit", "50", "--index", index];
    all.extend_from_slice(args);
    let o = incidex(&all);
    let mut v: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let hit: serde_json::Value = serde_json::from_str(l).unwrap();
            let source = hit["record"]["source"].as_str().unwrap();
            source.rsplit('/').next().unwrap().to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn issue_11_item4_any_alias_finds_the_name_and_stats_count_it_once() {
    let (_tmp, index) = index_of(&[
        (
            "gammal.txt",
            "Stadsbyggnadsförvaltningen upptäckte den 2 mars 2018 att leverantören Tieto \
             hade skickat uppgifter om sökande till fel mottagare i Stockholms stads system.\n",
        ),
        (
            "ny.txt",
            "Den 9 oktober 2022 meddelade leverantören Tietoevry att obehöriga hade haft \
             åtkomst till ett system som Region Kalmar län använder.\n",
        ),
        (
            "region.txt",
            "Region Kalmar upptäckte den 12 januari 2021 att en journal hade lästs av \
             obehörig personal.\n",
        ),
    ]);
    assert_eq!(
        sources_of(&index, &["supplier:tietoevry"]),
        ["gammal.txt", "ny.txt"]
    );
    assert_eq!(
        sources_of(&index, &["supplier:tieto"]),
        ["gammal.txt", "ny.txt"]
    );
    assert_eq!(
        sources_of(&index, &["--supplier", "TietoEVRY"]),
        ["gammal.txt", "ny.txt"]
    );
    assert_eq!(
        sources_of(&index, &["--organisation", "stockholm"]),
        ["gammal.txt"]
    );
    assert_eq!(
        sources_of(&index, &["organisation:\"region kalmar län\""]),
        ["ny.txt", "region.txt"]
    );
    let s = stats(&index, &[]);
    let names = |key: &str| -> Vec<(String, u64)> {
        s[key]["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["name"].as_str().unwrap().to_string(),
                    v["documents"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(names("suppliers"), [("Tietoevry".to_string(), 2)]);
    assert!(
        names("organisations").contains(&("Region Kalmar".to_string(), 2)),
        "{:?}",
        names("organisations")
    );
    // The records keep the names as the texts write them.
    let o = incidex(&[
        "show",
        "--json",
        "--index",
        &index,
        &format!("{}/gammal.txt", _tmp.path().join("docs").display()),
    ]);
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(record["suppliers"], serde_json::json!(["Tieto"]));
}

// Item 5: finding a record again: search prints ids, show takes any spelling of a path.

#[test]
fn issue_11_item5_search_prints_the_id_show_takes_and_any_path_spelling() {
    let (tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    let o = incidex(&["search", "--index", &index, "leverantör"]);
    let out = stdout(&o);
    let id = out
        .split(" · id ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no id in the hit:\n{out}"))
        .to_string();
    assert!(
        id.len() >= 8 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    let doc = tmp.path().join("docs/a.txt");
    let absolute = doc.to_str().unwrap().to_string();
    let dotted = format!("{}/./docs//a.txt", tmp.path().display());
    for given in [id.as_str(), absolute.as_str(), dotted.as_str()] {
        let o = incidex(&["show", "--json", "--index", &index, given]);
        assert_status(&o, 0);
        let r: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        assert!(r["id"].as_str().unwrap().starts_with(&id), "{given}");
    }
    // From inside the folder, as ./a.txt.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["show", "--json", "--index", &index, "./a.txt"])
        .current_dir(tmp.path().join("docs"))
        .env_remove("INCIDEX_INDEX")
        .output()
        .unwrap();
    assert_status(&o, 0);
}

// Item 6: filters say what they take and what they leave out.

#[test]
fn issue_11_item6_year_filters_note_undated_and_unknown_types_are_named() {
    let (_tmp, index) = index_of(&one_breach_reported_twice());
    let o = incidex(&[
        "search", "--json", "--index", &index, "--from", "2019", "--to", "2021",
    ]);
    assert_status(&o, 0);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 matching document without a date"),
        "{}",
        stderr(&o)
    );
    let o = incidex(&["stats", "--index", &index, "--from", "2022"]);
    assert_status(&o, 0);
    let o = incidex(&["search", "--index", &index, "--type", "lexsarah"]);
    assert_status(&o, 3);
    assert!(stderr(&o).contains("lex_sarah_report"), "{}", stderr(&o));
    let o = incidex(&["search", "--index", &index, "--from", "2019-13-45"]);
    assert_status(&o, 3);
    assert!(stderr(&o).contains("is not a date"), "{}", stderr(&o));
}

// Item 7: paths that cannot be right are refused before anything is written.

#[test]
fn issue_11_item7_bad_inputs_and_index_paths_are_refused_without_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let index = t.join("index");
    let idx = index.to_str().unwrap();
    let missing = t.join("no-such-folder");
    let o = incidex(&["ingest", "--index", idx, missing.to_str().unwrap()]);
    assert_status(&o, 3);
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    assert!(!index.exists(), "an index was created for nothing");

    let empty = t.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = incidex(&["ingest", "--index", idx, empty.to_str().unwrap()]);
    assert_status(&o, 1);
    assert!(stderr(&o).contains("no documents found"), "{}", stderr(&o));
    assert!(!index.exists());

    let docs = t.join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "a.txt", SUPPLIER_NOTICE);
    let o = incidex(&[
        "ingest",
        "--index",
        docs.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_status(&o, 3);
    assert!(
        stderr(&o).contains("not an incidex index"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_dir(&docs).unwrap().count(),
        1,
        "files written among the documents"
    );

    let o = incidex(&[
        "ingest",
        "--index",
        docs.join("a.txt").to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_status(&o, 3);
    assert!(
        stderr(&o).contains("is a file, not a directory"),
        "{}",
        stderr(&o)
    );
}

// Item 8: query errors in one short line that says what is wrong.

#[test]
fn issue_11_item8_query_errors_are_short_and_say_what_is_wrong() {
    let (_tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    for (query, says) in [
        ("\"fel mottagare", "unbalanced quote"),
        ("date:2019-13-45", "`2019-13-45` is not a date"),
        ("doctype:news_article", "did you mean `doc_type`"),
        ("(leverantör", "`(` is never closed"),
    ] {
        let o = incidex(&["search", "--index", &index, query]);
        assert_status(&o, 3);
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{query}: {err}");
        assert!(err.contains(says), "{query}: {err}");
        assert!(err.len() < 200, "{query}: {} characters: {err}", err.len());
        assert!(
            !err.contains("(\"fel") && !err.contains("(date:2019-13-45"),
            "{query}: {err}"
        );
    }
}

// Item 10: polish.

#[test]
fn issue_11_item10_summaries_count_in_words_and_say_skips_once() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "a.txt", SUPPLIER_NOTICE);
    write(&docs, "tom.txt", "");
    let index = tmp.path().join("index");
    let o = incidex(&[
        "ingest",
        "--index",
        index.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_status(&o, 2);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        out.contains("2 files seen") && out.contains("1 document in the index"),
        "{out}"
    );
    let said = |s: &str| s.matches("tom.txt").count();
    assert_eq!(said(&out) + said(&err), 1, "stdout:\n{out}\nstderr:\n{err}");

    let o = incidex(&[
        "stats",
        "--index",
        index.to_str().unwrap(),
        "--query",
        "ingenting",
    ]);
    assert_status(&o, 1);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}

// Item 9: the README is true: its example commands run on corpus/, its files exist.

/// A command line split into words, honouring single and double quotes.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (_, c) => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// The `incidex` command lines of the README: in ```sh blocks, and after `$ ` in the
/// sample sessions (one-line commands), comments cut.
fn readme_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(crate::ingest::root().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in readme.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            block = match block {
                None => Some(lang.to_string()),
                Some(_) => None,
            };
            continue;
        }
        let Some(lang) = &block else { continue };
        let command = match line.strip_prefix("$ ") {
            Some(c) => c,
            None if lang == "sh" => line,
            None => continue,
        };
        let command = command.split(" #").next().unwrap().trim();
        // `serve` runs until stopped (tests/cli/serve.rs covers it), and `--records` reads
        // the shards of a Spark run (tests/cli/spark.rs covers it).
        let elsewhere = command.starts_with("incidex serve") || command.contains("--records");
        if command.starts_with("incidex ")
            && !command.ends_with('\\')
            && !command.contains('|')
            && !elsewhere
        {
            out.push(shell_words(command).into_iter().flat_map(glob).collect());
        }
    }
    out
}

/// `corpus/*.txt` as the shell expands it (one `*` in the file name), else the word.
fn glob(word: String) -> Vec<String> {
    let Some((dir, pattern)) = word.rsplit_once('/').filter(|(_, p)| p.contains('*')) else {
        return vec![word];
    };
    let (before, after) = pattern.split_once('*').unwrap();
    let mut names: Vec<String> = std::fs::read_dir(crate::ingest::root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(before) && n.ends_with(after))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    names.sort();
    names
}

#[test]
fn issue_11_item9_readme_commands_run_on_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let commands = readme_commands();
    assert!(commands.len() >= 8, "{commands:?}");
    // The import first, as a reader would.
    let mut ordered: Vec<&Vec<String>> = commands.iter().filter(|c| c[1] == "ingest").collect();
    ordered.extend(commands.iter().filter(|c| c[1] != "ingest"));
    assert_eq!(ordered[0][1], "ingest", "the README imports nothing");
    for command in ordered {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_incidex"))
            .args(&command[1..])
            .current_dir(crate::ingest::root())
            .env("INCIDEX_INDEX", &index)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "`{}` failed\n--- stdout\n{}\n--- stderr\n{}",
            command.join(" "),
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn issue_11_item9_files_the_readme_and_help_name_exist() {
    let root = crate::ingest::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let help = stdout(&incidex(&["eval", "--help"])) + &stdout(&incidex(&["extract", "--help"]));
    let path = regex::Regex::new(r"`([\w./-]+\.(?:py|md|sh|toml|jsonl|txt|rs))`").unwrap();
    for text in [&readme, &help] {
        for c in path.captures_iter(text) {
            let p = &c[1];
            if p.contains('/') || p.ends_with(".md") {
                assert!(
                    root.join(p).exists(),
                    "`{p}` is named but not in the repository"
                );
            }
        }
    }
    for word in ["RECORD.md", "cargo install --path .", "takes"] {
        assert!(readme.contains(word), "the README does not say {word:?}");
    }
}

/// The heading of the first hit of `incidex search ARGS`, as printed (`1. HEADING  [score]`).
fn first_heading(index: &str, args: &[&str]) -> String {
    let mut all = vec!["search", "--index", index];
    all.extend_from_slice(args);
    let out = stdout(&incidex(&all));
    let line = out.lines().next().unwrap_or_default();
    let heading = line.strip_prefix("1. ").unwrap_or_else(|| panic!("{out}"));
    heading.rsplit_once("  [").unwrap().0.to_string()
}

#[test]
fn issue_11_item10_show_heads_a_record_as_its_hit_does() {
    // A plain text has no title of its own: both name it by its first line.
    let (tmp, index) = index_of(&[("a.txt", SUPPLIER_NOTICE)]);
    let heading = first_heading(&index, &["leverantör"]);
    assert!(heading.starts_with("Kommunen upptäckte"), "{heading}");
    let path = tmp.path().join("docs/a.txt");
    let o = incidex(&["show", "--index", &index, path.to_str().unwrap()]);
    assert_status(&o, 0);
    assert_eq!(stdout(&o).lines().next(), Some(heading.as_str()));
}

/// A report of `docs` written by `incidex report`: the page's HTML.
fn report_of(docs: &[(&str, &str)]) -> String {
    let (tmp, index) = index_of(docs);
    let page = tmp.path().join("report.html");
    let o = incidex(&["report", "--index", &index, "--out", page.to_str().unwrap()]);
    assert_status(&o, 0);
    std::fs::read_to_string(page).unwrap()
}

#[test]
fn issue_11_item10_report_cuts_long_titles_on_a_word_and_never_breaks_a_date() {
    let words = ["Uppgifter", "om", "elever", "med", "skyddad", "identitet"];
    let title: Vec<&str> = (0..300).map(|i| words[i % words.len()]).collect();
    let title = title.join(" ");
    let page = report_of(&[(
        "lang.html",
        &format!(
            "<html><body><h1>{title}</h1><p>{}</p></body></html>",
            SUPPLIER_NOTICE
        ),
    )]);
    let incidents = page
        .split(r#"<table class="incidents">"#)
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or_else(|| panic!("no incident list:\n{page}"));
    let cells: Vec<&str> = incidents
        .split("<td")
        .skip(1)
        .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap())
        .collect();
    let documents = cells.last().unwrap();
    assert!(documents.chars().count() < 200, "{documents}");
    let (kept, _) = documents
        .split_once('…')
        .unwrap_or_else(|| panic!("not cut with an ellipsis: {documents}"));
    assert!(title.starts_with(kept), "{kept}");
    assert_eq!(
        title[kept.len()..].chars().next(),
        Some(' '),
        "cut inside a word: {kept}"
    );
    // The dates are cells that never wrap.
    assert!(
        incidents.contains(r#"<td class="n">2021-03-03</td>"#),
        "{incidents}"
    );
    let rule = page
        .lines()
        .find(|l| l.starts_with("td.n"))
        .unwrap_or_else(|| panic!("no style for number cells"));
    assert!(rule.contains("white-space: nowrap"), "{rule}");
}

#[test]
fn issue_11_item10_by_tables_fit_a_terminal_text_left_numbers_right() {
    let mut docs = one_breach_reported_twice().to_vec();
    docs.push((
        "region.txt",
        "Region Kalmar upptäckte den 12 januari 2021 att en journal hade lästs av \
         obehörig personal.\n",
    ));
    let (_tmp, index) = index_of(&docs);
    for field in [
        "supplier",
        "organisation",
        "authority",
        "cause",
        "breach_type",
        "doc_type",
        "year",
        "incident",
    ] {
        let o = incidex(&["stats", "--index", &index, "--by", field]);
        assert_status(&o, 0);
        let out = stdout(&o);
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{field}: {line}\n{out}");
        }
        // Each table's header: numbers end under their heading, text starts under it.
        let tables: Vec<Vec<&str>> = out
            .split("\n\n")
            .map(|t| t.lines().collect())
            // Tables, not the legend under them.
            .filter(|t: &Vec<&str>| t.len() > 1 && !t[0].contains(": "))
            .collect();
        for table in &tables {
            let header = table[0];
            if let Some(at) = header.find("organisations") {
                let col = header[..at].chars().count();
                assert!(
                    table[1..]
                        .iter()
                        .any(|r| r.chars().nth(col).is_some_and(char::is_alphabetic)),
                    "{field}: no organisation under its heading:\n{}",
                    table.join("\n")
                );
            }
            for heading in ["documents", "organisations"] {
                let Some(at) = header.find(heading) else {
                    continue;
                };
                let col = header[..at].chars().count();
                for row in &table[1..] {
                    let chars: Vec<char> = row.chars().collect();
                    if heading == "documents" {
                        let end = col + heading.len() - 1;
                        assert!(
                            chars.get(end).is_some_and(|c| c.is_ascii_digit()),
                            "{field}: `{heading}` not right-aligned:\n{}",
                            table.join("\n")
                        );
                    } else {
                        // An empty cell is blank; a name starts under the heading.
                        assert!(
                            chars
                                .get(col)
                                .is_none_or(|c| *c == ' ' || c.is_alphabetic())
                                && chars.get(col - 1).is_none_or(|c| *c == ' '),
                            "{field}: `{heading}` not left-aligned:\n{}",
                            table.join("\n")
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn issue_11_item10_filter_only_searches_come_newest_first_undated_last() {
    let notice = |date: &str, people: u32| {
        format!(
            "Socialförvaltningen upptäckte {date} att leverantören Visma hade exponerat \
             uppgifter om {people} personer.\n"
        )
    };
    let (a, c, d) = (
        notice("den 4 maj 2019", 40),
        notice("den 9 mars 2021", 7),
        notice("den 2 oktober 2022", 90),
    );
    let b = "Nyhet: uppgifter om 12 personer låg öppet hos leverantören Visma.\n";
    let (_tmp, index) = index_of(&[
        ("a-2019.txt", &a),
        ("b-odaterad.txt", b),
        ("c-2021.txt", &c),
        ("d-2022.txt", &d),
    ]);
    for filters in [&["*"][..], &["--supplier", "visma"], &[]] {
        let mut args = vec!["search", "--json", "--index", &index];
        args.extend_from_slice(filters);
        let o = incidex(&args);
        assert_status(&o, 0);
        let order: Vec<String> = stdout(&o)
            .lines()
            .map(|l| {
                let hit: serde_json::Value = serde_json::from_str(l).unwrap();
                let source = hit["record"]["source"].as_str().unwrap();
                source.rsplit('/').next().unwrap().to_string()
            })
            .collect();
        assert_eq!(
            order,
            ["d-2022.txt", "c-2021.txt", "a-2019.txt", "b-odaterad.txt"],
            "{filters:?}"
        );
    }
}

#[test]
fn issue_11_item10_ctrl_c_says_what_the_index_keeps_and_a_rerun_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let files = 300;
    for i in 0..files {
        write(
            &docs,
            &format!("arende-{i}.txt"),
            &format!(
                "Ärende {i}: Kommunen upptäckte den {} mars 2021 att uppgifter om {i} elever \
                 hade skickats till fel mottagare av leverantören.\n",
                i % 28 + 1
            ),
        );
    }
    let index = tmp.path().join("index");
    let mut child = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["ingest", "--batch-size", "5", "--index"])
        .args([&index, &docs])
        .env_remove("INCIDEX_INDEX")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first commit, then press Ctrl-C.
    let meta = index.join("meta.json");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&meta).is_ok_and(|m| m.contains("\"max_doc\"")) {
        assert!(started.elapsed().as_secs() < 300, "no commit in 5 minutes");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: kill() on our own child's pid.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(rc, 0);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("stopped by Ctrl-C"), "{err}");
    assert!(err.contains("run the same command again"), "{err}");
    let kept: u64 = err
        .split_once("last commit (")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of documents kept: {err}"));
    assert!(kept > 0 && kept < files, "{err}");
    let idx = index.to_str().unwrap();
    assert_eq!(stats(idx, &[])["documents"], kept, "{err}");
    // The same command again keeps those and imports the rest.
    let summary = ingest(&index, &[docs.to_str().unwrap()], 0);
    assert_eq!(summary.unchanged, kept, "{summary:?}");
    assert_eq!(summary.documents, files, "{summary:?}");
}

#[test]
fn issue_11_item3_largest_incidents_are_those_affecting_most_people() {
    let (tmp, index) = index_of(&[
        (
            "visma-1.txt",
            "Socialförvaltningen upptäckte den 4 maj 2022 att leverantören Visma hade \
             exponerat uppgifter om 20 personer.\n",
        ),
        (
            "visma-2.txt",
            "Den 6 maj 2022 anmälde kommunen till IMY att leverantören Visma hade exponerat \
             uppgifter om 20 personer.\n",
        ),
        (
            "skolan.txt",
            "Skolan upptäckte den 1 februari 2019 att ett e-postmeddelande med uppgifter \
             om 5000 elever hade skickats till fel mottagare.\n",
        ),
    ]);
    let s = stats(&index, &["--by", "incident"]);
    let list = s["incident_list"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{s:#}");
    assert_eq!(
        (list[0]["affected"].as_u64(), list[0]["documents"].as_u64()),
        (Some(5000), Some(1)),
        "{list:#?}"
    );
    assert_eq!(list[1]["documents"], 2, "{list:#?}");
    // The report lists them in the same order, with the people.
    let page = tmp.path().join("report.html");
    let o = incidex(&["report", "--index", &index, "--out", page.to_str().unwrap()]);
    assert_status(&o, 0);
    let page = std::fs::read_to_string(page).unwrap();
    let rows = page.split(r#"<table class="incidents">"#).nth(1).unwrap();
    let first = rows.split("<tbody><tr>").nth(1).unwrap();
    let first = first.split("</tr>").next().unwrap();
    assert!(
        first.contains(">5000<") && first.contains("skolan.txt"),
        "{first}"
    );
}

#[test]
fn issue_11_item3_the_year_chart_shows_every_year_and_the_undated() {
    let page = report_of(&one_breach_reported_twice());
    let chart = page
        .split(r#"<figure id="chart-years">"#)
        .nth(1)
        .and_then(|c| c.split("</figure>").next())
        .unwrap_or_else(|| panic!("no year chart:\n{page}"));
    let labels: Vec<&str> = chart
        .split("</text>")
        .filter_map(|t| t.rsplit_once('>').map(|(_, label)| label))
        .filter(|l| l.chars().any(char::is_alphabetic) || l.len() == 4)
        .collect();
    assert_eq!(
        labels,
        ["2019", "2020", "2021", "2022", "undated"],
        "{chart}"
    );
}

#[test]
fn issue_11_item3_explain_says_which_documents_were_joined_and_why() {
    let [anmalan, artikel, annan] = one_breach_reported_twice();
    let later = "Den 20 maj 2022 meddelade leverantören Visma att felet var åtgärdat.\n";
    let (_tmp, index) = index_of(&[
        anmalan,
        artikel,
        annan,
        ("senare.txt", later),
        ("senare.html", &as_html(later)),
    ]);
    let o = incidex(&["stats", "--explain", "--index", &index]);
    assert_status(&o, 0);
    let out = stdout(&o);
    // The rule, in words.
    for says in [
        "same text",
        "common organisation or supplier",
        "30 days apart",
    ] {
        assert!(out.contains(says), "{says:?} missing:\n{out}");
    }
    // A document's own line starts with its path; other lines may name it as the one
    // they joined, which one depending on the order the import met the files.
    let line = |name: &str| {
        out.lines()
            .find(|l| {
                let path = l.trim_start().split([':', ' ']).next().unwrap_or("");
                path.starts_with('/') && path.ends_with(name)
            })
            .unwrap_or_else(|| panic!("no line for {name}:\n{out}"))
            .to_string()
    };
    let senare = line("senare.txt");
    assert!(
        senare.contains("also at") && senare.contains("senare.html"),
        "{senare}"
    );
    assert!(
        senare.contains("joined") && senare.contains("anmalan.txt"),
        "{senare}"
    );
    assert!(
        senare.contains("Visma") && senare.contains("14 days apart"),
        "{senare}"
    );
    let artikel = line("artikel.txt");
    assert!(
        artikel.contains("joined") && artikel.contains("no dates"),
        "{artikel}"
    );
    assert!(!line("annan.txt").contains("joined"), "{out}");
    let incidents = out.lines().filter(|l| l.starts_with("incident ")).count();
    assert_eq!(incidents, 2, "{out}");
}

/// The lines a terminal shows of `raw` (its output with carriage returns and escapes):
/// each stretch between line ends and returns, escape sequences taken out.
fn terminal_lines(raw: &str) -> Vec<String> {
    let escape = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
    escape
        .replace_all(raw, "\n")
        .split(['\r', '\n'])
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn issue_11_item10_the_progress_line_fits_80_columns() {
    let tmp = tempfile::tempdir().unwrap();
    // A long folder name and a slow file: the bar names it, within the line.
    let docs = tmp
        .path()
        .join("arkiv-over-personuppgiftsincidenter-och-lex-sarah-anmalningar-2019-2024");
    std::fs::create_dir(&docs).unwrap();
    write(
        &docs,
        "en-mycket-lang-incidentlogg-med-datum.txt",
        &dated_log(1 << 20),
    );
    for i in 0..40 {
        write(&docs, &format!("notis-{i}.txt"), SUPPLIER_NOTICE);
    }
    let index = tmp.path().join("index");
    let seen = ingest_on_terminal(&index, &docs);
    // The bar's lines (`[bar] 3/41 files · ...`), not the skip and summary lines.
    let lines: Vec<String> = terminal_lines(&seen)
        .into_iter()
        .filter(|l| l.contains(" files · "))
        .collect();
    assert!(!lines.is_empty(), "no progress line:\n{seen:?}");
    assert!(
        lines.iter().any(|l| l.contains("slow: ")),
        "the slow file is not named:\n{seen:?}"
    );
    for line in &lines {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

#[test]
fn the_bar_counts_to_every_file_the_streamed_walk_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    // Files in several folders, which the walk reads only as the import gets to them,
    // and a dangling link: a path the walk cannot follow is counted as a file done too.
    for folder in ["a", "b/c", "d"] {
        let dir = docs.join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..12 {
            write(&dir, &format!("notis-{i}.txt"), SUPPLIER_NOTICE);
        }
    }
    write(&docs.join("d"), "slow-log.txt", &dated_log(1 << 20));
    std::os::unix::fs::symlink(docs.join("gone.txt"), docs.join("b/moved.txt")).unwrap();
    let found = 3 * 12 + 2;
    let index = tmp.path().join("index");
    let seen = ingest_on_terminal(&index, &docs);
    let counts = regex::Regex::new(r"(\d+)/(\d+) files · ").unwrap();
    let shown: Vec<(usize, usize)> = terminal_lines(&seen)
        .iter()
        .filter_map(|l| counts.captures(l))
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect();
    assert!(!shown.is_empty(), "no progress line:\n{seen:?}");
    for &(done, total) in &shown {
        assert!(done <= total && total <= found, "{done}/{total}:\n{seen:?}");
    }
    assert!(
        shown.iter().any(|&(_, total)| total == found),
        "the total never reaches {found}: {shown:?}"
    );
}
