#!/usr/bin/env bash
# Compare notice-extract's documents/second with the tools people use today, side by side in one
# run on the same files:
#
#   HTML  pandas.read_html(flavor="lxml")                       aim: notice-extract ≥ 15× its docs/s
#   DOCX  python-docx (open, read every table's cell text)      aim: ≥ 50×
#   XLSX  openpyxl load_workbook (normal mode, not read-only:   aim: ≥ 30×
#         read-only mode does not know merged cells), every sheet's rows' values
#   DOC   antiword (text only: one process per file, tables printed as text)   aim: ≥ 1×
#   PDF   pdfplumber (open, extract_tables() on every page)        aim: ≥ 20×
#   HTML, DOCX, XLSX  docling-rs from PyPI (docling.rs, the Rust port of docling, through its
#         Python bindings: DocumentConverter().convert(path))   aim: ≥ 20×
#
#   scripts/compare-peers.sh [N]          N copies of each input file (default 50)
#
# Environment:
#   NE_BIN=path      notice-extract binary to time (default: `cargo build --release --locked`,
#                    then target/release/notice-extract)
#   PEERS_VENV=dir   reuse (or create once and keep) this venv for the peers, so repeated runs
#                    need not reinstall them; default: a fresh venv in the temporary folder
#   FORMATS="a b"    the formats to measure (default "html docx doc xlsx pdf"); peers of the others
#                    are not installed
#   REPEAT=R         time every measurement R times and keep the fastest (default 3), the same
#                    for notice-extract and for the peers
#
# The corpus, in a temporary folder removed at exit: N copies (names prefixed with the copy
# number) of fixtures/formats/*.html (the .gbk.html and .word.html pages included), *.docx, *.doc,
# *.xlsx, *.pdf and pdf/*.pdf, one folder per format.  notice-extract is timed as a whole process,
# `convert DIR --format jsonl -o OUT --jobs 1 -q` and with --jobs $(nproc); each Python peer in
# one process, single-threaded, timing only its loop over the files (after imports and one
# warm-up file), which favours the peers.  scripts/compare_peers.py does the timing and prints
# the tables.  A peer that cannot be installed or imported is skipped, with the reason printed.
#
# CI does not run this.  Timings depend on the machine and on what else runs on it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HELPER="$ROOT/scripts/compare_peers.py"
N=${1:-50}
REPEAT=${REPEAT:-3}
FORMATS=${FORMATS:-html docx doc xlsx pdf}
want() { case " $FORMATS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
case "$N" in ''|*[!0-9]*|0) echo "usage: $0 [N >= 1]" >&2; exit 2 ;; esac
case "$REPEAT" in ''|*[!0-9]*|0) echo "REPEAT must be an integer >= 1" >&2; exit 2 ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compare-peers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
say() { printf '%s\n' "compare-peers: $*" >&2; }

# --- notice-extract ------------------------------------------------------------------------
if [ -n "${NE_BIN:-}" ]; then
    [ -x "$NE_BIN" ] || { echo "NE_BIN=$NE_BIN is not an executable file" >&2; exit 2; }
else
    say "building notice-extract (cargo build --release --locked)"
    (cd "$ROOT" && cargo build --release --locked)
    NE_BIN="$ROOT/target/release/notice-extract"
fi
NE_BIN=$(cd "$(dirname "$NE_BIN")" && pwd)/$(basename "$NE_BIN")
ne_version=$("$NE_BIN" --version 2>/dev/null || echo "notice-extract (version unknown)")
say "using $NE_BIN ($ne_version)"

# --- peers' venv ---------------------------------------------------------------------------
if [ -n "${PEERS_VENV:-}" ]; then
    VENV=$PEERS_VENV
else
    VENV="$tmp/venv"
fi
if [ ! -x "$VENV/bin/python" ]; then
    say "creating venv $VENV"
    python3 -m venv "$VENV"
else
    say "reusing venv $VENV"
fi
PY="$VENV/bin/python"

