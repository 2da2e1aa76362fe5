"""tabula-py (tabula-java through JPype): `lattice` mode; `stream` when it finds nothing.

Cells are read as text (`dtype=str`), so "1" stays "1" and not 1.0.
"""

from __future__ import annotations

from importlib.metadata import version

import tabula

from bench.peers.protocol import PageTable, grid, run

OPTIONS = {
    "pages": "all",
    "multiple_tables": True,
    "pandas_options": {"header": None, "dtype": str},
}


def read(pdf: str) -> list[PageTable]:
    """Every table tabula finds, in page order (tabula-py does not report the page)."""
    frames = tabula.read_pdf(pdf, lattice=True, silent=True, **OPTIONS)
    if not frames:  # no ruling lines at all, e.g. a scan with an OCR layer
        frames = tabula.read_pdf(pdf, stream=True, silent=True, **OPTIONS)
    return [(None, grid(frame.values.tolist())) for frame in frames]


if __name__ == "__main__":
    run("tabula-py", version("tabula-py"), read)
