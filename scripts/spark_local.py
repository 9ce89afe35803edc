"""The PySpark job of scripts/spark-local.sh (run by it; see there)."""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, StringType, StructField, StructType

import notice_extract as ne

SCHEMA = StructType(
    [
        StructField("input", IntegerType(), False),  # the file's place in paths.txt
        StructField("position", IntegerType(), False),  # the record's place in its file
        StructField("path", StringType(), False),
        StructField("fingerprint", StringType(), False),
        StructField("region", StringType(), True),
        StructField("year", IntegerType(), True),
        StructField("name", StringType(), True),
        StructField("record", StringType(), False),  # the JSON Lines record, duplicate_of null
    ]
)


def rows(lines, index):
    """JSON Lines records (each with its notice) of one partition, in order, as rows."""
    positions = {}
    for line in lines:
        record = json.loads(line)
        path = record["source"]["path"]
        position = positions.get(path, 0)
        positions[path] = position + 1
        record["duplicate_of"] = None  # marked again across all workers below
        notice = record.get("notice") or {}
        yield (
            index[path],
            position,
            path,
            ne.fingerprint(record),
            notice.get("region"),
            notice.get("year"),
            record.get("name"),
            json.dumps(record, ensure_ascii=False),
        )


def convert_partition(paths):
    """The map step with the Python package: one thread per task, Spark's cores do the rest."""
    for doc in ne.convert(list(paths), jobs=1):
        if isinstance(doc, ne.NoticeError):
            print(doc, file=sys.stderr)
            continue
        for record in doc["records"]:
            yield json.dumps({"notice": doc["notice"], **record}, ensure_ascii=False)


def mark_duplicates(df):
    """duplicate_of across every file, as one `convert` of all of them sets it."""
    first = df.groupBy("fingerprint").agg(F.min("input").alias("first"))
    first_path = df.select(F.col("input").alias("first"), F.col("path").alias("first_path")).distinct()
    return (
        df.join(first, "fingerprint")
        .join(first_path, "first")
        .withColumn(
            "duplicate_of",
            F.when(F.col("first") == F.col("input"), F.lit(None)).otherwise(F.col("first_path")),
        )
        .drop("first", "first_path")
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--master", required=True)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()

    paths = sorted(str(p) for p in (args.work / "data").rglob("*") if p.is_file())
    list_file = args.work / "paths.txt"
    list_file.write_text("".join(p + "\n" for p in paths), "utf-8")
    index = {p: i for i, p in enumerate(paths)}

    # The plain conversion to compare with: one process, every file, in order.
    started = time.perf_counter()
    out = subprocess.run(
        [args.binary, "convert", "--files-from", str(list_file), "--format", "jsonl", "-q", "--jobs", "1"],
        check=True,
        capture_output=True,
    )
    plain_seconds = time.perf_counter() - started
    expected = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]

    spark = (
        SparkSession.builder.master(args.master)
        .appName("notice-extract map step")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(args.partitions))
        .config("spark.python.worker.reuse", "true")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    index_b = sc.broadcast(index)
    command = f"{args.binary} convert --files-from - --format jsonl -q --jobs 1"

    def records_of(how):
        lines = sc.textFile(str(list_file), minPartitions=args.partitions)
        if how == "pipe":
            jsonl = lines.pipe(command)
        else:
            jsonl = lines.mapPartitions(convert_partition)
        return jsonl.mapPartitions(lambda part: rows(part, index_b.value))

    # Spark starts its Python workers and the JVM's code paths on first use: warm up.
    records_of("python").take(1)
    records_of("pipe").take(1)

    print(f"{args.master}: {len(paths)} files, {len(expected)} records; "
          f"plain convert --jobs 1: {plain_seconds:.2f} s ({len(expected) / plain_seconds:,.0f} records/s)")
    for how in ("pipe", "python"):
        started = time.perf_counter()
        n = records_of(how).count()
        map_seconds = time.perf_counter() - started

        started = time.perf_counter()
        converted = spark.createDataFrame(records_of(how), SCHEMA).cache()
        df = mark_duplicates(converted)
        target = args.work / f"records-{how}-{args.master.replace('[', '').replace(']', '')}.parquet"
        df.write.mode("overwrite").parquet(str(target))
        job_seconds = time.perf_counter() - started
        converted.unpersist()

        back = spark.read.parquet(str(target)).orderBy("input", "position").collect()
        got = []
        for row in back:
            record = json.loads(row["record"])
            record["duplicate_of"] = row["duplicate_of"]
            got.append(record)
        same = got == expected
        print(
            f"  {how:6} ({args.partitions} partitions) map {n / map_seconds:7,.0f} records/s ({map_seconds:5.2f} s); "
            f"map + duplicates + Parquet {n / job_seconds:7,.0f} records/s ({job_seconds:5.2f} s); "
            f"{len(got)} records read back, {'equal to' if same else 'DIFFERENT from'} plain convert"
        )
        if not same:
            diff = sum(a != b for a, b in zip(got, expected)) + abs(len(got) - len(expected))
            print(f"  {diff} records differ", file=sys.stderr)
            spark.stop()
            sys.exit(1)
    spark.stop()


if __name__ == "__main__":
    main()
