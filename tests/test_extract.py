"""extract: opening safely, pages, full table grids with spans, exact cell text, OCR.

Real PDFs are read from the shared corpus (never copied into the repo); small PDFs are
generated here with reportlab and pikepdf.
"""

from __future__ import annotations

import collections
import itertools
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pikepdf
import pypdfium2
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extract import ExtractSettings, ocr_pages, read_pdf, read_tables
from extract.build_table import Layout, lay_out, split_at_gaps
from extract.classify_pages import PageFacts
from extract.fade_gray_stamps import GrayStamp
from extract.find_grids import Grid, Rule, Source, with_rules
from extract.find_image_grids import _one_per_double_rule, erase_rules, image_grids
from extract.find_lost_stops import find_lost_stops
from extract.read_document import _better_readings, _page_content, _PageContent, read_document
from extract.read_words import Char, Word, decode_symbols, merge_rereadings, ocr_chars
from extract.render_page import render_page
from extract.reread_cells import (
    CellReading,
    CellWord,
    negative,
    reread_cells,
    reversed_print,
    undither,
    undither_cells,
)
from extract.stamped_regions import stamp_bands, stamped_reading
from extract.straighten_image import apply, move_point, skew_angle
from extract.text_quality import judge_text, ocr_slip
from schemas.errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NotAPdfError,
    OcrUnavailableError,
)
from schemas.raw import RawTable
from tests.conftest import CORPUS_REAL

CORPUS = Path(__file__).parents[1] / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SETTINGS = ExtractSettings(ocr_cache_dir=None)
HAS_TESSERACT = shutil.which("tesseract") is not None

# The ruled test table: 5 rows x 4 columns in points from its top-left corner.
COLS = (0.0, 40.0, 200.0, 400.0, 480.0)
ROWS = (0.0, 30.0, 50.0, 90.0, 130.0, 150.0)


def _font() -> str:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVu"


def draw_table(c: canvas.Canvas, left: float, top: float, page_height: float) -> None:
    """The test table: row 2 spans all columns (no inner rules), column 1 of rows 3-4
    is one cell (no rule between them), text close to the borders, a check mark."""
    font = _font()
    xs = [left + x for x in COLS]
    ys = [top + y for y in ROWS]

    def y(t: float) -> float:
        return page_height - t

    c.setLineWidth(0.8)
    for x in xs:
        if x in (xs[0], xs[-1]):
            c.line(x, y(ys[0]), x, y(ys[-1]))
        else:
            c.line(x, y(ys[0]), x, y(ys[2]))
            c.line(x, y(ys[3]), x, y(ys[5]))
    for i, t in enumerate(ys):
        if i == 4:
            c.line(xs[0], y(t), xs[1], y(t))
            c.line(xs[2], y(t), xs[4], y(t))
        else:
            c.line(xs[0], y(t), xs[4], y(t))
    c.setFont(f"{font}-Bold", 9)
    for x, text in zip(xs, ["NO", "KOMPONEN", "INDIKATOR", "KET"], strict=False):
        c.drawString(x + 3, y(ys[0] + 12), text)
    c.setFont(font, 9)
    c.drawString(xs[0] + 3, y(ys[1] + 12), "1.")
    c.drawString(xs[1] + 1.5, y(ys[1] + 12), "Dekat-batas")  # 1.5 pt from the rule
    c.drawRightString(xs[3] - 1.5, y(ys[1] + 12), "kanan")  # ends 1.5 pt before the rule
    c.drawString(xs[0] + 3, y(ys[2] + 12), "I. MANAJEMEN PERUBAHAN melintasi semua kolom")
    c.drawString(xs[0] + 3, y(ys[3] + 12), "2.")
    c.drawString(xs[1] + 3, y(ys[3] + 12), "Komponen gabungan")
    c.drawString(xs[1] + 3, y(ys[3] + 24), "baris kedua")
    c.drawString(xs[2] + 3, y(ys[3] + 12), "Indikator satu")
    c.drawString(xs[2] + 3, y(ys[4] + 12), "Indikator dua")
    c.drawString(xs[3] + 3, y(ys[4] + 12), "√")


EXPECTED = {
    (0, 0): "NO",
    (0, 1): "KOMPONEN",
    (0, 2): "INDIKATOR",
    (0, 3): "KET",
    (1, 0): "1.",
    (1, 1): "Dekat-batas",
    (1, 2): "kanan",
    (1, 3): "",
    (2, 0): "I. MANAJEMEN PERUBAHAN melintasi semua kolom",
    (3, 0): "2.",
    (3, 1): "Komponen gabungan\nbaris kedua",
    (3, 2): "Indikator satu",
    (3, 3): "",
    (4, 0): "",
    (4, 2): "Indikator dua",
    (4, 3): "√",
}


def make_pdf(path: Path, pages: list[tuple[tuple[float, float], Callable[..., None]]]) -> Path:
    c = canvas.Canvas(str(path), pagesize=pages[0][0])
    for size, draw in pages:
        c.setPageSize(size)
        draw(c, size)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def table_pdf(tmp_path: Path) -> Path:
    """Page 1 portrait, page 2 landscape, each with the test table (page 2 twice)."""

    def portrait(c: canvas.Canvas, size: tuple[float, float]) -> None:
        draw_table(c, 50, 100, size[1])

    def two_tables(c: canvas.Canvas, size: tuple[float, float]) -> None:
        draw_table(c, 100, 60, size[1])
        draw_table(c, 100, 300, size[1])

    return make_pdf(tmp_path / "table.pdf", [(A4, portrait), (landscape(A4), two_tables)])


@pytest.fixture
def rotated_pdf(tmp_path: Path) -> Path:
    """A portrait MediaBox with /Rotate 90, its content drawn turned so that the
    displayed page is an upright landscape page with the table at (100, 100)."""
    width = A4[0]

    def turned(c: canvas.Canvas, size: tuple[float, float]) -> None:
        c.saveState()
        c.transform(0, 1, -1, 0, width, 0)
        draw_table(c, 100, 100, width)
        c.restoreState()

    path = make_pdf(tmp_path / "rotated.pdf", [(A4, turned)])
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(path)
    return path


def assert_full_grid(table: RawTable) -> None:
    """Every grid position has exactly one cell; spans are rectangles of covered cells."""
    assert len(table.cells) == table.n_rows * table.n_cols
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for index, cell in enumerate(table.cells):
        assert (cell.row, cell.col) == divmod(index, table.n_cols)
        if not cell.covered:
            assert cell.anchor is None
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    assert (r, c) not in owner
                    owner[(r, c)] = (cell.row, cell.col)
    for cell in table.cells:
        assert owner[(cell.row, cell.col)] == (cell.anchor or (cell.row, cell.col))
        if cell.covered:
            assert cell.text == "" and cell.row_span == cell.col_span == 1


def assert_test_table(table: RawTable) -> None:
    assert_full_grid(table)
    assert (table.n_rows, table.n_cols) == (5, 4)
    for (row, col), text in EXPECTED.items():
        assert table.cell(row, col).text == text, (row, col)
    assert (table.cell(2, 0).row_span, table.cell(2, 0).col_span) == (1, 4)
    assert all(table.cell(2, c).anchor == (2, 0) for c in (1, 2, 3))
    assert (table.cell(3, 1).row_span, table.cell(3, 1).col_span) == (2, 1)
    assert table.cell(4, 1).covered and table.cell(4, 1).anchor == (3, 1)


def test_ruled_table_spans_and_exact_text(table_pdf: Path) -> None:
    tables = read_tables(table_pdf, None, SETTINGS)
    assert [(t.page, t.index) for t in tables] == [(1, 0), (2, 0), (2, 1)]
    for table in tables:
        assert_test_table(table)
    first = tables[0]
    assert first.bbox == (50.0, 100.0, 530.0, 250.0)
    assert first.cell(3, 1).bbox == (90.0, 190.0, 250.0, 250.0)  # the span's box
    assert tables[2].bbox == (100.0, 300.0, 580.0, 450.0)


def test_no_character_lost_or_doubled_at_borders(table_pdf: Path) -> None:
    tables = read_tables(table_pdf, [1], SETTINGS)
    x0, top, x1, bottom = tables[0].bbox
    with pdfplumber.open(table_pdf) as pdf:
        printed = collections.Counter(
            ch["text"]
            for ch in pdf.pages[0].chars
            if not ch["text"].isspace()
            and x0 <= ch["x0"]
            and ch["x1"] <= x1
            and top <= ch["top"]
            and ch["bottom"] <= bottom
        )
    in_cells = collections.Counter(
        ch for cell in tables[0].cells for ch in cell.text if not ch.isspace()
    )
    assert in_cells == printed


def test_pages_geometry_and_lines(table_pdf: Path) -> None:
    doc = read_pdf(table_pdf, SETTINGS)
    assert doc.file == "table.pdf" and len(doc.sha256) == 64 and doc.ocr_engine is None
    portrait, wide = doc.pages
    assert (portrait.orientation, wide.orientation) == ("portrait", "landscape")
    assert (round(wide.width), round(wide.height)) == (842, 595)
    assert portrait.text_layer == "native"
    texts = [line.text for line in portrait.lines]
    assert texts[:4] == ["NO", "KOMPONEN", "INDIKATOR", "KET"]  # one line per cell
    assert "Komponen gabungan" in texts and "baris kedua" in texts
    header = portrait.lines[0]
    assert header.bold and header.size == 9.0
    assert header.bbox[0] == pytest.approx(53.0) and header.bbox[1] < header.bbox[3]


def test_rotated_page_gives_upright_coordinates(rotated_pdf: Path) -> None:
    doc = read_pdf(rotated_pdf, SETTINGS)
    page = doc.pages[0]
    assert (page.rotation, page.orientation) == (90, "landscape")
    assert (round(page.width), round(page.height)) == (842, 595)
    (table,) = doc.tables
    assert_test_table(table)
    assert table.bbox == (100.0, 100.0, 580.0, 250.0)
    assert page.lines[0].text == "NO" and page.lines[0].bbox[0] == pytest.approx(103.0)


