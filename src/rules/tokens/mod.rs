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
use predicate::{PredId, Predicates};
use syntax::Node;

/// One instruction of a compiled pattern.
#[derive(Debug, Clone, Copy)]
enum Inst {
    /// One token passing the predicate.
    Token(PredId),
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
}

/// The token patterns of a rule collection, compiled together.
#[derive(Debug, Default)]
pub struct TokenRules {
    predicates: Predicates,
    programs: Vec<Program>,
    /// For each predicate, the rules whose first token it can be.
    starts: Vec<Vec<u32>>,
    /// Predicates with shape tests (checked on every token).
    shaped: Vec<PredId>,
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
        let tree = syntax::parse(source, lists)?;
        let mut compiler = Compiler {
            insts: Vec::new(),
            names: Vec::new(),
            predicates: &mut self.predicates,
        };
        compiler.node(&tree)?;
        compiler.insts.push(Inst::Match);
        let Compiler { insts, names, .. } = compiler;
        let first = first_tokens(&insts).ok_or("the pattern can match no token at all")?;
        let rule = self.programs.len();
        // The index grows by what this pattern added: its new predicates and its starts.
        let known = self.starts.len();
        self.starts.resize(self.predicates.len(), Vec::new());
        self.shaped.extend(self.predicates.shaped_from(known));
        for &p in &first {
            self.starts[p as usize].push(rule as u32);
        }
        self.programs.push(Program { insts, names });
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
    pub fn scan(&self, tokens: &[Token]) -> TokenHits {
        let doc = self.passes(tokens);
        let mut hits = TokenHits {
            by_rule: vec![Vec::new(); self.programs.len()],
        };
        let mut resume = vec![0usize; self.programs.len()];
        let mut candidates: Vec<u32> = Vec::new();
        for at in 0..tokens.len() {
            candidates.clear();
            for &p in doc.of(at) {
                candidates.extend_from_slice(&self.starts[p as usize]);
            }
            candidates.sort_unstable();
            candidates.dedup();
            for &rule in &candidates {
                let rule = rule as usize;
                if at < resume[rule] {
                    continue;
                }
                if let Some(m) = self.run(rule, &doc, tokens, at) {
                    resume[rule] = m.end_token;
                    hits.by_rule[rule].push(m.into_match(tokens));
                }
            }
        }
        crate::work::step(tokens.len() / 64 + 1);
        hits
    }

    /// Every rule tried at every token: the reference [`TokenRules::scan`] must agree with.
    pub fn scan_naive(&self, tokens: &[Token]) -> TokenHits {
        let doc = self.passes(tokens);
        let by_rule = (0..self.programs.len())
            .map(|rule| {
                let mut found = Vec::new();
                let mut at = 0;
                while at < tokens.len() {
                    match self.run(rule, &doc, tokens, at) {
                        Some(m) => {
                            at = m.end_token;
                            found.push(m.into_match(tokens));
                        }
                        None => at += 1,
                    }
                }
                found
            })
            .collect();
        TokenHits { by_rule }
    }

    /// The predicates each token passes.
    fn passes(&self, tokens: &[Token]) -> Passes {
        let mut ids = Vec::with_capacity(tokens.len());
        let mut offsets = Vec::with_capacity(tokens.len() + 1);
        offsets.push(0);
        for token in tokens {
            let from = ids.len();
            self.predicates.of_word(token, &mut ids);
            let before = ids.len();
            for &p in &self.shaped {
                if self.predicates.shape_passes(p, token.shape) {
                    ids.push(p);
                }
            }
            if ids.len() > before {
                ids[from..].sort_unstable();
            }
            offsets.push(ids.len());
        }
        Passes { ids, offsets }
    }

    /// The match of rule `rule` starting at token `start`, if any.
    fn run(&self, rule: usize, doc: &Passes, tokens: &[Token], start: usize) -> Option<Run> {
        let program = &self.programs[rule];
        let mut slots = vec![usize::MAX; program.names.len() * 2];
        let sentence = tokens[start].sentence;
        let end = backtrack(program, doc, tokens, sentence, 0, start, &mut slots, 0)?;
        Some(Run {
            start_token: start,
            end_token: end,
            slots,
        })
    }
}

/// How deep a backtracking search may go before it gives up: a bound on the work one
/// start may cost, whatever the pattern.
const MAX_STEPS: usize = 4096;

