"""What each table cell prints: the gold rows laid onto the printed columns (pure).

`build_grid` turns a `GoldTable` into a `Grid`: header cells (one or two header rows),
body cells with their row/column spans (merged cells, section rows, wide cells) and the
text paragraphs each cell prints. Geometry (widths in points, pages) is decided later by
`corpus.render.table`; nothing here depends on fonts or paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from schemas.gold import GoldColumn, GoldRow, GoldTable

Align = Literal["left", "center"]
RowKind = Literal["section", "body"]

TICK = "\u221a"
"""The check mark printed in a month or quarter column (as in the originals: '√')."""

_CENTRED_FIELDS = frozenset({"area.code", "component.number", "months", "quarters"})


@dataclass(frozen=True)
class Cell:
    """One printed cell anchored at (row, col), covering `rows` x `cols` grid positions."""

    row: int
    col: int
    paragraphs: tuple[str, ...]
    rows: int = 1
    cols: int = 1
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Grid:
    """A table ready for layout: relative column widths, header cells and body cells."""

    widths: tuple[float, ...]
    header_rows: int
    header: tuple[Cell, ...]
    row_kinds: tuple[RowKind, ...]
    cells: tuple[Cell, ...]


def header_cells(columns: list[GoldColumn]) -> tuple[tuple[Cell, ...], int]:
    """Header cells and the number of header rows (2 when any column has a group).

    Consecutive columns with the same group share one upper cell; ungrouped columns
    span both header rows.
    """
    depth = 2 if any(column.group for column in columns) else 1
    cells: list[Cell] = []
    index = 0
    while index < len(columns):
        group = columns[index].group
        if group is None:
            cells.append(
                Cell(0, index, (columns[index].header,), rows=depth, align="center", bold=True)
            )
            index += 1
            continue
        end = index
        while end < len(columns) and columns[end].group == group:
            end += 1
        cells.append(Cell(0, index, (group,), cols=end - index, align="center", bold=True))
        cells.extend(
            Cell(1, sub, (columns[sub].header,), align="center", bold=True)
            for sub in range(index, end)
        )
        index = end
    return tuple(cells), depth


def evidence_paragraphs(items: list[str], style: str = "numbered") -> tuple[str, ...]:
    """Evidence as printed: two or more items as numbered lines '1. item' (or, `style`
    'bulleted', '• item'), one item plain."""
    if len(items) < 2:
        return tuple(items)
    if style == "bulleted":
        return tuple(f"• {item}" for item in items)
    return tuple(f"{number}. {item}" for number, item in enumerate(items, start=1))


def _joined(number: str | None, text: str | None) -> str | None:
    """'{number} {text}' when the table has no column of its own for the number."""
    if text is None:
        return number
    return f"{number} {text}" if number else text


def _field_text(row: GoldRow, field: str, fields: frozenset[str]) -> str | None:
    """Text of a canonical field in `row`; numbers fold into the text column when unprinted."""
    area, component = row.area, row.component
    texts: dict[str, str | None] = {
        "area.code": area.code if area else None,
        "area.name": (
            (area.name if "area.code" in fields else _joined(area.code, area.name))
            if area
            else None
        ),
        "component.number": component.number if component else None,
        "component.text": (
            (
                component.text
                if "component.number" in fields
                else _joined(component.number, component.text)
            )
            if component
            else None
        ),
        "indicator": row.indicator,
        "activity": row.activity,
        "schedule": row.schedule.text if row.schedule else None,
        "responsible": row.responsible,
        "note": row.note,
    }
    return texts[field]


def cell_paragraphs(
    row: GoldRow, columns: list[GoldColumn], col: int, style: str = "numbered"
) -> tuple[str, ...]:
    """The paragraphs `row` prints in column `col` (empty tuple: blank cell); `style` is
    the table's `evidence_style`."""
    column = columns[col]
    if row.cells:
        return (row.cells[col],) if col < len(row.cells) and row.cells[col] else ()
    if column.field in ("months", "quarters"):
        if row.schedule is None:
            return ()
        position = sum(1 for other in columns[:col] if other.field == column.field) + 1
        ticked = row.schedule.months if column.field == "months" else row.schedule.quarters
        return (TICK,) if position in ticked else ()
    if column.field == "evidence":
        return evidence_paragraphs(row.evidence, style)
    text = _field_text(row, column.field, frozenset(c.field for c in columns))
    return (text,) if text else ()


