#!/usr/bin/env bash
# incidex's temporal tagger against Python's dateparser (search_dates, languages=['sv'])
# on the same Swedish texts, scored against the gold date expressions in
# tests/data/dates/expressions.jsonl. Installs dateparser with pip when it is missing.
#
# usage: bench/dates_vs_dateparser.sh [--misses]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import dateparser' >/dev/null 2>&1; then
  echo "installing dateparser with pip ..." >&2
  python3 -m pip install --quiet dateparser \
    || python3 -m pip install --quiet --break-system-packages dateparser
fi
cargo build --quiet --release
python3 bench/dates_vs_dateparser.py tests/data/dates/expressions.jsonl \
  target/release/incidex "$@"
