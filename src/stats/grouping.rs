//! Grouping documents into incidents: a news article and the authority's form about the
//! same supplier failure are one incident, not two.
//!
//! # The rule
//!
//! Each document has a *span*: from the earliest to the latest of its `incident_start`,
//! `incident_end`, `discovered`, `controller_informed` and `authority_notified` dates.
//! Two documents are about the same incident when
//!
//! 1. they name a common organisation or supplier (compared case-folded, white space
//!    collapsed; an organisation in one and a supplier of the same name in the other
//!    counts), and
//! 2. their spans overlap or lie at most [`NEAR_DAYS`] days apart.
//!
//! The relation is closed transitively (A with B and B with C make one incident of all
//! three). A document without any date joins the incident its names lead to when they
//! lead to exactly one; else, like a document without any organisation or supplier, it
//! is an incident of its own. An incident's people affected are the largest count its
//! documents give, never their sum.
//!
//! # How
//!
//! [`GroupingCollector`] runs beside the aggregations under the same query and reads only
//! fast fields (dates, `year`, `supplier_involved`, the raw `organisation` and `supplier`
//! columns): no stored document is loaded. For each name, the documents naming it are
//! sorted by span start and swept once, joining each to the running group while it starts
//! within [`NEAR_DAYS`] of the group's end (union-find). Cost: O(n log n) in the matched
//! documents.

use std::collections::HashMap;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema;

/// Spans this many days apart or closer belong to one incident (given a common name).
pub const NEAR_DAYS: i32 = 30;

/// The dates that make up a document's span.
const SPAN_FIELDS: &[&str] = &[
    schema::INCIDENT_START,
    schema::INCIDENT_END,
    schema::DISCOVERED,
    schema::CONTROLLER_INFORMED,
    schema::AUTHORITY_NOTIFIED,
];

/// The rule of this module in words, for `incidex stats --explain` and the report.
pub fn rule_in_words() -> String {
    format!(
        "How documents are grouped into incidents:
1. Files that load to the same text (a .txt with its .html and .pdf copies) are one
   document, its other files listed as \"also at\".
2. Two documents are one incident when they name a common organisation or supplier
   (case and spacing ignored) and their dates (from the incident's start to the report
   to the authority) overlap or lie at most {NEAR_DAYS} days apart; and so on, transitively.
3. A document without dates joins the one incident its names lead to; where they lead
   to several or none, it is an incident of its own, as is a document without names.
Event words are not compared: two different breaches at one supplier within {NEAR_DAYS} days
are one incident."
    )
}

/// The vocabulary and authority columns read beside the names, so that `--by` rows can
/// count incidents and their people (not documents) under each value.
pub const LABEL_FIELDS: &[&str] = &[
    schema::AUTHORITY,
    schema::CAUSE,
    schema::BREACH_TYPE,
    schema::DOC_TYPE,
];

/// What the grouping knows of one document, from fast fields.
#[derive(Debug, Clone)]
pub struct DocFacts {
    pub address: DocAddress,
    /// First and last day of the span, in days since 1970-01-01.
    pub span: Option<(i32, i32)>,
    pub year: Option<i64>,
    pub supplier_involved: bool,
    /// People affected (the upper bound), where the document says.
    pub affected: Option<u64>,
    /// Indexes into [`Facts::names`].
    pub organisations: Vec<u32>,
    pub suppliers: Vec<u32>,
    /// Per field of [`LABEL_FIELDS`], indexes into [`Facts::names`].
    pub labels: Vec<Vec<u32>>,
}

/// The facts of every matched document, names interned.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub docs: Vec<DocFacts>,
    /// Names as indexed (original case).
    pub names: Vec<String>,
}

/// Why a document is in its incident: the first link that joined it to the others.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Join {
    /// The document that joined, and the one it joined: positions in
    /// [`Incident::documents`] (the first [`super::MEMBERS_LISTED`] are listed).
    pub document: usize,
    pub joined: usize,
    /// The organisation or supplier both name (case and spacing folded).
    pub name: String,
    /// Days from the end of the other's dates to the start of its own (0: they overlap);
    /// none when the document has no dates and its names lead to this incident only.
    pub days_apart: Option<i32>,
}

/// A join as found, by document index into [`Facts::docs`].
struct Link {
    document: usize,
    joined: usize,
    name: String,
    days_apart: Option<i32>,
}

