//! The Swedish analyzers: how body and title text become index terms.
//!
//! [`SV`] indexes text: tantivy's `SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser`, then
//! [`Decompounder`] (the whole word and its parts), Swedish stop words and the Swedish
//! Snowball stemmer. There is no ASCII folding: it would fold å, ä, ö into a and o and
//! merge `får` (gets) with `far` (father).
//!
//! [`SV_QUERY`] analyzes query text the same way but without decompounding: the index
//! holds every compound whole *and* split, so a query word only needs to be itself.
//! `incident` then finds `personuppgiftsincidenter` (by its part) while a query for
//! `personuppgiftsincidenter` finds that compound, not every text with "person" in it.
//!
//! [`NAME`] lower-cases names word by word (suppliers, organisations, authorities), so
//! `supplier:telia` finds "Telia Company AB"; [`LOWERCASE`] keeps a whole value as one
//! lower-cased term (`doc_type`, `cause`).
//!
//! Limits: the decompounder only splits words it can read in full from its word list
//! (`compound_parts_sv.txt`); an unknown part leaves the compound whole, findable only
//! by itself or by prefix.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

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

/// The word list the decompounder reads compounds with.
const COMPOUND_PARTS: &str = include_str!("compound_parts_sv.txt");

/// The analyzer that indexes Swedish text: words, compound parts, no stop words, stems.
pub fn swedish() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Decompounder::swedish())
        .filter(StopWordFilter::new(tantivy::tokenizer::Language::Swedish).expect("sv stop words"))
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// The analyzer for query text: [`swedish`] without the decompounder.
pub fn swedish_query() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(tantivy::tokenizer::Language::Swedish).expect("sv stop words"))
        .filter(Stemmer::new(Language::Swedish))
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

/// A token filter that keeps each word and adds its compound parts at the same position,
/// as Lucene's `DictionaryCompoundWordTokenFilter` does, but reading Swedish compounds:
/// parts joined by linking letters (`personuppgift-s-incident`, `lön-e-system`), a first
/// part in its combining form (`gat-u-adress` from `gata`, `skol-sköterska` from `skola`)
/// and inflection on the last part only (`klient|uppgifterna`).
///
/// The parts are emitted in their dictionary form, so the stemmer after this filter treats them like any word. Parts that are compounds
/// themselves are split again (`personuppgift` → `person`, `uppgift`). A part keeps the
/// offsets of its whole word, so a snippet highlights the whole compound.
#[derive(Clone)]
pub struct Decompounder {
    dict: Arc<Dict>,
    /// Words shorter than this (in characters) are never split.
    min_word_chars: usize,
    /// No part is shorter than this (in characters).
    min_part_chars: usize,
}

/// Inflection endings a compound's last part may carry: noun plural, definite and
/// genitive forms, longest first within a family.
const ENDINGS: &[&str] = &[
    "", "ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "ers", "ars", "ors",
    "nas", "ns", "ts", "en", "et", "er", "ar", "or", "na", "n", "t", "s", "r", "e", "a",
];

impl Decompounder {
    /// The decompounder over the shipped Swedish word list.
    pub fn swedish() -> Decompounder {
        static DICT: OnceLock<Arc<Dict>> = OnceLock::new();
        let dict = DICT.get_or_init(|| Arc::new(Dict::new(parse_word_list(COMPOUND_PARTS))));
        Decompounder {
            dict: Arc::clone(dict),
            min_word_chars: 6,
            min_part_chars: 3,
        }
    }

    /// A decompounder over `words` (lower case, base forms).
    pub fn from_words<I: IntoIterator<Item = S>, S: Into<String>>(words: I) -> Decompounder {
        Decompounder {
            dict: Arc::new(Dict::new(words.into_iter().map(Into::into).collect())),
            ..Decompounder::swedish()
        }
    }

