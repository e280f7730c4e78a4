//! A compiled rule pattern and the one document scan that serves every pattern.
//!
//! Two hundred rules each scanning a whole document cost two hundred passes. Instead,
//! [`Haystack`] holds one scan of a document: every token rule of the collection matched
//! in one pass over its tokens (see [`super::tokens`]), and the runs of digits. A token
//! pattern looks its matches up there; a regex, left for shapes below the word that hold
//! a digit, searches only windows around the digits (see [`digits`]), each with the text
//! before it as look-behind context. The tests check both against a whole-text search for
//! every rule on the corpus and the rule examples.
//!
//! On short strings (a sentence, a form answer) a [`Pattern`] is searched as it is.

use std::collections::BTreeMap;
use std::ops::{Deref, Range};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use regex::{Captures, Match, Regex};

use super::digits;
use super::tokens::{TokenHits, TokenMatch, TokenRules};

/// A rule's pattern: a regex with what it must contain, or a token pattern (see
/// [`super::tokens`]). The `_in` methods search a scanned [`Haystack`]; the others a
/// short string (a sentence, a form answer), as [`Regex`]'s methods of the same name.
#[derive(Debug, Clone)]
pub struct Pattern {
    kind: Kind,
    /// For a regex whose every match holds a digit: how far a match reaches around one
    /// (see [`digits`]).
    digit_reach: Option<usize>,
    /// Where this pattern's hits are kept in a [`Haystack`] of the index it belongs to.
    slot: Option<Slot>,
}

#[derive(Debug, Clone)]
enum Kind {
    Regex(Regex),
    /// The pattern compiled alone, for strings scanned without its rule collection, and
    /// what it was compiled from.
    Tokens(Arc<TokenRules>, Arc<TokenSource>),
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    index: u64,
    position: usize,
}

/// A match: a span of the searched text and the text in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'h> {
    start: usize,
    end: usize,
    matched: &'h str,
}

impl<'h> Hit<'h> {
    fn new(text: &'h str, range: Range<usize>) -> Hit<'h> {
        Hit {
            start: range.start,
            end: range.end,
            matched: &text[range],
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        self.matched
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl<'h> From<Match<'h>> for Hit<'h> {
    fn from(m: Match<'h>) -> Hit<'h> {
        Hit {
            start: m.start(),
            end: m.end(),
            matched: m.as_str(),
        }
    }
}

/// A match with its named groups.
#[derive(Debug)]
pub enum Groups<'h> {
    Regex(Captures<'h>),
    Tokens {
        text: &'h str,
        names: &'h [String],
        found: TokenMatch,
    },
}

impl<'h> Groups<'h> {
    /// Group 0 is the whole match.
    pub fn get(&self, i: usize) -> Option<Hit<'h>> {
        match self {
            Groups::Regex(c) => c.get(i).map(Hit::from),
            Groups::Tokens { text, found, .. } => match i {
                0 => Some(Hit::new(text, found.range.clone())),
                i => found
                    .groups
                    .get(i - 1)
                    .cloned()
                    .flatten()
                    .map(|r| Hit::new(text, r)),
            },
        }
    }

    pub fn name(&self, name: &str) -> Option<Hit<'h>> {
        match self {
            Groups::Regex(c) => c.name(name).map(Hit::from),
            Groups::Tokens { text, names, found } => names
                .iter()
                .position(|n| n == name)
                .and_then(|i| found.groups[i].clone())
                .map(|r| Hit::new(text, r)),
        }
    }
}

impl std::ops::Index<&str> for Groups<'_> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        match self {
            Groups::Regex(c) => &c[name],
            Groups::Tokens { text, names, found } => {
                let i = names
                    .iter()
                    .position(|n| n == name)
                    .unwrap_or_else(|| panic!("no group named `{name}`"));
                let r = found.groups[i]
                    .clone()
                    .unwrap_or_else(|| panic!("group `{name}` did not match"));
                &text[r]
            }
        }
    }
}

/// Above this share of the text covered by windows, one whole-text search is cheaper
/// than many window searches.
const MAX_WINDOW_SHARE: f64 = 0.3;

