"""The decree's body pages (portrait): letterhead to certification, as exported from Word.

Layout follows the KPU originals: a 'SALINAN' mark on certified copies, the emblem and
letterhead, the centred title block, the issuer line, the Menimbang / Mengingat /
Memperhatikan sections with a label column, a ':' column and hanging-indented items,
MEMUTUSKAN, Menetapkan, the dicta, the place and date, the signature block and the
certification block.
"""

from __future__ import annotations

import math
import re

from corpus.render.flow import Label, aligned, baseline, gap, paragraph
from corpus.render.page import Writer
from corpus.render.settings import MM, Stamp
from corpus.render.text import indonesian_date, wrap
from schemas.gold import GoldDecree

LABEL_COLON = 34 * MM
"""Offset of the ':' column from the left margin."""

LABEL_ITEM = 38 * MM
"""Offset of the item label ('a.', '1.') column."""

LABEL_TEXT = 45 * MM
"""Offset of the item text (the hanging indent)."""

STAMP_OFFSET = 22 * MM
"""The stamp's centre lies this far right of the signature block's left edge."""

_ITEM_NUMBER = re.compile(r"^(\S+)\s+(.*)$")


def _emblem(writer: Writer, size: float) -> None:
    """A plain emblem above the letterhead (a shield with a star), drawn as vector art."""
    canvas = writer.canvas
    cx, top = (writer.left + writer.right) / 2, writer.y
    height = 2.2 * size * 1.6
    half = height * 0.42
    path = canvas.beginPath()
    path.moveTo(cx - half, top)
    path.lineTo(cx + half, top)
    path.lineTo(cx + half, top - height * 0.55)
    path.curveTo(
        cx + half, top - height * 0.8, cx + half * 0.3, top - height * 0.92, cx, top - height
    )
    path.curveTo(
        cx - half * 0.3,
        top - height * 0.92,
        cx - half,
        top - height * 0.8,
        cx - half,
        top - height * 0.55,
    )
    path.close()
    canvas.setLineWidth(1.2)
    canvas.drawPath(path, stroke=1, fill=0)
    star = canvas.beginPath()
    radius = half * 0.55
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.4
        angle = math.pi / 2 + index * math.pi / 5
        x, y = cx + r * math.cos(angle), top - height * 0.45 + r * math.sin(angle)
        if index == 0:
            star.moveTo(x, y)
        else:
            star.lineTo(x, y)
    star.close()
    canvas.drawPath(star, stroke=0, fill=1)
    writer.y -= height + size * 0.6


def _title_block(writer: Writer, gold: GoldDecree, size: float) -> None:
    """Letterhead (upper-case lines large and bold, address lines small) and heading
    lines, centred; a half-line gap before 'NOMOR' and around 'TENTANG'."""
    for line in gold.letterhead:
        upper = line == line.upper()
        aligned(writer, line, size + 2 if upper else size - 2, bold=upper)
    gap(writer, writer.leading(size))
    lines = gold.heading
    for index, line in enumerate(lines):
        starts_part = line.upper().startswith("NOMOR") or line.upper() == "TENTANG"
        after_tentang = index > 0 and lines[index - 1].upper() == "TENTANG"
        if index > 0 and (starts_part or after_tentang):
            gap(writer, writer.leading(size) * 0.5)
        aligned(writer, line, size, bold=True)
    gap(writer, writer.leading(size))
    aligned(writer, gold.issuer_line, size, bold=True)
    gap(writer, writer.leading(size))


def _labelled_items(
    writer: Writer, label: str, items: list[str], markers: list[str], size: float
) -> None:
    """A section like Menimbang: label and ':' on the first item, then marker + text items."""
    x0 = writer.left
    for index, (marker, text) in enumerate(zip(markers, items, strict=True)):
        labels = [Label(x0 + LABEL_ITEM, marker)]
        if index == 0:
            labels = [Label(x0, label), Label(x0 + LABEL_COLON, ":"), *labels]
        paragraph(writer, text, x0 + LABEL_TEXT, x0 + LABEL_TEXT, size, labels=labels)
        gap(writer, size * 0.25)
    gap(writer, writer.leading(size) * 0.6)


def _labelled_text(writer: Writer, label: str, text: str, size: float, bold: bool = False) -> None:
    """'Label : text' with the text hanging at the item column."""
    x0 = writer.left
    labels = [Label(x0, label, bold), Label(x0 + LABEL_COLON, ":")]
    paragraph(writer, text, x0 + LABEL_ITEM, x0 + LABEL_ITEM, size, labels=labels)


def numbered_item(text: str) -> tuple[str, str]:
    """Split '1. Sebagai pedoman ...' into its number and its text."""
    match = _ITEM_NUMBER.match(text)
    return (match.group(1), match.group(2)) if match else ("", text)


def _dictum_lead(text: str, items: list[str]) -> str:
    """The diktum's lead sentence: its text without the sub-items the gold appends to it."""
    if not items:
        return text
    start = text.find(items[0])
    return text[:start].rstrip() if start > 0 else text


