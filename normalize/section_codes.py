"""Section codes put back in sequence where OCR misread one: 'I', 'II', 'II', 'IV' -> 'III'.

The section rows of a table are numbered in order (I, II, III ... or 1, 2, 3 ...), and
OCR drops or adds a stroke of a Roman numeral ('III' read 'II') as easily as it
misreads a digit. A code is put back only when its neighbours leave one value for it:
the section rows before and after it read n-1 and n+1 (or, for the first and the last
section row, the two after it read 2 and 3, the two before it n-2 and n-1) and it reads
anything else. Only rows on OCR'd pages are changed (a native layer's text is the
document's own, mistakes included); each change is an edit of kind 'ocr_section_code'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.fold_text import fold
from normalize.grid import GridRow
from normalize.read_sections import section_area
from normalize.roman_numerals import STROKE_CLASS, roman, roman_value

_STROKES = re.compile(rf"^[{re.escape(STROKE_CLASS)}]{{1,5}}$")
_LEADING_TOKEN = re.compile(r"^\s*(\S+?)([.)]?)(?=\s)")


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

    Input: the codes of a table's section rows, top to bottom, as read. Output: one entry
    each; an entry is set only when the neighbours are well-formed codes of one kind
    (Roman or Arabic) leaving a single value for this one, and this one reads otherwise
    but as a code of that kind (a letter among Roman numerals is another level).
    """
    values = [code_value(code) for code in codes]
    implied: list[str | None] = []
    for i, code in enumerate(codes):
        expected = _between(values, i)
        if expected is None or values[i] == expected or not _same_kind(code, expected[0]):
            implied.append(None)
            continue
        kind, value = expected
        implied.append(roman(value) if kind == "roman" else str(value))
    return implied


def _same_kind(code: str | None, kind: str) -> bool:
    """True when `code` could be a misread code of `kind`: a code of that kind, or for
    Roman numerals any run of strokes OCR makes of one ('IIII', '11', 'Il')."""
    value = code_value(code)
    if value is not None and value[0] == kind:
        return True
    return kind == "roman" and code is not None and _STROKES.match(code) is not None


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
    the code is replaced, its trailing '.' or ')' and the name kept.
    """
    sections = [(i, area) for i, row in enumerate(rows) if (area := section_area(row))]
    implied = implied_codes([area.code for _, area in sections])
    restored = list(rows)
    for (i, _), code in zip(sections, implied, strict=True):
        row = rows[i]
        if code is None or not ocr_pages & set(row.pages):
            continue
        (col,) = row.filled
        text = fold(row.cells[col])
        # A section row with a code starts with it, its name after a space (section_area).
        token = _LEADING_TOKEN.match(text)
        assert token is not None
        restored[i] = row.with_cell(col, code + text[token.end(1) :], "ocr_section_code")
    return tuple(restored)