# install_peer NAME CHECK PIP-ARGS...: ok when CHECK (Python code) runs in the venv, after
# pip-installing PIP-ARGS if it did not already.  Sets skip_NAME to the reason otherwise.
install_peer() {
    local name=$1 check=$2 out var
    shift 2
    var="skip_${name//-/_}"
    printf -v "$var" '%s' ""
    if "$PY" -c "$check" >/dev/null 2>&1; then
        say "$name: already installed"
        return 0
    fi
    say "$name: pip install $*"
    if ! out=$("$PY" -m pip install --quiet --disable-pip-version-check "$@" 2>&1); then
        printf '%s\n' "$out" | tail -n 5 >&2
        printf -v "$var" '%s' "pip install $* failed"
        say "$name: SKIPPED, pip install failed (output above)"
        return 0
    fi
    if ! out=$("$PY" -c "$check" 2>&1); then
        printf '%s\n' "$out" | tail -n 5 >&2
        printf -v "$var" '%s' "installed but does not import/run here: $(printf '%s' "$out" | tail -n 1 | cut -c1-120)"
        say "$name: SKIPPED, ${!var}"
    fi
}
skip_pandas="" skip_python_docx="" skip_openpyxl="" skip_pdfplumber="" skip_docling_rs="" skip_antiword=""
if want html; then install_peer pandas 'import pandas, lxml' pandas lxml; fi
if want docx; then install_peer python-docx 'import docx' python-docx; fi
if want xlsx; then install_peer openpyxl 'import openpyxl' openpyxl; fi
if want pdf; then install_peer pdfplumber 'import pdfplumber' pdfplumber; fi
if want html || want docx || want xlsx; then
    install_peer docling-rs 'import docling_rs; docling_rs.DocumentConverter()' docling-rs
fi
# antiword is a program, not a Python package: measured when it is on PATH.
if want doc && ! command -v antiword >/dev/null 2>&1; then
    skip_antiword="antiword is not installed (Debian: apt-get install antiword)"
fi

# --- corpus --------------------------------------------------------------------------------
shopt -s nullglob
formats=()
for fmt in $FORMATS; do
    inputs=("$ROOT"/fixtures/formats/*."$fmt")
    # The PDFs made for what the seed notices do not show (borderless, across pages,
    # Identity-H, a scan) live in pdf/.
    if [ "$fmt" = pdf ]; then inputs+=("$ROOT"/fixtures/formats/pdf/*.pdf); fi
    if [ ${#inputs[@]} -eq 0 ]; then
        say "no fixtures/formats/*.$fmt, format $fmt left out"
        continue
    fi
    mkdir -p "$tmp/corpus/$fmt"
    for ((i = 1; i <= N; i++)); do
        for f in "${inputs[@]}"; do
            cp "$f" "$tmp/corpus/$fmt/$(printf '%04d' "$i")-$(basename "$f")"
        done
    done
    formats+=("$fmt")
    say "corpus $fmt: ${#inputs[@]} files × $N copies"
done
shopt -u nullglob

# --- measure -------------------------------------------------------------------------------
results="$tmp/results.jsonl"
: >"$results"
ncpu=$(nproc)

# peer TOOL FORMAT: time one peer on one format folder; a crash is recorded as a skip.
peer() {
    local tool=$1 fmt=$2 var reason
    var="skip_${tool//-/_}"
    [ "$tool" = docling-rs-engine ] && var=skip_docling_rs
    reason=${!var}
    if [ -n "$reason" ]; then
        "$PY" "$HELPER" skip "$tool" --format "$fmt" --reason "not measured: $reason" --results "$results"
        return 0
    fi
    say "timing $tool on $fmt"
    if ! "$PY" "$HELPER" peer "$tool" "$tmp/corpus/$fmt" --format "$fmt" --repeat "$REPEAT" \
            --results "$results"; then
        "$PY" "$HELPER" skip "$tool" --format "$fmt" --reason "the run crashed (traceback above)" \
            --results "$results"
    fi
}

for fmt in "${formats[@]}"; do
    for jobs in 1 "$ncpu"; do
        if [ "$jobs" = "$ncpu" ] && [ "$ncpu" -eq 1 ]; then continue; fi
        say "timing notice-extract --jobs $jobs on $fmt"
        "$PY" "$HELPER" ne "$NE_BIN" "$tmp/corpus/$fmt" --format "$fmt" --jobs "$jobs" \
            --out "$tmp/out/$fmt-jobs$jobs/out.jsonl" --repeat "$REPEAT" --results "$results"
    done
    case "$fmt" in
        html) peer pandas html ;;
        docx) peer python-docx docx ;;
        xlsx) peer openpyxl xlsx ;;
        doc) peer antiword doc ;;
        pdf) peer pdfplumber pdf ;;
    esac
    # docling-rs reads neither legacy .doc nor PDF here.
    if [ "$fmt" != doc ] && [ "$fmt" != pdf ]; then
        peer docling-rs "$fmt"
        peer docling-rs-engine "$fmt"
    fi
done

"$PY" "$HELPER" report --results "$results" --copies "$N" --repeat "$REPEAT" \
    --ne-bin "$NE_BIN" --ne-version "$ne_version" --load-start "$load_start"
