"""Full stops that page OCR saw on the page but left out of its words.

Tesseract, reading a page as sparse text, drops a word's final stop now and then: 'M.T'
for 'M.T.' at the end of a signatory's degrees, 'KET' for a header's 'KET.', while a crop
of the same word reads the stop. The stop is on the page: a small solid dot on the
word's baseline, just after its last letter. Such a dot that no word covers is given back
to the word it ends. A stop kerned under a letter's arm ('T.' in DejaVu Sans) shares
that letter's columns and is not told from a piece of it; it stays left out.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from extract.read_words import Word
from extract.reread_cells import CellReading, CellWord
from extract.straighten_image import Image
from schemas.raw import BBox

INK_LEVEL = 128
"""A pixel darker than this is ink (tesseract's own threshold lies about here)."""
GLYPH_SHARE = 0.5
"""An ink piece at least this share of the tallest piece about the word is a letter or
digit: an x-height letter (the stem of an 'i', a light serif 'a''s stem) stands 0.6-0.7 of
an ascender, a stop or an i's dot a fifth. (A share of the word's box fails on an OCR
layer, whose boxes are its font's, up to half again as tall as the letters.)"""
DOT_SIZE = (0.12, 0.4)
"""A stop's width and height, as shares of the word's letter height: 10-11 pt stops are
5-8 px wide at 300 dpi beside letters 28-30 px high in the scans (0.18-0.27; sans and
serif, measured on probes bpbd's and inspektorat-kota's scans and Kepbup Donggala 0602),
DejaVu Sans's drawn crisp 4-5 px beside 32 (0.13-0.16). A comma's tail makes it taller.
Dust as large as a stop is told by its gray (DOT_INK_SLACK)."""
PAPER_MARGIN = 50
"""Pixels this much darker than the paper (the median around the word) join ink: a stop
stands apart from its word on paper, a letter's broken piece does not. Measured: the
stem and bowl of a light serif 'a' (probe pengadilan-agama's scan, paper 246) are joined
by pixels of 170 and darker; the 'i' and the stop of 'M.Si.' (probe inspektorat-kota's
scan, paper 237) only by pixels of 210."""
MIN_DOT_PT = 0.9
"""A stop is at least this wide and high (4 px at 300 dpi); smaller ink is dust or JPEG
noise. Noise as large as a stop lies beside the letters of a coarse picture enlarged
(PermenPANRB 52/2014's 6 pt LKE print, pasted as 96 dpi JPEG strips: with this floor, 18
of the LKE's 5,613 words still got a stop that is not printed), and such pages are not
looked at (`render_page.redrawn_for_ocr`)."""
DOT_INK_SLACK = 40
"""A stop is printed as dark as its word: its darkest pixel is at most this many levels
lighter than its letters' (the median of their darkest). Dust is a faint gray."""
DOT_SOLIDITY = 0.6
"""A stop fills this share of its box or more; a stroke or a speck of a ring does not."""
BASELINE_SLACK = 0.12
"""A stop's bottom lies within this share of the letter height of the letters' bottom."""
MAX_GAP = 0.5
"""A stop stands at most this many letter heights after the word's last letter."""
SHORT_BOX = 0.3
"""A letter that starts this far (shares of the word box's height) after the box's end
is still the word's: tesseract's box of 'M.Si' ended 8 px before its 'i' (11 pt at
300 dpi, probe inspektorat-kota's scan), less than a word space."""
REACH = 1.0
"""How far after the word's box (letter heights) the dot is looked for: an OCR layer's
word box can end short of the word's last letter (a 'T' reaching 0.5 height beyond)."""


class _Piece(NamedTuple):
    """A connected piece of ink about a word (pixels, from the top left of the area looked
    at): its box, its pixel count, and its label in the area's labelling."""

    x: int
    y: int
    w: int
    h: int
    pixels: int
    label: int


def find_lost_stops(image: Image, words: Sequence[Word], dpi: int) -> CellReading:
    """The `words` (on `image`, a page at `dpi` with its rules erased) whose final stop is
    on the page but not in their text, given back with it: each such word's box replaced
    by the word with '.' added, its box reaching over the stop.

    A word qualifies when it ends in a letter or digit and, after its last letter piece,
    within MAX_GAP letter heights, lies a solid dot (DOT_SIZE, DOT_SOLIDITY) on the
    letters' bottom (BASELINE_SLACK), alone in its columns and apart from the letters on
    paper (PAPER_MARGIN), with no other ink between, no other dot close after it (a
    leader), and no word of `words` over it.
    """
    scale = dpi / 72.0
    found: list[CellWord] = []
    replaced: list[BBox] = []
    for word in words:
        if not word.text[-1:].isalnum():
            continue
        dot = _stop_after(image, word, words, scale)
        if dot is None:
            continue
        found.append(CellWord(word.text + ".", word.x0, word.top, dot, word.bottom))
        replaced.append((word.x0, word.top, word.x1, word.bottom))
    return CellReading(words=tuple(found), replaced=tuple(replaced))


def _stop_after(image: Image, word: Word, words: Sequence[Word], scale: float) -> float | None:
    """The right edge (points) of the stop after `word`'s last letter; None if none."""
    box_height = (word.bottom - word.top) * scale
    if box_height < 4:
        return None
    left, right = round(word.x0 * scale), round(word.x1 * scale + REACH * box_height)
    top = round(word.top * scale - 0.2 * box_height)
    bottom = round(word.bottom * scale + 0.2 * box_height)
    height, width = image.shape
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, width), min(bottom, height)
    if right - left < 2 or bottom - top < 2:
        return None
    area = image[top:bottom, left:right]
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        (area < INK_LEVEL).astype(np.uint8), connectivity=8
    )
    pieces = [
        _Piece(int(x), int(y), int(w), int(h), int(pixels), i)
        for i, (x, y, w, h, pixels) in enumerate(stats)
        if i > 0
    ]
    tallest = max((p.h for p in pieces), default=0)
    letters = [p for p in pieces if p.h >= GLYPH_SHARE * tallest]
    # The word's letters: those that start inside its box, or just after it, where an OCR
    # box that ends short leaves its last letter.
    mine = [p for p in letters if left + p.x < word.x1 * scale + SHORT_BOX * box_height]
    if not mine:
        return None
    letter_height = statistics.median(p.h for p in mine)
    baseline = statistics.median(p.y + p.h for p in mine)
    last = max(p.x + p.w for p in mine)
    after = sorted((p for p in pieces if p.x >= last), key=lambda p: p.x)
    if not after:
        return None
    dot, others = after[0], [p for p in pieces if p != after[0]]
    low, high = (share * letter_height for share in DOT_SIZE)
    low = max(low, MIN_DOT_PT * scale)
    shaped = (
        low <= dot.w <= high
        and low <= dot.h <= high
        and dot.pixels >= DOT_SOLIDITY * dot.w * dot.h
        and abs(dot.y + dot.h - baseline) <= BASELINE_SLACK * letter_height
        and dot.x - last <= MAX_GAP * letter_height
        # Alone in its columns: a piece of a letter broken by the threshold (the lower
        # arc of a light 'e') has the rest of its letter above or below it.
        and not any(p.x < dot.x + dot.w and p.x + p.w > dot.x for p in others)
    )
    if not shaped:
        return None
    # Measured by pixel only for the few dots left (most words end without one).
    if _darkest(area, labels, dot) > (
        statistics.median(_darkest(area, labels, p) for p in mine) + DOT_INK_SLACK
    ):
        return None
    # Apart from all other ink on paper: the bowl of a light serif 'a', broken off by the
    # threshold, is joined to its stem by gray.
    paper = float(np.median(area))
    _, joined = cv2.connectedComponents(
        (area < paper - PAPER_MARGIN).astype(np.uint8), connectivity=8
    )
    link = _joined_at(joined, labels, dot)
    if any(_joined_at(joined, labels, p) == link for p in others):
        return None
    # Another dot close after it: a leader of dots ('Nama ......'), not a stop.
    if any(
        p.x - (dot.x + dot.w) <= MAX_GAP * letter_height and p.w <= high and p.h <= high
        for p in after[1:]
    ):
        return None
    dot_left, dot_right = (left + dot.x) / scale, (left + dot.x + dot.w) / scale
    # A word read over the dot (a stop read as a word of its own, or the next word) has it.
    if any(
        other is not word
        and other.x0 <= dot_right
        and other.x1 >= dot_left
        and other.top < word.bottom
        and other.bottom > word.top
        for other in words
    ):
        return None
    return round(dot_right, 2)


def _darkest(area: Image, labels: np.ndarray, piece: _Piece) -> int:
    """The darkest level of `piece` in `area`."""
    return int(area[labels == piece.label].min())


def _joined_at(joined: np.ndarray, labels: np.ndarray, piece: _Piece) -> int:
    """The label in `joined` (ink and gray short of paper) of `piece`'s first pixel, row
    by row."""
    inside = labels == piece.label
    return int(joined[np.unravel_index(np.argmax(inside), inside.shape)])
