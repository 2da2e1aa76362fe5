"""Read decree PDFs into `RawDocument`s: pages, text lines and ruled tables, uninterpreted.

Public surface: `read_pdf`, `read_tables`, `ExtractSettings` and `CoreSlots` (the cores a
batch shares for OCR). Everything else in this package is one step of reading: open_pdf
(checks), classify_pages and text_quality (which pages need OCR), render_page,
fade_gray_stamps, straighten_image, ocr_pages, share_cores, reread_cells and
find_lost_stops (OCR), find_grids and find_image_grids (table geometry), read_scans and
stamped_regions (scans with a text layer), build_table and find_tables (cells, spans,
text), read_words and read_lines (text), and read_document, which composes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from extract.settings import ExtractSettings
from extract.share_cores import CoreSlots
from schemas.raw import RawDocument, RawTable

__all__ = ["CoreSlots", "ExtractSettings", "read_pdf", "read_tables"]


def read_pdf(path: Path, settings: ExtractSettings) -> RawDocument:
    """Every page, text line and ruled table of the PDF at `path`.

    Raises `schemas.errors.InputError` subclasses for a file that cannot be read as a
    PDF (one-line message naming the file) and `OcrUnavailableError` when a page needs
    OCR and tesseract or its language data is missing.
    """
    return _read_document()(path, None, settings)


def read_tables(
    path: Path, pages: Sequence[int] | None, settings: ExtractSettings
) -> tuple[RawTable, ...]:
    """The ruled tables on `pages` (1-based; None for all) of the PDF at `path`."""
    return _read_document()(path, pages, settings).tables


def _read_document() -> Callable[[Path, Sequence[int] | None, ExtractSettings], RawDocument]:
    # camelot, OpenCV and matplotlib take a second to import: a process that only builds
    # settings (the batch parent, `lampiran validate`) must not pay for them.
    from extract.read_document import read_document

    return read_document
