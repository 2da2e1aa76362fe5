"""Words to text lines: per page (reading order) and per table cell (top to bottom).

A line is the words whose vertical extent overlaps the line's first word by at least half
the smaller height; its words are ordered left to right and joined by single spaces. Lines
never cross a zone (table cell) border. Reading order is top to bottom; lines sharing a
band (the cells of one table row) are ordered left to right.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import TypeVar

from extract.read_words import Word, Zone
from schemas.raw import TextLine

T = TypeVar("T")

MIN_OVERLAP = 0.5
COLUMN_GAP = 6.0
"""A gap between two words of one band wider than this many word heights parts two blocks
set side by side (a certification beside a signature, a page's two columns): they are two
lines. Justified text and tab stops after a label stay well under it."""


def group_bands(
    items: Sequence[T], extent: Callable[[T], tuple[float, float, float]]
) -> list[list[T]]:
    """Group items into horizontal bands, each band left to right, bands top to bottom.

    `extent(item)` gives (top, bottom, x0). An item joins the first open band whose first
    item it overlaps vertically by at least half of the smaller height.
    """
    bands: list[tuple[float, float, list[T]]] = []
    open_bands: list[tuple[float, float, list[T]]] = []
    for item in sorted(items, key=lambda i: (extent(i)[0], extent(i)[2])):
        top, bottom, _ = extent(item)
        # Items come top-first, so a band ending above this item is closed for good.
        open_bands = [band for band in open_bands if band[1] >= top]
        for seed_top, seed_bottom, members in open_bands:
            overlap = min(bottom, seed_bottom) - max(top, seed_top)
            if overlap >= MIN_OVERLAP * min(bottom - top, seed_bottom - seed_top):
                members.append(item)
                break
        else:
            band = (top, bottom, [item])
            bands.append(band)
            open_bands.append(band)
    return [sorted(members, key=lambda i: extent(i)[2]) for _, _, members in bands]


def _word_extent(word: Word) -> tuple[float, float, float]:
    return word.top, word.bottom, word.x0


def cell_text(words: Sequence[Word]) -> str:
    """The text of one cell: its lines top to bottom joined by '\\n'."""
    return "\n".join(" ".join(w.text for w in line) for line in group_bands(words, _word_extent))


def text_lines(words: Sequence[Word]) -> tuple[TextLine, ...]:
    """The page's text lines in reading order; no line crosses a zone border."""
    by_zone: dict[Zone | None, list[Word]] = {}
    for word in words:
        by_zone.setdefault(word.zone, []).append(word)
    lines = [
        _text_line(piece)
        for zone, zone_words in by_zone.items()
        for line in group_bands(zone_words, _word_extent)
        for piece in (_split_at_column_gaps(line) if zone is None else [line])
    ]
    return tuple(
        line
        for band in group_bands(lines, lambda ln: (ln.bbox[1], ln.bbox[3], ln.bbox[0]))
        for line in band
    )


def _split_at_column_gaps(words: Sequence[Word]) -> list[Sequence[Word]]:
    """A band's words (left to right) cut where the gap to the next word exceeds
    COLUMN_GAP times the median word height; each piece keeps its order."""
    height = statistics.median(word.bottom - word.top for word in words)
    pieces: list[Sequence[Word]] = []
    start = 0
    for index in range(1, len(words)):
        if words[index].x0 - words[index - 1].x1 > COLUMN_GAP * height:
            pieces.append(words[start:index])
            start = index
    pieces.append(words[start:])
    return pieces


def _text_line(words: Sequence[Word]) -> TextLine:
    sizes = [size for word in words for size in word.sizes]
    bold = sum(word.bold_chars for word in words)
    return TextLine(
        text=" ".join(word.text for word in words),
        bbox=(
            round(min(w.x0 for w in words), 2),
            round(min(w.top for w in words), 2),
            round(max(w.x1 for w in words), 2),
            round(max(w.bottom for w in words), 2),
        ),
        size=round(statistics.median(sizes), 2) if sizes else 0.0,
        bold=bold * 2 > len(sizes),
    )
