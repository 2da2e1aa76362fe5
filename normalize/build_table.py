"""From a stitched logical table to the contract's `Table` with canonical `Row`s."""

from __future__ import annotations

import re
from collections.abc import Mapping

from normalize.fill_down import fill_down
from normalize.fold_text import fold
from normalize.grid import CellEdit, GridRow, merged_columns
from normalize.join_records import join_records
from normalize.merge_continuations import NO_WORDS, merge_continuations
from normalize.parse_schedule import is_tick, parse_schedule_text, schedule_from_ticks
from normalize.read_sections import section_area, split_code
from normalize.split_lists import split_list
from normalize.stitch_pages import LogicalTable
from schemas.decree import (
    Area,
    Component,
    ExtraCell,
    PipelineWarning,
    Provenance,
    Repair,
    Row,
    Schedule,
    Table,
)

_LEADING_NUMBER = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})*\.?|(?:\d{1,2}\.)?(?:[a-z]|[ivx]{2,4})[.)])\s+(\S.*)$"
)
"""A component's own number before its text: '1', '2.', '1.1', '2.3.1', its letter
label: 'a.', 'b)', its lower-case Roman numeral: 'ii.', 'iv)', or a number and a letter:
'1.a.', '2.b)'."""
# Field of a Row that a printed column's edits are reported under.
_REPORTED_FIELD = {
    "area.code": "area",
    "area.name": "area",
    "component.number": "component",
    "component.text": "component",
}


def _text(row: GridRow, cols: dict[str, int], field: str) -> str:
    return fold(row.cells[cols[field]]) if field in cols else ""


def _area(row: GridRow, cols: dict[str, int], section: Area | None) -> Area | None:
    name = _text(row, cols, "area.name")
    if not name:
        return section
    code = _text(row, cols, "area.code") or None
    if code is None:
        code, name = split_code(name)
    return Area(code=code, name=name)


def _component(row: GridRow, cols: dict[str, int]) -> Component | None:
    text = _text(row, cols, "component.text")
    number = _text(row, cols, "component.number") or None
    if not text:
        return Component(number=number, text="") if number else None
    if "component.number" not in cols:
        match = _LEADING_NUMBER.match(text)
        if match:
            number, text = match.group(1), match.group(2)
    return Component(number=number, text=text)


def _schedule(row: GridRow, fields: tuple[str | None, ...]) -> Schedule | None:
    months = [
        int(f.split(":")[1])
        for c, f in enumerate(fields)
        if f and f.startswith("month:") and is_tick(row.cells[c])
    ]
    quarters = [
        int(f.split(":")[1])
        for c, f in enumerate(fields)
        if f and f.startswith("quarter:") and is_tick(row.cells[c])
    ]
    if "schedule" in fields:
        text = fold(row.cells[fields.index("schedule")])
        if text:
            return parse_schedule_text(text)
    return schedule_from_ticks(months, quarters)


def _reported(edit: CellEdit, field: str) -> Repair:
    """`edit` as the contract reports it: its texts on one line, as every field's text."""
    return Repair(
        field=field,
        before=fold(edit.before) or None,
        after=fold(edit.after) or None,
        kind=edit.kind,
    )


def _repairs(row: GridRow, fields: tuple[str | None, ...]) -> list[Repair]:
    repairs = []
    for edit in row.edits:
        field = fields[edit.col] or f"column {edit.col + 1}"
        repairs.append(_reported(edit, _REPORTED_FIELD.get(field, field)))
    return repairs


def _provenance(row: GridRow) -> Provenance:
    return Provenance(
        pages=list(row.pages), bboxes=[[round(v, 2) for v in box] for box in row.bboxes]
    )


def _extra(row: GridRow, fields: tuple[str | None, ...], printed: list[str]) -> list[ExtraCell]:
    """The text of `row` in the columns that name no field, with their printed labels."""
    return [
        ExtraCell(column=c + 1, header=fold(printed[c]), text=text)
        for c, field in enumerate(fields)
        if field is None and (text := fold(row.cells[c]))
    ]


