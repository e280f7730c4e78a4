//! Phone numbers and e-mail addresses: shapes of characters, not words, so they are
//! regexes here rather than rules under `rules/`.
//!
//! A Swedish phone number is a trunk `0` (or `+46`/`0046`) with an area code and a
//! subscriber number, 8 to 10 digits in all nationally (`08-12 34 56`, `070-123 45 67`,
//! `0418-47 53 15`), grouped by spaces or one hyphen. Dates written with hyphens
//! (`01-03-2021`) and pieces of longer numbers (`2021-03-02 17:03`) are not phones.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    let international = r"(?:\+46|\b0046)[ -]?(?:\(0\)[ -]?)?[1-9]\d{0,2}(?:[ -]?\d{2,4}){1,4}\b";
    let digits_only = r"\b0[1-9]\d{6,8}\b";
    let grouped = r"\b0[1-9]\d{0,3}(?:[ ]?[-–/][ ]?|[ ])\d{2,4}(?:[ -]\d{2,3}){0,3}\b";
    Regex::new(&format!("{international}|{digits_only}|{grouped}")).unwrap()
});

/// `01-03-2021`, `1.3.21`: a date, whatever its digits add up to.
static DATE_LIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$").unwrap());

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}\b").unwrap());

/// Byte ranges of the phone numbers in `text`.
pub fn phones(text: &str) -> Vec<Range<usize>> {
    PHONE
        .find_iter(text)
        .filter(|m| super::stands_alone(text, m.range()))
        .filter(|m| is_phone(m.as_str()))
        .map(|m| m.range())
        .collect()
}

fn is_phone(s: &str) -> bool {
    if DATE_LIKE.is_match(s) {
        return false;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if s.starts_with('+') || s.starts_with("0046") {
        let national = digits - if s.starts_with('+') { 2 } else { 4 };
        (7..=9).contains(&national)
    } else {
        (8..=10).contains(&digits)
    }
}

/// Byte ranges of the e-mail addresses in `text`.
pub fn emails(text: &str) -> Vec<Range<usize>> {
    // Most documents hold no `@`: one byte scan spares them the Unicode regex.
    if !text.contains('@') {
        return Vec::new();
    }
    // The address ends in letters, so a sentence's full stop after it stays outside.
    EMAIL.find_iter(text).map(|m| m.range()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, f: fn(&str) -> Vec<Range<usize>>) -> Vec<&str> {
        f(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn swedish_phone_numbers_in_their_usual_forms() {
        let mut rng = fastrand::Rng::with_seed(19);
        for _ in 0..100 {
            let (a, b, c) = (rng.u32(100..1000), rng.u32(10..100), rng.u32(10..100));
            for number in [
                format!("08-{a} {b} {c}"),
                format!("070-{a} {b} {c}"),
                format!("0418-{b} {c} {b}"),
                format!("031-{b} {c} {b}"),
                format!("0651-{a} {b}"),
                format!("070{a}{b}{c}"),
                format!("+46 70 {a} {b} {c}"),
                format!("+46 (0)8 {a} {b} {c}"),
                format!("0046 8 {a} {b} {c}"),
                format!("08 {a} {b} {c}"),
            ] {
                let text = format!("Ring mig på {number}, helst före lunch.");
                assert_eq!(found(&text, phones), vec![number.as_str()], "{text}");
            }
        }
    }

    #[test]
    fn dates_case_numbers_amounts_and_postcodes_are_not_phones() {
        for text in [
            "Händelsen den 2021-03-02 17:03 loggades.",
            "Beslutet 01-03-2021 överklagades.",
            "Dnr 2021/1234-5 och IMY-2022-1234",
            "DI-2019-10423",
            "Böter på 250 000 kronor",
            "Box 22, 404 82 Göteborg",
            "SFS 2018:218",
            "Kl. 08.30 upptäcktes felet",
            "Version 0.12.1 installerades",
            "Lagen (2018:218) gäller",
            "030 personer",
        ] {
            assert!(
                found(text, phones).is_empty(),
                "{text}: {:?}",
                found(text, phones)
            );
        }
    }

    #[test]
    fn e_mail_addresses_and_what_only_looks_like_one() {
        assert_eq!(
            found("Skriv till anna.svensson@exempel.se.", emails),
            vec!["anna.svensson@exempel.se"]
        );
        assert_eq!(
            found("kontakt: dataskydd+imy@kommun.example.org eller", emails),
            vec!["dataskydd+imy@kommun.example.org"]
        );
        assert_eq!(
            found("åsa.öberg@skola.se", emails),
            vec!["åsa.öberg@skola.se"]
        );
        for text in [
            "följ @IMY på X",
            "user@localhost",
            "a @ b.se",
            "pris 5 @ 10 kr",
        ] {
            assert!(found(text, emails).is_empty(), "{text}");
        }
    }
}
