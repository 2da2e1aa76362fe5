"""Turn a scanned page image upright and straight before its rules are found and it is OCR'd.

Orientation comes from tesseract's orientation detection (OSD) in quarter turns; skew is
the small angle (within ±MAX_SKEW degrees) that makes the rows of ink most sharply
horizontal (the variance of the row profile of a reduced, binarised copy is largest).
Both are measured once and can be replayed exactly (see `apply`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from extract.run_tesseract import run_tesseract

Image = npt.NDArray[np.uint8]

MAX_SKEW = 5.0
"""Degrees; a scan skewed more than this is left to the OCR as it is."""
OSD_MIN_CONFIDENCE = 2.0
"""Below this tesseract orientation confidence the answer counts as unsure."""
_REDUCE = 0.25


def orientation(image: Image, timeout_s: float) -> int | None:
    """Clockwise quarter turn (0, 90, 180, 270) that makes `image` upright; None when
    tesseract's orientation detection is unsure or fails."""
    half = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    with tempfile.TemporaryDirectory(prefix="lampiran-osd-") as tmp:
        path = Path(tmp) / "page.png"
        cv2.imwrite(str(path), half)
        done = run_tesseract([str(path), "-", "--psm", "0"], timeout_s)
    if done is None:
        return None
    text = done.stdout + done.stderr
    rotate = re.search(r"Rotate:\s*(\d+)", text)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if rotate is None or confidence is None or float(confidence.group(1)) < OSD_MIN_CONFIDENCE:
        return None
    return int(rotate.group(1)) % 360


def skew_angle(image: Image) -> float:
    """Counter-clockwise rotation in degrees (rounded to 0.05) that levels the ink rows."""
    small = cv2.resize(image, None, fx=_REDUCE, fy=_REDUCE, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    height, width = ink.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(((profile - profile.mean()) ** 2).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05), key=sharpness)
    return round(float(fine) / 0.05) * 0.05


def apply(image: Image, turn: int, angle: float) -> Image:
    """`image` turned clockwise by `turn` degrees, then rotated by `angle` (white fill)."""
    quarter = {0: 0, 90: 3, 180: 2, 270: 1}[turn]
    upright: Image = np.ascontiguousarray(np.rot90(image, k=quarter))
    if abs(angle) < 1e-9:
        return upright
    height, width = upright.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return np.asarray(
        cv2.warpAffine(upright, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255),
        dtype=np.uint8,
    )


def move_point(
    x: float, y: float, turn: int, angle: float, width: float, height: float
) -> tuple[float, float]:
    """Where the point (`x`, `y`) of an image `width` x `height` lies once the image is
    turned and rotated as `apply(image, turn, angle)` does (any unit, the same for all)."""
    for _ in range(turn // 90):
        # A clockwise quarter turn: the left edge becomes the top.
        x, y, width, height = height - y, x, height, width
    if abs(angle) < 1e-9:
        return x, y
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return (
        float(matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]),
        float(matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2]),
    )
