//! The written form of a token pattern, parsed into a tree.
//!
//! A pattern is a sequence of elements separated by spaces; each element matches one
//! token (see the README's "Writing rules"):
//!
//! | element | matches a token |
//! |---|---|
//! | `fel` | whose lower-case form is `fel` |
//! | `fel*` `*fel` `*fel*` | whose lower-case form starts, ends with or holds `fel` |
//! | `<skicka>` | with the lemma `skicka` (`skickade`, `skickats`, ...) |
//! | `<*fel>` `<fel*>` | with a lemma ending or starting so (`systemfel`, `programfelet`) |
//! | `"Stad"` | written exactly so, case and all |
//! | `/\d{4}/` | whose lower-case form the regex matches whole |
//! | `#Cap` `#lower` `#UPPER` `#digits` `#word` `_` | of that shape; `_` is any token |
//! | `#Initial` | beginning with a capital letter (`Telia`, `IMY`, `McAfee`) |
//! | `#line` `#!line` | no token: the next one is (is not) the first on its line; at the end of the text, `#line` holds |
//! | `-` `:` `§` `\(` `\)` | that punctuation mark |
//! | `a\|b\|<c>` | matching any of the alternatives |
//! | `#Initial&*verket` | passing both tests (`&` binds looser than `\|`) |
//! | `*verket+s` `{list}+s` | the same in the genitive (`Skolverkets`); captures leave the `s` out |
//! | `{=list}+s?` | the same, or the same in the genitive |
//! | `^` | no token: the next one begins a sentence |
//! | `~` | no token: no space between the tokens on either side (`Skol ~ - ~ IT`) |
//! | `{list}` | any entry of the file's `[lexicon]` list (entries are patterns too) |
//! | `{=list}` | any entry of the list as a name written exactly so (`Post- och telestyrelsen`) |
//!
//! `( ... | ... )` groups sequences and alternatives; `?`, `{m,n}` and `{m,n}?` (lazy)
//! repeat the element or group before them; `name=element` or `name=( ... )` captures.

use std::collections::BTreeMap;

/// One test a token may pass.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    Word(String),
    Prefix(String),
    Suffix(String),
    Infix(String),
    Lemma(String),
    LemmaPrefix(String),
    LemmaSuffix(String),
    Regex(String),
    /// The token as written, case and all.
    Exact(String),
    Shape(ShapeTerm),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShapeTerm {
    Capitalised,
    Lower,
    Upper,
    Digits,
    Word,
    Any,
    /// Begins with a capital letter, whatever the rest.
    Initial,
}

/// A pattern as a tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One token passing any of the terms.
    Token(Vec<Term>),
    /// One token passing each of the groups (each group: any of its terms).
    Both(Vec<Vec<Term>>),
    /// No token: the next one begins a sentence.
    SentenceStart,
    /// No token: the tokens on either side touch, no space between.
    Glued,
    /// No token: the next one starts a line (`#line`: true) or does not (`#!line`).
    LineStart(bool),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: u32,
        greedy: bool,
    },
    Capture {
        name: String,
        node: Box<Node>,
    },
}

/// The hidden capture around a name's genitive last word: captures ending there end
/// before its `s`. Not a name a pattern can write (those are a-z and _).
pub const GENITIVE: &str = "+s";

/// The longest repetition a pattern may ask for: gaps stay inside a sentence anyway.
pub const MAX_REPEAT: u32 = 40;

