"""Typesetting a `Grid` on pages: wrapped cell lines, row splitting, repeated header, rules.

Word's defaults are reproduced: the header row(s) repeat at the top of every page; a row
may break across pages, each cell continuing with its remaining lines at the top of the
next page inside the same column; a vertically merged cell keeps its box on every page it
crosses and its text flows from its first part; every grid line is drawn.

The layout is computed completely (`paginate`) before anything is drawn, because a
merged cell needs to know where all the rows it spans landed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.render.cells import Cell, Grid
from corpus.render.errors import RenderError
from corpus.render.page import ASCENT, Writer
from corpus.render.text import wrap

PAD = 2.0
"""Cell padding in points (top, bottom, left, right)."""

RULE = 0.6
"""Grid line width in points."""


@dataclass(frozen=True)
class Part:
    """A slice of one grid row on one page: lines [first, first + count) at `top`."""

    page: int
    row: int
    first: int
    count: int
    top: float
    height: float


@dataclass(frozen=True)
class Layout:
    """Column edges, wrapped lines per cell, row line counts and header height."""

    edges: tuple[float, ...]
    lines: dict[tuple[int, int], tuple[str, ...]]
    header_lines: dict[tuple[int, int], tuple[str, ...]]
    header_sizes: dict[tuple[int, int], float]
    row_lines: tuple[int, ...]
    header_heights: tuple[float, ...]
    leading: float


def _inner_width(cell: Cell, edges: tuple[float, ...]) -> float:
    """Text width inside `cell` (all its spanned columns, minus padding)."""
    return edges[cell.col + cell.cols] - edges[cell.col] - 2 * PAD


def fitted_size(writer: Writer, cell: Cell, edges: tuple[float, ...], size: float) -> float:
    """Largest size (half-point steps, from `size` down to 6) at which every word of a header
    cell fits its column: authors shrink header text rather than split 'NO' or 'TW'."""
    width = _inner_width(cell, edges)
    words = [word for text in cell.paragraphs for word in text.split()]
    fitted = size
    while fitted > 6 and any(writer.measure(w, cell.bold, fitted) > width for w in words):
        fitted -= 0.5
    return fitted


def _cell_lines(
    writer: Writer, cell: Cell, edges: tuple[float, ...], size: float
) -> tuple[str, ...]:
    """Wrap each paragraph of `cell` into its width."""
    width = _inner_width(cell, edges)

    def measure(text: str) -> float:
        return writer.measure(text, cell.bold, size)

    return tuple(line for text in cell.paragraphs for line in wrap(text, measure, width, width))


def _minimum_widths(writer: Writer, grid: Grid, size: float) -> list[float]:
    """Per column, the width of its widest unbreakable piece of text (a word, or the part of
    a hyphenated word up to a hyphen) in any one-column cell, header included, plus padding."""
    minimums = [2 * PAD] * len(grid.widths)
    for cell in (*grid.header, *grid.cells):
        if cell.cols != 1:
            continue
        pieces = (
            piece
            for text in cell.paragraphs
            for word in text.split()
            for piece in _AFTER_HYPHEN.split(word)
        )
        for piece in pieces:
            needed = writer.measure(piece, cell.bold, size) + 2 * PAD
            minimums[cell.col] = max(minimums[cell.col], needed)
    return minimums


_AFTER_HYPHEN = re.compile(r"(?<=-)")


def autofit(widths: list[float], minimums: list[float]) -> list[float]:
    """Word's AutoFit: no column narrower than its minimum; the space this takes comes from
    the other columns in proportion to their slack. Unchanged when the minimums alone do
    not fit the table (the header font then shrinks, words break by letter)."""
    if sum(minimums) >= sum(widths):
        return widths
    short = [i for i, width in enumerate(widths) if width < minimums[i]]
    need = sum(minimums[i] - widths[i] for i in short)
    slack = {i: widths[i] - minimums[i] for i in range(len(widths)) if i not in short}
    total_slack = sum(slack.values())
    return [
        minimums[i] if i in short else widths[i] - need * slack[i] / total_slack
        for i in range(len(widths))
    ]


def _column_edges(writer: Writer, grid: Grid, size: float) -> tuple[float, ...]:
    """x of every column boundary: relative widths (times `column_scale`) spread over the
    text width, then widened where a column's longest word would not fit."""
    scale = writer.settings.column_scale
    relative = [w * (scale[i] if i < len(scale) else 1.0) for i, w in enumerate(grid.widths)]
    span = writer.right - writer.left
    widths = [span * value / sum(relative) for value in relative]
    edges = [writer.left]
    for value in autofit(widths, _minimum_widths(writer, grid, size)):
        edges.append(edges[-1] + value)
    return tuple(edges)


