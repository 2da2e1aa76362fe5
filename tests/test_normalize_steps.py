"""The table steps of `normalize` on small hand-made grids."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.check_sums import (
    MIN_ROWS,
    check_sums,
    column_totals,
    find_relations,
    parse_amount,
    row_amounts,
)
from normalize.component_numbers import agree_component_numbers
from normalize.decimal_commas import restore_decimal_commas
from normalize.doubled_labels import undouble_labels
from normalize.find_title import find_title
from normalize.fold_text import fold, join_lines, word_counts
from normalize.grid import CellEdit, GridRow, grid_rows
from normalize.item_numbers import restore_item_dots, restore_number_stops
from normalize.join_records import join_records
from normalize.label_marks import label_mark, restore_label_marks
from normalize.map_header import (
    Header,
    _column_numbers,
    field_of,
    find_header,
    grid_fields,
    vote_header,
)
from normalize.mend_broken_words import mend_breaks
from normalize.merge_continuations import (
    is_fragment,
    merge_continuations,
    number_columns,
    short_columns,
)
from normalize.normalize_document import NormalizeSettings, normalize_document
from normalize.read_sections import section_area, split_code
from normalize.roman_numerals import as_strokes, roman, roman_value
from normalize.section_codes import (
    code_value,
    implied_codes,
    restore_area_code_column,
    restore_area_column_codes,
    restore_section_codes,
)
from normalize.split_label_rows import split_label_rows
from normalize.split_lists import split_list
from normalize.spread_columns import column_map, joint_columns, shares, spread
from normalize.stitch_pages import LogicalTable, PageBreak, stitch_tables
from normalize.unread_marks import MIN_ROWS as MIN_FILLED_ROWS
from normalize.unread_marks import unread_mark_warnings
from schemas.decree import Decree, Table
from schemas.raw import RawCell, RawDocument, RawPage, RawTable, TextLine

THRESHOLD = 85.0


def _table(
    rows: list[list[str]], spans: dict[tuple[int, int], tuple[int, int]] | None = None
) -> RawTable:
    """A RawTable from cell texts; `spans` maps an anchor to (row_span, col_span)."""
    spans = spans or {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), (rs, cs) in spans.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                if (rr, cc) != (r, c):
                    covered[(rr, cc)] = (r, c)
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            box = (c * 10.0, r * 10.0, c * 10.0 + 10, r * 10.0 + 10)
            if (r, c) in covered:
                cells.append(RawCell(row=r, col=c, covered=True, anchor=covered[(r, c)], bbox=box))
            else:
                rs, cs = spans.get((r, c), (1, 1))
                cells.append(RawCell(row=r, col=c, text=text, row_span=rs, col_span=cs, bbox=box))
    return RawTable(
        page=1,
        index=0,
        bbox=(0, 0, 10.0 * len(rows[0]), 10.0 * len(rows)),
        n_rows=len(rows),
        n_cols=len(rows[0]),
        source="pdfplumber",
        cells=tuple(cells),
    )


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("NO", "number"),
        ("KOMPONEN", "component.text"),
        ("KOMPONFN", "component.text"),
        ("INDIKATOR KEBERHASILAN", "indicator"),
        ("Langkah Aksi", "activity"),
        ("BUKTI FISIK", "evidence"),
        ("OUTPUT", "evidence"),
        ("TARGET WAKTU", "schedule"),
        ("WAKTU PELAKSANAAN", "schedule"),
        ("PENANGGUNG JAWAB", "responsible"),
        ("KET", "note"),
        ("PELAKSANAAN (BULAN) 7", "month:7"),
        ("JADWAL PELAKSANAAN Jan", "month:1"),
        ("Agt", "month:8"),
        ("JADWAL PELAKSANAAN Nop", "month:11"),
        ("KEGIATAN Mar", None),
        ("WAKTU PELAKSANAAN TW III", "quarter:3"),
        ("Triwulan IV", "quarter:4"),
        ("TW Il", "quarter:2"),
        ("TW\nIll", "quarter:3"),
        ("TW lV", "quarter:4"),
        # bare numerals under a schedule group ('TARGET WAKTU' over I | II | III | IV)
        ("TARGET WAKTU I", "quarter:1"),
        ("TARGET WAKTU Il", "quarter:2"),
        ("WAKTU PELAKSANAAN IV", "quarter:4"),
        ("KET II", None),
        ("UNIT KERJA", "responsible"),
        ("Program Kegiatan", "area.name"),
        ("Sub Kegiatan", "activity"),
        ("NAMA JABATAN", None),
        # Probe 14: a follow-up plan's action and its target output.
        ("RENCANA TINDAK LANJUT", "activity"),
        ("TARGET OUTPUT", "evidence"),
        ("TARGET WAKTU", "schedule"),
    ],
)
def test_header_synonyms(printed: str, field: str | None) -> None:
    assert field_of(printed, THRESHOLD) == field


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("OUTPUT / BUKTI DUKUNG", "evidence"),
        ("OUTPUT/\nBUKTI DUKUNG", "evidence"),
        ("KELUARAN (OUTPUT)", "evidence"),
        ("WAKTU / JADWAL", "schedule"),
        ("INDIKATOR / RENCANA AKSI", None),
        ("OUTPUT / ANGGARAN", None),
        ("PELAKSANAAN (BULAN)", "schedule"),
        ("OUTPUT / HASIL", "evidence"),
    ],
)
def test_a_label_printing_two_names_of_one_field(printed: str, field: str | None) -> None:
    # Two names of one column printed together name its field; names of two fields,
    # or a part naming none, name nothing.
    assert field_of(printed, THRESHOLD) == field


@pytest.mark.parametrize(
    ("printed", "fields"),
    [
        # Probe 13: beside a KEGIATAN column holding the component, 'SASARAN / PROGRAM'
        # is the area, and NO beside it the area's code.
        (
            ["NO", "SASARAN / PROGRAM", "KEGIATAN", "RENCANA AKSI", "BUKTI DUKUNG"],
            ["area.code", "area.name", "component.text", "activity", "evidence"],
        ),
        # Without a column taking one of its fields, or with both taken, nothing is settled.
        (
            ["NO", "SASARAN / PROGRAM", "RENCANA AKSI"],
            ["component.number", None, "activity"],
        ),
        (
            ["NO", "PROGRAM", "SASARAN / PROGRAM", "KEGIATAN"],
            ["area.code", "area.name", None, "component.text"],
        ),
    ],
)
def test_a_label_naming_two_fields_takes_the_one_no_other_column_names(
    printed: list[str], fields: list[str | None]
) -> None:
    header = find_header(_table([printed, [str(n) for n in range(1, len(printed) + 1)]]), THRESHOLD)
    assert header is not None and list(header.fields) == fields


def test_two_row_header_with_month_grid() -> None:
    months = [str(m) for m in range(1, 13)]
    table = _table(
        [
            [
                "NO",
                "Program Kegiatan",
                "KEGIATAN",
                "SUB KEGIATAN",
                "INDIKATOR KEBERHASILAN",
                "PELAKSANAAN (BULAN)",
                *[""] * 11,
                "KET",
            ],
            ["", "", "", "", "", *months, ""],
            [
                "1",
                "Manajemen Perubahan",
                "1 Perencanaan",
                "1 Pembentukan",
                "1 SK Tim",
                "√",
                *[""] * 11,
                "",
            ],
        ],
        {
            (0, 0): (2, 1),
            (0, 1): (2, 1),
            (0, 2): (2, 1),
            (0, 3): (2, 1),
            (0, 4): (2, 1),
            (0, 5): (1, 12),
            (0, 17): (2, 1),
        },
    )
    header = find_header(table, THRESHOLD)
    assert header is not None and header.rows == 2
    assert header.fields[:5] == (
        "area.code",
        "area.name",
        "component.text",
        "activity",
        "indicator",
    )
    assert header.fields[5:17] == tuple(f"month:{m}" for m in range(1, 13))
    assert header.fields[17] == "note"
    assert header.is_action_plan


def test_a_header_row_numbering_the_plain_columns_and_naming_the_months() -> None:
    """Probe 22 (a BPBD plan): the row under the labels numbers the plain columns and
    names the months under their group, '1 | 2 | 3 | Jan | ... | Des | 4'; it is part of
    the header, and a number is no part of its column's label."""
    names = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Ags", "Sep", "Okt", "Nov", "Des"]
    table = _table(
        [
            ["NO", "RINCIAN RENCANA AKSI", "INDIKATOR HASIL", "RENCANA WAKTU", *[""] * 11, "PJ"],
            ["1", "2", "3", *names, "4"],
            ["1.1", "Menyusun SK Tim", "SK ditetapkan", "√", *[""] * 11, "Sekretaris"],
        ],
        {(0, 3): (1, 12)},
    )
    header = find_header(table, THRESHOLD)
    assert header is not None and header.rows == 2
    assert header.printed[:3] == ("NO", "RINCIAN RENCANA AKSI", "INDIKATOR HASIL")
    assert header.printed[-1] == "PJ"
    assert header.fields[1:3] == ("activity", "indicator")
    assert header.fields[3:15] == tuple(f"month:{m}" for m in range(1, 13))
    assert header.fields[15] == "responsible"


def test_numbers_under_plain_labels_without_months_are_no_second_header_row() -> None:
    # A form's placeholders under its labels (not from 1: no column-number row), a group
    # with nothing named under it: the second row is the form's first row.
    table = _table(
        [
            ["NO", "URAIAN", "JADWAL", "", "KET"],
            ["(4)", "(5)", "", "", "(6)"],
            ["1", "a", "", "", ""],
        ],
        {(0, 2): (1, 2)},
    )
    header = find_header(table, THRESHOLD)
    assert header is not None and header.rows == 1


def test_column_number_row_belongs_to_header() -> None:
    table = _table(
        [["NO", "NAMA JABATAN", "KELAS JABATAN"], ["1", "2", "3"], ["1", "Kepala", "12"]]
    )
    generic = find_header(table, THRESHOLD)
    assert generic is not None and generic.rows == 2 and not generic.is_action_plan
    plan = _table(
        [
            ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI"],
            ["1", "2", "3", "4"],
            ["1", "a", "b", "c"],
        ]
    )
    header = find_header(plan, THRESHOLD)
    assert header is not None and header.rows == 2 and header.numbering_row


def _block(
    rows: list[list[str]], index: int, spans: dict[tuple[int, int], tuple[int, int]]
) -> RawTable:
    table = _table(rows, spans)
    return table.model_copy(update={"index": index})


def test_a_block_under_another_numbers_its_columns_on() -> None:
    # A table too wide for the page, printed as two blocks: the lower one numbers its
    # columns on from the upper one's (10, 11, ...), a note may follow a number, and a
    # label spanning all its columns heads the sub-labels under it.
    upper = _block(
        [
            ["NO.", "Jumlah (%)", "TPP (Rp)"],
            ["1", "2", "3"],
            ["", "", ""],
        ],
        0,
        {},
    )
    lower = _block(
        [
            ["Hukuman Disiplin", "", ""],
            ["Total (%)", "Pengurangan (Rp)", "Iuran BPJS"],
            ["4", "5", "6 (1% x Pagu\nTPP)"],
            ["", "(3+4)", ""],
        ],
        1,
        {(0, 0): (1, 3)},
    )
    first, second = stitch_tables((upper, lower), {}, THRESHOLD)
    assert first.header is not None and first.header.numbering_row
    assert second.header is not None and second.header.numbering_row
    assert second.header.printed == (
        "Hukuman Disiplin Total (%)",
        "Hukuman Disiplin Pengurangan (Rp)",
        "Hukuman Disiplin Iuran BPJS",
    )
    assert [row.cells for row in second.rows] == [("", "(3+4)", "")]
    # Alone, '4 5 6' under a header is a row of the form (placeholders a legend explains).
    alone = find_header(lower, THRESHOLD)
    assert alone is None or not alone.numbering_row


@pytest.mark.parametrize(
    ("texts", "numbers"),
    [
        # Perbup Donggala 4/2025 p. 28: '11' read 'ded' under the Friday block's header.
        (["9", "10", "ded", "12"], [9, 10, 11, 12]),
        (["1", "2", "", "4", "5"], [1, 2, 3, 4, 5]),
        (["1", "", "2", "3"], [1, 2, 3]),
        (["1", "x", "", "3", "4"], [1, 2, 3, 4]),
        # Two cells unreadable, one outside the run, a jump with no cell between, or too
        # few numbers read: no column-number row.
        (["1", "x", "y", "4"], None),
        (["1", "2", "3", "x"], None),
        (["x", "2", "3", "4"], None),
        (["1", "2", "4", "5"], None),
        (["1", "2", "", "", "5"], None),
        (["1", "x", "3"], None),
        (["1", "ded", "3", "4", "x"], None),
    ],
)
def test_one_unreadable_column_number_is_filled_in(
    texts: list[str], numbers: list[int] | None
) -> None:
    assert _column_numbers(texts) == numbers


def test_a_numbering_row_with_an_unreadable_number_ends_the_header() -> None:
    # Perbup Donggala 4/2025 p. 28: a block repeating columns of the table above, with a
    # label over a row of times over its column numbers, one of them read as garbage.
    upper = _block(
        [["No.", "Nama", "Jabatan", "Apel"], ["1", "2", "3", "4"], ["", "", "", ""]], 0, {}
    )
    lower = _block(
        [
            ["Pulang Cepat**)", "", "", ""],
            ["15.59-16.29", "15.29 – 15.59", "14.59 – 15.29", "≤14.59"],
            ["1", "2", "ded", "4"],
            ["", "", "", ""],
        ],
        1,
        {(0, 0): (1, 4)},
    )
    _, second = stitch_tables((upper, lower), {}, THRESHOLD)
    assert second.header is not None and second.header.numbering_row
    assert second.header.rows == 3
    assert second.header.printed[0] == "Pulang Cepat**) 15.59-16.29"
    assert [row.cells for row in second.rows] == [("", "", "", "")]


def _row(cells: list[str], page: int = 1, bottom: float = 100.0) -> GridRow:
    return GridRow(
        cells=tuple(cells),
        covered=(False,) * len(cells),
        spans=(1,) * len(cells),
        pages=(page,),
        bboxes=((0.0, bottom - 20, 100.0, bottom),),
        row_spans=(1,) * len(cells),
    )


def test_fragment_at_page_top_is_a_continuation() -> None:
    previous = _row(
        [
            "",
            "",
            "Seluruh kegiatan pembangunan sudah dilaksanakan sesuai rencana",
            "Melaksanakan monitoring kegiatan untuk memastikan kegiatan telah sesuai",
            "1. Undangan rapat; 2. Daftar Hadir;",
            "Januari 2025",
        ]
    )
    top = _row(["", "", "", "dengan rencana", "", ""], page=2)
    rows = (
        previous,
        top,
        _row(
            [
                "1",
                "Dokumen rencana aksi pembangunan",
                "Dokumen rencana kerja telah disusun",
                "Menyusun Rencana Aksi Pembangunan Zona Integritas",
                "SK Tim",
                "Mei 2025",
            ]
        ),
    )
    short = short_columns(rows)
    assert 5 in short and 3 not in short
    assert is_fragment(previous, top, short, gap=0.0)
    assert not is_fragment(previous, top, short, gap=80.0), "a table that stopped short was not cut"


def test_new_row_under_merged_component_is_not_a_continuation() -> None:
    previous = _row(["1", "Komponen", "Indikator satu", "Aksi satu", "Bukti", "Januari 2025"])
    top = _row(["", "", "Indikator dua", "Aksi dua", "Bukti", "Juni 2025"], page=2)
    assert not is_fragment(previous, top, (0, 5), gap=0.0)


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("I MANAJEMEN PERUBAHAN", "I", "MANAJEMEN PERUBAHAN"),
        ("A. MANAJEMEN", "A", "MANAJEMEN"),
        ("6 Penguatan Akuntabilitas Kinerja", "6", "Penguatan Akuntabilitas Kinerja"),
        ("Penguatan Pengawasan", None, "Penguatan Pengawasan"),
        # probe 29's scans: every stroke of a Roman code read as l, L or a bar
        ("lll Penataan Sistem Manajemen SDM", "III", "Penataan Sistem Manajemen SDM"),
        ("Lll Penataan Tatalaksana", "III", "Penataan Tatalaksana"),
        ("| Manajemen Perubahan", "I", "Manajemen Perubahan"),
        ("11 KECAMATAN BANAWA", "11", "KECAMATAN BANAWA"),
        ("L Umum", "L", "Umum"),
    ],
)
def test_split_code(text: str, code: str | None, name: str) -> None:
    assert split_code(text) == (code, name)


