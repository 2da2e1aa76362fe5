"""TrueType fonts for the renderer, embedded so that '√' and every Indonesian letter print.

The standard Type 1 fonts have no '√'; Word embeds its TrueType fonts, and so do we.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from corpus.render.settings import FontFamily

_FONT_FILES: dict[FontFamily, tuple[str, str]] = {
    "Liberation Serif": (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    ),
    "DejaVu Sans": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names of one family."""

    regular: str
    bold: str

    def name(self, bold: bool) -> str:
        """The registered name of the regular or bold face."""
        return self.bold if bold else self.regular


def register(family: FontFamily) -> Fonts:
    """Register `family` (regular and bold) with reportlab once; return the names."""
    regular_path, bold_path = _FONT_FILES[family]
    names = []
    for path in (regular_path, bold_path):
        name = Path(path).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    return Fonts(regular=names[0], bold=names[1])


def width(text: str, font: str, size: float) -> float:
    """Advance width of `text` in points."""
    return float(pdfmetrics.stringWidth(text, font, size))
