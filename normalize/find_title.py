"""The heading printed just above a table's first grid."""

from __future__ import annotations

from normalize.fold_text import join_lines
from schemas.raw import RawPage, RawTable

MAX_GAP = 36.0
"""Points between the table top and the heading's last line, and between heading lines."""


def find_title(table: RawTable, page: RawPage) -> str | None:
    """The block of lines directly above `table` on its page, joined; None if there is none.

    Lines are taken upwards from the table top while each is within MAX_GAP of the one
    below it and overlaps the table horizontally.
    """
    above = sorted(
        (
            line
            for line in page.lines
            if line.bbox[3] <= table.bbox[1] + 1
            and line.bbox[2] > table.bbox[0]
            and line.bbox[0] < table.bbox[2]
        ),
        key=lambda line: -line.bbox[3],
    )
    block = []
    edge = table.bbox[1]
    for line in above:
        if edge - line.bbox[3] > MAX_GAP:
            break
        block.append(line.text)
        edge = line.bbox[1]
    return join_lines(list(reversed(block))) or None
