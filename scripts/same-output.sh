#!/usr/bin/env bash
# Behaviour unchanged? Converts every saved notice (fixtures/, fixtures/real/,
# fixtures/formats/ and the shared corpus pages) with two builds of the
# binary and lists the inputs whose JSON output differs, or that one build
# converts and the other skips or fails. Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY
set -euo pipefail
old=${1:?old binary}
new=${2:?new binary}
cd "$(dirname "$0")/.."
inputs=(fixtures/*.txt fixtures/real/*.txt fixtures/formats/* ../shared/corpus/real-notices/raw/*)
differ=0
for f in "${inputs[@]}"; do
    [ -f "$f" ] || continue
    # Standard output, and whether the input converted, was skipped or
    # failed (from the summary; its timings and the exit code, whose policy
    # may change, are left out).
    a=$( ("$old" convert "$f" 2>&1 >/dev/null || true) | grep -o '[0-9]* converted, [0-9]* failed, [0-9]* skipped' || true; "$old" convert "$f" 2>/dev/null || true)
    b=$( ("$new" convert "$f" 2>&1 >/dev/null || true) | grep -o '[0-9]* converted, [0-9]* failed, [0-9]* skipped' || true; "$new" convert "$f" 2>/dev/null || true)
    if [ "$a" != "$b" ]; then
        echo "differs: $f"
        differ=$((differ + 1))
    fi
done
echo "${#inputs[@]} inputs, $differ differ"
