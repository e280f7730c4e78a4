//! `incidex eval GOLD.jsonl PATH...`: extract and score against gold exactly as
//! `tests/data/reference/score.py` does; the tool a rule author runs after each change.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;

use super::args::RulesArg;
use super::{exit, load_rules};
use incidex::eval;
use incidex::pipeline::{self, Options};
use incidex::walk;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file: one annotated document per line, keyed by `doc` (see RECORD.md).
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,

    /// Documents to extract and score (files or directories).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print the scores as one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub rules: RulesArg,
}

pub fn run(args: EvalArgs) -> anyhow::Result<i32> {
    let rules = load_rules(args.rules.rules.as_deref())?;
    let gold = eval::read_jsonl(&args.gold, "doc").map_err(anyhow::Error::msg)?;
    let (files, walk_errors) = walk::files(&args.paths);
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        crate::err_line!(e.path.display(), &e.reason);
    }
    let opts = Options::default();
    let results: Vec<_> = files
        .par_iter()
        .map(|p| (p, pipeline::process_file(p, &rules, &opts)))
        .collect();
    let mut predictions = BTreeMap::new();
    for (path, result) in results {
        match result {
            Ok(record) => {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                predictions.insert(name, serde_json::to_value(&record)?);
            }
            Err(e) => {
                failed = true;
                crate::err_line!(path.display(), e);
            }
        }
    }
    let score = eval::score(&gold, &predictions);
    if args.json {
        let fields: BTreeMap<_, _> = score
            .fields
            .iter()
            .map(|(k, t)| {
                let (p, r, f1) = t.prf();
                (k.clone(), serde_json::json!({"p": p, "r": r, "f1": f1, "tp": t.tp, "fp": t.fp, "fn": t.fn_}))
            })
            .collect();
        let (p, r, f1) = score.overall().prf();
        let out = serde_json::json!({"fields": fields, "overall": {"p": p, "r": r, "f1": f1}, "misses": score.misses});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", eval::render_table(&score));
    }
    Ok(if failed { exit::SOME_FAILED } else { exit::OK })
}
