//! The browser tests' machinery: an index of the corpus built once per run, an `incidex
//! serve` on a free loopback port, chromedriver on another, and a headless chromium
//! session driven through WebDriver (fantoccini). Every process started here is killed
//! when its guard drops.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

#[path = "../serve_process/mod.rs"]
mod serve_process;
use hyper_util::client::legacy::connect::HttpConnector;
use serve_process::Server;

/// A document whose title holds markup: the pages must show it as text.
pub const HOSTILE_TITLE: &str = "<script>alert(\"x\")</script> Läcka hos skolans leverantör";

/// A Swedish news page written for these tests, its title a `<script>` element.
const HOSTILE_HTML: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>&lt;script&gt;alert("x")&lt;/script&gt; Läcka hos skolans leverantör</title></head>
<body><h1>&lt;script&gt;alert("x")&lt;/script&gt; Läcka hos skolans leverantör</h1>
<p>Kommunens it-leverantör upptäckte den 1 mars 2021 att en databas med elevers
personuppgifter hade varit åtkomlig för obehöriga. Kommunen fick kännedom om incidenten
samma dag och anmälde den till IMY den 2 mars 2021.</p>
<p>&lt;img src=x onerror=alert(2)&gt; Uppgifterna rörde omkring 300 elever.</p>
</body></html>"#;

/// The index every browser test reads: the corpus's texts and the hostile page. Built once
/// per run of the test binary (the servers only read it).
pub fn shared_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
        let _ = std::fs::remove_dir_all(&root);
        let docs = root.join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("larm.html"), HOSTILE_HTML).unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(&corpus).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, docs.join(path.file_name().unwrap())).unwrap();
            }
        }
        let index = root.join("index");
        let out = Command::new(env!("CARGO_BIN_EXE_incidex"))
            .args(["ingest", "--index"])
            .arg(&index)
            .arg(&docs)
            .env_remove("INCIDEX_INDEX")
            .output()
            .expect("run incidex ingest");
        assert!(
            out.status.success(),
            "ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        index
    })
}

/// A child process killed (and reaped) when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `incidex serve` on a free loopback port, its stderr on the test's.
pub fn serve(index: &Path) -> Server {
    serve_process::serve(index, "127.0.0.1:0", Stdio::inherit())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A browser session with its chromedriver; the session is closed by [`Browser::close`],
/// chromedriver (and with it chromium) killed on drop.
pub struct Browser {
    pub client: Client,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let driver = Killed(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver is installed (scripts/test-deps/15-chromium.sh)"),
        );
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,800",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "args": args, "binary": chromium() }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{addr}"))
            .await
            .expect("start a chromium session");
        Browser {
            client,
            _driver: driver,
            _profile: profile,
        }
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// Debian's chromium binary.
fn chromium() -> String {
    ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("chromium")
        .to_string()
}
