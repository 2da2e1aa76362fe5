"""Schedule cells -> `Schedule`: printed phrases ('Januari - Desember 2025', 'TW III'), tick grids.

Months come from month names (exact, abbreviated, or OCR-damaged within a small edit
distance), ranges ('-', 's.d.', 'sampai dengan', 'hingga'), lists (',', 'dan'), quarter
and semester phrases ('Triwulan II', 'TW I-IV', 'Semester I'), every-month phrases
('Setiap bulan', 'Setiap tanggal 15') and daily, weekly, quarterly or half-yearly ones
naming no month ('Setiap hari kerja', 'Setiap Triwulan'), which cover the whole year; the
end of the year ('Akhir Tahun 2026') is December. Quarters
are always derived from months. The printed text is kept with its whitespace folded.
Pure functions; `parse_schedule_text` never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from normalize.fold_text import fold
from normalize.indonesian_dates import month_number
from schemas.decree import Schedule

_EVERY_MONTH = re.compile(
    r"\b(?:setiap|tiap|per)\s+(?:(?:awal|akhir|pertengahan)\s+)?bulan\b"
    r"|\b(?:setiap|tiap)\s+tanggal\s+\d{1,2}\b|\bsepanjang\s+tahun\b|\bbulanan\b",
    re.IGNORECASE,
)
"""A monthly recurrence: 'Setiap bulan', 'Setiap awal bulan', 'Setiap tanggal 15'."""
_YEAR_END = re.compile(r"\bakhir\s+tahun\b", re.IGNORECASE)
"""'Akhir Tahun 2026': December, as 'Akhir Februari' is February. 'Awal tahun' is left
without a month: offices use it for January and for the first quarter alike."""
_EVERY_DAY = re.compile(
    r"\b(?:setiap|tiap)\s+(?:hari|minggu|pekan)\b|\bharian\b|\bmingguan\b", re.IGNORECASE
)
"""A daily or weekly recurrence ('Setiap hari kerja', 'Mingguan'): every month, when the
phrase names no month of its own ('Setiap minggu pertama bulan Maret' is March)."""
_EVERY_PERIOD = re.compile(
    r"\b(?:setiap|tiap|per)\s+(?:triwulan|tw|semester)\b|\btriwulanan\b|\bsemesteran\b",
    re.IGNORECASE,
)
"""A quarterly or half-yearly recurrence ('Setiap Triwulan', 'Triwulanan'): like a daily
one, every month when it names no quarter or month ('Setiap Triwulan II' is April-June)."""
_RANGE = re.compile(
    r"\bs\s*[./]\s*d\b\.?|\bsampai(?:\s+dengan)?\b|\bhingga\b|\bsd\b|[-–—]", re.IGNORECASE
)
_ORDINAL_PREFIX = re.compile(r"\bke\s*-\s*", re.IGNORECASE)
_TOKEN = re.compile(r"\x00|[A-Za-z]+|\d+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_QUARTER_WORDS = frozenset({"triwulan", "tw", "trw", "tri", "kuartal", "q"})
_SEMESTER_WORDS = frozenset({"semester", "smt", "sem"})
_ORDINALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SKIPPED = frozenset({"dan", "ke", "bulan", "tahun"})
_RANGE_MARK = "\x00"

_TICK_CHARS = frozenset("√✓✔☑✅vVJ/\\~ν")
"""A printed check mark and what OCR reads a lone one as."""
_TICK_NOISE = ".,'`’\ufe0f"
_MAX_TICK_LENGTH = 3
"""A doubled or OCR-split mark ('√√', '\\/') is still a tick; a word never is."""


def quarters_of(months: Iterable[int]) -> list[int]:
    """Quarters (1-4) covering `months`, ascending."""
    return sorted({(month - 1) // 3 + 1 for month in months})


def _span(first: int, last: int) -> list[int]:
    """Months from `first` to `last` inclusive, wrapping past December."""
    if first <= last:
        return list(range(first, last + 1))
    return [*range(first, 13), *range(1, last + 1)]


@dataclass
class _Scan:
    """Running state over a schedule's tokens (local to one `_months` call)."""

    unit: str | None = None
    last: int | None = None
    pending_range: bool = False


