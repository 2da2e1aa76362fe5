"""One page's tables: choose between the grid finders, then fill cells with their words.

The primary grids (camelot's, or the page image's) come first. pdfplumber's are the
second opinion: pdfplumber grids replace the primary grid they overlap when they cut
fewer words (a rule through a word means a misplaced rule or a missed one), or as few
while holding more words (the primary found only part of the table); where no primary
grid lies, they are used as they are.
A grid with a single cell is a ruled box, not a table, and is dropped; so is a frame
whose rules cut through the words it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract.build_table import Layout, cut_words, lay_out, split_at_gaps, to_raw_table
from extract.find_grids import RULE_MARGIN, Grid, distinct, overlap_area, with_rules
from extract.read_lines import cell_text
from extract.read_words import Char, Word, read_words
from schemas.decree import PipelineWarning
from schemas.raw import BBox, RawTable

OVERLAP = 0.5
"""Two grids describe the same table when their intersection is over half the smaller."""
STACK_GAP = 12.0
"""Points between two grids of the same width below which they are one table: less than
a line of text, so nothing (a caption) can be printed between them."""


@dataclass(frozen=True)
class PageTables:
    """A page's tables, and its words with the table cell each belongs to."""

    tables: tuple[RawTable, ...]
    words: tuple[Word, ...]
    warnings: tuple[PipelineWarning, ...]


def read_page_tables(
    page: int,
    chars: Sequence[Char],
    plain_words: Sequence[Word],
    primary: Sequence[Grid],
    second: Sequence[Grid],
    text_flow: bool,
    shades: Sequence[BBox] = (),
) -> PageTables:
    """Tables of one page from candidate grids and the page's characters.

    `plain_words` are the page's words built without zones (to judge grids by);
    `text_flow` is passed to `read_words`; `shades` are the page's filled backgrounds.
    """
    layouts = choose_layouts(primary, second, plain_words)
    layouts = join_stacked(sorted(layouts, key=lambda lay: (lay.grid.ys[0], lay.grid.xs[0])))
    layouts = [split_at_gaps(layout, plain_words) for layout in layouts]
    # A '|' the OCR layer kept after a letter (`ocr_chars`) lying on a rule is the rule.
    chars = [
        c
        for c in chars
        if c["text"] != "|" or not _on_rule(c["x0"], c["top"], c["x1"], c["bottom"], layouts)
    ]
    plain_words = [
        w
        for w in plain_words
        if w.text != "|" or not _on_rule(w.x0, w.top, w.x1, w.bottom, layouts)
    ]

    def zone_of(char: Char) -> tuple[int, int] | None:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        for index, layout in enumerate(layouts):
            position = layout.position(cx, cy)
            if position is not None:
                return index, layout.owner[position[0]][position[1]]
        return None

    words = read_words(chars, zone_of, text_flow)
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if isinstance(word.zone, tuple):
            by_cell.setdefault(word.zone, []).append(word)
    tables = tuple(
        to_raw_table(
            layout,
            page,
            index,
            {
                span: cell_text(cell_words)
                for (table, span), cell_words in by_cell.items()
                if table == index
            },
            shades,
        )
        for index, layout in enumerate(layouts)
    )
    warnings = tuple(
        PipelineWarning(
            code="text_crosses_rule",
            message=f"Table {index + 1} on page {page}: {cuts} word(s) run across a ruled "
            "cell border; their cells may hold parts of them.",
            page=page,
        )
        for index, layout in enumerate(layouts)
        if (cuts := cut_words(layout, plain_words))
    )
    return PageTables(tables=tables, words=tuple(words), warnings=warnings)


def _on_rule(x0: float, top: float, x1: float, bottom: float, layouts: Sequence[Layout]) -> bool:
    """True when the middle of a box lies within RULE_MARGIN of a vertical rule of
    `layouts`, along the rule's extent."""
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    return any(
        abs(rule.at - cx) <= RULE_MARGIN
        and rule.start - RULE_MARGIN <= cy <= rule.end + RULE_MARGIN
        for layout in layouts
        for rule in layout.grid.v_rules
    )


