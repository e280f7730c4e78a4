//! Runs one rule on one example the way the extractor applies it, for `incidex rules
//! check` and the test suite: examples in rule files are tests.

use super::{affected, context, entities};
use crate::rules::{CheckReport, Example, Found, Rules, check};

/// Checks every example and negative of every rule in `rules`.
pub fn check_all(rules: &Rules) -> CheckReport {
    check(rules, &|area, id, ex| run_example(rules, area, id, ex))
}

/// What rule (or entity) `id` of `area` finds in `ex.text`.
pub fn run_example(rules: &Rules, area: &str, id: &str, ex: &Example) -> Vec<Found> {
    let set = rules.area(area);
    match area {
        "dates" => return crate::dates::run_example(set, id, ex),
        "events" => return super::timeline::run_example(set, id, ex),
        "pii" => return crate::redact::run_example(set, id, ex),
        _ => {}
    }
    let text = ex.text.as_str();
    if let Some(entity) = set.entities.iter().find(|e| e.canonical == id) {
        return entities::entity_mentions(&rules.haystack(text), entity)
            .into_iter()
            .map(|m| Found {
                span: m.evidence.text,
                value: Some(m.name),
            })
            .collect();
    }
    let Some(rule) = set.rule(id) else {
        return Vec::new();
    };
    if area == "places" {
        return rule
            .regex
            .captures_iter(text)
            .filter_map(|caps| super::places::read(rule, &caps, set))
            .map(|(name, span)| Found {
                span: text[span].to_string(),
                value: Some(name),
            })
            .collect();
    }
    let context_rules = rules.area("context");
    let negation_aware = matches!(area, "causes" | "breach_types")
        || (area == "sensitive" && rule.kind.as_deref() == Some("positive"));
    let mut found = Vec::new();
    let hay = rules.haystack(text);
    for caps in rule.regex.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        if negation_aware && context::is_negated(&hay, whole.start(), context_rules) {
            continue;
        }
        let span = ["name", "name2", "num"]
            .iter()
            .find_map(|g| caps.name(g))
            .unwrap_or(whole);
        let value = match area {
            "agencies" => Some(span.as_str().to_string()),
            "organisations" if rule.kind.as_deref() == Some("controller_role") => {
                match entities::role_name(span.as_str(), set, set.words("generic_subject")) {
                    Some(name) => Some(name),
                    None => continue,
                }
            }
            "organisations" => match entities::organisation_name(span.as_str(), set) {
                Some((name, _)) => Some(name),
                None => continue,
            },
            "suppliers" if caps.name("name").is_some() => {
                match entities::supplier_name(span.as_str(), rules) {
                    Some(name) => Some(name),
                    None => continue,
                }
            }
            "affected" => affected_value(&caps, rules).or(rule.value.clone()),
            _ => rule.value.clone(),
        };
        found.push(Found {
            span: span.as_str().to_string(),
            value,
        });
    }
    found
}

/// The count an affected-people rule reads, as the extractor reads it: `1200` or `10-20`.
fn affected_value(caps: &crate::rules::Groups, rules: &Rules) -> Option<String> {
    let (min, max) = affected::numbers(caps, rules.area("affected"))?;
    Some(if min == max {
        min.to_string()
    } else {
        format!("{min}-{max}")
    })
}

#[cfg(test)]
mod tests {
    /// Every example in the shipped rule files gives what it says (rules check).
    #[test]
    fn shipped_rule_examples_hold() {
        let report = super::check_all(crate::rules::Rules::default_rules());
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert!(
            failures.is_empty(),
            "{} rule example failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(report.examples > 100, "only {} examples", report.examples);
    }
}
