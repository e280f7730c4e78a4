//! Swedish text as a stream of analysed tokens: the one word analysis that search and the
//! rules share.
//!
//! Words are runs of letters and digits (as tantivy's `SimpleTokenizer` reads them: `e-post`
//! is `e` and `post`); every other character that is not white space is a punctuation
//! token. Each word carries what the [`lexicon`](crate::lexicon) says of it (lower-cased
//! form, lemmas, compound parts), its [`Shape`] and the number of its sentence.
//!
//! ```
//! use incidex::analysis::{Analyzer, Shape};
//!
//! let mut analyzer = Analyzer::global();
//! let text = "Brevet skickades till fel mottagare. Röstbrevlådan var öppen.";
//! let tokens = analyzer.tokens(text);
//! assert_eq!(tokens[0].text(text), "Brevet");
//! assert_eq!(tokens[0].shape, Shape::Capitalised);
//! assert_eq!(tokens[0].lemmas(), ["brev"]);
//! let box_ = tokens.iter().find(|t| t.lower() == "röstbrevlådan").unwrap();
//! assert_eq!(box_.sentence, 1);
//! assert!(box_.parts().iter().any(|p| p == "brevlåda"));
//! ```
//!
//! Sentences end at `.`, `!` or `?` before white space and a capital letter or digit, or
//! the end of the text, and at a blank line; a `.` after a one-letter word (`t.ex. Malmö`) is
//! taken for an abbreviation, and so is a `.` after a lower-case word of up to four letters
//! before a number (`okt. 2021`, `kl. 14.30`, `ca. 200`).
//!
//! [`Analyzer`] remembers the analysis of every word seen on its thread (an archive repeats
//! its words), up to [`CACHE_WORDS`] words, after which it starts again.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::lexicon::{self, Lexicon, WordAnalysis};

/// Words an [`Analyzer`] remembers before it forgets them all.
pub const CACHE_WORDS: usize = 200_000;

/// What a token looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `incident`
    Lower,
    /// `Telia`
    Capitalised,
    /// `IMY`
    Upper,
    /// `eHälsomyndigheten`, `iPhone`
    Mixed,
    /// `2021`
    Digits,
    /// `A1`, `2021a`
    Alphanumeric,
    /// `.`, `§`, `-`
    Punctuation,
}

impl Shape {
    /// The shape of a word (letters and digits) or of one punctuation character.
    pub fn of(token: &str) -> Shape {
        if token.is_ascii() {
            return Shape::of_ascii(token.as_bytes());
        }
        let mut chars = token.chars();
        let Some(first) = chars.clone().next() else {
            return Shape::Punctuation;
        };
        if !first.is_alphanumeric() {
            return Shape::Punctuation;
        }
        let (mut letters, mut digits, mut upper, mut lower) = (0, 0, 0, 0);
        for c in chars.by_ref() {
            if c.is_numeric() {
                digits += 1;
            } else {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
            }
        }
        match () {
            _ if letters == 0 => Shape::Digits,
            _ if digits > 0 => Shape::Alphanumeric,
            _ if upper == 0 => Shape::Lower,
            _ if lower == 0 => Shape::Upper,
            _ if upper == 1 && first.is_uppercase() => Shape::Capitalised,
            _ => Shape::Mixed,
        }
    }
}

impl Shape {
    fn of_ascii(token: &[u8]) -> Shape {
        let Some(&first) = token.first() else {
            return Shape::Punctuation;
        };
        if !first.is_ascii_alphanumeric() {
            return Shape::Punctuation;
        }
        let digits = token.iter().filter(|b| b.is_ascii_digit()).count();
        let upper = token.iter().filter(|b| b.is_ascii_uppercase()).count();
        let letters = token.len() - digits;
        match () {
            _ if letters == 0 => Shape::Digits,
            _ if digits > 0 => Shape::Alphanumeric,
            _ if upper == 0 => Shape::Lower,
            _ if upper == letters => Shape::Upper,
            _ if upper == 1 && first.is_ascii_uppercase() => Shape::Capitalised,
            _ => Shape::Mixed,
        }
    }
}

