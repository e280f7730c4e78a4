//! Rules as token patterns, all matched in one pass over a document's tokens.
//!
//! A rule written `tokens = '...'` (syntax in [`syntax`]) is compiled to a small program
//! over the token stream of [`crate::analysis`]. Every element's test is interned as one
//! [`predicate`]; what a word passes is computed once per thread and word. Rules are
//! indexed by the tests their first token can pass, so a token tries only the rules that
//! can start at it: one pass a document, whatever the number of rules.
//!
//! Matching follows the regex crate's leftmost-first semantics, per rule: the earliest
//! start wins, alternatives and greedy repetitions prefer what is written first (lazy
//! ones `{m,n}?` the fewest), and after a match the rule looks on from its end. A match
//! stays inside one sentence. [`TokenRules::scan_naive`] tries every rule at every token;
//! the tests check that the two find the same.

mod predicate;
pub mod syntax;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::analysis::Token;
use predicate::{Form, PredId, Predicates};
pub use syntax::Node;
use syntax::{ShapeTerm, Term};

/// One instruction of a compiled pattern.
#[derive(Debug, Clone, Copy)]
enum Inst {
    /// One token passing the predicate.
    Token(PredId),
    /// The token just taken also passes the predicate.
    Also(PredId),
    /// The next token begins a sentence.
    SentenceStart,
    /// The token before and the next one touch.
    Glued,
    /// No token: the next one starts a line (true) or does not (false).
    LineStart(bool),
    /// Try the first, then the second.
    Split(usize, usize),
    Jump(usize),
    /// Record the position in a capture slot.
    Save(usize),
    Match,
}

/// One compiled pattern.
#[derive(Debug, Clone)]
struct Program {
    insts: Vec<Inst>,
    /// Capture names; group `k` uses slots `2k` and `2k + 1`.
    names: Vec<String>,
    /// Predicates one of which a sentence must pass somewhere for the pattern to match
    /// in it (its rarest required word); `None` when no such word can be named.
    required: Option<Required>,
}

/// A token every match of a pattern holds: one passing any of `preds`, at most `lead`
/// tokens after the match's start.
#[derive(Debug, Clone)]
struct Required {
    preds: Vec<PredId>,
    lead: usize,
}

/// The token patterns of a rule collection, compiled together.
#[derive(Debug, Default)]
pub struct TokenRules {
    predicates: Predicates,
    programs: Vec<Program>,
    /// For each predicate, the rules whose first token it can be.
    starts: Vec<Vec<u32>>,
    /// For each predicate, the rules whose first token it can be where a sentence begins.
    sentence_starts: Vec<Vec<u32>>,
}

/// A match of a token rule: byte spans in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenMatch {
    pub range: Range<usize>,
    /// Per capture name of the rule (in [`TokenRules::capture_names`] order), its span.
    pub groups: Vec<Option<Range<usize>>>,
}

/// What one scan found: per rule, its matches in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenHits {
    pub by_rule: Vec<Vec<TokenMatch>>,
}

impl TokenRules {
    pub fn new() -> TokenRules {
        TokenRules {
            predicates: Predicates::new(),
            ..TokenRules::default()
        }
    }

    /// Compiles a pattern and returns its rule number.
    pub fn add(
        &mut self,
        source: &str,
        lists: &BTreeMap<String, Vec<String>>,
    ) -> Result<usize, String> {
        self.add_tree(&syntax::parse(source, lists)?)
    }

