"""Chinese government notices of livelihood projects (重点民生实事) to records.

The Rust library ``notice-extract`` underneath (not the command-line tool):
every call releases the GIL while Rust reads, extracts and serialises, and
:func:`convert` runs on a thread pool like ``notice-extract convert``.

Documents are plain JSON types (dicts, lists, str, int, float, None), equal
to ``json.loads`` of what ``notice-extract convert --format json`` writes for
the same path argument, ``duplicate_of`` included for :func:`convert`.

>>> import notice_extract as ne
>>> doc = ne.extract("fixtures/yubei-2024-minsheng.txt")      # doctest: +SKIP
>>> for doc in ne.convert(paths, jobs=2):                      # doctest: +SKIP
...     if isinstance(doc, ne.NoticeError): print(doc)
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from . import _native

__all__ = [
    "NoticeError",
    "Skipped",
    "Failed",
    "extract",
    "convert",
    "quantities",
    "fingerprint",
    "records_frame",
    "quantities_frame",
    "LIST_SEPARATOR",
    "MAX_INPUT_BYTES",
]

#: Lists in one cell of :func:`records_frame` are joined with this, as in the CLI's CSV.
LIST_SEPARATOR = "；"

#: The largest input read, in bytes (``notice_extract::limits::MAX_INPUT_BYTES``).
MAX_INPUT_BYTES: int = _native.MAX_INPUT_BYTES

#: Inputs converted per call into Rust, per thread (the CLI's chunk size).
_CHUNK_PER_THREAD = 16


class NoticeError(Exception):
    """An input that gave no document.

    ``str(error)`` is the CLI's line for it (``PATH: REASON``); ``path`` is
    the input as named (``source.path`` of its document, had it given one),
    ``reason`` the message without the path, ``kind`` the library's error
    kind (``NoRecords``, ``Unsupported``, ``Damaged``, ``Io`` …) and
    ``status`` ``"skipped"`` or ``"failed"`` as in the CLI's ``errors.jsonl``.
    """

    status = "error"

    def __init__(self, path: str, reason: str, kind: str, message: Optional[str] = None):
        """An error for the input ``path``."""
        super().__init__(message if message is not None else f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind

    def __reduce__(self):
        """Pickles with its fields (for multiprocessing and Spark)."""
        return (type(self), (self.path, self.reason, self.kind, str(self)))


class Skipped(NoticeError):
    """Readable, but not a notice records are taken from (an image, a PDF, a
    legacy .doc, a page without a project table): the CLI skips it."""

    status = "skipped"


class Failed(NoticeError):
    """Damaged, unreadable or past a limit: the CLI fails it (exit code 1)."""

    status = "failed"


def _error(parts) -> NoticeError:
    status, path, message, reason, kind = parts
    cls = Skipped if status == "skipped" else Failed
    return cls(path, reason, kind, message)


def _result(outcome) -> Union[Dict[str, Any], NoticeError]:
    ok, value = outcome
    return json.loads(value) if ok else _error(value)


PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    name: Optional[str] = None,
) -> Dict[str, Any]:
    """Extracts one notice and returns its document.

    ``path_or_bytes`` is a path (``str`` or ``os.PathLike``) to read, or the
    notice's content (``bytes``, ``bytearray``, ``memoryview``). ``name`` is
    recorded as ``source.path`` and named in errors; it defaults to the path
    as given (as the CLI writes it: bytes that are not UTF-8 as ``\\xFF``),
    or to ``"-"`` for content, as ``notice-extract convert -`` names
    standard input.

    Raises :class:`Skipped` or :class:`Failed` (both :class:`NoticeError`)
    when the input gives no document.
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        outcome = _native.extract_data(data, "-" if name is None else str(name))
    elif isinstance(path_or_bytes, (str, os.PathLike)):
        outcome = _native.extract_file(os.fsencode(path_or_bytes), name)
    else:
        raise TypeError(
            "extract() takes a path (str or os.PathLike) or the notice's bytes, "
            f"not {type(path_or_bytes).__name__}"
        )
    result = _result(outcome)
    if isinstance(result, NoticeError):
        raise result
    return result