#[allow(clippy::too_many_arguments)]
fn backtrack(
    program: &Program,
    doc: &Passes,
    tokens: &[Token],
    sentence: usize,
    mut pc: usize,
    mut at: usize,
    slots: &mut [usize],
    depth: usize,
) -> Option<usize> {
    if depth > MAX_STEPS {
        return None;
    }
    loop {
        match program.insts[pc] {
            Inst::Match => return Some(at),
            Inst::Token(p) => {
                let token = tokens.get(at)?;
                if token.sentence != sentence || doc.of(at).binary_search(&p).is_err() {
                    return None;
                }
                at += 1;
                pc += 1;
            }
            Inst::LineStart(starts) => {
                // Past the last token the text has ended its line: `x #line` is x at a
                // line's end, as the regex `x$`.
                if tokens.get(at).is_none_or(|t| t.line_start) != starts {
                    return None;
                }
                pc += 1;
            }
            Inst::Jump(to) => pc = to,
            Inst::Save(slot) => {
                let old = slots[slot];
                slots[slot] = at;
                if let Some(end) =
                    backtrack(program, doc, tokens, sentence, pc + 1, at, slots, depth + 1)
                {
                    return Some(end);
                }
                slots[slot] = old;
                return None;
            }
            Inst::Split(a, b) => {
                if let Some(end) =
                    backtrack(program, doc, tokens, sentence, a, at, slots, depth + 1)
                {
                    return Some(end);
                }
                pc = b;
            }
        }
    }
}

/// The predicates each token of a document passes, flat.
struct Passes {
    ids: Vec<PredId>,
    offsets: Vec<usize>,
}

impl Passes {
    fn of(&self, token: usize) -> &[PredId] {
        &self.ids[self.offsets[token]..self.offsets[token + 1]]
    }
}

struct Run {
    start_token: usize,
    end_token: usize,
    slots: Vec<usize>,
}

impl Run {
    fn into_match(self, tokens: &[Token]) -> TokenMatch {
        let span = |from: usize, to: usize| tokens[from].span.start..tokens[to - 1].span.end;
        let groups = self
            .slots
            .chunks(2)
            .map(|pair| match (pair[0], pair[1]) {
                (a, b) if a != usize::MAX && b != usize::MAX && b > a => Some(span(a, b)),
                _ => None,
            })
            .collect();
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
    fn node(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Token(terms) => {
                let p = self.predicates.intern(terms);
                self.insts.push(Inst::Token(p));
            }
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

/// The predicates a program's first token can pass; `None` when it can match without
/// taking any token.
fn first_tokens(insts: &[Inst]) -> Option<Vec<PredId>> {
    let mut firsts = Vec::new();
    let mut seen = vec![false; insts.len()];
    let mut stack = vec![0];
    while let Some(pc) = stack.pop() {
        if std::mem::replace(&mut seen[pc], true) {
            continue;
        }
        match insts[pc] {
            Inst::Token(p) => firsts.push(p),
            Inst::Match => return None,
            Inst::Jump(to) => stack.push(to),
            Inst::Save(_) | Inst::LineStart(_) => stack.push(pc + 1),
            Inst::Split(a, b) => stack.extend([a, b]),
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
        let hits = rules.scan(&tokens);
        assert_eq!(hits, rules.scan_naive(&tokens), "{pattern}");
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

    #[test]
    fn captures_give_spans() {
        let mut rules = TokenRules::new();
        rules.add("n=#digits personer", &BTreeMap::new()).unwrap();
        let text = "Cirka 214 personer berörs.";
        let tokens = Analyzer::global().tokens(text);
        let hits = rules.scan(&tokens);
        let m = &hits.by_rule[0][0];
        assert_eq!(rules.capture_names(0), ["n"]);
        assert_eq!(&text[m.groups[0].clone().unwrap()], "214");
    }

    #[test]
    fn a_thread_remembers_words_for_a_bounded_number_of_rule_collections() {
        let tokens = Analyzer::global().tokens("Felet upptäcktes i går.");
        for _ in 0..200 {
            let mut rules = TokenRules::new();
            rules.add("<upptäcka>", &BTreeMap::new()).unwrap();
            assert_eq!(rules.scan(&tokens).by_rule[0].len(), 1);
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
