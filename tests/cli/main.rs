//! End-to-end tests: the built `incidex` binary run on `corpus/` and on files made in a
//! temporary directory. One module per command.

mod util;

mod analyze;
mod bad_input;
mod dates;
mod devset;
mod eval;
mod extract;
mod faults;
mod first_hour;
mod ingest;
mod pdf_child;
mod records;
mod redact;
mod report;
mod rules;
mod search;
mod serve;
mod spark;
mod stats;
mod upkeep;
