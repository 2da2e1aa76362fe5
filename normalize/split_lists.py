"""Split a cell holding a numbered or bulleted list into its items.

"1. Undangan rapat; 2. Daftar Hadir; dan 3. Dokumentasi" -> ["Undangan rapat",
"Daftar Hadir", "Dokumentasi"]. Numbers must run 1, 2, 3, ... so that a year or a count
inside an item ("SK CPNS 2024", "Perpres 16 Tahun 2018") never splits it. A number
starting a line whose stop OCR lost ("1 Undangan rapat" over "2. Daftar Hadir"), or the
space after its stop ("1.Undangan rapat"), counts when another number of the list kept
its stop and space; so does a stop read apart from its number ("1 . Undangan"), and
lines numbered 1, 2, ... before capitals with every mark lost.
"""

from __future__ import annotations

import re

from normalize.fold_text import fold

_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2}) ?[.)](?=\s)")
"""An item number and its mark ('1.', '2)'), or the mark read apart from it ('1 .')."""
# A number starting a line with its mark lost, read as a comma or apart ("1 Undangan", "2,",
# "3 .").
_UNMARKED = re.compile(r"^(\s*\d{1,2})(?:,| [.)]|(?=\s))")
# A number starting a line whose space after the mark OCR lost ("1.Undangan").
_GLUED = re.compile(r"^(\s*\d{1,2}[.)])(?=[^\W\d_])")
# A number starting a line, with or without its mark.
_LINE_NUMBER = re.compile(r"^\s*(\d{1,2})(?=[.),\s])")
_BULLET = re.compile(r"^\s*(?:_?-|[•▪●◦*+«»°·“\"#¢]{1,2})\s+")
"""A bullet starting a line, or what OCR reads for one ('*', '+', '«', '»', '°', '·', '“',
'"', '#', '¢', '+»', and '_-' for a dash: the line's baseline read as an underscore
before it). A quotation mark opening a quote is glued to its word."""
# What OCR makes of a bullet beside a list's other bullets: the bullet glued to its word
# ("-Laporan", "•Rencana", "“Rekapitulasi": no word starts with one), or a round bullet
# read as a lone letter or stop before a capitalised word ("s Dokumentasi", ". Foto": no
# such one-letter word).
_GLUED_BULLET = re.compile(r"^(\s*(?:_?-|[•▪●◦»“]))(?=[^\W\d_])")
_LETTER_BULLET = re.compile(r"^(\s*)[seo©.](?=\s+[A-Z])")
_TRAILING = re.compile(r"(?:[;,]|\s+(?:dan|atau))+\s*$")


def _clean(item: str) -> str:
    item = item.strip()
    while True:
        shorter = _TRAILING.sub("", item).strip()
        if shorter == item:
            return item
        item = shorter


def _numbered(text: str) -> list[str] | None:
    starts: list[tuple[int, int]] = []
    expected = 1
    for match in _NUMBER.finditer(text):
        if int(match.group(1)) == expected:
            starts.append((match.start(), match.end()))
            expected += 1
    if len(starts) < 2 or text[: starts[0][0]].strip():
        return None
    bounds = [*starts, (len(text), len(text))]
    return [text[end : bounds[i + 1][0]] for i, (_, end) in enumerate(starts)]


def _numbered_by_lines(text: str) -> list[str] | None:
    """`_numbered` once the numbers starting lines of `text` without their mark, or with
    a comma for it, have it back, and those glued to their first word have their space;
    None unless some number of the list kept its mark and space.

    OCR drops the stop of an item number more often than the number ('1 Undangan rapat'
    over '2. Daftar Hadir'), and the space after it ('1.Notulen rapat'); a list whose
    numbers all lack them is left unsplit."""
    lines = _first_label(text.splitlines())
    if not _NUMBER.search(fold("\n".join(lines))) and not _bare_numbered(lines):
        return None
    lines = [_GLUED.sub(r"\1 ", _UNMARKED.sub(r"\1.", line)) for line in lines]
    return _numbered(fold("\n".join(_unstroked(lines))))


_MISREAD_ONE = re.compile(r"^(\s*)(?:[ai|][lt1]|[l|I][.,)])(?=\s+[A-Z])")
"""What OCR makes of a list's first label '1.' before the item's capital: 'al', 'at',
'il' (the 1 read as a letter and the stop as another), 'l.', '|,'."""
_SECOND_LABEL = re.compile(r"^\s*2[.),]?\s+[A-Z]")


