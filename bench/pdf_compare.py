#!/usr/bin/env python3
"""incidex's PDF loading beside poppler's pdftotext: time and text similarity.

    pdf_compare.py LIST WORK_DIR LOAD_PDFS_BIN -> {"files", "incidex_s", "pdftotext_s",
                                                   "time_ratio", "time_ratio_net",
                                                   "similarity_mean", ...}

Both read the PDFs listed in LIST one at a time on one thread: incidex through
`examples/load_pdfs` (one process for all files), pdftotext one process per file, as it is
used; `time_ratio_net` takes pdftotext's process start (timed with `pdftotext -v`) out of
its time. Similarity is difflib's ratio over the two texts' word sequences (1.0 = the same words
in the same order), so layout whitespace does not count but lost, merged or reordered words
do.
"""

import difflib
import json
import os
import subprocess
import sys
import time
import unicodedata


def words(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = unicodedata.normalize("NFC", f.read())
    except FileNotFoundError:
        return []
    return text.split()


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    list_path, work, load_pdfs = argv
    pdfs = [l for l in open(list_path, encoding="utf-8").read().splitlines() if l]
    ours, theirs = os.path.join(work, "incidex"), os.path.join(work, "pdftotext")
    os.makedirs(theirs, exist_ok=True)

    run = subprocess.run([load_pdfs, list_path, ours], capture_output=True, text=True, check=True)
    incidex = json.loads(run.stdout)

    started = time.perf_counter()
    for n, pdf in enumerate(pdfs):
        subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", pdf, os.path.join(theirs, f"{n}.txt")],
            check=False,
        )
    poppler_s = time.perf_counter() - started
    # What process start costs pdftotext per file (`-v` loads the program and exits), so the
    # table can show the loader's own time too.
    started = time.perf_counter()
    for _ in pdfs:
        subprocess.run(["pdftotext", "-v"], capture_output=True, check=False)
    spawn_s = time.perf_counter() - started

    seen, scores = set(), []
    for n, pdf in enumerate(pdfs):
        if pdf in seen:
            continue
        seen.add(pdf)
        a = words(os.path.join(ours, f"{n}.txt"))
        b = words(os.path.join(theirs, f"{n}.txt"))
        scores.append(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio())
    print(
        json.dumps(
            {
                "files": len(pdfs),
                "failed": incidex["failed"],
                "incidex_s": incidex["seconds"],
                "pdftotext_s": poppler_s,
                "time_ratio": incidex["seconds"] / poppler_s if poppler_s else None,
                "pdftotext_spawn_s": spawn_s,
                "time_ratio_net": incidex["seconds"] / max(poppler_s - spawn_s, 1e-9),
                "similarity_mean": sum(scores) / len(scores) if scores else None,
                "similarity_min": min(scores) if scores else None,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
