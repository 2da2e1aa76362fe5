"""Characters to words: overprinted glyphs removed, words kept inside their zone.

A zone is the table cell a character's centre falls in (or no cell). Words are built
per zone, so a word never crosses a cell border: no character is lost or counted twice
at a border, and a cell's text is exactly the characters printed inside it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.utils.text import WordExtractor

Char = dict[str, Any]
Zone = Hashable

X_TOLERANCE_RATIO = 0.25
"""A gap wider than this share of the font size starts a new word (when the PDF has no
space character there); 0.25 em equals pdfplumber's 3 pt at 12 pt and scales to the
small fonts of dense tables."""
Y_TOLERANCE = 3.0

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_SYMBOL_FONT = re.compile(r"symbol|wingdings", re.IGNORECASE)
# Word writes symbol-font glyphs as private-use code points U+F000 + the font's own code.
# Only marks a decree table uses are mapped; others are left as they are.
_SYMBOL_MARKS = {
    ("symbol", 0xD6): "√",
    ("symbol", 0xB7): "•",
    ("symbol", 0xB4): "×",
    ("symbol", 0xB1): "±",
    ("symbol", 0xA3): "≤",
    ("symbol", 0xB3): "≥",
    ("symbol", 0xAE): "→",
    ("symbol", 0xB0): "°",
    ("symbol", 0x2D): "−",
    ("wingdings", 0xFC): "✓",
    ("wingdings", 0xFB): "✗",
    ("wingdings", 0xA7): "▪",
    ("wingdings", 0xD8): "➢",
}


@dataclass(frozen=True)
class Word:
    """A word in upright page coordinates (points, origin top-left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    sizes: tuple[float, ...]
    bold_chars: int
    zone: Zone | None

    @property
    def size(self) -> float:
        return statistics.median(self.sizes) if self.sizes else 0.0


def decode_symbols(chars: Iterable[Char]) -> list[Char]:
    """`chars` with the check marks and bullets of Symbol/Wingdings fonts as Unicode."""
    decoded = []
    for char in chars:
        text = char["text"]
        font = _SYMBOL_FONT.search(char.get("fontname", ""))
        if font and len(text) == 1 and 0xF020 <= ord(text) <= 0xF0FF:
            mark = _SYMBOL_MARKS.get((font.group(0).lower(), ord(text) - 0xF000))
            if mark is not None:
                char = {**char, "text": mark}
        decoded.append(char)
    return decoded


def ocr_chars(chars: Iterable[Char]) -> list[Char]:
    """An OCR layer's characters without the '|' tesseract reads off vertical rules; a
    '|' standing in a line of text right after a letter (`_after_letter`) is kept: it is
    as likely the one stroke of a sans-serif capital I ('Semester I' read 'Semester |'),
    which normalize tells from a rule's mark."""
    chars = list(chars)
    return [char for char in chars if char["text"] != "|" or _after_letter(char, chars)]


BAR_GAP_RATIO = (0.1, 1.25)
"""A '|' standing as a word of its own in a line of text is this many heights of the
letter before it away from that letter, least and most (a word space is about a third of
it): glued to a word it is a rule's mark ('ZI|'), far off a rule between cells. Nothing
may stand closer than the least after it either ('|»'). A scanned sans-serif I stood
0.14 and 1.03 heights off the word before it ('semester | dan II', 'Triwulan | dan
III' on the balai-pom probe's scan: the blur narrows a space, a justified line widens
it); a bar on a rule is dropped later in any case (`read_page_tables`)."""
BAR_HEIGHT_RATIO = 1.5
"""... and at most this many times as tall: a rule's mark spans the whole row."""


def _after_letter(bar: Char, chars: Sequence[Char]) -> bool:
    """True when `bar` stands as a word of its own right after a letter on its line: the
    nearest character to its left is a letter BAR_GAP_RATIO of its height away, none to
    its right is nearer than the least of it, and `bar` is at most BAR_HEIGHT_RATIO as
    tall as that letter."""
    height = bar["bottom"] - bar["top"]
    middle = (bar["top"] + bar["bottom"]) / 2
    line = [
        c
        for c in chars
        if c is not bar
        and c["text"].strip()
        and abs((c["top"] + c["bottom"]) / 2 - middle) < 0.3 * height
    ]
    left = [c for c in line if c["x1"] <= bar["x0"] + 0.5]
    if not left:
        return False
    near = max(left, key=lambda c: c["x1"])
    size = near["bottom"] - near["top"]
    least, most = (ratio * size for ratio in BAR_GAP_RATIO)
    glued_right = any(bar["x1"] - 0.5 <= c["x0"] < bar["x1"] + least for c in line)
    return (
        near["text"].isalpha()
        and least <= bar["x0"] - near["x1"] <= most
        and not glued_right
        and height <= BAR_HEIGHT_RATIO * size
    )


def dedupe_chars(chars: Iterable[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop glyphs printed again on top of themselves (fake bold), keeping the first.

    Two characters are duplicates when text, font and size match and both corners lie
    within `tolerance` points. Runs in linear time (pdfplumber's own is quadratic).
    """
    kept: list[Char] = []
    buckets: dict[tuple[Any, ...], list[Char]] = {}
    for char in chars:
        key = (char["text"], char.get("fontname"), round(float(char.get("size", 0)), 1))
        cx, cy = int(char["x0"] // tolerance), int(char["top"] // tolerance)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in buckets.get((*key, cx + dx, cy + dy), ()):
                    if (
                        abs(other["x0"] - char["x0"]) <= tolerance
                        and abs(other["top"] - char["top"]) <= tolerance
                    ):
                        duplicate = True
        if duplicate:
            continue
        buckets.setdefault((*key, cx, cy), []).append(char)
        kept.append(char)
    return kept


REREAD_OVERLAP = 0.3
"""Share of the narrower word's width two words of one OCR line must overlap by to be two
readings of the same ink. Neighbouring words of a layer touch at most by a point or two
of box slack; ocrmypdf's layer of a bold header gives overlaps of 45-100 % ('VOLU' over
'LUME', 'NCAN' inside 'RENCANA')."""


def _overlapped_text(first: str, second: str) -> str | None:
    """The one word two overlapping readings spell: the longer when one holds the other
    ('RENCANA', 'NCAN'), else `first` run on by `second` past their longest shared end
    and start ('VOLU', 'LUME' -> 'VOLUME'); None when they share no letters so."""
    if second in first:
        return first
    if first in second:
        return second
    for shared in range(min(len(first), len(second)) - 1, 0, -1):
        if first[-shared:].casefold() == second[:shared].casefold():
            return first + second[shared:]
    return None


def _merged_reading(one: Word, other: Word) -> Word | None:
    """Two words of an OCR layer as one word when they are two readings of the same ink:
    in one zone and on one line, overlapping by REREAD_OVERLAP of the narrower one's
    width, their letters overlapping too (`_overlapped_text`, the left one first); else
    None."""
    first, second = sorted((one, other), key=lambda word: word.x0)
    if first.zone != second.zone:
        return None
    across = min(first.x1, second.x1) - max(first.x0, second.x0)
    down = min(first.bottom, second.bottom) - max(first.top, second.top)
    narrower = min(first.x1 - first.x0, second.x1 - second.x0)
    lower = min(first.bottom - first.top, second.bottom - second.top)
    if across < REREAD_OVERLAP * narrower or down < lower / 2:
        return None
    text = _overlapped_text(first.text, second.text)
    if text is None:
        return None
    return Word(
        text=text,
        x0=first.x0,
        top=min(first.top, second.top),
        x1=max(first.x1, second.x1),
        bottom=max(first.bottom, second.bottom),
        sizes=(first.sizes + second.sizes)[: len(text)],
        bold_chars=min(len(text), first.bold_chars + second.bold_chars),
        zone=first.zone,
    )


_LINE_BAND = 6.0
"""Points of page height per band in which `merge_rereadings` looks for a word's other
reading (the band of its top and the two beside it): a line's words share their top
within a point or two, the skew of a scan's line within a few."""


def merge_rereadings(words: Iterable[Word]) -> list[Word]:
    """An OCR layer's words with each pair that reads the same ink twice merged into one
    word (`_merged_reading`), kept where the first of the two stood. ocrmypdf writes such
    pairs on bold header text, the second reading as a line of its own ('NCAN' ... 'LUME'
    before 'RENCANA' ... 'VOLU'). Invariant: words that do not overlap so are kept as they
    are, in order."""
    kept: list[Word] = []
    bands: dict[tuple[Zone | None, int], list[int]] = {}
    for word in words:
        band = int(word.top // _LINE_BAND)
        near = (i for step in (-1, 0, 1) for i in bands.get((word.zone, band + step), ()))
        merged = next(
            ((i, reading) for i in near if (reading := _merged_reading(kept[i], word))), None
        )
        if merged is None:
            bands.setdefault((word.zone, band), []).append(len(kept))
            kept.append(word)
        else:
            kept[merged[0]] = merged[1]
    return kept


def read_words(
    chars: Sequence[Char], zone_of: Callable[[Char], Zone | None], text_flow: bool = False
) -> list[Word]:
    """Words of `chars`, built separately within each zone, in first-character order.

    With `text_flow` characters are taken in content-stream order rather than sorted by
    position: right for an OCR layer, which writes each word whole, and where a bogus
    OCR line laid over a real one would otherwise interleave letter by letter; words
    that read the same ink twice are merged (`merge_rereadings`).
    """
    by_zone: dict[Zone | None, list[Char]] = {}
    for char in chars:
        by_zone.setdefault(zone_of(char), []).append(char)
    extractor = WordExtractor(
        x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=Y_TOLERANCE, use_text_flow=text_flow
    )
    words: list[Word] = []
    for zone, zone_chars in by_zone.items():
        for word, word_chars in extractor.iter_extract_tuples(zone_chars):
            words.append(
                Word(
                    text=word["text"],
                    x0=float(word["x0"]),
                    top=float(word["top"]),
                    x1=float(word["x1"]),
                    bottom=float(word["bottom"]),
                    sizes=tuple(float(c.get("size", 0.0)) for c in word_chars),
                    bold_chars=sum(1 for c in word_chars if _BOLD.search(c.get("fontname", ""))),
                    zone=zone,
                )
            )
    return merge_rereadings(words) if text_flow else words
