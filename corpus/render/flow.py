"""Flowing text on portrait pages: paragraphs with label columns and hanging indents.

Every function draws at the writer's cursor, breaks pages line by line (so a paragraph or
list item continues at the top of the next page, as in the originals) and moves the
cursor down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.render.page import ASCENT, Align, Writer
from corpus.render.text import wrap


@dataclass(frozen=True)
class Label:
    """Text printed at `x` on a paragraph's first line (a 'Menimbang', ':', 'a.' column)."""

    x: float
    text: str
    bold: bool = False


def baseline(writer: Writer, size: float) -> float:
    """Baseline of a line whose top is the cursor."""
    return writer.y - ASCENT * size - (writer.leading(size) - size) / 2


def paragraph(
    writer: Writer,
    text: str,
    x_first: float,
    x_rest: float,
    size: float,
    *,
    bold: bool = False,
    justify: bool = True,
    labels: Sequence[Label] = (),
    right: float | None = None,
) -> None:
    """A wrapped paragraph: first line from `x_first`, the others from `x_rest`.

    Lines except the last are justified when `justify`; `labels` print on the first line.
    """
    right_edge = writer.right if right is None else right
    lead = writer.leading(size)

    def measure(line: str) -> float:
        return writer.measure(line, bold, size)

    lines = wrap(text, measure, right_edge - x_first, right_edge - x_rest) or [""]
    for index, line in enumerate(lines):
        writer.ensure(lead)
        base = baseline(writer, size)
        if index == 0:
            for label in labels:
                writer.text(label.x, base, label.text, size, label.bold)
        x = x_first if index == 0 else x_rest
        if justify and index < len(lines) - 1:
            writer.justified(x, base, line, right_edge - x, size, bold)
        else:
            writer.text(x, base, line, size, bold)
        writer.y -= lead


def aligned(
    writer: Writer,
    text: str,
    size: float,
    *,
    bold: bool = False,
    left: float | None = None,
    right: float | None = None,
    align: Align = "center",
) -> None:
    """`text` wrapped between left and right (default: the text area), each line aligned
    by `align` (centred by default)."""
    x0 = writer.left if left is None else left
    x1 = writer.right if right is None else right

    def measure(line: str) -> float:
        return writer.measure(line, bold, size)

    for line in wrap(text, measure, x1 - x0, x1 - x0):
        writer.ensure(writer.leading(size))
        x = {"center": (x0 + x1) / 2, "left": x0, "right": x1}[align]
        writer.text(x, baseline(writer, size), line, size, bold, align=align)
        writer.y -= writer.leading(size)


def gap(writer: Writer, height: float) -> None:
    """Vertical space; never carried over to the top of a new page."""
    writer.y = max(writer.y - height, writer.bottom)
