#!/bin/sh
# Make the PDF fixtures in fixtures/formats/ (issue 13).
#
#   scripts/make-pdf-fixtures.sh
#
# 1. NAME.docx -> NAME.pdf for every DOCX fixture (LibreOffice Writer's PDF export: CJK text in
#    subset fonts with ToUnicode maps, table borders as stroked lines, rows broken across pages);
# 2. pdf/borderless.html -> pdf/borderless.pdf (a table without borders: read by column alignment)
#    and pdf/crossing.html -> pdf/crossing.pdf (a 40-row table over three pages, its <thead>
#    repeated on each page), both compared in tests/formats.rs with their HTML source;
# 3. pdf/identity-h.pdf: the ten projects of borderless.html in a ruled table, set by fpdf2 in a
#    composite font (Type0, Identity-H, ToUnicode), compared with borderless.html;
# 4. pdf/scan.pdf: the first page of yubei-2024-minsheng.pdf as a 60-dpi image in a PDF (no text layer).
#
# Needs soffice (libreoffice-writer), fonts-noto-cjk (so the glyphs exist; without a CJK font
# LibreOffice draws boxes), poppler-utils (pdftoppm), and python3 with venv/pip (fpdf2 and
# fontTools are installed in a throw-away venv). CI does not run this; the files are committed.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/formats"
for tool in soffice pdftoppm python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "make-pdf-fixtures.sh: needs $tool" >&2; exit 2; }
done

PROFILE=$(mktemp -d)
TMP=$(mktemp -d)
trap 'rm -rf "$PROFILE" "$TMP"' EXIT
LO="soffice -env:UserInstallation=file://$PROFILE --headless --norestore"

$LO --convert-to pdf --outdir "$OUT" "$OUT"/*.docx
# "HTML (StarWriter)" opens a page as a text document, as for the DOCX fixtures.
$LO --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$OUT/pdf" \
    "$OUT/pdf/borderless.html" "$OUT/pdf/crossing.html"

# identity-h.pdf and scan.pdf by fpdf2 (pdf/make-pdfs.py).
python3 -m venv "$TMP/venv"
"$TMP/venv/bin/pip" install -q fpdf2==2.8.9 fonttools
pdftoppm -r 60 -f 1 -l 1 -png "$OUT/yubei-2024-minsheng.pdf" "$TMP/scan"
"$TMP/venv/bin/python" "$OUT/pdf/make-pdfs.py" "$TMP"/scan*.png "$OUT/pdf/borderless.html" "$TMP"
mv "$TMP/identity-h.pdf" "$TMP/scan.pdf" "$OUT/pdf/"

ls -l "$OUT"/*.pdf "$OUT"/pdf/*.pdf
