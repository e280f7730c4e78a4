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
use incidex::index::ingest::{self, FileEvent, InFlight, IngestOptions, Summary};
use incidex::index::lock::ImportLock;
use incidex::index::prune;
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
pub(super) struct JsonSummary<'a> {
    pub r#type: &'static str,
    pub index: String,
    pub seconds: f64,
    #[serde(flatten)]
    pub summary: &'a Summary,
}

pub fn run(args: IngestArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let rules = load_rules(args.rules.rules.as_deref())?;
    // Names are indexed in the canonical form of these rules' names.toml, records made
    // elsewhere included.
    incidex::names::Names::install(incidex::names::Names::of(&rules));
    let dir = &args.index.index;
    check_index_dir(dir)?;
    // The inputs first: a path that does not exist creates no index. The walk goes on
    // only to its first file here; the workers take the rest as they go.
    let from_files = args.records.is_empty();
    let mut walk = walk::walk(&args.paths);
    let mut walk_errors = Vec::new();
    let first = if from_files {
        walk.by_ref().find_map(|entry| match entry {
            Ok(path) => Some(path),
            Err(e) => {
                walk_errors.push(e);
                None
            }
        })
    } else {
        None
    };
    if from_files && first.is_none() {
        for e in &walk_errors {
            crate::err_line!(e.path.display(), &e.reason);
        }
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        if !walk_errors.is_empty() && walk_errors.len() >= args.paths.len() {
            anyhow::bail!("nothing to import: check the paths given");
        }
        crate::err_line!(
            paths.join(", "),
            "no documents found (incidex reads .txt, .md, .html, .htm, .pdf and files \
             without an extension; hidden entries are skipped)"
        );
        return Ok(exit::NO_MATCH);
    }
    // The index holds personal data: what this import creates is its owner's alone.
    incidex::index::private::owner_only();
    incidex::index::private::create_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: {}", dir.display(), incidex::walk::io_reason(&e)))?;
    let _lock = ImportLock::acquire(dir)?;
    let index = incidex::index::open_or_create(dir)?;
    if !args.records.is_empty() {
        return super::ingest_records::run(&args, &index, started);
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
    // The bar's total grows as the walk finds files, so it is exact once the walk is
    // done, which is long before the import is: no second walk just to count.
    let bar = progress_bar(0);
    let files = walk_errors
        .into_iter()
        .map(Err)
        .chain(first.map(Ok))
        .chain(walk)
        .inspect(|_| bar.inc_length(1));
    let done = AtomicBool::new(false);
    super::interrupt::catch();
    let result = std::thread::scope(|scope| {
        scope.spawn(|| super::interrupt::watch(&index, dir, &bar, &done));
        if !bar.is_hidden() {
            let in_flight = opts.in_flight.clone().unwrap_or_default();
            let (bar, done) = (&bar, &done);
            scope.spawn(move || name_slow_files(bar, &in_flight, done));
        }
        let result = ingest::ingest(&index, files, &rules, &opts, |event| {
            if let FileEvent::Skipped(skip) = event {
                bar.suspend(|| crate::err_line!(skip.path, &skip.reason));
            }
            bar.inc(1);
        });
        done.store(true, Ordering::Relaxed);
        result
    });
    bar.finish_and_clear();
    let result = result.and_then(|mut summary| {
        if args.prune {
            summary.pruned = prune::prune(&index, &args.paths, opts.batch_docs)?;
            summary.documents -= summary.pruned;
        }
        Ok(summary)
    });
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => return super::stopped_by(dir, e),
    };

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
        let (prune, records) = (args.prune, !args.records.is_empty());
        write_summary(&mut out, summary, dir, seconds, prune, records)?;
    }
    Ok(if summary.skipped.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// Refuses an `--index` that is a file, or a folder holding files that are no index
/// (the documents themselves, say), before anything is written into it.
fn check_index_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Err(_) => Ok(()), // created later
        Ok(m) if !m.is_dir() => anyhow::bail!(
            "{shown}: is a file, not a directory: give --index a new or empty directory"
        ),
        Ok(_) if dir.join("meta.json").is_file() => Ok(()),
        Ok(_) => {
            let holds_files = std::fs::read_dir(dir)
                .map_err(|e| anyhow::anyhow!("{shown}: {}", incidex::walk::io_reason(&e)))?
                .filter_map(Result::ok)
                .any(|e| {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    let lock = incidex::index::lock::LOCK_FILE;
                    !(name.starts_with(lock)
                        || name.strip_prefix('.').is_some_and(|n| n.starts_with(lock)))
                });
            if holds_files {
                anyhow::bail!(
                    "{shown}: not an incidex index (it holds other files): give --index a new \
                     or empty directory"
                );
            }
            Ok(())
        }
    }
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
pub(super) fn progress_bar(len: u64) -> ProgressBar {
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
    pruned: bool,
    records: bool,
) -> std::io::Result<()> {
    let pruned = if pruned {
        format!(", {} pruned", s.pruned)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} seen in {seconds:.1} s: {} new, {} unchanged, {} duplicates, {} replaced, {} skipped{pruned}",
        if records {
            counted(s.seen, "record", "records")
        } else {
            counted(s.seen, "file", "files")
        },
        s.new,
        s.unchanged,
        s.duplicates,
        s.replaced,
        s.skipped.len()
    )?;
    // Each skip was said on stderr as it happened: the summary only counts them.
    writeln!(
        out,
        "{} in the index at {}",
        counted(s.documents, "document", "documents"),
        dir.display()
    )
}

/// `1 document`, `2 documents`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
