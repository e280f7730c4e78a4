#!/usr/bin/env bash
# PySpark, for tests/cli/spark.rs (the Spark job in spark/ run in local mode). Spark
# needs a Java runtime (17 on this project's machines); pyspark comes from PyPI.
set -euo pipefail

if ! command -v java >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! python3 -c 'import pyspark' >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore pyspark
fi
