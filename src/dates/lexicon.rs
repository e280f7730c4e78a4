//! The word lists of `rules/dates.toml` turned into lookups: month names to numbers,
//! number words to counts, units to hours, seasons and month parts to day ranges.
//!
//! The lists are data: a spelling added to `month_3` in the rule file is understood here
//! without a code change. Words are compared lower-cased, without a trailing dot.

use std::collections::HashMap;

use crate::rules::RuleSet;

/// A unit of time and its length in hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Minute,
    Quarter,
    HalfHour,
    Hour,
    Day,
    Week,
    Month,
    HalfYear,
    Year,
}

impl Unit {
    pub fn hours(self) -> f64 {
        match self {
            Unit::Minute => 1.0 / 60.0,
            Unit::Quarter => 0.25,
            Unit::HalfHour => 0.5,
            Unit::Hour => 1.0,
            Unit::Day => 24.0,
            Unit::Week => 168.0,
            Unit::Month => 720.0,
            Unit::HalfYear => 4380.0,
            Unit::Year => 8760.0,
        }
    }
}

/// A part of a month: `början`, `mitten`, `slutet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// The seasons, as month ranges of one year (winter is taken as January to February of
/// the year named, the part of it that a "vintern 2021" most often means).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub fn months(self) -> (u32, u32) {
        match self {
            Season::Spring => (3, 5),
            Season::Summer => (6, 8),
            Season::Autumn => (9, 11),
            Season::Winter => (1, 2),
        }
    }
}

/// Lookups built from one rule set's `[lexicon]`.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    months: HashMap<String, u32>,
    /// `None` for vague counts (`några`, `flera`).
    numbers: HashMap<String, Option<u32>>,
    units: HashMap<String, Unit>,
    seasons: HashMap<String, Season>,
    parts: HashMap<String, Part>,
    weekdays: HashMap<String, u32>,
    ordinals: HashMap<String, u32>,
    /// Directions that count back in time (`tidigare`, `sedan`).
    backward: Vec<String>,
}

