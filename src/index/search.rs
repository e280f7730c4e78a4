//! Queries over the index: tantivy's query syntax over `title` and `body` and every
//! field of [`super::schema`] by name, the shorthand filters of `incidex search`, and
//! ranked hits carrying their stored record and a snippet.
//!
//! Query text is analyzed without decompounding (see [`super::analyzer`]); terms are
//! joined with AND unless the query says OR. Dates are written `2019-03-08` (tantivy
//! wants RFC 3339; [`normalise_dates`] adds the time) and a bare year on a date field
//! (`date:2019`) means that whole year.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::{Index, IndexReader, TantivyDocument};

use super::analyzer;
use super::document::{body_of, record_of};
use super::schema::{self, Fields};
use super::snippet::{self, Snippet};
use crate::record::IncidentRecord;

/// The shorthand filters of `incidex search`, each ANDed to the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// A supplier's name or a word of it (`telia` finds "Telia Company AB").
    pub supplier: Option<String>,
    /// An organisation's name or a word of it.
    pub organisation: Option<String>,
    /// Only notifications the record says were late (over 72 hours).
    pub late: bool,
    /// Only notifications that took at least this many days.
    pub min_delay: Option<i64>,
    /// Only incidents whose first known date is on or after this day...
    pub from: Option<NaiveDate>,
    /// ... or on or before this day.
    pub to: Option<NaiveDate>,
    /// Only this document type (`news_article`, `lex_sarah_report`, ...).
    pub doc_type: Option<String>,
}

impl Filters {
    /// The filters as clauses of tantivy's query syntax.
    pub fn clauses(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = &self.supplier {
            out.push(name_clause(schema::SUPPLIER, s));
        }
        if let Some(o) = &self.organisation {
            out.push(name_clause(schema::ORGANISATION, o));
        }
        if self.late {
            out.push(format!("{}:true", schema::LATE_NOTIFICATION));
        }
        if let Some(days) = self.min_delay {
            out.push(format!("{}:[{days} TO *]", schema::NOTIFICATION_DAYS));
        }
        if let Some(from) = self.from {
            out.push(format!("{}:[{from} TO *]", schema::DATE));
        }
        if let Some(to) = self.to {
            out.push(format!("{}:[* TO {to}]", schema::DATE));
        }
        if let Some(t) = &self.doc_type {
            out.push(format!("{}:{}", schema::DOC_TYPE, quoted(t)));
        }
        out
    }
}

/// `supplier:"tieto"` as a clause finding every form of the name: as typed, its
/// canonical name, its genitive ([`crate::names::Names::query_forms`]).
fn name_clause(field: &str, typed: &str) -> String {
    let forms: Vec<String> = crate::names::Names::active()
        .query_forms(typed)
        .iter()
        .map(|f| format!("{field}:{}", quoted(f)))
        .collect();
    format!("({})", forms.join(" OR "))
}

/// Rewrites `supplier:NAME` and `organisation:NAME` (a word or a quoted phrase) in a
/// query into clauses finding every form of the name (see [`name_clause`]).
pub fn normalise_names(query: &str) -> String {
    static NAME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\b(supplier|organisation):("(?:[^"\\]|\\.)*"|[^\s()"\[{]+)"#).unwrap()
    });
    NAME_VALUE
        .replace_all(query, |c: &regex::Captures| {
            let value = c[2].trim_matches('"').replace("\\\"", "\"");
            if value.is_empty() || value.contains('*') {
                return c[0].to_string();
            }
            name_clause(&c[1], &value)
        })
        .into_owned()
}

/// `s` as a quoted phrase of the query syntax.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The query text a search runs: the user's query and the filters, ANDed; everything
/// when both are empty.
pub fn combine(query: &str, filters: &Filters) -> String {
    let mut parts = Vec::new();
    if !query.trim().is_empty() {
        parts.push(format!("({})", normalise_names(query)));
    }
    parts.extend(filters.clauses());
    if parts.is_empty() {
        "*".to_string()
    } else {
        parts.join(" AND ")
    }
}

