#!/usr/bin/env bash
# bench/run.sh [N]: measure incidex beside its peers on N generated documents (default
# 10000) and print one table. Every figure comes from this run, on the same files, so the
# ratios hold on a shared machine whose absolute speed drifts.
#
#   bench/run.sh            # 10,000 documents
#   bench/run.sh 100000     # the issue's target size
#   BENCH_DIR=/data/b SEED=7 bench/run.sh 1000000
#
# Work files (corpus, indexes, timings) go to $BENCH_DIR (default /tmp/incidex-bench-N);
# a corpus of the same N and seed is reused. See bench/README.md for what each row means.
set -euo pipefail

N="${1:-10000}"
SEED="${SEED:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/incidex-bench-$N}"
BENCH="$ROOT/bench"
REL="$ROOT/target/release"
PDF_SAMPLE="${PDF_SAMPLE:-500}"
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

# --- tools --------------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")' \
    || { echo "bench: python3's sqlite3 lacks FTS5" >&2; exit 3; }

# --- build --------------------------------------------------------------------------
say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex \
    --example gen_corpus --example bare_tantivy --example load_pdfs)
INCIDEX="$REL/incidex"
has() { "$INCIDEX" "$1" --help >/dev/null 2>&1; }

# --- corpus -------------------------------------------------------------------------
ensure_corpus "$WORK" "$N" "$SEED"
CORPUS="$WORK/corpus"
DOCS="$CORPUS/docs"
OUT="$WORK/results"
rm -rf "$OUT"; mkdir -p "$OUT"
echo "{\"n\": $N, \"seed\": $SEED, \"text_bytes\": $(python3 -c '
import json, sys
print(sum(len(json.loads(l)["body"].encode()) for l in open(sys.argv[1], encoding="utf-8")))' "$CORPUS/texts.jsonl"), \"file_bytes\": $(du -sb "$DOCS" | cut -f1)}" > "$OUT/corpus.json"
# Read every file once so no contender pays for the first cold read.
cat "$CORPUS/texts.jsonl" > /dev/null; find "$DOCS" -type f -exec cat {} + > /dev/null
size_of() { du -sb "$1" | cut -f1; }

# --- peers: bare tantivy and SQLite FTS5 builds ---------------------------------------
say "bare tantivy build"
rm -rf "$WORK/bare"
"$REL/examples/bare_tantivy" "$CORPUS/texts.jsonl" "$WORK/bare" > "$OUT/bare.json"
size_of "$WORK/bare" > "$OUT/bare.size"

say "SQLite FTS5 build"
rm -f "$WORK/fts5.db"
(cd "$BENCH" && python3 fts5.py build "$CORPUS/texts.jsonl" "$WORK/fts5.db") > "$OUT/fts5_build.json"
size_of "$WORK/fts5.db" > "$OUT/fts5.size"

# --- incidex ------------------------------------------------------------------------
INDEX="$WORK/index"
if has ingest; then
    say "incidex ingest"
    rm -rf "$INDEX"
    /usr/bin/time -v -o "$OUT/ingest.time" \
        "$INCIDEX" ingest --index "$INDEX" "$DOCS" > "$OUT/ingest.out" 2> "$OUT/ingest.err" \
        || echo "exit $?" >> "$OUT/ingest.status"
    size_of "$INDEX" > "$OUT/index.size"
fi

say "incidex extract"
/usr/bin/time -v -o "$OUT/extract.time" "$INCIDEX" extract --json "$DOCS" > /dev/null 2> "$OUT/extract.err" \
    || echo "exit $?" >> "$OUT/extract.status"

# --- extraction on one core, start-up ------------------------------------------------
say "incidex extract, one thread, generated documents"
RAYON_NUM_THREADS=1 /usr/bin/time -v -o "$OUT/extract1.time" \
    "$INCIDEX" extract --jobs 1 --json "$DOCS" > /dev/null 2> "$OUT/extract1.err" \
    || echo "exit $?" >> "$OUT/extract1.status"

