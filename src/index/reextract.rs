//! `incidex reextract`: records made with other rules are extracted again from the text
//! the index stores, without reading the files.
//!
//! Each record carries the digest of the rules it was made with
//! ([`crate::rules::Rules::digest`]); a record whose digest differs from the rules given
//! is extracted again, in parallel, and written back through the import [`Writer`] in
//! batches that commit like an import's. A re-extracted record carries the new digest, so
//! a run that is killed keeps its committed batches and the next run does only the rest;
//! with unchanged rules nothing is done.
//!
//! Limits: the loader's title is not stored apart from the record's, so a document read
//! from HTML or PDF gets its record's title as the loader's; a text file gets none, as on
//! import (its title comes from its first line again).

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::{Index, TantivyDocument};

use super::document::{body_of, record_of};
use super::schema::Fields;
use super::writer::{Content, Writer};
use crate::load::{Document, Format};
use crate::record::IncidentRecord;
use crate::rules::Rules;

/// What one run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Documents in the index.
    pub documents: u64,
    /// Records already made with these rules: left alone.
    pub current: u64,
    /// Records extracted again.
    pub reextracted: u64,
    /// Of those, records whose fields came out different (beyond the digest).
    pub changed: u64,
    /// Records whose extraction panicked (a bug in incidex): left as they were.
    pub failed: Vec<String>,
}

/// Re-extracts every record of `index` not made with `rules`; `batch_docs` records per
/// commit. `on_batch` hears how many records were done so far (for progress).
pub fn reextract(
    index: &Index,
    rules: &Rules,
    batch_docs: usize,
    mut on_batch: impl FnMut(u64),
) -> anyhow::Result<Summary> {
    let fields = Fields::new(index.schema());
    let searcher = index.reader()?.searcher();
    let mut addresses: Vec<_> = searcher
        .search(&AllQuery, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let mut writer = Writer::new(index)?;
    writer.batch_docs = batch_docs.max(1);
    let mut summary = Summary {
        documents: addresses.len() as u64,
        ..Summary::default()
    };
    for chunk in addresses.chunks(batch_docs.max(1)) {
        let mut stale = Vec::new();
        for &address in chunk {
            let doc: TantivyDocument = searcher.doc(address)?;
            let record = record_of(&fields, &doc)?;
            if record.rules_digest == rules.digest {
                summary.current += 1;
            } else {
                stale.push((record, body_of(&fields, &doc)));
            }
        }
        let redone: Vec<_> = stale
            .into_par_iter()
            .map(|(old, body)| {
                let new = catch_unwind(AssertUnwindSafe(|| extract_again(&old, &body, rules)));
                (old, body, new.ok())
            })
            .collect();
        for (old, body, new) in redone {
            let Some(new) = new else {
                summary.failed.push(old.source);
                continue;
            };
            summary.reextracted += 1;
            if !same_but_digest(&old, &new) {
                summary.changed += 1;
            }
            writer.update(&new.id.clone(), Content { record: new, body })?;
        }
        on_batch(summary.current + summary.reextracted);
    }
    writer.finish()?;
    Ok(summary)
}

/// The record `rules` make of the stored text, with the old record's paths.
pub fn extract_again(old: &IncidentRecord, body: &str, rules: &Rules) -> IncidentRecord {
    let format = match old.format.as_str() {
        "html" => Format::Html,
        "pdf" => Format::Pdf,
        _ => Format::Text,
    };
    let doc = Document {
        text: body.to_string(),
        format,
        title: (format != Format::Text)
            .then(|| old.title.clone())
            .flatten(),
    };
    let mut record = crate::extract::extract(&doc, &old.source, &old.id, rules);
    record.also_at = old.also_at.clone();
    record
}

fn same_but_digest(a: &IncidentRecord, b: &IncidentRecord) -> bool {
    let mut b = b.clone();
    b.rules_digest = a.rules_digest.clone();
    *a == b
}