def _row_line_counts(grid: Grid, lines: dict[tuple[int, int], tuple[str, ...]]) -> tuple[int, ...]:
    """Lines each row needs: its tallest one-row cell, then merged cells' shortfall added to
    the last row they span (Word grows the last row of a vertical merge)."""
    counts = [1] * len(grid.row_kinds)
    for cell in grid.cells:
        if cell.rows == 1:
            counts[cell.row] = max(counts[cell.row], len(lines[(cell.row, cell.col)]))
    for cell in grid.cells:
        if cell.rows > 1:
            span = range(cell.row, cell.row + cell.rows)
            shortfall = len(lines[(cell.row, cell.col)]) - sum(counts[r] for r in span)
            if shortfall > 0:
                counts[span[-1]] += shortfall
    return tuple(counts)


def measure_layout(writer: Writer, grid: Grid, size: float) -> Layout:
    """Wrap every cell for the writer's current page width."""
    edges = _column_edges(writer, grid, size)
    lines = {(c.row, c.col): _cell_lines(writer, c, edges, size) for c in grid.cells}
    header_sizes = {(c.row, c.col): fitted_size(writer, c, edges, size) for c in grid.header}
    header_lines = {
        key: _cell_lines(writer, c, edges, header_sizes[key])
        for c in grid.header
        for key in [(c.row, c.col)]
    }
    leading = writer.leading(size)

    def needed(cell: Cell) -> float:
        key = (cell.row, cell.col)
        return len(header_lines[key]) * writer.leading(header_sizes[key]) + 2 * PAD

    heights = [0.0] * grid.header_rows
    for cell in grid.header:
        if cell.rows == 1:
            heights[cell.row] = max(heights[cell.row], needed(cell))
    for cell in grid.header:
        if cell.rows > 1:
            shortfall = needed(cell) - sum(heights[cell.row : cell.row + cell.rows])
            if shortfall > 0:
                heights[cell.row + cell.rows - 1] += shortfall
    return Layout(
        edges=edges,
        lines=lines,
        header_lines=header_lines,
        header_sizes=header_sizes,
        row_lines=_row_line_counts(grid, lines),
        header_heights=tuple(heights),
        leading=leading,
    )


def _start_needs(grid: Grid, layout: Layout) -> tuple[float, ...]:
    """Space a row needs below the cursor to start on the current page.

    A body row needs one line, or more when it starts a merged cell: that cell's text
    must fit on this page (its box alone continues on the next), so the row needs room for
    all of the text plus one line of slack (the page may end a line early), unless the
    whole merged span is shorter. A section row needs itself plus the first line of the
    row after it (Word's 'keep with next').
    """
    lead = layout.leading
    heights = [n * lead + 2 * PAD for n in layout.row_lines]
    needs = [lead + 2 * PAD] * len(heights)
    for row, kind in enumerate(grid.row_kinds):
        if kind == "section":
            follower = lead + 2 * PAD if row + 1 < len(heights) else 0.0
            needs[row] = heights[row] + follower
    for cell in grid.cells:
        if cell.rows > 1:
            text = len(layout.lines[(cell.row, cell.col)]) * lead + 2 * PAD + lead + 2 * PAD
            span = sum(heights[cell.row : cell.row + cell.rows])
            needs[cell.row] = max(needs[cell.row], min(text, span))
    return tuple(needs)


