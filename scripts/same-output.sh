#!/usr/bin/env bash
# Behaviour unchanged? Converts every saved notice (fixtures/, fixtures/real/,
# fixtures/formats/ and the shared corpus pages) with two builds of the
# binary and lists the inputs whose JSON output differs, or whose error
# differs. Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY
set -euo pipefail
old=${1:?old binary}
new=${2:?new binary}
cd "$(dirname "$0")/.."
inputs=(fixtures/*.txt fixtures/real/*.txt fixtures/formats/* ../shared/corpus/real-notices/raw/*)
differ=0
for f in "${inputs[@]}"; do
    [ -f "$f" ] || continue
    # Standard output and the exit code; standard error holds timings.
    a=$("$old" convert "$f" 2>/dev/null; echo "exit $?")
    b=$("$new" convert "$f" 2>/dev/null; echo "exit $?")
    if [ "$a" != "$b" ]; then
        echo "differs: $f"
        differ=$((differ + 1))
    fi
done
echo "${#inputs[@]} inputs, $differ differ"