def convert(
    paths: Iterable[PathLike],
    jobs: Optional[int] = None,
) -> Iterator[Union[Dict[str, Any], NoticeError]]:
    """Converts files in parallel, yielding one item per path in input order.

    Each item is the file's document, or the :class:`Skipped` /
    :class:`Failed` exception for it as a *value* (not raised), so one bad
    file costs only itself. Records repeating a record of an earlier file of
    the same call carry ``duplicate_of`` = that file's ``source.path``, as
    in ``notice-extract convert``. ``jobs`` is the number of threads (default:
    one per core); paths are taken in chunks of 16 per thread, converted with
    the GIL released, so memory stays bounded for any number of paths.
    """
    converter = _native.Converter(jobs)
    size = _CHUNK_PER_THREAD * converter.jobs
    chunk: List[bytes] = []
    for path in paths:
        chunk.append(os.fsencode(path))
        if len(chunk) >= size:
            for outcome in converter.convert(chunk):
                yield _result(outcome)
            chunk = []
    if chunk:
        for outcome in converter.convert(chunk):
            yield _result(outcome)


def quantities(text: str) -> List[Dict[str, Any]]:
    """The quantities of a text: every number with a unit, as records carry
    them (``value``, ``unit``, ``dimension``, ``normalized``, ``qualifier``,
    ``object``, ``action``, ``span`` …), equal to ``notice-extract quantities
    --jsonl TEXT``. Each has no ``field``: that names a record's field."""
    return json.loads(_native.quantities(str(text)))


def fingerprint(record: Dict[str, Any]) -> str:
    """The record's fingerprint (16 hex digits): two records with the same one
    are copies of one project row, whitespace, full-width forms and
    traditional script aside. It is the key on which :func:`convert` (and the
    CLI) set ``duplicate_of``, so a job that converts files on several
    workers can mark duplicates across them afterwards: a record repeats the
    earliest other file holding its fingerprint. ``record`` is a record as a
    document holds it (a JSON Lines record, with its ``notice``, works too).
    Raises ValueError when it is not a record."""
    return _native.fingerprint(json.dumps(record, ensure_ascii=False))


# The CLI's CSV records table (src/cli/tables.rs, RECORDS), in its order.
RECORD_COLUMNS = [
    "id", "document_id", "duplicate_of", "table_index", "row", "line", "layout",
    "table_title", "attachment", "section", "category", "seq", "name", "part",
    "subproject", "lead_units", "partner_units", "target", "deadline",
    "investment_value", "investment_unit", "progress", "result", "status",
    "notes", "measures", "inherited", "extra", "notice_id", "notice_title",
    "doc_number", "issuer", "date", "region", "year",
]  # fmt: skip

# The CLI's CSV quantities table (src/cli/tables.rs, QUANTITIES), in its order.
QUANTITY_COLUMNS = [
    "record_id", "position", "field", "text", "span_start", "span_end", "value",
    "value_max", "unit", "dimension", "normalized_value", "normalized_value_max",
    "normalized_unit", "qualifier", "object", "action",
]  # fmt: skip


def _pandas():
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "records_frame() and quantities_frame() need pandas: pip install pandas "
            "(or pip install './python[pandas]')"
        ) from e
    return pandas


def _documents(docs) -> Iterator[Dict[str, Any]]:
    if isinstance(docs, dict):
        docs = [docs]
    for doc in docs:
        if isinstance(doc, NoticeError):
            continue
        yield doc


def _record_id(doc_id: str, record: Dict[str, Any]) -> str:
    source = record["source"]
    return f"{doc_id}#t{source['table']}r{source['row']}"