/// Parses `source`; `lists` are the rule file's `[lexicon]` lists, each entry a pattern.
pub fn parse(source: &str, lists: &BTreeMap<String, Vec<String>>) -> Result<Node, String> {
    Parser {
        items: lex(source)?,
        at: 0,
        lists,
        depth: 0,
    }
    .whole()
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Open(Option<String>),
    /// A group's end, its quantifier, and `+s` (`Some(false)`) or `+s?` (`Some(true)`).
    Close(Quantifier, Option<bool>),
    Bar,
    Element {
        capture: Option<String>,
        text: String,
        quantifier: Quantifier,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Quantifier {
    min: u32,
    max: u32,
    greedy: bool,
}

const ONCE: Quantifier = Quantifier {
    min: 1,
    max: 1,
    greedy: true,
};

fn lex(source: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // `\(`, `\)` and `\|` are those marks as tokens.
        if c == '\\' && matches!(chars.get(i + 1), Some('(' | ')' | '|')) {
            i += 2;
            let (quantifier, used) = quantifier(&chars[i..])?;
            i += used;
            items.push(Item::Element {
                capture: None,
                text: chars[i - used - 1].to_string(),
                quantifier,
            });
            continue;
        }
        if c == '(' {
            items.push(Item::Open(None));
            i += 1;
            continue;
        }
        if c == ')' {
            i += 1;
            let rest: String = chars[i..].iter().take(3).collect();
            let genitive = if rest.starts_with("+s?") {
                i += 3;
                Some(true)
            } else if rest.starts_with("+s") {
                i += 2;
                Some(false)
            } else {
                None
            };
            let (q, used) = quantifier(&chars[i..])?;
            i += used;
            items.push(Item::Close(q, genitive));
            continue;
        }
        // An element runs to white space or a parenthesis, except inside `/regex/`.
        let start = i;
        let mut in_regex = false;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && in_regex {
                i += 2;
                continue;
            }
            // A `/` standing alone is the mark itself.
            let lone_slash = i == start && chars.get(i + 1).is_none_or(|c| c.is_whitespace());
            if c == '/'
                && !lone_slash
                && (in_regex || i == start || matches!(chars[i - 1], '|' | '=' | '&'))
            {
                in_regex = !in_regex;
            } else if !in_regex && (c.is_whitespace() || c == ')' || (c == '(' && i > start)) {
                break;
            }
            i += 1;
        }
        if in_regex {
            return Err("a `/regex/` is not closed".into());
        }
        let raw: String = chars[start..i.min(chars.len())].iter().collect();
        if raw == "|" {
            items.push(Item::Bar);
            continue;
        }
        if let Some(name) = raw.strip_suffix('=')
            && chars.get(i) == Some(&'(')
        {
            check_name(name)?;
            items.push(Item::Open(Some(name.to_string())));
            i += 1;
            continue;
        }
        let (capture, body) = match raw.split_once('=') {
            Some((name, body)) if !name.is_empty() && !name.contains(['/', '<', '{', '"']) => {
                check_name(name)?;
                (Some(name.to_string()), body.to_string())
            }
            _ => (None, raw),
        };
        let (text, quantifier) = split_quantifier(&body)?;
        if text.is_empty() {
            return Err(format!("`{body}` repeats nothing"));
        }
        items.push(Item::Element {
            capture,
            text,
            quantifier,
        });
    }
    Ok(items)
}

fn check_name(name: &str) -> Result<(), String> {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        Ok(())
    } else {
        Err(format!("`{name}` is not a capture name (a-z and _ only)"))
    }
}

/// A quantifier at the start of `chars`, and how many characters it took.
fn quantifier(chars: &[char]) -> Result<(Quantifier, usize), String> {
    let s: String = chars.iter().take_while(|c| !c.is_whitespace()).collect();
    if let Some(rest) = s.strip_prefix('?') {
        let lazy = rest.starts_with('?');
        return Ok((
            Quantifier {
                min: 0,
                max: 1,
                greedy: !lazy,
            },
            1 + usize::from(lazy),
        ));
    }
    if let Some(rest) = s.strip_prefix('{')
        && let Some(close) = rest.find('}')
    {
        let inner = &rest[..close];
        let (min, max) = match inner.split_once(',') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (inner.trim(), inner.trim()),
        };
        let parse = |n: &str| {
            n.parse::<u32>()
                .map_err(|_| format!("`{{{inner}}}` is not a repetition like {{0,3}}"))
        };
        let (min, max) = (parse(min)?, parse(max)?);
        if min > max || max > MAX_REPEAT {
            return Err(format!(
                "`{{{inner}}}`: a repetition goes from a smaller to a larger count, at most {MAX_REPEAT}"
            ));
        }
        let mut used = close + 2;
        let lazy = rest[close + 1..].starts_with('?');
        used += usize::from(lazy);
        return Ok((
            Quantifier {
                min,
                max,
                greedy: !lazy,
            },
            used,
        ));
    }
    Ok((ONCE, 0))
}

