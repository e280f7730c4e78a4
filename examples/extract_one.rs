//! Extract one document and print its record: the library used without the CLI.
//!
//! We will: load a file with `incidex::load`, build the record with the built-in rules,
//! and print it as JSON. `cargo run --example extract_one -- corpus/000_20a3bd6262d9f0ad.txt`
//!
//! With `--repeat N` it extracts the same text N times and prints the throughput, a quick
//! way to see what a rule change costs.

use std::time::Instant;

use incidex::rules::Rules;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: extract_one FILE [--repeat N]");
    let repeat: usize = match (args.next().as_deref(), args.next()) {
        (Some("--repeat"), Some(n)) => n.parse().expect("a number"),
        _ => 1,
    };
    let bytes = std::fs::read(&path).expect("a readable file");
    let doc = incidex::load::load_bytes(std::path::Path::new(&path), &bytes)
        .expect("a loadable document");
    let rules = Rules::default_rules();
    let id = incidex::pipeline::document_id(&bytes);

    let start = Instant::now();
    let mut record = None;
    for _ in 0..repeat {
        record = Some(incidex::extract::extract(&doc, &path, &id, rules));
    }
    let elapsed = start.elapsed();
    println!("{}", serde_json::to_string_pretty(&record).unwrap());
    if repeat > 1 {
        let mb = (doc.text.len() * repeat) as f64 / 1e6;
        eprintln!(
            "{repeat} extractions of {} bytes in {elapsed:.2?}: {:.1} MB/s",
            doc.text.len(),
            mb / elapsed.as_secs_f64()
        );
    }
}
