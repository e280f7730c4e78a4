//! Files into the index: rayon workers read, digest, load and extract; one [`Writer`] on
//! the calling thread takes their results through a bounded channel and commits in
//! batches.
//!
//! The files come from a [`walk`](crate::walk::walk) as the workers ask for them, so an
//! import holds no list of the archive's paths.
//!
//! A worker digests the bytes first and skips loading and extraction when the committed
//! index already holds that content, so re-importing an archive costs a read and a hash
//! per file. The channel is bounded, so workers wait for the writer rather than piling
//! records up in memory.

use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use super::schema::Fields;
use super::writer::{Content, Outcome, Writer};
use crate::load::LoadError;
use crate::pipeline::{self, Options};
use crate::rules::Rules;
use crate::walk::{Entry, WalkError};

/// How an import runs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Worker threads for loading and extraction.
    pub jobs: usize,
    /// Commit after this many changed documents...
    pub batch_docs: usize,
    /// ... or this many bytes of text, whichever comes first.
    pub batch_bytes: usize,
    pub pipeline: Options,
    /// Where workers note the files they are loading and extracting, for a progress
    /// display to name one that takes long.
    pub in_flight: Option<Arc<InFlight>>,
}

/// The files being loaded and extracted right now, with when each started.
#[derive(Debug, Default)]
pub struct InFlight {
    files: Mutex<Vec<(PathBuf, Instant)>>,
}

impl InFlight {
    /// The file that has been in work longest, and for how long.
    pub fn longest(&self) -> Option<(PathBuf, Duration)> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files
            .iter()
            .min_by_key(|(_, started)| *started)
            .map(|(path, started)| (path.clone(), started.elapsed()))
    }

    fn start(&self, path: &Path) -> InWork<'_> {
        let started = Instant::now();
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_path_buf(), started));
        InWork {
            of: self,
            path: path.to_path_buf(),
            started,
        }
    }
}

/// A file noted in [`InFlight`] until this is dropped.
struct InWork<'a> {
    of: &'a InFlight,
    path: PathBuf,
    started: Instant,
}

impl Drop for InWork<'_> {
    fn drop(&mut self) {
        let mut files = self.of.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = files
            .iter()
            .position(|(p, s)| *p == self.path && *s == self.started)
        {
            files.swap_remove(i);
        }
    }
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_docs: 500,
            batch_bytes: 64 * 1024 * 1024,
            pipeline: Options::default(),
            in_flight: None,
        }
    }
}

/// A file that gave no record, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    pub path: String,
    /// A short stable name for the reason, for scripts: [`LoadError::kind`], or
    /// [`crate::walk::WalkError::kind`] for paths the walk could not follow.
    pub kind: &'static str,
    /// The reason as a sentence.
    pub reason: String,
}

impl From<WalkError> for Skip {
    fn from(e: WalkError) -> Skip {
        Skip {
            path: e.path.to_string_lossy().into_owned(),
            kind: e.kind,
            reason: e.reason,
        }
    }
}

impl Skip {
    pub fn new(path: &Path, why: &LoadError) -> Skip {
        Skip {
            path: path.to_string_lossy().into_owned(),
            kind: why.kind(),
            reason: why.to_string(),
        }
    }
}

/// What one import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub seen: u64,
    pub new: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    pub replaced: u64,
    pub skipped: Vec<Skip>,
    /// Records deleted by `--prune` because their files are gone ([`super::prune`]).
    pub pruned: u64,
    /// Documents (distinct contents) in the index after the import.
    pub documents: u64,
}

