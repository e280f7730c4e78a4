#!/usr/bin/env python3
"""Scores incidex's temporal tagger and dateparser's search_dates on the same texts.

usage: dates_vs_dateparser.py GOLD.jsonl INCIDEX_BINARY [--misses]

GOLD lines: {"text": ..., "anchor": "YYYY-MM-DD" or null,
             "expressions": [{"text": span as written, "start": "YYYY-MM-DD",
                              "end": "YYYY-MM-DD" for a span of days, a month, a year}]}
A found expression is right when its span overlaps a gold expression not yet matched
and its first day is the gold start (or, for a span, any day from start to end: a tool
that reads "i mars 2021" as 25 March 2021 still counts); every other found date is wrong, and every gold
expression left unmatched is missed. Durations are not date expressions, and incidex
expressions it could not place on a calendar (null start) are not counted as found.
Both tools get the same reference date: the anchor where the gold gives one.
"""
import datetime as dt
import json
import subprocess
import sys


def incidex(binary, text, anchor):
    args = [binary, "dates", "-"]
    if anchor:
        args += ["--anchor", anchor]
    out = subprocess.run(args, input=text.encode(), capture_output=True, check=True).stdout
    raw = text.encode()
    found = []
    for line in out.decode().splitlines():
        obj = json.loads(line)
        if obj["kind"] == "duration" or obj["start"] is None:
            continue
        start = len(raw[: obj["offset"]].decode())
        found.append((start, start + len(obj["text"]), obj["start"][:10], obj["text"]))
    return found


def dateparser_found(text, anchor):
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if anchor:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(anchor)
    hits = search_dates(text, languages=["sv"], settings=settings) or []
    found, at = [], 0
    for span, when in hits:
        start = text.find(span, at)
        if start < 0:
            start = text.find(span)
        if start < 0:
            continue
        at = start + len(span)
        found.append((start, start + len(span), when.date().isoformat(), span))
    return found


def score(docs, finder):
    tp = fp = fn = 0
    misses = []
    for doc in docs:
        text = doc["text"]
        gold = []
        for e in doc["expressions"]:
            s = text.find(e["text"])
            gold.append([s, s + len(e["text"]), e["start"], e["text"], False, e.get("end", e["start"])])
        for s, e, start, span in finder(text, doc["anchor"]):
            match = next(
                (g for g in gold if not g[4] and s < g[1] and g[0] < e and g[2] <= start <= g[5]),
                None,
            )
            if match:
                match[4] = True
                tp += 1
            else:
                fp += 1
                misses.append(f"  wrong  {span!r} = {start}   in {text!r}")
        for g in gold:
            if not g[4]:
                fn += 1
                misses.append(f"  missed {g[3]!r} = {g[2]}   in {text!r}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn, misses


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gold_path, binary = sys.argv[1], sys.argv[2]
    show_misses = "--misses" in sys.argv
    with open(gold_path, encoding="utf-8") as f:
        docs = [json.loads(l) for l in f if l.strip()]
    n_expr = sum(len(d["expressions"]) for d in docs)
    print(f"{len(docs)} texts, {n_expr} gold date expressions ({gold_path})")
    print(f"{'tool':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    tools = [
        ("incidex", lambda t, a: incidex(binary, t, a)),
        ("dateparser", dateparser_found),
    ]
    results = {}
    for name, finder in tools:
        p, r, f, tp, fp, fn, misses = score(docs, finder)
        results[name] = (p, r)
        print(f"{name:<12} {p:>9.3f} {r:>7.3f} {f:>6.3f} {tp:>4} {fp:>4} {fn:>4}")
        if show_misses:
            print("\n".join(misses))
    (ip, ir), (dp, dr) = results["incidex"], results["dateparser"]
    verdict = "leads" if ip > dp and ir > dr else "does NOT lead"
    print(f"incidex {verdict} on both precision and recall")


if __name__ == "__main__":
    main()
