//! Faults and concurrent use of one index: an import killed with SIGKILL half way, two
//! imports at once, searching during an import, an index directory that cannot be written,
//! a disk that fills up during an import.
//!
//! To stop an import at a known point without timing guesses, one PDF in the middle of the
//! folder makes its loader child hang (the child's fault-injection switch), with one worker:
//! every file before it has reached the writer, the batches before it are committed, the
//! rest of its batch is pending in memory. That is when the import is killed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BATCH: usize = 20;

fn incidex() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incidex"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove(incidex::load::child::FAULT_ENV)
        .env_remove("INCIDEX_INDEX");
    cmd
}

/// A short Swedish notice, different for each `i` so that each is its own document.
fn notice(i: usize) -> String {
    format!(
        "Ärende {i}: förvaltningen upptäckte att personuppgifter om {n} elever hade \
         skickats till fel mottagare. Händelsen anmäldes till Integritetsskyddsmyndigheten \
         inom 72 timmar. Löpnummer {i}.\n",
        n = 10 + i
    )
}

/// `before` notices, the hanging PDF `m.pdf`, then `after` notices.
fn archive(dir: &Path, before: usize, after: usize) -> usize {
    for i in 0..before {
        std::fs::write(dir.join(format!("a{i:04}.txt")), notice(i)).unwrap();
    }
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/001_465ed690dad0ed7b.pdf");
    std::fs::copy(pdf, dir.join("m.pdf")).unwrap();
    for i in 0..after {
        std::fs::write(dir.join(format!("z{i:04}.txt")), notice(before + i)).unwrap();
    }
    before + 1 + after
}

/// Starts an import that will hang on `m.pdf`, in its own process group so that the
/// import and its loader child can be killed together.
fn hanging_import(index: &Path, docs: &Path) -> Child {
    use std::os::unix::process::CommandExt;
    incidex()
        .env(incidex::load::child::FAULT_ENV, "hang")
        .args(["ingest", "--json", "--jobs", "1", "--file-timeout", "3600"])
        .args(["--batch-size", &BATCH.to_string(), "--index"])
        .arg(index)
        .arg(docs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start incidex ingest")
}

fn kill_group(child: &mut Child) {
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::kill(-pid, libc::SIGKILL) }, 0);
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGKILL));
}

/// Documents in the committed index, opened as a search would open it.
fn committed_docs(index: &Path) -> Option<u64> {
    let index = incidex::index::open(index).ok()?;
    Some(index.reader().ok()?.searcher().num_docs())
}

/// Waits until the index has `docs` committed documents. The deadline only keeps a broken
/// build from hanging CI; it is generous for a loaded machine.
fn wait_for_commit(index: &Path, docs: u64, import: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if committed_docs(index) == Some(docs) {
            return;
        }
        if let Some(status) = import.try_wait().unwrap() {
            panic!("the import ended ({status}) before committing {docs} documents");
        }
        assert!(Instant::now() < deadline, "no commit of {docs} documents");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every hit for a word all notices share, as JSON records.
fn search_all(index: &Path) -> (Output, Vec<Value>) {
    let out = incidex()
        .args(["search", "--json", "--limit", "10000", "--index"])
        .arg(index)
        .arg("personuppgifter")
        .output()
        .unwrap();
    let hits = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|h| h.get("record").is_some())
        .map(|h| h["record"].clone())
        .collect();
    (out, hits)
}

fn ingest_json(index: &Path, docs: &Path) -> (Output, Value) {
    let out = incidex()
        .args(["ingest", "--json", "--index"])
        .arg(index)
        .arg(docs)
        .output()
        .unwrap();
    let summary = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out, summary)
}

fn sources(records: &[Value]) -> Vec<String> {
    let mut s: Vec<String> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    s.sort();
    s
}

