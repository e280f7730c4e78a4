//! Sentence context of a cue: where its sentence starts, and whether a negation or hedge
//! stands before it in its clause (rules/context.toml).

use crate::rules::{Haystack, RuleSet};

/// The longest stretch a sentence is looked for in, each way: text without a full stop
/// or line break for longer is not a sentence, and the bound keeps every lookup, so the
/// extraction, linear in the length of the text.
pub const SENTENCE_REACH: usize = 2000;

/// Byte offset where the sentence holding `pos` starts: after `.`, `!`, `?` followed by
/// white space, or after a line break; at most [`SENTENCE_REACH`] bytes back.
pub fn sentence_start(text: &str, pos: usize) -> usize {
    let floor = text.floor_char_boundary(pos.saturating_sub(SENTENCE_REACH));
    crate::work::step(1);
    let before = &text[floor..pos];
    let mut start = 0;
    for (i, c) in before.char_indices().rev() {
        if c == '\n' {
            start = i + 1;
            break;
        }
        if matches!(c, '.' | '!' | '?') && before[i + 1..].starts_with(char::is_whitespace) {
            // "t.ex." and "ca." are abbreviations, not sentence ends.
            let word_before = before[..i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if word_before.chars().count() > 2 || word_before.chars().all(|c| c.is_uppercase()) {
                start = i + 1;
                break;
            }
        }
    }
    floor + start + before[start..].len() - before[start..].trim_start().len()
}

/// Byte offset where the sentence holding `pos` ends (exclusive).
/// At most [`SENTENCE_REACH`] bytes on.
pub fn sentence_end(text: &str, pos: usize) -> usize {
    let ceil = text.ceil_char_boundary(pos.saturating_add(SENTENCE_REACH).min(text.len()));
    crate::work::step(1);
    let after = &text[pos..ceil];
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            return pos + i;
        }
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
            return pos + i + 1;
        }
    }
    ceil
}

/// The sentence around `start..end`.
pub fn sentence(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    sentence_start(text, start)..sentence_end(text, end)
}

/// True when a negation or hedge (rules/context.toml) stands between the start of the
/// cue's clause and the cue. A clause restarts after `utan`, `men`, `dock`.
pub fn is_negated(hay: &Haystack, cue_start: usize, context: &RuleSet) -> bool {
    let text = hay.text();
    let mut from = sentence_start(text, cue_start);
    if let Some(boundary) = context
        .of_kind("boundary")
        .filter_map(|r| r.regex.find_iter_within(hay, from..cue_start).last())
        .map(|m| m.end())
        .max()
    {
        from = boundary;
    }
    // Only the last dozen words: a negation far back belongs to another statement.
    let clause = &text[from..cue_start];
    let words: Vec<(usize, &str)> = clause.match_indices(|c: char| c.is_whitespace()).collect();
    if words.len() > 14 {
        from += words[words.len() - 14].0;
    }
    context
        .rules
        .iter()
        .filter(|r| matches!(r.kind.as_deref(), Some("negation" | "hedge")))
        .any(|r| r.regex.is_match_within(hay, from..cue_start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn negated(text: &str, cue: &str) -> bool {
        let at = text.find(cue).unwrap();
        let rules = Rules::default_rules();
        is_negated(&rules.haystack(text), at, rules.area("context"))
    }

    #[test]
    fn negation_and_hedges_before_the_cue() {
        assert!(negated(
            "Det finns inga känsliga uppgifter i listan.",
            "känsliga"
        ));
        assert!(negated(
            "Utredningen har inte kunnat visa brister i rutinerna.",
            "brister"
        ));
        assert!(negated(
            "Det är oklart om någon av misstag raderat filen.",
            "av misstag"
        ));
        assert!(!negated(
            "Ett tekniskt fel gjorde att listan skickades.",
            "tekniskt fel"
        ));
    }

    #[test]
    fn a_new_clause_or_sentence_resets_negation() {
        assert!(!negated(
            "Det var inte ett intrång utan ett tekniskt fel.",
            "tekniskt fel"
        ));
        assert!(!negated(
            "Ingen märkte något. Sedan upptäcktes ett tekniskt fel.",
            "tekniskt fel"
        ));
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        let t = "Första meningen. Andra t.ex. med förkortning.\nTredje";
        let at = t.find("med").unwrap();
        assert_eq!(&t[sentence(t, at, at + 3)], "Andra t.ex. med förkortning.");
    }
}
