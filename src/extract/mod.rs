//! Document to incident record: the Swedish rules applied to a loaded document.
//!
//! Order matters: the form is read first (its answers outrank free text), then free-text
//! rules run on a copy of the text with form furniture masked out, then the timeline.
//! Non-Swedish documents get language and title only.

pub mod affected;
pub mod classify;
pub mod context;
pub mod entities;
pub mod examples;
pub mod form;
pub mod headline;
pub mod places;
pub mod timeline;

use crate::lang;
use crate::load::Document;
use crate::record::{Delays, Evidence, IncidentRecord};
use crate::redact::Redactor;
use crate::rules::Rules;

/// Builds the record of one document.
pub fn extract(doc: &Document, source: &str, id: &str, rules: &Rules) -> IncidentRecord {
    let language = lang::detect(&doc.text);
    let mut record = IncidentRecord {
        source: source.to_string(),
        id: id.to_string(),
        format: doc.format.as_str().to_string(),
        language: language.code.to_string(),
        language_confidence: language.confidence,
        doc_type: "other".into(),
        title: doc.title.clone().or_else(|| title_line(&doc.text, rules)),
        rules_digest: rules.digest.clone(),
        ..IncidentRecord::default()
    };
    let text = doc.text.as_str();
    // Each text is scanned once: every token rule in one pass, and its digits; the rules
    // then look their matches up, and the digit shapes search only near digits.
    let text_hay = rules.haystack(text);
    record.pii_kinds = Redactor::new(rules.area("pii"))
        .kinds_in(&text_hay)
        .into_iter()
        .map(|k| k.as_str().to_string())
        .collect();
    if language.code != "sv" {
        return record;
    }
    let form = form::parse(&text_hay, rules.area("form"));
    // Masking and reflowing keep every offset; a text they leave as it was is not
    // scanned again.
    let masked_text = flow(&form::mask(text, &form));
    let masked_hay;
    let masked = if masked_text == text {
        &text_hay
    } else {
        masked_hay = rules.haystack(&masked_text);
        &masked_hay
    };
    let context_rules = rules.area("context");
    let mut evidence = |field: &str, ev: Option<Evidence>| {
        if let Some(ev) = ev {
            record.evidence.insert(field.to_string(), ev);
        }
    };

    let (doc_type, ev) = classify::doc_type(&text_hay, &form, rules.area("doctype"));
    evidence("doc_type", ev);

    let organisations = entities::organisations(masked, doc.title.as_deref(), &form, rules);
    evidence(
        "organisations",
        organisations.first().map(|m| m.evidence.clone()),
    );

    let (mut suppliers, supplier_involved, ev) = entities::suppliers(masked, &form, rules);
    // One party is not both: the controller is no supplier of its own incident.
    suppliers.retain(|s| {
        !organisations
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&s.name))
    });
    evidence("supplier_involved", ev);
    evidence("suppliers", suppliers.first().map(|m| m.evidence.clone()));

    let mut authorities = entities::authorities(masked, rules);
    if doc_type == "breach_notification" && authorities.is_empty() {
        // A notification form is itself the report to the supervisory authority it names.
        authorities.extend(entities::supervisory_named(&text_hay, rules));
    }
    evidence(
        "authorities",
        authorities.first().map(|m| m.evidence.clone()),
    );

    let affected = affected::find(masked, &form, rules.area("affected"));
    evidence("affected", affected.as_ref().map(|(_, ev)| ev.clone()));

    let causes = classify::answer_or_text(masked, &form, "why", rules.area("causes"), rules);
    evidence("causes", causes.first().map(|(_, ev)| ev.clone()));
    let breach_types = classify::answer_or_text(
        masked,
        &form,
        "what_happened",
        rules.area("breach_types"),
        rules,
    );
    evidence(
        "breach_types",
        breach_types.first().map(|(_, ev)| ev.clone()),
    );
    let (sensitive_data, ev) = classify::sensitive(masked, rules.area("sensitive"), context_rules);
    evidence("sensitive_data", ev);

    let timeline = timeline::build(masked, &form, rules, None);
    for (field, ev) in timeline.evidence {
        record.evidence.insert(field, ev);
    }

    record.doc_type = doc_type;
    record.organisations = organisations.into_iter().map(|m| m.name).collect();
    record.suppliers = suppliers.into_iter().map(|m| m.name).collect();
    record.supplier_involved = supplier_involved;
    record.authorities = authorities.into_iter().map(|m| m.name).collect();
    record.affected = affected.map(|(a, _)| a);
    record.causes = causes.into_iter().map(|(v, _)| v).collect();
    record.breach_types = breach_types.into_iter().map(|(v, _)| v).collect();
    record.sensitive_data = sensitive_data;
    record.dates = timeline.dates;
    record.events = timeline.events;
    record.delays = Delays::derive(&record.dates, timeline.stated_late);
    record
}

