//! The tantivy index of incident records: its [`schema`], the Swedish [`analyzer`], the
//! batch [`writer`] that `ingest` feeds, and [`search`] with [`snippet`]s.
//!
//! An index is a directory (`./incidex-index` unless told otherwise) holding tantivy's
//! segments and a lock file. Every record is stored whole, so `show` and `stats` never go
//! back to the source files.

pub mod analyzer;