def test_section_row_in_a_shifted_column() -> None:
    row = _row(["", "", "III PENATAAN SISTEM MANAJEMEN SDM", "", "", ""])
    area = section_area(row)
    assert area is not None and (area.code, area.name) == ("III", "PENATAAN SISTEM MANAJEMEN SDM")
    assert section_area(_row(["", "", "Dokumen rencana aksi", "", "", ""])) is None


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        (
            "1. Undangan rapat; 2. Daftar Hadir; 3. Dokumentasi Rapat;",
            ["Undangan rapat", "Daftar Hadir", "Dokumentasi Rapat"],
        ),
        (
            "1. Daftar hadir; 2. Banner; dan 3. Laporan SPT",
            ["Daftar hadir", "Banner", "Laporan SPT"],
        ),
        (
            "1. Daftar Nominatif ASN\n2. SK CPNS 2024\n3. SK Jabatan",
            ["Daftar Nominatif ASN", "SK CPNS 2024", "SK Jabatan"],
        ),
        (
            "Prosentase pelaksanaan pengadaan sesuai perpres 16 Tahun 2018",
            ["Prosentase pelaksanaan pengadaan sesuai perpres 16 Tahun 2018"],
        ),
        ("- Dokumen A\n- Dokumen B yang\n  panjang", ["Dokumen A", "Dokumen B yang panjang"]),
        # Bullets as OCR reads them.
        (
            "* Undangan rapat\n* Notulen rapat\n“ SK Tim Kerja ZI",
            ["Undangan rapat", "Notulen rapat", "SK Tim Kerja ZI"],
        ),
        ("*) Diisi oleh unit kerja", ["*) Diisi oleh unit kerja"]),
        ("- SK SOP\n_- Dokumen SOP hasil reviu", ["SK SOP", "Dokumen SOP hasil reviu"]),
        # The space after an item number lost by OCR (probe 5 scan-ocr); alone, no list.
        ("1.Notulen rapat\n2. Daftar hadir pimpinan", ["Notulen rapat", "Daftar hadir pimpinan"]),
        ("1.Notulen rapat", ["1.Notulen rapat"]),
        # One bulleted output, bulleted like its neighbours (probe 6): the bullet goes.
        ("- Surat Keputusan Tim Kerja ZI", ["Surat Keputusan Tim Kerja ZI"]),
        ("- Dokumen analisis\nkebutuhan diklat", ["Dokumen analisis kebutuhan diklat"]),
        ("-", ["-"]),
        # A dash bullet whose space OCR lost, beside one that kept it; alone, as printed.
        ("- Notulen rapat\n-Laporan kegiatan", ["Notulen rapat", "Laporan kegiatan"]),
        ("-Laporan kegiatan\n- Notulen rapat", ["Laporan kegiatan", "Notulen rapat"]),
        ("-Verifikasi Camat melalui Siskeudes", ["-Verifikasi Camat melalui Siskeudes"]),
        # Round bullets as OCR reads them (probe 8): '»', '+»', a lone 's', glued '•',
        # and a first bullet lost; a lead line ending with ':' is no item, a lone 's' no bullet.
        (
            "» Undangan rapat\n+ Daftar hadir\n+» Notulen rapat",
            ["Undangan rapat", "Daftar hadir", "Notulen rapat"],
        ),
        ("+ Jadwal apel\ns Dokumentasi apel pagi", ["Jadwal apel", "Dokumentasi apel pagi"]),
        ("¢ Daftar hadir\n# Materi pelatihan", ["Daftar hadir", "Materi pelatihan"]),
        # Probe 12 scan-ocr: a round bullet read as a straight quotation mark.
        ('" Kuesioner SKM\n" Laporan hasil survei', ["Kuesioner SKM", "Laporan hasil survei"]),
        ('"Kuesioner" SKM', ['"Kuesioner" SKM']),
        # Probe 14's scans: a bullet glued as '“', or read as a stop, beside a whole one.
        ("“Rekapitulasi kehadiran\n• Berita acara", ["Rekapitulasi kehadiran", "Berita acara"]),
        ("• Keputusan Direktur\n. Dokumentasi media", ["Keputusan Direktur", "Dokumentasi media"]),
        ("“Rekapitulasi kehadiran”", ["“Rekapitulasi kehadiran”"]),
        (
            "• Laporan audit internal\n•Rencana tindak lanjut",
            ["Laporan audit internal", "Rencana tindak lanjut"],
        ),
        (
            "Foto papan informasi\nyang dipasang\n* Tautan laman Puskesmas",
            ["Foto papan informasi yang dipasang", "Tautan laman Puskesmas"],
        ),
        ("Dokumen berupa:\n- SK Tim\n- SOP", ["Dokumen berupa: - SK Tim - SOP"]),
        ("s Dokumentasi apel pagi", ["s Dokumentasi apel pagi"]),
        # Probe 21's scan: the stop read apart from its number, on every line or on some.
        (
            "1 . Register pengaduan\n2 . Laporan tindak lanjut",
            ["Register pengaduan", "Laporan tindak lanjut"],
        ),
        ("1 . Materi\n2 . Dokumentasi\n3. Daftar hadir", ["Materi", "Dokumentasi", "Daftar hadir"]),
        ("SK CPNS 2024 . Daftar hadir", ["SK CPNS 2024 . Daftar hadir"]),
        # Probe 25's scan: every stop lost; not a count starting wrapped lines.
        ("1 Notulen rapat\n2 Laporan kemajuan", ["Notulen rapat", "Laporan kemajuan"]),
        ("Rapat koordinasi\n2 Laporan kemajuan", ["Rapat koordinasi 2 Laporan kemajuan"]),
        ("1 Notulen rapat\n3 Laporan kemajuan", ["1 Notulen rapat 3 Laporan kemajuan"]),
        ("", []),
    ],
)
def test_split_list(cell: str, items: list[str]) -> None:
    assert split_list(cell) == items


