#!/usr/bin/env python3
"""Prints bench/run.sh's one table from the files a run left in its results folder.

    table.py RESULTS_DIR

Rows whose command is missing (not built yet, or it failed) say so instead of a figure.
The table is Markdown, so it reads in a terminal and pastes into bench/README.md.
"""

import json
import os
import platform
import re
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)


def load(name):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    if name.endswith(".json"):
        # JSON, or JSON Lines whose last object with figures wins (a batch summary).
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            objs = [json.loads(l) for l in text.splitlines() if l.strip().startswith("{")]
            return objs[-1] if objs else None
    if name.endswith(".time"):
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        status = re.search(r"Exit status: (\d+)", text)
        user = re.search(r"User time \(seconds\): ([\d.]+)", text)
        system = re.search(r"System time \(seconds\): ([\d.]+)", text)
        if not wall:
            return None
        h, m, s = wall.groups()
        return {
            "seconds": int(h or 0) * 3600 + int(m) * 60 + float(s),
            "rss_mb": int(rss.group(1)) / 1024 if rss else None,
            "exit": int(status.group(1)) if status else None,
            "cpu": float(user.group(1)) + float(system.group(1)) if user and system else None,
        }
    return text


def failed(name):
    return os.path.exists(os.path.join(OUT, name + ".status"))


corpus = load("corpus.json")
N, MB = corpus["n"], corpus["text_bytes"] / 1e6
bare, fts_build = load("bare.json"), load("fts5_build.json")
ingest, extract, stats = load("ingest.time"), load("extract.time"), load("stats.time")
fts_search, rg = load("fts5_search.json"), load("rg.json")
pdf_gen, pdf_seed = load("pdf_gen.json"), load("pdf_seed.json")
size = lambda name: int(load(name)) / 1e6 if load(name) else None

rows = []


def row(measure, incidex, peer="", ratio="", target=""):
    rows.append((measure, incidex, peer, ratio, target))


def f(value, fmt, missing="n/a"):
    return missing if value is None else fmt.format(value)


def speed(seconds):
    return (N / seconds, MB / seconds) if seconds else (None, None)


bare_docs, bare_mbs = speed(bare["seconds"])
fts_docs, fts_mbs = speed(fts_build["seconds"])
peer_build = (
    f"bare tantivy {bare['seconds']:.2f} s · FTS5 {fts_build['seconds']:.2f} s"
)

if ingest:
    note = " (exit {})".format(ingest["exit"]) if ingest["exit"] else ""
    ing_docs, ing_mbs = speed(ingest["seconds"])
    row(
        "ingest wall time",
        f"{ingest['seconds']:.2f} s{note}",
        peer_build,
        f"{bare['seconds'] / ingest['seconds']:.2f}× bare · "
        f"{fts_build['seconds'] / ingest['seconds']:.2f}× FTS5 speed",
        "≥ 0.75× bare, > 1× FTS5",
    )
    row("ingest docs/s", f"{ing_docs:,.0f}", f"bare {bare_docs:,.0f} · FTS5 {fts_docs:,.0f}")
    row("ingest MB/s (text)", f"{ing_mbs:.1f}", f"bare {bare_mbs:.1f} · FTS5 {fts_mbs:.1f}")
    row("ingest CPU time (user + sys)", f"{ingest['cpu']:.2f} s", "", "", "")
    row("ingest peak memory", f"{ingest['rss_mb']:.0f} MB", "", "", "< 1 GB at 1M docs, flat in N")
    idx, bsize, fsize = size("index.size"), size("bare.size"), size("fts5.size")
    row(
        "index size",
        f(idx, "{:.1f} MB"),
        f"bare {bsize:.1f} MB · FTS5 {fsize:.1f} MB",
        f"{idx / bsize:.2f}× bare · {idx / fsize:.2f}× FTS5" if idx else "",
    )
else:
    row("ingest", "not available (no `incidex ingest`)", peer_build)

if extract:
    note = " (exit {})".format(extract["exit"]) if extract["exit"] else ""
    row(
        "extract alone, MB/s (text)",
        f"{MB / extract['seconds']:.1f}{note}",
        f"{extract['seconds']:.2f} s wall, {extract['cpu']:.2f} s CPU, peak {extract['rss_mb']:.0f} MB",
        f"{bare['seconds'] / extract['seconds']:.2f}× bare build speed",
        "≥ 50 MB/s",
    )
extract1, extract1_real = load("extract1.time"), load("extract1_real.time")
real, startup = load("real.json"), load("startup.json")
for label, t, mb in (
    ("generated", extract1, MB),
    (f"corpus/ + dev set, {real['files'] if real else '?'} files", extract1_real,
     real["text_bytes"] / 1e6 if real else None),
):
    if not t or not mb:
        continue
    note = " (exit {})".format(t["exit"]) if t["exit"] else ""
    row(
        f"extract, one thread, MB/s ({label})",
        f"{mb / t['seconds']:.2f} wall · {mb / t['cpu']:.2f} CPU{note}",
        f"{mb:.1f} MB in {t['seconds']:.2f} s wall, {t['cpu']:.2f} s CPU, peak {t['rss_mb']:.0f} MB",
        f"{(mb / t['seconds']) / bare_mbs:.3f}× bare build MB/s (wall)",
        "≥ 50 MB/s",
    )
