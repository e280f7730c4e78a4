//! The digit prefilter: a regex rule every match of which holds a digit (a numeric date, a
//! time, a case or phone number) searches only around the digits of a document.
//!
//! Words are token patterns (see [`super::tokens`]); regexes are left for shapes below the
//! word, and most of a Swedish text holds no digit. A document is read once for its runs
//! of ASCII digits ([`digit_runs`], done by the one document scan of
//! [`super::Haystack`]); a pattern that [`needs_digit`] searches windows reaching as far
//! around each run as its longest match can ([`reach`]), and skips a text without digits.
//! An unbounded repetition (`\s+`, `\w*`) is taken to cover at most [`UNBOUNDED_REACH`]
//! bytes; the tests check every rule's windowed matches against a whole-text search.

use std::ops::Range;

use regex_syntax::hir::{Class, Hir, HirKind};

/// Bytes an unbounded repetition is assumed to cover: a long compound word, a run of
/// white space in PDF text.
pub const UNBOUNDED_REACH: usize = 120;

/// The longest match the pattern can make, in bytes, with unbounded repetitions counted
/// as [`UNBOUNDED_REACH`].
pub fn reach(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(lit) => lit.0.len(),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .map(|r| r.end().len_utf8())
            .max()
            .unwrap_or(0),
        HirKind::Class(Class::Bytes(_)) => 1,
        HirKind::Repetition(rep) => {
            let one = reach(&rep.sub);
            match rep.max {
                Some(max) => one.saturating_mul(max as usize),
                None => one
                    .saturating_mul(rep.min as usize)
                    .saturating_add(UNBOUNDED_REACH.max(one)),
            }
        }
        HirKind::Capture(cap) => reach(&cap.sub),
        HirKind::Concat(subs) => subs.iter().map(reach).fold(0, usize::saturating_add),
        HirKind::Alternation(subs) => subs.iter().map(reach).max().unwrap_or(0),
    }
}

/// True when every match of `hir` holds an ASCII digit. `hir` is the pattern as compiled
/// (`\d` already narrowed to 0-9, see [`super::boundaries`]).
pub fn needs_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(c)) => {
            !c.ranges().is_empty()
                && c.ranges()
                    .iter()
                    .all(|r| r.start() >= '0' && r.end() <= '9')
        }
        HirKind::Class(Class::Bytes(c)) => {
            !c.ranges().is_empty()
                && c.ranges()
                    .iter()
                    .all(|r| r.start() >= b'0' && r.end() <= b'9')
        }
        HirKind::Repetition(rep) => rep.min >= 1 && needs_digit(&rep.sub),
        HirKind::Capture(cap) => needs_digit(&cap.sub),
        HirKind::Concat(subs) => subs.iter().any(needs_digit),
        HirKind::Alternation(subs) => subs.iter().all(needs_digit),
    }
}

/// The byte ranges of the runs of ASCII digits in `text`.
pub fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        runs.push(start..at);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(pattern: &str) -> bool {
        let hir = super::super::syntax_tree(pattern).unwrap();
        needs_digit(&super::super::boundaries::rewrite(&hir))
    }

    #[test]
    fn numeric_shapes_need_a_digit_and_word_shapes_do_not() {
        assert!(needs(r"\b\d{4}-\d{2}-\d{2}\b"));
        assert!(needs(
            r"\b(?:kl\.?|klockan)\s*(?P<h>[01]?[0-9])\b|\bvid\s+\d+-tiden"
        ));
        assert!(needs(r"(?:\bden\s+)?\b(?P<d>\d{1,2})/\d{1,2}"));
        assert!(needs(r"\b24/7\b"));
        assert!(!needs(r"\bdnr\s*\d*"));
        assert!(!needs(r"\b(?:\d+|tre)\s+dagar"));
        assert!(!needs(r"(?m)^\s*datum\s*:"));
        // A class with letters may match none.
        assert!(!needs(r"[0-9a-f]{4}"));
    }

    #[test]
    fn reach_counts_unbounded_repetitions_as_a_fixed_number_of_bytes() {
        let reach_of = |pattern: &str| reach(&super::super::syntax_tree(pattern).unwrap());
        assert_eq!(reach_of(r"[0-9]{4}-[0-9]{2}"), 7);
        assert_eq!(reach_of("maj"), 3);
        assert_eq!(reach_of(r"fel\w*"), 3 + UNBOUNDED_REACH);
    }

    #[test]
    fn runs_of_digits_in_bytes() {
        let text = "Å 2021-03-11, kl. 9";
        let runs: Vec<&str> = digit_runs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(runs, ["2021", "03", "11", "9"]);
        assert!(digit_runs("inga siffror här").is_empty());
    }
}
