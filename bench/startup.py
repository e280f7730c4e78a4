#!/usr/bin/env python3
"""Start-up time: the best of R runs of a command, for each command given.

    startup.py R NAME=COMMAND... > startup.json

Prints one JSON object, {NAME: best wall seconds, NAME_cpu: best CPU seconds, ...}. The
best run, not the mean: start-up is what the program costs with a warm page cache, and the
machine's noise only adds. CPU time (user + system) holds on a machine shared with others.
"""

import json
import resource
import shlex
import subprocess
import sys
import time


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_of(runs, argv):
    """The best wall and the best CPU seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, started = cpu_of_children(), time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_of_children() - cpu)
    return min(walls), min(cpus)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    out = {}
    for spec in sys.argv[2:]:
        name, command = spec.split("=", 1)
        out[name], out[name + "_cpu"] = best_of(runs, shlex.split(command))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
