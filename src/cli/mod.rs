//! The command line: one file per command; only this module prints.

mod analyze;
mod args;
mod color;
mod dates;
mod eval;
mod explain;
mod extract;
mod ingest;
mod ingest_records;
mod interrupt;
mod load_child;
mod redaction;
mod reextract;
mod report;
mod rules;
mod search;
mod serve;
mod settings;
mod show;
mod stats;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit statuses, listed in `--help` and the README.
#[allow(dead_code)] // every status is documented; not every command uses each
pub mod exit {
    /// Everything read and done.
    pub const OK: i32 = 0;
    /// A search or filter matched nothing.
    pub const NO_MATCH: i32 = 1;
    /// Some files were skipped or failed; the rest were done.
    pub const SOME_FAILED: i32 = 2;
    /// The run could not start: bad arguments, rules or index.
    pub const CANNOT_START: i32 = 3;
    /// The run stopped part way: the index could not be written (a full disk, say); it
    /// keeps every batch committed before.
    pub const STOPPED: i32 = 4;
    /// An import stopped by Ctrl-C (128 + SIGINT, as shells report it); it keeps every
    /// batch committed before.
    pub const INTERRUPTED: i32 = 130;
}

/// Prints `incidex: <what>: <cause>` to stderr. Control characters in paths are escaped
/// so a hostile file name cannot rewrite the terminal.
#[macro_export]
macro_rules! err_line {
    ($what:expr, $cause:expr) => {
        eprintln!(
            "incidex: {}: {}",
            $crate::incidex_cli::escape(&$what.to_string()),
            $cause
        )
    };
}

pub fn escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::CANNOT_START
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    if let Some(path) = &cli.lexicon {
        match incidex::lexicon::Lexicon::open(path).and_then(incidex::lexicon::install) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("incidex: {e}");
                return exit::CANNOT_START;
            }
        }
    }
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Dates(a) => dates::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Search(a) => search::run(a),
        Command::Show(a) => show::run(a),
        Command::LoadPdf => load_child::run(),
        Command::Stats(a) => stats::run(a),
        Command::Report(a) => report::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Settings(a) => settings::run(a),
        Command::Reextract(a) => reextract::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Broken pipe (`incidex ... | head`) is not an error.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return exit::OK;
            }
            eprintln!("incidex: {e:#}");
            exit::CANNOT_START
        }
    }
}

/// Loads the rules a command was given (`--rules DIR`) or the embedded ones.
pub fn load_rules(
    dir: Option<&std::path::Path>,
) -> anyhow::Result<std::borrow::Cow<'static, incidex::rules::Rules>> {
    use std::borrow::Cow;
    match dir {
        Some(dir) => Ok(Cow::Owned(incidex::rules::Rules::from_dir(dir)?)),
        None => Ok(Cow::Borrowed(incidex::rules::Rules::default_rules())),
    }
}

/// How a command that writes the index ends on error `e`: a write that failed (a full
/// disk, a quota) is one line naming the index and exit status [`exit::STOPPED`], since the
/// index keeps its last commit; any other error goes up.
pub fn stopped_by(dir: &std::path::Path, e: anyhow::Error) -> anyhow::Result<i32> {
    match e.downcast_ref::<incidex::index::writer::WriteError>() {
        Some(write) => {
            crate::err_line!(dir.display(), write);
            Ok(exit::STOPPED)
        }
        None => Err(e),
    }
}
