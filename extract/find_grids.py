"""Find ruled table grids: camelot lattice first, pdfplumber's table finder second.

A `Grid` is a table's geometry only: its column and row boundaries and the ruling
segments that lie on or inside it, in upright page points with the origin top-left.
Which cells are merged, and the text, are decided later from these (see build_table).

Camelot runs once per batch of pages with `engine="vector"`: the rules are the PDF's
vector graphics, read without rendering the page. Rules that are pixels (scans) are found
on the page image instead (find_image_grids, with camelot's OpenCV line finder).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import camelot
import pdfplumber.page

from schemas.raw import BBox

Source = Literal["camelot", "pdfplumber", "image"]

RULE_MARGIN = 3.0
"""Points around a grid within which a ruling segment still belongs to it."""
THIN_RULE = 1.5
"""A filled rectangle thinner than this (points) is a drawn rule; a thicker one is cell
shading, whose edges are no rules (camelot's vector engine reads rectangles the same way)."""
DARK = 0.5
"""Lightness (0 black, 1 white) below which a filled rectangle is a dark band (a header
bar printed white on black): its edges bound cells, and white rules on it are seen."""
MIN_CELL = 3.0
"""Boundaries closer than this (points) are one boundary: no text fits between them, and
on a scan one slightly skewed rule gives joints a point or two apart."""


@dataclass(frozen=True, order=True)
class Rule:
    """A ruling segment: `at` is its position across, `start`-`end` its extent along."""

    at: float
    start: float
    end: float


@dataclass(frozen=True)
class Grid:
    """A table's geometry: boundaries (ascending) and the rules on and inside it."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    v_rules: tuple[Rule, ...]
    h_rules: tuple[Rule, ...]
    source: Source

    @property
    def bbox(self) -> BBox:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def overlap_area(a: BBox, b: BBox) -> float:
    """The area (square points) that boxes `a` and `b` share; 0 when they are apart."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


class TableFinderError(Exception):
    """Camelot failed on a page set; the caller falls back to pdfplumber."""


def camelot_grids(path: Path, pages: Sequence[int]) -> dict[int, list[Grid]]:
    """Camelot lattice grids (vector engine) of `pages` (1-based) of `path`, by page.

    Tables camelot de-rotated itself (text drawn sideways on an upright page) are left
    out: their coordinates are not upright page coordinates.
    """
    if not pages:
        return {}
    try:
        with warnings.catch_warnings():
            # camelot warns for every page without a table.
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(
                str(path),
                pages=",".join(map(str, pages)),
                flavor="lattice",
                engine="vector",
                suppress_stdout=True,
            )
    except Exception as exc:  # camelot has no error hierarchy; any failure means "no answer"
        raise TableFinderError(f"{type(exc).__name__}: {exc}") from exc
    found: dict[int, list[Grid]] = {}
    for table in tables:
        grid = None if table.rotation else _camelot_grid(table)
        if grid is not None and len(grid.xs) >= 2 and len(grid.ys) >= 2:
            found.setdefault(int(table.page), []).append(grid)
    return found


def _camelot_grid(table: Any) -> Grid:
    """Camelot's PDF coordinates (origin bottom-left) to upright top-left coordinates."""
    height = float(table.pdf_size[1])
    xs = distinct([c[0] for c in table.cols] + [table.cols[-1][1]])
    ys = distinct([height - r[0] for r in table.rows] + [height - table.rows[-1][1]])
    v_segments, h_segments = table._segments
    v_rules = [Rule(x0, height - max(y0, y1), height - min(y0, y1)) for x0, y0, _, y1 in v_segments]
    h_rules = [Rule(height - y0, min(x0, x1), max(x0, x1)) for x0, y0, x1, _ in h_segments]
    return with_rules(xs, ys, v_rules, h_rules, "camelot")


def pdfplumber_grids(page: pdfplumber.page.Page) -> list[Grid]:
    """Grids of pdfplumber's table finder (visible vector ruling lines) on one page."""
    bands = [
        rect
        for rect in _thick_fills(page)
        if (_lightness(rect.get("non_stroking_color")) or 0.0) < DARK
    ]
    page = page.filter(lambda obj: _is_visible_rule(obj, bands))
    edges = page.edges
    v_rules = [
        Rule(float(e["x0"]), float(e["top"]), float(e["bottom"]))
        for e in edges
        if e["orientation"] == "v"
    ]
    h_rules = [
        Rule(float(e["top"]), float(e["x0"]), float(e["x1"]))
        for e in edges
        if e["orientation"] == "h"
    ]
    grids = []
    for table in page.find_tables():
        cells = table.cells
        xs = distinct([float(c[0]) for c in cells] + [float(c[2]) for c in cells])
        ys = distinct([float(c[1]) for c in cells] + [float(c[3]) for c in cells])
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(with_rules(xs, ys, v_rules, h_rules, "pdfplumber"))
    return grids


PAPER = 0.97
"""Lightness above which a fill is the paper's white, not shading."""


def shaded_boxes(page: pdfplumber.page.Page) -> tuple[BBox, ...]:
    """Filled rectangles wider than a rule both ways and darker than paper: the cell
    backgrounds of a page (a gray header row, a black header bar)."""
    boxes = []
    for rect in _thick_fills(page):
        lightness = _lightness(rect.get("non_stroking_color"))
        if lightness is not None and lightness < PAPER:
            boxes.append(
                (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
            )
    return tuple(boxes)


def _thick_fills(page: pdfplumber.page.Page) -> list[dict[str, Any]]:
    """The page's filled rectangles wider than a rule both ways (`THIN_RULE`)."""
    return [
        rect
        for rect in page.rects
        if rect["fill"] and min(rect["width"], rect["height"]) > THIN_RULE
    ]


def _lightness(color: Any) -> float | None:
    """0 (black) to 1 (white) for a colour as pdfplumber reports it (gray, RGB, CMYK),
    None when unknown (a pattern or no colour)."""
    values = (color,) if isinstance(color, (int, float)) else color
    if not isinstance(values, (tuple, list)) or not values:
        return None
    if not all(isinstance(v, (int, float)) for v in values):
        return None
    if len(values) == 1:
        return float(values[0])
    if len(values) == 3:
        red, green, blue = (float(v) for v in values)
        return 0.299 * red + 0.587 * green + 0.114 * blue
    if len(values) == 4:
        return (1 - float(values[3])) * (1 - max(float(v) for v in values[:3]))
    return None


def _is_visible_rule(obj: dict[str, Any], bands: Sequence[dict[str, Any]]) -> bool:
    """False for drawings that are no visible rule: light cell shading (a filled rectangle
    wider than a rule both ways: its edges are no lines) and rules painted white outside
    any dark band (on the white page: a hidden column of a spreadsheet export). A dark
    band (a black header bar) is kept: its edges are what bounds its cells. Objects other
    than rectangles and lines (characters, images) are kept."""
    kind = obj.get("object_type")
    if kind not in ("rect", "line"):
        return True
    if kind == "rect" and not obj["stroke"]:
        color = obj.get("non_stroking_color")
        if min(obj["width"], obj["height"]) > THIN_RULE:
            return obj in bands
    else:
        color = obj.get("stroking_color")
    if _lightness(color) != 1.0:
        return True
    return any(
        b["x0"] <= obj["x0"]
        and obj["x1"] <= b["x1"]
        and b["top"] <= obj["top"]
        and obj["bottom"] <= b["bottom"]
        for b in bands
    )


def distinct(values: Iterable[float]) -> tuple[float, ...]:
    """Sorted values, each run of values closer than MIN_CELL to the next one folded into
    its mean; the outermost values are kept as they are (they bound the table)."""
    ordered = sorted(values)
    runs: list[list[float]] = []
    for value in ordered:
        if runs and value - runs[-1][-1] < MIN_CELL:
            runs[-1].append(value)
        else:
            runs.append([value])
    folded = [sum(run) / len(run) for run in runs]
    if folded:
        folded[0], folded[-1] = min(folded[0], ordered[0]), max(folded[-1], ordered[-1])
    return tuple(folded)


def with_rules(
    xs: tuple[float, ...],
    ys: tuple[float, ...],
    v_rules: Iterable[Rule],
    h_rules: Iterable[Rule],
    source: Source,
) -> Grid:
    """A grid keeping only the rules on or inside its bounding box."""
    x0, x1, y0, y1 = (
        xs[0] - RULE_MARGIN,
        xs[-1] + RULE_MARGIN,
        ys[0] - RULE_MARGIN,
        ys[-1] + RULE_MARGIN,
    )
    return Grid(
        xs=xs,
        ys=ys,
        v_rules=tuple(
            sorted(r for r in v_rules if x0 <= r.at <= x1 and r.end >= y0 and r.start <= y1)
        ),
        h_rules=tuple(
            sorted(r for r in h_rules if y0 <= r.at <= y1 and r.end >= x0 and r.start <= x1)
        ),
        source=source,
    )
