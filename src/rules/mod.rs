//! Rule files: the extraction knowledge kept as data under `rules/`.
//!
//! Each `rules/<area>.toml` holds `[[rule]]` regex rules, `[[entity]]` gazetteer entries and
//! a `[lexicon]` of word lists. A pattern may name a lexicon as `{name}`, which expands to a
//! non-capturing alternation of its entries, so month names or organisation suffixes are
//! written once. Every pattern is compiled once by [`compile_pattern`]: case-insensitive,
//! Unicode on, multi-line. The project's rules are embedded in the binary; `--rules DIR` replaces them.

mod check;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

pub use check::{CheckReport, Failure, Found, check};

/// The rule files shipped with incidex, embedded at build time.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("authorities", include_str!("../../rules/authorities.toml")),
    ("suppliers", include_str!("../../rules/suppliers.toml")),
    (
        "organisations",
        include_str!("../../rules/organisations.toml"),
    ),
    ("causes", include_str!("../../rules/causes.toml")),
    (
        "breach_types",
        include_str!("../../rules/breach_types.toml"),
    ),
    ("sensitive", include_str!("../../rules/sensitive.toml")),
    ("doctype", include_str!("../../rules/doctype.toml")),
    ("affected", include_str!("../../rules/affected.toml")),
    ("form", include_str!("../../rules/form.toml")),
    ("context", include_str!("../../rules/context.toml")),
    ("dates", include_str!("../../rules/dates.toml")),
    ("events", include_str!("../../rules/events.toml")),
];

/// A rule file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    lexicon: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
    #[serde(default)]
    entity: Vec<EntitySpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    name: String,
    pattern: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    negative: Vec<String>,
    #[serde(default)]
    fixme: Vec<Example>,
}

/// A phrase and what a rule must make of it; the test suite runs every one.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub span: Option<String>,
    /// The reference date for year-less or relative dates (`YYYY-MM-DD`).
    #[serde(default)]
    pub ref_date: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitySpec {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    negative: Vec<String>,
}

/// A compiled regex rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub pattern: String,
    pub regex: Regex,
    /// What the rule yields (a cause, a document type, an event kind, ...).
    pub value: Option<String>,
    /// A sub-kind the area gives meaning to.
    pub kind: Option<String>,
    pub weight: f64,
    pub examples: Vec<Example>,
    pub negative: Vec<String>,
    pub fixme: Vec<Example>,
    pub line: usize,
}

/// A gazetteer entry: a canonical name and the spellings that mean it.
#[derive(Debug, Clone)]
pub struct Entity {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    /// Matches any alias (or the canonical name) as a whole word.
    pub regex: Regex,
    pub examples: Vec<Example>,
    pub negative: Vec<String>,
    pub line: usize,
}

/// The compiled contents of one rule file.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub area: String,
    pub file: String,
    pub lexicon: BTreeMap<String, Vec<String>>,
    pub rules: Vec<Rule>,
    pub entities: Vec<Entity>,
}

impl RuleSet {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Rules whose `kind` is `kind`.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules
            .iter()
            .filter(move |r| r.kind.as_deref() == Some(kind))
    }

    pub fn words(&self, lexicon: &str) -> &[String] {
        self.lexicon.get(lexicon).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// All rule sets, by area (the file stem).
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub sets: BTreeMap<String, RuleSet>,
}

impl Rules {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<Rules, RuleError> {
        let mut rules = Rules::default();
        for (area, source) in EMBEDDED {
            let file = format!("rules/{area}.toml");
            rules
                .sets
                .insert(area.to_string(), parse_set(area, &file, source)?);
        }
        Ok(rules)
    }

