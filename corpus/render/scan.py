"""'Print and scan' a PDF: rasterise, stamp, skew, blur, add noise, save as grayscale JPEG.

Every page becomes one grayscale JPEG on a page of the original size; there is no text
layer. All randomness comes from `ScanSettings.seed`, so the same input and settings give
byte-identical output.
"""

from __future__ import annotations

import hashlib
import io

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from corpus.render.pdfimage import PageImage, image_pdf
from corpus.render.settings import MM, ScanSettings, Stamp
from corpus.render.stamp import stamp_mask

PAPER = 242.0
"""Gray level of the scanned paper."""

INK = 22.0
"""Gray level of black toner after scanning."""

STAMP_INK = 95.0
"""Gray level of stamp ink (violet or blue) on a grayscale scan."""

STAMP_DIAMETER_MM = 36.0


def rng_for(seed: str, *parts: object) -> np.random.Generator:
    """A generator seeded from `seed` and a path of labels (page number, purpose)."""
    key = "/".join([seed, *map(str, parts)]).encode()
    return np.random.default_rng(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))


def skew_angle(settings: ScanSettings, page: int) -> float:
    """The page's skew in degrees (counter-clockwise as seen), in ±[skew_min, skew_max]."""
    rng = rng_for(settings.seed, "skew", page)
    magnitude = float(rng.uniform(settings.skew_min, settings.skew_max))
    return magnitude if rng.random() < 0.5 else -magnitude


def _rasterise(page: pdfium.PdfPage, dpi: int) -> np.ndarray:
    """The page as 8-bit grayscale at `dpi`."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    return np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8).copy()


def _press_stamp(
    pixels: np.ndarray, stamp: Stamp, page_height: float, settings: ScanSettings
) -> np.ndarray:
    """Multiply a stamp's ink over `pixels` centred at the stamp's position."""
    scale = settings.dpi / 72.0
    diameter = round(STAMP_DIAMETER_MM * MM * scale)
    mask = stamp_mask(diameter, settings.stamp_text, rng_for(settings.seed, "stamp", stamp.page))
    angle = float(rng_for(settings.seed, "stamp-angle", stamp.page).uniform(-25, 25))
    rotation = cv2.getRotationMatrix2D((diameter / 2, diameter / 2), angle, 1.0)
    mask = cv2.warpAffine(mask, rotation, (diameter, diameter), flags=cv2.INTER_LINEAR)
    cx, cy = round(stamp.x * scale), round((page_height - stamp.y) * scale)
    x0, y0 = cx - diameter // 2, cy - diameter // 2
    height, width = pixels.shape
    sx0, sy0 = max(0, -x0), max(0, -y0)
    sx1, sy1 = min(diameter, width - x0), min(diameter, height - y0)
    if sx1 <= sx0 or sy1 <= sy0:
        return pixels
    region = pixels[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1].astype(np.float32)
    coverage = mask[sy0:sy1, sx0:sx1]
    inked = region * (1.0 - coverage * (1.0 - STAMP_INK / 255.0))
    out = pixels.copy()
    out[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1] = np.clip(inked, 0, 255).astype(np.uint8)
    return out


def _degrade(pixels: np.ndarray, settings: ScanSettings, page: int) -> np.ndarray:
    """Paper tone, seeded skew, blur and sensor noise."""
    rng = rng_for(settings.seed, "page", page)
    toned = INK + pixels.astype(np.float32) * (PAPER - INK) / 255.0
    height, width = toned.shape
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), skew_angle(settings, page), 1.0)
    skewed = cv2.warpAffine(
        toned,
        rotation,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=PAPER,
    )
    blurred = cv2.GaussianBlur(skewed, (0, 0), settings.blur_sigma)
    # Uneven paper and lamp (smooth, cheap for JPEG) plus fine sensor grain (costly: keep low).
    texture = cv2.resize(
        np.asarray(
            rng.normal(0.0, settings.texture_sigma, (height // 64 + 2, width // 64 + 2)),
            dtype=np.float32,
        ),
        (width, height),
        interpolation=cv2.INTER_CUBIC,
    )
    grain = np.asarray(rng.normal(0.0, settings.noise_sigma, blurred.shape), dtype=np.float32)
    return np.clip(np.rint(blurred + texture + grain), 0, 255).astype(np.uint8)


def _jpeg(pixels: np.ndarray, quality: int) -> bytes:
    """Baseline grayscale JPEG bytes."""
    buffer = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _encode(
    pages: list[tuple[np.ndarray, float, float]], settings: ScanSettings
) -> list[PageImage]:
    """JPEG pages at the starting quality, lowered in steps of 5 (not below 40) until the
    images together fit `settings.max_bytes`."""
    quality = settings.jpeg_quality
    while True:
        encoded = [
            PageImage(_jpeg(pixels, quality), pixels.shape[1], pixels.shape[0], width, height)
            for pixels, width, height in pages
        ]
        if sum(len(page.jpeg) for page in encoded) <= settings.max_bytes or quality <= 40:
            return encoded
        quality -= 5


def make_scan(pdf: bytes, settings: ScanSettings) -> bytes:
    """An image-only PDF of `pdf` as if printed, stamped and scanned (see module doc)."""
    document = pdfium.PdfDocument(pdf)
    pages: list[tuple[np.ndarray, float, float]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            page_width, page_height = page.get_size()
            pixels = _rasterise(page, settings.dpi)
            for stamp in settings.stamps:
                if stamp.page == index:
                    pixels = _press_stamp(pixels, stamp, page_height, settings)
            pages.append((_degrade(pixels, settings, index), page_width, page_height))
            page.close()
    finally:
        document.close()
    return image_pdf(_encode(pages, settings))
