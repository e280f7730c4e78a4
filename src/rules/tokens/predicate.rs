//! The token tests of all patterns, interned, and what each word passes, found once.
//!
//! A word's tests depend only on its lower-case form (and its lemmas, a function of it),
//! so the answer is computed the first time a thread meets the word and looked up after:
//! an archive repeats its words. Tests that depend on case (shapes, words written exactly
//! so) are read off the token as written.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::syntax::{ShapeTerm, Term};
use crate::analysis::{Shape, Token};

/// The index of a predicate: an element's alternatives as one test.
pub type PredId = u32;

/// All predicates of a compiled rule collection, indexed by what they look for.
#[derive(Debug, Default)]
pub struct Predicates {
    id: u64,
    count: u32,
    words: FxHashMap<String, Vec<PredId>>,
    prefixes: FxHashMap<String, Vec<PredId>>,
    suffixes: FxHashMap<String, Vec<PredId>>,
    infixes: Vec<(String, PredId)>,
    lemmas: FxHashMap<String, Vec<PredId>>,
    lemma_prefixes: FxHashMap<String, Vec<PredId>>,
    lemma_suffixes: FxHashMap<String, Vec<PredId>>,
    regexes: Vec<(regex::Regex, PredId)>,
    /// Words as written, case and all.
    exact: FxHashMap<String, Vec<PredId>>,
    /// Per predicate, its shape tests.
    shapes: Vec<Vec<ShapeTerm>>,
    /// Predicates with shape tests.
    shaped: Vec<PredId>,
    interned: FxHashMap<Vec<Term>, PredId>,
    longest_affix: usize,
}

impl Predicates {
    pub fn new() -> Predicates {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Predicates {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            ..Predicates::default()
        }
    }

    /// The predicate of one element, shared by every element with the same terms.
    pub fn intern(&mut self, terms: &[Term]) -> PredId {
        let mut key = terms.to_vec();
        key.sort();
        key.dedup();
        if let Some(&id) = self.interned.get(&key) {
            return id;
        }
        let id = self.count;
        self.count += 1;
        self.shapes.push(Vec::new());
        for t in &key {
            let add = |map: &mut FxHashMap<String, Vec<PredId>>, s: &String| {
                map.entry(s.clone()).or_default().push(id)
            };
            match t {
                Term::Word(w) => add(&mut self.words, w),
                Term::Prefix(w) => add(&mut self.prefixes, w),
                Term::Suffix(w) => add(&mut self.suffixes, w),
                Term::Infix(w) => self.infixes.push((w.clone(), id)),
                Term::Lemma(w) => add(&mut self.lemmas, w),
                Term::LemmaPrefix(w) => add(&mut self.lemma_prefixes, w),
                Term::LemmaSuffix(w) => add(&mut self.lemma_suffixes, w),
                Term::Regex(r) => self.regexes.push((whole_word_regex(r), id)),
                Term::Exact(w) => add(&mut self.exact, w),
                Term::Shape(s) => {
                    if self.shapes[id as usize].is_empty() {
                        self.shaped.push(id);
                    }
                    self.shapes[id as usize].push(*s);
                }
            }
            if let Term::Prefix(w) | Term::Suffix(w) | Term::LemmaPrefix(w) | Term::LemmaSuffix(w) =
                t
            {
                self.longest_affix = self.longest_affix.max(w.len());
            }
        }
        self.interned.insert(key, id);
        id
    }

    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Runs `body` over what each of `tokens` passes: the thread's [`Form`]s, and per
    /// token the index of its form. What a token passes depends only on how it is written
    /// (its lower-case form, lemmas, case and shape all follow from that), so it is looked
    /// up in the thread's memo, found once per written form; `derive` adds the caller's
    /// facts about a form's predicates (the rules it can start), kept while `version` holds.
    pub fn with_forms<R>(
        &self,
        tokens: &[Token],
        text: &str,
        version: usize,
        derive: impl Fn(&[PredId]) -> Derived,
        body: impl FnOnce(&[Form], &[u32]) -> R,
    ) -> R {
        MEMO.with_borrow_mut(|memos| {
            let memo = match memos.iter().position(|m| m.id == self.id) {
                Some(at) => &mut memos[at],
                None => {
                    // Each lone pattern has predicates of its own: keep the memos of the
                    // few collections in use, not one for every pattern ever scanned.
                    if memos.len() >= MAX_MEMOS {
                        memos.remove(0);
                    }
                    memos.push(Memo {
                        id: self.id,
                        count: self.count,
                        version,
                        words: FxHashMap::default(),
                        forms: Vec::new(),
                    });
                    memos.last_mut().unwrap()
                }
            };
            // A collection that grew since makes its old answers incomplete.
            if memo.count != self.count
                || memo.version != version
                || memo.words.len() >= crate::analysis::CACHE_WORDS
            {
                memo.words.clear();
                memo.forms.clear();
                memo.count = self.count;
                memo.version = version;
            }
            let mut ids = Vec::with_capacity(tokens.len());
            for token in tokens {
                let written = token.text(text);
                let id = match memo.words.get(written) {
                    Some(&id) => id,
                    None => {
                        let preds = self.evaluate(token, written);
                        let id = memo.forms.len() as u32;
                        memo.forms.push(Form {
                            derived: derive(&preds),
                            mask: preds.iter().fold(0, |mask, &p| mask | bit(p)),
                            preds: preds.into_boxed_slice(),
                        });
                        memo.words.insert(written.into(), id);
                        id
                    }
                };
                ids.push(id);
            }
            body(&memo.forms, &ids)
        })
    }