def test_join_lines_keeps_real_hyphens() -> None:
    assert join_lines(["Peraturan Perundang-", "Undangan"]) == "Peraturan Perundang-Undangan"
    assert join_lines(["Januari -", "Desember 2025"]) == "Januari - Desember 2025"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["17.785.", "400"], "17.785.400"),
        (["135.380.43", "5"], "135.380.435"),
        (["0,25", "%"], "0,25%"),
        (["33,8", "6"], "33,86"),
        (["0,7", "3%"], "0,73%"),
        (["Rp 1.250,5", "0"], "Rp 1.250,50"),
        (["33,86", "7"], "33,86 7"),
        (["2,5", "10"], "2,5 10"),
        (["Rp 1.601.", "304"], "Rp 1.601.304"),
        (["Tahun 2025.", "12"], "Tahun 2025. 12"),
        (["Pasal 3", "ayat 2"], "Pasal 3 ayat 2"),
        (["nilai 5.000,", "10.000"], "nilai 5.000, 10.000"),
        (["1.", "2."], "1. 2."),
    ],
)
def test_join_lines_mends_numbers_broken_by_the_cell_width(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


@given(st.text())
def test_fold_is_idempotent_and_single_line(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert "\n" not in once and "  " not in once


@given(st.text())
def test_split_list_never_raises_and_gives_clean_items(text: str) -> None:
    for item in split_list(text):
        assert item and item == item.strip() and "\n" not in item


@pytest.mark.parametrize(
    ("read", "cleaned"),
    [
        ("(Seluruh kegiatan pembangunan", "Seluruh kegiatan pembangunan"),
        ("yang dituangkan _ dalam bentuk", "yang dituangkan dalam bentuk"),
        ("Pemantauan dan evaluasi — pembangunan", "Pemantauan dan evaluasi pembangunan"),
        ("Januari – Desember 2025", "Januari – Desember 2025"),
        ("Persentase (%) penandatanganan", "Persentase (%) penandatanganan"),
        ("(PK, RKT) dokumen", "(PK, RKT) dokumen"),
        ("Undangan dan daftar\n(hadir rapat", "Undangan dan daftar\nhadir rapat"),
        ("Rapat koordinasi\n(PK, RKT) dan", "Rapat koordinasi\n(PK, RKT) dan"),
        ("Rapat koordinasi\n(PK,\nRKT) dan", "Rapat koordinasi\n(PK,\nRKT) dan"),
        ("(Melakukan analisis (TNA) bagi", "Melakukan analisis (TNA) bagi"),
        ("(Melakukan analisis (TNA)) bagi", "(Melakukan analisis (TNA)) bagi"),
        ("Kolom 1 =", "Kolom 1 ="),
        ("Rapat == koordinasi", "Rapat koordinasi"),
        ("80.065.236.000 \\", "80.065.236.000"),
        ("IMenerapkan budaya kerja", "Menerapkan budaya kerja"),
        ("Kepala Kantor\nlSubbagian Umum", "Kepala Kantor\nSubbagian Umum"),
        ("ISO 9001 dan IKM", "ISO 9001 dan IKM"),
        ("Ilham dan Irfan", "Ilham dan Irfan"),
        ("IPv6 dan IoT", "IPv6 dan IoT"),
        ("J1. Laporan SKM\n2. Publikasi", "1. Laporan SKM\n2. Publikasi"),
        ("ITim Pembangunan ZI", "Tim Pembangunan ZI"),
        ("I2) Notulen", "2) Notulen"),
        # Probe 27 scan-ocr: the rule read as a closing brace before a list's first label.
        ("}1. Register risiko\n2. Rencana tindak", "1. Register risiko\n2. Rencana tindak"),
        ("]Laporan kegiatan", "Laporan kegiatan"),
        ("penghargaan dll\n} dan lainnya", "penghargaan dll\n} dan lainnya"),
        ("K3. Keselamatan kerja", "K3. Keselamatan kerja"),
        # A dash ending a line before a capitalised one (probes 8, 9): debris, unless a
        # range may go on from the word before it.
        ("Sistem Pemerintahan —\nBerbasis Elektronik", "Sistem Pemerintahan\nBerbasis Elektronik"),
        ("Pemantauan —_ dan Evaluasi", "Pemantauan dan Evaluasi"),
        ("Januari –\nDesember 2026", "Januari –\nDesember 2026"),
        ("pukul 08.00 —\n16.00", "pukul 08.00 —\n16.00"),
        ("Triwulan I –\nTriwulan IV", "Triwulan I –\nTriwulan IV"),
        ("Senin —\nJumat", "Senin —\nJumat"),
        # Probe 12 scan-ocr: an underscore glued to a word, and a '1' glued to a year
        # wrapped after its month; a number after any other word is kept.
        ("_Mereviu dan memutakhirkan", "Mereviu dan memutakhirkan"),
        ("Juli dan Desember\n12026", "Juli dan Desember\n2026"),
        ("sebanyak\n12026 berkas", "sebanyak\n12026 berkas"),
        # Probe 9 scan-ocr: the rule read as '(' before a list's first 'N)' label; a list
        # printing '(N)' keeps its brackets.
        ("(1) Agen ditetapkan; 2) Role model", "1) Agen ditetapkan; 2) Role model"),
        ("(1) Agen ditetapkan; (2) Role model", "(1) Agen ditetapkan; (2) Role model"),
        # Probe 17 scan-ocr: the rule after a NO cell's number read as a lone '('; a
        # bracket some later word closes stays.
        ("1. (", "1."),
        ("Rapat ( lihat )", "Rapat ( lihat )"),
        # Probes 22, 23 scan-ocr: the rule read as '(' glued to a word a text layer ran
        # into the line before, and underscores glued to a word's end.
        ("Kepala (Pelaksana BPBD", "Kepala Pelaksana BPBD"),
        ("laporan per (bidang dan", "laporan per bidang dan"),
        ("Kepala (Pelaksana (BPBD)", "Kepala Pelaksana (BPBD)"),
        # ... but not a bracket before a number or an acronym, whose closer OCR misread
        (
            "ayat (2) sebagai berikut: 1). Baik; 2). Cukup",
            "ayat (2) sebagai berikut: 1). Baik; 2). Cukup",
        ),
        ("Kerja Evaluasi (LKE telah", "Kerja Evaluasi (LKE telah"),
        ("PENATAAN TATALAKSANA (5!", "PENATAAN TATALAKSANA (5!"),
        (
            "pemberian reward (pengembangan karir, penghargaan dll}.",
            "pemberian reward (pengembangan karir, penghargaan dll}.",
        ),
        ("bersama__ perwakilan", "bersama perwakilan"),
        ("Nama_Kegiatan", "Nama_Kegiatan"),
    ],
)
def test_rule_debris_is_stripped_from_ocr_text(read: str, cleaned: str) -> None:
    from normalize.repair_cells import strip_rule_debris

    assert strip_rule_debris(read)[0] == cleaned


@pytest.mark.parametrize(
    ("read", "single"),
    [
        ("Cc", "C"),
        (" Oo. ", "O."),
        ("Ss)", "S)"),
        ("CC", None),
        ("Aa", None),
        ("Cc dan", None),
        ("Vv", None),  # a check mark, read as a tick by the month grid
    ],
)
def test_a_capital_read_twice_in_two_cases_is_one_letter(read: str, single: str | None) -> None:
    from normalize.repair_cells import undouble_letter

    assert undouble_letter(read) == single


@pytest.mark.parametrize(
    ("read", "cleaned", "dropped"),
    [
        (
            "PEREMPUAN DAN. PERLINDUNGAN ANAK",
            "PEREMPUAN DAN PERLINDUNGAN ANAK",
            [("DAN.", "DAN")],
        ),
        ("monitoring dan. evaluasi", "monitoring dan evaluasi", [("dan.", "dan")]),
        ("laporan atau .\nrekapitulasi", "laporan atau\nrekapitulasi", [("atau .", "atau")]),
        ("Perempuan Serta. Anak", "Perempuan Serta Anak", [("Serta.", "Serta")]),
        # A stop ending the cell, or a sentence-like capital after a lower-case connector,
        # or a number after it, may be printed: kept.
        ("Undangan, daftar hadir dan.", "Undangan, daftar hadir dan.", []),
        ("rapat dan. Kegiatan lain", "rapat dan. Kegiatan lain", []),
        ("PEREMPUAN DAN. 2025", "PEREMPUAN DAN. 2025", []),
        ("Sudan. lain", "Sudan. lain", []),
    ],
)
def test_a_stop_after_a_connector_the_text_goes_on_from_is_dust(
    read: str, cleaned: str, dropped: list[tuple[str, str]]
) -> None:
    from normalize.repair_cells import drop_dust_stops

    assert drop_dust_stops(read) == (cleaned, dropped)


def test_dust_stops_are_dropped_on_ocr_pages_only_and_recorded() -> None:
    from normalize.grid import CellEdit
    from normalize.repair_cells import repair_rows
    from normalize.vocabulary import build_vocabulary

    row = GridRow(
        cells=("1", "DINAS PEMBERDAYAAN PEREMPUAN DAN. PERLINDUNGAN ANAK"),
        covered=(False, False),
        spans=(1, 1),
        pages=(4,),
        bboxes=((0.0, 0.0, 100.0, 20.0),),
    )
    vocab = build_vocabulary()
    (scanned,), _ = repair_rows([row], frozenset({4}), vocab)
    assert scanned.cells[1] == "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK"
    assert CellEdit(1, "ocr_noise", "DAN.", "DAN") in scanned.edits
    (native,), _ = repair_rows([row], frozenset(), vocab)
    assert native is row


def test_a_lone_stroke_after_a_counting_word_is_a_capital_i_and_elsewhere_a_rule() -> None:
    """Probes 16, 18 and 20 (DejaVu Sans): tesseract reads a capital I, one stroke, as '|';
    after a word that counts in Roman numerals it is the numeral, elsewhere a rule's mark."""
    from normalize.grid import CellEdit
    from normalize.repair_cells import repair_rows
    from normalize.vocabulary import build_vocabulary

    row = GridRow(
        cells=("Laporan hasil SKM semester | dan II", "Semester | 2026", "Laporan organisasi |"),
        covered=(False, False, False),
        spans=(1, 1, 1),
        pages=(4,),
        bboxes=((0.0, 0.0, 100.0, 20.0),),
    )
    (scanned,), _ = repair_rows([row], frozenset({4}), build_vocabulary())
    assert scanned.cells == (
        "Laporan hasil SKM semester I dan II",
        "Semester I 2026",
        "Laporan organisasi",
    )
    assert CellEdit(1, "ocr_confusion", "|", "I") in scanned.edits


@pytest.mark.parametrize(
    ("read", "code"), [("Il PENATAAN TATA LAKSANA", "II"), ("lII SDM", "III"), ("1 Manajemen", "1")]
)
def test_roman_section_codes_read_with_l_or_1(read: str, code: str) -> None:
    assert split_code(read)[0] == code


def test_formula_column_numbers_end_a_title_case_header() -> None:
    table = _table(
        [
            ["No.", "Nama Desa", "Pagu", "Jumlah"],
            ["(1)", "(2)", "(3)", "(4) = (3) + (2)"],
            ["1", "Bonemarawa", "10", "12"],
        ]
    )
    header = find_header(table, THRESHOLD)
    assert header is not None and header.rows == 2 and header.numbering_row
    assert header.printed == ("No.", "Nama Desa", "Pagu", "Jumlah")


def test_a_blank_ruled_column_joins_its_neighbour() -> None:
    table = _table([["NO", "URAIAN", "", "NILAI"], ["1", "Pagu", "", "10"], ["2", "Sisa", "", "4"]])
    header = find_header(table, THRESHOLD)
    assert header is not None
    assert header.groups == ((0,), (1, 2), (3,))


def test_a_section_row_is_no_header() -> None:
    table = _table([["XIII", "KECAMATAN BALAESANG", "", "", ""], ["1", "Desa", "x", "y", "z"]])
    assert find_header(table, THRESHOLD) is None


def _page(number: int, lines: list[tuple[str, tuple[float, float, float, float], bool]]) -> RawPage:
    return RawPage(
        number=number,
        width=100.0,
        height=100.0,
        orientation="portrait",
        text_layer="native",
        lines=tuple(TextLine(text=t, bbox=b, bold=bold) for t, b, bold in lines),
    )


def test_bold_title_case_labels_are_a_header() -> None:
    table = _table([["Kontrol", "Nilai"], ["Pagu", "80"], ["Sisa", "6"]])
    bold_first = _page(1, [("Kontrol", (1, 1, 9, 9), True), ("Pagu", (1, 11, 9, 19), False)])
    all_plain = _page(1, [("Kontrol", (1, 1, 9, 9), False), ("Pagu", (1, 11, 9, 19), False)])
    (emphasised,) = stitch_tables((table,), {1: bold_first}, THRESHOLD)
    (plain,) = stitch_tables((table,), {1: all_plain}, THRESHOLD)
    assert emphasised.header is not None and emphasised.header.printed == ("Kontrol", "Nilai")
    assert len(emphasised.rows) == 2
    assert plain.header is None and len(plain.rows) == 3


def test_shaded_title_case_labels_are_a_header() -> None:
    plain = _table([["SYARAT", "Menuju WBK"], ["Tingkat instansi", "Opini WTP"], ["Unit", "x"]])
    shaded = plain.model_copy(
        update={"cells": tuple(c.model_copy(update={"shaded": c.row == 0}) for c in plain.cells)}
    )
    (found,) = stitch_tables((shaded,), {}, THRESHOLD)
    (missed,) = stitch_tables((plain,), {}, THRESHOLD)
    assert found.header is not None and found.header.printed == ("SYARAT", "Menuju WBK")
    assert missed.header is None


def test_a_caption_between_grids_starts_a_new_table() -> None:
    first = _table([["NO", "NAMA", "NILAI"], ["1", "a", "2"]])
    second = _table([["2", "b", "3"]]).model_copy(update={"page": 2})
    quiet = {1: _page(1, []), 2: _page(2, [])}
    captioned = {
        1: _page(1, []),
        2: _page(2, [("Tabel 2. Rekapitulasi", (0, -20, 60, -10), False)]),
    }
    assert len(stitch_tables((first, second), quiet, THRESHOLD)) == 1
    assert len(stitch_tables((first, second), captioned, THRESHOLD)) == 2


def test_a_repeated_header_continues_a_table_ruled_differently() -> None:
    first = _table([["Penilaian", "Bobot", "Nilai"], ["Tim", "1", "2"]])
    second = _table(
        [["Penilaian", "", "Bobot", "Nilai"], ["Role", "model", "3", "4"]],
        {(0, 0): (1, 2)},
    ).model_copy(update={"page": 2})
    pages = {1: _page(1, []), 2: _page(2, [])}
    (logical,) = stitch_tables((first, second), pages, THRESHOLD)
    assert [row.cells for row in logical.rows] == [("Tim", "1", "2"), ("Role model", "3", "4")]


DOCUMENT_WORDS = word_counts(
    ["Jumlah Penduduk Miskin", "Rasio Jumlah", "Tata kelola Pemerintahan Desa", "di mana dimana"]
)


@pytest.mark.parametrize(
    ("text", "separator", "mended"),
    [
        ("Jumla\nh KK Miski\nn", "\n", "Jumlah KK Miskin"),
        ("Tata kelola Pemerinta\nhan Desa", "\n", "Tata kelola Pemerintahan Desa"),
        ("Rasi o IKG", " ", "Rasio IKG"),
        # Prose wrapped at a space, a capitalised next line, a word the document never
        # prints whole, a first piece that stands alone more often than the whole word.
        ("kegiatan\nyang", "\n", "kegiatan\nyang"),
        ("Jumla\nH", "\n", "Jumla\nH"),
        ("Agre\ngat", "\n", "Agre\ngat"),
        ("di\nmana di di", "\n", "di\nmana di di"),
    ],
)
def test_words_broken_by_a_narrow_cell_are_mended(text: str, separator: str, mended: str) -> None:
    counts = DOCUMENT_WORDS + word_counts([text])
    assert mend_breaks(text, counts, separator) == mended


def test_rows_a_record_number_spans_are_one_record() -> None:
    # A spreadsheet record: the number merged over thin sub-rows, one text line in each.
    table = _table(
        [
            ["22", "", "", ""],
            ["", "DINAS PENDIDIKAN", "IRAWAN, S.IP", "SEKRETARIS DAERAH"],
            ["", "", "NIP. 19750331", ""],
            ["", "", "Pembina Tk. I", ""],
            ["23", "DINAS KESEHATAN", "AMIR", "SEKDA"],
            ["Bidang", "Umum", "ALI", ""],
            ["", "", "BUDI", ""],
        ],
        {(0, 0): (4, 1), (1, 1): (2, 1), (5, 0): (2, 1)},
    )
    rows = join_records(tuple(grid_rows(table)))
    assert [row.cells for row in rows] == [
        (
            "22",
            "DINAS PENDIDIKAN",
            "IRAWAN, S.IP\nNIP. 19750331\nPembina Tk. I",
            "SEKRETARIS DAERAH",
        ),
        ("23", "DINAS KESEHATAN", "AMIR", "SEKDA"),
        ("Bidang", "Umum", "ALI", ""),
        ("", "", "BUDI", ""),
    ]
    assert rows[0].bboxes == ((0.0, 0.0, 40.0, 40.0),)
    assert {edit.kind for edit in rows[0].edits} == {"record_lines"}


def _notes_page(lines: list[tuple[str, float, float]], height: float = 10.0) -> RawPage:
    """A page whose lines are (text, left, top), each `height` high and 60 pt wide."""
    return _page(1, [(text, (x, y, x + 60, y + height), False) for text, x, y in lines])


def _notes_box(labels: str, notes: str) -> RawTable:
    return RawTable(
        page=1,
        index=0,
        bbox=(0, 0, 300, 200),
        n_rows=1,
        n_cols=2,
        source="image",
        cells=(
            RawCell(row=0, col=0, text=labels, bbox=(0, 0, 80, 200)),
            RawCell(row=0, col=1, text=notes, bbox=(80, 0, 300, 200)),
        ),
    )


def test_an_unruled_box_of_labelled_notes_is_split_at_its_labels() -> None:
    page = _notes_page(
        [
            ("Kolom 1 =", 5, 5),
            ("Cukup jelas.", 90, 5),
            ("Kolom 2 =", 5, 30),
            ("Diisi waktu", 90, 30),
            ("pelaksanaan.", 90, 42),
            ("Kolom 3 =", 5, 70),
            ("Diisi nama.", 90, 71),
        ]
    )
    box = _notes_box(
        "Kolom 1 =\nKolom 2 =\nKolom 3 =", "Cukup jelas.\nDiisi waktu\npelaksanaan.\nDiisi nama."
    )
    split = split_label_rows(box, page)
    assert split.n_rows == 3
    assert [[c.text for c in split.row_cells(r)] for r in range(3)] == [
        ["Kolom 1 =", "Cukup jelas."],
        ["Kolom 2 =", "Diisi waktu\npelaksanaan."],
        ["Kolom 3 =", "Diisi nama."],
    ]
    assert split.cell(1, 1).bbox == (80, 25.0, 300, 65.0)


def test_a_cell_of_lines_one_under_the_other_is_not_split() -> None:
    # The first column's lines follow each other as one wrapped text does; read by OCR,
    # a line is as high as its ink (7 pt) and the next starts 11.5 pt lower.
    page = _notes_page(
        [
            ("PERANCANG", 5, 5),
            ("Penyusun", 90, 5),
            ("PERATURAN", 5, 16.5),
            ("materi", 90, 16.5),
            ("AHLI", 5, 28),
            ("hukum", 90, 28),
        ],
        height=7.0,
    )
    box = _notes_box("PERANCANG\nPERATURAN\nAHLI", "Penyusun\nmateri\nhukum")
    assert split_label_rows(box, page) is box


def test_a_forms_placeholder_row_is_a_body_row_not_month_names() -> None:
    form = _table(
        [
            ["NO.", "URAIAN KEGIATAN", "JUMLAH ANGGARAN", "KETERANGAN"],
            ["(4)", "(5)", "(6)", "(7)"],
            ["TOTAL ANGGARAN", "", "(8)", ""],
        ],
        {(2, 0): (1, 2)},
    )
    header = find_header(form, THRESHOLD)
    assert header is not None and header.rows == 1
    assert header.printed == ("NO.", "URAIAN KEGIATAN", "JUMLAH ANGGARAN", "KETERANGAN")


def test_a_second_component_column_is_the_activity_else_the_indicator() -> None:
    table = _table(
        [["KOMPONEN", "KEGIATAN", "SASARAN", "OUTPUT"], ["1.1 Pembentukan Tim", "a", "b", "c"]]
    )
    header = find_header(table, THRESHOLD)
    assert header is not None
    assert header.fields == ("component.text", "activity", "indicator", "evidence")
    taken = find_header(
        _table([["KOMPONEN", "KEGIATAN", "INDIKATOR", "SASARAN"], ["1", "a", "b", "c"]]),
        THRESHOLD,
    )
    assert taken is not None
    assert taken.fields == ("component.text", "activity", "indicator", None)


def test_a_text_cell_ending_at_its_item_number_continues_on_the_next_page() -> None:
    previous = _row(["5.6", "Memastikan kepatuhan", "• Tanda terima", "Subbag"])
    top = _row(["Kepatuhan pelaporan", "wajib lapor", "", "Tata Usaha"], page=2)
    assert is_fragment(previous, top, (), gap=0.0)
    numbered = _row(["6", "Menyusun laporan", "• Laporan", "Subbag"], page=2)
    assert not is_fragment(_row(["5", "Memastikan", "• Tanda", "Subbag"]), numbered, (), 0.0)
    # In a column of numbers a number is the whole cell: a section row under it is new.
    section = _row(["VI PENINGKATAN KUALITAS PELAYANAN PUBLIK", "", "", ""], page=2)
    numbers = frozenset({0})
    assert not is_fragment(
        _row(["5", "Memastikan", "• Tanda", "Subbag"]), section, (), 0.0, number_cols=numbers
    )
    assert number_columns((_row(["5", "a"]), _row(["5.1.", "b"]), _row(["I TIGA", "c"]))) == numbers


def test_a_budget_with_numbers_and_remarks_is_no_action_plan() -> None:
    budget = find_header(
        _table([["NO.", "URAIAN KEGIATAN", "JUMLAH ANGGARAN", "KETERANGAN"], ["1", "a", "2", ""]]),
        THRESHOLD,
    )
    plan = find_header(
        _table([["NO", "LANGKAH AKSI", "BUKTI FISIK", "KET"], ["1", "a", "b", ""]]), THRESHOLD
    )
    assert budget is not None and not budget.is_action_plan
    assert plan is not None and plan.is_action_plan


def test_a_caption_across_the_grid_is_its_header() -> None:
    box = _table(
        [["Kontrol Penghitungan", ""], ["Pagu Alokasi", "80.065"], ["Jumlah Desa", "158"]],
        {(0, 0): (1, 2)},
    )
    header = find_header(box, THRESHOLD)
    assert header is not None and header.title_only and header.rows == 1
    assert header.printed == ("Kontrol Penghitungan", "Kontrol Penghitungan")
    (logical,) = stitch_tables((box,), {1: _page(1, [])}, THRESHOLD)
    assert [row.cells for row in logical.rows] == [
        ("Pagu Alokasi", "80.065"),
        ("Jumlah Desa", "158"),
    ]


def test_a_coded_section_row_across_the_grid_is_no_caption() -> None:
    coded = _table(
        [["II PENATAAN TATA LAKSANA", ""], ["Pagu", "80"], ["Sisa", "6"]], {(0, 0): (1, 2)}
    )
    labelled = _table([["REKAPITULASI", ""], ["NAMA", "NILAI"], ["Pagu", "80"]], {(0, 0): (1, 2)})
    header = find_header(coded, THRESHOLD)
    assert header is None or not header.title_only
    assert not (find_header(labelled, THRESHOLD) or Header(0, (), ())).title_only


def test_a_caption_on_the_next_page_continues_the_table_as_a_section_row() -> None:
    first = _table([["NO", "NAMA", "NILAI"], ["1", "a", "2"]])
    second = _table([["Kecamatan Sojol", "", ""], ["2", "b", "3"]], {(0, 0): (1, 3)}).model_copy(
        update={"page": 2}
    )
    (logical,) = stitch_tables((first, second), {1: _page(1, []), 2: _page(2, [])}, THRESHOLD)
    assert [row.cells for row in logical.rows] == [
        ("1", "a", "2"),
        ("Kecamatan Sojol", "", ""),
        ("2", "b", "3"),
    ]


def _ruled(page: int, xs: list[float], rows: list[list[str]], spans: dict[int, int]) -> RawTable:
    """A one-page grid with column borders `xs` and, per row, cell texts; `spans` maps a
    column of every row to its col_span."""
    cells = []
    n_cols = len(xs) - 1
    for r, texts in enumerate(rows):
        covered_by: dict[int, int] = {}
        for c, span in spans.items():
            covered_by.update({k: c for k in range(c + 1, c + span)})
        for c in range(n_cols):
            box = (xs[c], r * 10.0, xs[c + 1], r * 10.0 + 10)
            if c in covered_by:
                cells.append(
                    RawCell(row=r, col=c, covered=True, anchor=(r, covered_by[c]), bbox=box)
                )
            else:
                span = spans.get(c, 1)
                full = (xs[c], r * 10.0, xs[c + span], r * 10.0 + 10)
                cells.append(RawCell(row=r, col=c, text=texts[c], col_span=span, bbox=full))
    return RawTable(
        page=page,
        index=0,
        bbox=(xs[0], 0.0, xs[-1], 10.0 * len(rows)),
        n_rows=len(rows),
        n_cols=n_cols,
        source="image",
        cells=tuple(cells),
    )


def test_a_last_row_ruled_with_fewer_columns_continues_the_table() -> None:
    # Page 2 is a photograph at another scale: its borders are at the same shares of the
    # table's width, give or take a little, but at other points.
    first = _ruled(
        1, [0, 10, 50, 70, 100], [["NO", "NAMA", "PAGU", "SISA"], ["1", "a", "2", "3"]], {}
    )
    total = _ruled(2, [20, 102, 141, 180], [["Total", "20", "30"]], {})
    (logical,) = stitch_tables((first, total), {1: _page(1, []), 2: _page(2, [])}, THRESHOLD)
    assert logical.pages == (1, 2)
    last = logical.rows[-1]
    assert last.cells == ("Total", "", "20", "30")
    assert last.spans == (2, 0, 1, 1)


def test_a_grid_whose_borders_are_elsewhere_starts_a_table() -> None:
    first = _ruled(
        1, [0, 10, 50, 70, 100], [["NO", "NAMA", "PAGU", "SISA"], ["1", "a", "2", "3"]], {}
    )
    other = _ruled(2, [0, 30, 100], [["x", "y"]], {})
    assert column_map(other, first) is None
    assert len(stitch_tables((first, other), {1: _page(1, []), 2: _page(2, [])}, THRESHOLD)) == 2


def test_a_page_after_one_at_other_column_widths_is_matched_to_the_pages_before() -> None:
    # Page 2 is the same sheet pasted in at other column widths; page 3, ruled with fewer
    # columns, has its borders where page 1 has them, not where page 2 has.
    first = _ruled(1, [0, 10, 50, 70, 100], [["1", "a", "2", "3"]], {})
    other_widths = _ruled(2, [0, 10, 35, 60, 100], [["2", "b", "4", "5"]], {})
    coarser = _ruled(3, [0, 10, 70, 100], [["3", "c", "6"]], {})
    assert column_map(coarser, other_widths) is None
    assert column_map(coarser, first) == (0, 1, 3, 4)
    pages = {n: _page(n, []) for n in (1, 2, 3)}
    (logical,) = stitch_tables((first, other_widths, coarser), pages, THRESHOLD)
    assert logical.pages == (1, 2, 3)
    assert logical.rows[-1].cells == ("3", "c", "", "6")
    assert logical.rows[-1].spans == (1, 2, 0, 1)


_EIGHT = [0.0, 10, 20, 30, 40, 60, 70, 80, 100]


def _numbered(page: int, xs: list[float]) -> RawTable:
    """A grid of two body rows over columns `xs`, its cells numbered by page, row, column."""
    n_cols = len(xs) - 1
    rows = [[f"{page}.{r}.{c}" for c in range(n_cols)] for r in range(2)]
    return _ruled(page, xs, rows, {})


def test_pages_each_ruling_a_stray_border_continue_the_table_in_the_borders_of_both() -> None:
    # PermenPANRB 52/2014 pp. 42-43: a shaded total row rules stray borders in the Nilai
    # and Keterangan columns on p. 42, a shaded band one in the % column on p. 43.
    first = _numbered(1, [*_EIGHT[:6], 65, *_EIGHT[6:8], 90, 100])
    second = _numbered(2, [*_EIGHT[:7], 75, *_EIGHT[7:]])
    assert column_map(second, first) is None and column_map(first, second) is None
    joint = joint_columns(first, second)
    assert joint is not None
    assert [round(s * 100) for s in joint.shares] == [
        *(0, 10, 20, 30, 40, 60, 65, 70, 75, 80, 90, 100)
    ]
    assert joint.first == (0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11)
    assert joint.second == (0, 1, 2, 3, 4, 5, 7, 8, 9, 11)
    (logical,) = stitch_tables((first, second), {n: _page(n, []) for n in (1, 2)}, THRESHOLD)
    assert logical.pages == (1, 2)
    assert len(logical.rows) == 4
    assert logical.rows[0].cells == tuple(
        "1.0.0 1.0.1 1.0.2 1.0.3 1.0.4 1.0.5 1.0.6 1.0.7 - 1.0.8 1.0.9".replace("-", "").split(" ")
    )
    assert logical.rows[0].spans == (1, 1, 1, 1, 1, 1, 1, 2, 0, 1, 1)
    assert logical.rows[2].cells == tuple(
        "2.0.0 2.0.1 2.0.2 2.0.3 2.0.4 2.0.5 - 2.0.6 2.0.7 2.0.8 -".replace("-", "").split(" ")
    )
    assert logical.rows[2].spans == (1, 1, 1, 1, 1, 2, 0, 1, 1, 2, 0)


def test_a_grid_with_many_borders_of_its_own_is_not_joined() -> None:
    first = _numbered(1, _EIGHT)
    second = _numbered(2, [0.0, 15, 25, 35, 40, 60, 65, 70, 80, 100])
    assert joint_columns(first, second) is None
    assert len(stitch_tables((first, second), {n: _page(n, []) for n in (1, 2)}, THRESHOLD)) == 2


def test_grids_of_as_many_columns_are_read_column_by_column_not_joined() -> None:
    first = _numbered(1, _EIGHT)
    second = _numbered(2, [0.0, 10, 20, 30, 40, 60, 65, 70, 100])
    (logical,) = stitch_tables((first, second), {n: _page(n, []) for n in (1, 2)}, THRESHOLD)
    assert {len(row.cells) for row in logical.rows} == {8}
    assert logical.rows[2].cells[-1] == "2.0.7"


def test_spread_keeps_a_cells_span_over_the_finer_columns() -> None:
    fine = _ruled(1, [0, 10, 50, 70, 100], [["a", "b", "c", "d"]], {})
    coarse = _ruled(2, [0, 50, 100], [["Jumlah", "9"]], {})
    mapped = column_map(coarse, fine)
    assert mapped == (0, 2, 4)
    spread_out = spread(coarse, shares(fine), mapped)
    assert spread_out.n_cols == 4
    assert [(c.text, c.col_span, c.covered, c.anchor) for c in spread_out.row_cells(0)] == [
        ("Jumlah", 2, False, None),
        ("", 1, True, (0, 0)),
        ("9", 2, False, None),
        ("", 1, True, (0, 2)),
    ]


def _legend(labels: list[str], page: int = 25) -> tuple[GridRow, ...]:
    """A legend's rows: a numbered label and its explanation."""
    return tuple(_row([label, "Cukup jelas."], page=page) for label in labels)


def test_a_labels_equals_sign_read_as_a_dash_is_restored() -> None:
    # Perbup Donggala 4/2025 p. 27: 'Kolom 1 -', 'Kolom 7 -' among 'Kolom N =' labels.
    read = ["Kolom 1 -", "Kolom 2 =", "Kolom 3 =", "Kolom 4 =", "Kolom 5 =", "Kolom 7 —", "Kolom 8"]
    assert label_mark(read) == "="
    rows = restore_label_marks(_legend(read), frozenset({25}))
    assert [row.cells[0] for row in rows] == [
        "Kolom 1 =",
        "Kolom 2 =",
        "Kolom 3 =",
        "Kolom 4 =",
        "Kolom 5 =",
        "Kolom 7 =",
        "Kolom 8 =",
    ]
    assert rows[0].edits == (CellEdit(0, "ocr_label_mark", "Kolom 1 -", "Kolom 1 ="),)
    assert rows[1].edits == ()
    assert rows[5].edits == (CellEdit(0, "ocr_label_mark", "Kolom 7 —", "Kolom 7 ="),)


@pytest.mark.parametrize(
    "labels",
    [
        # Too few labels agree on a mark; no mark is most of them.
        ["Kolom 1 -", "Kolom 2 =", "Kolom 3 ="],
        ["Kolom 1 -", "Kolom 2 -", "Kolom 3 =", "Kolom 4 =", "Kolom 5 =", "Kolom 6 -"],
        # A dash shared by most labels is the document's own mark.
        ["Kolom 1 -", "Kolom 2 -", "Kolom 3 -", "Kolom 4 ="],
        # Labels with different words, or a cell that is no label.
        ["Kolom 1 -", "Kolom 2 =", "Baris 3 =", "Kolom 4 ="],
        ["Kolom 1 -", "Kolom 2 =", "Kolom 3 =", "Kolom 4 =", "Lihat Pasal 4 = 5"],
    ],
)
def test_a_column_without_a_shared_label_mark_is_left_alone(labels: list[str]) -> None:
    assert label_mark(labels) is None
    rows = _legend(labels)
    assert restore_label_marks(rows, frozenset({25})) == rows


def test_label_marks_keep_other_marks_and_native_text() -> None:
    read = ["Kolom 1 -", "Kolom 2 =", "Kolom 3 =", "Kolom 4 =", "Kolom 5 :"]
    restored = restore_label_marks(_legend(read), frozenset({25}))
    assert [row.cells[0] for row in restored][::4] == ["Kolom 1 =", "Kolom 5 :"]
    native = _legend(read, page=3)
    assert restore_label_marks(native, frozenset({25})) == native


def test_a_page_ruling_a_column_in_two_continues_the_table_in_the_finer_columns() -> None:
    # PermenPANRB 52/2014 pp. 26-27: the next page rules a narrow label column in two;
    # every border of the page before is one of its borders.
    first = _ruled(1, [0, 10, 50, 100], [["A.", "PROSES", "60"], ["1", "Tim", "5,0"]], {})
    finer = _ruled(2, [0, 5, 10, 50, 100], [["", "b.", "Monitoring", "1,0"]], {})
    assert column_map(first, finer) == (0, 2, 3, 4)
    (logical,) = stitch_tables((first, finer), {1: _page(1, []), 2: _page(2, [])}, THRESHOLD)
    assert logical.pages == (1, 2)
    assert [row.cells for row in logical.rows] == [
        ("A.", "", "PROSES", "60"),
        ("1", "", "Tim", "5,0"),
        ("", "b.", "Monitoring", "1,0"),
    ]
    assert logical.rows[0].spans == (2, 0, 1, 1)


def test_a_finer_page_whose_borders_miss_one_of_the_table_starts_a_table() -> None:
    first = _ruled(1, [0, 10, 50, 100], [["A.", "PROSES", "60"], ["1", "Tim", "5,0"]], {})
    # The page before's border at 50 is at no border of this page (30, 70).
    other = _ruled(2, [0, 5, 10, 30, 70, 100], [["", "b.", "x", "y", "z"]], {})
    assert column_map(first, other) is None
    pages = {1: _page(1, []), 2: _page(2, [])}
    assert len(stitch_tables((first, other), pages, THRESHOLD)) == 2


def test_a_header_over_a_column_ruled_in_two_on_the_next_page_keeps_naming_it() -> None:
    first = _ruled(1, [0, 10, 50, 100], [["NO", "URAIAN", "JUMLAH"], ["1", "Belanja", "5"]], {})
    finer = _ruled(2, [0, 5, 10, 50, 100], [["2", "a", "Gaji", "7"]], {})
    (logical,) = stitch_tables((first, finer), {1: _page(1, []), 2: _page(2, [])}, THRESHOLD)
    assert logical.header is not None
    assert logical.header.printed == ("NO", "URAIAN", "JUMLAH")
    assert logical.header.groups == ((0, 1), (2,), (3,))
    assert [row.cells for row in logical.rows] == [("1", "Belanja", "5"), ("2 a", "Gaji", "7")]


_SIX = [0.0, 10, 30, 50, 70, 90, 100]
_CLEAN = ["NO", "AREA PERUBAHAN", "RENCANA AKSI", "INDIKATOR", "BUKTI DUKUNG", "PIC"]


def _plan_page(page: int, labels: list[str], xs: list[float] = _SIX) -> RawTable:
    """A page of an action plan over columns `xs`: a header of `labels`, one body row."""
    body = ["I" if page == 1 else "", f"Area {page}", f"aksi {page}", f"ind {page}", "SK", "Setda"]
    return _ruled(page, xs, [labels, body], {})


def test_a_header_ocr_garbled_differently_on_each_page_continues_the_table() -> None:
    # The ocrmypdf layer of a scan read some labels of each page's header as noise
    # ('Na aa', 'can'), and the two lines of a label bottom line first on a skewed page.
    grids = (
        _plan_page(1, ["NO", "AREA PERUBAHAN", "Na aa", "INDIKATOR", "BUKTI ae", "can"]),
        _plan_page(2, ["NO", "PERUBAHAN AREA", "RENCANA AKSI", "INDIKATOR", "atl", "PIC"]),
        _plan_page(3, ["NO", "AREA PERUBAHAN", "Ree A AKSI", "INDIKATOR", "BUKTI DUKUNG", "ins"]),
    )
    (logical,) = stitch_tables(grids, {n: _page(n, []) for n in (1, 2, 3)}, THRESHOLD)
    assert logical.pages == (1, 2, 3)
    assert [row.cells[1] for row in logical.rows] == ["Area 1", "Area 2", "Area 3"]
    # Each column is named by the pages whose label reads as a field.
    assert logical.header is not None
    assert logical.header.printed == tuple(_CLEAN)
    assert logical.header.fields == (
        *("area.code", "area.name", "activity", "indicator", "evidence", "responsible"),
    )


@pytest.mark.parametrize(
    ("labels", "xs"),
    [
        # A label naming another field than the pages before name there.
        (["NO", "AREA PERUBAHAN", "RENCANA AKSI", "INDIKATOR", "BUKTI DUKUNG", "KET"], _SIX),
        # Fewer than half the labels read as the pages before.
        (["NO", "NAMA", "JABATAN", "UNIT", "ALAMAT", "PIC"], _SIX),
        # Labels garbled as on the page of a continued table, on a grid ruled elsewhere.
        (
            ["NO", "AREA PERUBAHAN", "Na aa", "INDIKATOR", "BUKTI ae", "can"],
            [0, 20, 40, 50, 70, 90, 100],
        ),
    ],
)
def test_a_header_that_does_not_read_as_the_one_before_starts_a_table(
    labels: list[str], xs: list[float]
) -> None:
    grids = (_plan_page(1, _CLEAN), _plan_page(2, labels, xs))
    assert len(stitch_tables(grids, {n: _page(n, []) for n in (1, 2)}, THRESHOLD)) == 2


def test_a_voted_label_is_the_first_pages_when_it_names_the_field_else_the_most_read() -> None:
    def copy(labels: tuple[str, ...]) -> Header:
        return Header(1, labels, tuple(field_of(t, THRESHOLD) for t in labels))

    copies = [
        copy(("KETERANGAN", "Na aa", "Ree A", "xx")),
        copy(("KET", "RENCANA AKS", "BUKTI DUKUNG", "yy")),
        copy(("KET", "RENCANA AKSI", "BUKTI DUKUNG.", "zz")),
        copy(("KET", "RENCANA AKSI", "ae", "ww")),
    ]
    voted = vote_header(copies, THRESHOLD)
    assert voted.printed == ("KETERANGAN", "RENCANA AKSI", "BUKTI DUKUNG", "xx")
    assert voted.fields == ("note", "activity", "evidence", None)
    assert vote_header(copies[:1], THRESHOLD) is copies[0]


def test_a_plan_column_naming_no_field_keeps_its_text_in_extra_and_is_warned_about() -> None:
    labels = ["NO", "INDIKATOR", "RENCANA AKSI", "ANGGARAN (Rp)", "Na aa"]
    filled = _table([labels, ["1", "Tim dibentuk", "Membentuk tim", "5.000.000", "Rutin"]])
    empty = _table([labels, ["1", "Tim dibentuk", "Membentuk tim", "", ""]])
    page = _page(1, [])

    def document(table: RawTable) -> Decree:
        raw = RawDocument(file="x.pdf", sha256="0" * 64, pages=(page,), tables=(table,))
        return normalize_document(raw, NormalizeSettings())

    def warnings(table: RawTable) -> list[tuple[str, str, int | None]]:
        return [(w.code, w.message, w.page) for w in document(table).warnings]

    assert warnings(filled) == [
        (
            "unmapped_column",
            f"Column {n} ('{label}') of table 1 names no field of an action plan: "
            "its text is kept in each row's 'extra'.",
            1,
        )
        for n, label in ((4, "ANGGARAN (Rp)"), (5, "Na aa"))
    ]
    assert [c.model_dump() for c in document(filled).tables[0].rows[0].extra] == [
        {"column": 4, "header": "ANGGARAN (Rp)", "text": "5.000.000"},
        {"column": 5, "header": "Na aa", "text": "Rutin"},
    ]
    assert warnings(empty) == []
    assert document(empty).tables[0].rows[0].extra == []


def test_a_section_code_between_two_that_leave_one_value_is_put_back() -> None:
    # The 2025 seed's scan reads 'III PENATAAN SISTEM MANAJEMEN SDM' as 'II ...'.
    assert implied_codes(["I", "II", "II", "IV", "V"]) == [None, None, "III", None, None]
    assert implied_codes(["1", "2", "7", "4"]) == [None, None, "3", None]
    # The first and the last section row: the two beside them leave one value.
    assert implied_codes(["V", "II", "III"]) == ["I", None, None]
    assert implied_codes(["I", "II", "II"]) == [None, None, "III"]
    # A run of strokes OCR makes of a numeral counts as one.
    assert implied_codes(["I", "11", "III"]) == [None, "II", None]
    # The first section row's code lost outright (probe 29 scan: 'I' read as a rule mark).
    assert implied_codes([None, "II", "III"]) == ["I", None, None]


def test_section_codes_that_do_not_leave_one_value_are_kept() -> None:
    # Neighbours two apart from each other's +2, another level, another kind.
    assert implied_codes(["I", "II", "IV", "VI"]) == [None] * 4
    assert implied_codes(["I", "A", "III"]) == [None] * 3
    assert implied_codes(["1", "II", "3"]) == [None] * 3
    assert implied_codes(["I", None, "III"]) == [None] * 3
    assert implied_codes(["I", "II", None]) == [None] * 3
    assert implied_codes(["II", "III"]) == [None, None]
    assert implied_codes([]) == []


@given(st.integers(min_value=1, max_value=39))
def test_roman_numerals_read_back_as_their_value(value: int) -> None:
    assert code_value(roman(value)) == ("roman", value)
    assert roman_value(roman(value)) == value
    assert as_strokes(roman(value).replace("I", "l")) == roman(value)


def test_only_well_formed_roman_numerals_have_a_value() -> None:
    assert [roman_value(t) for t in ("IV", "XII", "XXXIX")] == [4, 12, 39]
    assert [roman_value(t) for t in ("IIII", "VX", "iv", "XL", "", "Il")] == [None] * 6
    assert as_strokes("XI1 |V l") == "XII IV I"


def test_a_section_code_is_put_back_on_ocr_pages_only() -> None:
    def section(text: str, page: int) -> GridRow:
        return GridRow(
            cells=(text, ""),
            covered=(False, False),
            spans=(2, 0),
            pages=(page,),
            bboxes=((0.0, 0.0, 100.0, 10.0),),
        )

    rows = (
        section("I. MANAJEMEN PERUBAHAN", 1),
        _row(["1", "Tim"], page=1),
        section("II. PENATAAN TATALAKSANA", 1),
        section("II. PENATAAN SISTEM MANAJEMEN SDM", 2),
        section("IV. PENGUATAN AKUNTABILITAS", 2),
    )
    restored = restore_section_codes(rows, frozenset({2}))
    assert restored[3].cells[0] == "III. PENATAAN SISTEM MANAJEMEN SDM"
    # a code OCR read as no code: the rule as a stroke, two strokes joined into a 'U'
    garbled = (*rows[:3], section("| UI. PENATAAN SISTEM MANAJEMEN SDM", 2), rows[4])
    assert restore_section_codes(garbled, frozenset({2}))[3].cells[0] == (
        "III. PENATAAN SISTEM MANAJEMEN SDM"
    )
    assert restore_section_codes(garbled, frozenset({1}))[3] == garbled[3]
    # Probe 14's scans: a code printed without a stop, read '| UI' or 'IIL'.
    for read in ("| UI PENATAAN SISTEM MANAJEMEN SDM", "IIL PENATAAN SISTEM MANAJEMEN SDM"):
        unstopped = (*rows[:3], section(read, 2), rows[4])
        assert restore_section_codes(unstopped, frozenset({2}))[3].cells[0] == (
            "III PENATAAN SISTEM MANAJEMEN SDM"
        ), read
    # The first section's code lost outright: put before its name.
    lost = (section("Manajemen Perubahan", 2), *rows[1:3], section("III. PENATAAN SDM", 2))
    assert [r.cells[0] for r in restore_section_codes(lost, frozenset({2}))][::2] == [
        "I Manajemen Perubahan",
        "II. PENATAAN TATALAKSANA",
    ]
    assert restore_section_codes(lost, frozenset({1}))[0] == lost[0]
    assert restored[3].edits == (
        CellEdit(
            0,
            "ocr_section_code",
            "II. PENATAAN SISTEM MANAJEMEN SDM",
            "III. PENATAAN SISTEM MANAJEMEN SDM",
        ),
    )
    assert [r for i, r in enumerate(restored) if i != 3] == [
        r for i, r in enumerate(rows) if i != 3
    ]
    assert restore_section_codes(rows, frozenset({1})) == rows


def test_a_list_whose_numbers_lost_some_marks_to_ocr_is_still_split() -> None:
    assert split_list("1 Undangan rapat\n2. Daftar Hadir\n3. Dokumentasi") == [
        "Undangan rapat",
        "Daftar Hadir",
        "Dokumentasi",
    ]
    assert split_list("1. Publikasi SOP di Website\n2, Dokumen Forum") == [
        "Publikasi SOP di Website",
        "Dokumen Forum",
    ]
    # Every mark lost, lines still numbered 1, 2 before capitals: a list (probe 25's scan;
    # this case was held no list before, decision 0025). A number not starting a line, or
    # a count before a lower-case word, is not one.
    assert split_list("1 BA Penetapan\n2 Dokumentasi") == ["BA Penetapan", "Dokumentasi"]
    assert split_list("Rapat sebanyak\n2 kali") == ["Rapat sebanyak 2 kali"]
    assert split_list("1. Rapat sebanyak 2 kali") == ["1. Rapat sebanyak 2 kali"]


def test_a_cells_left_rule_read_as_a_one_before_the_next_item_number_is_dropped() -> None:
    # Probe 10 scan-ocr: '2.' read as '12.' after '1.'.
    assert split_list("1. Daftar Informasi Publik\n12. Predikat Informatif") == [
        "Daftar Informasi Publik",
        "Predikat Informatif",
    ]
    # A list that goes on from one above, or counts past nine, is read as printed.
    assert split_list("11. Notulen rapat\n12. Daftar hadir") == [
        "11. Notulen rapat 12. Daftar hadir"
    ]
    ten = "\n".join(f"{n}. Butir {n}" for n in range(1, 12))
    assert split_list(ten) == [f"Butir {n}" for n in range(1, 12)]
    # ... also after two items whose labels read well (probe 17 scan-ocr), and a comma
    # read for the stop there.
    assert split_list("1. Laporan PMB\n2. Rekap seleksi\n13. Rekap pengaduan") == [
        "Laporan PMB",
        "Rekap seleksi",
        "Rekap pengaduan",
    ]
    assert split_list("1. Renja\n2. Perjanjian Kinerja\n3, Keputusan") == [
        "Renja",
        "Perjanjian Kinerja",
        "Keputusan",
    ]
    # The first label read as letters, the second without its stop (probe 25's scan).
    assert split_list("al Surat permohonan\n2 Berita acara\n3 Dokumentasi") == [
        "Surat permohonan",
        "Berita acara",
        "Dokumentasi",
    ]
    assert split_list("at Perjanjian Kinerja\n2. Notulen") == ["Perjanjian Kinerja", "Notulen"]
    # Without a second label it is the item's own word.
    assert split_list("al Quran dan\nHadis") == ["al Quran dan Hadis"]


@pytest.mark.parametrize(
    ("read", "repaired", "changes"),
    [
        # Probe 9 scan-ocr: a ';' between the items of an inline list read as ':'.
        (
            "1) Kriteria anggota tim ditetapkan: 2) Seluruh unit terwakili",
            "1) Kriteria anggota tim ditetapkan; 2) Seluruh unit terwakili",
            [("ditetapkan:", "ditetapkan;")],
        ),
        (
            "kantor: a. pemantauan harian, b. pengarsipan: c. pelaporan",
            "kantor: a. pemantauan harian, b. pengarsipan; c. pelaporan",
            [("pengarsipan:", "pengarsipan;")],
        ),
        # PermenPANRB 52/2014's LKE: the list's first label garbled ('&.'), its later
        # ones read; a second list of another style keeps its own count.
        (
            "&. Semua sesuai rencana: b. Sebagian sesuai rencana: c. Belum ada",
            "&. Semua sesuai rencana: b. Sebagian sesuai rencana; c. Belum ada",
            [("rencana:", "rencana;")],
        ),
        (
            "a. seluruh, b, sebagian besar c. sebagian: d. belum",
            "a. seluruh, b, sebagian besar c. sebagian; d. belum",
            [("sebagian:", "sebagian;")],
        ),
        (
            "1) rapat: a. apel: b. senam: 2) laporan",
            "1) rapat: a. apel; b. senam; 2) laporan",
            [("apel:", "apel;"), ("senam:", "senam;")],
        ),
        # Probe kpp-pratama's dictum: an item cites an earlier one before the next item.
        (
            "1) menyusun laporan; 2) menyampaikan laporan pada angka 1) kepada Kepala Kantor"
            " paling lambat tanggal 10 bulan berikutnya: dan 3) menyusun",
            "1) menyusun laporan; 2) menyampaikan laporan pada angka 1) kepada Kepala Kantor"
            " paling lambat tanggal 10 bulan berikutnya; dan 3) menyusun",
            [("berikutnya:", "berikutnya;")],
        ),
        # Commas part a list as printed; a colon before the first item leads into it;
        # a label out of sequence or of another style is no item of the list.
        ("1) Kriteria ditetapkan, 2) Seluruh unit", "1) Kriteria ditetapkan, 2) Seluruh unit", []),
        ("kegiatan: 1. rapat, 2. apel", "kegiatan: 1. rapat, 2. apel", []),
        ("pukul 10.00: 2. Peserta", "pukul 10.00: 2. Peserta", []),
        ("1) rapat: b. apel", "1) rapat: b. apel", []),
    ],
)
def test_inline_list_separators_read_as_colons_or_commas(
    read: str, repaired: str, changes: list[tuple[str, str]]
) -> None:
    from normalize.repair_cells import restore_list_semicolons

    assert restore_list_semicolons(read) == (repaired, changes)


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        # Probe 15 scan-ocr: a capital read in lower case at a cell's start.
        ("januari 2026", "Januari 2026"),
        ("penataan Sistem Manajemen SDM Aparatur", "Penataan Sistem Manajemen SDM Aparatur"),
        # A sentence an author starts in lower case, or a bound form, stays.
        ("dokumen perencanaan sudah ada", "dokumen perencanaan sudah ada"),
        ("adanya rencana Tindak Lanjut", "adanya rencana Tindak Lanjut"),
        ("e-Kinerja BKN", "e-Kinerja BKN"),
    ],
)
def test_a_capital_read_in_lower_case_at_a_cells_start(read: str, repaired: str) -> None:
    from normalize.repair_cells import restore_opening_capital

    assert restore_opening_capital(read)[0] == repaired


