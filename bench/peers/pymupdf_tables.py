"""PyMuPDF `Page.find_tables` (AGPL: a benchmark peer only, never a lampiran dependency).

Ruling lines; the `text` strategy when no page has any.
"""

from __future__ import annotations

import pymupdf

from bench.peers.protocol import PageTable, grid, run


def read(pdf: str) -> list[PageTable]:
    """Every table on every page, in page order."""
    with pymupdf.open(pdf) as document:
        found = [(p.number + 1, t.extract()) for p in document for t in p.find_tables()]
        if not found:  # no vector ruling lines at all, e.g. a scan with an OCR layer
            found = [
                (p.number + 1, t.extract())
                for p in document
                for t in p.find_tables(strategy="text")
            ]
    return [(page, grid(rows)) for page, rows in found]


if __name__ == "__main__":
    run("pymupdf", pymupdf.VersionBind, read)
