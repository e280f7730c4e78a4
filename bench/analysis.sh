#!/usr/bin/env bash
# bench/analysis.sh [N]: the Swedish word analysis (issue 12) on N generated documents
# (default 2000): lexicon load time and memory, analysis throughput on one core, and
# ingest time and index size against another incidex binary when BASE_BIN names one.
#
#   bench/analysis.sh                          # this build only
#   BASE_BIN=/tmp/incidex-before bench/analysis.sh 2000
#
# To get a BASE_BIN of an earlier commit: `git worktree add /tmp/before COMMIT &&
# (cd /tmp/before && cargo build --release --bin incidex)`. Prints numbers, asserts nothing.
set -euo pipefail

N="${1:-2000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/incidex-analysis-bench-$N}"
REL="$ROOT/target/release"
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex --example gen_corpus \
    --example analysis_throughput)

ensure_corpus "$WORK" "$N" 1

say "analysis on one thread"
"$REL/examples/analysis_throughput" "$WORK/corpus/texts.jsonl" --passes 3 | tee "$WORK/analysis.json"

ingest() { # NAME BIN
    rm -rf "$WORK/idx-$1"
    /usr/bin/time -f "%e %M" -o "$WORK/ingest-$1.time" \
        "$2" ingest --index "$WORK/idx-$1" --jobs 1 "$WORK/corpus/docs" > /dev/null 2>&1 || true
    read -r secs kib < "$WORK/ingest-$1.time"
    printf '%-6s ingest --jobs 1: %8.1f s  peak RSS %6d MB  index %7.1f MB\n' "$1" "$secs" \
        "$((kib / 1024))" "$(du -sb "$WORK/idx-$1" | awk '{print $1 / 1e6}')"
}
say "ingest"
[ -n "${BASE_BIN:-}" ] && ingest base "$BASE_BIN"
ingest new "$REL/incidex"