def test_a_page_top_row_keeps_its_lower_case_start_for_the_page_break_join() -> None:
    """Probe 15's scan: 'dengan TKPK Kabupaten' at a page top is the rest of 'Kolaborasi'
    above; capitalising it as a heading would make 'Kolaborasi Dengan TKPK Kabupaten'."""
    from normalize.repair_cells import repair_rows
    from normalize.vocabulary import build_vocabulary

    rows = [
        _row(["1", "penataan Sistem Manajemen SDM"], page=7),
        _row(["", "dengan TKPK Kabupaten"], page=8),
        _row(["2", "penataan Sistem Manajemen SDM"], page=8),
    ]
    repaired, _ = repair_rows(rows, frozenset({7, 8}), build_vocabulary())
    assert [r.cells[1] for r in repaired] == [
        "Penataan Sistem Manajemen SDM",
        "dengan TKPK Kabupaten",
        "Penataan Sistem Manajemen SDM",
    ]


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        # KPU Kudus 2022 scan: the first label's stop read as a comma.
        ("1, Data Mutasi 2. Data Promosi", "1. Data Mutasi 2. Data Promosi"),
        ("1. Rapat\n2, Notulen\n3. Foto", "1. Rapat\n2. Notulen\n3. Foto"),
        # A count or a number with no next label after it keeps its comma.
        ("sebanyak 2, 4. Laporan", "sebanyak 2, 4. Laporan"),
        ("rapat 1, 2 dan 3 kali", "rapat 1, 2 dan 3 kali"),
    ],
)
def test_a_list_numbers_stop_read_as_a_comma(read: str, repaired: str) -> None:
    from normalize.repair_cells import restore_label_stops

    assert restore_label_stops(read)[0] == repaired


