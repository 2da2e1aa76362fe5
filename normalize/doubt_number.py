"""Is an OCR'd decree number to be trusted? The number is often written or stamped into a
blank by hand after printing ('188.45/ 0561 /BPKAD/XI/2025'), and OCR reads such digits
badly. lampiran never guesses the digits; it says when a reading looks damaged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from normalize.parse_metadata import number_as_written
from normalize.roman_numerals import as_strokes, roman
from schemas.decree import PipelineWarning
from schemas.raw import RawPage

_NOMOR_LINE = re.compile(r"^\s*NOMOR\b(.*)$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_PRINTED_SEGMENT = re.compile(r"^[A-Za-z0-9.\-]+$")
_MIXED = re.compile(r"(?=.*[a-z])(?=.*\d)")
"""A lower-case letter and a digit in one piece of a segment ('0os6s', '202x'): a printed
number writes its codes in letters ('HK.03.1', the Kemenag office code 'Kk.11.21') and its
counters in digits, with a '.' between them."""


def _damaged_segment(number: str) -> str | None:
    """The first '/'-separated part of a structured number that no printed number has: a
    space inside it, a character outside letters, digits, '.' and '-', or lower-case
    letters mixed with digits between two '.'. None when every part reads as
    printed."""
    if "/" not in number:
        return None
    for segment in number.split("/"):
        pieces = segment.split(".")
        if not _PRINTED_SEGMENT.match(segment) or any(_MIXED.match(p) for p in pieces):
            return segment
    return None


MIN_PARTS_FOR_ONE_OFF = 3
"""A number of this many '/'-parts that differs from another in one part only is a
copy of it misread; with fewer parts one differing part may be another number."""


def _copy_of(reading: str, number: str) -> bool:
    """True when `reading` is another copy of `number`: the same first part (OCR slips in
    the counter are what hand-filled numbers suffer), or the same parts but one, of a
    number of at least MIN_PARTS_FOR_ONE_OFF parts (a slip in the first part,
    'WJ9-A21/35/OT.01.1/I/2027' for 'W9-A21/...')."""
    parts, others = number.split("/"), reading.split("/")
    if parts[0] == others[0]:
        return True
    differing = sum(a != b for a, b in zip(parts, others, strict=False))
    return len(parts) == len(others) >= MIN_PARTS_FOR_ONE_OFF and differing == 1


def _other_readings(number: str, pages: Sequence[RawPage]) -> list[str]:
    """Numbers after 'NOMOR' on the pages (the Lampiran heading repeats the decree's)
    that are copies of it (`_copy_of`) but read differently."""
    readings = []
    for page in pages:
        for line in page.lines:
            match = _NOMOR_LINE.match(line.text)
            if match is None:
                continue
            reading = number_as_written(match.group(1))
            if (
                reading
                and _copy_of(reading, number)
                and reading != number
                and reading not in readings
            ):
                readings.append(reading)
    return readings


def _month_doubt(number: str, date: dt.date | None) -> str | None:
    """Why the part before the year of `number` is doubted when it reads as strokes only
    ('1', 'l', '11') that are the Roman numeral of `date`'s month (I, II, III): a Roman
    month read as digits; else None. Offices number months in digits too ('…/02/2027'),
    so it is only doubted."""
    parts = number.split("/")
    if date is None or len(parts) < MIN_PARTS_FOR_ONE_OFF or not _YEAR.fullmatch(parts[-1]):
        return None
    month, numeral = parts[-2], roman(date.month)
    if set(month) <= set("1l|") and as_strokes(month) == numeral:
        return (
            f"its month part {month!r} may be the Roman {numeral!r} of the decree's date "
            "read as digits"
        )
    return None


def number_doubts(
    number: str | None, pages: Sequence[RawPage], date: dt.date | None = None
) -> list[PipelineWarning]:
    """A `number_uncertain` warning when `number`, read by OCR from the first page, looks
    damaged, another copy of it on the pages reads differently, or its month part may be
    the Roman numeral of the decree's `date` read as digits ('…/1/2026' in January); else
    none.

    Inputs: the decree number as parsed, the body pages and the decree's date. A number
    from a text layer is the document's own and is never doubted.
    """
    if not number or not pages or pages[0].text_layer != "ocr":
        return []
    segment = _damaged_segment(number)
    others = _other_readings(number, pages)
    month_doubt = _month_doubt(number, date)
    if segment is None and not others and month_doubt is None:
        return []
    reasons = []
    if segment is not None:
        reasons.append(f"its part {segment!r} is not how a number is printed")
    if others:
        reasons.append("elsewhere it reads " + ", ".join(repr(o) for o in others))
    if month_doubt is not None:
        reasons.append(month_doubt)
    return [
        PipelineWarning(
            code="number_uncertain",
            message=f"The decree number {number!r} was read by OCR and may be wrong "
            f"({'; '.join(reasons)}); a number written into the blank by hand is often "
            "misread: check it against the page image.",
            page=pages[0].number,
        )
    ]
