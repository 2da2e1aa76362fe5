"""OCR repair applied where OCR made the text: table cells and text lines of OCR'd pages.

Text from a native text layer is the document's own, typos included, and is never
touched. Each word changed is kept as an edit (reported in the row's `repairs`); words
repair was unsure about are reported once per page as a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from normalize.grid import CellEdit, GridRow
from normalize.repair_ocr import repair_text
from normalize.vocabulary import Vocabulary
from schemas.decree import PipelineWarning
from schemas.raw import RawPage


def repair_rows(
    rows: Iterable[GridRow], ocr_pages: frozenset[int], vocab: Vocabulary
) -> tuple[tuple[GridRow, ...], dict[int, set[str]]]:
    """Rows whose cells on OCR'd pages are repaired; and the doubtful words per page.

    Invariant: a row printed only on native pages comes back unchanged (the same object).
    """
    repaired: list[GridRow] = []
    doubtful: dict[int, set[str]] = {}
    for row in rows:
        if not ocr_pages & set(row.pages):
            repaired.append(row)
            continue
        cells = list(row.cells)
        edits = list(row.edits)
        for col, text in enumerate(row.cells):
            if not text.strip():
                continue
            result = repair_text(text, vocab)
            cells[col] = result.text
            edits.extend(CellEdit(col, r.kind, r.before, r.after) for r in result.repairs)
            if result.doubtful:
                doubtful.setdefault(row.page, set()).update(result.doubtful)
        repaired.append(replace(row, cells=tuple(cells), edits=tuple(edits)))
    return tuple(repaired), doubtful


def repair_page_lines(page: RawPage, vocab: Vocabulary) -> RawPage:
    """`page` with the text of its lines repaired when the page was OCR'd."""
    if page.text_layer != "ocr":
        return page
    lines = tuple(
        line.model_copy(update={"text": repair_text(line.text, vocab).text}) for line in page.lines
    )
    return page.model_copy(update={"lines": lines})


def doubtful_warnings(doubtful: dict[int, set[str]]) -> list[PipelineWarning]:
    """One warning per page listing the OCR words left as read because repair was unsure."""
    return [
        PipelineWarning(
            code="ocr_doubtful",
            message="OCR words kept as read because more than one correction fits: "
            + ", ".join(sorted(words)),
            page=page,
        )
        for page, words in sorted(doubtful.items())
    ]