def test_same_input_gives_identical_output(table_pdf: Path) -> None:
    assert read_pdf(table_pdf, SETTINGS) == read_pdf(table_pdf, SETTINGS)


# --- refusing input -----------------------------------------------------------------


def test_not_a_pdf(tmp_path: Path) -> None:
    page = tmp_path / "keputusan.pdf"
    page.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    with pytest.raises(NotAPdfError, match=r"keputusan\.pdf: not a PDF: .*HTML"):
        read_pdf(page, SETTINGS)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(NotAPdfError, match=r"empty\.pdf: the file is empty"):
        read_pdf(empty, SETTINGS)
    with pytest.raises(InputError, match=r"missing\.pdf: no such file"):
        read_pdf(tmp_path / "missing.pdf", SETTINGS)


def test_truncated_and_corrupt(table_pdf: Path, tmp_path: Path) -> None:
    data = table_pdf.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptPdfError, match=r"truncated\.pdf: truncated"):
        read_pdf(truncated, SETTINGS)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(CorruptPdfError, match=r"garbage\.pdf: corrupt PDF"):
        read_pdf(garbage, SETTINGS)


def test_encryption(table_pdf: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    owner_only = tmp_path / "owner-only.pdf"
    with pikepdf.open(table_pdf) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="rahasia", owner="pemilik"))
        pdf.save(
            owner_only,
            encryption=pikepdf.Encryption(
                user="", owner="pemilik", allow=pikepdf.Permissions(extract=False)
            ),
        )
    with pytest.raises(EncryptedPdfError, match=r"locked\.pdf: encrypted"):
        read_pdf(locked, SETTINGS)
    tables = read_tables(owner_only, [1], SETTINGS)
    assert_test_table(tables[0])


def test_limits(table_pdf: Path, tmp_path: Path) -> None:
    with pytest.raises(LimitExceededError, match=r"table\.pdf: 2 pages, more than .* 1"):
        read_pdf(table_pdf, replace(SETTINGS, max_pages=1))
    empty = tmp_path / "no-pages.pdf"
    pikepdf.new().save(empty)
    with pytest.raises(EmptyPdfError, match=r"no-pages\.pdf: the PDF has no pages"):
        read_pdf(empty, SETTINGS)
    big = tmp_path / "big-image.pdf"
    image = tmp_path / "big.png"
    Image.new("L", (400, 300), 255).save(image)

    def picture(c: canvas.Canvas, size: tuple[float, float]) -> None:
        c.drawImage(str(image), 0, 0, 200, 150)

    make_pdf(big, [(A4, picture)])
    with pytest.raises(LimitExceededError, match=r"big-image\.pdf: page 1 holds an image"):
        read_pdf(big, replace(SETTINGS, max_image_pixels=100_000))
    with pytest.raises(InputError, match=r"table\.pdf: there is no page 3"):
        read_tables(table_pdf, [3], SETTINGS)


def test_active_content_is_reported_not_run(table_pdf: Path, tmp_path: Path) -> None:
    active = tmp_path / "active.pdf"
    with pikepdf.open(table_pdf) as pdf:
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hi')"))
        )
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(
            pdf,
            b"lampiran",
            description="",
            filename="notes.txt",
            mime_type="text/plain",
            creation_date="",
            mod_date="",
        )
        pdf.save(active)
    doc = read_pdf(active, SETTINGS)
    (warning,) = [w for w in doc.warnings if w.code == "active_content_ignored"]
    assert "JavaScript" in warning.message and "embedded files" in warning.message
    assert len(doc.tables) == 3


def test_text_quality_measure() -> None:
    good = judge_text(
        "Menetapkan keputusan tentang pembangunan zona integritas di "
        "lingkungan kerja dengan rencana aksi yang jelas dan terukur " * 2
    )
    assert good.reads_as_words(0.5) and good.dictionary_share > 0.9
    names = judge_text("Desa Dampelas Sioyong Talaga Sabang Ogoamas Balaesang Tompe " * 3)
    assert names.usable(0.5) and not names.reads_as_words(0.5)
    garbled = judge_text("Nhsxwxvdq Exsdwl Grqjjdod whqwdqj Shqhwdsdq Sdqlwld " * 4)
    assert not garbled.usable(0.5)
    assert not judge_text("\uf0b7\uf0b7 (cid:12)(cid:13) abc \ufffd\ufffd\ufffd").usable(0.5)


def test_ocr_slips_are_symbols_digits_and_look_alikes_in_words() -> None:
    for slip in ("PEI{GISIAN", "GC}ALA,", "ti+l", "mate:rai", "t1)", "bu1an", "20100r"):
        assert ocr_slip(slip), slip
    # Lower-case non-words one look-alike letter from a dictionary word ("perempuan").
    assert ocr_slip("perempuon") and ocr_slip("odo") and ocr_slip("denlan")
    for clean in (
        "04/HK.03.1/3319/2022",  # a decree number: digits touch capitals and stops only
        "188.45/0602/Bag.Hukum/2025",
        "SDM",  # acronyms and capitalised names are not tried against the dictionary
        "Tompe",
        "perempuan",
        "(1)",
        "Rp.",
        "2022,",
        "Nama:____",
        "dan/atau",
        "Desember",
    ):
        assert not ocr_slip(clean), clean


def test_a_clean_legal_text_is_not_doubtful_a_slipping_scanner_layer_is() -> None:
    clean = judge_text(
        "Keputusan Komisi Pemilihan Umum Kabupaten Kudus Nomor 04/HK.03.1/3319/2022 "
        "tentang Rencana Aksi Reformasi Birokrasi Tahun 2022. Menimbang: bahwa untuk "
        "mewujudkan tata kelola SDM ASN yang baik, KPU Kab. Kudus menetapkan Road Map RB "
        "2020-2024 sesuai PermenPANRB Nomor 90 Tahun 2021; (1) Rp.10.000, 1 Januari 2022."
    )
    assert (clean.slips, clean.doubtful()) == (0, False)
    # Perbup Donggala 24/2025 p. 42 as its scanner's OCR layer reads it.
    scanner = judge_text(
        "PETTIITJuK PEI{GISIAN & ti+l GC}ALA, NOMOR {,RAIAI{ t1) Diisi dengan kop surat "
        "desa (2) Diisi dengan nama lengkap kepala desa (12) Diisi dengan tarnda tangan + "
        "cap pemerintah desa + mate:rai Rp. 10.000 (1s) Diisi dengan nama lengkap"
    )
    assert scanner.slips == 7 and scanner.doubtful() and scanner.usable(0.5)
    # One slip is not enough, however short the text.
    assert not judge_text("Tidak odo kelompok UMKM").doubtful()


def test_symbol_font_marks_are_decoded() -> None:
    chars = [
        {"text": "\uf0d6", "fontname": "ABCDEF+Symbol"},
        {"text": "\uf0fc", "fontname": "Wingdings-Regular"},
        {"text": "\uf0d6", "fontname": "Arial"},
    ]
    assert [c["text"] for c in decode_symbols(chars)] == ["√", "✓", "\uf0d6"]


def test_glyphs_spaced_by_character_spacing_stay_in_their_cell(tmp_path: Path) -> None:
    """One glyph per text operator, spaced with Tc, as pdfFactory writes: the space after
    "1" carries a large Tc that moves "Terwujud" past the rule into the next cell."""

    def draw(c: canvas.Canvas, size: tuple[float, float]) -> None:
        top = size[1] - 100
        for x in (80.0, 120.0, 400.0):
            c.line(x, top, x, top - 40)
        for y in (top, top - 40):
            c.line(80, y, 400, y)
        text = c.beginText(95, top - 25)
        text.setFont("Helvetica", 12)
        for glyph, spacing in [("1", 0.1), (" ", 15.0), *((g, 0.1) for g in "Terwujud")]:
            text.setCharSpace(spacing)
            text.textOut(glyph)
        c.drawText(text)

    pdf = make_pdf(tmp_path / "spaced.pdf", [(A4, draw)])
    (table,) = read_tables(pdf, None, SETTINGS)
    assert [cell.text for cell in table.cells] == ["1", "Terwujud"]


@pytest.mark.parametrize(
    ("rules", "kept"),
    [
        ((0.0, 3.6, 50.0, 100.0), (0.0, 50.0, 100.0)),  # a frame drawn double: the outer
        ((0.0, 50.0, 96.5, 100.0), (0.0, 50.0, 100.0)),
        ((0.0, 50.0, 53.5, 100.0), (0.0, 51.75, 100.0)),  # inside: their middle
        ((0.0, 20.0, 24.0, 27.0, 60.0), (0.0, 22.0, 27.0, 60.0)),  # pairs, never a chain
        ((33.8, 40.0, 51.4, 57.1), (33.8, 40.0, 51.4, 57.1)),
        ((0.0, 3.0), (0.0, 3.0)),  # a table keeps its two edges
    ],
)
def test_a_double_rule_on_a_scan_is_one_rule(
    rules: tuple[float, ...], kept: tuple[float, ...]
) -> None:
    assert _one_per_double_rule(rules) == kept


# --- real PDFs ----------------------------------------------------------------------


def test_lke_table_of_permenpanrb_90_2021() -> None:
    tables = read_tables(
        CORPUS_REAL / "zi_permenpanrb-90-2021_pembangunan-evaluasi-zi.pdf", [66, 67], SETTINGS
    )
    for table in tables:
        assert_full_grid(table)
    # The header bar, drawn 9 pt above the body, is joined to it; the gap between them
    # is one empty cell across the table, merged with nothing above or below.
    first_page, next_page = tables
    assert first_page.page == 66 and (first_page.n_rows, first_page.n_cols) == (15, 14)
    penilaian = first_page.cell(0, 0)
    assert (penilaian.text, penilaian.col_span) == ("Penilaian", 6)
    assert first_page.cell(0, 8).text == "Pilihan\nJawaban"
    assert first_page.cell(0, 13).text == "Catatan/Keterangan/Penjelasan"
    gap = first_page.cell(1, 0)
    assert (gap.text, gap.row_span, gap.col_span) == ("", 1, 14)
    pengungkit = first_page.cell(2, 1)
    assert (pengungkit.text, pengungkit.col_span) == ("PENGUNGKIT", 5)
    assert first_page.cell(6, 5).text == (
        "Unit kerja telah membentuk tim untuk\nmelakukan pembangunan Zona Integritas"
    )
    assert next_page.page == 67 and next_page.cell(0, 0).text == "Penilaian"


