//! # Swedish word analysis: load time, memory and throughput
//!
//! `cargo run --release --example analysis_throughput -- TEXTS... [--passes N]`
//!
//! TEXTS are `texts.jsonl` files (as `gen_corpus` writes them: one `{"body": ...}` per
//! line) or plain UTF-8 text files. Everything runs on one thread, so the MB/s are per
//! core. `bench/analysis.sh` runs it; bench/README.md keeps the results.
//!
//! We will:
//! - load the built-in lexicon (the compact form `build.rs` made of `lexicon/sv_SE.*`) 20
//!   times and report the median CPU time, its sizes and the heap it takes; then expand the
//!   Hunspell files themselves once, which is what `--lexicon PATH` costs;
//! - run `incidex::analysis::Analyzer::tokens` (tokens with lemmas, parts, shape and
//!   sentence; one per-word cache) over all texts, pass after pass: the first pass fills
//!   the cache, the later ones are what a long import sees;
//! - run the index analyzer (`incidex::index::analyzer::swedish`: words, lemmas, parts,
//!   stop words out) over the same texts, terms counted;
//! - print one JSON line with every figure.

use std::time::Instant;

use anyhow::{Context, Result};
use incidex::analysis::Analyzer;
use incidex::index::analyzer;
use incidex::lexicon::Lexicon;
use tantivy::tokenizer::TokenStream;

fn read_texts(path: &str) -> Result<Vec<String>> {
    let data = std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read"))?;
    if !path.ends_with(".jsonl") {
        return Ok(vec![data]);
    }
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)?;
            Ok(v["body"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

/// Peak resident memory of this process so far, in KiB (Linux), for the record.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// CPU time of this thread in seconds: on a shared machine, MB per CPU second is the
/// figure per core; MB per wall second drops with every other process running.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Runs `f` and returns (MB per CPU second, MB per wall second) over `bytes`.
fn rates(bytes: usize, f: impl FnOnce()) -> (f64, f64) {
    let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
    f();
    (
        mb_per_s(bytes, thread_cpu_seconds() - cpu),
        mb_per_s(bytes, wall.elapsed().as_secs_f64()),
    )
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut passes = 3;
    if let Some(at) = args.iter().position(|a| a == "--passes") {
        passes = args.get(at + 1).context("--passes N")?.parse()?;
        args.drain(at..at + 2);
    }
    anyhow::ensure!(
        !args.is_empty(),
        "usage: analysis_throughput TEXTS... [--passes N]"
    );
    let mut texts = Vec::new();
    for path in &args {
        texts.extend(read_texts(path)?);
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    // Loading: the embedded compact lexicon, median of 20.
    let rss_before = peak_rss_kib();
    let mut loads = Vec::new();
    let mut lexicon = None;
    for _ in 0..20 {
        let start = thread_cpu_seconds();
        let l = Lexicon::swedish();
        loads.push(thread_cpu_seconds() - start);
        lexicon = Some(l);
    }
    loads.sort_by(f64::total_cmp);
    let lexicon = lexicon.expect("loaded");
    let compact = lexicon.compact();
    let (forms, lemmas) = (compact.form_count(), compact.lemma_count());
    let (data_bytes, heap_bytes) = (compact.data_bytes(), compact.heap_bytes());
    let rss_lexicon = peak_rss_kib();

    // Tokens with lemmas, parts, shape and sentence, one thread, one cache.
    let mut analyzer = Analyzer::new(std::sync::Arc::new(lexicon));
    let mut pass_mb_s = Vec::new();
    let mut tokens = 0usize;
    for _ in 0..passes {
        tokens = 0;
        pass_mb_s.push(rates(bytes, || {
            for text in &texts {
                tokens += analyzer.tokens(text).len();
            }
        }));
    }

    // The index analyzer: the terms tantivy receives.
    let mut index_analyzer = analyzer::swedish();
    let mut index_mb_s = Vec::new();
    let mut terms = 0usize;
    for _ in 0..passes {
        terms = 0;
        index_mb_s.push(rates(bytes, || {
            for text in &texts {
                let mut stream = index_analyzer.token_stream(text);
                while stream.advance() {
                    terms += 1;
                }
            }
        }));
    }

    // Expanding the Hunspell files, as `--lexicon PATH` does (last: it takes memory).
    let rss_analysis = peak_rss_kib();
    let root = env!("CARGO_MANIFEST_DIR");
    let start = Instant::now();
    let expanded = Lexicon::open(std::path::Path::new(&format!("{root}/lexicon/sv_SE.dic")))?;
    let hunspell_seconds = start.elapsed().as_secs_f64();
    drop(expanded);

    let round = |v: f64| (v * 10.0).round() / 10.0;
    println!(
        "{}",
        serde_json::json!({
            "texts": texts.len(),
            "text_mb": round(bytes as f64 / 1e6),
            "lexicon_forms": forms,
            "lexicon_lemmas": lemmas,
            "lexicon_data_mb": round(data_bytes as f64 / 1e6),
            "lexicon_heap_kb": heap_bytes / 1024,
            "lexicon_load_cpu_ms_median": (loads[loads.len() / 2] * 1e6).round() / 1e3,
            "hunspell_expand_s": (hunspell_seconds * 100.0).round() / 100.0,
            "tokens": tokens,
            "tokens_mb_per_cpu_s_by_pass": pass_mb_s.iter().map(|v| round(v.0)).collect::<Vec<_>>(),
            "tokens_mb_per_wall_s_by_pass": pass_mb_s.iter().map(|v| round(v.1)).collect::<Vec<_>>(),
            "index_terms": terms,
            "index_analyzer_mb_per_cpu_s_by_pass": index_mb_s.iter().map(|v| round(v.0)).collect::<Vec<_>>(),
            "index_analyzer_mb_per_wall_s_by_pass": index_mb_s.iter().map(|v| round(v.1)).collect::<Vec<_>>(),
            "peak_rss_mb_before_lexicon": rss_before.map(|k| k / 1024),
            "peak_rss_mb_with_lexicon": rss_lexicon.map(|k| k / 1024),
            "peak_rss_mb_after_analysis": rss_analysis.map(|k| k / 1024),
            "peak_rss_mb_after_hunspell_expand": peak_rss_kib().map(|k| k / 1024),
        })
    );
    Ok(())
}
