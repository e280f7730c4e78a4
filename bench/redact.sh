#!/usr/bin/env bash
# bench/redact.sh [N]: what finding and masking personal data costs, on N generated
# documents (default 2000), measured in one run so the ratios hold on a shared machine.
#
#   bench/redact.sh                          # this build only
#   PEER=/path/to/older/incidex bench/redact.sh   # beside a build without pii_kinds
#
# Prints: ingest time with this build (which finds each document's pii_kinds) and, with
# PEER, with the peer build on the same files; `search --batch` latency over
# bench/queries.txt without and with --redact (rounds alternate, best round kept);
# `extract --json` time without and with --redact.
set -euo pipefail

N="${1:-2000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/incidex-redact-bench-$N}"
REL="$ROOT/target/release"
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex --example gen_corpus)
INCIDEX="$REL/incidex"

ensure_corpus "$WORK" "$N" 1
DOCS="$WORK/corpus/docs"
find "$DOCS" -type f -exec cat {} + >/dev/null  # no contender pays for a cold read

seconds() { # seconds a command takes, its output dropped
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
    python3 -c "print(f'{$t1 - $t0:.2f}')"
}

say "ingest"
rm -rf "$WORK/idx" "$WORK/idx-peer"
INGEST=$(seconds "$INCIDEX" ingest --index "$WORK/idx" "$DOCS")
printf 'ingest %d documents (pii_kinds found)    %8s s\n' "$N" "$INGEST"
if [ -n "${PEER:-}" ]; then
    PEER_INGEST=$(seconds "$PEER" ingest --index "$WORK/idx-peer" "$DOCS")
    printf 'ingest %d documents, peer build          %8s s\n' "$N" "$PEER_INGEST"
fi

say "search"
grep -v '^#' "$ROOT/bench/queries.txt" | cut -f2 > "$WORK/queries"   # KIND<TAB>QUERY
p50() { "$INCIDEX" search --index "$WORK/idx" --batch "$WORK/queries" --json "$@" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["p50_ms"], d["mean_ms"])'; }
best_plain="" best_redact=""
for _ in 1 2 3; do
    plain=$(p50); redact=$(p50 --redact)
    best_plain=$(printf '%s\n%s\n' "$best_plain" "$plain" | sed '/^$/d' | sort -g | head -1)
    best_redact=$(printf '%s\n%s\n' "$best_redact" "$redact" | sed '/^$/d' | sort -g | head -1)
done
printf 'search p50 / mean ms, plain               %s\n' "$best_plain"
printf 'search p50 / mean ms, --redact            %s\n' "$best_redact"

say "extract"
EXTRACT=$(seconds "$INCIDEX" extract --json "$DOCS")
EXTRACT_REDACT=$(seconds "$INCIDEX" extract --json --redact "$DOCS")
printf 'extract --json, plain                     %8s s\n' "$EXTRACT"
printf 'extract --json --redact                   %8s s\n' "$EXTRACT_REDACT"
