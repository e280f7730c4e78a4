//! Named parties of an incident: the controller organisations, the suppliers involved and
//! the authorities it was reported to (rules/organisations.toml, suppliers.toml,
//! authorities.toml).

use std::collections::BTreeMap;

use super::context;
use super::form::Form;
use crate::record::Evidence;
use crate::rules::{Entity, Haystack, RuleSet, Rules};

/// A name found in the text with where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub name: String,
    pub evidence: Evidence,
}

// ---------------------------------------------------------------- organisations

/// Controller organisations, most mentioned first. A form's "organisation name" answer,
/// when filled in, is the controller.
pub fn organisations(
    hay: &Haystack,
    title: Option<&str>,
    form: &Form,
    rules: &Rules,
) -> Vec<Mention> {
    let text = hay.text();
    let set = rules.area("organisations");
    if let Some(field) = form.answer("controller_name").and_then(|a| a.value())
        && field.label.as_deref().is_none_or(|l| {
            rules
                .area("form")
                .words("name_label")
                .iter()
                .any(|n| l.eq_ignore_ascii_case(n))
        })
    {
        return vec![Mention {
            name: field.value.clone(),
            evidence: Evidence::new(text, field.span.start, field.span.end),
        }];
    }
    let places = rules.area("places");
    // Gazetteer names first: where a shape rule reads the same words, the gazetteer wins.
    let mut mentions = super::places::mentions(hay, places);
    // Agencies are named from a gazetteer: the name is the one written, genitive aside.
    for rule in rules.area("agencies").of_kind("pattern") {
        for m in rule
            .regex
            .captures_iter_in(hay)
            .filter_map(|c| c.name("name"))
        {
            if !is_authority_or_supplier(m.as_str(), rules) {
                mentions.push(Mention {
                    name: m.as_str().to_string(),
                    evidence: Evidence::new(text, m.start(), m.end()),
                });
            }
        }
    }
    for rule in set.of_kind("pattern") {
        for caps in rule.regex.captures_iter_in(hay) {
            let m = caps.name("name").unwrap_or_else(|| caps.get(0).unwrap());
            if let Some((name, start)) = organisation_name(m.as_str(), set) {
                let start = m.start() + start;
                if !is_authority_or_supplier(&name, rules) {
                    mentions.push(Mention {
                        name,
                        evidence: Evidence::new(text, start, m.end()),
                    });
                }
            }
        }
    }
    for entity in &set.entities {
        mentions.extend(entity_mentions(hay, entity));
    }
    // Two rules that find the same words count them once.
    mentions.sort_by_key(|m| m.evidence.start);
    mentions.dedup_by_key(|m| m.evidence.start);
    mentions.dedup_by(|later, kept| later.evidence.end <= kept.evidence.end);
    super::places::resolve_references(hay, &mut mentions, places);
    // A party named in a controller's role counts twice: the text says what it did.
    let mut roles = role_mentions(hay, set);
    roles.sort_by_key(|m| (m.evidence.start, std::cmp::Reverse(m.evidence.end)));
    roles.dedup_by(|later, kept| later.evidence.end <= kept.evidence.end);
    for m in roles {
        mentions.push(m.clone());
        mentions.push(m);
    }
    rank(mentions, text, title)
}

/// Parties in a controller's role (`X har anmält`, `X blev utsatt för`, `X:s kunder`),
/// private ones included (a known supplier too: the text says it is the controller here);
/// pronouns and generic definite words are not names.
fn role_mentions(hay: &Haystack, set: &RuleSet) -> Vec<Mention> {
    let text = hay.text();
    let generic = set.words("generic_subject");
    let mut found = Vec::new();
    for rule in set.of_kind("controller_role") {
        for caps in rule.regex.captures_iter_in(hay) {
            let Some(m) = caps.name("name").or_else(|| caps.name("name2")) else {
                continue;
            };
            if let Some(name) = role_name(m.as_str(), set, generic) {
                found.push(Mention {
                    name,
                    evidence: Evidence::new(text, m.start(), m.end()),
                });
            }
        }
    }
    found
}

