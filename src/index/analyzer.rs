//! The Swedish analyzers: how body and title text become index terms.
//!
//! [`SV`] indexes text with the [`lexicon`](crate::lexicon), through
//! [`analysis::Analyzer`](crate::analysis::Analyzer) (the same word analysis the rules
//! see): each word is indexed whole (lower-cased), as its lemmas and as the lemmas of its
//! compound parts, all at the word's position and with its offsets, then Swedish stop words
//! are dropped. `meddelandeväxeln` gives `meddelandeväxeln`, `meddelandeväxel`,
//! `meddelande`, `växel`. There is no ASCII folding: it would fold å, ä, ö into a and o
//! and merge `får` (gets) with `far` (father).
//!
//! [`SV_QUERY`] analyzes query text to one term per word, its most likely lemma, without
//! parts: `växeln` asks for `växel`, which every form and every compound ending in it
//! holds; `meddelandeväxel` asks for that compound, not for every text with a `växel`.
//!
//! [`NAME`] lower-cases names word by word (suppliers, organisations, authorities), so
//! `supplier:telia` finds "Telia Company AB"; [`LOWERCASE`] keeps a whole value as one
//! lower-cased term (`doc_type`, `cause`).
//!
//! Limits: what the lexicon does not know stays whole or is read by its longest known
//! head (see [`crate::lexicon`]); an index must be searched with the lexicon it was built
//! with.

use std::sync::Arc;

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

use crate::analysis::{self, Analyzer};
use crate::lexicon::WordAnalysis;

/// Name of the indexing analyzer of `title` and `body`.
pub const SV: &str = "sv";
/// Name of the analyzer the query parser uses for `title` and `body`.
pub const SV_QUERY: &str = "sv_query";
/// Name of the analyzer of name fields (`supplier`, `organisation`, `authority`).
pub const NAME: &str = "name";
/// Name of the analyzer of one-term fields (`doc_type`, `cause`, `language`, ...).
pub const LOWERCASE: &str = "lowercase";

/// Tokens longer than this many bytes are dropped (base64 blobs, hashes, URLs).
const MAX_TOKEN_BYTES: usize = 60;

/// The analyzer that indexes Swedish text: words, lemmas and compound parts, no stop words.
pub fn swedish() -> TextAnalyzer {
    TextAnalyzer::builder(LexiconTokenizer::new(Terms::Index))
        .filter(StopWordFilter::new(Language::Swedish).expect("sv stop words"))
        .build()
}

/// The analyzer for query text: each word's most likely lemma, no stop words.
pub fn swedish_query() -> TextAnalyzer {
    TextAnalyzer::builder(LexiconTokenizer::new(Terms::Query))
        .filter(StopWordFilter::new(Language::Swedish).expect("sv stop words"))
        .build()
}

fn names() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

fn lowercase() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The analyzers an index is written with. Must be registered after every open.
pub fn index_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(SV, swedish());
    manager.register(SV_QUERY, swedish_query());
    manager.register(NAME, names());
    manager.register(LOWERCASE, lowercase());
    manager
}

/// The analyzers the query parser uses: text fields analyzed without decompounding.
pub fn query_tokenizers() -> TokenizerManager {
    let manager = index_tokenizers();
    manager.register(SV, swedish_query());
    manager
}

/// Analyzes `text` with `analyzer`, returning the terms in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Which terms a word gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Terms {
    /// The word, its lemmas and its parts' lemmas.
    Index,
    /// Its first lemma.
    Query,
}

/// A tantivy tokenizer over [`Analyzer`]: words as [`analysis::word_spans`] reads them,
/// each giving its terms at one position. Each clone (tantivy clones one per indexing
/// thread) remembers the words it has analysed.
#[derive(Clone)]
pub struct LexiconTokenizer {
    analyzer: Analyzer,
    terms: Terms,
}

impl LexiconTokenizer {
    fn new(terms: Terms) -> LexiconTokenizer {
        LexiconTokenizer {
            analyzer: Analyzer::global(),
            terms,
        }
    }
}

impl Tokenizer for LexiconTokenizer {
    type TokenStream<'a> = LexiconTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LexiconTokenStream<'a> {
        LexiconTokenStream {
            text,
            words: Box::new(analysis::word_spans(text)),
            analyzer: &mut self.analyzer,
            terms: self.terms,
            word: None,
            next_term: 0,
            token: Token::default(),
            position: None,
        }
    }
}

pub struct LexiconTokenStream<'a> {
    text: &'a str,
    words: Box<dyn Iterator<Item = std::ops::Range<usize>> + 'a>,
    analyzer: &'a mut Analyzer,
    terms: Terms,
    /// The current word's analysis, and the index of its next term.
    word: Option<Arc<WordAnalysis>>,
    next_term: usize,
    token: Token,
    position: Option<usize>,
}

/// The `i`-th term of `word`: the word, then its lemmas other than itself, then its parts.
fn index_term(word: &WordAnalysis, i: usize) -> Option<&str> {
    let lemmas = word.lemmas.iter().filter(|l| **l != word.lower);
    std::iter::once(&word.lower)
        .chain(lemmas)
        .chain(&word.parts)
        .nth(i)
        .map(String::as_str)
}