def _plan_row(
    row: GridRow,
    fields: tuple[str | None, ...],
    printed: list[str],
    section: Area | None,
    row_id: str,
) -> Row:
    cols = {f: c for c, f in enumerate(fields) if f}
    return Row(
        id=row_id,
        area=_area(row, cols, section),
        component=_component(row, cols),
        indicator=_text(row, cols, "indicator") or None,
        activity=_text(row, cols, "activity") or None,
        evidence=split_list(row.cells[cols["evidence"]]) if "evidence" in cols else [],
        schedule=_schedule(row, fields),
        responsible=_text(row, cols, "responsible") or None,
        note=_text(row, cols, "note") or None,
        extra=_extra(row, fields, printed),
        taxonomy=None,
        provenance=_provenance(row),
        repairs=_repairs(row, fields),
    )


def _raw_row(row: GridRow, fields: tuple[str | None, ...], row_id: str) -> Row:
    return Row(
        id=row_id,
        area=None,
        component=None,
        indicator=None,
        activity=None,
        evidence=[],
        schedule=None,
        responsible=None,
        note=None,
        cells=[fold(text) for text in row.cells],
        taxonomy=None,
        provenance=_provenance(row),
        repairs=_repairs(row, fields),
    )


def build_table(
    logical: LogicalTable,
    number: int,
    title: str | None,
    counts: Mapping[str, int] = NO_WORDS,
) -> Table:
    """The contract's `Table` for `logical`, numbered `number` (1-based) in the document;
    `counts` (the document's word counts) let `merge_continuations` mend words a page
    break cut.

    Action-plan tables get canonical rows (section rows become the area of the rows below
    them; merged cells are filled down); any other table keeps its raw rows in order,
    empty ones included (but not an empty band across the table: a gap between parts),
    the rows a record number spans joined into one.
    """
    header = logical.header
    merged = merge_continuations(logical, counts)
    fields = header.fields if header else tuple(None for _ in logical.first.row_cells(0))
    fields = _numbered_rows(_below_sections(fields, merged.rows), merged.rows)
    printed = list(header.printed) if header else []
    columns = {p: f for p, f in zip(printed, fields, strict=True) if p and f} if header else {}
    page_starts = _page_starts(merged.rows)
    rows: list[Row] = []
    if header is None or not header.is_action_plan:
        for row in join_records(merged.rows):
            # An empty ruled row is printed and kept; an empty band across the whole
            # table is the unprinted gap between two parts of it.
            if row.filled or row.spans[0] < len(row.cells):
                rows.append(_raw_row(row, fields, f"T{number}.R{len(rows) + 1:03d}"))
        layout = "unknown"
    else:
        layout = "action_plan"
        merged_cols = merged_columns(merged.rows)
        for section, section_row, run in _sections(merged.rows):
            starts = frozenset(i for i, (orig, _) in enumerate(run) if orig in page_starts)
            for filled in fill_down(tuple(r for _, r in run), fields, starts, merged_cols):
                if filled.filled:
                    row_id = f"T{number}.R{len(rows) + 1:03d}"
                    plan_row = _plan_row(filled, fields, printed, section, row_id)
                    if section_row is not None and section_row.edits:
                        plan_row = _with_area_repairs(plan_row, section_row)
                    rows.append(plan_row)
    return Table(
        title=title,
        layout=layout,
        pages=list(logical.pages),
        header=printed,
        columns=columns,
        rows=rows,
    )


_AREA_TO_COMPONENT = {"area.code": "component.number", "area.name": "component.text"}


