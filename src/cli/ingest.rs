//! `incidex ingest`: files into the search index, with a progress bar on a terminal and
//! a summary at the end.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::args::{IndexArg, LimitArgs, RulesArg};
use super::{exit, load_rules};
use incidex::index::ingest::{self, FileEvent, InFlight, IngestOptions, Skip, Summary};
use incidex::index::lock::ImportLock;
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
    std::fs::create_dir_all(dir)
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
        in_flight: Some(Arc::default()),
        ..defaults
    };
    let bar = progress_bar(files.len() as u64);
    let done = AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        if !bar.is_hidden() {
            let in_flight = opts.in_flight.clone().unwrap_or_default();
            let (bar, done) = (&bar, &done);
            scope.spawn(move || name_slow_files(bar, &in_flight, done));
        }
        let result = ingest::ingest(&index, &files, &rules, &opts, |event| {
            if let FileEvent::Skipped(skip) = event {
                bar.suspend(|| crate::err_line!(skip.path, &skip.reason));
            }
            bar.inc(1);
        });
        done.store(true, Ordering::Relaxed);
        result
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
        write_summary(&mut out, &summary, dir, started.elapsed().as_secs_f64())?;
    }
    Ok(if summary.skipped.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// How long a file may be in work before the bar names it.
const SLOW_FILE: Duration = Duration::from_secs(1);

/// Until `done`, names on the bar the file in work longest once it passes [`SLOW_FILE`],
/// so a user sees which file an import waits for.
fn name_slow_files(bar: &ProgressBar, in_flight: &InFlight, done: &AtomicBool) {
    while !done.load(Ordering::Relaxed) {
        let message = match in_flight.longest() {
            // The file's name first: the line is cut to the terminal's width.
            Some((path, took)) if took >= SLOW_FILE => format!(
                "· slow: {} ({} s) in {}",
                super::escape(&path.file_name().unwrap_or_default().to_string_lossy()),
                took.as_secs(),
                super::escape(&path.parent().unwrap_or(&path).to_string_lossy()),
            ),
            _ => String::new(),
        };
        bar.set_message(message);
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A bar on a terminal (files, rate, ETA, a file that takes long); hidden otherwise.
/// The line is cut to the terminal's width, never wrapped.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{bar:20} {pos}/{len} files · {rate} · ETA {eta} {wide_msg}")
            .expect("a valid template")
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} files/s", state.per_sec());
                },
            ),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn write_summary(
    out: &mut impl Write,
    s: &Summary,
    dir: &std::path::Path,
    seconds: f64,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} files seen in {seconds:.1} s: {} new, {} unchanged, {} duplicates, {} replaced, {} skipped",
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
