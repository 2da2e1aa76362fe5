"""A grid ruled with fewer columns than the table it continues, spread over its columns.

A table's last row printed alone atop the next page (a 'Total' row, photographed apart
from the pages before it) is ruled only where its own cells end: its 'Total' cell runs
across the No. and Nama Desa columns without a border between them. Its borders, as
shares of the table's width, are where some borders of the table before it are (the
pages may differ in size and scale, so points are not compared); each of its cells then
spans the columns between its own borders.
"""

from __future__ import annotations

from statistics import median

from schemas.raw import RawCell, RawTable

MATCH_SHARE = 1 / 3
"""How far off a border may be, as a share of the narrower column beside the border it
is matched to: a photographed page is not drawn to the scale of the one before."""


def borders(table: RawTable) -> tuple[float, ...]:
    """The x of each column's left border, then the table's right edge."""
    lefts = [
        median(table.cell(r, c).bbox[0] for r in range(table.n_rows)) for c in range(table.n_cols)
    ]
    return (*lefts, table.bbox[2])


def _shares(xs: tuple[float, ...]) -> tuple[float, ...]:
    width = xs[-1] - xs[0]
    return tuple((x - xs[0]) / width for x in xs) if width > 0 else ()


def column_map(coarse: RawTable, fine: RawTable) -> tuple[int, ...] | None:
    """For each border of `coarse` (edges included), the index of the border of `fine` at
    the same share of the table's width; None when `coarse` has no fewer columns or one
    of its borders is at no border of `fine`."""
    have, want = _shares(borders(coarse)), _shares(borders(fine))
    if not have or not want or coarse.n_cols >= fine.n_cols:
        return None
    mapped = [0]
    for share in have[1:-1]:
        j = min(range(1, len(want) - 1), key=lambda k: abs(want[k] - share))
        narrower = min(want[j] - want[j - 1], want[j + 1] - want[j])
        if j <= mapped[-1] or abs(want[j] - share) >= narrower * MATCH_SHARE:
            return None
        mapped.append(j)
    mapped.append(len(want) - 1)
    return tuple(mapped)


def spread(coarse: RawTable, fine: RawTable, mapped: tuple[int, ...]) -> RawTable:
    """`coarse` as a grid of `fine`'s columns (`mapped` from `column_map`): each cell
    spans the columns between its own borders, and the positions it now covers are
    explicit covered cells."""
    have, want = borders(coarse), _shares(borders(fine))
    left, width = have[0], have[-1] - have[0]
    xs = [left + share * width for share in want]
    for c, j in enumerate(mapped):
        xs[j] = have[c]
    cells: list[RawCell] = []
    for r in range(coarse.n_rows):
        for col in range(fine.n_cols):
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
    return coarse.model_copy(update={"n_cols": fine.n_cols, "cells": tuple(cells)})
