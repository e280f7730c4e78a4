//! Swedish personal identity numbers (personnummer) and co-ordination numbers
//! (samordningsnummer) in running text.
//!
//! Written `YYMMDD-NNNC`, `YYMMDD+NNNC` (a person over 100), `YYYYMMDD-NNNC`, or without
//! the separator. A number counts only when its last digit is the Luhn check digit of
//! the ten digits `YYMMDDNNNC` and its date exists; a samordningsnummer adds 60 to the
//! day. That keeps case numbers (`Dnr 2021/1234-5`), phone numbers, amounts and dates
//! out: a random digit string passes the Luhn test one time in ten, and the date test
//! takes most of the rest.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// The shape: 6 or 8 digits, an optional separator, 4 digits. ASCII digits and
/// boundaries keep the regex on its DFA through Swedish letters; a number glued to a
/// letter (`å199001011234`), where only a Unicode `\b` tells, is dropped by
/// [`super::stands_alone`] either way.
static SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)([0-9]{6}|[0-9]{8})[-+ ]?([0-9]{4})(?-u:\b)").unwrap());

/// Byte ranges of the valid personnummer and samordningsnummer in `text`.
pub fn find(text: &str) -> Vec<Range<usize>> {
    SHAPE
        .find_iter(text)
        .filter(|m| super::stands_alone(text, m.range()))
        .filter(|m| is_valid(m.as_str()))
        .map(|m| m.range())
        .collect()
}

/// Whether `s` (digits with at most one `-`, `+` or space) is a valid personnummer or
/// samordningsnummer: an existing date (day + 60 for a samordningsnummer) and the right
/// check digit.
pub fn is_valid(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let (century, ten) = match digits.len() {
        10 => (None, &digits[..]),
        12 => (Some(digits[0] * 10 + digits[1]), &digits[2..]),
        _ => return false,
    };
    if !matches!(century, None | Some(18..=20)) {
        return false;
    }
    let two = |i: usize| ten[i] * 10 + ten[i + 1];
    let (yy, month, mut day) = (two(0), two(2), two(4));
    if day > 60 {
        day -= 60; // samordningsnummer
    }
    let date_exists = |year: u32| NaiveDate::from_ymd_opt(year as i32, month, day).is_some();
    let dated = match century {
        Some(c) => date_exists(c * 100 + yy),
        // Without a century either reading will do (29 February of 00 is in 2000).
        None => date_exists(1900 + yy) || date_exists(2000 + yy),
    };
    dated && luhn_check_digit(&ten[..9]) == ten[9]
}