/// One incident: a group of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub documents: Vec<DocAddress>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// The earliest `year` of its documents.
    pub year: Option<i64>,
    pub supplier_involved: bool,
    /// People affected: the largest count any of its documents gives (three reports
    /// of one breach of 500 people are 500 people, not 1,500).
    pub affected: Option<u64>,
    /// Names as indexed, sorted, each once.
    pub organisations: Vec<String>,
    pub suppliers: Vec<String>,
    /// Per field of [`LABEL_FIELDS`], the values its documents have, sorted, each once.
    pub labels: Vec<Vec<String>>,
    /// How its documents were joined: one per document after the first.
    pub joins: Vec<Join>,
}

/// Collects [`Facts`] of the matched documents from fast fields.
pub struct GroupingCollector;

pub struct SegmentFacts {
    segment: SegmentOrdinal,
    dates: Vec<Column<tantivy::DateTime>>,
    year: Option<Column<i64>>,
    supplier_involved: Option<Column<bool>>,
    affected: Option<Column<u64>>,
    organisation: Option<StrColumn>,
    supplier: Option<StrColumn>,
    labels: Vec<Option<StrColumn>>,
    docs: Vec<SegmentDoc>,
}

pub struct SegmentDoc {
    doc: DocId,
    span: Option<(i32, i32)>,
    year: Option<i64>,
    supplier_involved: bool,
    affected: Option<u64>,
    organisations: Vec<u64>,
    suppliers: Vec<u64>,
    labels: Vec<Vec<u64>>,
}

/// A segment's harvest: its documents with term ordinals, and the names of those ordinals.
pub struct SegmentFruit {
    segment: SegmentOrdinal,
    docs: Vec<SegmentDoc>,
    organisation_names: HashMap<u64, String>,
    supplier_names: HashMap<u64, String>,
    label_names: Vec<HashMap<u64, String>>,
}

fn day_of(date: tantivy::DateTime) -> i32 {
    date.into_timestamp_secs().div_euclid(86_400) as i32
}

/// The calendar day of a day number.
pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a date")
        + chrono::TimeDelta::days(day.into())
}

impl Collector for GroupingCollector {
    type Fruit = Facts;
    type Child = SegmentFacts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacts> {
        let fast = reader.fast_fields();
        let mut dates = Vec::new();
        for field in SPAN_FIELDS {
            if let Some(column) = fast.column_opt(field)? {
                dates.push(column);
            }
        }
        Ok(SegmentFacts {
            segment,
            dates,
            year: fast.column_opt(schema::YEAR)?,
            supplier_involved: fast.column_opt(schema::SUPPLIER_INVOLVED)?,
            affected: fast.column_opt(schema::AFFECTED)?,
            organisation: fast.str(schema::ORGANISATION)?,
            supplier: fast.str(schema::SUPPLIER)?,
            labels: LABEL_FIELDS
                .iter()
                .map(|field| fast.str(field))
                .collect::<tantivy::Result<_>>()?,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Facts> {
        let mut facts = Facts::default();
        let mut interned: HashMap<String, u32> = HashMap::new();
        let mut intern = |name: &String, names: &mut Vec<String>| -> u32 {
            *interned.entry(name.clone()).or_insert_with(|| {
                names.push(name.clone());
                (names.len() - 1) as u32
            })
        };
        for fruit in fruits {
            let mut organisation_ids = HashMap::new();
            for (ord, name) in &fruit.organisation_names {
                organisation_ids.insert(*ord, intern(name, &mut facts.names));
            }
            let mut supplier_ids = HashMap::new();
            for (ord, name) in &fruit.supplier_names {
                supplier_ids.insert(*ord, intern(name, &mut facts.names));
            }
            let label_ids: Vec<HashMap<u64, u32>> = fruit
                .label_names
                .iter()
                .map(|names| {
                    names
                        .iter()
                        .map(|(ord, name)| (*ord, intern(name, &mut facts.names)))
                        .collect()
                })
                .collect();
            for doc in fruit.docs {
                facts.docs.push(DocFacts {
                    address: DocAddress::new(fruit.segment, doc.doc),
                    span: doc.span,
                    year: doc.year,
                    supplier_involved: doc.supplier_involved,
                    affected: doc.affected,
                    organisations: doc
                        .organisations
                        .iter()
                        .map(|o| organisation_ids[o])
                        .collect(),
                    suppliers: doc.suppliers.iter().map(|o| supplier_ids[o]).collect(),
                    labels: doc
                        .labels
                        .iter()
                        .zip(&label_ids)
                        .map(|(ords, ids)| ords.iter().map(|o| ids[o]).collect())
                        .collect(),
                });
            }
        }
        Ok(facts)
    }
}

impl SegmentCollector for SegmentFacts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let mut span: Option<(i32, i32)> = None;
        for column in &self.dates {
            for date in column.values_for_doc(doc) {
                let day = day_of(date);
                span = Some(match span {
                    None => (day, day),
                    Some((a, b)) => (a.min(day), b.max(day)),
                });
            }
        }
        let ords = |column: &Option<StrColumn>| -> Vec<u64> {
            column
                .as_ref()
                .map(|c| c.term_ords(doc).collect())
                .unwrap_or_default()
        };
        self.docs.push(SegmentDoc {
            doc,
            span,
            year: self.year.as_ref().and_then(|c| c.first(doc)),
            supplier_involved: self
                .supplier_involved
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(false),
            affected: self.affected.as_ref().and_then(|c| c.first(doc)),
            organisations: ords(&self.organisation),
            suppliers: ords(&self.supplier),
            labels: self.labels.iter().map(ords).collect(),
        });
    }

    fn harvest(self) -> SegmentFruit {
        let names = |column: &Option<StrColumn>, pick: &dyn Fn(&SegmentDoc) -> &[u64]| {
            let mut out = HashMap::new();
            let Some(column) = column else { return out };
            for doc in &self.docs {
                for &ord in pick(doc) {
                    out.entry(ord).or_insert_with(|| {
                        let mut name = String::new();
                        // An ordinal from this very column always has a term.
                        let _ = column.ord_to_str(ord, &mut name);
                        name
                    });
                }
            }
            out
        };
        let organisation_names = names(&self.organisation, &|d| &d.organisations);
        let supplier_names = names(&self.supplier, &|d| &d.suppliers);
        let label_names = (0..self.labels.len())
            .map(|i| names(&self.labels[i], &|d| &d.labels[i]))
            .collect();
        SegmentFruit {
            segment: self.segment,
            docs: self.docs,
            organisation_names,
            supplier_names,
            label_names,
        }
    }
}

/// The key names are compared by: case-folded, white space collapsed.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Union-find over document indexes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`; false when they were one already.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
        a != b
    }
}

