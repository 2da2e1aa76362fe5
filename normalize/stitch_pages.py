"""Stitch the page-local grids of a table continued over pages into one logical table.

A grid continues the table before it when it is the first grid on the next page and
either repeats the same header (which is then dropped) or has no header and the same
number of columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from normalize.grid import GridRow, grid_rows
from normalize.map_header import Header, find_header, same_header
from schemas.raw import RawTable


@dataclass(frozen=True)
class PageBreak:
    """Where one page's rows end and the next page's begin, within a logical table."""

    index: int
    """Index in `LogicalTable.rows` of the first row of the new page."""
    gap: float
    """Points between the previous page's last row and the lowest table bottom seen on any
    page of the table: near 0 when the table filled that page to its bottom margin."""


@dataclass(frozen=True)
class LogicalTable:
    """A table as printed over one or more pages: its header and its body rows."""

    header: Header | None
    rows: tuple[GridRow, ...]
    pages: tuple[int, ...]
    breaks: tuple[PageBreak, ...]
    first: RawTable


def stitch_tables(tables: tuple[RawTable, ...], threshold: float) -> list[LogicalTable]:
    """Group `tables` (in page order) into logical tables, dropping repeated headers.

    Invariant: every body row of every input grid appears in exactly one logical table,
    in order; only header and column-number rows are dropped.
    """
    groups: list[list[tuple[RawTable, Header | None]]] = []
    for table in sorted(tables, key=lambda t: (t.page, t.index)):
        header = find_header(table, threshold)
        if groups and _continues(groups[-1], table, header, threshold):
            groups[-1].append((table, header))
        else:
            groups.append([(table, header)])
    return [_logical(group) for group in groups]


def _continues(
    group: list[tuple[RawTable, Header | None]],
    table: RawTable,
    header: Header | None,
    threshold: float,
) -> bool:
    last, _ = group[-1]
    first_header = group[0][1]
    if table.page != last.page + 1 or table.index != 0 or table.n_cols != last.n_cols:
        return False
    if header is None:
        return True
    return first_header is not None and same_header(first_header, header, threshold)


def _logical(group: list[tuple[RawTable, Header | None]]) -> LogicalTable:
    rows: list[GridRow] = []
    breaks: list[PageBreak] = []
    lowest = max(t.bbox[3] for t, _ in group)
    for table, header in group:
        page_rows = grid_rows(table, header.rows if header else 0)
        if rows and page_rows:
            breaks.append(PageBreak(len(rows), lowest - rows[-1].bboxes[-1][3]))
        rows.extend(page_rows)
    return LogicalTable(
        header=group[0][1],
        rows=tuple(rows),
        pages=tuple(t.page for t, _ in group),
        breaks=tuple(breaks),
        first=group[0][0],
    )
