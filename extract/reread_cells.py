"""A second OCR pass over table cells that hold ink but got no words.

Page-level tesseract drops short isolated marks: row numbers ("1.", "2.") alone in a
narrow column, check marks alone in a month cell. Every such cell is cropped to its ink,
the crops are stacked into one image, one per band, and read in one tesseract run as a
uniform block (psm 6); each word goes back to the cell whose band it lies in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from extract.build_table import Layout
from extract.read_words import Char, Word
from extract.run_tesseract import run_tesseract
from extract.straighten_image import Image

INK_LEVEL = 160
"""Gray level below which a pixel is ink (a thin check mark prints gray) ..."""
INK_CONTRAST = 60
"""... and at least this much darker than the cell's median (shaded header cells)."""
MIN_INK_PX = 20
"""Fewer ink pixels than this in a cell is dust, not a mark."""
MIN_INK_EXTENT_PX = 10
"""Ink spanning less than this, both across and down, is a speck, not a mark."""
INSET_PX = 6
"""Pixels left out along a cell's borders (rule residue)."""
PAD_PX = 12
GAP_PX = 48
MIN_CONFIDENCE = 20.0


@dataclass(frozen=True)
class CellWord:
    """A word read from a cell crop, placed on the page (points)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class _Crop:
    """Where a crop came from on the page (`left`, `top`) and sits in the stack (`y`)."""

    left: int
    top: int
    y: int
    band_top: int
    band_bottom: int


def read_empty_cells(
    image: Image,
    layouts: Sequence[Layout],
    words: Sequence[Word],
    dpi: int,
    languages: Sequence[str],
    scratch: Path,
    timeout_s: float,
) -> tuple[CellWord, ...]:
    """Words in the inked cells of `layouts` where `words` has none.

    `image` is the page with its rules erased; `scratch` is a PNG path to write the
    stacked crops to. Coordinates are rounded to 0.01 pt, as they are cached.
    """
    scale = dpi / 72.0
    pieces: list[tuple[Image, int, int]] = []
    for layout in layouts:
        for span in layout.spans:
            x0, y0, x1, y1 = layout.span_bbox(span)
            if any(_overlaps(w, (x0, y0, x1, y1)) for w in words):
                continue
            left, top = round(x0 * scale) + INSET_PX, round(y0 * scale) + INSET_PX
            right, bottom = round(x1 * scale) - INSET_PX, round(y1 * scale) - INSET_PX
            if right <= left or bottom <= top:
                continue
            cell = image[top:bottom, left:right]
            level = min(INK_LEVEL, float(np.median(cell)) - INK_CONTRAST)
            ink = np.argwhere(cell < level)
            if len(ink) < MIN_INK_PX:
                continue
            (iy0, ix0), (iy1, ix1) = ink.min(axis=0), ink.max(axis=0)
            if max(iy1 - iy0, ix1 - ix0) < MIN_INK_EXTENT_PX:
                continue
            cx0, cy0 = max(left, left + ix0 - PAD_PX), max(top, top + iy0 - PAD_PX)
            cx1, cy1 = min(right, left + ix1 + PAD_PX + 1), min(bottom, top + iy1 + PAD_PX + 1)
            pieces.append((image[cy0:cy1, cx0:cx1], cx0, cy0))
    if not pieces:
        return ()
    composite, crops = _stack(pieces)
    cv2.imwrite(str(scratch), composite)
    placed = []
    for text, left, top, width, height in _tesseract_words(scratch, languages, timeout_s):
        centre = top + height / 2
        crop = next((c for c in crops if c.band_top <= centre < c.band_bottom), None)
        if crop is None:
            continue
        page_left = crop.left + left - PAD_PX
        page_top = crop.top + top - crop.y
        placed.append(
            CellWord(
                text=text,
                x0=round(page_left / scale, 2),
                top=round(page_top / scale, 2),
                x1=round((page_left + width) / scale, 2),
                bottom=round((page_top + height) / scale, 2),
            )
        )
    return tuple(placed)


def cell_word_chars(words: Sequence[CellWord]) -> list[Char]:
    """Characters for `words` (the word's box shared evenly), shaped like pdfplumber's."""
    chars: list[Char] = []
    for word in words:
        step = (word.x1 - word.x0) / len(word.text)
        for i, letter in enumerate(word.text):
            chars.append(
                {
                    "text": letter,
                    "x0": word.x0 + i * step,
                    "x1": word.x0 + (i + 1) * step,
                    "top": word.top,
                    "bottom": word.bottom,
                    "doctop": word.top,
                    "size": word.bottom - word.top,
                    "fontname": "OCR",
                    "upright": True,
                }
            )
    return chars


def _overlaps(word: Word, box: tuple[float, float, float, float]) -> bool:
    """True when a third or more of `word`'s box lies in `box`."""
    width = min(word.x1, box[2]) - max(word.x0, box[0])
    height = min(word.bottom, box[3]) - max(word.top, box[1])
    area = (word.x1 - word.x0) * (word.bottom - word.top)
    return width > 0 and height > 0 and width * height * 3 >= area


def _stack(pieces: Sequence[tuple[Image, int, int]]) -> tuple[Image, list[_Crop]]:
    """Crops one under the other on white, each in its own band."""
    width = max(p.shape[1] for p, _, _ in pieces) + 2 * PAD_PX
    height = sum(p.shape[0] + GAP_PX for p, _, _ in pieces) + GAP_PX
    composite = np.full((height, width), 255, np.uint8)
    crops = []
    y = GAP_PX
    for piece, left, top in pieces:
        h, w = piece.shape
        composite[y : y + h, PAD_PX : PAD_PX + w] = piece
        crops.append(
            _Crop(
                left=left, top=top, y=y, band_top=y - GAP_PX // 2, band_bottom=y + h + GAP_PX // 2
            )
        )
        y += h + GAP_PX
    return composite, crops


def _tesseract_words(
    image: Path, languages: Sequence[str], timeout_s: float
) -> list[tuple[str, int, int, int, int]]:
    """(text, left, top, width, height) of each word tesseract reads in `image`."""
    done = run_tesseract(
        [str(image), "-", "-l", "+".join(languages), "--psm", "6", "tsv"], timeout_s
    )
    if done is None:
        return []
    words = []
    for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if text and float(row.get("conf") or -1) >= MIN_CONFIDENCE:
            words.append(
                (text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            )
    return words
