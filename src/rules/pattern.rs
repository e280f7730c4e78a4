//! A compiled rule pattern and the one-pass document scan that lets many patterns skip
//! the parts of a document where they cannot match.
//!
//! Two hundred rules each scanning a whole document cost two hundred passes. Instead,
//! [`Haystack`] finds every rule's anchor words (see [`anchors`]) in one Aho-Corasick
//! pass; a rule then searches only windows around its anchors, each with the text before
//! it as look-behind context, or skips the document when it holds none. Matches are those
//! of a whole-text search as long as a match's unbounded repetitions stay within
//! [`anchors::UNBOUNDED_REACH`] bytes; the tests check it for every rule on the corpus and
//! the rule examples.
//!
//! On short strings (a sentence, a form answer) a [`Pattern`] is used as the plain
//! [`Regex`] it dereferences to.

use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Captures, Match, Regex};

use super::anchors;

/// A rule's regex with what it must contain. It dereferences to its [`Regex`]; the `_in`
/// methods search a scanned [`Haystack`].
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
    anchors: Option<anchors::Anchors>,
    /// Where this pattern's hits are kept in a [`Haystack`] of the index it belongs to.
    slot: Option<Slot>,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    index: u64,
    position: usize,
}

/// Above this share of the text covered by windows, one whole-text search is cheaper
/// than many window searches.
const MAX_WINDOW_SHARE: f64 = 0.3;

impl Pattern {
    /// Compiles a pattern written in a rule file (see [`super::compile_pattern`]).
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let regex = super::compile_pattern(pattern)?;
        let anchors = super::syntax_tree(pattern).and_then(|hir| anchors::anchors(&hir));
        Ok(Pattern {
            regex,
            anchors,
            slot: None,
        })
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Whether a document scan can narrow this pattern's search.
    pub fn is_anchored(&self) -> bool {
        self.anchors.is_some()
    }

    /// Every match in the haystack's text, as [`Regex::find_iter`] gives them.
    pub fn find_iter_in<'h>(
        &'h self,
        hay: &Haystack<'h>,
    ) -> Box<dyn Iterator<Item = Match<'h>> + 'h> {
        // Every rule's pass over a text is a point where a file's time limit is kept.
        crate::work::check();
        match self.windows(hay) {
            Some(windows) => Box::new(Windowed::new(self, hay.text, windows, find_at)),
            None => Box::new(self.regex.find_iter(hay.text)),
        }
    }

    /// Every match with its groups, as [`Regex::captures_iter`] gives them.
    pub fn captures_iter_in<'h>(
        &'h self,
        hay: &Haystack<'h>,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        crate::work::check();
        match self.windows(hay) {
            Some(windows) => Box::new(Windowed::new(self, hay.text, windows, captures_at)),
            None => Box::new(self.regex.captures_iter(hay.text)),
        }
    }

    /// The first match, as [`Regex::find`].
    pub fn find_in<'h>(&'h self, hay: &Haystack<'h>) -> Option<Match<'h>> {
        self.find_iter_in(hay).next()
    }

    pub fn is_match_in(&self, hay: &Haystack) -> bool {
        match self.windows(hay) {
            Some(windows) => !windows.is_empty() && self.find_in(hay).is_some(),
            None => self.regex.is_match(hay.text),
        }
    }

    /// The search windows in `hay`, merged and on character boundaries; `None` when the
    /// whole text is to be searched.
    fn windows(&self, hay: &Haystack) -> Option<Vec<Range<usize>>> {
        let slot = self.slot?;
        let anchors = self.anchors.as_ref()?;
        let hits = hay.hits_of(slot)?;
        let text = hay.text;
        let mut windows: Vec<Range<usize>> = Vec::new();
        let mut covered = 0;
        for hit in hits {
            let start = floor_boundary(text, hit.start.saturating_sub(anchors.before));
            // One byte past the furthest end, so the cut is never where a match ends.
            let end = ceil_boundary(
                text,
                hit.end.saturating_add(anchors.after).saturating_add(1),
            );
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

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

/// Reads one match at or after a position: its span and what the caller wants of it.
type Produce<'h, T> = fn(&Regex, &'h str, usize) -> Option<(Range<usize>, T)>;

fn find_at<'h>(regex: &Regex, text: &'h str, at: usize) -> Option<(Range<usize>, Match<'h>)> {
    regex.find_at(text, at).map(|m| (m.range(), m))
}

