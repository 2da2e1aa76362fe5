"""pdfplumber `extract_tables`: ruling lines; the `text` strategy when no page has any."""

from __future__ import annotations

import pdfplumber

from bench.peers.protocol import PageTable, grid, run

TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def read(pdf: str) -> list[PageTable]:
    """Every table on every page, in page order."""
    with pdfplumber.open(pdf) as document:
        found = [(p.page_number, t) for p in document.pages for t in p.extract_tables()]
        if not found:  # no vector ruling lines at all, e.g. a scan with an OCR layer
            found = [
                (p.page_number, t) for p in document.pages for t in p.extract_tables(TEXT_STRATEGY)
            ]
    return [(page, grid(rows)) for page, rows in found]


if __name__ == "__main__":
    run("pdfplumber", pdfplumber.__version__, read)
