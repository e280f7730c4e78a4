//! Tests that run the built `incidex` binary, one module per command.

mod dates;
