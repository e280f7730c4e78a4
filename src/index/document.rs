//! Record to tantivy document and back: every field of [`crate::index::schema`] filled
//! from an [`IncidentRecord`] and the document's text.

use chrono::NaiveDate;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

use super::schema::{self, Fields};
use crate::record::IncidentRecord;

/// The key of a text: the BLAKE3 digest of its letters and digits, lower-cased, so the
/// text of a PDF, of an HTML page and of a plain file with the same words (laid out,
/// spaced and punctuated differently) get one key. None for a text without a word.
pub fn text_key(body: &str) -> Option<String> {
    // The hasher is fed whole words, not one character at a time: each update costs.
    let mut hasher = blake3::Hasher::new();
    let mut any = false;
    let mut word = String::new();
    for part in body.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        any = true;
        if part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            hasher.update(part.as_bytes());
        } else {
            word.clear();
            word.extend(part.chars().flat_map(char::to_lowercase));
            hasher.update(word.as_bytes());
        }
    }
    any.then(|| format!("text:{}", hasher.finalize().to_hex()))
}

/// The tantivy document of `record`, with `body` as its searchable text.
pub fn to_document(fields: &Fields, record: &IncidentRecord, body: &str) -> TantivyDocument {
    let f = |name| fields.get(name);
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &record.id);
    // The same `id` field finds the document by the ids of its other copies and by its
    // text's key; the record's own id stays the first value.
    for alias in &record.also_ids {
        doc.add_text(fields.id, alias);
    }
    if let Some(key) = text_key(body) {
        doc.add_text(fields.id, &key);
    }
    doc.add_text(fields.path, &record.source);
    for path in &record.also_at {
        doc.add_text(fields.path, path);
    }
    if let Some(title) = &record.title {
        doc.add_text(fields.title, title);
    }
    doc.add_text(fields.body, body);
    // Names are indexed in their canonical form, each once (rules/names.toml).
    let names = crate::names::Names::active();
    for (name, values) in [
        (schema::SUPPLIER, &record.suppliers),
        (schema::ORGANISATION, &record.organisations),
    ] {
        let mut canonical: Vec<String> = values.iter().map(|v| names.canonical(v)).collect();
        canonical.sort();
        canonical.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
        for value in canonical {
            doc.add_text(f(name), &value);
        }
    }
    for (name, values) in [
        (schema::AUTHORITY, &record.authorities),
        (schema::CAUSE, &record.causes),
        (schema::BREACH_TYPE, &record.breach_types),
        (schema::PII_KIND, &record.pii_kinds),
    ] {
        for value in values {
            doc.add_text(f(name), value);
        }
    }
    doc.add_text(f(schema::DOC_TYPE), &record.doc_type);
    doc.add_text(f(schema::LANGUAGE), &record.language);
    let d = &record.dates;
    for (name, date) in [
        (schema::INCIDENT_START, d.incident_start),
        (schema::INCIDENT_END, d.incident_end),
        (schema::DISCOVERED, d.discovered),
        (schema::CONTROLLER_INFORMED, d.controller_informed),
        (schema::AUTHORITY_NOTIFIED, d.authority_notified),
        (schema::SUBJECTS_INFORMED, d.subjects_informed),
        (schema::DATE, first_known_date(record)),
    ] {
        if let Some(date) = date {
            doc.add_date(f(name), to_datetime(date));
        }
    }
    if let Some(year) = incident_year(record) {
        doc.add_i64(f(schema::YEAR), year.into());
    }
    let delays = &record.delays;
    for (name, days) in [
        (schema::NOTIFICATION_DAYS, delays.notification_days),
        (
            schema::SUPPLIER_TO_CONTROLLER_DAYS,
            delays.supplier_to_controller_days,
        ),
        (schema::DETECTION_DAYS, delays.detection_days),
    ] {
        if let Some(days) = days {
            doc.add_i64(f(name), days);
        }
    }
    if let Some(a) = &record.affected {
        doc.add_u64(f(schema::AFFECTED), a.max);
        doc.add_u64(f(schema::AFFECTED_MIN), a.min);
    }
    doc.add_bool(f(schema::SUPPLIER_INVOLVED), record.supplier_involved);
    if let Some(late) = delays.late_notification {
        doc.add_bool(f(schema::LATE_NOTIFICATION), late);
    }
    if let Some(sensitive) = record.sensitive_data {
        doc.add_bool(f(schema::SENSITIVE_DATA), sensitive);
    }
    let json = serde_json::to_string(record).expect("a record serializes");
    doc.add_text(fields.record, json);
    doc
}

/// The record stored in a document.
pub fn record_of(fields: &Fields, doc: &TantivyDocument) -> anyhow::Result<IncidentRecord> {
    let json = doc
        .get_first(fields.record)
        .and_then(|v| v.as_str())
        .ok_or_else(|| anyhow::anyhow!("a document of the index has no stored record"))?;
    Ok(serde_json::from_str(json)?)
}

/// The body text stored in a document.
pub fn body_of(fields: &Fields, doc: &TantivyDocument) -> String {
    doc.get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// The date `--from`/`--to` filter on: when the incident began, or the earliest later
/// step the record knows.
pub fn first_known_date(record: &IncidentRecord) -> Option<NaiveDate> {
    let d = &record.dates;
    d.incident_start
        .or(d.discovered)
        .or(d.controller_informed)
        .or(d.authority_notified)
}

/// The year statistics count an incident under: of its start, else of its discovery.
pub fn incident_year(record: &IncidentRecord) -> Option<i32> {
    use chrono::Datelike;
    let d = &record.dates;
    d.incident_start.or(d.discovered).map(|date| date.year())
}

/// Midnight UTC of `date`, as tantivy stores dates.
pub fn to_datetime(date: NaiveDate) -> DateTime {
    let secs = date
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    DateTime::from_timestamp_secs(secs)
}

#[cfg(test)]
mod tests {
    use super::text_key;

    /// The key as first defined: every letter and digit, lower-cased, hashed one by one.
    /// Indexes built before keep their keys, so the definition must not drift.
    fn key_char_by_char(body: &str) -> Option<String> {
        let mut hasher = blake3::Hasher::new();
        let mut any = false;
        let mut buf = [0u8; 4];
        for c in body.chars().filter(|c| c.is_alphanumeric()) {
            for lower in c.to_lowercase() {
                hasher.update(lower.encode_utf8(&mut buf).as_bytes());
                any = true;
            }
        }
        any.then(|| format!("text:{}", hasher.finalize().to_hex()))
    }

    #[test]
    fn a_text_key_is_its_letters_and_digits_lower_cased() {
        for body in [
            "Anmälan av personuppgiftsincident\n\n1. Organisationens namn *\nÖREBRO KOMMUN",
            "Den 3 mars 2021 kl. 14.30 – İstanbul, Ærø, straße; 2 000 elever.",
            "   ",
            "",
        ] {
            assert_eq!(text_key(body), key_char_by_char(body), "{body:?}");
        }
        assert_eq!(
            text_key("Läckan berör 45 elever."),
            text_key("LÄCKAN\nberör, 45 ELEVER")
        );
    }
}
