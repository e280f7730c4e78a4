//! `incidex show`: one indexed record in full, its timeline and the evidence of each
//! field, read from the index alone.

use std::io::Write;

use clap::Args;

use super::args::IndexArg;
use super::exit;
use incidex::index::search::Searcher;
use incidex::record::IncidentRecord;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id (or a unique prefix of it, as search prints) or its file's path.
    ///
    /// Any spelling of the path works: as given at import, with ./, absolute.
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub index: IndexArg,

    /// Print the record as JSON (the RECORD.md contract).
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub redact: super::redaction::RedactArg,
}

pub fn run(args: ShowArgs) -> anyhow::Result<i32> {
    let index = incidex::index::open(&args.index.index)?;
    let searcher = Searcher::new(&index)?;
    let mut found = searcher.by_id_prefix(&args.id, 2)?;
    if found.is_empty() {
        found = searcher.by_path(&args.id, 2)?;
    }
    if found.is_empty() {
        found = by_any_spelling(&searcher, &args.id)?;
    }
    let mut record = match found.len() {
        0 => {
            crate::err_line!(args.id, "no record with this id or path in the index");
            return Ok(exit::NO_MATCH);
        }
        1 => found.remove(0),
        _ => {
            crate::err_line!(
                args.id,
                "several records have an id starting so; give more of it"
            );
            return Ok(exit::NO_MATCH);
        }
    };
    // The heading search prints: the title, else the text's first line.
    let mut heading = searcher
        .heading_of(&record.id)?
        .unwrap_or_else(|| "(no title)".into());
    if let Some(r) = args.redact.redactor(&args.index.index)? {
        r.redact_record(&mut record);
        heading = r.redact(&heading);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &record)?;
        writeln!(out)?;
    } else {
        write_record(&mut out, &heading, &record)?;
    }
    Ok(exit::OK)
}

/// The records at the file `given` names, however it is spelt (`./corpus/a.txt`, an
/// absolute path, `corpus//a.txt`): the records with a path of the same file name whose
/// path, resolved from here, is the same file; or, when `given` is not a file here, the
/// one record with that file name.
fn by_any_spelling(searcher: &Searcher, given: &str) -> anyhow::Result<Vec<IncidentRecord>> {
    let path = std::path::Path::new(given);
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(Vec::new());
    };
    let candidates = searcher.by_file_name(name, 100)?;
    let Ok(target) = std::fs::canonicalize(path) else {
        return Ok(if candidates.len() == 1 {
            candidates
        } else {
            Vec::new()
        });
    };
    Ok(candidates
        .into_iter()
        .filter(|r| {
            std::iter::once(&r.source)
                .chain(&r.also_at)
                .any(|p| std::fs::canonicalize(p).is_ok_and(|c| c == target))
        })
        .take(1)
        .collect())
}

fn write_record(out: &mut impl Write, heading: &str, r: &IncidentRecord) -> std::io::Result<()> {
    let e = super::escape;
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".into()
        } else {
            e(&v.join(", "))
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    writeln!(out, "{}", e(heading))?;
    writeln!(out, "id                  {}", r.id)?;
    writeln!(out, "source              {}", e(&r.source))?;
    for path in &r.also_at {
        writeln!(out, "also at             {}", e(path))?;
    }
    writeln!(
        out,
        "format · language   {} · {} ({:.2})",
        r.format, r.language, r.language_confidence
    )?;
    writeln!(out, "doc_type            {}", r.doc_type)?;
    writeln!(out, "organisations       {}", list(&r.organisations))?;
    writeln!(
        out,
        "suppliers           {} (involved: {})",
        list(&r.suppliers),
        r.supplier_involved
    )?;
    writeln!(out, "authorities         {}", list(&r.authorities))?;
    writeln!(
        out,
        "affected            {}",
        opt(r.affected.as_ref().map(|a| e(&a.text)))
    )?;
    writeln!(out, "causes              {}", list(&r.causes))?;
    writeln!(out, "breach_types        {}", list(&r.breach_types))?;
    writeln!(
        out,
        "sensitive_data      {}",
        opt(r.sensitive_data.map(|b| b.to_string()))
    )?;
    let d = &r.dates;
    for (name, date) in [
        ("incident_start", d.incident_start),
        ("incident_end", d.incident_end),
        ("discovered", d.discovered),
        ("controller_informed", d.controller_informed),
        ("authority_notified", d.authority_notified),
        ("subjects_informed", d.subjects_informed),
    ] {
        writeln!(out, "{name:<20}{}", opt(date.map(|d| d.to_string())))?;
    }
    let days = |v: Option<i64>| opt(v.map(|d| format!("{d} days")));
    let y = &r.delays;
    writeln!(out, "detection           {}", days(y.detection_days))?;
    writeln!(
        out,
        "supplier→controller {}",
        days(y.supplier_to_controller_days)
    )?;
    writeln!(out, "notification        {}", days(y.notification_days))?;
    writeln!(
        out,
        "late_notification   {}",
        opt(y.late_notification.map(|b| b.to_string()))
    )?;
    if !r.events.is_empty() {
        writeln!(out, "\ntimeline")?;
        for ev in &r.events {
            let time = ev
                .time
                .as_deref()
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}{time}  {:<20} {}",
                ev.date,
                ev.kind.as_str(),
                e(&one_line(&ev.text))
            )?;
        }
    }
    if !r.evidence.is_empty() {
        writeln!(out, "\nevidence")?;
        for (field, ev) in &r.evidence {
            writeln!(
                out,
                "  {field:<20} [{}..{}] «{}»",
                ev.start,
                ev.end,
                e(&one_line(&ev.text))
            )?;
        }
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
