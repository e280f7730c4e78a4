//! Lists the personal data incidex finds in documents, one line each with its kind and
//! the text around it: `cargo run --example find_pii -- FILE...`.
//!
//! We will:
//! 1. load each file as `ingest` does (text, HTML or PDF);
//! 2. run the redactor with the built-in `rules/pii.toml`;
//! 3. print what it found, to check a rule change for misses and false alarms.

use incidex::redact::Redactor;

fn main() {
    let redactor = Redactor::builtin();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let doc = match incidex::load::load_bytes(std::path::Path::new(&path), &bytes) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = &doc.text;
        for f in redactor.find(text) {
            // A little context each side, on one line, cut at character boundaries.
            let start = text.floor_char_boundary(f.range.start.saturating_sub(30));
            let end = text.ceil_char_boundary((f.range.end + 20).min(text.len()));
            let around = text[start..end].split_whitespace().collect::<Vec<_>>();
            println!(
                "{path}\t{}\t{}\t{}",
                f.kind.as_str(),
                &text[f.range.clone()],
                around.join(" ")
            );
        }
    }
}