def test_bali_excel_export() -> None:
    (table,) = read_tables(
        CORPUS_REAL / "bali_pergub-1-2021_lampiran-I_kelas-jabatan.pdf", [1], SETTINGS
    )
    assert_full_grid(table)
    assert (table.n_rows, table.n_cols) == (20, 3)
    assert [c.text for c in table.row_cells(0)] == [
        "NO",
        "NAMA JABATAN STRUKTURAL",
        "KELAS JABATAN",
    ]
    assert [c.text for c in table.row_cells(3)] == ["1", "Sekretaris Daerah", "16"]


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_ocr_of_a_real_scanned_page() -> None:
    # Page 1 only: read_document is read_pdf restricted to some pages.
    raw = read_document(
        CORPUS_REAL / "donggala_kepbup-0602-2025_konsultasi-publik-kla_scan.pdf", [1], SETTINGS
    )
    (page,) = raw.pages
    assert page.text_layer == "ocr"
    assert raw.ocr_engine is not None and raw.ocr_engine.languages == ("ind", "eng")
    text = "\n".join(line.text for line in page.lines)
    for expected in (
        "BUPATI DONGGALA",
        "KEPUTUSAN BUPATI DONGGALA",
        "Menimbang",
        "Kabupaten Layak Anak",
    ):
        assert expected in text


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_scanner_layer_with_ocr_slips_gets_our_ocr_when_it_reads_more_words() -> None:
    # Perbup Donggala 24/2025 p. 50: its scanner layer reads "Tidok odo kelompok UMKM
    # perempuon"; our OCR reads more dictionary words, and is used. p. 49 is an export.
    perbup = CORPUS_REAL / "donggala_perbup-24-2025_alokasi-dana-desa.pdf"
    raw = read_document(perbup, [49, 50], SETTINGS)
    exported, scanned = raw.pages
    assert (exported.text_layer, scanned.text_layer) == ("native", "ocr")
    assert raw.ocr_engine is not None
    text = "\n".join(line.text for line in scanned.lines)
    assert "Tidak ada\nkelompok UMKM" in text and "perempuan" in text
    assert "Tidok" not in text and "perempuon" not in text
    assert not raw.warnings


def test_only_scanner_layers_with_slips_ask_for_a_second_opinion() -> None:
    flagged = {
        path.name: _second_opinion_pages(path)
        for path in (
            CORPUS_REAL / "donggala_perbup-24-2025_alokasi-dana-desa.pdf",
            CORPUS / "kpu-kudus-2025-zi" / "pdf" / "scan-vendor-ocr.pdf",
            CORPUS / "kpu-kudus-2025-zi" / "pdf" / "scan-ocr.pdf",
        )
    }
    assert flagged == {
        "donggala_perbup-24-2025_alokasi-dana-desa.pdf": [5, 42, 50],
        "scan-vendor-ocr.pdf": [],
        "scan-ocr.pdf": [],
    }


def _second_opinion_pages(path: Path) -> list[int]:
    with pdfplumber.open(path) as pdf:
        return [
            n
            for n, page in enumerate(pdf.pages, 1)
            if _page_content(page, n, SETTINGS).facts.second_opinion
        ]


def test_a_doubtful_layer_is_kept_when_it_reads_as_many_words_as_the_ocr() -> None:
    def content(text: str, second_opinion: bool) -> _PageContent:
        facts = PageFacts(1, 595.0, 842.0, 0, True, False, None, second_opinion)
        words = tuple(
            Word(w, 10.0 * i, 0.0, 10.0 * i + 8, 10.0, (10.0,), 0, None)
            for i, w in enumerate(text.split())
        )
        return _PageContent(facts, (), words, (), ocr_text=True, ocred=False)

    layer = content("Tidok ada kelompok perempuon desa", second_opinion=True)
    same = content("Tidak oda kelompok perempuon desa", second_opinion=False)
    better = content("Tidak ada kelompok perempuan desa", second_opinion=False)
    assert _better_readings({1: (same, ())}, {1: layer}) == {}
    assert _better_readings({1: (better, ())}, {1: layer}) == {1: (better, ())}
    # A page OCR'd because its layer is poor or missing keeps its OCR, however it reads.
    poor = replace(layer, facts=replace(layer.facts, second_opinion=False))
    assert _better_readings({1: (same, ())}, {1: poor}) == {1: (same, ())}


# --- the repo corpus ----------------------------------------------------------------

RB_2022 = CORPUS / "kpu-kudus-2022-rb" / "pdf" / "born-digital.pdf"


@pytest.mark.skipif(not RB_2022.is_file(), reason="corpus PDF not rendered")
def test_corpus_month_grid_across_pages() -> None:
    tables = read_tables(RB_2022, [4, 5], SETTINGS)
    first, second = tables
    for table in tables:
        assert_full_grid(table)
        assert table.n_cols == 18
        assert (table.cell(0, 0).text, table.cell(0, 0).row_span) == ("NO", 2)
        assert (table.cell(0, 5).text, table.cell(0, 5).col_span) == ("PELAKSANAAN (BULAN)", 12)
        assert [table.cell(1, c).text for c in range(5, 17)] == [str(m) for m in range(1, 13)]
    assert first.cell(2, 1).text == "Manajemen Perubahan" and first.cell(2, 1).row_span > 1
    assert {c.text for c in first.cells if c.col in range(5, 17) and c.row > 1} == {"", "√"}
    # the merged area cell runs on across the page break: empty and spanning on page 5
    assert second.cell(2, 0).text == "" and second.cell(2, 0).row_span > 1


# --- OCR ----------------------------------------------------------------------------


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    """A small image-only page (no text layer) with two lines of large print."""
    image = Image.new("L", (1200, 500), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 60)
    draw.text((60, 80), "KEPUTUSAN BUPATI", fill=0, font=font)
    draw.text((60, 260), "Rencana Aksi Pembangunan", fill=0, font=font)
    png = tmp_path / "scan.png"
    image.save(png)

    def picture(c: canvas.Canvas, size: tuple[float, float]) -> None:
        c.drawImage(str(png), 0, 0, size[0], size[1])

    return make_pdf(tmp_path / "scan.pdf", [((288.0, 120.0), picture)])


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_ocr_cache_never_changes_the_result(scanned_pdf: Path, tmp_path: Path) -> None:
    cached = replace(SETTINGS, ocr_cache_dir=tmp_path / "cache")
    fresh = read_pdf(scanned_pdf, SETTINGS)
    first = read_pdf(scanned_pdf, cached)
    assert list((tmp_path / "cache").rglob("*.pdf"))
    again = read_pdf(scanned_pdf, cached)
    assert fresh == first == again
    # A page cached by another second pass has only the pass redone, and stored.
    (second_pass,) = (tmp_path / "cache").rglob("*.cells-*.json")
    second_pass.unlink()
    redone = read_pdf(scanned_pdf, cached)
    assert redone == fresh and second_pass.is_file()
    assert [line.text for line in fresh.pages[0].lines] == [
        "KEPUTUSAN BUPATI",
        "Rencana Aksi Pembangunan",
    ]
    assert fresh.pages[0].text_layer == "ocr"


SIDEWAYS_LINES = [
    "Menimbang bahwa dalam rangka pelaksanaan",
    "pembangunan zona integritas menuju",
    "wilayah bebas dari korupsi perlu menetapkan",
    "keputusan tentang rencana aksi",
    "pembangunan zona integritas tahun ini",
]


@pytest.fixture
def sideways_pdf(tmp_path: Path) -> Path:
    """A scanned page whose text runs bottom to top: it reads upright turned by 90°."""
    image = Image.new("L", (1500, 520), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 50)
    for i, line in enumerate(SIDEWAYS_LINES):
        draw.text((40, 30 + i * 95), line, fill=0, font=font)
    png = tmp_path / "sideways.png"
    image.rotate(90, expand=True).save(png)

    def picture(c: canvas.Canvas, size: tuple[float, float]) -> None:
        c.drawImage(str(png), 0, 0, size[0], size[1])

    return make_pdf(tmp_path / "sideways.pdf", [((124.8, 360.0), picture)])


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_page_scanned_sideways_is_turned_upright(sideways_pdf: Path) -> None:
    page = read_pdf(sideways_pdf, SETTINGS).pages[0]
    assert (page.rotation, page.orientation) == (90, "landscape")
    assert [line.text for line in page.lines][:2] == SIDEWAYS_LINES[:2]


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
@pytest.mark.parametrize(
    "osd_turn",
    [
        # Orientation detection sure of the wrong side, as on blurred strips of small print.
        270,
        # Sure of half a turn while the page reads a quarter turned.
        180,
    ],
)
def test_orientation_detection_off_is_overruled(
    sideways_pdf: Path, monkeypatch: pytest.MonkeyPatch, osd_turn: int
) -> None:
    import extract.ocr_pages

    monkeypatch.setattr(extract.ocr_pages, "orientation", lambda _image, _timeout: osd_turn)
    page = read_pdf(sideways_pdf, SETTINGS).pages[0]
    assert page.rotation == 90
    assert [line.text for line in page.lines][:2] == SIDEWAYS_LINES[:2]