/// Rewrites dates on date fields into the RFC 3339 form tantivy parses:
/// `discovered:[2019-01-01 TO *]` → `discovered:[2019-01-01T00:00:00Z TO *]`, and a bare
/// year (`date:2019`) into that year's range. Dates in free text are left alone.
pub fn normalise_dates(query: &str) -> String {
    static FIELD_VALUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\b(\w+):([\[{][^\]}]*[\]}]|[<>]=?[^\s()]+|[^\s()"]+)"#).unwrap()
    });
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{4}-\d{2}-\d{2})(T[\w:.+-]*)?").unwrap());
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{4}$").unwrap());
    FIELD_VALUE
        .replace_all(query, |c: &regex::Captures| {
            let (field, value) = (&c[1], &c[2]);
            if !schema::DATE_FIELDS.contains(&field) {
                return c[0].to_string();
            }
            if YEAR.is_match(value) {
                let year: i32 = value.parse().unwrap_or_default();
                return format!(
                    "{field}:[{year}-01-01T00:00:00Z TO {}-01-01T00:00:00Z}}",
                    year + 1
                );
            }
            let value = DATE.replace_all(value, |d: &regex::Captures| match d.get(2) {
                Some(_) => d[0].to_string(),
                None => format!("{}T00:00:00Z", &d[1]),
            });
            format!("{field}:{value}")
        })
        .into_owned()
}

/// A query the index cannot run, with a message for the user.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(
        "no field `{field}`{}; `incidex search --help` lists the fields",
        did_you_mean(field)
    )]
    UnknownField { field: String },
    #[error("cannot read the query: {cause}; `incidex search --help` shows the syntax")]
    Malformed { query: String, cause: String },
}

/// ` (did you mean `doc_type`?)` for a field name close to a real one.
fn did_you_mean(field: &str) -> String {
    let field = field.to_lowercase();
    let close = schema::queryable_fields().into_iter().find(|f| {
        f.starts_with(&field)
            || field.starts_with(*f)
            || f.replace('_', "") == field.replace(['_', '-'], "")
    });
    close
        .map(|f| format!(" (did you mean `{f}`?)"))
        .unwrap_or_default()
}

/// What is wrong with a query's shape, said in words: an unclosed quote or bracket, a
/// date that is no date. None when nothing is found (tantivy may still refuse it).
pub fn shape_error(query: &str) -> Option<String> {
    let quotes = query.matches('"').count() - query.matches("\\\"").count();
    if quotes % 2 == 1 {
        let at = query.rfind('"').unwrap_or(0);
        let rest: String = query[at + 1..].chars().take(30).collect();
        return Some(format!(
            "unbalanced quote: the \" before `{}` is never closed",
            rest.trim_end_matches(')')
        ));
    }
    let mut depth: i32 = 0;
    let mut square: i32 = 0;
    let mut quoted = false;
    for c in query.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if quoted {
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '[' | '{' => square += 1,
            ']' | '}' => square -= 1,
            _ => {}
        }
        if depth < 0 {
            return Some("a `)` closes nothing".into());
        }
    }
    if depth > 0 {
        return Some("a `(` is never closed".into());
    }
    if square != 0 {
        return Some("a range needs both brackets: field:[A TO B]".into());
    }
    static DATE_VALUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\w+):[\[{]?\s*(\d{4}-\d{1,2}-\d{1,2})").unwrap());
    for c in DATE_VALUE.captures_iter(query) {
        if schema::DATE_FIELDS.contains(&&c[1]) && c[2].parse::<NaiveDate>().is_err() {
            return Some(format!(
                "`{}` is not a date: write YYYY-MM-DD ({}:2019-03-08) or a year ({}:2019)",
                &c[2], &c[1], &c[1]
            ));
        }
    }
    None
}

/// The field names a query may use, comma separated.
pub fn field_list() -> String {
    schema::queryable_fields().join(", ")
}

/// One ranked result.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub record: IncidentRecord,
    /// The record's title, else the first line of its text.
    pub heading: String,
    pub snippet: Snippet,
}

impl Hit {
    /// The hit as `incidex search --json` prints it (and `/api/search` lists it).
    pub fn json(&self) -> JsonHit<'_> {
        JsonHit {
            rank: self.rank,
            score: self.score,
            snippet: self.snippet.render("«", "»"),
            record: &self.record,
        }
    }
}

/// One hit as JSON: `{"rank", "score", "snippet", "record"}`, the snippet's matched words
/// between « and ».
#[derive(Debug, serde::Serialize)]
pub struct JsonHit<'a> {
    pub rank: usize,
    pub score: f32,
    pub snippet: String,
    pub record: &'a IncidentRecord,
}

/// Hits and how many documents matched in all.
#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A reader over an index with the query parser set up.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
}

impl Searcher {
    pub fn new(index: &Index) -> tantivy::Result<Searcher> {
        let fields = Fields::new(index.schema());
        let mut parser = QueryParser::new(
            index.schema(),
            vec![fields.title, fields.body],
            analyzer::query_tokenizers(),
        );
        parser.set_conjunction_by_default();
        // A word in the title counts more than one in the body.
        parser.set_field_boost(fields.title, 2.0);
        Ok(Searcher {
            reader: index.reader()?,
            index: index.clone(),
            fields,
            parser,
        })
    }

