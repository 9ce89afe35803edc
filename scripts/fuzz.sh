#!/usr/bin/env bash
# Fuzzes every target of fuzz/ for MINUTES in all (MINUTES/targets each).
#
#   scripts/fuzz.sh MINUTES [TARGET...]
#
# Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz). Seeds
# fuzz/corpus/<target>/ from fixtures/ when a target has no corpus yet
# (scripts/fuzz-seeds.py). Crashes, timeouts and out-of-memory inputs go to
# fuzz/artifacts/<target>/; panics inside a dependency that the library's
# guard caught (not crashes of ours) go to fuzz/artifacts/dependency-panics/,
# one input per panic location. Prints a summary; exits 1 when any target
# crashed, timed out or ran out of memory.
set -euo pipefail

# Longest input libFuzzer makes (bytes); seeds longer are cut to it.
MAX_LEN=65536
# Memory one fuzzing process may use before its input counts as an OOM (MB).
RSS_LIMIT_MB=2048
# Seconds one input may take before it counts as a timeout (a debug-assertion,
# coverage-instrumented build: about 10× slower than release).
TIMEOUT_S=20
# libFuzzer runs each target in forked children and goes on after a crash.
FORK_JOBS=1
TARGETS=(extract_bytes html_reader docx_reader doc_reader sheet_reader pdf_reader text_layouts normalize_grid quantity)

minutes=${1:?usage: scripts/fuzz.sh MINUTES [TARGET...]}
shift
if [ $# -gt 0 ]; then TARGETS=("$@"); fi
cd "$(dirname "$0")/.."
root=$PWD

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz)" >&2
    exit 2
fi

per=$(( minutes * 60 / ${#TARGETS[@]} ))
[ "$per" -ge 1 ] || per=1

for t in "${TARGETS[@]}"; do
    if [ ! -d "fuzz/corpus/$t" ] || [ -z "$(ls -A "fuzz/corpus/$t")" ]; then
        python3 scripts/fuzz-seeds.py "$MAX_LEN"
        break
    fi
done

# Debug assertions (so overflow checks) on, as the first fuzzing run had; no
# sanitizer: the code is safe Rust, and ASan would halve the executions.
(cd fuzz && cargo +nightly fuzz build --debug-assertions --sanitizer none)
bin=$root/fuzz/target/x86_64-unknown-linux-gnu/release

logs=$root/fuzz/artifacts/logs
dep=$root/fuzz/artifacts/dependency-panics
mkdir -p "$logs" "$dep"
export FUZZ_DEP_PANICS_DIR=$dep

count() { find "$1" -maxdepth 1 -type f -name "$2" 2>/dev/null | wc -l; }

summary=()
bad=0
for t in "${TARGETS[@]}"; do
    art=$root/fuzz/artifacts/$t
    mkdir -p "$art"
    c0=$(count "$art" 'crash-*'); o0=$(count "$art" 'oom-*'); s0=$(count "$art" 'timeout-*')
    d0=$(count "$dep" "$t-*.txt")
    echo "== $t: ${per}s"
    log=$logs/$t.log
    start=$(date +%s)
    set +e
    "$bin/$t" "$root/fuzz/corpus/$t" \
        -max_total_time="$per" -max_len="$MAX_LEN" -rss_limit_mb="$RSS_LIMIT_MB" \
        -timeout="$TIMEOUT_S" -fork="$FORK_JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="$art/" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    secs=$(( $(date +%s) - start ))
    # Fork mode's last status line: "#EXECS: cov: … exec/s N …".
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
    rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
    c=$(( $(count "$art" 'crash-*') - c0 )); o=$(( $(count "$art" 'oom-*') - o0 ))
    s=$(( $(count "$art" 'timeout-*') - s0 )); d=$(( $(count "$dep" "$t-*.txt") - d0 ))
    line=$(printf '%-15s %5ss %10s execs %6s exec/s  crashes %s  timeouts %s  ooms %s  dependency panics %s  (exit %s)' \
        "$t" "$secs" "${execs:-?}" "$rate" "$c" "$s" "$o" "$d" "$rc")
    echo "$line"
    summary+=("$line")
    if [ $((c + o + s)) -gt 0 ]; then bad=1; fi
done

echo
echo "== summary (max_len $MAX_LEN, rss_limit_mb $RSS_LIMIT_MB, timeout ${TIMEOUT_S}s; logs in fuzz/artifacts/logs/)"
printf '%s\n' "${summary[@]}"
if ls "$dep"/*.txt >/dev/null 2>&1; then
    echo "== dependency panics caught by the library's guard (fuzz/artifacts/dependency-panics/):"
    for f in "$dep"/*.txt; do
        sed -n 's/^at: //p; s/^message: /    /p' "$f" | paste -sd ' ' -
    done | sort | uniq -c
fi
if [ "$bad" -ne 0 ]; then
    echo "fuzz.sh: crashes, timeouts or OOMs found; inputs in fuzz/artifacts/<target>/" >&2
    exit 1
fi
echo "fuzz.sh: no crash"
