"""Fade an office stamp printed in gray over a grayscale page.

A scanned decree is stamped over its signature block, and a grayscale scan turns the
stamp's violet or blue ink into a mid gray that `render_page.fade_colour` cannot tell from
print by colour. Tesseract's threshold turns that gray black, and the stamp's ring, cut
through the signatory's name and position, breaks their letters ('HENDRA' read 'KA').
What still tells the stamp from print is its shape and its level: a ring as round as a
drawn circle, inked all round, in a gray clearly lighter than the page's print. Inside
such a ring, and a little beyond it, every pixel lighter than a level between the two
(`FADE_SHARE`) is paper or stamp, and takes the paper's level; print, and print the
stamp darkened, stays.
A stamp inked as dark as the print is left alone: nothing tells its strokes from letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from extract.straighten_image import Image

RADIUS_MM = (12.0, 25.0)
"""Radii of the outer ring of an office stamp: Indonesian office stamps are 30-45 mm
across (the synthetic scans' 36 mm, before the scanner's scaling)."""
FIND_DPI = 75
"""Resolution at which circles are looked for: a ring 0.5 mm wide is still 1-2 px. The
search and the checks of its circles took 13-53 ms a page at 300 dpi on the ten real
documents."""
PAPER_LEVEL = 200
"""A pixel at or above this level is paper when measuring a ring's coverage."""
RING_COVERAGE = 0.9
"""Share of a circle's angles at which its band must be inked for it to be a stamp's ring.
The synthetic scans' rings are inked all round (1.0). A circle the search draws through
print (cells, letters, a table's corners) crosses paper between lines and words: on the
pages of the ten real documents that lampiran renders, none passed."""
PRINT_PERCENTILE = 10
"""The page's print level is this percentile of its ink: the cores of its strokes, not
their blurred edges (nor the stamp, a small share of a page's ink)."""
RING_BAND_MM = 1.0
"""Width of the band in which a ring is looked for at each radius (`_outer_ring`)."""
MIN_CONTRAST = 50
"""A ring at least this many levels lighter than the page's print is faded. Measured on
a synthetic grayscale scan at 300 dpi (probe balai-pom's signature page): ring 137,
print 33."""
FADE_SHARE = 0.75
"""Inside a stamp's disk, pixels lighter than this share of the way from the print's
level to the ring's fade. A serif font's hairlines, blurred by the scan, are as light as
the ring; the nearer the cut lies to the ring, the more of them stay. On the two stamped
signature blocks measured (the corpus's 2025 scan, probe balai-pom's scan), tesseract
reads position and name exactly with the cut at a half or three quarters, and misreads
both with the stamp left ('AHMA® AMIR FAISOL', '(as AMARINDA,') or cut at the ring's
own level, which leaves half the ring."""
MARGIN_MM = 1.0
"""The area faded reaches this far beyond the outer ring: the ring's blurred outer edge."""


@dataclass(frozen=True)
class GrayStamp:
    """A stamp's disk on a page image (pixels) and the level above which ink in it fades."""

    x: float
    y: float
    radius: float
    level: int
    paper: int
    """The page's paper level, which the stamp's ink takes."""


def fade_stamps(gray: Image, stamps: Sequence[GrayStamp]) -> Image:
    """`gray` with the ink of `stamps` (`find_gray_stamps`) turned to the page's paper
    level; the same array when there are none.

    Invariant: pixels outside the stamps' disks, and pixels as dark as a stamp's level or
    darker inside its disk, keep their value.
    """
    if not stamps:
        return gray
    faded = gray.copy()
    rows, cols = np.ogrid[: gray.shape[0], : gray.shape[1]]
    for stamp in stamps:
        disk = (cols - stamp.x) ** 2 + (rows - stamp.y) ** 2 <= stamp.radius**2
        faded[disk & (gray > stamp.level)] = stamp.paper
    return faded


def find_gray_stamps(gray: Image, dpi: int) -> tuple[GrayStamp, ...]:
    """The stamps on `gray` (a page at `dpi`) whose ring is inked all round in a gray at
    least MIN_CONTRAST levels lighter than the page's print; each with the level FADE_SHARE
    of the way from print to ring. Output is ordered by position on the page."""
    scale = FIND_DPI / dpi
    small = cv2.medianBlur(
        cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), 3
    )
    low, high = (round(_pixels(mm, FIND_DPI)) for mm in RADIUS_MM)
    circles = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=high,
        param1=100,
        param2=30,
        minRadius=low,
        maxRadius=high,
    )
    if circles is None:
        return ()
    ink = gray < PAPER_LEVEL
    if not ink.any():
        return ()
    print_level = float(np.percentile(gray[ink], PRINT_PERCENTILE))
    paper = round(float(np.median(small)))
    stamps = []
    for x, y, radius in circles[0]:
        ring = _outer_ring(gray, x / scale, y / scale, radius / scale, dpi)
        if ring is None:
            continue
        outer, level = ring
        if level - print_level >= MIN_CONTRAST:
            stamps.append(
                GrayStamp(
                    x=float(x / scale),
                    y=float(y / scale),
                    radius=outer + _pixels(MARGIN_MM, dpi),
                    level=round(print_level + FADE_SHARE * (level - print_level)),
                    paper=paper,
                )
            )
    return tuple(sorted(stamps, key=lambda s: (s.y, s.x)))


def _outer_ring(
    gray: Image, x: float, y: float, radius: float, dpi: int
) -> tuple[float, float] | None:
    """The outermost ring about (x, y), within a fifth of `radius` of it, inked
    RING_COVERAGE of the way round, as (outer radius, median level of its ink); None if
    there is none.

    A ring is a band RING_BAND_MM wide: at each angle, its darkest pixel counts. The
    circle search places a centre a few pixels off, and a scan stretches a stamp a little,
    so a one-pixel circle crosses a 0.5 mm ring in and out (the corpus's 2025 scan: 73 %
    of a circle inked, all of a 1 mm band).
    """
    angles = np.linspace(0.0, 2 * np.pi, 1440, endpoint=False)
    half = _pixels(RING_BAND_MM / 2, dpi)
    found: tuple[float, float] | None = None
    for r in np.arange(radius * 0.8, radius * 1.2, half):
        darkest = _darkest_in_band(gray, x, y, float(r), half, angles)
        if darkest is None:
            return None
        inked = darkest[darkest < PAPER_LEVEL]
        if len(inked) >= RING_COVERAGE * len(darkest):
            found = (float(r + half), float(np.median(inked)))
    return found


def _darkest_in_band(
    gray: Image, x: float, y: float, r: float, half: float, angles: np.ndarray
) -> np.ndarray | None:
    """At each of `angles` about (x, y), the darkest level of `gray` within `half` of
    radius `r`; None when the band leaves the image."""
    radii = r + np.linspace(-half, half, 5)
    xs = np.rint(x + np.outer(radii, np.cos(angles))).astype(int)
    ys = np.rint(y + np.outer(radii, np.sin(angles))).astype(int)
    height, width = gray.shape
    if xs.min() < 0 or ys.min() < 0 or xs.max() >= width or ys.max() >= height:
        return None
    return np.asarray(gray[ys, xs].min(axis=0))


def _pixels(mm: float, dpi: int) -> float:
    """`mm` millimetres in pixels at `dpi`."""
    return mm / 25.4 * dpi