def paginate(
    grid: Grid, layout: Layout, first_top: float, page_top: float, bottom: float
) -> list[Part]:
    """Place every row: whole when it fits, else split at a line boundary.

    A row starts on the current page when its start need (`_start_needs`) fits below the
    cursor, else on the next page. A body row then splits when not all of it fits; a
    section row never splits. Each page starts with the header, whose height is
    subtracted here. Returns the parts in order; `Part.page` counts table pages from 0.
    """
    header = sum(layout.header_heights)
    lead = layout.leading
    needs = _start_needs(grid, layout)
    parts: list[Part] = []
    page, y = 0, first_top - header
    for row, total in enumerate(layout.row_lines):
        fresh = y >= page_top - header - 1e-6
        if y - needs[row] < bottom - 1e-6 and not fresh:
            page, y = page + 1, page_top - header
        done = 0
        while done < total:
            remaining = total - done
            fits = math.floor((y - bottom - 2 * PAD) / lead + 1e-6)
            if fits < 1 or (fits < remaining and grid.row_kinds[row] == "section"):
                raise RenderError(None, f"table row {row} cannot fit on an empty page")
            count = min(fits, remaining)
            height = count * lead + 2 * PAD
            parts.append(Part(page, row, done, count, y, height))
            y -= height
            done += count
            if done < total:
                page, y = page + 1, page_top - header
    return parts


class _Rules:
    """Grid lines of one page, deduplicated and merged so each line is drawn once."""

    def __init__(self) -> None:
        self.horizontal: dict[float, list[tuple[float, float]]] = {}
        self.vertical: dict[float, list[tuple[float, float]]] = {}

    def box(self, x0: float, x1: float, top: float, bottom: float) -> None:
        """Add the four sides of a cell box."""
        for y in (top, bottom):
            self.horizontal.setdefault(round(y, 2), []).append((x0, x1))
        for x in (x0, x1):
            self.vertical.setdefault(round(x, 2), []).append((bottom, top))

    def draw(self, writer: Writer) -> None:
        """Stroke all lines, merged where they touch or overlap."""
        canvas = writer.canvas
        canvas.setLineWidth(RULE)
        for y, spans in sorted(self.horizontal.items()):
            for a, b in _merge(spans):
                canvas.line(a, y, b, y)
        for x, spans in sorted(self.vertical.items()):
            for a, b in _merge(spans):
                canvas.line(x, a, x, b)