    /// Compiles a parsed pattern and returns its rule number.
    pub fn add_tree(&mut self, tree: &Node) -> Result<usize, String> {
        let mut compiler = Compiler {
            insts: Vec::new(),
            names: Vec::new(),
            predicates: &mut self.predicates,
        };
        compiler.node(tree)?;
        compiler.insts.push(Inst::Match);
        let required = compiler
            .required(tree)
            .map(|(preds, _, lead)| Required { preds, lead });
        let Compiler { insts, names, .. } = compiler;
        let first = first_tokens(&insts).ok_or("the pattern can match no token at all")?;
        let rule = self.programs.len();
        // The index grows by what this pattern added: its new predicates and its starts.
        self.starts.resize(self.predicates.len(), Vec::new());
        self.sentence_starts
            .resize(self.predicates.len(), Vec::new());
        for &(p, at_sentence_start) in &first {
            let index = if at_sentence_start {
                &mut self.sentence_starts
            } else {
                &mut self.starts
            };
            index[p as usize].push(rule as u32);
        }
        self.programs.push(Program {
            insts,
            names,
            required,
        });
        Ok(rule)
    }

    pub fn len(&self) -> usize {
        self.programs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.programs.is_empty()
    }

    /// The capture names of rule `rule`, in the order of [`TokenMatch::groups`].
    pub fn capture_names(&self, rule: usize) -> &[String] {
        &self.programs[rule].names
    }

    /// Every rule over `tokens`, in one pass.
    pub fn scan(&self, text: &str, tokens: &[Token]) -> TokenHits {
        self.with_passes(text, tokens, |doc| {
            let mut hits = TokenHits {
                by_rule: vec![Vec::new(); self.programs.len()],
            };
            let mut resume = vec![0usize; self.programs.len()];
            let mut visited = Visited::default();
            // Per predicate, the last sentence (numbered from 1) holding a token passing it:
            // marked once per sentence, it turns most rules away before `next` walks.
            let mut present = vec![0u32; self.predicates.len()];
            let mut next = NextPassing::new(self.predicates.len());
            let mut sentence = 0u32;
            for at in 0..tokens.len() {
                let begins = at == 0 || tokens[at - 1].sentence != tokens[at].sentence;
                if begins {
                    sentence += 1;
                    for t in at..doc.sentence_end[at] {
                        for &p in doc.of(t) {
                            present[p as usize] = sentence;
                        }
                    }
                }
                let (anywhere, at_sentence_start) = &doc.form(at).derived;
                let candidates = if begins { at_sentence_start } else { anywhere };
                for &rule in candidates.iter() {
                    let rule = rule as usize;
                    if at < resume[rule] {
                        continue;
                    }
                    // The rule's required token must be in the sentence, and near enough.
                    if let Some(required) = &self.programs[rule].required
                        && !required.preds.iter().any(|&p| {
                            present[p as usize] == sentence
                                && next.from(doc, p, at, sentence) <= at + required.lead
                        })
                    {
                        continue;
                    }
                    if let Some(m) = self.run(rule, doc, tokens, at, &mut visited) {
                        resume[rule] = m.end_token;
                        hits.by_rule[rule].push(m.into_match(&self.programs[rule], tokens));
                    }
                }
            }
            crate::work::step(tokens.len() / 64 + 1);
            hits
        })
    }

    /// Every rule tried at every token: the reference [`TokenRules::scan`] must agree with.
    pub fn scan_naive(&self, text: &str, tokens: &[Token]) -> TokenHits {
        self.with_passes(text, tokens, |doc| {
            let mut visited = Visited::default();
            let by_rule = (0..self.programs.len())
                .map(|rule| {
                    let mut found = Vec::new();
                    let mut at = 0;
                    while at < tokens.len() {
                        match self.run(rule, doc, tokens, at, &mut visited) {
                            Some(m) => {
                                at = m.end_token;
                                found.push(m.into_match(&self.programs[rule], tokens));
                            }
                            None => at += 1,
                        }
                    }
                    found
                })
                .collect();
            TokenHits { by_rule }
        })
    }

