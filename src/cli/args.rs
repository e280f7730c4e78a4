//! Flags and commands, with clap derive. Every flag has a one-line help and a long help
//! giving its default and an example.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Exit status: 0 all done; 1 a search matched nothing; 2 some files were skipped or
failed (the rest were done); 3 the run could not start (bad arguments, rules or index).";

/// Turns archives of Swedish personal-data incident documents into a searchable,
/// queryable incident database.
#[derive(Debug, Parser)]
#[command(name = "incidex", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the incident record of each document.
    Extract(ExtractArgs),
    /// Print the dates, periods and durations of one document as JSON Lines.
    Dates(super::dates::DatesArgs),
    /// Extract documents and score the records against a gold file.
    Eval(super::eval::EvalArgs),
    /// Check the rule files: every example must hold.
    Rules(super::rules::RulesArgs),
    /// Import documents into the search index (idempotent, resumable).
    Ingest(super::ingest::IngestArgs),
    /// Search the index in Swedish full text and by record fields.
    Search(super::search::SearchArgs),
    /// Print one indexed record in full, with its evidence.
    Show(super::show::ShowArgs),
}

/// Where the index lives, shared by the commands that use it.
#[derive(Debug, Args, Clone)]
pub struct IndexArg {
    /// The index directory.
    ///
    /// Default: $INCIDEX_INDEX, else ./incidex-index. Example: --index ~/incidents-idx
    #[arg(long, value_name = "DIR", env = "INCIDEX_INDEX", default_value = incidex::index::DEFAULT_DIR)]
    pub index: PathBuf,
}

/// Rule directory shared by the commands that extract.
#[derive(Debug, Args, Clone, Default)]
pub struct RulesArg {
    /// Use the rule files in DIR instead of the built-in rules.
    ///
    /// Every *.toml in DIR is read; areas without a file get no rules. Copy `rules/`
    /// from the repository as a starting point. Example: --rules ./my-rules
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively, hidden entries skipped); - is stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines, one record per document (the RECORD.md contract).
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub rules: RulesArg,

    /// Skip files larger than this many bytes.
    ///
    /// Default: 104857600 (100 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = incidex::pipeline::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
