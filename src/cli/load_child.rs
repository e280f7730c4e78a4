//! `incidex __load-pdf`: the hidden child side of [`incidex::load::child`]. Reads PDFs on
//! stdin, each framed by its length, and answers each with its `Result<Document,
//! LoadError>` as one JSON line on stdout, until stdin ends. Run by incidex itself under
//! a time and memory limit, never by users.

pub fn run() -> anyhow::Result<i32> {
    // Panics are caught and answered as errors; the default hook would only add noise
    // to the stderr the parent reads for crash causes.
    std::panic::set_hook(Box::new(|_| {}));
    incidex::load::child::serve(std::io::stdin().lock(), std::io::stdout().lock())?;
    Ok(super::exit::OK)
}
