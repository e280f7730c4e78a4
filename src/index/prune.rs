//! `ingest --prune`: records whose files are gone leave the index.
//!
//! After an import, every path the index holds under one of the roots given (`source`
//! and `also_at`) is checked on disk; a path whose file no longer exists is taken out of
//! its record, and a record left without a path is deleted. Paths outside the roots are
//! not looked at, so pruning one folder of an archive leaves the rest alone. Commits come
//! in batches, like an import's.

use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use super::schema::Fields;
use super::writer::Writer;

/// Removes the paths under `roots` whose files are gone; returns the records deleted.
pub fn prune(index: &Index, roots: &[PathBuf], batch_docs: usize) -> anyhow::Result<u64> {
    let gone: Vec<String> = indexed_paths(index)?
        .into_iter()
        .filter(|p| {
            let path = Path::new(p);
            roots.iter().any(|root| path.starts_with(root)) && !path.exists()
        })
        .collect();
    if gone.is_empty() {
        return Ok(0);
    }
    let mut writer = Writer::new(index)?;
    writer.batch_docs = batch_docs.max(1);
    let mut deleted = 0;
    for path in &gone {
        if writer.forget(path)? {
            deleted += 1;
        }
    }
    writer.finish()?;
    Ok(deleted)
}

/// Every path the committed index holds, sorted.
fn indexed_paths(index: &Index) -> anyhow::Result<Vec<String>> {
    let fields = Fields::new(index.schema());
    let searcher = index.reader()?.searcher();
    let mut paths = Vec::new();
    for address in searcher.search(&AllQuery, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        paths.extend(
            doc.get_all(fields.path)
                .filter_map(|v| v.as_str())
                .map(str::to_string),
        );
    }
    paths.sort();
    Ok(paths)
}
