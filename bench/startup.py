#!/usr/bin/env python3
"""Start-up time: the best of R runs of a command, for each command given.

    startup.py R NAME=COMMAND... > startup.json

Prints one JSON object, {NAME: best seconds, ...}. The best run, not the mean: start-up
is what the program costs with a warm page cache, and the machine's noise only adds.
"""

import json
import shlex
import subprocess
import sys
import time


def best_of(runs, argv):
    best = None
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    return best


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    out = {}
    for spec in sys.argv[2:]:
        name, command = spec.split("=", 1)
        out[name] = best_of(runs, shlex.split(command))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
