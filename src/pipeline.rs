//! One file to one record: read, load, extract, with every failure turned into a
//! [`FileError`] naming the cause. A panic in a parser is caught here, per file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::extract;
use crate::load::{self, LoadError};
use crate::record::IncidentRecord;
use crate::rules::Rules;

/// Files larger than this are skipped unless the caller says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    pub max_file_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Why a file gave no record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct FileError {
    pub reason: LoadError,
}

impl From<LoadError> for FileError {
    fn from(reason: LoadError) -> Self {
        FileError { reason }
    }
}

/// The stable id of a document: the BLAKE3 digest of its bytes, in hex.
pub fn document_id(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Reads `path` (or standard input for `-`) within the size limit.
pub fn read_file(path: &Path, opts: &Options) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |e: std::io::Error| LoadError::Io(crate::walk::io_reason(&e));
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(opts.max_file_size + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        file.take(opts.max_file_size + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > opts.max_file_size {
        return Err(LoadError::TooLarge {
            limit: opts.max_file_size,
        });
    }
    Ok(bytes)
}

/// Loads and extracts one document from its bytes; panics become errors.
pub fn process_bytes(
    source: &str,
    bytes: &[u8],
    rules: &Rules,
) -> Result<IncidentRecord, FileError> {
    process_bytes_with_text(source, bytes, rules).map(|(record, _)| record)
}

/// Like [`process_bytes`], and also returns the document's text: what `ingest` indexes.
pub fn process_bytes_with_text(
    source: &str,
    bytes: &[u8],
    rules: &Rules,
) -> Result<(IncidentRecord, String), FileError> {
    let path = Path::new(source);
    let run = || -> Result<(IncidentRecord, String), FileError> {
        let doc = load::load_bytes(path, bytes)?;
        let record = extract::extract(&doc, source, &document_id(bytes), rules);
        Ok((record, doc.text))
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(panic) => Err(LoadError::Panicked(crate::load::panic_text(&panic)).into()),
    }
}

/// Reads, loads and extracts one file.
pub fn process_file(
    path: &Path,
    rules: &Rules,
    opts: &Options,
) -> Result<IncidentRecord, FileError> {
    let bytes = read_file(path, opts)?;
    process_bytes(&path.to_string_lossy(), &bytes, rules)
}
