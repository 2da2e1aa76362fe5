"""Camelot 2.x, `lattice` (ruling lines) or `stream` (whitespace) flavor, default options."""

from __future__ import annotations

from importlib.metadata import version

import camelot

from bench.peers.protocol import PageTable, grid, run


def read(pdf: str, flavor: str) -> list[PageTable]:
    """Every table camelot finds on every page, in page order."""
    found = camelot.read_pdf(pdf, pages="all", flavor=flavor)
    return [(int(table.page), grid(table.df.values.tolist())) for table in found]


if __name__ == "__main__":
    run("camelot-py", version("camelot-py"), read)