/// Groups the documents of `facts` into incidents by the rule of this module, largest
/// first: most people affected (incidents without a count after those with one), then
/// most documents, then by first date (undated last), then by first document.
pub fn group(facts: &Facts) -> Vec<Incident> {
    let n = facts.docs.len();
    let mut sets = Sets((0..n).collect());
    // For each name key, the dated documents naming it.
    let keys: Vec<String> = facts.names.iter().map(|n| name_key(n)).collect();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, doc) in facts.docs.iter().enumerate() {
        if doc.span.is_none() {
            continue;
        }
        let mut names: Vec<u32> = doc
            .organisations
            .iter()
            .chain(&doc.suppliers)
            .copied()
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut seen: Vec<&str> = Vec::new();
        for name in names {
            let key = keys[name as usize].as_str();
            if !seen.contains(&key) {
                seen.push(key);
                by_key.entry(key).or_default().push(i);
            }
        }
    }
    let mut links = Vec::new();
    // Names in a fixed order, so the reasons given are the same on every run.
    let mut by_key_sorted: Vec<(&&str, &mut Vec<usize>)> = by_key.iter_mut().collect();
    by_key_sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (key, docs) in by_key_sorted {
        docs.sort_by_key(|&i| facts.docs[i].span);
        // The running group: the document that ends last, and its end.
        let mut group: Option<(usize, i32)> = None;
        for &i in docs.iter() {
            let (start, end) = facts.docs[i].span.expect("only dated documents are keyed");
            group = match group {
                Some((last, group_end)) if start <= group_end.saturating_add(NEAR_DAYS) => {
                    if sets.union(last, i) {
                        links.push(Link {
                            document: i,
                            joined: last,
                            name: key.to_string(),
                            days_apart: Some((start - group_end).max(0)),
                        });
                    }
                    Some(if end > group_end {
                        (i, end)
                    } else {
                        (last, group_end)
                    })
                }
                _ => Some((i, end)),
            };
        }
    }
    join_undated(facts, &keys, &by_key, &mut sets, &mut links);
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let root = sets.find(i);
        members.entry(root).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = members.into_values().collect();
    // Each link under its incident, by positions in it.
    let mut at: HashMap<usize, (usize, usize)> = HashMap::new();
    for (n, docs) in groups.iter().enumerate() {
        for (position, &i) in docs.iter().enumerate() {
            at.insert(i, (n, position));
        }
    }
    let mut incidents: Vec<(usize, Incident)> = groups
        .iter()
        .map(|docs| (docs[0], incident_of(facts, docs)))
        .collect();
    // A name key shown as the index writes the name.
    let mut shown: HashMap<&str, &str> = HashMap::new();
    for (key, name) in keys.iter().zip(&facts.names) {
        shown.entry(key.as_str()).or_insert(name.as_str());
    }
    for link in links {
        let (n, document) = at[&link.document];
        let (_, joined) = at[&link.joined];
        incidents[n].1.joins.push(Join {
            document,
            joined,
            name: shown
                .get(link.name.as_str())
                .map_or(link.name.clone(), |n| n.to_string()),
            days_apart: link.days_apart,
        });
    }
    for (_, incident) in &mut incidents {
        incident.joins.sort_by_key(|j| j.document);
    }
    incidents.sort_by(|(a_first, a), (b_first, b)| {
        b.affected
            .cmp(&a.affected)
            .then_with(|| b.documents.len().cmp(&a.documents.len()))
            .then_with(|| match (a.first, b.first) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a_first.cmp(b_first))
    });
    incidents
        .into_iter()
        .map(|(_, incident)| incident)
        .collect()
}

