"""Render one PDF page to a grayscale image, upright (its /Rotate applied), coloured ink
faded, solid colour fills kept as gray."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt
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
FILL_SATURATION = 40
FILL_LEVEL = 215
FILL_PT = 5.0
"""A coloured area (saturation FILL_SATURATION or more, brightest channel FILL_LEVEL or
less) holding a FILL_PT square is a fill, not ink: a spreadsheet's dark header bar with
white print on it, which fading would leave white on white, and its mid-blue rows, whose
fading thins the black print on them to broken strokes. Measured at 300 dpi on
PermenPANRB 52/2014's LKE: its dark blue header bar (RGB 29, 70, 124; saturation 56-96),
navy total rows (brightest 81) and mid-blue rows (84, 140, 212; saturation ~128) are
kept as gray. The colour cast of a photographed page is light and fades as before:
Perbup Donggala 24/2025 p. 24 (brightest 188-244) has 9 % of its pixels in fills with no
level bound, 0.2 % with this one (a figure on it read one digit worse with the cast
kept). Stamp rings and letters and pen strokes are 0.5-1.5 pt wide, so no FILL_PT square
fits in them and they fade too.
"""


def fade_colour(rgb: np.ndarray, dpi: int) -> Image:
    """An (h, w, >=3) 8-bit colour image at `dpi` -> (h, w) gray with saturated ink faded
    to paper, and dark colour fills kept as the gray of their brightest channel.

    Output pixel = min(255, max channel + SATURATION_FADE x (max - min channel)), except in
    a fill (`colour_fills`), where it is the max channel.
    Invariant: a gray pixel (equal channels) keeps its value.
    """
    channels = rgb[:, :, :3].astype(np.int16)
    brightest = channels.max(axis=2)
    saturation = brightest - channels.min(axis=2)
    faded = np.clip(brightest + SATURATION_FADE * saturation, 0, 255)
    dark = (saturation >= FILL_SATURATION) & (brightest <= FILL_LEVEL)
    if not dark.any():
        return faded.astype(np.uint8)
    fills = colour_fills(dark, round(FILL_PT * dpi / 72))
    return np.where(fills, brightest, faded).astype(np.uint8)


def colour_fills(coloured: npt.NDArray[np.bool_], side: int) -> npt.NDArray[np.bool_]:
    """The pixels within about 2 x `side` of some `side` x `side` square lying wholly in
    `coloured` (a mask): solid areas with the print on them, not strokes narrower than
    `side`. The print inside a fill is no part of the mask (black or white is not
    coloured), nor, once the square is cut out, are the gaps between its letters, nor the
    JPEG-blurred fill around them; reaching 2 x `side` out takes them back (half that left
    holes of paper in two-line header cells and under the print of 8 pt rows), so the
    print keeps the fill as its background. Gray pixels come out of `fade_colour` the same
    either way, so reaching past a fill's edge is harmless."""
    if side < 1:
        return np.zeros_like(coloured)
    core = cv2.erode(coloured.astype(np.uint8), np.ones((side, side), np.uint8))
    reach = cv2.dilate(core, np.ones((4 * side + 1, 4 * side + 1), np.uint8))
    return np.asarray(reach, dtype=bool)


def render_page(document: pypdfium2.PdfDocument, number: int, dpi: int) -> Image:
    """Page `number` (1-based) of `document` as an 8-bit grayscale image at `dpi`.

    Coloured ink is faded (`fade_colour`) so OCR and line finding see the print only.
    pdfium is used without its form or JavaScript environment, so nothing embedded runs.
    """
    page = document[number - 1]
    try:
        bitmap = page.render(scale=dpi / 72)
        pixels = np.array(bitmap.to_numpy(), dtype=np.uint8)
        return fade_colour(pixels.reshape(bitmap.height, bitmap.width, -1), dpi)
    finally:
        page.close()
