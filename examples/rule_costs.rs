//! Which rules cost the most: every rule and gazetteer entry is run over the given
//! documents (the way extraction runs them, after the one document scan) and the
//! slowest are printed. A guide for rule writers; timings are not assertions.
//!
//! `cargo run --release --example rule_costs -- corpus/*.txt`; `-- --only date. FILES`
//! lists every rule whose id starts with `date.` and their sum instead.

use std::time::{Duration, Instant};

use incidex::rules::Rules;

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let only = match paths.first().map(String::as_str) {
        Some("--only") if paths.len() > 1 => {
            let prefix = paths.remove(1);
            paths.remove(0);
            Some(prefix)
        }
        _ => None,
    };
    assert!(
        !paths.is_empty(),
        "usage: rule_costs [--only PREFIX] FILE..."
    );
    let texts: Vec<String> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("a readable file");
            incidex::load::load_bytes(std::path::Path::new(p), &bytes)
                .expect("a loadable document")
                .text
        })
        .collect();
    let rules = Rules::default_rules();
    const ROUNDS: u32 = 20;

    let start = Instant::now();
    for _ in 0..ROUNDS {
        for text in &texts {
            std::hint::black_box(rules.haystack(text));
        }
    }
    let scan = start.elapsed() / ROUNDS;

    let mut costs: Vec<(Duration, String, bool)> = Vec::new();
    let hays: Vec<_> = texts.iter().map(|t| rules.haystack(t)).collect();
    for set in rules.sets.values() {
        let patterns = set
            .rules
            .iter()
            .map(|r| (r.id.clone(), &r.regex))
            .chain(set.entities.iter().map(|e| (e.canonical.clone(), &e.regex)));
        for (name, pattern) in patterns {
            let start = Instant::now();
            for _ in 0..ROUNDS {
                for hay in &hays {
                    std::hint::black_box(pattern.captures_iter_in(hay).count());
                }
            }
            costs.push((start.elapsed() / ROUNDS, name, pattern.is_narrowed()));
        }
    }
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    let total: Duration = costs.iter().map(|c| c.0).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} bytes; document scan {scan:.2?}; all {} patterns {total:.2?}",
        bytes,
        costs.len()
    );
    if let Some(prefix) = &only {
        costs.retain(|c| c.1.starts_with(prefix.as_str()));
        let sum: Duration = costs.iter().map(|c| c.0).sum();
        println!("{} patterns {prefix}* {sum:.2?}", costs.len());
    }
    let shown = if only.is_some() { costs.len() } else { 30 };
    for (cost, name, narrowed) in costs.iter().take(shown) {
        let kind = if *narrowed { "scanned" } else { "whole text" };
        println!("{cost:>10.2?}  {name}  ({kind})");
    }
}
