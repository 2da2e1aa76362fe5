"""Component numbers printed on every row of a merged component cell, put back where OCR
misread one of them: '1.1' beside a component's first row read 'tt', '3.1' read '38'.

Some plans print the component's number ('1.1', 'A.2') in a NO column on each row while
the component's name is one cell merged down over those rows. The rows of one merged cell
belong to one component, so they carry one number: where the dotted readings of a merged
cell's rows all agree, an OCR'd reading among them that is no dotted number ('tt', '3',
'2:2', '38') is that number misread. A reading that is dotted but differs ('1.7' beside
'1.1') could be either one's error and is left alone, and so is a number column that
prints no dotted numbers (a row counter: 1, 2, 3 under one component).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.grid import GridRow
from normalize.item_numbers import MIN_DOTTED

_DOTTED = re.compile(r"^[0-9A-Z]{1,3}(?:\.\d{1,2})+$")


def _merged_runs(rows: Sequence[GridRow], text_col: int) -> list[range]:
    """Index ranges of the rows each merged cell of column `text_col` spans on its page:
    its own row and the rows below it that it covers."""
    runs: list[range] = []
    for i, row in enumerate(rows):
        if row.covered[text_col] or not row.row_spans or row.row_spans[text_col] < 2:
            continue
        end = i + 1
        while end < len(rows) and rows[end].covered[text_col]:
            end += 1
        if end - i > 1:
            runs.append(range(i, end))
    return runs


def agree_component_numbers(
    rows: Sequence[GridRow],
    number_col: int | None,
    text_col: int | None,
    ocr_pages: frozenset[int],
) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd component number that is no dotted number, in a run of rows
    one merged component cell spans, replaced by the dotted number the run's other rows
    agree on; each change is an edit of kind 'ocr_confusion'.

    Input: a logical table's rows; `number_col` and `text_col` the columns of the
    component's number and name (None: the header maps none). Invariant: unchanged when
    either column is missing from the rows or the number column prints fewer than
    MIN_DOTTED dotted numbers; rows on native pages, empty cells and dotted readings are
    never changed.
    """
    width = len(rows[0].cells) if rows else 0
    if number_col is None or text_col is None or max(number_col, text_col) >= width:
        return tuple(rows)
    readings = [row.cells[number_col].strip() for row in rows]
    if sum(1 for text in readings if _DOTTED.match(text)) < MIN_DOTTED:
        return tuple(rows)
    restored = list(rows)
    for run in _merged_runs(rows, text_col):
        agreed = {readings[i] for i in run if _DOTTED.match(readings[i])}
        if len(agreed) != 1:
            continue
        (number,) = agreed
        for i in run:
            misread = readings[i] and not _DOTTED.match(readings[i])
            if misread and ocr_pages & set(rows[i].pages):
                restored[i] = rows[i].with_cell(number_col, number, "ocr_confusion")
    return tuple(restored)
