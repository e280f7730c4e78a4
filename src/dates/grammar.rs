//! Rule matches to candidate expressions: each `rules/dates.toml` pattern is run over the
//! text, its named groups read into a [`Shape`], and overlapping candidates settled by
//! length (the longest reading wins; a non-date wins a tie, so `IA 2021-95` is never half
//! a date).
//!
//! Nothing here knows the calendar beyond "is day 31 possible in this month": years are
//! filled in and relative expressions counted in [`super::resolve`].

use crate::rules::Groups as Captures;

use super::lexicon::{Lexicon, Part, Season, Unit};
use crate::rules::{Haystack, Rule, RuleSet};

/// A date as written: any part may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Partial {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Where a relative expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The date before it in the text ("två dagar senare").
    Previous,
    /// The document's own date ("i går").
    Anchor,
}

/// How far a relative expression moves, and what it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Offset {
    /// A single day, `n` days away.
    Days(i64),
    /// The whole calendar week `n` weeks away (Monday to Sunday).
    Week(i64),
    /// The whole calendar month `n` months away.
    Month(i64),
    /// The whole calendar year `n` years away.
    Year(i64),
    /// The last given weekday (Monday 0) before the base.
    LastWeekday(u32),
    /// `n` units away, landing on one day.
    Count(f64, Unit),
}

/// What a candidate expression says, before the calendar is consulted.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// One day or a span of days, maybe with a time of day.
    Days {
        start: Partial,
        end: Option<Partial>,
        time: Option<(u32, u32)>,
    },
    /// One month or a span of months, maybe narrowed to a part of it.
    Months {
        start: Partial,
        end: Option<Partial>,
        part: Option<Part>,
    },
    Years {
        start: i32,
        end: i32,
    },
    /// An ISO week number, Monday to Sunday.
    Week {
        week: u32,
        year: Option<i32>,
    },
    Season {
        season: Season,
        year: Option<i32>,
    },
    /// A time of day alone; its day comes from a date just before it.
    Time(u32, u32),
    Relative {
        base: Base,
        offset: Option<Offset>,
    },
    /// A length of time; `None` hours for a vague count ("några dagar").
    Duration(Option<f64>),
    /// A number that looks like a date and is not one.
    NonDate,
}

/// One rule's reading of one span.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    /// Index of the rule in its rule set.
    pub rule: usize,
    pub shape: Shape,
}

impl Candidate {
    fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_nondate(&self) -> bool {
        self.shape == Shape::NonDate
    }
}

/// Every reading of every rule (except `docdate` rules), overlaps not yet settled.
pub fn candidates(hay: &Haystack, set: &RuleSet, lex: &Lexicon) -> Vec<Candidate> {
    let text = hay.text();
    let mut out = Vec::new();
    for (index, rule) in set.rules.iter().enumerate() {
        if rule.kind.as_deref() == Some("docdate") {
            continue;
        }
        crate::work::check();
        for caps in rule.regex.captures_iter_in(hay) {
            crate::work::step(1);
            let whole = caps.get(0).expect("group 0 always matches");
            if whole.is_empty() {
                continue;
            }
            let Some(shape) = read(rule, &caps, lex) else {
                continue;
            };
            let span = caps.name("t").unwrap_or(whole);
            let (start, mut end) = (span.start(), span.end());
            // A full month name at a sentence end keeps its period out of the span.
            if text[start..end].ends_with('.') {
                let before = &text[start..end - 1];
                let word = before.rsplit(|c: char| !c.is_alphabetic()).next();
                if word.is_some_and(|w| lex.month(w).is_some() && !lex.is_abbreviation(w)) {
                    end -= 1;
                }
            }
            out.push(Candidate {
                start,
                end,
                rule: index,
                shape,
            });
        }
    }
    out
}

/// Keeps the longest candidate of each overlapping group (a non-date first among equals,
/// then the rule written first), in text order.
pub fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.is_nondate().cmp(&a.is_nondate()))
            .then(a.rule.cmp(&b.rule))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = crate::work::DisjointSpans::default();
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if taken.insert(c.start..c.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

fn group<'t>(caps: &Captures<'t>, name: &str) -> Option<&'t str> {
    caps.name(name).map(|m| m.as_str())
}

fn num<T: std::str::FromStr>(caps: &Captures, name: &str) -> Option<T> {
    group(caps, name).and_then(|s| s.parse().ok())
}

