//! What a pattern must contain: the anchor words that let a document be scanned once for
//! all rules instead of once per rule.
//!
//! From a pattern's syntax tree (parsed with the same flags it is compiled with) we read
//! a set of literals one of which occurs in every match, and how far a match can reach
//! around it. "upptäck\w* (?:den|i) {month}" needs one of `upptäck`/`upptÄck` (ASCII case
//! is left to the scanner), so a document without them cannot match and a document with
//! them can only match near them.
//!
//! Limits: a pattern with no literal of at least [`MIN_ANCHOR_BYTES`] in every match
//! (`\d{4}-\d{2}-\d{2}`, `\p{Lu}\w+ AB`) gets no anchors and is run over the whole text.
//! An unbounded repetition (`\w*`, `\s+`, `.*`) counts as [`UNBOUNDED_REACH`] bytes when
//! the reach is computed, so a match whose text before or after its anchor is longer than
//! that is not found; the equivalence tests run every rule both ways.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals shorter than this occur too often to narrow a search.
pub const MIN_ANCHOR_BYTES: usize = 3;

/// Bytes an unbounded repetition is assumed to cover: a long compound word, a run of
/// white space in PDF text, the rest of a form answer.
pub const UNBOUNDED_REACH: usize = 120;

/// The most literals one set may hold before it stops being a useful filter.
const MAX_LITERALS: usize = 128;

/// The most characters a class may hold and still count as a set of literals.
const MAX_CLASS_CHARS: usize = 4;

type Literals = Vec<Vec<u8>>;

/// Literals one of which occurs in every match, and how far a match reaches before
/// and after the literal it contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchors {
    /// Lower-cased ASCII; other letters in every case the pattern accepts.
    pub literals: Literals,
    /// Bytes a match can hold before the literal's start.
    pub before: usize,
    /// Bytes a match can hold after the literal's end.
    pub after: usize,
}

/// The pattern's anchors, or `None` when it has no good set.
pub fn anchors(hir: &Hir) -> Option<Anchors> {
    let info = analyse(hir);
    let found = best(info.required, info.exact.map(exact_anchors))?;
    (min_len(&found.literals) >= MIN_ANCHOR_BYTES).then_some(found)
}

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

/// What a sub-pattern tells about literals.
struct Info {
    /// Every string the sub-pattern can match, when they are few.
    exact: Option<Literals>,
    /// Literals one of which occurs in every match.
    required: Option<Anchors>,
    /// The longest match.
    reach: usize,
}

fn analyse(hir: &Hir) -> Info {
    let reach = reach(hir);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => exact(vec![Vec::new()], reach),
        HirKind::Literal(lit) => exact(vec![lit.0.to_ascii_lowercase()], reach),
        HirKind::Class(class) => match class_literals(class) {
            Some(set) => exact(set, reach),
            None => Info {
                exact: None,
                required: None,
                reach,
            },
        },
        HirKind::Capture(cap) => analyse(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            let exact = match (rep.min, rep.max, &sub.exact) {
                (1, Some(1), Some(set)) => Some(set.clone()),
                (0, Some(1), Some(set)) => {
                    let mut set = set.clone();
                    set.push(Vec::new());
                    Some(dedup(set))
                }
                (n, Some(m), Some(set)) if n == m && n <= 4 => {
                    (1..n).try_fold(set.clone(), |acc, _| product(&acc, set))
                }
                _ => None,
            };
            // The anchor may be in any copy, so the whole repetition is the reach.
            let required = if rep.min >= 1 {
                best(sub.required, sub.exact.map(exact_anchors)).map(|a| Anchors {
                    before: reach,
                    after: reach,
                    ..a
                })
            } else {
                None
            };
            Info {
                exact,
                required,
                reach,
            }
        }
        HirKind::Concat(subs) => concat(subs, reach),
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyse).collect();
            let exact = infos
                .iter()
                .map(|i| i.exact.clone())
                .try_fold(Vec::new(), |mut acc, set| {
                    acc.extend(set?);
                    (acc.len() <= MAX_LITERALS).then_some(acc)
                })
                .map(dedup);
            let required = infos
                .into_iter()
                .map(|i| best(i.required, i.exact.map(exact_anchors)))
                .try_fold(None::<Anchors>, |acc, a| {
                    let a = a?;
                    let joined = match acc {
                        None => a,
                        Some(acc) => Anchors {
                            literals: dedup([acc.literals, a.literals].concat()),
                            before: acc.before.max(a.before),
                            after: acc.after.max(a.after),
                        },
                    };
                    (joined.literals.len() <= MAX_LITERALS).then_some(Some(joined))
                })
                .flatten();
            Info {
                exact,
                required,
                reach,
            }
        }
    }
}

