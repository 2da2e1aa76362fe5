"""Words a narrow cell broke without a hyphen -> whole again, on the document's evidence.

A spreadsheet wraps a word longer than its column inside the word ('Jumla' / 'h KK Miski'
/ 'n'; 'Pemerinta' / 'han'). Only the document itself decides: the two pieces are joined
when the whole word is printed elsewhere in the document at least as often as the first
piece stands alone, and the second piece starts in lower case. Prose wrapped at a space
('kegiatan' / 'yang') never forms a word the document prints, so it stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from normalize.stitch_pages import LogicalTable

_TAIL = re.compile(r"([^\W\d_]+)$")
_HEAD = re.compile(r"^([a-z][^\W\d_]*)")


def mend_breaks(text: str, counts: Mapping[str, int], separator: str = "\n") -> str:
    """`text` with each word broken at a `separator` joined again (see the module).

    Inputs: a cell's text, the document's `fold_text.word_counts`, and where the cell broke its
    lines ('\\n' for cell text; ' ' for a header already joined into one line). Output:
    the text with those separators removed; unchanged when no whole word is printed.
    """
    pieces = text.split(separator)
    out = pieces[0]
    for piece in pieces[1:]:
        out += piece if joins_word(out, piece, counts) else separator + piece
    return out


def joins_word(before: str, after: str, counts: Mapping[str, int]) -> bool:
    """True when the word `before` ends on and the lower-case piece `after` starts with
    are one word the document prints (`counts`) at least as often as the first piece
    alone ('Dokume' + 'n' -> 'Dokumen'); False when either side has no such piece."""
    tail, head = _TAIL.search(before), _HEAD.match(after)
    if not (tail and head):
        return False
    whole = (tail.group(1) + head.group(1)).casefold()
    return counts.get(whole, 0) >= max(1, counts.get(tail.group(1).casefold(), 0))


def mend_table(
    table: LogicalTable, counts: Mapping[str, int], native_pages: frozenset[int]
) -> LogicalTable:
    """`table` with broken words mended in its printed header and in the cells of rows
    printed on native pages only (OCR'd text has its own repair); each mended cell is
    recorded as a 'broken_word' edit of its row."""
    header = table.header
    if header is not None:
        printed = tuple(mend_breaks(text, counts, " ") for text in header.printed)
        header = replace(header, printed=printed)
    rows = []
    for row in table.rows:
        if set(row.pages) <= native_pages:
            for col, text in enumerate(row.cells):
                mended = mend_breaks(text, counts)
                if mended != text:
                    row = row.with_cell(col, mended, "broken_word")
        rows.append(row)
    return replace(table, header=header, rows=tuple(rows))
