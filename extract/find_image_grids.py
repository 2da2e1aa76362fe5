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
from itertools import pairwise

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
BRIDGE_SLACK_PX = 3
"""Pixels of slack around a short vertical rule: the fringe of a horizontal rule's ink
past its line mask, how far short of the rules the border's own ends may stop, and half
the thickness of the thickest border."""
STIPPLE_SHARE = 0.25
"""Above this share of ink in the strips on both sides of a short vertical stroke, the
stroke is a chain of dots in a halftone (a shaded band, a stamp, a photograph), not a
border: a printed border has paper beside it (measured: halftone 0.33-0.90 on its less
inked side, borders 0.00-0.15)."""
RULE_GAP_PT = 2.0
"""A rule stopping this close (points) to a crossing rule meets it. A light rule drawn
into a dark one loses its last pixels to the adaptive threshold, whose local mean the
dark rule raises (measured on PermenPANRB 52/2014's 96 dpi JPEG strips: 3-5 px at
300 dpi, 0.7-1.2 pt, either side of each row rule)."""
SOLID_SHARE = 0.9
"""A row band at least this share dark (gray below PAPER_SPLIT) ..."""
PAPER_SPLIT = 128
GLYPH_PT = 1.5
"""... with no light mark this tall (points) inside it is a filled bar, not a row: a
spreadsheet's black band printed as decoration. Light print on a dark fill (a header
bar's reversed text) has letters taller than this; JPEG noise in a fill is smaller. The
adaptive threshold sees only a bar's two edges, so it came out as a row holding what
OCR reads into the black ("www“" on PermenPANRB 52/2014 p. 43)."""
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
    # Short borders join the grid as upright lines, and are erased where their ink is.
    v_lines, v_ink = v_mask, v_mask
    bands = _low_row_bands(h_segments, shortest, height)
    if bands:
        bridges = _bridges_in(bands, threshold, h_mask, v_mask, shortest)
        v_lines, v_ink = np.maximum(v_mask, bridges.upright), np.maximum(v_mask, bridges.ink)
        v_segments = [*v_segments, *_vertical_segments(bridges.upright)]
    scale = 72.0 / dpi
    v_rules = [
        Rule(x * scale, min(y0, y1) * scale, max(y0, y1) * scale) for x, y0, _, y1 in v_segments
    ]
    h_rules = [
        Rule(y * scale, min(x0, x1) * scale, max(x0, x1) * scale) for x0, y, x1, _ in h_segments
    ]
    grids = []
    in_grids = np.zeros(image.shape, np.uint8)
    v_met, h_met = _meeting(v_lines, h_mask, round(RULE_GAP_PT * dpi / 72))
    tables = find_joints(find_contours(v_lines, h_mask), v_met, h_met)
    for (left, bottom, right, top), joints in sorted(tables.items()):
        xs = _one_per_double_rule(
            distinct([left * scale, right * scale, *(x * scale for x, _ in joints)])
        )
        ys = _one_per_double_rule(
            distinct([top * scale, bottom * scale, *(y * scale for _, y in joints)])
        )
        bars = _solid_bars(image, xs, ys, dpi)
        ys = _without_bars(ys, bars)
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(with_rules(xs, ys, v_rules, h_rules, "image"))
            margin = 2 * ERASE_MARGIN_PX
            in_grids[
                max(0, top - margin) : bottom + margin + 1,
                max(0, left - margin) : right + margin + 1,
            ] = 1
            # The joints are taken: from here on h_mask only says which pixels to erase.
            for bar_top, bar_bottom in bars:
                h_mask[round(bar_top / scale) : round(bar_bottom / scale) + 1, left : right + 1] = 1
    rules = (np.maximum(v_ink, h_mask) > 0).astype(np.uint8) * in_grids
    mask = np.asarray(
        cv2.dilate(rules, np.ones((2 * ERASE_MARGIN_PX + 1,) * 2, np.uint8)), dtype=np.uint8
    )
    return ImageGrids(grids=tuple(grids), rule_mask=mask)


