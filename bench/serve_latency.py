"""Latency of `incidex serve`'s search page, server-side, from its Server-Timing header.

usage: serve_latency.py BASE_URL QUERIES_FILE [ROUNDS]

Every query of bench/queries.txt is asked for, over one kept-alive loopback connection,
as the search page (20 hits with snippets and the facet counts of every match), as the
search page with a filter set (involved=true), as page 3, and as /api/search; then the
record pages of the first hits of each query (every field, the marked text, the timeline
and the incident, which groups the whole index). One untimed pass first, then ROUNDS
(default 3) timed ones. Prints one JSON object:
p50/p90/p99/max of the server's own time (handler, search, facets, HTML) and of the
time until the whole response was read, per kind of request.
"""

import http.client
import json
import sys
import time
import urllib.parse

from common import percentile, queries


def main():
    base, path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3
    host = urllib.parse.urlparse(base).netloc
    conn = http.client.HTTPConnection(host, timeout=120)
    kinds = {
        "search page": lambda q: f"/search?q={q}",
        "search page, filtered": lambda q: f"/search?q={q}&involved=true",
        "search page 3": lambda q: f"/search?q={q}&page=3",
        "api search": lambda q: f"/api/search?q={q}",
    }
    times = {k: {"server": [], "client": []} for k in kinds}
    statuses = {}
    qs = [urllib.parse.quote(q) for _, q in queries(path)]
    for round_ in range(rounds + 1):
        for kind, make in kinds.items():
            for q in qs:
                started = time.perf_counter()
                conn.request("GET", make(q))
                resp = conn.getresponse()
                resp.read()
                client_ms = (time.perf_counter() - started) * 1000
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
                timing = resp.getheader("Server-Timing", "")
                server_ms = float(timing.split("dur=")[1]) if "dur=" in timing else None
                if round_ > 0 and server_ms is not None:
                    times[kind]["server"].append(server_ms)
                    times[kind]["client"].append(client_ms)
    ids = []
    for q in qs:
        conn.request("GET", f"/api/search?q={q}")
        hits = json.loads(conn.getresponse().read())["hits"]
        ids.extend(h["record"]["id"] for h in hits[:1])
    times["record page"] = {"server": [], "client": []}
    for round_ in range(rounds + 1):
        for id_ in ids:
            started = time.perf_counter()
            conn.request("GET", f"/records/{id_}")
            resp = conn.getresponse()
            resp.read()
            client_ms = (time.perf_counter() - started) * 1000
            statuses[resp.status] = statuses.get(resp.status, 0) + 1
            timing = resp.getheader("Server-Timing", "")
            if round_ > 0 and "dur=" in timing:
                times["record page"]["server"].append(float(timing.split("dur=")[1]))
                times["record page"]["client"].append(client_ms)
    out = {"queries": len(qs), "rounds": rounds, "statuses": statuses}
    for kind, t in times.items():
        out[kind] = {
            side: {p: percentile(v, n) for p, n in (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))}
            for side, v in t.items()
        }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
