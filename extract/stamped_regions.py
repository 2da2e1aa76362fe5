"""The regions of a scan's own text layer that a stamp spoilt, and our reading of them.

A scan's OCR layer was read from the page as scanned, stamp and all: the stamp's ring cut
through the signatory's name and position, and the layer lost their letters under it
('KA WIJAYA KUSUMA' for 'Dr. apt. HENDRA WIJAYA KUSUMA'), or the whole block. lampiran
fades a stamp printed in gray (`fade_gray_stamps`), and reads the lines under it again
from the faded page (`stamp_bands`). Where that reading finds print the layer has no word
over, the layer missed it, and our reading supersedes the layer's around the stamp
(`stamped_reading`). Where the layer covers all the print we read, it is kept: a layer
that read through the stamp (a scanner's, made from the colour scan) may well be better
than ours.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from extract.fade_gray_stamps import GrayStamp
from extract.reread_cells import CellReading, CellWord
from extract.straighten_image import Image
from schemas.raw import BBox

INK_LEVEL = 128
"""A pixel darker than this is ink when looking for the blank rows around a stamp."""
MAX_BLANK_INK_PX = 2
"""A row with no more ink pixels than this is blank (dust aside)."""
BLANK_PAD_PT = 2.5
"""A band takes in up to this many points of blank rows beyond its lines: its crop is cut
a few pixels inside it (`reread_cells.INSET_PX`, 1.4 pt at 300 dpi), and a glyph's top
cut off reads as another glyph ('Y' for '9')."""
MIN_LETTERS = 3
"""A word of ours needs this many letters or digits to count as print the layer missed:
a pen stroke or a speck reads as one or two marks."""
COVERED_SHARE = 0.75
"""A word of ours is covered when the layer's words on its line span this share of its
width. A layer and our OCR box the same word within a point or two of each other (probe
kecamatan's vendor layer and our reading, in points: 'WICAKSONO' 344-421 and 343-416,
'ttd.' 412-431 and 413-426); a layer that read 'KA' for 'HENDRA' covers only the letters
it kept."""
TALL_RATIO = 1.5
"""A word this many times as tall as its line's median word is boxed with specks."""
RUN_GAP = 1.5
"""Words of a line closer than this many line heights run on: a word space is a third of
a line height or so, the gap between a signature block and a column beside it several."""


class _Boxed(Protocol):
    """A word's box in points: a layer's `Word` or our `CellWord`."""

    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


_W = TypeVar("_W", bound=_Boxed)


def stamp_bands(image: Image, stamps: Sequence[GrayStamp], dpi: int) -> list[BBox]:
    """For each of `stamps`, the band of `image` (a page at `dpi`, stamps faded) across its
    whole width that holds the stamp's disk, grown up and down to the nearest blank rows:
    whole lines of print, to be read as a page is (points).

    Invariant: a band's top and bottom rows are blank, or the page's edges; so are the
    BLANK_PAD_PT beyond its lines, where the page leaves room.
    """
    scale = dpi / 72.0
    pad = round(BLANK_PAD_PT * scale)
    inked = (image < INK_LEVEL).sum(axis=1) > MAX_BLANK_INK_PX
    last = len(inked) - 1
    bands = []
    for stamp in stamps:
        top = min(max(round(stamp.y - stamp.radius), 0), last)
        bottom = min(max(round(stamp.y + stamp.radius), 0), last)
        while top > 0 and inked[top]:
            top -= 1
        while bottom < last and inked[bottom]:
            bottom += 1
        # Blank rows beyond, so that the crop's inset does not cut into the glyphs.
        for _ in range(pad):
            top -= 1 if top > 0 and not inked[top - 1] else 0
            bottom += 1 if bottom < last and not inked[bottom + 1] else 0
        bands.append((0.0, top / scale, image.shape[1] / scale, (bottom + 1) / scale))
    return bands


