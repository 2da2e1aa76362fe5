"""Pure text helpers: Indonesian dates and line wrapping by measured width."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

Measure = Callable[[str], float]


def indonesian_date(date: dt.date) -> str:
    """'2 Januari 2025': day without leading zero, month name, year."""
    return f"{date.day} {MONTHS_ID[date.month - 1]} {date.year}"


def _break_word(word: str, measure: Measure, limit: float) -> list[str]:
    """Split a word wider than `limit` into pieces that fit, as Word does: after the last
    hyphen that fits, else by letter."""
    pieces: list[str] = []
    rest = word
    while rest and measure(rest) > limit:
        fit = 1
        while fit < len(rest) and measure(rest[: fit + 1]) <= limit:
            fit += 1
        hyphen = rest.rfind("-", 0, fit)
        cut = hyphen + 1 if hyphen > 0 else fit
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [*pieces, rest] if rest else pieces


def wrap(text: str, measure: Measure, first_width: float, width: float) -> list[str]:
    """Greedy line breaking of `text` at spaces.

    The first line may be `first_width` wide, later lines `width`. Words wider than a line
    are broken by letter. Output lines joined with single spaces give back the
    whitespace-folded text (except inside broken words, which join without a space).
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        limit = first_width if not lines else width
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
            limit = width
        pieces = _break_word(word, measure, limit) if measure(word) > limit else [word]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines
