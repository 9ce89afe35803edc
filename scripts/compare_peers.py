#!/usr/bin/env python3
"""Helper of scripts/compare-peers.sh: time notice-extract and the Python peers, print the tables.

Subcommands (each appends one JSON line to --results):

  ne BIN DIR --format F --jobs J --out OUT.jsonl
      Runs `BIN convert DIR --format jsonl -o OUT.jsonl --jobs J -q` (after one untimed warm-up
      run on a single file) and times the whole process, start to exit, with time.perf_counter
      around subprocess.run.  Counts the records written, the documents they come from and the
      lines of the errors file, so the reader can see the work was done.

  peer TOOL DIR --format F
      Imports TOOL's library, reads one file untimed (warm-up), then times only the loop over all
      files of DIR in this one process, single-threaded from Python's side.  Each file's tables
      are really read (cell values / text touched and counted); an exception on a file is caught,
      counted as a failure and the loop goes on.
      TOOL: pandas | python-docx | openpyxl | pdfplumber | docling-rs | docling-rs-engine | antiword
      (antiword, for .doc, is a program: run once per file as a subprocess, its text counted)

  skip TOOL --format F --reason TEXT
      Records that a peer was not measured, and why.

  report --copies N --repeat R
      Prints the machine, the versions and one table per format.

With --repeat R (default 1) every timed measurement, notice-extract's and the peers' alike, is
done R times and the fastest pass is reported.  Only uses the standard library itself; the peers
are imported by `peer` only.
"""

import argparse
import glob
import json
import os
import platform
import resource
import subprocess
import sys
import time

AIMS = {  # peer tool -> aim: notice-extract (1 thread) docs/s ÷ the peer's docs/s
    "pandas": 15.0,
    "python-docx": 50.0,
    "openpyxl": 30.0,
    "pdfplumber": 20.0,
    "docling-rs": 20.0,
    "docling-rs-engine": 20.0,
    "antiword": 1.0,
}

LABELS = {
    "pandas": "pandas.read_html(flavor=lxml)",
    "python-docx": "python-docx (all tables' cells)",
    "openpyxl": "openpyxl (normal mode)",
    "pdfplumber": "pdfplumber extract_tables()",
    "docling-rs": "docling-rs convert()",
    "docling-rs-engine": "docling-rs engine only *",
    "antiword": "antiword (text only, per process)",
}

DISTS = {  # tool -> distributions whose versions are printed
    "pandas": ["pandas", "lxml", "numpy"],
    "python-docx": ["python-docx", "lxml"],
    "openpyxl": ["openpyxl"],
    "pdfplumber": ["pdfplumber", "pdfminer.six"],
    "docling-rs": ["docling-rs", "docling-core", "pydantic"],
    "docling-rs-engine": ["docling-rs"],
}


def corpus(directory):
    files = sorted(p for p in glob.glob(os.path.join(directory, "*")) if os.path.isfile(p))
    if not files:
        sys.exit(f"compare_peers.py: no files in {directory}")
    return files, sum(os.path.getsize(p) for p in files)