def test_other_quarter_turns_are_read_only_after_a_sure_turn() -> None:
    from extract.ocr_pages import _other_turns

    assert _other_turns(180) == [90, 270]
    assert _other_turns(90) == [180]
    assert _other_turns(270) == [180]
    # Unsure (None) or sure the page is upright (0): the unsure turns decide.
    assert _other_turns(None) == []
    assert _other_turns(0) == []


def test_a_ruled_page_reading_few_words_is_tried_sideways_when_osd_is_unsure() -> None:
    from extract.ocr_pages import _unsure_turns
    from extract.text_quality import MIN_WORDS_TO_JUDGE

    # Garbage upright: both quarter turns, the one with more dictionary words wins.
    assert _unsure_turns(garbled=True, ruled=True) == ([90, 270], 0)
    assert _unsure_turns(garbled=True, ruled=False) == ([90, 270], 0)
    # Few words on a ruled page: a table pasted sideways in blurred print; a turned
    # reading must read as text (a table of figures reads few words in any turn).
    assert _unsure_turns(garbled=False, ruled=True) == ([90, 270], MIN_WORDS_TO_JUDGE)
    # Few words and no rules: a nearly empty page, left as it is.
    assert _unsure_turns(garbled=False, ruled=False) == ([], 0)


def test_missing_ocr_language_names_the_package(scanned_pdf: Path) -> None:
    with pytest.raises(OcrUnavailableError, match=r"scan\.pdf: .*tesseract-ocr-xyz"):
        read_pdf(scanned_pdf, replace(SETTINGS, ocr_languages=("xyz",)))


def test_ocr_off_leaves_the_page_without_text(scanned_pdf: Path) -> None:
    doc = read_pdf(scanned_pdf, replace(SETTINGS, ocr=False))
    assert doc.pages[0].text_layer == "none" and doc.pages[0].lines == ()
    assert doc.ocr_engine is None


def _spreadsheet_export(c: canvas.Canvas, size: tuple[float, float]) -> None:
    """A table as spreadsheet exports draw it: a black header bar with white text and
    white separators, set 8 pt above the body; a lightly shaded body cell; and a hidden
    column to the right, ruled in white."""
    height = size[1]
    font = _font()
    xs, hidden = [50, 110, 300, 400], 460
    bar, body = (100, 120), [128, 148, 168, 188]
    c.setFillGray(0.0)
    c.rect(xs[0], height - bar[1], xs[-1] - xs[0], bar[1] - bar[0], stroke=0, fill=1)
    c.setStrokeGray(1.0)
    for x in xs[1:-1]:
        c.line(x, height - bar[0], x, height - bar[1])
    c.setFillGray(1.0)
    c.setFont(f"{font}-Bold", 9)
    for x, label in zip(xs, ["NO", "NAMA", "NILAI"], strict=False):
        c.drawString(x + 3, height - bar[0] - 13, label)
    c.setFillGray(0.9)
    c.rect(xs[1], height - body[2], xs[2] - xs[1], body[2] - body[1], stroke=0, fill=1)
    c.setStrokeGray(0.0)
    for x in xs:
        c.line(x, height - body[0], x, height - body[-1])
    for y in body:
        c.line(xs[0], height - y, xs[-1], height - y)
    c.setStrokeGray(1.0)
    c.line(hidden, height - body[0], hidden, height - body[-1])
    for y in body:
        c.line(xs[-1], height - y, hidden, height - y)
    c.setFillGray(0.0)
    c.setFont(font, 9)
    for r, texts in enumerate([("1", "Alpha", "10"), ("2", "Beta", "20"), ("3", "Gamma", "30")]):
        for x, text in zip(xs, texts, strict=False):
            c.drawString(x + 3, height - body[r] - 13, text)


def test_spreadsheet_export_header_bar_shading_and_hidden_column(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "export.pdf", [(A4, _spreadsheet_export)])
    (table,) = read_tables(pdf, [1], SETTINGS)
    assert_full_grid(table)
    assert (table.n_rows, table.n_cols) == (5, 3)
    assert [c.text for c in table.row_cells(0)] == ["NO", "NAMA", "NILAI"]
    gap = table.cell(1, 0)
    assert (gap.text, gap.row_span, gap.col_span) == ("", 1, 3)
    rows = [[c.text for c in table.row_cells(r)] for r in range(2, 5)]
    assert rows == [["1", "Alpha", "10"], ["2", "Beta", "20"], ["3", "Gamma", "30"]]
    shaded = {(c.row, c.col) for c in table.cells if c.shaded}
    assert shaded == {(0, 0), (0, 1), (0, 2), (3, 1)}


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_shaded_column_number_band_is_read_again(tmp_path: Path) -> None:
    # A header row, a gray halftone band of column numbers, a body row; page OCR read
    # the band's dots as letters ('aa aa'): the second pass reads the digits instead.
    scale = 300 / 72
    xs, ys = (20, 120, 320, 520), (20, 60, 80, 130)
    page = np.full((round(160 * scale), round(560 * scale)), 250, np.uint8)
    dots = np.random.default_rng(5).random(page.shape) < 0.5
    band = slice(round(ys[1] * scale), round(ys[2] * scale))
    page[band][dots[band]] = 90
    page[band][~dots[band]] = 170
    picture = Image.fromarray(page)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 45)
    for x in xs:
        draw.line([(x * scale, ys[0] * scale), (x * scale, ys[-1] * scale)], fill=0, width=5)
    for y in ys:
        draw.line([(xs[0] * scale, y * scale), (xs[-1] * scale, y * scale)], fill=0, width=5)
    for n, (left, right) in enumerate(itertools.pairwise(xs), 1):
        centre = (left + right) / 2 * scale
        draw.text((centre, (ys[1] + ys[2]) / 2 * scale), str(n), fill=0, font=font, anchor="mm")
        draw.text((centre, 40 * scale), "KOLOM", fill=0, font=font, anchor="mm")
    image = np.asarray(picture)
    found = image_grids(image, 300, 40)
    (layout,) = [lay_out(grid) for grid in found.grids]
    band_boxes = [layout.span_bbox(s) for s in layout.spans if s.row == 1]
    garbage = [
        Word("aa", box[0] + 20, box[1] + 4, box[0] + 40, box[3] - 4, (10.0,), 0, None)
        for box in band_boxes
    ]
    header = [Word("KOLOM", left + 30, 34, left + 70, 46, (10.0,), 0, None) for left in xs[:-1]]
    reading = reread_cells(
        erase_rules(image, found.rule_mask),
        found.rule_mask,
        [layout],
        [*header, *garbage],
        300,
        ("eng",),
        tmp_path / "cells.png",
        30.0,
    )
    assert sorted(reading.replaced) == sorted(band_boxes)
    assert [w.text for w in sorted(reading.words, key=lambda w: w.x0)] == ["1", "2", "3"]


def _dithered_band(seed: int, dark_share: float) -> tuple[np.ndarray, tuple[float, ...]]:
    """A 300 dpi page with a shaded row of three cells (points: y 20-60, x at the returned
    `xs`), each holding a bold digit: dots of black (`dark_share` of the band's pixels)
    on gray, as a coarse error-diffused dither prints a shade; with its rules erased."""
    scale = 300 / 72
    xs = (20.0, 120.0, 220.0, 320.0)
    page = np.full((round(80 * scale), round(340 * scale)), 255, np.uint8)
    band = np.s_[round(20 * scale) : round(60 * scale), round(20 * scale) : round(320 * scale)]
    dots = np.random.default_rng(seed).random(page[band].shape) < dark_share
    page[band] = np.where(dots, 0, 180)
    picture = Image.fromarray(page)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 45)
    for n, (left, right) in enumerate(itertools.pairwise(xs), 1):
        draw.text(((left + right) / 2 * scale, 40 * scale), str(n), fill=0, font=font, anchor="mm")
    return np.asarray(picture), xs


def test_undither_clears_a_coarse_dither_and_keeps_the_digits() -> None:
    image, xs = _dithered_band(seed=3, dark_share=0.25)
    scale = 300 / 72
    boxes = [(left, 20.0, right, 60.0) for left, right in itertools.pairwise(xs)]
    cleared = undither_cells(image, boxes, scale)
    for left, right in itertools.pairwise(xs):
        cell = np.s_[
            round(26 * scale) : round(54 * scale),
            round(left * scale) + 6 : round(right * scale) - 6,
        ]
        before, after = image[cell], cleared[cell]
        # The digit (about 4 % of the cell) stays black; the dots (25 %) are paper.
        assert float(np.mean(before < 100)) > 0.25
        assert 0.02 < float(np.mean(after < 100)) < 0.08
        assert float(np.mean(after[before == 180] == 255)) > 0.99
    # Cleared cells are no longer dithered: a second pass leaves the page as it is.
    assert undither_cells(cleared, boxes, scale) is cleared
    band = cleared[round(20 * scale) : round(60 * scale), round(20 * scale) : round(320 * scale)]
    assert undither(band, scale) is band


def test_undither_leaves_a_fine_halftone_and_plain_cells_alone() -> None:
    # Kepbup Donggala 0561 p. 4: a fine halftone is lighter than its digits, whose
    # whitening clears it; a cell on white paper is no shade at all.
    scale = 300 / 72
    halftone = np.where(np.random.default_rng(5).random((160, 400)) < 0.5, 90, 170).astype(np.uint8)
    assert undither(halftone, scale) is halftone
    image, xs = _dithered_band(seed=3, dark_share=0.25)
    boxes = [(left, 20.0, right, 60.0) for left, right in itertools.pairwise(xs)]
    white = np.full_like(image, 255)
    cv2.putText(white, "KOLOM", (100, 200), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 8)
    assert undither_cells(white, boxes, scale) is white
    # Only the cells named are cleared; the rest of the page is left as it is.
    cleared = undither_cells(image, boxes[:1], scale)
    right_of_first = np.s_[:, round(xs[1] * scale) + 1 :]
    assert np.array_equal(cleared[right_of_first], image[right_of_first])
    assert not np.array_equal(cleared, image)


