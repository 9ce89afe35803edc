#!/bin/sh
# Make the HTML, DOCX and XLSX fixtures in fixtures/formats/ (issue 4).
#
#   scripts/make-format-fixtures.sh
#
# 1. installs LibreOffice (Writer + Calc) from Debian's packages if `soffice` is missing;
# 2. runs scripts/make-format-fixtures.py (HTML pages, from the reviewed grid of each .txt seed);
# 3. converts each NAME.html to NAME.docx and NAME.xlsx with LibreOffice headless;
# 4. runs scripts/check-format-fixtures.py, which prints the structure of what was produced.
#
# CI does not run this; the produced files are committed.  Needs root (or sudo) only to install.
# Set NOTICE_EXTRACT=path/to/notice-extract to use a built binary instead of `cargo run`.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/formats"
SEEDS="yubei-2024-minsheng wulong-2023-minsheng yubei-2021-minsheng-report qianjiang-2025-minsheng"

if ! command -v soffice >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    # Writer and Calc are enough for HTML -> DOCX/XLSX; no CJK font is needed to convert
    # (glyphs are never rendered), so fonts-noto-cjk is not installed.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        libreoffice-writer libreoffice-calc
fi
soffice --version

if [ -n "${NOTICE_EXTRACT:-}" ]; then
    python3 "$ROOT/scripts/make-format-fixtures.py" --bin "$NOTICE_EXTRACT"
else
    python3 "$ROOT/scripts/make-format-fixtures.py"
fi

# A private LibreOffice profile, so that a running soffice of someone else is not reused.
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
LO="soffice -env:UserInstallation=file://$PROFILE --headless --norestore"

HTML=""
for s in $SEEDS; do HTML="$HTML $OUT/$s.html"; done

# "HTML (StarWriter)" opens the page as a text document (the default would be Writer/Web,
# which has no DOCX export).
# shellcheck disable=SC2086
$LO --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$OUT" $HTML

# Calc has two HTML import filters and neither suits every page:
# - "HTML (StarCalc)", the layout parser, lays every table and paragraph of the page on one
#   shared column grid and merges cells across grid columns to keep the page's widths: a page
#   with two tables of different widths (or the metadata table above a table) comes out with
#   hundreds of layout merges (293 mergeCells for seed 000, whose tables have 31 merged cells).
#   With one table on the page (seed 003) it is exact, and it keeps a <br> as a line break in
#   the cell.
# - "calc_HTML_WebQuery" (Web Page Query (Calc)), the data-import parser, puts each table on
#   the sheet as it is, merged exactly where rowspan/colspan are; but it splits a cell with
#   <br> or several <p> into one sheet row per line, merging the row's other cells over them.
# So seed 003 (one table, multi-line cells) uses the layout parser, the others the query parser.
XLSX_QUERY="yubei-2024-minsheng wulong-2023-minsheng qianjiang-2025-minsheng"
XLSX_LAYOUT="yubei-2021-minsheng-report"
Q=""; for s in $XLSX_QUERY; do Q="$Q $OUT/$s.html"; done
L=""; for s in $XLSX_LAYOUT; do L="$L $OUT/$s.html"; done
# shellcheck disable=SC2086
$LO --infilter="calc_HTML_WebQuery" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$OUT" $Q
# shellcheck disable=SC2086
$LO --infilter="HTML (StarCalc)" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$OUT" $L

# Legacy Excel 97-2003 (.xls) and OpenDocument (.ods) versions of two seeds, for the readers of
# those formats (merges come through as BIFF MERGEDCELLS and ODS row/column spans).
OLD_FORMATS="yubei-2024-minsheng qianjiang-2025-minsheng"
X=""; for s in $OLD_FORMATS; do X="$X $OUT/$s.html"; done
# shellcheck disable=SC2086
$LO --infilter="calc_HTML_WebQuery" --convert-to xls --outdir "$OUT" $X
# shellcheck disable=SC2086
$LO --infilter="calc_HTML_WebQuery" --convert-to ods --outdir "$OUT" $X

python3 "$ROOT/scripts/check-format-fixtures.py" --compare ${NOTICE_EXTRACT:+--bin "$NOTICE_EXTRACT"}
