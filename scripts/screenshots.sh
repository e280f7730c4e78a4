#!/usr/bin/env bash
# Screenshots of every page of `incidex serve` at 1280×800 (and the search and record
# pages at phone width, 390×844), from the bundled corpus, into docs/screenshots/.
# Needs chromium (scripts/test-deps/15-chromium.sh installs it). Usage: bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --quiet
bin=target/debug/incidex
"$bin" ingest --index "$work/index" corpus/ >/dev/null
"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -q http "$work/serve.log" && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$work/serve.log" | head -1)
base=${base%/}

# The record page shows the first hit of a query that finds a record with a timeline.
id=$(curl -sf "$base/api/search?q=leverant%C3%B6r+AND+notification_days:%5B0+TO+*%5D" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["record"]["id"])')

shot() { # name width height path
  chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$1" --hide-scrollbars --window-size="$2,$3" \
    --screenshot="$out/$1.png" "$base$4" >/dev/null 2>&1
  echo "$out/$1.png"
}
mkdir -p "$out"
shot search 1280 800 "/search?q=leverant%C3%B6r&involved=true"
shot record 1280 800 "/records/$id"
shot stats 1280 800 "/stats"
shot help 1280 800 "/help"
shot bad-query 1280 800 "/search?q=%22fel+mottagare"
shot search-phone 390 844 "/search?q=leverant%C3%B6r"
shot record-phone 390 844 "/records/$id"