def join_stacked(layouts: Sequence[Layout]) -> list[Layout]:
    """`layouts` (top to bottom) with each grid that starts less than STACK_GAP below a
    grid of the same width joined to it: a header bar drawn apart from the body, or a
    closing row set off by a thin gap, is one table.
    """
    joined: list[Layout] = []
    for layout in layouts:
        above = joined[-1].grid if joined else None
        grid = layout.grid
        if (
            above is not None
            and 0 <= grid.ys[0] - above.ys[-1] < STACK_GAP
            and abs(grid.xs[0] - above.xs[0]) <= RULE_MARGIN
            and abs(grid.xs[-1] - above.xs[-1]) <= RULE_MARGIN
        ):
            joined[-1] = lay_out(_stack(above, grid))
        else:
            joined.append(layout)
    return joined


def _stack(above: Grid, below: Grid) -> Grid:
    """One grid of `above` and `below`; the gap between them is a row without rules,
    which lay_out keeps apart from the rows around it."""
    return with_rules(
        distinct((*above.xs, *below.xs)),
        distinct((*above.ys, *below.ys)),
        (*above.v_rules, *below.v_rules),
        (*above.h_rules, *below.h_rules),
        below.source,
    )


def choose_layouts(
    primary: Sequence[Grid], second: Sequence[Grid], words: Sequence[Word]
) -> list[Layout]:
    """The grids to use: `primary` unless `second` does better on the same area.

    A grid whose rules run through as many words as it has cells is a frame drawn over
    running text (a letter format whose border crosses its lines), not a table, and is
    left out: its text stays in the page lines.
    """
    firsts = [lay for lay in map(lay_out, primary) if len(lay.spans) > 1]
    seconds = [lay for lay in map(lay_out, second) if len(lay.spans) > 1]
    chosen: list[Layout] = []
    for first in firsts:
        rivals = [lay for lay in seconds if _overlaps(first.grid, lay.grid)]
        first = _trim_unseen(first, rivals)
        if rivals and _better(rivals, first, words):
            chosen.extend(r for r in rivals if not _overlaps_any(r, chosen))
        elif not _overlaps_any(first, chosen):
            chosen.append(first)
    chosen.extend(lay for lay in seconds if not _overlaps_any(lay, chosen))
    return [lay for lay in chosen if cut_words(lay, words) < len(lay.spans)]


def _overlaps_any(layout: Layout, others: Sequence[Layout]) -> bool:
    return any(_overlaps(layout.grid, other.grid) for other in others)


def _trim_unseen(first: Layout, rivals: Sequence[Layout]) -> Layout:
    """`first` without an outermost column that lies wholly outside every rival.

    Camelot reads rules without their colour; pdfplumber's grids are built from visible
    rules only (see find_grids). A border column that pdfplumber leaves out is bounded by
    rules painted white: a hidden spreadsheet column, not part of the printed table. Rows
    are not trimmed (a continued table's first row may lack its top rule, which only
    camelot makes up), nor a strip wider than one column (pdfplumber may have found only
    part of the table).
    """
    if not rivals:
        return first
    x0 = min(r.grid.xs[0] for r in rivals) - RULE_MARGIN
    x1 = max(r.grid.xs[-1] for r in rivals) + RULE_MARGIN
    grid = first.grid
    xs = _inside(grid.xs, x0, x1)
    if xs == grid.xs or len(xs) < 2:
        return first
    return lay_out(with_rules(xs, grid.ys, grid.v_rules, grid.h_rules, grid.source))


def _inside(bounds: tuple[float, ...], low: float, high: float) -> tuple[float, ...]:
    """`bounds` without one outermost boundary on each side lying outside [low, high]."""
    start = 1 if bounds[0] < low and bounds[1] >= low else 0
    end = len(bounds) - 1 if bounds[-1] > high and bounds[-2] <= high else len(bounds)
    return bounds[start:end]


def _better(rivals: Sequence[Layout], first: Layout, words: Sequence[Word]) -> bool:
    """True when `rivals` cut fewer words than `first`, or as few while holding more
    (camelot sometimes finds only part of a ruled table)."""
    first_cuts = cut_words(first, words)
    rival_cuts = sum(cut_words(r, words) for r in rivals)
    if rival_cuts != first_cuts:
        return rival_cuts < first_cuts
    return sum(_held(r, words) for r in rivals) > _held(first, words)


def _held(layout: Layout, words: Sequence[Word]) -> int:
    return sum(
        1 for w in words if layout.position((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) is not None
    )


def _overlaps(a: Grid, b: Grid) -> bool:
    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    shared = overlap_area(a.bbox, b.bbox)
    smaller = min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0))
    return shared > 0 and shared > OVERLAP * smaller