def _solid_bars(
    image: Image, xs: tuple[float, ...], ys: tuple[float, ...], dpi: int
) -> list[tuple[float, float]]:
    """The rows (top, bottom in points) of the grid bounded by `xs` and `ys` that are
    filled bars: at least SOLID_SHARE dark inside their rules, with no light mark
    GLYPH_PT tall. Bars next to each other come back as one."""
    scale = dpi / 72
    inset = 2 * ERASE_MARGIN_PX
    left, right = round(xs[0] * scale) + inset, round(xs[-1] * scale) - inset
    glyph = GLYPH_PT * scale
    bars: list[tuple[float, float]] = []
    for top, bottom in pairwise(ys):
        inside = image[round(top * scale) + inset : round(bottom * scale) - inset, left:right]
        if inside.size == 0 or (inside < PAPER_SPLIT).mean() < SOLID_SHARE:
            continue
        light = (inside >= PAPER_SPLIT).astype(np.uint8)
        _, _, stats, _ = cv2.connectedComponentsWithStats(light)
        if any(height >= glyph for height in stats[1:, cv2.CC_STAT_HEIGHT]):
            continue
        if bars and bars[-1][1] == top:
            bars[-1] = (bars[-1][0], bottom)
        else:
            bars.append((top, bottom))
    return bars


def _without_bars(ys: tuple[float, ...], bars: list[tuple[float, float]]) -> tuple[float, ...]:
    """`ys` with each filled bar made one rule: a bar at the table's edge is left outside
    it, a bar inside it becomes a rule at its middle. A table keeps at least two rules."""
    kept = list(ys)
    for top, bottom in bars:
        if len(kept) <= 2:
            break
        at = kept.index(top)
        if at == 0:
            del kept[0]
        elif kept[at + 1] == kept[-1]:
            del kept[-1]
        else:
            kept[at : at + 2] = [(top + bottom) / 2]
    return tuple(kept)


def _meeting(vertical: Image, horizontal: Image, reach: int) -> tuple[Image, Image]:
    """The vertical and horizontal line masks with each line's end carried over a gap of
    up to `reach` pixels to a crossing line of the other mask, so that they meet in a
    joint; nothing is added away from the other mask's lines."""
    down = np.ones((2 * reach + 1, 1), np.uint8)
    across = np.ones((1, 2 * reach + 1), np.uint8)
    v_met = np.minimum(cv2.dilate(vertical, down), cv2.dilate(horizontal, down))
    h_met = np.minimum(cv2.dilate(horizontal, across), cv2.dilate(vertical, across))
    return np.maximum(vertical, v_met), np.maximum(horizontal, h_met)


def _one_per_double_rule(rules: tuple[float, ...]) -> tuple[float, ...]:
    """`rules` (sorted positions, as `distinct` gives them) with each two closer than
    MIN_SCAN_CELL made one: at the table's edge the outer one, inside it their middle.

    Pairs only: a run of close positions is the joints of one sloping rule, which
    `distinct` has already folded; chaining them here would fold a photographed row's
    rules, a few points apart each along the slope, into a single rule. A table keeps at
    least its two edges.
    """
    kept = list(rules[:1])
    paired = False
    for position in rules[1:]:
        if paired or position - kept[-1] >= MIN_SCAN_CELL:
            kept.append(position)
            paired = False
            continue
        if position == rules[-1]:
            kept[-1] = position
        elif len(kept) > 1:
            kept[-1] = (kept[-1] + position) / 2
        paired = True
    return tuple(kept) if len(kept) >= 2 else rules