if startup:
    ms = lambda key: f"{startup[key] * 1000:.0f}" if key in startup else "?"
    rest = startup["extract_tiny"] - startup["process"]
    rest_cpu = startup.get("extract_tiny_cpu", 0) - startup.get("process_cpu", 0)
    row(
        "start-up: extract --json, one tiny file (best of 5)",
        f"{ms('extract_tiny')} ms wall · {ms('extract_tiny_cpu')} ms CPU",
        f"process start alone (--version) {ms('process')} ms wall · {ms('process_cpu')} ms CPU",
        f"rule compilation + one tiny extraction ≈ {rest * 1000:.0f} ms wall · {rest_cpu * 1000:.0f} ms CPU",
        "rules < 100 ms",
    )
row("bare tantivy build", f"{bare['seconds']:.2f} s", f"{bare_docs:,.0f} docs/s · {bare_mbs:.1f} MB/s")
row("SQLite FTS5 build", f"{fts_build['seconds']:.2f} s", f"{fts_docs:,.0f} docs/s · {fts_mbs:.1f} MB/s")

search_all, search_words = load("search_all.json"), load("search_words.json")
if search_all and search_all.get("p50_ms") is not None:
    note = f", {search_all['failed']} failed" if search_all.get("failed") else ""
    row(
        f"search p50 · p99, all {search_all['queries'] // 3} queries ×3{note}",
        f"{search_all['p50_ms']:.2f} · {search_all['p99_ms']:.2f} ms",
        "",
        "",
        "p50 < 2 ms",
    )
if search_words and search_words.get("p50_ms") is not None:
    w50, w99 = search_words["p50_ms"], search_words["p99_ms"]
    row(
        f"search p50, the {fts_search['queries']} word queries",
        f"{w50:.2f} ms",
        f"FTS5 {fts_search['p50_ms']:.2f} ms · ripgrep {rg['p50_ms']:.0f} ms",
        f"{fts_search['p50_ms'] / w50:.1f}× FTS5 · {rg['p50_ms'] / w50:,.0f}× ripgrep speed",
        "< FTS5, ≥ 100× ripgrep",
    )
    row(
        f"search p99, the {fts_search['queries']} word queries",
        f"{w99:.2f} ms",
        f"FTS5 {fts_search['p99_ms']:.2f} ms · ripgrep {rg['p99_ms']:.0f} ms",
        f"{fts_search['p99_ms'] / w99:.1f}× FTS5 · {rg['p99_ms'] / w99:,.0f}× ripgrep speed",
    )
else:
    row("search", "not available (no `incidex search --batch`)",
        f"FTS5 p50 {fts_search['p50_ms']:.2f} ms · p99 {fts_search['p99_ms']:.2f} ms")
row(
    "ripgrep over the files (same words)",
    "",
    f"p50 {rg['p50_ms']:.0f} ms · p99 {rg['p99_ms']:.0f} ms",
)
if stats:
    note = " (exit {})".format(stats["exit"]) if stats["exit"] else ""
    row("stats over the whole index", f"{stats['seconds'] * 1000:.0f} ms{note}", "", "", "< 300 ms")
else:
    row("stats", "not available (no `incidex stats`)")

for label, p in (("generated", pdf_gen), ("seed (office software)", pdf_seed)):
    if not p:
        continue
    row(
        f"PDF loading, {p['files']} {label} PDFs",
        f"{p['incidex_s']:.2f} s",
        f"pdftotext {p['pdftotext_s']:.2f} s "
        f"({p['pdftotext_s'] - p['pdftotext_spawn_s']:.2f} s without process start)",
        f"{p['time_ratio']:.2f}× pdftotext time ({p['time_ratio_net']:.2f}× net)",
        "≤ 3× pdftotext",
    )
    row(
        f"PDF text similarity, {label}",
        f"mean {p['similarity_mean']:.3f} · min {p['similarity_min']:.3f}",
        "",
        "",
        "≥ 0.95",
    )

each, long = load("pdf_child_each.json"), load("pdf_child_long.json")
if each and long:
    in_process = f" · in-process {pdf_gen['files'] / pdf_gen['incidex_s']:.0f}" if pdf_gen else ""
    row(
        f"PDF loading in child processes, {long['files']} generated PDFs, PDFs/s",
        f"{long['pdfs_per_s']:.0f} ({long['children']} long-lived child)",
        f"a child per PDF {each['pdfs_per_s']:.0f} ({each['children']} children){in_process}",
        f"{long['pdfs_per_s'] / each['pdfs_per_s']:.1f}× a child per PDF",
    )

cpu = "?"
try:
    with open("/proc/cpuinfo") as fh:
        cpu = re.search(r"model name\s*: (.*)", fh.read()).group(1)
except (OSError, AttributeError):
    pass
print(
    f"\nincidex benchmark: {N:,} documents, {MB:.1f} MB of text "
    f"({corpus['file_bytes'] / 1e6:.1f} MB of files), seed {corpus['seed']}; "
    f"{os.cpu_count()} × {cpu}, {platform.system()} {platform.release()}\n"
)
header = ("measure", "incidex", "peers (same run)", "ratio to peers", "target")
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(5)]
line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
print(line(header))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
