"""A grid and its words to a `RawTable`: merged cells from the rules, text by position.

Two neighbouring grid positions belong to one cell when no rule separates them: a
boundary counts as ruled when rules cover at least half of its length. Merged regions
are widened to rectangles (merging any region they overlap) until every cell is a
rectangle; its top-left position is the anchor, the others are explicit covered cells.
On a page image, where a pale border can be lost, a one-row merged cell whose words
stand apart across an inner border is split there again (`split_at_gaps`).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from extract.find_grids import Grid, Rule, overlap_area
from extract.read_words import Word
from schemas.raw import BBox, RawCell, RawTable

RULE_TOLERANCE = 3.0
"""Points a rule may lie off a boundary and still rule it (line width, rendering)."""
RULED_SHARE = 0.5
"""Share of a boundary's length rules must cover for the boundary to count as ruled."""
SPLIT_GAP_RATIO = 1.5
"""Text heights of blank a merged cell of a page image must show at an inner column
boundary to be two cells (`split_at_gaps`): wider than any word space, even a justified
line's."""
CUT_MARGIN = 1.0
"""Points a word must reach past a ruled boundary, on both sides, to count as cut."""


@dataclass(frozen=True)
class Span:
    """A cell of the grid: its anchor position and extent in grid positions."""

    row: int
    col: int
    row_span: int
    col_span: int


@dataclass(frozen=True)
class Layout:
    """A grid with its cells; `owner[r][c]` indexes the span covering position (r, c)."""

    grid: Grid
    spans: tuple[Span, ...]
    owner: tuple[tuple[int, ...], ...]

    @property
    def n_rows(self) -> int:
        return len(self.grid.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.grid.xs) - 1

    def position(self, x: float, y: float) -> tuple[int, int] | None:
        """The grid position containing point (x, y), or None outside the grid."""
        xs, ys = self.grid.xs, self.grid.ys
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        col = min(bisect.bisect_right(xs, x) - 1, self.n_cols - 1)
        row = min(bisect.bisect_right(ys, y) - 1, self.n_rows - 1)
        return row, col

    def span_bbox(self, span: Span) -> BBox:
        xs, ys = self.grid.xs, self.grid.ys
        return (
            round(xs[span.col], 2),
            round(ys[span.row], 2),
            round(xs[span.col + span.col_span], 2),
            round(ys[span.row + span.row_span], 2),
        )


