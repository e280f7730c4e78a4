//! # Timing incidex's PDF loading on its own
//!
//! `cargo run --release --example load_pdfs -- LIST OUT_DIR`
//!
//! `bench/pdf_compare.py` sets this beside poppler's `pdftotext`: both read the same PDFs,
//! one at a time on one thread, and write one text file per PDF for the similarity check.
//!
//! We will:
//! - read the PDF paths listed one per line in LIST;
//! - load each with `incidex::load::load_bytes`, the loader `ingest` and `extract` use,
//!   timing the reading and loading only;
//! - write the text to `OUT_DIR/<line number>.txt` (untimed);
//! - print one JSON line: files, failures, seconds.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [list, out_dir] = args.as_slice() else {
        bail!("usage: load_pdfs LIST OUT_DIR");
    };
    let list = std::fs::read_to_string(list).with_context(|| format!("{}", list.display()))?;
    std::fs::create_dir_all(out_dir)?;
    let (mut files, mut failed, mut spent) = (0u64, 0u64, Duration::ZERO);
    for (n, path) in list.lines().filter(|l| !l.is_empty()).enumerate() {
        let path = Path::new(path);
        let started = Instant::now();
        let loaded = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| incidex::load::load_bytes(path, &bytes).map_err(|e| e.to_string()));
        spent += started.elapsed();
        files += 1;
        let text = match loaded {
            Ok(doc) => doc.text,
            Err(e) => {
                eprintln!("load_pdfs: {}: {e}", path.display());
                failed += 1;
                String::new()
            }
        };
        std::fs::write(out_dir.join(format!("{n}.txt")), text)?;
    }
    println!(
        "{}",
        serde_json::json!({ "files": files, "failed": failed, "seconds": spent.as_secs_f64() })
    );
    Ok(())
}
