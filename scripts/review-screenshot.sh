#!/usr/bin/env bash
# Screenshots of the review page, to look at before a change to it lands,
# and how long a large page takes to be ready in the browser.
#
#   scripts/review-screenshot.sh [OUTDIR]     (default: docs/)
#
# Writes OUTDIR/review-tables.png (two fixtures: a saved text whose merges
# are read from its layout, and a DOCX) and OUTDIR/review-diff.png (the same
# against an edited earlier run: records added, changed, removed), then
# prints the ready time of a page of one notice with 500 records (the
# page's own `performance.now()` when its script has run). Needs Debian's
# chromium (apt-get install chromium) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
mkdir -p "$out"
bin=target/release/notice-extract
[ -x "$bin" ] || cargo build --release --quiet
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "no chromium: apt-get install chromium" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shot() { # PAGE PNG HEIGHT
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1200,"$3" --screenshot="$2" "file://$1" 2>/dev/null
}
inputs=(fixtures/qianjiang-2025-minsheng.txt fixtures/formats/wulong-2023-minsheng.docx)
"$bin" review "${inputs[@]}" -o "$tmp/review.html"
shot "$tmp/review.html" "$out/review-tables.png" 1100

# An earlier run of a shorter notice, edited: one record gone, one target
# changed, one record only the old run had.
small=fixtures/formats/yubei-2021-minsheng-report.docx
"$bin" convert "$small" --format jsonl -q -o "$tmp/old.jsonl"
python3 - "$tmp/old.jsonl" <<'PY'
import json, sys
p = sys.argv[1]
lines = [json.loads(l) for l in open(p, encoding="utf-8")]
del lines[1]
lines[2]["target"] = "旧的目标"
gone = dict(lines[3]); gone["source"] = dict(gone["source"], row=999)
lines.insert(4, gone)
open(p, "w", encoding="utf-8").write("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
PY
"$bin" review "$small" --diff "$tmp/old.jsonl" -o "$tmp/diff.html"
# The grid folded, as a reviewer does to read the records and their marks.
sed -i 's/<details class="grid" open>/<details class="grid">/' "$tmp/diff.html"
shot "$tmp/diff.html" "$out/review-diff.png" 2000

# One notice of 500 projects, as a saved pipe table.
python3 - "$tmp/big.txt" <<'PY'
import sys
rows = ["某区2024年重点民生实事项目清单", "序号 |", "项目名称 |", "牵头单位 |", "目标任务 |"]
for i in range(1, 501):
    rows += [f"{i} |", f"第{i}号民生项目 |", "区住房城乡建委 |", f"新建公园{i % 7 + 1}个,改造道路{i % 13 + 2}.5公里,惠及群众约{i}万人次。 |"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
"$bin" review "$tmp/big.txt" -o "$tmp/big.html"
records=$(grep -o 'class="rec"' "$tmp/big.html" | wc -l)
ready=$("$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$tmp/big.html" 2>/dev/null \
  | grep -o 'data-ready-ms="[0-9]*"' | head -1 | tr -dc 0-9)
echo "wrote $out/review-tables.png and $out/review-diff.png"
echo "a page of $records records was ready in ${ready} ms (headless chromium, performance.now() at the end of its script)"