def _merge(spans: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of 1-D intervals."""
    merged: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 0.01:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _draw_lines(
    writer: Writer,
    cell: Cell,
    lines: tuple[str, ...],
    x0: float,
    x1: float,
    top: float,
    size: float,
    lead: float,
) -> None:
    """Draw `lines` top-aligned in the box x0..x1 starting at `top`."""
    for index, line in enumerate(lines):
        baseline = top - PAD - index * lead - ASCENT * size - (lead - size) / 2
        if cell.align == "center":
            writer.text((x0 + x1) / 2, baseline, line, size, cell.bold, align="center")
        else:
            writer.text(x0 + PAD, baseline, line, size, cell.bold)


def _draw_header(writer: Writer, grid: Grid, layout: Layout, top: float, rules: _Rules) -> None:
    """The header row(s) at `top`, text centred in each box."""
    row_tops = [top]
    for height in layout.header_heights:
        row_tops.append(row_tops[-1] - height)
    for cell in grid.header:
        x0, x1 = layout.edges[cell.col], layout.edges[cell.col + cell.cols]
        box_top, box_bottom = row_tops[cell.row], row_tops[cell.row + cell.rows]
        rules.box(x0, x1, box_top, box_bottom)
        lines = layout.header_lines[(cell.row, cell.col)]
        cell_size = layout.header_sizes[(cell.row, cell.col)]
        cell_lead = writer.leading(cell_size)
        text_top = (box_top + box_bottom) / 2 + len(lines) * cell_lead / 2 + PAD
        _draw_lines(writer, cell, lines, x0, x1, text_top, cell_size, cell_lead)


@dataclass(frozen=True)
class RowBreak:
    """A body row split by a page break: its index among the table's body rows (0-based),
    the 0-based pages it spans and the lines its cells print after the first page."""

    row: int
    pages: tuple[int, ...]
    continued: tuple[str, ...]


def _row_breaks(
    grid: Grid, layout: Layout, parts: list[Part], first_page: int
) -> tuple[RowBreak, ...]:
    """Every body row whose parts lie on more than one page."""
    body_index = {
        row: i for i, row in enumerate(r for r, k in enumerate(grid.row_kinds) if k == "body")
    }
    breaks = []
    for row, number in body_index.items():
        mine = [p for p in parts if p.row == row]
        if len({p.page for p in mine}) < 2:
            continue
        later = [p for p in mine if p.page > mine[0].page]
        continued = tuple(
            line
            for cell in grid.cells
            if cell.row == row and cell.rows == 1
            for line in layout.lines[(cell.row, cell.col)][later[0].first :]
        )
        pages = tuple(sorted({first_page + p.page for p in mine}))
        breaks.append(RowBreak(number, pages, continued))
    return tuple(breaks)


@dataclass(frozen=True)
class TablePages:
    """Where a table landed: its 0-based pages and the rows a page break split."""

    pages: tuple[int, ...]
    row_breaks: tuple[RowBreak, ...]


def draw_table(writer: Writer, grid: Grid, size: float) -> TablePages:
    """Typeset `grid` from the writer's cursor on; leave the cursor below the table."""
    layout = measure_layout(writer, grid, size)
    lead = layout.leading
    minimum = sum(layout.header_heights) + lead + 2 * PAD
    writer.ensure(minimum)
    parts = paginate(grid, layout, writer.y, writer.top, writer.bottom)
    breaks = _row_breaks(grid, layout, parts, writer.page_index)
    first_page = writer.page_index
    by_row: dict[int, list[Part]] = {}
    for part in parts:
        by_row.setdefault(part.row, []).append(part)
    pages = sorted({part.page for part in parts})
    for page in pages:
        if page > 0:
            writer.new_page(writer.orientation, writer.margins)
        top = writer.y
        rules = _Rules()
        _draw_header(writer, grid, layout, top, rules)
        for cell in grid.cells:
            x0, x1 = layout.edges[cell.col], layout.edges[cell.col + cell.cols]
            lines = layout.lines[(cell.row, cell.col)]
            span = [p for r in range(cell.row, cell.row + cell.rows) for p in by_row[r]]
            before = [p for p in span if p.page < page]
            here = [p for p in span if p.page == page]
            if not here:
                continue
            if cell.rows == 1:
                for part in here:
                    rules.box(x0, x1, part.top, part.top - part.height)
                    shown = lines[part.first : part.first + part.count]
                    _draw_lines(writer, cell, shown, x0, x1, part.top, size, lead)
                continue
            region_top, region_bottom = here[0].top, here[-1].top - here[-1].height
            rules.box(x0, x1, region_top, region_bottom)
            used = sum(_capacity(p.top, p.top - p.height, lead) for p in _regions(before))
            room = _capacity(region_top, region_bottom, lead)
            _draw_lines(writer, cell, lines[used : used + room], x0, x1, region_top, size, lead)
        rules.draw(writer)
        writer.y = min(p.top - p.height for p in parts if p.page == page)
    return TablePages(tuple(first_page + page for page in pages), breaks)


def _capacity(top: float, bottom: float, lead: float) -> int:
    """Whole lines that fit between top and bottom inside the padding."""
    return max(0, math.floor((top - bottom - 2 * PAD) / lead + 1e-6))


def _regions(parts: list[Part]) -> list[Part]:
    """One pseudo-part per page spanning the given parts (a merged cell's box per page)."""
    out: list[Part] = []
    for page in sorted({p.page for p in parts}):
        mine = [p for p in parts if p.page == page]
        top, bottom = mine[0].top, mine[-1].top - mine[-1].height
        out.append(Part(page, mine[0].row, 0, 0, top, top - bottom))
    return out
