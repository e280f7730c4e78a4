//! `incidex extract`: one record per document, as JSON Lines or a short summary.

use std::io::Write;

use rayon::prelude::*;

use super::args::ExtractArgs;
use super::{exit, load_rules};
use incidex::index::records::WithText;
use incidex::pipeline::{self, FileError, Options};
use incidex::record::IncidentRecord;
use incidex::redact::Redactor;
use incidex::rules::Rules;
use incidex::{tar_input, walk};

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let rules = load_rules(args.rules.rules.as_deref())?;
    let opts: Options = args.limits.options()?;
    let redactor = args.redact.then(|| Redactor::new(rules.area("pii")));
    let printer = Printer {
        args: &args,
        redactor: redactor.as_ref(),
    };
    let mut threads = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        threads = threads.num_threads(jobs.max(1));
    }
    let failed = threads.build()?.install(|| -> anyhow::Result<bool> {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let failed = if args.tar {
            extract_tars(&printer, &rules, &opts, &mut out)?
        } else {
            extract_files(&printer, &rules, &opts, &mut out)?
        };
        out.flush()?;
        Ok(failed)
    })?;
    Ok(if failed { exit::SOME_FAILED } else { exit::OK })
}

/// A document's record and text, or why it has none.
type Extracted = Result<(IncidentRecord, String), FileError>;

/// The documents at the paths; true when any could not be read.
fn extract_files(
    printer: &Printer,
    rules: &Rules,
    opts: &Options,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let (files, walk_errors) = walk::files(&printer.args.paths);
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        crate::err_line!(e.path.display(), &e.reason);
    }
    let results: Vec<(_, Extracted)> = files
        .par_iter()
        .map(|path| {
            let result = pipeline::read_file(path, opts).map_err(FileError::from);
            let result = result.and_then(|bytes| {
                pipeline::process_bytes_with_text(&path.to_string_lossy(), &bytes, rules, opts)
            });
            (path.display().to_string(), result)
        })
        .collect();
    for (name, result) in results {
        failed |= !printer.print(out, &name, result)?;
    }
    Ok(failed)
}

/// The members of the tar archives at the paths (- is stdin), a chunk at a time.
fn extract_tars(
    printer: &Printer,
    rules: &Rules,
    opts: &Options,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let mut failed = false;
    for path in &printer.args.paths {
        let reader: Box<dyn std::io::Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(path) {
                Ok(file) => Box::new(std::io::BufReader::new(file)),
                Err(e) => {
                    failed = true;
                    crate::err_line!(path.display(), walk::io_reason(&e));
                    continue;
                }
            }
        };
        let read = tar_input::read_chunks(reader, opts.max_file_size, |chunk| {
            let results: Vec<(String, Extracted)> = chunk
                .into_par_iter()
                .map(|m| {
                    let result = m.bytes.map_err(FileError::from).and_then(|bytes| {
                        pipeline::process_bytes_with_text(&m.name, &bytes, rules, opts)
                    });
                    (m.name, result)
                })
                .collect();
            for (name, result) in results {
                failed |= !printer.print(out, &name, result)?;
            }
            anyhow::Ok(())
        })?;
        if let Err(e) = read {
            failed = true;
            crate::err_line!(path.display(), e);
        }
    }
    Ok(failed)
}

/// How `extract` prints a record: the flags that shape it, and masking with `--redact`.
struct Printer<'a> {
    args: &'a ExtractArgs,
    redactor: Option<&'a Redactor<'a>>,
}

impl Printer<'_> {
    /// Prints one document's record, or its error line on stderr; false for an error.
    fn print(&self, out: &mut impl Write, name: &str, result: Extracted) -> anyhow::Result<bool> {
        let (mut record, mut text) = match result {
            Ok(found) => found,
            Err(e) => {
                crate::err_line!(name, e);
                return Ok(false);
            }
        };
        if let Some(r) = self.redactor {
            r.redact_record(&mut record);
            if self.args.with_text {
                text = r.redact(&text);
            }
        }
        if self.args.with_text {
            let line = WithText {
                record: &record,
                text: &text,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else if self.args.json {
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)?;
        } else {
            write_summary(out, &record)?;
        }
        Ok(true)
    }
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
