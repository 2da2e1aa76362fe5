"""A scanner vendor's OCR text layer: the born-digital words, invisible, over the scan.

Scanner software (ABBYY, Kofax, ...) embeds its recognised words as invisible text (render
mode 3) at their positions on the skewed page image. We simulate it from the born-digital
PDF, which holds exactly the printed words and their positions:

1. words are read with pdfplumber and grouped into segments (words on one baseline with a
   normal word space between them) and blocks (a paragraph's or a cell's consecutive
   lines: same left edge, one line pitch apart);
2. each correction of `corrections.yaml` is undone in every block: the `gold` substring
   is replaced by the transcript's erroneous form, so the transcript's own OCR slips are
   back in the text layer;
3. a small seeded rate of typical confusions is added (`CONFUSION_RATE` of the words):
   'l' -> '1', 'm' -> 'rn', 'O' -> '0', or a lost space (a word joined to the next);
4. each segment is drawn as one string, horizontally scaled to the segment's printed
   width, at its baseline rotated by the page's scan skew.
"""

from __future__ import annotations

import difflib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pdfplumber
import pikepdf
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from corpus.render.fonts import register, width
from corpus.render.pdfimage import deterministic_save, rename_xobjects
from corpus.render.scan import rng_for, skew_angle
from corpus.render.settings import ScanSettings

CONFUSION_RATE = 0.004
"""Share of words given a typical OCR confusion."""

SPACE_GAP = 0.36
"""Largest gap between two words of one segment, as a fraction of the font size
(a normal space is 0.25 em; cells are at least 4 pt apart)."""


@dataclass(frozen=True)
class Correction:
    """One OCR slip of a transcript: `gold` is printed, `transcript` is what OCR read."""

    transcript: str
    gold: str


@dataclass(frozen=True)
class Word:
    """A printed word: text, left/right edge, baseline (PDF points, y up), font size."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float


@dataclass(frozen=True)
class Segment:
    """Words on one baseline separated by normal spaces, drawn as one string."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return self.words[-1].x1

    @property
    def baseline(self) -> float:
        """Baseline y."""
        return self.words[0].baseline

    @property
    def size(self) -> float:
        """Font size."""
        return self.words[0].size


