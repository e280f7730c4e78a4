//! The head of a news item, read from the layout of a document's first lines: a headline
//! with a dash between its halves (`Läcka i skolplattform – tusentals elever drabbade`),
//! or a headline over a lead paragraph.
//!
//! This is layout, not language: line lengths and punctuation, counted in characters,
//! which a token rule cannot weigh. [`super::classify::doc_type`] counts each shape found
//! for `news_article`.

use std::ops::Range;

/// Characters before a headline's dash, and after it.
const BEFORE_DASH: std::ops::RangeInclusive<usize> = 10..=120;
const AFTER_DASH: std::ops::RangeInclusive<usize> = 3..=120;
/// Characters of a headline line over a lead paragraph.
const HEADLINE: std::ops::RangeInclusive<usize> = 16..=111;
/// The fewest characters of a lead paragraph's line.
const LEAD_MIN: usize = 82;

/// The shapes of a news item's head in `text`, each with its byte range.
pub fn news_head(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let Some(first) = first_line(text) else {
        return found;
    };
    if is_dashed_headline(&text[first.clone()]) {
        found.push(first.clone());
    }
    if let Some(lead) = lead_under(text, &first) {
        found.push(first.start..lead.end);
    }
    found
}

/// The first line that is not blank, without its line break; `None` when no line break
/// follows it (a one-line text has no head).
fn first_line(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let end = start + text[start..].find('\n')?;
    Some(start..end)
}

/// `A headline – its second half`: no full stop or question mark, a dash with white space
/// on both sides, and enough words on either side of it.
fn is_dashed_headline(line: &str) -> bool {
    if line.contains(['.', '?']) {
        return false;
    }
    line.char_indices()
        .filter(|&(_, c)| c == '–' || c == '—')
        .any(|(at, dash)| {
            let (before, after) = (&line[..at], &line[at + dash.len_utf8()..]);
            let spaced =
                before.ends_with(char::is_whitespace) && after.starts_with(char::is_whitespace);
            spaced
                && BEFORE_DASH.contains(&before.trim_end().chars().count())
                && AFTER_DASH.contains(&after.trim_start().chars().count())
        })
}

/// The lead paragraph's line under a headline line: the headline starts with a capital
/// and has no sentence marks; the next line that is not blank starts with a capital, is
/// long and ends a sentence.
fn lead_under(text: &str, headline: &Range<usize>) -> Option<Range<usize>> {
    let line = &text[headline.clone()];
    let starts_capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if !starts_capital(line)
        || !HEADLINE.contains(&line.chars().count())
        || line.contains(['.', '?', '!', ':'])
    {
        return None;
    }
    let lead = first_line(&text[headline.end..])?;
    let lead = headline.end + lead.start..headline.end + lead.end;
    let body = text[lead.clone()].trim_end();
    (starts_capital(body) && body.ends_with(['.', '!']) && body.chars().count() >= LEAD_MIN)
        .then_some(lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<&str> {
        news_head(text).into_iter().map(|r| &text[r]).collect()
    }

    const LEAD: &str = "Regionen skickade ut brev med provsvar till fel adresser under mars, \
        och flera patienter har hört av sig om saken.";

    #[test]
    fn a_dashed_headline_on_the_first_line() {
        assert_eq!(
            shapes("\n  Läcka i skolplattform – tusentals elever drabbade\n\nText."),
            ["Läcka i skolplattform – tusentals elever drabbade"]
        );
        assert_eq!(
            shapes("Snokade i journaler — anställd sägs upp\nText."),
            ["Snokade i journaler — anställd sägs upp"]
        );
    }

    #[test]
    fn a_dash_elsewhere_or_in_a_sentence_is_no_headline() {
        assert!(shapes("Rapport\n\nText – mer text.\n").is_empty());
        assert!(shapes("Felet rättades – sedan kom brevet.\n").is_empty());
        assert!(
            shapes("Kort – rad\n").is_empty(),
            "too few words before the dash"
        );
        assert!(shapes("Skolplattform–elever drabbade i kommunen\n").is_empty());
        assert!(shapes("Läcka i skolplattform – tusentals elever drabbade").is_empty());
    }

    #[test]
    fn a_headline_over_a_lead_paragraph() {
        let text = format!("Brev med provsvar hamnade hos fel patienter\n\n{LEAD}\n\nMer text.");
        assert_eq!(
            shapes(&text),
            [format!(
                "Brev med provsvar hamnade hos fel patienter\n\n{LEAD}"
            )]
        );
    }

    #[test]
    fn a_form_or_a_short_paragraph_has_no_lead() {
        assert!(shapes("1. Organisationens namn\n\nKommunen\n").is_empty());
        let short = "Brev med provsvar hamnade hos fel patienter\n\nRegionen skickade brev.\n";
        assert!(shapes(short).is_empty());
        let asked = format!("Vem fick brevet med provsvar?\n\n{LEAD}\n");
        assert!(shapes(&asked).is_empty());
        let lowercase = format!("brev med provsvar hamnade hos fel patienter\n\n{LEAD}\n");
        assert!(shapes(&lowercase).is_empty());
    }
}
