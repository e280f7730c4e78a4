#!/usr/bin/env bash
# bench/spark.sh [N]: incidex on Spark in local mode against a direct ingest, on the same
# N generated documents (default 2000) and the same machine. Prints documents per second
# for each step and where the Spark run's time goes. Nothing here asserts a time.
#
#   bench/spark.sh               # 2,000 documents
#   CORES=4 bench/spark.sh 20000 # local[4], --jobs 4
#
# Needs pyspark and Java (scripts/test-deps/17-pyspark.sh installs them). Work files go to
# $BENCH_DIR (default /tmp/incidex-spark-N); the corpus is bench/run.sh's generator.
set -euo pipefail

N="${1:-2000}"
SEED="${SEED:-1}"
CORES="${CORES:-2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/incidex-spark-$N}"
REL="$ROOT/target/release"
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/test-deps/17-pyspark.sh"
say "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin incidex --example gen_corpus)
INCIDEX="$REL/incidex"

ensure_corpus "$WORK" "$N" "$SEED"
DOCS="$WORK/corpus/docs"
find "$DOCS" -type f -exec cat {} + > /dev/null   # warm the page cache for everyone

# Wall seconds of a command, its output thrown away.
secs() {
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    t1=$(date +%s.%N)
    python3 -c "print(f'{$t1 - $t0:.2f}')"
}
rate() { python3 -c "print(f'{$N / $1:.0f}')"; }

say "one incidex process on one short file: the start-up cost"
mkdir -p "$WORK/one"; echo "Kommunen anmälde incidenten till IMY." > "$WORK/one/a.txt"
START=$(secs "$INCIDEX" extract --json --with-text "$WORK/one/a.txt")

say "direct ingest (--jobs $CORES)"
rm -rf "$WORK/direct"
DIRECT=$(secs "$INCIDEX" ingest --jobs "$CORES" --index "$WORK/direct" "$DOCS")

say "extract --json --with-text alone (RAYON_NUM_THREADS=$CORES)"
EXTRACT=$(RAYON_NUM_THREADS=$CORES secs "$INCIDEX" extract --json --with-text "$DOCS")

for HANDOVER in path bytes; do
    say "Spark job, local[$CORES], handover by $HANDOVER"
    rm -rf "$WORK/spark-$HANDOVER"
    declare "SPARK_$HANDOVER=$(secs python3 "$ROOT/spark/extract_records.py" \
        --master "local[$CORES]" --handover "$HANDOVER" --incidex "$INCIDEX" \
        --partitions "$((CORES * 2))" --out "$WORK/spark-$HANDOVER" "$DOCS")"
done

say "Spark session start and stop alone"
EMPTY="$WORK/empty"; rm -rf "$EMPTY" "$WORK/spark-empty"; mkdir -p "$EMPTY"
echo "Tom." > "$EMPTY/a.txt"
SESSION=$(secs python3 "$ROOT/spark/extract_records.py" --master "local[$CORES]" \
    --incidex "$INCIDEX" --out "$WORK/spark-empty" "$EMPTY")

say "ingest --records on the shards"
rm -rf "$WORK/records"
RECORDS=$(secs "$INCIDEX" ingest --index "$WORK/records" --records "$WORK/spark-path/kind=records")
SHARD_MB=$(du -sm "$WORK/spark-path/kind=records" | cut -f1)

cat <<TABLE

incidex on Spark: $N documents, local[$CORES], $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)

| step                                          | seconds | documents/s |
|-----------------------------------------------|---------|-------------|
| direct \`incidex ingest --jobs $CORES\`           | $DIRECT | $(rate "$DIRECT") |
| \`extract --json --with-text\` alone            | $EXTRACT | $(rate "$EXTRACT") |
| Spark job, handover by path                   | $SPARK_path | $(rate "$SPARK_path") |
| Spark job, handover by bytes (tar on stdin)   | $SPARK_bytes | $(rate "$SPARK_bytes") |
| \`ingest --records\` of the shards ($SHARD_MB MB)   | $RECORDS | $(rate "$RECORDS") |
| Spark job + \`ingest --records\`, by path       | $(python3 -c "print(f'{$SPARK_path + $RECORDS:.2f}')") | $(rate "$(python3 -c "print($SPARK_path + $RECORDS)")") |
| Spark session alone (one 5-byte file)         | $SESSION | |
| one incidex process start (rules compiled)    | $START | |
TABLE