/// Splits `fel{0,2}` into `fel` and its quantifier; `{list}` alone is an element.
fn split_quantifier(body: &str) -> Result<(String, Quantifier), String> {
    let chars: Vec<char> = body.chars().collect();
    // Where the quantifier could start: the last `{` holding digits, or a final `?`.
    // A `{` inside a `/regex/` is the regex's own.
    let after_regex = body.rfind('/').map_or(0, |slash| slash + 1);
    if let Some(open) = body[after_regex..].rfind('{').map(|o| o + after_regex) {
        let inner = &body[open + 1..];
        if inner.starts_with(|c: char| c.is_ascii_digit()) {
            let (q, used) = quantifier(&body[open..].chars().collect::<Vec<_>>())?;
            if used == body[open..].chars().count() {
                return Ok((body[..open].to_string(), q));
            }
        }
    }
    if chars.len() > 1 && chars[chars.len() - 1] == '?' && !body.ends_with("+s?") {
        let lazy = chars.len() > 2 && chars[chars.len() - 2] == '?';
        let cut = if lazy { 2 } else { 1 };
        let text: String = chars[..chars.len() - cut].iter().collect();
        return Ok((
            text,
            Quantifier {
                min: 0,
                max: 1,
                greedy: !lazy,
            },
        ));
    }
    Ok((body.to_string(), ONCE))
}

struct Parser<'a> {
    items: Vec<Item>,
    at: usize,
    lists: &'a BTreeMap<String, Vec<String>>,
    depth: usize,
}

impl Parser<'_> {
    fn whole(mut self) -> Result<Node, String> {
        let node = self.alternatives()?;
        match self.items.get(self.at) {
            None => Ok(node),
            Some(Item::Close(..)) => Err("a `)` has no `(`".into()),
            Some(other) => Err(format!("unexpected {other:?}")),
        }
    }

    fn alternatives(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.sequence()?];
        while self.items.get(self.at) == Some(&Item::Bar) {
            self.at += 1;
            alts.push(self.sequence()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        })
    }

    fn sequence(&mut self) -> Result<Node, String> {
        let mut seq = Vec::new();
        while let Some(item) = self.items.get(self.at).cloned() {
            match item {
                Item::Bar | Item::Close(..) => break,
                Item::Open(capture) => {
                    self.at += 1;
                    let inner = self.alternatives()?;
                    let Some(Item::Close(q, genitive)) = self.items.get(self.at).cloned() else {
                        return Err("a `(` is not closed".into());
                    };
                    self.at += 1;
                    let inner = match genitive {
                        Some(optional) => in_genitive(inner, optional, "(...)+s")?,
                        None => inner,
                    };
                    seq.push(repeat(captured(inner, capture), q));
                }
                Item::Element {
                    capture,
                    text,
                    quantifier,
                } => {
                    self.at += 1;
                    let node = self.element(&text)?;
                    seq.push(repeat(captured(node, capture), quantifier));
                }
            }
        }
        if seq.is_empty() {
            return Err("an empty pattern or alternative".into());
        }
        Ok(if seq.len() == 1 {
            seq.pop().unwrap()
        } else {
            Node::Seq(seq)
        })
    }

    fn element(&mut self, text: &str) -> Result<Node, String> {
        if let Some(name) = text.strip_prefix("{=").and_then(|t| t.strip_suffix('}')) {
            let entries = self
                .lists
                .get(name)
                .ok_or_else(|| format!("`{{={name}}}` is not in [lexicon]"))?;
            return names_as_written(entries).map_err(|e| format!("{{={name}}} entry {e}"));
        }
        if let Some(name) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            let entries = self
                .lists
                .get(name)
                .ok_or_else(|| format!("`{{{name}}}` is not in [lexicon]"))?;
            if self.depth > 4 {
                return Err(format!("`{{{name}}}` refers to itself"));
            }
            let mut alts = Vec::new();
            for entry in entries {
                let inner = Parser {
                    items: lex(entry).map_err(|e| format!("{{{name}}} entry `{entry}`: {e}"))?,
                    at: 0,
                    lists: self.lists,
                    depth: self.depth + 1,
                };
                alts.push(
                    inner
                        .whole()
                        .map_err(|e| format!("{{{name}}} entry `{entry}`: {e}"))?,
                );
            }
            return Ok(Node::Alt(alts));
        }
        match text {
            "#line" => return Ok(Node::LineStart(true)),
            "#!line" => return Ok(Node::LineStart(false)),
            _ => {}
        }
        if text == "^" {
            return Ok(Node::SentenceStart);
        }
        if text == "~" {
            return Ok(Node::Glued);
        }
        let genitive = match text.strip_suffix("+s?") {
            Some(base) => Some((base, true)),
            None => text.strip_suffix("+s").map(|base| (base, false)),
        };
        if let Some((base, optional)) = genitive.filter(|(b, _)| !b.is_empty()) {
            let written = self.element(base)?;
            return in_genitive(written, optional, text);
        }
        let groups = split_on(text, '&')
            .into_iter()
            .map(|group| {
                split_on(group, '|')
                    .into_iter()
                    .map(term)
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match <[_; 1]>::try_from(groups) {
            Ok([terms]) => Node::Token(terms),
            Err(groups) => Node::Both(groups),
        })
    }
}