def _low_row_bands(
    h_segments: list[tuple[int, int, int, int]], shortest: float, height: int
) -> list[tuple[int, int]]:
    """The pixel rows (start, stop) around each two horizontal rules (as `find_lines`
    gives them) side by side and less than about `shortest` apart: rows too low for their
    borders to be found as rules; overlapping bands are merged. Segments of a sloping rule
    are placed at their middle, hence the margin; each band reaches `shortest` past both
    rules, which holds every pixel the short borders between them are looked for in."""
    rules = sorted((y, min(x0, x1), max(x0, x1)) for x0, y, x1, _ in h_segments)
    reach = int(2 * shortest) + 1
    bands: list[tuple[int, int]] = []
    for i, (y, left, right) in enumerate(rules):
        for below, start, end in rules[i + 1 :]:
            if below - y >= 1.5 * shortest:
                break
            if below > y and min(right, end) > max(left, start):
                band = (max(0, y - reach), min(height, below + reach + 1))
                if bands and band[0] <= bands[-1][1]:
                    bands[-1] = (bands[-1][0], max(bands[-1][1], band[1]))
                else:
                    bands.append(band)
    return bands


def _bridges_in(
    bands: list[tuple[int, int]],
    threshold: Image,
    h_mask: Image,
    v_mask: Image,
    shortest: float,
) -> _Bridges:
    """`_bridging_verticals` of the page, looked for in `bands` only (a strip each): the
    rest of the page holds no row low enough, and the search cost 0.4-0.9 s a table page."""
    ink = np.zeros(threshold.shape, np.uint8)
    upright = np.zeros(threshold.shape, np.uint8)
    for start, stop in bands:
        found = _bridging_verticals(
            threshold[start:stop], h_mask[start:stop], v_mask[start:stop], shortest
        )
        ink[start:stop] = np.maximum(ink[start:stop], found.ink)
        upright[start:stop] = np.maximum(upright[start:stop], found.upright)
    return _Bridges(ink=ink, upright=upright)


@dataclass(frozen=True)
class _Bridges:
    """Short vertical rules between two horizontal ones: their ink, and each as an upright
    line through its middle (a leaning border is one column border, not one at the rule
    above and another at the rule below)."""

    ink: Image
    upright: Image


