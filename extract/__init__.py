"""Read decree PDFs into `RawDocument`s: pages, text lines and ruled tables, uninterpreted.

Public surface: `read_pdf`, `read_tables` and `ExtractSettings`. Everything else in this
package is one step of reading (open_pdf, classify_pages, ocr_pages, find_grids,
build_table, find_tables, read_words, read_lines, read_document).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extract.read_document import read_document as _read_document
from extract.settings import ExtractSettings
from schemas.raw import RawDocument, RawTable

__all__ = ["ExtractSettings", "read_pdf", "read_tables"]


def read_pdf(path: Path, settings: ExtractSettings) -> RawDocument:
    """Every page, text line and ruled table of the PDF at `path`.

    Raises `schemas.errors.InputError` subclasses for a file that cannot be read as a
    PDF (one-line message naming the file) and `OcrUnavailableError` when a page needs
    OCR and tesseract or its language data is missing.
    """
    return _read_document(path, None, settings)


def read_tables(path: Path, pages: Sequence[int] | None,
                settings: ExtractSettings) -> tuple[RawTable, ...]:
    """The ruled tables on `pages` (1-based; None for all) of the PDF at `path`."""
    return _read_document(path, pages, settings).tables
