"""The settings of the extract stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from extract.share_cores import CoreSlots

CACHE_ENV = "LAMPIRAN_OCR_CACHE"
"""Environment variable that moves the OCR cache (empty: no cache)."""


def _default_cache_dir() -> Path | None:
    if CACHE_ENV in os.environ:
        return Path(os.environ[CACHE_ENV]) if os.environ[CACHE_ENV] else None
    return Path(platformdirs.user_cache_dir("lampiran")) / "ocr"


@dataclass(frozen=True)
class ExtractSettings:
    """What the extractor may read and how it reads it.

    Fields that only decide where or how fast work happens (`ocr_cache_dir`, `ocr_jobs`,
    `core_slots`) are left out of `repr` and equality: `repr` is what a run fingerprints,
    and those fields never change a result.
    """

    max_pages: int = 500
    """Refuse PDFs with more pages than this."""
    max_image_pixels: int = 200_000_000
    """Refuse PDFs holding an image, or needing a page render, larger than this (pixels)."""
    dpi: int = 300
    """Resolution at which pages are rendered for OCR and raster line finding."""
    ocr: bool = True
    """OCR pages without a usable text layer; when False they get text_layer 'none'."""
    ocr_languages: tuple[str, ...] = ("ind", "eng")
    """Tesseract language packs, in priority order."""
    deskew: bool = True
    """Straighten skewed scans (before OCR, or before finding rules under a text layer)."""
    ocr_rotate: bool = True
    """Turn pages scanned sideways or upside down upright before OCR."""
    ocr_psm: int = 11
    """Tesseract page segmentation mode; 11 (sparse text) reads ruled cells best, and
    words are put back into lines and cells by position anyway."""
    ocr_timeout_s: float = 180.0
    """Seconds allowed for OCR of one page."""
    min_word_validity: float = 0.5
    """A text layer whose share of dictionary words is below this is redone by OCR."""
    raster_line_scale: int = 40
    """Camelot lattice `line_scale` on page images: a rule shorter than page size /
    line_scale is not seen; camelot's default 15 misses the short rules of header rows."""
    ocr_cache_dir: Path | None = field(
        default_factory=_default_cache_dir, repr=False, compare=False
    )
    """Where OCR results are cached by page-image hash; None disables the cache."""
    ocr_jobs: int = field(default_factory=lambda: os.cpu_count() or 1, repr=False, compare=False)
    """Pages OCR'd at the same time (threads of one document)."""
    core_slots: CoreSlots | None = field(default=None, repr=False, compare=False)
    """Cores shared with the other documents of a batch: each page's OCR holds one while
    it runs, so a document left alone at the end of a batch OCRs on every core."""