def test_an_ocr_layers_bar_is_kept_only_right_after_a_letter_in_its_line() -> None:
    # 'Semester |' (a sans-serif capital I read as a stroke) keeps its bar; a bar far from
    # the text (a rule between cells), one after a digit, and one twice the letters'
    # height (a rule across the row) go.
    def char(text: str, x0: float, top: float = 100.0, height: float = 10.0) -> Char:
        return {"text": text, "x0": x0, "x1": x0 + 5.0, "top": top, "bottom": top + height}

    word = [char(letter, 100.0 + 5 * i) for i, letter in enumerate("Semester")]
    near = char("|", 143.0)
    far = char("|", 200.0)
    digit = [char("7", 300.0), char("|", 308.0)]
    tall = [char("a", 400.0), char("|", 406.0, top=95.0, height=25.0)]
    glued = [char("Z", 500.0), char("I", 505.0), char("|", 510.0)]  # 'ZI|'
    before = [char("s", 600.0), char("|", 608.0), char("»", 613.0)]  # '|»'
    # A scan's blur narrows a space and a justified line widens one: 0.14 and 1.03 of the
    # letters' height (the balai-pom probe's 'semester | dan II', 'Triwulan | dan III').
    close = [char(letter, 100.0 + 5 * i, top=200.0) for i, letter in enumerate("semester")]
    close_bar = char("|", 141.4, top=200.0)
    wide = [char(letter, 100.0 + 5 * i, top=300.0) for i, letter in enumerate("Triwulan")]
    wide_bar = char("|", 150.3, top=300.0)
    kept = ocr_chars(
        [*word, near, far, *digit, *tall, *glued, *before, *close, close_bar, *wide, wide_bar]
    )
    assert [c for c in kept if c["text"] == "|"] == [near, close_bar, wide_bar]
    assert len(kept) == len(word) + 1 + 1 + 1 + 2 + 2 + len(close) + 1 + len(wide) + 1


def _real_page_grids(name: str, page: int) -> tuple[np.ndarray, np.ndarray, list[Layout]]:
    """Page `page` of the real PDF `name` at 300 dpi, straightened: its image with the rules
    erased, the rules' mask and the layouts of its grids."""
    document = pypdfium2.PdfDocument(str(CORPUS_REAL / name))
    try:
        image = render_page(document, page, 300).drawn
    finally:
        document.close()
    straight = apply(image, 0, skew_angle(image))
    found = image_grids(straight, 300, 40)
    layouts = [lay_out(grid) for grid in found.grids]
    return erase_rules(straight, found.rule_mask), found.rule_mask, layouts


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_the_dithered_column_numbers_of_a_real_scan_are_read(tmp_path: Path) -> None:
    # Perbup Donggala 4/2025 p. 24: the column-number band '1' ... '9' is a coarse
    # dither whose dots, as dark as the digits, read as 'aa', 'HESOR', 'Be' before.
    erased, rules, layouts = _real_page_grids("donggala_perbup-4-2025_tpp-pns_scan.pdf", 24)
    reading = reread_cells(
        erased, rules, layouts, [], 300, ("ind", "eng"), tmp_path / "c.png", 60.0
    )
    band = sorted(reading.replaced)
    assert len(band) == 9 and len({box[1] for box in band}) == 1
    in_band = [w for w in reading.words if band[0][1] <= (w.top + w.bottom) / 2 <= band[0][3]]
    assert [w.text for w in sorted(in_band, key=lambda w: w.x0)] == [str(n) for n in range(1, 10)]


def _second_pass(image: np.ndarray, words: list[Word], scratch: Path) -> CellReading:
    """`reread_cells` over the grids found on a 300 dpi page `image`, read in English."""
    found = image_grids(image, 300, 40)
    layouts = [lay_out(grid) for grid in found.grids]
    erased = erase_rules(image, found.rule_mask)
    return reread_cells(erased, found.rule_mask, layouts, words, 300, ("eng",), scratch, 30.0)


def _two_cell_row(fill: int) -> tuple[Image.Image, ImageDraw.ImageDraw, ImageFont.FreeTypeFont]:
    """A 300 dpi page with a ruled row of two cells (points: x 20-100-300, y 20-60) of gray
    `fill`, rules black; the picture, a pen on it and a bold 40 px font."""
    scale = 300 / 72
    xs, ys = (20, 100, 300), (20, 60)
    picture = Image.new("L", (round(320 * scale), round(80 * scale)), 255)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((xs[0] * scale, ys[0] * scale, xs[-1] * scale, ys[1] * scale), fill=fill)
    for x in xs:
        draw.line([(x * scale, ys[0] * scale), (x * scale, ys[1] * scale)], fill=0, width=5)
    for y in ys:
        draw.line([(xs[0] * scale, y * scale), (xs[-1] * scale, y * scale)], fill=0, width=5)
    return picture, draw, ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 40)


def _reversed_header() -> np.ndarray:
    """`_two_cell_row` filled dark gray (64) with white print 'NO' and 'NAMA'."""
    scale = 300 / 72
    picture, draw, font = _two_cell_row(64)
    draw.text((30 * scale, 30 * scale), "NO", fill=235, font=font)
    draw.text((150 * scale, 30 * scale), "NAMA", fill=235, font=font)
    return np.asarray(picture)


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_white_print_on_a_dark_fill_is_read_in_negative(tmp_path: Path) -> None:
    # A header bar printed white on dark: no pixel of it is darker than its fill, so
    # it held no ink and was never read; turned negative it reads as print on paper.
    image = _reversed_header()
    reading = _second_pass(image, [], tmp_path / "c.png")
    assert [w.text for w in sorted(reading.words, key=lambda w: w.x0)] == ["NO", "NAMA"]
    assert len(reading.replaced) == 2  # shaded cells: the page's words there are dropped


def test_reversed_print_is_print_lighter_than_its_fill() -> None:
    none = np.zeros((10, 10), bool)
    dark = np.full((10, 10), 64, np.uint8)
    dark[4:6, 1:9] = 240
    assert reversed_print(dark, none, 1.0)
    gray = np.full((10, 10), 160, np.uint8)
    gray[4:6, 1:9] = 20
    assert not reversed_print(gray, none, 1.0)
    paper = np.full((10, 10), 255, np.uint8)
    paper[4:6, 1:9] = 0
    assert not reversed_print(paper, none, 1.0)
    # Rule pixels painted white are not print: a bare dark cell with a rule erased
    # along its side is no reversed print, and turned negative the rule is fill again.
    bare = np.full((10, 10), 64, np.uint8)
    bare[:, 0:3] = 255
    side = np.zeros((10, 10), bool)
    side[:, 0:3] = True
    assert not reversed_print(bare, side, 1.0)
    # A halftone of light and dark dots in equal share is no print at all.
    dots = np.where(np.indices((20, 20)).sum(axis=0) % 2 == 0, 90, 170).astype(np.uint8)
    assert not reversed_print(dots, np.zeros((20, 20), bool), 3.0)
    assert negative(dark, none)[5, 5] == 15 and negative(dark, none)[0, 0] == 191
    assert negative(bare, side)[0, 0] == 191


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_speck_beside_a_word_is_not_read_as_a_stop(tmp_path: Path) -> None:
    # Dust a word's width right of "NO" reads "NO ." (a stop apart from any word): a
    # printed stop touches its word ("1.", "KET."), so the lone mark is dropped.
    scale = 300 / 72
    picture, draw, font = _two_cell_row(255)
    draw.text((30 * scale, 30 * scale), "NO", fill=40, font=font)
    left = round(30 * scale) + 120
    draw.ellipse((left, 30 * scale + 30, left + 5, 30 * scale + 37), fill=110)
    draw.text((150 * scale, 30 * scale), "NAMA", fill=40, font=font)
    image = np.asarray(picture)
    reading = _second_pass(image, [], tmp_path / "c.png")
    assert [w.text for w in sorted(reading.words, key=lambda w: w.x0)] == ["NO", "NAMA"]


def _scanned_hyphen() -> np.ndarray:
    """A hyphen as a 200 dpi JPEG scan holds it (a dark bar 7 x 2 px, blurred by the
    scanner), brought to 300 dpi: its ink (below INK_LEVEL) 10 x 4 px, 36 pixels, gray
    94 at its darkest, as the 10 pt hyphens of probe 5's scan (10-11 x 4-5 px, 37-46
    pixels, gray 75-96)."""
    patch = np.full((12, 19), 245, np.float32)
    patch[5:7, 5:12] = 30
    blurred = cv2.GaussianBlur(patch, (0, 0), 0.9).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", blurred, [cv2.IMWRITE_JPEG_QUALITY, 75])
    scan = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    return cv2.resize(scan, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_LINEAR)


