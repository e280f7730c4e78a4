//! The state of the search and statistics pages, as it stands in the URL: the query, the
//! filters and the page number. Turns into the query text the CLI would run
//! ([`crate::index::search::combine`]) and back into links.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Failure;
use crate::index::schema;
use crate::index::search::{self, Filters, quoted};

/// `?q=…&supplier=…&organisation=…&authority=…&type=…&involved=…&late=…&year=…&from=…&to=…&page=…`.
/// Empty values (a form's blank fields) count as absent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Params {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// `true` or `false`: a supplier was (not) involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub involved: Option<String>,
    /// `true` or `false`: the report came (not) later than 72 hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late: Option<String>,
    /// The incident's year (`year`, as `incidex stats` counts it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    /// First known date from (YYYY-MM-DD), as `--from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The page of hits, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// A filter the pages can set and clear, by its URL key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Supplier,
    Organisation,
    Authority,
    DocType,
    Involved,
    Late,
    Year,
    From,
    To,
}

impl Key {
    pub const ALL: [Key; 9] = [
        Key::Supplier,
        Key::Organisation,
        Key::Authority,
        Key::DocType,
        Key::Involved,
        Key::Late,
        Key::Year,
        Key::From,
        Key::To,
    ];

    /// The name in the URL.
    pub fn name(self) -> &'static str {
        match self {
            Key::Supplier => "supplier",
            Key::Organisation => "organisation",
            Key::Authority => "authority",
            Key::DocType => "type",
            Key::Involved => "involved",
            Key::Late => "late",
            Key::Year => "year",
            Key::From => "from",
            Key::To => "to",
        }
    }

    /// How the pages call it.
    pub fn label(self) -> &'static str {
        match self {
            Key::Supplier => "Supplier",
            Key::Organisation => "Organisation",
            Key::Authority => "Authority",
            Key::DocType => "Document type",
            Key::Involved => "Supplier involved",
            Key::Late => "Late notification",
            Key::Year => "Year",
            Key::From => "From",
            Key::To => "To",
        }
    }
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Params {
    fn slot(&mut self, key: Key) -> &mut Option<String> {
        match key {
            Key::Supplier => &mut self.supplier,
            Key::Organisation => &mut self.organisation,
            Key::Authority => &mut self.authority,
            Key::DocType => &mut self.doc_type,
            Key::Involved => &mut self.involved,
            Key::Late => &mut self.late,
            Key::Year => &mut self.year,
            Key::From => &mut self.from,
            Key::To => &mut self.to,
        }
    }

    /// The value of a filter, when set.
    pub fn get(&self, key: Key) -> Option<&str> {
        given(match key {
            Key::Supplier => &self.supplier,
            Key::Organisation => &self.organisation,
            Key::Authority => &self.authority,
            Key::DocType => &self.doc_type,
            Key::Involved => &self.involved,
            Key::Late => &self.late,
            Key::Year => &self.year,
            Key::From => &self.from,
            Key::To => &self.to,
        })
    }

    /// These parameters with one filter set (or cleared with `None`), back on page 1.
    pub fn with(&self, key: Key, value: Option<&str>) -> Params {
        let mut p = self.clone();
        *p.slot(key) = value.map(String::from);
        p.page = None;
        p
    }

    /// These parameters on another page.
    pub fn on_page(&self, page: usize) -> Params {
        let mut p = self.clone();
        p.page = (page > 1).then(|| page.to_string());
        p
    }

    /// The page number asked for (1 when absent or not a number).
    pub fn page(&self) -> usize {
        given(&self.page)
            .and_then(|p| p.parse().ok())
            .filter(|&p| p >= 1)
            .unwrap_or(1)
    }

    /// `path?…` with the set parameters, blank ones left out.
    pub fn url(&self, path: &str) -> String {
        let mut clean = self.clone();
        for key in Key::ALL {
            let value = clean.get(key).map(String::from);
            *clean.slot(key) = value;
        }
        clean.q = clean.q.trim().to_string();
        let query = serde_urlencoded::to_string(&clean).unwrap_or_default();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }

    /// The query text the CLI would run: the query and every filter, ANDed.
    pub fn query_text(&self) -> Result<String, Failure> {
        let date = |key: Key| -> Result<Option<NaiveDate>, Failure> {
            self.get(key)
                .map(|s| {
                    s.parse().map_err(|_| {
                        Failure::BadQuery(format!(
                            "{}: `{s}` is not a date; write it as YYYY-MM-DD",
                            key.name()
                        ))
                    })
                })
                .transpose()
        };
        let flag = |key: Key| -> Result<Option<bool>, Failure> {
            self.get(key)
                .map(|s| match s {
                    "true" | "yes" => Ok(true),
                    "false" | "no" => Ok(false),
                    _ => Err(Failure::BadQuery(format!(
                        "{}: `{s}` is neither true nor false",
                        key.name()
                    ))),
                })
                .transpose()
        };
        let filters = Filters {
            supplier: self.get(Key::Supplier).map(String::from),
            organisation: self.get(Key::Organisation).map(String::from),
            late: false,
            min_delay: None,
            from: date(Key::From)?,
            to: date(Key::To)?,
            doc_type: self.get(Key::DocType).map(String::from),
        };
        let mut clauses = Vec::new();
        let base = search::combine(&self.q, &filters);
        if base != "*" {
            clauses.push(base);
        }
        if let Some(a) = self.get(Key::Authority) {
            clauses.push(format!("{}:{}", schema::AUTHORITY, quoted(a)));
        }
        if let Some(b) = flag(Key::Involved)? {
            clauses.push(format!("{}:{b}", schema::SUPPLIER_INVOLVED));
        }
        if let Some(b) = flag(Key::Late)? {
            clauses.push(format!("{}:{b}", schema::LATE_NOTIFICATION));
        }
        if let Some(y) = self.get(Key::Year) {
            let year: i64 = y
                .parse()
                .map_err(|_| Failure::BadQuery(format!("year: `{y}` is not a year like 2019")))?;
            clauses.push(format!("{}:{year}", schema::YEAR));
        }
        Ok(if clauses.is_empty() {
            "*".to_string()
        } else {
            clauses.join(" AND ")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(url_query: &str) -> Params {
        serde_urlencoded::from_str(url_query).unwrap()
    }

    #[test]
    fn filters_join_the_query_as_the_cli_joins_them() {
        let p = params(
            "q=l%C3%A4cka&supplier=Tieto&involved=true&late=false&year=2019&from=2019-01-01",
        );
        assert_eq!(
            p.query_text().unwrap(),
            "(läcka) AND (supplier:\"Tieto\" OR supplier:\"Tietoevry\" OR supplier:\"Tietos\") \
             AND date:[2019-01-01 TO *] AND supplier_involved:true AND late_notification:false \
             AND year:2019"
        );
        assert_eq!(params("q=&supplier=&to=").query_text().unwrap(), "*");
    }

    #[test]
    fn a_bad_date_or_flag_says_which_parameter() {
        let err = params("from=2019-13-45").query_text().unwrap_err();
        assert!(matches!(err, Failure::BadQuery(m) if m.starts_with("from:")));
        let err = params("late=maybe").query_text().unwrap_err();
        assert!(matches!(err, Failure::BadQuery(m) if m.starts_with("late:")));
    }

    #[test]
    fn links_keep_the_state_and_drop_blanks() {
        let p = params("q=leverant%C3%B6r&supplier=&late=true&page=3");
        assert_eq!(
            p.url("/search"),
            "/search?q=leverant%C3%B6r&late=true&page=3"
        );
        assert_eq!(
            p.with(Key::Supplier, Some("Telia & Co")).url("/search"),
            "/search?q=leverant%C3%B6r&supplier=Telia+%26+Co&late=true"
        );
        assert_eq!(
            p.with(Key::Late, None).on_page(2).url("/stats"),
            "/stats?q=leverant%C3%B6r&page=2"
        );
        assert_eq!(p.page(), 3);
        assert_eq!(params("page=x").page(), 1);
    }
}
