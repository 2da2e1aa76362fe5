"""A reportlab canvas with a text cursor: pages, margins, measured and justified lines.

`Writer` is the one mutable object of the renderer: it owns the canvas and the vertical
cursor `y` (top of the next line, in points from the page bottom). Everything that decides
*what* goes on a page is pure; `Writer` only puts it there.
"""

from __future__ import annotations

import io
from typing import Literal

from reportlab.pdfgen.canvas import Canvas

from corpus.render.fonts import Fonts, width
from corpus.render.settings import MM, Margins, RenderSettings, Stamp

Orientation = Literal["portrait", "landscape"]
Align = Literal["left", "center", "right"]

ASCENT = 0.86
"""Baseline offset below a line's top, as a fraction of the font size (Times-like faces)."""


class Writer:
    """Sequential page writer over one reportlab canvas (invariant mode: byte-identical)."""

    def __init__(self, settings: RenderSettings, fonts: Fonts) -> None:
        self.settings = settings
        self.fonts = fonts
        self._buffer = io.BytesIO()
        self.canvas = Canvas(self._buffer, invariant=1, pageCompression=1)
        self.canvas.setCreator("lampiran corpus renderer")
        self.page_index = -1
        self.orientation: Orientation = "portrait"
        self.margins = settings.body_margins
        self.width, self.height = settings.page_size("portrait")
        self.y = 0.0
        self.stamps: list[Stamp] = []

    @property
    def left(self) -> float:
        """Left edge of the text area."""
        return self.margins.left * MM

    @property
    def right(self) -> float:
        """Right edge of the text area."""
        return self.width - self.margins.right * MM

    @property
    def top(self) -> float:
        """Top edge of the text area."""
        return self.height - self.margins.top * MM

    @property
    def bottom(self) -> float:
        """Bottom edge of the text area."""
        return self.margins.bottom * MM

    def new_page(self, orientation: Orientation, margins: Margins) -> None:
        """Close the open page (if any) and start a page of `orientation`."""
        if self.page_index >= 0:
            self.canvas.showPage()
        self.page_index += 1
        self.orientation = orientation
        self.margins = margins
        self.width, self.height = self.settings.page_size(orientation)
        self.canvas.setPageSize((self.width, self.height))
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page of the same kind when less than `height` is left."""
        if self.y - height < self.bottom - 0.01:
            self.new_page(self.orientation, self.margins)

    def leading(self, size: float) -> float:
        """Line pitch for a font size."""
        return size * self.settings.line_spacing

    def measure(self, text: str, bold: bool, size: float) -> float:
        """Width of `text` in the writer's family."""
        return width(text, self.fonts.name(bold), size)

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        bold: bool = False,
        align: Align = "left",
    ) -> None:
        """Draw one line; `x` is its left edge, centre or right edge by `align`."""
        font = self.fonts.name(bold)
        self.canvas.setFont(font, size)
        if align == "center":
            self.canvas.drawCentredString(x, baseline, text)
        elif align == "right":
            self.canvas.drawRightString(x, baseline, text)
        else:
            self.canvas.drawString(x, baseline, text)

    def justified(
        self,
        x: float,
        baseline: float,
        line: str,
        line_width: float,
        size: float,
        bold: bool = False,
    ) -> None:
        """Draw `line` stretched to `line_width` by widening the spaces, as Word justifies.

        Each word is drawn with its trailing space glyph so that text extraction still
        sees real spaces between words.
        """
        words = line.split(" ")
        if len(words) < 2:
            self.text(x, baseline, line, size, bold)
            return
        natural = sum(self.measure(word, bold, size) for word in words)
        gap = (line_width - natural) / (len(words) - 1)
        space = self.measure(" ", bold, size)
        self.canvas.setFont(self.fonts.name(bold), size)
        cursor = x
        for index, word in enumerate(words):
            last = index == len(words) - 1
            self.canvas.drawString(cursor, baseline, word if last else word + " ")
            cursor += self.measure(word, bold, size) + max(gap, space)

    def finish(self) -> bytes:
        """Close the last page and return the PDF bytes."""
        self.canvas.showPage()
        self.canvas.save()
        return self._buffer.getvalue()
