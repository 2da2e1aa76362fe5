"""Stitch the page-local grids of a table continued over pages into one logical table.

A grid continues the table before it when it is the first grid on the next page and
either repeats the same header (which is then dropped), or, ruled at the same borders,
repeats it as OCR read it (half its labels or more the same or naming the same fields, none
naming another; the header is then voted from every copy), or has no header (or only a row
across the grid, which may be a section row) and the same columns: as many, or fewer
whose borders are borders of the grid before, or more among whose borders are all of
the grid before's (the table then takes the finer columns; spread_columns). A page
pasted in at other column widths is compared with the pages before it too: the grid of
the page after it is measured against the latest page whose borders it shares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from normalize.fold_text import join_lines
from normalize.grid import GridRow, grid_rows
from normalize.map_header import (
    Header,
    build_header,
    find_header,
    last_column_number,
    repeats_header,
    same_header,
    vote_header,
)
from normalize.spread_columns import column_map, joint_columns, same_borders, shares, spread
from schemas.raw import RawPage, RawTable, TextLine


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


def stitch_tables(
    tables: tuple[RawTable, ...], pages: Mapping[int, RawPage], threshold: float
) -> list[LogicalTable]:
    """Group `tables` (in page order) into logical tables, dropping repeated headers;
    `pages` (by number) give the text around the grids.

    Invariant: every body row of every input grid appears in exactly one logical table,
    in order; only header and column-number rows are dropped.
    """
    ordered = sorted(tables, key=lambda t: (t.page, t.index))
    found: list[Header | None] = []
    for i, table in enumerate(ordered):
        above = i > 0 and ordered[i - 1].page == table.page
        numbered = last_column_number(ordered[i - 1], found[i - 1]) if above else 0
        emphasised = _emphasised(table, pages.get(table.page))
        found.append(find_header(table, threshold, emphasised, numbered))
    headers = _repeated_headers(ordered, found, threshold)
    groups: list[list[tuple[RawTable, Header | None]]] = []
    for table, header in zip(ordered, headers, strict=True):
        source = _columns_source([t for t, _ in groups[-1]], table) if groups else None
        if (
            groups
            and not _text_between(groups[-1][-1][0], table, pages)
            and _continues(groups[-1], table, header, threshold, source)
        ):
            # A caption atop a continued grid is the section row it starts with.
            source = source or groups[-1][-1][0]
            groups[-1] = _to_finer(groups[-1], table, source)
            source = _columns_source([t for t, _ in groups[-1]], table) or groups[-1][-1][0]
            groups[-1].append(
                (_in_columns_of(source, table), None if header and header.title_only else header)
            )
        else:
            groups.append([(table, header)])
    return [_logical(group, threshold) for group in groups]


def _row_lines(table: RawTable, row: int, page: RawPage) -> list[TextLine]:
    """The page's text lines inside the cells anchored on grid row `row`."""
    boxes = [c.bbox for c in table.row_cells(row) if not c.covered]
    return [
        line
        for line in page.lines
        if any(
            x0 <= (line.bbox[0] + line.bbox[2]) / 2 <= x1
            and y0 <= (line.bbox[1] + line.bbox[3]) / 2 <= y1
            for x0, y0, x1, y1 in boxes
        )
    ]


def _emphasised(table: RawTable, page: RawPage | None) -> bool:
    """True when the first grid row is printed apart from the second, as a header is: its
    cells all shaded and the second row's not, or its text all bold and the second's not."""
    if table.n_rows < 2:
        return False
    first, second = table.row_cells(0), table.row_cells(1)
    anchors = [c for c in first if not c.covered]
    if all(c.shaded for c in anchors) and not all(c.shaded for c in second if not c.covered):
        return True
    if page is None:
        return False
    top, below = _row_lines(table, 0, page), _row_lines(table, 1, page)
    return (
        bool(top and below)
        and all(line.bold for line in top)
        and not all(line.bold for line in below)
    )


def _text_between(a: RawTable, b: RawTable, pages: Mapping[int, RawPage]) -> bool:
    """True when words are printed after grid `a` on its page or before grid `b` on its
    page (a caption, a paragraph): `b` then starts a table of its own even when it looks
    like the rest of `a`. Lines without a word of letters (page numbers, OCR specks) do
    not count."""
    after = pages.get(a.page)
    before = pages.get(b.page)
    below = after is not None and any(
        line.bbox[1] >= a.bbox[3] - 1 and _has_word(line.text) for line in after.lines
    )
    above = before is not None and any(
        line.bbox[3] <= b.bbox[1] + 1 and _has_word(line.text) for line in before.lines
    )
    return below or above


