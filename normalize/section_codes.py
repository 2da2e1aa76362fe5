"""Section codes put back in sequence where OCR misread one: 'I', 'II', 'II', 'IV' -> 'III'.

The section rows of a table are numbered in order (I, II, III ... or 1, 2, 3 ...), and
OCR drops or adds a stroke of a Roman numeral ('III' read 'II') as easily as it
misreads a digit. A code is put back only when its neighbours leave one value for it:
the section rows before and after it read n-1 and n+1 (or, for the first and the last
section row, the two after it read 2 and 3, the two before it n-2 and n-1) and it reads
anything else. Only rows on OCR'd pages are changed (a native layer's text is the
document's own, mistakes included); each change is an edit of kind 'ocr_section_code'.

Areas printed in a merged column cell instead ('I. Manajemen Perubahan' down the rows of
area I, no section rows) are numbered by their place in the column: the k-th area is
the k-th numeral, when most codes read there say so (`restore_area_column_codes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from normalize.fold_text import fold
from normalize.grid import GridRow
from normalize.read_sections import section_area, split_code
from normalize.roman_numerals import LARGEST, STROKE_CLASS, as_strokes, roman, roman_value

_MAX_GARBLED_CODE = 3
"""Characters at most of what OCR read for a code in a code column of its own ('MN', '"');
more is text, not a numeral misread."""
_STROKES = re.compile(rf"^[{re.escape(STROKE_CLASS)}]{{1,5}}$")
_LEADING_TOKEN = re.compile(r"^\s*(\S+?)([.)]?)(?=\s)")
_GARBLED_CODE = re.compile(
    rf"^\s*((?:[{re.escape(STROKE_CLASS)}U]\s?){{0,4}}[{re.escape(STROKE_CLASS)}U])(?:[.)]|(?=\s+[A-Z]))"
)
"""A section code OCR read as no code at all: its strokes run together ('III' read 'UI',
two strokes joined at the foot), the rule left of the cell read as one more ('| UI.'),
followed by the code's '.' or ')', or by the upper-case name ('| UI PENATAAN')."""


def code_value(code: str | None) -> tuple[str, int] | None:
    """('roman', 3) for 'III', ('arabic', 3) for '3'; None for a letter, a numeral that
    is not well formed ('IIII', 'VX') or no code."""
    if code is None:
        return None
    if code.isdigit():
        return "arabic", int(code)
    value = roman_value(code)
    return ("roman", value) if value else None


def implied_codes(codes: Sequence[str | None]) -> list[str | None]:
    """For each section code in order, the code its neighbours imply when it breaks their
    sequence, else None.

    Input: the codes of a table's section rows, top to bottom, as read (None: no code).
    Output: one entry each; an entry is set only when the neighbours are well-formed codes
    of one kind (Roman or Arabic) leaving a single value for this one, and this one reads
    otherwise but as a code of that kind (a letter among Roman numerals is another level)
    or, for the first, reads no code at all.
    """
    values = [code_value(code) for code in codes]
    implied: list[str | None] = []
    for i, code in enumerate(codes):
        expected = _between(values, i)
        # The first section row may have lost its code outright ('I' read as the rule's
        # '|' and dropped); further down, a row without one is as likely a sub-heading.
        lost = code is None and i == 0
        if expected is None or values[i] == expected or not (lost or _same_kind(code, expected[0])):
            implied.append(None)
            continue
        kind, value = expected
        implied.append(roman(value) if kind == "roman" else str(value))
    return implied


def _same_kind(code: str | None, kind: str) -> bool:
    """True when `code` could be a misread code of `kind`: a code of that kind, or for
    Roman numerals any run of strokes OCR makes of one ('IIII', '11', 'Il', 'IIL', 'UI':
    a 'U' is two strokes joined at the foot)."""
    value = code_value(code)
    if value is not None and value[0] == kind:
        return True
    # A serif I reads as 'L' too ('IIL'): no section is numbered fifty or more.
    strokes = code.replace("U", "II").replace("L", "I") if code is not None else None
    return kind == "roman" and strokes is not None and _STROKES.match(strokes) is not None


