//! PDF to text through pdf-extract (on lopdf): pages in order, hyphenated line ends
//! joined. Parser panics are caught here; crashes that cannot be caught (stack overflow)
//! are the caller's to isolate in a child process.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{Document, Format, LoadError};

/// Text of a PDF, in this process. Panics of the parsers are caught and reported as
/// [`LoadError::ParserCrashed`]; a stack overflow or an allocation failure is not, and
/// aborts the process. For PDFs from outside, load through
/// [`ChildLoader`](super::child::ChildLoader) (see [`crate::pipeline::PdfLoader`]).
pub fn load_pdf(bytes: &[u8]) -> Result<Document, LoadError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(LoadError::NotPdf);
    }
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }))
    .map_err(|panic| LoadError::ParserCrashed(super::panic_text(&panic)))?;
    let raw = match extracted {
        Ok(text) => text,
        Err(e) => return Err(classify(&e)),
    };
    let text = join_hyphenation(&tidy(&raw));
    if text.split_whitespace().count() < 3 {
        return Err(LoadError::NoText);
    }
    Ok(Document {
        text,
        format: Format::Pdf,
        title: None,
    })
}

/// pdf-extract's error as a reason. Its lopdf is an older major version than ours, so
/// the variants are told apart by their messages and debug names.
fn classify(error: &pdf_extract::OutputError) -> LoadError {
    let message = match error {
        pdf_extract::OutputError::PdfError(e) => e.to_string(),
        other => other.to_string(),
    };
    let debug = format!("{error:?}");
    let lower = format!("{message} {debug}").to_lowercase();
    if lower.contains("encrypt") || lower.contains("decrypt") || lower.contains("password") {
        LoadError::Encrypted
    } else {
        LoadError::BrokenPdf(first_line(&message))
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(200).collect()
}

/// pdf-extract separates pages with form feeds and leaves runs of blank lines; keep one.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blanks = 0;
    for line in raw.replace('\u{c}', "\n").lines() {
        // Justified lines come out with runs of spaces between words.
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = line.as_str();
        if line.trim().is_empty() {
            blanks += 1;
            if blanks == 1 {
                out.push('\n');
            }
        } else {
            blanks = 0;
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string() + "\n"
}

/// `personupp-\ngifter` becomes `personuppgifter`; a dash before a capital or digit
/// (`it-\nLeverantör`, lists) is left alone, as is `och-\n` style coordination.
fn join_hyphenation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let next_starts_lower = lines
            .peek()
            .and_then(|n| n.trim_start().chars().next())
            .is_some_and(|c| c.is_lowercase());
        let before = line.trim_end_matches('-').chars().last();
        if line.ends_with('-')
            && !line.ends_with("--")
            && !line.ends_with(" -")
            && next_starts_lower
            && before.is_some_and(|c| c.is_alphabetic())
        {
            out.push_str(&line[..line.len() - 1]);
            let next = lines.next().unwrap_or("");
            out.push_str(next.trim_start());
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_line_ends_are_joined() {
        assert_eq!(
            join_hyphenation("person-\nuppgifter röjdes\n"),
            "personuppgifter röjdes\n"
        );
        assert_eq!(
            join_hyphenation("it-\nLeverantören\n"),
            "it-\nLeverantören\n"
        );
        assert_eq!(join_hyphenation("punkt -\nnästa\n"), "punkt -\nnästa\n");
    }

    #[test]
    fn not_a_pdf_is_an_error_not_a_panic() {
        assert!(load_pdf(b"hello").is_err());
        assert!(load_pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n").is_err());
    }
}
