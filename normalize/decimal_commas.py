"""OCR reads a decimal comma as a stop ('0.00' for '0,00', '3.0' for '3,0').

Indonesian writes decimals with a comma and groups thousands with a stop in threes, so a
stop followed by one or two digits that end the number is no grouping. Whether it is a
misread comma or the document's own style (English decimals) is told by the column:
where other cells of the same column print decimal commas, the stop was a comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.grid import GridRow

MIN_COMMAS = 2
"""Cells of a column printing a decimal comma before its stops count as misread commas."""

_STOP_DECIMAL = re.compile(r"^(\d+)\.(\d{1,2}%?)$")
_COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}%?$")


def restore_decimal_commas(
    rows: Sequence[GridRow], ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd cell that is a number with a decimal stop ('0.00', '0.00%')
    written with a comma, in the columns where at least MIN_COMMAS cells of the table
    print a decimal comma; each change is an edit of kind 'ocr_confusion'.

    Invariant: rows on no OCR'd page, and every cell of other columns, are unchanged.
    """
    commas: dict[int, int] = {}
    for row in rows:
        for col, text in enumerate(row.cells):
            if _COMMA_DECIMAL.match(text.strip()):
                commas[col] = commas.get(col, 0) + 1
    columns = {col for col, count in commas.items() if count >= MIN_COMMAS}
    restored = []
    for row in rows:
        if columns and ocr_pages & set(row.pages):
            for col in sorted(columns):
                match = _STOP_DECIMAL.match(row.cells[col].strip())
                if match:
                    row = row.with_cell(col, f"{match.group(1)},{match.group(2)}", "ocr_confusion")
        restored.append(row)
    return tuple(restored)