    /// Parses `query` (tantivy syntax, dates as `YYYY-MM-DD`).
    pub fn parse(&self, query: &str) -> Result<Box<dyn Query>, QueryError> {
        if let Some(cause) = shape_error(query) {
            return Err(QueryError::Malformed {
                query: query.to_string(),
                cause,
            });
        }
        let normalised = normalise_dates(query);
        self.parser.parse_query(&normalised).map_err(|e| match e {
            QueryParserError::FieldDoesNotExist(field) => QueryError::UnknownField { field },
            other => QueryError::Malformed {
                query: query.to_string(),
                cause: cause_of(&other),
            },
        })
    }

    /// The `limit` best hits of `query`, with their snippets.
    ///
    /// A query that only filters (no word of the title or text: `*`, `--supplier tieto`)
    /// ranks nothing, so its hits come newest first by `date`, undated last.
    pub fn search(&self, query: &dyn Query, limit: usize) -> anyhow::Result<Results> {
        let searcher = self.reader.searcher();
        let top_docs = TopDocs::with_limit(limit.max(1));
        let (top, total) = if self.only_filters(query) {
            let (top, total) = searcher.search(query, &(top_docs.tweak_score(newest), Count))?;
            let top: Vec<(f32, tantivy::DocAddress)> = top
                .into_iter()
                .map(|((_, score), addr)| (score, addr))
                .collect();
            (top, total)
        } else {
            searcher.search(query, &(top_docs.order_by_score(), Count))?
        };
        let hits = self.hits(&searcher, query, top.into_iter().take(limit), 0)?;
        Ok(Results { hits, total })
    }

    /// Whether `query` names no word of the title or the text.
    fn only_filters(&self, query: &dyn Query) -> bool {
        let mut words = false;
        query.query_terms(&mut |term, _| {
            words |= term.field() == self.fields.title || term.field() == self.fields.body;
        });
        !words
    }

    /// One page of hits, `limit` from rank `offset + 1` on, and what `extra` collects over
    /// every matching document in the same pass (facet counts, say).
    pub fn search_page<C: tantivy::collector::Collector>(
        &self,
        query: &dyn Query,
        offset: usize,
        limit: usize,
        extra: C,
    ) -> anyhow::Result<(Results, C::Fruit)> {
        let searcher = self.reader.searcher();
        let top_docs = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_score();
        let (top, total, fruit) = searcher.search(query, &(top_docs, Count, extra))?;
        let hits = self.hits(&searcher, query, top.into_iter().take(limit), offset)?;
        Ok((Results { hits, total }, fruit))
    }