@pytest.mark.parametrize(
    ("read", "cleaned"),
    [
        # Probes 9 and 10 scan-ocr: the cell's left rule read as 'J' on a line that goes on.
        (
            "Frekuensi kegiatan\nJinternalisasi budaya kerja",
            "Frekuensi kegiatan\ninternalisasi budaya kerja",
        ),
        ("paling lambat\nJakhir Februari", "paling lambat\nakhir Februari"),
        ("Budaya kerja\nJterinternalisasi", "Budaya kerja\nterinternalisasi"),
        # ... before a word of three letters (probe 14 scan-ocr: 'Berita acara' / 'Juji coba').
        ("Berita acara\nJuji coba integrasi", "Berita acara\nuji coba integrasi"),
        # Names stay: one that is a word, one whose rest is a bare dictionary form, and a
        # line that starts a sentence or the cell.
        ("dilaksanakan di\nJember", "dilaksanakan di\nJember"),
        ("disampaikan oleh\nJuanda", "disampaikan oleh\nJuanda"),
        ("Rapat selesai.\nJakhir", "Rapat selesai.\nJakhir"),
        ("Jakhir Februari", "Jakhir Februari"),
        # Probe 13 scan-ocr: before a listed acronym or system on any line; a listed
        # acronym that starts with the letter stays ('IPK').
        ("ISK Tim RB ditetapkan", "SK Tim RB ditetapkan"),
        ("Rekapitulasi SKP pada\nJe-Kinerja", "Rekapitulasi SKP pada\ne-Kinerja"),
        ("IPK pegawai", "IPK pegawai"),
        ("ISO 9001", "ISO 9001"),
        # Probes 9, 11, 20 and 25 scan-ocr: before the cell's first word, read in lower case.
        ("Itim Pembangunan ZI", "Tim Pembangunan ZI"),
        ("Iketua Tim Kerja ZI", "Ketua Tim Kerja ZI"),
        ("Linstalasi Humas dan Pemasaran", "Instalasi Humas dan Pemasaran"),
        ("Ispi", "SPI"),
        # ... but not before a name, a word, or a word further on.
        ("Iwan Setiawan", "Iwan Setiawan"),
        ("Lina dan Tim", "Lina dan Tim"),
        ("Ilmu Pemerintahan", "Ilmu Pemerintahan"),
        ("Rapat Itim", "Rapat Itim"),
    ],
)
def test_a_rule_stroke_before_a_lower_case_word_going_on_is_dropped(
    read: str, cleaned: str
) -> None:
    from normalize.repair_cells import drop_line_strokes
    from normalize.vocabulary import build_vocabulary

    assert drop_line_strokes(read, build_vocabulary())[0] == cleaned


def test_a_dropped_rule_stroke_is_reported_with_the_word_it_leaves() -> None:
    from normalize.repair_cells import drop_line_strokes
    from normalize.vocabulary import build_vocabulary

    vocab = build_vocabulary()
    assert drop_line_strokes("Ispi dan\nJinternalisasi", vocab)[1] == [
        ("Jinternalisasi", "internalisasi"),
        ("Ispi", "SPI"),
    ]


def _score_sheet(answers: list[str]) -> RawTable:
    """A score sheet: 'PENILAIAN' over two label sub-columns and the text, and one header
    cell read over the three answer columns (its borders lost on a dark band)."""
    rows = [
        ["Penilaian", "", "", "", "Pilihan Jawaban", "", "", "Keterangan"],
        ["A.", "PROSES (60)", "", "5,0", "", "", "", ""],
        ["", "a.", "Apakah tim telah dibentuk ?", "", *answers, "Ya, apabila"],
        ["", "b.", "Apakah ada rencana ?", "", "A/B/C", "C", "0", "a. Semua"],
    ]
    return _table(rows, {(0, 0): (1, 3), (0, 4): (1, 3), (1, 1): (1, 2)})


def test_a_score_sheets_labels_are_a_header_and_its_label_sub_columns_join() -> None:
    header = find_header(_score_sheet(["Y/T", "Tidak", "0"]), THRESHOLD)
    assert header is not None and header.rows == 1
    # The label sub-columns read as one column; the answer columns stay apart, the
    # header cell's words on the first of them.
    assert header.groups == ((0, 1, 2), (3,), (4,), (5,), (6,), (7,))
    assert header.printed == ("Penilaian", "", "Pilihan Jawaban", "", "", "Keterangan")


def test_columns_filled_in_one_row_only_read_as_one_under_one_header_cell() -> None:
    table = _score_sheet(["Y/T", "Tidak", "0"])
    rows = [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]
    # The second answer column holds text in one body row: a stray rule, not a column.
    rows[3][5] = ""
    spans = {(0, 0): (1, 3), (0, 4): (1, 3), (1, 1): (1, 2)}
    header = find_header(_table(rows, spans), THRESHOLD)
    assert header is not None
    assert header.groups == ((0, 1, 2), (3,), (4, 5, 6), (7,))


def test_a_blank_cell_running_down_from_the_header_is_no_second_header_row() -> None:
    rows = [
        ["PENILAIAN", "BOBOT", "NILAI", ""],
        ["a. Tim", "1,0", "0", ""],
        ["b. Rencana", "1,0", "0", ""],
    ]
    header = find_header(_table(rows, {(0, 3): (3, 1)}), THRESHOLD)
    assert header is not None and header.rows == 1


def _allocation(rows: int, page: int = 1) -> list[GridRow]:
    """Rows of a money table whose last column is the second minus the third."""
    return [
        _row(
            [str(i + 1), f"Desa {i + 1}", f"{500 + i}.250.000", "18.987.342", f"{481 + i}.262.658"],
            page=page,
        )
        for i in range(rows)
    ]


def test_amounts_are_read_as_indonesian_tables_print_them() -> None:
    assert parse_amount("Rp. 500.000.000") == Decimal("500000000")
    assert parse_amount("19.700.800,00") == Decimal("19700800.00")
    assert parse_amount("17.471.\n500") == Decimal("17471500")
    assert parse_amount("158") == Decimal("158")
    for text in ("", "0,2%", "Desa 1", "1.23.456", "12-3"):
        assert parse_amount(text) is None, text


def test_a_column_that_is_a_difference_of_two_others_is_a_relation() -> None:
    (relation,) = find_relations([row_amounts(r) for r in _allocation(6)])
    assert (relation.total, relation.parts, relation.rows) == (2, (3, 4), 6)


def test_too_few_rows_or_zero_parts_make_no_relation() -> None:
    assert find_relations([row_amounts(r) for r in _allocation(MIN_ROWS - 1)]) == ()
    zeros = [_row(["1", f"{n}.000", "0", f"{n}.000"]) for n in range(100, 110)]
    assert find_relations([row_amounts(r) for r in zeros]) == ()


def test_a_misread_digit_on_an_ocr_row_is_repaired_and_recorded() -> None:
    rows = _allocation(12, page=2)
    rows[3] = rows[3].with_cell(4, "484.202.658")
    checked, warnings = check_sums(rows, frozenset({2}))
    assert checked[3].cells[4] == "484.262.658"
    assert checked[3].edits == (CellEdit(4, "ocr_sum", "484.202.658", "484.262.658"),)
    assert warnings == []
    assert checked[:3] == tuple(rows[:3])


def _control_box(page: int, formula: str = "6.405.218.380") -> list[GridRow]:
    """A 'Kontrol Penghitungan' box: a pagu and its 90/8/2% shares, then a count."""
    return [
        _row(["Pagu Alokasi Dana Desa", "80.065.236.000"], page=page),
        _row(["Alokasi Dasar (90%)", "72.058.712.400"], page=page),
        _row(["Alokasi Berdasarkan Formula (8%)", formula], page=page),
        _row(["Alokasi Kinerja (2%)", "1.601.304.720"], page=page),
        _row(["Jumlah Desa", "158"], page=page),
    ]


def _misread_allocation() -> list[GridRow]:
    rows = _allocation(12, page=1)
    rows[3] = rows[3].with_cell(4, "484.202.658")
    return rows


@pytest.mark.parametrize(
    ("rows", "names", "message"),
    [
        (
            _misread_allocation(),
            ("No", "Desa", "Awal", "Efisiensi", "Akhir"),
            "row 'Desa 4' does not add up: Awal 503.250.000 is not Efisiensi 18.987.342"
            " + Akhir 484.202.658, as on 11 other rows",
        ),
        (
            _control_box(page=1),
            ("Uraian", "Jumlah"),
            "row 'Alokasi Berdasarkan Formula (8%)' does not add up: Jumlah 6.405.218.380 is"
            " not 8% of 80.065.236.000, as on 2 other rows",
        ),
    ],
)
def test_a_mismatch_on_a_native_page_is_reported_and_kept(
    rows: list[GridRow], names: tuple[str, ...], message: str
) -> None:
    checked, warnings = check_sums(rows, frozenset({2}), names)
    assert checked == tuple(rows)
    (warning,) = warnings
    assert (warning.code, warning.page, warning.message) == ("sum_mismatch", 1, message)


def test_a_mismatch_more_than_one_digit_could_explain_is_only_reported() -> None:
    # 8 for 3 in either the total or the part: nothing says which was misread.
    rows = [_row(["x", f"{n}.000", "1.000", f"{n - 1}.000"], page=2) for n in range(20, 30)]
    rows.append(_row(["Total", "83.000", "3.000", "30.000"], page=2))
    checked, warnings = check_sums(rows, frozenset({2}))
    assert checked == tuple(rows)
    assert [w.code for w in warnings] == ["sum_mismatch"]


def test_a_column_total_that_adds_up_settles_which_amount_was_misread() -> None:
    rows = [_row(["x", f"{n}.000", "1.000", f"{n - 1}.000"], page=2) for n in (30, 50)]
    rows.append(_row(["Total", "80.000", "2.000", "28.000"], page=2))
    rows += [_row(["y", f"{n}.000", "1.000", f"{n - 1}.000"], page=2) for n in range(20, 28)]
    assert (2, 1) in column_totals([row_amounts(r) for r in rows])
    checked, warnings = check_sums(rows, frozenset({2}))
    assert checked[2].cells == ("Total", "80.000", "2.000", "78.000")
    assert warnings == []


def test_an_amount_one_digit_off_its_printed_share_is_repaired() -> None:
    # Perbup Donggala 24/2025 p. 24, a photograph: 8% of the pagu read with a 3 for an 8.
    # A 4 for a 9 in the 90% row would restore the box's sum as well; the shares say which.
    checked, warnings = check_sums(_control_box(page=2), frozenset({2}))
    assert checked[2].cells[1] == "6.405.218.880"
    assert checked[2].edits == (CellEdit(1, "ocr_sum", "6.405.218.380", "6.405.218.880"),)
    assert [row.cells for row in checked[:2] + checked[3:]] == [
        row.cells for row in _control_box(page=2)[:2] + _control_box(page=2)[3:]
    ]
    assert warnings == []


def test_shares_need_two_exact_rows_before_one_is_doubted() -> None:
    rows = _control_box(page=2)
    rows[3] = rows[3].with_cell(1, "1.601.304.700")
    checked, warnings = check_sums(rows, frozenset({2}))
    assert checked == tuple(rows)
    assert warnings == []


def _with_total(total: list[str]) -> list[GridRow]:
    """Six native rows of `_allocation` with a fifth column of plain counts, then `total`
    on an OCR'd page."""
    rows = [row.with_cell(5, str(10 + i)) for i, row in enumerate(_allocation(6, page=1))]
    return [*rows, _row(total, page=2)]


def test_a_column_total_one_digit_off_the_native_rows_above_is_repaired() -> None:
    # Awal sums to 3.016.500.000 and Efisiensi to 113.924.052: both read right; the count
    # column's 75 was read 73.
    rows = _with_total(["", "Total", "3.016.500.000", "113.924.052", "", "73"])
    checked, warnings = check_sums(rows, frozenset({2}))
    assert checked[-1].cells[5] == "75"
    assert checked[-1].edits == (CellEdit(5, "ocr_sum", "73", "75"),)
    assert checked[:-1] == tuple(rows[:-1])
    assert warnings == []


@pytest.mark.parametrize(
    ("total", "why"),
    [
        (["", "Total", "3.016.500.001", "113.924.051", "", "73"], "no exact total in the row"),
        (["", "Total", "3.016.500.000", "113.924.052", "", "173"], "more than one digit off"),
    ],
)
def test_a_column_total_is_repaired_only_beside_an_exact_one(total: list[str], why: str) -> None:
    rows = _with_total(total)
    checked, _ = check_sums(rows, frozenset({2}))
    assert checked[-1].cells[5] == total[5], why


def test_a_column_total_over_untrusted_amounts_is_kept() -> None:
    # The counts above are OCR'd too and in no relation: their sum proves nothing.
    rows = [row.with_cell(5, str(10 + i)) for i, row in enumerate(_allocation(6, page=2))]
    rows.append(_row(["", "Total", "3.016.500.000", "113.924.052", "", "73"], page=2))
    checked, _ = check_sums(rows, frozenset({2}))
    assert checked[-1].cells[5] == "73"


@given(st.lists(st.integers(1, 10**9), min_size=MIN_ROWS, max_size=12), st.data())
def test_rows_on_pages_not_repairable_keep_their_text(
    firsts: list[int], data: st.DataObject
) -> None:
    rows = [
        _row(["", f"{a:,}".replace(",", "."), "7", f"{a + 7:,}".replace(",", ".")]) for a in firsts
    ]
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index] = rows[index].with_cell(3, data.draw(st.sampled_from(["1", "99.999", "abc"])))
    checked, _ = check_sums(rows, frozenset())
    assert checked == tuple(rows)


def test_a_decimal_stop_is_a_comma_where_the_column_prints_commas() -> None:
    rows = [
        _row(["Bobot", "5,0", "0,00%"], page=2),
        _row(["Nilai", "0.00", "0.00%"], page=2),
        _row(["Nilai", "10,0", "1.250"], page=2),
        _row(["Nilai", "0.00", "0.00%"], page=1),
    ]
    restored = restore_decimal_commas(rows, frozenset({2}))
    assert restored[1].cells == ("Nilai", "0,00", "0.00%")
    assert restored[1].edits == (CellEdit(1, "ocr_confusion", "0.00", "0,00"),)
    # One comma in a column is not enough; a thousands group and a native page's text
    # are left as printed.
    assert restored[2] is rows[2]
    assert restored[3] is rows[3]
    assert restore_decimal_commas(rows[1:2], frozenset({2})) == (rows[1],)


def test_a_closing_comma_or_colon_is_a_semicolon_where_the_table_ends_with_them() -> None:
    from normalize.closing_marks import restore_closing_marks

    rows = [
        _row(["1", "Tersedianya media sosialisasi;"], page=2),
        _row(["2", "Penerapan reward and punishment:"], page=2),
        _row(["3", "Tersedianya SOP pelayanan;"], page=1),
        _row(["4", "Adanya pejabat pengelola,\n"], page=2),
        _row(["5", "Tersedianya maklumat pelayanan,"], page=1),
        _row(["6", "Dokumen, foto dan video"], page=2),
        _row(["7", "0.00%,"], page=2),
    ]
    restored = restore_closing_marks(rows, frozenset({2}))
    assert restored[1].cells[1] == "Penerapan reward and punishment;"
    assert restored[1].edits == (CellEdit(1, "ocr_confusion", "punishment:", "punishment;"),)
    assert restored[3].cells[1] == "Adanya pejabat pengelola;"
    # A native page's text and a cell ending otherwise are kept; so is every cell of a
    # table with fewer such endings, or whose cells end with ':' only (lead-ins).
    assert restored[4] is rows[4]
    assert restored[5] is rows[5]
    assert restored[6] is rows[6], "a number's trailing mark may be dust"
    assert restore_closing_marks(rows[:2], frozenset({2})) == tuple(rows[:2])
    leads = [_row(["1", f"Kegiatan {n} meliputi:"], page=2) for n in range(3)]
    assert restore_closing_marks(leads, frozenset({2})) == tuple(leads)


def test_a_lost_closing_stop_is_put_back_where_every_other_cell_ends_with_one() -> None:
    from normalize.closing_marks import restore_closing_marks

    # Perbup Donggala 4/2025's key to the form's columns: every entry ends with '.'.
    rows = [
        _row(["Kolom 1 =", "Cukup jelas."], page=25),
        _row(["Kolom 2 =", "Diisi waktu pelaksanaan."], page=25),
        _row(["Kolom 3 =", "Diisi dengan kegiatan (kolom 3)."], page=25),
        _row(["Kolom 9 =", "Diisi catatan lainnya yang dianggap perlu"], page=25),
    ]
    restored = restore_closing_marks(rows, frozenset({25}))
    assert restored[3].cells == ("Kolom 9 =", "Diisi catatan lainnya yang dianggap perlu.")
    assert restored[3].edits == (CellEdit(1, "ocr_confusion", "perlu", "perlu."),)
    assert restored[:3] == tuple(rows[:3])
    # Two cells without a stop, or fewer than three with one: the column has no rule.
    unruled = [*rows[:3], rows[3], _row(["Kolom 10 =", "Diisi nama"], page=25)]
    assert restore_closing_marks(unruled, frozenset({25})) == tuple(unruled)
    assert restore_closing_marks(rows[1:], frozenset({25})) == tuple(rows[1:])


