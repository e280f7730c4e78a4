#!/usr/bin/env python3
"""ripgrep as a peer of incidex search: for each word, compound and phrase query, list the
files that hold it (`rg -l -i -F`), the way one searches an archive without an index.

    ripgrep.py DOCS_DIR QUERIES [--repeat R] -> {"queries": n, "p50_ms": ..., "p99_ms": ...}

Each run is a fresh `rg` process over the files (page cache warm after the first pass); it
reads HTML markup and compressed PDF streams as they are, so it finds less than an index
does, and it does not stem.
"""

import json
import subprocess
import sys
import time

from common import percentile, peer_queries


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    docs, queries_path = argv[0], argv[1]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    words = [q.strip('"') for _, q in peer_queries(queries_path)]
    cmd = lambda w: ["rg", "-l", "-i", "-F", "--no-messages", "--", w, docs]
    subprocess.run(cmd(words[0]), stdout=subprocess.DEVNULL)  # warm the page cache
    latencies, files = [], 0
    for _ in range(repeat):
        for w in words:
            started = time.perf_counter()
            out = subprocess.run(cmd(w), stdout=subprocess.PIPE).stdout
            latencies.append((time.perf_counter() - started) * 1000)
            files += out.count(b"\n")
    print(
        json.dumps(
            {
                "queries": len(words),
                "runs": len(latencies),
                "p50_ms": percentile(latencies, 50),
                "p99_ms": percentile(latencies, 99),
                "files": files // repeat,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
