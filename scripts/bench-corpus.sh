#!/usr/bin/env bash
# Times `notice-extract convert` over a corpus of N documents per format, built in a temporary
# folder from the fixtures, on one thread and on all cores, with /usr/bin/time -v:
# documents/s, MB/s (input bytes) and peak RSS.
#
#   scripts/bench-corpus.sh [N ...]        default: 1000 10000
#
# Formats and their inputs (copied round-robin until the folder holds N files):
#   txt   fixtures/*.txt                         (the five seed notices as saved text)
#   html  fixtures/formats/*.html                (incl. the GBK and Word-exported pages)
#   docx  fixtures/formats/*.docx
#   xlsx  fixtures/formats/*.xlsx
#
# Environment: NE_BIN=path (default: cargo build --release --locked, target/release/notice-extract),
# FORMATS="txt html docx xlsx", JOBS="1 $(nproc)", OUTPUT=jsonl (any --format of convert),
# REPEAT=3 (each line is the fastest of REPEAT runs, with the largest peak RSS among them: on a
# shared or virtual machine single runs vary by tens of percent), KEEP=1 keeps the corpus folder.
#
# Files are read once before timing so that the page cache holds them: the figures are the
# converter's, not the disk's. CI does not run this; README "Performance" quotes its output.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
FORMATS=${FORMATS:-"txt html docx xlsx"}
JOBS=${JOBS:-"1 $(nproc)"}
OUTPUT=${OUTPUT:-jsonl}
REPEAT=${REPEAT:-3}
case "$REPEAT" in '' | *[!0-9]* | 0) echo "REPEAT must be an integer >= 1" >&2; exit 2 ;; esac
for n in "${SIZES[@]}"; do
    case "$n" in '' | *[!0-9]* | 0) echo "usage: $0 [N >= 1 ...]" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

if [ -z "${NE_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --release --locked >&2)
    NE_BIN="$ROOT/target/release/notice-extract"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-corpus.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$tmp"' EXIT; else echo "corpus kept in $tmp" >&2; fi

sources() {
    case "$1" in
        txt) ls "$ROOT"/fixtures/*.txt ;;
        html) ls "$ROOT"/fixtures/formats/*.html ;;
        docx) ls "$ROOT"/fixtures/formats/*.docx ;;
        xlsx) ls "$ROOT"/fixtures/formats/*.xlsx ;;
        *) echo "unknown format $1" >&2; exit 2 ;;
    esac
}

# build DIR FORMAT N: N files, the format's fixtures copied round-robin.
build() {
    local dir=$1 fmt=$2 n=$3 i=0 src
    mkdir -p "$dir"
    mapfile -t src < <(sources "$fmt")
    while [ "$i" -lt "$n" ]; do
        for f in "${src[@]}"; do
            [ "$i" -lt "$n" ] || break
            cp "$f" "$dir/$i-$(basename "$f")"
            i=$((i + 1))
        done
    done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary:  $NE_BIN ($("$NE_BIN" --version))"
echo "command: convert DIR --format $OUTPUT -o OUT --jobs J -q, under /usr/bin/time -v; fastest of $REPEAT"
echo
printf '%-6s %7s %9s %5s %9s %9s %8s %10s %9s\n' format docs MB jobs seconds docs/s MB/s "peak RSS" records
for n in "${SIZES[@]}"; do
    for fmt in $FORMATS; do
        dir="$tmp/$fmt-$n"
        build "$dir" "$fmt" "$n"
        cat "$dir"/* >/dev/null
        bytes=$(du -sb "$dir" | cut -f1)
        for j in $JOBS; do
            out="$tmp/out-$fmt-$n-$j"
            best="" rss=0 status=0 records="-"
            for ((r = 1; r <= REPEAT; r++)); do
                rm -rf "$out" "$out".*
                timing="$tmp/time-$fmt-$n-$j"
                /usr/bin/time -v -o "$timing" "$NE_BIN" convert "$dir" --format "$OUTPUT" -o "$out" --jobs "$j" -q || status=$?
                wall=$(grep 'Elapsed (wall clock)' "$timing" | awk '{print $NF}')
                secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
                kb=$(grep 'Maximum resident set size' "$timing" | awk '{print $NF}')
                best=$(awk -v a="$best" -v b="$secs" 'BEGIN { print (a == "" || b < a) ? b : a }')
                rss=$((kb > rss ? kb : rss))
                records=$( { [ -f "$out" ] && wc -l <"$out"; } || echo "-")
            done
            awk -v f="$fmt" -v n="$n" -v b="$bytes" -v j="$j" -v s="$best" -v r="$rss" -v rec="$records" -v st="$status" 'BEGIN {
                if (s <= 0) s = 0.005
                printf "%-6s %7d %9.1f %5d %9.2f %9.0f %8.1f %7.1f MB %9s%s\n", f, n, b / 1e6, j, s, n / s, b / 1e6 / s, r / 1024, rec, (st == 0 ? "" : "  exit " st)
            }'
            rm -rf "$out" "$out".*
        done
        rm -rf "$dir"
    done
done
