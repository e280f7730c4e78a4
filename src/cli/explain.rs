//! `incidex stats --explain`: how documents were grouped into incidents, the rule in
//! words and, per incident, which documents were joined and why.

use std::io::Write;

use incidex::stats::Stats;
use incidex::stats::figures::IncidentRow;

/// Writes the rule, then every listed incident with its documents and why each joined.
pub fn write(out: &mut impl Write, stats: &Stats) -> std::io::Result<()> {
    writeln!(out, "{}", incidex::stats::grouping::rule_in_words())?;
    for row in stats.incident_list.iter().flatten() {
        writeln!(out)?;
        write_incident(out, row)?;
    }
    Ok(())
}

fn write_incident(out: &mut impl Write, row: &IncidentRow) -> std::io::Result<()> {
    let e = super::escape;
    let mut head = vec![
        format!("incident {}", row.incident),
        counted(row.documents, "document", "documents"),
    ];
    match (row.first, row.last) {
        (Some(first), Some(last)) if first != last => head.push(format!("{first} to {last}")),
        (Some(first), _) => head.push(first.to_string()),
        _ => head.push("undated".into()),
    }
    let names: Vec<&String> = row.organisations.iter().chain(&row.suppliers).collect();
    if !names.is_empty() {
        let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
        head.push(e(&names.join(", ")));
    }
    if let Some(people) = row.affected {
        head.push(counted(
            people as usize,
            "person affected",
            "people affected",
        ));
    }
    writeln!(out, "{}", head.join(" · "))?;
    let source = |position: usize| {
        row.members
            .get(position)
            .map_or_else(|| format!("document {}", position + 1), |m| e(&m.source))
    };
    for (position, member) in row.members.iter().enumerate() {
        let mut line = format!("  {}", e(&member.source));
        if !member.also_at.is_empty() {
            line.push_str(&format!(
                " (also at {}: the same text)",
                e(&member.also_at.join(", "))
            ));
        }
        match row.joins.iter().find(|j| j.document == position) {
            Some(join) => {
                let why = match join.days_apart {
                    Some(0) => "their dates overlap".to_string(),
                    Some(days) => format!("their dates lie {days} days apart"),
                    None => format!(
                        "it has no dates, and {} leads to this incident only",
                        e(&join.name)
                    ),
                };
                line.push_str(&format!(
                    ": joined {}: both name {}; {why}",
                    source(join.joined),
                    e(&join.name)
                ));
            }
            // The one document the others joined, directly or through each other.
            None if row.documents > 1 => line.push_str(": the others joined it"),
            None => {}
        }
        writeln!(out, "{line}")?;
    }
    if row.documents > row.members.len() {
        writeln!(out, "  and {} more", row.documents - row.members.len())?;
    }
    Ok(())
}

/// `1 document`, `2 documents`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
