//! `incidex stats` on an index of `corpus/`: every figure checked against the same figure
//! computed here from `incidex extract --json corpus` (the records the index stores), and
//! the grouping of two documents about one incident.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde_json::Value;

use crate::ingest::{assert_status, incidex, ingest, stderr, stdout};

/// An index of `corpus/`, built once per test run.
fn corpus_index() -> &'static str {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stats-corpus-index");
            let _ = std::fs::remove_dir_all(&dir);
            ingest(&dir, &["corpus"], 0);
            dir
        })
        .to_str()
        .unwrap()
}

/// The records of `incidex extract --json PATH`.
fn extract(path: &str) -> Vec<Value> {
    let o = incidex(&["extract", "--json", path]);
    assert_status(&o, 0);
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The records of the corpus's documents: its texts (its PDFs are copies of them, one
/// document each in the index).
fn corpus_records() -> Vec<Value> {
    crate::util::seed_texts()
        .iter()
        .flat_map(|p| {
            extract(&format!(
                "corpus/{}",
                p.file_name().unwrap().to_string_lossy()
            ))
        })
        .map(crate::util::with_canonical_names)
        .collect()
}

/// `incidex stats --format json ARGS` as one object.
fn stats_json(index: &str, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--format", "json", "--index", index];
    all.extend_from_slice(args);
    let o = incidex(&all);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "stats {args:?} failed\n{}",
        stderr(&o)
    );
    let text = stdout(&o);
    assert_eq!(
        text.lines().count(),
        1,
        "one JSON object on one line: {text}"
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// Documents per value of a list field, each document counted once per distinct value;
/// and the documents with no value.
fn count_values(records: &[Value], field: &str) -> (BTreeMap<String, u64>, u64) {
    let mut counts = BTreeMap::new();
    let mut none = 0;
    for r in records {
        let values: BTreeSet<String> = strings(&r[field]).into_iter().collect();
        if values.is_empty() {
            none += 1;
        }
        for v in values {
            *counts.entry(v).or_insert(0) += 1;
        }
    }
    (counts, none)
}

/// A `{"none", "values": [{"name", "documents"}]}` list of the output as a map.
fn ranked(v: &Value) -> (BTreeMap<String, u64>, u64) {
    let map = v["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    (map, v["none"].as_u64().unwrap())
}

/// Nearest-rank percentile, as the README defines it.
fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

/// The incident groups of `records` by the README's rule, written independently of the
/// program: pairwise comparison, then connected components. Each group is a set of
/// record indexes.
fn incident_groups(records: &[Value]) -> Vec<BTreeSet<usize>> {
    let span = |r: &Value| {
        let days: Vec<NaiveDate> = [
            "incident_start",
            "incident_end",
            "discovered",
            "controller_informed",
            "authority_notified",
        ]
        .iter()
        .filter_map(|f| date(&r["dates"][f]))
        .collect();
        Some((*days.iter().min()?, *days.iter().max()?))
    };
    let names = |r: &Value| -> BTreeSet<String> {
        strings(&r["organisations"])
            .into_iter()
            .chain(strings(&r["suppliers"]))
            .map(|n| {
                n.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect()
    };
    let n = records.len();
    let mut component: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            let (Some((a0, a1)), Some((b0, b1))) = (span(&records[i]), span(&records[j])) else {
                continue;
            };
            let gap = if a1 < b0 {
                (b0 - a1).num_days()
            } else if b1 < a0 {
                (a0 - b1).num_days()
            } else {
                0
            };
            if gap <= 30 && !names(&records[i]).is_disjoint(&names(&records[j])) {
                let (from, to) = (component[j], component[i]);
                for c in component.iter_mut() {
                    if *c == from {
                        *c = to;
                    }
                }
            }
        }
    }
    // An undated record joins the one group of dated records sharing a name with it.
    for i in 0..n {
        if span(&records[i]).is_some() {
            continue;
        }
        let targets: BTreeSet<usize> = (0..n)
            .filter(|&j| span(&records[j]).is_some())
            .filter(|&j| !names(&records[i]).is_disjoint(&names(&records[j])))
            .map(|j| component[j])
            .collect();
        if targets.len() == 1 {
            component[i] = *targets.first().unwrap();
        }
    }
    let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (i, c) in component.into_iter().enumerate() {
        groups.entry(c).or_default().insert(i);
    }
    groups.into_values().collect()
}

fn year_of(r: &Value) -> Option<i64> {
    date(&r["dates"]["incident_start"])
        .or_else(|| date(&r["dates"]["discovered"]))
        .map(|d| chrono::Datelike::year(&d).into())
}

#[test]
fn every_figure_matches_the_extracted_records() {
    let records = corpus_records();
    let stats = stats_json(corpus_index(), &["--top", "0"]);
    let n = records.len() as u64;
    assert_eq!(stats["documents"], n);

    // Incidents, and supplier involvement by document and by incident.
    let groups = incident_groups(&records);
    assert_eq!(stats["incidents"], groups.len() as u64, "{groups:?}");
    let involved = records
        .iter()
        .filter(|r| r["supplier_involved"] == true)
        .count() as u64;
    assert_eq!(stats["supplier_involved"]["count"], involved);
    assert_eq!(
        stats["supplier_involved"]["share"].as_f64().unwrap(),
        involved as f64 / n as f64
    );
    let involved_incidents = groups
        .iter()
        .filter(|g| g.iter().any(|&i| records[i]["supplier_involved"] == true))
        .count() as u64;
    assert_eq!(stats["supplier_involved"]["incidents"], involved_incidents);

    // Late notifications among those known.
    let known: Vec<bool> = records
        .iter()
        .filter_map(|r| r["delays"]["late_notification"].as_bool())
        .collect();
    let late = known.iter().filter(|l| **l).count() as u64;
    assert_eq!(stats["late_notification"]["known"], known.len() as u64);
    assert_eq!(stats["late_notification"]["late"], late);
    if !known.is_empty() {
        assert_eq!(
            stats["late_notification"]["share"].as_f64().unwrap(),
            late as f64 / known.len() as f64
        );
    }

    // Ranked lists and vocabularies.
    for (key, field) in [
        ("suppliers", "suppliers"),
        ("organisations", "organisations"),
        ("authorities", "authorities"),
        ("causes", "causes"),
        ("breach_types", "breach_types"),
    ] {
        assert_eq!(ranked(&stats[key]), count_values(&records, field), "{key}");
    }
    let doc_types: Vec<Value> = records
        .iter()
        .map(|r| serde_json::json!({ "t": [r["doc_type"]] }))
        .collect();
    assert_eq!(ranked(&stats["doc_types"]), count_values(&doc_types, "t"));
    let counts: Vec<u64> = stats["suppliers"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["documents"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {counts:?}"
    );

    // Incidents per supplier: groups with a document naming it.
    for entry in stats["suppliers"]["values"].as_array().unwrap() {
        let name = entry["name"].as_str().unwrap();
        let expected = groups
            .iter()
            .filter(|g| {
                g.iter()
                    .any(|&i| strings(&records[i]["suppliers"]).iter().any(|s| s == name))
            })
            .count() as u64;
        assert_eq!(entry["incidents"], expected, "incidents of {name}");
    }

    // Years: documents by their own year, incidents by their earliest document's.
    let mut years: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let mut unknown = (0, 0);
    for r in &records {
        match year_of(r) {
            Some(y) => years.entry(y).or_default().0 += 1,
            None => unknown.0 += 1,
        }
    }
    for g in &groups {
        match g.iter().filter_map(|&i| year_of(&records[i])).min() {
            Some(y) => years.entry(y).or_default().1 += 1,
            None => unknown.1 += 1,
        }
    }
    let got: BTreeMap<i64, (u64, u64)> = stats["years"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                (
                    y["documents"].as_u64().unwrap(),
                    y["incidents"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(got, years);
    assert_eq!(stats["years"]["unknown"]["documents"], unknown.0);
    assert_eq!(stats["years"]["unknown"]["incidents"], unknown.1);

    // Delays: count, median, p90, max.
    for field in [
        "supplier_to_controller_days",
        "notification_days",
        "detection_days",
    ] {
        let mut days: Vec<i64> = records
            .iter()
            .filter_map(|r| r["delays"][field].as_i64())
            .collect();
        days.sort();
        let got = &stats["delays"][field];
        assert_eq!(got["count"], days.len() as u64, "{field}");
        assert_eq!(got["median"].as_i64(), percentile(&days, 0.5), "{field}");
        assert_eq!(got["p90"].as_i64(), percentile(&days, 0.9), "{field}");
        assert_eq!(got["max"].as_i64(), days.last().copied(), "{field}");
    }
    let mut distribution: BTreeMap<i64, u64> = BTreeMap::new();
    for r in &records {
        if let Some(d) = r["delays"]["notification_days"].as_i64() {
            *distribution.entry(d).or_default() += 1;
        }
    }
    let got: BTreeMap<i64, u64> = stats["notification_days_distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["days"].as_i64().unwrap(),
                d["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, distribution);

    // Affected people, by each record's upper bound.
    let mut affected: Vec<i64> = records
        .iter()
        .filter_map(|r| r["affected"]["max"].as_i64())
        .collect();
    affected.sort();
    let a = &stats["affected"];
    // The total counts each incident once, by its largest count (issue 11).
    let per_incident: i64 = groups
        .iter()
        .filter_map(|g| {
            g.iter()
                .filter_map(|&i| records[i]["affected"]["max"].as_i64())
                .max()
        })
        .sum();
    assert_eq!(a["total"], per_incident);
    assert_eq!(a["median"].as_i64(), percentile(&affected, 0.5));
    assert_eq!(a["max"].as_i64(), affected.last().copied());
    assert_eq!(a["with_count"], affected.len() as u64);
    assert_eq!(a["without_count"], n - affected.len() as u64);
}

#[test]
fn json_keys_come_in_the_documented_order() {
    let o = incidex(&["stats", "--format", "json", "--index", corpus_index()]);
    assert_status(&o, 0);
    let text = stdout(&o);
    let keys = [
        "\"documents\"",
        "\"incidents\"",
        "\"supplier_involved\"",
        "\"late_notification\"",
        "\"suppliers\"",
        "\"organisations\"",
        "\"years\"",
        "\"causes\"",
        "\"breach_types\"",
        "\"doc_types\"",
        "\"authorities\"",
        "\"pii_kinds\"",
        "\"delays\"",
        "\"notification_days_distribution\"",
        "\"affected\"",
    ];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(k)
                .unwrap_or_else(|| panic!("{k} missing: {text}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.starts_with("{\"documents\":"), "{text}");
}

#[test]
fn a_query_restricts_the_figures_to_its_documents() {
    let records = corpus_records();
    let involved = records
        .iter()
        .filter(|r| r["supplier_involved"] == true)
        .count() as u64;
    let stats = stats_json(corpus_index(), &["--query", "supplier_involved:true"]);
    assert_eq!(stats["documents"], involved);
    assert_eq!(stats["supplier_involved"]["count"], involved);
    assert_eq!(stats["suppliers"]["none"], 0);

    let news = records
        .iter()
        .filter(|r| r["doc_type"] == "news_article")
        .count() as u64;
    let stats = stats_json(corpus_index(), &["--type", "news_article"]);
    assert_eq!(stats["documents"], news);
}

#[test]
fn a_query_matching_nothing_gives_zeros_and_exit_1() {
    let o = incidex(&[
        "stats",
        "--format",
        "json",
        "--index",
        corpus_index(),
        "--query",
        "year:1066",
    ]);
    assert_status(&o, 1);
    let stats: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(stats["documents"], 0);
    assert_eq!(stats["incidents"], 0);
    assert_eq!(stats["supplier_involved"]["share"], Value::Null);
    assert_eq!(stats["delays"]["notification_days"]["median"], Value::Null);
}

#[test]
fn table_columns_line_up() {
    let o = incidex(&["stats", "--index", corpus_index()]);
    assert_status(&o, 0);
    let text = stdout(&o);
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        assert!(lines.len() >= 2, "a heading and rows: {block}");
        // Numbers are right-aligned: every row ends at the header's last column, or
        // (for a block of one column) all rows are as wide as the widest.
        let header_end = lines[0].chars().count();
        for line in &lines[1..] {
            assert_eq!(line.chars().count(), header_end, "in\n{block}");
        }
    }
    assert!(text.contains("documents"), "{text}");
}

#[test]
fn csv_has_a_header_and_the_json_figures() {
    let o = incidex(&["stats", "--format", "csv", "--index", corpus_index()]);
    assert_status(&o, 0);
    let text = stdout(&o);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["section", "key", "metric", "value"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let value = |section: &str, key: &str, metric: &str| {
        rows.iter()
            .find(|r| &r[0] == section && &r[1] == key && &r[2] == metric)
            .map(|r| r[3].to_string())
            .unwrap_or_else(|| panic!("no {section},{key},{metric} in\n{text}"))
    };
    let json = stats_json(corpus_index(), &[]);
    assert_eq!(
        value("overview", "documents", "count"),
        json["documents"].to_string()
    );
    assert_eq!(
        value("overview", "incidents", "count"),
        json["incidents"].to_string()
    );
    let first = &json["suppliers"]["values"][0];
    assert_eq!(
        value("suppliers", first["name"].as_str().unwrap(), "documents"),
        first["documents"].to_string()
    );
    assert_eq!(
        value("delays", "notification_days", "count"),
        json["delays"]["notification_days"]["count"].to_string()
    );
}

#[test]
fn by_supplier_gives_one_row_per_supplier_with_its_metrics() {
    let records = corpus_records();
    let stats = stats_json(corpus_index(), &["--by", "supplier", "--top", "0"]);
    let table = &stats["by"][0];
    assert_eq!(table["field"], "supplier");
    let (named, none) = count_values(&records, "suppliers");
    for row in table["rows"].as_array().unwrap() {
        let Some(name) = row["value"].as_str() else {
            assert_eq!(row["documents"], none);
            continue;
        };
        let of_name: Vec<&Value> = records
            .iter()
            .filter(|r| strings(&r["suppliers"]).iter().any(|s| s == name))
            .collect();
        assert_eq!(row["documents"], named[name], "{name}");
        let late = of_name
            .iter()
            .filter(|r| r["delays"]["late_notification"] == true)
            .count() as u64;
        assert_eq!(row["late"], late, "{name}");
        let max = of_name
            .iter()
            .filter_map(|r| r["delays"]["supplier_to_controller_days"].as_i64())
            .max();
        assert_eq!(
            row["supplier_to_controller_days_max"].as_i64(),
            max,
            "{name}"
        );
    }
}

#[test]
fn an_unknown_breakdown_is_refused_with_the_list() {
    let o = incidex(&["stats", "--by", "colour", "--index", corpus_index()]);
    assert_status(&o, 3);
    assert!(
        stderr(&o).contains("supplier, organisation"),
        "{}",
        stderr(&o)
    );
}

/// A news article and a notification form about one supplier failure at Västerås stad,
/// and an unrelated incident in another region two years earlier. (Written for this
/// test, not taken from the seeds.)
pub fn write_two_documents_about_one_incident(dir: &Path) {
    std::fs::write(
        dir.join("artikel.txt"),
        "Lönebesked hamnade hos fel mottagare – fel hos Visma\n\n\
         Publicerad 14 mars 2022\n\n\
         Västerås stad har drabbats av en personuppgiftsincident. Ett fel i leverantören \
         Vismas lönesystem gjorde att lönebesked för omkring 300 anställda skickades till \
         fel mottagare. Felet uppstod den 1 mars 2022 och upptäcktes av Visma den 3 mars. \
         Kommunen fick veta det den 4 mars och anmälde incidenten till \
         Integritetsskyddsmyndigheten (IMY) den 7 mars.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("anmalan.txt"),
        "Anmälan av personuppgiftsincident\n\n\
         Personuppgiftsansvarig: Västerås stad\n\
         Personuppgiftsbiträde: Visma Enterprise AB\n\n\
         Beskrivning av incidenten\n\
         Lönebesked skickades till fel mottagare på grund av ett tekniskt fel i \
         biträdets lönesystem.\n\n\
         När inträffade incidenten? 2022-03-01\n\
         När upptäcktes incidenten? 2022-03-03\n\
         När fick den personuppgiftsansvarige kännedom om incidenten? 2022-03-04\n\
         Datum för anmälan till IMY: 2022-03-07\n\n\
         Antal berörda personer: 300 anställda\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("annan.txt"),
        "Journaluppgifter skickades till fel adress\n\n\
         Publicerad 2 oktober 2020\n\n\
         Region Örebro län har anmält en personuppgiftsincident till IMY. En handläggare \
         skickade den 28 september 2020 journalkopior till fel adress. Misstaget \
         upptäcktes den 29 september 2020.\n",
    )
    .unwrap();
}

#[test]
fn two_documents_about_one_incident_count_as_one_incident() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write_two_documents_about_one_incident(&docs);
    let index = tmp.path().join("index");
    ingest(&index, &[docs.to_str().unwrap()], 0);

    // What extraction says of them: both name Västerås stad and are dated in March 2022.
    let records = extract(docs.to_str().unwrap());
    let pair: Vec<&Value> = records
        .iter()
        .filter(|r| !r["source"].as_str().unwrap().ends_with("annan.txt"))
        .collect();
    for r in &pair {
        assert!(
            strings(&r["organisations"]).contains(&"Västerås stad".to_string()),
            "precondition: {r}"
        );
    }

    let stats = stats_json(index.to_str().unwrap(), &["--by", "incident"]);
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["incidents"], 2);
    let list = stats["incident_list"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["documents"], 2);
    assert!(strings(&list[0]["organisations"]).contains(&"Västerås stad".to_string()));
    let sources: BTreeSet<String> = list[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        ["anmalan.txt", "artikel.txt"].map(String::from).into()
    );
    assert_eq!(list[0]["first"], "2022-03-01");
    assert_eq!(list[1]["documents"], 1);

    // The table lists the same groups.
    let o = incidex(&[
        "stats",
        "--by",
        "incident",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_status(&o, 0);
    assert!(stdout(&o).contains("Västerås stad"), "{}", stdout(&o));
}