@pytest.mark.parametrize(("layer", "label"), [("ocr", "Keterangan"), ("native", "Ketorangan")])
def test_header_labels_are_repaired_on_ocr_pages_only(layer: str, label: str) -> None:
    table = _table(
        [["NO", "NAMA", "Ketorangan"], ["1", "Budi Santoso", "hadir"], ["2", "Ani", "hadir"]]
    )
    page = RawPage(
        number=1,
        width=595.0,
        height=842.0,
        rotation=0,
        orientation="portrait",
        text_layer=layer,  # type: ignore[arg-type]
    )
    raw = RawDocument(file="x.pdf", sha256="0" * 64, pages=(page,), tables=(table,))
    (result,) = normalize_document(raw, NormalizeSettings()).tables
    assert result.header == ["NO", "NAMA", label]
    repairs = [(r.field, r.before, r.after) for r in result.repairs]
    assert repairs == ([("header 3", "Ketorangan", "Keterangan")] if layer == "ocr" else [])


def _scores(n: int) -> list[GridRow]:
    return [_row([f"Kriteria {i}", f"Norma {i}", str(i % 3 + 1)], page=2) for i in range(n)]


def _mark_removed(row: GridRow, col: int) -> GridRow:
    """`row` as repair leaves it when OCR read only a rule mark in column `col`."""
    return row.with_cell(col, "|").with_cell(col, "", "ocr_noise")


def test_a_value_read_as_a_rule_mark_is_reported_not_guessed() -> None:
    rows = _scores(8)
    rows[5] = _mark_removed(rows[5], 2)
    (warning,) = unread_mark_warnings(rows, ("Kriteria", "Norma", "Skor"))
    assert warning.code == "cell_unread" and warning.page == 2
    assert warning.message == (
        "row 'Kriteria 5': Skor left empty: OCR read only '|' there, removed as a rule "
        "mark, but 7 of the other 7 rows fill the column; check the page"
    )
    assert rows[5].cells[2] == ""


def test_no_unread_warning_in_sparse_columns_spacer_rows_or_short_tables() -> None:
    sparse = _scores(8)
    for i in (1, 2):
        sparse[i] = sparse[i].with_cell(2, "")
    sparse[5] = _mark_removed(sparse[5], 2)
    assert unread_mark_warnings(sparse) == []
    spacer = [*_scores(8), _mark_removed(_row(["", "", ""], page=2), 2)]
    assert unread_mark_warnings(spacer) == []
    short = _scores(MIN_FILLED_ROWS)
    short[0] = _mark_removed(short[0], 2)
    assert unread_mark_warnings(short) == []
    untouched = _scores(8)
    assert unread_mark_warnings(untouched) == []


def test_a_bulleted_list_broken_by_a_page_break_keeps_its_items() -> None:
    fields = ("area.code", "activity", "evidence", "schedule", "responsible")
    header = Header(rows=1, printed=("NO", "RENCANA AKSI", "BUKTI", "WAKTU", "PIC"), fields=fields)
    previous = _row(
        [
            "1",
            "Mengikutkan pegawai dalam diklat",
            "• Surat tugas\n• Sertifikat",
            "Juni 2027",
            "Umum",
        ]
    )
    top = _row(["", "", "diklat\n• Rekap JP per pegawai", "", ""], page=2)
    after = _row(["2", "Menyusun rencana", "• Dokumen", "Juli 2027", "Umum"], page=2)
    table = LogicalTable(
        header=header,
        rows=(previous, top, after),
        pages=(1, 2),
        breaks=(PageBreak(index=1, gap=0.0),),
        first=_table([["NO"], ["1"]]),
    )
    joined = merge_continuations(table).rows
    assert len(joined) == 2 and joined[0].pages == (1, 2)
    assert split_list(joined[0].cells[2]) == [
        "Surat tugas",
        "Sertifikat diklat",
        "Rekap JP per pegawai",
    ]


def test_a_page_top_row_without_number_or_ticks_continues_the_row_above() -> None:
    """Probe 6: the rest of row '3.1' fills the wrapped unit ('Tata Usaha' under
    'Subbagian') and an unmapped unit column cut inside a word ('n' under 'Dokume'). Only
    its activity and output read as running text, but it lacks the number and the tick
    every printed row has on its first line: it is the rest of the row above."""
    previous = _row(["3.1", "Menyusun analisis", "- Dokumen", "1", "Dokume", "√", "", "Subbagian"])
    top = _row(["", "kebutuhan pegawai", "kebutuhan diklat", "", "n", "", "", "Tata Usaha"], 2)
    short, ticks, numbers = (0, 3, 4, 5, 6, 7), frozenset({5, 6}), frozenset({0, 3})
    assert is_fragment(previous, top, short, 0.0, ticks, numbers)
    # A row with its own number, or a table without ticks: no such sign.
    numbered = _row(["3.2", "kebutuhan pegawai", "kebutuhan diklat", "", "n", "", "", "Tata"], 2)
    assert not is_fragment(previous, numbered, short, 0.0, ticks, numbers)
    assert not is_fragment(previous, top, short, 0.0, frozenset(), numbers)


def _cut_at_last_row(
    printed: tuple[str, ...], fields: tuple[str, ...], rows: tuple[GridRow, ...]
) -> LogicalTable:
    """A two-page table under a one-row header, its last row at the second page's top."""
    return LogicalTable(
        header=Header(rows=1, printed=printed, fields=fields),
        rows=rows,
        pages=(1, 2),
        breaks=(PageBreak(index=len(rows) - 1, gap=0.0),),
        first=_table([[printed[0]], ["1"]]),
    )


def _written_schedule_table(rows: tuple[GridRow, ...]) -> LogicalTable:
    """A table with a written schedule and no tick grid, its last row at a page top."""
    fields = (
        "component.number",
        "component.text",
        "activity",
        "evidence",
        "schedule",
        "responsible",
        "note",
    )
    printed = ("NO", "KOMPONEN", "KEGIATAN", "BUKTI", "WAKTU", "PELAKSANA", "KET")
    return _cut_at_last_row(printed, fields, rows)


def test_a_page_top_row_without_number_or_written_schedule_continues_the_row_above() -> None:
    """Probe 8: no tick grid, a schedule written in words. The rest of row '1.2' fills its
    merged component ('Ramah Pengunjung'), a new bullet, the wrapped unit and remark; only
    the activity reads as running text. Every printed row has its number and its schedule
    on its first lines: a page-top row with neither is the rest of the row above."""
    spans = (0, 0, 1, 1, 1, 1, 1)
    first = _row(["1.1", "Pelayanan Prima", "Menyusun standar", "• SK", "Maret 2026", "Kasi", ""])
    second = _merged(["", "", "Melatih petugas", "• Daftar hadir", "April 2026", "", ""], 1, spans)
    cut = _row(
        [
            "1.2",
            "Sarana Prasarana",
            "Menyediakan kursi roda, jalur",
            "• Foto sarana",
            "Tahun 2026",
            "Kepala Subbagian",
            "Anggaran",
        ]
    )
    rest = ["", "Ramah Pengunjung", "ruang tunggu", "• Daftar inventaris", "", "Tata Usaha", "BLUD"]
    joined = merge_continuations(_written_schedule_table((first, second, cut, _row(rest, 2)))).rows
    assert len(joined) == 3
    assert [fold(c) for c in joined[2].cells] == [
        "1.2",
        "Sarana Prasarana Ramah Pengunjung",
        "Menyediakan kursi roda, jalur ruang tunggu",
        "• Foto sarana • Daftar inventaris",
        "Tahun 2026",
        "Kepala Subbagian Tata Usaha",
        "Anggaran BLUD",
    ]
    # A new row under the merged number prints its own schedule: it stays a row.
    new = ["", "", "memantau antrean", "• Laporan", "Mei 2026", "Tata Usaha", ""]
    kept = merge_continuations(_written_schedule_table((first, second, cut, _row(new, 2)))).rows
    assert len(kept) == 4
    # A table with a row printed without a schedule: an empty schedule is no sign.
    unscheduled = second.with_cell(4, "")
    table = _written_schedule_table((first, unscheduled, cut, _row(rest, 2)))
    assert len(merge_continuations(table).rows) == 4
    # Probe 15: the cut row prints no number of its own (NO merged over its area's rows),
    # and two cells of the rest open with capitalised words; the lost schedule tells.
    merged_cut = _merged(
        [
            "",
            "",
            "Mengusulkan perubahan tentang Pelimpahan Sebagian",
            "• Naskah rancangan",
            "Maret 2026",
            "Sekcam",
            "Koordinasi dengan Bagian",
        ],
        1,
        spans,
    )
    merged_rest = ["", "", "Kewenangan Bupati kepada Camat", "perubahan", "", "", "Hukum Setda"]
    table = _written_schedule_table((first, second, merged_cut, _row(merged_rest, 2)))
    (*_, last) = merge_continuations(table).rows
    assert fold(last.cells[2]).endswith("Pelimpahan Sebagian Kewenangan Bupati kepada Camat")
    assert fold(last.cells[6]) == "Koordinasi dengan Bagian Hukum Setda"


def _ticked_table(rows: tuple[GridRow, ...]) -> LogicalTable:
    """A quarter-grid table (NO merged per area), its last row at a page top."""
    fields = ("area.code", "component.text", "activity", "quarter:1", "quarter:2", "responsible")
    printed = ("NO.", "KOMPONEN", "KEGIATAN", "1", "2", "PIC")
    return _cut_at_last_row(printed, fields, rows)


def test_a_page_top_row_without_ticks_continues_a_row_where_every_row_ticks() -> None:
    """Probe 18: NO is merged over the area, so no row prints a number of its own; the
    rest of a cut row opens two cells with capitals ('Benturan Kepentingan', 'Komitmen').
    Every printed row ticks a quarter: a page-top row without ticks is the rest."""
    spans = (0, 1, 1, 1, 1, 1)
    first = _row(["5", "5.d. Pengaduan", "Menyusun SOP", "√", "", "Kasubag"])
    cut = _merged(
        ["", "5.e. Penanganan", "Mengidentifikasi potensi", "√", "√", "Pejabat"], 1, spans
    )
    rest = _row(["", "Benturan Kepentingan", "benturan pada pengadaan", "", "", "Komitmen"], 2)
    joined = merge_continuations(_ticked_table((first, cut, rest))).rows
    assert len(joined) == 2
    assert [fold(c) for c in joined[1].cells[1:3]] == [
        "5.e. Penanganan Benturan Kepentingan",
        "Mengidentifikasi potensi benturan pada pengadaan",
    ]
    # A table with a printed row without ticks: a row without ticks is no sign.
    unticked = _row(["6", "6.a. Survei", "Menyusun kuesioner", "", "", "Kasubag"])
    table = _ticked_table((first, unticked, cut, rest))
    assert len(merge_continuations(table).rows) == 4


def test_a_cell_cut_after_an_en_dash_goes_on_below() -> None:
    """Probe 16: 'Agustus –' / 'November 2026' over a page break; an en or em dash is as
    open an ending as a hyphen."""
    top = _row(["", "Informasi", "berbasis TI", "November 2026"], 2)
    for dash in ("-", "–", "—"):
        previous = _row(["6", "Layanan Teknologi", "Meluncurkan layanan", f"Agustus {dash}"])
        assert is_fragment(previous, top, (0, 3), 0.0)
    previous = _row(["6", "Layanan Teknologi", "Meluncurkan layanan", "Agustus 2026"])
    assert not is_fragment(previous, top, (0, 3), 0.0)


def test_a_word_cut_by_a_page_break_is_joined_when_the_document_prints_it_whole() -> None:
    """'Kepala Seksi Pengendalia' / 'n dan Penanganan' over a page break (probe 6): the
    document prints 'Pengendalian' elsewhere, so the word is whole again; a document that
    prints the first piece more often than the whole keeps the pieces apart."""
    fields = ("component.number", "activity", "quarter:1", "responsible")
    header = Header(rows=1, printed=("NO", "RENCANA AKSI", "TW I", "PIC"), fields=fields)
    previous = _row(["4", "Menilai risiko pada setiap proses", "√", "Kepala Seksi\nPengendalia"])
    top = _row(["", "layanan", "", "n dan\nPenanganan"], page=2)
    table = LogicalTable(
        header=header,
        rows=(previous, top),
        pages=(1, 2),
        breaks=(PageBreak(index=1, gap=0.0),),
        first=_table([["NO"], ["4"]]),
    )
    counts = {"pengendalian": 2, "pengendalia": 1}
    joined = merge_continuations(table, counts).rows
    assert [fold(c) for c in joined[0].cells] == [
        "4",
        "Menilai risiko pada setiap proses layanan",
        "√",
        "Kepala Seksi Pengendalian dan Penanganan",
    ]
    apart = merge_continuations(table, {"pengendalian": 1, "pengendalia": 2}).rows
    assert fold(apart[0].cells[3]) == "Kepala Seksi Pengendalia n dan Penanganan"


def _merged(cells: list[str], page: int, spans: tuple[int, ...]) -> GridRow:
    """A row whose columns with `spans` 0 are covered by a merged cell above and whose
    others start a cell over `spans` rows."""
    return replace(
        _row(cells, page=page),
        covered=tuple(span == 0 for span in spans),
        row_spans=tuple(max(span, 1) for span in spans),
    )


def _broken(header: Header, rows: tuple[GridRow, ...], index: int) -> LogicalTable:
    """A table of `rows` over pages 1 and 2, the page break before `rows[index]`."""
    return LogicalTable(
        header=header,
        rows=rows,
        pages=(1, 2),
        breaks=(PageBreak(index=index, gap=0.0),),
        first=_table([[header.printed[0]], [rows[0].cells[0]]]),
    )


def test_a_letter_label_on_a_new_page_is_its_own_item_not_the_merged_cell_above() -> None:
    fields = ("area.code", "area.name", "indicator")
    header = Header(rows=1, printed=("NO", "KOMPONEN", "INDIKATOR"), fields=fields)
    rows = (
        _merged(["a.", "Proses Bisnis", "Peta proses"], 1, (2, 2, 1)),
        _merged(["", "", "SOP disusun"], 1, (0, 0, 1)),
        _merged(["b.", "Sistem Pemerintahan Berbasis Elektronik", "SPBE"], 2, (2, 2, 1)),
        _merged(["", "", "Aplikasi"], 2, (0, 0, 1)),
    )
    joined = merge_continuations(_broken(header, rows, 2)).rows
    assert [r.cells[:2] for r in joined if not r.covered[0]] == [
        ("a.", "Proses Bisnis"),
        ("b.", "Sistem Pemerintahan Berbasis Elektronik"),
    ]
    # The next label in the NO column starts a row of its own; a label out of sequence
    # gives no sign either way, and a label alone still ends a cell cut on a hyphen.
    previous = _row(["a.", "Proses Bisnis", "Peta proses"])
    assert not is_fragment(previous, _row(["b.", "", "lanjutan"], page=2), (), 0.0)
    assert is_fragment(_row(["II", "", "Triwulan I -"]), _row(["", "", "IV"], page=2), (), 0.0)
    assert not is_fragment(_row(["I", "", "Rapat"]), _row(["II", "", "rapat"], page=2), (), 0.0)


def test_a_lettered_merged_cell_on_a_new_page_starts_a_new_item() -> None:
    """A polytechnic's plan (probe 11): SUB KOMPONEN cells 'c. Pengembangan ...' and
    'd. Penetapan ...' merged over rows, 'd.' at the top of a page: a new item, whose
    lower-case letter is no running text. Under an area cell that starts afresh on the
    new page, the cell is new whatever it reads. A lettered list in a plain cell still
    goes on ('a. ... b. ...' / 'c. ...')."""
    fields = ("area.name", "component.text", "activity")
    header = Header(rows=1, printed=("KOMPONEN", "SUB KOMPONEN", "RENCANA AKSI"), fields=fields)
    rows = (
        _merged(["Penataan SDM", "c. Pengembangan Pegawai", "Diklat"], 1, (3, 1, 1)),
        _merged(["", "d. Penetapan Kinerja", "SKP"], 2, (0, 1, 1)),
        _merged(["", "", "Reviu SKP"], 2, (0, 0, 1)),
    )
    assert [r.cells[1] for r in merge_continuations(_broken(header, rows, 1)).rows] == [
        "c. Pengembangan Pegawai",
        "d. Penetapan Kinerja",
        "",
    ]
    new_area = (
        _merged(["Akuntabilitas", "e. Penanganan Benturan", "Sosialisasi"], 1, (2, 2, 1)),
        _merged(["", "", "Reviu"], 1, (0, 0, 1)),
        _merged(["Pelayanan Publik", "standar pelayanan", "Survei"], 2, (2, 2, 1)),
        _merged(["", "", "SKM"], 2, (0, 0, 1)),
    )
    assert [r.cells[1] for r in merge_continuations(_broken(header, new_area, 2)).rows] == [
        "e. Penanganan Benturan",
        "",
        "standar pelayanan",
        "",
    ]
    listed = Header(
        rows=1, printed=("NO", "BUKTI", "AKSI"), fields=("number", "evidence", "activity")
    )
    plain = (
        _row(["1", "a. Undangan\nb. Notulen", "Rapat tim"]),
        _row(["", "c. Dokumentasi", ""], page=2),
    )
    (joined,) = merge_continuations(_broken(listed, plain, 1)).rows
    assert fold(joined.cells[1]) == "a. Undangan b. Notulen c. Dokumentasi"


def _native_tables(table: RawTable) -> list[Table]:
    """The output tables of a one-page native document holding `table`."""
    page = RawPage(number=1, width=595.0, height=842.0, orientation="portrait", text_layer="native")
    raw = RawDocument(file="x.pdf", sha256="0" * 64, pages=(page,), tables=(table,))
    return normalize_document(raw, NormalizeSettings()).tables


def test_a_component_keeps_its_dotted_number_apart() -> None:
    table = _table(
        [
            ["KOMPONEN", "KEGIATAN", "OUTPUT"],
            ["1.1 Pembentukan Tim Kerja", "Menyusun SK", "SK Tim"],
            ["2. Penyusunan Rencana", "Rapat", "Notulen"],
            # a letter label (probe 11's SUB KOMPONEN); a capital 'A.' may be an area code
            ["a. Tim Kerja", "Rapat", "SK"],
            ["A. Umum", "Rapat", "SK"],
            # a number and a letter (probe 18's KOMPONEN)
            ["1.a. Penyusunan Tim Kerja", "Rapat", "SK"],
            ["2.b) Rencana Kerja", "Rapat", "SK"],
            # a lower-case Roman numeral (probe 25's PROGRAM KERJA); 'vi' is no word
            ["iv. Pengelolaan Pengaduan", "Rapat", "SK"],
            ["vii) Survei Kepuasan", "Rapat", "SK"],
        ]
    )
    (result,) = _native_tables(table)
    components = [(r.component.number, r.component.text) for r in result.rows if r.component]
    assert components == [
        ("1.1", "Pembentukan Tim Kerja"),
        ("2.", "Penyusunan Rencana"),
        ("a.", "Tim Kerja"),
        (None, "A. Umum"),
        ("1.a.", "Penyusunan Tim Kerja"),
        ("2.b)", "Rencana Kerja"),
        ("iv.", "Pengelolaan Pengaduan"),
        ("vii)", "Survei Kepuasan"),
    ]