class _Regions:
    """Union-find over grid positions (row-major indices)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def lay_out(grid: Grid) -> Layout:
    """Decide the merged cells of `grid` from its rules.

    A row without a single rule between its columns (a full-width row, or the unprinted
    gap between two parts of a table) is one cell and is never merged with the rows
    above or below it: where an unruled spacer column crosses it, the two would otherwise
    join into one shape whose bounding rectangle swallows the whole table.
    """
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    regions = _Regions(n_rows * n_cols)
    open_rows = set(range(n_rows)) if n_cols > 1 else set()
    for col in range(1, n_cols):
        near = _near(grid.v_rules, grid.xs[col])
        for row in range(n_rows):
            if not _ruled(near, grid.ys[row], grid.ys[row + 1]):
                regions.union(row * n_cols + col - 1, row * n_cols + col)
            else:
                open_rows.discard(row)
    for row in range(1, n_rows):
        if {row - 1, row} & open_rows:
            continue
        near = _near(grid.h_rules, grid.ys[row])
        for col in range(n_cols):
            if not _ruled(near, grid.xs[col], grid.xs[col + 1]):
                regions.union((row - 1) * n_cols + col, row * n_cols + col)
    rects = _rectangles(n_rows, n_cols, regions)
    spans = tuple(Span(r0, c0, r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in sorted(rects))
    return _with_spans(grid, spans)


def _with_spans(grid: Grid, spans: tuple[Span, ...]) -> Layout:
    """The layout of `grid` whose cells are `spans` (in row, then column order)."""
    owner = [[0] * (len(grid.xs) - 1) for _ in range(len(grid.ys) - 1)]
    for index, span in enumerate(spans):
        for r in range(span.row, span.row + span.row_span):
            for c in range(span.col, span.col + span.col_span):
                owner[r][c] = index
    return Layout(grid=grid, spans=spans, owner=tuple(tuple(row) for row in owner))


def split_at_gaps(layout: Layout, words: Sequence[Word]) -> Layout:
    """`layout` with each one-row merged cell of an image grid split at the inner column
    boundaries that stand in a gap of at least SPLIT_GAP_RATIO text heights between its
    words, with words on both sides and none across.

    On a page image a light border can be lost to the threshold (a pale rule in a
    coloured row), and the row's cells then read as one; on a vector page a missing
    border is the document's own, and the layout is returned unchanged. Text that runs
    across a boundary, or sits on one side of it only, keeps its cell merged.
    """
    if layout.grid.source != "image":
        return layout
    spans: list[Span] = []
    for span in layout.spans:
        if span.row_span != 1 or span.col_span < 2:
            spans.append(span)
            continue
        x0, top, x1, bottom = layout.span_bbox(span)
        inside = [
            w
            for w in words
            if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
        ]
        inner = range(span.col + 1, span.col + span.col_span)
        cuts = [c for c in inner if _gap_at(layout.grid.xs[c], inside)]
        bounds = [span.col, *cuts, span.col + span.col_span]
        spans.extend(Span(span.row, a, span.row_span, b - a) for a, b in pairwise(bounds))
    if len(spans) == len(layout.spans):
        return layout
    return _with_spans(layout.grid, tuple(sorted(spans, key=lambda s: (s.row, s.col))))


def _gap_at(x: float, words: Sequence[Word]) -> bool:
    """True when `words` lie on both sides of `x`, none across it, and the gap around it
    is at least SPLIT_GAP_RATIO of their median height wide."""
    left = [w for w in words if w.x1 <= x]
    right = [w for w in words if w.x0 >= x]
    if not left or not right or len(left) + len(right) < len(words):
        return False
    height = statistics.median(w.bottom - w.top for w in words)
    return min(w.x0 for w in right) - max(w.x1 for w in left) >= SPLIT_GAP_RATIO * height


def _near(rules: Sequence[Rule], at: float) -> list[Rule]:
    return [rule for rule in rules if abs(rule.at - at) <= RULE_TOLERANCE]


def _ruled(rules: Sequence[Rule], start: float, end: float) -> bool:
    """True when `rules` cover at least RULED_SHARE of [start, end]."""
    length = end - start
    if length <= 0:
        return True
    pieces = sorted(
        (max(r.start, start), min(r.end, end)) for r in rules if r.end > start and r.start < end
    )
    covered, reach = 0.0, start
    for lo, hi in pieces:
        lo = max(lo, reach)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered >= RULED_SHARE * length


def _rectangles(n_rows: int, n_cols: int, regions: _Regions) -> list[tuple[int, int, int, int]]:
    """Grow connected regions to their bounding rectangles until none overlap.

    Returns (first row, first col, last row, last col) per region.
    """
    while True:
        bounds: dict[int, tuple[int, int, int, int]] = {}
        for r in range(n_rows):
            for c in range(n_cols):
                root = regions.find(r * n_cols + c)
                r0, c0, r1, c1 = bounds.get(root, (r, c, r, c))
                bounds[root] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
        changed = False
        for root, (r0, c0, r1, c1) in bounds.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    changed |= regions.union(root, r * n_cols + c)
        if not changed:
            return list(bounds.values())


def cut_words(layout: Layout, words: Sequence[Word]) -> int:
    """How many words a ruled boundary inside the grid passes through.

    A word cut by a rule means the grid misplaces a rule, or the text overflows its
    cell; either way the grid's cells cannot hold that text exactly.
    """
    grid = layout.grid
    cuts = 0
    for word in words:
        cy = (word.top + word.bottom) / 2
        position = layout.position((word.x0 + word.x1) / 2, cy)
        if position is None:
            continue
        row = position[0]
        for x in grid.xs[1:-1]:
            if word.x0 < x - CUT_MARGIN and word.x1 > x + CUT_MARGIN:
                left = layout.position(x - CUT_MARGIN, cy)
                right = layout.position(x + CUT_MARGIN, cy)
                if left and right and layout.owner[row][left[1]] != layout.owner[row][right[1]]:
                    cuts += 1
                    break
    return cuts


def to_raw_table(
    layout: Layout,
    page: int,
    index: int,
    texts: Mapping[int, str],
    shades: Sequence[BBox] = (),
) -> RawTable:
    """The full grid of `layout` as a RawTable; `texts` maps span index to cell text.

    Anchors carry their span's bbox, and are `shaded` when the `shades` (filled
    backgrounds) cover over half of it; a covered cell carries its own grid position's
    bbox.
    """
    cells = []
    for r in range(layout.n_rows):
        for c in range(layout.n_cols):
            span_index = layout.owner[r][c]
            span = layout.spans[span_index]
            anchor = (span.row, span.col)
            if anchor == (r, c):
                cells.append(
                    RawCell(
                        row=r,
                        col=c,
                        text=texts.get(span_index, ""),
                        row_span=span.row_span,
                        col_span=span.col_span,
                        bbox=layout.span_bbox(span),
                        shaded=_shaded(layout.span_bbox(span), shades),
                    )
                )
            else:
                cells.append(
                    RawCell(
                        row=r,
                        col=c,
                        covered=True,
                        anchor=anchor,
                        bbox=layout.span_bbox(Span(r, c, 1, 1)),
                    )
                )
    grid = layout.grid
    return RawTable(
        page=page,
        index=index,
        bbox=(
            round(grid.xs[0], 2),
            round(grid.ys[0], 2),
            round(grid.xs[-1], 2),
            round(grid.ys[-1], 2),
        ),
        n_rows=layout.n_rows,
        n_cols=layout.n_cols,
        source=grid.source,
        cells=tuple(cells),
    )


def _shaded(box: BBox, shades: Sequence[BBox]) -> bool:
    """True when `shades` cover over half of `box` (shades of one table do not overlap)."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area > 0 and sum(overlap_area(box, shade) for shade in shades) * 2 > area