#[test]
fn an_import_killed_half_way_keeps_its_commits_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, index) = (dir.path().join("docs"), dir.path().join("idx"));
    std::fs::create_dir(&docs).unwrap();
    let before = 7 * BATCH + BATCH / 2;
    let total = archive(&docs, before, 150);
    let committed = (before / BATCH * BATCH) as u64;

    let mut import = hanging_import(&index, &docs);
    wait_for_commit(&index, committed, &mut import);
    kill_group(&mut import);

    // The index opens and answers with every committed batch, exactly the first files.
    assert_eq!(committed_docs(&index), Some(committed));
    let (out, hits) = search_all(&index);
    assert_eq!(out.status.code(), Some(0));
    let expected: Vec<String> = (0..committed as usize)
        .map(|i| {
            docs.join(format!("a{i:04}.txt"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources(&hits), expected);

    // The same import again finishes the job: the committed files are unchanged, the
    // rest new, and every file is in the index once.
    let (out, summary) = ingest_json(&index, &docs);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(summary["unchanged"], committed);
    assert_eq!(summary["new"], total as u64 - committed);
    assert_eq!(summary["documents"], total as u64);
    assert_eq!(committed_docs(&index), Some(total as u64));
    let (_, hits) = search_all(&index);
    let found = sources(&hits);
    let mut unique = found.clone();
    unique.dedup();
    assert_eq!(found, unique, "a document indexed twice");
    // The notices all say "personuppgifter"; the PDF is the one file that may not.
    assert!(found.len() >= total - 1, "{} of {total}", found.len());
}

/// The same at an unplanned moment: killed as soon as the first batch is visible, which
/// may be while the writer adds or commits the next. (On a machine fast enough to finish
/// first, the import is simply complete, and the checks still hold.)
#[test]
fn an_import_killed_at_an_unplanned_moment_leaves_a_consistent_index() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let (docs, index) = (dir.path().join("docs"), dir.path().join("idx"));
    std::fs::create_dir(&docs).unwrap();
    let total = 300;
    for i in 0..total {
        std::fs::write(docs.join(format!("n{i:04}.txt")), notice(i)).unwrap();
    }
    let mut import = incidex()
        .args(["ingest", "--jobs", "2", "--batch-size", &BATCH.to_string()])
        .arg("--index")
        .arg(&index)
        .arg(&docs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    while committed_docs(&index).unwrap_or(0) == 0 && import.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "no first commit");
        std::thread::sleep(Duration::from_millis(20));
    }
    if import.try_wait().unwrap().is_none() {
        kill_group(&mut import);
    }

    // Whole batches only, each document once.
    let committed = committed_docs(&index).expect("the index opens");
    assert!(committed > 0);
    assert!(
        committed.is_multiple_of(BATCH as u64) || committed == total as u64,
        "{committed} documents: half a batch"
    );
    let (_, hits) = search_all(&index);
    let found = sources(&hits);
    let mut unique = found.clone();
    unique.dedup();
    assert_eq!(found, unique);
    assert_eq!(found.len() as u64, committed);

    let (out, summary) = ingest_json(&index, &docs);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(summary["unchanged"], committed);
    assert_eq!(summary["documents"], total as u64);
    assert_eq!(search_all(&index).1.len(), total);
}

#[test]
fn a_second_import_stops_with_the_first_ones_pid_and_searches_see_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, index) = (dir.path().join("docs"), dir.path().join("idx"));
    std::fs::create_dir(&docs).unwrap();
    archive(&docs, 2 * BATCH + 3, 5);
    let committed = 2 * BATCH as u64;

    let mut first = hanging_import(&index, &docs);
    wait_for_commit(&index, committed, &mut first);

    let second = incidex()
        .args(["ingest", "--index"])
        .arg(&index)
        .arg("corpus/000_20a3bd6262d9f0ad.txt")
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&second.stderr),
        format!(
            "incidex: index is in use by another import (pid {})\n",
            first.id()
        )
    );

    // A search during the import sees the last commit, not the pending batch.
    let (out, hits) = search_all(&index);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(hits.len() as u64, committed);

    kill_group(&mut first);
    assert_eq!(committed_docs(&index), Some(committed));
    // With the first import gone, the lock is free again.
    let (out, _) = ingest_json(&index, Path::new("corpus/000_20a3bd6262d9f0ad.txt"));
    assert_eq!(out.status.code(), Some(0));
}

/// Runs `incidex` as an unprivileged user when the tests run as root, for whom permission
/// bits do not stop a write.
fn as_unprivileged(cmd: &mut Command, dirs: &[&Path]) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    if unsafe { libc::geteuid() } == 0 {
        for d in dirs {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        cmd.uid(65534).gid(65534);
    }
}

#[test]
fn a_read_only_index_directory_gives_a_clear_error_and_still_answers_searches() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let (out, _) = ingest_json(&index, Path::new("corpus/000_20a3bd6262d9f0ad.txt"));
    assert_eq!(out.status.code(), Some(0));
    for entry in std::fs::read_dir(&index).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o555)).unwrap();

    let mut ingest = incidex();
    ingest
        .args(["ingest", "--index"])
        .arg(&index)
        .arg("corpus/002_5c101b88627a1e6e.txt");
    as_unprivileged(&mut ingest, &[dir.path()]);
    let out = ingest.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("incidex: "), "{stderr}");
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let mut search = incidex();
    search
        .args(["search", "--json", "--index"])
        .arg(&index)
        .arg("personuppgifter");
    as_unprivileged(&mut search, &[dir.path()]);
    let out = search.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A file system of 1 MiB mounted for the index (tmpfs), unmounted on drop.
struct TinyFileSystem(PathBuf);