# The real texts: corpus/ and the dev set, read where they are (never copied into the
# repository), REAL_COPIES times over in $WORK so that the run is long enough to time.
DEVSET="${DEVSET:-$ROOT/../shared/devset/docs}"
REAL_COPIES="${REAL_COPIES:-20}"
if [ -d "$DEVSET" ]; then
    say "incidex extract, one thread, corpus/ + dev set ×$REAL_COPIES"
    REAL="$WORK/real"
    rm -rf "$REAL"
    for i in $(seq 1 "$REAL_COPIES"); do
        mkdir -p "$REAL/$i/corpus" "$REAL/$i/devset"
        cp "$ROOT"/corpus/* "$REAL/$i/corpus/"
        cp "$DEVSET"/* "$REAL/$i/devset/"
    done
    # Text bytes as loaded (the PDFs of corpus/ count by their text, as everywhere here).
    "$INCIDEX" extract --json --with-text "$REAL" 2> /dev/null | python3 -c '
import json, sys
n = b = 0
for line in sys.stdin:
    r = json.loads(line)
    n += 1
    b += len(r.get("text", "").encode())
print(json.dumps({"files": n, "text_bytes": b}))' > "$OUT/real.json"
    RAYON_NUM_THREADS=1 /usr/bin/time -v -o "$OUT/extract1_real.time" \
        "$INCIDEX" extract --jobs 1 --json "$REAL" > /dev/null 2> "$OUT/extract1_real.err" \
        || echo "exit $?" >> "$OUT/extract1_real.status"
fi

say "start-up"
printf 'Kommunen anmälde personuppgiftsincidenten till IMY den 3 mars 2021.\n' > "$WORK/tiny.txt"
python3 "$BENCH/startup.py" 5 \
    "process=$INCIDEX --version" \
    "extract_tiny=$INCIDEX extract --json $WORK/tiny.txt" > "$OUT/startup.json"

# Batch files: every query three times over, once for all 50 and once for the peers' word
# queries alone. The first pass runs cold and is timed, where FTS5's warm-up is not: a
# small handicap for incidex at p99.
repeat3() { for _ in 1 2 3; do cat "$1"; done; }
grep -v '^#' "$BENCH/queries.txt" | cut -f2 > "$OUT/queries.all"
grep -v '^#' "$BENCH/queries.txt" | grep -E '^(word|compound|phrase)'$'\t' | cut -f2 > "$OUT/queries.words"
repeat3 "$OUT/queries.all" > "$OUT/batch.all"
repeat3 "$OUT/queries.words" > "$OUT/batch.words"
if has search && [ -d "$INDEX" ] && "$INCIDEX" search --help | grep -q -- '--batch'; then
    say "incidex search (one process per query set)"
    for set in all words; do
        "$INCIDEX" search --index "$INDEX" --batch "$OUT/batch.$set" --json \
            > "$OUT/search_$set.json" 2> "$OUT/search_$set.err" \
            || echo "exit $?" >> "$OUT/search_$set.status"
    done
fi

say "FTS5 search"
(cd "$BENCH" && python3 fts5.py search "$WORK/fts5.db" queries.txt --repeat 3) > "$OUT/fts5_search.json"

say "ripgrep over the files"
(cd "$BENCH" && python3 ripgrep.py "$DOCS" queries.txt) > "$OUT/rg.json"

if has stats && [ -d "$INDEX" ]; then
    say "incidex stats"
    "$INCIDEX" stats --index "$INDEX" > /dev/null 2>&1 || true  # open and warm the index once
    /usr/bin/time -v -o "$OUT/stats.time" "$INCIDEX" stats --index "$INDEX" > "$OUT/stats.out" \
        2> "$OUT/stats.err" || echo "exit $?" >> "$OUT/stats.status"
fi

# --- PDF loading against pdftotext ----------------------------------------------------
say "PDF loading vs pdftotext"
# awk, not head: head would close the pipe early, and pipefail end the run on sort's SIGPIPE.
find "$DOCS" -name '*.pdf' | sort | awk -v n="$PDF_SAMPLE" 'NR <= n' > "$OUT/pdfs.list"
for _ in 1 2 3 4; do ls "$ROOT"/corpus/*.pdf; done > "$OUT/seed_pdfs.list"
(cd "$BENCH" && python3 pdf_compare.py "$OUT/pdfs.list" "$WORK/pdf-gen" "$REL/examples/load_pdfs") \
    > "$OUT/pdf_gen.json"
(cd "$BENCH" && python3 pdf_compare.py "$OUT/seed_pdfs.list" "$WORK/pdf-seed" "$REL/examples/load_pdfs") \
    > "$OUT/pdf_seed.json"

say "PDF loading in children: one per PDF against one long-lived"
"$REL/examples/load_pdfs" "$OUT/pdfs.list" "$WORK/pdf-child" --child "$INCIDEX" --files-per-child 1 \
    > "$OUT/pdf_child_each.json"
"$REL/examples/load_pdfs" "$OUT/pdfs.list" "$WORK/pdf-child" --child "$INCIDEX" \
    > "$OUT/pdf_child_long.json"

# --- the table ------------------------------------------------------------------------
python3 "$BENCH/table.py" "$OUT"
