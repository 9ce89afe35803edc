#!/usr/bin/env python3
"""Seeds the fuzz corpora from fixtures/: fuzz/corpus/<target>/.

Usage: scripts/fuzz-seeds.py [MAX_LEN]

Copies the fixtures (seed notices, real pages, formats, hostile inputs) into
each target's corpus with the target's mode byte in front, and for the zip
formats adds archives made by swapping one member of a fixture (a sheet XML,
sharedStrings, document.xml, content.xml) for a mutated copy. Every seed is
at most MAX_LEN bytes (default 65536, as in scripts/fuzz.sh); a member too
long for that is cut back at an element boundary and closed. Mutations are
drawn from a fixed random seed, so the corpus is the same on every run.
Corpora are not committed (fuzz/.gitignore); this script is.
"""

import hashlib
import io
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
CORPUS = ROOT / "fuzz" / "corpus"
MAX_LEN = int(sys.argv[1]) if len(sys.argv) > 1 else 65536
# Mutated copies made of each swappable member of each fixture archive.
MUTANTS_PER_MEMBER = 4
RNG = random.Random(11)

# extract_bytes: the first byte picks the file name's extension.
EXT_BYTE = {"txt": 0, "html": 1, "docx": 2, "xlsx": 3, "xls": 4, "ods": 3}

counts = {}


def put(target, data):
    if len(data) > MAX_LEN:
        return
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
    counts[target] = counts.get(target, 0) + 1


def files(*globs):
    out = []
    for g in globs:
        out += sorted(p for p in FIX.glob(g) if p.is_file())
    return out


