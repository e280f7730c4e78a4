//! The incident timeline: tagged dates near event cues become events; the record's
//! `dates` are chosen from them, a form's own answers first.
//!
//! A cue (`rules/events.toml`) takes the nearest date written to the day in its sentence,
//! unless it is negated ("upptäcktes ej") or it is only what someone else says ("Telia
//! menar att ..."), which counts less. Each date field then takes the strongest cue's
//! date, the earliest among equals; `discovered` is the first detection by anyone, so it
//! is never later than the day the controller was told. Limits: a date in another
//! sentence than its cue is not linked to it, and who "vi" is comes from the cue wording,
//! not from reading the whole document.

use std::ops::Range;

use chrono::{Duration, NaiveDate};

use super::context;
use super::form::{Answer, Form};
use crate::dates::{self, Tagged, TemporalKind};
use crate::record::{Dates, Event, EventKind, Evidence};
use crate::rules::{self, Haystack, Hit, Pattern, Rule, RuleSet, Rules};

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub events: Vec<Event>,
    pub dates: Dates,
    /// Evidence for each filled date field, keyed `dates.<field>`.
    pub evidence: Vec<(String, Evidence)>,
    /// What the document says about a report later than 72 hours: `Some(true)` when a
    /// form's "why later than 72 hours" answer is filled in or the text says the report
    /// came late, `Some(false)` when it says the report came in time.
    pub stated_late: Option<bool>,
}

/// A form's own answer outranks any cue in free text.
const FORM_WEIGHT: f64 = 10.0;
/// How far (bytes) from its cue a date may stand in the sentence.
const CUE_REACH: usize = 160;

/// A dated statement: what happened, when, and where it was read.
#[derive(Debug, Clone)]
struct Dated {
    kind: EventKind,
    date: NaiveDate,
    time: Option<String>,
    weight: f64,
    /// The sentence (or form answer) it came from.
    source: Range<usize>,
    /// The sentence names a supplier: a discovery there need not be the controller's.
    supplier: bool,
}

/// One cue rule's match paired with the date it took.
#[derive(Debug, Clone)]
struct CueHit<'r> {
    rule: &'r Rule,
    weight: f64,
    tag: usize,
    sentence: Range<usize>,
}

