#!/usr/bin/env python3
"""Runs `tisse analyze` on Apache Spark: one shard a task, then `tisse merge`.

The reports are the bytes a single `tisse analyze ARGS` would write (README, "More than one
machine"). Spark ships the tisse binary to the executors (SparkContext.addFile); each task
runs `tisse analyze ARGS --shard K/N` over inputs on a path every executor sees (a shared
mount), and its partial result comes back to the driver (as bytes, or through a shared
folder with --partials), which merges them.

    spark-submit --master 'local[2]' scripts/spark/tisse_spark.py \\
        --tisse target/release/tisse --shards 4 --output reports -- corpus

A task whose tisse fails (a lost machine, exit status 2 or more) raises: Spark runs it
again, up to spark.task.maxFailures times (4 on a cluster; `local[N,F]` allows F tries in
local mode). tisse's exit status 1 (something in the inputs was skipped, listed in
problems.csv) still gives a partial, as it gives reports in a single run.
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

from pyspark import SparkFiles, TaskContext
from pyspark.sql import SparkSession

# For the recipe's own test: the first try of this shard fails, to show Spark running it
# again.
FAIL_ONCE = "TISSE_SPARK_FAIL_FIRST_TRY"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        usage="%(prog)s --tisse BINARY --shards N --output DIR [options] -- ANALYZE_ARGS...",
    )
    parser.add_argument("--tisse", required=True, help="the tisse binary to ship (built for the executors' system)")
    parser.add_argument("--shards", type=int, required=True, help="how many shards, one Spark task each")
    parser.add_argument("--output", required=True, help="the folder of the reports, on the driver")
    parser.add_argument("--split-from", help="passed to `tisse analyze --split-from`")
    parser.add_argument(
        "--partials",
        help="a folder every executor can write (shared mount): partials go there rather "
        "than through the driver's memory (spark.driver.maxResultSize)",
    )
    parser.add_argument(
        "--cwd",
        default=os.getcwd(),
        help="where tisse runs on the executors, for relative input paths (default: this "
        "folder, which must then exist there too)",
    )
    parser.add_argument("analyze", nargs=argparse.REMAINDER, help="after --: tisse analyze's arguments, as for one run")
    options = parser.parse_args(argv)
    if options.analyze and options.analyze[0] == "--":
        options.analyze = options.analyze[1:]
    if options.shards < 1:
        parser.error("--shards must be at least 1")
    if any(a in ("-o", "--output", "--shard") or a.startswith(("--output=", "--shard=")) for a in options.analyze):
        parser.error("give the reports' folder with --output before --, and no --shard")
    return options


def shard_command(binary, options, k):
    """The command of shard k (from 1): the single run's arguments, then the shard's."""
    command = [binary, "analyze", *options.analyze, "--shard", f"{k}/{options.shards}", "--quiet"]
    if options.split_from:
        command += ["--split-from", options.split_from]
    return command


def run_shard(options):
    """The function of a task: runs one shard, returns (file name, bytes or None)."""

    def run(index):
        k = index + 1
        context = TaskContext.get()
        if os.environ.get(FAIL_ONCE) == str(k) and context is not None and context.attemptNumber() == 0:
            raise RuntimeError(f"shard {k}: failing its first try on purpose ({FAIL_ONCE})")
        binary = SparkFiles.get(os.path.basename(options.tisse))
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        with tempfile.TemporaryDirectory(prefix=f"tisse-shard-{k}-") as out:
            command = shard_command(binary, options, k) + ["-o", out]
            done = subprocess.run(command, cwd=options.cwd, capture_output=True, text=True)
            # 0: clean; 1: something skipped (listed in problems.csv), the partial is whole.
            if done.returncode not in (0, 1):
                raise RuntimeError(f"shard {k}/{options.shards}: tisse exited {done.returncode}: {done.stderr.strip()}")
            names = [n for n in os.listdir(out) if n.endswith(".tpart")]
            if len(names) != 1:
                raise RuntimeError(f"shard {k}: expected one partial in {out}, found {names}")
            path = os.path.join(out, names[0])
            if options.partials:
                # Copied beside, then renamed: a retried or speculative task never leaves half a file.
                target = os.path.join(options.partials, names[0])
                temporary = f"{target}.{os.getpid()}.{context.taskAttemptId() if context else 0}.tmp"
                shutil.copyfile(path, temporary)
                os.replace(temporary, target)
                return names[0], None
            with open(path, "rb") as partial:
                return names[0], partial.read()

    return run


def main(argv):
    options = parse_arguments(argv)
    spark = SparkSession.builder.appName("tisse").getOrCreate()
    sc = spark.sparkContext
    sc.addFile(os.path.abspath(options.tisse))
    if options.partials:
        os.makedirs(options.partials, exist_ok=True)
    results = sc.parallelize(range(options.shards), options.shards).map(run_shard(options)).collect()
    spark.stop()
    with tempfile.TemporaryDirectory(prefix="tisse-partials-") as collected:
        partials = []
        for name, data in sorted(results):
            if data is None:
                partials.append(os.path.join(options.partials, name))
            else:
                partials.append(os.path.join(collected, name))
                with open(partials[-1], "wb") as out:
                    out.write(data)
        # The driver's own binary merges; it must be the same tisse version (merge checks).
        merge = [os.path.abspath(options.tisse), "merge", *partials, "-o", options.output]
        done = subprocess.run(merge, cwd=options.cwd)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
