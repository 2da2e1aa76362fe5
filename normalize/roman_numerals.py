"""Roman numerals as decrees print them (section codes, months in numbers, 'Nomor I Tahun
2021'), and as OCR reads them: an I's single stroke as '1', 'l' or '|'."""

from __future__ import annotations

_VALUES = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
LARGEST = 39
"""Decrees number sections, months and short series: 1-39 (I-XXXIX) covers them."""
_LOOKALIKES = str.maketrans({"1": "I", "l": "I", "|": "I"})
STROKE_CLASS = "IVXl1|"
"""Characters of a Roman numeral as OCR may read it, for a regex character class."""
MISREAD_NUMERAL = r"(?=[IVXl1|]*[IVX])(?=[IVXl1|]*[l1|])[IVXl1|]{2,5}"
"""A regex for a Roman numeral OCR read some I's of as 'l', '1' or '|' ('Il', 'lII',
'XI1'): a Roman letter and a look-alike both in it, so 'II' and '11' are no match."""


def roman(value: int) -> str:
    """`value` (1-39) as a Roman numeral: 4 -> 'IV'."""
    digits = []
    for amount, numeral in _VALUES:
        while value >= amount:
            digits.append(numeral)
            value -= amount
    return "".join(digits)


_NUMBERS = {roman(value): value for value in range(1, LARGEST + 1)}


def roman_value(text: str) -> int | None:
    """The value of a well-formed numeral 'I'..'XXXIX' ('IV' -> 4); None for anything else
    ('IIII', 'VX', 'iv', '')."""
    return _NUMBERS.get(text)


def as_strokes(text: str) -> str:
    """`text` with OCR's readings of an I's stroke ('1', 'l', '|') put back as 'I'
    ('Il' -> 'II', 'XI1' -> 'XII'); other characters unchanged."""
    return text.translate(_LOOKALIKES)
