//! # Timing incidex's PDF loading on its own
//!
//! `cargo run --release --example load_pdfs -- LIST OUT_DIR [--child EXE [--files-per-child N]]`
//!
//! `bench/pdf_compare.py` sets this beside poppler's `pdftotext`: both read the same PDFs,
//! one at a time on one thread, and write one text file per PDF for the similarity check.
//! With `--child`, PDFs load as `ingest` and `extract` load them, in child processes of
//! the incidex binary EXE; `--files-per-child 1` starts a child for every PDF, as incidex
//! did before its children were long-lived: `bench/run.sh` times both.
//!
//! We will:
//! - read the PDF paths listed one per line in LIST;
//! - load each with `incidex::load::load_bytes` (in this process) or an
//!   `incidex::load::child::ChildLoader`, timing the reading and loading only;
//! - write the text to `OUT_DIR/<line number>.txt` (untimed);
//! - print one JSON line: files, failures, seconds, PDFs a second, children started.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use incidex::load::child::{ChildLoader, DEFAULT_MEMORY_LIMIT};

const USAGE: &str = "usage: load_pdfs LIST OUT_DIR [--child EXE [--files-per-child N]]";

fn main() -> Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (list, out_dir, child) = match args.as_slice() {
        [list, out_dir] => (list, out_dir, None),
        [list, out_dir, flag, exe, rest @ ..] if flag.as_os_str() == "--child" => {
            let mut child = ChildLoader::new(exe, Duration::from_secs(30), DEFAULT_MEMORY_LIMIT);
            match rest {
                [] => {}
                [flag, n] if flag.as_os_str() == "--files-per-child" => {
                    child.files_per_child = n.to_string_lossy().parse().context(USAGE)?;
                }
                _ => bail!(USAGE),
            }
            (list, out_dir, Some(child))
        }
        _ => bail!(USAGE),
    };
    let list = std::fs::read_to_string(list).with_context(|| format!("{}", list.display()))?;
    std::fs::create_dir_all(out_dir)?;
    let (mut files, mut failed, mut spent) = (0u64, 0u64, Duration::ZERO);
    for (n, path) in list.lines().filter(|l| !l.is_empty()).enumerate() {
        let path = Path::new(path);
        let started = Instant::now();
        let loaded = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                match &child {
                    Some(child) => child.load(&bytes),
                    None => incidex::load::load_bytes(path, &bytes),
                }
                .map_err(|e| e.to_string())
            });
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
        serde_json::json!({
            "files": files,
            "failed": failed,
            "seconds": spent.as_secs_f64(),
            "pdfs_per_s": files as f64 / spent.as_secs_f64().max(1e-9),
            "children": child.as_ref().map(ChildLoader::spawned),
        })
    );
    Ok(())
}
