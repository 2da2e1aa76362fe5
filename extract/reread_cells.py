"""A second OCR pass over table cells that page OCR reads badly: empty, narrow, shaded cells.

Page-level tesseract (sparse text) drops short isolated marks: row numbers ("1.", "2.")
alone in a narrow column, check marks alone in a month cell. And in a row of narrow cells
it joins marks of neighbouring cells into one word ("Vv V") whose letters land in the
wrong cells, and misreads small bold digits. On a gray (halftone) band it reads the dots
as letters ("aa aa" for a column number). So three kinds of cell are read again from
their own crop: a cell holding ink but no words, every inked cell of a narrow column
(narrower than NARROW_WIDTH_RATIO text heights), and every inked shaded cell (its paper
SHADE_CONTRAST darker than the page's); the page's words in a narrow or shaded cell are
replaced by the crop's reading, whose whitening makes the band paper. Sparse text also
drops an item number before its text ('1.' of a list in a cell): a cell with a
glyph-sized blob of ink that no word covers, starting a line, is read too, and only the
item marks read over such blobs are added to the page's words. A coarse dither,
whose dots are as dark as the print, is cleared first (`undither`: only stroke cores
large enough to be glyphs are kept). A shaded cell printed in reverse, light print on
a dark fill (`reversed_print`: a spreadsheet's header bar), is turned negative; it has
no ink darker than its fill and was never read otherwise. Each crop is cut to its ink,
its background whitened, and the crops are stacked into one image, one per band, read
in one tesseract run as a uniform block (psm 6); each word goes back to the cell whose
band it lies in.

A cell whose only ink is one short solid horizontal bar (`_lone_dash`) holds a dash, the
'-' of "nothing" in a KET column, and gets '-' without tesseract: a scan's hyphen is a
blurred gray bar too small for the dust limits, and tesseract reads no word in its crop
(nothing at any confidence, measured on probe 5's 200 dpi JPEG scan). It also replaces
what an OCR read over it when that holds no letter or digit ('_{-' in an ocrmypdf layer).

`read_boxes` reads any boxes of a page the same way, crops cut to their ink and whitened:
the lines under a stamp on a scan's own layer (`stamped_regions`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np
import numpy.typing as npt

from extract.build_table import Layout
from extract.find_grids import overlap_area
from extract.read_words import Char, Word
from extract.run_tesseract import run_tesseract
from extract.straighten_image import Image
from schemas.raw import BBox

INK_LEVEL = 160
"""Gray level below which a pixel is ink (a thin check mark prints gray) ..."""
INK_CONTRAST = 60
"""... and at least this much darker than the cell's median (shaded header cells)."""
MIN_INK_PX = 20
"""Fewer ink pixels than this in a cell is dust, not a mark."""
MIN_INK_EXTENT_PX = 10
"""Ink spanning less than this, both across and down, is a speck, not a mark."""
INSET_PX = 6
"""Pixels left out along a cell's borders (rule residue)."""
PAD_PX = 12
GAP_PX = 48
MIN_CONFIDENCE = 20.0
PAPER_LEVEL = 230
"""Once the background is whitened, a pixel this light is paper grain, made pure white:
tesseract reads glyphs from the gray levels, and grain around a lone digit turns "3."
into a letter."""
NARROW_WIDTH_RATIO = 4.5
"""A cell narrower than this many text heights is narrow: it holds a number, a mark or a
short header (row numbers, month and quarter columns), never running prose, which needs
a column eight or more text heights wide."""

SHADE_CONTRAST = 60
"""A cell whose median gray is this much darker than the page's (the paper) is shaded: a
gray band printed as halftone dots, which page OCR reads as letters. Paper grain and a
yellowed scan differ from their own page by a few levels; text covers a small share of
a cell and leaves its median alone."""

