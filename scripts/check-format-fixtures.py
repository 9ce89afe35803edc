#!/usr/bin/env python3
"""Print the structure of the produced format fixtures (fixtures/formats/), stdlib only.

For every NAME.docx: each top-level table of word/document.xml with its rows, grid columns,
w:vMerge restart/continue counts, w:gridSpan (> 1) count, w:tblHeader rows and nested tables.
For every NAME.xlsx: each sheet of xl/workbook.xml with its max row/col, mergeCell count and
numeric cells.

With --compare, also check each file against the reviewed grid of the seed
(`notice-extract inspect --json fixtures/NAME.txt`, run through cargo unless --bin is given):
the content tables (those whose first row has 序号) of every .html, .docx and .xlsx are resolved
(rowspan/colspan, vMerge/gridSpan, mergeCell) and compared cell by cell with the grid — size,
which cells are merged into which, and text (NBSP as a space, each line trimmed) — and the
notice's paragraphs and content tables must appear, in order, among the file's paragraphs and
tables ("blocks": found/wanted; page chrome in between is allowed).  For XLSX the paragraph
count is only printed (Calc puts paragraphs in column A), not checked.  Exit status 1 if any
comparison fails.

Usage: python3 scripts/check-format-fixtures.py [--compare] [--bin PATH] [--dir DIR]
"""

import argparse
import glob
import html.parser
import json
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def norm(s):
    s = s.replace("\xa0", " ").replace("\r", "")
    return "\n".join(x.strip() for x in s.split("\n")).strip()


# --------------------------------------------------------------------------------------------
# DOCX

def docx_text(el):
    """Text of a paragraph: w:t joined, w:br/w:cr as a line break, w:tab as a tab; w:del skipped."""
    out = []

    def walk(e):
        if e.tag == W + "del" or e.tag == W + "delText":
            return
        if e.tag == W + "t":
            out.append(e.text or "")
        elif e.tag in (W + "br", W + "cr"):
            out.append("\n")
        elif e.tag == W + "tab":
            out.append("\t")
        for ch in e:
            walk(ch)
    walk(el)
    return "".join(out)


def docx_cell_text(tc):
    return "\n".join(docx_text(p) for p in tc.findall(W + "p"))


def docx_table_grid(tbl):
    """Resolve a w:tbl into rows of (text, origin) with origin 'own', ('row', r) or ('col', c)."""
    grid = []
    for r, tr in enumerate(tbl.findall(W + "tr")):
        row = []
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = 1
            vm = None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None:
                    span = int(gs.get(W + "val"))
                v = pr.find(W + "vMerge")
                if v is not None:
                    vm = v.get(W + "val") or "continue"
            c0 = len(row)
            if vm == "continue":
                # covered by the cell above in the same grid column
                above = grid[r - 1][c0] if r > 0 and c0 < len(grid[r - 1]) else ("", "own", (r, c0))
                anchor = above[2]
                text = above[0]
                for k in range(span):
                    row.append((text, "row", anchor))
            else:
                text = docx_cell_text(tc)
                row.append((text, "own", (r, c0)))
                for k in range(1, span):
                    row.append((text, "col", (r, c0)))
        grid.append(row)
    return grid


