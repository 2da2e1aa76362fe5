"""Folding printed text: cell lines joined, white space collapsed, line-end hyphens kept.

Words are not dehyphenated here: Indonesian hyphens are mostly real (reduplication,
"perundang-undangan"), so a line ending in "-" is joined to the next line without a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")


_OPEN_NUMBER = re.compile(r"(?:^|\s)\d{1,3}(?:\.\d{3})*[.,]$|(?:^|\s)\d{1,3}(?:\.\d{3})*\.\d{1,2}$")
"""A number a narrow cell broke inside: ending on its separator ('17.785.') or in a
thousands group of fewer than three digits ('135.380.43')."""
_NUMBER_END = re.compile(r"^\d{1,3}%?$")
_NUMBER = re.compile(r"(?:^|\s)\d+(?:[.,]\d+)*$")
_ONE_DECIMAL = re.compile(r"(?:^|\s)\d+(?:\.\d{3})*,\d$")
"""A decimal comma with one digit after it ('33,8'), which a second digit may follow."""
_SECOND_DECIMAL = re.compile(r"^\d%?$")


def _number_runs_on(before: str, line: str) -> bool:
    """True when `line` is the rest of a number that `before` ends with, broken by the
    cell's width: '17.785.' + '400', '135.380.43' + '5', '0,25' + '%', and a second
    decimal alone on its line ('33,8' + '6', '0,7' + '3%'): printed amounts and shares
    carry two decimals, and a lone digit under a decimal is not a value of its own."""
    if line.split()[0] == "%":
        return _NUMBER.search(before) is not None
    if _ONE_DECIMAL.search(before) and _SECOND_DECIMAL.match(line):
        return True
    return _OPEN_NUMBER.search(before) is not None and _NUMBER_END.match(line) is not None


def join_lines(lines: list[str]) -> str:
    """Join text lines into one string: a space between lines, none after a final '-'
    (a compound broken at its hyphen: 'Perundang-' + 'Undangan') nor inside a number
    the cell's width broke ('17.785.' + '400', '0,25' + '%')."""
    out = ""
    for line in (" ".join(part.split()) for part in lines):
        if not line:
            continue
        if not out:
            out = line
        elif (out.endswith("-") and not out.endswith(" -")) or _number_runs_on(out, line):
            out += line
        else:
            out += " " + line
    return out


def fold(text: str | None) -> str:
    """A cell's text as one line: its lines joined (see `join_lines`), spaces collapsed."""
    if not text:
        return ""
    return _SPACE.sub(" ", join_lines(text.splitlines())).strip()


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word (case-folded, letters only) is printed in `texts`."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(token.casefold() for token in _WORD.findall(text))
    return counts