def page_words(born_digital: bytes) -> list[list[Word]]:
    """The printed words of every page, in pdfplumber's order."""
    pages: list[list[Word]] = []
    with pdfplumber.open(io.BytesIO(born_digital)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"], return_chars=True)
            pages.append(
                [
                    Word(
                        w["text"],
                        float(w["x0"]),
                        float(w["x1"]),
                        float(w["chars"][0]["matrix"][5]),
                        float(w["size"]),
                    )
                    for w in words
                ]
            )
    return pages


def segments(words: Sequence[Word]) -> list[Segment]:
    """Group words into segments, top to bottom, left to right."""
    ordered = sorted(words, key=lambda w: (-round(w.baseline, 1), w.x0))
    out: list[list[Word]] = []
    for word in ordered:
        last = out[-1][-1] if out else None
        same_line = last is not None and abs(last.baseline - word.baseline) < 0.3 * word.size
        if last is not None and same_line and 0 <= word.x0 - last.x1 < SPACE_GAP * word.size:
            out[-1].append(word)
        else:
            out.append([word])
    return [Segment(tuple(group)) for group in out]


def blocks(segs: Sequence[Segment]) -> list[list[Segment]]:
    """Chain segments into blocks: the next line of a block starts at the same x (±1.5 pt)
    one line pitch (0.8-1.6 sizes) lower. Blocks keep page order of their first line."""
    out: list[list[Segment]] = []
    for seg in segs:
        home = next(
            (
                block
                for block in out
                if abs(block[-1].x0 - seg.x0) < 1.5
                and 0.8 * seg.size < block[-1].baseline - seg.baseline < 1.6 * seg.size
            ),
            None,
        )
        if home is None:
            out.append([seg])
        else:
            home.append(seg)
    return out


def _reassign(old: list[tuple[str, int]], new_words: list[str]) -> list[tuple[str, int]]:
    """Give each new word the segment of the old word it came from (difflib alignment)."""
    matcher = difflib.SequenceMatcher(None, [w for w, _ in old], new_words, autojunk=False)
    out: list[tuple[str, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            continue
        for offset, word in enumerate(new_words[j1:j2]):
            source = i1 + offset if tag == "equal" else min(i1, len(old) - 1)
            if tag != "equal" and i2 > i1:
                source = min(i1 + offset, i2 - 1)
            out.append((word, old[source][1]))
    return out


def _confuse(word: str, rng: np.random.Generator) -> str | None:
    """One typical confusion of `word`, or None to join it to the next word."""
    options: list[str | None] = [None]
    if "l" in word:
        options.append(word.replace("l", "1", 1))
    if "m" in word:
        options.append(word.replace("m", "rn", 1))
    if "O" in word:
        options.append(word.replace("O", "0", 1))
    return options[int(rng.integers(len(options)))]


def _block_texts(
    block: list[Segment],
    corrections: Sequence[Correction],
    rng: np.random.Generator,
    applied: dict[Correction, int],
) -> list[str]:
    """The text each segment of `block` shows after corrections and confusions."""
    old = [(word.text, index) for index, seg in enumerate(block) for word in seg.words]
    text = " ".join(w for w, _ in old)
    for correction in corrections:
        count = text.count(correction.gold)
        if count:
            applied[correction] = applied.get(correction, 0) + count
            text = text.replace(correction.gold, correction.transcript)
    words = _reassign(old, text.split(" ")) if text else []
    shown: list[list[str]] = [[] for _ in block]
    index = 0
    while index < len(words):
        word, seg = words[index]
        if rng.random() < CONFUSION_RATE:
            confused = _confuse(word, rng)
            joinable = index + 1 < len(words) and words[index + 1][1] == seg
            if confused is None and joinable:
                shown[seg].append(word + words[index + 1][0])
                index += 2
                continue
            word = confused or word
        shown[seg].append(word)
        index += 1
    return [" ".join(parts) for parts in shown]


def _rotate(
    x: float, y: float, angle: float, page_width: float, page_height: float
) -> tuple[float, float]:
    """Where the scan's skew (counter-clockwise by `angle` degrees about the page centre)
    moves point (x, y) of the page (PDF coordinates, y up)."""
    radians = math.radians(angle)
    cx, cy = page_width / 2, page_height / 2
    dx, dy = x - cx, y - cy
    return (
        cx + dx * math.cos(radians) - dy * math.sin(radians),
        cy + dx * math.sin(radians) + dy * math.cos(radians),
    )


def add_vendor_text_layer(
    scan: bytes, born_digital: bytes, corrections: Sequence[Correction], settings: ScanSettings
) -> tuple[bytes, dict[Correction, int]]:
    """`scan` with an invisible vendor-OCR text layer; also how often each correction applied.

    `scan` must be `make_scan(born_digital, settings)` (same pages, same skew).
    """
    rl_config.invariant = 1
    font = register("Liberation Serif").regular
    applied: dict[Correction, int] = {}
    words = page_words(born_digital)
    with pikepdf.open(io.BytesIO(scan)) as target:
        layer = io.BytesIO()
        canvas = Canvas(layer, invariant=1, pageCompression=1)
        for index, page in enumerate(target.pages):
            box = [float(v) for v in page.MediaBox]
            page_width, page_height = box[2] - box[0], box[3] - box[1]
            canvas.setPageSize((page_width, page_height))
            angle = skew_angle(settings, index)
            rng = rng_for(settings.seed, "vendor", index)
            for block in blocks(segments(words[index])):
                for seg, text in zip(
                    block, _block_texts(block, corrections, rng, applied), strict=True
                ):
                    if not text:
                        continue
                    natural = width(text, font, seg.size)
                    x, y = _rotate(seg.x0, seg.baseline, angle, page_width, page_height)
                    line = canvas.beginText()
                    line.setTextRenderMode(3)
                    line.setFont(font, seg.size)
                    line.setHorizScale(100.0 * (seg.x1 - seg.x0) / natural if natural else 100.0)
                    line.setTextTransform(
                        math.cos(math.radians(angle)),
                        math.sin(math.radians(angle)),
                        -math.sin(math.radians(angle)),
                        math.cos(math.radians(angle)),
                        x,
                        y,
                    )
                    line.textOut(text)
                    canvas.drawText(line)
            canvas.showPage()
        canvas.save()
        with pikepdf.open(io.BytesIO(layer.getvalue())) as text_pdf:
            for page, text_page in zip(target.pages, text_pdf.pages, strict=True):
                name = page.add_overlay(text_page, None)
                rename_xobjects(target, page, {str(name): "/VendorText"})
            return deterministic_save(target), applied
