"""An OCR text layer over a scan, by ocrmypdf (tesseract, Indonesian + English).

The page images are left untouched (no deskew, no cleaning, no optimisation), only the
invisible text is grafted on. Determinism: tesseract runs single-threaded and ocrmypdf
with one job (with several jobs its text-layer font encoding depends on the order pages
finish); ocrmypdf's random XObject names are renamed, and the result is re-saved without
dates or XMP metadata with a content-derived /ID. Parallelism belongs to the caller (one
decree per process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf

from corpus.render.errors import RenderError
from corpus.render.pdfimage import deterministic_save, rename_xobjects

LANGUAGES = "ind+eng"


def add_ocr_layer(scan: bytes) -> bytes:
    """`scan` with ocrmypdf's text layer added (PDF, not PDF/A)."""
    with tempfile.TemporaryDirectory(prefix="lampiran-ocr-") as folder:
        source, target = Path(folder, "scan.pdf"), Path(folder, "ocr.pdf")
        source.write_bytes(scan)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "SOURCE_DATE_EPOCH": "0", "TZ": "UTC"}
        command = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "-l",
            LANGUAGES,
            "--output-type",
            "pdf",
            "--optimize",
            "0",
            "--jobs",
            "1",
            "--quiet",
            str(source),
            str(target),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            message = (result.stderr.strip().splitlines() or ["no message"])[-1]
            raise RenderError(source, f"ocrmypdf failed ({result.returncode}): {message}")
        with pikepdf.open(target) as pdf:
            _rename_random_resources(pdf)
            return deterministic_save(pdf)


def _rename_random_resources(pdf: pikepdf.Pdf) -> None:
    """Give ocrmypdf's randomly named text-layer XObjects ('/OCR-<random>') stable names."""
    for page in pdf.pages:
        xobjects = page.Resources.get(pikepdf.Name.XObject)
        if xobjects is None:
            continue
        names = sorted(str(k) for k in xobjects if str(k).startswith("/OCR-"))
        rename_xobjects(pdf, page, {name: f"/OCR{index}" for index, name in enumerate(names)})
