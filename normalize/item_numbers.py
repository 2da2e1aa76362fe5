"""Item numbers under a section, put back where OCR lost their dot: '11 Pembentukan' ->
'1.1 Pembentukan' under section 1, 'Al' -> 'A.1' under section A, '4:1' -> '4.1' under
section IV.

Plans number their components after their section ('1.1', '1.2' under '1 MANAJEMEN
PERUBAHAN' or 'I MANAJEMEN PERUBAHAN'; 'A.1' under 'A. MANAJEMEN PERUBAHAN'). OCR drops
the small dot of such a number as easily as a comma, or reads it as a colon or a comma:
'11', '35', 'C2', '2:2', and reads a 1 after a letter as 'l' ('Al'). The table says which
numbers are dotted: in a column where at least MIN_DOTTED cells start with their
section's prefix (its code, or the digit of a Roman code), a dot and a digit, an OCR'd
cell starting with that prefix and a digit (or 'l', 'I', '|' for 1), as one token or
joined by ':' or ',', is read as the prefix, a dot and the digit; the number may be the
whole cell (a NO column: '11' -> '1.1'). Only sections coded by one digit, one capital
letter or a Roman numeral up to IX, and single-digit items, are read so ('12' under
section 1 is 1.2; '112' is left alone).

A NO column can also print the whole number of each row with no section row above it to
go by ('1.1.2', '2.1.1' ...); there the column's own shape tells: where most of its
numbers are single digits joined by stops, k of them, an OCR'd cell of k digits with
some of its stops lost or read ':' or ',' ('211', '21.2', '1:1.2') gets them back
(`restore_number_stops`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalize.grid import GridRow
from normalize.read_sections import section_area
from normalize.roman_numerals import roman_value

MIN_DOTTED = 2
"""Dotted numbers a column must print ('<section>.<n>' under section rows) before its
undotted readings count as misread."""

# Before the item's text, or alone in a NO column of its own.
_DOTTED = re.compile(r"^([0-9A-Z])\.(\d)(?=\s|$)")
_UNDOTTED = re.compile(r"^([0-9A-Z])[:,]?([0-9lI|])(?=\s|$)")
_SECTION_CODE = re.compile(r"[0-9A-Z]")


def _prefixes(code: str | None) -> frozenset[str]:
    """What items under section `code` start with: the code itself when it is one digit
    or capital ('1', 'A', 'I'), and the digit of a Roman code up to IX ('4' under 'IV')."""
    if code is None:
        return frozenset()
    own = {code} if _SECTION_CODE.fullmatch(code) else set()
    value = roman_value(code)
    return frozenset(own | ({str(value)} if value and value < 10 else set()))


def _sections(rows: Sequence[GridRow]) -> list[tuple[frozenset[str], bool]]:
    """For each row, the prefixes of the items of the section it is under (`_prefixes`;
    none before any section), and whether it is that section's own row."""
    sections: list[tuple[frozenset[str], bool]] = []
    prefixes: frozenset[str] = frozenset()
    for row in rows:
        area = section_area(row)
        if area is not None:
            prefixes = _prefixes(area.code)
        sections.append((prefixes, area is not None))
    return sections


def restore_item_dots(rows: Sequence[GridRow], ocr_pages: frozenset[int]) -> tuple[GridRow, ...]:
    """`rows` (a table's body) with the OCR'd item numbers that lost their dot restored,
    each an edit of kind 'ocr_confusion'.

    Invariant: rows on no OCR'd page, section rows, and columns with fewer than
    MIN_DOTTED dotted numbers under their sections are unchanged.
    """
    sections = _sections(rows)
    dotted: dict[int, int] = {}
    for row, (prefixes, _) in zip(rows, sections, strict=True):
        for col, text in enumerate(row.cells):
            match = _DOTTED.match(text.strip())
            if match and match.group(1) in prefixes:
                dotted[col] = dotted.get(col, 0) + 1
    columns = {col for col, count in dotted.items() if count >= MIN_DOTTED}
    restored = []
    for row, (prefixes, heading) in zip(rows, sections, strict=True):
        if columns and prefixes and ocr_pages & set(row.pages) and not heading:
            for col in sorted(columns):
                text = row.cells[col].strip()
                match = _UNDOTTED.match(text)
                if match and match.group(1) in prefixes:
                    digit = match.group(2) if match.group(2).isdigit() else "1"
                    row = row.with_cell(
                        col, f"{match.group(1)}.{digit}{text[match.end() :]}", "ocr_confusion"
                    )
        restored.append(row)
    return tuple(restored)


_STOPPED = re.compile(r"^\d(?:\.\d)+$")
_DIGITS_AND_STOPS = re.compile(r"^\d[\d.:,]*\d$")


def restore_number_stops(
    rows: Sequence[GridRow], number_cols: Sequence[int], ocr_pages: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with each OCR'd cell of `number_cols` that is k digits with some stops lost
    or misread ('211', '21.2', '1:1.2', '3.11') written as those digits joined by stops
    ('2.1.1'), in a column where more than half of the filled cells, and at least
    MIN_DOTTED, are k single digits joined by stops; each change an edit of kind
    'ocr_confusion'.

    Input: a logical table's rows; `number_cols`: the columns the header maps to a row's
    or a component's number. Invariant: rows on native pages, other columns, well-formed
    numbers and cells of any other number of digits ('3312' among 'd.d.d') are unchanged.
    """
    restored = list(rows)
    for col in number_cols:
        texts = [row.cells[col].strip() if col < len(row.cells) else "" for row in rows]
        filled = [text for text in texts if text]
        shapes = [text.count(".") + 1 for text in filled if _STOPPED.match(text)]
        if not shapes:
            continue
        digits = max(set(shapes), key=shapes.count)
        if shapes.count(digits) < MIN_DOTTED or shapes.count(digits) * 2 <= len(filled):
            continue
        for i, text in enumerate(texts):
            bare = re.sub(r"[.:,]", "", text)
            if _STOPPED.match(text) or not _DIGITS_AND_STOPS.match(text) or len(bare) != digits:
                continue
            if ocr_pages & set(rows[i].pages):
                restored[i] = restored[i].with_cell(col, ".".join(bare), "ocr_confusion")
    return tuple(restored)
