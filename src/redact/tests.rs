//! The redactor on short Swedish texts: every kind masked in context, and the things
//! that only look like personal data left as they are.

use super::*;
use crate::record::{Affected, Event, EventKind, Evidence};

fn redactor() -> Redactor<'static> {
    Redactor::builtin()
}

fn valid_personnummer(rng: &mut fastrand::Rng, coordination: bool) -> String {
    let year = rng.u32(30..100);
    let month = rng.u32(1..13);
    let day = rng.u32(1..29) + if coordination { 60 } else { 0 };
    let nine = format!("{year:02}{month:02}{day:02}{:03}", rng.u32(0..1000));
    personnummer::with_check_digit(&nine)
}

#[test]
fn generated_numbers_in_a_sentence_valid_masked_others_untouched() {
    let mut rng = fastrand::Rng::with_seed(20);
    let r = redactor();
    for i in 0..200 {
        let valid = valid_personnummer(&mut rng, i % 2 == 1);
        let wrong_check = {
            let last = valid.as_bytes()[10] - b'0';
            format!("{}{}", &valid[..10], (last + 1 + rng.u8(0..9)) % 10)
        };
        let case = format!(
            "Dnr {}/{}-{}",
            rng.u32(2000..2030),
            rng.u32(1000..10000),
            rng.u32(1..10)
        );
        let text = format!(
            "Beslutet ({case}) gällde personnummer {valid}. Numret {wrong_check} är ett annat."
        );
        let out = r.redact(&text);
        assert_eq!(
            out,
            format!(
                "Beslutet ({case}) gällde personnummer [personnummer]. Numret {wrong_check} är ett annat."
            ),
            "{text}"
        );
    }
}

#[test]
fn each_kind_is_masked_in_context() {
    let r = redactor();
    for (text, expected) in [
        (
            "Ring handläggaren på 08-123 45 67 eller mejla kontakt@exempel.se.",
            "Ring handläggaren på [telefonnummer] eller mejla [e-post].",
        ),
        (
            "Beslutet skickades till Storgatan 12, 123 45 Småstad.",
            "Beslutet skickades till [adress].",
        ),
        (
            "Brukaren Maja Lindqvist fick fel dos.",
            "Brukaren [namn] fick fel dos.",
        ),
        (
            "Greta Ström, 87 år, fick en annans brev.",
            "[namn], 87 år, fick en annans brev.",
        ),
    ] {
        assert_eq!(r.redact(text), expected, "{text}");
    }
}

#[test]
fn officials_organisations_and_numbers_that_are_no_personal_data_stay() {
    let r = redactor();
    for text in [
        "Handläggaren Eva Berg på Stockholms stad anmälde incidenten till IMY.",
        "Dataskyddsombudet Lars Nyberg kontaktade Tieto.",
        "Ärendet har diarienummer IMY-2022-1234 och Dnr 2021/1234-5.",
        "Incidenten upptäcktes 2021-03-02 17:03 och 730 anställda berördes.",
        "Skriv till Box 22, 404 82 Göteborg.",
        "En 82-årig kvinna fick fel brev.",
        "Patienten informerades samma dag.",
    ] {
        assert_eq!(r.redact(text), text);
    }
}

#[test]
fn kinds_are_counted_and_health_terms_are_not_masked() {
    let r = redactor();
    let text = "Patientens journalanteckningar och diagnoser röjdes; nå oss på 070-123 45 67.";
    let kinds: Vec<&str> = r
        .kinds_in(&Haystack::unscanned(text))
        .into_iter()
        .map(Kind::as_str)
        .collect();
    assert_eq!(kinds, vec!["phone", "health"]);
    assert!(r.redact(text).contains("journalanteckningar och diagnoser"));
}

#[test]
fn a_snippet_keeps_its_marks_outside_masked_spans() {
    let r = redactor();
    let fragment =
        "incidenten där brukaren Maja Lindqvist fick fel brev från leverantören".to_string();
    let mark = |w: &str| {
        let s = fragment.find(w).unwrap();
        s..s + w.len()
    };
    let snippet = Snippet {
        highlighted: vec![mark("incidenten"), mark("Maja"), mark("leverantören")],
        fragment: fragment.clone(),
    };
    let out = r.redact_snippet(&snippet);
    assert_eq!(
        out.render("«", "»"),
        "«incidenten» där brukaren [namn] fick fel brev från «leverantören»"
    );
}

#[test]
fn a_record_loses_the_personal_data_of_its_texts_and_keeps_its_names() {
    let r = redactor();
    let text = "Brukaren Maja Lindqvist, personnummer 811218-9876, fick fel brev.";
    let mut record = IncidentRecord {
        title: Some("Brev till brukaren Maja Lindqvist".into()),
        organisations: vec!["Stockholms stad".into()],
        affected: Some(Affected {
            min: 1,
            max: 1,
            unit: None,
            text: "brukaren Maja Lindqvist".into(),
        }),
        events: vec![Event {
            date: "2021-03-02".parse().unwrap(),
            time: None,
            kind: EventKind::Discovered,
            text: text.into(),
        }],
        ..IncidentRecord::default()
    };
    record
        .evidence
        .insert("causes".into(), Evidence::new(text, 0, text.len()));
    r.redact_record(&mut record);
    let json = serde_json::to_string(&record).unwrap();
    assert!(
        !json.contains("Lindqvist") && !json.contains("9876"),
        "{json}"
    );
    assert_eq!(record.organisations, vec!["Stockholms stad"]);
    assert_eq!(record.evidence["causes"].end, text.len());
    assert_eq!(
        record.events[0].text,
        "Brukaren [namn], personnummer [personnummer], fick fel brev."
    );
}
