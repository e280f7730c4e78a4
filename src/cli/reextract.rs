//! `incidex reextract`: bring an index's records up to date with the rules, from the text
//! it stores.

use std::io::Write;
use std::time::Instant;

use clap::Args;

use super::args::{IndexArg, RulesArg};
use super::{exit, load_rules};
use incidex::index::lock::ImportLock;
use incidex::index::reextract;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  incidex reextract                      # after upgrading incidex: the built-in rules
  incidex reextract --rules ./my-rules   # after editing a copy of rules/")]
pub struct ReextractArgs {
    #[command(flatten)]
    pub index: IndexArg,

    #[command(flatten)]
    pub rules: RulesArg,

    /// Commit to the index after this many re-extracted records.
    ///
    /// A commit is atomic: a run that is stopped keeps every committed batch, and the
    /// next run does only the rest. Default: 500. Example: --batch-size 100
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub batch_size: usize,

    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(serde::Serialize)]
struct JsonSummary<'a> {
    r#type: &'static str,
    index: String,
    rules_digest: &'a str,
    seconds: f64,
    #[serde(flatten)]
    summary: &'a reextract::Summary,
}

pub fn run(args: ReextractArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let rules = load_rules(args.rules.rules.as_deref())?;
    let dir = &args.index.index;
    incidex::index::private::owner_only();
    let index = incidex::index::open(dir)?;
    let _lock = ImportLock::acquire(dir)?;
    let summary = match reextract::reextract(&index, &rules, args.batch_size, |_| {}) {
        Ok(summary) => summary,
        Err(e) => return super::stopped_by(dir, e),
    };
    for source in &summary.failed {
        crate::err_line!(
            source,
            "re-extraction panicked (a bug in incidex); the record stays as it was"
        );
    }
    let mut out = std::io::stdout().lock();
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        let json = JsonSummary {
            r#type: "summary",
            index: dir.display().to_string(),
            rules_digest: &rules.digest,
            seconds,
            summary: &summary,
        };
        serde_json::to_writer(&mut out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} documents in {seconds:.1} s: {} re-extracted ({} changed), {} already current, {} failed",
            summary.documents,
            summary.reextracted,
            summary.changed,
            summary.current,
            summary.failed.len()
        )?;
    }
    Ok(if summary.failed.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}
