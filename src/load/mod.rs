//! Bytes to text: picks the format by content and extension, decodes, and returns a
//! [`Document`]. Pure: the same bytes always give the same document.
//!
//! Limits: PDFs without a text layer (scans) are reported, not OCRed.

mod html;
mod pdf;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use html::load_html;
pub use pdf::load_pdf;
pub use text::decode_text;

/// A loaded document: its plain text and what the loader learnt on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Why a file could not be turned into text. Each message is a sentence for the user.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum LoadError {
    #[error("the file is empty")]
    Empty,
    #[error("binary data, not a text, HTML or PDF document")]
    Binary,
    #[error("the text is in no encoding incidex recognises")]
    UnknownEncoding,
    #[error("the PDF is damaged: {0}")]
    BrokenPdf(String),
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("the PDF has no text layer (a scan?): no text, OCR needed")]
    NoText,
    #[error("the PDF parser crashed: {0}")]
    Panicked(String),
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("loading took longer than {0} seconds")]
    Timeout(u64),
    #[error("cannot read the file: {0}")]
    Io(String),
}

/// Loads a document from its bytes. `path` only hints at the format; content decides.
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
    fn empty_is_an_error() {
        assert_eq!(load_bytes(Path::new("x.txt"), b""), Err(LoadError::Empty));
    }
}