fn captures_at<'h>(
    regex: &Regex,
    text: &'h str,
    at: usize,
) -> Option<(Range<usize>, Captures<'h>)> {
    regex
        .captures_at(text, at)
        .map(|c| (c.get(0).expect("group 0 always matches").range(), c))
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
        pattern: &'h Pattern,
        text: &'h str,
        windows: Vec<Range<usize>>,
        produce: Produce<'h, T>,
    ) -> Self {
        Windowed {
            regex: &pattern.regex,
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
            // Every match holding one of the window's anchors ends inside it while its
            // repetitions stay within their reach (see `anchors`).
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

/// One Aho-Corasick automaton over the anchors of every pattern of a rule collection.
#[derive(Debug, Clone)]
pub struct AnchorIndex {
    id: u64,
    scanner: AhoCorasick,
    /// For each literal, the slots of the patterns it anchors.
    owners: Vec<Vec<usize>>,
    slots: usize,
}

impl AnchorIndex {
    /// Gives every anchored pattern a slot and builds the scanner over their literals.
    pub fn build<'p>(patterns: impl Iterator<Item = &'p mut Pattern>) -> AnchorIndex {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut literals: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut slots = 0;
        for pattern in patterns {
            let Some(anchors) = &pattern.anchors else {
                continue;
            };
            pattern.slot = Some(Slot {
                index: id,
                position: slots,
            });
            for literal in &anchors.literals {
                let next = owners.len();
                let at = *literals.entry(literal.clone()).or_insert(next);
                if at == next {
                    owners.push(Vec::new());
                }
                owners[at].push(slots);
            }
            slots += 1;
        }
        let mut by_position: Vec<(&Vec<u8>, usize)> =
            literals.iter().map(|(l, &i)| (l, i)).collect();
        by_position.sort_by_key(|&(_, i)| i);
        let scanner = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(by_position.iter().map(|(l, _)| l.as_slice()))
            .expect("anchor literals are short and few");
        AnchorIndex {
            id,
            scanner,
            owners,
            slots,
        }
    }

    /// Scans `text` once for every anchor.
    pub fn scan<'t>(&self, text: &'t str) -> Haystack<'t> {
        let mut hits: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.slots];
        for m in self.scanner.find_overlapping_iter(text) {
            for &slot in &self.owners[m.pattern().as_usize()] {
                hits[slot].push(m.range());
            }
        }
        for h in &mut hits {
            h.sort_by_key(|r| r.start);
        }
        Haystack {
            text,
            index: Some(self.id),
            hits,
        }
    }
}

/// A document's text with the anchor hits of one rule collection.
#[derive(Debug, Clone)]
pub struct Haystack<'t> {
    text: &'t str,
    index: Option<u64>,
    hits: Vec<Vec<Range<usize>>>,
}

impl<'t> Haystack<'t> {
    /// A haystack without a scan: patterns search the whole text.
    pub fn unscanned(text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            index: None,
            hits: Vec::new(),
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    fn hits_of(&self, slot: Slot) -> Option<&[Range<usize>]> {
        (self.index == Some(slot.index)).then(|| self.hits[slot.position].as_slice())
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
                    let exact: Vec<_> = pattern
                        .regex()
                        .captures_iter(&text)
                        .map(|c| format!("{c:?}"))
                        .collect();
                    let windowed: Vec<_> = pattern
                        .captures_iter_in(&hay)
                        .map(|c| format!("{c:?}"))
                        .collect();
                    assert_eq!(windowed, exact, "{name} windowed on {:.60}", text);
                    assert_eq!(
                        pattern.is_match_in(&hay),
                        pattern.regex().is_match(&text),
                        "{name}"
                    );
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
                for rule in &set.rules {
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

    #[test]
    fn most_rules_have_anchor_words() {
        let rules = Rules::embedded().unwrap();
        let all: Vec<&Pattern> = rules
            .sets
            .values()
            .flat_map(|s| {
                s.rules
                    .iter()
                    .map(|r| &r.regex)
                    .chain(s.entities.iter().map(|e| &e.regex))
            })
            .collect();
        let anchored = all.iter().filter(|p| p.is_anchored()).count();
        assert!(anchored * 4 >= all.len() * 3, "{anchored} of {}", all.len());
    }
}
