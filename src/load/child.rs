//! PDF loading in child processes, so that one hostile PDF costs one skip, never the batch.
//!
//! pdf-extract and lopdf panic on real PDFs (caught in-process by [`super::load_pdf`]), but
//! a crafted PDF can also overflow the parser's stack or inflate a stream to gigabytes:
//! both abort the process, and nothing in-process can catch that. [`ChildLoader`] runs the
//! same binary again as `incidex __load-pdf`, which loads PDF after PDF: each request is
//! the PDF's length and bytes on its stdin, each answer one JSON line on its stdout, the
//! `Result<Document, LoadError>` ([`serve`], framing in [`protocol`]). The parent bounds
//! each PDF's time (the child is killed on expiry) and the child's address space
//! (`RLIMIT_AS`), and turns every way a child can end into a [`LoadError`] sentence for
//! that PDF alone.
//!
//! Children are long-lived: a loader keeps the idle ones and hands one to each thread
//! that asks, so a batch costs one fork and exec per worker thread, not per PDF. A child
//! that crashed, hung or broke its limit is killed and not reused; the next PDF starts a
//! new one. A child retires after [`DEFAULT_FILES_PER_CHILD`] PDFs, so what a parser
//! leaks stays bounded.
//!
//! Limits: Unix only (rlimits and signals).

mod process;
pub mod protocol;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use self::process::{Answer, LoaderProcess};
use super::{Document, LoadError};

/// The hidden subcommand the child runs.
pub const CHILD_COMMAND: &str = "__load-pdf";
/// Time one PDF may take before its child is killed.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
/// Address space one PDF's child may use.
pub const DEFAULT_MEMORY_LIMIT: u64 = 1 << 30;
/// PDFs one child loads before it is replaced by a fresh one.
pub const DEFAULT_FILES_PER_CHILD: usize = 1000;

/// Fault injection for tests of this module's error mapping: when set in the child's
/// environment, the child misbehaves this way instead of loading (`hang`, `abort`,
/// `overflow`, `oom`); `FAULT:TEXT` misbehaves only on PDFs whose bytes contain TEXT.
/// Never set outside tests.
pub const FAULT_ENV: &str = "INCIDEX_TEST_CHILD_FAULT";

/// How to run children: which executable, and its limits; plus the idle children.
/// Clones share the idle children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildLoader {
    /// The incidex binary to run as `<exe> __load-pdf`.
    pub exe: PathBuf,
    /// Time one PDF may take.
    pub timeout: Duration,
    /// Bytes of address space (`RLIMIT_AS`) for a child.
    pub memory: u64,
    /// PDFs a child loads before it is replaced (1: a child per PDF).
    pub files_per_child: usize,
    children: Children,
}

impl ChildLoader {
    /// A loader that runs `exe`, which must be `incidex` or a program that answers
    /// [`CHILD_COMMAND`] by calling [`serve`] (see [`crate::pipeline::PdfLoader`]).
    pub fn new(exe: impl Into<PathBuf>, timeout: Duration, memory: u64) -> ChildLoader {
        ChildLoader {
            exe: exe.into(),
            timeout,
            memory,
            files_per_child: DEFAULT_FILES_PER_CHILD,
            children: Children::default(),
        }
    }

    /// A loader that re-executes the running binary.
    pub fn current_exe(timeout: Duration, memory: u64) -> std::io::Result<ChildLoader> {
        Ok(ChildLoader::new(std::env::current_exe()?, timeout, memory))
    }

    /// Loads a PDF's bytes in an idle child, or a new one when none is idle.
    pub fn load(&self, bytes: &[u8]) -> Result<Document, LoadError> {
        let idle = self.children.lock().pop();
        let mut child = match idle {
            Some(child) => child,
            None => {
                self.children.spawned.fetch_add(1, Ordering::Relaxed);
                LoaderProcess::spawn(self)?
            }
        };
        match child.load(bytes, self.timeout, self.memory) {
            Answer::Loaded(result) => {
                if child.served < self.files_per_child.max(1) {
                    self.children.lock().push(child);
                }
                result
            }
            Answer::Lost(why) => Err(why),
        }
    }

    /// How many children this loader (and its clones) has started so far.
    pub fn spawned(&self) -> u64 {
        self.children.spawned.load(Ordering::Relaxed)
    }
}

/// The idle children, shared by a loader's clones; dropping the last clone stops them.
/// A cache, not part of a loader's identity: loaders with the same settings are equal.
#[derive(Debug, Clone, Default)]
struct Children(Arc<Pool>);

#[derive(Default)]
struct Pool {
    idle: Mutex<Vec<LoaderProcess>>,
    spawned: AtomicU64,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("idle", &self.lock().len())
            .field("spawned", &self.spawned.load(Ordering::Relaxed))
            .finish()
    }
}