    /// The embedded rules, compiled once per process.
    pub fn default_rules() -> &'static Rules {
        static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
        RULES
            .get_or_init(|| Rules::embedded().expect("the embedded rules are checked by the tests"))
    }

    /// Every `*.toml` in `dir`; replaces the embedded rules entirely.
    pub fn from_dir(dir: &Path) -> Result<Rules, RuleError> {
        let entries = std::fs::read_dir(dir).map_err(|e| RuleError::io(dir, e))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(RuleError {
                file: dir.display().to_string(),
                line: 0,
                message: "no *.toml rule files in this directory".into(),
            });
        }
        let mut rules = Rules::default();
        for path in paths {
            let source = std::fs::read_to_string(&path).map_err(|e| RuleError::io(&path, e))?;
            let area = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("rules")
                .to_string();
            let set = parse_set(&area, &path.display().to_string(), &source)?;
            rules.sets.insert(area, set);
        }
        Ok(rules)
    }

    /// The rule set of `area`, empty when the rule directory has none.
    pub fn area(&self, area: &str) -> &RuleSet {
        static EMPTY: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        self.sets
            .get(area)
            .unwrap_or_else(|| EMPTY.get_or_init(RuleSet::default))
    }
}

/// A rule file that cannot be used: `file:line: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl RuleError {
    fn io(path: &Path, e: std::io::Error) -> RuleError {
        RuleError {
            file: path.display().to_string(),
            line: 0,
            message: e.to_string(),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for RuleError {}

/// The one regex factory: case-insensitive, Unicode `\w` and `\b` (so å, ä and ö behave),
/// `^`/`$` at line starts and ends, since documents are read whole, and a space in a
/// pattern matches any run of white space (double spaces of justified PDF text, `&nbsp;`,
/// a line break inside a sentence).
///
/// Speed: a Unicode `\b` makes the regex engine leave its DFA for a slow NFA on any text
/// with å, ä or ö (25 times slower here). A `\b` whose neighbours in the pattern are ASCII
/// (`\b(?:röj|läck)`) means the same as the ASCII `(?-u:\b)` almost everywhere, so it is
/// rewritten to that; one next to a non-ASCII letter or an open-ended class stays Unicode.
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_word_boundaries(&spaces_match_whitespace(pattern)))
        .case_insensitive(true)
        .multi_line(true)
        .unicode(true)
        .size_limit(50 << 20)
        .build()
}