fn norm(word: &str) -> String {
    word.trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Lexicon {
    pub fn new(set: &RuleSet) -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, words) in &set.lexicon {
            let fill = |words: &[String]| words.iter().map(|w| norm(w)).collect::<Vec<_>>();
            if let Some(n) = name
                .strip_prefix("month_")
                .and_then(|n| n.parse::<u32>().ok())
            {
                lex.months.extend(fill(words).into_iter().map(|w| (w, n)));
            } else if let Some(n) = name
                .strip_prefix("ordinal_")
                .and_then(|n| n.parse::<u32>().ok())
            {
                lex.ordinals.extend(fill(words).into_iter().map(|w| (w, n)));
            } else if let Some(n) = name.strip_prefix("num_") {
                let value = n.parse::<u32>().ok();
                lex.numbers
                    .extend(fill(words).into_iter().map(|w| (w, value)));
            } else if let Some(unit) = name.strip_prefix("unit_") {
                let unit = match unit {
                    "minute" => Unit::Minute,
                    "quarter" => Unit::Quarter,
                    "halfhour" => Unit::HalfHour,
                    "hour" => Unit::Hour,
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "halfyear" => Unit::HalfYear,
                    "year" => Unit::Year,
                    _ => continue,
                };
                lex.units.extend(fill(words).into_iter().map(|w| (w, unit)));
            } else if let Some(season) = name.strip_prefix("season_") {
                let season = match season {
                    "spring" => Season::Spring,
                    "summer" => Season::Summer,
                    "autumn" => Season::Autumn,
                    "winter" => Season::Winter,
                    _ => continue,
                };
                lex.seasons
                    .extend(fill(words).into_iter().map(|w| (w, season)));
            } else if let Some(part) = name.strip_prefix("part_") {
                let part = match part {
                    "early" => Part::Early,
                    "mid" => Part::Mid,
                    "late" => Part::Late,
                    _ => continue,
                };
                lex.parts.extend(fill(words).into_iter().map(|w| (w, part)));
            } else if name == "direction_back" {
                lex.backward.extend(fill(words));
            } else if name == "weekday" || name == "weekday_past" {
                // Listed Monday first; the short forms follow in the same order.
                for (i, w) in fill(words).into_iter().enumerate() {
                    lex.weekdays.insert(w, (i % 7) as u32);
                }
            }
        }
        lex
    }

    /// Month number (1-12) of a month name or abbreviation.
    pub fn month(&self, word: &str) -> Option<u32> {
        self.months.get(&norm(word)).copied()
    }

    /// Whether `word` is a month's full name (the first spelling listed is the full one,
    /// and abbreviations are shorter than it).
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let w = norm(word);
        let Some(&m) = self.months.get(&w) else {
            return false;
        };
        self.months
            .iter()
            .any(|(other, &n)| n == m && other.chars().count() > w.chars().count())
    }

    /// Whether a relative date's direction counts back (`två dagar tidigare`).
    pub fn is_backward(&self, word: &str) -> bool {
        self.backward.contains(&norm(word))
    }

    /// Day of month of an ordinal word (`tredje` is 3).
    pub fn ordinal(&self, word: &str) -> Option<u32> {
        self.ordinals.get(&norm(word)).copied()
    }

    /// A count written in digits or words; `Some(None)` for a vague count.
    pub fn number(&self, word: &str) -> Option<Option<f64>> {
        let w = norm(word);
        if let Ok(n) = w.replace(',', ".").parse::<f64>() {
            return Some(Some(n));
        }
        self.numbers.get(&w).map(|n| n.map(f64::from))
    }

    pub fn unit(&self, word: &str) -> Option<Unit> {
        self.units.get(&norm(word)).copied()
    }

    pub fn season(&self, word: &str) -> Option<Season> {
        self.seasons.get(&norm(word)).copied()
    }

    pub fn part(&self, word: &str) -> Option<Part> {
        self.parts.get(&norm(word)).copied()
    }

    /// Weekday index, Monday 0, of `måndag`, `måndagen`, `måndags`, `mån` ...
    pub fn weekday(&self, word: &str) -> Option<u32> {
        let w = norm(word);
        self.weekdays
            .get(&w)
            .or_else(|| w.strip_suffix("en").and_then(|s| self.weekdays.get(s)))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn lex() -> Lexicon {
        Lexicon::new(Rules::default_rules().area("dates"))
    }

    #[test]
    fn months_from_names_and_abbreviations() {
        let lex = lex();
        assert_eq!(lex.month("Mars"), Some(3));
        assert_eq!(lex.month("sept."), Some(9));
        assert_eq!(lex.month("okt"), Some(10));
        assert_eq!(lex.month("December"), Some(12));
        assert!(lex.is_abbreviation("okt"));
        assert!(!lex.is_abbreviation("maj"));
        assert!(!lex.is_abbreviation("mars"));
    }

    #[test]
    fn the_union_lists_hold_every_spelling_once() {
        let set = Rules::default_rules().area("dates");
        for (union, prefix) in [
            ("month", "month_"),
            ("unit", "unit_"),
            ("season", "season_"),
        ] {
            let mut parts: Vec<String> = set
                .lexicon
                .iter()
                .filter(|(k, _)| {
                    k.strip_prefix(prefix)
                        .is_some_and(|rest| rest != "full" && rest != "word")
                })
                .flat_map(|(_, v)| v.iter().cloned())
                .collect();
            let mut all = set.words(union).to_vec();
            parts.sort();
            all.sort();
            assert_eq!(parts, all, "[lexicon] {union} against {prefix}*");
        }
        let mut numbers: Vec<String> = set
            .lexicon
            .iter()
            .filter(|(k, _)| k.starts_with("num_"))
            .flat_map(|(_, v)| v.iter().cloned())
            .collect();
        let mut all = set.words("number_word").to_vec();
        numbers.sort();
        all.sort();
        assert_eq!(numbers, all);
    }

    #[test]
    fn numbers_units_and_weekdays() {
        let lex = lex();
        assert_eq!(lex.number("tre"), Some(Some(3.0)));
        assert_eq!(lex.number("ett par"), Some(Some(2.0)));
        assert_eq!(lex.number("några"), Some(None));
        assert_eq!(lex.number("72"), Some(Some(72.0)));
        assert_eq!(lex.unit("dygn").map(Unit::hours), Some(24.0));
        assert_eq!(lex.unit("veckor").map(Unit::hours), Some(168.0));
        assert_eq!(lex.weekday("tisdagen"), Some(1));
        assert_eq!(lex.weekday("fredags"), Some(4));
        assert_eq!(lex.weekday("sön"), Some(6));
        assert_eq!(lex.ordinal("Tjugoandra"), Some(22));
    }
}
