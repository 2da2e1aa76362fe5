"""Render one PDF page to a grayscale image, upright (its /Rotate applied), coloured ink
and stamps printed in gray faded, solid colour fills kept as gray; and, for OCR, the same
image with its coarse pictures redrawn smoothly."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt
import pypdfium2
import pypdfium2.raw as pdfium_c

from extract.fade_gray_stamps import GrayStamp, fade_stamps, find_gray_stamps
from extract.straighten_image import Image, apply, move_point

COARSE_ENLARGEMENT = 2.5
"""An image that rendering enlarges this many times or more (placed at no more than
dpi / COARSE_ENLARGEMENT pixels per inch) is redrawn smoothly for OCR. pdfium repeats its
pixels in blocks of 3 x 3 or more, whose stepped edges tesseract misreads. Measured on
PermenPANRB 52/2014's 96 dpi LKE strips at 300 dpi: dictionary words 82.6 -> 86.2 % of the
LKE's text, its header read "Jawabar Nilat", not "Tamwabar Niat", `check_real` 27 -> 29/47.
Images enlarged less are left as drawn: redrawn at 2x, KMA 186/2017's 150 dpi signature
page lost its date and read "HRKIM" (decision 0005, Rejected)."""
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
ENCLOSED_LINES = 3
"""Print enclosed by a fill is at most this many FILL_PT high: a line or two of text in a
row band. A higher hole in a fill is paper (a page inside a coloured frame)."""
STRIP_GAP_PT = 0.7
"""A fill's strip beside its print, broken by a gap this narrow (points), still encloses
the print: JPEG blur breaks the strip where a letter nearly touches the band's side
(1-2 px at 300 dpi on PermenPANRB 52/2014's navy rows, which then lost 'EV', 'OR' and
'RO' of their print to fading). Wider closing bridges a letter's hole to the row beside
the band and makes it too high to be print."""
TURN_LEVEL = 160
"""A fill printed in reverse whose brightest channel averages above this is turned to dark
print on paper for OCR: its white print stands less than about 90 levels off it, and at
96 dpi JPEG blur leaves little of the print's own white, too little for the cell pass to
find the cell printed in reverse (`reread_cells.reversed_print`). A darker fill keeps its
gray, and its white print is read as that pass reads a dark header bar. Measured at
300 dpi on PermenPANRB 52/2014's LKE, averaged over each fill with its JPEG-blurred edges:
mid-blue total rows 179-195, the dark blue header bar 137, navy rows 114-117."""


def fade_colour(rgb: np.ndarray, dpi: int, for_ocr: bool = False) -> Image:
    """An (h, w, >=3) 8-bit colour image at `dpi` -> (h, w) gray with saturated ink faded
    to paper, and dark colour fills kept as the gray of their brightest channel.

    Output pixel = min(255, max channel + SATURATION_FADE x (max - min channel)), except in
    a fill (`colour_fills`), where it is the max channel. `for_ocr`: the print a thin fill
    band encloses is kept with it (`_enclosed_print`), and a light fill printed in reverse
    is turned to dark print on paper (`_reversed`); not for finding rules, where such a
    band, kept whole, draws its edges as rules a few points apart.
    Invariant: a gray pixel (equal channels) keeps its value.
    """
    for_rules, for_reading = _fade(rgb, dpi, for_ocr)
    return for_reading if for_ocr else for_rules


def _fade(rgb: np.ndarray, dpi: int, for_ocr: bool) -> tuple[Image, Image]:
    """`fade_colour` of `rgb` for finding rules and, when `for_ocr`, for OCR, its colour
    planes and fills computed once; the second is the first, the same array, when
    `for_ocr` is False or the two are equal."""
    channels = rgb[:, :, :3].astype(np.int16)
    brightest = channels.max(axis=2)
    darkest = channels.min(axis=2)
    saturation = brightest - darkest
    faded = np.clip(brightest + SATURATION_FADE * saturation, 0, 255)
    dark = (saturation >= FILL_SATURATION) & (brightest <= FILL_LEVEL)
    if not dark.any():
        gray = faded.astype(np.uint8)
        return gray, gray
    side = round(FILL_PT * dpi / 72)
    fills = colour_fills(dark, side)
    for_rules = np.where(fills, brightest, faded).astype(np.uint8)
    if not for_ocr:
        return for_rules, for_rules
    enclosed, beside = _enclosed_print(dark, side)
    fills |= enclosed | beside
    reversed_, turned = _reversed(fills, dark | enclosed, dark, brightest, darkest)
    kept = np.where(reversed_, turned, brightest)
    for_reading = np.where(fills, kept, faded).astype(np.uint8)
    return for_rules, for_rules if np.array_equal(for_reading, for_rules) else for_reading


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
    return cv2.dilate(_cores(coloured, side), np.ones((4 * side + 1,) * 2, np.uint8)) > 0


def _cores(coloured: npt.NDArray[np.bool_], side: int) -> npt.NDArray[np.uint8]:
    """The centres of the `side` x `side` squares lying wholly in `coloured`."""
    return np.asarray(cv2.erode(coloured.astype(np.uint8), np.ones((side, side), np.uint8)))


def _enclosed_print(
    coloured: npt.NDArray[np.bool_], side: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The print enclosed by a fill that `colour_fills` may not reach, and the fill beside
    it: the holes, at most ENCLOSED_LINES x `side` high, of the pieces of `coloured` that
    hold a `side` square; and those pieces' pixels within `side` of such a hole.

    A row band too thin for a square beside its print (an 8 pt total row) holds squares
    only where it is empty, at its ends, and a long line of print in its middle is out of
    their reach: there the fill is a thin strip above and below the print, which encloses
    it. A higher hole is not print (a page inside a coloured frame) and is left to fade.
    """
    if side < 1:
        return np.zeros_like(coloured), np.zeros_like(coloured)
    _, pieces = cv2.connectedComponents(coloured.astype(np.uint8), connectivity=8)
    held = np.unique(pieces[_cores(coloured, side) > 0])
    solid = np.isin(pieces, held[held > 0])
    gap = np.ones((max(1, round(STRIP_GAP_PT * side / FILL_PT)),) * 2, np.uint8)
    walls = cv2.morphologyEx(solid.astype(np.uint8), cv2.MORPH_CLOSE, gap) > 0
    outside = np.pad((~walls).astype(np.uint8), 1, constant_values=1)
    cv2.floodFill(outside, None, (0, 0), 2)
    holes = (outside[1:-1, 1:-1] == 1).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    low = np.flatnonzero(stats[:, cv2.CC_STAT_HEIGHT] <= ENCLOSED_LINES * side)
    enclosed = np.isin(labels, low[low > 0])
    near = cv2.dilate(enclosed.astype(np.uint8), np.ones((2 * side + 1,) * 2, np.uint8)) > 0
    return enclosed, near & solid