/// A document without dates joins the incident of the dated documents that share a
/// name with it, when they all belong to one incident: a follow-up article on "the
/// breach at the supplier" without a date of its own. Where the names lead to several
/// incidents, or to none, it stays an incident of its own.
fn join_undated(
    facts: &Facts,
    keys: &[String],
    by_key: &HashMap<&str, Vec<usize>>,
    sets: &mut Sets,
    links: &mut Vec<Link>,
) {
    for (i, doc) in facts.docs.iter().enumerate() {
        if doc.span.is_some() {
            continue;
        }
        let mut reached: Vec<(usize, usize, &str)> = doc
            .organisations
            .iter()
            .chain(&doc.suppliers)
            .filter_map(|&name| {
                let key = keys[name as usize].as_str();
                by_key.get(key).map(|docs| (key, docs))
            })
            .flat_map(|(key, docs)| docs.iter().map(move |&j| (j, key)))
            .map(|(j, key)| (sets.find(j), j, key))
            .collect();
        reached.sort_unstable();
        let mut roots: Vec<usize> = reached.iter().map(|r| r.0).collect();
        roots.dedup();
        if let ([root], Some(&(_, joined, name))) = (&roots[..], reached.first())
            && sets.union(*root, i)
        {
            links.push(Link {
                document: i,
                joined,
                name: name.to_string(),
                days_apart: None,
            });
        }
    }
}

