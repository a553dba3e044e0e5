# SPDX-License-Identifier: EUPL-1.2
"""Reading a PDF's text back with ``pdftotext`` (poppler-utils)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


def norm(text: str) -> str:
    """Words joined by single spaces (layout and no-break spaces set aside)."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def text_of(tmp_path: Path) -> Callable[[bytes], str]:
    """The text of a PDF, as ``pdftotext -layout`` reads it, words joined by one space."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    counter = iter(range(1_000_000))

    def read(data: bytes) -> str:
        path = tmp_path / f"document-{next(counter)}.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
        )
        return norm(result.stdout.decode("utf-8"))

    return read