/// A concatenation: runs of exact parts multiply into longer literals; the best of those
/// runs and of each part's own required set wins.
fn concat(subs: &[Hir], reach: usize) -> Info {
    let infos: Vec<Info> = subs.iter().map(analyse).collect();
    // Reach of the parts before part `i`, and from part `i` on.
    let mut prefix = vec![0usize; infos.len() + 1];
    for (i, info) in infos.iter().enumerate() {
        prefix[i + 1] = prefix[i].saturating_add(info.reach);
    }
    let before = |i: usize| prefix[i];
    let after = |i: usize| prefix[infos.len()].saturating_sub(prefix[i]);

    let mut best_found: Option<Anchors> = None;
    let mut consider = |a: Anchors| best_found = best(best_found.take(), Some(a));
    // The current run of exact parts: its first part and its literals.
    let mut run: Option<(usize, Literals)> = None;
    let mut all_exact = true;
    for (i, info) in infos.iter().enumerate() {
        match &info.exact {
            Some(set) => {
                let grown = match &run {
                    Some((first, lits)) => product(lits, set).map(|l| (*first, l)),
                    None => Some((i, set.clone())),
                };
                run = match grown {
                    Some(grown) => Some(grown),
                    None => {
                        all_exact = false;
                        if let Some((first, lits)) = run.take() {
                            consider(Anchors {
                                literals: lits,
                                before: before(first),
                                after: after(i),
                            });
                        }
                        Some((i, set.clone()))
                    }
                };
            }
            None => {
                all_exact = false;
                if let Some((first, lits)) = run.take() {
                    consider(Anchors {
                        literals: lits,
                        before: before(first),
                        after: after(i),
                    });
                }
            }
        }
        if let Some(req) = &info.required {
            consider(Anchors {
                literals: req.literals.clone(),
                before: before(i).saturating_add(req.before),
                after: req.after.saturating_add(after(i + 1)),
            });
        }
    }
    let exact = match &run {
        Some((0, lits)) if all_exact => Some(lits.clone()),
        None if all_exact => Some(vec![Vec::new()]),
        _ => None,
    };
    if let Some((first, lits)) = run {
        consider(Anchors {
            literals: lits,
            before: before(first),
            after: 0,
        });
    }
    Info {
        exact,
        required: best_found,
        reach,
    }
}

fn exact(set: Literals, reach: usize) -> Info {
    Info {
        exact: Some(set.clone()),
        required: Some(exact_anchors(set)),
        reach,
    }
}

/// An exact set as anchors: the literal is the whole match.
fn exact_anchors(literals: Literals) -> Anchors {
    Anchors {
        literals,
        before: 0,
        after: 0,
    }
}

/// The better filter of two: no empty literal, then the longest shortest literal, then
/// the fewest literals, then the shortest reach.
fn best(a: Option<Anchors>, b: Option<Anchors>) -> Option<Anchors> {
    let usable = |s: &Option<Anchors>| {
        s.as_ref()
            .is_some_and(|s| !s.literals.is_empty() && min_len(&s.literals) > 0)
    };
    match (usable(&a), usable(&b)) {
        (false, false) => None,
        (true, false) => a,
        (false, true) => b,
        (true, true) => {
            let (a, b) = (a.unwrap(), b.unwrap());
            let score = |s: &Anchors| {
                (
                    min_len(&s.literals).min(8),
                    std::cmp::Reverse(s.literals.len().div_ceil(8)),
                    std::cmp::Reverse(s.before.saturating_add(s.after)),
                )
            };
            Some(if score(&b) > score(&a) { b } else { a })
        }
    }
}