impl TokenStream for LexiconTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(word) = &self.word {
                let term = match self.terms {
                    Terms::Index => index_term(word, self.next_term),
                    Terms::Query if self.next_term == 0 => word.lemmas.first().map(String::as_str),
                    Terms::Query => None,
                };
                if let Some(term) = term {
                    self.next_term += 1;
                    self.token.text.clear();
                    self.token.text.push_str(term);
                    return true;
                }
            }
            let Some(span) = self.words.next() else {
                return false;
            };
            let position = self.position.map_or(0, |p| p + 1);
            self.position = Some(position);
            if span.len() > MAX_TOKEN_BYTES {
                self.word = None;
                continue;
            }
            self.word = Some(self.analyzer.word(&self.text[span.clone()]));
            self.next_term = 0;
            self.token.position = position;
            self.token.offset_from = span.start;
            self.token.offset_to = span.end;
            self.token.position_length = 1;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when the query word finds the text: every query term is among the text's
    /// index terms, which is what a tantivy term query asks.
    fn finds(query: &str, text: &str) -> bool {
        let indexed = terms(&mut swedish(), text);
        let wanted = terms(&mut swedish_query(), query);
        !wanted.is_empty() && wanted.iter().all(|t| indexed.contains(t))
    }

    #[test]
    fn words_are_found_by_their_lemmas_and_compounds_by_their_parts() {
        let cases = [
            ("incident", "Två personuppgiftsincidenter anmäldes."),
            ("personuppgifter", "Två personuppgiftsincidenter anmäldes."),
            ("uppgift", "personuppgiftsincidenten"),
            ("leverantör", "Kommunens it-leverantören hade fel."),
            ("leverantören", "systemleverantörens avtal"),
            ("uppgifter", "klientuppgifterna låg öppna"),
            ("klient", "klientuppgifterna låg öppna"),
            ("incident", "en säkerhetsincident i våras"),
            ("säkerhet", "en säkerhetsincident i våras"),
            ("intrång", "efter dataintrånget"),
            ("tjänst", "inom socialtjänsten"),
            ("system", "lönesystemet hos kommunen"),
            ("sköterska", "skolsköterskan skickade"),
            ("skola", "skolsköterskan skickade"),
            ("journal", "patientjournalerna"),
            ("patient", "patientjournalerna"),
            ("adress", "fel e-postadress"),
            ("lösenord", "vid lösenordsbytet"),
            ("styrelse", "kommunstyrelsen beslutade"),
            ("kommun", "kommunstyrelsen beslutade"),
            ("databas", "kunddatabasen"),
            ("förvaltning", "stadsdelsförvaltningen"),
            ("stadsdel", "stadsdelsförvaltningen"),
            ("växel", "meddelandeväxeln"),
            ("växeln", "en växel"),
            ("brevlåda", "röstbrevlådan"),
            ("kamera", "övervakningskamerorna"),
            ("läcka", "uppgifterna läckte ut"),
            ("läckta", "läckt information"),
        ];
        let missed: Vec<_> = cases
            .iter()
            .filter(|(q, text)| !finds(q, text))
            .map(|(q, text)| {
                format!(
                    "{q} ({:?}) in {text:?} ({:?})",
                    terms(&mut swedish_query(), q),
                    terms(&mut swedish(), text)
                )
            })
            .collect();
        assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
    }

    #[test]
    fn short_words_do_not_find_words_they_are_spelled_in() {
        for (query, text) in [
            ("fil", "filialen i Malmö"),
            ("kund", "en sekund senare"),
            ("lag", "lagringen av loggar"),
            ("holme", "Skärholmens stadsdelsförvaltning"),
            ("karl", "Anna Karlsson ringde"),
            ("son", "Anna Karlsson ringde"),
            ("lora", "handlingarna förlorades"),
        ] {
            assert!(!finds(query, text), "{query} found in {text:?}");
        }
    }

    #[test]
    fn the_whole_word_is_kept_beside_its_lemma_and_parts() {
        let t = terms(&mut swedish(), "personuppgiftsincidenter");
        assert_eq!(t[0], "personuppgiftsincidenter");
        for part in [
            "personuppgiftsincident",
            "person",
            "uppgift",
            "incident",
            "personuppgift",
        ] {
            assert!(t.contains(&part.to_string()), "{part} missing from {t:?}");
        }
    }

    #[test]
    fn terms_share_the_position_and_offsets_of_their_word() {
        let mut a = swedish();
        let mut stream = a.token_stream("om säkerhetsincidenten");
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        assert!(seen.len() >= 4, "{seen:?}");
        // "om" is a stop word: gone, but it still took position 0.
        assert!(
            seen.iter().all(|s| s.1 == 1 && s.2 == 3 && s.3 == 23),
            "{seen:?}"
        );
    }

    #[test]
    fn stop_words_are_dropped_and_long_tokens_too() {
        let long = "a".repeat(61);
        let t = terms(&mut swedish(), &format!("och det {long} incident"));
        assert_eq!(t, ["incident"]);
    }

    #[test]
    fn no_ascii_folding() {
        assert_ne!(
            terms(&mut swedish(), "får"),
            terms(&mut swedish(), "far"),
            "å must not fold into a"
        );
    }

    #[test]
    fn a_query_word_is_its_lemma() {
        assert_eq!(
            terms(&mut swedish_query(), "Personuppgiftsincidenterna växeln"),
            ["personuppgiftsincident", "växel"]
        );
    }

    #[test]
    fn names_are_words_in_lower_case() {
        let m = index_tokenizers();
        let mut a = m.get(NAME).unwrap();
        assert_eq!(
            terms(&mut a, "Telia Company AB"),
            ["telia", "company", "ab"]
        );
        let mut a = m.get(LOWERCASE).unwrap();
        assert_eq!(terms(&mut a, "Lex_Sarah_Report"), ["lex_sarah_report"]);
    }
}
