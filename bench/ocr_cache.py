"""What a user does before a peer can read a scan: give it a text layer with ocrmypdf, cached.

`ocr_copy(pdf, cache)` returns `pdf` itself when it has a text layer, else the path of an
OCR'd copy under `cache`, named by the SHA-256 of the input bytes and of the command, so a
rerun (or the timing harness) reuses it. The seconds the OCR took when it was made are
kept beside it, so every report charges the peers the same OCR time.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

OCR_ARGS = ("-l", "ind+eng", "--output-type", "pdf")
"""As the task puts it: ocrmypdf with Indonesian and English, plain PDF output."""


@dataclass(frozen=True)
class Prepared:
    """The PDF a peer reads, and what it cost to make it."""

    path: Path
    pages: int
    ocr_seconds: float | None
    """Seconds ocrmypdf took (when the copy was made); None when the input had a text layer."""


def page_count(pdf: Path) -> int:
    """Number of pages of `pdf`."""
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def has_text_layer(pdf: Path) -> bool:
    """True when any page of `pdf` carries extractable text."""
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            text = page.get_textpage().get_text_bounded()
            if text.strip():
                return True
        return False
    finally:
        document.close()


def _key(pdf: Path) -> str:
    digest = hashlib.sha256(pdf.read_bytes())
    digest.update(repr(OCR_ARGS).encode())
    return digest.hexdigest()


def ocr_copy(pdf: Path, cache: Path) -> Prepared:
    """`pdf` ready for a peer: itself if it has a text layer, else its cached OCR'd copy.

    Raises subprocess.CalledProcessError when ocrmypdf fails.
    """
    pages = page_count(pdf)
    if has_text_layer(pdf):
        return Prepared(pdf, pages, None)
    key = _key(pdf)
    out, meta = cache / f"{key}.pdf", cache / f"{key}.json"
    if not (out.exists() and meta.exists()):
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f"{key}.part.pdf"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ocrmypdf", *OCR_ARGS, "--quiet", str(pdf), str(partial)],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        partial.replace(out)
        meta.write_text(json.dumps({"input": pdf.name, "seconds": seconds}) + "\n")
    return Prepared(out, pages, json.loads(meta.read_text())["seconds"])
