"""Calling the tesseract binary: page OCR, orientation, the second pass over cells."""

from __future__ import annotations

import os
import shutil
import subprocess


def run_tesseract(args: list[str], timeout_s: float) -> subprocess.CompletedProcess[str] | None:
    """Run `tesseract ARGS` single-threaded; None when tesseract is missing or times out.

    Callers check the binary first where they must have it (ocr_pages.ocr_engine), so
    None means a time-out there; the second opinions (orientation, cells) read None as
    "no reading".
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
