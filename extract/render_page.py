"""Render one PDF page to a grayscale image, upright (its /Rotate applied)."""

from __future__ import annotations

import numpy as np
import pypdfium2

from extract.straighten_image import Image


def render_page(document: pypdfium2.PdfDocument, number: int, dpi: int) -> Image:
    """Page `number` (1-based) of `document` as an 8-bit grayscale image at `dpi`.

    pdfium is used without its form or JavaScript environment, so nothing embedded runs.
    """
    page = document[number - 1]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return np.array(bitmap.to_numpy(), dtype=np.uint8).reshape(bitmap.height, bitmap.width)
    finally:
        page.close()