/// Names written exactly so, each a sequence of its tokens (`Post- och telestyrelsen` is
/// `Post`, `-`, `och`, `telestyrelsen`), the longest first so `Region Jämtland Härjedalen`
/// beats `Region Jämtland`.
fn names_as_written(names: &[String]) -> Result<Node, String> {
    let mut alternatives: Vec<(usize, usize, Node)> = Vec::new();
    for name in names {
        let tokens = crate::analysis::token_texts(name);
        if tokens.is_empty() {
            return Err(format!("`{name}` names nothing"));
        }
        let seq: Vec<Node> = tokens
            .iter()
            .map(|t| Node::Token(vec![Term::Exact(t.to_string())]))
            .collect();
        let node = if seq.len() == 1 {
            seq.into_iter().next().unwrap()
        } else {
            Node::Seq(seq)
        };
        alternatives.push((tokens.len(), name.len(), node));
    }
    alternatives.sort_by_key(|a| std::cmp::Reverse((a.0, a.1)));
    Ok(Node::Alt(alternatives.into_iter().map(|a| a.2).collect()))
}

/// `a|/x|y/|b` split on `sep` (`|` or `&`), a regex's own kept; a lone mark is itself.
fn split_on(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut in_regex, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_regex => escaped = true,
            '/' if in_regex || i == start => in_regex = !in_regex,
            c if c == sep && !in_regex && i > start => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// `written` in the genitive (`+s`), or either (`+s?`), the `s` marked for captures to
/// leave out.
fn in_genitive(written: Node, optional: bool, text: &str) -> Result<Node, String> {
    let genitive = with_genitive_s(&written)
        .ok_or_else(|| format!("`{text}`: `+s` goes after words, endings and regexes"))?;
    let genitive = captured(genitive, Some(GENITIVE.into()));
    Ok(if optional {
        Node::Alt(vec![written, genitive])
    } else {
        genitive
    })
}

/// `node` with a genitive `s` after its last word: a word, an ending, an exact word or a
/// regex takes the `s`; a shape holds either way, the word then ending in `s`. `None`
/// where no last word can be found (a lemma, an empty match).
fn with_genitive_s(node: &Node) -> Option<Node> {
    fn word_s(t: &Term) -> Option<Term> {
        Some(match t {
            Term::Word(w) => Term::Word(format!("{w}s")),
            Term::Suffix(w) => Term::Suffix(format!("{w}s")),
            Term::Exact(w) => Term::Exact(format!("{w}s")),
            Term::Regex(r) => Term::Regex(format!("(?:{r})s")),
            _ => return None,
        })
    }
    let is_shape = |t: &Term| matches!(t, Term::Shape(_));
    let ends_in_s = || vec![Term::Suffix("s".into())];
    let groups = |groups: &[Vec<Term>]| -> Option<Node> {
        let mut out = Vec::new();
        let mut took_s = false;
        for g in groups {
            if g.iter().all(is_shape) {
                out.push(g.clone());
            } else {
                out.push(g.iter().map(word_s).collect::<Option<Vec<_>>>()?);
                took_s = true;
            }
        }
        if !took_s {
            out.push(ends_in_s());
        }
        Some(Node::Both(out))
    };
    match node {
        Node::Token(ts) if ts.iter().all(is_shape) => groups(std::slice::from_ref(ts)),
        Node::Token(ts) => Some(Node::Token(ts.iter().map(word_s).collect::<Option<_>>()?)),
        Node::Both(gs) => groups(gs),
        Node::Alt(alts) => Some(Node::Alt(
            alts.iter().map(with_genitive_s).collect::<Option<_>>()?,
        )),
        Node::Capture { name, node } => Some(captured(with_genitive_s(node)?, Some(name.clone()))),
        // `x{m,n}` in the genitive: `x{m-1,n-1}` and `x` in the genitive.
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } if *min >= 1 => {
            let last = with_genitive_s(node)?;
            Some(if *max == 1 {
                last
            } else {
                Node::Seq(vec![
                    Node::Repeat {
                        node: node.clone(),
                        min: min - 1,
                        max: max - 1,
                        greedy: *greedy,
                    },
                    last,
                ])
            })
        }
        // A sequence: its last item in the genitive, or, where that item may be left
        // out, the sequence before it in the genitive.
        Node::Seq(items) => {
            let (last, before) = items.split_last()?;
            let seq = |mut front: Vec<Node>, last: Node| {
                front.push(last);
                if front.len() == 1 {
                    front.pop().unwrap()
                } else {
                    Node::Seq(front)
                }
            };
            match last {
                Node::Repeat {
                    node,
                    min: 0,
                    max,
                    greedy,
                } => {
                    let taken = with_genitive_s(&Node::Repeat {
                        node: node.clone(),
                        min: 1,
                        max: *max,
                        greedy: *greedy,
                    })?;
                    let with_it = seq(before.to_vec(), taken);
                    let without = with_genitive_s(&match before.len() {
                        0 => return Some(with_it),
                        1 => before[0].clone(),
                        _ => Node::Seq(before.to_vec()),
                    })?;
                    let (first, second) = if *greedy {
                        (with_it, without)
                    } else {
                        (without, with_it)
                    };
                    Some(Node::Alt(vec![first, second]))
                }
                _ => Some(seq(before.to_vec(), with_genitive_s(last)?)),
            }
        }
        _ => None,
    }
}