/// Rewrites `\b` to the DFA-friendly `(?-u:\b)` where the pattern's neighbouring
/// characters are ASCII on both sides (see [`compile_pattern`]).
fn ascii_word_boundaries(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 32);
    let (mut i, mut class_depth) = (0, 0usize);
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            if chars[i + 1] == 'b'
                && class_depth == 0
                && chars.get(i + 2) != Some(&'{')
                && !starts_non_ascii(&chars, i + 2)
                && !ends_non_ascii(&chars, i)
            {
                out.push_str("(?-u:\\b)");
            } else {
                out.push(c);
                out.push(chars[i + 1]);
            }
            i += 2;
            continue;
        }
        match c {
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Could what starts at `j` begin with a non-ASCII character? Groups are searched
/// alternative by alternative; escapes other than `\s`, classes and `.` count as yes.
fn starts_non_ascii(chars: &[char], j: usize) -> bool {
    let Some(&c) = chars.get(j) else { return false };
    match c {
        '(' => {
            let Some(close) = matching_close(chars, j) else {
                return true;
            };
            alternatives(chars, j + 1, close).into_iter().any(|start| {
                let start = skip_group_flags(chars, start);
                start >= close || starts_non_ascii(chars, start)
            })
        }
        '\\' => !matches!(
            chars.get(j + 1),
            Some('s' | 'd' | '.' | '-' | '(' | ')' | '|')
        ),
        '[' | '.' => true,
        '^' | '$' | ')' | '|' => false,
        // A short ASCII word ("tt", "sa") is also the tail of Swedish words after å/ä/ö
        // ("sätt"), where only the Unicode boundary tells them apart.
        c if !c.is_ascii() => true,
        _ => {
            chars[j..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count()
                < MIN_WORD_RUN
        }
    }
}

/// How many letters a literal word beside a `\b` needs for the ASCII boundary to be safe.
const MIN_WORD_RUN: usize = 3;

/// Could what ends just before `i` end with a non-ASCII character?
fn ends_non_ascii(chars: &[char], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    match chars[i - 1] {
        ')' => {
            let Some(open) = matching_open(chars, i - 1) else {
                return true;
            };
            let inner_start = skip_group_flags(chars, open + 1);
            let mut ends: Vec<usize> = alternatives(chars, inner_start, i - 1)
                .into_iter()
                .skip(1)
                .map(|s| s - 1)
                .collect();
            ends.push(i - 1);
            ends.into_iter()
                .any(|end| end <= inner_start || ends_non_ascii(chars, end))
        }
        // `\w*\b`: the greedy run ends a word either way; at worst an ASCII boundary
        // stops a word ending in å/ä/ö one letter early, and the match still stands.
        '*' | '+' if i >= 3 && chars[i - 3] == '\\' && chars[i - 2] == 'w' => false,
        '*' | '+' | '?' | '}' | ']' | '.' => true,
        '(' | '|' | '^' => false,
        c if !c.is_ascii() || (i >= 2 && chars[i - 2] == '\\') => true,
        _ => {
            chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .count()
                < MIN_WORD_RUN
        }
    }
}

/// Starts of the top-level alternatives between `from` and `to` (exclusive).
fn alternatives(chars: &[char], from: usize, to: usize) -> Vec<usize> {
    let mut starts = vec![from];
    let (mut depth, mut class, mut k) = (0usize, 0usize, from);
    while k < to {
        match chars[k] {
            '\\' => k += 1,
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            '(' if class == 0 => depth += 1,
            ')' if class == 0 => depth = depth.saturating_sub(1),
            '|' if class == 0 && depth == 0 => starts.push(k + 1),
            _ => {}
        }
        k += 1;
    }
    starts
}

/// Skips `?:`, `?i:`, `?-i:`, `?P<name>` at the start of a group's body.
fn skip_group_flags(chars: &[char], start: usize) -> usize {
    if chars.get(start) != Some(&'?') {
        return start;
    }
    let mut k = start + 1;
    if chars.get(k) == Some(&'P') && chars.get(k + 1) == Some(&'<') {
        while k < chars.len() && chars[k] != '>' {
            k += 1;
        }
        return k + 1;
    }
    while k < chars.len() && chars[k] != ':' && chars[k] != ')' {
        k += 1;
    }
    k + 1
}

fn matching_close(chars: &[char], open: usize) -> Option<usize> {
    let (mut depth, mut class, mut k) = (0usize, 0usize, open);
    while k < chars.len() {
        match chars[k] {
            '\\' => k += 1,
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            '(' if class == 0 => depth += 1,
            ')' if class == 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

fn matching_open(chars: &[char], close: usize) -> Option<usize> {
    (0..close).rev().find(|&open| {
        chars[open] == '('
            && (open == 0 || chars[open - 1] != '\\')
            && matching_close(chars, open) == Some(close)
    })
}

/// Rewrites each literal space outside a character class to `\s+`.
fn spaces_match_whitespace(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let (mut escaped, mut class_depth) = (false, 0usize);
    let mut prev_space = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
            prev_space = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            ' ' if class_depth == 0 => {
                if !prev_space {
                    out.push_str(r"\s+");
                }
                prev_space = true;
                continue;
            }
            _ => {}
        }
        prev_space = false;
        out.push(c);
    }
    out
}

fn parse_set(area: &str, file: &str, source: &str) -> Result<RuleSet, RuleError> {
    let err = |line: usize, message: String| RuleError {
        file: file.to_string(),
        line,
        message,
    };
    let parsed: RuleFile = toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(0);
        err(line, e.message().to_string())
    })?;
    let mut set = RuleSet {
        area: area.to_string(),
        file: file.to_string(),
        lexicon: parsed.lexicon,
        ..RuleSet::default()
    };
    let mut seen = std::collections::HashSet::new();
    for spec in parsed.rule {
        let line = line_of_id(source, &spec.id);
        if !seen.insert(spec.id.clone()) {
            return Err(err(line, format!("rule id `{}` is used twice", spec.id)));
        }
        let expanded = expand_lexicon(&spec.pattern, &set.lexicon)
            .map_err(|m| err(line, format!("rule `{}`: {m}", spec.id)))?;
        let regex = compile_pattern(&expanded).map_err(|e| {
            err(
                line,
                format!(
                    "rule `{}`: bad pattern: {}",
                    spec.id,
                    one_line(&e.to_string())
                ),
            )
        })?;
        set.rules.push(Rule {
            id: spec.id,
            name: spec.name,
            pattern: spec.pattern,
            regex,
            value: spec.value,
            kind: spec.kind,
            weight: spec.weight.unwrap_or(1.0),
            examples: spec.examples,
            negative: spec.negative,
            fixme: spec.fixme,
            line,
        });
    }
    for spec in parsed.entity {
        let line = line_of_text(source, &format!("\"{}\"", spec.canonical));
        let mut names = vec![spec.canonical.clone()];
        names.extend(spec.aliases.iter().cloned());
        let regex = compile_pattern(&entity_pattern(&names)).map_err(|e| {
            err(
                line,
                format!("entity `{}`: {}", spec.canonical, one_line(&e.to_string())),
            )
        })?;
        set.entities.push(Entity {
            canonical: spec.canonical,
            aliases: spec.aliases,
            kind: spec.kind,
            regex,
            examples: spec.examples,
            negative: spec.negative,
            line,
        });
    }
    Ok(set)
}

/// Whole-word alternation of literal names, longest first so `Tieto Sverige` beats `Tieto`.
/// A name may end in `*` to accept any word ending (`Tieto*` matches `Tietos`).
fn entity_pattern(names: &[String]) -> String {
    let mut names: Vec<&String> = names.iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = names
        .iter()
        .map(|n| match n.strip_suffix('*') {
            Some(stem) => format!(
                "{}\\w*",
                regex::escape(stem)
                    .replace("\\ ", "\\s+")
                    .replace(' ', "\\s+")
            ),
            None => regex::escape(n).replace(' ', "\\s+"),
        })
        .collect();
    format!(r"(?:^|[^\w])(?P<name>{})(?:$|[^\w])", alts.join("|"))
}

/// Replaces `{name}` with `(?:a|b|...)` from the lexicon. Regex repetitions such as
/// `{1,2}` hold no letters, so they are left alone.
fn expand_lexicon(
    pattern: &str,
    lexicon: &BTreeMap<String, Vec<String>>,
) -> Result<String, String> {
    static PLACEHOLDER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let placeholder = PLACEHOLDER.get_or_init(|| Regex::new(r"\{([a-z_][a-z0-9_]*)\}").unwrap());
    let mut missing = None;
    let out = placeholder.replace_all(pattern, |c: &regex::Captures| match lexicon.get(&c[1]) {
        Some(words) => {
            let mut words: Vec<&String> = words.iter().collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            format!(
                "(?:{})",
                words
                    .iter()
                    .map(|w| w.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            )
        }
        None => {
            missing = Some(c[1].to_string());
            String::new()
        }
    });
    match missing {
        Some(name) => Err(format!(
            "pattern names `{{{name}}}`, which is not in [lexicon]"
        )),
        None => Ok(out.into_owned()),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_of(source: &str, byte: usize) -> usize {
    source[..byte.min(source.len())].matches('\n').count() + 1
}

fn line_of_id(source: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    source
        .lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&needle))
        .map(|i| i + 1)
        .unwrap_or(0)
}

fn line_of_text(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_compile() {
        let rules = Rules::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.sets.len() >= 10);
    }

    #[test]
    fn lexicon_placeholders_expand() {
        let src = "[lexicon]\nmonth = ['mars', 'maj']\n[[rule]]\nid = 't.a'\nname = 'x'\npattern = '\\d{1,2} {month}'\n";
        let set = parse_set("t", "t.toml", src).unwrap();
        assert!(set.rules[0].regex.is_match("den 3 Mars"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad_toml = "[[rule]]\nid = 'a'\nname = \n";
        let e = parse_set("t", "t.toml", bad_toml).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("t.toml", 3), "{e}");

        let bad_regex = "[[rule]]\nid = \"a.b\"\nname = 'x'\npattern = '(unclosed'\n";
        let e = parse_set("t", "t.toml", bad_regex).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(
            e.to_string()
                .starts_with("t.toml:2: rule `a.b`: bad pattern"),
            "{e}"
        );

        let unknown = "[[rule]]\nid = 'a'\nname = 'x'\npattern = 'x'\ncolour = 'red'\n";
        let e = parse_set("t", "t.toml", unknown).unwrap_err();
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn a_space_matches_any_white_space() {
        let re = compile_pattern("tekniskt fel").unwrap();
        assert!(re.is_match("ett  tekniskt\nfel") && re.is_match("tekniskt\u{a0}fel"));
        assert_eq!(spaces_match_whitespace(r"[ a]\ b c"), r"[ a]\ b\s+c");
    }

    #[test]
    fn ascii_neighbours_get_ascii_word_boundaries() {
        assert_eq!(
            ascii_word_boundaries(r"\b(?:röj\w*|läck)"),
            r"(?-u:\b)(?:röj\w*|läck)"
        );
        assert_eq!(
            ascii_word_boundaries(r"\bmissbruk\b"),
            r"(?-u:\b)missbruk(?-u:\b)"
        );
        assert_eq!(
            ascii_word_boundaries(r"\b(?:tt|telegram)\b"),
            r"\b(?:tt|telegram)\b"
        );
        // Next to å/ä/ö, a class or a repetition the Unicode meaning is kept.
        assert_eq!(
            ascii_word_boundaries(r"\b(?:ändrat|fel)"),
            r"\b(?:ändrat|fel)"
        );
        assert_eq!(ascii_word_boundaries(r"behörig\b"), r"behörig(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"på\b"), r"på\b");
        assert_eq!(ascii_word_boundaries(r"\bå"), r"\bå");
        assert_eq!(ascii_word_boundaries(r"fel\w*\b"), r"fel\w*(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"fel\d*\b"), r"fel\d*\b");
        assert_eq!(ascii_word_boundaries(r"\b\p{Lu}"), r"\b\p{Lu}");
        assert_eq!(ascii_word_boundaries(r"(?:hälsa|på)\b"), r"(?:hälsa|på)\b");
        assert_eq!(
            ascii_word_boundaries(r"(?:hälsa|bistånd)\b"),
            r"(?:hälsa|bistånd)(?-u:\b)"
        );
        assert_eq!(
            ascii_word_boundaries(r"(?:halsduk|bistand)\b"),
            r"(?:halsduk|bistand)(?-u:\b)"
        );
    }

    #[test]
    fn rewritten_boundaries_still_respect_swedish_words() {
        let re = compile_pattern(r"\b(?:fel|lust)\b").unwrap();
        assert!(re.is_match("ett fel i koden") && re.is_match("fel."));
        assert!(!re.is_match("felaktig") && !re.is_match("mjukvarufelet"));
        assert!(
            compile_pattern(r"\bförlust")
                .unwrap()
                .is_match("en förlust")
        );
    }

    #[test]
    fn entity_names_match_whole_words_longest_first() {
        let re = Regex::new(&entity_pattern(&["Tieto".into(), "Tieto Sverige".into()])).unwrap();
        let m = re.captures("hos Tieto Sverige AB").unwrap();
        assert_eq!(&m["name"], "Tieto Sverige");
        assert!(!re.is_match("Tietoevry"));
    }
}
