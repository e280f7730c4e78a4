//! How many people were affected: a form's count answer first, else the largest
//! count-with-unit in a sentence that says people were affected (rules/affected.toml).

use crate::rules::Groups as Captures;

use super::context;
use super::form::Form;
use crate::record::{Affected, Evidence};
use crate::rules::{Haystack, RuleSet};

pub fn find(hay: &Haystack, form: &Form, rules: &RuleSet) -> Option<(Affected, Evidence)> {
    let text = hay.text();
    if let Some(found) = from_form(text, form, rules) {
        return Some(found);
    }
    let cues: Vec<_> = rules.of_kind("cue").collect();
    let mut best: Option<(Affected, Evidence)> = None;
    for rule in rules
        .rules
        .iter()
        .filter(|r| matches!(r.kind.as_deref(), Some("count" | "count_word")))
    {
        for caps in rule.regex.captures_iter_in(hay) {
            let Some((min, max)) = numbers(&caps, rules) else {
                continue;
            };
            let whole = caps.get(0).unwrap();
            if !plausible_count(text, &caps, rules) {
                continue;
            }
            let sentence = context::sentence(text, whole.start(), whole.end());
            if !cues
                .iter()
                .any(|c| c.regex.is_match_within(hay, sentence.clone()))
            {
                continue;
            }
            let start = caps.name("num").unwrap().start();
            let end = caps.name("unit").map(|u| u.end()).unwrap_or(whole.end());
            let unit = caps.name("unit").map(|u| u.as_str().to_lowercase());
            let found = (
                Affected {
                    min,
                    max,
                    unit,
                    text: text[start..end].to_string(),
                },
                Evidence::new(text, sentence.start, sentence.end),
            );
            // The largest count wins; at the same maximum, a range over its upper end alone.
            if best
                .as_ref()
                .is_none_or(|(b, _)| max > b.max || (max == b.max && min < b.min))
            {
                best = Some(found);
            }
        }
    }
    best
}

/// A form's answer to "how many are affected": an exact number or a range.
fn from_form(text: &str, form: &Form, rules: &RuleSet) -> Option<(Affected, Evidence)> {
    let answer = form.answer("affected_count")?;
    for field in &answer.fields {
        let value = field.value.trim();
        let (min, max) =
            if let Some(caps) = rules.of_kind("range").find_map(|r| r.regex.captures(value)) {
                if let Some(over) = caps.name("over") {
                    let n = parse_number(over.as_str())?;
                    (n + 1, n + 1)
                } else {
                    numbers(&caps, rules)?
                }
            } else if let Some(n) = parse_number(value) {
                (n, n)
            } else {
                continue;
            };
        let affected = Affected {
            min,
            max,
            unit: rules.words("form_count_unit").first().cloned(),
            text: value.to_string(),
        };
        return Some((
            affected,
            Evidence::new(text, field.span.start, field.span.end),
        ));
    }
    None
}

pub(crate) fn numbers(caps: &Captures, rules: &RuleSet) -> Option<(u64, u64)> {
    let num = caps.name("num")?.as_str();
    let min = count_value(num, rules)?;
    let max = match caps.name("max") {
        Some(m) => count_value(m.as_str(), rules)?,
        None => min,
    };
    (max >= min).then_some((min, max))
}

/// Turns away what only looks like a head count: a year (`2019 barn` across a heading),
/// a count that runs over a paragraph break, and recipients (`skickades till 33
/// vårdnadshavare`: those who received the data, not those it was about).
fn plausible_count(text: &str, caps: &Captures, rules: &RuleSet) -> bool {
    let (Some(num), Some(unit)) = (caps.name("num"), caps.name("unit")) else {
        return true;
    };
    let digits = num.as_str();
    let year_like = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"));
    if year_like || text[num.start()..unit.end()].contains("\n\n") {
        return false;
    }
    let mut words = text[..num.start()]
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let to = |word: &String| rules.words("recipient_preposition").contains(word);
    let last = words.next().unwrap_or_default();
    let previous = words.next().unwrap_or_default();
    let before_to = if to(&last) {
        previous.clone()
    } else {
        words.next().unwrap_or_default()
    };
    let to_recipients =
        to(&last) || (to(&previous) && rules.words("count_qualifier").contains(&last));
    // `åtkomst till 45 elevers omdömen`: the people the data is about, not recipients.
    !to_recipients || rules.words("access_noun").contains(&before_to)
}