/// One token of a text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    pub shape: Shape,
    /// Sentence number, from 0.
    pub sentence: usize,
    /// Whether the token is the first on its line (see [`starts_line`]).
    pub line_start: bool,
    /// What the lexicon says (punctuation: the character, its own lemma, unknown).
    pub word: Arc<WordAnalysis>,
}

impl Token {
    /// The token as written.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.clone()]
    }

    /// The token in lower case.
    pub fn lower(&self) -> &str {
        &self.word.lower
    }

    /// Its lemmas, the most likely first (the word itself when unknown).
    pub fn lemmas(&self) -> &[String] {
        &self.word.lemmas
    }

    /// The lemmas of its compound parts (empty unless a compound).
    pub fn parts(&self) -> &[String] {
        &self.word.parts
    }

    /// True for words (letters or digits), false for punctuation.
    pub fn is_word(&self) -> bool {
        self.shape != Shape::Punctuation
    }
}

/// The tokens of `text` as written, without analysis: its words and, between them, each
/// character that is not white space (`Post- och` is `Post`, `-`, `och`).
pub fn token_texts(text: &str) -> Vec<&str> {
    fn marks<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<&'t str>) {
        for (i, c) in text[from..to].char_indices() {
            if !c.is_whitespace() {
                out.push(&text[from + i..from + i + c.len_utf8()]);
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for word in word_spans(text) {
        marks(text, at, word.start, &mut out);
        out.push(&text[word.clone()]);
        at = word.end;
    }
    marks(text, at, text.len(), &mut out);
    out
}

/// The byte ranges of the words of `text`: runs of letters and digits.
pub fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The letter or digit starting at byte `i`, if any, and its length; ASCII first.
    let word_char = move |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b.is_ascii() {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    };
    std::iter::from_fn(move || {
        while at < bytes.len() {
            if let Some(n) = word_char(at) {
                let start = at;
                at += n;
                while at < bytes.len() {
                    match word_char(at) {
                        Some(n) => at += n,
                        None => break,
                    }
                }
                return Some(start..at);
            }
            // Skip one character: a continuation byte never starts one.
            at += 1;
            while at < bytes.len() && !text.is_char_boundary(at) {
                at += 1;
            }
        }
        None
    })
}

/// Analyses words and texts with one lexicon, remembering each word it has seen.
///
/// The memory is per thread and per lexicon, shared by every `Analyzer` (tantivy clones
/// its analyzers for each query and snippet; a clone must not start from nothing).
#[derive(Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
}

/// The analysis of each word seen, as written.
/// Per word as written, its analysis and shape.
type Cache = FxHashMap<Box<str>, (Arc<WordAnalysis>, Shape)>;