impl Pool {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<LoaderProcess>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::ops::Deref for Children {
    type Target = Pool;
    fn deref(&self) -> &Pool {
        &self.0
    }
}

impl PartialEq for Children {
    fn eq(&self, _: &Children) -> bool {
        true
    }
}

impl Eq for Children {}

/// Why a child ended without an answer, from its status and the last words on its stderr.
fn crash_reason(status: std::process::ExitStatus, stderr: &str, memory: u64) -> LoadError {
    use std::os::unix::process::ExitStatusExt;
    // Rust's runtime prints these before aborting.
    if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
        return LoadError::OutOfMemory { limit: memory };
    }
    if stderr.contains("has overflowed its stack") {
        return LoadError::ParserCrashed("stack overflow".into());
    }
    let how = match status.signal() {
        Some(libc::SIGKILL) => "killed".to_string(),
        Some(libc::SIGSEGV) => "segmentation fault".to_string(),
        Some(libc::SIGABRT) => "aborted".to_string(),
        Some(sig) => format!("signal {sig}"),
        None => format!("exit status {}", status.code().unwrap_or(-1)),
    };
    LoadError::ParserCrashed(how)
}

/// The child's side: answers each PDF request on `input` with a JSON line on `output`,
/// until `input` ends.
pub fn serve(mut input: impl Read, output: impl Write) -> std::io::Result<()> {
    // serde_json writes a long text in many small pieces.
    let mut output = std::io::BufWriter::with_capacity(1 << 16, output);
    let fault = std::env::var(FAULT_ENV).ok();
    while let Some(bytes) = protocol::read_request(&mut input)? {
        if let Some(kind) = fault.as_deref().and_then(|f| fault_for(f, &bytes)) {
            inject(kind);
        }
        let result = super::load_pdf(&bytes);
        serde_json::to_writer(&mut output, &result)?;
        writeln!(output)?;
        output.flush()?;
    }
    Ok(())
}

/// The fault to inject on this PDF, from [`FAULT_ENV`]'s value.
fn fault_for<'a>(fault: &'a str, bytes: &[u8]) -> Option<&'a str> {
    let (kind, trigger) = fault.split_once(':').unwrap_or((fault, ""));
    let hit = trigger.is_empty()
        || bytes
            .windows(trigger.len())
            .any(|w| w == trigger.as_bytes());
    hit.then_some(kind)
}

/// Misbehaves as the fault names, to prove the parent survives it.
fn inject(fault: &str) {
    match fault {
        "hang" => loop {
            std::thread::sleep(Duration::from_secs(60));
        },
        "abort" => std::process::abort(),
        "overflow" => {
            #[allow(unconditional_recursion)] // the point: run out of stack
            fn deeper(n: u64) -> u64 {
                let pad = std::hint::black_box([n; 64]);
                deeper(n + 1) + pad[0]
            }
            std::hint::black_box(deeper(0));
        }
        "oom" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![1u8; 64 << 20]);
                std::hint::black_box(&hoard);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_reasons_read_as_sentences() {
        use std::os::unix::process::ExitStatusExt;
        let aborted = std::process::ExitStatus::from_raw(libc::SIGABRT);
        assert_eq!(
            crash_reason(
                aborted,
                "memory allocation of 536870912 bytes failed\n",
                1 << 30
            )
            .to_string(),
            "the PDF needs more than 1 GiB of memory"
        );
        assert_eq!(
            crash_reason(
                aborted,
                "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow",
                1 << 30
            )
            .to_string(),
            "the PDF parser crashed (stack overflow)"
        );
        let segv = std::process::ExitStatus::from_raw(libc::SIGSEGV);
        assert_eq!(
            crash_reason(segv, "", 1 << 30).to_string(),
            "the PDF parser crashed (segmentation fault)"
        );
    }

    #[test]
    fn serve_answers_each_request_with_one_json_line() {
        let mut input = Vec::new();
        protocol::write_request(&mut input, b"not a pdf at all").unwrap();
        protocol::write_request(&mut input, b"%PDF-1.4\ncut short").unwrap();
        let mut out = Vec::new();
        serve(&input[..], &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let answers: Vec<Result<Document, LoadError>> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(answers.len(), 2, "{out}");
        assert_eq!(answers[0], Err(LoadError::NotPdf));
        assert!(
            matches!(answers[1], Err(LoadError::BrokenPdf(_))),
            "{:?}",
            answers[1]
        );
    }

    #[test]
    fn a_fault_with_a_trigger_hits_only_the_pdfs_holding_it() {
        assert_eq!(fault_for("hang", b"%PDF-1.4 any"), Some("hang"));
        assert_eq!(
            fault_for("abort:%%crash-me", b"%PDF-1.4 %%crash-me"),
            Some("abort")
        );
        assert_eq!(fault_for("abort:%%crash-me", b"%PDF-1.4 plain"), None);
    }
}
