//! `incidex dates`: the temporal expressions of one document, one JSON line each.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::args::RulesArg;
use super::{exit, load_rules};
use incidex::dates::{self, Tagged, TemporalKind};
use incidex::pipeline::{self, Options};

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// The document to read (text, HTML or PDF); - or nothing reads stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    pub path: PathBuf,

    /// The document's own date, for year-less and relative expressions.
    ///
    /// Default: the publication, letter or form date found in the text, if any.
    /// Example: --anchor 2019-01-23
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub anchor: Option<NaiveDate>,

    #[command(flatten)]
    pub rules: RulesArg,
}

/// One line of output: the shape issue 3 specifies.
#[derive(Debug, Serialize)]
struct TaggedLine<'a> {
    text: &'a str,
    offset: usize,
    kind: TemporalKind,
    start: Option<String>,
    end: Option<String>,
    duration_hours: Option<f64>,
}

impl<'a> From<&'a Tagged> for TaggedLine<'a> {
    fn from(t: &'a Tagged) -> Self {
        TaggedLine {
            text: &t.text,
            offset: t.offset,
            kind: t.kind,
            start: t.start_value(),
            end: t.end_value(),
            duration_hours: t.duration_hours,
        }
    }
}

pub fn run(args: DatesArgs) -> anyhow::Result<i32> {
    let rules = load_rules(args.rules.rules.as_deref())?;
    let source = args.path.display().to_string();
    let text = match pipeline::read_file(&args.path, &Options::default())
        .and_then(|bytes| incidex::load::load_bytes(&args.path, &bytes))
    {
        Ok(doc) => doc.text,
        Err(e) => {
            crate::err_line!(source, e);
            return Ok(exit::SOME_FAILED);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // One scan of the text for all rules, as extraction does.
    let hay = rules.haystack(&text);
    for tagged in dates::tag_in(&hay, rules.area("dates"), args.anchor) {
        serde_json::to_writer(&mut out, &TaggedLine::from(&tagged))?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(exit::OK)
}
