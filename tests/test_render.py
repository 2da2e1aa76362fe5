"""The corpus renderer: deterministic, faithful page geometry, repeated headers, split rows.

Fast tests only (no OCR): the committed PDFs make the slow variants unnecessary here.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from corpus.render import (
    Correction,
    Rendered,
    RenderSettings,
    ScanSettings,
    add_vendor_text_layer,
    make_scan,
    render_decree,
)
from corpus.render.build import decree_ids, load_gold
from corpus.render.cells import TICK, build_grid
from corpus.render.settings import MM
from corpus.render.text import indonesian_date, wrap
from schemas.gold import GoldDecree

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
IDS = decree_ids(CORPUS)


@cache
def gold(decree: str) -> GoldDecree:
    return load_gold(CORPUS / decree)


@cache
def rendered(decree: str) -> Rendered:
    return render_decree(gold(decree), RenderSettings())


def test_corpus_has_decrees() -> None:
    assert IDS, "no corpus/<id>/gold.yaml found"


@pytest.mark.parametrize("decree", IDS)
def test_render_is_byte_identical_and_committed(decree: str) -> None:
    again = render_decree(gold(decree), RenderSettings()).pdf
    assert again == rendered(decree).pdf
    committed = CORPUS / decree / "pdf" / "born-digital.pdf"
    assert committed.read_bytes() == again, f"{committed} is stale: run `make corpus`"


@pytest.mark.parametrize("decree", IDS)
def test_page_sizes(decree: str) -> None:
    result = rendered(decree)
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        sizes = [(round(p.width / MM), round(p.height / MM)) for p in pdf.pages]
    assert sizes[0] == (215, 330)  # F4 portrait body
    for table, placed in zip(gold(decree).tables, result.tables, strict=True):
        expected = (330, 215) if table.orientation == "landscape" else (215, 330)
        assert {sizes[page] for page in placed.pages} == {expected}


@pytest.mark.parametrize("decree", IDS)
def test_header_repeats_on_every_table_page(decree: str) -> None:
    result = rendered(decree)
    table, placed = gold(decree).tables[0], result.tables[0]
    assert len(placed.pages) > 1, "expected the table to span several pages"
    labels = [c.header for c in table.columns] + [c.group for c in table.columns if c.group]
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for index in placed.pages:
            page = pdf.pages[index]
            words = page.extract_words()
            texts = [w["text"] for w in words]
            for label in labels:
                assert all(word in texts for word in label.split()), f"page {index + 1}: {label!r}"
            # Each printed header word sits above the page's first body text line.
            header_bottom = max(
                w["bottom"] for w in words if w["text"] == table.columns[0].header.split()[0]
            )
            assert header_bottom < page.height * 0.5, f"page {index + 1}: header not at the top"


def test_rows_break_across_pages_and_continue_on_next_page() -> None:
    found = 0
    for decree in IDS:
        result = rendered(decree)
        with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
            for split in result.tables[0].row_breaks:
                found += 1
                row = gold(decree).tables[0].rows[split.row]
                component = row.component.text if row.component else ""
                fields = [row.indicator, row.activity, " ".join(row.evidence), component]
                printed = " ".join(field or "" for field in [*fields, row.responsible])
                continued = split.continued[0]
                assert continued.split()[-1] in printed
                next_page = " ".join((pdf.pages[split.pages[1]].extract_text() or "").split())
                assert continued in next_page
    assert found > 0, "no row of any seed breaks across a page"


def test_a4_moves_page_breaks() -> None:
    decree = IDS[0]
    a4 = render_decree(gold(decree), RenderSettings(paper="A4"))
    with pdfplumber.open(io.BytesIO(a4.pdf)) as pdf:
        assert round(pdf.pages[0].width / MM) == 210
        a4_pages = len(pdf.pages)
    with pdfplumber.open(io.BytesIO(rendered(decree).pdf)) as pdf:
        f4_pages = len(pdf.pages)
    f4_breaks = [(b.row, b.pages) for b in rendered(decree).tables[0].row_breaks]
    a4_breaks = [(b.row, b.pages) for b in a4.tables[0].row_breaks]
    assert a4_pages != f4_pages or a4_breaks != f4_breaks


def test_font_and_column_scale_change_the_layout() -> None:
    decree = IDS[0]
    base = rendered(decree)
    sans = render_decree(gold(decree), RenderSettings(font_family="DejaVu Sans"))
    scaled = render_decree(gold(decree), RenderSettings(column_scale=(1.0, 2.0)))
    assert base.pdf != sans.pdf
    assert base.tables != scaled.tables


def test_tick_glyph_is_embedded_and_extractable() -> None:
    with_grid = [d for d in IDS if any(c.field == "months" for c in gold(d).tables[0].columns)]
    assert with_grid, "no corpus table with a month grid"
    result = rendered(with_grid[0])
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        page = pdf.pages[result.tables[0].pages[0]]
        assert TICK in (page.extract_text() or "")


@pytest.mark.parametrize("decree", IDS)
def test_grid_covers_each_position_once(decree: str) -> None:
    for table in gold(decree).tables:
        grid = build_grid(table)
        body_rows = [i for i, kind in enumerate(grid.row_kinds) if kind == "body"]
        assert len(body_rows) == len(table.rows)
        for row in body_rows:
            covered = sorted(
                col
                for cell in grid.cells
                if cell.row <= row < cell.row + cell.rows
                for col in range(cell.col, cell.col + cell.cols)
            )
            assert covered == list(range(len(table.columns)))
        if table.merge:
            assert any(cell.rows > 1 for cell in grid.cells)
        if any(row.wide for row in table.rows):
            assert any(cell.cols == 2 for cell in grid.cells)


def test_text_helpers() -> None:
    assert indonesian_date(dt.date(2025, 1, 2)) == "2 Januari 2025"
    lines = wrap("satu dua tiga empat-lima-enam", len, 9, 9)
    assert all(len(line) <= 9 for line in lines)
    assert "".join(lines).replace(" ", "") == "satuduatigaempat-lima-enam"
    assert "empat-" in lines  # a long word breaks after a hyphen first


def test_scan_and_vendor_layer() -> None:
    decree = IDS[0]
    with pikepdf.open(io.BytesIO(rendered(decree).pdf)) as pdf:
        del pdf.pages[1:]
        buffer = io.BytesIO()
        pdf.save(buffer)
    one_page = buffer.getvalue()
    settings = ScanSettings(seed="test", dpi=100)
    scan = make_scan(one_page, settings)
    assert scan == make_scan(one_page, settings)
    with pdfplumber.open(io.BytesIO(scan)) as pdf:
        assert not pdf.pages[0].chars
        assert len(pdf.pages[0].images) == 1
        assert round(pdf.pages[0].width / MM) == 215
    heading = gold(decree).heading[0]
    planted = Correction(transcript=heading.replace("KEPUTUSAN", "KEPUTUSAM"), gold=heading)
    vendor, applied = add_vendor_text_layer(scan, one_page, [planted], settings)
    assert applied[planted] >= 1
    assert vendor == add_vendor_text_layer(scan, one_page, [planted], settings)[0]
    with pdfplumber.open(io.BytesIO(vendor)) as pdf:
        assert "KEPUTUSAM" in (pdf.pages[0].extract_text() or "")