    /// Whether a token of `shape` written `written` passes predicate `id`'s shape tests.
    fn shape_passes(&self, id: PredId, shape: Shape, written: &str) -> bool {
        self.shapes[id as usize].iter().any(|s| match s {
            ShapeTerm::Initial => written.chars().next().is_some_and(char::is_uppercase),
            ShapeTerm::Any => true,
            ShapeTerm::Word => shape != Shape::Punctuation,
            ShapeTerm::Capitalised => shape == Shape::Capitalised,
            ShapeTerm::Lower => shape == Shape::Lower,
            ShapeTerm::Upper => shape == Shape::Upper,
            ShapeTerm::Digits => shape == Shape::Digits,
        })
    }

    /// Everything `token`, written `written`, passes: by its words, as written, by shape.
    fn evaluate(&self, token: &Token, written: &str) -> Vec<PredId> {
        let (lower, lemmas) = (token.lower(), token.lemmas());
        let mut found = Vec::new();
        if let Some(ids) = self.exact.get(written) {
            found.extend_from_slice(ids);
        }
        found.extend(
            self.shaped
                .iter()
                .copied()
                .filter(|&id| self.shape_passes(id, token.shape, written)),
        );
        let extend = |found: &mut Vec<PredId>, hit: Option<&Vec<PredId>>| {
            if let Some(ids) = hit {
                found.extend_from_slice(ids);
            }
        };
        extend(&mut found, self.words.get(lower));
        for (i, _) in lower.char_indices().skip(1) {
            if i > self.longest_affix {
                break;
            }
            extend(&mut found, self.prefixes.get(&lower[..i]));
        }
        if lower.len() <= self.longest_affix {
            extend(&mut found, self.prefixes.get(lower));
        }
        for (i, _) in lower.char_indices() {
            if lower.len() - i <= self.longest_affix {
                extend(&mut found, self.suffixes.get(&lower[i..]));
            }
        }
        for (infix, id) in &self.infixes {
            if lower.contains(infix.as_str()) {
                found.push(*id);
            }
        }
        let own = [lower.to_string()];
        let lemmas = if lemmas.is_empty() { &own[..] } else { lemmas };
        for lemma in lemmas {
            extend(&mut found, self.lemmas.get(lemma));
            for (i, _) in lemma.char_indices() {
                if lemma.len() - i <= self.longest_affix {
                    extend(&mut found, self.lemma_suffixes.get(&lemma[i..]));
                }
                if i > 0 && i <= self.longest_affix {
                    extend(&mut found, self.lemma_prefixes.get(&lemma[..i]));
                }
            }
            if lemma.len() <= self.longest_affix {
                extend(&mut found, self.lemma_prefixes.get(lemma.as_str()));
            }
        }
        for (regex, id) in &self.regexes {
            if regex.is_match(lower) {
                found.push(*id);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// What a written form passes, and what the caller derived from that.
pub struct Form {
    /// The predicates, sorted.
    pub preds: Box<[PredId]>,
    /// A bit per predicate, modulo 128: most tests of a token fail, and most fail here.
    mask: u128,
    pub derived: Derived,
}

impl Form {
    /// Whether the form passes predicate `p`.
    pub fn passes(&self, p: PredId) -> bool {
        self.mask & bit(p) != 0 && self.preds.binary_search(&p).is_ok()
    }
}

fn bit(p: PredId) -> u128 {
    1 << (p % 128)
}

/// The rules a form can start, sorted: anywhere, and where a sentence begins.
pub type Derived = (Box<[u32]>, Box<[u32]>);

/// What the words of one predicate collection pass, by written form.
struct Memo {
    id: u64,
    /// The collection's number of predicates when the answers were found.
    count: u32,
    /// The caller's version of what it derives (see [`Predicates::with_forms`]).
    version: usize,
    /// Per written form, its index in `forms`.
    words: FxHashMap<Box<str>, u32>,
    forms: Vec<Form>,
}

/// Predicate collections a thread remembers words for.
const MAX_MEMOS: usize = 64;

/// How many collections this thread remembers words for.
#[cfg(test)]
pub(crate) fn memo_count() -> usize {
    MEMO.with_borrow(Vec::len)
}

thread_local! {
    static MEMO: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
}

/// The regex of a `/regex/` term, matching a whole word; one compiled regex per source
/// for the process, as every rule collection (the index, each lone pattern) asks again.
fn whole_word_regex(source: &str) -> regex::Regex {
    static COMPILED: std::sync::Mutex<Option<FxHashMap<String, regex::Regex>>> =
        std::sync::Mutex::new(None);
    let mut compiled = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    compiled
        .get_or_insert_with(FxHashMap::default)
        .entry(source.to_string())
        .or_insert_with(|| {
            regex::Regex::new(&format!("^(?:{source})$")).expect("checked when parsed")
        })
        .clone()
}