def _reversed(
    fills: npt.NDArray[np.bool_],
    inside: npt.NDArray[np.bool_],
    coloured: npt.NDArray[np.bool_],
    brightest: npt.NDArray[np.int16],
    darkest: npt.NDArray[np.int16],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int16]]:
    """The `inside` pixels (a fill's own and its enclosed print's) of the light pieces of
    `fills` printed in reverse, and the gray that turns them to dark print on paper.

    A piece is printed in reverse when more of its inside pixels are lighter than its fill
    in every channel (the darkest channel above the mean brightest channel of the piece's
    `coloured` pixels) than darker (the brightest below their mean darkest); it is light
    when that mean brightest channel is above TURN_LEVEL. Turned, the fill (its mean
    darkest channel) becomes paper and a pixel's darkest channel is stretched from there
    to black: white print comes out near 0. A pixel darker than the fill (a rule along
    it) keeps its brightest channel. Kept as its brightest channel, a mid-blue total row
    (RGB 80, 128, 208) is a gray of 208 and its white print hardly stands off it. Paper
    beside a fill is not inside and stays as it is."""
    count, pieces = cv2.connectedComponents(fills.astype(np.uint8), connectivity=8)
    inked = pieces[coloured]
    weight = np.maximum(np.bincount(inked, minlength=count), 1)
    high = np.bincount(inked, brightest[coloured], minlength=count) / weight
    low = np.bincount(inked, darkest[coloured], minlength=count) / weight
    lighter = np.bincount(pieces[inside & (darkest > high[pieces])], minlength=count)
    darker = np.bincount(pieces[inside & (brightest < low[pieces])], minlength=count)
    reverse = (lighter > darker) & (high > TURN_LEVEL)
    reverse[0] = False
    span = np.maximum(255 - low, 1)
    turned = np.clip(255 - (darkest - low[pieces]) * 255 / span[pieces], 0, 255).astype(np.int16)
    gray = np.where(brightest < low[pieces], brightest, turned)
    return reverse[pieces] & inside, gray


