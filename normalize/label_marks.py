"""The mark after a numbered label, restored where OCR lost it: 'Kolom 1 -' -> 'Kolom 1 ='.

A legend under a form prints one label a row ('Kolom 1 =', 'Kolom 2 =', ...), each with
the same mark before its explanation. OCR reads a thin or faint '=' as one stroke ('-',
'—') or drops it. The column itself says what the mark is: when every filled cell of a
column is a numbered label with the same word, and most of them, at least
MIN_AGREEING, end in the same '=' or ':', the labels ending in a dash or in nothing get
that mark. Each change is recorded as an edit of kind 'ocr_label_mark'.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from normalize.grid import GridRow

MIN_AGREEING = 3
"""Labels that must show the mark before it is restored in the others."""

# A word, a number, and the mark that may follow: '=' or ':', or what OCR makes of them.
_LABEL = re.compile(r"^([^\W\d_]+)\s+(\d{1,3})\s*([=:]|[-–—~]{1,2})?$")
_MARKS = frozenset({"=", ":"})


def label_mark(texts: Sequence[str]) -> str | None:
    """The mark the labels of a column share, or None.

    Input: a column's cell texts. Output: '=' or ':' when every filled text is a
    numbered label ('Kolom 3 =') with the same word, and more than half of them, and at
    least MIN_AGREEING, end in that mark; else None.
    """
    labels = [_LABEL.match(" ".join(t.split())) for t in texts if t.strip()]
    if not labels or not all(labels):
        return None
    matched = [m for m in labels if m]
    if len({m.group(1).casefold() for m in matched}) != 1:
        return None
    mark, count = Counter(m.group(3) for m in matched).most_common(1)[0]
    if mark not in _MARKS or count < MIN_AGREEING or count * 2 <= len(matched):
        return None
    return str(mark)


def restore_label_marks(rows: Sequence[GridRow], ocr_pages: frozenset[int]) -> tuple[GridRow, ...]:
    """`rows` with the shared mark (`label_mark`) put back in each label cell of a column
    that ends in a dash or in nothing, in rows printed on `ocr_pages` (a native layer's
    text is the document's own).

    Input: a logical table's rows (one cell a column each). Invariant: a column without
    a shared mark, a label with another mark ('Kolom 4 :' among '='), and every row on
    native pages only are unchanged; a restored cell reads 'word number mark'.
    """
    restored = list(rows)
    for col in range(len(rows[0].cells) if rows else 0):
        mark = label_mark([row.cells[col] for row in rows])
        if mark is None:
            continue
        for i, row in enumerate(restored):
            found = _LABEL.match(" ".join(row.cells[col].split()))
            if found and found.group(3) not in _MARKS and ocr_pages & set(row.pages):
                text = f"{found.group(1)} {found.group(2)} {mark}"
                restored[i] = row.with_cell(col, text, "ocr_label_mark")
    return tuple(restored)
