"""Render one PDF page to a grayscale image, upright (its /Rotate applied), coloured ink faded."""

from __future__ import annotations

import numpy as np
import pypdfium2

from extract.straighten_image import Image

SATURATION_FADE = 2
"""How many times a pixel's saturation (max - min channel) is added to its brightness.

Office stamps and pen signatures are printed in coloured ink (blue, violet, red) over the
signature block of a scanned decree; print is black. A pixel as bright as its brightest
channel plus twice its saturation turns stamp ink (saturation 80+) white, while black or
gray print (R = G = B, saturation ~0) keeps its exact gray level, so grayscale pages render
as before.
"""


def fade_colour(rgb: np.ndarray) -> Image:
    """An (h, w, >=3) 8-bit colour image -> (h, w) gray with saturated ink faded to paper.

    Output pixel = min(255, max channel + SATURATION_FADE x (max - min channel)).
    Invariant: a gray pixel (equal channels) keeps its value.
    """
    channels = rgb[:, :, :3].astype(np.int16)
    brightest = channels.max(axis=2)
    saturation = brightest - channels.min(axis=2)
    return np.clip(brightest + SATURATION_FADE * saturation, 0, 255).astype(np.uint8)


def render_page(document: pypdfium2.PdfDocument, number: int, dpi: int) -> Image:
    """Page `number` (1-based) of `document` as an 8-bit grayscale image at `dpi`.

    Coloured ink is faded (`fade_colour`) so OCR and line finding see the print only.
    pdfium is used without its form or JavaScript environment, so nothing embedded runs.
    """
    page = document[number - 1]
    try:
        bitmap = page.render(scale=dpi / 72)
        pixels = np.array(bitmap.to_numpy(), dtype=np.uint8)
        return fade_colour(pixels.reshape(bitmap.height, bitmap.width, -1))
    finally:
        page.close()
