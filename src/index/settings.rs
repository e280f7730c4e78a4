//! Settings an index keeps for the commands that read it, in `incidex-settings.toml` beside
//! tantivy's files: today whether personal data is masked by default (`redact = true`).
//!
//! A missing file means the defaults; `incidex settings` writes it.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The settings file in an index directory.
pub const FILE: &str = "incidex-settings.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Mask personal data in `search`, `show`, `stats` and `report` unless `--no-redact`.
    #[serde(default)]
    pub redact: bool,
}

/// The settings of the index in `dir`; the defaults when it has none.
pub fn load(dir: &Path) -> anyhow::Result<Settings> {
    let path = dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => anyhow::bail!("{}: {}", path.display(), crate::walk::io_reason(&e)),
    }
}

/// Writes the settings of the index in `dir`.
pub fn save(dir: &Path, settings: &Settings) -> anyhow::Result<()> {
    let path = dir.join(FILE);
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let text = toml::to_string(settings)?;
    let io =
        |e: std::io::Error| anyhow::anyhow!("{}: {}", path.display(), crate::walk::io_reason(&e));
    // Owner-only like the rest of the index (see super::private).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Settings::default());
        save(dir.path(), &Settings { redact: true }).unwrap();
        assert!(load(dir.path()).unwrap().redact);
        std::fs::write(dir.path().join(FILE), "colour = 1\n").unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains(FILE) && e.contains("colour"), "{e}");
    }
}
