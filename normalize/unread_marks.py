"""Cells emptied by removing an OCR rule mark, in a column that every other row fills.

OCR repair removes the marks tesseract reads off table rules ('|', '__': repair kind
'ocr_noise'). When that leaves a cell empty in a column holding text on nearly every
other row, the mark was more likely the cell's own value read as a rule glyph: a
sans-serif '1' is one stroke ('|'), so is a small '0' at low resolution. What it was
cannot be told from the mark, so it is not guessed; a warning names the row and the
column for a reader to check on the page. A row with no text left at all is a spacer
row, whose empty cells are expected.
"""

from __future__ import annotations

from collections.abc import Sequence

from normalize.check_sums import column_name, row_label
from normalize.grid import GridRow
from schemas.decree import PipelineWarning

MIN_ROWS = 5
"""Other rows that must fill the column before an empty cell in it stands out."""
FILLED_SHARE = 0.9
"""Share of the other rows that must fill the column."""


def _holds_text(row: GridRow, col: int) -> bool:
    """True when `row` has text in column `col`, its own or a merged cell's."""
    return bool(row.cells[col].strip()) or row.covered[col] or row.spans[col] == 0


def unread_mark_warnings(
    rows: Sequence[GridRow], names: Sequence[str] = ()
) -> list[PipelineWarning]:
    """One 'cell_unread' warning per cell of `rows` (a table's body rows) that an
    'ocr_noise' repair emptied, in a column that at least MIN_ROWS and FILLED_SHARE of
    the other rows fill, in a row that holds text elsewhere; `names` are the columns'
    printed names for the message. Invariant: rows without such a repair give no warning."""
    warnings = []
    for row in rows:
        # A row with no text at all is a spacer: every cell of it is empty by design.
        if not row.filled:
            continue
        emptied = sorted(
            {
                edit.col
                for edit in row.edits
                if edit.kind == "ocr_noise"
                and edit.after is None
                and not row.cells[edit.col].strip()
            }
        )
        for col in emptied:
            others = len(rows) - 1
            filled = sum(_holds_text(other, col) for other in rows if other is not row)
            if filled < MIN_ROWS or filled < FILLED_SHARE * others:
                continue
            marks = " ".join(
                e.before or "" for e in row.edits if e.col == col and e.kind == "ocr_noise"
            )
            warnings.append(
                PipelineWarning(
                    code="cell_unread",
                    message=(
                        f"row '{row_label(row)}': {column_name(names, col)} left empty: OCR read only "
                        f"'{marks}' there, removed as a rule mark, but {filled} of the "
                        f"other {others} rows fill the column; check the page"
                    ),
                    page=row.page,
                )
            )
    return warnings
