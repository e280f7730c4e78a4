//! The Swedish temporal tagger: finds dates, times, periods, months, years, relative
//! expressions and durations in text and resolves them to calendar values.
//!
//! Driven by `rules/dates.toml`: [`lexicon`] reads its word lists, [`grammar`] runs its
//! patterns and settles overlaps, [`resolve`] fills in years and counts relative
//! expressions. Limits: Swedish only (Finland-Swedish `11.3.2019` included); a year-less
//! date is placed by the document's own date, the dates before it or the years it names,
//! and left null when none of these exist; day and month names are not checked against
//! each other ("måndagen den 5 maj" is 5 May whatever weekday that was).

pub mod grammar;
pub mod lexicon;
pub mod resolve;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::rules::{self, Haystack, RuleSet};
use grammar::{Candidate, Shape};
use lexicon::Lexicon;
use resolve::Context;

/// What a temporal expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TemporalKind {
    Date,
    Datetime,
    Period,
    Month,
    Year,
    Relative,
    Duration,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// The span as written.
    pub text: String,
    /// Byte offset of the span in the text.
    pub offset: usize,
    pub kind: TemporalKind,
    /// First day covered, or null when it cannot be placed on a calendar.
    pub start: Option<NaiveDate>,
    /// Last day covered (equal to `start` for one day).
    pub end: Option<NaiveDate>,
    /// `HH:MM` where the expression gives a time of day.
    pub time: Option<String>,
    pub duration_hours: Option<f64>,
    /// True when the expression was written to the day (a date, a span of days, a day
    /// counted from another), not a month, season or year.
    pub day_precision: bool,
}

impl Tagged {
    pub fn end_offset(&self) -> usize {
        self.offset + self.text.len()
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when a time of day is known.
    pub fn start_value(&self) -> Option<String> {
        let day = self.start?;
        Some(match &self.time {
            Some(t) => format!("{day}T{t}"),
            None => day.to_string(),
        })
    }

    /// Like [`Tagged::start_value`]; a single day's end carries the same time.
    pub fn end_value(&self) -> Option<String> {
        let day = self.end?;
        Some(match &self.time {
            Some(t) if self.end == self.start => format!("{day}T{t}"),
            _ => day.to_string(),
        })
    }

    /// True when the expression names one calendar day.
    pub fn is_day(&self) -> bool {
        self.day_precision && self.start.is_some() && self.start == self.end
    }

    /// One string for the value: `2019-03-03`, `2019-02-22..2019-02-26`, `T09:00` for a
    /// time with no day, `72h` for a duration, `null` when it cannot be placed.
    pub fn value(&self) -> String {
        if self.kind == TemporalKind::Duration {
            return match self.duration_hours {
                Some(h) => format!("{}h", trim_number(h)),
                None => "null".into(),
            };
        }
        match (self.start_value(), self.end_value()) {
            (Some(s), Some(e)) if s == e => s,
            (Some(s), Some(e)) => format!("{s}..{e}"),
            _ => match &self.time {
                Some(t) => format!("T{t}"),
                None => "null".into(),
            },
        }
    }
}

fn trim_number(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Tags every temporal expression in `text`. `anchor` is the document's own date where
/// known; without it, the date is looked for in the text ([`document_date`]).
/// Year-less dates and relative expressions resolve against it. Each token rule analyses
/// `text` again here: for a short text; a document goes through [`tag_in`] with the
/// haystack of its rules ([`crate::rules::Rules::haystack`]).
pub fn tag(text: &str, rules: &RuleSet, anchor: Option<NaiveDate>) -> Vec<Tagged> {
    tag_in(&Haystack::unscanned(text), rules, anchor)
}

/// [`tag`] on a text already scanned for the rules ([`crate::rules::Rules::haystack`]):
/// the word rules look up their matches and the digit shapes search only near digits.
pub fn tag_in(hay: &Haystack, rules: &RuleSet, anchor: Option<NaiveDate>) -> Vec<Tagged> {
    tag_with_rules(hay, rules, anchor)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// The document's own date: a publication, update, letter or form date in the text.
pub fn document_date(text: &str, rules: &RuleSet) -> Option<NaiveDate> {
    let lex = rules.derived(Lexicon::new);
    let hay = Haystack::unscanned(text);
    let selected = grammar::select(grammar::candidates(&hay, rules, &lex));
    find_anchor(&hay, rules, &selected).map(|(date, _)| date)
}

/// Tags with the index of the rule that found each.
fn tag_with_rules(
    hay: &Haystack,
    rules: &RuleSet,
    anchor: Option<NaiveDate>,
) -> Vec<(Tagged, usize)> {
    let text = hay.text();
    let lex = rules.derived(Lexicon::new);
    let selected = grammar::select(grammar::candidates(hay, rules, &lex));
    let found = find_anchor(hay, rules, &selected);
    let mut ctx = Context {
        anchor: anchor.or(found.map(|(d, _)| d)),
        latest_year: latest_year(text, &selected),
        previous: None,
        // A publication line dates the document, not the events: "dagen efter" below
        // it does not count from it.
        document_date_at: found.map(|(_, c)| c.start),
    };
    let dates: Vec<&Candidate> = selected.iter().filter(|c| !c.is_nondate()).collect();
    let owned: Vec<Candidate> = dates.iter().map(|c| (*c).clone()).collect();
    let tagged = resolve::resolve(text, &owned, &mut ctx);
    tagged
        .into_iter()
        .zip(owned.iter().map(|c| c.rule))
        .collect()
}

/// The first `docdate` rule match followed at once by a date with its year written out.
/// Returns the date and the candidate that gave it.
fn find_anchor<'c>(
    hay: &Haystack,
    rules: &RuleSet,
    selected: &'c [Candidate],
) -> Option<(NaiveDate, &'c Candidate)> {
    let mut best: Option<(usize, NaiveDate, &Candidate)> = None;
    for rule in rules
        .rules
        .iter()
        .filter(|r| r.kind.as_deref() == Some("docdate"))
    {
        let text = hay.text();
        let whole_line = rule.value.as_deref() == Some("line");
        for m in rule.regex.find_iter_in(hay) {
            let after = m.end() + (text[m.end()..].len() - text[m.end()..].trim_start().len());
            // `selected` is sorted by start and disjoint: look the two starts up.
            let at = |start: usize| {
                let i = selected.partition_point(|c| c.start < start);
                selected.get(i).filter(|c| c.start == start)
            };
            crate::work::step(1);
            let Some(c) = at(m.end()).or_else(|| at(after)) else {
                continue;
            };
            let Shape::Days {
                start, end: None, ..
            } = &c.shape
            else {
                continue;
            };
            let (Some(y), Some(mo), Some(d)) = (start.year, start.month, start.day) else {
                continue;
            };
            if whole_line {
                let rest = &text[c.end..];
                let line_end = rest.find('\n').unwrap_or(rest.len());
                if !rest[..line_end].trim().is_empty() {
                    continue;
                }
            }
            if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d)
                && best.is_none_or(|(at, _, _)| m.start() < at)
            {
                best = Some((m.start(), date, c));
            }
        }
    }
    best.map(|(_, d, c)| (d, c))
}

/// The latest four-digit year (1900-2099) written anywhere outside non-dates.
fn latest_year(text: &str, selected: &[Candidate]) -> Option<i32> {
    static YEAR: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    // Whole words, checked beside each match: a Unicode `\b` in the regex would send the
    // regex crate to a slow engine on text with å, ä, ö.
    let re = YEAR.get_or_init(|| regex::Regex::new(r"(?:19|20)[0-9]{2}").expect("valid"));
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    re.find_iter(text)
        .filter(|m| {
            !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next())
        })
        // `selected` is sorted by start and disjoint: only the last one starting at or
        // before the year can hold it.
        .filter(|m| {
            crate::work::step(1);
            let i = selected.partition_point(|c| c.start <= m.start());
            !i.checked_sub(1)
                .map(|i| &selected[i])
                .is_some_and(|c| c.is_nondate() && m.end() <= c.end)
        })
        .filter_map(|m| m.as_str().parse().ok())
        .max()
}

