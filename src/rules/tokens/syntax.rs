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
//! | `/\d{4}/` | whose lower-case form the regex matches whole |
//! | `#Cap` `#lower` `#UPPER` `#digits` `#word` `_` | of that shape; `_` is any token |
//! | `#line` `#!line` | no token: the next one is (is not) the first on its line; at the end of the text, `#line` holds |
//! | `-` `:` `§` `\(` `\)` | that punctuation mark |
//! | `a\|b\|<c>` | matching any of the alternatives |
//! | `{list}` | any entry of the file's `[lexicon]` list (entries are patterns too) |
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
}

/// A pattern as a tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One token passing any of the terms.
    Token(Vec<Term>),
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
    Close(Quantifier),
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
            let (q, used) = quantifier(&chars[i..])?;
            i += used;
            items.push(Item::Close(q));
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
                && (in_regex || i == start || chars[i - 1] == '|' || chars[i - 1] == '=')
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
            Some((name, body)) if !name.is_empty() && !name.contains(['/', '<']) => {
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
    if let Some(open) = body.rfind('{') {
        let inner = &body[open + 1..];
        if inner.starts_with(|c: char| c.is_ascii_digit()) {
            let (q, used) = quantifier(&body[open..].chars().collect::<Vec<_>>())?;
            if used == body[open..].chars().count() {
                return Ok((body[..open].to_string(), q));
            }
        }
    }
    if chars.len() > 1 && chars[chars.len() - 1] == '?' {
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
            Some(Item::Close(_)) => Err("a `)` has no `(`".into()),
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
                Item::Bar | Item::Close(_) => break,
                Item::Open(capture) => {
                    self.at += 1;
                    let inner = self.alternatives()?;
                    let Some(Item::Close(q)) = self.items.get(self.at).cloned() else {
                        return Err("a `(` is not closed".into());
                    };
                    self.at += 1;
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
        let terms = split_terms(text)
            .into_iter()
            .map(term)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Node::Token(terms))
    }
}

/// `a|/x|y/|b` into its alternatives, a regex's own `|` kept.
fn split_terms(text: &str) -> Vec<&str> {
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
            '|' if !in_regex && i > start => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn term(text: &str) -> Result<Term, String> {
    let lower = |s: &str| s.to_lowercase();
    if text.len() > 2 && text.starts_with('/') && text.ends_with('/') {
        let source = &text[1..text.len() - 1];
        regex::Regex::new(source).map_err(|e| format!("`{text}`: {e}"))?;
        return Ok(Term::Regex(source.to_string()));
    }
    if let Some(shape) = text.strip_prefix('#') {
        return Ok(Term::Shape(match shape {
            "Cap" => ShapeTerm::Capitalised,
            "lower" => ShapeTerm::Lower,
            "UPPER" => ShapeTerm::Upper,
            "digits" => ShapeTerm::Digits,
            "word" => ShapeTerm::Word,
            "line" | "!line" => return Err(format!("`{text}` stands alone: it matches no token")),
            _ => {
                return Err(format!(
                    "`{text}`: shapes are #Cap, #lower, #UPPER, #digits, #word"
                ));
            }
        }));
    }
    if text == "_" {
        return Ok(Term::Shape(ShapeTerm::Any));
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
    }
}
