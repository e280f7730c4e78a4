//! Paths to files: directories are walked recursively, hidden entries skipped, symlink
//! loops reported, and only files incidex can read are kept. Order is stable (sorted).

use std::path::{Path, PathBuf};

use crate::load;

/// A path the walk could not follow, with a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    /// A short stable name for the reason: `symlink_loop`, `dangling_symlink`,
    /// `not_found` or `unreadable`.
    pub kind: &'static str,
    pub reason: String,
}

/// Expands `paths` into files. A file named explicitly is kept whatever its extension.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for entry in walk(paths) {
        match entry {
            Ok(path) => found.push(path),
            Err(e) => errors.push(e),
        }
    }
    (found, errors)
}

/// What [`walk`] yields: a file, or a path the walk could not follow.
pub type Entry = Result<PathBuf, WalkError>;

/// [`files`] one at a time, in the same order, reading each directory only when the walk
/// gets to it: an import of a large archive starts at once and never holds every path.
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Entry> + Send + '_ {
    paths
        .iter()
        .flat_map(|root| -> Box<dyn Iterator<Item = Entry> + Send> {
            if root.as_os_str() == "-" {
                return Box::new(std::iter::once(Ok(root.clone())));
            }
            match std::fs::metadata(root) {
                Err(e) => {
                    let (kind, reason) = path_reason(root, &e);
                    Box::new(std::iter::once(Err(WalkError {
                        path: root.clone(),
                        kind,
                        reason,
                    })))
                }
                Ok(meta) if meta.is_dir() => Box::new(walk_dir(root.clone())),
                // Files, and pipes or devices named explicitly: reading reports what they are.
                Ok(_) => Box::new(std::iter::once(Ok(root.clone()))),
            }
        })
}

fn walk_dir(root: PathBuf) -> impl Iterator<Item = Entry> + Send {
    let walker = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    walker.filter_map(move |entry| match entry {
        // Pipes and sockets with a document's name are kept so that reading them
        // reports a skip rather than dropping them unseen.
        Ok(e) if !e.file_type().is_dir() && load::is_candidate(e.path()) => Some(Ok(e.into_path())),
        Ok(_) => None,
        Err(e) => {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| root.clone());
            let (kind, reason) = if e.loop_ancestor().is_some() {
                (
                    "symlink_loop",
                    "symbolic link loop, not followed".to_string(),
                )
            } else if let Some(io) = e.io_error() {
                path_reason(&path, io)
            } else {
                ("unreadable", e.to_string())
            };
            Some(Err(WalkError { path, kind, reason }))
        }
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Why `path` cannot be opened (its kind and a sentence), telling a dangling symbolic
/// link from a missing file.
fn path_reason(path: &Path, e: &std::io::Error) -> (&'static str, String) {
    let missing = e.kind() == std::io::ErrorKind::NotFound;
    if missing && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        (
            "dangling_symlink",
            "a symbolic link whose target does not exist".into(),
        )
    } else if missing {
        ("not_found", io_reason(e))
    } else {
        ("unreadable", io_reason(e))
    }
}

/// An I/O error as a sentence, without the "(os error 13)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        StorageFull => "no space left on device".into(),
        QuotaExceeded => "disk quota exceeded".into(),
        FileTooLarge => {
            "file too large for the file system or the process's file size limit".into()
        }
        ReadOnlyFilesystem => "read-only file system".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_recursively_skipping_hidden_and_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("a/b")).unwrap();
        std::fs::create_dir_all(p.join(".git")).unwrap();
        for f in [
            "a/one.txt",
            "a/b/two.pdf",
            "a/b/three.html",
            "a/skip.png",
            ".git/x.txt",
            "a/.hidden.txt",
            "README",
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let (files, errors) = files(&[p.to_path_buf(), p.join("missing")]);
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(p).unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            ["README", "a/b/three.html", "a/b/two.pdf", "a/one.txt"]
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].reason, "no such file or directory");
        assert_eq!(errors[0].kind, "not_found");
    }

    #[test]
    fn loops_and_dangling_links_are_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("a")).unwrap();
        std::fs::write(p.join("a/good.txt"), "x").unwrap();
        std::os::unix::fs::symlink(p, p.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(p.join("gone.txt"), p.join("a/dangling.txt")).unwrap();
        let (files, errors) = files(&[p.to_path_buf()]);
        assert_eq!(files, [p.join("a/good.txt")]);
        let mut reasons: Vec<_> = errors
            .iter()
            .map(|e| {
                (
                    e.path.strip_prefix(p).unwrap().to_path_buf(),
                    e.kind,
                    e.reason.as_str(),
                )
            })
            .collect();
        reasons.sort();
        assert_eq!(
            reasons,
            [
                (
                    PathBuf::from("a/dangling.txt"),
                    "dangling_symlink",
                    "a symbolic link whose target does not exist"
                ),
                (
                    PathBuf::from("a/loop"),
                    "symlink_loop",
                    "symbolic link loop, not followed"
                ),
            ]
        );
    }
}