DITHER_SHARE = 0.12
"""A shaded cell more than this share of whose pixels are nearer its darkest pixel (the
print) than its median gray (the shade) is a coarse dither: dots as dark as the print.
Measured on cell insides (less INSET_PX) at 300 dpi: a fine halftone band 0.9-5.8 %
(Kepbup Donggala 0561 p. 4, dots lighter than its digits, which whitening alone
clears), an error-diffused dither 19-22 % (Perbup Donggala 4/2025 p. 24); text takes a
small share of a cell."""
DITHER_CORE_MARGIN = 10
"""Gray levels above a dithered cell's darkest (its 1st percentile: the dots are as dark
as the print, and many) that still count as the core of a stroke: a printed stroke is
solid black across its middle; a dither dot is black at a few pixels, its worms gray."""
MIN_GLYPH_EXTENT_PT = 3.0
MIN_GLYPH_AREA_PT2 = 2.0
"""A stroke core spanning less than MIN_GLYPH_EXTENT_PT across and down, or covering less
than MIN_GLYPH_AREA_PT2, is a dither dot. On Perbup 4/2025 p. 24 at 300 dpi the cores of
the digits' pieces span 16+ px and cover 43+ px, the dots' 14 px and 31 px at most (a
stop or comma goes with them: a dithered cell loses its punctuation)."""

_SPECKS = frozenset({".", ",", "'", "`", "‘", "’"})
"""Words that are dust when they stand alone in a crop: a printed stop, comma or quote
touches the word it belongs to, and tesseract reads the two together ('1.', 'KET.')."""

UNREAD_GLYPH_RATIO = (0.5, 1.5)
"""A blob of ink no word covers, as tall as this share of the text height (least, most),
starting a line of a cell (words to its right, none to its left), is an item mark the
page OCR left unread: sparse-text segmentation drops an item number standing before its
text ('1.', '2.' of a list in a cell, 10 of the 87 rows of the 2025 seed's scan). A
speck or a stop is shorter, a rule's residue or a stamp taller."""
UNREAD_MAX_WIDTH_RATIO = 3.0
"""... and at most this many text heights wide (a run of unread letters is a word)."""
_ITEM_MARK = re.compile(r"^(?:\d{1,2}[.)]?|[a-zA-Z][.)])$|^[-•▪●◦]$")
"""What is added over such a blob: an item mark ('1.', '2', 'a)', '-'); anything else
read there (a rule's residue read '/', a word read twice, a lone letter) is left out."""

HALFTONE_PT = 1.0
"""Side of the square over which a cell is averaged before its print is told from its
fill: a halftone's dots, light and dark in equal share, would otherwise read as print
lighter than a dark fill; a halftone screen is finer than this (at least 75 lines an
inch), print strokes of a 8-10 pt font are about as wide and keep most of their
contrast."""

DASH_WIDTH_PT = (1.5, 8.0)
"""Width (least, most) of a lone dash's ink in points: a 10 pt hyphen scanned at 200 dpi
(JPEG) and rendered at 300 dpi keeps a core (below INK_LEVEL) of 10-11 x 4-5 px, 37-46
pixels, gray 75-96 at its darkest (probe 5, its KET cells): 2.4-2.6 pt wide, under
MIN_INK_EXTENT_PX (measured from first to last pixel: 9-10), so `_ink_crop` drops most
as specks, and tesseract reads no word in the crops of the rest. Rendered from the born
digital PDF the same hyphen is 11-12 x 4 px, black. An 8 pt hyphen is narrower, an em
dash of a 8-10 pt font wider; a ruled fill-in line is wider still."""
DASH_MAX_HEIGHT_PT = 1.5
"""A dash's ink is at most this high (6 px at 300 dpi; a scanned hyphen's is 4-5 px)..."""
DASH_MIN_ASPECT = 1.8
"""... at least this many times as wide as high (a blot of dust is about as high as
wide; the scanned hyphen's core is 2.0-2.75 times, born digital 2.75-3: blurred, the
scan's is a pixel higher) ..."""
DASH_MIN_SOLIDITY = 0.6
"""... its pixels covering at least this share of its box (the scanned hyphen 0.84-0.93;
grain or speckle spread over the same box covers a small share) ..."""
DASH_STANDOFF_PT = 1.0
"""... and standing this far off the top and bottom of the cell's inside (less INSET_PX)
and clear of its sides: what is left of an erased rule lies along the cell's sides and
runs into them."""

REPLACED_OVERLAP = 0.3
"""Share of a character's height inside a cell read again for the character to be
dropped with the cell's other characters."""
RULE_SLACK_PT = 2.0
"""Points beside a cell's sides where a character over its rule still counts as over it."""
CROSSING_RATIO = 0.5
"""A word running past a cell's side by more than this many text heights crosses it."""