@dataclass(frozen=True)
class PageImage:
    """A page rendered once, in the two forms the readers of a page image need."""

    drawn: Image
    """As pdfium draws the page, an image's pixels repeated to fill its place: the rules of
    a table are found on this (smoothing blurs a thin rule into its neighbours)."""
    smooth: Image
    """What OCR reads: `drawn` with its coarse images (`COARSE_ENLARGEMENT`) redrawn
    smoothly and the print on its colour fills kept (`fade_colour` for OCR). The same array
    as `drawn` when that changes nothing."""
    stamps: tuple[GrayStamp, ...] = ()
    """The stamps printed in gray that were faded from both images, on them (pixels)."""

    def straightened(self, turn: int, skew: float) -> PageImage:
        """Both images turned clockwise by `turn` and rotated by `skew` degrees
        (`straighten_image.apply`), and their stamps moved with them; one array still
        serves both images when it did."""
        drawn = apply(self.drawn, turn, skew)
        smooth = drawn if self.smooth is self.drawn else apply(self.smooth, turn, skew)
        height, width = self.drawn.shape
        stamps = tuple(
            replace(stamp, x=x, y=y)
            for stamp in self.stamps
            for x, y in [move_point(stamp.x, stamp.y, turn, skew, width, height)]
        )
        return PageImage(drawn=drawn, smooth=smooth, stamps=stamps)


def redrawn_for_ocr(image: PageImage) -> bool:
    """True when OCR reads `image` redrawn (`PageImage.smooth` is not `drawn`): a coarse
    picture on it redrawn smoothly (`COARSE_ENLARGEMENT`), whose detail finer than its
    own pixels, a small print's stop beside JPEG noise, is not on the page; or print on a
    colour fill kept for OCR (`fade_colour`). The two are not told apart here."""
    return image.smooth is not image.drawn


def render_page(document: pypdfium2.PdfDocument, number: int, dpi: int) -> PageImage:
    """Page `number` (1-based) of `document` as 8-bit grayscale images at `dpi`.

    Coloured ink is faded (`fade_colour`), and so is a stamp printed in gray
    (`fade_gray_stamps`; the image keeps where, `PageImage.stamps`), so OCR and line
    finding see the print only; stamp annotations
    are left out (`_stamps_hidden`). pdfium is used without its form or
    JavaScript environment, so nothing embedded runs.
    """
    page = document[number - 1]
    try:
        with _stamps_hidden(page):
            bitmap = page.render(scale=dpi / 72)
        pixels = np.array(bitmap.to_numpy(), dtype=np.uint8)
        colour = pixels.reshape(bitmap.height, bitmap.width, -1)[:, :, :3]
        # Coarse images are redrawn in place, on a copy: `drawn` is faded from the original.
        sampled = colour.copy()
        if resample_images(page, sampled, dpi):
            drawn, smooth = fade_colour(colour, dpi), fade_colour(sampled, dpi, for_ocr=True)
        else:
            drawn, smooth = _fade(colour, dpi, for_ocr=True)
        stamps = find_gray_stamps(drawn, dpi)
        faded = fade_stamps(drawn, stamps)
        return PageImage(
            drawn=faded,
            smooth=faded if smooth is drawn else fade_stamps(smooth, stamps),
            stamps=stamps,
        )
    finally:
        page.close()


