//! Forms inside text: checkbox markup left by PDF-form converters, numbered questions with
//! their answers, and unnumbered `...?` questions (lex Sarah templates, FAQ pages).
//!
//! A form's own answer outranks free text, so the extractor asks [`Form::answer`] first.
//! Everything that is form furniture (question wording, unchecked options, option lists
//! with nothing marked, instructions) is listed in [`Form::furniture`] so that free-text
//! rules can be run on a [`mask`]ed copy that cannot fire on it.

use std::ops::Range;

use regex::Regex;

use crate::rules::{Haystack, RuleSet};

/// One option of a checkbox group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkbox {
    pub label: String,
    pub checked: bool,
    /// The label's byte range.
    pub span: Range<usize>,
}

/// One line of an answer, with the field label it sits under (`Datum`, `Klockslag`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: Option<String>,
    pub value: String,
    pub span: Range<usize>,
}

/// A question and what was written under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The form's number for the question (`19.`), none for unnumbered `...?` questions.
    pub number: Option<u32>,
    pub question: String,
    pub question_span: Range<usize>,
    /// What the form's rules call this question (`discovered`, `processor`, ...).
    pub key: Option<String>,
    pub fields: Vec<Field>,
}

impl Answer {
    /// The first answered value (not a label, not an instruction), if any.
    pub fn value(&self) -> Option<&Field> {
        self.fields.first()
    }