STROKE_MAX_ASPECT = 0.4
"""A cell's only ink no wider than this share of its height, and as tall as a glyph
(UNREAD_GLYPH_RATIO of the text height), is one upright stroke: a '1', 'l' or 'I'
standing alone, or the rule glyph '|' that page OCR reads it as."""
STROKE_ZOOM = 0.5
"""Scale a lone stroke is read again at. At the page's 300 dpi tesseract reads a lone
sans-serif '1' (Century Gothic, 8 x 35 px with its flag) as '|', at psm 6, 7, 10 and 13
alike, and nothing with a digit whitelist; the same crop at 0.5 and 0.75 of its size
reads '1' (Perbup Donggala 24/2025 p. 50, its Skor column). A glyph's whole shape fits
the recogniser's view only once the stroke is a line's height, not taller."""


@dataclass(frozen=True)
class CellWord:
    """A word read from a cell crop, placed on the page (points)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class CellReading:
    """The second pass's words, and the cells whose page words they supersede."""

    words: tuple[CellWord, ...]
    replaced: tuple[BBox, ...]
    """Narrow and shaded cells read again: the page OCR's characters in them are dropped."""

    def applied_to(self, chars: Sequence[Char]) -> tuple[Char, ...]:
        """The page's `chars` less those in the `replaced` cells, plus the second pass's
        words as characters."""
        return (*_without_replaced(chars, self.replaced), *_cell_word_chars(self.words))

    def replaces(self, word: Word) -> bool:
        """True when the centre of `word` lies in one of the `replaced` boxes."""
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in self.replaced)

    def plus(self, other: CellReading) -> CellReading:
        """This reading and `other`, which replaces boxes this one does not."""
        return CellReading(words=self.words + other.words, replaced=self.replaced + other.replaced)


NO_READING = CellReading(words=(), replaced=())


@dataclass(frozen=True)
class _Crop:
    """Where a crop came from on the page (`left`, `top`) and sits in the stack (`y`)."""

    left: int
    top: int
    y: int
    band_top: int
    band_bottom: int


def reread_cells(
    image: Image,
    rules: Image,
    layouts: Sequence[Layout],
    words: Sequence[Word],
    dpi: int,
    languages: Sequence[str],
    scratch: Path,
    timeout_s: float,
    foreign: bool = False,
) -> CellReading:
    """Words of the inked cells of `layouts` that are narrow, shaded, or where `words` has
    none; and, in a cell where `words` leave a glyph starting a line unread
    (`_unread_blobs`), the item marks read over those glyphs.

    `image` is the page with its rules erased, `rules` the mask of the erased pixels
    (nonzero); `scratch` is a PNG path to write the stacked crops to. `foreign`:
    `words` are another OCR's layer, not our page OCR; its narrow cells are then read
    again only when some word of the layer runs across a narrow cell's side rule (the
    layer did not see the cells, and ran marks of several cells together: "v(v(v"); a
    layer that kept to the cells is trusted there, in shaded cells, and for item marks.
    Coordinates are rounded to 0.01 pt, as they are cached. When tesseract cannot run,
    nothing is read and nothing replaced.
    """
    scale = dpi / 72.0
    height = _text_height(words)
    spans = [layout.span_bbox(span) for layout in layouts for span in layout.spans]
    narrow = {box for box in spans if box[2] - box[0] < NARROW_WIDTH_RATIO * height}
    if foreign and not any(
        _crosses(w, box, CROSSING_RATIO * height) for box in narrow for w in words
    ):
        narrow = set()
    shaded = _shaded(image, spans, scale)
    again = narrow if foreign else narrow | shaded
    image = undither_cells(image, sorted(shaded), scale)
    pieces: list[tuple[Image, int, int]] = []
    replaced: list[BBox] = []
    # Cells with words and unread item marks, read in a stack of their own so that the
    # other cells read as they would without them (tesseract reads a stack as a block).
    marked: list[tuple[Image, int, int]] = []
    blobs: list[_PixelBox] = []
    dashes: list[_PixelBox] = []
    strokes: list[tuple[Image, int, int]] = []
    for box in spans:
        inside = [w for w in words if _overlaps(w, box)]
        # Measured here only where a dash may be; else below, for the cells read again.
        ink = (
            None
            if any(map(_has_alnum, (w.text for w in inside)))
            else _cell_ink(image, rules, box, scale)
        )
        dash = _lone_dash(ink, scale) if ink is not None else None
        if dash is not None:
            # Read or not, the cell's one mark is a dash: what an OCR read over it,
            # holding no letter or digit, is the dash misread ('_{-', '~').
            dashes.append(dash)
            replaced.append(box)
            continue
        stroke = _lone_stroke(ink, scale, height) if ink is not None else None
        if stroke is not None:
            strokes.append(stroke)
            replaced.append(box)
            continue
        unread = []
        if box not in again and inside:
            # Another OCR's layer is not ours to fill: its words' boxes are its own.
            unread = [] if foreign else _unread_blobs(image, box, inside, scale, height)
            if not unread:
                continue
        piece = _ink_crop(ink or _cell_ink(image, rules, box, scale))
        if piece is None:
            continue
        (marked if unread else pieces).append(piece)
        blobs += unread
        if box in again:
            replaced.append(box)
    read = _read_stack(pieces, scratch, languages, timeout_s)
    marks = _read_stack(marked, scratch.with_stem(scratch.stem + "-marks"), languages, timeout_s)
    small = _read_stack(
        strokes, scratch.with_stem(scratch.stem + "-strokes"), languages, timeout_s, STROKE_ZOOM
    )
    if read is None or marks is None or small is None:
        return NO_READING
    marks = [
        (text, box)
        for text, box in marks
        if _ITEM_MARK.match(text) and _fills(box, blobs, words, scale)
    ]
    placed = _cell_words([*read, *marks, *small, *(("-", dash) for dash in dashes)], scale)
    return CellReading(words=placed, replaced=tuple(replaced))


