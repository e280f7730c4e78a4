#!/usr/bin/env python3
"""SQLite FTS5 as a peer of incidex: build a full-text index of the texts gen_corpus wrote,
then run the benchmark's word, compound and phrase queries against it.

    fts5.py build TEXTS.jsonl DB        -> {"seconds": ...}
    fts5.py search DB QUERIES [--repeat R] -> {"queries": n, "p50_ms": ..., "p99_ms": ...}

The table keeps the same texts incidex stores (path, title, body); the unicode61 tokenizer
keeps diacritics so å, ä and ö stay letters. FTS5 has no Swedish stemmer and no compound
splitting, so it does less work per token than incidex's analyzer: an honest peer, not an
equal one. A search is what `incidex search` does: the ten best hits by bm25 with a snippet.
"""

import json
import sqlite3
import sys
import time

from common import percentile, peer_queries


def build(texts_path, db_path):
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        "path UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0')"
    )

    def rows():
        with open(texts_path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)
                yield (t["path"], t["title"], t["body"])

    with db:
        db.executemany("INSERT INTO docs (path, title, body) VALUES (?, ?, ?)", rows())
    db.close()
    return {"seconds": time.perf_counter() - started}


def fts_query(kind, query):
    """A peer query in FTS5 syntax: each word quoted (hyphens are operators otherwise)."""
    if kind == "phrase":
        return query
    return '"' + query.replace('"', '""') + '"'


def search(db_path, queries_path, repeat):
    db = sqlite3.connect(db_path)
    sql = (
        "SELECT rowid, path, snippet(docs, 2, '«', '»', '…', 12) FROM docs "
        "WHERE docs MATCH ? ORDER BY rank LIMIT 10"
    )
    queries = [fts_query(k, q) for k, q in peer_queries(queries_path)]
    for q in queries:  # warm the page cache, as the incidex batch run does
        db.execute(sql, (q,)).fetchall()
    latencies, hits = [], 0
    for _ in range(repeat):
        for q in queries:
            started = time.perf_counter()
            rows = db.execute(sql, (q,)).fetchall()
            latencies.append((time.perf_counter() - started) * 1000)
            hits += len(rows)
    return {
        "queries": len(queries),
        "runs": len(latencies),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "hits": hits // repeat,
    }


def main(argv):
    if len(argv) >= 3 and argv[0] == "build":
        print(json.dumps(build(argv[1], argv[2])))
    elif len(argv) >= 3 and argv[0] == "search":
        repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
        print(json.dumps(search(argv[1], argv[2], repeat)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
