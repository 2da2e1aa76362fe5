"""How a peer module talks to `bench.run_peers`: one PDF in, its tables as JSON on stdout.

Run as `python -m bench.peers.<module> OUT.json PDF [ARG...]`. Writes one JSON object to
OUT.json (not stdout: some tools print notices there):
{"tool", "version", "seconds", "tables": [{"page": int|null, "rows": [[str, ...], ...]}]}
where `seconds` is the time spent in the tool (interpreter start and imports excluded)
and every cell is a string ("" for a missing cell). Standard library only: it runs in
each peer's own virtualenv.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable, Iterable

Grid = list[list[str]]
PageTable = tuple[int | None, Grid]


def cell(value: object) -> str:
    """A tool's cell value as text: None and NaN (empty cells in pandas) become ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def grid(rows: Iterable[Iterable[object]]) -> Grid:
    """A table as rows of text cells."""
    return [[cell(value) for value in row] for row in rows]


def run(tool: str, version: str, read: Callable[..., list[PageTable]]) -> None:
    """Call `read(pdf, *args)` from the command line and write its tables as JSON."""
    out, pdf, *args = sys.argv[1:]
    start = time.perf_counter()
    tables = read(pdf, *args)
    seconds = time.perf_counter() - start
    body = {
        "tool": tool,
        "version": version,
        "seconds": seconds,
        "tables": [{"page": page, "rows": rows} for page, rows in tables],
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False)
