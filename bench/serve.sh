#!/usr/bin/env bash
# bench/serve.sh [N]: the search page of `incidex serve` on N generated documents (default
# 100000), server-side, beside `incidex search --batch` (the CLI's search of the same
# queries, in one process) measured in the same run. Prints both; asserts nothing.
#
# Work files go to $BENCH_DIR (default /tmp/incidex-serve-bench-N); the corpus and the
# index of the same N and seed are reused.
set -euo pipefail
N="${1:-100000}"
SEED="${SEED:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/incidex-serve-bench-$N}"
REL="$ROOT/target/release"
say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex --example gen_corpus)
mkdir -p "$WORK"
if [ "$(cat "$WORK/index.ok" 2>/dev/null)" != "$N $SEED" ]; then
    say "generating $N documents (seed $SEED)"
    rm -rf "$WORK/corpus" "$WORK/index" "$WORK/index.ok"
    "$REL/examples/gen_corpus" "$N" "$WORK/corpus" --seed "$SEED"
    say "ingesting"
    "$REL/incidex" ingest --index "$WORK/index" "$WORK/corpus/docs" > "$WORK/ingest.txt" || true
    tail -1 "$WORK/ingest.txt" >&2
    echo "$N $SEED" > "$WORK/index.ok"
fi

say "incidex search --batch (the CLI, 10 hits with snippets, no facets)"
grep -v '^#' "$ROOT/bench/queries.txt" | cut -f2 > "$WORK/queries.txt"
for _ in 1 2 3; do cat "$WORK/queries.txt"; done > "$WORK/queries3.txt"
"$REL/incidex" search --index "$WORK/index" --batch "$WORK/queries.txt" > /dev/null   # warm up
"$REL/incidex" search --index "$WORK/index" --batch "$WORK/queries3.txt" --json > "$WORK/cli.json"

say "incidex serve"
"$REL/incidex" serve --index "$WORK/index" --addr 127.0.0.1:0 > "$WORK/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q http "$WORK/serve.log" && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$WORK/serve.log" | head -1)
(cd "$ROOT/bench" && python3 serve_latency.py "$base" queries.txt 3) > "$WORK/serve.json"

python3 - "$WORK/cli.json" "$WORK/serve.json" <<'PY'
import json, sys
cli = json.load(open(sys.argv[1])); web = json.load(open(sys.argv[2]))
print(f"{cli['documents']} documents, {web['queries']} queries x {web['rounds']} rounds, statuses {web['statuses']}")
print(f"{'request':<28}{'server p50':>11}{'p90':>8}{'p99':>8}{'max':>8}{'  read p50':>11}")
for kind in ("search page", "search page, filtered", "search page 3", "api search", "record page"):
    s, c = web[kind]["server"], web[kind]["client"]
    print(f"{kind:<28}{s['p50']:>9.2f}ms{s['p90']:>6.2f}ms{s['p99']:>6.2f}ms{s['max']:>6.1f}ms{c['p50']:>9.2f}ms")
print(f"{'CLI search --batch':<28}{cli['p50_ms']:>9.2f}ms{cli['p90_ms']:>6.2f}ms{cli['p99_ms']:>6.2f}ms{cli['max_ms']:>6.1f}ms{'-':>11}")
PY