def test_month_columns_under_a_garbled_group_label_are_months() -> None:
    def grid(months: list[str]) -> RawTable:
        return _table(
            [
                ["KEGIATAN", "OUTPUT", "Manis) ES NAAN", "", "", "", "PIC"],
                ["", "", *months, ""],
                ["Rapat", "Notulen", "√", "", "", "", "Umum"],
            ],
            {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 4), (0, 6): (2, 1)},
        )

    header = find_header(grid(["Jan", "Feb", "Mar", "Apr"]), THRESHOLD)
    assert header is not None and header.rows == 2
    assert header.fields == (
        "component.text",
        "evidence",
        "month:1",
        "month:2",
        "month:3",
        "month:4",
        "responsible",
    )
    shuffled = find_header(grid(["Jan", "Mar", "Feb", "Apr"]), THRESHOLD)
    assert shuffled is not None and shuffled.fields[2:6] == (None, None, None, None)


def test_item_numbers_under_a_section_get_back_their_dot() -> None:
    def section(text: str) -> GridRow:
        return GridRow(
            cells=(text, ""),
            covered=(False, False),
            spans=(2, 0),
            pages=(2,),
            bboxes=((0, 0, 1, 1),),
        )

    rows = [
        section("1 MANAJEMEN PERUBAHAN"),
        _row(["1.1 Pembentukan Tim", "a"], page=2),
        _row(["1.2 Rencana Kerja", "b"], page=2),
        _row(["13 Pemantauan", "c"], page=2),
        section("2 PENATAAN TATALAKSANA"),
        _row(["21 Peta Proses", "d"], page=2),
        _row(["35 Disiplin", "e"], page=2),
        _row(["22 SOP", "f"], page=1),
    ]
    restored = restore_item_dots(rows, frozenset({2}))
    assert [r.cells[0] for r in restored] == [
        "1 MANAJEMEN PERUBAHAN",
        "1.1 Pembentukan Tim",
        "1.2 Rencana Kerja",
        "1.3 Pemantauan",
        "2 PENATAAN TATALAKSANA",
        "2.1 Peta Proses",
        "35 Disiplin",
        "22 SOP",
    ]
    assert restored[3].edits == (CellEdit(0, "ocr_confusion", "13 Pemantauan", "1.3 Pemantauan"),)
    undotted = [section("1 MANAJEMEN"), _row(["11 Rapat", "a"], page=2)]
    assert restore_item_dots(undotted, frozenset({2})) == tuple(undotted)
    # A NO column of its own: the number is the whole cell (probe 8 scan-ocr).
    numbers = [
        section("1 MANAJEMEN PERUBAHAN"),
        _row(["1.1", "Pembentukan Tim"], page=2),
        _row(["12", "Rencana Kerja"], page=2),
        _row(["1.3", "Pemantauan"], page=2),
        _row(["14", "Perubahan pola pikir"], page=2),
    ]
    assert [r.cells[0] for r in restore_item_dots(numbers, frozenset({2}))] == [
        "1 MANAJEMEN PERUBAHAN",
        "1.1",
        "1.2",
        "1.3",
        "1.4",
    ]
    # Sections coded by letters, a 1 after the letter read 'l' (probe 24 scan: 'Al', 'C2')
    lettered = [
        section("A. MANAJEMEN PERUBAHAN"),
        _row(["Al", "Penguatan Tim"], page=2),
        _row(["A.2", "Internalisasi"], page=2),
        section("C. PENATAAN ORGANISASI"),
        _row(["C.1", "Evaluasi Kelembagaan"], page=2),
        _row(["C2", "Unit Pelayanan"], page=2),
        _row(["A3", "Unit Pengaduan"], page=2),
    ]
    restored = restore_item_dots(lettered, frozenset({2}))
    assert [r.cells[0] for r in restored[1:]] == [
        "A.1",
        "A.2",
        "C. PENATAAN ORGANISASI",
        "C.1",
        "C.2",
        "A3",
    ]
    assert restored[1].edits == (CellEdit(0, "ocr_confusion", "Al", "A.1"),)


def test_item_numbers_under_roman_sections_get_back_their_dot() -> None:
    # Probe 29 scan-ocr: '1.2' read '12' under 'I Manajemen Perubahan', '4.1' read '41'
    # under IV, the stop read as a colon ('3:2') or a comma.
    def section(text: str) -> GridRow:
        return replace(_row([text, ""], page=2), spans=(2, 0))

    rows = [
        section("I Manajemen Perubahan"),
        _row(["1.1", "Tim"], page=2),
        _row(["12", "Rencana"], page=2),
        section("III Penataan Sistem Manajemen SDM"),
        _row(["3.1", "Kebutuhan"], page=2),
        _row(["3:2", "Mutasi"], page=2),
        _row(["3,3", "Kinerja"], page=2),
        _row(["41", "Kinerja"], page=2),
        section("IV Penguatan Akuntabilitas"),
        _row(["41", "Pimpinan"], page=2),
        _row(["41", "Pimpinan"], page=1),
    ]
    assert [r.cells[0] for r in restore_item_dots(rows, frozenset({2}))] == [
        "I Manajemen Perubahan",
        "1.1",
        "1.2",
        "III Penataan Sistem Manajemen SDM",
        "3.1",
        "3.2",
        "3.3",
        "41",
        "IV Penguatan Akuntabilitas",
        "4.1",
        "41",
    ]


def test_whole_numbers_in_a_no_column_get_back_their_stops() -> None:
    # Probe 26's scan-ocr: three-level numbers, no section rows, stops lost or read ':'.
    read = ["1.1.1", "1:1.2", "211", "21.2", "3.11", "3312", "1.1", "", "5.21"]
    read += ["1.2.1", "1.2.2", "1.3.1", "1.3.2", "2.3.1", "3.2.1", "3.3.1", "4.1.1"]
    rows = [_row([text, "x"], page=2) for text in read] + [_row(["221", "y"], page=1)]
    restored = restore_number_stops(rows, [0], frozenset({2}))
    assert [r.cells[0] for r in restored[:9]] == [
        "1.1.1", "1.1.2", "2.1.1", "2.1.2", "3.1.1", "3312", "1.1", "", "5.2.1"
    ]  # fmt: skip
    assert restored[9:] == tuple(rows[9:])
    assert restored[2].edits == (CellEdit(0, "ocr_confusion", "211", "2.1.1"),)
    assert restore_number_stops(rows, [1], frozenset({2})) == tuple(rows)
    # Half or fewer of the numbers well formed: the column's shape is not known.
    mixed = [_row([text], page=2) for text in ("1.1", "12", "13", "1.4")]
    assert restore_number_stops(mixed, [0], frozenset({2})) == tuple(mixed)


def test_component_numbers_of_one_merged_cell_agree() -> None:
    # Probe 29: NO '1.1' printed on each row of a component merged down over two rows;
    # OCR read one of them 'tt', another component's '3.1' as '38'.
    def run(numbers: list[str], name: str, page: int = 2) -> list[GridRow]:
        first = replace(_row([numbers[0], name, "a"], page=page), row_spans=(1, len(numbers), 1))
        below = [
            replace(_row([n, "", "b"], page=page), covered=(False, True, False))
            for n in numbers[1:]
        ]
        return [first, *below]

    rows = [
        *run(["tt", "1.1"], "Tim"),
        *run(["38", "3.1", "3.1"], "Kebutuhan"),
        *run(["Sa"], "Disiplin"),
        *run(["1.7", "1.1"], "Rencana"),
        *run(["", "2.1"], "SOP"),
        *run(["x", "2.2"], "SPBE", page=1),
    ]
    agreed = agree_component_numbers(rows, 0, 1, frozenset({2}))
    assert [r.cells[0] for r in agreed] == [
        "1.1", "1.1", "3.1", "3.1", "3.1", "Sa", "1.7", "1.1", "", "2.1", "x", "2.2"
    ]  # fmt: skip
    assert agreed[0].edits == (CellEdit(0, "ocr_confusion", "tt", "1.1"),)
    # A column of row counters (no dotted numbers) or no name column: unchanged.
    counters = [*run(["1", "2"], "Tim"), *run(["3", "x"], "Rencana")]
    assert agree_component_numbers(counters, 0, 1, frozenset({2})) == tuple(counters)
    assert agree_component_numbers(rows, 0, None, frozenset({2})) == tuple(rows)


def _quarter_grid(group: str, labels: list[str], unit: str = "PIC") -> RawTable:
    """KEGIATAN | OUTPUT | `group` over four columns printed `labels` | `unit`, one row."""
    return _table(
        [
            ["KEGIATAN", "OUTPUT", group, "", "", "", unit],
            ["", "", *labels, ""],
            ["Rapat", "Notulen", "v", "", "", "", "Umum"],
        ],
        {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 4), (0, 6): (2, 1)},
    )


def test_quarter_columns_under_a_group_are_numbered_by_position() -> None:
    """Bare numerals under TARGET WAKTU, two of them misread alike ('Il' for III): a run of
    four quarter columns is quarters 1-4, in build_header and in the vote over pages."""

    def grid(numerals: list[str]) -> RawTable:
        return _quarter_grid("TARGET WAKTU", numerals, "UNIT KERJA")

    quarters = ("quarter:1", "quarter:2", "quarter:3", "quarter:4")
    misread = find_header(grid(["I", "Il", "Il", "IV"]), THRESHOLD)
    assert misread is not None and misread.fields[2:] == (*quarters, "responsible")
    clean = find_header(grid(["I", "II", "III", "IV"]), THRESHOLD)
    assert clean is not None
    assert vote_header([misread, clean, misread], THRESHOLD).fields[2:6] == quarters
    # The label of a column named by its place is one that names it by itself: the first
    # page's 'Il' reads as II, its second 'Il' not as III.
    assert vote_header([misread, clean, misread], THRESHOLD).printed[2:6] == (
        "TARGET WAKTU I",
        "TARGET WAKTU Il",
        "TARGET WAKTU III",
        "TARGET WAKTU IV",
    )
    # ocrmypdf's readings of the numerals: a digit (else a month), letters, the group's word
    for numerals in (["I", "Il", "1", "Iv"], ["I", "Il", "mi", "IV"], ["I", "TARGET", "m", "I"]):
        header = find_header(grid(numerals), THRESHOLD)
        assert header is not None and header.fields[2:6] == quarters, numerals
    # Arabic numerals 1-4 and no other month: a quarter grid too (decision 0024)
    numbered = find_header(grid(["1", "2", "3", "4"]), THRESHOLD)
    assert numbered is not None and numbered.fields[2:6] == quarters


def test_quarter_columns_whose_numerals_ocr_garbled_keep_their_tw_prefix() -> None:
    """TARGET PENYELESAIAN over TW I | TW II | TW III | TW IV, the numerals read '|', '"',
    '1' and 'IV' (probe 6 scan): the prefix TW still makes the run a quarter grid, not
    schedule text, a month and one quarter."""
    quarters = ("quarter:1", "quarter:2", "quarter:3", "quarter:4")
    for labels in (["TW |", 'TW "', "TW 1", "TW IV"], ["TW", 'Tw "', "TW i}", "TW Iv"]):
        header = find_header(_quarter_grid("TARGET PENYELESAIAN", labels), THRESHOLD)
        assert header is not None and header.fields[2:] == (*quarters, "responsible"), labels


def test_quarter_columns_under_jadwal_triwulanan_with_numerals_ocr_garbled() -> None:
    """Probe 27 scan: 'JADWAL TRIWULANAN' over I | II | III | IV, the numerals read as
    nothing, '"', 'WW' and 'IV' on one page and 'n', '=', 'ii', 'Vv' on another. The
    group's last word says quarters; before, the unread numerals split the run in two
    groups and the grid was kept as text."""
    quarters = ("quarter:1", "quarter:2", "quarter:3", "quarter:4")
    for labels in (["", '"', "WW", "IV"], ["n", "=", "ii", "Vv"], ["I", "II", "III", "IV"]):
        header = find_header(_quarter_grid("JADWAL TRIWULANAN", labels), THRESHOLD)
        assert header is not None and header.fields[2:6] == quarters, labels


def test_quarter_columns_under_triwulan_ke_are_quarters_and_four_bare_numerals_too() -> None:
    """Probe 18: 'TRIWULAN KE-' over 1 | 2 | 3 | 4; on its OCR'd pages the group label was
    lost and the bare numerals read as months 1-4, which no month grid is."""

    def fields(group: str, labels: list[str]) -> tuple[str | None, ...]:
        table = _table(
            [
                ["NO.", "KEGIATAN", group, "", "", "", "PIC"],
                ["", "", *labels, ""],
                ["1", "Rapat", "√", "", "", "", "Umum"],
            ],
            {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 4), (0, 6): (2, 1)},
        )
        header = find_header(table, THRESHOLD)
        assert header is not None
        return header.fields[2:6]

    quarters = ("quarter:1", "quarter:2", "quarter:3", "quarter:4")
    assert fields("TRIWULAN KE-", ["1", "2", "3", "4"]) == quarters
    assert fields("", ["1", "2", "3", "4"]) == quarters
    assert fields("BULAN KE-", ["1", "2", "3", "4"]) == quarters
    # Months 9-12 alone are a month grid.
    assert fields("BULAN KE-", ["9", "10", "11", "12"]) == (
        "month:9",
        "month:10",
        "month:11",
        "month:12",
    )


def test_quarters_printed_as_their_months_and_months_as_roman_numerals() -> None:
    """Probe 19: JADWAL over 'Jan-Mar' | 'Apr-Jun' | 'Jul-Sep' | 'Okt-Des' is a quarter
    grid; probe 20: 'I' .. 'XII' under WAKTU PELAKSANAAN TAHUN 2026 are its months (the
    first four not quarters)."""
    ranges = ["JADWAL Jan-Mar", "JADWAL Apr-Jun", "JADWAL Jul-Sep", "JADWAL Okt-Des"]
    assert grid_fields(["NO", *ranges, "PJ"], THRESHOLD)[1:5] == [
        "quarter:1",
        "quarter:2",
        "quarter:3",
        "quarter:4",
    ]
    # Two months that are no quarter's first and last name no quarter.
    assert field_of("JADWAL Feb-Apr", THRESHOLD) is None
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    group = "WAKTU PELAKSANAAN TAHUN 2026"
    months = grid_fields(["NO", *(f"{group} {n}" for n in numerals), "PIC"], THRESHOLD)
    assert months[1:13] == [f"month:{n}" for n in range(1, 13)]
    # Probe 20's scan: OCR's readings of the numerals, some not read at all ('|' folds
    # away), are months by their place.
    garbled = ["|", '"', "''", "IV", "Vv", "vi", "vil", "vill", "IX", "x", "x!", "Xu"]
    months = grid_fields([f"{group} {n}" for n in garbled], THRESHOLD)
    assert months == [f"month:{n}" for n in range(1, 13)]
    # Probe 28's scan: month names broken by letter ('JANU' / 'ARI'), two of them not read
    # at all, the others read at their place.
    names = ["", "FEBR UARI", "", "APRIL", "MEI", "JUNI", "JULI", "AGUS TUS"]
    names += ["SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER"]
    schedule = "TIME SCHEDULE TAHUN 2026"
    months = grid_fields(["NO", *(f"{schedule} {n}".strip() for n in names), "PIC"], THRESHOLD)
    assert months[1:13] == [f"month:{n}" for n in range(1, 13)]
    # ... or only one part of a broken name read (the same scan's other pages).
    parts = ['"ART', "UARI", "Nani", "APRIL", "MEI", "JUNI", "JULI", "AGUS", "MBER", "OKTO"]
    parts += ["MBER", "MBER"]
    months = grid_fields([f"{schedule} {n}" for n in parts], THRESHOLD)
    assert months == [f"month:{n}" for n in range(1, 13)]
    # Fewer than half at their place: nothing is numbered by position.
    sparse = ["", "FEBRUARI", "", "", "", "JUNI", "", "", "", "", "NOVEMBER", "DESEMBER"]
    months = grid_fields([f"{schedule} {n}".strip() for n in sparse], THRESHOLD)
    assert "month:1" not in months and months[5] == "month:6"


def test_quarter_columns_under_the_word_triwulan_alone() -> None:
    """TRIWULAN over I | II | III | IV, read '|', '"', 'i' and 'Iv' (probe 13 scan): the
    group is the quarter prefix itself, and the four columns are quarters by position."""
    table = _table(
        [
            ["NO", "KEGIATAN", "TRIWULAN", "", "", "", "UNIT KERJA"],
            ["", "", "|", '"', "i", "Iv", ""],
            ["1", "Rapat", "√", "", "", "", "Umum"],
        ],
        {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 4), (0, 6): (2, 1)},
    )
    header = find_header(table, THRESHOLD)
    assert header is not None
    assert header.fields[2:] == ("quarter:1", "quarter:2", "quarter:3", "quarter:4", "responsible")


def test_an_area_column_under_section_rows_is_the_component() -> None:
    """Section rows name the areas; a column headed as areas ('KOMPONEN PENGUNGKIT')
    below them lists the components."""
    table = _table(
        [
            ["NO", "KOMPONEN PENGUNGKIT", "URAIAN KEGIATAN", "KELUARAN"],
            ["1. MANAJEMEN PERUBAHAN", "", "", ""],
            ["a.", "Tim Kerja", "Menyusun SK", "SK Tim"],
            ["b.", "Rencana Kerja", "Rapat", "Notulen"],
        ],
        {(1, 0): (1, 4)},
    )
    (result,) = _native_tables(table)
    assert [(r.area.code, r.area.name) for r in result.rows if r.area] == [
        ("1", "MANAJEMEN PERUBAHAN")
    ] * 2
    assert [(r.component.number, r.component.text) for r in result.rows if r.component] == [
        ("a.", "Tim Kerja"),
        ("b.", "Rencana Kerja"),
    ]
    assert result.columns["KOMPONEN PENGUNGKIT"] == "component.text"


def test_an_area_column_under_section_rows_beside_the_component_is_the_activity() -> None:
    """A provincial RB plan (probe 10): section rows 'A MANAJEMEN PERUBAHAN' name the
    areas, NO and SASARAN hold the component, so 'PROGRAM/KEGIATAN' lists activities."""
    table = _table(
        [
            ["NO", "SASARAN", "PROGRAM/KEGIATAN", "INDIKATOR"],
            ["A MANAJEMEN PERUBAHAN", "", "", ""],
            ["1", "Tim RB terbentuk", "Pembentukan Tim RB", "SK Tim"],
            ["2", "Rencana tersusun", "Penyusunan Rencana Aksi", "Dokumen"],
        ],
        {(1, 0): (1, 4)},
    )
    (result,) = _native_tables(table)
    assert result.columns["PROGRAM/KEGIATAN"] == "activity"
    assert [(r.area.code, r.area.name) for r in result.rows if r.area] == [
        ("A", "MANAJEMEN PERUBAHAN")
    ] * 2
    assert [r.activity for r in result.rows] == ["Pembentukan Tim RB", "Penyusunan Rencana Aksi"]


