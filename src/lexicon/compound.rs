//! Lemmas and compound parts of one word, by the dictionary's compound grammar.
//!
//! A compound reads as a first part that may begin a compound, any parts that may stand
//! inside one (the dictionary marks few, so a part that may begin one is taken too), and a
//! last part that may end one, inflected or not. The reading with the fewest parts wins; on
//! a tie, the one with the longest first part.
//!
//! Precision limits (so `kund` does not find `sekund`, nor `lag` find `lagring`):
//! - no part is shorter than [`MIN_PIECE`] characters as written, nor is a word shorter
//!   than [`MIN_WORD`] split;
//! - a word the dictionary knows as a word of its own is split only into parts of at least
//!   [`MIN_PIECE_KNOWN`] characters, unless it begins with a form that stands only in
//!   compounds (`skydds|lag`): the dictionary lists `lagring` and `sekund` because they
//!   are words, not compounds, and short parts are what such words happen to contain;
//! - names are never split, nor words with digits.

use super::compact::Entry;
use super::hunspell::{BEGIN, END, MIDDLE, PROPER, STANDALONE};
use super::{Lexicon, WordAnalysis};

/// Words shorter than this (characters) are never split.
pub const MIN_WORD: usize = 6;
/// The shortest part, as written (`lön|e|system`: `löne`), of a word the dictionary lacks.
pub const MIN_PIECE: usize = 3;
/// The shortest part of a word the dictionary knows.
pub const MIN_PIECE_KNOWN: usize = 4;
/// The shortest known head (characters) an unknown word is read by.
const MIN_HEAD: usize = 4;

pub(super) fn analyze(lex: &Lexicon, word: &str, names_possible: bool) -> WordAnalysis {
    let lower = word.to_lowercase();
    let mut entries = Vec::new();
    lex.lookup(&lower, &mut entries);
    entries.retain(|e| e.bits & STANDALONE != 0);
    let known = !entries.is_empty();
    let proper = known && entries.iter().all(|e| e.bits & PROPER != 0);
    let mut lemmas = lemma_strings(lex, &entries, &lower);
    let mut parts = Vec::new();
    let splittable = !proper && !lower.chars().any(|c| c.is_numeric());
    if splittable {
        if let Some(pieces) = split(lex, &lower, known) {
            collect_parts(lex, &pieces, &mut parts);
            if !known {
                lemmas = compound_lemmas(&lower, &pieces);
            }
        } else if !known
            && !names_possible
            && let Some((start, head)) = longest_head(lex, &lower)
        {
            // What stands before the head is a part too when it is a word, with or
            // without a linking `s` (`incidents|anmälan`).
            let before = &lower[..start];
            parts.extend(word_before_head(lex, before));
            for lemma in &head {
                lemmas.push(format!("{before}{lemma}"));
                parts.push(lemma.clone());
            }
        }
    }
    if lemmas.is_empty() {
        lemmas.push(lower.clone());
    }
    parts.retain(|p| !lemmas.contains(p) && p.chars().count() >= MIN_PIECE);
    let mut seen = Vec::new();
    parts.retain(|p| {
        let new = !seen.contains(p);
        seen.push(p.clone());
        new
    });
    WordAnalysis {
        lower,
        lemmas,
        parts,
        known,
    }
}

/// The distinct lemmas of `entries`, `form` itself first when it is one of them: a form
/// that is a headword and an inflection of another (`anmälan`, `obehöriga`) is read as
/// the headword first, as the one a query for it means.
fn lemma_strings(lex: &Lexicon, entries: &[Entry], form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in entries {
        let lemma = lex.lemma(*e);
        if !out.iter().any(|l| l == lemma) {
            out.push(lemma.to_string());
        }
    }
    if let Some(at) = out.iter().position(|l| l == form) {
        out[..=at].rotate_right(1);
    }
    out
}

/// One part of a compound: where it stands in the word and its lemmas.
struct Piece {
    start: usize,
    lemmas: Vec<String>,
    /// A form that stands only in compounds (`skydds`, `kvinno`, `tjänste`).
    combining: bool,
}

/// Reads `word` as a compound, by the limits in the module's doc: a known word splits
/// into parts of [`MIN_PIECE_KNOWN`] characters, or of [`MIN_PIECE`] when it begins with
/// a form that stands only in compounds (`skydds|lag`, `tjänste|män`: no word of its own
/// happens to be spelled that way, as `lag|ring` is).
fn split(lex: &Lexicon, word: &str, known: bool) -> Option<Vec<Piece>> {
    if !known {
        return segment(lex, word, MIN_PIECE);
    }
    segment(lex, word, MIN_PIECE_KNOWN)
        .or_else(|| segment(lex, word, MIN_PIECE).filter(|pieces| pieces[0].combining))
}

