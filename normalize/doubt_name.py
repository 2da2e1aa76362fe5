"""Is an OCR'd signatory name to be trusted? The office stamp and the pen signature are
pressed over the name, and OCR misreads letters under the stamp's ring. The same block
closes the Lampiran again, so the name is usually printed twice: when the copies read
different letters, at least one of them is misread, and lampiran says so rather than pass
the chosen reading off as certain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from normalize.read_signatory import clean_name, is_upper_name, name_words
from schemas.decree import PipelineWarning
from schemas.raw import RawPage

SAME_NAME_RATIO = 80.0
"""Similarity (rapidfuzz ratio, 0-100) of the name words above which a line is another
copy of the name: a few letters misread or hidden in a name of a dozen. Another person
who shares a given name ('VERA ...') differs in far more."""
HIDDEN_LETTERS = 2
"""Letters a gap inside a word of a copy ('AHM D' for 'AHMAD') may stand for."""


def _words(name: str) -> str:
    """The name words of a reading, upper-case and joined by single spaces: copies that
    differ only in degrees, titles and marks ('S.Sos.' or 'S.Sos., M.Si.') read alike."""
    return " ".join(name_words(name)).upper()


def _agrees(copy: str, name: str) -> bool:
    """True when `copy` reads nothing that `name` does not: each of its words is in
    `name` in order, and what it lacks is a whole word or a gap of at most
    HIDDEN_LETTERS letters inside one (the stamp hid them; it did not change them)."""
    tokens = [re.escape(token) for token in copy.split()]
    gap = rf"(?: (?:\S+ )*|\S{{1,{HIDDEN_LETTERS}}})"
    return bool(re.fullmatch(r"(?:\S+ )*" + gap.join(tokens) + r"(?: \S+)*", name))


def _copies(name: str, pages: Sequence[RawPage]) -> list[tuple[RawPage, str]]:
    """Every upper-case name line on the pages that is a copy of `name` (its name words
    within SAME_NAME_RATIO), with its page and as cleaned by `clean_name`, in page order."""
    words = _words(name)
    return [
        (page, copy)
        for page in pages
        for line in page.lines
        if is_upper_name(line.text)
        and fuzz.ratio(_words(copy := clean_name(line.text)), words) >= SAME_NAME_RATIO
    ]


def name_doubts(name: str | None, pages: Sequence[RawPage]) -> list[PipelineWarning]:
    """A `name_uncertain` warning when another copy of the signatory's `name` on the OCR'd
    pages reads other letters than `name` (`_agrees`); else none.

    Inputs: the signatory name as chosen by `parse_metadata` and the document's pages.
    Output: at most one warning, on the page of the first disagreeing copy. A name printed
    in a text layer is the document's own and is never doubted.
    """
    if not name:
        return []
    copies = _copies(name, pages)
    if any(page.text_layer == "native" for page, _ in copies):
        return []
    words = _words(name)
    others = list(dict.fromkeys(copy for _, copy in copies if not _agrees(_words(copy), words)))
    if not others:
        return []
    return [
        PipelineWarning(
            code="name_uncertain",
            message=f"The signatory name {name!r} was read by OCR and its copies disagree "
            f"(elsewhere it reads {', '.join(repr(o) for o in others)}); a stamp pressed "
            "over a name hides letters: check it against the page image.",
            page=next(page.number for page, copy in copies if copy == others[0]),
        )
    ]