impl TinyFileSystem {
    /// None where mounting is not permitted (not root, or a container without the right),
    /// or when `INCIDEX_TEST_NO_MOUNT` is set, to try the fallback where mounting works.
    fn mount(dir: &Path) -> Option<TinyFileSystem> {
        if std::env::var_os("INCIDEX_TEST_NO_MOUNT").is_some() {
            return None;
        }
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let target = CString::new(dir.as_os_str().as_bytes()).unwrap();
        let done = unsafe {
            libc::mount(
                c"tmpfs".as_ptr(),
                target.as_ptr(),
                c"tmpfs".as_ptr(),
                0,
                c"size=1m".as_ptr().cast(),
            )
        };
        (done == 0).then(|| TinyFileSystem(dir.to_path_buf()))
    }
}

impl Drop for TinyFileSystem {
    fn drop(&mut self) {
        use std::os::unix::ffi::OsStrExt;
        let target = std::ffi::CString::new(self.0.as_os_str().as_bytes()).unwrap();
        // Detached, so that a still-open file cannot keep the mount (and the test) alive.
        unsafe { libc::umount2(target.as_ptr(), libc::MNT_DETACH) };
    }
}

/// Where the index cannot grow: a tiny mounted file system, or, where mounting is not
/// permitted, a file size limit on the import (`RLIMIT_FSIZE`, with `SIGXFSZ` ignored so
/// that a write past it fails with "file too large" instead of killing the process).
enum NoRoom {
    Disk { _mounted: TinyFileSystem },
    FileSizeLimit,
}

impl NoRoom {
    fn limit(&self, cmd: &mut Command) {
        use std::os::unix::process::CommandExt;
        if let NoRoom::FileSizeLimit = self {
            unsafe {
                cmd.pre_exec(|| {
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    let limit = libc::rlimit {
                        rlim_cur: 64 * 1024,
                        rlim_max: 64 * 1024,
                    };
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
    }

    fn cause(&self) -> &'static str {
        match self {
            NoRoom::Disk { .. } => "no space left on device",
            NoRoom::FileSizeLimit => {
                "file too large for the file system or the process's file size limit"
            }
        }
    }
}

/// Appendices of random words: text that takes room in an index (every word is a new term
/// and the stored text hardly compresses), without a word the notices use.
fn appendices(dir: &Path, count: usize) {
    let mut rng = fastrand::Rng::with_seed(6);
    let letters: Vec<char> = "abdefghijklmnoprstuvyåäö".chars().collect();
    for i in 0..count {
        let mut text = format!("Bilaga {i} till protokollet.\n");
        for _ in 0..800 {
            text.extend((0..10).map(|_| letters[rng.usize(..letters.len())]));
            text.push(' ');
        }
        std::fs::write(dir.join(format!("b{i:04}.txt")), text).unwrap();
    }
}

#[test]
fn a_full_disk_stops_the_import_with_one_line_and_keeps_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (before, big, mount) = (
        dir.path().join("before"),
        dir.path().join("big"),
        dir.path().join("mnt"),
    );
    for d in [&before, &big, &mount] {
        std::fs::create_dir(d).unwrap();
    }
    let room = match TinyFileSystem::mount(&mount) {
        Some(fs) => NoRoom::Disk { _mounted: fs },
        None => {
            eprintln!(
                "no tmpfs mounted (not permitted, or INCIDEX_TEST_NO_MOUNT): a file size limit fills in"
            );
            NoRoom::FileSizeLimit
        }
    };
    let index = mount.join("idx");
    for i in 0..3 {
        std::fs::write(before.join(format!("a{i}.txt")), notice(i)).unwrap();
    }
    let (out, summary) = ingest_json(&index, &before);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(summary["documents"], 3);

    // Far more than the room left: the first batch or a later one cannot be written.
    // Then the same again on the disk still full, where the first new file already fails.
    appendices(&big, 200);
    for _ in 0..2 {
        let mut import = incidex();
        import
            .args(["ingest", "--json", "--batch-size", "10", "--index"])
            .arg(&index)
            .arg(&big);
        room.limit(&mut import);
        let out = import.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let committed = committed_docs(&index).expect("the index still opens");
        let documents = if committed == 1 {
            "document"
        } else {
            "documents"
        };
        assert_eq!(
            stderr,
            format!(
                "incidex: {}: cannot write the index: {}; it keeps its last commit \
                 ({committed} {documents})\n",
                index.display(),
                room.cause()
            )
        );
        assert!(
            out.stdout.is_empty(),
            "no summary of an import that stopped"
        );
        // Whole batches only, on top of the first import.
        assert!(
            committed >= 3 && (committed - 3).is_multiple_of(10),
            "{committed}"
        );
    }

    // The index answers with the notices committed before (searched without any limit).
    let (out, hits) = search_all(&index);
    assert_eq!(out.status.code(), Some(0));
    let expected: Vec<String> = (0..3)
        .map(|i| {
            before
                .join(format!("a{i}.txt"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources(&hits), expected);
}
