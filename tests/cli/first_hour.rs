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

#[test]
fn issue_11_item2_progress_bar_names_a_slow_file() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "slow-log.txt", &dated_log(1 << 20));
    let index = tmp.path().join("index");
    let seen = on_terminal(
        &[
            "ingest",
            "--file-timeout",
            "4",
            "--index",
            index.to_str().unwrap(),
            docs.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        seen.contains("slow: ") && seen.contains("slow-log.txt ("),
        "the bar does not name the slow file:\n{seen}"
    );
}