def _dash_row() -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A 300 dpi page of one ruled row (pixels: y 83-250) of seven empty cells 250 px wide
    on paper of gray 245, and each cell's (left, right) in pixels."""
    xs = [83 + 250 * n for n in range(8)]
    page = np.full((333, 1916), 245, np.uint8)
    for x in xs:
        cv2.line(page, (x, 83), (x, 250), 0, 4)
    for y in (83, 250):
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 4)
    return page, list(itertools.pairwise(xs))


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_scanned_hyphen_alone_in_a_cell_is_a_dash_and_dust_is_not(tmp_path: Path) -> None:
    # Probe 5's KET column: a lone '-' ("nothing") scanned at 200 dpi is a gray bar too
    # small for the dust limits, and tesseract reads no word in its crop; the cell was
    # left empty. Dust of as many pixels, speckled or in one blot, and a rule's residue
    # along the cell's top are still nothing.
    scale = 300 / 72
    page, cells = _dash_row()

    def put(mark: np.ndarray, left: int, top: int) -> None:
        region = page[top : top + mark.shape[0], left : left + mark.shape[1]]
        np.minimum(region, mark, out=region)

    for cell in (0, 1, 5):  # alone; under a reading without letters; beside a word
        put(_scanned_hyphen(), cells[cell][0] + 12, 125)
    rng = np.random.default_rng(7)
    for _ in range(10):  # speckle: ten 2 x 2 specks, 40 pixels
        x, y = cells[2][0] + rng.integers(20, 200), rng.integers(120, 200)
        page[y : y + 2, x : x + 2] = 90
    blot = np.full((12, 12), 245, np.uint8)
    cv2.ellipse(blot, (6, 6), (4, 3), 0, 0, 360, 60, -1)  # one blot of dust, 9 x 7 px
    put(blot, cells[3][0] + 40, 125)
    residue = np.full((4, 16), 245, np.uint8)
    residue[:3] = 70  # a rule's residue just inside the inset, along the cell's top
    put(residue, cells[4][0] + 60, 90)
    for left, right in cells[2:5]:  # each as much ink as the hyphen's 36 pixels, or more
        assert np.count_nonzero(page[89:245, left + 6 : right - 6] < 160) >= 36

    def word(text: str, cell: int) -> Word:
        left = cells[cell][0] / scale
        return Word(text, left + 2, 28, left + 2 + 5 * len(text), 38, (10.0,), 0, None)

    reading = _second_pass(page, [word("_{-", 1), word("Ada", 5)], tmp_path / "c.png")

    def cell_of(x0: float, x1: float) -> int:
        middle = (x0 + x1) / 2 * scale
        return next(n for n, (left, right) in enumerate(cells) if left <= middle < right)

    assert sorted((w.text, cell_of(w.x0, w.x1)) for w in reading.words) == [("-", 0), ("-", 1)]
    # The cell read '_{-' is replaced (its page words go); the one read 'Ada' is kept.
    assert sorted(cell_of(box[0], box[2]) for box in reading.replaced) == [0, 1]


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_lone_sans_serif_one_of_a_real_scan_is_read_as_a_digit(tmp_path: Path) -> None:
    # Perbup Donggala 24/2025 p. 50: the last row's Skor is a Century Gothic '1', one
    # upright stroke with a flag, which tesseract reads '|' at the page's 300 dpi (and
    # the rule-mark cleanup then emptied the cell); read again at half size it is '1'.
    erased, rules, layouts = _real_page_grids("donggala_perbup-24-2025_alokasi-dana-desa.pdf", 50)
    cells = sorted(box for layout in layouts for box in map(layout.span_bbox, layout.spans))
    text_cell = cells[3]
    # The page OCR's words of the row: the text cell's three lines, none in the Skor cell.
    words = [
        Word(text, text_cell[0] + 3, top, text_cell[0] + 60, top + 11, (11.0,), 0, None)
        for text, top in (("Tidak", 52.0), ("kelompok", 65.0), ("perempuan", 78.0))
    ]
    reading = reread_cells(
        erased, rules, layouts, words, 300, ("ind", "eng"), tmp_path / "c.png", 60.0
    )
    skor = cells[4]
    inside = [w.text for w in reading.words if skor[0] <= (w.x0 + w.x1) / 2 <= skor[2]]
    assert inside == ["1"]
    assert skor in reading.replaced