/// The lemmas of `before`, what precedes an unknown word's head, when it is a word that
/// may begin a compound, as written or less a linking `s`.
fn word_before_head(lex: &Lexicon, before: &str) -> Vec<String> {
    let mut buf = Vec::new();
    let bare = before.strip_suffix('s');
    for candidate in std::iter::once(before).chain(bare) {
        if candidate.chars().count() < MIN_PIECE {
            continue;
        }
        lex.lookup(candidate, &mut buf);
        buf.retain(|e| e.bits & (BEGIN | STANDALONE) != 0 && e.bits & PROPER == 0);
        if !buf.is_empty() {
            return lemma_strings(lex, &buf, candidate);
        }
    }
    Vec::new()
}

/// Reads `word` as two or more parts, or `None`.
fn segment(lex: &Lexicon, word: &str, min_piece: usize) -> Option<Vec<Piece>> {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    let n = bounds.len() - 1;
    if n < MIN_WORD || n < 2 * min_piece {
        return None;
    }
    let mut buf = Vec::new();
    let mut lemmas_with = |piece: &str, bits: u8| -> Vec<String> {
        lex.lookup(piece, &mut buf);
        let fitting: Vec<Entry> = buf.iter().filter(|e| e.bits & bits != 0).copied().collect();
        lemma_strings(lex, &fitting, piece)
    };
    // tail[k]: the fewest parts reading word[bounds[k]..] as (middle part)* last part, with
    // the end of its first part and that part's lemmas.
    let mut tail: Vec<Option<(usize, usize, Vec<String>)>> = vec![None; n + 1];
    for k in (min_piece..=n - min_piece).rev() {
        let last = lemmas_with(&word[bounds[k]..], END);
        if !last.is_empty() {
            tail[k] = Some((1, n, last));
        }
        for e in (k + min_piece..=n - min_piece).rev() {
            let Some((count, _, _)) = &tail[e] else {
                continue;
            };
            let count = count + 1;
            if tail[k].as_ref().is_some_and(|(c, _, _)| *c <= count) {
                continue;
            }
            let lemmas = lemmas_with(&word[bounds[k]..bounds[e]], MIDDLE | BEGIN);
            if !lemmas.is_empty() {
                tail[k] = Some((count, e, lemmas));
            }
        }
    }
    let mut best: Option<(usize, usize, Vec<String>)> = None;
    for e in (min_piece..=n - min_piece).rev() {
        let Some((count, _, _)) = &tail[e] else {
            continue;
        };
        let count = count + 1;
        if best.as_ref().is_some_and(|(c, _, _)| *c <= count) {
            continue;
        }
        let lemmas = lemmas_with(&word[..bounds[e]], BEGIN);
        if !lemmas.is_empty() {
            best = Some((count, e, lemmas));
        }
    }
    let (_, mut e, lemmas) = best?;
    let mut first = Vec::new();
    lex.lookup(&word[..bounds[e]], &mut first);
    let combining = first
        .iter()
        .all(|x| x.bits & BEGIN == 0 || x.bits & STANDALONE == 0);
    let mut pieces = vec![Piece {
        start: 0,
        lemmas,
        combining,
    }];
    while e < n {
        let (_, next, lemmas) = tail[e].clone()?;
        pieces.push(Piece {
            start: bounds[e],
            lemmas,
            combining: false,
        });
        e = next;
    }
    Some(pieces)
}

/// The lemmas of the pieces, each followed by the parts of its lemma when that is a
/// compound itself.
fn collect_parts(lex: &Lexicon, pieces: &[Piece], out: &mut Vec<String>) {
    for piece in pieces {
        for lemma in &piece.lemmas {
            out.push(lemma.clone());
            if let Some(sub) = split(lex, lemma, true) {
                collect_parts(lex, &sub, out);
            }
        }
    }
}

/// An unknown compound's lemmas: its first parts as written, then each lemma of its last.
fn compound_lemmas(word: &str, pieces: &[Piece]) -> Vec<String> {
    let last = pieces.last().expect("two or more pieces");
    last.lemmas
        .iter()
        .map(|l| format!("{}{l}", &word[..last.start]))
        .collect()
}

/// The longest ending of `word` the dictionary knows as a compound's last part, leaving
/// at least [`MIN_PIECE`] characters before it: its start and lemmas.
fn longest_head(lex: &Lexicon, word: &str) -> Option<(usize, Vec<String>)> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    let mut buf = Vec::new();
    for (k, &start) in starts.iter().enumerate().skip(MIN_PIECE) {
        if n - k < MIN_HEAD {
            break;
        }
        let head = &word[start..];
        lex.lookup(head, &mut buf);
        buf.retain(|e| e.bits & END != 0 && e.bits & PROPER == 0);
        if !buf.is_empty() {
            return Some((start, lemma_strings(lex, &buf, head)));
        }
    }
    None
}