fn min_len(set: &Literals) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

fn product(left: &Literals, right: &Literals) -> Option<Literals> {
    if left.len().saturating_mul(right.len()) > MAX_LITERALS {
        return None;
    }
    let mut out = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            let mut s = l.clone();
            s.extend_from_slice(r);
            out.push(s);
        }
    }
    Some(dedup(out))
}

fn dedup(mut set: Literals) -> Literals {
    set.sort();
    set.dedup();
    set
}

/// A small class as the literals it stands for; ASCII letters are folded to lower case
/// because the scanner ignores ASCII case.
fn class_literals(class: &Class) -> Option<Literals> {
    let mut set = Vec::new();
    match class {
        Class::Unicode(c) => {
            for range in c.ranges() {
                for ch in range.start()..=range.end() {
                    let ch = ch.to_ascii_lowercase();
                    set.push(ch.to_string().into_bytes());
                    if set.len() > MAX_CLASS_CHARS * 2 {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(c) => {
            for range in c.ranges() {
                for b in range.start()..=range.end() {
                    set.push(vec![b.to_ascii_lowercase()]);
                    if set.len() > MAX_CLASS_CHARS * 2 {
                        return None;
                    }
                }
            }
        }
    }
    let set = dedup(set);
    (set.len() <= MAX_CLASS_CHARS).then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(pattern: &str) -> Hir {
        super::super::syntax_tree(pattern).unwrap()
    }

    fn anchor_strings(pattern: &str) -> Option<Vec<String>> {
        anchors(&hir(pattern)).map(|a| {
            a.literals
                .into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn literal_words_are_anchors_in_every_case_the_pattern_accepts() {
        let set = anchor_strings(r"\bupptäck\w*\s+den").unwrap();
        assert!(set.contains(&"upptäck".to_string()) && set.contains(&"upptÄck".to_string()));
        assert!(set.iter().all(|s| s.len() >= "upptäck".len()), "{set:?}");
    }

    #[test]
    fn alternations_give_one_anchor_per_branch() {
        let set = anchor_strings(r"\d{1,2} (?:mars|maj|juni)").unwrap();
        // `ſ` (long s) folds to `s`, so the regex accepts it too.
        assert_eq!(set, ["juni", "maj", "mars", "marſ"]);
    }

    #[test]
    fn adjacent_literals_join_into_longer_anchors() {
        let set = anchor_strings(r"(?:an|in)mälde").unwrap();
        assert_eq!(set.len(), 4, "{set:?}");
        assert!(
            set.iter()
                .all(|s| s.starts_with("anm") || s.starts_with("inm"))
        );
    }

    #[test]
    fn patterns_without_a_required_word_get_none() {
        assert_eq!(anchor_strings(r"\d{4}-\d{2}-\d{2}"), None);
        assert_eq!(anchor_strings(r"(?:anmäl)?\d+"), None);
        assert_eq!(anchor_strings(r"\p{Lu}\w+ AB|kommun"), None);
    }

    #[test]
    fn the_reach_before_and_after_the_anchor_is_kept_apart() {
        let a = anchors(&hir(r"[0-9]{2} (?:mars|maj)[0-9]?")).unwrap();
        assert!(a.before > 2 + UNBOUNDED_REACH && a.before <= 2 + 4 + UNBOUNDED_REACH);
        assert_eq!(a.after, 1);
        let a = anchors(&hir(r"\bupptäckt[0-9]{4}")).unwrap();
        assert_eq!((a.before, a.after), (0, 4));
    }

    #[test]
    fn reach_counts_unbounded_repetitions_as_a_fixed_number_of_bytes() {
        assert_eq!(reach(&hir(r"[0-9]{4}-[0-9]{2}")), 7);
        assert_eq!(reach(&hir("maj")), 3);
        assert_eq!(reach(&hir(r"fel\w*")), 3 + UNBOUNDED_REACH);
    }
}
