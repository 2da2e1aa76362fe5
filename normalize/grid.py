"""The working form of a table inside `normalize`: rows of cell texts with their geometry.

`RawTable` grids are page-local; a `GridRow` keeps what later steps need from them (the
text per column, which positions a merged cell above covers, how wide each cell is, and
where on which page the row was printed) so that tables can be stitched across pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from schemas.raw import BBox, RawTable


@dataclass(frozen=True)
class CellEdit:
    """A change made to one column of a row, kept to be reported as a `Repair`."""

    col: int
    kind: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class GridRow:
    """One printed row of a table.

    Invariant: `cells`, `covered` and `spans` have one entry per column. A column covered
    by a merged cell from a row above has `covered` true and empty text; a column covered
    by a cell to its left has span 0.
    """

    cells: tuple[str, ...]
    covered: tuple[bool, ...]
    spans: tuple[int, ...]
    pages: tuple[int, ...]
    bboxes: tuple[BBox, ...]
    row_spans: tuple[int, ...] = ()
    edits: tuple[CellEdit, ...] = ()

    @property
    def page(self) -> int:
        """The page the row starts on."""
        return self.pages[0]

    @property
    def filled(self) -> tuple[int, ...]:
        """Columns with text."""
        return tuple(c for c, text in enumerate(self.cells) if text.strip())

    def widest_span(self) -> int:
        """Columns covered by the widest cell of the row."""
        return max(self.spans, default=1)

    def with_cell(self, col: int, text: str, kind: str | None = None) -> GridRow:
        """A copy with column `col` set to `text`; `kind` records the change as an edit."""
        cells = (*self.cells[:col], text, *self.cells[col + 1 :])
        edits = self.edits
        if kind is not None and text != self.cells[col]:
            edits = (*edits, CellEdit(col, kind, self.cells[col] or None, text or None))
        return replace(self, cells=cells, edits=edits)


def grid_rows(table: RawTable, first_row: int = 0) -> list[GridRow]:
    """The rows of `table` from `first_row` on, as `GridRow`s."""
    rows: list[GridRow] = []
    for r in range(first_row, table.n_rows):
        cells, covered, spans, row_spans = [], [], [], []
        tops, bottoms = [], []
        for cell in table.row_cells(r):
            from_above = cell.covered and cell.anchor is not None and cell.anchor[0] < r
            from_left = cell.covered and not from_above
            cells.append("" if cell.covered else cell.text)
            covered.append(from_above)
            spans.append(0 if from_left else (1 if from_above else cell.col_span))
            row_spans.append(1 if cell.covered else cell.row_span)
            if not cell.covered and cell.row_span == 1:
                tops.append(cell.bbox[1])
                bottoms.append(cell.bbox[3])
        if not tops:
            anchors = [c for c in table.row_cells(r) if not c.covered]
            tops = [c.bbox[1] for c in anchors] or [table.bbox[1]]
            bottoms = [c.bbox[3] for c in anchors] or [table.bbox[3]]
        bbox = (table.bbox[0], min(tops), table.bbox[2], max(bottoms))
        rows.append(
            GridRow(
                cells=tuple(cells),
                covered=tuple(covered),
                spans=tuple(spans),
                pages=(table.page,),
                bboxes=(bbox,),
                row_spans=tuple(row_spans),
            )
        )
    return rows


def merged_columns(rows: tuple[GridRow, ...]) -> frozenset[int]:
    """Columns in which some cell spans more than one row."""
    return frozenset(c for row in rows for c, span in enumerate(row.row_spans) if span > 1)