    /// The hits of `top` with their records and snippets, ranked from `offset + 1`.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        top: impl Iterator<Item = (f32, tantivy::DocAddress)>,
        offset: usize,
    ) -> anyhow::Result<Vec<Hit>> {
        let snippets = snippet::Snippets::new(searcher, query, self.fields.body)?;
        let mut hits = Vec::new();
        for (i, (score, addr)) in top.enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let record = record_of(&self.fields, &doc)?;
            let body = body_of(&self.fields, &doc);
            hits.push(Hit {
                rank: offset + i + 1,
                score,
                heading: heading(&record, &body),
                snippet: snippets.of(&body),
                record,
            });
        }
        Ok(hits)
    }

    /// The reader's current snapshot of the index (new commits show up by themselves:
    /// the reader reloads when an import commits).
    pub fn snapshot(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The fields of the index's schema.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The records whose id starts with `prefix` (at most `limit`).
    pub fn by_id_prefix(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<IncidentRecord>> {
        let prefix = prefix.to_ascii_lowercase();
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(Vec::new());
        }
        let query = tantivy::query::RegexQuery::from_pattern(
            &format!("{prefix}[0-9a-f]*"),
            self.fields.id,
        )?;
        self.records(&query, limit)
    }

    /// The heading search prints for the record with id `id` (its title, else the first
    /// line of its text; see [`heading`]), so `show` names a record as its hit does.
    pub fn heading_of(&self, id: &str) -> anyhow::Result<Option<String>> {
        let searcher = self.reader.searcher();
        let term = tantivy::Term::from_field_text(self.fields.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let record = record_of(&self.fields, &doc)?;
        Ok(Some(heading(&record, &body_of(&self.fields, &doc))))
    }

    /// The records stored at `path` (as `source` or in `also_at`).
    pub fn by_path(&self, path: &str, limit: usize) -> anyhow::Result<Vec<IncidentRecord>> {
        let term = tantivy::Term::from_field_text(self.fields.path, path);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        self.records(&query, limit)
    }

    /// The records with a path (source or `also_at`) whose file name is `name`.
    pub fn by_file_name(&self, name: &str, limit: usize) -> anyhow::Result<Vec<IncidentRecord>> {
        let pattern = format!("(.*/)?{}", regex_syntax::escape(name));
        let query = tantivy::query::RegexQuery::from_pattern(&pattern, self.fields.path)?;
        self.records(&query, limit)
    }

    fn records(&self, query: &dyn Query, limit: usize) -> anyhow::Result<Vec<IncidentRecord>> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        top.into_iter()
            .map(|(_, addr)| record_of(&self.fields, &searcher.doc::<TantivyDocument>(addr)?))
            .collect()
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// The sort key of a hit newest first: its `date` (undated documents get the smallest
/// key, so they come last), then its score.
fn newest(segment: &tantivy::SegmentReader) -> impl Fn(tantivy::DocId, f32) -> (i64, f32) + use<> {
    let dates = segment
        .fast_fields()
        .column_opt::<tantivy::DateTime>(schema::DATE)
        .ok()
        .flatten();
    move |doc, score| {
        let date = dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map_or(i64::MIN, |d| d.into_timestamp_secs());
        (date, score)
    }
}

/// The title, else the first line of the text with some letters, on one line.
pub fn heading(record: &IncidentRecord, body: &str) -> String {
    heading_text(record.title.as_deref(), body)
}

/// [`heading`] from a stored title and text.
pub fn heading_text(title: Option<&str>, body: &str) -> String {
    let line = title.unwrap_or_else(|| {
        body.lines()
            .map(str::trim)
            .find(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .unwrap_or("(no title)")
    });
    crate::shorten::shorten(line, 100)
}

/// tantivy's parse error as a short cause.
fn cause_of(e: &QueryParserError) -> String {
    match e {
        QueryParserError::SyntaxError(_) => {
            "syntax error (check quotes, brackets and field:value pairs; put a phrase with \
             a colon in double quotes)"
                .to_string()
        }
        QueryParserError::ExpectedInt(_) | QueryParserError::ExpectedFloat(_) => {
            "a number field needs a number, e.g. notification_days:[4 TO *]".to_string()
        }
        QueryParserError::ExpectedBool(_) => {
            "a yes/no field needs true or false, e.g. supplier_involved:true".to_string()
        }
        QueryParserError::DateFormatError(_) => {
            "a date field needs a date as YYYY-MM-DD, e.g. discovered:[2019-01-01 TO *]".to_string()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_on_date_fields_get_a_time_and_free_text_dates_do_not() {
        assert_eq!(
            normalise_dates("discovered:[2019-01-01 TO *] 2019-03-08"),
            "discovered:[2019-01-01T00:00:00Z TO *] 2019-03-08"
        );
        assert_eq!(
            normalise_dates("date:2019 AND x:2019"),
            "date:[2019-01-01T00:00:00Z TO 2020-01-01T00:00:00Z} AND x:2019"
        );
        assert_eq!(
            normalise_dates("authority_notified:2021-04-16"),
            "authority_notified:2021-04-16T00:00:00Z"
        );
    }

    #[test]
    fn filters_become_clauses_anded_to_the_query() {
        let f = Filters {
            supplier: Some("Telia \"AB\"".into()),
            late: true,
            min_delay: Some(4),
            from: NaiveDate::from_ymd_opt(2019, 1, 1),
            ..Filters::default()
        };
        assert_eq!(
            combine("läcka OR intrång", &f),
            "(läcka OR intrång) AND (supplier:\"Telia \\\"AB\\\"\") AND late_notification:true \
             AND notification_days:[4 TO *] AND date:[2019-01-01 TO *]"
        );
        assert_eq!(combine(" ", &Filters::default()), "*");
    }

    #[test]
    fn names_in_a_query_are_searched_in_every_form() {
        assert_eq!(
            normalise_names("supplier:tieto AND x"),
            "(supplier:\"tieto\" OR supplier:\"Tietoevry\" OR supplier:\"tietos\") AND x"
        );
        assert_eq!(normalise_names("body:tieto"), "body:tieto");
    }

    #[test]
    fn shape_errors_say_what_is_wrong() {
        assert!(
            shape_error("\"fel mottagare")
                .unwrap()
                .contains("unbalanced quote")
        );
        assert_eq!(shape_error("\"a (b\""), None);
        assert!(
            shape_error("date:2019-13-45")
                .unwrap()
                .contains("not a date")
        );
        assert!(shape_error("(a OR b").unwrap().contains("never closed"));
        assert_eq!(shape_error("date:[2019-03-08 TO *] AND (a OR b)"), None);
    }
}
