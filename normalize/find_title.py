"""The heading printed just above a table's first grid."""

from __future__ import annotations

from normalize.fold_text import join_lines
from schemas.raw import RawPage, RawTable, TextLine

MAX_GAP = 36.0
"""Points between the table top and the heading's last line, and between heading lines."""
ALIGN_SHARE = 0.05
"""Share of the table's width by which a heading line's centre (or left edge) may miss
the table's centre (or the heading's left edge) and still be aligned with it."""


def find_title(table: RawTable, page: RawPage) -> str | None:
    """The block of lines directly above `table` on its page, joined; None if there is none.

    Lines are taken upwards from the table top while each is within MAX_GAP of the one
    below it, overlaps the table horizontally and is aligned as the lowest one is: centred
    on the table, or flush left with it. So the LAMPIRAN heading printed to the right
    ('LAMPIRAN KEPUTUSAN ... NOMOR ... TENTANG ...') and a numbered section heading or a
    paragraph to the left ('II. MATRIKS RENCANA KERJA') above a centred title stay out
    of it; a flush-left title stops at a line that ends a sentence. A lowest line that
    ends with a stop is the end of a paragraph leading into the table ('... disajikan
    dalam matriks berikut.'), and the table has no title; one ending with ':' may be a
    heading ('Keterangan:').
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
    tolerance = ALIGN_SHARE * (table.bbox[2] - table.bbox[0])
    centre = (table.bbox[0] + table.bbox[2]) / 2
    block: list[TextLine] = []
    edge = table.bbox[1]
    for line in above:
        if edge - line.bbox[3] > MAX_GAP:
            break
        if not block and line.text.rstrip().endswith((".", ";")):
            return None
        if block and not _aligned(line, block[0], centre, tolerance):
            break
        block.append(line)
        edge = line.bbox[1]
    return join_lines([line.text for line in reversed(block)]) or None


def _centred(line: TextLine, centre: float, tolerance: float) -> bool:
    return abs((line.bbox[0] + line.bbox[2]) / 2 - centre) <= tolerance


def _ends_sentence(line: TextLine) -> bool:
    return line.text.rstrip().endswith((".", ":", ";"))


def _aligned(line: TextLine, lowest: TextLine, centre: float, tolerance: float) -> bool:
    """True when `line` goes with the heading whose lowest line is `lowest`."""
    if _centred(lowest, centre, tolerance):
        return _centred(line, centre, tolerance)
    flush = abs(line.bbox[0] - lowest.bbox[0]) <= tolerance
    return flush and not _ends_sentence(line)