/// Joins lines wrapped inside a paragraph (PDF text, hard-wrapped files) by turning their
/// line break into a space, so sentences read whole. Byte offsets do not move. A line
/// is wrapped when it is long and does not end a sentence.
fn flow(text: &str) -> String {
    const WRAPPED_LINE: usize = 50;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(next) = lines.peek() else { break };
        let trimmed = line.trim_end();
        let wraps = trimmed.chars().count() >= WRAPPED_LINE
            && !trimmed.ends_with(['.', '!', '?', ':', '"', '”'])
            && !next.trim().is_empty();
        out.push(if wraps { ' ' } else { '\n' });
    }
    out
}

/// For text without markup: among the first paragraphs, the first one-line paragraph
/// that is short, not a sentence, not a quote, and not site furniture ("Hoppa till
/// huvudinnehåll") or a bare section label.
fn title_line(text: &str, rules: &Rules) -> Option<String> {
    let skip = rules.area("doctype").words("not_title");
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(5)
        // A headline may wrap onto a second line in PDF text.
        .filter(|p| p.lines().count() <= 2)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| {
            l.chars().count() <= 200
                && !l.ends_with('.')
                && !l.starts_with(['–', '-', '—'])
                && l.split_whitespace().count() >= 2
                && !skip.iter().any(|s| l.eq_ignore_ascii_case(s))
                && !l.contains("<input")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;

    fn record(text: &str) -> IncidentRecord {
        let doc = Document {
            text: text.to_string(),
            format: Format::Text,
            title: None,
        };
        extract(&doc, "t.txt", "id", Rules::default_rules())
    }

    #[test]
    fn a_short_news_item_end_to_end() {
        let r = record(
            "Elevuppgifter hamnade hos fel vårdnadshavare i Kungälvs kommun\n\n\
             Kungälvs kommun har skickat omdömen om 214 elever till fel vårdnadshavare. \
             Felet berodde på en bugg i lärplattformen som leverantören Vklass nu har rättat. \
             Uppgifterna rör barn och kommunen har anmält händelsen till Integritetsskyddsmyndigheten.\n\n\
             – Vi ser allvarligt på det här, säger Lena Ek, förvaltningschef.",
        );
        assert_eq!(r.language, "sv");
        assert_eq!(r.doc_type, "news_article");
        assert_eq!(r.organisations, ["Kungälvs kommun"]);
        assert_eq!(r.suppliers, ["Vklass"]);
        assert!(r.supplier_involved);
        assert_eq!(r.authorities, ["IMY"]);
        assert_eq!(
            r.affected.as_ref().map(|a| (a.min, a.max)),
            Some((214, 214))
        );
        assert_eq!(r.causes, ["technical_error"]);
        assert_eq!(r.breach_types, ["disclosure"]);
        assert_eq!(r.sensitive_data, Some(true));
        assert!(r.evidence.contains_key("organisations") && r.evidence.contains_key("causes"));
        assert_eq!(
            r.title.as_deref(),
            Some("Elevuppgifter hamnade hos fel vårdnadshavare i Kungälvs kommun")
        );
    }

    #[test]
    fn wrapped_lines_are_joined_without_moving_offsets() {
        let text = "Kommunen anmälde under fredagen hela incidenten till\nDatainspektionen.\nKort rad\nNästa";
        let flowed = flow(text);
        assert_eq!(flowed.len(), text.len());
        assert!(flowed.contains("till Datainspektionen.\nKort rad\nNästa"));
    }

    #[test]
    fn non_swedish_documents_get_language_and_title_only() {
        let r = record(
            "Kommunen har meldt avviket til Datatilsynet etter at opplysninger ble sendt til feil mottaker. Det er ennå uklart hvor mange som er berørt, og kommunen beklager hendelsen.",
        );
        assert_eq!(r.language, "nb");
        assert!(r.authorities.is_empty() && r.causes.is_empty() && r.doc_type == "other");
    }

    #[test]
    fn evidence_spans_point_into_the_text() {
        let text =
            "Göteborgs Stad: ett fel i portalen gjorde att 40 anställda kunde se andras löner.";
        let r = record(text);
        for (field, ev) in &r.evidence {
            assert_eq!(&text[ev.start..ev.end], ev.text, "{field}");
        }
    }
}
