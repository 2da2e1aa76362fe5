"""Section rows: a row naming the area that the rows below it belong to.

"I MANAJEMEN PERUBAHAN" printed across the table, or a lone upper-case heading with a
Roman numeral or letter, in whatever column the layout (or a shifted scan) put it.
"""

from __future__ import annotations

import re

from normalize.fold_text import fold
from normalize.grid import GridRow
from normalize.roman_numerals import MISREAD_NUMERAL, as_strokes
from schemas.decree import Area

_CODED = re.compile(r"^(?P<code>[IVXLC]{1,5}|[A-Z]|\d{1,2})[.)]?\s+(?P<name>\S.*)$")
# A Roman numeral as OCR reads it: some of its I's as l, 1 or |, e.g. "Il", "lII".
_OCR_ROMAN = re.compile(rf"^{MISREAD_NUMERAL}(?=[.)]?\s)")
# ... or all of them, before a capitalised name: 'll Penataan', 'Lll PENATAAN', '| Manajemen'
# ('L' for the first stroke of a title-case line). Digits alone are an Arabic code ('11').
_OCR_STROKES = re.compile(r"^(?=L?[Il|1]*[l|])L?[Il|1]{1,3}(?=[.)]?\s+[A-Z][A-Za-z]{2})")


def split_code(text: str) -> tuple[str | None, str]:
    """'I MANAJEMEN PERUBAHAN' -> ('I', 'MANAJEMEN PERUBAHAN'); 'A. Umum' -> ('A', 'Umum');
    an OCR'd 'Il PENATAAN' -> ('II', 'PENATAAN'), 'lll Penataan' -> ('III', 'Penataan')."""
    roman = _OCR_ROMAN.match(text) or _OCR_STROKES.match(text)
    if roman:
        text = as_strokes(roman.group().replace("L", "I")) + text[roman.end() :]
    match = _CODED.match(text)
    if match:
        return match["code"], match["name"]
    return None, text


def section_area(row: GridRow) -> Area | None:
    """The area a section row names, or None when `row` is not a section row.

    A section row has exactly one filled cell and either that cell spans most of the
    table, or its text is an upper-case heading with a code ('III PENATAAN ...').
    """
    filled = row.filled
    if len(filled) != 1:
        return None
    col = filled[0]
    text = fold(row.cells[col])
    code, name = split_code(text)
    wide = row.spans[col] * 2 > len(row.cells)
    heading = code is not None and name.upper() == name and any(ch.isalpha() for ch in name)
    if not (wide or heading):
        return None
    return Area(code=code, name=name)