def append(results, row):
    with open(results, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def dist_versions(names):
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


# --------------------------------------------------------------------------- notice-extract


def ne_count(out_path):
    records, docs = 0, set()
    with open(out_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                records += 1
                src = json.loads(line).get("source") or {}
                docs.add(src.get("path"))
    stem = os.path.splitext(out_path)[0]
    errors = 0
    for cand in (stem + ".errors.jsonl", os.path.join(os.path.dirname(out_path), "errors.jsonl")):
        if os.path.exists(cand):
            with open(cand, encoding="utf-8") as fh:
                errors = sum(1 for line in fh if line.strip())
            break
    return records, len(docs), errors


def cmd_ne(a):
    files, nbytes = corpus(a.dir)
    out_dir = os.path.dirname(os.path.abspath(a.out))
    os.makedirs(out_dir, exist_ok=True)
    # Warm-up, untimed, like the peers get: one file, so the binary and its libraries are loaded.
    warm = os.path.join(out_dir, "warm-up.jsonl")
    subprocess.run([a.bin, "convert", files[0], "--format", "jsonl", "-o", warm, "--jobs", "1", "-q"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    cmd = [a.bin, "convert", a.dir, "--format", "jsonl", "-o", a.out, "--jobs", str(a.jobs), "-q"]
    best, best_cpu, rc, err = None, None, 0, ""
    for _ in range(a.repeat):
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        dt = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        rc = rc or p.returncode
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace")[-500:]
        if best is None or dt < best:
            best, best_cpu = dt, cpu
    records, docs, errors = ne_count(a.out) if os.path.exists(a.out) else (0, 0, len(files))
    append(a.results, {
        "kind": "ne", "format": a.format, "tool": f"notice-extract --jobs {a.jobs}", "jobs": a.jobs,
        "files": len(files), "bytes": nbytes, "seconds": best, "cpu": best_cpu,
        "failures": errors, "rc": rc, "stderr": err,
        "work": f"{records} records from {docs} documents, {errors} in the errors file, exit {rc}",
        "command": " ".join(cmd),
    })


# --------------------------------------------------------------------------- Python peers


def reader(tool):
    """(read(path) -> (tables, cells, chars), versions). Imports happen here, before timing."""
    if tool == "pandas":
        import pandas as pd

        def read(path):
            try:
                dfs = pd.read_html(path, flavor="lxml")
            except ValueError as e:  # "No tables found"
                raise ValueError(f"no table: {e}") from None
            cells = chars = 0
            for df in dfs:
                for v in df.to_numpy().ravel():
                    cells += 1
                    if isinstance(v, str):
                        chars += len(v)
                for col in df.columns:
                    chars += len(str(col))
            return len(dfs), cells, chars

        return read, "tables = DataFrames, cells = DataFrame body cells, chars = str cells + headers"

    if tool == "python-docx":
        import docx

        def read(path):
            d = docx.Document(path)
            cells = chars = 0
            for t in d.tables:
                for row in t.rows:
                    for c in row.cells:  # a merged cell is yielded once per grid cell it spans
                        cells += 1
                        chars += len(c.text)
            return len(d.tables), cells, chars

        return read, "tables = document.tables, cells = row.cells of every row, chars = cell.text"

    if tool == "openpyxl":
        import openpyxl

        def read(path):
            wb = openpyxl.load_workbook(path)  # read_only=False: merged cells are known
            cells = chars = 0
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    for v in row:
                        cells += 1
                        if v is not None:
                            chars += len(str(v))
            return len(wb.worksheets), cells, chars

        return read, "tables = worksheets, cells = every value of iter_rows(values_only=True), chars = str of non-empty values"

    if tool == "pdfplumber":
        import pdfplumber

        def read(path):
            tables = cells = chars = 0
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    # Its default strategy: tables from ruling lines, as ours.
                    for t in page.extract_tables():
                        tables += 1
                        for row in t:
                            for v in row:
                                cells += 1
                                if v:
                                    chars += len(v)
            return tables, cells, chars

        return read, "tables = page.extract_tables() of every page (lines strategy), cells = every cell, chars = text of non-empty cells"

    if tool in ("docling-rs", "docling-rs-engine"):
        import docling_rs

        conv = docling_rs.DocumentConverter()

        if tool == "docling-rs":
            def read(path):
                r = conv.convert(path)
                if str(getattr(r.status, "value", r.status)) == "failure":
                    raise RuntimeError("status failure")
                doc = r.document
                cells = chars = 0
                for t in doc.tables:
                    for c in t.data.table_cells:
                        cells += 1
                        chars += len(c.text)
                return len(doc.tables), cells, chars

            return read, "public API: DocumentConverter().convert(path).document (a docling-core DoclingDocument); tables = document.tables, cells = table.data.table_cells"

        inner = getattr(conv, "_inner", None)
        if inner is None or not hasattr(inner, "convert"):
            raise ImportError("this docling-rs has no DocumentConverter._inner.convert")

        def read(path):
            n = inner.convert(path, page_range=None, progress_callback=None, document_index=1)
            doc = json.loads(n.document_json)
            cells = chars = 0
            tables = doc.get("tables") or []
            for t in tables:
                for c in (t.get("data") or {}).get("table_cells") or []:
                    cells += 1
                    chars += len(c.get("text") or "")
            return len(tables), cells, chars

        return read, "private DocumentConverter._inner.convert(path): the Rust engine's JSON string, json.loads, no DoclingDocument validation"

    if tool == "antiword":
        import shutil

        exe = shutil.which("antiword")
        if exe is None:
            raise ImportError("antiword is not installed (Debian: apt-get install antiword)")

        def read(path):
            r = subprocess.run([exe, "-m", "UTF-8.txt", path], capture_output=True, check=False)
            if r.returncode != 0:
                raise RuntimeError(r.stderr.decode("utf-8", "replace")[:200])
            return 0, 0, len(r.stdout.decode("utf-8", "replace"))

        return read, "antiword -m UTF-8.txt FILE, one process per file; text only (tables as text, no grid), chars = characters printed"

    raise SystemExit(f"unknown tool {tool}")


def children_cpu():
    """CPU seconds of finished child processes (a peer run as a program, such as antiword)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def cmd_peer(a):
    files, nbytes = corpus(a.dir)
    read, what = reader(a.tool)
    try:  # warm-up, untimed
        read(files[0])
    except Exception:
        pass
    best = best_cpu = None
    stats = None
    for _ in range(a.repeat):
        tables = cells = chars = fails = 0
        first_err = ""
        c0 = time.process_time() + children_cpu()
        t0 = time.perf_counter()
        for path in files:
            try:
                nt, nc, nch = read(path)
                tables += nt
                cells += nc
                chars += nch
            except Exception as e:  # counted, the loop goes on
                fails += 1
                if not first_err:
                    first_err = f"{os.path.basename(path)}: {type(e).__name__}: {str(e)[:200]}"
        dt = time.perf_counter() - t0
        cpu = time.process_time() + children_cpu() - c0
        this = (tables, cells, chars, fails, first_err)
        if stats is not None and this[:4] != stats[:4]:
            first_err = first_err or "counts differ between passes"
        stats = this
        if best is None or dt < best:
            best, best_cpu = dt, cpu
    tables, cells, chars, fails, first_err = stats
    work = f"{tables} tables, {cells} cells, {chars} chars read; {fails} files failed"
    if first_err:
        work += f" (first: {first_err})"
    append(a.results, {
        "kind": "peer", "format": a.format, "tool": a.tool, "files": len(files), "bytes": nbytes,
        "seconds": best, "cpu": best_cpu, "failures": fails, "work": work, "what": what,
        "versions": dist_versions(DISTS.get(a.tool, [])),
    })


def cmd_skip(a):
    append(a.results, {"kind": "skip", "format": a.format, "tool": a.tool, "reason": a.reason})


# --------------------------------------------------------------------------- report


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def loadavg():
    try:
        with open("/proc/loadavg", encoding="utf-8") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "?"


def cmd_report(a):
    rows = []
    with open(a.results, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    try:
        ncpu = len(os.sched_getaffinity(0))
    except AttributeError:
        ncpu = os.cpu_count()
    print()
    print("=" * 100)
    print("notice-extract vs peers — documents/second, same files for every tool, one run")
    print("=" * 100)
    print(f"machine : nproc={ncpu}, CPU: {cpu_model()}, {platform.system()} {platform.release()}")
    print(f"load    : loadavg at start {a.load_start or '?'}, at end {loadavg()} "
          "(other work on the machine makes every number noisy)")
    print(f"python  : {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
    print(f"binary  : {a.ne_version or '?'} ({a.ne_bin or '?'})")
    seen = {}
    for r in rows:
        for k, v in (r.get("versions") or {}).items():
            seen[k] = v
    if seen:
        print("peers   : " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())))
    print(f"corpus  : {a.copies} copies of each fixtures/formats file of the format; "
          f"each time is the fastest of {a.repeat} pass(es)")
    print()
    print("How it was measured (favours the peers):")
    print("  notice-extract: wall time of the whole process (start, read, extract records, write JSONL, exit),")
    print("                  `convert DIR --format jsonl -o OUT --jobs J -q`, after one untimed warm-up run on one file.")
    print("  peers:          one Python process, imports and one warm-up file excluded; only the loop over the")
    print("                  files is timed (time.perf_counter). Peers only parse and read table cells;")
    print("                  notice-extract also builds and writes structured records.")
    print("  ratio = notice-extract --jobs 1 docs/s ÷ peer docs/s; aim is the target ratio.")
    print("  cpu s = CPU time used in the timed part (process_time for peers, child rusage for notice-extract);")
    print("          cpu s > seconds means more than one core was busy.")

    for fmt in ("html", "docx", "doc", "xlsx", "pdf"):
        frows = [r for r in rows if r.get("format") == fmt]
        if not frows:
            continue
        timed = [r for r in frows if r["kind"] in ("ne", "peer")]
        nfiles = max((r["files"] for r in timed), default=0)
        nbytes = max((r["bytes"] for r in timed), default=0)
        print()
        print(f"--- {fmt}: {nfiles} files, {nbytes / 1e6:.2f} MB "
              f"({nfiles // max(a.copies, 1)} distinct × {a.copies} copies) ---")
        hdr = f"{'tool':<34} {'files':>6} {'fail':>5} {'seconds':>9} {'cpu s':>8} {'docs/s':>9} {'MB/s':>7} {'ratio':>8} {'aim':>6}  mark"
        print(hdr)
        print("-" * len(hdr))
        ne1 = next((r for r in frows if r["kind"] == "ne" and r["jobs"] == 1), None)
        ne1_rate = ne1["files"] / ne1["seconds"] if ne1 and ne1["seconds"] > 0 else None
        for r in frows:
            if r["kind"] == "skip":
                print(f"{LABELS.get(r['tool'], r['tool']):<34} SKIPPED: {r['reason']}")
                continue
            rate = r["files"] / r["seconds"] if r["seconds"] > 0 else float("inf")
            mbs = r["bytes"] / 1e6 / r["seconds"] if r["seconds"] > 0 else float("inf")
            label = r["tool"] if r["kind"] == "ne" else LABELS.get(r["tool"], r["tool"])
            ratio = aim = mark = ""
            if r["kind"] == "peer" and ne1_rate:
                q = ne1_rate / rate
                want = AIMS.get(r["tool"])
                ratio = f"{q:.1f}×"
                aim = f"≥{want:g}×" if want else ""
                mark = ("PASS" if q >= want else "BELOW") if want else ""
            if r["kind"] == "ne" and r.get("rc"):
                mark = f"exit {r['rc']}"
            print(f"{label:<34} {r['files']:>6} {r['failures']:>5} {r['seconds']:>9.3f} {r['cpu']:>8.3f} "
                  f"{rate:>9.1f} {mbs:>7.2f} {ratio:>8} {aim:>6}  {mark}")
        print("work done:")
        for r in timed:
            label = r["tool"] if r["kind"] == "ne" else LABELS.get(r["tool"], r["tool"])
            print(f"  {label}: {r['work']}")
            if r.get("stderr"):
                print(f"    stderr: {r['stderr'].strip()}")
    if any(r.get("tool") == "docling-rs-engine" for r in rows if r["kind"] == "peer"):
        print()
        print("* docling-rs engine only: the private DocumentConverter._inner.convert(path) + json.loads of the")
        print("  engine's JSON, i.e. without the pydantic validation into a DoclingDocument that the public")
        print("  convert() does; shown as the fastest docling-rs can go from Python, not as its normal use.")
    whats = {}
    for r in rows:
        if r["kind"] == "peer":
            whats.setdefault(r["tool"], r["what"])
    if whats:
        print()
        print("What each peer reads:")
        for tool, what in whats.items():
            print(f"  {LABELS.get(tool, tool)}: {what}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("ne")
    p.add_argument("bin")
    p.add_argument("dir")
    p.add_argument("--format", required=True)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--results", required=True)
    p.set_defaults(fn=cmd_ne)

    p = sub.add_parser("peer")
    p.add_argument("tool", choices=sorted(AIMS))
    p.add_argument("dir")
    p.add_argument("--format", required=True)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--results", required=True)
    p.set_defaults(fn=cmd_peer)

    p = sub.add_parser("skip")
    p.add_argument("tool")
    p.add_argument("--format", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--results", required=True)
    p.set_defaults(fn=cmd_skip)

    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--copies", type=int, required=True)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--ne-bin", default="")
    p.add_argument("--ne-version", default="")
    p.add_argument("--load-start", default="")
    p.set_defaults(fn=cmd_report)

    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
