"""Extract incident records from an archive on Apache Spark, with incidex on each executor.

    spark-submit --files target/release/incidex spark/extract_records.py \\
        --out hdfs:///incidex/run-1 hdfs:///archive/2019 hdfs:///archive/2020
    incidex ingest --records run-1/kind=records     # after copying the shards to one machine

Spark lists the input paths (anything it can read: local, HDFS, S3 through the usual
connectors; folders recursively; hidden and `_` files left out; only the extensions incidex
reads, unless --all-files) and splits the list into partitions by bytes. Each task runs
`incidex extract --json --with-text` over its files, a batch at a time, in one process, and
hands the files over in one of two ways:

- by path (`file:` inputs): the executor reads the files itself, so every executor must
  see them at the same path (one machine, or a shared file system such as NFS);
- by bytes (any other scheme): Spark reads the bytes and the task streams them to incidex's
  stdin as a tar archive (`incidex extract --tar -`), each member named by its URI.

Output, one pass: `OUT/kind=records/part-*.txt` holds the records as JSON Lines (the shards
`incidex ingest --records` reads), `OUT/kind=errors/part-*.txt` one line per file that gave
no record, `{"path": ..., "cause": ...}`. A file is named as incidex names it: its local path
for `file:` inputs (as `incidex ingest` would), else its URI. A file that fails, even one that crashes incidex,
goes to the errors and never fails the job; a batch whose process dies is run again file
by file to find the culprit. What does fail the job is a setup error: no incidex binary,
bad --rules (incidex exits 3).

The binary: --incidex PATH, else a file named `incidex` shipped with `spark-submit --files`,
else `incidex` on the executors' PATH. Each process gets RAYON_NUM_THREADS from
`spark.task.cpus`, so tasks do not oversubscribe the executor's cores.
"""

import argparse
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import unicodedata
from urllib.parse import unquote, urlparse

EXTENSIONS = ("txt", "text", "md", "html", "htm", "xhtml", "pdf")
# A document's name: one of incidex's extensions, or none at all (as `incidex ingest DIR`).
CANDIDATE = r"(?i)(/[^/]*\.(%s)|/[^/.]+)$" % "|".join(EXTENSIONS)
# incidex's own exit statuses: 0 done, 2 some files failed, 3 could not start.
OK, SOME_FAILED, CANNOT_START = 0, 2, 3


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Extract incident records on Spark with incidex (see the module doc)."
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders Spark can read")
    p.add_argument("--out", required=True, help="output folder: kind=records/, kind=errors/")
    p.add_argument("--incidex", help="the incidex binary on the executors")
    p.add_argument(
        "--handover",
        choices=("auto", "path", "bytes"),
        default="auto",
        help="give incidex paths or bytes (auto: paths for file: inputs, else bytes)",
    )
    p.add_argument(
        "--batch-files", type=int, default=500, help="files per incidex process (500)"
    )
    p.add_argument(
        "--partitions",
        type=int,
        help="spread the files over N partitions (default: Spark's splits by bytes, "
        "spark.sql.files.maxPartitionBytes and spark.sql.files.openCostInBytes)",
    )
    p.add_argument("--all-files", action="store_true", help="every file, whatever its extension")
    p.add_argument("--mode", default="errorifexists", help="Spark save mode for --out")
    p.add_argument("--master", help="Spark master when run with python3, e.g. local[2]")
    p.add_argument("--rules", help="incidex --rules DIR, a folder every executor sees")
    p.add_argument("--max-file-size", default="100M", help="incidex --max-file-size (100M)")
    p.add_argument("--file-timeout", help="incidex --file-timeout SECONDS")
    p.add_argument("--pdf-memory", help="incidex --pdf-memory SIZE")
    return p.parse_args(argv)


def size_in_bytes(size):
    """`100M` as incidex reads it (binary multiples)."""
    s = size.strip().lower().rstrip("ib").rstrip("b")
    shift = {"k": 10, "m": 20, "g": 30}.get(s[-1:], 0)
    return int(s[:-1] if shift else s) << shift


def extract_flags(args):
    flags = ["--max-file-size", args.max_file_size]
    for name in ("rules", "file_timeout", "pdf_memory"):
        value = getattr(args, name)
        if value is not None:
            flags += ["--" + name.replace("_", "-"), str(value)]
    return flags


# ---- on the executors ----------------------------------------------------------------


