"""The born-digital rendering of a gold decree: body pages, then the Lampiran."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab import rl_config

from corpus.render.body import render_body
from corpus.render.fonts import register
from corpus.render.lampiran import render_lampiran
from corpus.render.page import Writer
from corpus.render.settings import RenderSettings, Stamp
from corpus.render.table import TablePages
from schemas.gold import GoldDecree


@dataclass(frozen=True)
class Rendered:
    """A rendered decree: the PDF bytes, where its signatures are (for the stamp) and
    where each table landed (pages, rows split by a page break)."""

    pdf: bytes
    signatures: tuple[Stamp, ...]
    tables: tuple[TablePages, ...]


def render_decree(gold: GoldDecree, settings: RenderSettings) -> Rendered:
    """Typeset `gold` with `settings`. Same inputs give byte-identical PDF bytes."""
    rl_config.invariant = 1
    writer = Writer(settings, register(settings.font_family))
    writer.canvas.setTitle(gold.metadata.title or gold.id)
    render_body(writer, gold)
    tables = render_lampiran(writer, gold)
    return Rendered(pdf=writer.finish(), signatures=tuple(writer.stamps), tables=tables)


def render_born_digital(gold: GoldDecree, settings: RenderSettings) -> bytes:
    """The decree as exported from Word: PDF bytes with a native text layer."""
    return render_decree(gold, settings).pdf
