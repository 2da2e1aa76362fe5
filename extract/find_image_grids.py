"""Ruled grids on a page image, with camelot lattice's OpenCV line finder.

The page image is thresholded, horizontal and vertical rules are isolated with
morphological opening (camelot's `find_lines`), tables are the connected line networks
(`find_contours`) with their line crossings (`find_joints`). Coordinates are converted
from pixels to points; the image's top-left is the page's top-left.

The same line masks say which pixels are rules, so they can be erased before OCR:
tesseract reads a rule next to text as '|', 'I' or 'l', and mis-segments ruled cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from camelot.image_processing import adaptive_threshold, find_contours, find_joints, find_lines

from extract.find_grids import Grid, Rule, distinct, with_rules
from extract.straighten_image import Image

ERASE_MARGIN_PX = 2
"""Pixels around a rule also erased (anti-aliased edges of the printed line)."""
MIN_SCAN_CELL = 5.0
"""Rules of a scan closer than this (points) bound no cell, they are one rule drawn
double (a frame 3-4 pt inside another): no glyph fits between them with its padding. A
scan's rules are thick and blurred, so they are never drawn tighter to mean two cells."""
MIN_RULE_PT = 14.0
"""The shortest rule looked for, in points, whatever the page size: a letter's stroke
is shorter than this even in a large heading."""


@dataclass(frozen=True)
class ImageGrids:
    """The grids found on a page image and the mask of its rule pixels."""

    grids: tuple[Grid, ...]
    rule_mask: Image


def image_grids(image: Image, dpi: int, line_scale: int) -> ImageGrids:
    """Grids of a grayscale page image rendered at `dpi`, in points.

    A rule must be at least 1/`line_scale` of the page's extent and MIN_RULE_PT long.
    Only rule pixels inside a found grid are in the mask, so text elsewhere is never
    erased.
    """
    _, threshold = adaptive_threshold(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    shortest = MIN_RULE_PT * dpi / 72
    height, width = image.shape
    v_mask, v_segments = find_lines(
        threshold, direction="vertical", line_scale=_scale(height, line_scale, shortest)
    )
    h_mask, h_segments = find_lines(
        threshold, direction="horizontal", line_scale=_scale(width, line_scale, shortest)
    )
    scale = 72.0 / dpi
    v_rules = [
        Rule(x * scale, min(y0, y1) * scale, max(y0, y1) * scale) for x, y0, _, y1 in v_segments
    ]
    h_rules = [
        Rule(y * scale, min(x0, x1) * scale, max(x0, x1) * scale) for x0, y, x1, _ in h_segments
    ]
    grids = []
    in_grids = np.zeros(image.shape, np.uint8)
    tables = find_joints(find_contours(v_mask, h_mask), v_mask, h_mask)
    for (left, bottom, right, top), joints in sorted(tables.items()):
        xs = distinct([left * scale, right * scale, *(x * scale for x, _ in joints)], MIN_SCAN_CELL)
        ys = distinct([top * scale, bottom * scale, *(y * scale for _, y in joints)], MIN_SCAN_CELL)
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(with_rules(xs, ys, v_rules, h_rules, "image"))
            margin = 2 * ERASE_MARGIN_PX
            in_grids[
                max(0, top - margin) : bottom + margin + 1,
                max(0, left - margin) : right + margin + 1,
            ] = 1
    rules = (np.maximum(v_mask, h_mask) > 0).astype(np.uint8) * in_grids
    mask = np.asarray(
        cv2.dilate(rules, np.ones((2 * ERASE_MARGIN_PX + 1,) * 2, np.uint8)), dtype=np.uint8
    )
    return ImageGrids(grids=tuple(grids), rule_mask=mask)


def _scale(extent: int, line_scale: int, shortest: float) -> int:
    """The camelot line_scale for an image `extent` pixels long: at most `line_scale`,
    less when extent / line_scale would be shorter than `shortest`."""
    return max(1, min(line_scale, int(extent / shortest)))


def erase_rules(image: Image, rule_mask: Image) -> Image:
    """`image` with its rule pixels painted white."""
    erased = image.copy()
    erased[rule_mask > 0] = 255
    return erased
