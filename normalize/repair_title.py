"""An OCR'd decree title -> the title as printed: slashes, split words and numbers cited in it.

A title block is printed in capitals, which the word-level OCR repair leaves alone (it
cannot tell a capitalised word from an acronym), and it often cites an earlier decree by
its number ('... ATAS KEPUTUSAN BUPATI DONGGALA NOMOR 188.45/0104/BPKAD/I/2025 TENTANG
...'). Each repair here needs evidence from the document itself and changes nothing
otherwise. Used for titles (and, `restore_roman_months`, the cited numbers of the
Mengingat items) read from OCR'd pages only: a text layer is taken as printed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from normalize.roman_numerals import STROKE_CLASS, as_strokes, roman

_ONE_SIDED_SLASH = re.compile(r"(?<=\w) /(?=\w)|(?<=\w)/ (?=\w)")
"""A slash spaced on one side only ('ANGGARAN /PENGGUNA'): type sets both sides alike."""
_SPLIT_YEAR = re.compile(r"(?<=/)(\d{1,3}) (\d{1,3})\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_UPPER = re.compile(r"^[A-Z]+$")
_ROMAN_MONTHS = frozenset(roman(month) for month in range(1, 13))
_ROMAN_LETTER = re.compile(r"[IVX]")
_MONTH_BEFORE_YEAR = re.compile(
    rf"/([A-Za-z][\w.]*)/([{re.escape(STROKE_CLASS)}]{{1,4}})/((?:19|20)\d\d)\b"
)
"""'/<office code>/<month>/<year>' at the end of a structured decree number."""


def _join_split_years(title: str) -> str:
    """'/2 025' -> '/2025': a year after a slash that OCR broke with a space."""

    def join(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        return joined if _YEAR.match(joined) else match.group(0)

    return _SPLIT_YEAR.sub(join, title)


def _join_split_words(title: str, words: Collection[str]) -> str:
    """'DONGGA LA' -> 'DONGGALA' when the joined word is printed elsewhere in the document
    and the first piece is not (a word OCR broke with a space). `words` are case-folded."""
    tokens = title.split(" ")
    joined: list[str] = []
    for token in tokens:
        if joined and _UPPER.match(joined[-1]) and _UPPER.match(token):
            whole = joined[-1] + token
            if whole.casefold() in words and joined[-1].casefold() not in words:
                joined[-1] = whole
                continue
        joined.append(token)
    return " ".join(joined)


def restore_roman_months(text: str, number: str | None = None) -> str:
    """`text` with the month before a year in each cited number ('/<office>/<month>/<year>')
    put back in Roman numerals where OCR read some of its strokes as '1', 'l' or '|', when
    the month reads as one then and the number says it was printed Roman: either it mixes
    Roman letters with those lookalikes ('KPU/XI1/2020' -> 'KPU/XII/2020'; an Arabic month
    has no letters), or its office is the one of the decree's own `number`, which writes
    its month in Roman ('BPKAD/1/2025' when the decree is '.../BPKAD/XI/2025': an office
    numbers all its decrees one way). Any other text is returned unchanged."""
    own = _MONTH_BEFORE_YEAR.search(number or "")
    roman_office = own.group(1) if own and own.group(2) in _ROMAN_MONTHS else None

    def restored(match: re.Match[str]) -> str:
        printed = match.group(2)
        month = as_strokes(printed)
        said = match.group(1) == roman_office or _ROMAN_LETTER.search(printed) is not None
        if not said or month not in _ROMAN_MONTHS:
            return match.group(0)
        return f"/{match.group(1)}/{month}/{match.group(3)}"

    return _MONTH_BEFORE_YEAR.sub(restored, text)


def restore_signed_month(number: str, month: int) -> str:
    """`number` with the month before its year put back in Roman numerals where OCR read
    all its strokes as '1', 'l' or '|' and they count `month`, the month the decree was
    signed in ('.../OT.01.02/11/2026' signed in February -> '.../OT.01.02/II/2026'): an
    Arabic '11' there would name November, and a decree is numbered when it is signed.
    One stroke is left alone (an Arabic '1' reads the same as a Roman 'I')."""

    def restored(match: re.Match[str]) -> str:
        printed = match.group(2)
        if len(printed) < 2 or _ROMAN_LETTER.search(printed) or as_strokes(printed) != roman(month):
            return match.group(0)
        return f"/{match.group(1)}/{roman(month)}/{match.group(3)}"

    return _MONTH_BEFORE_YEAR.sub(restored, number)


def repair_title(title: str, number: str | None, words: Collection[str]) -> str:
    """`title` as OCR read it -> as printed.

    Inputs: the title, the decree's own number (None if unread) and the words printed
    elsewhere in the document (case-folded). Output: the title with one-sided slash spacing
    closed, years and words that OCR broke with a space joined, and roman months restored
    in a cited number of the decree's own office or half read as Roman. Idempotent.
    """
    title = _ONE_SIDED_SLASH.sub("/", title)
    title = _join_split_years(title)
    title = _join_split_words(title, words)
    return restore_roman_months(title, number)
