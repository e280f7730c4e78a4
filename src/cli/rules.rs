//! `incidex rules check`: every rule's examples give what they say, negatives nothing.

use clap::{Args, Subcommand};

use super::args::RulesArg;
use super::{exit, load_rules};

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule example and negative; list failures and rules without examples.
    Check {
        #[command(flatten)]
        rules: RulesArg,

        /// Fail when a rule has no example.
        #[arg(long)]
        warnings_as_errors: bool,
    },
}

pub fn run(args: RulesArgs) -> anyhow::Result<i32> {
    let RulesCommand::Check {
        rules,
        warnings_as_errors,
    } = args.command;
    let rules = load_rules(rules.rules.as_deref())?;
    let report = incidex::extract::examples::check_all(&rules);
    for f in &report.failures {
        println!("FAIL {f}");
    }
    for u in &report.untested {
        println!("warning: {u}: no examples");
    }
    println!(
        "{} rules, {} examples, {} failures, {} rules without examples",
        report.rules,
        report.examples,
        report.failures.len(),
        report.untested.len()
    );
    let bad = !report.failures.is_empty() || (warnings_as_errors && !report.untested.is_empty());
    Ok(if bad { exit::SOME_FAILED } else { exit::OK })
}
