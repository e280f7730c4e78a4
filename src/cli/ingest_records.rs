//! `incidex ingest --records`: JSON Lines records made elsewhere into the search index.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::ingest::{IngestArgs, print_summary};
use incidex::index::ingest::{FileEvent, IngestOptions};
use incidex::index::records;

pub fn run(args: &IngestArgs, index: &tantivy::Index, started: Instant) -> anyhow::Result<i32> {
    let dir = &args.index.index;
    let (inputs, unreadable) = records::shard_files(&args.records);
    for skip in &unreadable {
        crate::err_line!(skip.path, &skip.reason);
    }
    let opts = IngestOptions {
        batch_docs: args.batch_size.max(1),
        ..IngestOptions::default()
    };
    let bar = spinner();
    let result = records::ingest_records(index, &inputs, &opts, |event| {
        if let FileEvent::Skipped(skip) = event {
            bar.suspend(|| crate::err_line!(skip.path, &skip.reason));
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    let mut summary = match result {
        Ok(summary) => summary,
        Err(e) => return super::stopped_by(dir, e),
    };
    summary.seen += unreadable.len() as u64;
    summary.skipped.splice(0..0, unreadable);
    print_summary(&summary, args, started)
}

/// Records read so far and the rate, on a terminal; hidden otherwise.
fn spinner() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} records · {per_sec} · {elapsed_precise}")
            .expect("a valid template"),
    );
    bar
}