thread_local! {
    /// Per lexicon (by [`Lexicon::id`]), its cache.
    static CACHES: std::cell::RefCell<Vec<(u64, Cache)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Analyzer {
    pub fn new(lexicon: Arc<Lexicon>) -> Analyzer {
        Analyzer { lexicon }
    }

    /// An analyzer over the process's lexicon ([`lexicon::global`]).
    pub fn global() -> Analyzer {
        Analyzer::new(Arc::clone(lexicon::global()))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The analysis of one word as written (letters and digits).
    pub fn word(&mut self, word: &str) -> Arc<WordAnalysis> {
        self.with_cache(|this, cache| this.cached(cache, word).0)
    }

    /// Runs `f` with this thread's cache for the analyzer's lexicon, borrowed once.
    fn with_cache<R>(&self, f: impl FnOnce(&Self, &mut Cache) -> R) -> R {
        let key = self.lexicon.id();
        CACHES.with_borrow_mut(|caches| {
            let at = match caches.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    caches.push((key, Cache::default()));
                    caches.len() - 1
                }
            };
            f(self, &mut caches[at].1)
        })
    }

    /// A word's analysis and shape, from `cache` or found and kept there.
    fn cached(&self, cache: &mut Cache, word: &str) -> (Arc<WordAnalysis>, Shape) {
        if let Some((known, shape)) = cache.get(word) {
            return (Arc::clone(known), *shape);
        }
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        // A capital may mark a name, which is not cut at a known head.
        let names_possible = word.chars().next().is_some_and(char::is_uppercase);
        let analysis = Arc::new(self.lexicon.analyze(word, names_possible));
        let shape = Shape::of(word);
        cache.insert(word.into(), (Arc::clone(&analysis), shape));
        (analysis, shape)
    }

    /// Every token of `text`, words and punctuation, with sentence numbers.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        self.with_cache(|this, cache| this.tokens_with(cache, text))
    }

    fn tokens_with(&self, cache: &mut Cache, text: &str) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6);
        let mut sentence = 0;
        let mut at = 0;
        let mut words = word_spans(text).peekable();
        loop {
            let next_word = words.peek().cloned();
            let gap_end = next_word.as_ref().map_or(text.len(), |w| w.start);
            // Punctuation and breaks between the last word and the next.
            let gap = &text[at..gap_end];
            for (i, c) in gap.char_indices() {
                let start = at + i;
                if c.is_whitespace() {
                    if c == '\n' && is_blank_line_after(text, start) && !out.is_empty() {
                        sentence = out.last().map_or(0, |t| t.sentence + 1);
                    }
                    continue;
                }
                let span = start..start + c.len_utf8();
                out.push(Token {
                    span: span.clone(),
                    shape: Shape::Punctuation,
                    sentence,
                    line_start: starts_line(text, &out, start),
                    word: self.cached(cache, &text[span.clone()]).0,
                });
                if ends_sentence(text, &out, span) {
                    sentence += 1;
                }
            }
            let Some(span) = next_word else {
                break;
            };
            words.next();
            let (word, shape) = self.cached(cache, &text[span.clone()]);
            out.push(Token {
                span: span.clone(),
                shape,
                sentence,
                line_start: starts_line(text, &out, span.start),
                word,
            });
            at = span.end;
        }
        out
    }
}

/// True when a token starting at `start` is the first of its line: the text between the
/// last token of `before` and it holds a line break, or nothing comes before it.
fn starts_line(text: &str, before: &[Token], start: usize) -> bool {
    before
        .last()
        .is_none_or(|last| text[last.span.end..start].contains('\n'))
}