    /// The first value under any of `labels` (a form lexicon list), in the lists' order.
    pub fn first_under<'a>(&'a self, labels: &[String]) -> Option<&'a Field> {
        labels.iter().find_map(|label| self.under(label).next())
    }

    /// Values under `label` (case-insensitive), in order.
    pub fn under<'a, 'l>(
        &'a self,
        label: &'l str,
    ) -> impl Iterator<Item = &'a Field> + use<'a, 'l> {
        self.fields.iter().filter(move |f| {
            f.label
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(label))
        })
    }

    /// The whole answer as one string, lines joined by newlines.
    pub fn text(&self) -> String {
        self.fields
            .iter()
            .map(|f| f.value.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Byte range from the first to the last value.
    pub fn span(&self) -> Option<Range<usize>> {
        Some(self.fields.first()?.span.start..self.fields.last()?.span.end)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub checkboxes: Vec<Checkbox>,
    pub answers: Vec<Answer>,
    /// Byte ranges that free-text rules must not see.
    pub furniture: Vec<Range<usize>>,
    /// True when the document is a numbered questionnaire (three or more numbered
    /// questions in sequence).
    pub numbered: bool,
}

impl Form {
    /// The answer to the question the rules call `key`; numbered questions first.
    pub fn answer(&self, key: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.key.as_deref() == Some(key))
    }

    pub fn checked(&self) -> impl Iterator<Item = &Checkbox> {
        self.checkboxes.iter().filter(|c| c.checked)
    }
}

/// Reads the form structure of `text` with the rules of `rules/form.toml`.
pub fn parse(hay: &Haystack, rules: &RuleSet) -> Form {
    let mut form = Form::default();
    parse_checkboxes(hay, rules, &mut form);
    parse_questions(hay, rules, &mut form);
    form.furniture.sort_by_key(|r| r.start);
    form
}

/// Copy of `text` with every furniture range blanked by spaces (newlines kept), so byte
/// offsets in the copy are offsets in the original.
pub fn mask(text: &str, form: &Form) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in &form.furniture {
        for b in &mut bytes[range.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII spaces, so this stays valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn parse_checkboxes(hay: &Haystack, rules: &RuleSet, form: &mut Form) {
    let text = hay.text();
    let mut marks: Vec<(Range<usize>, bool)> = Vec::new();
    for rule in rules.of_kind("checkbox") {
        let checked = rule.value.as_deref() == Some("checked");
        for m in rule.regex.find_iter_in(hay) {
            if !marks
                .iter()
                .any(|(r, _)| r.start < m.end() && m.start() < r.end)
            {
                marks.push((m.range(), checked));
            }
        }
    }
    marks.sort_by_key(|(r, _)| r.start);
    for (i, (mark, checked)) in marks.iter().enumerate() {
        // The label runs to the next mark, tab or line end.
        let limit = marks.get(i + 1).map(|(r, _)| r.start).unwrap_or(text.len());
        let rest = &text[mark.end..limit];
        let len = rest.find(['\t', '\n']).unwrap_or(rest.len());
        let raw = &rest[..len];
        let start = mark.end + (raw.len() - raw.trim_start().len());
        let label = raw.trim();
        let span = start..start + label.len();
        form.furniture.push(mark.clone());
        if !checked {
            form.furniture.push(span.clone());
        }
        if !label.is_empty() {
            form.checkboxes.push(Checkbox {
                label: label.to_string(),
                checked: *checked,
                span,
            });
        }
    }
}

/// A line of the text with its byte range (without the newline).
fn lines(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push((start..start + line.len(), line));
        start += line.len() + 1;
    }
    out
}

fn numbered_question() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*(\d{1,2})\.\s+(\p{Lu}.{2,250})$").unwrap())
}

/// The question, instruction and option-list rules are looked up on each line in the
/// document's one token scan (`is_match_within`), not run again on the line.
fn parse_questions(hay: &Haystack, rules: &RuleSet, form: &mut Form) {
    let lines = lines(hay.text());
    let is_label = |s: &str| {
        let s = s.trim().trim_end_matches('*').trim();
        rules
            .words("field_labels")
            .iter()
            .any(|l| l.eq_ignore_ascii_case(s))
    };
    let instruction = rules.of_kind("instruction").collect::<Vec<_>>();
    let is_instruction = |line: &Range<usize>| {
        instruction
            .iter()
            .any(|r| r.regex.is_match_within(hay, line.clone()))
    };
    let multi_choice = rules.of_kind("multi_choice").collect::<Vec<_>>();

    // Numbered questions must rise, so "4. Mycket allvarlig" under question 29 is an
    // answer, not question 4; a line that asks (ends in `?` or `*`) may skip unanswered
    // questions, a plain line only a few.
    let mut starts: Vec<(usize, Option<u32>)> = Vec::new();
    let mut last = 0u32;
    for (i, (_, line)) in lines.iter().enumerate() {
        if let Some(c) = numbered_question().captures(line) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let asks = line.trim_end().ends_with(['?', '*']);
            if n > last && (last == 0 || n <= last + if asks { 40 } else { 6 }) {
                starts.push((i, Some(n)));
                last = n;
                continue;
            }
        }
        let t = line.trim();
        if t.ends_with('?') && t.len() < 300 && t.chars().next().is_some_and(|c| c.is_uppercase()) {
            starts.push((i, None));
        }
    }
    form.numbered = starts.iter().filter(|(_, n)| n.is_some()).count() >= 3;
    if !form.numbered {
        starts.retain(|(_, n)| n.is_none());
    }

    for (k, &(line_no, number)) in starts.iter().enumerate() {
        let end_line = starts.get(k + 1).map(|&(l, _)| l).unwrap_or(lines.len());
        let (qspan, qline) = &lines[line_no];
        let question = qline.trim();
        let key = rules
            .of_kind("question")
            .find(|r| r.regex.is_match_within(hay, qspan.clone()))
            .and_then(|r| r.value.clone());
        if number.is_some() {
            form.furniture.push(qspan.clone());
        }
        let mut fields = Vec::new();
        let mut label: Option<String> = None;
        let mut options = false;
        for (span, line) in &lines[line_no + 1..end_line] {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let trimmed = span.start + (line.len() - line.trim_start().len());
            let tspan = trimmed..trimmed + t.len();
            if multi_choice
                .iter()
                .any(|r| r.regex.is_match_within(hay, tspan.clone()))
            {
                options = true;
                form.furniture.push(tspan);
                continue;
            }
            if is_instruction(&tspan) {
                form.furniture.push(tspan);
                continue;
            }
            if number.is_some() && is_label(t) {
                label = Some(t.trim_end_matches('*').trim().to_string());
                form.furniture.push(tspan);
                continue;
            }
            // Options listed under "mark all that apply" without marks say nothing.
            if options && (t.starts_with("- ") || t.starts_with("• ")) {
                form.furniture.push(tspan);
                continue;
            }
            // An unnumbered question's answer is its paragraphs up to the next heading-like
            // line; keep it to a few paragraphs so a FAQ answer stays with its question.
            if number.is_none() && fields.len() >= 6 {
                break;
            }
            fields.push(Field {
                label: label.clone(),
                value: t.to_string(),
                span: tspan,
            });
        }
        form.answers.push(Answer {
            number,
            question: question.to_string(),
            question_span: qspan.clone(),
            key,
            fields,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn form(text: &str) -> Form {
        let rules = Rules::default_rules();
        parse(&rules.haystack(text), rules.area("form"))
    }

    #[test]
    fn checked_and_unchecked_boxes() {
        let text = "Typ <input type=\"checkbox\"/> Fysiska övergrepp <input checked=\"\" type=\"checkbox\"/> Annat: Personuppgiftsincident\tNästa";
        let f = form(text);
        let checked: Vec<_> = f.checked().map(|c| c.label.as_str()).collect();
        assert_eq!(checked, ["Annat: Personuppgiftsincident"]);
        assert_eq!(f.checkboxes.len(), 2);
        let masked = mask(text, &f);
        assert!(!masked.contains("Fysiska") && !masked.contains("input"));
        assert!(masked.contains("Annat: Personuppgiftsincident"));
        assert_eq!(masked.len(), text.len());
    }

    #[test]
    fn bracket_and_ballot_boxes() {
        let f = form("[X] Hälsa\n[ ] Personnummer\n☒ Barn\n☐ Ekonomi\n");
        let checked: Vec<_> = f.checked().map(|c| c.label.as_str()).collect();
        assert_eq!(checked, ["Hälsa", "Barn"]);
    }

    const FORM: &str = "Incidenten\n\n10. När inträffade incidenten?\n\nDatum\n\n2022-05-02\n\nKlockslag\n\n14:10\n\n\
        11. När upptäckte ni incidenten?\n\nDatum\n\n2022-05-03\n\n\
        12. Gäller incidenten en behandling som hanteras av anlitade personuppgiftsbiträden?\n\nNej\n\n\
        13. Vilken sorts personuppgifter har incidenten drabbat?\n\nMarkera alla alternativ som gäller.\n\n- Hälsa\n- Personnummer\n\n\
        14. Hur allvarlig bedömer ni att incidenten är?\n\n2. Begränsad\n";

    #[test]
    fn numbered_questions_and_labelled_answers() {
        let f = form(FORM);
        assert!(f.numbered);
        let numbers: Vec<_> = f.answers.iter().map(|a| a.number).collect();
        assert_eq!(numbers, [Some(10), Some(11), Some(12), Some(13), Some(14)]);
        let occurred = f.answer("occurred").expect("occurred");
        assert_eq!(occurred.under("Datum").next().unwrap().value, "2022-05-02");
        assert_eq!(occurred.under("Klockslag").next().unwrap().value, "14:10");
        assert_eq!(f.answer("processor").unwrap().value().unwrap().value, "Nej");
        assert_eq!(f.answers[4].value().unwrap().value, "2. Begränsad");
    }

    #[test]
    fn an_unmarked_option_list_yields_nothing_and_is_masked() {
        let f = form(FORM);
        assert!(f.answers[3].fields.is_empty(), "{:?}", f.answers[3]);
        let masked = mask(FORM, &f);
        assert!(!masked.contains("Hälsa"));
        assert!(!masked.contains("När upptäckte ni"));
        assert!(masked.contains("2022-05-03"));
    }

    /// A one-digit number does not end its sentence ("1. Organisationens ..."), a
    /// two-digit one does ("12. Organisationens ..."): the question keys hold either way.
    #[test]
    fn name_questions_take_their_keys_after_any_number() {
        for first in [1, 10] {
            let text = format!(
                "{}. Organisationens namn *\n\nKommunen\n\n\
                 {}. Har ni anlitat ett personuppgiftsbiträde?\n\nJa\n\n\
                 {}. Biträdets namn och organisationsnummer\n\n\
                 Fyll in namnet som det står i avtalet.\n\nOrganisationens namn\n\nIT-bolaget AB\n",
                first,
                first + 1,
                first + 2
            );
            let f = form(&text);
            let keys: Vec<_> = f.answers.iter().map(|a| a.key.as_deref()).collect();
            assert_eq!(
                keys,
                [
                    Some("controller_name"),
                    Some("processor"),
                    Some("processor_name")
                ],
                "{text}"
            );
            let name = f.answer("processor_name").unwrap();
            assert_eq!(
                name.under("Organisationens namn").next().unwrap().value,
                "IT-bolaget AB"
            );
            assert!(
                !mask(&text, &f).contains("Fyll in"),
                "an instruction is furniture"
            );
        }
    }

    #[test]
    fn unnumbered_questions_keep_their_paragraphs() {
        let text = "Vad har hänt?\n\nEtt mejl skickades till fel mottagare.\n\nNär upptäcktes felet?\n\nDen 3 mars.\n";
        let f = form(text);
        assert!(!f.numbered);
        assert_eq!(f.answers.len(), 2);
        assert_eq!(f.answers[1].text(), "Den 3 mars.");
        assert_eq!(
            mask(text, &f),
            text,
            "unnumbered questions are content, not furniture"
        );
    }
}