def _first_label(lines: list[str]) -> list[str]:
    """`lines` with the first line's label put back as '1.' where OCR misread it
    (`_MISREAD_ONE`) and a later line starts with the label 2: a list's second item shows
    what the first was numbered."""
    if not lines or not any(_SECOND_LABEL.match(line) for line in lines[1:]):
        return lines
    return [_MISREAD_ONE.sub(r"\g<1>1.", lines[0]), *lines[1:]]


_BARE_LABEL = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Z])")
"""A number starting a line, its mark lost, before an item's capital ('2 Laporan')."""


def _bare_numbered(lines: list[str]) -> bool:
    """True when the first line opens with '1' and later lines with 2, 3, ... in order,
    each before a capital, all marks lost: a list, as no wrapped text starts its lines
    with a count running from one."""
    numbers = [int(m.group(1)) for line in lines if (m := _BARE_LABEL.match(line))]
    return (
        len(numbers) >= 2
        and _BARE_LABEL.match(lines[0]) is not None
        and numbers == list(range(1, len(numbers) + 1))
    )


def _unstroked(lines: list[str]) -> list[str]:
    """`lines` with a cell's left rule, read as a '1' before the number a line was due to
    start with ('1.' over '12.' for '2.'), taken off that number.

    Only the number due next, two or more, is restored: a list that opens at '11.' (the
    rest of one begun above) or counts on past nine is read as printed.
    """
    expected = 1
    out = []
    for line in lines:
        match = _LINE_NUMBER.match(line)
        if match is not None:
            number = match.group(1)
            if 2 <= expected <= 9 and number == f"1{expected}":
                line = line[: match.start(1)] + line[match.start(1) + 1 :]
                number = str(expected)
            if int(number) == expected:
                expected += 1
        out.append(line)
    return out


def _bulleted(lines: list[str]) -> list[str] | None:
    """The items of a cell whose lines start with bullets, bullets removed; None for any
    other cell. One bulleted item is a list too: authors bullet a lone output ('- SK Tim')
    like the cells around it, and the bullet is no part of the item.

    Beside a bullet that OCR read whole, a bullet glued to its word or read as a lone
    letter (`_GLUED_BULLET`, `_LETTER_BULLET`) is one too; alone it stays as printed
    ('-Verifikasi', the way an author may type it). A first line without a bullet before
    bulleted lines is the first item when OCR lost its bullet: unless it leads into the
    list (ends with ':') or is numbered."""
    if not any(_BULLET.match(line) for line in lines):
        return None
    lines = [_LETTER_BULLET.sub(r"\1•", _GLUED_BULLET.sub(r"\1 ", line)) for line in lines]
    first = lines[0]
    if not _BULLET.match(first) and (
        first.rstrip().endswith(":") or _UNMARKED.match(first) or _NUMBER.match(first.strip())
    ):
        return None
    items: list[list[str]] = []
    for line in lines:
        if _BULLET.match(line) or not items:
            items.append([_BULLET.sub("", line)])
        else:
            items[-1].append(line)
    return [fold("\n".join(parts)) for parts in items]


def _most_numbered(folded: str, text: str) -> list[str] | None:
    """The items of `text` read as a numbered list by its text (`_numbered` of `folded`)
    and by its lines (`_numbered_by_lines`), whichever gives more (the text's on a tie);
    None when neither reads a list. The lines tell labels OCR misread ('13.', '3,' for
    '3.') that the text alone cannot: the list with more items is the one whose labels
    all counted."""
    numbered = [found for found in (_numbered(folded), _numbered_by_lines(text)) if found]
    return max(numbered, key=len, default=None)


def split_list(text: str | None) -> list[str]:
    """The items of a list cell, numbering and trailing separators removed.

    A cell that is neither bulleted nor a numbered list of two or more items gives one
    item (folded, verbatim); an empty cell gives []. Invariant: items are non-empty and
    contain no line breaks.
    """
    folded = fold(text)
    if not folded:
        return []
    assert text is not None
    items = _bulleted(text.splitlines()) or _most_numbered(folded, text) or [folded]
    cleaned = [_clean(item) for item in items]
    return [item for item in cleaned if item]