/// A count as Swedish writes it: digits with spaces (`3 000`), a decimal before a
/// multiplier word (`2,3 miljoner`), an approximation (`ett 30-tal`), or words
/// (`tjugofem`, `ett hundratal`, `tre hundra`, `en miljon`). The words are the lexicon's
/// `number_word`, `approximation` and `article` lists.
pub fn count_value(s: &str, rules: &RuleSet) -> Option<u64> {
    let s = s.trim().to_lowercase();
    if let Some(n) = parse_number(&s).or_else(|| number_word(&s, rules)) {
        return Some(n);
    }
    // `2,3 miljoner`, `tvåhundra`, `tre tusen`: a head times a multiplier word.
    for (word, multiplier) in number_words(rules).filter(|&(w, v)| is_multiplier(w, v)) {
        if let Some(head) = s.strip_suffix(word).map(str::trim)
            && !head.is_empty()
        {
            let value = decimal(head).or_else(|| number_word(head, rules).map(|n| n as f64))?;
            return Some((value * multiplier as f64).round() as u64);
        }
    }
    // `ett 30-tal`: about thirty.
    for suffix in rules.words("approximation") {
        if let Some(head) = s.strip_suffix(suffix.as_str()) {
            let head = rules
                .words("article")
                .iter()
                .find_map(|a| head.strip_prefix(a.as_str())?.strip_prefix(' '))
                .unwrap_or(head);
            return parse_number(head.trim());
        }
    }
    // `tjugofem`: tens (the number words of 20 to 90), then ones.
    number_words(rules).find_map(|(tens, value)| {
        if !(20..=90).contains(&value) || !value.is_multiple_of(10) {
            return None;
        }
        Some(value + number_word(s.strip_prefix(tens)?, rules)?)
    })
}

/// The lexicon's `number_word` entries, `word=value`.
fn number_words(rules: &RuleSet) -> impl Iterator<Item = (&str, u64)> {
    rules.words("number_word").iter().filter_map(|entry| {
        let (word, value) = entry.split_once('=')?;
        Some((word, value.parse().ok()?))
    })
}

/// A one-word number a count can be a multiple of: `hundra`, `tusen`, `miljoner`.
fn is_multiplier(word: &str, value: u64) -> bool {
    value >= 100 && !word.contains(' ') && 10u64.pow(value.ilog10()) == value
}

/// `2`, `2 000` or `2,3`.
fn decimal(s: &str) -> Option<f64> {
    match s.split_once(',') {
        Some((whole, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => {
            Some(parse_number(whole)? as f64 + format!("0.{frac}").parse::<f64>().ok()?)
        }
        _ => parse_number(s).map(|n| n as f64),
    }
}

/// `2 000`, `2\u{a0}000` and `2000` are all two thousand.
pub fn parse_number(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn number_word(s: &str, rules: &RuleSet) -> Option<u64> {
    let s = s.to_lowercase();
    number_words(rules).find_map(|(word, value)| (word == s).then_some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::form;
    use crate::rules::Rules;

    fn affected(text: &str) -> Option<(u64, u64)> {
        let rules = Rules::default_rules();
        let hay = rules.haystack(text);
        let f = form::parse(&hay, rules.area("form"));
        find(&hay, &f, rules.area("affected")).map(|(a, _)| (a.min, a.max))
    }

    #[test]
    fn counts_with_a_cue() {
        assert_eq!(
            affected("Läckan berör omkring 3 400 patienter i regionen."),
            Some((3400, 3400))
        );
        assert_eq!(
            affected("Sammanlagt drabbades 57 elever och deras vårdnadshavare."),
            Some((57, 57))
        );
        assert_eq!(
            affected("Ett tiotal brukare kan ha påverkats av felet."),
            Some((10, 10))
        );
    }

    #[test]
    fn the_largest_affected_count_wins() {
        let t = "Felet berörde 1 150 medarbetare. Av dessa drabbades 40 anställda på skolorna särskilt.";
        assert_eq!(affected(t), Some((1150, 1150)));
    }

    #[test]
    fn no_count_without_people_or_cue() {
        assert_eq!(
            affected("Ring växeln på 08-657 61 00 om du har frågor."),
            None
        );
        assert_eq!(affected("Fakturan på 11 800 kronor berördes inte."), None);
        assert_eq!(affected("Det finns 300 anställda på förvaltningen."), None);
        assert_eq!(
            affected("Det är 12 handläggare som kunnat se uppgifterna."),
            None
        );
    }

    #[test]
    fn counts_written_in_words_and_with_multipliers() {
        let rules = Rules::default_rules().area("affected");
        for (written, value) in [
            ("2 000", 2000),
            ("2,3 miljoner", 2_300_000),
            ("1,5 milj.", 1_500_000),
            ("en miljon", 1_000_000),
            ("ett 40-tal", 40),
            ("ett hundratal", 100),
            ("tvåhundra", 200),
            ("tre hundra", 300),
            ("tjugofem", 25),
        ] {
            assert_eq!(count_value(written, rules), Some(value), "{written}");
        }
        assert_eq!(count_value("många", rules), None);
    }

    #[test]
    fn a_form_range_answer() {
        let t = "1. Organisationens namn *\n\n2. Organisationsnummer\n\n3. Hur många registrerade har påverkats?\n\nExakt antal registrerade\n\n11 - 100\n\n4. Hur många uppgifter?\n";
        assert_eq!(affected(t), Some((11, 100)));
    }
}