@contextmanager
def _stamps_hidden(page: pypdfium2.PdfPage) -> Iterator[None]:
    """The page's stamp annotations flagged hidden while the block runs, their own flags
    put back after it.

    A stamp annotation is a picture an editor lays over the page, not part of its print:
    Keputusan Bupati Donggala 0561/2025 carries the office's seal as one over the
    signatory's name, and OCR of the page drawn with it read "VEEKA" and "VEKA" for VERA,
    the seal's opaque ring cutting the tops of E, R and A; without it, "VERA". Other
    annotations are drawn: a FreeText or Ink one may be the very text a clerk filled in.
    """
    hidden = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_STAMP:
            pdfium_c.FPDFPage_CloseAnnot(annot)
            continue
        flags = pdfium_c.FPDFAnnot_GetFlags(annot)
        pdfium_c.FPDFAnnot_SetFlags(annot, flags | pdfium_c.FPDF_ANNOT_FLAG_HIDDEN)
        hidden.append((annot, flags))
    try:
        yield
    finally:
        for annot, flags in hidden:
            pdfium_c.FPDFAnnot_SetFlags(annot, flags)
            pdfium_c.FPDFPage_CloseAnnot(annot)


def resample_images(page: pypdfium2.PdfPage, canvas: np.ndarray, dpi: int) -> bool:
    """Redraw, in place on `canvas` (the page rendered at `dpi`, BGR), every continuous-tone
    image that the page places at no more than dpi / COARSE_ENLARGEMENT pixels per inch,
    upsampled with a cubic filter from its own pixels, except where something visible is
    painted over it. True when some image was redrawn.

    pdfium enlarges an image by repeating its pixels, so a 96 dpi scan rendered at 300 dpi
    is blocks of about 3 x 3 px with stepped edges; OCR of PermenPANRB 52/2014's LKE strips
    read "0,00%" as "Or" and "Contoh LKE" as "Conteh LHE" that way, and right when the
    same pixels were enlarged smoothly. Cubic, not Lanczos: Lanczos read those strips no
    better and its ringing lost a signatory line on the corpus's 200 dpi 2022 scan. Only
    images drawn by the page itself (not inside a form) are redrawn, and not within the
    box of any visible object painted after them, which keeps what pdfium drew there:
    Perbup Donggala 24/2025 p. 42 lays its 300 dpi photograph over a blank 150 dpi one,
    and a page number or a stamp may be printed over a scan. Images of one bit per pixel
    (bilevel scans, stencil masks) are left as pdfium draws them, and so is every finer
    image.
    Invariant: pixels outside the redrawn images are unchanged.
    """
    height, width = canvas.shape[:2]
    painted = list(page.get_objects(max_depth=0))
    redrawn = False
    for order, image in enumerate(painted):
        if image.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        meta = image.get_metadata()
        coarsest = min(meta.horizontal_dpi, meta.vertical_dpi)
        if meta.bits_per_pixel < 8 or coarsest * COARSE_ENLARGEMENT > dpi:
            continue
        source = _bgr(image.get_bitmap(render=False))
        if source is None:
            continue
        rows, cols = source.shape[:2]
        a, b, c, d, e, f = image.get_matrix().get()
        # PDF places an image on the unit square, its first row at the top (v = 1).
        corners = [(a * u + c * v + e, b * u + d * v + f) for u, v in ((0, 1), (1, 1), (0, 0))]
        placed = np.array([_to_device(page, width, height, x, y) for x, y in corners], np.float32)
        placed -= 0.5
        box = _clip_box(np.vstack([placed, placed[1] + placed[2] - placed[0]]), width, height)
        if box is None:
            continue
        left, top, right, bottom = box
        edges = np.array([(0, 0), (cols, 0), (0, rows)], np.float32) - 0.5
        transform = cv2.getAffineTransform(edges, placed - np.array([left, top], np.float32))
        size = (right - left, bottom - top)
        drawn = cv2.warpAffine(
            source, transform, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
        )
        covered = cv2.warpAffine(
            np.ones((rows, cols), np.uint8), transform, size, flags=cv2.INTER_NEAREST
        ).astype(bool)
        for above in painted[order + 1 :]:
            if _visible(above):
                _uncover(covered, page, above, width, height, (left, top))
        if drawn.ndim == 2:
            drawn = drawn[:, :, None]
        np.copyto(canvas[top:bottom, left:right], drawn, where=covered[:, :, None])
        redrawn = redrawn or bool(covered.any())
    return redrawn


