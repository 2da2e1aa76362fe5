"""Character spacing (the PDF `Tc` operator) after every glyph, as the PDF spec says.

pdfminer.six, under pdfplumber, adds `Tc` only between two glyphs of one text-showing
operator (pdfminer.six issue #1128), so the spacing after the last glyph of each operator
is lost. Writers that show one glyph per operator and space them with `Tc` (pdfFactory,
common in Indonesian regulations) then get every following character misplaced: in
PermenPANRB 52/2014 a cell's first letter lands 15 pt to the left, across the cell's
rule. Poppler and pdfium place the same glyphs where the page shows them.

`install` replaces pdfminer's two string renderers with ones that follow the spec:
each glyph advances by its width plus `Tc` (plus `Tw` after a single-byte space); a
number in a `TJ` array moves the pen and shows no glyph, so it gets no `Tc`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pdfminer import utils
from pdfminer.pdfdevice import PDFTextDevice


def _renderer(vertical: bool) -> Callable[..., tuple[float, float]]:
    """pdfminer's `render_string_horizontal` (or `_vertical`), with `Tc` per the spec."""

    def render(
        self: PDFTextDevice,
        seq: Any,
        matrix: Any,
        pos: tuple[float, float],
        font: Any,
        fontsize: float,
        scaling: float,
        charspace: float,
        wordspace: float,
        rise: float,
        dxscale: float,
        ncs: Any,
        graphicstate: Any,
    ) -> tuple[float, float]:
        # Each step is added to the coordinate on its own, in pdfminer's order, so that
        # text without `Tc` gets the very same floats as before.
        def move(point: tuple[float, float], step: float) -> tuple[float, float]:
            return (point[0], point[1] + step) if vertical else (point[0] + step, point[1])

        for obj in seq:
            if isinstance(obj, int | float):
                pos = move(pos, -obj * dxscale)
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    advance = self.render_char(
                        utils.translate_matrix(matrix, pos),
                        font,
                        fontsize,
                        scaling,
                        rise,
                        cid,
                        ncs,
                        graphicstate,
                    )
                    pos = move(move(pos, advance), charspace)
                    if cid == 32 and wordspace:
                        pos = move(pos, wordspace)
        return pos

    return render


def install() -> None:
    """Make pdfminer place glyphs spaced with `Tc` where the page shows them (idempotent)."""
    PDFTextDevice.render_string_horizontal = _renderer(vertical=False)  # type: ignore[method-assign]
    PDFTextDevice.render_string_vertical = _renderer(vertical=True)  # type: ignore[method-assign]
