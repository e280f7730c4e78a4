//! incidex: Swedish personal-data incident documents in, a searchable incident database out.
//!
//! The flow: [`walk`] finds files, [`load`] turns bytes into a [`load::Document`], [`lang`]
//! names its language, [`extract`] applies the [`rules`] and builds an
//! [`record::IncidentRecord`] (its timeline from the [`dates`] tagger), [`index`] stores
//! records in tantivy for search, [`stats`] aggregates them, [`eval`] scores them. [`lexicon`]
//! gives Swedish words their lemmas and compound parts, for the index and the rules.

pub mod analysis;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod index;
pub mod lang;
pub mod lexicon;
pub mod load;
pub mod names;
pub mod pipeline;
pub mod record;
pub mod redact;
pub mod report;
pub mod rules;
pub mod serve;
pub mod shorten;
pub mod stats;
pub mod tar_input;
pub mod walk;
pub mod work;