def read_boxes(
    image: Image,
    rules: Image,
    boxes: Sequence[BBox],
    dpi: int,
    languages: Sequence[str],
    scratch: Path,
    timeout_s: float,
    psm: int = 6,
) -> CellReading:
    """The words read from crops of `boxes` (page points) of `image`, each crop cut to its
    ink and whitened as a cell's is, all read in one tesseract run (`scratch`: a PNG path;
    `psm`: tesseract's page segmentation mode); they supersede the page's characters in
    the boxes that hold ink.

    `image` is a page at `dpi` with its rules erased, `rules` the mask of the erased
    pixels. When tesseract cannot run, nothing is read and nothing replaced.
    """
    scale = dpi / 72.0
    inked = [
        (box, piece)
        for box in boxes
        if (piece := _ink_crop(_cell_ink(image, rules, box, scale))) is not None
    ]
    read = _read_stack([piece for _, piece in inked], scratch, languages, timeout_s, psm=psm)
    if read is None:
        return NO_READING
    return CellReading(words=_cell_words(read, scale), replaced=tuple(box for box, _ in inked))


def _cell_words(read: Sequence[tuple[str, _PixelBox]], scale: float) -> tuple[CellWord, ...]:
    """Words read at `scale` pixels a point (text, pixel box) placed on the page."""
    return tuple(
        CellWord(
            text=text,
            x0=round(box[0] / scale, 2),
            top=round(box[1] / scale, 2),
            x1=round(box[2] / scale, 2),
            bottom=round(box[3] / scale, 2),
        )
        for text, box in read
    )


def _read_stack(
    pieces: Sequence[tuple[Image, int, int]],
    scratch: Path,
    languages: Sequence[str],
    timeout_s: float,
    zoom: float = 1.0,
    psm: int = 6,
) -> list[tuple[str, _PixelBox]] | None:
    """The words tesseract reads (page segmentation `psm`) in `pieces` (crops with their
    page position) stacked into one image, resized by `zoom` and written to `scratch`,
    each placed on the page (a pixel box); [] for no pieces, None when tesseract cannot
    run."""
    if not pieces:
        return []
    composite, crops = _stack(pieces)
    if zoom != 1.0:
        composite = np.asarray(
            cv2.resize(composite, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_AREA), np.uint8
        )
    cv2.imwrite(str(scratch), composite)
    read = _tesseract_words(scratch, languages, timeout_s, psm)
    if read is None:
        return None
    placed = []
    for text, *zoomed in read:
        left, top, width, height = (round(v / zoom) for v in zoomed)
        centre = top + height / 2
        crop = next((c for c in crops if c.band_top <= centre < c.band_bottom), None)
        if crop is None:
            continue
        page_left = crop.left + left - PAD_PX
        page_top = crop.top + top - crop.y
        placed.append((text, (page_left, page_top, page_left + width, page_top + height)))
    return placed


_PixelBox = tuple[int, int, int, int]


