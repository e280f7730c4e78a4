#!/usr/bin/env bash
# bench/scale.sh [N...]: ingest at several corpus sizes (default 10000 100000) beside the
# bare tantivy and SQLite FTS5 builds of the same text, in one run, and print one table:
# wall and CPU seconds, the ratios to both peers, and incidex's peak memory, which should
# stay flat as N grows (the import streams; nothing is kept per document).
#
#   bench/scale.sh                 # 10,000 and 100,000 documents
#   bench/scale.sh 2000 20000      # a quicker look
#
# Corpora are generated as bench/run.sh does and reused from $BENCH_ROOT/incidex-bench-N
# (default /tmp). Timings come from one machine in one run: compare the ratios.
set -euo pipefail

SIZES=("$@")
[ "${#SIZES[@]}" -gt 0 ] || SIZES=(10000 100000)
SEED="${SEED:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
REL="$ROOT/target/release"
BENCH_ROOT="${BENCH_ROOT:-/tmp}"
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

[ -x /usr/bin/time ] || { echo "bench/scale.sh: needs /usr/bin/time (Debian: time)" >&2; exit 3; }
python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")' \
    || { echo "bench/scale.sh: python3's sqlite3 lacks FTS5" >&2; exit 3; }

say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex --example gen_corpus --example bare_tantivy)

# anon_peak PID: the peak, in KB, of the summed RssAnon of PID's process tree, sampled
# every 50 ms until PID ends.
anon_peak() {
    local root="$1" peak=0 now kb
    while kill -0 "$root" 2> /dev/null; do
        now=0
        for pid in $(pgrep -P "$root") $(pgrep -P "$(pgrep -P "$root" | head -1)" 2> /dev/null); do
            kb=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
            now=$((now + ${kb:-0}))
        done
        [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.05
    done
    echo "$peak"
}

ROWS="$(mktemp)"
trap 'rm -f "$ROWS"' EXIT
for N in "${SIZES[@]}"; do
    WORK="$BENCH_ROOT/incidex-bench-$N"
    CORPUS="$WORK/corpus"
    ensure_corpus "$WORK" "$N" "$SEED"
    cat "$CORPUS/texts.jsonl" > /dev/null; find "$CORPUS/docs" -type f -exec cat {} + > /dev/null

    say "$N: bare tantivy build"
    rm -rf "$WORK/bare"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/bare.time" \
        "$REL/examples/bare_tantivy" "$CORPUS/texts.jsonl" "$WORK/bare" > /dev/null
    say "$N: SQLite FTS5 build"
    rm -f "$WORK/fts5.db"
    (cd "$BENCH" && /usr/bin/time -f '%e %U %S %M' -o "$WORK/fts5.time" \
        python3 fts5.py build "$CORPUS/texts.jsonl" "$WORK/fts5.db" > /dev/null)
    say "$N: incidex ingest"
    rm -rf "$WORK/index"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/ingest.time" \
        "$REL/incidex" ingest --index "$WORK/index" "$CORPUS/docs" > /dev/null 2> "$WORK/ingest.err" &
    # The largest anonymous memory (heap, stacks) of the import and its PDF children:
    # maximum RSS also counts the index files tantivy maps while it merges segments.
    anon_peak "$!" > "$WORK/ingest.anon"
    wait "$!"
    echo "$N $(python3 -c '
import json, sys
print(sum(len(json.loads(l)["body"].encode()) for l in open(sys.argv[1], encoding="utf-8")))' \
        "$CORPUS/texts.jsonl") $(cat "$WORK/fts5.time") $(cat "$WORK/bare.time") $(cat "$WORK/ingest.time") $(cat "$WORK/ingest.anon")" >> "$ROWS"
done

python3 - "$ROWS" <<'EOF'
import sys
print("| documents | text MB | FTS5 build | bare tantivy | incidex ingest | × FTS5 speed | × bare speed | ingest CPU | peak RSS | peak heap |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
rss, heap = [], []
for line in open(sys.argv[1]):
    n, b, fw, fu, fs, fm, bw, bu, bs, bm, iw, iu, is_, im, anon = line.split()
    fw, bw, iw = float(fw), float(bw), float(iw)
    rss.append(int(im) / 1024)
    heap.append(int(anon) / 1024)
    print(f"| {int(n):,} | {int(b) / 1e6:.1f} | {fw:.1f} s | {bw:.1f} s | {iw:.1f} s | "
          f"{fw / iw:.2f}× | {bw / iw:.2f}× | {float(iu) + float(is_):.1f} s | {rss[-1]:.0f} MB | {heap[-1]:.0f} MB |")
if len(rss) > 1:
    print(f"\nlargest against smallest corpus: peak RSS {rss[-1] / rss[0]:.2f}×, "
          f"peak heap {heap[-1] / heap[0]:.2f}× (RSS also counts the index files mapped while merging)")
EOF
