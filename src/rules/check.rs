//! `incidex rules check`: every rule's examples must give exactly what they say, its
//! negatives nothing (noseyparker's and nlprule's habit: examples are tests).

use super::{Example, Rules};

/// One thing a rule found in an example: the matched span and the value it yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub span: String,
    pub value: Option<String>,
}

/// An example whose result differs from what it says.
#[derive(Debug, Clone)]
pub struct Failure {
    pub file: String,
    pub line: usize,
    pub id: String,
    pub text: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: on {:?}: expected {}, got {}",
            self.file, self.line, self.id, self.text, self.expected, self.got
        )
    }
}

#[derive(Debug, Default)]
pub struct CheckReport {
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<Failure>,
    /// Rules without a single example: a rule nobody showed working.
    pub untested: Vec<String>,
}

/// Runs every example and negative. `run(area, id, example)` applies one rule (or entity,
/// by canonical name) to an example as the extractor would, and says what it found.
pub fn check(rules: &Rules, run: &dyn Fn(&str, &str, &Example) -> Vec<Found>) -> CheckReport {
    let mut report = CheckReport::default();
    for (area, set) in &rules.sets {
        let items = set
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.line, &r.examples, &r.negative))
            .chain(
                set.entities
                    .iter()
                    .map(|e| (e.canonical.as_str(), e.line, &e.examples, &e.negative)),
            );
        for (id, line, examples, negatives) in items {
            report.rules += 1;
            if examples.is_empty() {
                report
                    .untested
                    .push(format!("{}:{}: {}", set.file, line, id));
            }
            let fail = |text: &str, expected: String, got: String| Failure {
                file: set.file.clone(),
                line,
                id: id.to_string(),
                text: text.to_string(),
                expected,
                got,
            };
            for ex in examples {
                report.examples += 1;
                let found = run(area, id, ex);
                let ok = found.len() == 1
                    && ex.span.as_ref().is_none_or(|s| *s == found[0].span)
                    && ex
                        .value
                        .as_ref()
                        .is_none_or(|v| Some(v) == found[0].value.as_ref());
                if !ok {
                    let expected = format!(
                        "one match{}{}",
                        ex.span
                            .as_ref()
                            .map(|s| format!(" span {s:?}"))
                            .unwrap_or_default(),
                        ex.value
                            .as_ref()
                            .map(|v| format!(" value {v:?}"))
                            .unwrap_or_default()
                    );
                    report
                        .failures
                        .push(fail(&ex.text, expected, describe(&found)));
                }
            }
            for text in negatives {
                report.examples += 1;
                let ex = Example {
                    text: text.clone(),
                    value: None,
                    span: None,
                    ref_date: None,
                };
                let found = run(area, id, &ex);
                if !found.is_empty() {
                    report
                        .failures
                        .push(fail(text, "no match".into(), describe(&found)));
                }
            }
        }
    }
    report
}

fn describe(found: &[Found]) -> String {
    if found.is_empty() {
        return "nothing".into();
    }
    found
        .iter()
        .map(|f| {
            format!(
                "span {:?} value {:?}",
                f.span,
                f.value.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
