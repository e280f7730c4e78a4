# Sourced by the bench scripts (as bench/common.py is by their Python helpers).

# say MESSAGE: a timestamped progress line on stderr.
say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ensure_corpus WORK N SEED: N generated documents in $WORK/corpus (docs/ and
# texts.jsonl), made by $REL/examples/gen_corpus (the caller builds it) and reused while
# $WORK/corpus.ok names the same N and seed.
ensure_corpus() {
    local work="$1" n="$2" seed="$3"
    mkdir -p "$work"
    if [ "$(cat "$work/corpus.ok" 2>/dev/null)" != "$n $seed" ]; then
        say "generating $n documents (seed $seed)"
        rm -rf "$work/corpus" "$work/corpus.ok"
        "$REL/examples/gen_corpus" "$n" "$work/corpus" --seed "$seed"
        echo "$n $seed" > "$work/corpus.ok"
    fi
}
