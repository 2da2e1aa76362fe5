"""The case of a word's first letter where OCR misjudged it from the letter's size alone.

The capitals of c, o, s, u, v, w, x and z are their small letters drawn larger, so OCR
tells them apart by size only, and a scan's blur or a heavy stroke tips it: 'monitoring
Capaian rencana', 'Bagian Tata usaha' (probes 16 and 29), 'Terwujudnya sistem
Pemerintahan' (probe 10). The table itself says which case was printed. A word whose neighbours on both
sides are written in the other case, and whose other form the table prints in more cells
than this one, is written in that form: 'capaian' among lower-case words when 'capaian'
stands in two other cells, 'Usaha' after 'Tata' when 'Usaha' does.

A word opening its cell, a line or a sentence (after a stop, a colon or a list label,
'b,' included) may be capitalised for that reason alone and is left as read, and so are
words written in capitals ('SOP'), words with capitals inside ('e-Office', 'SuperApp')
and words of fewer than MIN_LETTERS letters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from normalize.grid import GridRow, edit_ocr_cells

SIZE_ONLY = frozenset("cosuvwxz")
"""Letters whose capital is the small letter enlarged."""
MIN_LETTERS = 4
"""Shorter words ('Ke', 'SK', 'oleh' is four) are left as read."""
MIN_ATTESTED = 2
"""Cells that must print the other form before a word is written in it."""

_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?)"
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.:;!?]$|^(?:\d{1,2}|[a-zA-Z])[.,)]$|^[-•▪●◦]$")
"""A word after which the next opens a sentence or a list item: a stop, or a label ('b.',
'2)', and 'b,' as OCR reads a label's stop)."""


def _cased(word: str) -> str | None:
    """'lower' or 'title' for a word of letters written so, None for anything else."""
    if word.islower():
        return "lower"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return None


def _other_form(word: str) -> str:
    first = word[0]
    return (first.lower() if first.isupper() else first.upper()) + word[1:]


def _candidates(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, other form) of each word of `text` that its neighbours write in the
    other case: a word of SIZE_ONLY initial and MIN_LETTERS letters or more, inside a
    sentence and not opening a line (a cell's lines may be items of an unmarked list),
    whose neighbours (the words before and after it, across a wrapped line; the one before
    only when it does not itself open the sentence; at least one) are all cased the other
    way."""
    found = []
    tokens = list(_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        word = token.group().rstrip(_TRAILING)
        if (
            _opens(text, tokens, i)
            or not _WORD.fullmatch(word)
            or len(word) < MIN_LETTERS
            or word[0].lower() not in SIZE_ONLY
        ):
            continue
        case = _cased(word)
        if case is None:
            continue
        # A word opening its sentence is capitalised for that alone: no evidence of case.
        neighbours = [] if _opens(text, tokens, i - 1) else [tokens[i - 1].group()]
        if i + 1 < len(tokens):
            neighbours.append(tokens[i + 1].group().rstrip(_TRAILING))
        other = "title" if case == "lower" else "lower"
        if neighbours and all(_cased(n) == other for n in neighbours):
            found.append((token.start(), word, _other_form(word)))
    return found


def _opens(text: str, tokens: Sequence[re.Match[str]], i: int) -> bool:
    """True when token `i` of `text` opens the cell, a line or a sentence (or list item)."""
    return (
        i == 0
        or "\n" in text[tokens[i - 1].end() : tokens[i].start()]
        or _SENTENCE_END.search(tokens[i - 1].group()) is not None
    )


def agree_letter_case(rows: Sequence[GridRow], ocr_pages: frozenset[int]) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd word whose first letter's case disagrees with both its
    neighbours (`_candidates`) written in the other case, where the table's distinct cell
    texts print that form in at least MIN_ATTESTED cells and in more cells than this
    one's; each change is an edit of kind 'ocr_confusion'.

    Invariant: rows on native pages come back unchanged, and only the case of a word's
    first letter ever changes.
    """
    forms: Counter[str] = Counter()
    for text in {cell for row in rows for cell in row.cells}:
        forms.update(set(_WORD.findall(text)))

    def agreed(text: str) -> str:
        for offset, word, other in _candidates(text):
            if forms[other] >= MIN_ATTESTED and forms[other] > forms[word]:
                text = text[:offset] + other + text[offset + len(word) :]
        return text

    return edit_ocr_cells(rows, ocr_pages, agreed, "ocr_confusion")
