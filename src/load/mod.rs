//! Bytes to text: picks the format by content and extension, decodes, and returns a
//! [`Document`]. Pure: the same bytes always give the same document.
//!
//! Limits: PDFs without a text layer (scans) are reported, not OCRed. PDF parsers can
//! crash in ways no `catch_unwind` stops (stack overflow, allocation failure); [`child`]
//! runs them in a separate process for callers that must survive any file.

pub mod child;
mod html;
mod pdf;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use html::load_html;
pub use pdf::load_pdf;
pub use text::decode_text;

/// A loaded document: its plain text and what the loader learnt on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    pub format: Format,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Why a file could not be turned into text. Each message is a sentence for the user;
/// [`LoadError::kind`] is a stable short name for summaries and JSON.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoadError {
    #[error("the file is empty")]
    Empty,
    #[error("binary data, not a text, HTML or PDF document")]
    Binary,
    #[error("UTF-16 text without a byte-order mark; convert it to UTF-8 or add the mark")]
    Utf16WithoutBom,
    #[error(
        "invalid UTF-8 at byte {offset}, and not a legacy encoding either (Windows-1252, Latin-1)"
    )]
    InvalidUtf8 { offset: usize },
    #[error("the text is in no encoding incidex recognises")]
    UnknownEncoding,
    #[error("not a PDF: the file has no PDF header")]
    NotPdf,
    #[error("the PDF is truncated or damaged: {0}")]
    BrokenPdf(String),
    #[error("the PDF is encrypted and needs a password")]
    Encrypted,
    #[error("the PDF has no text layer (a scan?): no text, OCR needed")]
    NoText,
    #[error("the PDF parser crashed ({0})")]
    ParserCrashed(String),
    #[error("the PDF needs more than {} of memory", human_bytes(*limit))]
    OutOfMemory { limit: u64 },
    /// Loading and extraction together ran past `--file-timeout`, whatever the format.
    #[error("loading took longer than {}", human_millis(*millis))]
    Timeout { millis: u64 },
    #[error("incidex failed on this file ({0}); this is a bug, please report it")]
    Panicked(String),
    #[error("the file is larger than the limit of {} (--max-file-size)", human_bytes(*limit))]
    TooLarge { limit: u64 },
    #[error("not a regular file ({0})")]
    NotAFile(String),
    #[error("cannot read the file: {0}")]
    Io(String),
}

impl LoadError {
    /// A short stable name for the reason, for summaries that count skips by reason.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Empty => "empty",
            LoadError::Binary => "binary",
            LoadError::Utf16WithoutBom => "utf16_without_bom",
            LoadError::InvalidUtf8 { .. } => "invalid_utf8",
            LoadError::UnknownEncoding => "unknown_encoding",
            LoadError::NotPdf => "not_pdf",
            LoadError::BrokenPdf(_) => "broken_pdf",
            LoadError::Encrypted => "encrypted",
            LoadError::NoText => "no_text",
            LoadError::ParserCrashed(_) => "parser_crashed",
            LoadError::OutOfMemory { .. } => "out_of_memory",
            LoadError::Timeout { .. } => "timeout",
            LoadError::Panicked(_) => "panicked",
            LoadError::TooLarge { .. } => "too_large",
            LoadError::NotAFile(_) => "not_a_file",
            LoadError::Io(_) => "unreadable",
        }
    }
}

/// `1 second`, `30 seconds`, `0.25 seconds`.
fn human_millis(millis: u64) -> String {
    if millis == 1000 {
        return "1 second".into();
    }
    let s = format!("{:.3}", millis as f64 / 1000.0);
    format!("{} seconds", s.trim_end_matches('0').trim_end_matches('.'))
}

/// `1073741824` as `1 GiB`, `1500` as `1500 bytes`: sizes in messages.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
        if n >= size {
            return format!("{:.1} {unit}", n as f64 / size as f64);
        }
    }
    format!("{n} bytes")
}

/// Loads a document from its bytes. `path` only hints at the format; content decides.
/// PDFs are parsed in this process, where a hostile one can abort it: see
/// [`crate::pipeline::PdfLoader`].
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    match sniff(path, bytes) {
        Format::Pdf => load_pdf(bytes),
        Format::Html => {
            let text = decode_text(bytes)?;
            Ok(load_html(&text))
        }
        Format::Text => {
            let text = decode_text(bytes)?;
            Ok(Document {
                title: None,
                text,
                format: Format::Text,
            })
        }
    }
}

/// Chooses the format: the `%PDF-` magic and HTML markup at the start win over the
/// extension, since archives are full of misnamed files.
pub fn sniff(path: &Path, bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => Format::Pdf,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ if looks_like_html(head) => Format::Html,
        _ => Format::Text,
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let start = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && start.contains("<html")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The message of a caught panic, on one line.
pub fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    msg.lines().next().unwrap_or("").chars().take(200).collect()
}

/// The file extensions incidex reads when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "html", "htm", "xhtml", "pdf"];

/// True for a file a directory walk should pick up: a known extension or none at all.
pub fn is_candidate(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_extension() {
        assert_eq!(sniff(Path::new("a.txt"), b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(
            sniff(Path::new("a"), b"<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(sniff(Path::new("a.htm"), b"plain"), Format::Html);
        assert_eq!(sniff(Path::new("a.md"), b"# Rubrik"), Format::Text);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(1 << 30), "1 GiB");
        assert_eq!(human_bytes(100 * 1024 * 1024), "100 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }

    #[test]
    fn reasons_are_sentences_not_debug_dumps() {
        let reasons = [
            LoadError::TooLarge { limit: 1 << 20 }.to_string(),
            LoadError::OutOfMemory { limit: 1 << 30 }.to_string(),
            LoadError::Timeout { millis: 30_000 }.to_string(),
            LoadError::InvalidUtf8 { offset: 7 }.to_string(),
        ];
        assert_eq!(
            reasons[0],
            "the file is larger than the limit of 1 MiB (--max-file-size)"
        );
        assert_eq!(reasons[1], "the PDF needs more than 1 GiB of memory");
        assert_eq!(reasons[2], "loading took longer than 30 seconds");
        assert_eq!(human_millis(1000), "1 second");
        assert_eq!(human_millis(250), "0.25 seconds");
        for r in &reasons {
            assert!(!r.contains('{') && !r.contains("::"), "{r}");
        }
    }

    #[test]
    fn empty_is_an_error() {
        assert_eq!(load_bytes(Path::new("x.txt"), b""), Err(LoadError::Empty));
    }
}
