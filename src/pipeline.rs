//! One file to one record: read, load, extract, with every failure turned into a
//! [`FileError`] naming the cause. A panic in a parser is caught here, per file; crashes
//! that cannot be caught are kept out of the process by [`PdfLoader::Child`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::extract;
use crate::load::child::ChildLoader;
use crate::load::{self, Document, Format, LoadError};
use crate::record::IncidentRecord;
use crate::rules::Rules;
use crate::work;

/// Files larger than this are skipped unless the caller says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 100 * 1024 * 1024;

/// Limits and strategy for turning files into records. The default parses PDFs in this
/// process, where a hostile PDF can abort it: see [`PdfLoader`] for the safe choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Files larger than this many bytes are skipped with [`LoadError::TooLarge`].
    pub max_file_size: u64,
    pub pdf_loader: PdfLoader,
    /// One time limit on loading and extracting a file, whatever its format (none: no
    /// limit). Past it the file is skipped with [`LoadError::Timeout`]; see
    /// [`crate::work`] for how the limit is kept.
    pub timeout: Option<std::time::Duration>,
}

/// Where PDFs are parsed.
///
/// Only [`PdfLoader::Child`] survives every PDF. The default, [`PdfLoader::InProcess`],
/// catches the parsers' panics, but a crafted PDF can overflow lopdf's stack or inflate a
/// stream until allocation fails, and either one aborts the whole process: no
/// `catch_unwind` stops that. A program that loads PDFs it did not make itself should use
/// the child loader, in one of two ways:
///
/// - point it at an installed `incidex` binary, which serves the child's side:
///
///   ```no_run
///   use std::time::Duration;
///   use incidex::load::child::{ChildLoader, DEFAULT_MEMORY_LIMIT};
///   use incidex::pipeline::{Options, PdfLoader};
///
///   let opts = Options {
///       pdf_loader: PdfLoader::Child(ChildLoader::new(
///           "/usr/local/bin/incidex",
///           Duration::from_secs(30),
///           DEFAULT_MEMORY_LIMIT,
///       )),
///       ..Options::default()
///   };
///   ```
///
/// - or let the program serve it: when its first argument is
///   [`CHILD_COMMAND`](crate::load::child::CHILD_COMMAND), call
///   [`serve`](crate::load::child::serve) on stdin and stdout and exit, before anything
///   else, and build the loader with [`ChildLoader::current_exe`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PdfLoader {
    /// In this process: fast, and panics are caught, but a stack overflow or a
    /// decompression bomb in a crafted PDF ends the process. For trusted files and tests.
    #[default]
    InProcess,
    /// In long-lived child processes with a time and memory limit per PDF: what the CLI
    /// uses.
    Child(ChildLoader),
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            pdf_loader: PdfLoader::InProcess,
            timeout: None,
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
        // Checked before opening: opening a named pipe would block until a writer came.
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(LoadError::NotAFile(file_kind(&meta.file_type()).into()));
        }
        if meta.len() > opts.max_file_size {
            return Err(LoadError::TooLarge {
                limit: opts.max_file_size,
            });
        }
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

/// What a path that is not a regular file is, in words.
pub fn file_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// Turns bytes into a [`Document`], parsing PDFs where `opts` says.
pub fn load_document(path: &Path, bytes: &[u8], opts: &Options) -> Result<Document, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    match (&opts.pdf_loader, load::sniff(path, bytes)) {
        (PdfLoader::Child(child), Format::Pdf) => child.load(bytes),
        _ => load::load_bytes(path, bytes),
    }
}

/// Loads and extracts one document from its bytes; panics become errors.
pub fn process_bytes(
    source: &str,
    bytes: &[u8],
    rules: &Rules,
    opts: &Options,
) -> Result<IncidentRecord, FileError> {
    process_bytes_with_text(source, bytes, rules, opts).map(|(record, _)| record)
}

/// Like [`process_bytes`], and also returns the document's text: what `ingest` indexes.
pub fn process_bytes_with_text(
    source: &str,
    bytes: &[u8],
    rules: &Rules,
    opts: &Options,
) -> Result<(IncidentRecord, String), FileError> {
    let path = Path::new(source);
    let run = || -> Result<(IncidentRecord, String), FileError> {
        let doc = load_document(path, bytes, opts)?;
        crate::work::check();
        let record = extract::extract(&doc, source, &document_id(bytes), rules);
        Ok((record, doc.text))
    };
    match catch_unwind(AssertUnwindSafe(|| work::with_limit(opts.timeout, run))) {
        Ok(result) => result,
        Err(panic) if panic.downcast_ref::<work::TimedOut>().is_some() => {
            let millis = opts.timeout.map_or(0, |t| t.as_millis() as u64);
            Err(LoadError::Timeout { millis }.into())
        }
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
    process_bytes(&path.to_string_lossy(), &bytes, rules, opts)
}
