"""The mark ending an OCR'd cell, put back where the table says what it was.

Authors who end a cell with a mark end it with ';' (an item of the plan, as in a list) or
'.', never with ',' or ':', which promise more text that the cell does not hold. OCR
reads a ';' as ',' or ':' (its dot or its tail lost; on KPU Kudus's 2022 scan all but
one of the indicator column's) and drops a final '.' (one speck of ink). So:
- where cells of the table end with ';', ',' or ':' (at least MIN_CLOSINGS of them, not
  all ':'), the author ends cells with ';', and a ',' or ':' ending an OCR'd cell was
  one; cells ending in ':' alone are left, as they may lead into the rows below;
- where every other cell of a column that holds text ends with '.', an OCR'd cell of it
  ending without a mark lost its stop ('Diisi catatan lainnya yang dianggap perlu').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from normalize.grid import CellEdit, GridRow

MIN_CLOSINGS = 3
"""Cells of a table ending with ';', ',' or ':' before those marks count as its ';'."""
MIN_STOPS = 3
"""Cells of a column, all ending with '.', before a cell ending without a mark lost one."""

# The last word of a cell and its mark: a word, as a number's trailing mark is as likely
# dust ('0.00%,') as a misread ';'.
_CLOSING = re.compile(r"(\S*?[^\W\d_]\S*?)([,:])\s*$")
_UNMARKED = re.compile(r"(\S*[^\W_])\s*$|(\S*\))\s*$")


def _ends(text: str, mark: str) -> bool:
    return text.rstrip().endswith(mark)


def _stop_columns(rows: Sequence[GridRow]) -> set[int]:
    """Columns where at least MIN_STOPS cells hold text and all but at most one end with
    '.': the one may be the cell whose stop OCR lost."""
    columns = set()
    for col in range(len(rows[0].cells) if rows else 0):
        texts = [row.cells[col] for row in rows if row.cells[col].strip()]
        stops = sum(_ends(text, ".") for text in texts)
        if stops >= MIN_STOPS and stops >= len(texts) - 1:
            columns.add(col)
    return columns


def restore_closing_marks(
    rows: Sequence[GridRow], ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with the closing mark of their OCR'd cells put back: ';' for a ',' or ':'
    when the table ends at least MIN_CLOSINGS cells with ';', ',' or ':', not all with
    ':'; and '.' after a cell ending in a letter, digit or ')' in the columns where every
    other cell holding text ends with '.' (at least MIN_STOPS of them). Each change is an
    edit of kind 'ocr_confusion' naming the last word ('kerja,' -> 'kerja;', 'perlu' ->
    'perlu.').

    Invariant: rows on no OCR'd page, and every cell of other columns, are unchanged.
    """
    closings = [text.rstrip()[-1] for row in rows for text in row.cells if text.rstrip()]
    marks = [mark for mark in closings if mark in ";,:"]
    semicolons = len(marks) >= MIN_CLOSINGS and set(marks) != {":"}
    stop_columns = _stop_columns(rows)
    restored = []
    for row in rows:
        if not ocr_pages & set(row.pages):
            restored.append(row)
            continue
        cells, edits = list(row.cells), list(row.edits)
        for col, text in enumerate(row.cells):
            closing = _CLOSING.search(text) if semicolons else None
            unmarked = _UNMARKED.search(text) if col in stop_columns else None
            if closing is not None:
                word = closing.group(1)
                cells[col] = text[: closing.start(2)] + ";"
                edits.append(CellEdit(col, "ocr_confusion", word + closing.group(2), word + ";"))
            elif unmarked is not None:
                word = unmarked.group(1) or unmarked.group(2)
                cells[col] = text.rstrip() + "."
                edits.append(CellEdit(col, "ocr_confusion", word, word + "."))
        if len(edits) > len(row.edits):
            row = replace(row, cells=tuple(cells), edits=tuple(edits))
        restored.append(row)
    return tuple(restored)