def _between(values: Sequence[tuple[str, int] | None], i: int) -> tuple[str, int] | None:
    """The (kind, value) the neighbours of entry `i` leave for it, or None."""

    def at(j: int) -> tuple[str, int] | None:
        return values[j] if 0 <= j < len(values) else None

    before, after = at(i - 1), at(i + 1)
    if before and after and before[0] == after[0] and after[1] == before[1] + 2:
        return before[0], before[1] + 1
    if i == 0 and after and at(i + 2) == (after[0], 3) and after[1] == 2:
        return after[0], 1
    two_before = at(i - 2)
    if (
        i == len(values) - 1
        and before
        and two_before == (before[0], before[1] - 1)
        and before[1] >= 2
    ):
        return before[0], before[1] + 1
    return None


def restore_section_codes(
    rows: Sequence[GridRow], ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with the code of each section row on `ocr_pages` that breaks the sequence of
    its neighbours (`implied_codes`) replaced by the code they imply.

    Input: a logical table's rows. Invariant: rows that are not section rows, section
    rows on native pages only, and codes that fit their neighbours are unchanged; only
    the code is replaced (or, where it was lost, put before the name), its trailing '.'
    or ')' and the name kept.
    """
    sections = [(i, area) for i, row in enumerate(rows) if (area := section_area(row))]
    read = [area.code or _garbled_code(rows[i]) for i, area in sections]
    implied = implied_codes(read)
    restored = list(rows)
    for (i, area), code in zip(sections, implied, strict=True):
        row = rows[i]
        if code is None or not ocr_pages & set(row.pages):
            continue
        (col,) = row.filled
        text = fold(row.cells[col])
        # A section row with a code starts with it, its name after a space (section_area);
        # a garbled code ends at its '.' or ')'; a lost one left the name alone.
        token = (_LEADING_TOKEN if area.code else _GARBLED_CODE).match(text)
        after = text[token.end(1) :] if token else " " + text
        restored[i] = row.with_cell(col, code + after, "ocr_section_code")
    return tuple(restored)


def _garbled_code(row: GridRow) -> str | None:
    """The strokes of a section row's code OCR garbled past reading ('| UI.' -> '|UI'),
    for `implied_codes` to judge as a misread Roman numeral; None when the row opens with
    no such code."""
    (col,) = row.filled
    match = _GARBLED_CODE.match(fold(row.cells[col]))
    return "".join(match.group(1).split()) if match else None


# What OCR makes of a Roman code in a column cell: its strokes as '1', 'l', '|', a serif
# 'I' as 'L' or 'J', the rule left of the cell read as one more stroke ('IVI' for 'VI'),
# or nothing left before the mark ('. Manajemen'). Followed by its '.' or ')'.
_MISREAD_CODE = re.compile(rf"^\s*([{re.escape(STROKE_CLASS)}LJ]{{0,5}})([.)])(?=\s)")
_SAME_AREA = 90.0
"""Names of two cells at least this alike (rapidfuzz ratio) are one area printed again:
a merged cell continued on the next page repeats its text in some documents."""


def _area_places(rows: Sequence[GridRow], name_col: int) -> list[tuple[int, int, str]]:
    """(row index, place, text) of each filled cell of column `name_col` down `rows`, the
    place counting the areas in order (1, 2, ...): a cell naming the same area as the one
    above it (`_SAME_AREA`) takes that area's place."""
    places: list[tuple[int, int, str]] = []
    count, previous = 0, ""
    for i, row in enumerate(rows):
        text = fold(row.cells[name_col]) if name_col < len(row.cells) else ""
        if not text:
            continue
        name = split_code(text)[1]
        if not places or fuzz.ratio(name, previous) < _SAME_AREA:
            count += 1
        places.append((i, count, text))
        previous = name
    return places


def _agreed_offset(codes: Sequence[tuple[int, str]]) -> int | None:
    """The d on which more than half of the well-formed Roman `codes` (place, code), and
    at least two, agree that the code at place k is numeral k + d; None when they do not."""
    offsets = [
        value[1] - place
        for place, code in codes
        if (value := code_value(code)) and value[0] == "roman"
    ]
    if not offsets:
        return None
    offset = max(set(offsets), key=lambda d: (offsets.count(d), -d))
    if offsets.count(offset) < 2 or offsets.count(offset) * 2 <= len(offsets):
        return None
    return offset


def _strokes_apart(read: str, code: str) -> bool:
    """True when `read` is Roman numeral `code` with strokes of its I's misread ('Vill' for
    'VIII') or one of them dropped or added ('I' or 'III' for 'II', 'IV' for 'V'): the same
    V's and X's in the same order. A well-read numeral with as many strokes in another
    order ('VI' where 'IV' is due) is the document's own numbering, not OCR's."""
    strokes = as_strokes(read).upper()
    if not _STROKES.match(strokes) or strokes.replace("I", "") != code.replace("I", ""):
        return False
    return strokes != read or abs(strokes.count("I") - code.count("I")) == 1


def _numeral(value: int) -> str | None:
    """`value` as a Roman numeral, None when out of `roman`'s range."""
    return roman(value) if 1 <= value <= LARGEST else None


def restore_area_column_codes(
    rows: Sequence[GridRow], area_col: int | None, ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with the Roman codes of the areas printed in column `area_col` ('I.
    Manajemen Perubahan', a cell merged down over the area's rows) put back where OCR
    misread them ('L. Manajemen', 'JII. Penataan', 'IV. Penguatan Pengawasan' for V) or
    left only their mark ('. Manajemen').

    The areas are numbered in order down the column (`_area_places`): the k-th area's
    code is numeral k + d (`_agreed_offset`). Each other area cell on `ocr_pages` whose
    text starts with what OCR makes of a code (`_MISREAD_CODE`) gets numeral k + d in
    its place; the mark and the name are kept. Input: a logical table's rows;
    `area_col`: the column the header maps to the area's name (None: none does).
    Invariant: unchanged when there is no such column, the table has section rows (the
    areas are named there; the column lists what is below them), or the codes read agree
    on no d. Each change is an edit of kind 'ocr_section_code'.
    """
    if area_col is None or any(map(section_area, rows)):
        return tuple(rows)
    places = _area_places(rows, area_col)
    offset = _agreed_offset([(place, split_code(text)[0] or "") for _, place, text in places])
    if offset is None:
        return tuple(rows)
    restored = list(rows)
    for i, place, text in places:
        code = _numeral(place + offset)
        misread = _MISREAD_CODE.match(text)
        if code is None or misread is None or misread.group(1) == code:
            continue
        if not ocr_pages & set(rows[i].pages):
            continue
        restored[i] = rows[i].with_cell(area_col, code + text[misread.end(1) :], "ocr_section_code")
    return tuple(restored)


def restore_area_code_column(
    rows: Sequence[GridRow], code_col: int | None, name_col: int | None, ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with the Roman codes printed in a column of their own (`code_col`, 'NO' beside
    the area names of `name_col`, both merged down over each area's rows) put back where
    OCR read them as no numeral (nothing, a quote, a few letters: '"', 'MN') or as the
    numeral with a stroke too few or too many ('I' for II, 'Vill' for VIII).

    As in `restore_area_column_codes`, the k-th area down the name column has numeral
    k + d when the codes read agree on d; a code cell of the area's first row on
    `ocr_pages` holding at most `_MAX_GARBLED_CODE` characters and no numeral, or a
    misread of that numeral's strokes (`_strokes_apart`), gets it.
    Invariant: unchanged without both columns, with section rows, or when the codes read
    agree on no d; each change is an edit of kind 'ocr_section_code'.
    """
    if code_col is None or name_col is None or any(map(section_area, rows)):
        return tuple(rows)
    places = _area_places(rows, name_col)
    firsts: dict[int, int] = {}
    for i, place, _ in places:
        firsts.setdefault(place, i)
    codes = {place: fold(rows[i].cells[code_col]).rstrip(".)") for place, i in firsts.items()}
    offset = _agreed_offset(list(codes.items()))
    if offset is None:
        return tuple(rows)
    restored = list(rows)
    for place, i in firsts.items():
        code = _numeral(place + offset)
        read = codes[place]
        garbled = code_value(read) is None and len(read) <= _MAX_GARBLED_CODE
        if code is None or read == code or not (garbled or _strokes_apart(read, code)):
            continue
        if not ocr_pages & set(rows[i].pages):
            continue
        restored[i] = rows[i].with_cell(code_col, code, "ocr_section_code")
    return tuple(restored)