def _has_word(text: str) -> bool:
    return re.search(r"[^\W\d_]{3}", text) is not None


def _next_page(a: RawTable, b: RawTable) -> bool:
    """True when `b` is the first grid of the page after `a`'s."""
    return b.page == a.page + 1 and b.index == 0


def _same_columns(a: RawTable, b: RawTable) -> bool:
    """True when `b` has as many columns as `a`, or fewer whose borders are borders of
    `a`, or more among whose borders are all of `a`'s, or the same but for a stray border
    or two on each (see spread_columns)."""
    return (
        a.n_cols == b.n_cols
        or column_map(b, a) is not None
        or column_map(a, b) is not None
        or joint_columns(a, b) is not None
    )


def _columns_source(grids: list[RawTable], table: RawTable) -> RawTable | None:
    """The grid of `grids` (a table so far, in page order) whose columns `table` goes on
    in, when `table` is the first grid of the page after the last one: the last grid
    when `_same_columns`, else the latest earlier one that is. None otherwise.

    The grids of a table so far all have as many grid columns (a coarser page is spread
    over them, a finer one refines them all), but not all at the same shares of the
    width: a page pasted in as a picture of the sheet printed at other column widths
    (measured on PermenPANRB 52/2014: one page of 18 puts the text column's right
    border at 34% of the width, the others at 41%) has the same columns at other places,
    and the next page, ruled with fewer, is matched to the pages before it."""
    if not grids or not _next_page(grids[-1], table):
        return None
    return next((g for g in reversed(grids) if _same_columns(g, table)), None)


def _in_columns_of(a: RawTable, b: RawTable) -> RawTable:
    """`b`, continuing `a`, in `a`'s grid columns when it is ruled with fewer."""
    mapped = column_map(b, a)
    return spread(b, shares(a), mapped) if mapped is not None else b


def _to_finer(
    group: list[tuple[RawTable, Header | None]], table: RawTable, source: RawTable
) -> list[tuple[RawTable, Header | None]]:
    """`group` in the grid columns of `table`, which continues it ruled with more columns
    among whose borders are all of `source`'s (a grid of the group; a label column split
    in two on the next page), or in the columns of both when each rules a stray border
    the other lacks: each cell spans the finer columns between its own borders, and each
    header column groups the finer columns of its grid columns. Unchanged otherwise.

    The finer grid keeps every column the pages tell apart; reading the new page in the
    coarser one would join its columns (a page whose grid missed a few rules would join
    the columns of every page after it)."""
    mapped = column_map(source, table)
    want = shares(table)
    if mapped is None:
        # As many columns: the pages are read column by column (see _same_columns).
        joint = joint_columns(source, table) if source.n_cols != table.n_cols else None
        if joint is None:
            return group
        mapped, want = joint.first, joint.shares
    return [(spread(t, want, mapped), _finer_header(h, mapped)) for t, h in group]


def _finer_header(header: Header | None, mapped: tuple[int, ...]) -> Header | None:
    """`header` over the finer columns of `mapped` (see column_map): each printed column
    groups the finer columns between the borders of its grid columns."""
    if header is None or not header.groups:
        return header
    groups = tuple(
        tuple(j for c in cols for j in range(mapped[c], mapped[c + 1])) for cols in header.groups
    )
    return replace(header, groups=groups)


def _labels(table: RawTable) -> list[str]:
    """The texts of the cells of a grid's first row, left to right, blanks left out."""
    texts = (" ".join(c.text.split()) for c in table.row_cells(0) if not c.covered)
    return [t for t in texts if t]