fn term(text: &str) -> Result<Term, String> {
    let lower = |s: &str| s.to_lowercase();
    if text.len() > 2 && text.starts_with('/') && text.ends_with('/') {
        let source = &text[1..text.len() - 1];
        // Parsed here to name the mistake; compiled once, with the predicates.
        regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| format!("`{text}`: {e}"))?;
        return Ok(Term::Regex(source.to_string()));
    }
    if let Some(shape) = text.strip_prefix('#') {
        return Ok(Term::Shape(match shape {
            "Cap" => ShapeTerm::Capitalised,
            "lower" => ShapeTerm::Lower,
            "UPPER" => ShapeTerm::Upper,
            "digits" => ShapeTerm::Digits,
            "word" => ShapeTerm::Word,
            "Initial" => ShapeTerm::Initial,
            "line" | "!line" => return Err(format!("`{text}` stands alone: it matches no token")),
            _ => {
                return Err(format!(
                    "`{text}`: shapes are #Cap, #lower, #UPPER, #Initial, #digits, #word"
                ));
            }
        }));
    }
    if text == "_" {
        return Ok(Term::Shape(ShapeTerm::Any));
    }
    if let Some(exact) = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|t| !t.is_empty())
    {
        if crate::analysis::token_texts(exact).len() != 1 {
            return Err(format!(
                "`{text}` is not one token: words are letters and digits, each mark its own token"
            ));
        }
        return Ok(Term::Exact(exact.to_string()));
    }
    if let Some(lemma) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        let lemma = lower(lemma);
        return Ok(match (lemma.strip_prefix('*'), lemma.strip_suffix('*')) {
            (Some(rest), _) if !rest.is_empty() => Term::LemmaSuffix(rest.to_string()),
            (_, Some(rest)) if !rest.is_empty() => Term::LemmaPrefix(rest.to_string()),
            _ if lemma.contains('*') || lemma.is_empty() => {
                return Err(format!("`{text}`: a lemma is <word>, <word*> or <*word>"));
            }
            _ => Term::Lemma(lemma),
        });
    }
    let word = lower(text);
    let stripped = word.trim_matches('*');
    if stripped.is_empty() {
        return Err(format!("`{text}` names no word"));
    }
    if stripped.contains('*') {
        return Err(format!("`{text}`: `*` goes only at a word's start or end"));
    }
    if crate::analysis::word_spans(stripped).count() > 1
        || (stripped.chars().count() > 1 && !stripped.chars().all(char::is_alphanumeric))
    {
        return Err(format!(
            "`{text}` is not one token: words are letters and digits, each mark its own token"
        ));
    }
    Ok(
        match (word.starts_with('*'), word.ends_with('*') && word.len() > 1) {
            (true, true) => Term::Infix(stripped.to_string()),
            (true, false) => Term::Suffix(stripped.to_string()),
            (false, true) => Term::Prefix(stripped.to_string()),
            (false, false) => Term::Word(stripped.to_string()),
        },
    )
}

