//! `incidex serve` over HTTP, without a browser (tests/browser/ drives the pages): the JSON
//! API gives what the CLI prints, statuses and security headers, an import into the served
//! index shows up by itself, and the address rules.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{corpus, incidex, json_lines, stderr, stdout};

#[path = "../serve_process/mod.rs"]
mod serve_process;
use serve_process::Server;

/// The server with its stderr kept, for the address warning.
fn serve(index: &Path, addr: &str) -> Server {
    serve_process::serve(index, addr, Stdio::piped())
}

/// A response: status, headers (lower-case names), body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request with `Connection: close`, read to the end.
fn request(base: &str, method: &str, path: &str) -> Response {
    let host = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(base: &str, path: &str) -> Response {
    request(base, "GET", path)
}

/// An index of the first `n` corpus texts, in `dir`.
fn index_of_texts(dir: &Path, n: usize) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let mut texts: Vec<_> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    for path in texts.iter().take(n) {
        std::fs::copy(path, docs.join(path.file_name().unwrap())).unwrap();
    }
    let index = dir.join("index");
    let o = incidex(dir, &["ingest", "--index", index.to_str().unwrap(), "docs"]);
    assert!(o.status.success(), "{}", stderr(&o));
    index
}

#[test]
fn the_api_gives_what_the_cli_prints() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of_texts(dir.path(), 3);
    let idx = index.to_str().unwrap();
    let server = serve(&index, "127.0.0.1:0");

    // /api/search lists the lines of `search --json`.
    let answer = get(&server.base, "/api/search?q=leverant%C3%B6r").json();
    let cli = json_lines(&incidex(
        dir.path(),
        &[
            "search",
            "--json",
            "--limit",
            "20",
            "--index",
            idx,
            "leverantör",
        ],
    ));
    assert!(!cli.is_empty());
    assert_eq!(answer["hits"].as_array().unwrap(), &cli);
    assert_eq!(answer["total"], cli.len());
    assert_eq!(answer["query"], "(leverantör)");

    // Filters are the CLI's shorthands.
    let supplier = cli[0]["record"]["suppliers"][0]
        .as_str()
        .expect("a hit names a supplier");
    let path = format!(
        "/api/search?q=leverant%C3%B6r&supplier={}",
        supplier.replace(' ', "+")
    );
    let filtered = get(&server.base, &path).json();
    let cli_filtered = json_lines(&incidex(
        dir.path(),
        &[
            "search",
            "--json",
            "--limit",
            "20",
            "--index",
            idx,
            "--supplier",
            supplier,
            "leverantör",
        ],
    ));
    assert_eq!(filtered["hits"].as_array().unwrap(), &cli_filtered);

    // /api/records/{id} is `show --json`, by whole id or a unique prefix.
    let id = cli[0]["record"]["id"].as_str().unwrap();
    let shown: Value = serde_json::from_str(&stdout(&incidex(
        dir.path(),
        &["show", "--json", "--index", idx, id],
    )))
    .unwrap();
    assert_eq!(
        get(&server.base, &format!("/api/records/{id}")).json(),
        shown
    );
    assert_eq!(
        get(&server.base, &format!("/api/records/{}", &id[..12])).json(),
        shown
    );

    // /api/stats is `stats --format json`, for the index and for a query.
    for (path, args) in [
        (
            "/api/stats",
            vec!["stats", "--format", "json", "--index", idx],
        ),
        (
            "/api/stats?q=leverant%C3%B6r",
            vec![
                "stats",
                "--format",
                "json",
                "--index",
                idx,
                "--query",
                "leverantör",
            ],
        ),
    ] {
        let cli: Value = serde_json::from_str(&stdout(&incidex(dir.path(), &args))).unwrap();
        assert_eq!(get(&server.base, path).json(), cli, "{path}");
    }
}

#[test]
fn statuses_and_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of_texts(dir.path(), 1);
    let server = serve(&index, "127.0.0.1:0");
    let base = &server.base;

    for path in [
        "/search",
        "/search?q=incident",
        "/stats",
        "/help",
        "/assets/style.css",
    ] {
        let r = get(base, path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("script-src"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    // Nothing on the pages comes from elsewhere.
    let page = get(base, "/search?q=incident").body;
    assert!(
        !page.contains("<script") && !page.contains("src=\"http"),
        "{page}"
    );

    // Every example of the help page runs.
    let help = get(base, "/help").body;
    let examples: Vec<&str> = help
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|href| href.starts_with("/search?q="))
        .collect();
    assert!(examples.len() >= 10, "{help}");
    for href in examples {
        let r = get(base, &href.replace("&amp;", "&"));
        assert_eq!(r.status, 200, "{href}: {}", r.body);
    }

    let bad = get(base, "/search?q=%22fel+mottagare");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("cannot read the query"), "{}", bad.body);
    assert!(bad.header("content-security-policy").is_some());
    let bad = get(base, "/api/search?q=colour%3Ablue");
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("no field `colour`")
    );
    assert_eq!(get(base, "/search?from=2021-02-30").status, 400);
    assert_eq!(get(base, "/stats?late=perhaps").status, 400);

    for path in [
        "/records/0000000000",
        "/records/not-an-id",
        "/api/records/ffff",
        "/nowhere",
    ] {
        assert_eq!(get(base, path).status, 404, "{path}");
    }
    // No endpoint writes.
    assert_eq!(request(base, "POST", "/search").status, 405);
    assert_eq!(request(base, "DELETE", "/api/records/0").status, 405);
}

#[test]
fn a_running_server_shows_an_import_into_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of_texts(dir.path(), 1);
    let server = serve(&index, "127.0.0.1:0");
    let total = |base: &str| get(base, "/api/search").json()["total"].as_u64().unwrap();
    assert_eq!(total(&server.base), 1);

    let more = dir.path().join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(
        more.join("notis.txt"),
        "Regionen anmälde den 4 maj 2022 en personuppgiftsincident till IMY. En \
         leverantör hade skickat patientuppgifter till fel mottagare den 2 maj 2022.\n",
    )
    .unwrap();
    let mut import = Command::new(env!("CARGO_BIN_EXE_incidex"))
        .args(["ingest", "--index", index.to_str().unwrap()])
        .arg(&more)
        .env_remove("INCIDEX_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // While the import runs the server answers from the last commit; afterwards it shows
    // the new one without a restart.
    let started = Instant::now();
    loop {
        let n = total(&server.base);
        assert!(n == 1 || n == 2, "{n} documents");
        if n == 2 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the new commit never showed"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(import.wait().unwrap().success());
    let found = get(&server.base, "/api/search?q=patientuppgifter").json();
    assert_eq!(found["total"], 1);
}

#[test]
fn only_loopback_goes_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of_texts(dir.path(), 1);
    for (addr, warned) in [("127.0.0.1:0", false), ("0.0.0.0:0", true)] {
        let mut server = serve(&index, addr);
        assert_eq!(
            get(&server.base.replace("0.0.0.0", "127.0.0.1"), "/help").status,
            200
        );
        server.child.kill().unwrap();
        let mut err = String::new();
        server
            .child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(err.contains("warning"), warned, "{addr}: {err}");
        if warned {
            assert!(err.contains("reached from other machines"), "{err}");
        }
    }
}

#[test]
fn serve_without_an_index_cannot_start() {
    let dir = tempfile::tempdir().unwrap();
    let o = incidex(
        dir.path(),
        &["serve", "--index", "nothing-here", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("no index at nothing-here"),
        "{}",
        stderr(&o)
    );
}