def _repeated_headers(
    tables: list[RawTable], headers: list[Header | None], threshold: float
) -> list[Header | None]:
    """Headers found by repetition: a first row printed again atop the next page's grid is
    a header, whatever its words (a 'Penilaian | Bobot | ...' header in title case). The
    labels are compared in order, not grid column by grid column: a page may rule a
    labelled column into more or fewer narrow sub-columns."""
    found = list(headers)
    for i in range(len(tables) - 1):
        a, b = tables[i], tables[i + 1]
        if (found[i] is not None and found[i + 1] is not None) or not _next_page(a, b):
            continue
        first = _labels(a)
        if len(first) >= 2 and first == _labels(b):
            found[i] = found[i] or build_header(a, 1, threshold)
            found[i + 1] = found[i + 1] or build_header(b, 1, threshold)
    return found


def _continues(
    group: list[tuple[RawTable, Header | None]],
    table: RawTable,
    header: Header | None,
    threshold: float,
    source: RawTable | None,
) -> bool:
    """True when `table` (with `header`, if found) continues `group`; `source` is the grid
    of the group whose columns it goes on in (`_columns_source`), None when none."""
    last, _ = group[-1]
    first_header = group[0][1]
    if header is None or header.numbering_only or header.title_only:
        if source is None:
            return False
        return (
            header is None
            or header.title_only
            or (first_header is not None and first_header.numbering_row)
        )
    if not _next_page(last, table) or first_header is None:
        return False
    # A repeated header names the columns itself: the grid may be ruled differently.
    # One that OCR read differently continues the table only on a grid ruled alike.
    copies = [h for _, h in group if h is not None]
    return same_header(first_header, header, threshold) or (
        source is not None
        and _ruled_alike(source, table)
        and repeats_header(copies, header, threshold)
    )


def _ruled_alike(a: RawTable, b: RawTable) -> bool:
    """True when `b` is ruled at `a`'s borders, as shares of the width: as many columns
    with every border at one of the other's, or fewer or more all of whose borders are
    borders of the other (`column_map`). A grid of as many columns elsewhere is another
    table, whatever its header reads."""
    return same_borders(a, b) or column_map(a, b) is not None or column_map(b, a) is not None


def _logical(group: list[tuple[RawTable, Header | None]], threshold: float) -> LogicalTable:
    """The logical table of `group` (its grids in page order, each with the header it
    repeats, if any): its rows, page by page, and one header voted from every page's
    copy (`vote_header`), so that a label OCR garbled on one page does not cost its
    column the field."""
    rows: list[GridRow] = []
    breaks: list[PageBreak] = []
    lowest = max(t.bbox[3] for t, _ in group)
    first_columns = group[0][1].groups if group[0][1] else ()
    for table, header in group:
        page_rows = grid_rows(table, header.rows if header else 0)
        # A page that repeats the header is read by its own columns; one without, by the
        # first page's (it has as many grid columns, see _continues).
        columns = header.groups if header and header.groups else first_columns
        if any(len(cols) > 1 for cols in columns):
            page_rows = [collapse_columns(row, columns) for row in page_rows]
        if rows and page_rows:
            breaks.append(PageBreak(len(rows), lowest - rows[-1].bboxes[-1][3]))
        rows.extend(page_rows)
    first = group[0][1]
    copies = [first, *(h for _, h in group[1:] if h is not None)] if first else []
    return LogicalTable(
        header=vote_header(copies, threshold) if first else None,
        rows=tuple(rows),
        pages=tuple(t.page for t, _ in group),
        breaks=tuple(breaks),
        first=group[0][0],
    )


def collapse_columns(row: GridRow, groups: tuple[tuple[int, ...], ...]) -> GridRow:
    """`row` with each group of grid columns read as one column, texts joined in order.

    A cell spanning grid columns spans the printed columns whose first grid column it covers.
    """
    starts = [g[0] for g in groups]
    cells, covered, spans, row_spans = [], [], [], []
    for group in groups:
        cells.append(join_lines([row.cells[c] for c in group if row.cells[c].strip()]))
        covered.append(all(row.covered[c] for c in group))
        anchor = next((c for c in group if row.spans[c]), None)
        end = anchor + row.spans[anchor] if anchor is not None else -1
        spans.append(sum(1 for start in starts if anchor is not None and anchor <= start < end))
        row_spans.append(max(row.row_spans[c] for c in group) if row.row_spans else 1)
    return GridRow(
        cells=tuple(cells),
        covered=tuple(covered),
        spans=tuple(spans),
        pages=row.pages,
        bboxes=row.bboxes,
        row_spans=tuple(row_spans),
        edits=row.edits,
    )
