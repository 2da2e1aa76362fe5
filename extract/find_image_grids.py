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


@dataclass(frozen=True)
class ImageGrids:
    """The grids found on a page image and the mask of its rule pixels."""

    grids: tuple[Grid, ...]
    rule_mask: Image


def image_grids(image: Image, dpi: int, line_scale: int) -> ImageGrids:
    """Grids of a grayscale page image rendered at `dpi`, in points."""
    _, threshold = adaptive_threshold(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    v_mask, v_segments = find_lines(threshold, direction="vertical", line_scale=line_scale)
    h_mask, h_segments = find_lines(threshold, direction="horizontal", line_scale=line_scale)
    scale = 72.0 / dpi
    v_rules = [Rule(x * scale, min(y0, y1) * scale, max(y0, y1) * scale)
               for x, y0, _, y1 in v_segments]
    h_rules = [Rule(y * scale, min(x0, x1) * scale, max(x0, x1) * scale)
               for x0, y, x1, _ in h_segments]
    grids = []
    tables = find_joints(find_contours(v_mask, h_mask), v_mask, h_mask)
    for (left, bottom, right, top), joints in sorted(tables.items()):
        xs = distinct([left * scale, right * scale, *(x * scale for x, _ in joints)])
        ys = distinct([top * scale, bottom * scale, *(y * scale for _, y in joints)])
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(with_rules(xs, ys, v_rules, h_rules, "image"))
    mask = cv2.dilate(np.maximum(v_mask, h_mask).astype(np.uint8),
                      np.ones((2 * ERASE_MARGIN_PX + 1,) * 2, np.uint8))
    return ImageGrids(grids=tuple(grids), rule_mask=mask)


def erase_rules(image: Image, rule_mask: Image) -> Image:
    """`image` with its rule pixels painted white."""
    erased = image.copy()
    erased[rule_mask > 0] = 255
    return erased
