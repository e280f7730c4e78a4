//! Classification by cue phrases: causes, breach types, sensitive data, document type.
//! A form's own answer outranks cues in free text.

use std::collections::BTreeMap;

use super::context;
use super::form::Form;
use crate::record::Evidence;
use crate::rules::{Haystack, RuleSet, Rules};

/// Values of un-negated cue matches in `text`, each with its first evidence, in the order
/// they first appear.
pub fn cue_values(
    hay: &Haystack,
    set: &RuleSet,
    context_rules: &RuleSet,
) -> Vec<(String, Evidence)> {
    let text = hay.text();
    let mut found: Vec<(String, Evidence)> = Vec::new();
    for rule in &set.rules {
        let Some(value) = &rule.value else { continue };
        let hit = rule
            .regex
            .find_iter_in(hay)
            .find(|m| !context::is_negated(hay, m.start(), context_rules));
        if let Some(m) = hit {
            match found.iter_mut().find(|(v, _)| v == value) {
                Some((_, ev)) if ev.start > m.start() => {
                    *ev = Evidence::new(text, m.start(), m.end())
                }
                Some(_) => {}
                None => found.push((value.clone(), Evidence::new(text, m.start(), m.end()))),
            }
        }
    }
    found.sort_by_key(|(_, ev)| ev.start);
    found
}

/// Cue values from a form answer when the form has one that yields any, else from text.
pub fn answer_or_text(
    hay: &Haystack,
    form: &Form,
    key: &str,
    set: &RuleSet,
    rules: &Rules,
) -> Vec<(String, Evidence)> {
    let text = hay.text();
    let context_rules = rules.area("context");
    if let Some(span) = form.answer(key).and_then(|a| a.span()) {
        // Run the cues on the answer alone, then shift the evidence back to the document.
        let found = cue_values(
            &Haystack::unscanned(&text[span.clone()]),
            set,
            context_rules,
        );
        if !found.is_empty() {
            return found
                .into_iter()
                .map(|(v, ev)| {
                    (
                        v,
                        Evidence::new(text, span.start + ev.start, span.start + ev.end),
                    )
                })
                .collect();
        }
    }
    cue_values(hay, set, context_rules)
}

/// Sensitive data: an un-negated positive cue makes it true; else an explicit "not
/// sensitive" makes it false; else unknown. Checked boxes and the form's area answer count.
pub fn sensitive(
    hay: &Haystack,
    set: &RuleSet,
    context_rules: &RuleSet,
) -> (Option<bool>, Option<Evidence>) {
    let text = hay.text();
    for rule in set.of_kind("positive") {
        if let Some(m) = rule
            .regex
            .find_iter_in(hay)
            .find(|m| !context::is_negated(hay, m.start(), context_rules))
        {
            return (Some(true), Some(Evidence::new(text, m.start(), m.end())));
        }
    }
    for rule in set.of_kind("negative") {
        if let Some(m) = rule.regex.find_in(hay) {
            return (Some(false), Some(Evidence::new(text, m.start(), m.end())));
        }
    }
    (None, None)
}

