//! The one writer of an index: takes files' records in any order, keeps the index to one
//! document per distinct content, and commits in batches.
//!
//! Per file, keyed by the digest of its bytes (the id) and its path:
//! - same id already at this path: unchanged, nothing written;
//! - same id known under another path: the path is added to that record's `also_at`;
//! - a new id whose text (its letters and digits) is indexed already, as a PDF or HTML
//!   copy of a text: the same, and the id joins that record's `also_ids`;
//! - a new id at a path that held another id: the path leaves the old record (deleted
//!   when it has no path left) and the new content is added: replaced;
//! - else the record is added: new.
//!
//! Changes wait in memory until [`Writer::commit`], which a batch of `batch_docs`
//! documents or `batch_bytes` of text triggers. A tantivy commit is atomic, so an import
//! killed half way leaves the index as of its last commit and the next run picks up
//! from there. Memory stays at one batch plus tantivy's indexing budget and one merge,
//! which [`BoundedMerges`] keeps to a bounded number of documents.
//!
//! A write that fails (the disk is full, the file system refuses) ends the import with a
//! [`WriteError`]: the batch in memory is lost, the index stays as of its last commit.
//!
//! Files removed from disk keep their records unless [`super::prune`] takes them out.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::document::{body_of, record_of, text_key, to_document};
use super::merge_policy::BoundedMerges;
use super::schema::Fields;
use crate::record::IncidentRecord;

/// Tantivy's indexing memory, shared by its threads.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A content the index did not hold.
    New,
    /// This content was already indexed at this path.
    Unchanged,
    /// This content was already indexed at another path; the path was added to it.
    Duplicate,
    /// The path held other content before; that record gave way to this one.
    Replaced,
}

/// The index could not be written: the disk is full, say. What was committed before stays.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot write the index: {cause}; it keeps its last commit ({committed} document{})",
    if *committed == 1 { "" } else { "s" }
)]
pub struct WriteError {
    /// Why, as a sentence ("no space left on device").
    pub cause: String,
    /// Documents in the index as of its last commit.
    pub committed: u64,
}

/// A tantivy write error as a sentence. Tantivy wraps the I/O error in several ways: as
/// an `io::Error` (sometimes one of kind "other" around the OS error), inside
/// `OpenWriteError`, or as text only ("Internal error: 'No space left on device (os error
/// 28)'"), so the cause is looked for in each.
fn write_cause(e: &tantivy::TantivyError) -> String {
    use std::io::ErrorKind::*;
    use tantivy::TantivyError;
    use tantivy::directory::error::OpenWriteError;
    let io = match e {
        TantivyError::IoError(io) => Some(io.as_ref()),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            Some(io_error.as_ref())
        }
        _ => None,
    };
    let telling = |io: &std::io::Error| {
        matches!(
            io.kind(),
            StorageFull | QuotaExceeded | FileTooLarge | ReadOnlyFilesystem | PermissionDenied
        )
    };
    if let Some(io) = io.filter(|io| telling(io)) {
        return crate::walk::io_reason(io);
    }
    let text = e.to_string();
    if let Some(code) = os_error_code(&text) {
        return crate::walk::io_reason(&std::io::Error::from_raw_os_error(code));
    }
    match io {
        Some(io) => crate::walk::io_reason(io),
        None => text,
    }
}

/// `28` from "... (os error 28) ...".
fn os_error_code(text: &str) -> Option<i32> {
    let rest = &text[text.find("(os error ")? + "(os error ".len()..];
    rest[..rest.find(')')?].parse().ok()
}

/// A record with the text it was extracted from.
#[derive(Debug, Clone)]
pub struct Content {
    pub record: IncidentRecord,
    pub body: String,
}

/// A document's state in the uncommitted batch.
#[derive(Debug, Clone)]
enum Pending {
    Live(Content),
    /// Deleted at the next commit; kept so that its content can come back under another
    /// path in the same batch (files renamed among each other).
    Deleted(Content),
}

