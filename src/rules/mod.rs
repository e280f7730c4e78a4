//! Rule files: the extraction knowledge kept as data under `rules/`.
//!
//! Each `rules/<area>.toml` holds `[[rule]]` regex rules, `[[entity]]` gazetteer entries and
//! a `[lexicon]` of word lists. A pattern may name a lexicon as `{name}`, which expands to a
//! non-capturing alternation of its entries, so month names or organisation suffixes are
//! written once. Every pattern is compiled once by [`compile_pattern`]: case-insensitive,
//! Unicode on, multi-line. The project's rules are embedded in the binary; `--rules DIR` replaces them.

mod boundaries;
mod check;
mod digits;
mod pattern;
pub mod tokens;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

pub use check::{CheckReport, Failure, Found, check};
pub use pattern::{Groups, Haystack, Hit, Pattern, ScanIndex};

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
    ("places", include_str!("../../rules/places.toml")),
    ("agencies", include_str!("../../rules/agencies.toml")),
    ("dates", include_str!("../../rules/dates.toml")),
    ("events", include_str!("../../rules/events.toml")),
    ("pii", include_str!("../../rules/pii.toml")),
    ("names", include_str!("../../rules/names.toml")),
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
    /// A regex over characters, for shapes below the word (dates, numbers, codes).
    #[serde(default)]
    pattern: Option<String>,
    /// A token pattern (see [`tokens::syntax`]), for everything made of words.
    #[serde(default)]
    tokens: Option<String>,
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

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    /// The pattern as written: a regex or a token pattern.
    pub pattern: String,
    pub regex: Pattern,
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
    pub regex: Pattern,
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
    /// Tables an area builds once from this set (see [`RuleSet::derived`]).
    derived: Derived,
}

/// Values built from a rule set, one per type, shared by its clones.
#[derive(Debug, Clone, Default)]
struct Derived(
    std::sync::Arc<std::sync::Mutex<Vec<std::sync::Arc<dyn std::any::Any + Send + Sync>>>>,
);

impl RuleSet {
    /// The `T` built from this set by `build`, built on first use and kept (the date
    /// lexicon's lookups, say, instead of once per document). `build` must read only
    /// what does not change after loading: the lexicon and the rules.
    pub fn derived<T: std::any::Any + Send + Sync>(
        &self,
        build: impl FnOnce(&RuleSet) -> T,
    ) -> std::sync::Arc<T> {
        let mut known = self.derived.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = known.iter().find_map(|v| v.clone().downcast::<T>().ok()) {
            return found;
        }
        let built = std::sync::Arc::new(build(self));
        known.push(built.clone());
        built
    }

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

/// All rule sets, by area (the file stem), with their token rules compiled together for
/// the one scan of a document.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub sets: BTreeMap<String, RuleSet>,
    scan: Option<std::sync::Arc<ScanIndex>>,
    /// BLAKE3 of the rule files (area names and sources, in area order), in hex: two rule
    /// sets with one digest extract alike.
    pub digest: String,
}

impl Rules {
    fn from_sets(mut sets: BTreeMap<String, RuleSet>, sources: &BTreeMap<String, String>) -> Rules {
        let mut hasher = blake3::Hasher::new();
        for (area, source) in sources {
            for part in [area.as_bytes(), b"\0", source.as_bytes(), b"\0"] {
                hasher.update(part);
            }
        }
        let digest = hasher.finalize().to_hex().to_string();
        let patterns = sets.values_mut().flat_map(|set| {
            set.rules
                .iter_mut()
                .map(|r| &mut r.regex)
                .chain(set.entities.iter_mut().map(|e| &mut e.regex))
        });
        let scan = ScanIndex::build(patterns);
        Rules {
            sets,
            scan: Some(std::sync::Arc::new(scan)),
            digest,
        }
    }

    /// Scans `text` once for every token rule and the digits, so each rule then looks up
    /// its matches or searches only near the digits (see [`Pattern::find_iter_in`]).
    pub fn haystack<'t>(&self, text: &'t str) -> Haystack<'t> {
        match &self.scan {
            Some(index) => index.scan(text),
            None => Haystack::unscanned(text),
        }
    }

    /// The rules embedded in the binary.
    pub fn embedded() -> Result<Rules, RuleError> {
        let mut sets = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for (area, source) in EMBEDDED {
            let file = format!("rules/{area}.toml");
            sets.insert(area.to_string(), parse_set(area, &file, source)?);
            sources.insert(area.to_string(), source.to_string());
        }
        Ok(Rules::from_sets(sets, &sources))
    }

    /// One area of the embedded rules alone (for a command that needs no others).
    pub fn embedded_area(area: &str) -> Result<RuleSet, RuleError> {
        let source = EMBEDDED
            .iter()
            .find(|(name, _)| *name == area)
            .map_or("", |(_, source)| source);
        parse_set(area, &format!("rules/{area}.toml"), source)
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
        let mut sets = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for path in paths {
            let source = std::fs::read_to_string(&path).map_err(|e| RuleError::io(&path, e))?;
            let area = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("rules")
                .to_string();
            let set = parse_set(&area, &path.display().to_string(), &source)?;
            sets.insert(area.clone(), set);
            sources.insert(area, source);
        }
        Ok(Rules::from_sets(sets, &sources))
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

/// The one regex factory: case-insensitive, Unicode `\w`, `^`/`$` at line starts and
/// ends, since documents are read whole, and a space in a pattern matches any run of white
/// space (double spaces of justified PDF text, `&nbsp;`, a line break inside a sentence).
///
/// Speed: each `\b` is rewritten to a byte-level boundary the regex crate's DFA can run
/// where the pattern's own letter beside it tells which one means the same
/// ([`boundaries`]); `\d` means 0-9.
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    let rewritten = syntax_tree(pattern).map(|hir| boundaries::rewrite(&hir));
    compile_rewritten(pattern, rewritten.as_ref())
}