def _unread_blobs(
    image: Image, box: BBox, words: Sequence[Word], scale: float, height: float
) -> list[_PixelBox]:
    """The glyph-sized blobs of ink (UNREAD_GLYPH_RATIO, UNREAD_MAX_WIDTH_RATIO of the text
    `height` in points) inside cell `box` that none of `words` covers, as page pixel
    boxes (left, top, right, bottom); empty when every glyph is read."""
    left, top, right, bottom = _inside(box, scale)
    if right <= left or bottom <= top or height <= 0:
        return []
    cell = image[top:bottom, left:right]
    ink = (cell < min(INK_LEVEL, float(np.median(cell)) - INK_CONTRAST)).astype(np.uint8)
    margin = round(0.15 * height * scale)
    for word in words:
        x0, y0 = round(word.x0 * scale) - left - margin, round(word.top * scale) - top - margin
        x1, y1 = round(word.x1 * scale) - left + margin, round(word.bottom * scale) - top + margin
        ink[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] = 0
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = (ratio * height * scale for ratio in UNREAD_GLYPH_RATIO)
    widest = UNREAD_MAX_WIDTH_RATIO * height * scale
    blobs = [
        (left + int(x), top + int(y), left + int(x + w), top + int(y + h))
        for x, y, w, h, _ in stats[1:]
        if low <= h <= high and w <= widest
    ]
    return [blob for blob in blobs if _starts_line(blob, words, scale)]


def _starts_line(blob: _PixelBox, words: Sequence[Word], scale: float) -> bool:
    """True when some of `words` on the line of `blob` (a page pixel box: its middle
    within their height) lie to its right, and none to its left."""
    middle = (blob[1] + blob[3]) / 2 / scale
    line = [w for w in words if w.top <= middle <= w.bottom]
    return bool(line) and all(w.x0 * scale >= blob[2] for w in line)


def _fills(
    word: _PixelBox, blobs: Sequence[_PixelBox], words: Sequence[Word], scale: float
) -> bool:
    """True when the `word` read from a crop (a page pixel box) covers the centre of one
    of `blobs` and lies mostly outside the page's `words` (a word read twice, once with
    the unread glyph run into it, is not added again)."""
    covers = any(
        word[0] <= (b[0] + b[2]) / 2 <= word[2] and word[1] <= (b[1] + b[3]) / 2 <= word[3]
        for b in blobs
    )
    box = (word[0] / scale, word[1] / scale, word[2] / scale, word[3] / scale)
    area = (box[2] - box[0]) * (box[3] - box[1])
    read = sum(overlap_area(box, (w.x0, w.top, w.x1, w.bottom)) for w in words)
    return covers and read * 2 < area


def _text_height(words: Sequence[Word]) -> float:
    """The median height of `words` in points; 0 when there are none."""
    if not words:
        return 0.0
    return float(np.median([w.bottom - w.top for w in words]))


def _inside(box: BBox, scale: float) -> tuple[int, int, int, int]:
    """The pixel box (left, top, right, bottom) of cell `box` less INSET_PX each side."""
    return (
        round(box[0] * scale) + INSET_PX,
        round(box[1] * scale) + INSET_PX,
        round(box[2] * scale) - INSET_PX,
        round(box[3] * scale) - INSET_PX,
    )


def _shaded(image: Image, boxes: Sequence[BBox], scale: float) -> set[BBox]:
    """The `boxes` whose inside (less INSET_PX) is SHADE_CONTRAST darker than the page."""
    paper = float(np.median(image))
    shaded = set()
    for box in boxes:
        left, top, right, bottom = _inside(box, scale)
        inside = image[top:bottom, left:right]
        if inside.size and float(np.median(inside)) < paper - SHADE_CONTRAST:
            shaded.add(box)
    return shaded


