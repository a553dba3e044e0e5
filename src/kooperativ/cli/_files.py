# SPDX-License-Identifier: EUPL-1.2
"""Writing the files the commands make (payslip PDFs, payment files, declarations).

A path is printed relative to the current folder when it is below it, and a file that
cannot be written is an :class:`~kooperativ.errors.InputError` on the option that named
it, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shown_path", "write_file"]


def shown_path(path: Path) -> str:
    """``path`` relative to the current folder when it is below it, else as given."""
    try:
        relative = os.path.relpath(path.resolve(), Path.cwd())
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


def write_file(path: Path, data: bytes, option: str = "--out") -> None:
    """Write ``data`` to ``path`` (its folder created if missing).

    Raises:
        InputError: On ``option``, naming the path and the reason, if it cannot be written.
    """
    from kooperativ.errors import InputError, os_reason

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise InputError(
            option, "cannot write {path}: {reason}", path=path, reason=os_reason(error)
        ) from None
