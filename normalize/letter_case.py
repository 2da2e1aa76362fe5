"""The case of a word's first letter where OCR misjudged it from the letter's size alone.

The capitals of c, o, s, u, v, w, x and z are their small letters drawn larger, so OCR
tells them apart by size only, and a scan's blur or a heavy stroke tips it: 'monitoring
Capaian rencana', 'Bagian Tata usaha' (probes 16 and 29), 'Terwujudnya sistem
Pemerintahan' (probe 10). The table itself says which case was printed, by how it writes
the word among words of one case: 'capaian' between lower-case words, 'Usaha' after
'Tata' in a capitalised name. A word whose neighbours are all in the other case is
written as the table writes it in that company, when other cells do so at least
MIN_ATTESTED times and more often than as read: 'Laporan Capaian Kinerja' is no evidence
for 'monitoring Capaian rencana'.

A word opening its cell, a line or a sentence (after a stop, a colon or a list label,
'b,' included) may be capitalised for that reason alone: it is left as read and is no
neighbour's evidence. So are words written in capitals ('SOP'), words with capitals
inside ('e-Office', 'SuperApp') and words of fewer than MIN_LETTERS letters.
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
"""Cells that must write the word in the other form, in the same company."""

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


def _opens(text: str, tokens: Sequence[re.Match[str]], i: int) -> bool:
    """True when token `i` of `text` opens the cell, a line or a sentence (or list item)."""
    return (
        i == 0
        or "\n" in text[tokens[i - 1].end() : tokens[i].start()]
        or _SENTENCE_END.search(tokens[i - 1].group()) is not None
    )


def _in_company(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, company) of each word of `text` of MIN_LETTERS letters or more,
    written in lower case or capitalised, that opens no sentence or line (a cell's lines
    may be the items of an unmarked list) and whose neighbours are all 'lower' or all
    'title': that company. The neighbours are the words before and after it, across a
    wrapped line, the one before only when it does not open its sentence; at least one."""
    found = []
    tokens = list(_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        word = token.group().rstrip(_TRAILING)
        if _opens(text, tokens, i) or not _WORD.fullmatch(word) or len(word) < MIN_LETTERS:
            continue
        if _cased(word) is None:
            continue
        neighbours = [] if _opens(text, tokens, i - 1) else [tokens[i - 1].group()]
        if i + 1 < len(tokens):
            neighbours.append(tokens[i + 1].group().rstrip(_TRAILING))
        companies = {_cased(n) for n in neighbours}
        if len(companies) == 1 and None not in companies:
            found.append((token.start(), word, companies.pop() or ""))
    return found


def agree_letter_case(rows: Sequence[GridRow], ocr_pages: frozenset[int]) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd word of SIZE_ONLY initial whose case differs from its
    neighbours' (`_in_company`) written in the other case, where the table's distinct
    cells write it so in that company at least MIN_ATTESTED times and more often than as
    read; each change is an edit of kind 'ocr_confusion'.

    Invariant: rows on native pages come back unchanged, and only the case of a word's
    first letter ever changes.
    """
    usage: Counter[tuple[str, str]] = Counter()
    for text in {cell for row in rows for cell in row.cells}:
        usage.update({(company, word) for _, word, company in _in_company(text)})

    def agreed(text: str) -> str:
        for offset, word, company in _in_company(text):
            if word[0].lower() not in SIZE_ONLY or _cased(word) == company:
                continue
            other = (word[0].lower() if word[0].isupper() else word[0].upper()) + word[1:]
            written = usage[(company, other)]
            if written >= MIN_ATTESTED and written > usage[(company, word)]:
                text = text[:offset] + other + text[offset + len(word) :]
        return text

    return edit_ocr_cells(rows, ocr_pages, agreed, "ocr_confusion")
