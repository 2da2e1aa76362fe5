"""Fill merged cells down: a value printed once in a merged cell belongs to every row it covers.

Positions covered by a merged cell from the row above take its text. At the top of a
page, a merged cell that continues from the page before is printed as an empty box: an
empty cell there, in a column where the table merges cells anywhere, takes the value
above. A group field (area, component) left empty anywhere in a plan table takes the
value above too, because every plan row belongs to an area and a component. Crossing a
page is recorded as a `fill_down` edit; a span within one page is the PDF's own structure
and is not.
"""

from __future__ import annotations

from normalize.grid import GridRow

GROUP_FIELDS = ("area.code", "area.name", "component.number", "component.text")


def fill_down(
    rows: tuple[GridRow, ...],
    fields: tuple[str | None, ...],
    page_starts: frozenset[int],
    merged: frozenset[int],
) -> tuple[GridRow, ...]:
    """Rows with covered positions and empty group fields filled from the row above.

    `page_starts` holds the indexes of rows that begin a page; `merged` the columns where
    the table merges cells. Group fields are filled as pairs: a component (or area) with
    its own text keeps its own number, and a row that starts a new area does not take the
    component of the area before.
    Invariant: a filled value always comes from the nearest row above in the same column.
    """
    cols = {f: c for c, f in enumerate(fields) if f}
    out: list[GridRow] = []
    for index, row in enumerate(rows):
        if out:
            above = out[-1]
            for col in range(len(row.cells)):
                if row.cells[col].strip():
                    continue
                if row.covered[col]:
                    row = row.with_cell(col, above.cells[col])
                elif index in page_starts and col in merged:
                    row = row.with_cell(col, above.cells[col], "fill_down")
            area_changed = "area.name" in cols and row.cells[cols["area.name"]].strip() not in (
                "",
                above.cells[cols["area.name"]].strip(),
            )
            for text_field, pair_field in (
                ("area.name", "area.code"),
                ("component.text", "component.number"),
            ):
                if text_field not in cols or row.cells[cols[text_field]].strip():
                    continue
                if text_field == "component.text" and area_changed:
                    continue
                kind = "fill_down" if index in page_starts else None
                for field in (text_field, pair_field):
                    if field in cols:
                        row = row.with_cell(cols[field], above.cells[cols[field]], kind)
        out.append(row)
    return tuple(out)