pub struct Writer {
    fields: Fields,
    writer: IndexWriter,
    reader: IndexReader,
    searcher: Searcher,
    pending: HashMap<String, Pending>,
    /// Paths whose id changed in the batch: path → id (None: no longer indexed).
    paths: HashMap<String, Option<String>>,
    /// Byte ids found in the batch to be copies of a document: id → that document's id.
    aliases: HashMap<String, String>,
    /// Text keys of the documents added in the batch: key → id.
    text_keys: HashMap<String, String>,
    pending_bytes: usize,
    pub batch_docs: usize,
    pub batch_bytes: usize,
}

impl Writer {
    pub fn new(index: &Index) -> tantivy::Result<Writer> {
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        writer.set_merge_policy(Box::new(BoundedMerges::default()));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        Ok(Writer {
            fields: Fields::new(index.schema()),
            writer,
            reader,
            searcher,
            pending: HashMap::new(),
            paths: HashMap::new(),
            aliases: HashMap::new(),
            text_keys: HashMap::new(),
            pending_bytes: 0,
            batch_docs: 500,
            batch_bytes: 64 * 1024 * 1024,
        })
    }

    /// Files the index holds after the last commit (documents, not paths).
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Records that `path` holds the content `id`. `content` is its record and text when
    /// the caller extracted it; `extract` is asked for them when the writer needs them
    /// and the caller had skipped extraction because the id looked known.
    pub fn apply(
        &mut self,
        path: &str,
        id: &str,
        content: Option<Content>,
        extract: impl FnOnce() -> Option<Content>,
    ) -> anyhow::Result<Option<Outcome>> {
        // The bytes of a copy whose text is indexed already stand for that document.
        let id = &self.primary_id(id)?;
        let old = self.id_at_path(path)?;
        if old.as_deref() == Some(id) {
            return Ok(Some(Outcome::Unchanged));
        }
        let replaced = match old {
            Some(old) => {
                self.detach(path, &old)?;
                true
            }
            None => false,
        };
        let outcome = match self.content(id)? {
            Some(Pending::Live(mut known)) => {
                known.record.also_at.push(path.to_string());
                self.put(id, Pending::Live(known));
                if replaced {
                    Outcome::Replaced
                } else {
                    Outcome::Duplicate
                }
            }
            state => {
                let content = match (content, state) {
                    (Some(c), _) => c,
                    (None, Some(Pending::Deleted(c))) => c,
                    (None, _) => match extract() {
                        Some(c) => c,
                        None => return Ok(None),
                    },
                };
                let key = text_key(&content.body);
                if let Some((owner, known)) = self.same_text(key.as_deref(), id)? {
                    // Another file loaded to this text: one document, another path.
                    self.join(path, id, content, &owner, known);
                    return self.after_apply(if replaced {
                        Outcome::Replaced
                    } else {
                        Outcome::Duplicate
                    });
                }
                let mut content = content;
                content.record.source = path.to_string();
                content.record.also_at.clear();
                if let Some(key) = key {
                    self.text_keys.insert(key, id.to_string());
                }
                self.put(id, Pending::Live(content));
                if replaced {
                    Outcome::Replaced
                } else {
                    Outcome::New
                }
            }
        };
        self.paths.insert(path.to_string(), Some(id.to_string()));
        self.after_apply(outcome)
    }

    fn after_apply(&mut self, outcome: Outcome) -> anyhow::Result<Option<Outcome>> {
        if self.pending.len() >= self.batch_docs || self.pending_bytes >= self.batch_bytes {
            self.commit()?;
        }
        Ok(Some(outcome))
    }

    /// Makes the file at `path` (bytes `id`, `content`) one more copy of the document
    /// `owner` with the same text. The record kept is the one read from the most direct
    /// format (text, then HTML, then PDF), so the figures do not depend on which copy
    /// an import met first.
    fn join(&mut self, path: &str, id: &str, content: Content, owner: &str, known: Content) {
        if format_rank(&content.record.format) >= format_rank(&known.record.format) {
            let mut known = known;
            known.record.also_at.push(path.to_string());
            known.record.also_ids.push(id.to_string());
            self.aliases.insert(id.to_string(), owner.to_string());
            self.put(owner, Pending::Live(known));
            self.paths.insert(path.to_string(), Some(owner.to_string()));
            return;
        }
        // The new copy's record stands for the document from now on, under its own id.
        let mut content = content;
        let old = known.record;
        content.record.source = path.to_string();
        content.record.also_at = std::iter::once(old.source.clone())
            .chain(old.also_at.iter().cloned())
            .collect();
        content.record.also_ids = std::iter::once(old.id.clone())
            .chain(old.also_ids.iter().cloned())
            .collect();
        for p in std::iter::once(path).chain(content.record.also_at.iter().map(String::as_str)) {
            self.paths.insert(p.to_string(), Some(id.to_string()));
        }
        for alias in &content.record.also_ids {
            self.aliases.insert(alias.clone(), id.to_string());
        }
        if let Some(key) = text_key(&content.body) {
            self.text_keys.insert(key, id.to_string());
        }
        self.put(
            owner,
            Pending::Deleted(Content {
                record: old,
                body: known.body,
            }),
        );
        self.put(id, Pending::Live(content));
    }

