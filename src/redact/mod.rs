//! Personal data in documents: finding it (for a record's `pii_kinds`) and masking it
//! (for `--redact`).
//!
//! What is found, and how:
//! - personnummer and samordningsnummer, Luhn- and date-checked ([`personnummer`]);
//! - phone numbers and e-mail addresses, by their shape ([`shapes`]);
//! - street addresses with a postcode, private persons' names where a rule can tell (a
//!   name beside an age, or after a role such as `brukaren`, `patienten`, `eleven`) and
//!   health terms: the rules of `rules/pii.toml`, by `kind` (`address`, `name`,
//!   `health`), with the words that are never a name or a street in its lexicon
//!   (`not_a_name`, `not_a_street`).
//!
//! A masked span becomes its label in brackets (`[personnummer]`, `[namn]`); health terms
//! are counted, never masked. Names of organisations, suppliers and officials stay: no
//! rule marks a name after `handläggaren` or in `Stockholms stad`.

pub mod personnummer;
pub mod shapes;

use std::collections::BTreeSet;
use std::ops::Range;

use crate::index::snippet::Snippet;
use crate::record::IncidentRecord;
use crate::rules::{Example, Found, Haystack, RuleSet};

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Personnummer,
    Phone,
    Email,
    Address,
    Name,
    Health,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Personnummer,
        Kind::Phone,
        Kind::Email,
        Kind::Address,
        Kind::Name,
        Kind::Health,
    ];

    /// The name in `pii_kinds` and in queries (`pii_kind:phone`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Personnummer => "personnummer",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Address => "address",
            Kind::Name => "name",
            Kind::Health => "health",
        }
    }

    /// What replaces a span of this kind, or None when it is not masked.
    pub fn mask(self) -> Option<&'static str> {
        match self {
            Kind::Personnummer => Some("[personnummer]"),
            Kind::Phone => Some("[telefonnummer]"),
            Kind::Email => Some("[e-post]"),
            Kind::Address => Some("[adress]"),
            Kind::Name => Some("[namn]"),
            Kind::Health => None,
        }
    }

    fn from_rule_kind(kind: &str) -> Option<Kind> {
        match kind {
            "address" => Some(Kind::Address),
            "name" => Some(Kind::Name),
            "health" => Some(Kind::Health),
            _ => None,
        }
    }
}

/// One piece of personal data: its kind and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub range: Range<usize>,
}

/// Finds and masks personal data with the `pii` rules of a rule set.
#[derive(Debug, Clone, Copy)]
pub struct Redactor<'r> {
    rules: &'r RuleSet,
}

impl<'r> Redactor<'r> {
    /// A redactor with the rules of the `pii` area (`rules.area("pii")`).
    pub fn new(rules: &'r RuleSet) -> Redactor<'r> {
        Redactor { rules }
    }

    /// The redactor of the rules built into the binary (compiling only `rules/pii.toml`).
    pub fn builtin() -> Redactor<'static> {
        static PII: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        Redactor::new(PII.get_or_init(|| {
            crate::rules::Rules::embedded_area("pii")
                .expect("the embedded rules are checked by the tests")
        }))
    }

