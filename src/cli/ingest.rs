//! `incidex ingest`: files into the search index, with a progress bar on a terminal and
//! a summary at the end.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::args::{IndexArg, LimitArgs, RulesArg};
use super::{exit, load_rules};
use incidex::index::ingest::{self, FileEvent, IngestOptions, Skip, Summary};
use incidex::index::lock::ImportLock;
use incidex::index::writer::WriteError;
use incidex::walk;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to import (walked recursively, hidden entries skipped).
    #[arg(required_unless_present = "records", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Import JSON Lines records instead of documents: files, folders of shards, - (stdin).
    ///
    /// Records as `incidex extract --json --with-text` prints them (on a Spark cluster,
    /// say: see spark/). A bad line is reported as FILE:LINE and skipped.
    /// Example: --records shards/
    #[arg(long, value_name = "PATH", num_args = 1.., conflicts_with = "paths")]
    pub records: Vec<PathBuf>,

    #[command(flatten)]
    pub index: IndexArg,

    /// Worker threads for loading and extraction.
    ///
    /// Default: the number of cores. Example: --jobs 4
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Commit to the index after this many changed documents.
    ///
    /// A commit is atomic: an import that is stopped keeps every committed batch, and
    /// the next run skips those files as unchanged. Default: 500. Example: --batch-size 100
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub batch_size: usize,

    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub rules: RulesArg,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(serde::Serialize)]
pub(super) struct JsonSummary<'a> {
    pub r#type: &'static str,
    pub index: String,
    pub seconds: f64,
    #[serde(flatten)]
    pub summary: &'a Summary,
}

pub fn run(args: IngestArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    // Records were extracted elsewhere: they need no rules.
    let rules = if args.records.is_empty() {
        Some(load_rules(args.rules.rules.as_deref())?)
    } else {
        None
    };
    let dir = &args.index.index;
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("{}: {}", dir.display(), incidex::walk::io_reason(&e)))?;
    let _lock = ImportLock::acquire(dir)?;
    let index = incidex::index::open_or_create(dir)?;
    if !args.records.is_empty() {
        return super::ingest_records::run(&args, &index, started);
    }
    let rules = rules.expect("loaded for a file import");

    let (files, walk_errors) = walk::files(&args.paths);
    let mut walk_skips = Vec::new();
    for e in walk_errors {
        crate::err_line!(e.path.display(), &e.reason);
        walk_skips.push(Skip {
            path: e.path.to_string_lossy().into_owned(),
            kind: e.kind,
            reason: e.reason,
        });
    }
    // PDFs are parsed in a child process with the time and memory limits.
    let pipeline = args.limits.options()?;
    let defaults = IngestOptions::default();
    let opts = IngestOptions {
        jobs: args.jobs.unwrap_or(defaults.jobs),
        batch_docs: args.batch_size.max(1),
        pipeline,
        ..defaults
    };
    let bar = progress_bar(files.len() as u64);
    let result = ingest::ingest(&index, &files, &rules, &opts, |event| {
        if let FileEvent::Skipped(skip) = event {
            bar.suspend(|| crate::err_line!(skip.path, &skip.reason));
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    let mut summary = match result {
        Ok(summary) => summary,
        Err(e) => match e.downcast_ref::<WriteError>() {
            Some(write) => {
                crate::err_line!(dir.display(), write);
                return Ok(exit::STOPPED);
            }
            None => return Err(e),
        },
    };
    summary.seen += walk_skips.len() as u64;
    summary.skipped.splice(0..0, walk_skips);

    print_summary(&summary, &args, started)
}

/// The summary on stdout, as text or one JSON object, and the exit status it makes.
pub(super) fn print_summary(
    summary: &Summary,
    args: &IngestArgs,
    started: Instant,
) -> anyhow::Result<i32> {
    let dir = &args.index.index;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let json = JsonSummary {
            r#type: "summary",
            index: dir.display().to_string(),
            seconds: started.elapsed().as_secs_f64(),
            summary,
        };
        serde_json::to_writer(&mut out, &json)?;
        writeln!(out)?;
    } else {
        let seconds = started.elapsed().as_secs_f64();
        write_summary(&mut out, summary, dir, seconds, !args.records.is_empty())?;
    }
    Ok(if summary.skipped.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// A bar on a terminal (files, rate, ETA); hidden otherwise.
pub(super) fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files · {rate} · {elapsed_precise} elapsed · ETA {eta}",
        )
        .expect("a valid template")
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            },
        ),
    );
    bar
}

fn write_summary(
    out: &mut impl Write,
    s: &Summary,
    dir: &std::path::Path,
    seconds: f64,
    records: bool,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {} seen in {seconds:.1} s: {} new, {} unchanged, {} duplicates, {} replaced, {} skipped",
        s.seen,
        if records { "records" } else { "files" },
        s.new,
        s.unchanged,
        s.duplicates,
        s.replaced,
        s.skipped.len()
    )?;
    for skip in &s.skipped {
        writeln!(
            out,
            "  skipped {}: {}",
            super::escape(&skip.path),
            skip.reason
        )?;
    }
    writeln!(
        out,
        "{} documents in the index at {}",
        s.documents,
        dir.display()
    )
}
