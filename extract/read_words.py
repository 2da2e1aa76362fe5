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
    """An OCR layer's characters without '|': tesseract reads vertical rules as '|'."""
    return [char for char in chars if char["text"] != "|"]


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


def read_words(
    chars: Sequence[Char], zone_of: Callable[[Char], Zone | None], text_flow: bool = False
) -> list[Word]:
    """Words of `chars`, built separately within each zone, in first-character order.

    With `text_flow` characters are taken in content-stream order rather than sorted by
    position: right for an OCR layer, which writes each word whole, and where a bogus
    OCR line laid over a real one would otherwise interleave letter by letter.
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
    return words
