"""Folding printed text: cell lines joined, white space collapsed, line-end hyphens kept.

Words are not dehyphenated here: Indonesian hyphens are mostly real (reduplication,
"perundang-undangan"), so a line ending in "-" is joined to the next line without a space.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def join_lines(lines: list[str]) -> str:
    """Join text lines into one string: a space between lines, none after a final '-'
    (a compound broken at its hyphen: 'Perundang-' + 'Undangan')."""
    out = ""
    for line in (" ".join(part.split()) for part in lines):
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


def fold(text: str | None) -> str:
    """A cell's text as one line: its lines joined (see `join_lines`), spaces collapsed."""
    if not text:
        return ""
    return _SPACE.sub(" ", join_lines(text.splitlines())).strip()