/// [`compile_pattern`] from the pattern's syntax tree after [`boundaries::rewrite`], when
/// it parsed.
fn compile_rewritten(
    pattern: &str,
    rewritten: Option<&regex_syntax::hir::Hir>,
) -> Result<Regex, regex::Error> {
    match rewritten {
        Some(hir) => RegexBuilder::new(&hir.to_string())
            .size_limit(50 << 20)
            .build(),
        // The regex crate words the error.
        None => RegexBuilder::new(&regex_source(pattern))
            .case_insensitive(true)
            .multi_line(true)
            .build(),
    }
}

/// The regex a rule pattern stands for, before the flags of [`compile_pattern`].
fn regex_source(pattern: &str) -> String {
    spaces_match_whitespace(pattern)
}

/// The pattern's syntax tree under the flags [`compile_pattern`] uses, for reading what
/// its matches hold (a digit, see [`digits`]) and how far they reach.
fn syntax_tree(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .multi_line(true)
        .unicode(true)
        .build()
        .parse(&regex_source(pattern))
        .ok()
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
        let (pattern, regex) = match (spec.pattern, spec.tokens) {
            (Some(pattern), None) => {
                let expanded = expand_lexicon(&pattern, &set.lexicon)
                    .map_err(|m| err(line, format!("rule `{}`: {m}", spec.id)))?;
                let regex = Pattern::new(&expanded).map_err(|e| {
                    err(
                        line,
                        format!(
                            "rule `{}`: bad pattern: {}",
                            spec.id,
                            one_line(&e.to_string())
                        ),
                    )
                })?;
                (pattern, regex)
            }
            (None, Some(tokens)) => {
                let compiled = Pattern::tokens(&tokens, &set.lexicon)
                    .map_err(|e| err(line, format!("rule `{}`: bad tokens: {e}", spec.id)))?;
                (tokens, compiled)
            }
            _ => {
                return Err(err(
                    line,
                    format!(
                        "rule `{}`: give either `pattern` (a regex) or `tokens` (a token pattern)",
                        spec.id
                    ),
                ));
            }
        };
        set.rules.push(Rule {
            id: spec.id,
            name: spec.name,
            pattern,
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
        let regex = entity_tokens(&names)
            .and_then(|tokens| Pattern::tokens(&tokens, &BTreeMap::new()))
            .map_err(|e| err(line, format!("entity `{}`: {e}", spec.canonical)))?;
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

/// The token pattern of a gazetteer entry: its names as token sequences, a capture
/// `name` around them, the longest first so `Tieto Sverige` beats `Tieto`. A name may end
/// in `*` to accept any word ending (`Tieto*` matches `Tietos`).
fn entity_tokens(names: &[String]) -> Result<String, String> {
    let mut alternatives: Vec<(usize, usize, String)> = Vec::new();
    for name in names {
        let (stem, open) = match name.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (name.as_str(), false),
        };
        let mut tokens: Vec<String> = crate::analysis::token_texts(stem)
            .into_iter()
            .map(|t| match t {
                "(" | ")" | "|" => format!("\\{t}"),
                _ => t.to_string(),
            })
            .collect();
        if tokens.is_empty() {
            return Err(format!("`{name}` names nothing"));
        }
        if open {
            tokens.last_mut().unwrap().push('*');
        }
        alternatives.push((tokens.len(), stem.len(), tokens.join(" ")));
    }
    alternatives.sort_by_key(|a| std::cmp::Reverse((a.0, a.1)));
    let body: Vec<String> = alternatives.into_iter().map(|(_, _, t)| t).collect();
    Ok(format!("name=( {} )", body.join(" | ")))
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
    fn a_derived_table_is_built_once_and_shared_by_clones() {
        let set = parse_set("t", "t.toml", "[lexicon]\nmonth = ['mars', 'maj']\n").unwrap();
        let builds = std::sync::atomic::AtomicUsize::new(0);
        let count = |s: &RuleSet| {
            builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            s.words("month").len()
        };
        assert_eq!(*set.derived(count), 2);
        assert_eq!(*set.clone().derived(count), 2);
        assert_eq!(*set.derived(|_| "another type"), "another type");
        assert_eq!(builds.load(std::sync::atomic::Ordering::Relaxed), 1);
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
        let names = [
            "Tieto*".to_string(),
            "Tieto Sverige".into(),
            "CGI:s".into(),
            "Post- och telestyrelsen".into(),
        ];
        let tokens = entity_tokens(&names).unwrap();
        let pattern = Pattern::tokens(&tokens, &BTreeMap::new()).unwrap();
        let name = |text: &'static str| {
            pattern
                .captures(text)
                .and_then(|c| c.name("name"))
                .map(|m| m.as_str())
        };
        assert_eq!(name("hos Tieto Sverige AB"), Some("Tieto Sverige"));
        assert_eq!(name("Tietos kunder"), Some("Tietos"));
        assert_eq!(name("enligt CGI:s rapport"), Some("CGI:s"));
        assert_eq!(
            name("till Post- och telestyrelsen"),
            Some("Post- och telestyrelsen")
        );
        assert_eq!(name("hos Tietoevry"), Some("Tietoevry"));
        assert!(!pattern.is_match("Tiet och Sverige"));
    }
}
