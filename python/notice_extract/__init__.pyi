"""Type stubs of notice_extract: notices of livelihood projects to records."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

import pandas

PathLike = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
Document = Dict[str, Any]

LIST_SEPARATOR: str
MAX_INPUT_BYTES: int
RECORD_COLUMNS: List[str]
QUANTITY_COLUMNS: List[str]

class NoticeError(Exception):
    """An input that gave no document (``str()`` is the CLI's ``PATH: REASON``)."""

    status: str
    path: str
    reason: str
    kind: str
    def __init__(self, path: str, reason: str, kind: str, message: Optional[str] = ...) -> None: ...

class Skipped(NoticeError):
    """Readable, but not a notice records are taken from."""

class Failed(NoticeError):
    """Damaged, unreadable or past a limit."""

def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    name: Optional[str] = None,
) -> Document:
    """Extracts one notice; raises Skipped or Failed when it gives no document."""

def convert(
    paths: Iterable[PathLike], jobs: Optional[int] = None
) -> Iterator[Union[Document, NoticeError]]:
    """Converts files in parallel; one document or error value per path, in order."""

def quantities(text: str) -> List[Dict[str, Any]]:
    """The quantities of a text, as records carry them."""

def fingerprint(record: Dict[str, Any]) -> str:
    """The record's fingerprint: the key on which duplicate_of is set."""

def records_frame(docs: Union[Document, Iterable[Union[Document, NoticeError]]]) -> pandas.DataFrame:
    """One row per record, the CLI's records.csv columns (needs pandas)."""

def quantities_frame(
    docs: Union[Document, Iterable[Union[Document, NoticeError]]],
) -> pandas.DataFrame:
    """One row per quantity, the CLI's quantities.csv columns (needs pandas)."""
