//! # A bare tantivy build: the ceiling for `incidex ingest`
//!
//! `cargo run --release --example bare_tantivy -- TEXTS.jsonl INDEX_DIR [--heap-mb M]`
//!
//! Indexes the texts `gen_corpus` wrote to `texts.jsonl` with nothing in front of tantivy:
//! no file walking, no loading of HTML or PDF, no extraction. What `incidex ingest` spends
//! beyond this is the price of loading and extraction; `bench/run.sh` prints the ratio.
//!
//! We will:
//! - build a schema of a stored raw `path`, a `title` and a `body` indexed with positions
//!   (so phrase queries work) and stored (so hits can show snippets), as incidex stores it;
//! - register a Swedish analyzer like incidex's: simple tokenizer, long tokens dropped,
//!   lower-cased, Swedish stop words removed, Swedish Snowball stemmer, no ASCII folding;
//! - stream the JSON lines into one writer and commit once;
//! - print one JSON line: documents, bytes of body text, seconds.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexWriter, TantivyDocument, doc};

#[derive(Deserialize)]
struct Text {
    path: String,
    title: String,
    body: String,
}

fn swedish_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::Swedish).expect("tantivy ships Swedish stop words"))
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut heap_mb = 256usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--heap-mb" => heap_mb = args.next().context("--heap-mb needs a value")?.parse()?,
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let [texts, dir] = positional.as_slice() else {
        bail!("usage: bare_tantivy TEXTS.jsonl INDEX_DIR [--heap-mb M]");
    };

    // Step 1: the schema. Body with positions and stored, as `incidex ingest` keeps it.
    let mut schema = Schema::builder();
    let path_field = schema.add_text_field("path", STRING | STORED);
    let sv_text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("sv")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let title_field = schema.add_text_field("title", sv_text.clone());
    let body_field = schema.add_text_field("body", sv_text);
    let schema = schema.build();

    // Step 2: a fresh index on disk with the Swedish analyzer registered.
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema)
        .with_context(|| format!("creating an index in {} (must be empty)", dir.display()))?;
    index.tokenizers().register("sv", swedish_analyzer());

    // Step 3: stream the texts into one writer, commit once.
    let started = Instant::now();
    let mut writer: IndexWriter<TantivyDocument> = index.writer(heap_mb * 1_000_000)?;
    let (mut docs, mut bytes) = (0u64, 0u64);
    for line in BufReader::new(File::open(texts)?).lines() {
        let text: Text = serde_json::from_str(&line?)?;
        bytes += text.body.len() as u64;
        docs += 1;
        writer.add_document(doc!(
            path_field => text.path,
            title_field => text.title,
            body_field => text.body,
        ))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let seconds = started.elapsed().as_secs_f64();

    // Step 4: one line for bench/run.sh.
    println!(
        "{}",
        serde_json::json!({ "docs": docs, "bytes": bytes, "seconds": seconds })
    );
    Ok(())
}