    /// Runs `body` with what each token passes and the rules it can start.
    fn with_passes<R>(&self, text: &str, tokens: &[Token], body: impl FnOnce(&Passes) -> R) -> R {
        // Where each token's sentence ends: a match never goes past it.
        let mut sentence_end = vec![tokens.len(); tokens.len()];
        for i in (0..tokens.len().saturating_sub(1)).rev() {
            sentence_end[i] = if tokens[i + 1].sentence == tokens[i].sentence {
                sentence_end[i + 1]
            } else {
                i + 1
            };
        }
        let derive = |preds: &[PredId]| {
            let mut anywhere: Vec<u32> = Vec::new();
            let mut at_sentence_start: Vec<u32> = Vec::new();
            for &p in preds {
                anywhere.extend_from_slice(&self.starts[p as usize]);
                at_sentence_start.extend_from_slice(&self.sentence_starts[p as usize]);
            }
            at_sentence_start.extend_from_slice(&anywhere);
            for rules in [&mut anywhere, &mut at_sentence_start] {
                rules.sort_unstable();
                rules.dedup();
            }
            (
                anywhere.into_boxed_slice(),
                at_sentence_start.into_boxed_slice(),
            )
        };
        self.predicates
            .with_forms(tokens, text, self.programs.len(), derive, |forms, ids| {
                body(&Passes {
                    forms,
                    ids,
                    sentence_end,
                })
            })
    }

    /// The match of rule `rule` starting at token `start`, if any.
    fn run(
        &self,
        rule: usize,
        doc: &Passes,
        tokens: &[Token],
        start: usize,
        visited: &mut Visited,
    ) -> Option<Run> {
        let program = &self.programs[rule];
        // The slots buffer is the scan's; a match takes a copy.
        let mut slots = std::mem::take(&mut visited.slots);
        slots.clear();
        slots.resize(program.names.len() * 2, usize::MAX);
        visited.begin(program.insts.len(), doc.sentence_end[start] - start + 1);
        let mut search = Search {
            program,
            doc,
            tokens,
            sentence: tokens[start].sentence,
            start,
            visited,
        };
        let end = search.from(0, start, &mut slots, 0);
        let run = end.map(|end| Run {
            start_token: start,
            end_token: end,
            slots: slots.clone(),
        });
        visited.slots = slots;
        run
    }
}

/// Per predicate, the next token of the sentence passing it: found lazily, and only
/// moving forward, so a sentence costs each predicate asked about one walk at most.
struct NextPassing {
    /// Per predicate, the token found, or `usize::MAX` for none after the last asked.
    at: Vec<usize>,
    /// Per predicate, the sentence `at` is for.
    sentence: Vec<u32>,
}

impl NextPassing {
    fn new(predicates: usize) -> NextPassing {
        NextPassing {
            at: vec![0; predicates],
            sentence: vec![0; predicates],
        }
    }

    /// The first token at or after `from`, in its sentence (numbered `sentence`), that
    /// passes `p`; `usize::MAX` if none.
    fn from(&mut self, doc: &Passes, p: PredId, from: usize, sentence: u32) -> usize {
        let p_ = p as usize;
        if self.sentence[p_] == sentence && self.at[p_] >= from {
            return self.at[p_];
        }
        let found = (from..doc.sentence_end[from])
            .find(|&t| doc.form(t).passes(p))
            .unwrap_or(usize::MAX);
        self.sentence[p_] = sentence;
        self.at[p_] = found;
        found
    }
}

/// How deep a backtracking search may go before it gives up: a bound on the work one
/// start may cost, whatever the pattern.
const MAX_STEPS: usize = 4096;

/// The states (instruction, token) a search has already left without a match. Whatever
/// path leads back to such a state fails again, so each is tried once: the search is
/// linear in the pattern times the sentence, as the regex crate's bounded backtracker.
/// Stamps instead of clearing: one buffer serves every search of a scan.
#[derive(Default)]
struct Visited {
    /// A search's capture slots.
    slots: Vec<usize>,
    stamps: Vec<u32>,
    stamp: u32,
    width: usize,
}

impl Visited {
    fn begin(&mut self, insts: usize, width: usize) {
        self.width = width;
        if self.stamps.len() < insts * width {
            self.stamps.resize(insts * width, 0);
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.stamps.fill(0);
            self.stamp = 1;
        }
    }