/// `node` inside a named capture when it has a name.
fn captured(node: Node, capture: Option<String>) -> Node {
    match capture {
        Some(name) => Node::Capture {
            name,
            node: Box::new(node),
        },
        None => node,
    }
}

fn repeat(node: Node, q: Quantifier) -> Node {
    if q == ONCE {
        node
    } else {
        Node::Repeat {
            node: Box::new(node),
            min: q.min,
            max: q.max,
            greedy: q.greedy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Node {
        parse(s, &BTreeMap::new()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn tok(t: Term) -> Node {
        Node::Token(vec![t])
    }

    #[test]
    fn elements_and_terms() {
        assert_eq!(p("fel"), tok(Term::Word("fel".into())));
        assert_eq!(p("Fel*"), tok(Term::Prefix("fel".into())));
        assert_eq!(p("*systemet"), tok(Term::Suffix("systemet".into())));
        assert_eq!(p("<*fel>"), tok(Term::LemmaSuffix("fel".into())));
        assert_eq!(p("#Cap"), tok(Term::Shape(ShapeTerm::Capitalised)));
        assert_eq!(p("/\\d{4}/"), tok(Term::Regex("\\d{4}".into())));
        assert_eq!(
            p("a|<b>"),
            Node::Token(vec![Term::Word("a".into()), Term::Lemma("b".into())])
        );
        assert_eq!(p("-"), tok(Term::Word("-".into())));
        assert_eq!(
            p("#line -"),
            Node::Seq(vec![Node::LineStart(true), tok(Term::Word("-".into()))])
        );
        assert_eq!(
            p("#!line #Cap"),
            Node::Seq(vec![
                Node::LineStart(false),
                tok(Term::Shape(ShapeTerm::Capitalised))
            ])
        );
        assert_eq!(
            p("tieto / evry"),
            Node::Seq(vec![
                tok(Term::Word("tieto".into())),
                tok(Term::Word("/".into())),
                tok(Term::Word("evry".into()))
            ])
        );
        assert_eq!(
            p("imy \\)?"),
            Node::Seq(vec![
                tok(Term::Word("imy".into())),
                Node::Repeat {
                    node: Box::new(tok(Term::Word(")".into()))),
                    min: 0,
                    max: 1,
                    greedy: true
                }
            ])
        );
    }

    #[test]
    fn groups_repeats_and_captures() {
        let n = p("span=(tekniskt fel) _{0,3}? x=ok?");
        let Node::Seq(items) = n else { panic!() };
        assert!(matches!(&items[0], Node::Capture { name, .. } if name == "span"));
        assert!(matches!(
            &items[1],
            Node::Repeat {
                min: 0,
                max: 3,
                greedy: false,
                ..
            }
        ));
        assert!(
            matches!(&items[2], Node::Repeat { node, min: 0, max: 1, .. }
            if matches!(&**node, Node::Capture { name, .. } if name == "x"))
        );
        assert!(matches!(p("a b | c"), Node::Alt(a) if a.len() == 2));
        assert!(matches!(
            p("(a | b c){1,2}"),
            Node::Repeat { min: 1, max: 2, .. }
        ));
    }

    #[test]
    fn lists_expand_to_alternatives() {
        let lists = BTreeMap::from([(
            "who".to_string(),
            vec!["de berörda".to_string(), "kunderna".to_string()],
        )]);
        let n = parse("{who} informerades", &lists).unwrap();
        let Node::Seq(items) = n else { panic!() };
        assert!(matches!(&items[0], Node::Alt(a) if a.len() == 2));
        assert!(parse("{nope}", &lists).is_err());
    }

    #[test]
    fn mistakes_are_named() {
        let bad = |s: &str| parse(s, &BTreeMap::new()).unwrap_err();
        assert!(bad("(a b").contains("not closed"));
        assert!(bad("a b)").contains("no `(`"));
        assert!(bad("a{3,1}").contains("repetition"));
        assert!(bad("e-post").contains("not one token"));
        assert!(bad("#Shape").contains("shapes"));
        assert!(bad("-|#line").contains("stands alone"));
        assert!(bad("/(/").contains("/(/"));
        assert!(bad("fe*l").contains("`*`"));
        assert!(bad("<fel>+s").contains("`+s`"));
        assert!(bad("\"Post-\"").contains("not one token"));
    }
}