/// Builds the timeline of `text` (masked of form furniture) with the form's answers.
pub fn build(hay: &Haystack, form: &Form, rules: &Rules, anchor: Option<NaiveDate>) -> Timeline {
    let text = hay.text();
    let events_rules = rules.area("events");
    let tags = dates::tag_in(hay, rules.area("dates"), anchor);
    let mut dated = Vec::new();
    for hit in cue_hits(hay, &tags, events_rules, rules.area("context"), None) {
        let supplier = events_rules
            .of_kind("supplier_mention")
            .any(|r| r.regex.is_match_within(hay, hit.sentence.clone()))
            || rules
                .area("suppliers")
                .entities
                .iter()
                .any(|e| e.regex.is_match_within(hay, hit.sentence.clone()));
        dated.extend(events_of(&hit, &tags[hit.tag], supplier));
    }
    dated.extend(form_answers(text, form, rules.area("form"), &tags));
    let gap = gap_days(hay, &tags, events_rules);
    let stated_late = stated_late(hay, form, events_rules, rules.area("context"));
    let (dates, chosen) = choose(&dated, gap);

    let mut timeline = Timeline {
        stated_late,
        dates,
        ..Timeline::default()
    };
    for (field, d) in chosen {
        timeline.evidence.push((
            format!("dates.{field}"),
            Evidence::new(text, d.source.start, d.source.end),
        ));
    }
    let mut events: Vec<Event> = dated
        .iter()
        .map(|d| Event {
            date: d.date,
            time: d.time.clone(),
            kind: d.kind,
            text: collapse(&text[d.source.clone()]),
        })
        .collect();
    events.sort_by(|a, b| (a.date, a.kind, &a.text).cmp(&(b.date, b.kind, &b.text)));
    events.dedup_by(|a, b| a.date == b.date && a.kind == b.kind && a.text == b.text);
    timeline.events = events;
    timeline
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cue matches of `events` (only rule `only` among the cues when given), overlaps settled
/// (the longer cue wins, then the heavier), negated ones dropped, each paired with the
/// nearest dated expression of its sentence.
fn cue_hits<'r>(
    hay: &Haystack,
    tags: &[Tagged],
    events: &'r RuleSet,
    context_rules: &RuleSet,
    only: Option<&str>,
) -> Vec<CueHit<'r>> {
    let text = hay.text();
    // Phrases that only look like cues ("om det inträffade") compete too, and are
    // dropped once they have won their span.
    let mut cues: Vec<(Range<usize>, &Rule)> = events
        .rules
        .iter()
        .filter(|r| match r.kind.as_deref() {
            Some("cue") => only.is_none_or(|id| r.id == id),
            Some("not_cue") => true,
            _ => false,
        })
        .flat_map(|r| r.regex.find_iter_in(hay).map(move |m| (m.range(), r)))
        .filter(|(m, _)| !m.is_empty())
        .collect();
    cues.sort_by(|(a, ra), (b, rb)| {
        b.len()
            .cmp(&a.len())
            .then(rb.weight.total_cmp(&ra.weight))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = crate::work::DisjointSpans::default();
    let mut kept: Vec<(Range<usize>, &Rule)> = Vec::new();
    for (m, r) in cues {
        if taken.insert(m.clone()) {
            kept.push((m, r));
        }
    }
    kept.retain(|(_, r)| r.kind.as_deref() == Some("cue"));
    kept.sort_by_key(|(m, _)| m.start);
    let kept: Vec<(Range<usize>, &Rule, Range<usize>)> = kept
        .into_iter()
        .map(|(m, r)| {
            let sentence = context::sentence(text, m.start, m.end);
            (m, r, sentence)
        })
        .filter(|(m, _, sentence)| !negated(hay, m, sentence, events, context_rules))
        .collect();

    // Tags and kept cues are sorted by start: those of a sentence are looked up, so the
    // work per cue is bounded by its sentence, not by the text.
    let mut hits = Vec::new();
    for (m, rule, sentence) in &kept {
        crate::work::check();
        let (m, sentence) = (m.clone(), sentence.clone());
        let tags_here = crate::work::starting_in(tags, sentence.clone(), |t| t.offset);
        let cues_here = crate::work::starting_in(&kept, sentence.clone(), |(c, _, _)| c.start);
        let reported = events
            .of_kind("reported")
            .any(|r| r.regex.is_match_within(hay, sentence.start..m.start));
        let wants_period = rule.value.as_deref() == Some("incident_period");
        let in_reach = |t: &&Tagged| {
            t.offset >= sentence.start
                && t.end_offset() <= sentence.end
                && t.day_precision
                && t.start.is_some()
                && distance(&m, t) <= CUE_REACH
        };
        // A date belongs to the cue nearest to it; a cue takes the nearest date that
        // belongs to it, else the nearest at all ("stoppade ... och anmälde" share one).
        let belongs = |t: &Tagged| {
            kept[cues_here.clone()]
                .iter()
                .inspect(|_| crate::work::step(1))
                .filter(|(_, _, s)| *s == sentence)
                .min_by_key(|(other, _, _)| distance(other, t))
                .is_some_and(|(other, _, _)| *other == m)
        };
        let best = |period_only: bool| {
            let near = || {
                tags[tags_here.clone()]
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (tags_here.start + i, t))
                    .inspect(|_| crate::work::step(1))
                    .filter(|(_, t)| in_reach(t))
                    .filter(|(_, t)| !period_only || t.kind == TemporalKind::Period)
            };
            near()
                .filter(|(_, t)| belongs(t))
                .min_by_key(|(_, t)| distance(&m, t))
                .or_else(|| near().min_by_key(|(_, t)| distance(&m, t)))
                .map(|(i, _)| i)
        };
        let Some(tag) = (if wants_period { best(true) } else { None }).or_else(|| best(false))
        else {
            continue;
        };
        hits.push(CueHit {
            rule,
            weight: rule.weight * if reported { 0.8 } else { 1.0 },
            tag,
            sentence,
        });
    }
    hits
}

