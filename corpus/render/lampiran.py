"""The Lampiran: heading block, narrative blocks (portrait), tables, closing signature.

The LAMPIRAN heading sits at the top right of the Lampiran's first page. Narrative blocks
flow on portrait pages; a table follows them on the same page when it is portrait too,
else it starts a page of its own orientation (a Word section break); after the last
table come the signature and certification blocks side by side.
"""

from __future__ import annotations

import re

from corpus.render.body import block_height, certification, certification_height, signature
from corpus.render.cells import build_grid
from corpus.render.flow import Label, aligned, gap, paragraph
from corpus.render.page import Writer
from corpus.render.settings import MM
from corpus.render.table import TablePages, draw_table
from schemas.gold import Block, GoldDecree, GoldTable

INDENT = 7 * MM
"""Indent of one list level and width of the label column."""

FIRST_LINE = 12.5 * MM
"""First-line indent of narrative paragraphs."""

HEADING_SHARE = 0.55
"""The LAMPIRAN block is at most this share of the text width (longer lines wrap)."""

_LEVELS = (
    (re.compile(r"^\d+\.$"), 0),
    (re.compile(r"^[a-z]\.$"), 1),
    (re.compile(r"^\d+\)$"), 2),
    (re.compile(r"^[a-z]\)$"), 3),
)


def item_level(label: str) -> int:
    """List depth implied by a label's style: '1.' 0, 'a.' 1, '1)' 2, 'a)' 3 (else 1)."""
    return next((level for pattern, level in _LEVELS if pattern.match(label)), 1)


def heading_block(writer: Writer, gold: GoldDecree, size: float) -> None:
    """The LAMPIRAN lines, left-aligned in a block that ends at the right margin."""
    widest = max((writer.measure(line, False, size) for line in gold.lampiran_heading), default=0.0)
    narrowest_left = writer.right - (writer.right - writer.left) * HEADING_SHARE
    left = max(narrowest_left, writer.right - widest - 1.0)
    for line in gold.lampiran_heading:
        aligned(writer, line, size, left=left, align="left")
    gap(writer, writer.leading(size) * 1.5)


def _block(writer: Writer, block: Block, size: float) -> None:
    """One narrative block: centred upper-case title, left heading, paragraph or item."""
    x0 = writer.left
    lead = writer.leading(size)
    if block.kind == "heading":
        gap(writer, lead * 0.5)
        writer.ensure(lead * 3)
        if block.label:
            paragraph(
                writer,
                block.text,
                x0 + INDENT,
                x0 + INDENT,
                size,
                bold=True,
                justify=False,
                labels=[Label(x0, block.label, bold=True)],
            )
        else:
            title = block.text == block.text.upper()
            aligned(writer, block.text, size, bold=True, align="center" if title else "left")
        gap(writer, lead * 0.4)
        return
    if block.kind == "paragraph":
        paragraph(writer, block.text, x0 + INDENT + FIRST_LINE, x0 + INDENT, size)
        gap(writer, lead * 0.4)
        return
    label = block.label or ""
    x_label = x0 + INDENT * item_level(label) + (INDENT if item_level(label) > 0 else 0)
    paragraph(
        writer,
        block.text,
        x_label + INDENT,
        x_label + INDENT,
        size,
        labels=[Label(x_label, label)],
    )
    gap(writer, size * 0.25)


def _table(writer: Writer, gold: GoldDecree, table: GoldTable, heading_due: bool) -> TablePages:
    """A table preceded by its title: on a new page when the orientation changes (a Word
    section break) or nothing of the Lampiran is printed yet, else below the text."""
    settings = writer.settings
    if heading_due or table.orientation != writer.orientation:
        margins = (
            settings.table_margins if table.orientation == "landscape" else settings.body_margins
        )
        writer.new_page(table.orientation, margins)
    else:
        gap(writer, writer.leading(settings.font_size))
    if heading_due:
        heading_block(writer, gold, settings.font_size)
    if table.title:
        lead = writer.leading(settings.font_size)
        inset = (writer.right - writer.left) * 0.1
        aligned(
            writer,
            table.title,
            settings.font_size,
            bold=True,
            left=writer.left + inset,
            right=writer.right - inset,
        )
        gap(writer, lead * 0.8)
    return draw_table(writer, build_grid(table), settings.table_font_size)


def _closing(writer: Writer, gold: GoldDecree) -> None:
    """Signature (right) and certification (left) side by side below the last table."""
    size = writer.settings.font_size
    middle = writer.left + (writer.right - writer.left) * 0.55
    height = max(
        block_height(writer, gold, size, writer.right - middle, False),
        certification_height(writer, gold, size),
    )
    gap(writer, writer.leading(size))
    writer.ensure(height)
    top = writer.y
    below_signature = signature(writer, gold, size, with_date=False, left=middle)
    writer.y = top
    below_certification = certification(writer, gold, size, right=middle)
    writer.y = min(below_signature, below_certification)


def render_lampiran(writer: Writer, gold: GoldDecree) -> tuple[TablePages, ...]:
    """All Lampiran pages: heading and narrative (when any), then each table; returns
    where each table landed."""
    size = writer.settings.font_size
    heading_due = True
    if gold.lampiran_blocks:
        writer.new_page("portrait", writer.settings.body_margins)
        heading_block(writer, gold, size)
        heading_due = False
        for block in gold.lampiran_blocks:
            _block(writer, block, size)
    placed = []
    for table in gold.tables:
        placed.append(_table(writer, gold, table, heading_due))
        heading_due = False
    if gold.tables:
        _closing(writer, gold)
    return tuple(placed)