def _area_label(row: GoldRow) -> str | None:
    """Text of the section row announcing `row`'s area."""
    if row.area is None:
        return None
    return f"{row.area.code} {row.area.name}" if row.area.code else row.area.name


def _wide_span(row: GoldRow, columns: list[GoldColumn]) -> tuple[int, int] | None:
    """(first, last) column of `row`'s wide cell, if it has one."""
    if row.wide is None:
        return None
    first = next((i for i, c in enumerate(columns) if c.field == row.wide), None)
    if first is None or first + 1 >= len(columns):
        return None
    return first, first + 1


def _rows_with_sections(table: GoldTable) -> list[GoldRow | str]:
    """Body rows in order, with a section label (str) before each change of area."""
    out: list[GoldRow | str] = []
    previous: str | None = None
    for row in table.rows:
        label = _area_label(row) if table.section_rows else None
        if label is not None and label != previous:
            out.append(label)
            previous = label
        out.append(row)
    return out


def _covered(row: GoldRow | str, columns: list[GoldColumn]) -> frozenset[int]:
    """Columns occupied by `row`'s wide cell (none for section rows)."""
    span = _wide_span(row, columns) if isinstance(row, GoldRow) else None
    return frozenset(range(span[0], span[1] + 1)) if span else frozenset()


def _run_starts(
    rows: list[GoldRow | str], columns: list[GoldColumn], merged: list[int]
) -> dict[tuple[int, int], bool]:
    """For each (body row, merged column): does a new merged cell start here?"""
    starts: dict[tuple[int, int], bool] = {}
    for index, row in enumerate(rows):
        if isinstance(row, str):
            continue
        previous = rows[index - 1] if index > 0 else None
        left_started = False
        for col in merged:
            starts[(index, col)] = (
                left_started
                or not isinstance(previous, GoldRow)
                or col in _covered(row, columns) | _covered(previous, columns)
                or cell_paragraphs(previous, columns, col) != cell_paragraphs(row, columns, col)
            )
            left_started = starts[(index, col)]
    return starts


def build_grid(table: GoldTable) -> Grid:
    """Lay the gold rows onto grid positions.

    Invariants: every grid position of a body row belongs to exactly one cell; a merged
    cell (field in `table.merge`) covers a run of consecutive body rows with equal printed
    text, and a run also ends wherever a merged column to its left starts a new one
    (merges nest, as in the originals); a section row spans all columns and ends every
    run; a wide cell covers its column and the next, and is never part of a run.
    """
    columns = table.columns
    header, depth = header_cells(columns)
    rows = _rows_with_sections(table)
    merged = [i for i, c in enumerate(columns) if c.field in table.merge]
    starts = _run_starts(rows, columns, merged)
    cells: list[Cell] = []
    for index, row in enumerate(rows):
        if isinstance(row, str):
            cells.append(Cell(index, 0, (row,), cols=len(columns), bold=True))
            continue
        covered = sorted(_covered(row, columns))
        for col in range(len(columns)):
            if covered and col == covered[-1]:
                continue
            span_rows = 1
            if col in merged:
                if not starts[(index, col)]:
                    continue
                while starts.get((index + span_rows, col)) is False:
                    span_rows += 1
            cells.append(
                Cell(
                    index,
                    col,
                    cell_paragraphs(row, columns, col, table.evidence_style),
                    rows=span_rows,
                    cols=2 if covered and col == covered[0] else 1,
                    align="center" if columns[col].field in _CENTRED_FIELDS else "left",
                )
            )
    return Grid(
        widths=tuple(c.width for c in columns),
        header_rows=depth,
        header=header,
        row_kinds=tuple("section" if isinstance(r, str) else "body" for r in rows),
        cells=tuple(cells),
    )
