//! Snippets: the passage of a hit's text that holds most of the query's words, with
//! those words marked. Built on tantivy's `SnippetGenerator`, analyzing the text with the
//! indexing analyzer, so a query word found as a compound's part (`incident`) marks the
//! whole compound (`personuppgiftsincidenter`).

use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

/// Characters of text a snippet shows at most.
const SNIPPET_CHARS: usize = 220;

/// A passage and the byte ranges in it to mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub fragment: String,
    pub highlighted: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage on one line, marked words between `open` and `close`.
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for range in &self.highlighted {
            out.push_str(&self.fragment[at..range.start]);
            out.push_str(open);
            out.push_str(&self.fragment[range.clone()]);
            out.push_str(close);
            at = range.end;
        }
        out.push_str(&self.fragment[at..]);
        one_line(&out)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Makes the snippets of one query's hits.
pub struct Snippets {
    generator: SnippetGenerator,
}

impl Snippets {
    pub fn new(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        field: Field,
    ) -> tantivy::Result<Snippets> {
        let mut generator = SnippetGenerator::create(searcher, query, field)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(Snippets { generator })
    }

    /// The snippet of `text`; its opening when no query word is in it (a hit by field).
    pub fn of(&self, text: &str) -> Snippet {
        let s = self.generator.snippet(text);
        if s.is_empty() || s.highlighted().is_empty() {
            let end = text
                .char_indices()
                .nth(SNIPPET_CHARS)
                .map_or(text.len(), |(i, _)| i);
            return Snippet {
                fragment: text[..end].to_string(),
                highlighted: Vec::new(),
            };
        }
        Snippet {
            fragment: s.fragment().to_string(),
            highlighted: s.highlighted().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_collapses_white_space() {
        let s = Snippet {
            fragment: "Två\n  personuppgiftsincidenter  anmäldes".into(),
            highlighted: std::iter::once(7..31).collect(),
        };
        assert_eq!(
            s.render("«", "»"),
            "Två «personuppgiftsincidenter» anmäldes"
        );
    }
}
