"""A letter label OCR read twice, put back: 'Cc. Pemantauan' after 'b. Perencanaan' ->
'c. Pemantauan'.

The capital and the small form of c, o, s, x and z have one shape, and tesseract may give
both at once ('Cc', 'Oo'). As the whole text of a cell, `repair_cells.undouble_letter`
undoes that. Before a cell's text it is the cell's label, and only the column tells which
case was printed: its previous label. The label after 'b.' is 'c.', and after 'B.' it is
'C.' (probe 11's scan, probe 27's scan-ocr).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.grid import GridRow

_DOUBLED = re.compile(r"^(\s*)([COSXZ])(?i:\2)([.)])(?=\s)")
_LABEL = re.compile(r"^\s*([A-Za-z])([.)])\s")


def undouble_labels(rows: Sequence[GridRow], ocr_pages: frozenset[int]) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd cell that opens with a doubled letter label ('Cc.') given the
    label that follows the column's previous one ('c.' after 'b.'), when the doubled
    letter is that label's letter with the same mark; each change is an edit of kind
    'ocr_confusion'.

    Invariant: rows on native pages, and cells whose previous label in the column does
    not lead to the doubled letter, come back unchanged.
    """
    restored = list(rows)
    width = max((len(row.cells) for row in rows), default=0)
    for col in range(width):
        previous: tuple[str, str] | None = None
        for index, row in enumerate(rows):
            text = row.cells[col] if col < len(row.cells) else ""
            doubled = _DOUBLED.match(text)
            if doubled and previous and ocr_pages & set(row.pages):
                letter, mark = previous
                following = chr(ord(letter) + 1)
                if following.casefold() == doubled.group(2).casefold() and mark == doubled[3]:
                    undoubled = doubled.group(1) + following + mark + text[doubled.end() :]
                    restored[index] = restored[index].with_cell(col, undoubled, "ocr_confusion")
                    previous = (following, mark)
                    continue
            label = _LABEL.match(text)
            if label:
                previous = (label.group(1), label.group(2))
    return tuple(restored)
