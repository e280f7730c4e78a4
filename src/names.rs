//! Canonical names: the organisation or supplier a name stands for, whatever spelling
//! a document or a user writes (`Tieto` and `TietoEVRY` are `Tietoevry`; `Stockholms
//! stads` is `Stockholms stad`; `Region Kalmar län` is `Region Kalmar`).
//!
//! Read from the `names` rule file (`rules/names.toml`: canonical names with aliases,
//! and the generic Swedish forms in its lexicon). Records keep names as their text
//! writes them; the index stores the canonical name in the `supplier` and
//! `organisation` fields, so stats count one name once, and a query's name is folded
//! the same way before it is searched ([`Names::query_forms`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::rules::{RuleSet, Rules};

#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Folded spelling (lower case, white space collapsed) -> canonical name.
    canonical: HashMap<String, String>,
    /// Type words after a place name in the genitive: `stad`, `kommun`, ...
    genitive_heads: Vec<String>,
    /// Words dropped from the end of a longer name: `län`.
    dropped_suffixes: Vec<String>,
}

static ACTIVE: OnceLock<Names> = OnceLock::new();

impl Names {
    pub fn new(set: &RuleSet) -> Names {
        let mut canonical = HashMap::new();
        for e in &set.entities {
            for spelling in std::iter::once(&e.canonical).chain(&e.aliases) {
                canonical.insert(fold(spelling.trim_end_matches('*')), e.canonical.clone());
            }
        }
        let words = |key: &str| -> Vec<String> {
            set.lexicon
                .get(key)
                .map(|v| v.iter().map(|w| w.to_lowercase()).collect())
                .unwrap_or_default()
        };
        Names {
            canonical,
            genitive_heads: words("genitive_heads"),
            dropped_suffixes: words("dropped_suffixes"),
        }
    }

    /// The names of `rules` (their `names` area).
    pub fn of(rules: &Rules) -> Names {
        Names::new(rules.area("names"))
    }

    /// The names in use in this process: those [`Names::install`]ed by the command that
    /// loaded the rules, else the built-in ones.
    pub fn active() -> &'static Names {
        ACTIVE.get_or_init(|| Names::of(Rules::default_rules()))
    }

    /// Makes `names` the ones [`Names::active`] gives (once, before any use).
    pub fn install(names: Names) {
        let _ = ACTIVE.set(names);
    }

    /// The canonical form of `name`.
    pub fn canonical(&self, name: &str) -> String {
        let name = collapse(name);
        if let Some(c) = self.canonical.get(&name.to_lowercase()) {
            return c.clone();
        }
        let mut words: Vec<&str> = name.split(' ').collect();
        // "Region Kalmar län" -> "Region Kalmar".
        if words.len() >= 3
            && self
                .dropped_suffixes
                .contains(&words[words.len() - 1].to_lowercase())
        {
            words.pop();
        }
        // "Stockholms stads" -> "Stockholms stad".
        let mut last = words.last().map(|w| w.to_string()).unwrap_or_default();
        if words.len() >= 2
            && let Some(stem) = last.strip_suffix('s')
            && self.genitive_heads.contains(&stem.to_lowercase())
        {
            last = stem.to_string();
        }
        let n = words.len();
        let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        if n > 0 {
            out[n - 1] = last;
        }
        let cleaned = out.join(" ");
        self.canonical
            .get(&cleaned.to_lowercase())
            .cloned()
            .unwrap_or(cleaned)
    }

    /// The forms a name typed in a query is searched as, besides itself: its canonical
    /// name, and for one word its genitive (`stockholm` also as `stockholms`, the first
    /// word of "Stockholms stad").
    pub fn query_forms(&self, typed: &str) -> Vec<String> {
        let typed = collapse(typed);
        let mut forms = vec![typed.clone()];
        let canonical = self.canonical(&typed);
        if canonical.to_lowercase() != typed.to_lowercase() {
            forms.push(canonical);
        }
        if !typed.contains(' ') && !typed.to_lowercase().ends_with('s') {
            forms.push(format!("{typed}s"));
        }
        forms
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold(s: &str) -> String {
    collapse(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::of(Rules::default_rules())
    }

    #[test]
    fn renames_genitives_and_county_words_fold_to_one_name() {
        let n = names();
        assert_eq!(n.canonical("Tieto"), "Tietoevry");
        assert_eq!(n.canonical("TIETOEVRY"), "Tietoevry");
        assert_eq!(n.canonical("Tieto  Sverige AB"), "Tietoevry");
        assert_eq!(n.canonical("Stockholms stads"), "Stockholms stad");
        assert_eq!(n.canonical("Stockholms stad"), "Stockholms stad");
        assert_eq!(n.canonical("Region Kalmar län"), "Region Kalmar");
        assert_eq!(n.canonical("Region Kalmar"), "Region Kalmar");
        // A two-word county name keeps its word; a name that is no genitive stays.
        assert_eq!(n.canonical("Kalmar län"), "Kalmar län");
        assert_eq!(n.canonical("Atea"), "Atea");
        assert_eq!(n.canonical("Umeå kommun"), "Umeå kommun");
    }

    #[test]
    fn a_typed_place_is_also_searched_in_the_genitive() {
        let n = names();
        assert_eq!(n.query_forms("stockholm"), ["stockholm", "stockholms"]);
        assert_eq!(n.query_forms("tieto"), ["tieto", "Tietoevry", "tietos"]);
        assert_eq!(
            n.query_forms("Region Kalmar län"),
            ["Region Kalmar län", "Region Kalmar"]
        );
    }
}
