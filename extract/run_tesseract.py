"""Calling the tesseract binary directly, for the small jobs ocrmypdf is too heavy for."""

from __future__ import annotations

import os
import shutil
import subprocess


def run_tesseract(args: list[str], timeout_s: float) -> subprocess.CompletedProcess[str] | None:
    """Run `tesseract ARGS` single-threaded; None when tesseract is missing or times out.

    Callers treat None as "no reading": these are second opinions (orientation, empty
    cells), never the only source of a page's text.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        return subprocess.run(
            [binary, *args],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        return None
