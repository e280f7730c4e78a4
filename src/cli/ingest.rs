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
use incidex::index::prune;
use incidex::index::writer::WriteError;
use incidex::walk;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to import (walked recursively, hidden entries skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

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

    /// Afterwards, remove the records of files under PATH... that no longer exist.
    ///
    /// A record found at several paths loses the gone ones and stays while one is
    /// left; paths outside the ones given are not looked at. The summary counts the
    /// records removed ("pruned"). Example: incidex ingest --prune archive/
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub rules: RulesArg,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(serde::Serialize)]
struct JsonSummary<'a> {
    r#type: &'static str,
    index: String,
    seconds: f64,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn run(args: IngestArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let rules = load_rules(args.rules.rules.as_deref())?;
    let dir = &args.index.index;
    // The index holds personal data: what this import creates is its owner's alone.
    incidex::index::private::owner_only();
    incidex::index::private::create_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: {}", dir.display(), incidex::walk::io_reason(&e)))?;
    let _lock = ImportLock::acquire(dir)?;
    let index = incidex::index::open_or_create(dir)?;

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
    let result = result.and_then(|mut summary| {
        if args.prune {
            summary.pruned = prune::prune(&index, &args.paths, opts.batch_docs)?;
            summary.documents -= summary.pruned;
        }
        Ok(summary)
    });
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

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let json = JsonSummary {
            r#type: "summary",
            index: dir.display().to_string(),
            seconds: started.elapsed().as_secs_f64(),
            summary: &summary,
        };
        serde_json::to_writer(&mut out, &json)?;
        writeln!(out)?;
    } else {
        write_summary(
            &mut out,
            &summary,
            dir,
            started.elapsed().as_secs_f64(),
            args.prune,
        )?;
    }
    Ok(if summary.skipped.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// A bar on a terminal (files, rate, ETA); hidden otherwise.
fn progress_bar(len: u64) -> ProgressBar {
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
    pruned: bool,
) -> std::io::Result<()> {
    let pruned = if pruned {
        format!(", {} pruned", s.pruned)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} files seen in {seconds:.1} s: {} new, {} unchanged, {} duplicates, {} replaced, {} skipped{pruned}",
        s.seen,
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