    /// The parts of a lower-cased `word`, empty when it is not a compound of known parts.
    pub fn parts(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_parts(word, &mut out);
        out.retain(|p| p != word);
        out
    }

    /// [`Decompounder::parts`], remembered per thread: an archive repeats its words, and
    /// snippets analyze each hit's text again.
    fn cached_parts(&self, word: &str) -> Arc<[String]> {
        /// Words remembered per thread before the memory is cleared.
        const CACHE_WORDS: usize = 100_000;
        /// Per dictionary (by address), the parts of each word seen.
        type Cache = Vec<(usize, HashMap<String, Arc<[String]>>)>;
        thread_local! {
            static CACHE: RefCell<Cache> = const { RefCell::new(Vec::new()) };
        }
        if word.chars().count() < self.min_word_chars {
            return Arc::from([]);
        }
        let dict = Arc::as_ptr(&self.dict) as usize;
        CACHE.with_borrow_mut(|caches| {
            let at = match caches.iter().position(|(d, _)| *d == dict) {
                Some(at) => at,
                None => {
                    caches.push((dict, HashMap::new()));
                    caches.len() - 1
                }
            };
            let cache = &mut caches[at].1;
            if let Some(parts) = cache.get(word) {
                return Arc::clone(parts);
            }
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            let parts: Arc<[String]> = self.parts(word).into();
            cache.insert(word.to_string(), Arc::clone(&parts));
            parts
        })
    }

    fn collect_parts(&self, word: &str, out: &mut Vec<String>) {
        if word.chars().count() < self.min_word_chars {
            return;
        }
        let Some(pieces) = self.segment(word) else {
            return;
        };
        for base in pieces {
            if !out.contains(&base) {
                out.push(base.clone());
                self.collect_parts(&base, out);
            }
        }
    }

    /// Reads `word` as two or more parts, fewest parts first, and returns their
    /// dictionary forms; `None` if it cannot.
    fn segment(&self, word: &str) -> Option<Vec<String>> {
        // Char boundaries, so a part never cuts through å, ä or ö.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = bounds.len();
        // best[k]: the fewest parts reading word[bounds[k]..], with the first part's end
        // index and dictionary form.
        let mut best: Vec<Option<(usize, usize, String)>> = vec![None; n];
        for k in (0..n - 1).rev() {
            let rest = &word[bounds[k]..];
            // The whole word as one part is no split (it may be listed itself).
            if k > 0
                && n - 1 - k >= self.min_part_chars
                && let Some(base) = self.last_part_base(rest)
            {
                best[k] = Some((1, n - 1, base));
            }
            for e in k + self.min_part_chars..n - 1 {
                // Every form a first part may take starts with the part less its last two
                // letters: once that is no word's beginning, no longer part can match.
                if !self.dict.prefixes.contains(&word[bounds[k]..bounds[e - 2]]) {
                    break;
                }
                let Some((count, _, _)) = &best[e] else {
                    continue;
                };
                let count = count + 1;
                if best[k].as_ref().is_some_and(|(c, _, _)| *c <= count) {
                    continue;
                }
                if let Some(base) = self.first_part_base(&word[bounds[k]..bounds[e]]) {
                    best[k] = Some((count, e, base));
                }
            }
        }
        let (count, _, _) = best[0].as_ref()?;
        if *count < 2 {
            return None;
        }
        let mut pieces = Vec::new();
        let mut k = 0;
        while k < n - 1 {
            let (_, e, base) = best[k].clone()?;
            pieces.push(base);
            k = e;
        }
        Some(pieces)
    }

    /// The dictionary form of a compound's last part, which may be inflected.
    fn last_part_base(&self, piece: &str) -> Option<String> {
        for ending in ENDINGS {
            let Some(stem) = piece.strip_suffix(ending) else {
                continue;
            };
            if stem.chars().count() < self.min_part_chars {
                continue;
            }
            if self.dict.words.contains(stem) {
                return Some(stem.to_string());
            }
            // kvinn|or → kvinna, pojk|ar → pojke
            if !ending.is_empty()
                && let Some(base) = self.dict.with_vowel(stem)
            {
                return Some(base);
            }
        }
        None
    }

