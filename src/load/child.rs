//! PDF loading in a child process, so that one hostile PDF costs one skip, never the batch.
//!
//! pdf-extract and lopdf panic on real PDFs (caught in-process by [`super::load_pdf`]), but
//! a crafted PDF can also overflow the parser's stack or inflate a stream to gigabytes:
//! both abort the process, and nothing in-process can catch that. [`ChildLoader`] runs the
//! same binary again as `incidex __load-pdf`, which reads the PDF's bytes on stdin and
//! writes one JSON line, the `Result<Document, LoadError>`, on stdout ([`serve`]). The
//! parent bounds the child's time (killed on expiry) and its address space (`RLIMIT_AS`),
//! and turns every way the child can end into a [`LoadError`] sentence.
//!
//! Limits: Unix only (rlimits and signals). Spawning costs a few milliseconds per PDF.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use super::{Document, LoadError};

/// The hidden subcommand the child runs.
pub const CHILD_COMMAND: &str = "__load-pdf";
/// Time one PDF may take before its child is killed.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
/// Address space one PDF's child may use.
pub const DEFAULT_MEMORY_LIMIT: u64 = 1 << 30;

/// Fault injection for tests of this module's error mapping: when set in the child's
/// environment, the child misbehaves this way instead of loading (`hang`, `abort`,
/// `overflow`, `oom`). Never set outside tests.
pub const FAULT_ENV: &str = "INCIDEX_TEST_CHILD_FAULT";

/// How to run a child: which executable, and its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildLoader {
    /// The incidex binary to run as `<exe> __load-pdf`.
    pub exe: PathBuf,
    pub timeout: Duration,
    /// Bytes of address space (`RLIMIT_AS`) for the child.
    pub memory: u64,
}

impl ChildLoader {
    /// A loader that re-executes the running binary, which must be `incidex` or a program
    /// that answers [`CHILD_COMMAND`] by calling [`serve`] (see
    /// [`crate::pipeline::PdfLoader`]).
    pub fn current_exe(timeout: Duration, memory: u64) -> std::io::Result<ChildLoader> {
        Ok(ChildLoader {
            exe: std::env::current_exe()?,
            timeout,
            memory,
        })
    }

    /// Loads a PDF's bytes in a child process.
    pub fn load(&self, bytes: &[u8]) -> Result<Document, LoadError> {
        let mut command = Command::new(&self.exe);
        command
            .arg(CHILD_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Few malloc arenas, so the address-space limit measures the heap, not
            // per-thread reservations.
            .env("MALLOC_ARENA_MAX", "2");
        limit_memory(&mut command, self.memory);
        let mut child = command
            .spawn()
            .map_err(|e| LoadError::Io(format!("cannot start the PDF loader: {e}")))?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");

        // The pipes are served by threads so that neither side blocks on a full pipe
        // while this thread waits with a deadline.
        let (status, out, err) = std::thread::scope(|scope| {
            scope.spawn(move || {
                // A child that dies early closes its end; that is reported by its status.
                let _ = stdin.write_all(bytes);
            });
            let out = scope.spawn(move || {
                let mut buf = Vec::new();
                let _ = stdout.read_to_end(&mut buf);
                buf
            });
            let err = scope.spawn(move || tail_of(&mut stderr, 16 * 1024));
            let status = match child.wait_timeout(self.timeout) {
                Ok(Some(status)) => Ok(status),
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    Err(LoadError::Timeout {
                        millis: self.timeout.as_millis() as u64,
                    })
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    Err(LoadError::Io(format!("lost the PDF loader: {e}")))
                }
            };
            (
                status,
                out.join().unwrap_or_default(),
                err.join().unwrap_or_default(),
            )
        });
        let status = status?;
        if status.success()
            && let Ok(result) = serde_json::from_slice::<Result<Document, LoadError>>(&out)
        {
            return result;
        }
        Err(crash_reason(
            status,
            &String::from_utf8_lossy(&err),
            self.memory,
        ))
    }
}

/// Reads a stream to its end, keeping only the last `keep` bytes.
fn tail_of(r: &mut impl Read, keep: usize) -> Vec<u8> {
    let mut tail = Vec::new();
    let mut buf = [0u8; 8192];
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 {
            break;
        }
        tail.extend_from_slice(&buf[..n]);
        if tail.len() > 2 * keep {
            tail.drain(..tail.len() - keep);
        }
    }
    tail
}

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

#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs between fork and exec and only calls setrlimit, which is
    // async-signal-safe; it allocates nothing.
    unsafe {
        command.pre_exec(move || {
            let limit = |resource, value: u64| {
                let rl = libc::rlimit {
                    rlim_cur: value as libc::rlim_t,
                    rlim_max: value as libc::rlim_t,
                };
                if libc::setrlimit(resource, &rl) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            };
            limit(libc::RLIMIT_AS, bytes)?;
            // A crashing parser must not litter the archive with core files.
            limit(libc::RLIMIT_CORE, 0)
        });
    }
}

/// The child's side: reads a PDF from `input`, writes the JSON result line to `output`.
pub fn serve(mut input: impl Read, mut output: impl Write) -> std::io::Result<()> {
    if let Ok(fault) = std::env::var(FAULT_ENV) {
        inject(&fault);
    }
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let result = super::load_pdf(&bytes);
    serde_json::to_writer(&mut output, &result)?;
    writeln!(output)?;
    output.flush()
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
    fn serve_answers_one_json_line() {
        let mut out = Vec::new();
        serve(&b"not a pdf at all"[..], &mut out).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.ends_with('\n'));
        let result: Result<Document, LoadError> = serde_json::from_str(&line).unwrap();
        assert_eq!(result, Err(LoadError::NotPdf));
    }
}