    /// Marks the state; false if it was marked already.
    fn first_visit(&mut self, pc: usize, offset: usize) -> bool {
        let cell = &mut self.stamps[pc * self.width + offset];
        std::mem::replace(cell, self.stamp) != self.stamp
    }
}

/// One rule's search from one start token.
struct Search<'a> {
    program: &'a Program,
    doc: &'a Passes<'a>,
    tokens: &'a [Token],
    sentence: usize,
    start: usize,
    visited: &'a mut Visited,
}

impl Search<'_> {
    /// Whether token `at` is there, in the search's sentence, and passes predicate `p`.
    fn takes(&self, p: PredId, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|token| token.sentence == self.sentence && self.doc.form(at).passes(p))
    }

    /// Whether instruction `pc` can go on at token `at`: false when it asks for a token
    /// that is not there.
    fn may_take(&self, pc: usize, at: usize) -> bool {
        match self.program.insts[pc] {
            Inst::Token(p) => self.takes(p, at),
            _ => true,
        }
    }

    /// The end of a match from instruction `pc` at token `at`, leftmost-first.
    fn from(
        &mut self,
        mut pc: usize,
        mut at: usize,
        slots: &mut [usize],
        depth: usize,
    ) -> Option<usize> {
        if depth > MAX_STEPS || !self.visited.first_visit(pc, at - self.start) {
            return None;
        }
        loop {
            match self.program.insts[pc] {
                Inst::Match => return Some(at),
                Inst::Token(p) => {
                    if !self.takes(p, at) {
                        return None;
                    }
                    at += 1;
                    pc += 1;
                }
                Inst::Also(p) => {
                    if at == 0 || !self.doc.form(at - 1).passes(p) {
                        return None;
                    }
                    pc += 1;
                }
                Inst::SentenceStart => {
                    if at > 0 && self.tokens[at - 1].sentence == self.sentence {
                        return None;
                    }
                    pc += 1;
                }
                Inst::Glued => {
                    let touch = at > 0
                        && self
                            .tokens
                            .get(at)
                            .is_some_and(|next| next.span.start == self.tokens[at - 1].span.end);
                    if !touch {
                        return None;
                    }
                    pc += 1;
                }
                Inst::Jump(to) => pc = to,
                Inst::Save(slot) => {
                    let old = slots[slot];
                    slots[slot] = at;
                    if let Some(end) = self.from(pc + 1, at, slots, depth + 1) {
                        return Some(end);
                    }
                    slots[slot] = old;
                    return None;
                }
                Inst::Split(a, b) => {
                    // Most alternatives fail on their first token: no need to go in.
                    if self.may_take(a, at)
                        && let Some(end) = self.from(a, at, slots, depth + 1)
                    {
                        return Some(end);
                    }
                    pc = b;
                }
                Inst::LineStart(starts) => {
                    // Past the last token the text has ended its line: `x #line` is x at a
                    // line's end, as the regex `x$`.
                    if self.tokens.get(at).is_none_or(|t| t.line_start) != starts {
                        return None;
                    }
                    pc += 1;
                }
            }
        }
    }
}

/// What each token of a document passes: its written form's entry in the thread's memo.
struct Passes<'m> {
    forms: &'m [Form],
    /// Per token, its form.
    ids: &'m [u32],
    /// Per token, the index after the last token of its sentence.
    sentence_end: Vec<usize>,
}

impl Passes<'_> {
    fn form(&self, token: usize) -> &Form {
        &self.forms[self.ids[token] as usize]
    }

    /// The predicates token `token` passes, sorted.
    fn of(&self, token: usize) -> &[PredId] {
        &self.form(token).preds
    }
}

struct Run {
    start_token: usize,
    end_token: usize,
    slots: Vec<usize>,
}