    /// The id of the document that `id` belongs to: itself, or the document whose text
    /// the file with these bytes loaded to.
    fn primary_id(&self, id: &str) -> anyhow::Result<String> {
        if let Some(owner) = self.aliases.get(id) {
            return Ok(owner.clone());
        }
        if self.pending.contains_key(id) {
            return Ok(id.to_string());
        }
        let found = find(&self.searcher, Term::from_field_text(self.fields.id, id))?;
        Ok(found
            .and_then(|doc| {
                doc.get_first(self.fields.id)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| id.to_string()))
    }

    /// A live document other than `id` with the text key `key`, and its content.
    fn same_text(&self, key: Option<&str>, id: &str) -> anyhow::Result<Option<(String, Content)>> {
        let Some(key) = key else { return Ok(None) };
        let owner = match self.text_keys.get(key) {
            Some(owner) => Some(owner.clone()),
            None => {
                find(&self.searcher, Term::from_field_text(self.fields.id, key))?.and_then(|doc| {
                    doc.get_first(self.fields.id)
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                })
            }
        };
        let Some(owner) = owner.filter(|o| o != id) else {
            return Ok(None);
        };
        Ok(match self.content(&owner)? {
            Some(Pending::Live(c)) => Some((owner, c)),
            _ => None,
        })
    }

    /// Replaces the record and text of `id` (a re-extraction), committing when the batch
    /// is full.
    pub fn update(&mut self, id: &str, content: Content) -> anyhow::Result<()> {
        self.put(id, Pending::Live(content));
        if self.pending.len() >= self.batch_docs || self.pending_bytes >= self.batch_bytes {
            self.commit()?;
        }
        Ok(())
    }

    /// Takes `path` out of the index (its file is gone): out of its record's paths, and
    /// the record out of the index when no path is left. True when a record went.
    pub fn forget(&mut self, path: &str) -> anyhow::Result<bool> {
        let Some(id) = self.id_at_path(path)? else {
            return Ok(false);
        };
        self.detach(path, &id)?;
        let gone = matches!(self.pending.get(&id), Some(Pending::Deleted(_)));
        if self.pending.len() >= self.batch_docs {
            self.commit()?;
        }
        Ok(gone)
    }

    /// True when the committed index holds `id` (for workers deciding whether to extract).
    pub fn is_known(searcher: &Searcher, fields: &Fields, id: &str) -> bool {
        find(searcher, Term::from_field_text(fields.id, id)).is_ok_and(|d| d.is_some())
    }

    /// Writes the batch: deletes and re-adds every changed document, then commits.
    /// A failed write is a [`WriteError`]; nothing of the batch is committed then.
    pub fn commit(&mut self) -> anyhow::Result<()> {
        let mut added = Ok(());
        // Every delete before any add: a document added under a new id also carries the
        // old id of the copy it replaces, which a later delete would take with it.
        for id in self.pending.keys() {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, id));
        }
        for (_, state) in self.pending.drain() {
            if let Pending::Live(c) = state {
                added = self
                    .writer
                    .add_document(to_document(&self.fields, &c.record, &c.body))
                    .map(drop);
                if added.is_err() {
                    break;
                }
            }
        }
        let committed = match added {
            Ok(()) => self.writer.commit().map(drop),
            // An add fails only with "the worker died"; the worker's own error (the I/O
            // error that killed it) comes out when preparing a commit joins it.
            Err(added) => match self.writer.prepare_commit() {
                Err(joined) => Err(joined),
                Ok(prepared) => {
                    let _ = prepared.abort();
                    Err(added)
                }
            },
        };
        if let Err(e) = committed {
            return Err(WriteError {
                cause: write_cause(&e),
                committed: self.num_docs(),
            }
            .into());
        }
        self.reader.reload()?;
        self.searcher = self.reader.searcher();
        self.paths.clear();
        self.aliases.clear();
        self.text_keys.clear();
        self.pending_bytes = 0;
        Ok(())
    }

    /// Commits what is left and waits for tantivy's segment merges.
    pub fn finish(mut self) -> anyhow::Result<u64> {
        self.commit()?;
        let docs = self.num_docs();
        self.writer.wait_merging_threads()?;
        Ok(docs)
    }

    fn put(&mut self, id: &str, state: Pending) {
        if let Pending::Live(c) = &state {
            self.pending_bytes += c.body.len();
        }
        self.pending.insert(id.to_string(), state);
    }

    /// Takes `path` out of the record `id`; the record goes when no path is left.
    fn detach(&mut self, path: &str, id: &str) -> anyhow::Result<()> {
        let Some(Pending::Live(mut c)) = self.content(id)? else {
            return Ok(());
        };
        let r = &mut c.record;
        r.also_at.retain(|p| p != path);
        if r.source == path {
            if r.also_at.is_empty() {
                self.put(id, Pending::Deleted(c));
                self.paths.insert(path.to_string(), None);
                return Ok(());
            }
            r.source = r.also_at.remove(0);
        }
        self.put(id, Pending::Live(c));
        self.paths.insert(path.to_string(), None);
        Ok(())
    }

    /// The id indexed at `path`, the batch's changes included.
    fn id_at_path(&self, path: &str) -> anyhow::Result<Option<String>> {
        if let Some(id) = self.paths.get(path) {
            return Ok(id.clone());
        }
        let Some(doc) = find(
            &self.searcher,
            Term::from_field_text(self.fields.path, path),
        )?
        else {
            return Ok(None);
        };
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// The content of `id`, from the batch or the committed index.
    fn content(&self, id: &str) -> anyhow::Result<Option<Pending>> {
        if let Some(state) = self.pending.get(id) {
            return Ok(Some(state.clone()));
        }
        let Some(doc) = find(&self.searcher, Term::from_field_text(self.fields.id, id))? else {
            return Ok(None);
        };
        Ok(Some(Pending::Live(Content {
            record: record_of(&self.fields, &doc)?,
            body: body_of(&self.fields, &doc),
        })))
    }
}

