#!/bin/sh
# Make the legacy Word 97-2003 fixtures fixtures/formats/NAME.doc from the DOCX fixtures
# (issue 13), for the .doc reader (read/doc.rs) and the cross-format test (tests/formats.rs).
#
#   scripts/make-doc-fixtures.sh
#
# Converts every fixtures/formats/NAME.docx to NAME.doc with LibreOffice headless, through the
# "MS Word 97" export filter (what `--convert-to doc` picks by default; named here so that a
# LibreOffice whose default differs still writes Word 97-2003). LibreOffice writes the tables'
# definitions (sprmTDefTable) with their vertical merges, and the properties of rows too large
# for their page in the Data stream (sprmPHugePapx), so the fixtures exercise both.
#
# CI does not run this; the produced files are committed. Needs `soffice` (Debian:
# libreoffice-writer); scripts/make-format-fixtures.sh installs it when missing.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/formats"

if ! command -v soffice >/dev/null 2>&1; then
    echo "make-doc-fixtures.sh: needs soffice (LibreOffice Writer); see scripts/make-format-fixtures.sh" >&2
    exit 2
fi
soffice --version

# A private LibreOffice profile, so that a running soffice of someone else is not reused.
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
LO="soffice -env:UserInstallation=file://$PROFILE --headless --norestore"

# shellcheck disable=SC2086
$LO --convert-to 'doc:MS Word 97' --outdir "$OUT" "$OUT"/*.docx

for f in "$OUT"/*.doc; do
    printf '%s: %s bytes\n' "$(basename "$f")" "$(wc -c <"$f")"
done