/// The Luhn check digit of `digits`: every other digit doubled, from the first.
pub fn luhn_check_digit(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

/// `YYMMDD-NNNC` from the nine digits `YYMMDDNNN`, `C` its check digit (for making test
/// data and examples).
pub fn with_check_digit(nine: &str) -> String {
    let digits: Vec<u32> = nine.chars().filter_map(|c| c.to_digit(10)).collect();
    format!("{}-{}{}", &nine[..6], &nine[6..], luhn_check_digit(&digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `YYYYMMDDNNN` plus its check digit, as twelve digits.
    fn with_check(date: NaiveDate, day_offset: u32, serial: u32) -> String {
        use chrono::Datelike;
        let ten = format!(
            "{:02}{:02}{:02}{:03}",
            date.year() % 100,
            date.month(),
            date.day() + day_offset,
            serial
        );
        let digits: Vec<u32> = ten.chars().map(|c| c.to_digit(10).unwrap()).collect();
        format!("{}{ten}{}", date.year() / 100, luhn_check_digit(&digits))
    }

    /// The written forms of a twelve-digit number.
    fn forms(twelve: &str) -> Vec<String> {
        let (cc, ten) = twelve.split_at(2);
        vec![
            format!("{}-{}", &ten[..6], &ten[6..]),
            ten.to_string(),
            format!("{cc}{}-{}", &ten[..6], &ten[6..]),
            twelve.to_string(),
            format!("{}+{}", &ten[..6], &ten[6..]),
        ]
    }

    fn random_date(rng: &mut fastrand::Rng) -> NaiveDate {
        let start = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap();
        start + chrono::Duration::days(rng.i64(0..36_500))
    }

    #[test]
    fn the_check_digit_of_a_known_number() {
        // The Tax Agency's textbook example: 811218-9876.
        assert_eq!(luhn_check_digit(&[8, 1, 1, 2, 1, 8, 9, 8, 7]), 6);
        assert!(is_valid("811218-9876") && is_valid("198112189876"));
        assert!(!is_valid("811218-9875"));
    }

    #[test]
    fn generated_valid_numbers_are_found_in_every_form_inside_text() {
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..300 {
            let date = random_date(&mut rng);
            let offset = if rng.bool() { 60 } else { 0 };
            let twelve = with_check(date, offset, rng.u32(0..1000));
            for form in forms(&twelve) {
                let text = format!("Brukarens personnummer {form} syntes i mejlet.");
                let found = find(&text);
                assert_eq!(found.len(), 1, "{text}");
                assert_eq!(&text[found[0].clone()], form, "{text}");
            }
        }
    }

    #[test]
    fn a_wrong_check_digit_is_not_a_personnummer() {
        let mut rng = fastrand::Rng::with_seed(17);
        for _ in 0..300 {
            let twelve = with_check(random_date(&mut rng), 0, rng.u32(0..1000));
            let last = twelve.as_bytes()[11] - b'0';
            let wrong = (last + rng.u8(1..10)) % 10;
            let bad = format!("{}{wrong}", &twelve[..11]);
            for form in forms(&bad) {
                let text = format!("Numret {form} stod i listan.");
                assert!(find(&text).is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn impossible_dates_fail_even_with_a_right_check_digit() {
        for (yymmdd, serial) in [
            ("851301", "123"), // month 13
            ("850132", "123"), // day 32
            ("850230", "456"), // 30 February
            ("850431", "789"), // 31 April
            ("850192", "321"), // samordningsnummer day 92 (32)
            ("850000", "111"), // day and month 0
            ("010229", "222"), // 29 February 1901 and 2001
        ] {
            let nine: Vec<u32> = format!("{yymmdd}{serial}")
                .chars()
                .map(|c| c.to_digit(10).unwrap())
                .collect();
            let number = format!("{yymmdd}-{serial}{}", luhn_check_digit(&nine));
            assert!(!is_valid(&number), "{number}");
            assert!(find(&format!("nr {number} i akten")).is_empty(), "{number}");
        }
        // 29 February exists in 2000 (and 1900 does not matter then).
        let nine: Vec<u32> = "000229123"
            .chars()
            .map(|c| c.to_digit(10).unwrap())
            .collect();
        assert!(is_valid(&format!("000229-123{}", luhn_check_digit(&nine))));
    }

    #[test]
    fn case_numbers_phone_numbers_and_dates_are_left_alone() {
        let mut rng = fastrand::Rng::with_seed(18);
        for _ in 0..200 {
            let year = rng.u32(2000..2030);
            for text in [
                format!("Dnr {year}/{}-{}", rng.u32(1000..10000), rng.u32(1..10)),
                format!("IMY-{year}-{}", rng.u32(1000..100_000)),
                format!("DI-{year}-{:04}", rng.u32(0..10000)),
                format!(
                    "ring 070-{} {:02} {:02}",
                    rng.u32(100..1000),
                    rng.u32(0..100),
                    rng.u32(0..100)
                ),
                format!(
                    "tel. 08-{} {:02} {:02}",
                    rng.u32(100..1000),
                    rng.u32(0..100),
                    rng.u32(0..100)
                ),
                format!("den {year}-03-08 kl. 10.15"),
                format!("{} kronor", rng.u32(1000..100_000)),
            ] {
                assert!(find(&text).is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn digits_inside_a_longer_number_are_not_one() {
        // A valid number glued into longer digit runs or ids.
        for text in [
            "ref 1811218-98761",
            "order 811218-98760000",
            "x2021-811218-9876",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }
}
