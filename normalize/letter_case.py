"""The case of a word's first letter where OCR misjudged it from the letter's size alone.

The capitals of c, o, s, u, v, w, x and z are their small letters drawn larger, so OCR
tells them apart by size only, and a scan's blur or a heavy stroke tips it, most often at
the start of a line: 'monitoring' / 'Capaian rencana', 'dari Sasaran strategis' (probes
16, 28 and 29). The table itself says which case was printed, by how it writes the word
in the same company. A word whose two neighbours are both in the other case is written
as the table writes it between such words, when other cells do so at least MIN_ATTESTED
times and more often than as read. 'Laporan Capaian Kinerja' is no evidence for
'monitoring Capaian rencana'.

Only words inside a sentence count, with both neighbours inside it too. A sentence's
first word, after a stop, a colon, a list label ('b,' included) or a bullet, may be
capitalised for that reason alone. A capitalised word opening a line is taken only when
the cell's other lines start in lower case, so that a sentence wraps onto it; otherwise
the lines may be the items of an unmarked list. Left as read: words in capitals ('SOP'),
words with capitals inside ('e-Office'), words of fewer than MIN_LETTERS letters, and a
word at a cell's end or after its first word ('Bagian Tata usaha', 'Per semester'), where
one neighbour is too little to go on ('di lingkungan Satuan Kerja' is printed so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from normalize.grid import GridRow, edit_ocr_cells
from normalize.split_lists import BULLET_MARK

SIZE_ONLY = frozenset("cosuvwxz")
"""Letters whose capital is the small letter enlarged."""
MIN_LETTERS = 4
"""Shorter words ('Ke', 'SK', 'oleh' is four) are left as read."""
MIN_ATTESTED = 2
"""Cells that must write the word in the other form, in the same company."""

_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?)"
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(rf"[.:;!?]$|^(?:\d{{1,2}}|[a-zA-Z])[.,)]$|^{BULLET_MARK}$")
"""A word after which the next opens a sentence or a list item: a stop, a label ('b.',
'2)', and 'b,' as OCR reads a label's stop), or a bullet as OCR reads it ('*', '+')."""


def _cased(word: str) -> str | None:
    """'lower' or 'title' for a word of letters written so, None for anything else."""
    if word.islower():
        return "lower"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return None


def _wrapped_lines(text: str) -> frozenset[int]:
    """The indices of the lines of `text` (after the first) that a wrapped sentence runs
    onto: those whose every other later line (at least one) starts with a lower-case
    letter. Such a line starts no item of an unmarked list, whatever its own first
    letter."""
    firsts = [line.lstrip()[:1] for line in text.split("\n")]
    wrapped = set()
    for k in range(1, len(firsts)):
        others = [f for j, f in enumerate(firsts[1:], 1) if j != k and f]
        if others and all(first.islower() for first in others):
            wrapped.add(k)
    return frozenset(wrapped)


def _opens(text: str, tokens: Sequence[re.Match[str]], i: int, wrapped: frozenset[int]) -> bool:
    """True when token `i` of `text` opens the cell, a sentence or a list item, or a line
    that is not one of the `wrapped` lines."""
    if i == 0 or _SENTENCE_END.search(tokens[i - 1].group()):
        return True
    if "\n" not in text[tokens[i - 1].end() : tokens[i].start()]:
        return False
    return text.count("\n", 0, tokens[i].start()) not in wrapped


def _in_company(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, company) of each word of `text` of MIN_LETTERS letters or more,
    written in lower case or capitalised, inside a sentence, whose two neighbours are
    both 'lower' or both 'title': that company. The neighbours are the words just before
    and after it, across a wrapped line, and must be inside the sentence too: its first
    word is capitalised for that alone.

    A capitalised word opening a line is taken only on a line a sentence wraps onto
    (`_wrapped_lines`): elsewhere the cell's lines may be the items of an unmarked list.
    OCR misjudges case most at a line's start ('monitoring' / 'Capaian rencana').
    """
    found = []
    tokens = list(_TOKEN.finditer(text))
    wrapped = _wrapped_lines(text)
    every_line = frozenset(range(text.count("\n") + 1))
    for i, token in enumerate(tokens):
        word = token.group().rstrip(_TRAILING)
        if not _WORD.fullmatch(word) or len(word) < MIN_LETTERS or _cased(word) is None:
            continue
        # A lower-case word opening a line opens no item: items are capitalised.
        if _opens(text, tokens, i, every_line if word.islower() else wrapped):
            continue
        # Both neighbours, inside the sentence: a sentence's first word is capitalised for
        # that alone, and a next line that opens an item is no company.
        if i + 1 == len(tokens) or _opens(text, tokens, i - 1, wrapped):
            continue
        if _opens(text, tokens, i + 1, wrapped):
            continue
        companies = {_cased(tokens[i - 1].group()), _cased(tokens[i + 1].group().rstrip(_TRAILING))}
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