def undither(cell: Image, scale: float) -> Image:
    """`cell` (a gray cell image, `scale` pixels a point) with a coarse dither cleared.

    A dithered cell (`_dithered`) comes back as white paper with its glyphs at their own
    gray: the stroke cores (DITHER_CORE_MARGIN of the darkest level) large enough to be
    glyphs (MIN_GLYPH_EXTENT_PT, MIN_GLYPH_AREA_PT2), grown by one pixel into the gray
    (below INK_LEVEL) of their anti-aliased edges. Whitening alone leaves such dots, as
    dark as the digits, for tesseract to read as letters ('aa', 'HESOR').
    Invariant: any other cell comes back unchanged (the same array), so a cleared cell is
    left as it is when cleared again.
    """
    if not _dithered(cell):
        return cell
    core = (cell <= np.percentile(cell, 1) + DITHER_CORE_MARGIN).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    extent = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    glyphs = np.flatnonzero(
        (extent >= MIN_GLYPH_EXTENT_PT * scale)
        & (stats[:, cv2.CC_STAT_AREA] >= MIN_GLYPH_AREA_PT2 * scale * scale)
    )
    cores = np.isin(labels, glyphs[glyphs > 0]).astype(np.uint8)
    kept = (cv2.dilate(cores, np.ones((3, 3), np.uint8)) > 0) & (cell < INK_LEVEL)
    return np.where(kept, cell, np.uint8(255)).astype(np.uint8)


def undither_cells(image: Image, boxes: Sequence[BBox], scale: float) -> Image:
    """`image` (a page, `scale` pixels a point) with each shaded cell among `boxes` (cell
    boxes in points) `undither`ed; the same array when no cell is dithered.

    Invariant: pixels outside dithered shaded cells are unchanged.
    """
    cleaned = image
    for box in _shaded(image, boxes, scale):
        # The whole cell, border strips too: a strip of dots left along a rule is read
        # as a word of its own ('mena: semua amen').
        left, top, right, bottom = (round(v * scale) for v in box)
        cell = image[top:bottom, left:right]
        clear = undither(cell, scale)
        if clear is not cell:
            cleaned = cleaned.copy() if cleaned is image else cleaned
            cleaned[top:bottom, left:right] = clear
    return cleaned


def _dithered(cell: Image) -> bool:
    """True when more than DITHER_SHARE of `cell`'s pixels are nearer its darkest pixel
    than its median (see DITHER_SHARE)."""
    if not cell.size:
        return False
    halfway = (float(cell.min()) + float(np.median(cell))) / 2
    return float(np.mean(cell < halfway)) > DITHER_SHARE


def _without_replaced(chars: Sequence[Char], replaced: Sequence[BBox]) -> list[Char]:
    """`chars` less those whose centre lies in one of the `replaced` cells, or that stand
    over one (centre within RULE_SLACK_PT of its sides), taller than it, with
    REPLACED_OVERLAP of their height inside it: a skewed line of another OCR's layer that
    ran the marks of a row of narrow cells together ('3]4151617]8]9' for the month
    numbers) has a box as tall as two rows, its centre in the cell above, and the cells'
    reading supersedes it all the same. A glyph of the next row, no taller than the cell,
    that only reaches into it stays."""

    def inside(char: Char, box: BBox) -> bool:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
            return True
        height = char["bottom"] - char["top"]
        shared = min(char["bottom"], box[3]) - max(char["top"], box[1])
        over = box[0] - RULE_SLACK_PT <= cx <= box[2] + RULE_SLACK_PT
        tall = height >= box[3] - box[1]
        return over and tall and shared >= REPLACED_OVERLAP * height

    return [c for c in chars if not any(inside(c, box) for box in replaced)]


class _CellInk(NamedTuple):
    """A cell's inside (less INSET_PX; turned negative when printed in reverse,
    `reversed_print`), its page position in pixels, its background gray (median) and
    its ink pixels' (row, column) within it."""

    cell: Image
    left: int
    top: int
    background: float
    pixels: npt.NDArray[np.intp]

    @property
    def extent(self) -> tuple[int, int, int, int]:
        """The first and last row and column of the ink (top, left, bottom, right), within
        the cell; needs some ink."""
        (iy0, ix0), (iy1, ix1) = self.pixels.min(axis=0), self.pixels.max(axis=0)
        return int(iy0), int(ix0), int(iy1), int(ix1)


def _cell_ink(image: Image, rules: Image, box: BBox, scale: float) -> _CellInk | None:
    """The ink of cell `box` (`_CellInk`); None when the cell has no inside."""
    left, top, right, bottom = _inside(box, scale)
    if right <= left or bottom <= top:
        return None
    cell, erased = image[top:bottom, left:right], rules[top:bottom, left:right] > 0
    # Light print on a dark fill reads as dark print on paper once turned negative.
    cell = negative(cell, erased) if reversed_print(cell, erased, scale) else cell
    background = float(np.median(cell))
    pixels = np.argwhere(cell < min(INK_LEVEL, background - INK_CONTRAST))
    return _CellInk(cell, left, top, background, pixels)


