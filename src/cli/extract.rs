//! `incidex extract`: one record per document, as JSON Lines or a short summary.

use std::io::Write;

use rayon::prelude::*;

use super::args::ExtractArgs;
use super::{exit, load_rules};
use incidex::pipeline::{self, Options};
use incidex::record::IncidentRecord;
use incidex::walk;

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let rules = load_rules(args.rules.rules.as_deref())?;
    let opts: Options = args.limits.options()?;
    let (files, walk_errors) = walk::files(&args.paths);
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        crate::err_line!(e.path.display(), &e.reason);
    }
    let results: Vec<_> = files
        .par_iter()
        .map(|path| (path, pipeline::process_file(path, &rules, &opts)))
        .collect();
    let redactor = args
        .redact
        .then(|| incidex::redact::Redactor::new(rules.area("pii")));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (path, mut result) in results {
        if let (Some(r), Ok(record)) = (&redactor, &mut result) {
            r.redact_record(record);
        }
        match result {
            Ok(record) if args.json => {
                serde_json::to_writer(&mut out, &record)?;
                writeln!(out)?;
            }
            Ok(record) => write_summary(&mut out, &record)?,
            Err(e) => {
                failed = true;
                crate::err_line!(path.display(), e);
            }
        }
    }
    out.flush()?;
    Ok(if failed { exit::SOME_FAILED } else { exit::OK })
}

fn write_summary(out: &mut impl Write, r: &IncidentRecord) -> std::io::Result<()> {
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    writeln!(out, "{}", r.source)?;
    writeln!(
        out,
        "  type {} · language {} · {}",
        r.doc_type,
        r.language,
        r.title.as_deref().unwrap_or("(no title)")
    )?;
    writeln!(out, "  organisations {}", list(&r.organisations))?;
    writeln!(
        out,
        "  suppliers {} (involved: {}) · authorities {}",
        list(&r.suppliers),
        if r.supplier_involved { "yes" } else { "no" },
        list(&r.authorities)
    )?;
    if let Some(a) = &r.affected {
        writeln!(out, "  affected {}", a.text)?;
    }
    let d = &r.dates;
    writeln!(
        out,
        "  happened {}..{} · discovered {} · controller told {} · authority told {}",
        date(d.incident_start),
        date(d.incident_end),
        date(d.discovered),
        date(d.controller_informed),
        date(d.authority_notified)
    )?;
    if let Some(late) = r.delays.late_notification {
        let days = r
            .delays
            .notification_days
            .map(|d| format!(" ({d} days)"))
            .unwrap_or_default();
        writeln!(
            out,
            "  notification {}{days}",
            if late {
                "LATE, over 72 hours"
            } else {
                "within 72 hours"
            }
        )?;
    }
    writeln!(
        out,
        "  causes {} · breach {}",
        list(&r.causes),
        list(&r.breach_types)
    )?;
    writeln!(out)
}