impl Run {
    fn into_match(self, program: &Program, tokens: &[Token]) -> TokenMatch {
        let span = |from: usize, to: usize| tokens[from].span.start..tokens[to - 1].span.end;
        let mut groups: Vec<Option<Range<usize>>> = self
            .slots
            .chunks(2)
            .map(|pair| match (pair[0], pair[1]) {
                (a, b) if a != usize::MAX && b != usize::MAX && b > a => Some(span(a, b)),
                _ => None,
            })
            .collect();
        // A name read in the genitive (`Lantmäteriets`) ends before its `s`.
        if let Some(g) = program.names.iter().position(|n| n == syntax::GENITIVE)
            && let Some(genitive) = groups[g].clone()
        {
            for (k, group) in groups.iter_mut().enumerate() {
                if let Some(range) = group
                    && k != g
                    && range.end == genitive.end
                {
                    range.end -= 1;
                }
            }
        }
        TokenMatch {
            range: span(self.start_token, self.end_token),
            groups,
        }
    }
}

struct Compiler<'a> {
    insts: Vec<Inst>,
    names: Vec<String>,
    predicates: &'a mut Predicates,
}

impl Compiler<'_> {
    /// Predicates one of which every match of `node` takes (for a sequence, those of its
    /// most telling required token; for alternatives, all of theirs), with how telling
    /// they are, 1 and up: the length of the shortest word they name, as longer words are
    /// rarer (`underrättats` over `har`); a regex or a shape tells little (1 or 2), any
    /// word nothing (0: not used); and the most tokens a match can take before it.
    fn required(&mut self, node: &Node) -> Option<(Vec<PredId>, usize, usize)> {
        let score = |terms: &[Term]| {
            terms
                .iter()
                .map(|t| match t {
                    Term::Shape(ShapeTerm::Any | ShapeTerm::Word) => 0,
                    Term::Shape(_) => 1,
                    Term::Regex(_) => 2,
                    Term::Prefix(w)
                    | Term::Suffix(w)
                    | Term::Infix(w)
                    | Term::LemmaPrefix(w)
                    | Term::LemmaSuffix(w) => w.chars().count().min(2),
                    Term::Word(w) | Term::Exact(w) | Term::Lemma(w) => w.chars().count().max(1),
                })
                .min()
                .unwrap_or(0)
        };
        match node {
            Node::Token(terms) => {
                let s = score(terms);
                (s > 0).then(|| (vec![self.predicates.intern(terms)], s, 0))
            }
            Node::Both(groups) => groups
                .iter()
                .map(|g| (g, score(g)))
                .filter(|(_, s)| *s > 0)
                .max_by_key(|(_, s)| *s)
                .map(|(g, s)| (vec![self.predicates.intern(g)], s, 0)),
            // The most telling item; of two alike, the one with fewer predicates.
            // Its lead: the widest the items before it can be, and its own.
            Node::Seq(items) => {
                let mut best: Option<(Vec<PredId>, usize, usize)> = None;
                let mut before = 0;
                for item in items {
                    if let Some((preds, s, lead)) = self.required(item) {
                        let better = best.as_ref().is_none_or(|(bp, bs, _)| {
                            (s, std::cmp::Reverse(preds.len()))
                                >= (*bs, std::cmp::Reverse(bp.len()))
                        });
                        if better {
                            best = Some((preds, s, before + lead));
                        }
                    }
                    before += widest(item);
                }
                best
            }
            Node::Alt(alts) => {
                let mut all = Vec::new();
                let mut least = usize::MAX;
                let mut lead = 0;
                for alt in alts {
                    let (preds, s, l) = self.required(alt)?;
                    all.extend(preds);
                    least = least.min(s);
                    lead = lead.max(l);
                }
                all.sort_unstable();
                all.dedup();
                Some((all, least, lead))
            }
            Node::Repeat { node, min, .. } if *min >= 1 => self.required(node),
            Node::Capture { node, .. } => self.required(node),
            Node::Repeat { .. } | Node::SentenceStart | Node::Glued | Node::LineStart(_) => None,
        }
    }

    fn node(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Token(terms) => {
                let p = self.predicates.intern(terms);
                self.insts.push(Inst::Token(p));
            }
            Node::Both(groups) => {
                for (i, terms) in groups.iter().enumerate() {
                    let p = self.predicates.intern(terms);
                    self.insts.push(if i == 0 {
                        Inst::Token(p)
                    } else {
                        Inst::Also(p)
                    });
                }
            }
            Node::SentenceStart => self.insts.push(Inst::SentenceStart),
            Node::Glued => self.insts.push(Inst::Glued),
            Node::LineStart(starts) => self.insts.push(Inst::LineStart(*starts)),
            Node::Seq(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alt(alts) => {
                // Split(a, next) ... a: alt; Jump(end); next: Split(b, ...) ...
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    if i + 1 < alts.len() {
                        let split = self.insts.len();
                        self.insts.push(Inst::Split(split + 1, usize::MAX));
                        self.node(alt)?;
                        jumps.push(self.insts.len());
                        self.insts.push(Inst::Jump(usize::MAX));
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(alt)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jump(end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                for _ in 0..*min {
                    self.node(node)?;
                }
                let mut splits = Vec::new();
                for _ in *min..*max {
                    splits.push(self.insts.len());
                    self.insts.push(Inst::Split(usize::MAX, usize::MAX));
                    self.node(node)?;
                }
                let end = self.insts.len();
                for s in splits {
                    self.insts[s] = if *greedy {
                        Inst::Split(s + 1, end)
                    } else {
                        Inst::Split(end, s + 1)
                    };
                }
            }
            Node::Capture { name, node } => {
                let group = match self.names.iter().position(|n| n == name) {
                    Some(g) => g,
                    None => {
                        self.names.push(name.clone());
                        self.names.len() - 1
                    }
                };
                self.insts.push(Inst::Save(group * 2));
                self.node(node)?;
                self.insts.push(Inst::Save(group * 2 + 1));
            }
        }
        Ok(())
    }
}

/// The most tokens `node` can take.
fn widest(node: &Node) -> usize {
    match node {
        Node::Token(_) | Node::Both(_) => 1,
        Node::SentenceStart | Node::Glued | Node::LineStart(_) => 0,
        Node::Seq(items) => items.iter().map(widest).sum(),
        Node::Alt(alts) => alts.iter().map(widest).max().unwrap_or(0),
        Node::Repeat { node, max, .. } => widest(node) * *max as usize,
        Node::Capture { node, .. } => widest(node),
    }
}

/// The predicates a program's first token can pass, each with whether the program asks
/// for a sentence to begin there (`^`); `None` when it can match without taking any token.
fn first_tokens(insts: &[Inst]) -> Option<Vec<(PredId, bool)>> {
    let mut firsts = Vec::new();
    let mut seen = vec![[false; 2]; insts.len()];
    let mut stack = vec![(0, false)];
    while let Some((pc, begins)) = stack.pop() {
        if std::mem::replace(&mut seen[pc][usize::from(begins)], true) {
            continue;
        }
        match insts[pc] {
            Inst::Token(p) => firsts.push((p, begins)),
            Inst::Match => return None,
            Inst::Jump(to) => stack.push((to, begins)),
            Inst::SentenceStart => stack.push((pc + 1, true)),
            Inst::Save(_) | Inst::Also(_) | Inst::Glued | Inst::LineStart(_) => {
                stack.push((pc + 1, begins))
            }
            Inst::Split(a, b) => stack.extend([(a, begins), (b, begins)]),
        }
    }
    firsts.sort_unstable();
    firsts.dedup();
    Some(firsts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn find(pattern: &str, text: &str) -> Vec<String> {
        let mut rules = TokenRules::new();
        rules.add(pattern, &BTreeMap::new()).unwrap();
        let tokens = Analyzer::global().tokens(text);
        let hits = rules.scan(text, &tokens);
        assert_eq!(hits, rules.scan_naive(text, &tokens), "{pattern}");
        hits.by_rule[0]
            .iter()
            .map(|m| text[m.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn words_lemmas_and_affixes() {
        assert_eq!(
            find("<skicka>", "Brevet skickades. De skickar."),
            ["skickades", "skickar"]
        );
        assert_eq!(
            find("<*fel> i", "Ett systemfel i koden och ett kodfel i appen."),
            ["systemfel i", "kodfel i"]
        );
        assert_eq!(
            find("leverantör*", "Leverantören och leverantörerna"),
            ["Leverantören", "leverantörerna"]
        );
        assert_eq!(find("*systemet", "i journalsystemet"), ["journalsystemet"]);
        // Whole words only: no `fel` inside `felaktig`.
        assert!(find("fel", "en felaktig uppgift").is_empty());
    }

    #[test]
    fn gaps_stay_in_the_sentence_and_lazy_gaps_are_short() {
        assert_eq!(
            find(
                "skickades _{0,6}? till fel",
                "Breven skickades i går till fel adress."
            ),
            ["skickades i går till fel"]
        );
        assert!(find("skickades _{0,6} fel", "Breven skickades. Ett fel.").is_empty());
        assert_eq!(find("a _{0,3} b", "a x b y b"), ["a x b y b"]);
        assert_eq!(find("a _{0,3}? b", "a x b y b"), ["a x b"]);
    }

    #[test]
    fn a_gap_led_rule_starts_as_far_before_its_word_as_the_gap_reaches() {
        assert_eq!(
            find("_{0,2}? inte", "Vi har i dag inte fått svar."),
            ["i dag inte"]
        );
        assert_eq!(
            find("#word{1,3} inte", "Svaret kom inte."),
            ["Svaret kom inte"]
        );
        assert!(find("_{0,1} inte", "Vi har i dag fått svar.").is_empty());
    }

    #[test]
    fn alternatives_prefer_the_first_written() {
        assert_eq!(
            find("(tekniskt | tekniskt fel)", "tekniskt fel"),
            ["tekniskt"]
        );
        assert_eq!(find("tekniskt fel?", "tekniskt fel"), ["tekniskt fel"]);
        assert_eq!(
            find("ransomware -? attack*", "ransomware-attacken"),
            ["ransomware-attacken"]
        );
    }

    fn find_in_lists(pattern: &str, text: &str) -> Vec<String> {
        let lists = BTreeMap::from([(
            "agency".to_string(),
            vec![
                "Lantmäteriet".to_string(),
                "Post- och telestyrelsen".to_string(),
                "PTS".to_string(),
            ],
        )]);
        let mut rules = TokenRules::new();
        rules.add(pattern, &lists).unwrap();
        let tokens = Analyzer::global().tokens(text);
        let hits = rules.scan(text, &tokens);
        assert_eq!(hits, rules.scan_naive(text, &tokens), "{pattern}");
        let names = rules.capture_names(0).to_vec();
        hits.by_rule[0]
            .iter()
            .map(|m| match names.iter().position(|n| n == "name") {
                Some(g) => text[m.groups[g].clone().unwrap()].to_string(),
                None => text[m.range.clone()].to_string(),
            })
            .collect()
    }

    #[test]
    fn words_written_exactly_so_keep_their_case() {
        assert_eq!(
            find("\"Stad\" <skicka>", "Stad skickade. stad skickade"),
            ["Stad skickade"]
        );
        assert_eq!(
            find("#Initial", "eHälsa McAfee IMY Telia 2021"),
            ["McAfee", "IMY", "Telia"]
        );
        assert_eq!(
            find_in_lists(
                "{=agency}",
                "lantmäteriet och PTS och Post- och telestyrelsen"
            ),
            ["PTS", "Post- och telestyrelsen"]
        );
    }

    #[test]
    fn a_name_in_the_genitive_is_captured_without_its_s() {
        assert_eq!(
            find_in_lists(
                "name={=agency}+s?",
                "Enligt Lantmäteriets chef och PTS:s chef"
            ),
            ["Lantmäteriet", "PTS"]
        );
        assert_eq!(
            find_in_lists("{=agency}+s? chef", "Lantmäteriets chef"),
            ["Lantmäteriets chef"]
        );
        assert!(find_in_lists("{=agency}", "Lantmäteriets chef").is_empty());
    }

    #[test]
    fn both_tests_a_genitive_and_a_sentence_start() {
        assert_eq!(
            find(
                "#Initial&*verket|*styrelsen",
                "skolverket Skolverket Socialstyrelsen"
            ),
            ["Skolverket", "Socialstyrelsen"]
        );
        assert_eq!(find("H & M", "H&M"), ["H&M"]);
        assert_eq!(
            find_in_lists("name=#Initial&*verket+s?", "Enligt Skolverkets chef"),
            ["Skolverket"]
        );
        assert_eq!(
            find(
                "^ #Initial har",
                "Banken har svarat. Sedan har Folkbanken har"
            ),
            ["Banken har", "Sedan har"]
        );
        assert!(find("a ^ b", "a b").is_empty());
        assert_eq!(
            find("#Initial ( ~ . ~ #word )?", "Praktikplatsen.se. Bakom"),
            ["Praktikplatsen.se", "Bakom"]
        );
        assert_eq!(find("skol ~ - ~ it", "Skol-IT och skol - it"), ["Skol-IT"]);
        // `+s`: the genitive only, across a sequence whose last part may be left out.
        assert_eq!(
            find_in_lists(
                "name=(#Initial #Initial?)+s kunder",
                "Telia kunder, Nordkraft Energis kunder"
            ),
            ["Nordkraft Energi"]
        );
    }

    #[test]
    fn captures_give_spans() {
        let mut rules = TokenRules::new();
        rules.add("n=#digits personer", &BTreeMap::new()).unwrap();
        let text = "Cirka 214 personer berörs.";
        let tokens = Analyzer::global().tokens(text);
        let hits = rules.scan(text, &tokens);
        let m = &hits.by_rule[0][0];
        assert_eq!(rules.capture_names(0), ["n"]);
        assert_eq!(&text[m.groups[0].clone().unwrap()], "214");
    }

    #[test]
    fn a_thread_remembers_words_for_a_bounded_number_of_rule_collections() {
        let text = "Felet upptäcktes i går.";
        let tokens = Analyzer::global().tokens(text);
        for _ in 0..200 {
            let mut rules = TokenRules::new();
            rules.add("<upptäcka>", &BTreeMap::new()).unwrap();
            assert_eq!(rules.scan(text, &tokens).by_rule[0].len(), 1);
        }
        assert!(predicate::memo_count() <= 64, "{}", predicate::memo_count());
    }

    #[test]
    fn line_starts_are_where_a_line_break_comes_before_the_token() {
        let text = "Det var fel - sa hon.\n– Vi ska se över det.\n  - Alla fick brev.";
        assert_eq!(find("#line -|– #Cap", text), ["– Vi", "- Alla"]);
        // The first token of the text starts its line; a line break is not a sentence end.
        assert_eq!(
            find("#line det", "Det hände.\nDet var i maj."),
            ["Det", "Det"]
        );
        assert_eq!(find("maj #line #word", "i maj\nsamma år"), ["maj\nsamma"]);
        assert!(find("maj #line #word", "i maj samma år").is_empty());
        assert_eq!(find("maj #line", "i maj\nsamma år i maj"), ["maj", "maj"]);
        // `#!line`: on the line of the token before.
        assert_eq!(
            find("#Cap (#!line #Cap)?", "till Olle Berg\nPatienten"),
            ["Olle Berg", "Patienten"]
        );
    }

    #[test]
    fn a_pattern_must_take_a_token() {
        assert!(TokenRules::new().add("fel?", &BTreeMap::new()).is_err());
    }
}
