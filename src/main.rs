//! The `incidex` binary: parse the command line, run, map the outcome to an exit code.

fn main() {
    std::process::exit(incidex_cli::run());
}

#[path = "cli/mod.rs"]
mod incidex_cli;
