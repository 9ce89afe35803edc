"""Shared fixtures: the repository's notices and the CLI binary to compare with."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


def notice_paths():
    """The seed notices and their other formats, as paths relative to the
    repository: files only (the package, unlike the CLI, takes no folders;
    formats/pdf/ holds the PDF reader's own fixtures, not seed notices)."""
    seeds = sorted(p for p in FIXTURES.glob("*.txt"))
    formats = sorted(
        p for p in (FIXTURES / "formats").iterdir() if p.is_file() and not p.name.startswith((".", "README"))
    )
    return [str(p.relative_to(REPO)) for p in seeds + formats]


@pytest.fixture(scope="session")
def cli():
    """The notice-extract binary (NOTICE_EXTRACT_BIN, set by .ci/run), run in the repository root."""
    named = os.environ.get("NOTICE_EXTRACT_BIN")
    if named and not Path(named).is_file():
        pytest.fail(f"NOTICE_EXTRACT_BIN={named}: no such binary (build it: cargo build)")
    binary = named or shutil.which("notice-extract")
    if not binary:
        pytest.skip("no CLI to compare with: set NOTICE_EXTRACT_BIN to a notice-extract binary")

    def run(*args, cwd=REPO, check=True):
        return subprocess.run(
            [binary, *map(str, args)], cwd=cwd, capture_output=True, check=check
        )

    return run


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """Every test runs in the repository root, so relative paths match the CLI's."""
    monkeypatch.chdir(REPO)