/// Applies rule `id` of the dates rules to an example the way [`tag`] would (all rules
/// compete for the text; what rule `id` won is reported), with the example's `ref_date`
/// as the document's date. A `docdate` rule reports the document date it found.
pub fn run_example(set: &RuleSet, id: &str, ex: &rules::Example) -> Vec<rules::Found> {
    let Some(index) = set.rules.iter().position(|r| r.id == id) else {
        return Vec::new();
    };
    let anchor = ex.ref_date.as_deref().and_then(|d| d.parse().ok());
    let rule = &set.rules[index];
    let lex = set.derived(Lexicon::new);
    let hay = Haystack::unscanned(&ex.text);
    let selected = grammar::select(grammar::candidates(&hay, set, &lex));
    match rule.kind.as_deref() {
        Some("docdate") => {
            // Only this rule may name the document's date here.
            let mut only = set.clone();
            only.rules
                .retain(|r| r.id == id || r.kind.as_deref() != Some("docdate"));
            find_anchor(&hay, &only, &selected)
                .map(|(date, c)| rules::Found {
                    span: ex.text[c.start..c.end].to_string(),
                    value: Some(date.to_string()),
                })
                .into_iter()
                .collect()
        }
        Some("nondate") => selected
            .iter()
            .filter(|c| c.rule == index)
            .map(|c| rules::Found {
                span: ex.text[c.start..c.end].to_string(),
                value: None,
            })
            .collect(),
        _ => tag_with_rules(&hay, set, anchor)
            .into_iter()
            .filter(|(_, r)| *r == index)
            .map(|(t, _)| rules::Found {
                value: Some(t.value()),
                span: t.text,
            })
            .collect(),
    }
}