/// One file's result, as the writer hears of it.
pub enum FileEvent<'a> {
    Done(&'a str, Outcome),
    Skipped(&'a Skip),
}

/// What a worker sends the writer.
enum Work {
    /// The content is in the index already; nothing was extracted.
    Known {
        path: PathBuf,
        id: String,
    },
    Extracted {
        path: PathBuf,
        id: String,
        content: Box<Content>,
    },
    Failed(Skip),
}

/// Imports `files` into `index`, calling `on_file` after each file (for progress); a
/// path the walk could not follow is a skip. The caller holds the import lock.
pub fn ingest(
    index: &tantivy::Index,
    files: impl Iterator<Item = Entry> + Send,
    rules: &Rules,
    opts: &IngestOptions,
    mut on_file: impl FnMut(FileEvent),
) -> anyhow::Result<Summary> {
    let mut writer = Writer::new(index)?;
    writer.batch_docs = opts.batch_docs;
    writer.batch_bytes = opts.batch_bytes;
    let fields = Fields::new(index.schema());
    // Workers judge "known" against the index as it was at the start.
    let start = index.reader()?.searcher();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()?;
    let (tx, rx) = sync_channel::<Work>(opts.jobs.max(1) * 4);
    let mut summary = Summary::default();

    std::thread::scope(|scope| -> anyhow::Result<()> {
        scope.spawn(|| {
            pool.install(|| {
                // A send fails only when the writer gave up: stop the workers too.
                let _ = files.par_bridge().try_for_each_with(tx, |tx, entry| {
                    let path = match entry {
                        Ok(path) => path,
                        Err(e) => return tx.send(Work::Failed(e.into())),
                    };
                    let _noted = opts.in_flight.as_ref().map(|f| f.start(&path));
                    tx.send(work(&path, rules, &opts.pipeline, &start, &fields))
                });
            })
        });
        for work in rx {
            summary.seen += 1;
            let (path, id, content) = match work {
                Work::Failed(skip) => {
                    on_file(FileEvent::Skipped(&skip));
                    summary.skipped.push(skip);
                    continue;
                }
                Work::Known { path, id } => (path, id, None),
                Work::Extracted { path, id, content } => (path, id, Some(*content)),
            };
            let source = path.to_string_lossy().into_owned();
            let mut failure = None;
            let extract = || match process(&path, rules, &opts.pipeline) {
                Ok((_, content)) => Some(content),
                Err(why) => {
                    failure = Some(why);
                    None
                }
            };
            match writer.apply(&source, &id, content, extract)? {
                Some(outcome) => {
                    match outcome {
                        Outcome::New => summary.new += 1,
                        Outcome::Unchanged => summary.unchanged += 1,
                        Outcome::Duplicate => summary.duplicates += 1,
                        Outcome::Replaced => summary.replaced += 1,
                    }
                    on_file(FileEvent::Done(&source, outcome));
                }
                None => {
                    let why = failure.unwrap_or_else(|| {
                        LoadError::Panicked("the writer found no record and no reason".into())
                    });
                    let skip = Skip::new(&path, &why);
                    on_file(FileEvent::Skipped(&skip));
                    summary.skipped.push(skip);
                }
            }
        }
        Ok(())
    })?;
    summary.documents = writer.finish()?;
    Ok(summary)
}

/// A worker's part: read, digest, and load and extract unless the content is known.
fn work(
    path: &Path,
    rules: &Rules,
    opts: &Options,
    start: &tantivy::Searcher,
    fields: &Fields,
) -> Work {
    let skip = |why: &LoadError| Work::Failed(Skip::new(path, why));
    let bytes = match pipeline::read_file(path, opts) {
        Ok(bytes) => bytes,
        Err(e) => return skip(&e),
    };
    let id = pipeline::document_id(&bytes);
    if Writer::is_known(start, fields, &id) {
        return Work::Known {
            path: path.to_path_buf(),
            id,
        };
    }
    let source = path.to_string_lossy();
    match pipeline::process_bytes_with_text(&source, &bytes, rules, opts) {
        Ok((record, body)) => Work::Extracted {
            path: path.to_path_buf(),
            id,
            content: Box::new(Content { record, body }),
        },
        Err(e) => skip(&e.reason),
    }
}

/// Reads and extracts `path` again, for the writer's rare need (see [`Writer::apply`]).
fn process(path: &Path, rules: &Rules, opts: &Options) -> Result<(String, Content), LoadError> {
    let bytes = pipeline::read_file(path, opts)?;
    let id = pipeline::document_id(&bytes);
    let (record, body) =
        pipeline::process_bytes_with_text(&path.to_string_lossy(), &bytes, rules, opts)
            .map_err(|e| e.reason)?;
    Ok((id, Content { record, body }))
}