/// The document type with the highest weighted signal total (at least 2), else `other`.
pub fn doc_type(hay: &Haystack, form: &Form, set: &RuleSet) -> (String, Option<Evidence>) {
    let text = hay.text();
    const MAX_COUNTED: usize = 3;
    let mut scores: BTreeMap<&str, (f64, Option<Evidence>)> = BTreeMap::new();
    for rule in &set.rules {
        let Some(value) = rule.value.as_deref() else {
            continue;
        };
        let mut matches = rule.regex.find_iter_in(hay).take(MAX_COUNTED).peekable();
        let Some(first) = matches
            .peek()
            .map(|m| Evidence::new(text, m.start(), m.end()))
        else {
            continue;
        };
        let entry = scores.entry(value).or_insert((0.0, None));
        entry.0 += rule.weight * matches.count() as f64;
        entry.1.get_or_insert(first);
    }
    // A news item's head is layout, read off the first lines' characters.
    for head in super::headline::news_head(text) {
        let entry = scores.entry("news_article").or_insert((0.0, None));
        entry.0 += 1.0;
        entry
            .1
            .get_or_insert(Evidence::new(text, head.start, head.end));
    }
    // FAQ pages are questions on lines of their own, each followed by an answer.
    let questions = form
        .answers
        .iter()
        .filter(|a| a.number.is_none() && !a.fields.is_empty())
        .count();
    if questions >= 3 {
        let entry = scores.entry("faq_page").or_insert((0.0, None));
        entry.0 += questions.min(6) as f64;
        let q = &form
            .answers
            .iter()
            .find(|a| a.number.is_none())
            .unwrap()
            .question_span;
        entry.1.get_or_insert(Evidence::new(text, q.start, q.end));
    }
    let best = scores
        .into_iter()
        .filter(|(_, (s, _))| *s >= 2.0)
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0));
    match best {
        Some((value, (_, ev))) => (value.to_string(), ev),
        None => ("other".into(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::form;

    fn values(text: &str, area: &str) -> Vec<String> {
        let rules = Rules::default_rules();
        cue_values(
            &rules.haystack(text),
            rules.area(area),
            rules.area("context"),
        )
        .into_iter()
        .map(|(v, _)| v)
        .collect()
    }

    fn sens(text: &str) -> Option<bool> {
        let rules = Rules::default_rules();
        sensitive(
            &rules.haystack(text),
            rules.area("sensitive"),
            rules.area("context"),
        )
        .0
    }

    fn doctype(text: &str) -> String {
        let rules = Rules::default_rules();
        let hay = rules.haystack(text);
        let f = form::parse(&hay, rules.area("form"));
        doc_type(&hay, &f, rules.area("doctype")).0
    }

    #[test]
    fn causes_from_swedish_cues() {
        assert_eq!(
            values("Orsaken var ett programfel i den nya versionen.", "causes"),
            ["technical_error"]
        );
        assert_eq!(
            values(
                "En sjuksköterska skickade av misstag journalen till fel vårdgivare.",
                "causes"
            ),
            ["human_error"]
        );
        assert_eq!(
            values(
                "Regionen drabbades av en ransomware-attack under natten.",
                "causes"
            ),
            ["attack"]
        );
        assert_eq!(
            values(
                "Granskningen visar bristande rutiner för gallring.",
                "causes"
            ),
            ["process_failure"]
        );
    }

    #[test]
    fn negated_and_hedged_causes_do_not_count() {
        assert!(values("Det finns inga tecken på dataintrång.", "causes").is_empty());
        assert!(values("Man trodde först att det var ett handhavandefel.", "causes").is_empty());
        assert_eq!(
            values("Det var inte ett intrång utan ett systemfel.", "causes"),
            ["technical_error"]
        );
    }

    #[test]
    fn breach_types_from_swedish_cues() {
        assert_eq!(
            values("Kallelserna skickades till fel mottagare.", "breach_types"),
            ["disclosure"]
        );
        assert_eq!(
            values(
                "Vikarier har kunnat se skyddade uppgifter i systemet.",
                "breach_types"
            ),
            ["access"]
        );
        assert_eq!(
            values(
                "En hårddisk med personakter har förlorats vid flytten.",
                "breach_types"
            ),
            ["loss"]
        );
        assert_eq!(
            values(
                "Någon har manipulerat uppgifterna i registret.",
                "breach_types"
            ),
            ["alteration"]
        );
        assert!(
            values(
                "Röstmeddelanden raderas automatiskt efter 30 dagar.",
                "breach_types"
            )
            .is_empty()
        );
    }

    #[test]
    fn sensitive_positive_negative_unknown() {
        assert_eq!(
            sens("Listan innehöll uppgifter om elevernas hälsa."),
            Some(true)
        );
        assert_eq!(
            sens("Beslut om försörjningsstöd skickades fel."),
            Some(true)
        );
        assert_eq!(
            sens("Det rör sig inte om några känsliga personuppgifter, bara namn."),
            Some(false)
        );
        assert_eq!(
            sens("Namn och e-postadresser syntes för andra kunder."),
            None
        );
        assert_eq!(
            sens("Normalt finns inga känsligare uppgifter, men här fanns uppgifter om barn."),
            Some(true)
        );
    }

    #[test]
    fn document_types() {
        assert_eq!(
            doctype(
                "Anmälan av personuppgiftsincident\n\n1. Organisationens namn *\n\nAle kommun\n"
            ),
            "breach_notification"
        );
        assert_eq!(
            doctype(
                "Lex Sarah-rapport\n\nUtredning av bakomliggande orsaker\n\nEtt missförhållande har inträffat."
            ),
            "lex_sarah_report"
        );
        assert_eq!(
            doctype(
                "Kommunen läckte uppgifter\n\n– Det är beklagligt, säger Eva Berg.\n\n– Vi utreder, säger Per Lind.\n"
            ),
            "news_article"
        );
        assert_eq!(
            doctype(
                "Vad har hänt?\n\nEtt fel i portalen.\n\nVem berörs?\n\nAnställda.\n\nVad gör ni nu?\n\nVi utreder.\n"
            ),
            "faq_page"
        );
        assert_eq!(doctype("Protokoll från nämndens sammanträde."), "other");
    }
}