def _record_row(doc: Dict[str, Any], record: Dict[str, Any]) -> Dict[str, Any]:
    doc_id = doc["source"]["path"]
    source = record["source"]
    notice = doc.get("notice") or {}
    investment = record.get("investment") or {}
    extra = record.get("extra") or {}
    return {
        "id": _record_id(doc_id, record),
        "document_id": doc_id,
        "duplicate_of": record.get("duplicate_of"),
        "table_index": source["table"],
        "row": source["row"],
        "line": source.get("line"),
        "layout": source["layout"],
        "table_title": record.get("table_title"),
        "attachment": record.get("attachment"),
        "section": record.get("section"),
        "category": record.get("category"),
        "seq": record.get("seq"),
        "name": record.get("name"),
        "part": record.get("part"),
        "subproject": record.get("subproject"),
        "lead_units": LIST_SEPARATOR.join(record.get("lead_units") or []),
        "partner_units": LIST_SEPARATOR.join(record.get("partner_units") or []),
        "target": record.get("target"),
        "deadline": record.get("deadline"),
        "investment_value": investment.get("value"),
        "investment_unit": investment.get("unit"),
        "progress": record.get("progress"),
        "result": record.get("result"),
        "status": record.get("status"),
        "notes": record.get("notes"),
        "measures": record.get("measures"),
        "inherited": LIST_SEPARATOR.join(source.get("inherited") or []),
        "extra": json.dumps(extra, ensure_ascii=False, separators=(",", ":")) if extra else "",
        "notice_id": notice.get("id"),
        "notice_title": notice.get("title"),
        "doc_number": notice.get("doc_number"),
        "issuer": notice.get("issuer"),
        "date": notice.get("date"),
        "region": notice.get("region"),
        "year": notice.get("year"),
    }


def records_frame(docs):
    """A pandas DataFrame with one row per record of ``docs``.

    ``docs`` is one document or an iterable of them (what :func:`extract`
    returns, or :func:`convert` yields: its error values are passed over).
    The columns are those of the CLI's ``records.csv``: the record's fields,
    ``id`` (``PATH#tTABLErROW``) and ``document_id`` (``source.path``),
    lists (``lead_units``, ``partner_units``, ``inherited``) joined with
    ``；``, ``extra`` as JSON text, and the notice's metadata (``notice_id``,
    ``notice_title``, ``doc_number``, ``issuer``, ``date``, ``region``,
    ``year``). Needs pandas (an ImportError says so when it is missing).
    """
    pd = _pandas()
    rows = [_record_row(d, r) for d in _documents(docs) for r in d.get("records", [])]
    frame = pd.DataFrame.from_records(rows, columns=RECORD_COLUMNS)
    for column in ("line", "part", "year", "table_index", "row"):
        frame[column] = frame[column].astype("Int64")
    return frame


def quantities_frame(docs):
    """A pandas DataFrame with one row per quantity of each record of ``docs``.

    The columns are those of the CLI's ``quantities.csv``: ``record_id`` (the
    ``id`` of :func:`records_frame`, to join on), ``position`` in the
    record's list, and the quantity's fields, ``normalized`` spread into
    ``normalized_value``, ``normalized_value_max`` and ``normalized_unit``.
    Needs pandas.
    """
    pd = _pandas()
    rows = []
    for doc in _documents(docs):
        doc_id = doc["source"]["path"]
        for record in doc.get("records", []):
            record_id = _record_id(doc_id, record)
            for position, q in enumerate(record.get("quantities") or []):
                normalized = q.get("normalized") or {}
                start, end = q["span"]
                rows.append(
                    {
                        "record_id": record_id,
                        "position": position,
                        "field": q.get("field"),
                        "text": q["text"],
                        "span_start": start,
                        "span_end": end,
                        "value": q["value"],
                        "value_max": q.get("value_max"),
                        "unit": q["unit"],
                        "dimension": q["dimension"],
                        "normalized_value": normalized.get("value"),
                        "normalized_value_max": normalized.get("value_max"),
                        "normalized_unit": normalized.get("unit"),
                        "qualifier": q["qualifier"],
                        "object": q.get("object"),
                        "action": q.get("action"),
                    }
                )
    frame = pd.DataFrame.from_records(rows, columns=QUANTITY_COLUMNS)
    for column in ("value", "value_max", "normalized_value", "normalized_value_max"):
        frame[column] = frame[column].astype("float64")
    return frame
