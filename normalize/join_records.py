"""Join the grid rows a record number spans into that record's one row.

Spreadsheet layouts rule every text line of a record into a thin sub-row of its own
(name, NIP and rank one under the other) and merge only the record's number over them;
the sub-row rules of one column need not line up with another's. The number says what
the record is: one number, one record. Its sub-rows' texts are its cells' lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from normalize.grid import CellEdit, GridRow

# A record number as printed in a first column: '22', '3.', '4)'.
_RECORD_NUMBER = re.compile(r"^\d{1,4}[.)]?$")


def _joined(block: list[GridRow]) -> GridRow:
    """One row holding, per column, the lines of every row of `block`, top to bottom."""
    first = block[0]
    cells = tuple(
        "\n".join(row.cells[col] for row in block if row.cells[col].strip())
        for col in range(len(first.cells))
    )
    boxes = [box for row in block for box in row.bboxes]
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    edits = [edit for row in block for edit in row.edits]
    edits += [
        CellEdit(col, "record_lines", first.cells[col].strip() or None, text)
        for col, text in enumerate(cells)
        if text != first.cells[col]
    ]
    return replace(
        first,
        cells=cells,
        bboxes=(bbox,),
        row_spans=(1, *first.row_spans[1:]),
        edits=tuple(edits),
    )


def join_records(rows: tuple[GridRow, ...]) -> tuple[GridRow, ...]:
    """`rows` with each row whose first cell is a record number spanning several rows
    joined with the rows it spans.

    Invariant: no text is lost; rows no record number spans come back unchanged.
    """
    joined: list[GridRow] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        span = row.row_spans[0] if row.row_spans else 1
        if span > 1 and _RECORD_NUMBER.match(row.cells[0].strip()):
            block = [row]
            while len(block) < span and index + len(block) < len(rows):
                below = rows[index + len(block)]
                if not below.covered[0] or below.page != row.page:
                    break
                block.append(below)
            joined.append(_joined(block) if len(block) > 1 else row)
            index += len(block)
        else:
            joined.append(row)
            index += 1
    return tuple(joined)
