"""The separator between the items of an inline list, put back where OCR misread it.

Many cells run a short list into one sentence: '1) Agen ditetapkan; 2) Role model
ditetapkan', 'kantor: a. pemantauan kuota; b. pengarsipan naskah'. A semicolon is a comma
with a stop over it, and on a scan OCR often reads the stop away (',') or the comma's tail
away (':') (probe 9: '1) Kriteria anggota tim ditetapkan, 2) Seluruh unit terwakili').

A table keeps one style. Where the separators standing before the next label of a list
('; 2)' after '1)', '; b.' after 'a.') are semicolons in most cells, and in at least
MIN_AGREEING of them, a comma or colon in that place on an OCR'd row is a misread
semicolon. A table that separates its items with commas is left as it is, and so is any
punctuation not followed by the next label of its list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from normalize.grid import GridRow

MIN_AGREEING = 3
"""Semicolons before a next label the table must print before others are changed."""

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
    """`rows` with each comma or colon before the next label of an inline list on an OCR'd
    row made a semicolon, when more of the table's distinct cells separate items with a
    semicolon than with anything else, and at least MIN_AGREEING do; each change is an
    edit of kind 'ocr_confusion'.

    Invariant: rows on native pages come back unchanged; only a separator before a next
    label ever changes, and only to ';'.
    """
    styles: Counter[str] = Counter()
    for text in {cell for row in rows for cell in row.cells}:
        chars = {char for _, char in _separators(text)}
        styles.update(["semicolon"] if ";" in chars else [])
        styles.update(["other"] if chars - {";"} else [])
    if styles["semicolon"] < MIN_AGREEING or styles["semicolon"] <= styles["other"]:
        return tuple(rows)
    restored = list(rows)
    for index, row in enumerate(rows):
        if not ocr_pages & set(row.pages):
            continue
        for col, text in enumerate(row.cells):
            changed = text
            for offset, char in _separators(text):
                if char != ";":
                    changed = changed[:offset] + ";" + changed[offset + 1 :]
            if changed != text:
                restored[index] = restored[index].with_cell(col, changed, "ocr_confusion")
    return tuple(restored)
