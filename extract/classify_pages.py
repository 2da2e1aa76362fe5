"""What each page is: upright geometry, and whether its text layer can be used.

A page needs OCR when it has no text, when its text does not read as text (see
text_quality), or when images cover most of it and hold almost none of its words (a
table pasted as pictures beside a text header and footer). A page mostly covered by
images is `scanned`: its ruling lines must be found on the image, not in vector graphics.
A scan whose own OCR layer is doubtful (OCR slips) is OCR'd for a second opinion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pdfplumber.page

from extract.read_words import Word
from extract.text_quality import MIN_WORDS_TO_JUDGE, judge_text

SCANNED_COVERAGE = 0.5
"""Share of the page area images must cover for the page to count as an image."""


@dataclass(frozen=True)
class PageFacts:
    """One page as found: upright size in points, /Rotate, and how to read it."""

    number: int
    width: float
    height: float
    rotation: int
    scanned: bool
    has_rules: bool
    ocr_reason: str | None
    """Why the page needs OCR ('no text layer', ...), None when its text is usable."""
    second_opinion: bool = False
    """The page's own text is usable but doubtful: OCR is a second opinion, used only
    when it reads more dictionary words."""


def classify_page(
    page: pdfplumber.page.Page, number: int, words: Sequence[Word], min_word_validity: float
) -> PageFacts:
    """Classify one page from its pdfplumber page and its (zone-less) words."""
    rotation = int(page.rotation or 0) % 360
    # pdfplumber applies /Rotate: its size and coordinates are already upright.
    width, height = float(page.width), float(page.height)
    images = [_clip(img, width, height) for img in page.images]
    coverage = min(
        1.0,
        sum(max(0.0, x1 - x0) * max(0.0, y1 - y0) for x0, y0, x1, y1 in images) / (width * height),
    )
    scanned = coverage >= SCANNED_COVERAGE
    edges = page.edges
    has_rules = (
        sum(1 for e in edges if e["orientation"] == "v") >= 2
        and sum(1 for e in edges if e["orientation"] == "h") >= 2
    )
    return PageFacts(
        number=number,
        width=round(width, 2),
        height=round(height, 2),
        rotation=rotation,
        scanned=scanned,
        has_rules=has_rules,
        ocr_reason=_ocr_reason(words, images if scanned else [], min_word_validity),
    )


def doubt_ocr_layer(facts: PageFacts, words: Sequence[Word]) -> PageFacts:
    """`facts` of a page whose text is usable, with a second opinion asked for when the
    page is a scan and its own OCR layer (`words`, as read) has OCR slips (text_quality).

    Only a scan's layer is doubted: an export's text is the document's own, typos,
    names and units included, and OCR of it could only read it worse.
    """
    if facts.ocr_reason or not facts.scanned:
        return facts
    if not judge_text(" ".join(w.text for w in words)).doubtful():
        return facts
    return replace(facts, ocr_reason="OCR slips in its text layer", second_opinion=True)


def _ocr_reason(
    words: Sequence[Word],
    images: Sequence[tuple[float, float, float, float]],
    min_word_validity: float,
) -> str | None:
    if not words:
        return "no text layer"
    if not judge_text(" ".join(w.text for w in words)).usable(min_word_validity):
        return "poor text layer"
    if images:
        inside = sum(1 for w in words if any(_contains(img, w) for img in images))
        if inside < MIN_WORDS_TO_JUDGE:
            return "text missing from the page images"
    return None


def _contains(box: tuple[float, float, float, float], word: Word) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _clip(
    image: dict[str, float], width: float, height: float
) -> tuple[float, float, float, float]:
    return (
        max(0.0, image["x0"]),
        max(0.0, image["top"]),
        min(width, image["x1"]),
        min(height, image["bottom"]),
    )
