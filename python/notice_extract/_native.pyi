"""The native module (Rust, PyO3). Use the functions of ``notice_extract``."""

from typing import List, Optional, Tuple, Union

_Error = Tuple[str, str, str, str, str]  # (status, path, message, reason, kind)
_Outcome = Tuple[bool, Union[str, _Error]]

MAX_INPUT_BYTES: int

def extract_file(path: bytes, name: Optional[str] = None) -> _Outcome:
    """Reads and extracts one file; the document's JSON or an error tuple."""

def extract_data(data: bytes, name: str) -> _Outcome:
    """Extracts one notice from its bytes; the document's JSON or an error tuple."""

def quantities(text: str) -> str:
    """The JSON array of the text's quantities."""

def fingerprint(record: str) -> str:
    """The fingerprint of a record given as JSON text."""

class Converter:
    """A batch: a thread pool, and the records seen so far (for duplicate_of)."""

    def __init__(self, jobs: Optional[int] = None) -> None: ...
    @property
    def jobs(self) -> int:
        """The number of threads converting."""
    def convert(self, paths: List[bytes]) -> List[_Outcome]:
        """Converts a chunk of paths in parallel, in input order, GIL released."""
