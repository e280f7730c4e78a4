//! End-to-end tests: the built `incidex` binary run on `corpus/` and on files made in a
//! temporary directory. One module per command.

mod util;

mod bad_input;
mod dates;
mod devset;
mod eval;
mod extract;
mod faults;
mod ingest;
mod report;
mod rules;
mod search;
mod stats;