def _dicta(writer: Writer, gold: GoldDecree, size: float) -> None:
    """KESATU : text, with numbered sub-items under the text column."""
    x0 = writer.left
    for dictum in gold.metadata.dicta:
        items = gold.dicta_items.get(dictum.label, [])
        _labelled_text(writer, dictum.label, _dictum_lead(dictum.text, items), size)
        for item in items:
            number, text = numbered_item(item)
            paragraph(
                writer,
                text,
                x0 + LABEL_TEXT,
                x0 + LABEL_TEXT,
                size,
                labels=[Label(x0 + LABEL_ITEM, number)],
            )
        gap(writer, writer.leading(size) * 0.5)


def signature(
    writer: Writer, gold: GoldDecree, size: float, *, with_date: bool, left: float
) -> float:
    """Signature block from `left` to the right margin, starting at the cursor.

    Prints 'Ditetapkan di' / 'pada tanggal' (when `with_date`), the position with its
    trailing comma, 'ttd.' and the name; records where the stamp goes. Returns the
    cursor below the block (the caller keeps the block on one page).
    """
    meta = gold.metadata
    lead = writer.leading(size)
    if with_date:
        if meta.place:
            aligned(writer, f"Ditetapkan di {meta.place}", size, left=left, align="left")
        if meta.date:
            aligned(
                writer, f"pada tanggal {indonesian_date(meta.date)}", size, left=left, align="left"
            )
        gap(writer, lead)
    signatory = meta.signatory
    if signatory and signatory.position:
        aligned(writer, f"{signatory.position},", size, bold=True, left=left)
    gap(writer, lead)
    writer.stamps.append(Stamp(writer.page_index, left + STAMP_OFFSET, baseline(writer, size)))
    aligned(writer, "ttd.", size, left=left)
    gap(writer, lead * 2)
    if signatory and signatory.name:
        aligned(writer, signatory.name, size, bold=True, left=left)
    return writer.y


def certification(writer: Writer, gold: GoldDecree, size: float, *, right: float) -> float:
    """'Salinan sesuai dengan aslinya' block from the left margin to `right`; returns the
    cursor below it."""
    block = gold.certification
    if block is None:
        return writer.y
    for line in block.lines:
        aligned(writer, line, size, left=writer.left, right=right, align="left")
    gap(writer, writer.leading(size) * 3)
    aligned(writer, block.name, size, bold=True, left=writer.left, right=right, align="left")
    return writer.y


def block_height(
    writer: Writer, gold: GoldDecree, size: float, width: float, with_date: bool
) -> float:
    """Height the signature block needs (to keep it on one page)."""
    lead = writer.leading(size)
    position = gold.metadata.signatory.position if gold.metadata.signatory else None

    def measure(line: str) -> float:
        return writer.measure(line, True, size)

    position_lines = len(wrap(f"{position},", measure, width, width)) if position else 0
    return lead * (position_lines + 6 + (3 if with_date else 0))


def certification_height(writer: Writer, gold: GoldDecree, size: float) -> float:
    """Height of the certification block."""
    lines = len(gold.certification.lines) + 4 if gold.certification else 0
    return writer.leading(size) * lines


def render_body(writer: Writer, gold: GoldDecree) -> None:
    """All body pages, from a fresh portrait page to the certification block."""
    settings = writer.settings
    size = settings.font_size
    writer.new_page("portrait", settings.body_margins)
    if gold.certification is not None:
        writer.text(writer.right, baseline(writer, size), "SALINAN", size, bold=True, align="right")
    _emblem(writer, size)
    _title_block(writer, gold, size)
    meta = gold.metadata
    if meta.considerations:
        markers = [f"{chr(ord('a') + i)}." for i in range(len(meta.considerations))]
        _labelled_items(writer, "Menimbang", meta.considerations, markers, size)
    if meta.legal_bases:
        markers = [f"{i}." for i in range(1, len(meta.legal_bases) + 1)]
        _labelled_items(writer, "Mengingat", [b.text for b in meta.legal_bases], markers, size)
    if gold.memperhatikan:
        _labelled_text(writer, "Memperhatikan", gold.memperhatikan, size)
        gap(writer, writer.leading(size) * 0.6)
    writer.ensure(writer.leading(size) * 3)
    aligned(writer, "MEMUTUSKAN:", size, bold=True)
    gap(writer, writer.leading(size) * 0.5)
    _labelled_text(writer, "Menetapkan", gold.menetapkan, size)
    gap(writer, writer.leading(size) * 0.5)
    _dicta(writer, gold, size)
    left = writer.left + (writer.right - writer.left) * 0.5
    writer.ensure(block_height(writer, gold, size, writer.right - left, True))
    signature(writer, gold, size, with_date=True, left=left)
    gap(writer, writer.leading(size))
    writer.ensure(certification_height(writer, gold, size))
    certification(writer, gold, size, right=left)