def _uncover(
    covered: npt.NDArray[np.bool_],
    page: pypdfium2.PdfPage,
    above: pypdfium2.PdfObject,
    width: int,
    height: int,
    origin: tuple[int, int],
) -> None:
    """Clear, in `covered` (a mask whose top left is at `origin` of the page's `width` x
    `height` rendering), the whole pixels that the bounding box of `above` may touch."""
    left, bottom, right, top = above.get_bounds()
    xs, ys = zip(
        *(_to_device(page, width, height, x, y) for x, y in ((left, bottom), (right, top))),
        strict=True,
    )
    x0, y0 = int(np.floor(min(xs))) - origin[0], int(np.floor(min(ys))) - origin[1]
    x1, y1 = int(np.ceil(max(xs))) - origin[0] + 1, int(np.ceil(max(ys))) - origin[1] + 1
    covered[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] = False


def _visible(page_object: pypdfium2.PdfObject) -> bool:
    """False for text drawn invisibly (an OCR layer over a scan), True for anything else."""
    if page_object.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
        return True
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(page_object)
    return bool(mode != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)


def _clip_box(corners: np.ndarray, width: int, height: int) -> tuple[int, int, int, int] | None:
    """The whole-pixel box around `corners` (x, y) within a `width` x `height` canvas, as
    (left, top, right, bottom), or None when nothing of it is on the canvas."""
    left, top = np.maximum(np.floor(corners.min(axis=0)).astype(int), 0)
    right = min(int(np.ceil(corners[:, 0].max())) + 1, width)
    bottom = min(int(np.ceil(corners[:, 1].max())) + 1, height)
    return (int(left), int(top), right, bottom) if right > left and bottom > top else None


DEVICE_SUBPIXELS = 64
"""pdfium maps page points to whole device pixels; asking it for a device this many times
larger places an image's corners to 1/64 px."""


def _to_device(
    page: pypdfium2.PdfPage, width: int, height: int, x: float, y: float
) -> tuple[float, float]:
    """Point (x, y) of `page` in pixels of its rendering at `width` x `height`, /Rotate and
    crop box applied as pdfium renders them."""
    scale = DEVICE_SUBPIXELS
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(
        page, 0, 0, width * scale, height * scale, 0, x, y, device_x, device_y
    )
    return device_x.value / scale, device_y.value / scale


def _bgr(bitmap: pypdfium2.PdfBitmap) -> np.ndarray | None:
    """An image object's own pixels, (h, w) gray or (h, w, 3) BGR, or None for a pixel
    format that is neither."""
    pixels = np.array(bitmap.to_numpy(), dtype=np.uint8)
    if bitmap.mode == "L":
        return pixels.reshape(bitmap.height, bitmap.width)
    if bitmap.mode in ("BGR", "BGRX", "BGRx"):
        return pixels.reshape(bitmap.height, bitmap.width, -1)[:, :, :3].copy()
    return None
