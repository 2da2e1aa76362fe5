"""A grid ruled with fewer columns than the table it continues, spread over its columns.

A table's last row printed alone atop the next page (a 'Total' row, photographed apart
from the pages before it) is ruled only where its own cells end: its 'Total' cell runs
across the No. and Nama Desa columns without a border between them. Its borders, as
shares of the table's width, are where some borders of the table before it are (the
pages may differ in size and scale, so points are not compared); each of its cells then
spans the columns between its own borders. Two grids that each rule a border or two the
other lacks (a stray border at the edge of a shaded band) are both spread over the
borders of the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from schemas.raw import RawCell, RawTable

MATCH_SHARE = 1 / 3
"""How far off a border may be, as a share of the narrowest column beside it or the
border it is matched to: a photographed page is not drawn to the scale of the one before."""
STRAY_SHARE = 1 / 4
"""At most this share of a grid's inner borders may be missing from the grid it is joined
with (`joint_columns`); more, and the two grids are ruled differently, not once astray."""


def borders(table: RawTable) -> tuple[float, ...]:
    """The x of each column's left border, then the table's right edge."""
    lefts = [
        median(table.cell(r, c).bbox[0] for r in range(table.n_rows)) for c in range(table.n_cols)
    ]
    return (*lefts, table.bbox[2])


def shares(table: RawTable) -> tuple[float, ...]:
    """`borders` of `table` as shares of its width, 0.0 first and 1.0 last."""
    return _shares(borders(table))


def _shares(xs: tuple[float, ...]) -> tuple[float, ...]:
    width = xs[-1] - xs[0]
    return tuple((x - xs[0]) / width for x in xs) if width > 0 else ()


def column_map(coarse: RawTable, fine: RawTable) -> tuple[int, ...] | None:
    """For each border of `coarse` (edges included), the index of the border of `fine` at
    the same share of the table's width (`_close`); None when `coarse` has no fewer
    columns or one of its borders is at no border of `fine`."""
    have, want = _shares(borders(coarse)), _shares(borders(fine))
    if not have or not want or coarse.n_cols >= fine.n_cols:
        return None
    mapped = [0]
    for i, share in enumerate(have[1:-1], start=1):
        j = min(range(1, len(want) - 1), key=lambda k: abs(want[k] - share))
        if j <= mapped[-1] or not _close(have, i, want, j):
            return None
        mapped.append(j)
    mapped.append(len(want) - 1)
    return tuple(mapped)


@dataclass(frozen=True)
class JointColumns:
    """The columns of two grids ruled alike but for a few borders of each, taken together."""

    shares: tuple[float, ...]
    """Every border of either grid, as a share of the width, edges included."""
    first: tuple[int, ...]
    """For each border of the first grid, its index in `shares`."""
    second: tuple[int, ...]
    """For each border of the second grid, its index in `shares`."""


def joint_columns(first: RawTable, second: RawTable) -> JointColumns | None:
    """The borders of `first` and `second` taken together, when each grid has a border the
    other lacks but no more than STRAY_SHARE of its inner borders are such (a page that
    rules a stray border in a shaded band, next to one that rules another elsewhere);
    None otherwise, and when either grid's borders are all the other's (`column_map`).

    Borders are matched in order by their shares of the width, as in `column_map`.
    """
    a, b = shares(first), shares(second)
    if len(a) < 3 or len(b) < 3:
        return None
    joint: list[float] = [0.0]
    in_a, in_b = [0], [0]
    i, j = 1, 1
    while i < len(a) - 1 or j < len(b) - 1:
        if i < len(a) - 1 and j < len(b) - 1 and _close(a, i, b, j):
            in_a.append(len(joint))
            in_b.append(len(joint))
            joint.append(a[i])
            i, j = i + 1, j + 1
        elif j == len(b) - 1 or (i < len(a) - 1 and a[i] < b[j]):
            in_a.append(len(joint))
            joint.append(a[i])
            i += 1
        else:
            in_b.append(len(joint))
            joint.append(b[j])
            j += 1
    in_a.append(len(joint))
    in_b.append(len(joint))
    joint.append(1.0)
    stray_a = len(joint) - len(b)
    stray_b = len(joint) - len(a)
    if not (
        0 < stray_a <= (len(a) - 2) * STRAY_SHARE and 0 < stray_b <= (len(b) - 2) * STRAY_SHARE
    ):
        return None
    return JointColumns(shares=tuple(joint), first=tuple(in_a), second=tuple(in_b))


def same_borders(a: RawTable, b: RawTable) -> bool:
    """True when `a` and `b` have as many columns and each inner border of one is at the
    same share of the width as the other's (`_close`)."""
    x, y = shares(a), shares(b)
    return (
        a.n_cols == b.n_cols
        and len(x) == len(y) > 0
        and all(_close(x, i, y, i) for i in range(1, len(x) - 1))
    )


def _close(a: tuple[float, ...], i: int, b: tuple[float, ...], j: int) -> bool:
    """True when border `i` of shares `a` is border `j` of shares `b`: nearer than
    MATCH_SHARE of the narrowest column beside either."""
    narrowest = min(a[i] - a[i - 1], a[i + 1] - a[i], b[j] - b[j - 1], b[j + 1] - b[j])
    return abs(a[i] - b[j]) < narrowest * MATCH_SHARE


def spread(coarse: RawTable, want: tuple[float, ...], mapped: tuple[int, ...]) -> RawTable:
    """`coarse` as a grid of the columns whose borders are `want` (shares of the width, as
    `shares` gives them); `mapped` gives each border of `coarse` its index in `want` (from
    `column_map` or `joint_columns`). Each cell spans the columns between its own
    borders, and the positions it now covers are explicit covered cells."""
    have = borders(coarse)
    left, width = have[0], have[-1] - have[0]
    xs = [left + share * width for share in want]
    for c, j in enumerate(mapped):
        xs[j] = have[c]
    cells: list[RawCell] = []
    for r in range(coarse.n_rows):
        for col in range(len(want) - 1):
            c = max(i for i in range(coarse.n_cols) if mapped[i] <= col)
            source = coarse.cell(r, c)
            row, first = source.anchor if source.covered and source.anchor else (r, c)
            anchor = coarse.cell(row, first)
            if (r, col) == (row, mapped[first]):
                span = mapped[first + anchor.col_span] - mapped[first]
                cells.append(anchor.model_copy(update={"col": col, "col_span": span}))
            else:
                box = (xs[col], source.bbox[1], xs[col + 1], source.bbox[3])
                cells.append(
                    RawCell(row=r, col=col, covered=True, anchor=(row, mapped[first]), bbox=box)
                )
    return coarse.model_copy(update={"n_cols": len(want) - 1, "cells": tuple(cells)})
