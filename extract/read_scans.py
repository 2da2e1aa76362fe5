"""Scanned pages that keep their own text layer: grids from the straightened page image.

A scan's rules are pixels, and a skew of half a degree already breaks them into pieces
too short for a line finder. So the page is rendered, deskewed, and its grids are found
on the straight image (find_image_grids); the text layer's characters are moved into the
same straightened frame by the same rotation, so that cells and text line up. Glyphs an
OCR layer sized taller than its lines' spacing are fitted to it first (fit_glyph_heights).

The layer is some OCR's reading, with page OCR's weakness in narrow cells (row numbers,
month ticks); when OCR is enabled, those cells and inked cells the layer left empty are
read again from the page image (reread_cells), as on pages we OCR ourselves. The layer
was also read with the page's stamps on it: where a stamp printed in gray lay over its
words (`stamped_regions`), they are read again from the page with the stamp faded. A
final stop the layer left out of a word, as page OCR does, is given back
(find_lost_stops).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from extract.build_table import lay_out
from extract.find_grids import Grid
from extract.find_image_grids import ImageGrids, erase_rules, image_grids
from extract.find_lost_stops import find_lost_stops
from extract.fit_glyph_heights import fit_glyph_heights
from extract.read_words import Char, Word, read_words
from extract.render_page import redrawn_for_ocr, render_page
from extract.reread_cells import read_boxes, reread_cells
from extract.settings import ExtractSettings
from extract.stamped_regions import stamp_bands, stamped_reading
from extract.straighten_image import Image, move_point, skew_angle


@dataclass(frozen=True)
class StraightScan:
    """A scanned page's grids and characters in its straightened frame."""

    grids: tuple[Grid, ...]
    chars: tuple[Char, ...]


def straighten_scan(
    document: pypdfium2.PdfDocument,
    number: int,
    width: float,
    height: float,
    chars: Sequence[Char],
    settings: ExtractSettings,
    scratch: Path,
) -> StraightScan:
    """Grids of page `number` (upright size `width` x `height` points) and its `chars`,
    both in the page's deskewed frame; with `settings.ocr`, the words under a gray stamp
    and narrow and empty cells re-read, and lost final stops given back (`scratch`: a PNG
    path for the crops)."""
    image = render_page(document, number, settings.dpi)
    angle = skew_angle(image.drawn) if settings.deskew else 0.0
    straight = image.straightened(0, angle)
    found = image_grids(straight.drawn, settings.dpi, settings.raster_line_scale)
    moved = rotate_chars(fit_glyph_heights(chars), angle, width, height)
    if not settings.ocr:
        return StraightScan(grids=found.grids, chars=tuple(moved))
    erased = erase_rules(straight.smooth, found.rule_mask)
    if straight.stamps:
        bands = read_boxes(
            erased,
            found.rule_mask,
            stamp_bands(erased, straight.stamps, settings.dpi),
            settings.dpi,
            settings.ocr_languages,
            scratch.with_stem(scratch.stem + "-stamps"),
            settings.ocr_timeout_s,
            psm=settings.ocr_psm,
        )
        stamped = stamped_reading(straight.stamps, _words(moved), bands.words, settings.dpi)
        moved = list(stamped.applied_to(moved))
    if found.grids:
        moved = list(_reread_cells(erased, found, moved, settings, scratch))
    if redrawn_for_ocr(straight):
        return StraightScan(grids=found.grids, chars=tuple(moved))
    stops = find_lost_stops(erased, _words(moved), settings.dpi)
    return StraightScan(grids=found.grids, chars=stops.applied_to(moved))


def _reread_cells(
    erased: Image,
    found: ImageGrids,
    chars: Sequence[Char],
    settings: ExtractSettings,
    scratch: Path,
) -> tuple[Char, ...]:
    """`chars` with the narrow and empty cells of `found` read again (reread_cells)."""
    cells = reread_cells(
        erased,
        found.rule_mask,
        [lay_out(grid) for grid in found.grids],
        _words(chars),
        settings.dpi,
        settings.ocr_languages,
        scratch,
        settings.ocr_timeout_s,
        foreign=True,
    )
    return cells.applied_to(chars)


def _words(chars: Sequence[Char]) -> list[Word]:
    """The words of a layer's `chars`, read as OCR text."""
    return read_words(chars, lambda _: None, text_flow=True)


def rotate_chars(chars: Sequence[Char], angle: float, width: float, height: float) -> list[Char]:
    """`chars` moved as the page is rotated by `angle` degrees about its centre.

    Each character keeps its size; its centre moves (characters are small, so rotating
    their boxes would only blur them).
    """
    if abs(angle) < 1e-9:
        return list(chars)
    moved = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        x, y = move_point(cx, cy, 0, angle, width, height)
        moved.append(
            {
                **char,
                "x0": char["x0"] + x - cx,
                "x1": char["x1"] + x - cx,
                "top": char["top"] + y - cy,
                "bottom": char["bottom"] + y - cy,
            }
        )
    return moved
