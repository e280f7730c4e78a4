//! Gold scoring with the same rules as `tests/data/reference/score.py`, so `incidex eval` and the
//! reference scorer give the same numbers on the same input.
//!
//! Predictions are matched to gold lines by the base name of `source` (gold: `doc`).
//! Scalars: a right value is a true positive; a wrong value is a false positive and, when
//! gold has a value, a false negative. Lists: each predicted name matching a required
//! entity (case-folded, white space collapsed) is a true positive once, one matching an
//! optional entity is not counted, any other is a false positive; unmatched required
//! entities are false negatives. `"?"` in gold is not scored.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

pub const SET_FIELDS: [&str; 5] = [
    "organisations",
    "suppliers",
    "authorities",
    "causes",
    "breach_types",
];
pub const SCALAR_FIELDS: [&str; 4] = [
    "language",
    "doc_type",
    "supplier_involved",
    "sensitive_data",
];
pub const DATE_FIELDS: [&str; 6] = [
    "incident_start",
    "incident_end",
    "discovered",
    "controller_informed",
    "authority_notified",
    "subjects_informed",
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Tally {
    /// Precision, recall, F1; an empty denominator counts as 1.0, as score.py does.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 1.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn add(&mut self, other: Tally) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

#[derive(Debug, Default)]
pub struct Score {
    pub fields: BTreeMap<String, Tally>,
    pub misses: Vec<String>,
}

impl Score {
    pub fn overall(&self) -> Tally {
        let mut t = Tally::default();
        for f in self.fields.values() {
            t.add(*f);
        }
        t
    }
}

/// Reads a JSON Lines file into objects keyed by the base name of `key` (or `doc`,
/// or `source`). Errors name `file:line`.
pub fn read_jsonl(path: &Path, key: &str) -> Result<BTreeMap<String, Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {}", path.display(), e))?;
    parse_jsonl(&text, &path.display().to_string(), key)
}

pub fn parse_jsonl(text: &str, name: &str, key: &str) -> Result<BTreeMap<String, Value>, String> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let obj: Value =
            serde_json::from_str(line).map_err(|e| format!("{name}:{}: not JSON: {e}", n + 1))?;
        let doc = [key, "doc", "source"]
            .iter()
            .find_map(|k| {
                obj.get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            })
            .ok_or_else(|| format!("{name}:{}: no '{key}' field", n + 1))?;
        let base = Path::new(doc)
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or(doc)
            .to_string();
        out.insert(base, obj);
    }
    Ok(out)
}