    /// The dictionary form of a non-final part as it stands in a compound: the word
    /// itself, or with a linking `s` or vowel added (`personuppgift-s`, `lön-e`,
    /// `barn-a`), or its final vowel dropped or changed (`skol` from `skola`, `gatu`
    /// from `gata`, `arbet-s` from `arbete`).
    fn first_part_base(&self, piece: &str) -> Option<String> {
        let mut stems = vec![piece];
        if let Some(s) = piece.strip_suffix('s') {
            stems.push(s);
        }
        for stem in stems {
            if stem.chars().count() < self.min_part_chars {
                continue;
            }
            if self.dict.words.contains(stem) {
                return Some(stem.to_string());
            }
            if let Some(base) = self.dict.with_vowel(stem) {
                return Some(base);
            }
            if let Some(last) = stem.chars().last()
                && matches!(last, 'a' | 'e' | 'o' | 'u')
            {
                let bare = &stem[..stem.len() - 1];
                if bare.chars().count() >= self.min_part_chars {
                    if self.dict.words.contains(bare) {
                        return Some(bare.to_string());
                    }
                    if self.dict.minus_a.contains(bare) {
                        return Some(format!("{bare}a"));
                    }
                }
            }
        }
        None
    }
}

/// The word list, and every beginning of its words for pruning.
struct Dict {
    words: HashSet<String>,
    prefixes: HashSet<String>,
    /// Words ending in `a`, without it (`gat` for `gata`): lookups without allocating.
    minus_a: HashSet<String>,
    /// Words ending in `e`, without it (`arbet` for `arbete`).
    minus_e: HashSet<String>,
}

impl Dict {
    fn new(words: HashSet<String>) -> Dict {
        let prefixes = words
            .iter()
            .flat_map(|w| w.char_indices().map(move |(i, _)| w[..i].to_string()))
            .chain(words.iter().cloned())
            .collect();
        let minus = |vowel: char| {
            words
                .iter()
                .filter_map(|w| w.strip_suffix(vowel).map(str::to_string))
                .collect()
        };
        Dict {
            minus_a: minus('a'),
            minus_e: minus('e'),
            prefixes,
            words,
        }
    }

    /// `stem` + `a` or `stem` + `e` when that is a word (`kvinn` → `kvinna`).
    fn with_vowel(&self, stem: &str) -> Option<String> {
        if self.minus_a.contains(stem) {
            Some(format!("{stem}a"))
        } else if self.minus_e.contains(stem) {
            Some(format!("{stem}e"))
        } else {
            None
        }
    }
}

fn parse_word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

impl TokenFilter for Decompounder {
    type Tokenizer<T: Tokenizer> = DecompounderFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DecompounderFilter<T> {
        DecompounderFilter {
            decompounder: self,
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
pub struct DecompounderFilter<T> {
    decompounder: Decompounder,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DecompounderFilter<T> {
    type TokenStream<'a> = DecompounderStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DecompounderStream {
            decompounder: &self.decompounder,
            tail: self.inner.token_stream(text),
            on_whole: true,
            parts: Vec::new(),
        }
    }
}

pub struct DecompounderStream<'a, T> {
    decompounder: &'a Decompounder,
    tail: T,
    /// True while the whole word (the tail's token) is the current token.
    on_whole: bool,
    /// Parts of the current word still to emit, in reverse order; the last is current
    /// once `on_whole` is false.
    parts: Vec<Token>,
}

impl<T: TokenStream> TokenStream for DecompounderStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.on_whole {
            self.parts.pop();
        }
        if !self.parts.is_empty() {
            self.on_whole = false;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.on_whole = true;
        let word = self.tail.token();
        for part in self.decompounder.cached_parts(&word.text).iter().rev() {
            let mut token = word.clone();
            token.text.clone_from(part);
            self.parts.push(token);
        }
        true
    }

