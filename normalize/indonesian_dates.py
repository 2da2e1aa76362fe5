"""Indonesian month names and dates: 'pada tanggal 2 Januari 2025' -> 2025-01-02.

A small table instead of `dateparser`: decrees print 'D <Bulan> YYYY' (a few print
'tanggal 02-01-2025', read day first), the table is twelve names plus the common
abbreviations and old spellings, and OCR damage ('Desernber', 'Januar') needs an
edit-distance match that dateparser does not offer.
Everything here is pure and never raises on any string.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import Levenshtein

MONTHS = (
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
)
"""Indonesian month names, lower case, January first."""

_ALIASES: dict[str, int] = {
    **{name: index + 1 for index, name in enumerate(MONTHS)},
    # Abbreviations printed in schedule cells ("Jan-Mar", "Agt", "Des").
    "jan": 1,
    "feb": 2,
    "peb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "agus": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "nop": 11,
    "des": 12,
    "dec": 12,
    # Older spellings and the English names that slip into Indonesian documents.
    "pebruari": 2,
    "nopember": 11,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    "december": 12,
}

_MIN_FUZZY_LENGTH = 5
"""Shorter words are matched exactly only: 'Juni'/'Juli', 'Mei'/'Mai' are one edit apart."""

# The day may be run onto 'tanggal' before it ('pada tanggal8 Januari 2026': a vendor's
# text layer loses the space), else it stands apart from letters and digits.
_DATE = re.compile(
    r"(?:(?<![0-9A-Za-z])|(?<=(?i:tanggal)))([0-9OoIl]{1,2})\s*[.,]?\s+([A-Za-z]{3,12})\.?\s*[.,]?\s+([0-9OoIl]{4})(?![0-9])"
)
_DAY_RUN_INTO_MONTH = re.compile(r"(?<=\d)(?=[A-Z][a-z]{2,11}\s)")
"""Between a day's digits and a capitalised word run into them ('9Februari 2026')."""
_NUMERIC_DATE = re.compile(
    r"\btanggal(?![A-Za-z])\s*[:,]?\s*([0-9OoIl]{1,2})([-/])([0-9OoIl]{1,2})\2([0-9OoIl]{4})(?![0-9])",
    re.IGNORECASE,
)
"""'tanggal 02-01-2025', 'tanggal 2/1/2025': day first, as Indonesia writes dates. Only
after 'tanggal', because a decree number ('NOMOR 4/1/2025') has the same shape. OCR's
letters for digits ('O3-03-2026') are read as the digits, as in the worded form."""
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def month_number(word: str) -> int | None:
    """The month (1-12) a word names, or None.

    Exact names and abbreviations match case-insensitively; a word of five or more letters
    also matches a full month name within a small edit distance (1, or 2 for names longer
    than six letters) when exactly one month is that close.
    """
    key = word.casefold().strip(".")
    if key in _ALIASES:
        return _ALIASES[key]
    if len(key) < _MIN_FUZZY_LENGTH or not key.isalpha():
        return None
    best: list[int] = []
    best_distance = 3
    for index, name in enumerate(MONTHS):
        limit = 1 if len(name) <= 6 else 2
        distance = Levenshtein.distance(key, name, score_cutoff=limit)
        if distance > limit:
            continue
        if distance < best_distance:
            best, best_distance = [index + 1], distance
        elif distance == best_distance:
            best.append(index + 1)
    return best[0] if len(best) == 1 else None


def _calendar_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it is no calendar date (31 Februari)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_indonesian_date(text: str) -> dt.date | None:
    """The first valid 'D Bulan YYYY' date in `text`, else the first valid numeric
    'D-M-YYYY' or 'D/M/YYYY' right after 'tanggal' (day first), else None.

    Tolerates OCR digit slips (O for 0, l/I for 1), damaged month names and a day run into
    its month by a text layer ('9Februari 2026') in the worded form; a match that is no
    calendar date (31 Februari, 31-02-2025) is skipped.
    """
    for match in _DATE.finditer(_DAY_RUN_INTO_MONTH.sub(" ", text)):
        month = month_number(match.group(2))
        day = int(match.group(1).translate(_OCR_DIGITS))
        year = int(match.group(3).translate(_OCR_DIGITS))
        date = _calendar_date(year, month, day) if month else None
        if date:
            return date
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = (int(match.group(i).translate(_OCR_DIGITS)) for i in (1, 3, 4))
        date = _calendar_date(year, month, day)
        if date:
            return date
    return None
