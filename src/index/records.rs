//! Records made elsewhere into the index: JSON Lines written by `incidex extract --json
//! --with-text` (on a Spark cluster, say), read from files, directories of shards or
//! standard input, and handed to the same [`Writer`] as an ordinary import.
//!
//! A line is one record of the contract (RECORD.md) plus `text`, the document's loaded
//! body. Each line is checked on its own: one that is not JSON, lacks a field, holds a
//! value of the wrong type or lacks its text is a [`Skip`] named `file:line`, and the rest
//! of the input goes on. Records are keyed like files in an ordinary import, by their
//! `source` and `id`, so importing the same shards twice adds nothing.
//!
//! Limits: a record is trusted past its shape: the delays are not derived again from the
//! dates, nor the id from any bytes (the records carry no bytes).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::ingest::{FileEvent, IngestOptions, Skip, Summary};
use super::writer::{Content, Outcome, Writer};
use crate::record::IncidentRecord;

/// The field of a record line that holds the document's text.
pub const TEXT_FIELD: &str = "text";

/// The stable `kind` of a skipped record line.
pub const BAD_RECORD: &str = "bad_record";

/// A record with its text, as `extract --json --with-text` prints it.
#[derive(Debug, Serialize)]
pub struct WithText<'a> {
    #[serde(flatten)]
    pub record: &'a IncidentRecord,
    pub text: &'a str,
}

/// Parses and checks one line: the record and its text, or why the line is not one.
pub fn parse_line(line: &str) -> Result<Content, String> {
    let mut value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not JSON: {}", without_position(&e)))?;
    let Some(object) = value.as_object_mut() else {
        return Err("not a JSON object".into());
    };
    let body = match object.remove(TEXT_FIELD) {
        Some(serde_json::Value::String(text)) => text,
        Some(other) => {
            return Err(format!(
                "`{TEXT_FIELD}`: expected a string, found {}",
                json_kind(&other)
            ));
        }
        None => {
            return Err(format!(
                "no `{TEXT_FIELD}` field: make the records with `incidex extract --json --with-text`"
            ));
        }
    };
    let record: IncidentRecord = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            inner.to_string()
        } else {
            format!("`{path}`: {inner}")
        }
    })?;
    check(&record)?;
    Ok(Content { record, body })
}

/// What the types alone do not hold: an id that is a digest, a source, a sane count.
fn check(r: &IncidentRecord) -> Result<(), String> {
    let is_digest = r.id.len() == 64
        && r.id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !is_digest {
        return Err(format!(
            "`id`: {:?} is not a BLAKE3 digest (64 lower-case hex digits)",
            r.id
        ));
    }
    if r.source.is_empty() {
        return Err("`source`: empty".into());
    }
    if let Some(a) = &r.affected
        && a.min > a.max
    {
        return Err(format!("`affected`: min {} is above max {}", a.min, a.max));
    }
    Ok(())
}

/// serde_json ends its messages with "at line 1 column 7"; the line is ours to name.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => format!("{} (column {})", &text[..at], e.column()),
        None => text,
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Expands `paths` into shard files: a directory gives every file under it, sorted,
/// except hidden ones and Hadoop's bookkeeping (`_SUCCESS`, `_temporary/`, `.crc`
/// files); `-` is standard input. A path that cannot be read is a skip.
pub fn shard_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skip>) {
    let mut files = Vec::new();
    let mut skips = Vec::new();
    for root in paths {
        if root.as_os_str() == "-" || !root.is_dir() {
            files.push(root.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_bookkeeping(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let io = e
                        .io_error()
                        .map(|io| std::io::Error::new(io.kind(), io.to_string()))
                        .unwrap_or_else(|| std::io::Error::other(e.to_string()));
                    skips.push(io_skip(&path, &io));
                }
            }
        }
    }
    (files, skips)
}

/// A shard that cannot be opened or read.
fn io_skip(path: &Path, e: &std::io::Error) -> Skip {
    Skip {
        path: path.to_string_lossy().into_owned(),
        kind: if e.kind() == std::io::ErrorKind::NotFound {
            "not_found"
        } else {
            "unreadable"
        },
        reason: crate::walk::io_reason(e),
    }
}

fn is_bookkeeping(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') || s.starts_with('_'))
}

/// Imports the records in `inputs` (shard files, or `-` for standard input) into `index`,
/// calling `on_record` after each line (for progress). The caller holds the import lock.
/// A file that cannot be opened or read is a skip of its own; the other files go on.
pub fn ingest_records(
    index: &tantivy::Index,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    mut on_record: impl FnMut(FileEvent),
) -> anyhow::Result<Summary> {
    let mut writer = Writer::new(index)?;
    writer.batch_docs = opts.batch_docs;
    writer.batch_bytes = opts.batch_bytes;
    let mut summary = Summary::default();
    for input in inputs {
        let name = input.to_string_lossy();
        let reader: Box<dyn Read> = if input.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(input) {
                Ok(file) => Box::new(file),
                Err(e) => {
                    let skip = io_skip(input, &e);
                    on_record(FileEvent::Skipped(&skip));
                    summary.seen += 1;
                    summary.skipped.push(skip);
                    continue;
                }
            }
        };
        read_shard(&name, reader, &mut writer, &mut summary, &mut on_record)?;
    }
    summary.documents = writer.finish()?;
    Ok(summary)
}

