//! `incidex analyze`: each token of a text with its lemmas, compound parts, shape and
//! sentence, as the index and the rules see it (Elasticsearch's `_analyze`, for Swedish).

use std::io::{Read, Write};

use clap::Args;
use serde::Serialize;

use super::exit;
use incidex::analysis::{Analyzer, Shape, Token};

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The text to analyse; - or nothing reads stdin.
    ///
    /// Example: incidex analyze 'Röstbrevlådan läckte' (or: echo ... | incidex analyze)
    #[arg(value_name = "TEXT", default_value = "-")]
    pub text: String,

    /// Print one JSON object per token.
    ///
    /// Keys: text, start, end (byte offsets), lower, lemmas, parts, shape, sentence, known.
    #[arg(long)]
    pub json: bool,
}

/// One line of `--json` output.
#[derive(Debug, Serialize)]
struct TokenLine<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    lower: &'a str,
    lemmas: &'a [String],
    parts: &'a [String],
    shape: Shape,
    sentence: usize,
    known: bool,
}

impl<'a> TokenLine<'a> {
    fn new(token: &'a Token, text: &'a str) -> TokenLine<'a> {
        TokenLine {
            text: token.text(text),
            start: token.span.start,
            end: token.span.end,
            lower: token.lower(),
            lemmas: token.lemmas(),
            parts: token.parts(),
            shape: token.shape,
            sentence: token.sentence,
            known: token.word.known,
        }
    }
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<i32> {
    let text = if args.text == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "<stdin>: invalid UTF-8 at byte {} (analyze reads UTF-8 text)",
                e.utf8_error().valid_up_to()
            )
        })?
    } else {
        args.text
    };
    let tokens = Analyzer::global().tokens(&text);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for token in &tokens {
        let line = TokenLine::new(token, &text);
        if args.json {
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            let shape = serde_json::to_value(line.shape)?;
            let mut row = format!(
                "{:<3} {:<24} {:<24} {:<12}",
                line.sentence,
                line.text,
                line.lemmas.join(" | "),
                shape.as_str().unwrap_or(""),
            );
            if !line.parts.is_empty() {
                row.push_str(&format!(" parts: {}", line.parts.join(" ")));
            }
            if !line.known && token.is_word() {
                row.push_str(" (unknown)");
            }
            writeln!(out, "{}", row.trim_end())?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}
