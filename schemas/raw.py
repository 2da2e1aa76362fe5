"""The intermediate representation between `extract` and `normalize`.

`extract` turns a PDF into a `RawDocument`: what is on each page (text lines with
positions) and every ruled table as an explicit cell grid. Nothing here is interpreted:
a header row is just the first row of a grid, a section row is just a wide cell.
`normalize` reads only this model and never the PDF.

Coordinates are PDF points in the page's upright orientation, origin top-left:
`[x0, top, x1, bottom]`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas._base import Frozen
from schemas.decree import PipelineWarning

BBox = tuple[float, float, float, float]


class TextLine(Frozen):
    """One line of text as laid out on the page."""

    text: str = Field(description="The line's text, words joined by single spaces.")
    bbox: BBox = Field(description="[x0, top, x1, bottom] in points, upright page.")
    size: float = Field(default=0.0, description="Median font size in points (0 if unknown).")
    bold: bool = Field(default=False, description="True when most characters are bold.")


class RawPage(Frozen):
    """One page: its geometry, how its text was obtained, and its text lines."""

    number: int = Field(ge=1, description="1-based page number.")
    width: float = Field(description="Upright width in points.")
    height: float = Field(description="Upright height in points.")
    rotation: int = Field(
        default=0, description="/Rotate of the page in degrees (0, 90, 180, 270)."
    )
    orientation: Literal["portrait", "landscape"] = Field(description="Upright orientation.")
    text_layer: Literal["native", "ocr", "none"] = Field(
        description="native: the PDF's own text; ocr: text from OCR of the page image "
        "(lampiran's, or an OCR layer the PDF carries over a scanned page); "
        "none: no text could be obtained."
    )
    lines: tuple[TextLine, ...] = Field(default=(), description="Text lines in reading order.")


class RawCell(Frozen):
    """One grid position of a table.

    Every (row, col) position of the grid has exactly one cell. A position covered by a
    merged cell is explicit: `covered` is true and `anchor` names the merged cell's
    top-left position; its text is empty.
    """

    row: int = Field(ge=0, description="0-based grid row.")
    col: int = Field(ge=0, description="0-based grid column.")
    text: str = Field(default="", description="Cell text; lines joined with newlines.")
    row_span: int = Field(default=1, ge=1, description="Rows this cell spans (anchor only).")
    col_span: int = Field(default=1, ge=1, description="Columns this cell spans (anchor only).")
    covered: bool = Field(default=False, description="True when covered by another cell's span.")
    anchor: tuple[int, int] | None = Field(
        default=None, description="(row, col) of the covering cell when covered."
    )
    bbox: BBox = Field(description="[x0, top, x1, bottom] of the cell (of the span, for anchors).")
    shaded: bool = Field(
        default=False,
        description="True when a filled background (a coloured or gray band) covers most "
        "of the cell (anchors of a vector page only).",
    )


class RawTable(Frozen):
    """A ruled table found on one page: a full grid of cells."""

    page: int = Field(ge=1, description="1-based page the table is on.")
    index: int = Field(ge=0, description="0-based order of the table on its page.")
    bbox: BBox = Field(description="[x0, top, x1, bottom] of the table.")
    n_rows: int = Field(ge=1, description="Grid rows.")
    n_cols: int = Field(ge=1, description="Grid columns.")
    source: Literal["camelot", "pdfplumber", "image"] = Field(
        description="Which finder produced the grid."
    )
    cells: tuple[RawCell, ...] = Field(description="Row-major, exactly n_rows * n_cols cells.")

    def cell(self, row: int, col: int) -> RawCell:
        """The cell at a grid position."""
        return self.cells[row * self.n_cols + col]

    def row_cells(self, row: int) -> tuple[RawCell, ...]:
        """The cells of one grid row, left to right."""
        return self.cells[row * self.n_cols : (row + 1) * self.n_cols]


class OcrEngine(Frozen):
    """The OCR engine used for pages without a usable text layer."""

    name: str = Field(description="Engine name, e.g. 'tesseract'.")
    version: str = Field(description="Engine version string.")
    languages: tuple[str, ...] = Field(description="Language packs used, e.g. ('ind', 'eng').")


class RawDocument(Frozen):
    """Everything `extract` found in one PDF, uninterpreted."""

    file: str = Field(description="File name of the PDF (no directories).")
    sha256: str = Field(description="SHA-256 of the PDF bytes, hex.")
    pages: tuple[RawPage, ...] = Field(description="Every page, in order.")
    tables: tuple[RawTable, ...] = Field(default=(), description="Every ruled table, page order.")
    ocr_engine: OcrEngine | None = Field(default=None, description="Set when any page was OCR'd.")
    warnings: tuple[PipelineWarning, ...] = Field(
        default=(), description="Extraction notes worth surfacing in the output."
    )