impl Pattern {
    /// Compiles a regex written in a rule file (see [`super::compile_pattern`]).
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let hir = super::syntax_tree(pattern);
        let rewritten = hir.as_ref().map(super::boundaries::rewrite);
        let regex = super::compile_rewritten(pattern, rewritten.as_ref())?;
        let digit_reach = hir
            .filter(|_| rewritten.as_ref().is_some_and(digits::needs_digit))
            .map(|hir| digits::reach(&hir));
        Ok(Pattern {
            kind: Kind::Regex(regex),
            digit_reach,
            slot: None,
        })
    }

    /// Compiles a token pattern (see [`super::tokens::syntax`]); `lists` are its file's
    /// `[lexicon]`.
    pub fn tokens(source: &str, lists: &BTreeMap<String, Vec<String>>) -> Result<Pattern, String> {
        let tree = super::tokens::syntax::parse(source, lists)?;
        let mut own = TokenRules::new();
        own.add_tree(&tree)?;
        let source = TokenSource { tree };
        Ok(Pattern {
            kind: Kind::Tokens(Arc::new(own), Arc::new(source)),
            digit_reach: None,
            slot: None,
        })
    }

    /// The regex, for a regex pattern.
    pub fn regex(&self) -> Option<&Regex> {
        match &self.kind {
            Kind::Regex(r) => Some(r),
            Kind::Tokens(..) => None,
        }
    }

    pub fn is_tokens(&self) -> bool {
        matches!(self.kind, Kind::Tokens(..))
    }

    /// Whether a document scan narrows this pattern's search (to its token matches, or to
    /// the digits); if not, it searches the whole text.
    pub fn is_narrowed(&self) -> bool {
        self.digit_reach.is_some() || self.is_tokens()
    }

    /// Every match in the haystack's text, as [`Regex::find_iter`] gives them.
    pub fn find_iter_in<'h>(
        &'h self,
        hay: &'h Haystack<'h>,
    ) -> Box<dyn Iterator<Item = Hit<'h>> + 'h> {
        // Every rule's pass over a text is a point where a file's time limit is kept.
        crate::work::check();
        let regex = match &self.kind {
            Kind::Regex(r) => r,
            Kind::Tokens(..) => return self.find_iter_within(hay, 0..hay.text.len()),
        };
        match self.windows(hay) {
            Some(windows) => Box::new(Windowed::new(regex, hay.text, windows, find_at)),
            None => Box::new(regex.find_iter(hay.text).map(Hit::from)),
        }
    }

    /// Every match with its groups, as [`Regex::captures_iter`] gives them.
    pub fn captures_iter_in<'h>(
        &'h self,
        hay: &'h Haystack<'h>,
    ) -> Box<dyn Iterator<Item = Groups<'h>> + 'h> {
        crate::work::check();
        let regex = match &self.kind {
            Kind::Regex(r) => r,
            Kind::Tokens(own, _) => {
                let names = own.capture_names(0);
                return Box::new(self.token_matches(hay).map(move |found| Groups::Tokens {
                    text: hay.text,
                    names,
                    found,
                }));
            }
        };
        match self.windows(hay) {
            Some(windows) => Box::new(Windowed::new(regex, hay.text, windows, captures_at)),
            None => Box::new(regex.captures_iter(hay.text).map(Groups::Regex)),
        }
    }

    /// The first match, as [`Regex::find`].
    pub fn find_in<'h>(&'h self, hay: &'h Haystack<'h>) -> Option<Hit<'h>> {
        self.find_iter_in(hay).next()
    }

    pub fn is_match_in(&self, hay: &Haystack) -> bool {
        match &self.kind {
            Kind::Tokens(..) => self.is_match_within(hay, 0..hay.text.len()),
            Kind::Regex(regex) => match self.windows(hay) {
                Some(windows) => {
                    !windows.is_empty()
                        && Windowed::new(regex, hay.text, windows, find_at)
                            .next()
                            .is_some()
                }
                None => regex.is_match(hay.text),
            },
        }
    }

    /// Whether the pattern matches inside `range` of the haystack's text (a sentence, a
    /// clause): a token pattern looks up the haystack's one scan, a regex searches the
    /// range only when a window of its digits touches it.
    pub fn is_match_within(&self, hay: &Haystack, range: Range<usize>) -> bool {
        self.find_iter_within(hay, range).next().is_some()
    }

    /// Every match inside `range` of the haystack's text, as [`Pattern::is_match_within`]
    /// finds them; spans are of the whole text.
    pub fn find_iter_within<'h>(
        &'h self,
        hay: &'h Haystack<'h>,
        range: Range<usize>,
    ) -> Box<dyn Iterator<Item = Hit<'h>> + 'h> {
        let text = hay.text;
        match &self.kind {
            Kind::Tokens(..) if self.scanned_with(hay) => {
                let hits = self.token_hits(hay);
                let from = hits.partition_point(|m| m.range.start < range.start);
                Box::new(
                    hits[from..]
                        .iter()
                        .take_while(move |m| m.range.start < range.end)
                        .filter(move |m| m.range.end <= range.end)
                        .map(move |m| Hit::new(text, m.range.clone())),
                )
            }
            Kind::Tokens(own, _) => {
                let offset = range.start;
                Box::new(
                    own_scan(own, &text[range])
                        .into_iter()
                        .map(move |m| Hit::new(text, m.range.start + offset..m.range.end + offset)),
                )
            }
            Kind::Regex(regex) => {
                let absent = self.windows(hay).is_some_and(|windows| {
                    !windows
                        .iter()
                        .any(|w| w.start < range.end && w.end > range.start)
                });
                if absent {
                    return Box::new(std::iter::empty());
                }
                let offset = range.start;
                Box::new(
                    regex
                        .find_iter(&text[range])
                        .map(move |m| Hit::new(text, m.start() + offset..m.end() + offset)),
                )
            }
        }
    }

    /// Whether the pattern matches anywhere in a short string.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.kind {
            Kind::Regex(r) => r.is_match(text),
            Kind::Tokens(own, _) => !own_scan(own, text).is_empty(),
        }
    }

    /// Every match in a short string.
    pub fn find_iter<'h>(&'h self, text: &'h str) -> Box<dyn Iterator<Item = Hit<'h>> + 'h> {
        match &self.kind {
            Kind::Regex(r) => Box::new(r.find_iter(text).map(Hit::from)),
            Kind::Tokens(own, _) => Box::new(
                own_scan(own, text)
                    .into_iter()
                    .map(move |m| Hit::new(text, m.range)),
            ),
        }
    }

    pub fn find<'h>(&'h self, text: &'h str) -> Option<Hit<'h>> {
        self.find_iter(text).next()
    }

    /// Every match of a short string with its groups.
    pub fn captures_iter<'h>(&'h self, text: &'h str) -> Box<dyn Iterator<Item = Groups<'h>> + 'h> {
        match &self.kind {
            Kind::Regex(r) => Box::new(r.captures_iter(text).map(Groups::Regex)),
            Kind::Tokens(own, _) => {
                let names = own.capture_names(0);
                Box::new(
                    own_scan(own, text)
                        .into_iter()
                        .map(move |found| Groups::Tokens { text, names, found }),
                )
            }
        }
    }

    pub fn captures<'h>(&'h self, text: &'h str) -> Option<Groups<'h>> {
        self.captures_iter(text).next()
    }

    /// A token pattern's matches in `hay`: from the haystack's one scan when it was made
    /// by this pattern's rule collection, else from a scan of its own.
    fn token_matches<'h>(
        &'h self,
        hay: &'h Haystack<'h>,
    ) -> Box<dyn Iterator<Item = TokenMatch> + 'h> {
        match &self.kind {
            Kind::Tokens(..) if self.scanned_with(hay) => {
                Box::new(self.token_hits(hay).iter().cloned())
            }
            Kind::Tokens(own, _) => Box::new(own_scan(own, hay.text).into_iter()),
            Kind::Regex(_) => Box::new(std::iter::empty()),
        }
    }

    /// Whether `hay` carries this token pattern's matches.
    fn scanned_with(&self, hay: &Haystack) -> bool {
        matches!((self.slot, &hay.tokens), (Some(slot), Some((index, _))) if slot.index == *index)
    }

    /// This token pattern's matches from the haystack's scan (see [`Pattern::scanned_with`]).
    fn token_hits<'h>(&self, hay: &'h Haystack) -> &'h [TokenMatch] {
        match (self.slot, &hay.tokens) {
            (Some(slot), Some((_, hits))) => &hits.by_rule[slot.position],
            _ => &[],
        }
    }

    /// The search windows in `hay`, merged and on character boundaries; `None` when the
    /// whole text is to be searched.
    fn windows(&self, hay: &Haystack) -> Option<Vec<Range<usize>>> {
        let reach = self.digit_reach?;
        let text = hay.text;
        let mut windows: Vec<Range<usize>> = Vec::new();
        let mut covered = 0;
        for run in hay.digits()? {
            let start = floor_boundary(text, run.start.saturating_sub(reach));
            // One byte past the furthest end, so the cut is never where a match ends.
            let end = ceil_boundary(text, run.end.saturating_add(reach).saturating_add(1));
            match windows.last_mut() {
                Some(last) if start <= last.end => {
                    covered += end.saturating_sub(last.end);
                    last.end = last.end.max(end);
                }
                _ => {
                    covered += end - start;
                    windows.push(start..end);
                }
            }
        }
        (covered as f64 <= text.len() as f64 * MAX_WINDOW_SHARE).then_some(windows)
    }
}