def _bridging_verticals(
    threshold: Image, h_mask: Image, v_mask: Image, shortest: float
) -> _Bridges:
    """Vertical rules shorter than `shortest` pixels that run from one horizontal rule
    (in `h_mask`) to the next, other than those found already (`v_mask`); `threshold`
    is the page's ink (> 0).

    A row lower than the shortest rule (a table's last row alone atop a page, a header
    sub-cell) has its cell borders only between its own two rules; a letter never
    reaches from the rule above it to the rule below. A border is an ink stroke between
    two rules, joined to both by unbroken ink and no thicker than a rule; it may lean (a
    photographed page). Its mask reaches into the two rules, where it meets them.
    """
    rules = h_mask > 0
    cap = int(shortest) + 1
    above, below = _rule_distances(rules, cap)
    # The ink of a rule runs a pixel or two past its mask: that fringe would join every
    # stroke touching the rule into one.
    between = (above + below <= cap) & (above > BRIDGE_SLACK_PX) & (below > BRIDGE_SLACK_PX)
    marks = threshold > 0
    ink = marks & between & (v_mask == 0)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    # A stroke's own ends must be at both rules: a border leaning out of the space
    # between two rules leaves a piece there that is joined to both by itself.
    ends = 2 * BRIDGE_SLACK_PX + 1
    near_top = np.unique(labels[ink & (above <= ends)])
    near_bottom = np.unique(labels[ink & (below <= ends)])
    bridges = np.zeros(count, bool)
    upright = np.zeros(threshold.shape, np.uint8)
    reach = 3 * BRIDGE_SLACK_PX
    for label in np.intersect1d(near_top, near_bottom).tolist():
        x, y, w, h, area = (int(v) for v in stats[label])
        if label == 0 or area > h * 2 * BRIDGE_SLACK_PX:
            continue
        own = labels[y : y + h, x : x + w] == label
        top_xs = (x + np.flatnonzero(own[0])).tolist()
        bottom_xs = (x + np.flatnonzero(own[-1])).tolist()
        if not (
            _joined(marks, rules, top_xs, y, -1) and _joined(marks, rules, bottom_xs, y + h - 1, 1)
        ):
            continue
        if _stippled_beside(marks, x, y, w, h):
            continue
        bridges[label] = True
        middle, thickness = x + w // 2, max(1, area // h)
        left = max(0, middle - thickness // 2)
        upright[max(0, y - reach) : y + h + reach, left : left + thickness] = 255
    mask = bridges[labels].astype(np.uint8)
    into_rules = cv2.dilate(mask, np.ones((2 * reach + 1, 1), np.uint8)) > 0
    stroke = np.where(into_rules & marks, 255, 0).astype(np.uint8)
    return _Bridges(ink=stroke, upright=upright)


def _stippled_beside(marks: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """True when neither strip beside the stroke whose box is (`x`, `y`, `w`, `h`) in
    `marks` (ink, True) is paper: each holds more than STIPPLE_SHARE of ink.

    The strips are BRIDGE_SLACK_PX wide, a slack's width off the box (the stroke's own
    blurred edge), over the stroke's rows; a strip off the image does not count. Halftone
    dots touch each other in chains that run from rule to rule like a border (Kepbup
    Donggala 0561 p. 4: the shaded column-number band split into false cells, 0.37-0.43
    ink both sides); their neighbours are dots too. A border has paper on at least one
    side (0.07-0.15 ink on Perbup Donggala 4/2025 p. 24, whose borders have a dithered
    shaded cell on the other side, 0.44-0.64).
    """
    gap, width = BRIDGE_SLACK_PX, BRIDGE_SLACK_PX
    rows = marks[y : y + h]
    sides = (
        rows[:, max(0, x - gap - width) : max(0, x - gap)],
        rows[:, x + w + gap : x + w + gap + width],
    )
    shares = [float(side.mean()) for side in sides if side.size]
    return bool(shares) and min(shares) > STIPPLE_SHARE


def _rule_distances(rules: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel, the rows up to the nearest rule pixel above it and down to the nearest
    below it, in its own column, counted up to `cap`."""
    rows = np.arange(rules.shape[0], dtype=np.int32)[:, None]
    last = np.maximum.accumulate(np.where(rules, rows, np.int32(-cap)), axis=0)
    after = np.where(rules, rows, np.int32(rules.shape[0] + cap))[::-1]
    following = np.minimum.accumulate(after, axis=0)[::-1]
    return np.minimum(rows - last, cap), np.minimum(following - rows, cap)


def _joined(marks: np.ndarray, rules: np.ndarray, xs: list[int], y: int, step: int) -> bool:
    """True when unbroken ink runs from row `y` at one of columns `xs` to a rule pixel,
    going up (`step` -1) or down (+1), each row's ink within a pixel of the row's before."""
    height, width = marks.shape
    for start in xs:
        x, row = start, y
        while 0 <= row + step < height:
            row += step
            near = [c for c in (x, x - 1, x + 1) if 0 <= c < width and marks[row, c]]
            if not near:
                break
            x = near[0]
            if rules[row, x]:
                return True
    return False


def _vertical_segments(mask: Image) -> list[tuple[int, int, int, int]]:
    """The vertical lines of a line mask, as `find_lines` gives them: (x, bottom, x, top)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    segments = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        segments.append((x + w // 2, y + h, x + w // 2, y))
    return segments


def _scale(extent: int, line_scale: int, shortest: float) -> int:
    """The camelot line_scale for an image `extent` pixels long: at most `line_scale`,
    less when extent / line_scale would be shorter than `shortest`."""
    return max(1, min(line_scale, int(extent / shortest)))


def erase_rules(image: Image, rule_mask: Image) -> Image:
    """`image` with its rule pixels painted white."""
    erased = image.copy()
    erased[rule_mask > 0] = 255
    return erased
