#!/usr/bin/env bash
# The README's test command: install what the tests need on this machine (each script in
# scripts/test-deps/ installs one tool when it is missing), then fmt, clippy and every test.
# .ci/run calls this same script, so a fresh machine runs exactly what a developer runs.
set -euo pipefail
cd "$(dirname "$0")/.."

for deps in scripts/test-deps/*.sh; do
  [ -e "$deps" ] || continue
  bash "$deps"
done

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