/// A token pattern as parsed (its file's lists expanded), for the collection's index.
#[derive(Debug)]
struct TokenSource {
    tree: super::tokens::Node,
}

/// A lone token pattern over a text it was not scanned with.
fn own_scan(own: &TokenRules, text: &str) -> Vec<TokenMatch> {
    let tokens = crate::analysis::Analyzer::global().tokens(text);
    own.scan(text, &tokens).by_rule.pop().unwrap_or_default()
}

/// Reads one match at or after a position: its span and what the caller wants of it.
type Produce<'h, T> = fn(&Regex, &'h str, usize) -> Option<(Range<usize>, T)>;

fn find_at<'h>(regex: &Regex, text: &'h str, at: usize) -> Option<(Range<usize>, Hit<'h>)> {
    regex.find_at(text, at).map(|m| (m.range(), Hit::from(m)))
}

fn captures_at<'h>(regex: &Regex, text: &'h str, at: usize) -> Option<(Range<usize>, Groups<'h>)> {
    regex.captures_at(text, at).map(|c| {
        (
            c.get(0).expect("group 0 always matches").range(),
            Groups::Regex(c),
        )
    })
}

/// Searches window after window, each with the text before it as context.
struct Windowed<'h, T> {
    regex: &'h Regex,
    text: &'h str,
    windows: Vec<Range<usize>>,
    window: usize,
    at: usize,
    produce: Produce<'h, T>,
}