def docx_info(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    tables = []
    seq = []  # body order: ("p", text) / ("tbl", index)
    for el in body:
        if el.tag == W + "p":
            seq.append(("p", docx_text(el)))
        elif el.tag == W + "tbl":
            vr = vc = gs = th = 0
            for tc in el.iter(W + "tc"):
                pr = tc.find(W + "tcPr")
                if pr is None:
                    continue
                v = pr.find(W + "vMerge")
                if v is not None:
                    if v.get(W + "val") == "restart":
                        vr += 1
                    else:
                        vc += 1
                g = pr.find(W + "gridSpan")
                if g is not None and int(g.get(W + "val")) > 1:
                    gs += 1
            for tr in el.findall(W + "tr"):
                trpr = tr.find(W + "trPr")
                if trpr is not None and trpr.find(W + "tblHeader") is not None:
                    th += 1
            nested = sum(1 for t in el.iter(W + "tbl")) - 1
            grid = docx_table_grid(el)
            tables.append({
                "rows": len(el.findall(W + "tr")),
                "cols": len(el.find(W + "tblGrid").findall(W + "gridCol")),
                "vmerge_restart": vr, "vmerge_continue": vc, "gridspan": gs, "tblheader": th,
                "nested": nested, "grid": grid,
                "first": norm(grid[0][0][0]) if grid and grid[0] else "",
            })
            seq.append(("tbl", len(tables) - 1))
    return tables, seq


# --------------------------------------------------------------------------------------------
# XLSX

def col_index(ref):
    m = re.match(r"([A-Z]+)(\d+)", ref)
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return int(m.group(2)), n


def xlsx_info(path):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        sst = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")):
                sst.append("".join(t.text or "" for t in si.iter(S + "t")))
        sheets = []
        for sh in wb.find(S + "sheets"):
            rid = sh.get(R + "id")
            p = "xl/" + target[rid].lstrip("/").replace("xl/", "", 1) if not target[rid].startswith("/xl/") \
                else target[rid].lstrip("/")
            x = ET.fromstring(z.read(p))
            cells = {}
            nums = 0
            for c in x.iter(S + "c"):
                r, col = col_index(c.get("r"))
                t = c.get("t")
                v = c.find(S + "v")
                if t == "s" and v is not None:
                    val = sst[int(v.text)]
                elif t == "inlineStr":
                    val = "".join(e.text or "" for e in c.iter(S + "t"))
                elif v is not None:
                    val = v.text
                    if t in (None, "n"):
                        nums += 1
                        f = float(val)
                        val = str(int(f)) if f.is_integer() else repr(f)
                else:
                    val = None
                if val is not None:
                    cells[(r, col)] = val
            merges = []
            for m in x.iter(S + "mergeCell"):
                a, b = m.get("ref").split(":")
                merges.append((col_index(a), col_index(b)))
            sheets.append({
                "name": sh.get("name"), "path": p, "cells": cells, "merges": merges, "numeric": nums,
                "max_row": max((k[0] for k in cells), default=0),
                "max_col": max((k[1] for k in cells), default=0),
            })
    return sheets


def xlsx_table_grid(sheet, top, left, nrows, ncols):
    """The block of the sheet at (top, left) as rows of (text, origin, anchor) like docx_table_grid."""
    cover = {}
    for (r1, c1), (r2, c2) in sheet["merges"]:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    cover[(r, c)] = (r1, c1)
    grid = []
    for r in range(top, top + nrows):
        row = []
        for c in range(left, left + ncols):
            if (r, c) in cover:
                ar, ac = cover[(r, c)]
                kind = "row" if ar != r else "col"
                row.append((sheet["cells"].get((ar, ac), ""), kind, (ar - top, ac - left)))
            else:
                row.append((sheet["cells"].get((r, c), ""), "own", (r - top, c - left)))
        grid.append(row)
    return grid


# --------------------------------------------------------------------------------------------
# HTML (only for --compare)

class TableParser(html.parser.HTMLParser):
    """Every <table> of a page resolved to a grid, and the text of <p>/<h1..6>/<li>/<dt> outside tables."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []      # finished tables: list of rows of (text, rowspan, colspan)
        self.stack = []       # open tables
        self.paras = []       # ("p", text) / ("tbl", index) in order
        self.block = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.stack.append({"rows": [], "row": None, "cell": None})
        elif tag == "tr" and self.stack:
            t = self.stack[-1]
            t["row"] = []
            t["rows"].append(t["row"])
        elif tag in ("td", "th") and self.stack:
            t = self.stack[-1]
            if t["row"] is None:
                t["row"] = []
                t["rows"].append(t["row"])

            def num(k):
                try:
                    return max(1, int(a.get(k) or 1))
                except ValueError:
                    return 1
            t["cell"] = {"text": [], "rowspan": num("rowspan"), "colspan": num("colspan"), "paras": 0}
            t["row"].append(t["cell"])
        elif tag == "br":
            self._text("\n")
        elif tag == "p" and self.stack and self.stack[-1]["cell"] is not None:
            c = self.stack[-1]["cell"]
            if c["paras"] > 0:
                c["text"].append("\n")
            c["paras"] += 1
        elif tag in self.BLOCKS and not self.stack:
            self.block = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag == "table" and self.stack:
            t = self.stack.pop()
            self.tables.append([[("".join(c["text"]), c["rowspan"], c["colspan"]) for c in row]
                                for row in t["rows"]])
            if not self.stack:
                self.paras.append(("tbl", len(self.tables) - 1))
        elif tag in ("td", "th") and self.stack:
            self.stack[-1]["cell"] = None
        elif tag in self.BLOCKS and not self.stack and self.block is not None:
            self.paras.append(("p", "".join(self.block)))
            self.block = None

    def _text(self, s):
        if self.skip:
            return
        if self.stack and self.stack[-1]["cell"] is not None:
            self.stack[-1]["cell"]["text"].append(s)
        elif self.block is not None:
            self.block.append(s)

    def handle_data(self, data):
        # HTML whitespace (not NBSP, not U+2002) collapses to one space
        self._text(re.sub(r"[ \t\r\n\f]+", " ", data))

    def unknown_decl(self, data):
        pass


def html_grid(rows):
    """Resolve rowspan/colspan of parsed <tr>s into rows of (text, origin, anchor)."""
    grid = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for (text, rs, cs) in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    kind = "own" if (dr, dc) == (0, 0) else ("row" if dr > 0 else "col")
                    grid[(r + dr, c + dc)] = (text, kind, (r, c))
            c += cs
            width = max(width, c)
    nrows = max((k[0] for k in grid), default=-1) + 1
    return [[grid.get((r, c), ("", "own", (r, c))) for c in range(width)] for r in range(nrows)]


def read_html(path):
    data = open(path, "rb").read()
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    enc = m.group(1).decode().lower() if m else "utf-8"
    if enc in ("gb2312", "gbk", "windows-936"):
        enc = "gbk"
    return data.decode(enc), enc


# --------------------------------------------------------------------------------------------
# comparison with the reviewed grid

def model_grid(table):
    """The model table as rows of (text, origin, anchor), anchors resolved as in the generator."""
    rows = table["rows"]
    memo = {}

    def anchor(r, c):
        if (r, c) not in memo:
            o = rows[r]["cells"][c]["origin"]
            memo[(r, c)] = (r, c) if o["type"] == "own" else \
                anchor(o["row"], c) if o["type"] == "row_span" else anchor(r, c - 1)
        return memo[(r, c)]
    out = []
    for r, row in enumerate(rows):
        line = []
        for c, cell in enumerate(row["cells"]):
            a = anchor(r, c)
            kind = "own" if a == (r, c) else ("row" if a[0] != r else "col")
            line.append((cell["text"], kind, a))
        out.append(line)
    return out


def compare_grid(got, want, label):
    """Differences between two resolved grids (text normalised; merges by anchor)."""
    diffs = []
    if len(got) != len(want) or (got and len(got[0]) != len(want[0])):
        diffs.append("%s: size %dx%d, want %dx%d" % (label, len(got), len(got[0]) if got else 0,
                                                     len(want), len(want[0])))
        return diffs
    for r in range(len(want)):
        for c in range(len(want[r])):
            gt, gk, ga = got[r][c]
            wt, wk, wa = want[r][c]
            if ga != wa:
                diffs.append("%s: cell (%d,%d) merged into %s, want %s" % (label, r, c, ga, wa))
            if norm(gt) != norm(wt):
                diffs.append("%s: cell (%d,%d) text %r, want %r" % (label, r, c, gt[:40], wt[:40]))
    return diffs


TABLE = "\x00table"  # a content table's place among the paragraphs


def model_paragraphs(model, txt_lines, skip_lines=()):
    out = []
    for b in model["blocks"]:
        if b["kind"] == "paragraph" and b["line"] not in skip_lines:
            out.append(norm(b["text"]))
        elif b["kind"] == "list":
            out += [norm(txt_lines[it["line"] - 1]) for it in b["items"]]
        elif b["kind"] == "table":
            out.append(TABLE)
    return out


def in_order(want, got):
    """Which of `want` are missing from `got` when read in order (subsequence match)."""
    missing = []
    i = 0
    for w in want:
        j = i
        while j < len(got) and got[j] != w:
            j += 1
        if j == len(got):
            missing.append(w)
        else:
            i = j + 1
    return missing


def is_content(grid):
    return bool(grid) and any(norm(x[0]) == "序号" for x in grid[0])


def load_model(name, binary):
    txt = os.path.join(ROOT, "fixtures", name + ".txt")
    cmd = [binary, "inspect", "--json", txt] if binary else \
        ["cargo", "run", "-q", "--", "inspect", "--json", txt]
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
    with open(txt, encoding="utf-8") as f:
        return json.loads(out.decode("utf-8")), f.read().split("\n")


def compare(d, binary):
    failures = 0
    print()
    print("Comparison with the reviewed grid (inspect --json of the .txt seed)")
    print("%-44s %-7s %-8s %s" % ("file", "tables", "blocks", "result"))
    for txt in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt"))):
        name = os.path.basename(txt)[:-4]
        files = sorted(glob.glob(os.path.join(d, name + ".*")))
        files = [f for f in files if f.endswith((".html", ".docx", ".xlsx"))]
        if not files:
            continue
        model, lines = load_model(name, binary)
        want_tables = [model_grid(b) for b in model["blocks"] if b["kind"] == "table"]
        skip = (7, 8, 9, 10) if name.startswith("wulong") else ()  # printed as the metadata block
        all_paras = model_paragraphs(model, lines, skip)
        for f in files:
            want_paras = all_paras
            diffs = []
            extra = ""
            if f.endswith(".html"):
                text, enc = read_html(f)
                p = TableParser()
                p.feed(text)
                p.close()
                grids = [html_grid(t) for t in p.tables]
                content = [g for g in grids if is_content(g)]
                # Word's <![if !supportMisalignedColumns]> row: all cells empty, dropped here
                dropped = 0
                for g in content:
                    while g and all(norm(x[0]) == "" for x in g[-1]) and len(g) > 1 and \
                            any(norm(x[0]) for x in g[-2]):
                        if "word" not in f:
                            break
                        g.pop()
                        dropped += 1
                got_paras = [norm(t) if k == "p" else TABLE for k, t in p.paras
                             if k == "p" or is_content(grids[t])]
                extra = "%s%s" % (enc, ", %d Word spacer row(s) dropped" % dropped if dropped else "")
            elif f.endswith(".docx"):
                tables, seq = docx_info(f)
                content = [t["grid"] for t in tables if is_content(t["grid"])]
                got_paras = [norm(t) if k == "p" else TABLE for k, t in seq
                             if k == "p" or is_content(tables[t]["grid"])]
            else:
                sheets = xlsx_info(f)
                content = []
                got_paras = []
                for want in want_tables:
                    head = [norm(x[0]) for x in want[0]]
                    found = None
                    for sh in sheets:
                        for (r, c), v in sorted(sh["cells"].items()):
                            if norm(v) == head[0] and all(norm(sh["cells"].get((r, c + k), "")) == head[k]
                                                          for k in range(len(head)) if want[0][k][1] == "own"):
                                found = (sh, r, c)
                                break
                        if found:
                            break
                    if found:
                        sh, r, c = found
                        content.append(xlsx_table_grid(sh, r, c, len(want), len(want[0])))
                # paragraphs: column-A cells outside the tables, top to bottom
                for sh in sheets:
                    for (r, c), v in sorted(sh["cells"].items()):
                        if c == 1:
                            got_paras.append(norm(v))
            if len(content) != len(want_tables):
                diffs.append("%d content tables, want %d" % (len(content), len(want_tables)))
            for i, (g, w) in enumerate(zip(content, want_tables)):
                diffs += compare_grid(g, w, "table %d" % i)
            if f.endswith(".xlsx"):
                want_paras = [x for x in want_paras if x != TABLE]
            missing = in_order(want_paras, got_paras)
            if f.endswith(".xlsx"):
                # Calc may put a paragraph anywhere in column A; only count, do not fail
                ptxt = "%d/%d" % (len(want_paras) - len(missing), len(want_paras))
            else:
                ptxt = "%d/%d" % (len(want_paras) - len(missing), len(want_paras))
                diffs += ["paragraph or table missing or out of order: %r" % m[:40] for m in missing]
            res = "OK" if not diffs else "FAIL (%d)" % len(diffs)
            if extra:
                res += " [%s]" % extra
            print("%-44s %-7s %-8s %s" % (os.path.relpath(f, ROOT)[len("fixtures/formats/"):],
                                           "%d/%d" % (len(content), len(want_tables)), ptxt, res))
            for x in diffs[:8]:
                print("    " + x)
            if len(diffs) > 8:
                print("    … %d more" % (len(diffs) - 8))
            failures += bool(diffs)
    return failures


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=os.path.join(ROOT, "fixtures", "formats"))
    ap.add_argument("--compare", action="store_true", help="compare with the reviewed grid of each seed")
    ap.add_argument("--bin", help="a built notice-extract binary (default: cargo run -q --)")
    args = ap.parse_args()

    print("DOCX (word/document.xml): top-level w:tbl in body order")
    print("%-36s %3s %5s %4s %7s %7s %8s %9s %6s  %s" % (
        "file", "tbl", "rows", "cols", "vM.rst", "vM.cont", "gridSpan", "tblHeader", "nested", "first cell"))
    for f in sorted(glob.glob(os.path.join(args.dir, "*.docx"))):
        tables, seq = docx_info(f)
        paras = [t for k, t in seq if k == "p"]
        for i, t in enumerate(tables):
            print("%-36s %3d %5d %4d %7d %7d %8d %9d %6d  %s" % (
                os.path.basename(f) if i == 0 else "", i, t["rows"], t["cols"], t["vmerge_restart"],
                t["vmerge_continue"], t["gridspan"], t["tblheader"], t["nested"], t["first"][:12]))
        print("%-36s     body paragraphs: %d (%d non-empty)" % ("", len(paras), sum(1 for p in paras if norm(p))))
    print()
    print("XLSX (xl/workbook.xml, xl/worksheets/sheet*.xml)")
    print("%-36s %-12s %-22s %7s %7s %9s %7s" % ("file", "sheet", "part", "maxRow", "maxCol", "mergeCell", "numeric"))
    for f in sorted(glob.glob(os.path.join(args.dir, "*.xlsx"))):
        for i, sh in enumerate(xlsx_info(f)):
            print("%-36s %-12s %-22s %7d %7d %9d %7d" % (
                os.path.basename(f) if i == 0 else "", sh["name"], sh["path"], sh["max_row"], sh["max_col"],
                len(sh["merges"]), sh["numeric"]))
    if args.compare:
        return 1 if compare(args.dir, args.bin) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