def _one_row_table_image(letter_height: int) -> np.ndarray:
    """A 300 dpi page image holding one ruled row 50 px (12 pt) high: lower than the
    shortest rule looked for. Its borders lean a little as on a photograph; inside the
    second cell a letter stroke `letter_height` px high stands off both rules."""
    image = np.full((600, 1200), 255, np.uint8)
    cv2.line(image, (50, 100), (1050, 100), 0, 3)
    cv2.line(image, (50, 150), (1050, 150), 0, 3)
    for top, bottom in ((50, 50), (300, 304), (700, 708), (1050, 1050)):
        cv2.line(image, (top, 100), (bottom, 150), 0, 3)
    cv2.line(image, (500, 125 - letter_height // 2), (500, 125 + letter_height // 2), 0, 3)
    return image


def test_a_row_lower_than_the_shortest_rule_keeps_its_borders() -> None:
    found = image_grids(_one_row_table_image(letter_height=30), dpi=300, line_scale=40)
    (grid,) = found.grids
    assert len(grid.ys) == 2
    assert [round(x * 300 / 72) for x in grid.xs] == pytest.approx([50, 302, 704, 1050], abs=4)


def _dotted_row_image(dots_left: bool, dots_right: bool) -> np.ndarray:
    """A 300 dpi page image of one ruled row 50 px high with borders at 50, 300 and
    1050 px, and a chain of touching dots from rule to rule at 601-603 px; halftone dots
    (3 px every 5 px, about a third of the area) fill the cell left and/or right of it."""
    image = np.full((600, 1200), 255, np.uint8)
    cv2.line(image, (50, 100), (1050, 100), 0, 3)
    cv2.line(image, (50, 150), (1050, 150), 0, 3)
    for x in (50, 300, 1050):
        cv2.line(image, (x, 100), (x, 150), 0, 3)
    for left, right, dotted in ((400, 600, dots_left), (606, 800, dots_right)):
        if dotted:
            for y in range(104, 148, 5):
                for x in range(left, right, 5):
                    image[y : y + 3, x : x + 3] = 0
    for y in range(102, 149, 3):
        image[y : y + 3, 601:604] = 0
    return image


@pytest.mark.parametrize(
    ("dots_left", "dots_right", "borders"),
    [
        (True, True, [50, 300, 1050]),
        (True, False, [50, 300, 602, 1050]),
        (False, False, [50, 300, 602, 1050]),
    ],
)
def test_a_dot_chain_in_a_halftone_is_no_border(
    dots_left: bool, dots_right: bool, borders: list[int]
) -> None:
    # Kepbup Donggala 0561 p. 4: chains of halftone dots in the shaded column-number band
    # ran from rule to rule and split its cells. A border has paper on one side at least
    # (Perbup 4/2025 p. 24: borders of dithered cells).
    (grid,) = image_grids(_dotted_row_image(dots_left, dots_right), dpi=300, line_scale=40).grids
    assert [round(x * 300 / 72) for x in grid.xs] == pytest.approx(borders, abs=5)


@pytest.mark.parametrize(
    ("gap", "borders"),
    [(0, [50, 300, 600, 1050]), (4, [50, 300, 600, 1050]), (15, [50, 300, 1050])],
)
def test_a_rule_stopping_just_short_of_a_crossing_rule_meets_it(
    gap: int, borders: list[int]
) -> None:
    # PermenPANRB 52/2014's 96 dpi strips: a light column rule loses 3-5 px at 300 dpi
    # next to each dark row rule to the adaptive threshold, and gave no joint.
    image = np.full((600, 1200), 255, np.uint8)
    for y in (100, 400):
        cv2.line(image, (50, y), (1050, y), 0, 3)
    for x in (50, 300, 1050):
        cv2.line(image, (x, 100), (x, 400), 0, 3)
    cv2.line(image, (600, 102 + gap), (600, 398 - gap), 0, 3)
    (grid,) = image_grids(image, dpi=300, line_scale=40).grids
    assert [round(x * 300 / 72) for x in grid.xs] == pytest.approx(borders, abs=5)
    assert [round(y * 300 / 72) for y in grid.ys] == pytest.approx([100, 400], abs=5)


def _table_with_bar(bar: tuple[int, int], label: str = "") -> np.ndarray:
    """Three columns ruled at rows 100, 200, 300 and 400 px, the band `bar` (top, bottom
    px) filled black, with `label` printed in white on it."""
    image = np.full((600, 1200), 255, np.uint8)
    for y in (100, 200, 300, 400):
        cv2.line(image, (50, y), (1050, y), 0, 3)
    for x in (50, 300, 1050):
        cv2.line(image, (x, 100), (x, 400), 0, 3)
    image[bar[0] : bar[1], 50:1051] = 0
    if label:
        cv2.putText(image, label, (80, bar[1] - 25), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 255, 3)
    return image


@pytest.mark.parametrize(
    ("bar", "rows"),
    [((100, 200), [200, 300, 400]), ((200, 300), [100, 250, 400]), ((300, 400), [100, 200, 300])],
)
def test_a_filled_bar_is_a_rule_not_a_row(bar: tuple[int, int], rows: list[int]) -> None:
    # PermenPANRB 52/2014 p. 43: a black band over the table read as a row of OCR noise.
    found = image_grids(_table_with_bar(bar), dpi=300, line_scale=40)
    (grid,) = found.grids
    assert [round(y * 300 / 72) for y in grid.ys] == pytest.approx(rows, abs=5)
    assert found.rule_mask[bar[0] + 10 : bar[1] - 10, 60:1040].all()


def test_light_print_on_a_filled_bar_keeps_its_row() -> None:
    found = image_grids(_table_with_bar((200, 300), "TOTAL"), dpi=300, line_scale=40)
    (grid,) = found.grids
    assert [round(y * 300 / 72) for y in grid.ys] == pytest.approx([100, 200, 300, 400], abs=5)
    assert not found.rule_mask[220:280, 100:200].all()


@pytest.mark.parametrize("letter_height", [20, 36])
def test_a_letter_between_two_rules_is_no_border(letter_height: int) -> None:
    # 36 px leaves the stroke's caps four pixels (1 pt) off each rule; two pixels
    # the page's thresholding already closes.
    (grid,) = image_grids(_one_row_table_image(letter_height), dpi=300, line_scale=40).grids
    assert len(grid.xs) == 4


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_item_numbers_page_ocr_left_unread_are_added(tmp_path: Path) -> None:
    # Sparse-text page OCR read a list cell's words but not its item numbers ('1.',
    # '2.'): the second pass adds the numbers, and nothing the page already read.
    scale = 300 / 72
    xs, ys = (20, 60, 460), (20, 100)
    picture = Image.fromarray(np.full((round(120 * scale), round(480 * scale)), 255, np.uint8))
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 50)
    for x in xs:
        draw.line([(x * scale, ys[0] * scale), (x * scale, ys[1] * scale)], fill=0, width=5)
    for y in ys:
        draw.line([(xs[0] * scale, y * scale), (xs[-1] * scale, y * scale)], fill=0, width=5)
    page_words = []
    for line, item in enumerate(["1. Undangan rapat", "2. Daftar Hadir"]):
        x, y = 66 * scale, (30 + 30 * line) * scale
        draw.text((x, y), item, fill=0, font=font)
        for word in item.split()[1:]:
            start = x + draw.textlength(item[: item.index(word)], font=font)
            left, top, right, bottom = draw.textbbox((start, y), word, font=font)
            page_words.append(
                Word(
                    word, left / scale, top / scale, right / scale, bottom / scale, (12.0,), 0, None
                )
            )
    image = np.asarray(picture)
    reading = _second_pass(image, page_words, tmp_path / "c.png")
    assert reading.replaced == ()
    numbers = sorted(reading.words, key=lambda w: w.top)
    assert [w.text.rstrip(".") for w in numbers] == ["1", "2"]
    assert all(w.x1 < 66 + 30 for w in numbers)
    # Once the page has read them too, nothing is left to add.
    read_too = [Word(w.text, w.x0, w.top, w.x1, w.bottom, (12.0,), 0, None) for w in reading.words]
    again = _second_pass(image, [*page_words, *read_too], tmp_path / "d.png")
    assert again.words == ()


def _one_row_unruled_inside(source: Source = "image") -> Grid:
    """A one-row grid of three columns (x 0, 200, 260, 320) whose first inner border is
    not ruled: its first two columns read as one merged cell."""
    xs, ys = (0.0, 200.0, 260.0, 320.0), (0.0, 20.0)
    rules = [Rule(x, 0.0, 20.0) for x in (0.0, 260.0, 320.0)]
    edges = [Rule(y, 0.0, 320.0) for y in ys]
    return with_rules(xs, ys, rules, edges, source)


def _words(*pieces: tuple[str, float, float]) -> list[Word]:
    return [Word(text, x0, 5.0, x1, 15.0, (10.0,), 0, None) for text, x0, x1 in pieces]


def _cells(grid: Grid, words: list[Word]) -> list[tuple[int, int]]:
    return [(span.col, span.col_span) for span in split_at_gaps(lay_out(grid), words).spans]


def test_a_merged_cell_with_a_wide_gap_at_a_border_is_two_cells() -> None:
    # PermenPANRB 52/2014: the pale border of a light blue section row was lost, and the
    # row's weight read as part of its title ('IV. PENGUATAN AKUNTABILITAS (10) 10.0').
    words = _words(("IV.", 4, 16), ("PENGUATAN", 20, 80), ("(10)", 84, 100), ("10,0", 220, 240))
    assert _cells(_one_row_unruled_inside(), words) == [(0, 1), (1, 1), (2, 1)]


@pytest.mark.parametrize(
    "pieces",
    [
        # a word space at the border, however it falls
        [("Penegakan", 150, 195), ("aturan", 205, 240)],
        # a word across the border
        [("Penegakan", 4, 60), ("disiplin/kode", 180, 230)],
        # text on one side only
        [("PENILAIAN", 4, 60)],
    ],
)
def test_a_merged_cell_stays_merged_without_a_wide_gap_at_its_border(
    pieces: list[tuple[str, float, float]],
) -> None:
    assert _cells(_one_row_unruled_inside(), _words(*pieces)) == [(0, 2), (2, 1)]


def test_a_vector_grid_keeps_its_merged_cells() -> None:
    words = _words(("IV.", 4, 16), ("10,0", 220, 240))
    assert _cells(_one_row_unruled_inside("camelot"), words) == [(0, 2), (2, 1)]


def test_blocks_side_by_side_outside_tables_are_separate_lines() -> None:
    """A certification beside the signature, on one baseline: two lines, not one, so the
    signature's column can be told apart. Inside a table cell (a zone) nothing is cut."""
    from extract.read_lines import text_lines

    words = _words(
        ("Salinan", 40, 75),
        ("sesuai", 79, 105),
        ("aslinya", 109, 140),
        ("IMAD", 570, 600),
        ("ARIFIN,", 604, 640),
    )
    assert [line.text for line in text_lines(words)] == ["Salinan sesuai aslinya", "IMAD ARIFIN,"]
    # word spaces and a label's tab stop stay within one line
    spaced = _words(("Menimbang", 70, 125), (":", 160, 163), ("bahwa", 175, 205))
    assert [line.text for line in text_lines(spaced)] == ["Menimbang : bahwa"]
    zoned = [replace(word, zone=(1, 0)) for word in words]
    assert [line.text for line in text_lines(zoned)] == ["Salinan sesuai aslinya IMAD ARIFIN,"]


def _layer_word(text: str, x0: float, x1: float, top: float = 78.0, zone: int = 0) -> Word:
    return Word(text, x0, top, x1, top + 8.0, (9.0,) * len(text), 0, zone)


def test_two_readings_of_the_same_ink_are_one_word() -> None:
    # ocrmypdf's layer of a bold header (a probe's scan-ocr p. 4): the second readings
    # come first, as a line of their own.
    words = [
        _layer_word("NCAN", 134.2, 161.3),
        _layer_word("LUME", 331.8, 357.4),
        _layer_word("TUA", 377.6, 398.1),
        _layer_word("RENCANA", 120.9, 154.8),
        _layer_word("AKS", 161.9, 192.2),
        _layer_word("OUTPU", 245.8, 280.0),
        _layer_word("T", 280.4, 286.9),
        _layer_word("VOLU", 317.8, 343.4),
        _layer_word("SATUAN", 365.0, 405.3),
    ]
    merged = merge_rereadings(words)
    assert [(w.text, w.x0, w.x1) for w in merged] == [
        ("RENCANA", 120.9, 161.3),
        ("VOLUME", 317.8, 357.4),
        ("SATUAN", 365.0, 405.3),
        ("AKS", 161.9, 192.2),
        ("OUTPU", 245.8, 280.0),
        ("T", 280.4, 286.9),
    ]


def test_overlapping_words_that_share_no_letters_or_line_or_cell_stay_apart() -> None:
    words = [
        _layer_word("Rapat", 100.0, 130.0),
        _layer_word("xyz", 110.0, 125.0),  # shares no letters at its ends
        _layer_word("Rapat", 100.0, 130.0, top=92.0),  # the line below
        _layer_word("apat", 110.0, 130.0, zone=1),  # another cell
    ]
    assert merge_rereadings(words) == words


def test_a_layer_line_run_over_a_row_of_reread_cells_goes_with_them() -> None:
    """A skewed line of ocrmypdf's layer read the month numbers of a header row as one
    word ('3]4151617]8]9', probe 11) whose box is as tall as two rows, its centre in the
    group cell above ('PELAKSANAAN (BULAN)'). The month cells were read again: the
    characters standing over them, taller than a cell, with a third of their height inside
    go; the group label's, a neighbour's beside the rule and a glyph of the row below
    reaching into a cell stay."""

    def char(text: str, x0: float, top: float, bottom: float) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + 5.0, "top": top, "bottom": bottom}

    months = [(100.0 + 10 * i, 120.0, 110.0 + 10 * i, 130.0) for i in range(3)]
    reading = CellReading(words=(), replaced=tuple(months))
    label = [char(c, 100.0 + 6 * i, 108.0, 117.0) for i, c in enumerate("PELAK")]
    straddling = [char(c, 101.0 + 10 * i, 112.0, 124.0) for i, c in enumerate("3]4")]
    beside = [char("x", 80.0, 121.0, 129.0)]
    below = [char("P", 101.0, 127.0, 135.0)]
    kept = reading.applied_to([*label, *straddling, *beside, *below])
    assert "".join(str(c["text"]) for c in kept) == "PELAKxP"


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
@pytest.mark.parametrize("angle", [0.0, 2.5])
def test_a_point_moves_as_apply_moves_the_image(turn: int, angle: float) -> None:
    image = np.full((400, 600), 255, np.uint8)
    image[100:104, 200:204] = 0
    moved = apply(image, turn, angle)
    rows, cols = np.nonzero(moved < 128)
    x, y = move_point(202.0, 102.0, turn, angle, 600, 400)
    assert abs(x - (cols.mean() + 0.5)) < 1.0 and abs(y - (rows.mean() + 0.5)) < 1.0


def _stamp_at(x: float, y: float, radius: float) -> GrayStamp:
    return GrayStamp(x=x, y=y, radius=radius, level=100, paper=240)


def _boxed(cls: type, text: str, x0: float, top: float, x1: float, bottom: float):
    if cls is Word:
        return Word(text, x0, top, x1, bottom, (bottom - top,), 0, None)
    return CellWord(text, x0, top, x1, bottom)


def test_a_line_the_layer_missed_under_a_stamp_is_ours_and_a_covered_line_stays() -> None:
    # At 72 dpi a pixel is a point: the disk's box is 80-120 across and down.
    ours = [
        _boxed(CellWord, *w)
        for w in [
            ("HENDRA", 82, 90, 112, 100),
            ("WIJAYA", 121, 90, 150, 100),  # outside the disk, but runs on from HENDRA
            ("Salinan", 300, 90, 340, 100),  # a column away
            ("KEPALA", 85, 104, 115, 114),
        ]
    ]
    layer = [
        _boxed(Word, *w)
        for w in [
            ("KA", 100, 90, 112, 100),  # covers 12 of HENDRA's 30 points
            ("WIJAYA", 121.5, 90, 150, 100),
            ("Salinan", 300, 90, 340, 100),
            ("KEPALA", 86, 104, 115, 114),  # covers KEPALA: kept, whatever we read
            ("KAB", 95, 81, 110, 87),  # the stamp's own lettering: nothing of ours there
        ]
    ]
    reading = stamped_reading([_stamp_at(100.0, 100.0, 20.0)], layer, ours, 72)
    assert [w.text for w in reading.words] == ["HENDRA", "WIJAYA"]
    assert sorted(reading.replaced) == [(82, 90, 150, 100), (95, 81, 110, 87)]
    assert stamped_reading([], layer, ours, 72) == CellReading(words=(), replaced=())


