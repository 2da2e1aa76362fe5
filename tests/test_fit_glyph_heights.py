"""extract.fit_glyph_heights: an OCR layer's glyphs sized taller than its line spacing."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.pdfgen import canvas

from extract.fit_glyph_heights import fit_glyph_heights
from extract.read_lines import text_lines
from extract.read_words import Char, read_words

LINES = ("Menyusun sasaran kinerja", "pegawai setiap triwulan", "Sekretariat DPRD")


def _layer_chars(tmp_path: Path, size: float, spacing: float, degrees: float) -> list[Char]:
    """The characters of three lines `spacing` pt apart set at `size` pt along baselines
    turned `degrees` anticlockwise, as a skewed scan's OCR layer places them."""
    path = tmp_path / f"layer-{size}.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(400, 200))
    for n, text in enumerate(LINES):
        pdf.saveState()
        pdf.translate(40, 150 - n * spacing)
        pdf.rotate(degrees)
        pdf.setFont("Helvetica", size)
        pdf.drawString(0, 0, text)
        pdf.restoreState()
    pdf.save()
    with pdfplumber.open(path) as document:
        return list(document.pages[0].chars)


def _lines(chars: list[Char]) -> list[str]:
    return [line.text for line in text_lines(read_words(chars, lambda _: None, text_flow=True))]


def test_glyphs_taller_than_their_spacing_are_fitted_and_lines_come_apart(
    tmp_path: Path,
) -> None:
    chars = _layer_chars(tmp_path, size=19.0, spacing=8.0, degrees=1.0)
    assert len(_lines(chars)) < len(LINES)  # as laid out, the lines run together
    fitted = fit_glyph_heights(chars)
    assert _lines(fitted) == list(LINES)
    assert all(abs(f["size"] - 8.0) < 0.05 for f in fitted)
    assert [(f["text"], f["x0"], f["x1"]) for f in fitted] == [
        (c["text"], c["x0"], c["x1"]) for c in chars
    ]
    for before, after in zip(chars, fitted, strict=True):
        # Scaled about the baseline: the glyph keeps its baseline and shrinks toward it.
        baseline = before["top"] + before["y1"] - before["matrix"][5]
        assert before["top"] <= after["top"] <= baseline <= after["bottom"] <= before["bottom"]


def test_a_layer_whose_type_fits_its_spacing_is_left_as_it_is(tmp_path: Path) -> None:
    chars = _layer_chars(tmp_path, size=7.0, spacing=9.0, degrees=1.0)
    assert fit_glyph_heights(chars) == chars
    assert _lines(chars) == list(LINES)


def test_a_footnote_mark_does_not_bound_the_line_beside_it(tmp_path: Path) -> None:
    chars = _layer_chars(tmp_path, size=7.0, spacing=9.0, degrees=0.0)
    path = tmp_path / "mark.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(400, 200))
    pdf.setFont("Helvetica", 5)
    pdf.drawString(60, 152.5, "*)")
    pdf.save()
    with pdfplumber.open(path) as document:
        mark = list(document.pages[0].chars)
    assert fit_glyph_heights(chars + mark) == chars + mark
