"""A round office stamp as an ink-coverage mask (0 = no ink, 1 = full ink), drawn with PIL.

Two concentric rings, the office name around the ring and a star in the centre, with a
seeded uneven ink density as a rubber stamp leaves it.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont

_FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"


def _ring_text(canvas: Image.Image, text: str, radius: float, largest_px: int) -> None:
    """Letters of `text` around the top of a circle of `radius`, at most four fifths of the
    way round (long names get smaller letters)."""
    font_px = max(6, min(largest_px, int(0.8 * 2 * math.pi * radius / (0.75 * max(len(text), 1)))))
    font = ImageFont.truetype(_FONT, font_px)
    centre = canvas.width / 2
    span = len(text) * font_px * 0.75 / radius
    for index, char in enumerate(text):
        angle = -math.pi / 2 - span / 2 + span * (index + 0.5) / max(len(text), 1)
        glyph = Image.new("L", (font_px * 2, font_px * 2), 0)
        ImageDraw.Draw(glyph).text((font_px, font_px), char, fill=255, font=font, anchor="mm")
        rotated = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BILINEAR)
        x = centre + radius * math.cos(angle) - font_px
        y = centre + radius * math.sin(angle) - font_px
        canvas.paste(255, (round(x), round(y)), rotated)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    """A filled five-pointed star."""
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=255)


def stamp_mask(diameter: int, text: str, rng: np.random.Generator) -> np.ndarray:
    """Ink coverage of a round stamp, `diameter` pixels square, float32 in [0, 1]."""
    image = Image.new("L", (diameter, diameter), 0)
    draw = ImageDraw.Draw(image)
    line = max(2, diameter // 60)
    draw.ellipse((line, line, diameter - line, diameter - line), outline=255, width=line * 2)
    inner = diameter * 0.28
    draw.ellipse(
        (diameter / 2 - inner, diameter / 2 - inner, diameter / 2 + inner, diameter / 2 + inner),
        outline=255,
        width=line,
    )
    _star(draw, diameter / 2, diameter / 2, inner * 0.7)
    if text:
        _ring_text(image, text, diameter * 0.39, max(8, diameter // 12))
    coverage = np.asarray(image, dtype=np.float32) / 255.0
    density = 0.55 + 0.45 * rng.random(coverage.shape, dtype=np.float32)
    return coverage * density