    /// Everything found in `text`, in order; overlapping findings are merged into the
    /// first, widest one.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.find_in(&Haystack::unscanned(text))
    }

    /// [`Redactor::find`] on a scanned document.
    pub fn find_in(&self, hay: &Haystack) -> Vec<Finding> {
        let text = hay.text();
        let mut all = Vec::new();
        let mut add = |kind, ranges: Vec<Range<usize>>| {
            all.extend(ranges.into_iter().map(|range| Finding { kind, range }));
        };
        add(Kind::Personnummer, personnummer::find(text));
        add(Kind::Email, shapes::emails(text));
        add(Kind::Phone, shapes::phones(text));
        for rule in &self.rules.rules {
            let Some(kind) = rule.kind.as_deref().and_then(Kind::from_rule_kind) else {
                continue;
            };
            for caps in rule.regex.captures_iter_in(hay) {
                if let Some(range) = rule_span(self.rules, kind, &caps) {
                    all.push(Finding { kind, range });
                }
            }
        }
        // Earlier first; at one start the widest; a finding inside another goes.
        all.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        let mut out: Vec<Finding> = Vec::with_capacity(all.len());
        for f in all {
            match out.last_mut() {
                Some(last) if f.range.start < last.range.end => {
                    last.range.end = last.range.end.max(f.range.end);
                }
                _ => out.push(f),
            }
        }
        out
    }

    /// The kinds of personal data in a scanned document.
    pub fn kinds_in(&self, hay: &Haystack) -> BTreeSet<Kind> {
        self.find_in(hay).into_iter().map(|f| f.kind).collect()
    }

    /// `text` with every masked kind replaced by its label.
    pub fn redact(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in self.find(text) {
            let Some(mask) = f.kind.mask() else { continue };
            out.push_str(&text[at..f.range.start]);
            out.push_str(mask);
            at = f.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// The snippet with its personal data masked; a marked word inside a masked span
    /// loses its mark (the mark would point at the masked words).
    pub fn redact_snippet(&self, snippet: &Snippet) -> Snippet {
        let text = &snippet.fragment;
        let masked: Vec<Finding> = self
            .find(text)
            .into_iter()
            .filter(|f| f.kind.mask().is_some())
            .collect();
        let mut fragment = String::with_capacity(text.len());
        // Old byte offset → new, for the marks outside masked spans.
        let mut shifts: Vec<(usize, isize)> = vec![(0, 0)];
        let mut at = 0;
        for f in &masked {
            let mask = f.kind.mask().unwrap_or_default();
            fragment.push_str(&text[at..f.range.start]);
            fragment.push_str(mask);
            let shift = fragment.len() as isize - f.range.end as isize;
            shifts.push((f.range.end, shift));
            at = f.range.end;
        }
        fragment.push_str(&text[at..]);
        let shift_at = |offset: usize| {
            shifts
                .iter()
                .rev()
                .find(|(from, _)| *from <= offset)
                .map_or(0, |(_, s)| *s)
        };
        let highlighted = snippet
            .highlighted
            .iter()
            .filter(|h| {
                !masked
                    .iter()
                    .any(|f| h.start < f.range.end && f.range.start < h.end)
            })
            .map(|h| {
                let s = shift_at(h.start);
                (h.start as isize + s) as usize..(h.end as isize + s) as usize
            })
            .collect();
        Snippet {
            fragment,
            highlighted,
        }
    }

    /// Masks the record's texts: title, affected text, events and evidence. Names of
    /// organisations, suppliers and authorities stay, as do paths.
    pub fn redact_record(&self, record: &mut IncidentRecord) {
        if let Some(title) = &mut record.title {
            *title = self.redact(title);
        }
        if let Some(a) = &mut record.affected {
            a.text = self.redact(&a.text);
        }
        for event in &mut record.events {
            event.text = self.redact(&event.text);
        }
        for ev in record.evidence.values_mut() {
            // The offsets still say where in the document the evidence came from.
            ev.text = self.redact(&ev.text);
        }
    }
}

/// The span a `pii` rule marks: its `name` group, else the whole match; None when a
/// word of it is in the lexicon of words that are never a private name
/// (`not_a_name`) or a street (`not_a_street`).
fn rule_span(set: &RuleSet, kind: Kind, caps: &crate::rules::Groups) -> Option<Range<usize>> {
    let span = caps.name("name").or_else(|| caps.get(0))?;
    let excluded = match kind {
        Kind::Name => set.words("not_a_name"),
        Kind::Address => set.words("not_a_street"),
        _ => &[],
    };
    let is_excluded = |word: &str| {
        excluded
            .iter()
            .any(|x| x.to_lowercase() == word.to_lowercase())
    };
    if span
        .as_str()
        .split(|c: char| !c.is_alphanumeric())
        .any(is_excluded)
    {
        return None;
    }
    Some(span.range())
}

/// Whether `range` of `text` is a number of its own: not glued to letters or digits,
/// and not continuing a number through `-`, `/`, `.`, `:` or `+` (a date, a time, a
/// case number).
pub(crate) fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before: Vec<char> = text[..range.start].chars().rev().take(2).collect();
    let after: Vec<char> = text[range.end..].chars().take(2).collect();
    let joins = |c: char| matches!(c, '-' | '/' | '.' | ':' | '+' | ',');
    let glued = |near: &[char]| match near {
        [c, ..] if c.is_alphanumeric() => true,
        [c, d, ..] if joins(*c) && d.is_ascii_digit() => true,
        _ => false,
    };
    !glued(&before) && !glued(&after)
}

/// What `pii` rule `id` finds in an example, as the redactor applies it (for `incidex
/// rules check`).
pub fn run_example(set: &RuleSet, id: &str, ex: &Example) -> Vec<Found> {
    let Some(rule) = set.rule(id) else {
        return Vec::new();
    };
    let Some(kind) = rule.kind.as_deref().and_then(Kind::from_rule_kind) else {
        return Vec::new();
    };
    rule.regex
        .captures_iter(&ex.text)
        .filter_map(|caps| rule_span(set, kind, &caps))
        .map(|range| Found {
            span: ex.text[range].to_string(),
            value: rule.value.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