fn norm(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        // Python's str(True) is "True"; casefolded both ways, "true".
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    };
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_unscored(v: &Value) -> bool {
    v.as_str() == Some("?")
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

fn score_scalar(gold: &Value, pred: Option<&Value>, label: &str, score: &mut Score, field: &str) {
    if is_unscored(gold) {
        return;
    }
    let accepted: Vec<Value> = match gold.get("any_of").and_then(Value::as_array) {
        Some(any) if gold.is_object() => any.clone(),
        _ => vec![gold.clone()],
    };
    let accepted_n: Vec<Option<String>> = accepted
        .iter()
        .map(|a| (!a.is_null()).then(|| norm(a)))
        .collect();
    let pred = pred.filter(|p| !p.is_null());
    let p = pred.map(norm);
    let tally = score.fields.entry(field.to_string()).or_default();
    if accepted_n.contains(&p) {
        if p.is_some() {
            tally.tp += 1;
        }
        return;
    }
    if p.is_some() {
        tally.fp += 1;
    }
    if accepted_n.iter().any(Option::is_some) {
        tally.fn_ += 1;
    }
    let shown: Vec<String> = accepted.iter().map(show).collect();
    score.misses.push(format!(
        "{label}: gold [{}] got {}",
        shown.join(", "),
        pred.map(show).unwrap_or_else(|| "None".into())
    ));
}

fn score_set(gold: &Value, pred: Option<&Value>, label: &str, score: &mut Score, field: &str) {
    if is_unscored(gold) {
        return;
    }
    let entities = |key: &str| -> Vec<Vec<String>> {
        gold.get(key)
            .and_then(Value::as_array)
            .map(|ents| {
                ents.iter()
                    .map(|e| {
                        e.as_array()
                            .map(|names| names.iter().map(norm).collect())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let required = entities("required");
    let optional = entities("optional");
    let preds: Vec<String> = match pred {
        Some(Value::Array(items)) => items.iter().filter(|v| !v.is_null()).map(norm).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![norm(other)],
    };
    let mut unique: Vec<String> = Vec::new();
    for p in preds {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    let tally = score.fields.entry(field.to_string()).or_default();
    let mut matched = vec![false; required.len()];
    for item in &unique {
        if let Some(hit) = required.iter().position(|ent| ent.contains(item)) {
            if !matched[hit] {
                matched[hit] = true;
                tally.tp += 1;
            }
        } else if !optional.iter().any(|ent| ent.contains(item)) {
            tally.fp += 1;
            score.misses.push(format!("{label}: unexpected '{item}'"));
        }
    }
    let raw_required = gold
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (ent, ok) in raw_required.iter().zip(&matched) {
        if !ok {
            tally.fn_ += 1;
            let first = ent.get(0).and_then(Value::as_str).unwrap_or("");
            score.misses.push(format!("{label}: missed '{first}'"));
        }
    }
}

/// Scores predictions (records as JSON, keyed by base name) against gold.
pub fn score(gold: &BTreeMap<String, Value>, pred: &BTreeMap<String, Value>) -> Score {
    let mut s = Score::default();
    let empty = Value::Object(Default::default());
    for (doc, g) in gold {
        let p = pred.get(doc).unwrap_or_else(|| {
            s.misses.push(format!("{doc}: no prediction"));
            &empty
        });
        for f in SCALAR_FIELDS {
            if let Some(gv) = g.get(f) {
                score_scalar(gv, p.get(f), &format!("{doc} {f}"), &mut s, f);
            }
        }
        for f in SET_FIELDS {
            if let Some(gv) = g.get(f) {
                score_set(gv, p.get(f), &format!("{doc} {f}"), &mut s, f);
            }
        }
        if let Some(ga) = g.get("affected").filter(|a| !is_unscored(a)) {
            let pa = p.get("affected").filter(|a| !a.is_null());
            for k in ["min", "max"] {
                let gv = ga.get(k).cloned().unwrap_or(Value::Null);
                let field = format!("affected.{k}");
                score_scalar(
                    &gv,
                    pa.and_then(|a| a.get(k)),
                    &format!("{doc} {field}"),
                    &mut s,
                    &field,
                );
            }
        }
        if let Some(gl) = g.get("late_notification") {
            let pl = p.get("delays").and_then(|d| d.get("late_notification"));
            score_scalar(
                gl,
                pl,
                &format!("{doc} late_notification"),
                &mut s,
                "late_notification",
            );
        }
        let gd = g.get("dates");
        let pd = p.get("dates");
        for k in DATE_FIELDS {
            if let Some(gv) = gd.and_then(|d| d.get(k)) {
                let field = format!("dates.{k}");
                score_scalar(
                    gv,
                    pd.and_then(|d| d.get(k)),
                    &format!("{doc} {field}"),
                    &mut s,
                    &field,
                );
            }
        }
    }
    s
}

/// The table `score.py` prints.
pub fn render_table(score: &Score) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:28} {:>6} {:>6} {:>6} {:>4} {:>4} {:>4}",
        "field", "P", "R", "F1", "tp", "fp", "fn"
    );
    for (name, t) in &score.fields {
        let (p, r, f) = t.prf();
        let _ = writeln!(
            out,
            "{name:28} {p:6.3} {r:6.3} {f:6.3} {:4} {:4} {:4}",
            t.tp, t.fp, t.fn_
        );
    }
    let o = score.overall();
    let (p, r, f) = o.prf();
    let _ = writeln!(
        out,
        "{:28} {p:6.3} {r:6.3} {f:6.3} {:4} {:4} {:4}",
        "OVERALL", o.tp, o.fp, o.fn_
    );
    if !score.misses.is_empty() {
        let _ = writeln!(out, "\nmisses:");
        for m in &score.misses {
            let _ = writeln!(out, "  {m}");
        }
    }
    let _ = writeln!(out, "\noverall F1 {f:.3}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One JSON object per call, written over several lines for reading.
    fn parse(s: &str, key: &str) -> BTreeMap<String, Value> {
        parse_jsonl(&s.replace('\n', " "), "t", key).unwrap()
    }

    #[test]
    fn scalars_lists_and_optional_entities() {
        let gold = parse(
            r#"{"doc": "a.txt", "doc_type": "news_article", "sensitive_data": {"any_of": [true, null]},
                "suppliers": {"required": [["Tieto", "Tieto Sverige"]], "optional": [["Evry"]]},
                "authorities": {"required": [["IMY"], ["IVO"]], "optional": []},
                "dates": {"discovered": "2020-01-02", "incident_end": "?"}, "late_notification": null}"#,
            "doc",
        );
        let pred = parse(
            r#"{"source": "dir/a.txt", "doc_type": "faq_page", "sensitive_data": null,
                "suppliers": ["tieto  sverige", "Tieto", "Evry", "Atea"], "authorities": ["IMY"],
                "dates": {"discovered": "2020-01-02", "incident_end": "2020-01-01"},
                "delays": {"late_notification": false}}"#,
            "source",
        );
        let s = score(&gold, &pred);
        let t = |f: &str| s.fields[f];
        assert_eq!(
            t("doc_type"),
            Tally {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(t("sensitive_data"), Tally::default());
        assert_eq!(
            t("suppliers"),
            Tally {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            t("authorities"),
            Tally {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            t("dates.discovered"),
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert!(!s.fields.contains_key("dates.incident_end"));
        assert_eq!(
            t("late_notification"),
            Tally {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert!(
            s.misses
                .contains(&"a.txt suppliers: unexpected 'atea'".to_string()),
            "{:?}",
            s.misses
        );
    }

    #[test]
    fn a_missing_prediction_is_all_false_negatives() {
        let gold = parse(
            r#"{"doc": "b.txt", "language": "sv", "affected": {"min": 1, "max": 10}}"#,
            "doc",
        );
        let s = score(&gold, &BTreeMap::new());
        assert_eq!(
            s.overall(),
            Tally {
                tp: 0,
                fp: 0,
                fn_: 3
            }
        );
        assert_eq!(s.misses[0], "b.txt: no prediction");
    }
}