/// How directly a format gives a document's text: lower is more direct.
fn format_rank(format: &str) -> u8 {
    match format {
        "text" => 0,
        "html" => 1,
        _ => 2,
    }
}

/// The first live document holding `term`.
fn find(searcher: &Searcher, term: Term) -> tantivy::Result<Option<TantivyDocument>> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some((_, addr)) => Ok(Some(searcher.doc(*addr)?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_error_tantivy_passes_on_as_text_gets_its_os_cause_back() {
        let full =
            tantivy::TantivyError::InternalError("No space left on device (os error 28)".into());
        assert_eq!(write_cause(&full), "no space left on device");
        let io = tantivy::TantivyError::from(std::io::Error::from_raw_os_error(libc::EFBIG));
        assert!(
            write_cause(&io).starts_with("file too large"),
            "{}",
            write_cause(&io)
        );
        let wrapped = tantivy::TantivyError::from(std::io::Error::other(
            std::io::Error::from_raw_os_error(libc::ENOSPC),
        ));
        assert_eq!(write_cause(&wrapped), "no space left on device");
        // What creating a segment file on a full disk gives: the kind, no OS error text.
        let open =
            tantivy::TantivyError::from(tantivy::directory::error::OpenWriteError::wrap_io_error(
                std::io::Error::new(std::io::ErrorKind::StorageFull, "a temporary file"),
                "x.fieldnorm".into(),
            ));
        assert_eq!(write_cause(&open), "no space left on device");
        let other = tantivy::TantivyError::InternalError("a bad state".into());
        assert_eq!(write_cause(&other), "Internal error: 'a bad state'");
    }
}