def _below_sections(
    fields: tuple[str | None, ...], rows: tuple[GridRow, ...]
) -> tuple[str | None, ...]:
    """`fields` with an area column read one level down when section rows name the areas:
    the section row is the higher level, so a column of areas below it ('KOMPONEN
    PENGUNGKIT' listing 'a. Tim Kerja' under '1. MANAJEMEN PERUBAHAN') lists components,
    or, where columns hold the component already ('SASARAN' beside 'PROGRAM/KEGIATAN'
    under 'A MANAJEMEN PERUBAHAN'), the activity when no column holds that. Unchanged
    when no row is a section row."""
    if not any(f in _AREA_TO_COMPONENT for f in fields) or not any(map(section_area, rows)):
        return fields
    if not any(f in fields for f in _AREA_TO_COMPONENT.values()):
        return tuple(_AREA_TO_COMPONENT.get(f, f) if f else f for f in fields)
    if "activity" in fields:
        return fields
    return tuple("activity" if f == "area.name" else f for f in fields)


def _numbered_rows(
    fields: tuple[str | None, ...], rows: tuple[GridRow, ...]
) -> tuple[str | None, ...]:
    """`fields` with a NO column read as the areas' code (`map_header` reads NO beside an
    area column so: 'NO 1 | PROGRAM Manajemen Perubahan') read as the rows' number
    instead, when the area column prints codes of its own ('I. Manajemen Perubahan')
    and NO reads otherwise beside them ('1', '2', ... down the rows of area I): the areas
    are numbered in their own cells, so NO numbers the rows. Unchanged when a column
    already holds the component's number, when most filled area cells print no code, or
    when NO repeats the area's code wherever both are printed."""
    if "component.number" in fields or "area.code" not in fields or "area.name" not in fields:
        return fields
    code_col, name_col = fields.index("area.code"), fields.index("area.name")
    printed = [
        (fold(row.cells[code_col]), split_code(fold(row.cells[name_col]))[0])
        for row in rows
        if section_area(row) is None and fold(row.cells[name_col])
    ]
    coded = [(number, code) for number, code in printed if code is not None]
    if len(coded) * 2 <= len(printed) or all(number == code for number, code in coded if number):
        return fields
    return tuple("component.number" if f == "area.code" else f for f in fields)


def _sections(
    rows: tuple[GridRow, ...],
) -> list[tuple[Area | None, GridRow | None, list[tuple[int, GridRow]]]]:
    """The rows split at section rows: each run of (index, row) with the area above it
    and the section row that names it (None before the first)."""
    runs: list[tuple[Area | None, GridRow | None, list[tuple[int, GridRow]]]] = [(None, None, [])]
    for index, row in enumerate(rows):
        area = section_area(row)
        if area is None:
            runs[-1][2].append((index, row))
        else:
            runs.append((area, row, []))
    return runs


def _with_area_repairs(row: Row, section_row: GridRow) -> Row:
    """`row` with the changes made to the text of its section row, which is not a row of
    its own, reported under its area (each row's area was read from that text)."""
    repairs = [_reported(edit, "area") for edit in section_row.edits]
    return row.model_copy(update={"repairs": [*repairs, *row.repairs]})


def _page_starts(rows: tuple[GridRow, ...]) -> set[int]:
    return {i for i in range(1, len(rows)) if rows[i].page != rows[i - 1].pages[-1]}


def unmapped_columns(logical: LogicalTable, number: int) -> list[PipelineWarning]:
    """One `unmapped_column` warning per column of action-plan table `logical` (numbered
    `number`) that names no field yet holds text in some row other than a section row:
    its text is only in the rows' `extra`, where no field-based query looks. The
    warning names the column by position and printed label, on the first page where it
    holds text. No warning for a table of layout 'unknown' (its rows keep every cell).
    """
    header = logical.header
    if header is None or not header.is_action_plan:
        return []
    body = [row for row in logical.rows if section_area(row) is None]
    warnings = []
    for col, (label, field) in enumerate(zip(header.printed, header.fields, strict=True)):
        if field is not None:
            continue
        held = [row for row in body if col < len(row.cells) and row.cells[col].strip()]
        if held:
            warnings.append(
                PipelineWarning(
                    code="unmapped_column",
                    message=f"Column {col + 1} ('{label}') of table {number} names no field "
                    "of an action plan: its text is kept in each row's 'extra'.",
                    page=held[0].page,
                )
            )
    return warnings