def test_a_word_boxed_with_specks_below_it_keeps_to_its_line() -> None:
    ours = [
        _boxed(CellWord, *w)
        for w in [
            ("ARIF", 82, 90, 100, 100),
            ("WICAKSONO", 102, 90, 140, 113),  # its box took in the ring's remains
            ("NUGROHO", 142, 90, 170, 100),
            ("M.Si.", 110, 106, 125, 116),
        ]
    ]
    reading = stamped_reading([_stamp_at(100.0, 100.0, 20.0)], [], ours, 72)
    boxes = {w.text: (w.top, w.bottom) for w in reading.words}
    assert boxes["WICAKSONO"] == (90, 100) and boxes["M.Si."] == (106, 116)


def test_a_stamps_band_takes_whole_lines_and_blank_rows_beyond_them() -> None:
    page = np.full((400, 300), 240, np.uint8)
    for top in (100, 130, 160, 190):  # four lines of print, 20 px high, 10 px apart
        page[top : top + 20, 20:280] = 20
    # The disk's rows 130-190 reach into the 2nd and 4th lines: the band holds lines 2-4
    # whole and 2 blank rows (2.5 pt at 72 dpi) beyond them; not the 1st line.
    (band,) = stamp_bands(page, [_stamp_at(150.0, 160.0, 30.0)], 72)
    assert band == (0.0, 127.0, 300.0, 213.0)
    blank = np.full((50, 50), 240, np.uint8)
    assert stamp_bands(blank, [_stamp_at(25.0, 25.0, 10.0)], 72) == [(0.0, 13.0, 50.0, 38.0)]


SIGNED_PAGE = [
    "Menimbang bahwa dalam rangka pelaksanaan reformasi",
    "birokrasi perlu menetapkan rencana aksi kantor",
    "Ditetapkan di Kudus",
    "KEPALA KANTOR",
    "ttd.",
    "HENDRA WIJAYA KUSUMA",
]


def _signed_page(tmp_path: Path, layer: list[str]) -> Path:
    """A scanned page at 300 dpi ending in a signature block, printed black on paper 240,
    with a stamp printed gray (a grayscale scan of violet ink) over the name; and an
    invisible OCR layer, `layer`, line for line and word for word over SIGNED_PAGE: each
    word of the layer ends where the printed word it stands for ends, at its own width,
    as a layer that lost a word's first letters under the ring places what it kept."""
    tops = [100, 180, 320, 720, 840, 960]
    image = Image.new("L", (1800, 1300), 240)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 48)
    printed = []  # (right end, bottom) of each printed word, by line
    for text, top in zip(SIGNED_PAGE, tops, strict=True):
        draw.text((300, top), text, fill=20, font=font)
        bottom = draw.textbbox((300, top), text, font=font)[3]
        ends, x = [], 300.0
        for word in text.split():
            ends.append(x + draw.textlength(word, font=font))
            x += draw.textlength(word + " ", font=font)
        printed.append((ends, bottom))
    stamp = np.full((1300, 1800), 255, np.uint8)
    cv2.circle(stamp, (520, 900), 212, 135, thickness=8)
    cv2.circle(stamp, (520, 900), 118, 135, thickness=3)
    cv2.line(stamp, (330, 990), (710, 990), 135, thickness=6)
    pixels = np.asarray(image, np.uint16) * stamp // 255
    png = tmp_path / "signed.png"
    Image.fromarray(pixels.astype(np.uint8)).save(png)
    pt = 72 / 300
    size = 48 * pt

    def page(c: canvas.Canvas, page_size: tuple[float, float]) -> None:
        c.drawImage(str(png), 0, 0, page_size[0], page_size[1])
        for text, (ends, bottom) in zip(layer, printed, strict=True):
            for word, end in zip(text.split(), ends, strict=True):
                line = c.beginText()
                line.setTextRenderMode(3)
                line.setFont(_font(), size)
                line.setTextOrigin(
                    end * pt - c.stringWidth(word, _font(), size), page_size[1] - (bottom - 10) * pt
                )
                line.textOut(word)
                c.drawText(line)

    return make_pdf(tmp_path / "signed.pdf", [((1800 * pt, 1300 * pt), page)])


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_scan_layer_spoilt_by_a_gray_stamp_is_read_again_under_it(tmp_path: Path) -> None:
    # The layer lost the name's first letters under the ring, as ocrmypdf's did on a
    # probe's scan; its third line differs from the print, to show the layer is kept
    # elsewhere.
    layer = [*SIGNED_PAGE[:2], "Ditetapkan di Pati", *SIGNED_PAGE[3:5], "RA WIJAYA KUSUMA"]
    raw = read_document(_signed_page(tmp_path, layer), None, SETTINGS)
    (page,) = raw.pages
    assert page.text_layer == "ocr"  # a scan's own layer
    assert [line.text for line in page.lines] == [*layer[:5], "HENDRA WIJAYA KUSUMA"]
    # Without OCR the layer is all there is.
    unread = read_document(_signed_page(tmp_path, layer), None, replace(SETTINGS, ocr=False))
    assert unread.pages[0].lines[-1].text.replace(" ", "") == "RAWIJAYAKUSUMA"


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")
def test_a_scan_layer_that_covers_the_print_under_a_stamp_is_kept(tmp_path: Path) -> None:
    # A layer read through the stamp (a scanner's, from the colour scan) may spell a name
    # otherwise than our OCR would; where it saw all the print, it is not second-guessed.
    layer = [*SIGNED_PAGE[:5], "HENDRA WIJAJA KUSUMA"]
    raw = read_document(_signed_page(tmp_path, layer), None, SETTINGS)
    assert [line.text for line in raw.pages[0].lines] == layer


def _printed_word(
    printed: str,
    read: str,
    *,
    speck: int | None = None,
    raised: int = 0,
    above: bool = False,
    bridge: bool = False,
) -> tuple[Image, Word]:
    """`printed` drawn black at 300 dpi on paper 240, and the page OCR's word `read` over
    its letters (boxed from the first letter to the end of `read`'s last letter);
    `speck`: a 6 px square of that gray put where a stop would stand, `raised` px
    higher; `above`: a stroke of that gray over it, wider than a stop (the upper arc of
    a light 'e' the threshold broke from its lower one); `bridge`: a light gray stroke
    joining it to the word (a letter's foot the threshold broke off)."""
    image = Image.new("L", (900, 200), 240)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 44)
    draw.text((100, 60), printed, fill=20, font=font)
    _, top, right, bottom = draw.textbbox((100, 60), read, font=font)
    if speck is not None:
        draw.rectangle(
            (right + 5, bottom - 6 - raised, right + 10, bottom - 1 - raised), fill=speck
        )
        if above:
            draw.rectangle((right + 6, bottom - 20, right + 22, bottom - 17), fill=speck)
        if bridge:
            draw.rectangle((right - 8, bottom - 4, right + 5, bottom - 3), fill=160)
    pt = 72 / 300
    word = Word(read, 100 * pt, top * pt, right * pt, bottom * pt, (10.0,), 0, None)
    return np.asarray(image), word


@pytest.mark.parametrize(
    ("printed", "read", "found"),
    [
        ("M.T.", "M.T", ["M.T."]),  # the stop page OCR left out
        ("S.H.", "S.H", ["S.H."]),
        ("M.Si.", "M.Si", ["M.Si."]),  # after an x-height letter
        ("M.T.", "M.T.", []),  # read with its stop
        ("M.T", "M.T", []),  # printed without one
        ("S.Sos,", "S.Sos", []),  # a comma is no stop
        ("Nama.....", "Nama", []),  # nor is a leader of dots
        ("Nama:", "Nama", []),  # nor a colon's lower dot
    ],
)
def test_a_final_stop_page_ocr_left_out_is_given_back(
    printed: str, read: str, found: list[str]
) -> None:
    image, word = _printed_word(printed, read)
    reading = find_lost_stops(image, [word], 300)
    assert [w.text for w in reading.words] == found
    if found:
        (box,) = reading.replaced
        assert box == (word.x0, word.top, word.x1, word.bottom)
        assert reading.words[0].x1 > word.x1  # reaching over the stop


def test_a_faint_speck_after_a_word_is_no_stop_and_a_dark_one_is() -> None:
    faint, word = _printed_word("S.H", "S.H", speck=100)
    assert find_lost_stops(faint, [word], 300).words == ()
    dark, word = _printed_word("S.H", "S.H", speck=30)
    assert [w.text for w in find_lost_stops(dark, [word], 300).words] == ["S.H."]
    high, word = _printed_word("S.H", "S.H", speck=30, raised=12)  # off the baseline
    assert find_lost_stops(high, [word], 300).words == ()
    broken, word = _printed_word("S.H", "S.H", speck=30, above=True)  # not alone
    assert find_lost_stops(broken, [word], 300).words == ()
    foot, word = _printed_word("S.H", "S.H", speck=30, bridge=True)  # not apart on paper
    assert find_lost_stops(foot, [word], 300).words == ()


def test_a_box_ending_short_of_the_last_letter_still_finds_the_stop() -> None:
    image, word = _printed_word("M.Si.", "M.Si")
    short = replace(word, x1=word.x1 - 2.0)  # 8 px short, as tesseract's box of 'M.Si'
    assert [w.text for w in find_lost_stops(image, [short], 300).words] == ["M.Si."]


def test_no_stop_is_looked_for_on_a_page_drawn_from_a_coarse_picture(tmp_path: Path) -> None:
    image, word = _printed_word("M.T.", "M.T")
    found = image_grids(image, 300, SETTINGS.raster_line_scale)
    stem = tmp_path / "page"
    fine = ocr_pages._second_pass(image, found, [word], stem, SETTINGS, redrawn=False)
    assert [w.text for w in fine.words] == ["M.T."]
    assert ocr_pages._second_pass(image, found, [word], stem, SETTINGS, redrawn=True).words == ()