impl<'h, T> Windowed<'h, T> {
    fn new(
        regex: &'h Regex,
        text: &'h str,
        windows: Vec<Range<usize>>,
        produce: Produce<'h, T>,
    ) -> Self {
        Windowed {
            regex,
            text,
            windows,
            window: 0,
            at: 0,
            produce,
        }
    }
}

impl<T> Iterator for Windowed<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        while let Some(window) = self.windows.get(self.window) {
            let from = self.at.max(window.start);
            if from > window.end {
                self.window += 1;
                continue;
            }
            // Every match holding one of the window's digits ends inside it while its
            // repetitions stay within their reach (see `digits`).
            let Some((range, item)) = (self.produce)(self.regex, &self.text[..window.end], from)
            else {
                self.window += 1;
                continue;
            };
            self.at = if range.is_empty() {
                next_char(self.text, range.end)
            } else {
                range.end
            };
            return Some(item);
        }
        None
    }
}

/// The position after the character at `at`; past the end at the end.
fn next_char(text: &str, at: usize) -> usize {
    match text[at..].chars().next() {
        Some(c) => at + c.len_utf8(),
        None => text.len() + 1,
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The token rules of a rule collection, compiled together, for its documents' one scan.
#[derive(Debug, Clone)]
pub struct ScanIndex {
    id: u64,
    tokens: Arc<TokenRules>,
}

impl ScanIndex {
    /// Compiles every token pattern into one collection and gives each its slot there.
    pub fn build<'p>(patterns: impl Iterator<Item = &'p mut Pattern>) -> ScanIndex {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut tokens = TokenRules::new();
        for pattern in patterns {
            if let Kind::Tokens(_, written) = &pattern.kind {
                let position = tokens
                    .add_tree(&written.tree)
                    .expect("compiled alone already");
                pattern.slot = Some(Slot {
                    index: id,
                    position,
                });
            }
        }
        ScanIndex {
            id,
            tokens: Arc::new(tokens),
        }
    }

    /// Scans `text` once: its digits, and every token rule over its tokens.
    pub fn scan<'t>(&self, text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            index: Some(self.id),
            digits: digits::digit_runs(text),
            tokens: (!self.tokens.is_empty()).then(|| {
                let analysed = crate::analysis::Analyzer::global().tokens(text);
                (self.id, self.tokens.scan(text, &analysed))
            }),
        }
    }
}

