//! Public bodies found through the places they serve (rules/places.toml): a municipality
//! named by its place (`socialtjänsten i Norrköping`, `I Lund har kommunen ...`, a news
//! dateline), regions and Finnish bodies by name, and the definite words that point back to
//! the one named body of their kind (`kommunen` → Lunds kommun).

use super::entities::Mention;
use crate::record::Evidence;
use crate::rules::{Groups, Haystack, Rule, RuleSet};

/// Organisation mentions the place rules find, by their organisation's name.
pub fn mentions(hay: &Haystack, set: &RuleSet) -> Vec<Mention> {
    let text = hay.text();
    let mut found = Vec::new();
    let refers_to_municipality =
        reference_rule(set, "municipality").is_some_and(|r| r.regex.is_match_in(hay));
    for rule in &set.rules {
        match rule.kind.as_deref() {
            Some("reference") => continue,
            Some("dateline") if !refers_to_municipality => continue,
            _ => {}
        }
        for caps in rule.regex.captures_iter_in(hay) {
            if let Some((name, span)) = read(rule, &caps, set) {
                found.push(Mention {
                    name,
                    evidence: Evidence::new(text, span.start, span.end),
                });
            }
        }
    }
    found
}

/// The organisation a place rule's match names, and the span it was read from; for a
/// word pointing back (`kommunen`), the kind of body it points to.
pub fn read(rule: &Rule, caps: &Groups, set: &RuleSet) -> Option<(String, std::ops::Range<usize>)> {
    match rule.kind.as_deref() {
        Some("municipality" | "dateline") => {
            let place = caps.name("place")?;
            Some((municipality_name(place.as_str(), set), place.range()))
        }
        Some("name") => {
            let name = caps.name("name")?;
            Some((name.as_str().to_string(), name.range()))
        }
        Some("reference") => Some((rule.value.clone()?, caps.get(0)?.range())),
        _ => None,
    }
}

/// The rule of the words that point back to the one named body of `kind`.
fn reference_rule<'s>(set: &'s RuleSet, kind: &str) -> Option<&'s Rule> {
    set.of_kind("reference")
        .find(|r| r.value.as_deref() == Some(kind))
}

/// The organisation of a municipality: `official` where it is listed, else
/// `<place>s kommun`, without the `s` after a vowel or an s, x or z (`Ale kommun`).
pub fn municipality_name(place: &str, set: &RuleSet) -> String {
    if let Some(name) = set.words("official").iter().find_map(|entry| {
        let (p, name) = entry.split_once(':')?;
        (p.trim() == place).then(|| name.trim().to_string())
    }) {
        return name;
    }
    let word = set
        .words("municipality_word")
        .first()
        .map_or("", String::as_str);
    let lower = place.to_lowercase();
    if set
        .words("no_genitive_s")
        .iter()
        .any(|e| lower.ends_with(e.as_str()))
    {
        format!("{place} {word}")
    } else {
        format!("{place}s {word}")
    }
}

/// Adds a mention of the one named municipality (or region) for each definite word that
/// points back to it, so a body named once and then called `kommunen` ranks as the one the
/// text is about. Nothing is added when two bodies of the kind are named.
pub fn resolve_references(hay: &Haystack, mentions: &mut Vec<Mention>, set: &RuleSet) {
    let text = hay.text();
    // A name of the kind: it begins or ends with one of the kind's words, any case.
    let of_kind = |name: &str, starts: &str, ends: &str| {
        let name = name.to_lowercase();
        set.words(starts)
            .iter()
            .any(|w| name.starts_with(w.as_str()))
            || set.words(ends).iter().any(|w| name.ends_with(w.as_str()))
    };
    let kinds = [
        ("municipality", "", "municipality_name_end"),
        ("region", "region_name_start", "region_name_end"),
    ];
    for (kind, starts, ends) in kinds {
        let mut named: Vec<&str> = mentions
            .iter()
            .map(|m| m.name.as_str())
            .filter(|n| of_kind(n, starts, ends))
            .collect();
        named.sort_unstable();
        named.dedup();
        let [name] = named[..] else { continue };
        let Some(rule) = reference_rule(set, kind) else {
            continue;
        };
        let name = name.to_string();
        let refs: Vec<Mention> = rule
            .regex
            .find_iter_in(hay)
            .map(|hit| Mention {
                name: name.clone(),
                evidence: Evidence::new(text, hit.start(), hit.end()),
            })
            .collect();
        mentions.extend(refs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn set() -> &'static RuleSet {
        Rules::default_rules().area("places")
    }

    #[test]
    fn municipality_names_follow_the_genitive_rule() {
        assert_eq!(municipality_name("Norrköping", set()), "Norrköpings kommun");
        assert_eq!(municipality_name("Ale", set()), "Ale kommun");
        assert_eq!(municipality_name("Alingsås", set()), "Alingsås kommun");
        assert_eq!(municipality_name("Falun", set()), "Falu kommun");
        assert_eq!(municipality_name("Göteborg", set()), "Göteborgs Stad");
        assert_eq!(municipality_name("Kimitoön", set()), "Kimitoöns kommun");
    }

    #[test]
    fn the_gazetteer_holds_every_swedish_municipality() {
        assert_eq!(set().words("se_municipality").len(), 290);
        assert_eq!(set().words("region").len(), 21);
        assert_eq!(set().words("fi_welfare_area").len(), 21);
    }
}