/// Bytes between a cue and a date. A date before its cue ("Den 4 maj upptäcktes ...") is
/// read a little less readily than one after it ("upptäcktes den 4 maj").
fn distance(cue: &Range<usize>, t: &Tagged) -> usize {
    if t.end_offset() <= cue.start {
        (cue.start - t.end_offset()) * 3 / 2
    } else {
        t.offset.saturating_sub(cue.end)
    }
}

/// A negation before the cue in its clause (rules/context.toml) or right after its verb
/// ("upptäcktes ej"), unless the sentence says "inte förrän" (not until: it did happen).
fn negated(
    hay: &Haystack,
    cue: &Range<usize>,
    sentence: &Range<usize>,
    events: &RuleSet,
    context_rules: &RuleSet,
) -> bool {
    let text = hay.text();
    if events
        .of_kind("not_negation")
        .any(|r| r.regex.is_match_within(hay, sentence.clone()))
    {
        return false;
    }
    let after = &text[cue.end..sentence.end];
    context::is_negated(hay, cue.start, context_rules)
        || context_rules
            .of_kind("negation")
            .any(|r| r.regex.is_match_within(hay, cue.clone()))
        || events.of_kind("negation_after").any(|r| {
            r.regex
                .find(after)
                .is_some_and(|h| follows_at_once(after, h))
        })
}

/// Whether `hit`, a match in `after` (the text after a cue), comes right after the cue:
/// only white space, at least one, before it.
fn follows_at_once(after: &str, hit: Hit) -> bool {
    hit.start() > 0 && after[..hit.start()].chars().all(char::is_whitespace)
}

/// Whether `pattern`'s first match in `range` of the text opens it: no word before it
/// in the range, only marks and space (`Om anmälan görs ...`, `– Om ...`).
fn opens(hay: &Haystack, pattern: &Pattern, range: Range<usize>) -> bool {
    let text = hay.text();
    let start = range.start;
    pattern
        .find_iter_within(hay, range)
        .next()
        .is_some_and(|h| !text[start..h.start()].chars().any(char::is_alphanumeric))
}

fn kinds_of(value: &str) -> &'static [EventKind] {
    match value {
        "incident_start" => &[EventKind::IncidentStart],
        "incident_end" => &[EventKind::IncidentEnd],
        "incident_period" => &[EventKind::IncidentStart, EventKind::IncidentEnd],
        "discovered" => &[EventKind::Discovered],
        "discovered_by_controller" => &[EventKind::Discovered, EventKind::ControllerInformed],
        "controller_informed" => &[EventKind::ControllerInformed],
        "authority_notified" => &[EventKind::AuthorityNotified],
        "subjects_informed" => &[EventKind::SubjectsInformed],
        "supplier_reported" => &[EventKind::SupplierReported],
        "fixed" => &[EventKind::Fixed],
        _ => &[EventKind::Other],
    }
}

fn events_of(hit: &CueHit, tag: &Tagged, supplier: bool) -> Vec<Dated> {
    let value = hit.rule.value.as_deref().unwrap_or("other");
    let (Some(start), Some(end)) = (tag.start, tag.end) else {
        return Vec::new();
    };
    kinds_of(value)
        .iter()
        .map(|&kind| Dated {
            kind,
            // A period's end is the incident's end; any other event starts with it.
            date: if kind == EventKind::IncidentEnd && value == "incident_period" {
                end
            } else {
                start
            },
            time: tag.time.clone(),
            weight: hit.weight,
            source: hit.sentence.clone(),
            supplier,
        })
        .collect()
}

