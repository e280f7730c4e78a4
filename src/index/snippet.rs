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
        for (text, marked) in self.segments() {
            if marked {
                out.push_str(open);
                out.push_str(&text);
                out.push_str(close);
            } else {
                out.push_str(&text);
            }
        }
        out
    }

    /// The passage on one line (white space collapsed) as runs of text, each with
    /// whether it is a marked word. A printer styles the marked runs itself, so the
    /// text can be escaped without touching the styles.
    pub fn segments(&self) -> Vec<(String, bool)> {
        let mut segments: Vec<(String, bool)> = Vec::new();
        let mut pending_space = false;
        for (at, c) in self.fragment.char_indices() {
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            let marked = self.highlighted.iter().any(|r| r.contains(&at));
            let started = !segments.is_empty();
            if pending_space && started {
                // The space goes outside a mark: into the unmarked run on either side.
                match segments.last_mut() {
                    Some((text, false)) => text.push(' '),
                    _ => segments.push((" ".into(), false)),
                }
            }
            pending_space = false;
            match segments.last_mut() {
                Some((text, m)) if *m == marked => text.push(c),
                _ => segments.push((c.to_string(), marked)),
            }
        }
        segments
    }
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

    #[test]
    fn segments_keep_spaces_outside_marks() {
        let s = Snippet {
            fragment: "mot  systemleverantören\n och".into(),
            highlighted: std::iter::once(5..24).collect(),
        };
        assert_eq!(
            s.segments(),
            vec![
                ("mot ".to_string(), false),
                ("systemleverantören".to_string(), true),
                (" och".to_string(), false)
            ]
        );
    }
}