def _unit_months(unit: str, ordinal: int) -> list[int]:
    """Months of quarter/semester number `ordinal`."""
    size = 3 if unit == "quarter" else 6
    return list(range((ordinal - 1) * size + 1, ordinal * size + 1))


def _months(text: str) -> set[int]:
    """Every month the phrase names (see the module docstring)."""
    if _EVERY_MONTH.search(text):
        return set(range(1, 13))
    if _YEAR_END.search(text):
        text = _YEAR_END.sub(" Desember ", text)
    marked = _RANGE.sub(f" {_RANGE_MARK} ", _ORDINAL_PREFIX.sub(" ke ", text))
    months: set[int] = set()
    scan = _Scan()
    for token in _TOKEN.findall(marked):
        word = token.casefold()
        if token == _RANGE_MARK:
            scan.pending_range = scan.last is not None
            continue
        if word in _QUARTER_WORDS or word in _SEMESTER_WORDS:
            named = "quarter" if word in _QUARTER_WORDS else "semester"
            # 'TW I s.d. TW IV': the range goes on past the unit printed again.
            if not (scan.pending_range and scan.unit == named):
                scan = _Scan(unit=named)
            continue
        unit = scan.unit
        if unit is not None and word in _ORDINALS:
            ordinal = _ORDINALS[word]
            if unit == "semester" and ordinal > 2:
                scan = _Scan()
                continue
            first = scan.last if scan.pending_range and scan.last is not None else ordinal
            for number in range(min(first, ordinal), max(first, ordinal) + 1):
                months.update(_unit_months(unit, number))
            scan.last, scan.pending_range = ordinal, False
            continue
        # A day before its month ('1 Juni - 31 Agustus') leaves a pending range open.
        if word in _SKIPPED or _YEAR.fullmatch(token) or (token.isdigit() and int(token) <= 31):
            continue
        month = month_number(token) if token.isalpha() else None
        if month is None:
            scan = _Scan()
            continue
        if scan.unit is None and scan.pending_range and scan.last is not None:
            months.update(_span(scan.last, month))
        months.add(month)
        scan = _Scan(last=month)
    return months


def parse_schedule_text(text: str) -> Schedule:
    """A printed schedule phrase -> `Schedule` (text kept, whitespace folded).

    Invariants: months ascending in 1..12, quarters derived from months, year set only when
    the text names exactly one year; blank text gives text null and no months; a phrase
    naming no month keeps its text with months []. Idempotent on its own `text`.
    """
    folded = fold(text)
    if not folded:
        return Schedule(text=None, months=[], quarters=[], year=None)
    months = sorted(_months(folded))
    if not months and (_EVERY_DAY.search(folded) or _EVERY_PERIOD.search(folded)):
        months = list(range(1, 13))
    years = set(_YEAR.findall(folded))
    year = int(years.pop()) if len(years) == 1 else None
    return Schedule(text=folded, months=months, quarters=quarters_of(months), year=year)


def schedule_from_ticks(
    months: Iterable[int] = (), quarters: Iterable[int] = ()
) -> Schedule | None:
    """A tick grid -> `Schedule` (text and year null); None when nothing is ticked.

    A ticked quarter column covers its three months. Raises ValueError for a month outside
    1..12 or a quarter outside 1..4 (a caller's column mapping is wrong).
    """
    covered = set(months)
    for quarter in quarters:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter {quarter} is not in 1..4")
        covered.update(_unit_months("quarter", quarter))
    if any(not 1 <= month <= 12 for month in covered):
        raise ValueError(f"months {sorted(covered)} are not all in 1..12")
    if not covered:
        return None
    ordered = sorted(covered)
    return Schedule(text=None, months=ordered, quarters=quarters_of(ordered), year=None)


def is_tick(cell_text: str) -> bool:
    """True for a lone check mark: '√', '✓', '✔' or OCR's reading of one ('V', 'v', 'J', '~', '/').

    Whitespace and stray punctuation around the mark are ignored; up to three mark
    characters ('√√', '\\/') still count. Any letter other than V, v, J makes it text.
    """
    mark = "".join(cell_text.split()).strip(_TICK_NOISE)
    return 0 < len(mark) <= _MAX_TICK_LENGTH and all(char in _TICK_CHARS for char in mark)