/// Feeds the lines of one shard to the writer; blank lines are passed over.
fn read_shard(
    name: &str,
    reader: impl Read,
    writer: &mut Writer,
    summary: &mut Summary,
    on_record: &mut impl FnMut(FileEvent),
) -> anyhow::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let read = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) => {
                // The rest of this file cannot be read; the next file goes on.
                let skip = bad(name, line_no + 1, crate::walk::io_reason(&e));
                on_record(FileEvent::Skipped(&skip));
                summary.seen += 1;
                summary.skipped.push(skip);
                return Ok(());
            }
        };
        line_no += 1;
        let line = match std::str::from_utf8(&buf[..read]) {
            Ok(line) => line.trim(),
            Err(e) => {
                let skip = bad(
                    name,
                    line_no,
                    format!("not UTF-8 at byte {}", e.valid_up_to()),
                );
                on_record(FileEvent::Skipped(&skip));
                summary.seen += 1;
                summary.skipped.push(skip);
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        summary.seen += 1;
        let content = match parse_line(line) {
            Ok(content) => content,
            Err(why) => {
                let skip = bad(name, line_no, why);
                on_record(FileEvent::Skipped(&skip));
                summary.skipped.push(skip);
                continue;
            }
        };
        let source = content.record.source.clone();
        let id = content.record.id.clone();
        // The record is at hand, so the writer never needs to extract it again.
        let outcome = writer
            .apply(&source, &id, Some(content), || None)?
            .expect("a record given to the writer is indexed");
        match outcome {
            Outcome::New => summary.new += 1,
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Duplicate => summary.duplicates += 1,
            Outcome::Replaced => summary.replaced += 1,
        }
        on_record(FileEvent::Done(&source, outcome));
    }
}

fn bad(name: &str, line: u64, reason: String) -> Skip {
    Skip {
        path: format!("{name}:{line}"),
        kind: BAD_RECORD,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "465ed690dad0ed7b465ed690dad0ed7b465ed690dad0ed7b465ed690dad0ed7b";

    fn line(record: &IncidentRecord, text: &str) -> String {
        serde_json::to_string(&WithText { record, text }).unwrap()
    }

    fn record() -> IncidentRecord {
        IncidentRecord {
            source: "arkiv/anmalan.txt".into(),
            id: ID.into(),
            format: "text".into(),
            language: "sv".into(),
            language_confidence: 0.9871236,
            doc_type: "breach_notification".into(),
            title: Some("Anmälan av personuppgiftsincident".into()),
            ..IncidentRecord::default()
        }
    }

    #[test]
    fn a_record_with_its_text_comes_back_whole() {
        let r = record();
        let text = "Kommunen upptäckte att lönebesked skickats till fel mottagare.";
        let content = parse_line(&line(&r, text)).unwrap();
        assert_eq!(content.record, r);
        assert_eq!(content.body, text);
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let good = line(&record(), "Text.");
        let cases = [
            ("{\"source\": \"a.txt\"", "not JSON"),
            ("[1, 2]", "not a JSON object"),
            (
                &good.replace(&format!("\"id\":\"{ID}\","), ""),
                "missing field `id`",
            ),
            (
                &good.replace(
                    "\"supplier_involved\":false",
                    "\"supplier_involved\":\"ja\"",
                ),
                "`supplier_involved`: invalid type: string \"ja\", expected a boolean",
            ),
            (
                &good.replace("\"incident_start\":null", "\"incident_start\":\"3 mars\""),
                "`dates.incident_start`",
            ),
            (
                &good.replace(ID, "abc"),
                "`id`: \"abc\" is not a BLAKE3 digest",
            ),
            (&good.replace(",\"text\":\"Text.\"", ""), "no `text` field"),
            (
                &good.replace("\"Text.\"", "7"),
                "`text`: expected a string, found a number",
            ),
        ];
        for (input, want) in cases {
            let err = parse_line(input)
                .err()
                .unwrap_or_else(|| panic!("accepted {input}"));
            assert!(
                err.contains(want),
                "{input}\n  said {err:?}\n  want {want:?}"
            );
        }
    }

    #[test]
    fn shard_directories_leave_out_hadoop_bookkeeping() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("_temporary/0")).unwrap();
        for f in [
            "part-00001",
            "part-00000",
            "_SUCCESS",
            ".part-00000.crc",
            "_temporary/0/x",
        ] {
            std::fs::write(p.join(f), "").unwrap();
        }
        let (files, skips) = shard_files(&[p.to_path_buf(), p.join("missing.jsonl")]);
        assert_eq!(
            files,
            [
                p.join("part-00000"),
                p.join("part-00001"),
                p.join("missing.jsonl")
            ]
        );
        assert!(skips.is_empty());
    }
}
