"""Settings of the renderer and of the scan simulation (frozen, hashable, no defaults hidden).

`RenderSettings` fixes everything that moves text on the page (paper, font, sizes, column
widths, margins); two renders of the same gold with equal settings are byte-identical.
`ScanSettings` fixes the simulated scanner; its randomness comes only from `seed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MM = 72.0 / 25.4
"""PDF points per millimetre."""

PAPER_MM: dict[str, tuple[float, float]] = {"F4": (215.0, 330.0), "A4": (210.0, 297.0)}
"""Portrait paper sizes in millimetres (width, height)."""

FontFamily = Literal["Liberation Serif", "DejaVu Sans"]


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class RenderSettings:
    """How a gold decree is typeset.

    `column_scale` multiplies the relative width of each table column by position (missing
    entries count as 1.0); widths are then renormalised to the table width, so a scale only
    redistributes space between columns.
    """

    paper: Literal["F4", "A4"] = "F4"
    font_family: FontFamily = "Liberation Serif"
    font_size: float = 12.0
    table_font_size: float = 10.0
    line_spacing: float = 1.15
    column_scale: tuple[float, ...] = ()
    body_margins: Margins = field(default_factory=lambda: Margins(20.0, 20.0, 20.0, 25.0))
    table_margins: Margins = field(default_factory=lambda: Margins(15.0, 15.0, 15.0, 15.0))

    def page_size(self, orientation: Literal["portrait", "landscape"]) -> tuple[float, float]:
        """Page (width, height) in points for `orientation` on this paper."""
        width, height = PAPER_MM[self.paper]
        if orientation == "landscape":
            width, height = height, width
        return width * MM, height * MM


@dataclass(frozen=True)
class Stamp:
    """Where a round stamp is pressed: page index (0-based) and centre in PDF points."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class ScanSettings:
    """How pages are 'printed and scanned': resolution, distortion, stamps and JPEG quality.

    Each page's skew is drawn from [skew_min, skew_max] degrees with a random sign; all
    randomness comes from a generator seeded with `seed` (use the decree id). JPEG quality
    starts at `jpeg_quality` and drops in steps of 5 while the page images exceed
    `max_bytes` (so that every variant, text layer included, stays under 5 MB).
    """

    seed: str
    dpi: int = 200
    skew_min: float = 0.3
    skew_max: float = 0.8
    noise_sigma: float = 2.0
    texture_sigma: float = 3.0
    blur_sigma: float = 0.7
    jpeg_quality: int = 60
    max_bytes: int = 4_400_000
    stamps: tuple[Stamp, ...] = ()
    stamp_text: str = ""