/// A document's text with the one scan of a rule collection.
#[derive(Debug, Clone)]
pub struct Haystack<'t> {
    text: &'t str,
    index: Option<u64>,
    /// The runs of digits, for the patterns that need one (see [`digits`]).
    digits: Vec<Range<usize>>,
    /// The token rules' matches, with the id of the collection that found them.
    tokens: Option<(u64, TokenHits)>,
}

impl<'t> Haystack<'t> {
    /// A haystack without a scan: patterns search the whole text.
    pub fn unscanned(text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            index: None,
            digits: Vec::new(),
            tokens: None,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The runs of digits, when the text was scanned.
    fn digits(&self) -> Option<&[Range<usize>]> {
        self.index.is_some().then_some(self.digits.as_slice())
    }
}

impl Deref for Haystack<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    /// Texts the rules meet: the corpus, every rule example, and the corpus with its
    /// line breaks flowed and its case changed.
    fn texts(rules: &Rules) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let flowed: Vec<String> = texts.iter().map(|t| t.replace('\n', " ")).collect();
        let upper: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
        texts.extend(flowed);
        texts.extend(upper);
        let mut examples = String::new();
        for set in rules.sets.values() {
            for rule in &set.rules {
                for e in &rule.examples {
                    examples.push_str(&e.text);
                    examples.push_str("\n\n");
                }
                for n in &rule.negative {
                    examples.push_str(n);
                    examples.push('\n');
                }
            }
            for entity in &set.entities {
                for e in &entity.examples {
                    examples.push_str(&e.text);
                    examples.push_str(". ");
                }
            }
        }
        texts.push(examples);
        texts
    }

    #[test]
    fn windowed_search_finds_what_a_whole_text_search_finds() {
        let rules = Rules::embedded().unwrap();
        for text in texts(&rules) {
            let hay = rules.haystack(&text);
            for set in rules.sets.values() {
                let patterns = set
                    .rules
                    .iter()
                    .map(|r| (&r.id, &r.regex))
                    .chain(set.entities.iter().map(|e| (&e.canonical, &e.regex)));
                for (name, pattern) in patterns {
                    let Some(regex) = pattern.regex() else {
                        continue;
                    };
                    let exact: Vec<_> = regex
                        .captures_iter(&text)
                        .map(|c| format!("{:?}", Groups::Regex(c)))
                        .collect();
                    let windowed: Vec<_> = pattern
                        .captures_iter_in(&hay)
                        .map(|c| format!("{c:?}"))
                        .collect();
                    assert_eq!(windowed, exact, "{name} windowed on {:.60}", text);
                    assert_eq!(pattern.is_match_in(&hay), regex.is_match(&text), "{name}");
                }
            }
        }
    }

    /// The byte-level word boundaries (see `boundaries`) find what the Unicode ones find
    /// on real Swedish text.
    #[test]
    fn rewritten_boundaries_match_like_unicode_ones() {
        let rules = Rules::embedded().unwrap();
        for text in texts(&rules) {
            for set in rules.sets.values() {
                for rule in set.rules.iter().filter(|r| !r.regex.is_tokens()) {
                    let expanded =
                        crate::rules::expand_lexicon(&rule.pattern, &set.lexicon).unwrap();
                    let unicode = regex::RegexBuilder::new(&crate::rules::regex_source(&expanded))
                        .case_insensitive(true)
                        .multi_line(true)
                        .size_limit(50 << 20)
                        .build()
                        .unwrap();
                    let want: Vec<_> = unicode.find_iter(&text).map(|m| m.range()).collect();
                    let got: Vec<_> = rule.regex.find_iter(&text).map(|m| m.range()).collect();
                    assert_eq!(got, want, "{} on {:.60}", rule.id, text);
                }
            }
        }
    }

    /// The one-pass token matcher finds what trying every rule at every token finds, on
    /// the corpus, every rule example and the dev set.
    #[test]
    fn one_pass_token_scan_equals_the_naive_matcher() {
        let rules = Rules::embedded().unwrap();
        let index = rules.scan.as_ref().unwrap();
        assert!(!index.tokens.is_empty(), "the rules have token patterns");
        let mut texts = texts(&rules);
        let devset = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset/docs");
        let dev: Vec<String> = std::fs::read_dir(&devset)
            .unwrap_or_else(|e| panic!("{}: {e}", devset.display()))
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        assert!(dev.len() >= 50);
        texts.extend(dev);
        let mut analyzer = crate::analysis::Analyzer::global();
        let mut found = 0;
        for text in &texts {
            let tokens = analyzer.tokens(text);
            let one_pass = index.tokens.scan(text, &tokens);
            assert_eq!(
                one_pass,
                index.tokens.scan_naive(text, &tokens),
                "{:.80}",
                text
            );
            found += one_pass.by_rule.iter().map(Vec::len).sum::<usize>();
        }
        assert!(found > 100, "{found} token matches");
    }

    #[test]
    fn a_numeric_regex_searches_only_around_digits() {
        let iso = Pattern::new(r"\b(?P<y>\d{4})-\d{2}-\d{2}\b").unwrap();
        assert!(iso.digit_reach.is_some());
        let index = ScanIndex::build(std::iter::empty());
        let words = "Brevet skickades till fel mottagare och ärendet avslutades. ".repeat(40);
        assert_eq!(iso.windows(&index.scan(&words)), Some(Vec::new()));

        let text = format!("{words}Anmälan kom 2021-03-11.\n{words}");
        let hay = index.scan(&text);
        let windows = iso.windows(&hay).unwrap();
        assert_eq!(windows.len(), 1);
        assert!(windows[0].len() < text.len() / 10, "{windows:?}");
        let found: Vec<&str> = iso
            .captures_iter_in(&hay)
            .map(|c| c.get(0).unwrap().as_str())
            .collect();
        assert_eq!(found, ["2021-03-11"]);
    }

    /// Every regex rule left is a shape below the word that holds a digit, searched only
    /// around the document's digits; words are token patterns (issue 13).
    #[test]
    fn regex_rules_are_digit_shapes() {
        let rules = Rules::embedded().unwrap();
        let patterns: Vec<(&str, &Pattern)> = rules
            .sets
            .values()
            .flat_map(|s| {
                s.rules
                    .iter()
                    .map(|r| (r.id.as_str(), &r.regex))
                    .chain(s.entities.iter().map(|e| (e.canonical.as_str(), &e.regex)))
            })
            .collect();
        let regexes = patterns.iter().filter(|(_, p)| !p.is_tokens()).count();
        assert!(regexes >= 20, "{regexes} regex rules");
        let whole_text: Vec<&str> = patterns
            .iter()
            .filter(|(_, p)| !p.is_narrowed())
            .map(|(id, _)| *id)
            .collect();
        assert!(whole_text.is_empty(), "{whole_text:?}");
        let words = Pattern::new(r"\bdnr\s+\w+").unwrap();
        assert!(
            !words.is_narrowed(),
            "a regex of words searches the whole text"
        );
    }
}
