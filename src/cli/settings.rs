//! `incidex settings`: print or change what an index does by default.

use std::io::Write;

use clap::Args;

use super::args::IndexArg;
use super::exit;
use incidex::index::settings;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  incidex settings
  incidex settings --redact true     # search, show, stats and report mask personal data")]
pub struct SettingsArgs {
    #[command(flatten)]
    pub index: IndexArg,

    /// Mask personal data by default in search, show, stats and report.
    ///
    /// `--no-redact` on a command still shows it. Example: --redact true
    #[arg(long, value_name = "BOOL")]
    pub redact: Option<bool>,
}

pub fn run(args: SettingsArgs) -> anyhow::Result<i32> {
    let dir = &args.index.index;
    // Settings belong to an index: refuse to make one up where there is none.
    incidex::index::open(dir)?;
    let mut current = settings::load(dir)?;
    if let Some(redact) = args.redact {
        current.redact = redact;
        settings::save(dir, &current)?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "redact = {}", current.redact)?;
    Ok(exit::OK)
}
