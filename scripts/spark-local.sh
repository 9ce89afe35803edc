#!/usr/bin/env bash
# The map step on a real engine: PySpark in local mode (local[1], then
# local[2]) over a folder of N copies of the fixtures (seed notices and their
# HTML, DOCX, XLSX, XLS and ODS versions), twice per master:
#
#   pipe    paths piped through the binary, as README's Spark example does:
#           sc.textFile(paths).pipe("notice-extract convert --files-from - --format jsonl -q")
#   python  the Python package in mapPartitions: notice_extract.convert(paths of the partition)
#
# Each worker marks duplicates only among its own files, so the job marks them
# again across all of them (by notice_extract.fingerprint, a groupBy and a join:
# a record repeats the earliest other file holding its fingerprint), writes
# the records to Parquet, reads them back and checks that they equal a plain
# `notice-extract convert --files-from paths.txt --format jsonl` of the same
# files, duplicate_of included. Prints records/s of the map step (converted
# records counted) and of the whole job (map, duplicates, Parquet).
#
#   scripts/spark-local.sh [COPIES]          default: 30 (690 files, 27 MB, 22,680 records)
#
# Environment: NE_BIN=path (default: cargo build --release --locked,
# target/release/notice-extract), SPARK_VENV=folder (a venv to reuse; default a
# temporary one with pyspark 3.5.5 and the package built by `pip install ./python`),
# PARTITIONS=8, MASTERS="local[1] local[2]". Needs Java 8, 11 or 17 (Debian:
# apt-get install -y openjdk-17-jre-headless). CI does not run this; README
# ("As the map step of a distributed job") quotes its output.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COPIES=${1:-30}
case "$COPIES" in '' | *[!0-9]* | 0) echo "COPIES must be an integer >= 1" >&2; exit 2 ;; esac
PARTITIONS=${PARTITIONS:-8}
MASTERS=${MASTERS:-"local[1] local[2]"}

if [ -z "${NE_BIN:-}" ]; then
    cargo build --release --locked -q
    NE_BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/notice-extract
fi
NE_BIN=$(realpath "$NE_BIN")

# Spark 3.5 runs on Java 8, 11 and 17.
java_major() { java -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -1; }
case "$(command -v java >/dev/null && java_major)" in
    8 | 11 | 17) ;;
    *)
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -q openjdk-17-jre-headless
            export JAVA_HOME=$(dirname "$(dirname "$(readlink -f /usr/lib/jvm/java-17-openjdk-*/bin/java)")")
            export PATH=$JAVA_HOME/bin:$PATH
        else
            echo "Spark 3.5 needs Java 8, 11 or 17: apt-get install -y openjdk-17-jre-headless" >&2
            exit 2
        fi
        ;;
esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/notice-extract-spark.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
VENV=${SPARK_VENV:-$WORK/venv}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check 'pyspark==3.5.5'
if ! "$VENV/bin/python" -c 'import notice_extract' 2>/dev/null; then
    "$VENV/bin/pip" install -q --disable-pip-version-check ./python
fi

# The folder of notices: COPIES copies of the fixtures, one folder each.
for i in $(seq -w 1 "$COPIES"); do
    mkdir -p "$WORK/data/$i"
    cp fixtures/*.txt fixtures/formats/*.html fixtures/formats/*.docx fixtures/formats/*.xlsx \
        fixtures/formats/*.xls fixtures/formats/*.ods "$WORK/data/$i/"
done

for master in $MASTERS; do
    PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" scripts/spark_local.py \
        --master "$master" --partitions "$PARTITIONS" --binary "$NE_BIN" --work "$WORK"
done