/// The dates a form gives in its own answers (IMY's questions 10, 11 and 13 and their
/// kin), with the time from a time field (`Klockslag`; the form lexicon's labels).
fn form_answers(text: &str, form: &Form, form_rules: &RuleSet, tags: &[Tagged]) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut add = |key: &str, kinds: &[EventKind], answer: &Answer| {
        let span = answer
            .first_under(form_rules.words("date_label"))
            .map(|f| f.span.clone())
            .or_else(|| answer.span());
        let Some(span) = span else { return };
        let Some(tag) = tags
            .iter()
            .find(|t| t.offset >= span.start && t.offset < span.end && t.day_precision)
        else {
            return;
        };
        let time = answer
            .first_under(form_rules.words("time_label"))
            .map(|f| f.value.trim().replace('.', ":"))
            .filter(|t| t.len() == 5 && t.as_bytes()[2] == b':')
            .or_else(|| tag.time.clone());
        let source =
            answer.question_span.start.min(span.start)..span.end.max(answer.question_span.end);
        let source = source.start..source.end.min(text.len());
        for &kind in kinds {
            let date = match kind {
                EventKind::IncidentEnd if key == "occurred" => tag.end,
                _ => tag.start,
            };
            if let Some(date) = date {
                out.push(Dated {
                    kind,
                    date,
                    time: time.clone(),
                    weight: FORM_WEIGHT,
                    source: source.clone(),
                    supplier: false,
                });
            }
        }
    };
    if let Some(a) = form.answer("occurred") {
        let period = tags.iter().any(|t| {
            a.span()
                .is_some_and(|s| t.offset >= s.start && t.end_offset() <= s.end)
                && t.kind == TemporalKind::Period
        });
        if period && form.answer("ended").is_none() {
            add(
                "occurred",
                &[EventKind::IncidentStart, EventKind::IncidentEnd],
                a,
            );
        } else {
            add("occurred", &[EventKind::IncidentStart], a);
        }
    }
    if let Some(a) = form.answer("discovered") {
        // "När upptäckte ni incidenten?" in a controller's own form: discovering it is
        // the controller learning of it.
        let own = a
            .question
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("ni"));
        if own {
            add(
                "discovered",
                &[EventKind::Discovered, EventKind::ControllerInformed],
                a,
            );
        } else {
            add("discovered", &[EventKind::Discovered], a);
        }
    }
    if let Some(a) = form.answer("ended") {
        add("ended", &[EventKind::IncidentEnd], a);
    }
    if let Some(a) = form.answer("subjects_informed") {
        add("subjects_informed", &[EventKind::SubjectsInformed], a);
    }
    out
}

/// "Det tog en vecka mellan att felet upptäcktes och vi fick veta": the days between the
/// discovery and the controller being told, from a gap cue, a duration after it and a
/// discovery cue after that, in a sentence with no date of its own.
fn gap_days(hay: &Haystack, tags: &[Tagged], events: &RuleSet) -> Option<i64> {
    let text = hay.text();
    let discovery: Vec<&Rule> = events
        .of_kind("cue")
        .filter(|r| {
            matches!(
                r.value.as_deref(),
                Some("discovered" | "discovered_by_controller")
            )
        })
        .collect();
    for rule in events.of_kind("gap") {
        for m in rule.regex.find_iter_in(hay) {
            let sentence = context::sentence(text, m.start(), m.end());
            let in_sentence =
                |t: &&Tagged| t.offset >= sentence.start && t.end_offset() <= sentence.end;
            let here = &tags[crate::work::starting_in(tags, sentence.clone(), |t| t.offset)];
            crate::work::step(here.len());
            if here.iter().filter(in_sentence).any(|t| t.day_precision) {
                continue;
            }
            let Some(duration) = here.iter().filter(in_sentence).find(|t| {
                t.kind == TemporalKind::Duration && t.offset >= m.end() && t.offset - m.end() <= 20
            }) else {
                continue;
            };
            let Some(hours) = duration.duration_hours else {
                continue;
            };
            let rest = &text[duration.end_offset()..sentence.end];
            if discovery.iter().any(|r| r.regex.is_match(rest)) && hours >= 24.0 {
                return Some((hours / 24.0).round() as i64);
            }
        }
    }
    None
}