/// A role rule's capture as a name: leading sentence words dropped, the genitive of a type
/// word removed; a lone generic word (`Kommunen`, `Vi`) is no name.
pub fn role_name(raw: &str, set: &RuleSet, generic: &[String]) -> Option<String> {
    let (rest, _) = strip_leading(raw, set.words("stop_leading"));
    let first = rest.split_whitespace().next()?;
    if generic.iter().any(|g| g == first) && !rest.contains(' ') {
        return None;
    }
    if generic.iter().any(|g| g == rest) || set.words("stop_leading").iter().any(|s| s == rest) {
        return None;
    }
    let mut words: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
    if let Some(last) = words.last_mut()
        && let Some(base) = last.strip_suffix('s')
        && set.words("org_type").iter().any(|t| t == base)
    {
        *last = base.to_string();
    }
    Some(words.join(" "))
}

/// Base form of a matched organisation name: leading sentence words dropped and the
/// genitive `s` of the type word removed (`Stockholms stads` → `Stockholms stad`).
/// Returns the name and its byte offset inside `raw`.
pub fn organisation_name(raw: &str, set: &RuleSet) -> Option<(String, usize)> {
    let (rest, skipped) = strip_leading(raw, set.words("stop_leading"));
    let words: Vec<&str> = rest.split_whitespace().collect();
    // One-word names: "Västra Götalandsregionen" aside, government bodies (Skolverket).
    if words.len() < 2
        && !set
            .words("one_word_body")
            .iter()
            .any(|s| rest.ends_with(s.as_str()))
        && !set
            .words("one_word_body_start")
            .iter()
            .any(|s| rest.starts_with(s.as_str()))
    {
        return None;
    }
    let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    let types = set.words("org_type");
    if let Some(last) = words.last_mut()
        && let Some(base) = last.strip_suffix('s')
        && types.iter().any(|t| t.eq_ignore_ascii_case(base))
    {
        *last = base.to_string();
    }
    Some((words.join(" "), skipped))
}

/// Drops capitalised sentence words (`Enligt`, `I`, `Nu`) from the front of a name.
fn strip_leading<'a>(raw: &'a str, stop: &[String]) -> (&'a str, usize) {
    let mut rest = raw;
    loop {
        let trimmed = rest.trim_start();
        let word = trimmed.split_whitespace().next().unwrap_or("");
        if !word.is_empty() && stop.iter().any(|s| s == word) && trimmed.len() > word.len() {
            rest = &trimmed[word.len()..];
        } else {
            rest = trimmed;
            break;
        }
    }
    (rest, raw.len() - rest.len())
}

/// Names of authorities or known suppliers are never controllers.
fn is_authority_or_supplier(name: &str, rules: &Rules) -> bool {
    // One scan of the name for every entity, not one per entity.
    let hay = rules.haystack(name);
    ["authorities", "suppliers"]
        .iter()
        .flat_map(|area| &rules.area(area).entities)
        .any(|e| e.regex.is_match_in(&hay))
}

