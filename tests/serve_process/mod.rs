//! `incidex serve` as a child process, for the HTTP tests (tests/cli/serve.rs) and the
//! browser tests (tests/browser/): started on an address, its base URL read from the line
//! it prints, killed and reaped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `incidex serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    /// The URL it serves, without a trailing slash.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `incidex serve --addr ADDR --index INDEX` (port 0: a free one), its stderr as given.
pub fn serve(index: &Path, addr: &str, stderr: Stdio) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["serve", "--addr", addr, "--index"])
        .arg(index)
        .env_remove("INCIDEX_INDEX")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("start incidex serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Server { child, base }
}