def find_incidex(explicit):
    """The binary: the one named, else the one shipped with --files, else PATH's."""
    candidates = [explicit] if explicit else []
    if not explicit:
        try:
            from pyspark import SparkFiles

            candidates.append(os.path.join(SparkFiles.getRootDirectory(), "incidex"))
        except Exception:  # not inside a Spark task: no shipped files
            pass
        candidates.append(shutil.which("incidex"))
    for exe in candidates:
        if exe and os.path.isfile(exe):
            if not os.access(exe, os.X_OK):  # a file shipped by Spark may lose its x bit
                os.chmod(exe, os.stat(exe).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return exe
    raise RuntimeError(
        "no incidex binary on this executor: give --incidex PATH, ship it with "
        "`spark-submit --files .../incidex`, or install it on PATH"
    )


def local_path(uri):
    """`file:/a/b` as `/a/b`; None for other schemes."""
    parsed = urlparse(uri)
    if parsed.scheme not in ("", "file"):
        return None
    path = parsed.path if parsed.scheme else uri
    return path if os.path.exists(path) else unquote(path)


def escaped(name):
    """A name as incidex prints it on stderr: control characters escaped, Rust style."""
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    return "".join(
        named.get(c, "\\u{%x}" % ord(c)) if unicodedata.category(c) == "Cc" else c
        for c in name
    )


def error(path, cause):
    return ("errors", json.dumps({"path": path, "cause": cause}, ensure_ascii=False))


class Extractor:
    """Runs incidex over batches of files, sorting what comes out into records and errors."""

    def __init__(self, conf):
        self.conf = conf
        self.exe = find_incidex(conf["incidex"])
        self.env = dict(os.environ, RAYON_NUM_THREADS=str(conf["task_cpus"]))

    def run(self, files):
        """`files`: [(name incidex knows it by, bytes or None)]. Yields (kind, line)."""
        cmd = [self.exe, "extract", "--json", "--with-text", *self.conf["flags"]]
        if self.conf["bytes"]:
            cmd += ["--tar", "-"]
            stdin = to_tar(files)
        else:
            cmd += ["--", *(name for name, _ in files)]
            stdin = None
        proc = subprocess.run(
            cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env
        )
        stderr = proc.stderr.decode("utf-8", "replace")
        if proc.returncode == CANNOT_START:
            raise RuntimeError("incidex could not start: " + stderr.strip())
        if proc.returncode not in (OK, SOME_FAILED):
            # Killed or crashed (a signal, out of memory): find the file that did it.
            if len(files) > 1:
                for one in files:
                    yield from self.run([one])
                return
            how = (
                "signal %d" % -proc.returncode
                if proc.returncode < 0
                else "exit status %d" % proc.returncode
            )
            last = stderr.strip().splitlines()[-1:] or [""]
            yield error(files[0][0], ("incidex stopped (%s) %s" % (how, last[0])).strip())
            return
        names = [name for name, _ in files]
        done = set()
        for line in proc.stdout.decode("utf-8").splitlines():
            if line.strip():
                done.add(json.loads(line)["source"])
                yield ("records", line)
        by_printed = {"incidex: %s: " % escaped(name): name for name in names}
        unmatched = []
        for line in stderr.splitlines():
            name = next((n for p, n in by_printed.items() if line.startswith(p)), None)
            if name is None:
                unmatched.append(line)
                continue
            done.add(name)
            yield error(name, line[len("incidex: %s: " % escaped(name)) :])
        for name in names:
            if name not in done:
                cause = " / ".join(unmatched) or "incidex gave no record and no error"
                yield error(name, cause)


def to_tar(files):
    """The files as an uncompressed tar archive, each member named as incidex should."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def extract_partition(rows, conf):
    """One task: its files in batches of `batch_files`, one incidex process per batch."""
    extractor = None
    batch = []

    def flush():
        nonlocal extractor
        extractor = extractor or Extractor(conf)
        out = list(extractor.run(batch))
        batch.clear()
        return out

    for row in rows:
        uri = row["path"]
        if conf["bytes"]:
            name = local_path(uri) or uri
            if row["content"] is None:
                yield error(name, "the file is larger than the limit of %s" % conf["max_size"])
                continue
            batch.append((name, bytes(row["content"])))
        else:
            name = local_path(uri)
            if name is None or not os.path.exists(name):
                yield error(
                    uri,
                    "not visible at this path on the executor: use --handover bytes",
                )
                continue
            batch.append((name, None))
        if len(batch) >= conf["batch_files"]:
            yield from flush()
    if batch:
        yield from flush()


# ---- on the driver -------------------------------------------------------------------


def empty_files(spark, files, all_files):
    """The empty files among the inputs, as (path, length 0). Spark's file scan leaves
    them out, yet incidex reports each (`the file is empty`), so they are listed apart:
    every file the listing found, less those the scan gives."""
    from pyspark.sql import functions as F

    # The listing names files as URIs (`file:///a%20b`), the scan as paths (`file:/a b`).
    as_scanned = [(unquote(re.sub("^file:/+", "file:/", uri)),) for uri in files.inputFiles()]
    listed = spark.createDataFrame(as_scanned, "path string")
    if not all_files:
        listed = listed.filter(F.col("path").rlike(CANDIDATE))
    return listed.join(files.select("path"), "path", "left_anti").select(
        "path", F.lit(0).cast("long").alias("length")
    )


def main(argv):
    args = parse_args(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    builder = SparkSession.builder.appName("incidex extract_records")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()

    schemes = {urlparse(p).scheme or "file" for p in args.inputs}
    by_bytes = args.handover == "bytes" or (args.handover == "auto" and schemes != {"file"})
    max_size = size_in_bytes(args.max_file_size)

    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(args.inputs)
    )
    if not args.all_files:
        files = files.filter(F.col("path").rlike(CANDIDATE))
    empty = empty_files(spark, files, args.all_files)
    if by_bytes:
        # The length filter reaches the file source, so an oversized file is never read.
        small = files.filter(F.col("length") <= max_size).select("path", "length", "content")
        large = files.filter(F.col("length") > max_size).select(
            "path", "length", F.lit(None).cast("binary").alias("content")
        )
        empty = empty.withColumn("content", F.lit(b"").cast("binary"))
        files = small.unionByName(large).unionByName(empty)
    else:
        files = files.select("path", "length").unionByName(empty)  # content never read
    if args.partitions:
        files = files.repartition(args.partitions)

    conf = {
        "incidex": args.incidex,
        "bytes": by_bytes,
        "batch_files": max(1, args.batch_files),
        "flags": extract_flags(args),
        "max_size": args.max_file_size,
        "task_cpus": int(spark.conf.get("spark.task.cpus", "1")),
    }
    out = files.rdd.mapPartitions(lambda rows: extract_partition(rows, conf))
    schema = StructType([StructField("kind", StringType()), StructField("value", StringType())])
    (
        spark.createDataFrame(out, schema)
        .write.partitionBy("kind")
        .mode(args.mode)
        .text(args.out)
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