/// A meaningful answer to the form's "why later than 72 hours" question, or what the text
/// says about the report's timing.
fn stated_late(
    hay: &Haystack,
    form: &Form,
    events: &RuleSet,
    context_rules: &RuleSet,
) -> Option<bool> {
    if let Some(answer) = form.answer("late_reason") {
        let said = answer.text();
        let said = said
            .trim()
            .trim_matches(['-', '–', '.', ' '])
            .to_lowercase();
        if !said.is_empty() && !events.words("no_answer").contains(&said) {
            return Some(true);
        }
    }
    let mut in_time = None;
    for rule in events.of_kind("late") {
        if late_matches(hay, rule, events, context_rules)
            .next()
            .is_some()
        {
            match rule.value.as_deref() {
                Some("true") => return Some(true),
                _ => in_time = Some(false),
            }
        }
    }
    in_time
}

/// Matches of a `late` rule that speak of this report: not in a conditional ("Om anmälan
/// görs senare än 72 timmar ...", a rule stated), and an in-time statement not negated.
fn late_matches<'t>(
    hay: &'t Haystack<'t>,
    rule: &'t Rule,
    events: &'t RuleSet,
    context_rules: &'t RuleSet,
) -> impl Iterator<Item = Hit<'t>> + 't {
    let text = hay.text();
    rule.regex.find_iter_in(hay).filter(move |m| {
        let before = context::sentence_start(text, m.start())..m.start();
        let conditional = events
            .of_kind("late_conditional")
            .any(|r| r.regex.is_match_within(hay, before.clone()))
            || events
                .of_kind("late_conditional_opening")
                .any(|r| opens(hay, &r.regex, before.clone()));
        let negated = rule.value.as_deref() != Some("true")
            && context::is_negated(hay, m.start(), context_rules);
        !conditional && !negated
    })
}