/// True when the newline at `at` starts a blank line.
fn is_blank_line_after(text: &str, at: usize) -> bool {
    text[at + 1..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\n')
}

/// True when the punctuation token just pushed (at `span`) ends its sentence.
fn ends_sentence(text: &str, tokens: &[Token], span: Range<usize>) -> bool {
    let mark = &text[span.clone()];
    if !matches!(mark, "." | "!" | "?") {
        return false;
    }
    let rest = &text[span.end..];
    let after_space = rest.trim_start();
    if after_space.is_empty() {
        return true;
    }
    if after_space.len() == rest.len() {
        return false; // no space after: `3.5`, `t.ex`
    }
    let next = after_space.chars().next().unwrap_or(' ');
    if !(next.is_uppercase() || next.is_numeric()) {
        return false;
    }
    // `bl.a. Malmö`, `t.ex. Malmö`: a dot after a one-letter word, or after a word that
    // follows a dot, ends an abbreviation.
    let n = tokens.len();
    let before = n.checked_sub(2).map(|i| &tokens[i]);
    let dotted = |t: &Token| {
        t.span.end == span.start
            && (t.lower().chars().count() == 1
                || n.checked_sub(3).is_some_and(|i| {
                    tokens[i].lower() == "." && tokens[i].span.end == t.span.start
                }))
    };
    // `okt. 2021`, `kl. 14.30`, `ca. 200`: a dot after a short lower-case word, before a
    // number, ends an abbreviation.
    let abbreviation = |t: &Token| {
        t.span.end == span.start && t.shape == Shape::Lower && t.lower().chars().count() <= 4
    };
    !(mark == "."
        && before
            .is_some_and(|t| t.is_word() && (dotted(t) || next.is_numeric() && abbreviation(t))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (word, shape) in [
            ("incident", Shape::Lower),
            ("Telia", Shape::Capitalised),
            ("Överförmyndaren", Shape::Capitalised),
            ("IMY", Shape::Upper),
            ("ÅÄÖ", Shape::Upper),
            ("iPhone", Shape::Mixed),
            ("2021", Shape::Digits),
            ("A1", Shape::Alphanumeric),
            ("§", Shape::Punctuation),
            (".", Shape::Punctuation),
            ("Ab1", Shape::Alphanumeric),
            ("TeliaSonera", Shape::Mixed),
        ] {
            assert_eq!(Shape::of(word), shape, "{word}");
        }
    }

    #[test]
    fn spans_are_bytes_of_the_text_and_words_split_at_hyphens() {
        let text = "Åtgärden: e-post, 72 h.";
        let mut a = Analyzer::global();
        let got: Vec<(&str, Shape)> = a
            .tokens(text)
            .iter()
            .map(|t| (t.text(text), t.shape))
            .collect();
        assert_eq!(
            got,
            [
                ("Åtgärden", Shape::Capitalised),
                (":", Shape::Punctuation),
                ("e", Shape::Lower),
                ("-", Shape::Punctuation),
                ("post", Shape::Lower),
                (",", Shape::Punctuation),
                ("72", Shape::Digits),
                ("h", Shape::Lower),
                (".", Shape::Punctuation),
            ]
        );
    }

    /// The sentence number of the first token written `word` in `text`.
    fn sentence_of(text: &str, word: &str) -> usize {
        Analyzer::global()
            .tokens(text)
            .iter()
            .find(|t| t.text(text) == word)
            .map(|t| t.sentence)
            .unwrap()
    }

    #[test]
    fn sentences_are_numbered() {
        let text = "Felet upptäcktes den 3 maj. Det gällde bl.a. e-post, t.ex. Malmö stad. \
                    Anmälan gjordes 2021.\n\nRubrik utan punkt\nOch en rad till";
        let sentence_of = |w: &str| sentence_of(text, w);
        assert_eq!(sentence_of("Felet"), 0);
        assert_eq!(sentence_of("maj"), 0);
        assert_eq!(sentence_of("Det"), 1);
        assert_eq!(sentence_of("Malmö"), 1);
        assert_eq!(sentence_of("Anmälan"), 2);
        assert_eq!(sentence_of("Rubrik"), 3);
        assert_eq!(sentence_of("Och"), 3);
    }

    #[test]
    fn a_short_word_dotted_before_a_number_is_an_abbreviation() {
        let text = "Den 2 okt. 2021 kl. 14.30 kom ca. 200 brev. Sedan 2022. 15 personer.";
        let sentence_of = |w: &str| sentence_of(text, w);
        assert_eq!(sentence_of("2021"), 0);
        assert_eq!(sentence_of("14"), 0);
        assert_eq!(sentence_of("200"), 0);
        assert_eq!(sentence_of("Sedan"), 1);
        // A number's own dot still ends its sentence.
        assert_eq!(sentence_of("15"), 2);
    }

    #[test]
    fn a_token_after_a_line_break_starts_its_line() {
        let text = "  Rubrik: text\n– Citat, sa hon.\r\n\n  Läs mer";
        let starts: Vec<&str> = Analyzer::global()
            .tokens(text)
            .iter()
            .filter(|t| t.line_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Rubrik", "–", "Läs"]);
    }

    #[test]
    fn words_share_one_analysis() {
        let mut a = Analyzer::global();
        let tokens = a.tokens("växeln och växeln");
        assert!(Arc::ptr_eq(&tokens[0].word, &tokens[2].word));
        assert_eq!(tokens[0].lemmas(), ["växel"]);
    }
}