fn days_in_month(month: u32, year: Option<i32>) -> u32 {
    match month {
        2 => match year {
            Some(y) if chrono::NaiveDate::from_ymd_opt(y, 2, 29).is_none() => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The start (`day`, `month`, `year`) or the end (`end_day`, ...) of what a rule read. A
/// month is a number or a name; a day a number (its ordinal ending cut: `3:e`, `3e`) or an
/// ordinal word.
fn partial(caps: &Captures, lex: &Lexicon, end: bool) -> Option<Partial> {
    let key = |k: &str| {
        if end {
            format!("end_{k}")
        } else {
            k.to_string()
        }
    };
    let month = group(caps, &key("month")).and_then(|m| m.parse().ok().or_else(|| lex.month(m)));
    let day = group(caps, &key("day")).and_then(|d| leading_number(d).or_else(|| lex.ordinal(d)));
    let p = Partial {
        year: num(caps, &key("year")),
        month,
        day,
    };
    if p == Partial::default() {
        return None;
    }
    Some(p)
}

/// The number a word ends with: `12` of `v12`, `2` of `Q2`.
fn trailing_number(word: &str) -> Option<u32> {
    word[word.trim_end_matches(|c: char| c.is_ascii_digit()).len()..]
        .parse()
        .ok()
}

/// The number a word starts with: `3` of `3:e`, `3e`, `3.`.
fn leading_number(word: &str) -> Option<u32> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    word[..digits].parse().ok()
}

fn valid(p: &Partial) -> bool {
    match (p.month, p.day) {
        (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(m, p.year),
        (Some(m), None) => (1..=12).contains(&m),
        (None, Some(d)) => (1..=31).contains(&d),
        (None, None) => p.year.is_some(),
    }
}

fn read(rule: &Rule, caps: &Captures, lex: &Lexicon) -> Option<Shape> {
    match rule.kind.as_deref() {
        Some("nondate") => Some(Shape::NonDate),
        Some("time") => Some(Shape::Time(
            num(caps, "hour").or_else(|| num(caps, "approx_hour"))?,
            num(caps, "minute").unwrap_or(0),
        )),
        Some("duration") => {
            let unit = lex.unit(group(caps, "unit")?)?;
            let hours = match group(caps, "n") {
                Some(n) => lex.number(n)?.map(|n| n * unit.hours()),
                None => Some(unit.hours()),
            };
            Some(Shape::Duration(hours))
        }
        Some("relative") => read_relative(rule, caps, lex),
        _ => read_date(caps, lex),
    }
}

fn read_relative(rule: &Rule, caps: &Captures, lex: &Lexicon) -> Option<Shape> {
    let value = rule.value.as_deref().unwrap_or("prev");
    let (base, spec) = value.split_once(':').unwrap_or((value, ""));
    let base = match base {
        "anchor" => Base::Anchor,
        _ => Base::Previous,
    };
    let offset = if spec == "wd" {
        Some(Offset::LastWeekday(lex.weekday(group(caps, "wd")?)?))
    } else if let Some(n) = group(caps, "n") {
        let unit = lex.unit(group(caps, "unit")?)?;
        let back = group(caps, "dir").is_some_and(|d| lex.is_backward(d));
        lex.number(n)?
            .map(|n| Offset::Count(if back { -n } else { n }, unit))
    } else {
        let (count, unit) = spec.split_at(spec.len().saturating_sub(1));
        let count: i64 = count.trim_start_matches('+').parse().ok()?;
        Some(match unit {
            "d" => Offset::Days(count),
            "w" => Offset::Week(count),
            "m" => Offset::Month(count),
            "y" => Offset::Year(count),
            _ => return None,
        })
    };
    Some(Shape::Relative { base, offset })
}

fn read_date(caps: &Captures, lex: &Lexicon) -> Option<Shape> {
    if let Some(season) = group(caps, "season") {
        return Some(Shape::Season {
            season: lex.season(season)?,
            year: num(caps, "year"),
        });
    }
    if let Some(week) = group(caps, "week").and_then(trailing_number) {
        return Some(Shape::Week {
            week,
            year: num(caps, "year"),
        });
    }
    let quarter = group(caps, "q")
        .and_then(trailing_number)
        .or_else(|| num(caps, "qn"))
        .or_else(|| {
            lex.ordinal(group(caps, "qw")?)
                .filter(|q| (1..=4).contains(q))
        });
    if let Some(q) = quarter {
        let year = num(caps, "year");
        let month = |m: u32| Partial {
            year,
            month: Some(m),
            day: None,
        };
        return Some(Shape::Months {
            start: month(q * 3 - 2),
            end: Some(month(q * 3)),
            part: None,
        });
    }
    let start = partial(caps, lex, false);
    let end = partial(caps, lex, true);
    let time = num::<u32>(caps, "hour").map(|h| (h, num(caps, "minute").unwrap_or(0)));
    if start.is_some_and(|p| !valid(&p)) || end.is_some_and(|p| !valid(&p)) {
        return None;
    }
    let has_day = start.is_some_and(|p| p.day.is_some()) || end.is_some_and(|p| p.day.is_some());
    let has_month =
        start.is_some_and(|p| p.month.is_some()) || end.is_some_and(|p| p.month.is_some());
    if has_day {
        let mut start = start.unwrap_or_default();
        let end = end.filter(|e| e.day.is_some());
        if let Some(e) = end {
            start.month = start.month.or(e.month);
        }
        return Some(Shape::Days { start, end, time });
    }
    if has_month {
        let part = group(caps, "part").and_then(|p| lex.part(p));
        let start = start.or(end)?;
        return Some(Shape::Months { start, end, part });
    }
    let start = start?.year?;
    let end = end.and_then(|e| e.year).unwrap_or(start);
    (end >= start && end - start <= 50).then_some(Shape::Years { start, end })
}