/// Picks each date field: the strongest statement, the earliest among equals (the
/// latest for the incident's end). Returns the dates and what each was taken from.
fn choose(dated: &[Dated], gap_days: Option<i64>) -> (Dates, Vec<(&'static str, Dated)>) {
    let best = |kind: EventKind, latest: bool| -> Option<&Dated> {
        dated.iter().filter(|d| d.kind == kind).min_by(|a, b| {
            b.weight.total_cmp(&a.weight).then(if latest {
                b.date.cmp(&a.date)
            } else {
                a.date.cmp(&b.date)
            })
        })
    };
    let earliest = |kind: EventKind| -> Option<&Dated> {
        // A form's answer still comes first; among free-text cues the first day counts.
        let form = dated
            .iter()
            .filter(|d| d.kind == kind && d.weight >= FORM_WEIGHT)
            .min_by_key(|d| d.date);
        form.or_else(|| {
            dated
                .iter()
                .filter(|d| d.kind == kind)
                .min_by_key(|d| d.date)
        })
    };
    let mut chosen: Vec<(&'static str, Dated)> = Vec::new();
    let start = best(EventKind::IncidentStart, false).cloned();
    // The incident ends where the text says so, else where the leak was stopped.
    let end = best(EventKind::IncidentEnd, true)
        .or_else(|| earliest(EventKind::Fixed))
        .filter(|e| start.as_ref().is_none_or(|s| e.date >= s.date))
        .cloned()
        .map(|d| Dated {
            kind: EventKind::IncidentEnd,
            ..d
        });
    // Without a word on when the controller was told: the supplier's report, else a
    // discovery in a sentence that names no supplier (the controller's own people).
    let controller = best(EventKind::ControllerInformed, false)
        .or_else(|| earliest(EventKind::SupplierReported))
        .or_else(|| {
            dated
                .iter()
                .filter(|d| d.kind == EventKind::Discovered && !d.supplier)
                .filter(|d| start.as_ref().is_none_or(|s| d.date >= s.date))
                .min_by_key(|d| d.date)
        })
        .cloned()
        .map(|d| Dated {
            kind: EventKind::ControllerInformed,
            ..d
        });
    let mut discovered = earliest(EventKind::Discovered)
        .filter(|d| start.as_ref().is_none_or(|s| d.date >= s.date))
        .cloned();
    if let Some(c) = &controller
        && discovered.as_ref().is_none_or(|d| d.weight < FORM_WEIGHT)
    {
        // The first detection by anyone: no later than the controller hearing of it,
        // and a stated gap ("a week from discovery to us") puts it that much earlier.
        let from_gap = gap_days.map(|days| Dated {
            kind: EventKind::Discovered,
            date: c.date - Duration::days(days),
            time: None,
            weight: c.weight,
            source: c.source.clone(),
            supplier: c.supplier,
        });
        for candidate in [Some(c.clone()), from_gap].into_iter().flatten() {
            if discovered.as_ref().is_none_or(|d| candidate.date < d.date)
                && start.as_ref().is_none_or(|s| candidate.date >= s.date)
            {
                discovered = Some(Dated {
                    kind: EventKind::Discovered,
                    ..candidate
                });
            }
        }
    }
    let authority = best(EventKind::AuthorityNotified, false)
        .filter(|a| start.as_ref().is_none_or(|s| a.date >= s.date))
        .cloned();
    let subjects = earliest(EventKind::SubjectsInformed)
        .filter(|a| start.as_ref().is_none_or(|s| a.date >= s.date))
        .cloned();
    let fields = [
        ("incident_start", start),
        ("incident_end", end),
        ("discovered", discovered),
        ("controller_informed", controller),
        ("authority_notified", authority),
        ("subjects_informed", subjects),
    ];
    let mut dates = Dates::default();
    for (field, d) in fields {
        let Some(d) = d else { continue };
        let slot = match field {
            "incident_start" => &mut dates.incident_start,
            "incident_end" => &mut dates.incident_end,
            "discovered" => &mut dates.discovered,
            "controller_informed" => &mut dates.controller_informed,
            "authority_notified" => &mut dates.authority_notified,
            _ => &mut dates.subjects_informed,
        };
        *slot = Some(d.date);
        chosen.push((field, d));
    }
    (dates, chosen)
}

/// Applies event rule `id` to an example as the timeline would (for `incidex rules
/// check`): a cue reports the date it took (span) and its event kind (value); a `late`
/// rule reports its match and `true`/`false`; other rules report their matches.
pub fn run_example(set: &RuleSet, id: &str, ex: &rules::Example) -> Vec<rules::Found> {
    let Some(rule) = set.rule(id) else {
        return Vec::new();
    };
    let all = Rules::default_rules();
    let anchor = ex.ref_date.as_deref().and_then(|d| d.parse().ok());
    let text = ex.text.as_str();
    let hay = Haystack::unscanned(text);
    match rule.kind.as_deref() {
        Some("cue") => {
            let tags = dates::tag(text, all.area("dates"), anchor);
            cue_hits(&hay, &tags, set, all.area("context"), Some(id))
                .into_iter()
                .map(|hit| rules::Found {
                    span: tags[hit.tag].text.clone(),
                    value: hit.rule.value.clone(),
                })
                .collect()
        }
        // Rules that count only where their match leads the text they are given.
        Some(kind @ ("negation_after" | "late_conditional_opening")) => {
            let leads = |h: Hit| match kind {
                "negation_after" => follows_at_once(text, h),
                _ => opens(&hay, &rule.regex, 0..text.len()),
            };
            rule.regex
                .find(text)
                .filter(|&h| leads(h))
                .map(|h| rules::Found {
                    span: h.as_str().to_string(),
                    value: rule.value.clone(),
                })
                .into_iter()
                .collect()
        }
        Some("late") => late_matches(&hay, rule, set, all.area("context"))
            .map(|m| rules::Found {
                span: m.as_str().to_string(),
                value: rule.value.clone(),
            })
            .collect(),
        _ => rule
            .regex
            .find_iter(text)
            .map(|m| rules::Found {
                span: m.as_str().to_string(),
                value: rule.value.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::form;

    fn timeline(text: &str) -> Timeline {
        let rules = Rules::default_rules();
        let form = form::parse(&rules.haystack(text), rules.area("form"));
        let masked = form::mask(text, &form);
        build(&rules.haystack(&masked), &form, rules, None)
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_supplier_finds_it_the_controller_is_told_later() {
        let t = timeline(
            "Leverantören Visma upptäckte felet den 2 mars 2022. Kommunen informerades av \
             leverantören den 9 mars 2022 och anmälde incidenten till IMY den 11 mars 2022.",
        );
        assert_eq!(t.dates.discovered, d("2022-03-02"));
        assert_eq!(t.dates.controller_informed, d("2022-03-09"));
        assert_eq!(t.dates.authority_notified, d("2022-03-11"));
        assert!(
            t.evidence
                .iter()
                .any(|(k, e)| k == "dates.authority_notified"
                    && e.text.contains("anmälde incidenten till IMY"))
        );
    }

    #[test]
    fn a_controllers_own_discovery_is_when_it_learnt_of_it() {
        let t = timeline(
            "Den 4 oktober 2021 skickades ett mejl med elevlistor till fel mottagare. Felet \
             upptäcktes den 6 oktober av en lärare på skolan. Kommunen anmälde händelsen till \
             IMY den 11 oktober 2021.",
        );
        assert_eq!(t.dates.incident_start, d("2021-10-04"));
        assert_eq!(t.dates.discovered, d("2021-10-06"));
        assert_eq!(t.dates.controller_informed, d("2021-10-06"));
        assert_eq!(t.dates.authority_notified, d("2021-10-11"));
        // A supplier's discovery says nothing about when the controller heard of it.
        let t = timeline("Leverantören upptäckte felet i systemet den 3 mars 2022.");
        assert_eq!(t.dates.discovered, d("2022-03-03"));
        assert_eq!(t.dates.controller_informed, None);
    }

    #[test]
    fn an_authority_decision_and_a_report_template() {
        let t = timeline(
            "Integritetsskyddsmyndigheten (IMY) mottog den 14 december 2020 en anmälan från \
             regionen. Leverantören upptäckte den 2 december 2020 att en server varit åtkomlig \
             från internet sedan den 16 november 2020. Leverantören informerade regionen den \
             9 december 2020. Åtkomsten stängdes samma dag.",
        );
        assert_eq!(t.dates.incident_start, d("2020-11-16"));
        assert_eq!(t.dates.incident_end, d("2020-12-09"));
        assert_eq!(t.dates.discovered, d("2020-12-02"));
        assert_eq!(t.dates.controller_informed, d("2020-12-09"));
        assert_eq!(t.dates.authority_notified, d("2020-12-14"));
        let t = timeline(
            "Händelsedatum: 2022-02-14\nDatum då incidenten upptäcktes: 2022-02-15\n\n\
             Incidenten anmäldes till IMY den 17 februari 2022.",
        );
        assert_eq!(t.dates.incident_start, d("2022-02-14"));
        assert_eq!(t.dates.discovered, d("2022-02-15"));
        assert_eq!(t.dates.authority_notified, d("2022-02-17"));
    }

    #[test]
    fn a_negated_cue_gives_no_event() {
        let t = timeline(
            "Felet upptäcktes inte vid testerna den 1 februari 2021. Den 15 februari 2021 \
             upptäckte regionen att journaler visades för fel patient.",
        );
        assert_eq!(t.dates.discovered, d("2021-02-15"));
        assert_eq!(t.dates.controller_informed, d("2021-02-15"));
        assert!(t.events.iter().all(|e| e.date != d("2021-02-01").unwrap()));
    }

    #[test]
    fn periods_and_same_day() {
        let t = timeline(
            "Uppgifterna var åtkomliga för obehöriga mellan den 3 och den 8 maj 2020. \
             Felet åtgärdades samma dag som det upptäcktes av en förälder.",
        );
        assert_eq!(t.dates.incident_start, d("2020-05-03"));
        assert_eq!(t.dates.incident_end, d("2020-05-08"));
        assert!(
            t.events
                .iter()
                .any(|e| e.kind == EventKind::Fixed && e.date == d("2020-05-08").unwrap()),
            "{:?}",
            t.events
        );
    }

    #[test]
    fn reported_speech_counts_less_than_a_statement() {
        let t = timeline(
            "Bolaget hävdar att kommunen informerades av leverantören den 1 april 2021. \
             Kommunen fick kännedom om felet den 6 april 2021 genom ett mejl.",
        );
        assert_eq!(t.dates.controller_informed, d("2021-04-06"));
    }

    #[test]
    fn a_stated_gap_dates_the_discovery() {
        let t = timeline(
            "Kommunen fick veta det den 20 maj 2021 av sin leverantör. Det hade då gått två \
             veckor sedan leverantören upptäckte felet.",
        );
        assert_eq!(t.dates.controller_informed, d("2021-05-20"));
        assert_eq!(t.dates.discovered, d("2021-05-06"));
    }

    #[test]
    fn the_publication_date_places_year_less_dates() {
        let t = timeline(
            "Publicerad 12 jan 2022\n\nDen 28 december upptäckte regionen att en lista med \
             patientuppgifter låg öppen. Den 3 januari anmäldes händelsen till IMY.",
        );
        assert_eq!(t.dates.discovered, d("2021-12-28"));
        assert_eq!(t.dates.authority_notified, d("2022-01-03"));
    }

    const FORM: &str = "Incidenten\n\n10. När inträffade incidenten?\n\nDatum\n\n2022-05-02\n\n\
        Klockslag\n\n\n11. När upptäckte ni incidenten?\n\nDatum\n\n2022-05-03\n\nKlockslag\n\n\
        16:40\n\n12. Pågår incidenten fortfarande?\n\nNej\n\n13. När upphörde incidenten?\n\n\
        Datum\n\n2022-05-04\n\n14. Om er anmälan kommer in senare än 72 timmar efter att ni \
        upptäckte incidenten, beskriv varför.\n\n\n15. Kort beskrivning av incidenten\n\n\
        En medarbetare säger att felet inträffade den 28 april 2022 och att det upptäcktes \
        den 29 april 2022.\n";

    #[test]
    fn a_forms_answers_outrank_its_free_text() {
        let t = timeline(FORM);
        assert_eq!(t.dates.incident_start, d("2022-05-02"));
        assert_eq!(t.dates.discovered, d("2022-05-03"));
        assert_eq!(t.dates.controller_informed, d("2022-05-03"));
        assert_eq!(t.dates.incident_end, d("2022-05-04"));
        let found = t
            .events
            .iter()
            .find(|e| e.kind == EventKind::Discovered && e.date == d("2022-05-03").unwrap());
        assert_eq!(found.and_then(|e| e.time.as_deref()), Some("16:40"));
        // Question 14 left empty: nothing said about a late report.
        assert_eq!(t.stated_late, None);
    }

    #[test]
    fn a_negation_right_after_the_cue_cancels_it_one_later_does_not() {
        for negated in [
            "Intrånget upptäcktes ej den 3 maj 2021.",
            "Intrånget upptäcktes heller inte den 3 maj 2021.",
        ] {
            assert_eq!(timeline(negated).dates.discovered, None, "{negated}");
        }
        for said in [
            "Intrånget upptäcktes den 3 maj 2021, inte tidigare.",
            "Intrånget upptäcktes inte förrän den 3 maj 2021.",
        ] {
            assert_eq!(timeline(said).dates.discovered, d("2021-05-03"), "{said}");
        }
    }

    #[test]
    fn a_filled_in_late_reason_or_a_late_statement_says_late() {
        let filled = FORM.replace(
            "beskriv varför.\n\n\n",
            "beskriv varför.\n\nVi behövde utreda omfattningen först.\n\n",
        );
        assert_eq!(timeline(&filled).stated_late, Some(true));
        assert_eq!(
            timeline("Incidenten anmäldes inte inom 72 timmar till IMY.").stated_late,
            Some(true)
        );
        assert_eq!(
            timeline("Anmälan om incidenten kom in till IMY senare än 72 timmar efter upptäckten.")
                .stated_late,
            Some(true)
        );
        assert_eq!(
            timeline("Om anmälan görs senare än 72 timmar ska skälen anges.").stated_late,
            None
        );
        assert_eq!(
            timeline("Kommunen anmälde incidenten till IMY inom 72 timmar.").stated_late,
            Some(false)
        );
        assert_eq!(
            timeline("Enligt dataskyddsförordningen ska incidenter anmälas inom 72 timmar.")
                .stated_late,
            None
        );
    }
}
