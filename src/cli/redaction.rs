//! `--redact` and `--no-redact`: whether a command masks personal data, from its flags
//! and the index's setting, and the masking of what `stats` and `report` list.

use std::path::Path;

use clap::Args;
use incidex::redact::Redactor;
use incidex::stats::Stats;

/// The flags of the commands that print from an index.
#[derive(Debug, Args, Clone, Default)]
pub struct RedactArg {
    /// Mask personal data: personnummer, phone numbers, e-mail, addresses, private names.
    ///
    /// In snippets, titles, evidence and timeline texts; names of organisations,
    /// suppliers and officials stay. Default: the index's setting (`incidex settings
    /// --redact true`), else off. Example: --redact
    #[arg(long, overrides_with = "no_redact")]
    pub redact: bool,

    /// Print personal data even where the index masks it by default.
    #[arg(long, overrides_with = "redact")]
    pub no_redact: bool,
}

impl RedactArg {
    /// The redactor to print with, or None: the flags, else the setting of the index.
    pub fn redactor(&self, index: &Path) -> anyhow::Result<Option<Redactor<'static>>> {
        let on = if self.redact {
            true
        } else if self.no_redact {
            false
        } else {
            incidex::index::settings::load(index)?.redact
        };
        Ok(on.then(Redactor::builtin))
    }
}

/// Masks the document titles `stats --by incident` and the report list.
pub fn stats(stats: &mut Stats, redactor: &Redactor) {
    for row in stats.incident_list.iter_mut().flatten() {
        for member in &mut row.members {
            if let Some(title) = &mut member.title {
                *title = redactor.redact(title);
            }
        }
    }
}