fn incident_of(facts: &Facts, docs: &[usize]) -> Incident {
    let members: Vec<&DocFacts> = docs.iter().map(|&i| &facts.docs[i]).collect();
    let names = |pick: &dyn Fn(&DocFacts) -> &[u32]| {
        let mut v: Vec<String> = members
            .iter()
            .flat_map(|d| pick(d))
            .map(|&n| facts.names[n as usize].clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    Incident {
        documents: members.iter().map(|d| d.address).collect(),
        first: members
            .iter()
            .filter_map(|d| d.span)
            .map(|s| s.0)
            .min()
            .map(date_of),
        last: members
            .iter()
            .filter_map(|d| d.span)
            .map(|s| s.1)
            .max()
            .map(date_of),
        year: members.iter().filter_map(|d| d.year).min(),
        supplier_involved: members.iter().any(|d| d.supplier_involved),
        affected: members.iter().filter_map(|d| d.affected).max(),
        organisations: names(&|d| &d.organisations),
        suppliers: names(&|d| &d.suppliers),
        labels: (0..LABEL_FIELDS.len())
            .map(|i| names(&|d| d.labels.get(i).map_or(&[], Vec::as_slice)))
            .collect(),
        joins: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i32 {
        let date: NaiveDate = s.parse().unwrap();
        (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
    }

    /// A document naming `organisations` and `suppliers` (indexes into the names) over
    /// the span `from`..`to`.
    fn doc(
        i: u32,
        span: Option<(&str, &str)>,
        organisations: &[u32],
        suppliers: &[u32],
    ) -> DocFacts {
        DocFacts {
            address: DocAddress::new(0, i),
            span: span.map(|(a, b)| (day(a), day(b))),
            year: span.map(|(a, _)| a[..4].parse().unwrap()),
            supplier_involved: !suppliers.is_empty(),
            affected: None,
            organisations: organisations.to_vec(),
            suppliers: suppliers.to_vec(),
            labels: Vec::new(),
        }
    }

    fn facts(docs: Vec<DocFacts>) -> Facts {
        Facts {
            docs,
            names: ["Umeå kommun", "Tieto", "TIETO ", "Region Skåne"]
                .map(String::from)
                .to_vec(),
        }
    }

    fn sizes(incidents: &[Incident]) -> Vec<usize> {
        incidents.iter().map(|i| i.documents.len()).collect()
    }

    #[test]
    fn a_common_supplier_in_any_case_and_overlapping_dates_make_one_incident() {
        let f = facts(vec![
            doc(0, Some(("2020-03-01", "2020-03-05")), &[0], &[1]),
            doc(1, Some(("2020-03-04", "2020-03-20")), &[3], &[2]),
        ]);
        let incidents = group(&f);
        assert_eq!(sizes(&incidents), [2]);
        assert_eq!(incidents[0].organisations, ["Region Skåne", "Umeå kommun"]);
        assert_eq!(incidents[0].first, "2020-03-01".parse().ok());
        assert_eq!(incidents[0].last, "2020-03-20".parse().ok());
    }

    #[test]
    fn near_dates_join_and_far_dates_do_not() {
        let f = facts(vec![
            doc(0, Some(("2020-03-01", "2020-03-01")), &[0], &[]),
            doc(1, Some(("2020-03-31", "2020-03-31")), &[0], &[]),
            doc(2, Some(("2020-05-15", "2020-05-15")), &[0], &[]),
        ]);
        assert_eq!(sizes(&group(&f)), [2, 1]);
    }

    #[test]
    fn chains_close_transitively_through_organisation_and_supplier() {
        // 0 and 1 share Umeå kommun, 1 and 2 share Tieto: one incident.
        let f = facts(vec![
            doc(0, Some(("2021-01-10", "2021-01-12")), &[0], &[]),
            doc(1, Some(("2021-01-11", "2021-01-15")), &[0], &[1]),
            doc(2, Some(("2021-01-20", "2021-01-20")), &[3], &[1]),
        ]);
        assert_eq!(sizes(&group(&f)), [3]);
    }

    #[test]
    fn an_undated_document_joins_the_one_incident_its_names_lead_to() {
        let f = facts(vec![
            doc(0, Some(("2021-01-10", "2021-01-12")), &[0], &[1]),
            doc(1, Some(("2021-01-11", "2021-01-15")), &[0], &[]),
            doc(2, None, &[], &[2]),
            // Umeå kommun leads to two incidents (0-1 and 4): this one stays alone.
            doc(3, None, &[0], &[]),
            doc(4, Some(("2023-06-01", "2023-06-01")), &[0], &[]),
        ]);
        assert_eq!(sizes(&group(&f)), [3, 1, 1]);
    }

    #[test]
    fn each_joined_document_says_through_which_name_and_how_far_apart() {
        let f = facts(vec![
            doc(0, Some(("2021-01-10", "2021-01-12")), &[0], &[]),
            doc(1, Some(("2021-01-20", "2021-01-21")), &[0], &[]),
            doc(2, None, &[], &[1]),
            doc(3, Some(("2021-01-11", "2021-01-11")), &[], &[2]),
        ]);
        let incidents = group(&f);
        type Why<'a> = (usize, usize, &'a str, Option<i32>);
        let joins: Vec<Vec<Why>> = incidents
            .iter()
            .map(|i| {
                i.joins
                    .iter()
                    .map(|j| (j.document, j.joined, j.name.as_str(), j.days_apart))
                    .collect()
            })
            .collect();
        assert_eq!(
            joins,
            [
                vec![(1, 0, "Umeå kommun", Some(8))],
                // Documents in index order: the undated one first, joining the other.
                vec![(0, 1, "Tieto", None)],
            ]
        );
    }

    #[test]
    fn undated_or_unnamed_documents_stand_alone() {
        let f = facts(vec![
            doc(0, None, &[0], &[]),
            doc(1, None, &[0], &[]),
            doc(2, Some(("2021-01-10", "2021-01-12")), &[], &[]),
            doc(3, Some(("2021-01-10", "2021-01-12")), &[], &[]),
        ]);
        assert_eq!(sizes(&group(&f)), [1, 1, 1, 1]);
    }

    #[test]
    fn name_keys_fold_case_and_space() {
        assert_eq!(
            name_key("  Telia   Company AB"),
            name_key("telia company ab")
        );
    }
}