    fn token(&self) -> &Token {
        match self.parts.last() {
            Some(part) if !self.on_whole => part,
            _ => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.parts.last_mut() {
            Some(part) if !self.on_whole => part,
            _ => self.tail.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when the query word finds the text: some query term is among the text's
    /// index terms, which is what a tantivy term query asks.
    fn finds(query: &str, text: &str) -> bool {
        let indexed = terms(&mut swedish(), text);
        let wanted = terms(&mut swedish_query(), query);
        !wanted.is_empty() && wanted.iter().all(|t| indexed.contains(t))
    }

    #[test]
    fn compounds_are_found_by_their_parts() {
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
            ("lön", "lönesystemet hos kommunen"),
            ("adresser", "skyddade gatuadresser syntes"),
            ("sköterska", "skolsköterskan skickade"),
            ("journal", "patientjournalerna"),
            ("patient", "patientjournalerna"),
            ("vårdnadshavare", "vårdnadshavarnas uppgifter"),
            ("vårdnad", "vårdnadshavarnas uppgifter"),
            ("adress", "fel e-postadress"),
            ("lösenord", "vid lösenordsbytet"),
            ("styrelse", "kommunstyrelsen beslutade"),
            ("hälsa", "känsliga hälsouppgifter"),
            ("databas", "kunddatabasen"),
            ("arbetsgivare", "arbetsgivarens ansvar"),
            ("förvaltning", "stadsdelsförvaltningen"),
            ("stadsdel", "stadsdelsförvaltningen"),
        ];
        let missed: Vec<_> = cases
            .iter()
            .filter(|(q, text)| !finds(q, text))
            .map(|(q, text)| {
                let last = text.split_whitespace().max_by_key(|w| w.len()).unwrap();
                format!(
                    "{q} in {text:?}: parts {:?}",
                    Decompounder::swedish().parts(last)
                )
            })
            .collect();
        assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
    }

    #[test]
    fn names_and_short_words_are_not_split() {
        let d = Decompounder::swedish();
        for word in [
            "stockholm",
            "karlsson",
            "göteborg",
            "skärholmen",
            "tieto",
            "telia",
            "kommunen",
            "uppgiften",
            "information",
            "personal",
            "datainspektionen",
            "barn",
        ] {
            assert_eq!(d.parts(word), Vec::<String>::new(), "{word} was split");
        }
    }

    #[test]
    fn the_whole_word_is_kept_beside_its_parts() {
        let t = terms(&mut swedish(), "personuppgiftsincidenter");
        assert_eq!(t[0], "personuppgiftsincident");
        for part in ["person", "uppgift", "incident", "personuppgift"] {
            assert!(t.contains(&part.to_string()), "{part} missing from {t:?}");
        }
    }

    #[test]
    fn parts_share_the_position_and_offsets_of_their_word() {
        let mut a = swedish();
        let mut stream = a.token_stream("om säkerhetsincidenten");
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        assert!(seen.len() >= 3, "{seen:?}");
        // "om" is a stop word: gone, but it still took position 0.
        assert!(
            seen.iter().all(|s| s.1 == 1 && s.2 == 3 && s.3 == 23),
            "{seen:?}"
        );
    }

    #[test]
    fn each_word_is_followed_by_its_parts_in_order() {
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Decompounder::swedish())
            .build();
        assert_eq!(
            terms(&mut a, "Lönesystemet, gatuadresser och data"),
            [
                "lönesystemet",
                "lön",
                "system",
                "gatuadresser",
                "gata",
                "adress",
                "och",
                "data"
            ]
        );
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
    fn query_analyzer_does_not_split() {
        assert_eq!(
            terms(&mut swedish_query(), "personuppgiftsincidenter"),
            ["personuppgiftsincident"]
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