def _lone_dash(ink: _CellInk, scale: float) -> _PixelBox | None:
    """The page pixel box of the dash that is a cell's only `ink`: at least MIN_INK_PX
    pixels whose box is DASH_WIDTH_PT wide, at most DASH_MAX_HEIGHT_PT high,
    DASH_MIN_ASPECT times as wide as high, DASH_MIN_SOLIDITY full, and stands
    DASH_STANDOFF_PT off the top and bottom of the cell's inside and clear of its sides;
    None when the cell's ink is anything else (dust, grain, rule residue, text)."""
    if len(ink.pixels) < MIN_INK_PX:
        return None
    iy0, ix0, iy1, ix1 = ink.extent
    width, height = int(ix1 - ix0 + 1), int(iy1 - iy0 + 1)
    standoff = DASH_STANDOFF_PT * scale
    dash = (
        DASH_WIDTH_PT[0] * scale <= width <= DASH_WIDTH_PT[1] * scale
        and height <= DASH_MAX_HEIGHT_PT * scale
        and width >= DASH_MIN_ASPECT * height
        and len(ink.pixels) >= DASH_MIN_SOLIDITY * width * height
        and min(iy0, ink.cell.shape[0] - 1 - iy1) >= standoff
        and min(ix0, ink.cell.shape[1] - 1 - ix1) > 0
    )
    if not dash:
        return None
    return ink.left + int(ix0), ink.top + int(iy0), ink.left + int(ix1) + 1, ink.top + int(iy1) + 1


def _lone_stroke(ink: _CellInk, scale: float, height: float) -> tuple[Image, int, int] | None:
    """The crop (`_ink_crop`) of a cell whose only `ink` is one upright stroke: one
    connected piece as tall as a glyph (UNREAD_GLYPH_RATIO of the text `height` in
    points), at most STROKE_MAX_ASPECT as wide as tall, clear of the cell's inside on
    every side (the residue of an erased rule runs into a side); None otherwise."""
    if len(ink.pixels) < MIN_INK_PX or height <= 0:
        return None
    iy0, ix0, iy1, ix1 = ink.extent
    tall, wide = int(iy1 - iy0 + 1), int(ix1 - ix0 + 1)
    low, high = (ratio * height * scale for ratio in UNREAD_GLYPH_RATIO)
    rows, cols = ink.cell.shape
    clear = min(iy0, ix0, rows - 1 - iy1, cols - 1 - ix1) > 0
    if not (low <= tall <= high and wide <= STROKE_MAX_ASPECT * tall and clear):
        return None
    mask = np.zeros(ink.cell.shape, np.uint8)
    mask[ink.pixels[:, 0], ink.pixels[:, 1]] = 1
    pieces, _ = cv2.connectedComponents(mask, connectivity=8)
    return _ink_crop(ink) if pieces == 2 else None


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _ink_crop(ink: _CellInk | None) -> tuple[Image, int, int] | None:
    """A cell's `ink`, padded, on a white background, with its page position (left, top
    in pixels); None when the cell has no inside or holds no mark.

    The background is whitened (each pixel scaled by 255 / the cell's median) so that
    a scan's gray paper does not become part of the glyphs when tesseract binarizes; a
    cell printed in reverse (`reversed_print`) was turned negative by `_cell_ink`.
    """
    if ink is None or len(ink.pixels) < MIN_INK_PX:
        return None
    iy0, ix0, iy1, ix1 = ink.extent
    if max(iy1 - iy0, ix1 - ix0) < MIN_INK_EXTENT_PX:
        return None
    y0, x0 = max(0, iy0 - PAD_PX), max(0, ix0 - PAD_PX)
    y1, x1 = iy1 + PAD_PX + 1, ix1 + PAD_PX + 1
    crop = ink.cell[y0:y1, x0:x1].astype(np.float32) * (255.0 / ink.background)
    crop[crop >= PAPER_LEVEL] = 255
    return np.clip(crop, 0, 255).astype(np.uint8), ink.left + x0, ink.top + y0