/// Groups spellings of one organisation (genitive or not, a one-letter typo), keeps the
/// most frequent spelling of each, and keeps the organisations the document is about:
/// named in the title or the opening, or named at least twice, or the only one.
fn rank(mentions: Vec<Mention>, text: &str, title: Option<&str>) -> Vec<Mention> {
    let mut groups: Vec<(String, Vec<Mention>)> = Vec::new();
    for m in mentions {
        let key = group_key(&m.name);
        match groups
            .iter_mut()
            .find(|(k, _)| *k == key || edit_distance_at_most_one(k, &key))
        {
            Some((_, v)) => v.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    // The opening: the title and lead, the first two non-empty lines (at most 300 bytes).
    let opening_end = text
        .match_indices('\n')
        .map(|(i, _)| i)
        .filter(|&i| !text[..i].trim().is_empty())
        .find(|&i| text[..i].lines().filter(|l| !l.trim().is_empty()).count() >= 2)
        .unwrap_or(text.len());
    let opening = &text[..floor_boundary(text, opening_end.min(300))];
    let mut scored: Vec<(usize, Mention)> = groups
        .into_iter()
        .map(|(key, ms)| {
            let prominent = ms.iter().any(|m| m.evidence.start < opening.len())
                || title.is_some_and(|t| group_key(t).contains(&key));
            let score = ms.len() + if prominent { 2 } else { 0 };
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &ms {
                *counts.entry(m.name.as_str()).or_default() += 1;
            }
            let best = counts
                .iter()
                .max_by_key(|(_, c)| **c)
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            let first = ms
                .iter()
                .find(|m| m.name == best)
                .cloned()
                .unwrap_or_else(|| ms[0].clone());
            (score, first)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.evidence.start.cmp(&b.1.evidence.start))
    });
    let keep = scored
        .iter()
        .filter(|(s, _)| *s >= 2)
        .count()
        .max(1.min(scored.len()));
    scored.into_iter().take(keep).map(|(_, m)| m).collect()
}

fn group_key(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s').map(str::to_string).unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a.len() < 6 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------- suppliers

/// Suppliers and whether a supplier was involved. A form's answer to the processor
/// question decides involvement; otherwise a supplier named in a sentence about the
/// incident, or a supplier role word ("leverantören") there, makes it involved.
pub fn suppliers(
    hay: &Haystack,
    form: &Form,
    rules: &Rules,
) -> (Vec<Mention>, bool, Option<Evidence>) {
    let text = hay.text();
    let set = rules.area("suppliers");
    let context_rules = rules.area("context");
    let involvement: Vec<_> = set.of_kind("involvement").collect();
    let in_incident_sentence = |start: usize, end: usize| {
        let s = context::sentence(text, start, end);
        involvement
            .iter()
            .any(|r| r.regex.is_match_within(hay, s.clone()))
            && !context::is_negated(hay, start, context_rules)
    };
    let mut found: Vec<Mention> = Vec::new();
    let push = |found: &mut Vec<Mention>, m: Mention| {
        if !found.iter().any(|f| f.name.eq_ignore_ascii_case(&m.name)) {
            found.push(m);
        }
    };
    for entity in &set.entities {
        if let Some(m) = entity_mentions(hay, entity)
            .into_iter()
            .find(|m| in_incident_sentence(m.evidence.start, m.evidence.end))
        {
            push(&mut found, m);
        }
    }
    for rule in set
        .rules
        .iter()
        .filter(|r| matches!(r.kind.as_deref(), Some("role" | "company")))
    {
        for caps in rule.regex.captures_iter_in(hay) {
            let Some(m) = caps.name("name") else { continue };
            let Some(name) = supplier_name(m.as_str(), rules) else {
                continue;
            };
            let named_in_role = rule.kind.as_deref() == Some("role");
            if !named_in_role && !in_incident_sentence(m.start(), m.end()) {
                continue;
            }
            push(
                &mut found,
                Mention {
                    name,
                    evidence: Evidence::new(text, m.start(), m.end()),
                },
            );
        }
    }
    // A named public body is a controller, not a supplier.
    let org_names = rules.area("organisations");
    found.retain(|m| {
        organisation_name(&m.name, org_names).is_none_or(|(n, _)| !org_types_end(&n, org_names))
    });

    if let Some(answer) = form.answer("processor").and_then(|a| a.value()) {
        let form_words = rules.area("form");
        let said = answer.value.to_lowercase();
        let yes = form_words
            .words("yes")
            .iter()
            .any(|y| said.starts_with(y.as_str()));
        // The form names the processor under its own question.
        let named = form.answer("processor_name").and_then(|a| {
            a.first_under(form_words.words("name_label"))
                .or_else(|| a.fields.iter().find(|f| f.label.is_none()))
        });
        if let Some(field) = named.filter(|_| yes) {
            let name = supplier_name(&field.value, rules).unwrap_or_else(|| field.value.clone());
            push(
                &mut found,
                Mention {
                    name,
                    evidence: Evidence::new(text, field.span.start, field.span.end),
                },
            );
        }
        return (
            found,
            yes,
            Some(Evidence::new(text, answer.span.start, answer.span.end)),
        );
    }
    if let Some(m) = found.first() {
        return (found.clone(), true, Some(m.evidence.clone()));
    }
    // "leverantören" in a sentence about the incident, even without a name.
    for m in set
        .of_kind("role_word")
        .flat_map(|r| r.regex.find_iter_in(hay))
    {
        if in_incident_sentence(m.start(), m.end()) {
            return (found, true, Some(Evidence::new(text, m.start(), m.end())));
        }
    }
    (found, false, None)
}

fn org_types_end(name: &str, orgs: &RuleSet) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    orgs.words("org_type")
        .iter()
        .any(|t| t.eq_ignore_ascii_case(last))
}

/// A captured supplier name: sentence words dropped, a known supplier's canonical name.
pub fn supplier_name(raw: &str, rules: &Rules) -> Option<String> {
    let orgs = rules.area("organisations");
    let (rest, _) = strip_leading(raw, orgs.words("stop_leading"));
    let rest = rest.trim_end_matches(['.', ',']).trim();
    if rest.is_empty() || orgs.words("stop_leading").iter().any(|s| s == rest) {
        return None;
    }
    // One scan of the name for every known supplier.
    let hay = rules.haystack(rest);
    for entity in &rules.area("suppliers").entities {
        if let Some(c) = entity.regex.captures_iter_in(&hay).next()
            && c.name("name").is_some_and(|n| n.start() == 0)
        {
            return Some(entity.canonical.clone());
        }
    }
    Some(rest.to_string())
}

// ---------------------------------------------------------------- authorities

/// Authorities the incident was reported to: named with a reporting cue before them in
/// the sentence ("anmälde ... till IMY"), reported to in the passive ("IVO har
/// underrättats"), or addressed by the form itself.
pub fn authorities(hay: &Haystack, rules: &Rules) -> Vec<Mention> {
    let text = hay.text();
    let set = rules.area("authorities");
    let context_rules = rules.area("context");
    let cues: Vec<_> = set.of_kind("report_cue").collect();
    let addressee: Vec<_> = set.of_kind("addressee").collect();
    let generic: Vec<_> = set.of_kind("generic").collect();
    let passive: Vec<_> = set.of_kind("passive_report").collect();
    let mut found: Vec<Mention> = Vec::new();
    for entity in &set.entities {
        let reported = entity_mentions(hay, entity).into_iter().find(|m| {
            let (start, end) = (m.evidence.start, m.evidence.end);
            let sentence_start = context::sentence_start(text, start);
            let before = &text[sentence_start..start];
            let after = &text[end..context::sentence_end(text, end)];
            let sentence = context::sentence(text, start, end);
            if generic
                .iter()
                .any(|g| g.regex.is_match_within(hay, sentence.clone()))
            {
                return false;
            }
            let said = m.evidence.text.to_lowercase();
            let self_cue = set
                .words("self_reporting")
                .iter()
                .any(|w| said.starts_with(w.as_str()));
            let cued_before = cues
                .iter()
                .filter_map(|c| c.regex.find_iter_within(hay, sentence_start..start).last())
                .any(|c| !context::is_negated(hay, c.start(), context_rules))
                && precedes_with_till(before, set.words("report_preposition"));
            // Reported to in the passive: a match that starts the text after the name.
            let cued_after = passive.iter().any(|r| {
                r.regex
                    .find(after)
                    .is_some_and(|h| after[..h.start()].trim().is_empty())
            });
            let addressed = addressee
                .iter()
                .any(|a| a.regex.is_match_within(hay, sentence_start..start));
            (self_cue && !context::is_negated(hay, start, context_rules))
                || cued_before
                || cued_after
                || addressed
        });
        if let Some(m) = reported {
            found.push(Mention {
                name: entity.canonical.clone(),
                evidence: m.evidence,
            });
        }
    }
    found.sort_by_key(|m| m.evidence.start);
    found
}

/// The first supervisory authority the text names at all (for notification forms).
pub fn supervisory_named(hay: &Haystack, rules: &Rules) -> Option<Mention> {
    let set = rules.area("authorities");
    let supervisory = set.words("supervisory");
    set.entities
        .iter()
        .filter(|e| supervisory.contains(&e.canonical))
        .filter_map(|e| entity_mentions(hay, e).into_iter().next())
        .min_by_key(|m| m.evidence.start)
}

/// One of `prepositions` (`till`, `hos`, ...) within the last four words before the
/// authority's name.
fn precedes_with_till(before: &str, prepositions: &[String]) -> bool {
    before.split_whitespace().rev().take(4).any(|w| {
        let w = w.to_lowercase();
        prepositions
            .iter()
            .any(|p| p == w.trim_matches(|c: char| !c.is_alphabetic()))
    })
}

// ---------------------------------------------------------------- shared

/// Every mention of a gazetteer entity, named by its canonical name.
pub fn entity_mentions(hay: &Haystack, entity: &Entity) -> Vec<Mention> {
    let text = hay.text();
    entity
        .regex
        .captures_iter_in(hay)
        .filter_map(|c| c.name("name"))
        .map(|m| Mention {
            name: entity.canonical.clone(),
            evidence: Evidence::new(text, m.start(), m.end()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::form;

    fn rules() -> &'static Rules {
        Rules::default_rules()
    }

    fn orgs(text: &str) -> Vec<String> {
        let hay = rules().haystack(text);
        let f = form::parse(&hay, rules().area("form"));
        organisations(&hay, None, &f, rules())
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    fn sups(text: &str) -> (Vec<String>, bool) {
        let hay = rules().haystack(text);
        let f = form::parse(&hay, rules().area("form"));
        let (found, involved, _) = suppliers(&hay, &f, rules());
        (found.into_iter().map(|m| m.name).collect(), involved)
    }

    fn auths(text: &str) -> Vec<String> {
        authorities(&rules().haystack(text), rules())
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn organisations_in_base_form() {
        assert_eq!(
            orgs("Enligt Malmö stads säkerhetschef har Malmö stad anmält incidenten."),
            ["Malmö stad"]
        );
        assert_eq!(
            orgs("Region Västerbotten skickade provsvar till fel patient."),
            ["Region Västerbotten"]
        );
        assert_eq!(
            orgs("Incidenten på Spånga-Tensta stadsdelsförvaltning utreds."),
            ["Spånga-Tensta stadsdelsförvaltning"]
        );
    }

    #[test]
    fn organisation_typos_and_spellings_merge() {
        let t = "Uppsala kommun har anmält. Uppsala kommun utreder. Hänvisning till Upsala kommun.";
        assert_eq!(orgs(t), ["Uppsala kommun"]);
    }

    #[test]
    fn a_municipality_mentioned_in_passing_is_dropped() {
        let t = "Ale kommun har röjt uppgifter om elever.\n\nAle kommun beklagar det inträffade.\n\nEtt liknande fel drabbade i fjol även grannarna, och på sistone har det diskuterats hur man gjorde i Lerums kommun.";
        assert_eq!(orgs(t), ["Ale kommun"]);
    }

    #[test]
    fn suppliers_by_role_and_gazetteer() {
        assert_eq!(
            sups("Felet orsakades av kommunens it-leverantör Sokigo vid en uppdatering."),
            (vec!["Sokigo".to_string()], true)
        );
        assert_eq!(
            sups("Under natten krånglade CGI:s servrar och felet gjorde att listor syntes."),
            (vec!["CGI".to_string()], true)
        );
        assert_eq!(
            sups("Tjänsten har levererats av Visma Enterprise AB sedan 2015."),
            (vec![], false)
        );
    }

    #[test]
    fn a_role_word_ending_a_heading_names_nobody_in_the_next_paragraph() {
        let t = "E-post efter intrång hos leverantör\n\nRegionverket har kontaktat 500 personer.";
        assert!(sups(t).0.is_empty(), "{:?}", sups(t));
        assert_eq!(
            sups("Felet låg hos leverantören Skoldata Nord enligt kommunen.").0,
            ["Skoldata Nord"]
        );
    }

    #[test]
    fn a_form_answer_no_overrules_named_suppliers() {
        let t = "1. Namn *\n\n2. Roll\n\n3. Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden?\n\nNej\n\n4. Kort beskrivning av incidenten\n\nEtt fel i Tietos system gjorde att uppgifter röjdes.\n";
        let (_, involved) = sups(t);
        assert!(!involved);
    }

    #[test]
    fn an_unnamed_supplier_in_the_incident_is_involvement() {
        assert_eq!(
            sups("Det var vår leverantör som orsakade felet i utskicket."),
            (vec![], true)
        );
    }

    #[test]
    fn authorities_reported_to() {
        assert_eq!(
            auths("Regionen anmälde händelsen till Integritetsskyddsmyndigheten dagen efter."),
            ["IMY"]
        );
        assert_eq!(
            auths("En lex Sarah-anmälan har skickats till IVO."),
            ["IVO"]
        );
        assert_eq!(
            auths("Stölden är polisanmäld och Datainspektionen har underrättats."),
            ["Polisen", "IMY"]
        );
    }

    #[test]
    fn authorities_merely_mentioned_are_not_notified() {
        assert!(auths("Enligt IMY ska incidenter anmälas inom 72 timmar.").is_empty());
        assert!(auths("Kommunen har inte anmält händelsen till Datainspektionen.").is_empty());
        assert!(auths("IMY har tidigare granskat kommunens kameror.").is_empty());
    }
}
