"""Glyph heights of a scan's own OCR layer fitted to its lines' spacing.

An OCR layer places each line of words along the baseline the OCR found, rotated by the
scan's skew, and sizes the line's font from a box of the line. On a skewed page that box
can take in the slope: tesseract's layer of a landscape scan skewed about a degree sets
7 pt type at 12-19 pt (probe 27's scan-ocr pages 2, 5 and 6), so a line's glyph boxes
reach over the lines above and below it, and the words of a cell's two or three lines were
read as one line, sorted left to right ('Menyusun penyusunan an sasar ...').

Where the words sit is right: their baselines. So the lines are found by their baselines,
and a line whose glyphs are taller than the distance to the nearest baseline above or
below it is scaled down, about its baseline, to that distance: type never stands taller
than its line spacing. A layer whose type fits its spacing is left exactly as it is.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from extract.read_words import Char

SAME_LINE_RATIO = 0.25
"""Baselines nearer than this share of the type size are one line (read as two pieces)."""
MIN_GLYPHS = 3
"""A line of fewer letters and digits than this (a footnote mark, a stray speck) is left
as it is, and its spacing bounds no line beside it: such marks are set above or below the
line they belong to."""


@dataclass(frozen=True)
class _Line:
    """The characters on one baseline: y = (offset + x sin(angle)) / cos(angle), in PDF
    coordinates (y up)."""

    angle: float
    offset: float
    left: float
    right: float
    size: float
    glyphs: int
    members: tuple[int, ...]

    def baseline_at(self, x: float) -> float:
        return (self.offset + x * math.sin(self.angle)) / math.cos(self.angle)


def fit_glyph_heights(chars: Sequence[Char]) -> list[Char]:
    """`chars` (pdfplumber characters of one page) with each line's glyph boxes and size
    scaled about its baseline down to the distance to the nearest neighbouring line whose
    extent it shares, when they are taller than that (lines of MIN_GLYPHS or more).

    Invariant: x positions never change, nor does any character whose size is at most
    that distance; a page whose lines do not crowd each other comes back equal.
    """
    lines = _lines(chars)
    fitted = list(chars)
    for line in lines:
        if line.glyphs < MIN_GLYPHS:
            continue
        spacing = _spacing(line, lines)
        if spacing is None or spacing >= line.size:
            continue
        scale = spacing / line.size
        for index in line.members:
            fitted[index] = _scaled(chars[index], scale)
    return fitted


def _lines(chars: Sequence[Char]) -> list[_Line]:
    groups: dict[tuple[float, float], list[int]] = defaultdict(list)
    for index, char in enumerate(chars):
        if "matrix" not in char:
            continue
        a, b, _, _, e, f = char["matrix"]
        angle = math.atan2(b, a)
        offset = f * math.cos(angle) - e * math.sin(angle)
        groups[(round(angle, 3), round(offset, 1))].append(index)
    lines = []
    for (angle, offset), members in groups.items():
        group = [chars[i] for i in members]
        lines.append(
            _Line(
                angle=angle,
                offset=offset,
                left=min(c["x0"] for c in group),
                right=max(c["x1"] for c in group),
                size=statistics.median(float(c["size"]) for c in group),
                glyphs=sum(1 for c in group if c["text"].isalnum()),
                members=tuple(members),
            )
        )
    return lines


def _spacing(line: _Line, lines: Sequence[_Line]) -> float | None:
    """The distance from `line`'s baseline to the nearest other baseline over a stretch
    both lines cover; None when no line shares its extent."""
    nearest = None
    for other in lines:
        if other is line or other.glyphs < MIN_GLYPHS:
            continue
        left, right = max(line.left, other.left), min(line.right, other.right)
        if left >= right:
            continue
        middle = (left + right) / 2
        distance = abs(line.baseline_at(middle) - other.baseline_at(middle))
        if distance < SAME_LINE_RATIO * line.size:
            continue
        nearest = distance if nearest is None else min(nearest, distance)
    return nearest


def _scaled(char: Char, scale: float) -> Char:
    """`char` with its box's height and its size times `scale`, about its baseline."""
    *_, f = char["matrix"]
    page_height = char["top"] + char["y1"]
    baseline = page_height - f
    top = baseline - (baseline - char["top"]) * scale
    bottom = baseline + (char["bottom"] - baseline) * scale
    fitted = {
        **char,
        "top": top,
        "bottom": bottom,
        "y0": page_height - bottom,
        "y1": page_height - top,
        "size": float(char["size"]) * scale,
    }
    if "doctop" in char:
        fitted["doctop"] = char["doctop"] + top - char["top"]
    return fitted