def members(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def zipped(items):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in items:
            z.writestr(name, body)
    return buf.getvalue()


def swap(path, member, body):
    return zipped([(n, body if n == member else b) for n, b in members(path)])


TAG = re.compile(rb"<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>")


def fit(xml, limit, children=(b"w:p", b"w:tbl", b"row", b"si", b"table:table-row")):
    """Cuts XML back under `limit` bytes after a whole child element (a
    paragraph, table, sheet row, shared string or ODS row) and closes the
    elements still open, so a long member still makes a well-formed seed."""
    if len(xml) <= limit:
        return xml
    stack = []
    cut, cut_stack = None, []
    for m in TAG.finditer(xml):
        if m.end() > limit - 512:
            break
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if name.startswith(b"?") or empty:
            if empty and name in children:
                cut, cut_stack = m.end(), list(stack)
            continue
        if closing:
            if stack and stack[-1] == name:
                stack.pop()
            if name in children:
                cut, cut_stack = m.end(), list(stack)
        else:
            stack.append(name)
    if cut is None:
        return xml[:limit]
    tail = b"".join(b"</" + n + b">" for n in reversed(cut_stack))
    return xml[:cut] + tail


def mutate(xml):
    """One random damage of an XML member, of the kinds that broke readers
    before: a cut, a reference or number made absurd or reversed, a slice
    doubled or dropped, a tag renamed, deep nesting."""
    b = bytearray(xml)
    op = RNG.randrange(7)
    if op == 0 and len(b) > 2:
        return bytes(b[: RNG.randrange(1, len(b))])
    if op == 1:
        nums = list(re.finditer(rb"\d+", xml))
        if nums:
            m = RNG.choice(nums)
            new = RNG.choice([b"0", b"99999999999", b"4294967296", b"65535", b"1048577", b"16385", b"-1"])
            return xml[: m.start()] + new + xml[m.end():]
    if op == 2:
        refs = list(re.finditer(rb'(?:ref|r|dimension)="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"', xml))
        if refs:
            m = RNG.choice(refs)
            new = RNG.choice([b"A70:A57", b"XFE1", b"AVUUUUUUUUUUUU1", b"A0", b"B2:A1", b"A1:XFD1048576"])
            return xml[: m.start(1)] + new + xml[m.end(m.lastindex):]
    if op == 3 and len(b) > 8:
        i = RNG.randrange(len(b))
        j = min(len(b), i + RNG.randrange(1, 4096))
        return bytes(b[:j] + b[i:j] * RNG.randrange(2, 5) + b[j:])
    if op == 4 and len(b) > 8:
        i = RNG.randrange(len(b))
        j = min(len(b), i + RNG.randrange(1, 2048))
        return bytes(b[:i] + b[j:])
    if op == 5:
        tags = list(TAG.finditer(xml))
        if tags:
            m = RNG.choice(tags)
            return xml[: m.start(2)] + RNG.choice([b"w:tbl", b"w:tc", b"row", b"c", b"x"]) + xml[m.end(2):]
    i = RNG.randrange(len(b) + 1)
    return bytes(b[:i]) + b"<w:tbl><w:tr><w:tc>" * 64 + bytes(b[i:])


# Members of each archive kind worth swapping, and the fuzz modes that take a
# member alone (sheet_reader, docx_reader; see fuzz/fuzz_targets/).
SWAPS = {
    "docx": [("word/document.xml", "docx_reader", 1), ("word/numbering.xml", "docx_reader", 2)],
    "xlsx": [
        ("xl/worksheets/sheet1.xml", "sheet_reader", 1),
        ("xl/sharedStrings.xml", "sheet_reader", 2),
        ("xl/workbook.xml", "sheet_reader", 3),
    ],
    "ods": [("content.xml", "sheet_reader", 4)],
}
WHOLE = {"docx": ("docx_reader", 3), "xlsx": ("sheet_reader", 0), "ods": ("sheet_reader", 0), "xls": ("sheet_reader", 0)}


def main():
    texts = files("*.txt", "real/*.txt")
    for p in texts:
        data = p.read_bytes()
        put("extract_bytes", bytes([EXT_BYTE["txt"]]) + data)
        put("extract_bytes", bytes([0x80 | EXT_BYTE["txt"]]) + data)
        put("text_layouts", data)
        for flags in (0x00, 0x01, 0x19, 0x3A):
            put("normalize_grid", bytes([flags]) + data)
        for para in data.split(b"\n"):
            if len(para) > 12 and any(ch.isdigit() for ch in para.decode("utf-8", "replace")):
                put("quantity", para)
    for line in (ROOT / "tests/data/quantity_cases.txt").read_text().splitlines():
        if line.startswith("> "):
            put("quantity", line[2:].encode())

    for p in files("formats/*.html", "real/*.html"):
        data = p.read_bytes()
        put("extract_bytes", bytes([EXT_BYTE["html"]]) + data)
        put("html_reader", b"\x01" + data)
        # A cut page, so that long pages still give a seed under MAX_LEN.
        put("html_reader", b"\x01" + data[: MAX_LEN // 2])

    for p in files("formats/*.docx", "formats/*.xlsx", "formats/*.ods", "formats/*.xls", "hostile/*.xls", "hostile/*.xlsx"):
        kind = p.suffix[1:]
        data = p.read_bytes()
        put("extract_bytes", bytes([EXT_BYTE[kind]]) + data)
        target, mode = WHOLE[kind]
        put(target, bytes([mode]) + data)
        for member, mtarget, mmode in SWAPS.get(kind, []):
            body = dict(members(p)).get(member)
            if body is None:
                continue
            fitted = fit(body, MAX_LEN - 1)
            put(mtarget, bytes([mmode]) + fitted)
            if mtarget == "docx_reader" and member == "word/document.xml":
                put("docx_reader", b"\x00" + fitted)
            for _ in range(MUTANTS_PER_MEMBER):
                bad = mutate(body)
                put(mtarget, bytes([mmode]) + fit(bad, MAX_LEN - 1))
                whole = swap(p, member, bad)
                put("extract_bytes", bytes([EXT_BYTE[kind]]) + whole)
                put(target, bytes([mode]) + whole)

    # doc_reader: whole .doc files (mode 4), and the fixture's streams as they
    # are (modes 1-3 with nothing written over them) and with a few bytes
    # changed at the FIB's flags, its piece table's place and early in the
    # table stream.
    for p in files("formats/*.doc"):
        data = p.read_bytes()
        put("extract_bytes", bytes([EXT_BYTE["xls"]]) + data)
        put("doc_reader", b"\x04" + data)
    for mode in (1, 2, 3):
        put("doc_reader", bytes([mode, 0, 0]))
    for patch in (b"\x0a\x00\x00\x03", b"\xa2\x01\xff\xff\xff\x7f", b"\x02\x00\x00\x00\x01"):
        put("doc_reader", b"\x01" + patch)
        put("doc_reader", b"\x02" + patch)
    # PDFs (pdf_reader, see fuzz/fuzz_targets/pdf_reader.rs): whole files
    # (cut to MAX_LEN: a truncated file is a seed too), and each page's
    # content stream inflated, as mode 0 (plain) and 2 (compressed by the
    # target), and each ToUnicode CMap as mode 1.
    import re, zlib
    for p in files("formats/*.pdf", "formats/pdf/*.pdf"):
        data = p.read_bytes()
        put("extract_bytes", b"\x05" + data)
        put("pdf_reader", b"\x03" + data)
        for m in re.finditer(rb"stream\r?\n", data):
            try:
                body = zlib.decompressobj().decompress(data[m.end():m.end() + 2_000_000])
            except zlib.error:
                continue
            if b"beginbfchar" in body or b"beginbfrange" in body:
                put("pdf_reader", b"\x01" + body[: MAX_LEN - 1])
            elif b" Tj" in body or b"TJ" in body:
                put("pdf_reader", b"\x00" + body[: MAX_LEN - 1])
                put("pdf_reader", b"\x02" + body[: MAX_LEN - 1])

    # The first fuzzing run's sheet_reader inputs keep their meaning.
    for p in files("hostile/*.bin"):
        put("sheet_reader", p.read_bytes())

    for t in sorted(counts):
        print(f"{t}: {counts[t]} seeds")


if __name__ == "__main__":
    main()