def stamped_reading(
    stamps: Sequence[GrayStamp], layer: Sequence[_Boxed], ours: Sequence[CellWord], dpi: int
) -> CellReading:
    """Our words (`ours`, read from `stamp_bands`) that supersede the `layer`'s words
    under `stamps` (on a page image at `dpi`).

    Line by line, our words that reach into a stamp's disk, with the words of theirs that
    run on from them (`_run`), are read again when the layer missed one of them of
    MIN_LETTERS letters or digits (covered less than COVERED_SHARE by the layer's words on
    its line). Their box, grown until no word of the layer or of ours lies partly in it,
    gives the layer's characters up to our words in it. A line of the layer inside the
    disk where we read nothing is the stamp's own lettering, which we faded: it is
    dropped. A line the layer covers keeps the layer's reading.
    Invariant: every word of ours given lies whole in a box replaced.
    """
    scale = dpi / 72.0
    lines = [_levelled(line) for line in _lines(ours)]
    ours = [word for line in lines for word in line]
    regions: list[BBox] = []
    for stamp in stamps:
        disk = (
            (stamp.x - stamp.radius) / scale,
            (stamp.y - stamp.radius) / scale,
            (stamp.x + stamp.radius) / scale,
            (stamp.y + stamp.radius) / scale,
        )
        for line in lines:
            run = _run(line, disk)
            if any(_missed(word, layer) for word in run):
                regions.append(_grown(_span(run), [*layer, *ours]))
        for lettering in _lines([w for w in layer if _within(w, disk)]):
            if not any(_same_line(w, o) and _overlaps(o, disk) for w in lettering for o in ours):
                regions.append(_span(lettering))
    words = tuple(word for word in ours if any(_overlaps(word, r) for r in regions))
    return CellReading(words=words, replaced=tuple(regions))


def _lines(words: Sequence[_W]) -> list[list[_W]]:
    """`words` grouped into lines, each in reading order: a word joins the last line
    holding a word it is on the same line with (`_same_line`), in order from the top."""
    lines: list[list[_W]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        line = next((line for line in reversed(lines) if _same_line(word, line[-1])), None)
        if line is None:
            lines.append([word])
        else:
            line.append(word)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _levelled(line: Sequence[CellWord]) -> list[CellWord]:
    """`line` with each word more than TALL_RATIO times as tall as the line's median word
    given the line's median top and bottom: OCR boxed it with specks the fading left
    above or below it, and so tall a word would join the next line's words to its own."""
    top = statistics.median(w.top for w in line)
    bottom = statistics.median(w.bottom for w in line)
    tall = TALL_RATIO * statistics.median(w.bottom - w.top for w in line)
    return [
        replace(word, top=top, bottom=bottom) if word.bottom - word.top > tall else word
        for word in line
    ]


def _run(line: Sequence[_W], disk: BBox) -> list[_W]:
    """The words of `line` (in reading order) that reach into `disk`, with the words that
    run on from them, left and right, across gaps of at most RUN_GAP line heights; []
    when no word reaches into it."""
    touching = [i for i, word in enumerate(line) if _overlaps(word, disk)]
    if not touching:
        return []
    gap = RUN_GAP * max(w.bottom - w.top for w in line)
    first, last = touching[0], touching[-1]
    while first > 0 and line[first].x0 - line[first - 1].x1 <= gap:
        first -= 1
    while last < len(line) - 1 and line[last + 1].x0 - line[last].x1 <= gap:
        last += 1
    return list(line[first : last + 1])


def _span(words: Sequence[_Boxed]) -> BBox:
    return (
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


def _grown(box: BBox, words: Sequence[_Boxed]) -> BBox:
    """`box` grown until every word of `words` that overlaps it lies inside it."""
    while True:
        left, top, right, bottom = box
        for word in words:
            if _overlaps(word, box):
                left, top = min(left, word.x0), min(top, word.top)
                right, bottom = max(right, word.x1), max(bottom, word.bottom)
        if (left, top, right, bottom) == box:
            return box
        box = (left, top, right, bottom)


def _missed(word: CellWord, layer: Sequence[_Boxed]) -> bool:
    """True when `word` has MIN_LETTERS letters or digits and the `layer`'s words on its
    line (`_same_line`) span less than COVERED_SHARE of its width."""
    if sum(c.isalnum() for c in word.text) < MIN_LETTERS:
        return False
    spans = sorted((max(w.x0, word.x0), min(w.x1, word.x1)) for w in layer if _same_line(w, word))
    covered, reach = 0.0, word.x0
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered < COVERED_SHARE * (word.x1 - word.x0)


def _overlaps(word: _Boxed, box: BBox) -> bool:
    return word.x0 < box[2] and word.x1 > box[0] and word.top < box[3] and word.bottom > box[1]


def _within(word: _Boxed, box: BBox) -> bool:
    return word.x0 >= box[0] and word.x1 <= box[2] and word.top >= box[1] and word.bottom <= box[3]


def _same_line(a: _Boxed, b: _Boxed) -> bool:
    """True when `a` and `b` share half the height of the lower of the two: a word OCR
    boxed with a mark above or below it (a stamp's remains) is still on its line."""
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared >= min(a.bottom - a.top, b.bottom - b.top) / 2
