//! One running loader child: started under the limits, asked for one PDF at a time with
//! a deadline, killed when it misbehaves, told to stop (its stdin closed) when done.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use wait_timeout::ChildExt;

use super::{CHILD_COMMAND, ChildLoader, protocol};
use crate::load::{Document, LoadError};

/// Bytes of the child's stderr kept for [`super::crash_reason`].
const STDERR_TAIL: usize = 16 * 1024;

/// How one request ended.
pub enum Answer {
    /// The child answered and can take the next PDF.
    Loaded(Result<Document, LoadError>),
    /// The child crashed, hung or broke a limit; it has been killed and reaped.
    Lost(LoadError),
}

/// A child serving `__load-pdf`, with threads draining its stdout (answers, one per line)
/// and its stderr (the tail kept for crash causes).
pub struct LoaderProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: mpsc::Receiver<Vec<u8>>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    drains: Vec<JoinHandle<()>>,
    /// PDFs this child has answered.
    pub served: usize,
}

impl LoaderProcess {
    pub fn spawn(loader: &ChildLoader) -> Result<LoaderProcess, LoadError> {
        let mut command = Command::new(&loader.exe);
        command
            .arg(CHILD_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Few malloc arenas, so the address-space limit measures the heap, not
            // per-thread reservations; and a fixed mmap threshold, so a large buffer goes
            // back to the system when freed and one PDF's peak does not stay on the next
            // one's account.
            .env("MALLOC_ARENA_MAX", "2")
            .env("MALLOC_MMAP_THRESHOLD_", "262144");
        limit_memory(&mut command, loader.memory);
        let mut child = command
            .spawn()
            .map_err(|e| LoadError::Io(format!("cannot start the PDF loader: {e}")))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");

        let (tx, answers) = mpsc::channel();
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        let drains = vec![
            std::thread::spawn(move || {
                let mut stdout = BufReader::new(stdout);
                loop {
                    let mut line = Vec::new();
                    match stdout.read_until(b'\n', &mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if tx.send(line).is_err() => break,
                        Ok(_) => {}
                    }
                }
            }),
            std::thread::spawn(move || keep_tail(&mut stderr, &tail, STDERR_TAIL)),
        ];
        Ok(LoaderProcess {
            child,
            stdin,
            answers,
            stderr_tail,
            drains,
            served: 0,
        })
    }

    /// Sends one PDF and waits up to `timeout` for the answer. `memory` is the child's
    /// limit, named in the error when it ran out.
    pub fn load(&mut self, bytes: &[u8], timeout: Duration, memory: u64) -> Answer {
        lock(&self.stderr_tail).clear();
        let Some(stdin) = self.stdin.as_mut() else {
            return Answer::Lost(LoadError::Io("the PDF loader has stopped".into()));
        };
        let child = &mut self.child;
        let answers = &self.answers;
        // The request is written by a thread, so that a child that stops reading cannot
        // block this one past the deadline; killing the child ends the write.
        let (answer, ended) = std::thread::scope(|scope| {
            scope.spawn(move || {
                // A child that dies mid-request closes its end; its status reports why.
                let _ = protocol::write_request(stdin, bytes);
            });
            let answer = answers.recv_timeout(timeout);
            let ended = match answer {
                Ok(_) => None,
                Err(RecvTimeoutError::Timeout) => {
                    kill(child);
                    None
                }
                // Its stdout closed: the child is ending, which also ends the write.
                Err(RecvTimeoutError::Disconnected) => Some(wait_briefly(child)),
            };
            (answer, ended)
        });
        match (answer, ended) {
            (Ok(line), _) => match serde_json::from_slice(&line) {
                Ok(result) => {
                    self.served += 1;
                    Answer::Loaded(result)
                }
                Err(e) => {
                    kill(&mut self.child);
                    Answer::Lost(LoadError::ParserCrashed(format!("unreadable answer: {e}")))
                }
            },
            (Err(_), Some(Some(status))) => {
                // The stderr drain ends with the child, and then holds its last words.
                for drain in self.drains.drain(..) {
                    let _ = drain.join();
                }
                let stderr = String::from_utf8_lossy(&lock(&self.stderr_tail)).into_owned();
                Answer::Lost(super::crash_reason(status, &stderr, memory))
            }
            (Err(_), Some(None)) => {
                Answer::Lost(LoadError::ParserCrashed("closed its output".into()))
            }
            (Err(_), None) => Answer::Lost(LoadError::Timeout {
                millis: timeout.as_millis() as u64,
            }),
        }
    }
}

/// Waits a few seconds for a child that is ending; one that does not is killed (`None`).
fn wait_briefly(child: &mut Child) -> Option<std::process::ExitStatus> {
    match child.wait_timeout(Duration::from_secs(5)) {
        Ok(Some(status)) => Some(status),
        _ => {
            kill(child);
            None
        }
    }
}

impl Drop for LoaderProcess {
    /// Closes the child's stdin, which ends its loop, and reaps it; one that does not
    /// end promptly is killed.
    fn drop(&mut self) {
        drop(self.stdin.take());
        if !matches!(self.child.wait_timeout(Duration::from_secs(2)), Ok(Some(_))) {
            kill(&mut self.child);
        }
        for drain in self.drains.drain(..) {
            let _ = drain.join();
        }
    }
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reads a stream to its end, keeping only about the last `keep` bytes in `tail`.
fn keep_tail(r: &mut impl Read, tail: &Mutex<Vec<u8>>, keep: usize) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 {
            break;
        }
        let mut tail = lock(tail);
        tail.extend_from_slice(&buf[..n]);
        if tail.len() > 2 * keep {
            let cut = tail.len() - keep;
            tail.drain(..cut);
        }
    }
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