def reversed_print(cell: Image, erased: npt.NDArray[np.bool_], scale: float) -> bool:
    """True when `cell` (a gray cell inside, `scale` pixels a point) is printed in
    reverse: more of its pixels outside `erased` (its rule pixels, painted white) are
    INK_CONTRAST lighter than their median (the fill) than are INK_CONTRAST darker, once
    averaged over HALFTONE_PT squares. Print is whichever side of the fill holds more
    pixels far from it: on paper nothing is lighter than the fill, on a gray band the
    print is darker, on a dark header bar (white text on dark blue) lighter. Measured at
    300 dpi on PermenPANRB 52/2014's LKE header bar: fill gray 64-124 (as rendered), its
    white print 180-255, 4-12 % of the cell.
    """
    if erased.all():
        return False
    # Rule pixels take the fill's gray, or their white would count as print beside them.
    level = np.median(cell[~erased])
    side = max(1, round(HALFTONE_PT * scale))
    smooth = cv2.blur(np.where(erased, level, cell).astype(np.float32), (side, side))
    kept = smooth[~erased]
    fill = np.median(kept)
    lighter = int(np.count_nonzero(kept > fill + INK_CONTRAST))
    return lighter > int(np.count_nonzero(kept < fill - INK_CONTRAST))


def negative(cell: Image, erased: npt.NDArray[np.bool_]) -> Image:
    """`cell` (printed in reverse) as dark print on light paper: its `erased` rule pixels,
    painted white, first take the fill's gray (the median of the rest), or turned
    negative they would print as black bars beside the text. Needs a pixel not erased
    (`reversed_print` is False without one)."""
    fill = np.uint8(np.median(cell[~erased]))
    return np.asarray(255 - np.where(erased, fill, cell), dtype=np.uint8)


def _cell_word_chars(words: Sequence[CellWord]) -> list[Char]:
    """Characters for `words` (the word's box shared evenly), shaped like pdfplumber's."""
    chars: list[Char] = []
    for word in words:
        step = (word.x1 - word.x0) / len(word.text)
        for i, letter in enumerate(word.text):
            chars.append(
                {
                    "text": letter,
                    "x0": word.x0 + i * step,
                    "x1": word.x0 + (i + 1) * step,
                    "top": word.top,
                    "bottom": word.bottom,
                    "doctop": word.top,
                    "size": word.bottom - word.top,
                    "fontname": "OCR",
                    "upright": True,
                }
            )
    return chars


def _overlaps(word: Word, box: BBox) -> bool:
    """True when a third or more of `word`'s box lies in `box`."""
    shared = overlap_area((word.x0, word.top, word.x1, word.bottom), box)
    area = (word.x1 - word.x0) * (word.bottom - word.top)
    return shared > 0 and shared * 3 >= area


def _crosses(word: Word, box: BBox, tolerance: float) -> bool:
    """True when `word` lies across a side of `box`: it overlaps the box and runs more than
    `tolerance` past its left or right side."""
    overlaps = word.x0 < box[2] and word.x1 > box[0] and word.top < box[3] and word.bottom > box[1]
    return overlaps and (word.x0 < box[0] - tolerance or word.x1 > box[2] + tolerance)


def _stack(pieces: Sequence[tuple[Image, int, int]]) -> tuple[Image, list[_Crop]]:
    """Crops one under the other on white, each in its own band."""
    width = max(p.shape[1] for p, _, _ in pieces) + 2 * PAD_PX
    height = sum(p.shape[0] + GAP_PX for p, _, _ in pieces) + GAP_PX
    composite = np.full((height, width), 255, np.uint8)
    crops = []
    y = GAP_PX
    for piece, left, top in pieces:
        h, w = piece.shape
        composite[y : y + h, PAD_PX : PAD_PX + w] = piece
        crops.append(
            _Crop(
                left=left, top=top, y=y, band_top=y - GAP_PX // 2, band_bottom=y + h + GAP_PX // 2
            )
        )
        y += h + GAP_PX
    return composite, crops


def _tesseract_words(
    image: Path, languages: Sequence[str], timeout_s: float, psm: int
) -> list[tuple[str, int, int, int, int]] | None:
    """(text, left, top, width, height) of each word tesseract reads in `image` (page
    segmentation `psm`), less lone marks (`_SPECKS`); None when tesseract is missing,
    fails (a language not installed) or times out."""
    done = run_tesseract(
        [str(image), "-", "-l", "+".join(languages), "--psm", str(psm), "tsv"], timeout_s
    )
    if done is None or done.returncode != 0:
        return None
    words = []
    for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if text and text not in _SPECKS and float(row.get("conf") or -1) >= MIN_CONFIDENCE:
            words.append(
                (text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            )
    return words
