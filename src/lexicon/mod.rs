//! The Swedish lexicon: word form → lemma(s), and compound word → parts, read from a real
//! dictionary (the Swedish Hunspell dictionary in `lexicon/`, LGPL-3, embedded at build
//! time; see `lexicon/README.md`).
//!
//! A word the dictionary knows gets the stems it was made from as its lemmas (`växeln` →
//! `växel`, `läckta` → `läcka`). A compound is split by the dictionary's own compound
//! grammar: a first part that may begin a compound (COMPOUNDBEGIN, including the combining
//! forms the affix rules make: `uppgifts`, `gatu`, `kvinno`), parts that may stand inside
//! one, and a last part that may end one, inflected or not; fewest parts first, and parts
//! that are compounds themselves split again (`röstbrevlåda` → `röst`, `brevlåda`,
//! `brev`, `låda`). See [`compound`] for the limits that keep `sekund` and `lagring`
//! whole.
//!
//! Unknown words degrade gracefully: an unknown compound of known parts gets its parts
//! and, as lemma, its first parts as written plus the lemma of its last
//! (`meddelandeväxeln` → `meddelandeväxel`); else the longest known head counts as its
//! only part and lemma ending (`mejladressen` → `mejladress`, part `adress`); else the
//! word stays whole, and is its own lemma. Names (stems the dictionary writes with a
//! capital) are never split.
//!
//! [`Lexicon::swedish`] is the embedded dictionary; [`Lexicon::open`] reads another of the
//! same format (`--lexicon PATH`); [`install`] makes one the process-wide lexicon
//! [`global`] returns, which the index analyzers and the token stream use.

pub mod compact;
pub mod compound;
pub mod hunspell;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use compact::{Compact, Entry};

/// The shipped dictionary, expanded by `build.rs`.
static SWEDISH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sv_SE.lex"));

/// Why a lexicon could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: cannot read the lexicon: {cause}")]
    Unreadable { path: PathBuf, cause: String },
    #[error("{path}: not a Hunspell dictionary: {cause}")]
    Malformed { path: PathBuf, cause: String },
    #[error("a lexicon is already in use (install it before the first analysis)")]
    AlreadyInstalled,
}

/// What the lexicon says about one word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordAnalysis {
    /// The word in lower case.
    pub lower: String,
    /// Its lemmas, the most likely first; the word itself when nothing is known.
    pub lemmas: Vec<String>,
    /// The lemmas of its compound parts, parts of parts included, in reading order;
    /// empty when it is not a compound.
    pub parts: Vec<String>,
    /// True when the dictionary knows the word (not only its parts or head).
    pub known: bool,
}

/// A word list with lemmas and compound positions.
pub struct Lexicon {
    compact: Compact,
    /// Where it came from, for messages.
    source: String,
    /// Unique in the process: what word caches are kept by.
    id: u64,
}

fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Lexicon {
    /// The embedded Swedish dictionary (Hunspell `sv_SE`).
    pub fn swedish() -> Lexicon {
        Lexicon {
            compact: Compact::read(Cow::Borrowed(SWEDISH)).expect("the embedded lexicon"),
            source: "sv_SE (built in)".to_string(),
            id: next_id(),
        }
    }

    /// A lexicon from Hunspell files (the text of an `.aff` and a `.dic`).
    pub fn from_hunspell(aff: &str, dic: &str) -> Result<Lexicon, hunspell::HunspellError> {
        let mut forms = Vec::new();
        hunspell::expand(aff, dic, |f| forms.push(f))?;
        hunspell::link_combining_forms(&mut forms);
        let bytes = compact::build(forms);
        Ok(Lexicon {
            compact: Compact::read(Cow::Owned(bytes)).expect("a lexicon just built"),
            source: "hunspell".to_string(),
            id: next_id(),
        })
    }

    /// Reads the lexicon at `path`: a Hunspell `.dic` (its `.aff` beside it, same name), an
    /// `.aff` (the `.dic` beside it), or a compact lexicon.
    pub fn open(path: &Path) -> Result<Lexicon, LexiconError> {
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| LexiconError::Unreadable {
                path: p.to_path_buf(),
                cause: crate::walk::io_reason(&e),
            })
        };
        let bytes = read(path)?;
        if bytes.starts_with(compact::MAGIC) {
            let compact =
                Compact::read(Cow::Owned(bytes)).map_err(|cause| LexiconError::Malformed {
                    path: path.to_path_buf(),
                    cause,
                })?;
            return Ok(Lexicon {
                compact,
                source: path.display().to_string(),
                id: next_id(),
            });
        }
        let (aff_path, dic_path) = match path.extension().and_then(|e| e.to_str()) {
            Some("aff") => (path.to_path_buf(), path.with_extension("dic")),
            _ => (path.with_extension("aff"), path.to_path_buf()),
        };
        let text = |p: &Path, bytes: Vec<u8>| {
            String::from_utf8(bytes).map_err(|_| LexiconError::Malformed {
                path: p.to_path_buf(),
                cause: "not UTF-8 text (only `SET UTF-8` dictionaries are read)".to_string(),
            })
        };
        let aff = text(&aff_path, read(&aff_path)?)?;
        let dic = text(&dic_path, read(&dic_path)?)?;
        let mut lexicon = Lexicon::from_hunspell(&aff, &dic).map_err(|e| {
            let file = if e.file == "aff" {
                &aff_path
            } else {
                &dic_path
            };
            LexiconError::Malformed {
                path: file.clone(),
                cause: format!("line {}: {}", e.line, e.cause),
            }
        })?;
        lexicon.source = dic_path.display().to_string();
        Ok(lexicon)
    }

    /// A number no other lexicon of this process has.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Where the lexicon came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compact form: counts and sizes.
    pub fn compact(&self) -> &Compact {
        &self.compact
    }

    /// The readings of the lower-case `form`.
    pub fn lookup(&self, form: &str, out: &mut Vec<Entry>) {
        self.compact.lookup(form, out)
    }

    /// The lemma of an entry.
    pub fn lemma(&self, entry: Entry) -> &str {
        self.compact.lemma(entry.lemma)
    }

    /// Analyses one word (letters and digits, any case). `names_possible` says the word was
    /// written with a capital where a name could stand, so an unknown word is not cut at a
    /// known head (`Skärholmen` is no `holme`).
    pub fn analyze(&self, word: &str, names_possible: bool) -> WordAnalysis {
        compound::analyze(self, word, names_possible)
    }
}

static GLOBAL: OnceLock<Arc<Lexicon>> = OnceLock::new();

/// The lexicon in use: the one [`install`]ed, else the embedded Swedish one.
pub fn global() -> &'static Arc<Lexicon> {
    GLOBAL.get_or_init(|| Arc::new(Lexicon::swedish()))
}

/// Makes `lexicon` the one [`global`] returns. Must come before the first analysis.
pub fn install(lexicon: Lexicon) -> Result<(), LexiconError> {
    GLOBAL
        .set(Arc::new(lexicon))
        .map_err(|_| LexiconError::AlreadyInstalled)
}
