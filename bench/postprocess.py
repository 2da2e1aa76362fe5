"""The least post-processing a user would write around a peer's tables; shared by every peer.

Input: the tables a peer tool returned (page, grid of text cells), and what a user reads
off the printed document itself: the gold table's columns (which column holds which
field, which columns are merged cells, whether the header has a second row). Output: a
`Decree` that lampiran's own scorer (`lampiran.evaluate.evaluate`) compares with the gold.

The steps, and nothing more: keep the tables as wide as the printed table and concatenate
them; drop empty rows and rows equal to a header row; fill the merged columns down; map
columns to the contract's fields (tick columns give months or quarters). No section rows,
no list splitting, no schedule parsing, no repair of split rows: that is lampiran's work.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from schemas.decree import (
    Area,
    Component,
    Decree,
    DecreeMetadata,
    Provenance,
    Row,
    Schedule,
    Source,
    Table,
)
from schemas.gold import GoldColumn, GoldDecree, GoldTable

Grid = list[list[str]]
PageTable = tuple[int | None, Grid]


def fold(text: str) -> str:
    """`text` with runs of whitespace (line breaks inside a cell) as single spaces."""
    return " ".join(text.split())


def width(rows: Grid) -> int:
    """Number of columns of a table (its longest row)."""
    return max(map(len, rows), default=0)


def stitch(tables: Sequence[PageTable], columns: int) -> Grid:
    """The non-empty rows of every table exactly `columns` wide, in order, cells folded."""
    return [
        [fold(cell) for cell in row]
        for _page, rows in tables
        if width(rows) == columns
        for row in rows
        if any(cell.strip() for cell in row)
    ]


def drop_headers(rows: Grid, depth: int) -> Grid:
    """`rows` less every row equal to one of the first `depth` rows (the header on each page)."""
    header = rows[:depth]
    return [row for row in rows if row not in header]


def fill_down(rows: Grid, columns: Collection[int]) -> Grid:
    """Empty cells of `columns` take the value above them (cells merged over several rows)."""
    filled: Grid = []
    for row in rows:
        above = filled[-1] if filled else row
        filled.append(
            [above[i] if i in columns and not cell else cell for i, cell in enumerate(row)]
        )
    return filled


def to_row(row_id: str, cells: Sequence[str], columns: Sequence[GoldColumn]) -> Row:
    """One grid row as a contract `Row`, column k holding `columns[k].field`."""
    text: dict[str, str] = {}
    ticks: dict[str, list[bool]] = {"months": [], "quarters": []}
    for column, cell in zip(columns, cells, strict=False):
        if column.field in ticks:
            ticks[column.field].append(bool(cell))
        elif cell:
            text[column.field] = fold(f"{text.get(column.field, '')} {cell}")
    months = {m + 1 for m, ticked in enumerate(ticks["months"]) if ticked}
    months |= {3 * q + k for q, ticked in enumerate(ticks["quarters"]) if ticked for k in (1, 2, 3)}
    code, name = text.get("area.code"), text.get("area.name")
    number, component = text.get("component.number"), text.get("component.text")
    quarters = sorted({(m - 1) // 3 + 1 for m in months})
    schedule = Schedule(
        text=text.get("schedule"), months=sorted(months), quarters=quarters, year=None
    )
    return Row(
        id=row_id,
        area=Area(code=code, name=name or "") if code or name else None,
        component=Component(number=number, text=component or "") if number or component else None,
        indicator=text.get("indicator"),
        activity=text.get("activity"),
        evidence=[text["evidence"]] if "evidence" in text else [],
        schedule=schedule if months or schedule.text else None,
        responsible=text.get("responsible"),
        note=text.get("note"),
        taxonomy=None,
        provenance=Provenance(pages=[], bboxes=[]),
        repairs=[],
    )


def to_table(number: int, tables: Sequence[PageTable], gold: GoldTable) -> Table:
    """The peer's rows for one gold table: stitched, header-free, filled down, mapped."""
    columns = gold.columns
    depth = 2 if any(c.group for c in columns) else 1
    merged = {i for i, c in enumerate(columns) if c.field in gold.merge}
    rows = fill_down(drop_headers(stitch(tables, len(columns)), depth), merged)
    return Table(
        title=None,
        layout=gold.layout,
        pages=sorted({page for page, rows in tables if page and width(rows) == len(columns)}),
        header=[c.header for c in columns],
        columns={c.header: c.field for c in columns},
        rows=[to_row(f"T{number}.R{n:03d}", row, columns) for n, row in enumerate(rows, 1)],
    )


def peer_decree(tables: Sequence[PageTable], gold: GoldDecree, source: Source) -> Decree:
    """A `Decree` holding what a peer found for each gold table; metadata left unknown."""
    metadata = DecreeMetadata(
        institution=None,
        kind="",
        number=None,
        year=None,
        title=None,
        place=None,
        date=None,
        signatory=None,
        considerations=[],
        legal_bases=[],
        dicta=[],
        jdih=None,
    )
    return Decree(
        schema_version="1",
        source=source,
        decree=metadata,
        tables=[to_table(n, tables, table) for n, table in enumerate(gold.tables, 1)],
        warnings=[],
    )
