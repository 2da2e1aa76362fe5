"""img2table: ruling lines found on the page image, cell text from the PDF's text layer.

No OCR engine: scans are read after ocrmypdf has given them a text layer.
"""

from __future__ import annotations

from importlib.metadata import version

from img2table.document import PDF

from bench.peers.protocol import PageTable, grid, run


def read(pdf: str) -> list[PageTable]:
    """Every table on every page, in page order."""
    found = PDF(pdf, pdf_text_extraction=True).extract_tables(ocr=None)
    return [
        (index + 1, grid([cell.value for cell in row] for row in table.content.values()))
        for index, tables in sorted(found.items())
        for table in tables
    ]


if __name__ == "__main__":
    run("img2table", version("img2table"), read)
