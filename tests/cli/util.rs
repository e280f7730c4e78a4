//! Helpers: run the binary without user configuration, read its JSON Lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn corpus() -> PathBuf {
    repo().join("corpus")
}

/// `incidex ARGS` in `dir`, with the index location and other user settings cleared.
pub fn incidex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(args)
        .current_dir(dir)
        .env_remove("INCIDEX_INDEX")
        .env_remove("INCIDEX_LEXICON")
        .env("NO_COLOR", "1")
        .output()
        .expect("run incidex")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON Lines output, failing with the whole output on a bad line.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}\nstderr: {}", stderr(o)))
        })
        .collect()
}

/// The corpus seed texts, sorted.
pub fn seed_texts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// A record's `suppliers` and `organisations` as the index holds them: each name in its
/// canonical form (rules/names.toml), each once, in the record's order.
pub fn with_canonical_names(mut record: serde_json::Value) -> serde_json::Value {
    let names = incidex::names::Names::active();
    for key in ["suppliers", "organisations"] {
        let mut seen: Vec<String> = Vec::new();
        for v in record[key].as_array().cloned().unwrap_or_default() {
            let c = names.canonical(v.as_str().unwrap());
            if !seen.iter().any(|s| s.to_lowercase() == c.to_lowercase()) {
                seen.push(c);
            }
        }
        record[key] = serde_json::json!(seen);
    }
    record
}