# --- an RSUD action plan (probe 5) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("TAHAPAN KEGIATAN", "activity"),
        ("UKURAN KEBERHASILAN", "indicator"),
        ("HASIL YANG DIHARAPKAN", "evidence"),
        ("OUTPUT YANG DIHARAPKAN", "evidence"),
        # the lines of a stacked label read bottom line first on a skewed scan
        ("PERUBAHAN AREA", "area.name"),
        ("KEBERHASILAN UKURAN", "indicator"),
        ("JAWAB PENANGGUNG", "responsible"),
        ("ANGGARAN (Rp)", None),
        # a court's plan lists what each activity yields under TARGET
        ("TARGET", "evidence"),
        ("Target", "evidence"),
        # an immigration office's plan (probe 9), and the misspelling 'tolak' of 'tolok'
        ("TOLOK UKUR", "indicator"),
        ("Tolak Ukur", "indicator"),
        ("DOKUMEN PENDUKUNG", "evidence"),
        ("WAKTU PENYELESAIAN", "schedule"),
        ("PELAKSANA KEGIATAN", "responsible"),
        # probes 16-18: a Balai POM, a Dinas Pendidikan and a Kemenag office
        ("INDIKATOR PENGUNGKIT", "component.text"),
        ("TAHAPAN / LANGKAH KEGIATAN", "activity"),
        ("SASARAN KEGIATAN", "component.text"),
        ("BUKTI / EVIDENCE", "evidence"),
        ("BUKTI", "evidence"),
        ("BULAN KE-", "schedule"),
        # probes 19-20: a synonym with the year or the programme after it
        ("TAHAPAN PELAKSANAAN", "activity"),
        ("KOMPONEN ZI", "component.text"),
        ("INDIKATOR KINERJA KEGIATAN", "indicator"),
        ("WAKTU PELAKSANAAN TAHUN 2026", "schedule"),
        ("KEGIATAN ANGGARAN TAHUN 2026", None),
        # probe 21: a KPP's plan; a synonym with the work's carrying out or completion after it
        ("LANGKAH KERJA", "activity"),
        ("JANGKA WAKTU PENYELESAIAN", "schedule"),
        ("PENANGGUNG JAWAB PELAKSANAAN", "responsible"),
        ("TARGET PELAKSANAAN", "schedule"),
        ("ANGGARAN PELAKSANAAN", None),
        # probe 22: a BPBD's plan
        ("RINCIAN RENCANA AKSI", "activity"),
        ("INDIKATOR HASIL", "indicator"),
        ("BUKTI PELAKSANAAN", "evidence"),
        ("RENCANA WAKTU PELAKSANAAN T.A. 2026", "schedule"),
        ("RENCANA WAKTU PELAKSANAAN T.A. 2026 Ags", "month:8"),
        # probe 23: a Kejaksaan Negeri's plan
        ("SUB AREA", "component.text"),
        ("BENTUK KEGIATAN", "activity"),
        ("LUARAN", "evidence"),
        ("BIDANG / SEKSI", "responsible"),
        # probes 24-25: a Disdukcapil's and a Lapas's plans; months numbered under the half
        # of the year, or under a group naming its unit
        ("RENCANA KERJA", "activity"),
        ("UKURAN KINERJA", "indicator"),
        ("TARGET CAPAIAN", "indicator"),
        ("PRODUK", "evidence"),
        ("DOKUMEN OUTPUT", "evidence"),
        ("KOORDINATOR", "responsible"),
        ("PROGRAM KERJA", "area.name"),
        ("SEMESTER II", "schedule"),
        ("SEMESTER I 1", "month:1"),
        ("SEMESTER II 12", "month:12"),
        ("WAKTU KEGIATAN (BULAN KE-)", "schedule"),
        ("WAKTU KEGIATAN (BULAN KE-) 7", "month:7"),
        # probes 26-27: a BPS office's and a Setwan's plans ('SUB AREA PERUBAHAN' reached
        # AREA PERUBAHAN by fuzzy match)
        ("UNSUR PENGUNGKIT", "area.name"),
        ("DESKRIPSI KEGIATAN", "activity"),
        ("UKURAN CAPAIAN", "indicator"),
        ("TARGET KINERJA", "indicator"),
        ("DOKUMEN HASIL", "evidence"),
        ("TENGGAT WAKTU", "schedule"),
        ("FUNGSI / TIM KERJA", "responsible"),
        ("BAGIAN PENANGGUNG JAWAB", "responsible"),
        ("SUB AREA PERUBAHAN", "component.text"),
        ("JADWAL TRIWULANAN IV", "quarter:4"),
        # probe 28: a BKD's plan, its month names broken over two lines of narrow cells
        ("FOKUS PERUBAHAN", "area.name"),
        ("KEGIATAN YANG AKAN DILAKSANAKAN", "activity"),
        ("KINERJA YANG DIHARAPKAN", "indicator"),
        ("DOKUMEN YANG DIHASILKAN", "evidence"),
        ("BIDANG PENGAMPU", "responsible"),
        ("TIME SCHEDULE TAHUN 2026 JANU ARI", "month:1"),
        ("TIME SCHEDULE TAHUN 2026 SEPTE MBER", "month:9"),
        ("TIME SCHEDULE TAHUN 2026 MARE T", "month:3"),
        ("KEGIATAN MARE T", None),
        # probe 29: a Kantor SAR's plan
        ("SASARAN STRATEGIS", "component.text"),
        ("AKSI PERUBAHAN", "activity"),
        ("TOLOK UKUR OUTPUT", "indicator"),
        ("WAKTU PENCAPAIAN", "schedule"),
        ("PELAKSANA TEKNIS", "responsible"),
        ("KETERANGAN TAMBAHAN", "note"),
        ("BUKTI ae", None),
        ("ANGGARAN (Rp)", None),
    ],
)
def test_header_words_of_an_rsud_plan(printed: str, field: str | None) -> None:
    assert field_of(printed, THRESHOLD) == field


def _rsud_plan(
    numbers: list[str], text_layer: str = "native", areas: tuple[str, ...] = ()
) -> Decree:
    """An RSUD plan: NO | AREA PERUBAHAN (merged over its rows) | TAHAPAN KEGIATAN | UKURAN
    KEBERHASILAN | HASIL YANG DIHARAPKAN | WAKTU PELAKSANAAN over Jan Feb Mar | ANGGARAN
    (Rp) | PENANGGUNG JAWAB | KET, two rows per area (default: areas I and II), normalized."""
    areas = areas or ("I. Manajemen Perubahan", "II. Penataan Tatalaksana")
    head = ["NO", "AREA PERUBAHAN", "TAHAPAN KEGIATAN", "UKURAN KEBERHASILAN"]
    head += ["HASIL YANG DIHARAPKAN", "WAKTU PELAKSANAAN", "", "", "ANGGARAN (Rp)"]
    head += ["PENANGGUNG JAWAB", "KET"]
    months = ["", "", "", "", "", "Jan", "Feb", "Mar", "", "", ""]
    pair = [
        ["1) Membentuk tim", "Tim terbentuk", "SK Tim", "√", "", ""],
        ["2) Menyusun SOP", "SOP mutakhir", "Dokumen SOP", "", "√", "√"],
    ]
    body = [
        [numbers[2 * a + k], area if k == 0 else "", *pair[k]]
        for a, area in enumerate(areas)
        for k in range(2)
    ]
    rows = [head, months] + [[*r, "Rp 2.500.000", "Bagian Umum", "-"] for r in body]
    spans = {(0, c): (2, 1) for c in (0, 1, 2, 3, 4, 8, 9, 10)}
    spans |= {(0, 5): (1, 3)} | {(2 + 2 * a, 1): (2, 1) for a in range(len(areas))}
    table = _table(rows, spans)
    page = RawPage(
        number=1, width=842.0, height=595.0, orientation="landscape", text_layer=text_layer
    )
    raw = RawDocument(file="x.pdf", sha256="0" * 64, pages=(page,), tables=(table,))
    return normalize_document(raw, NormalizeSettings())


def test_an_rsud_plan_numbers_its_rows_and_its_areas_apart() -> None:
    """NO numbers the rows ('1'..'4') while the merged area cells print their own codes
    ('I. Manajemen Perubahan'): NO is the component's number, the area's code is its own.
    The budget column names no field: kept out of the rows, with a warning."""
    decree = _rsud_plan(["1", "2", "3", "4"])
    (table,) = decree.tables
    assert table.layout == "action_plan"
    assert [(r.area.code, r.area.name) for r in table.rows if r.area] == [
        ("I", "Manajemen Perubahan"),
        ("I", "Manajemen Perubahan"),
        ("II", "Penataan Tatalaksana"),
        ("II", "Penataan Tatalaksana"),
    ]
    assert [r.component.number for r in table.rows if r.component] == ["1", "2", "3", "4"]
    assert [r.activity for r in table.rows] == ["1) Membentuk tim", "2) Menyusun SOP"] * 2
    assert (table.rows[0].indicator, table.rows[1].evidence) == ("Tim terbentuk", ["Dokumen SOP"])
    assert [r.schedule.months for r in table.rows if r.schedule] == [[1], [2, 3]] * 2
    assert table.columns["NO"] == "component.number"
    assert "ANGGARAN (Rp)" not in table.columns
    assert any(w.code == "unmapped_column" and "ANGGARAN" in w.message for w in decree.warnings)


def test_a_no_column_repeating_the_areas_codes_stays_the_areas_code() -> None:
    """NO printing the area's own code beside it ('I' | 'I. Manajemen ...') numbers the
    areas: it stays their code."""
    (table,) = _rsud_plan(["I", "", "II", ""]).tables
    assert table.columns["NO"] == "area.code"
    assert [r.area.code for r in table.rows if r.area] == ["I", "I", "II", "II"]
    assert all(r.component is None for r in table.rows)


def test_area_column_codes_misread_by_ocr_are_put_back_by_place() -> None:
    """The k-th area of the column is numeral k when most codes read there say so: a code
    OCR misread ('JII' for 'II', 'IV' for 'V', 'IVI' for 'VI', 'L' for 'I') or reduced to
    its mark ('. Manajemen') is put back, on OCR'd pages only."""
    read = [
        ". Manajemen Perubahan",
        "JII. Penataan Tatalaksana",
        "III. Penataan Sistem Manajemen SDM",
        "IV. Penguatan Akuntabilitas",
        "IV. Penguatan Pengawasan",
        "IVI. Peningkatan Kualitas Pelayanan Publik",
    ]
    rows = [_row(["", text, "kegiatan"], page=3) for text in read]
    rows.insert(1, _row(["", "", "kegiatan"], page=3))  # a row under the merged cell
    restored = restore_area_column_codes(rows, 1, frozenset({3}))
    assert [split_code(r.cells[1])[0] for r in restored if r.cells[1]] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
    ]
    assert restored[0].edits[0].kind == "ocr_section_code"
    assert restored[5].cells[1] == "V. Penguatan Pengawasan"
    # 'L' for 'I', and an area printed again where its merged cell goes on to a new page
    names = ["L. Umum", "II. Kinerja", "II. Kinerja", "III. Sumber Daya"]
    again = [_row(["", t, "kegiatan"], page=3) for t in names]
    assert [r.cells[1] for r in restore_area_column_codes(again, 1, frozenset({3}))] == [
        "I. Umum",
        "II. Kinerja",
        "II. Kinerja",
        "III. Sumber Daya",
    ]
    # a native text layer is the document's own; codes agreeing on no place are left
    assert restore_area_column_codes(rows, 1, frozenset()) == tuple(rows)
    odd = [_row(["", t, "kegiatan"], page=3) for t in ["III. Aa", "I. Bb", "IV. Cc", "L. Dd"]]
    assert restore_area_column_codes(odd, 1, frozenset({3})) == tuple(odd)


def test_area_codes_in_a_column_of_their_own_read_as_no_numeral_are_put_back() -> None:
    """A polytechnic's plan (probe 11): NO holds the area's Roman code, KOMPONEN
    PENGUNGKIT its name, both merged over the area's rows; OCR read 'I' as nothing,
    'II' as a quote and 'III' as 'MN'. The k-th area is numeral k when the codes read
    (IV, V, VI) say so; a cell of text or a native page is left alone."""
    names = ["Manajemen", "Tatalaksana", "SDM", "Akuntabilitas", "Pengawasan", "Pelayanan"]
    codes = ["", '"', "MN", "IV", "V", "VI"]
    rows = []
    for code, name in zip(codes, names, strict=True):
        rows += [_row([code, name, "aksi"], page=3), _row(["", "", "aksi"], page=3)]
    restored = restore_area_code_column(rows, 0, 1, frozenset({3}))
    assert [r.cells[0] for r in restored[::2]] == ["I", "II", "III", "IV", "V", "VI"]
    assert [r.cells[0] for r in restored[1::2]] == [""] * 6
    assert restored[2].edits == (CellEdit(0, "ocr_section_code", '"', "II"),)
    assert restore_area_code_column(rows, 0, 1, frozenset()) == tuple(rows)
    worded = [_row(["Umum", "Manajemen", "aksi"], page=3), *rows[2:]]
    assert restore_area_code_column(worded, 0, 1, frozenset({3}))[0].cells[0] == "Umum"
    # a numeral read with a stroke too few or misread (probe 27 scan: 'I' for II, 'Vill'
    # for VIII) is put back too; a well-read numeral out of order is the document's own
    strokes = ["I", "I", "III", "IV", "V", "VI", "VII", "Vill"]
    eight = [*names, "Kebijakan", "Pelayanan Publik"]
    misread = [_row([c, n, "aksi"], page=3) for c, n in zip(strokes, eight, strict=True)]
    restored = restore_area_code_column(misread, 0, 1, frozenset({3}))
    assert " ".join(r.cells[0] for r in restored) == "I II III IV V VI VII VIII"
    order = ["I", "II", "III", "VI", "V", "VI"]
    swapped = [_row([c, n, "aksi"], page=3) for c, n in zip(order, names, strict=True)]
    assert restore_area_code_column(swapped, 0, 1, frozenset({3}))[3].cells[0] == "VI"


def test_an_ocr_table_gets_its_area_column_codes_back() -> None:
    """Through normalize_document: on an OCR'd page the area column's lost code is put
    back, reported as a repair of the area."""
    areas = (". Manajemen Perubahan", "II. Penataan Tatalaksana", "III. Penataan SDM")
    (table,) = _rsud_plan([str(n) for n in range(1, 7)], "ocr", areas).tables
    assert [r.area.code for r in table.rows if r.area] == ["I", "I", "II", "II", "III", "III"]
    assert table.rows[0].area.name == "Manajemen Perubahan"
    assert [(e.field, e.before, e.after) for e in table.rows[0].repairs][:1] == [
        ("area", ". Manajemen Perubahan", "I. Manajemen Perubahan")
    ]


def test_a_table_title_is_the_heading_aligned_as_its_lowest_line() -> None:
    """Above a landscape table: the LAMPIRAN heading to the right, then a centred title
    (kpu-kudus-2022-rb's layout); above a portrait one: a paragraph and a numbered
    section heading flush left, then a centred title. Only the centred lines are the
    title. A flush-left title keeps its lines and stops at a sentence's end."""
    table = _table([["NO", "KOMPONEN"], ["1", "Tim"]]).model_copy(
        update={"bbox": (43.0, 198.0, 893.0, 518.0)}
    )
    heading = [
        ("LAMPIRAN", (510, 44, 573, 56)),
        ("NOMOR 04/HK.03.1/3319/2022", (510, 72, 669, 84)),
        ("KABUPATEN KUDUS TAHUN 2022", (510, 127, 699, 139)),
        ("RENCANA AKSI REFORMASI BIROKRASI DI LINGKUNGAN SEKRETARIAT", (129, 162, 807, 174)),
        ("KUDUS", (447, 175, 489, 187)),
    ]
    page = _page(1, [(text, box, False) for text, box in heading])
    title = "RENCANA AKSI REFORMASI BIROKRASI DI LINGKUNGAN SEKRETARIAT KUDUS"
    assert find_title(table, page) == title
    portrait = table.model_copy(update={"bbox": (71.0, 381.0, 553.0, 842.0)})
    lines = [
        ("tidak termasuk area perubahan dicantumkan tersendiri.", (91, 285, 420, 297)),
        ("II. MATRIKS RENCANA KERJA", (71, 311, 255, 323)),
        ("MATRIKS RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS", (122, 344, 501, 356)),
        ("TAHUN 2026", (277, 358, 347, 370)),
    ]
    page = _page(1, [(text, box, False) for text, box in lines])
    assert (
        find_title(portrait, page) == "MATRIKS RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026"
    )
    flush = [
        ("Kegiatan di bawah ini dilaksanakan.", (71, 330, 300, 342)),
        ("Tabel 2. Kawasan", (71, 344, 200, 356)),
        ("Pelabuhan", (71, 358, 140, 370)),
    ]
    page = _page(1, [(text, box, False) for text, box in flush])
    assert find_title(portrait, page) == "Tabel 2. Kawasan Pelabuhan"
    # Probe 14: a paragraph leading into the table, and no title.
    lead = [
        ("Rencana aksi dan penanggung jawab setiap rencana", (71, 330, 500, 342)),
        ("aksi disajikan dalam matriks berikut.", (71, 344, 300, 356)),
    ]
    page = _page(1, [(text, box, False) for text, box in lead])
    assert find_title(portrait, page) is None
    # A heading ending with a colon is one (Perbup Donggala 4/2025's key to a form).
    page = _page(1, [("Keterangan:", (71, 358, 150, 370), False)])
    assert find_title(portrait, page) == "Keterangan:"


def test_a_doubled_letter_label_follows_the_columns_previous_label() -> None:
    rows = [
        _row(["a. Perencanaan", "x"], 2),
        _row(["b. Pelaksanaan", "x"], 2),
        _row(["Cc. Pemantauan dan Evaluasi", "Oo. rapat"], 2),
        _row(["D. Lain", "x"], 2),
        _row(["Ee. tidak", "x"], 2),
    ]
    undoubled = undouble_labels(rows, frozenset({2}))
    assert undoubled[2].cells == ("c. Pemantauan dan Evaluasi", "Oo. rapat")
    assert [(e.kind, e.before, e.after) for e in undoubled[2].edits] == [
        ("ocr_confusion", "Cc. Pemantauan dan Evaluasi", "c. Pemantauan dan Evaluasi")
    ]
    assert undoubled[:2] + undoubled[3:] == tuple(rows[:2] + rows[3:])
    upper = [_row(["B) Satu"], 2), _row(["Cc) Dua"], 2), _row(["Cc) Tiga"], 1)]
    assert [r.cells[0] for r in undouble_labels(upper, frozenset({2}))] == [
        "B) Satu",
        "C) Dua",
        "Cc) Tiga",
    ]
    assert undouble_labels([_row(["b. Satu"], 2), _row(["Cc) Dua"], 2)], frozenset({2}))[
        1
    ].cells == ("Cc) Dua",)
