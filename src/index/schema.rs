//! The index schema: one tantivy document per distinct document content (per id), with
//! its text, every record field under its query name, and the whole record as JSON.
//!
//! | field | kind | holds |
//! |---|---|---|
//! | `id` | raw term, stored | BLAKE3 hex of the bytes: one document per distinct content |
//! | `path` | raw term, stored | every path the bytes were found at (`source` and `also_at`) |
//! | `title`, `body` | text, [`SV`] analyzer, stored | headline and full text; `body` feeds the snippets |
//! | `supplier`, `organisation`, `authority` | text, [`NAME`] analyzer; fast (raw, original case) | one value per name |
//! | `doc_type`, `cause`, `breach_type`, `language`, `pii_kind` | term, [`LOWERCASE`]; fast (raw) | one value per entry (`pii_kind`: each of the record's `pii_kinds`) |
//! | `incident_start`, `incident_end`, `discovered`, `controller_informed`, `authority_notified`, `subjects_informed` | date (day precision), indexed, fast | absent when unknown |
//! | `date` | date, indexed, fast | the first known of incident start, discovery, controller informed, authority notified: what `--from`/`--to` use |
//! | `year` | i64, indexed, fast | the year of `incident_start`, else of `discovered`: what `incidex stats` counts by year; absent when neither is known |
//! | `notification_days`, `supplier_to_controller_days`, `detection_days` | i64, indexed, fast | absent when unknown |
//! | `affected`, `affected_min` | u64, indexed, fast | data subjects affected: the upper and lower bound |
//! | `supplier_involved` | bool, indexed, fast | always present |
//! | `late_notification`, `sensitive_data` | bool, indexed, fast | absent when unknown |
//! | `record` | stored only | the record as `incidex extract --json` prints it |
//!
//! Absent means a range or term query on the field skips the document, and an
//! aggregation does not count it: `late_notification:false` finds only documents known to
//! be on time.
//!
//! Limits: a changed schema cannot read an old index; [`check`] says so and the user
//! ingests again into a fresh directory.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, INDEXED, IndexRecordOption, NumericOptions, STORED,
    STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzer::{LOWERCASE, NAME, SV};

pub const ID: &str = "id";
pub const PATH: &str = "path";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const SUPPLIER: &str = "supplier";
pub const ORGANISATION: &str = "organisation";
pub const AUTHORITY: &str = "authority";
pub const DOC_TYPE: &str = "doc_type";
pub const CAUSE: &str = "cause";
pub const BREACH_TYPE: &str = "breach_type";
pub const LANGUAGE: &str = "language";
pub const INCIDENT_START: &str = "incident_start";
pub const INCIDENT_END: &str = "incident_end";
pub const DISCOVERED: &str = "discovered";
pub const CONTROLLER_INFORMED: &str = "controller_informed";
pub const AUTHORITY_NOTIFIED: &str = "authority_notified";
pub const SUBJECTS_INFORMED: &str = "subjects_informed";
pub const DATE: &str = "date";
pub const YEAR: &str = "year";
pub const NOTIFICATION_DAYS: &str = "notification_days";
pub const SUPPLIER_TO_CONTROLLER_DAYS: &str = "supplier_to_controller_days";
pub const DETECTION_DAYS: &str = "detection_days";
pub const AFFECTED: &str = "affected";
pub const AFFECTED_MIN: &str = "affected_min";
pub const SUPPLIER_INVOLVED: &str = "supplier_involved";
pub const LATE_NOTIFICATION: &str = "late_notification";
pub const SENSITIVE_DATA: &str = "sensitive_data";
pub const RECORD: &str = "record";
pub const PII_KIND: &str = "pii_kind";

/// Name fields: analyzed word by word, case-insensitive.
pub const NAME_FIELDS: &[&str] = &[SUPPLIER, ORGANISATION, AUTHORITY];
/// One-term fields: the whole value, case-insensitive.
pub const TERM_FIELDS: &[&str] = &[DOC_TYPE, CAUSE, BREACH_TYPE, LANGUAGE, PII_KIND];
/// Date fields, written `2019-03-08` in queries.
pub const DATE_FIELDS: &[&str] = &[
    INCIDENT_START,
    INCIDENT_END,
    DISCOVERED,
    CONTROLLER_INFORMED,
    AUTHORITY_NOTIFIED,
    SUBJECTS_INFORMED,
    DATE,
];
/// Signed day counts.
pub const DAY_FIELDS: &[&str] = &[
    NOTIFICATION_DAYS,
    SUPPLIER_TO_CONTROLLER_DAYS,
    DETECTION_DAYS,
];
/// Counts of data subjects.
pub const COUNT_FIELDS: &[&str] = &[AFFECTED, AFFECTED_MIN];
pub const BOOL_FIELDS: &[&str] = &[SUPPLIER_INVOLVED, LATE_NOTIFICATION, SENSITIVE_DATA];
/// Fields a query may name, in the order the help lists them.
pub fn queryable_fields() -> Vec<&'static str> {
    let mut out = vec![TITLE, BODY];
    for group in [
        NAME_FIELDS,
        TERM_FIELDS,
        DATE_FIELDS,
        DAY_FIELDS,
        COUNT_FIELDS,
        BOOL_FIELDS,
    ] {
        out.extend_from_slice(group);
    }
    out.extend([YEAR, ID, PATH]);
    out
}

/// The fields of the schema, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub record: Field,
}

impl Fields {
    pub fn new(schema: Schema) -> Fields {
        let f = |name: &str| schema.get_field(name).expect("field of the incidex schema");
        Fields {
            id: f(ID),
            path: f(PATH),
            title: f(TITLE),
            body: f(BODY),
            record: f(RECORD),
            schema,
        }
    }

    pub fn get(&self, name: &str) -> Field {
        self.schema
            .get_field(name)
            .expect("field of the incidex schema")
    }
}

/// Builds the schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(ID, STRING | STORED);
    b.add_text_field(PATH, STRING | STORED);
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(SV)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field(TITLE, text.clone());
    b.add_text_field(BODY, text);
    let names = TextOptions::default().set_fast("raw").set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    for name in NAME_FIELDS {
        b.add_text_field(name, names.clone());
    }
    let terms = TextOptions::default().set_fast("raw").set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(LOWERCASE)
            .set_index_option(IndexRecordOption::Basic),
    );
    for name in TERM_FIELDS {
        b.add_text_field(name, terms.clone());
    }
    let dates = DateOptions::from(INDEXED)
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    for name in DATE_FIELDS {
        b.add_date_field(name, dates.clone());
    }
    let numbers = NumericOptions::default().set_indexed().set_fast();
    for name in DAY_FIELDS {
        b.add_i64_field(name, numbers.clone());
    }
    b.add_i64_field(YEAR, numbers.clone());
    for name in COUNT_FIELDS {
        b.add_u64_field(name, numbers.clone());
    }
    for name in BOOL_FIELDS {
        b.add_bool_field(name, numbers.clone());
    }
    b.add_text_field(RECORD, STORED);
    b.build()
}
