"""The semicolon between the items of an inline list, put back where OCR read a colon.

Many cells run a short list into one sentence: '1) Agen ditetapkan; 2) Role model
ditetapkan', 'kantor: a. pemantauan kuota; b. pengarsipan naskah'. A semicolon is a comma
with a stop over it, and on a scan OCR may read the comma's tail away: PermenPANRB
52/2014's LKE prints 'sesuai dengan rencana; c. Sebagian kecil', read 'rencana: c.'.

A colon opens a list; it never stands between two of its items. So a colon just before
the next label of a list ('2)' after '1)', 'c.' after 'b.') on an OCR'd row is a misread
semicolon, where the table's other lists separate their items with semicolons: in more
distinct cells than use anything else there, and in at least MIN_AGREEING. A comma there
is left as read, though OCR may have lost a semicolon's stop: authors write commas too
(the 2022 seed prints 'pengaduan, 2. Adanya pejabat ...; 3. Terdapat').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from normalize.grid import GridRow, edit_ocr_cells

MIN_AGREEING = 3
"""Cells separating items with semicolons the table must print before a colon is changed."""

_LABEL = re.compile(r"(?:^|(?<=\s))(\d{1,2}|[a-z])([.)])(?=\s)")
_SEPARATOR = re.compile(r"([;,:])\s+$")


def _successor(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _separators(text: str) -> list[tuple[int, str]]:
    """(offset, character) of each separator in `text` that stands just before the next
    label of a list whose previous label comes earlier in the text ('; 2)' after '1)')."""
    found = []
    previous: re.Match[str] | None = None
    for label in _LABEL.finditer(text):
        follows = previous is not None and (
            label.group(1) == _successor(previous.group(1)) and label.group(2) == previous.group(2)
        )
        if follows and previous is not None:
            separator = _SEPARATOR.search(text, previous.end(), label.start())
            if separator:
                found.append((separator.start(1), separator.group(1)))
        previous = label
    return found


def agree_list_separators(
    rows: Sequence[GridRow], ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with each colon before the next label of an inline list on an OCR'd row made
    a semicolon, when more of the table's distinct cells separate items with a
    semicolon than with anything else, and at least MIN_AGREEING do; each change is an
    edit of kind 'ocr_confusion'.

    Invariant: rows on native pages come back unchanged; only a colon before a next label
    ever changes, and only to ';'.
    """
    styles: Counter[str] = Counter()
    for text in {cell for row in rows for cell in row.cells}:
        chars = {char for _, char in _separators(text)}
        styles.update(["semicolon"] if ";" in chars else [])
        styles.update(["other"] if chars - {";"} else [])
    if styles["semicolon"] < MIN_AGREEING or styles["semicolon"] <= styles["other"]:
        return tuple(rows)

    def agreed(text: str) -> str:
        for offset, char in _separators(text):
            if char == ":":
                text = text[:offset] + ";" + text[offset + 1 :]
        return text

    return edit_ocr_cells(rows, ocr_pages, agreed, "ocr_confusion")
