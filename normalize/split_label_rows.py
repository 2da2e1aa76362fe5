"""Split a ruled row that holds several entries set apart by space instead of rules.

A box of notes ('Kolom 1 = Cukup jelas.', 'Kolom 2 = Diisi ...') is often drawn with its
frame and one vertical rule only: the grid sees one row. Its entries still line up as
rows: each label of the first column starts on the same line as its text in the next
column, and labels are set apart by a blank line or more (the lines of one wrapped text
have only their leading between them). A row is split at its labels when every label has
a line beside it, a blank line's height at least parts each label from the next, and
nothing in the row starts above the first label; each line then goes to the entry whose
label it is level with or below. This works on geometry only: the page's text lines and
the cell boxes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from statistics import median

from schemas.raw import RawCell, RawPage, RawTable, TextLine

MIN_LABELS = 3
"""Fewer labels than this are a cell's own lines (a name over a title), not entries."""
LABEL_SPACE_RATIO = 1.0
"""Labels with less white space between them than this many line heights are lines of
one wrapped text: their leading is 0.2-0.7 of a line height, whether a line's height is
its font size (a text layer) or its ink (OCR: 7 pt lines 11.5 pt apart)."""
LEVEL_RATIO = 0.5
"""A line starts level with a label when their tops differ by less than this many line
heights."""


def _inside(line: TextLine, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cuts(columns: Sequence[list[TextLine]]) -> list[float] | None:
    """Tops at which the row's entries start, or None when the row is one entry."""
    first = next((lines for lines in columns if lines), [])
    others = [line for lines in columns if lines is not first for line in lines]
    if len(first) < MIN_LABELS or not others:
        return None
    height = median(line.bbox[3] - line.bbox[1] for lines in columns for line in lines)
    tops = [line.bbox[1] for line in first]
    spaced = all(
        b.bbox[1] - a.bbox[3] >= LABEL_SPACE_RATIO * height for a, b in itertools.pairwise(first)
    )
    level = all(
        any(abs(other.bbox[1] - top) < LEVEL_RATIO * height for other in others) for top in tops
    )
    above = any(other.bbox[1] < tops[0] - LEVEL_RATIO * height for other in others)
    if not spaced or not level or above:
        return None
    return [top - LEVEL_RATIO * height for top in tops[1:]]


def _split_row(table: RawTable, row: int, page: RawPage) -> list[list[RawCell]] | None:
    """The cells of grid row `row` as several rows (indexed from `row`), or None when the
    row is one entry or its cells are not single-row cells whose text is their lines."""
    cells = table.row_cells(row)
    anchors = [cell for cell in cells if not cell.covered]
    if any(c.covered and (c.anchor is None or c.anchor[0] != row) for c in cells) or any(
        cell.row_span > 1 for cell in anchors
    ):
        return None
    columns = [[line for line in page.lines if _inside(line, cell.bbox)] for cell in anchors]
    if any(
        "\n".join(line.text for line in lines) != cell.text
        for cell, lines in zip(anchors, columns, strict=True)
    ):
        return None
    cuts = _cuts(columns)
    if cuts is None:
        return None
    top, bottom = anchors[0].bbox[1], anchors[0].bbox[3]
    bounds = [top, *cuts, bottom]
    split: list[list[RawCell]] = []
    for k, (start, end) in enumerate(itertools.pairwise(bounds)):
        parts = iter(columns)
        new_row: list[RawCell] = []
        for cell in cells:
            if cell.covered:
                anchor = (row + k, cell.anchor[1]) if cell.anchor else None
                new_row.append(cell.model_copy(update={"row": row + k, "anchor": anchor}))
                continue
            lines = [ln for ln in next(parts) if start <= (ln.bbox[1] + ln.bbox[3]) / 2 < end]
            box = (cell.bbox[0], start, cell.bbox[2], end)
            text = "\n".join(line.text for line in lines)
            new_row.append(cell.model_copy(update={"row": row + k, "bbox": box, "text": text}))
        split.append(new_row)
    return split


def _shifted(cell: RawCell, by: int) -> RawCell:
    anchor = (cell.anchor[0] + by, cell.anchor[1]) if cell.anchor else None
    return cell.model_copy(update={"row": cell.row + by, "anchor": anchor})


def split_label_rows(table: RawTable, page: RawPage | None) -> RawTable:
    """`table` with each row of several space-separated entries split into one row per
    entry; `page` is the table's page (its text lines).

    Invariant: every line of a split cell lands in exactly one of its parts; a table
    with no such row comes back unchanged (the same object).
    """
    if page is None:
        return table
    rows: list[list[RawCell]] = []
    changed = False
    for row in range(table.n_rows):
        split = _split_row(table, row, page)
        added = len(rows) - row
        if split is None:
            rows.append([_shifted(cell, added) for cell in table.row_cells(row)])
        else:
            rows.extend([_shifted(cell, added) for cell in part] for part in split)
            changed = True
    if not changed:
        return table
    return table.model_copy(
        update={"n_rows": len(rows), "cells": tuple(cell for row in rows for cell in row)}
    )
