//! The tantivy index of incident records: its [`schema`], the Swedish [`analyzer`], the
//! batch [`writer`] that [`ingest`] and [`records`] feed, and [`search`] with [`snippet`]s.
//!
//! An index is a directory (`./incidex-index` unless told otherwise) holding tantivy's
//! segments and the import [`lock`]. Every record is stored whole, so `show` and `stats`
//! never go back to the source files.

pub mod analyzer;
pub mod document;
pub mod ingest;
pub mod lock;
pub mod merge_policy;
pub mod private;
pub mod prune;
pub mod read_only;
pub mod records;
pub mod reextract;
pub mod schema;
pub mod search;
pub mod settings;
pub mod snippet;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::Index;

/// Where the index lives when neither `--index` nor `INCIDEX_INDEX` says.
pub const DEFAULT_DIR: &str = "incidex-index";

/// Why an index could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no index at {0}: run `incidex ingest PATH...` first (or give --index DIR)")]
    Missing(PathBuf),
    #[error(
        "the index at {0} was written by another version of incidex (its fields differ): \
         ingest again into a new directory"
    )]
    OtherSchema(PathBuf),
    #[error("cannot open the index at {path}: {cause}")]
    Tantivy { path: PathBuf, cause: String },
}

/// Opens the index in `dir` for reading, with the incidex analyzers registered.
pub fn open(dir: &Path) -> Result<Index, OpenError> {
    if !dir.join("meta.json").is_file() {
        return Err(OpenError::Missing(dir.to_path_buf()));
    }
    let tantivy_err = |e: tantivy::TantivyError| OpenError::Tantivy {
        path: dir.to_path_buf(),
        cause: e.to_string(),
    };
    // Read-tolerant, so that an archive on read-only media can still be searched.
    let directory =
        tantivy::directory::MmapDirectory::open(dir).map_err(|e| OpenError::Tantivy {
            path: dir.to_path_buf(),
            cause: e.to_string(),
        })?;
    let mut index = Index::open(read_only::ReadTolerant(directory)).map_err(tantivy_err)?;
    if index.schema() != schema::build() {
        return Err(OpenError::OtherSchema(dir.to_path_buf()));
    }
    // An opened index starts with tantivy's default analyzers: register ours again.
    index.set_tokenizers(analyzer::index_tokenizers());
    Ok(index)
}

/// Opens the index in `dir`, creating the directory and an empty index if need be.
pub fn open_or_create(dir: &Path) -> Result<Index, OpenError> {
    if dir.join("meta.json").is_file() {
        return open(dir);
    }
    let tantivy_err = |e: tantivy::TantivyError| OpenError::Tantivy {
        path: dir.to_path_buf(),
        cause: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| OpenError::Tantivy {
        path: dir.to_path_buf(),
        cause: crate::walk::io_reason(&e),
    })?;
    let index = Index::builder()
        .schema(schema::build())
        .tokenizers(analyzer::index_tokenizers())
        .create_in_dir(dir)
        .map_err(tantivy_err)?;
    Ok(index)
}
