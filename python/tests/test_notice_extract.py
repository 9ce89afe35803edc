"""The Python package against the CLI and the reviewed fixtures."""

import ast
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

import notice_extract as ne
from conftest import FIXTURES, REPO, notice_paths

SEEDS = sorted(p.name for p in FIXTURES.glob("*.txt"))

README_SQL = """
SELECT d.region, d.year, ROUND(SUM(q.normalized_value), 2) AS km
FROM quantities q
JOIN records r   ON r.id = q.record_id
JOIN documents d ON d.id = r.document_id
WHERE q.normalized_unit = 'km' AND q.field = 'target'
  AND r.duplicate_of IS NULL
  AND r.inherited NOT LIKE '%"target"%'
GROUP BY d.region, d.year ORDER BY km DESC;"""


@pytest.mark.parametrize("name", SEEDS)
def test_extract_gives_the_reviewed_document(name, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    expected = json.loads((FIXTURES / name.replace(".txt", ".expected.json")).read_text("utf-8"))
    assert ne.extract(name) == expected


def test_extract_of_bytes_equals_extract_of_the_file():
    path = "fixtures/formats/yubei-2024-minsheng.docx"
    assert ne.extract(Path(path).read_bytes(), name=path) == ne.extract(Path(path))
    assert ne.extract(bytearray(Path(path).read_bytes()))["source"]["path"] == "-"


@pytest.mark.parametrize("jobs", [1, 2])
def test_convert_gives_the_cli_documents(cli, jobs):
    paths = notice_paths()
    out = cli("convert", "--format", "json", "-q", *paths)
    expected = json.loads(out.stdout)
    got = list(ne.convert(paths, jobs=jobs))
    assert [d["source"]["path"] for d in got] == paths
    assert got == expected
    # The same notice in several formats: later copies are marked, as by the CLI.
    assert any(r["duplicate_of"] for d in got for r in d["records"])


def test_convert_gives_the_cli_records_as_jsonl(cli):
    paths = notice_paths()
    lines = cli("convert", "--format", "jsonl", "-q", *paths).stdout.decode().splitlines()
    expected = [json.loads(line) for line in lines]
    got = [{"notice": d["notice"], **r} for d in ne.convert(paths) for r in d["records"]]
    assert got == expected


def test_convert_in_chunks_keeps_order_and_duplicates(monkeypatch):
    paths = notice_paths() * 3
    monkeypatch.setattr(ne, "_CHUNK_PER_THREAD", 1)
    small = list(ne.convert(paths, jobs=2))
    monkeypatch.undo()
    whole = list(ne.convert(paths, jobs=1))
    assert small == whole
    assert len(whole) == len(paths)
    # Every record of the second and third rounds repeats the first round.
    n = len(notice_paths())
    assert all(r["duplicate_of"] for d in whole[n:] for r in d["records"])


def test_convert_yields_errors_as_values_in_order(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    missing = tmp_path / "missing.txt"
    good = "fixtures/yubei-2024-minsheng.txt"
    got = list(ne.convert([good, missing, empty, png, tmp_path, good]))
    assert [type(x).__name__ for x in got] == ["dict", "Failed", "Failed", "Skipped", "Failed", "dict"]
    assert got[1].path == str(missing) and got[1].kind == "Io"
    assert got[2].kind == "Empty" and got[2].reason == "empty file"
    assert got[3].reason == "a PNG image, not a document"
    assert all(isinstance(x, ne.NoticeError) for x in got[1:5])
    assert got[5]["records"][0]["duplicate_of"] == good


def test_extract_raises_with_the_file_and_reason(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("关于2024年民生实事的说明\n今年的工作将继续推进。\n", "utf-8")
    with pytest.raises(ne.Skipped) as e:
        ne.extract(page)
    assert e.value.path == str(page)
    assert e.value.kind == "NoRecords"
    assert e.value.reason.startswith("no project table or numbered project list found")
    assert str(e.value) == f"{page}: {e.value.reason}"
    assert e.value.status == "skipped"

    with pytest.raises(ne.Failed) as e:
        ne.extract(tmp_path / "missing.docx")
    assert e.value.path == str(tmp_path / "missing.docx") and "No such file" in e.value.reason

    with pytest.raises(ne.NoticeError) as e:
        ne.extract(b"\x89PNG\r\n\x1a\n", name="x.png")
    assert isinstance(e.value, ne.Skipped) and e.value.path == "x.png"

    with pytest.raises(TypeError):
        ne.extract(42)


def test_errors_are_the_cli_errors(cli, tmp_path):
    """The message of each error is the reason the CLI writes in errors.jsonl."""
    page = tmp_path / "page.txt"
    page.write_text("关于2024年民生实事的说明\n今年的工作将继续推进。\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    hostile = sorted(str(p) for p in (FIXTURES / "hostile").iterdir() if not p.name.startswith((".", "README")))
    paths = [str(page), str(tmp_path / "empty.txt"), *hostile]
    out = tmp_path / "out.jsonl"
    cli("convert", "-q", "-o", out, *paths, check=False)
    reasons = {}
    for line in (tmp_path / "out.errors.jsonl").read_text("utf-8").splitlines():
        e = json.loads(line)
        reasons[e["path"]] = (e["status"], e["reason"])
    assert len(reasons) >= 8
    got = [x for x in ne.convert(paths) if isinstance(x, ne.NoticeError)]
    assert {x.path: (x.status, str(x)) for x in got} == reasons
    for path in reasons:
        with pytest.raises(ne.NoticeError) as e:
            ne.extract(path)
        assert (e.value.status, str(e.value)) == reasons[path]


def test_errors_pickle():
    import pickle

    e = ne.Failed("a.docx", "damaged archive: x", "Archive", "a.docx: damaged archive: x")
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), back.path, back.reason, back.kind, str(back)) == (
        ne.Failed, "a.docx", "damaged archive: x", "Archive", str(e))


def test_a_path_is_named_as_the_cli_names_it(cli, tmp_path):
    text = (FIXTURES / "yubei-2024-minsheng.txt").read_bytes()
    odd = tmp_path / "民生\\a\udcffb.txt"  # a backslash and a byte that is not UTF-8
    with open(bytes(odd.parent) + "/民生\\a".encode() + b"\xffb.txt", "wb") as f:
        f.write(text)
    cli_doc = json.loads(cli("convert", "--format", "json", "-q", odd).stdout)
    doc = ne.extract(odd)
    assert doc["source"]["path"] == cli_doc["source"]["path"]
    assert doc["source"]["path"].endswith("民生\\\\a\\xFFb.txt")
    assert doc == cli_doc
    assert next(ne.convert([odd])) == cli_doc


def test_quantities_are_the_cli_quantities(cli):
    text = "资助学生约11万人次,发放创业担保贷款1亿元以上,新建道路2.5公里"
    got = ne.quantities(text)
    assert [q["normalized"]["unit"] for q in got][-1] == "km"
    assert got[-1]["value"] == 2.5
    expected = json.loads(cli("quantities", "--jsonl", text).stdout)
    assert got == expected


def test_records_frame_has_the_csv_columns_and_cells(cli, tmp_path):
    pytest.importorskip("pandas")
    import csv

    paths = notice_paths()
    cli("convert", "-q", "--format", "csv", "-o", tmp_path / "csv", *paths)
    with open(tmp_path / "csv" / "records.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    frame = ne.records_frame(ne.convert(paths))
    assert list(frame.columns) == list(rows[0].keys())
    assert len(frame) == len(rows)
    text_columns = ["id", "document_id", "duplicate_of", "name", "lead_units",
                    "partner_units", "inherited", "extra", "notice_title", "region"]  # fmt: skip
    for i, row in enumerate(rows):
        got = frame.iloc[i]
        for c in text_columns:
            value = got[c]
            assert ("" if value is None else value) == row[c], (i, c)
        assert str(got["year"]) == row["year"] or (row["year"] == "" and got.isna()["year"])

    with open(tmp_path / "csv" / "quantities.csv", encoding="utf-8-sig", newline="") as f:
        qrows = list(csv.DictReader(f))
    q = ne.quantities_frame(ne.convert(paths))
    assert list(q.columns) == list(qrows[0].keys())
    assert len(q) == len(qrows)
    assert list(q["record_id"]) == [r["record_id"] for r in qrows]


def km_by_region_year(records, quantities):
    """The README's SQL, in pandas."""
    joined = quantities.merge(records, left_on="record_id", right_on="id")
    inherited = joined["inherited"].str.split("；").apply(lambda fields: "target" in fields)
    km = joined[
        (joined["normalized_unit"] == "km")
        & (joined["field"] == "target")
        & joined["duplicate_of"].isna()
        & ~inherited
    ]
    sums = km.groupby(["region", "year"], dropna=False)["normalized_value"].sum()
    return {(region, int(year)): round(v, 2) for (region, year), v in sums.items()}


def test_records_frame_sums_match_the_readme_sql(cli, tmp_path):
    pytest.importorskip("pandas")
    paths = notice_paths()
    db = tmp_path / "notices.db"
    cli("convert", "-q", "-o", db, *paths)
    with sqlite3.connect(db) as conn:
        expected = {(region, year): km for region, year, km in conn.execute(README_SQL)}
    assert expected, "the fixtures hold kilometres of target"
    docs = list(ne.convert(paths))
    got = km_by_region_year(ne.records_frame(docs), ne.quantities_frame(docs))
    assert got == expected


def test_frames_need_pandas(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        ne.records_frame([])


def test_the_gil_is_released_while_rust_works():
    """Two Python threads converting at once finish with the same documents."""
    import threading

    paths = notice_paths()
    results = [None, None]

    def work(i):
        results[i] = [ne.extract(p) for p in paths]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    ticks = 0
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        ticks += 1  # this thread runs while the others are in Rust
        threads[0].join(0.001)
    for t in threads:
        t.join()
    assert results[0] == results[1] and len(results[0]) == len(paths)
    assert ticks > 1


def test_every_function_has_a_docstring_and_a_stub():
    stub = ast.parse((Path(ne.__file__).parent / "__init__.pyi").read_text("utf-8"))
    stubbed = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    for name in ne.__all__:
        obj = getattr(ne, name)
        if callable(obj):
            assert obj.__doc__, name
            assert name in stubbed, name


def test_fingerprints_find_the_duplicates_convert_marks():
    """Marking duplicates again from fingerprints (as a distributed job must,
    across its workers) gives convert's duplicate_of."""
    docs = list(ne.convert(notice_paths()))
    first = {}
    for i, d in enumerate(docs):
        for r in d["records"]:
            first.setdefault(ne.fingerprint(r), i)
    for i, d in enumerate(docs):
        for r in d["records"]:
            j = first[ne.fingerprint(r)]
            assert r["duplicate_of"] == (None if j == i else docs[j]["source"]["path"])
    with pytest.raises(ValueError, match="not a record"):
        ne.fingerprint({"name": "x"})
