"""Shared by the bench helpers: the query file and percentiles."""


def queries(path):
    """(kind, query) pairs from bench/queries.txt, comments and blank lines skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, query = line.split("\t", 1)
            out.append((kind, query))
    return out


def peer_queries(path):
    """The queries the peers can run too: words, compounds and phrases."""
    return [(k, q) for k, q in queries(path) if k in ("word", "compound", "phrase")]


def percentile(values, p):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]
