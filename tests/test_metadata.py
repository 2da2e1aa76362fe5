"""parse_metadata / parse_legal_bases / indonesian_dates / build_jdih against the gold.

Inputs are built the way a PDF would present them: the seed transcripts' body text laid out
as text lines (wrapped near 90 characters, hanging indents, label columns, page numbers,
the 'jdih.kpu.go.id' watermark, a 'SALINAN' stamp and a following LAMPIRAN page that
repeats NOMOR/TENTANG). When the corpus PDFs exist, pdfplumber's lines of their pages are
used too (pdfplumber only builds the test input; normalize never opens a PDF).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.build_jdih import build_jdih, jenis, no_peraturan, subjek, teu_badan, title_case
from normalize.doubt_name import name_doubts
from normalize.doubt_number import number_doubts
from normalize.indonesian_dates import month_number, parse_indonesian_date
from normalize.parse_legal_bases import parse_legal_basis
from normalize.parse_metadata import number_as_written, parse_metadata
from normalize.read_signatory import (
    best_name,
    clean_name,
    is_damaged_issuer,
    is_issuer_piece,
    is_upper_name,
    names_nobody,
    repaired_position,
)
from normalize.repair_title import repair_title, restore_roman_months, restore_signed_month
from schemas.decree import DecreeMetadata, Signatory
from schemas.gold import GoldDecree
from schemas.raw import RawPage, TextLine
from tests.conftest import CORPUS_REAL, SEEDS

ROOT = Path(__file__).resolve().parents[1]
SEED_OF = {
    "kpu-kudus-2025-zi": "003_720908ab670b0c96.txt",
    "kpu-kudus-2022-rb": "000_227f3e66454b1dc0.txt",
}
FIELDS = [name for name in DecreeMetadata.model_fields if name != "jdih"]


def _gold(corpus_id: str) -> GoldDecree:
    path = ROOT / "corpus" / corpus_id / "gold.yaml"
    return GoldDecree.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _assert_metadata(got: DecreeMetadata, want: DecreeMetadata) -> None:
    for name in FIELDS:
        assert getattr(got, name) == getattr(want, name), name


# --- a transcript laid out as PDF text lines ------------------------------------------------

PAGE_W, PAGE_H, LEFT, RIGHT = 609.4, 935.4, 71.0, 540.0
COLON_X, ITEM_X, TEXT_X = 167.0, 179.0, 199.0
SIZE, PITCH = 12.0, 13.8
_LABEL = re.compile(
    r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|KE(?:SATU|DUA|TIGA|EMPAT|LIMA|ENAM))\s*:\s*(.*)$"
)
_ITEM = re.compile(r"^((?:[a-z]|\d{1,2})\.)\s+(.*)$")


def _transcript_paragraphs(seed: str) -> tuple[list[str], list[str]]:
    """(body lines with '' for blank lines, LAMPIRAN header lines) without markdown."""
    lines = []
    for raw in (SEEDS / seed).read_text(encoding="utf-8").splitlines():
        text = re.sub(r"\*+|</?i>", "", raw).strip()
        lines.append(re.sub(r"^-\s+", "", text))
    end = lines.index("LAMPIRAN")
    header = [line for line in lines[end : end + 16] if line][:8]
    return lines[:end], header


def _wrap(text: str, x: float) -> list[str]:
    """Greedy wrap at about 90 characters for a line starting at the left margin."""
    width = int((RIGHT - x) / 5.2)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@dataclass
class _Layout:
    """Places printed rows on F4 pages; `split` prints labels as separate text lines."""

    split: bool
    pages: list[list[TextLine]] = field(default_factory=lambda: [[]])
    y: float = 90.0

    def row(self, pieces: list[tuple[float, str]], bold: bool = False) -> None:
        if self.y > PAGE_H - 70:
            self.pages.append([])
            self.y = 90.0
        if not self.split:
            pieces = [(pieces[0][0], " ".join(text for _, text in pieces))]
        for x, text in pieces:
            width = len(text) * 5.2
            line = TextLine(
                text=text, bbox=(x, self.y, x + width, self.y + SIZE), size=SIZE, bold=bold
            )
            self.pages[-1].append(line)
        self.y += PITCH

    def blank(self) -> None:
        self.y += PITCH

    def paragraph(self, first: list[tuple[float, str]], text: str, hang: float) -> None:
        width_x = first[-1][0] if first else hang
        lines = _wrap(text, width_x) or [""]
        self.row([*first, (width_x, lines[0])] if lines[0] else first)
        for line in _wrap(" ".join(lines[1:]), hang):
            self.row([(hang, line)])


def _raw_pages(seed: str, split: bool) -> list[RawPage]:
    """The seed's body as RawPages plus one landscape LAMPIRAN page."""
    body, header = _transcript_paragraphs(seed)
    layout = _Layout(split)
    started = False
    closing_x: float | None = None
    hang = TEXT_X
    for text in body:
        label, item = _LABEL.match(text), _ITEM.match(text)
        if text.startswith("Ditetapkan") or text.startswith("Salinan"):
            closing_x = LEFT if text.startswith("Salinan") else 305.0
        if not text:
            layout.blank()
        elif closing_x is not None:
            layout.row([(closing_x, text)])
        elif label:
            started = True
            pieces = [(LEFT, label.group(1)), (COLON_X, ":")]
            rest_item = _ITEM.match(label.group(2))
            hang = TEXT_X if rest_item else ITEM_X
            if rest_item:
                layout.paragraph([*pieces, (ITEM_X, rest_item.group(1))], rest_item.group(2), hang)
            elif label.group(2):
                layout.paragraph(pieces, label.group(2), hang)
            else:
                layout.row(pieces)
        elif item and started:
            hang = TEXT_X
            layout.paragraph([(ITEM_X, item.group(1))], item.group(2), hang)
        elif started and not text.startswith("MEMUTUSKAN"):
            layout.paragraph([], text, hang)
        else:
            layout.row([((PAGE_W - len(text) * 6.0) / 2, text)], bold=True)
    pages = []
    for number, lines in enumerate(layout.pages, start=1):
        furniture = [TextLine(text=f"- {number} -", bbox=(290, 40, 320, 52), size=SIZE)]
        if number == 1:
            furniture = [TextLine(text="SALINAN", bbox=(480, 40, 540, 52), size=SIZE, bold=True)]
        middle = len(lines) // 2
        watermark = TextLine(text="jdih.kpu.go.id", bbox=(200, 450, 400, 470), size=20)
        ordered = (*furniture, *lines[:middle], watermark, *lines[middle:])
        pages.append(
            RawPage(
                number=number,
                width=PAGE_W,
                height=PAGE_H,
                orientation="portrait",
                text_layer="native",
                lines=ordered,
            )
        )
    lampiran = tuple(
        TextLine(text=text, bbox=(650, 40 + 14 * i, 900, 52 + 14 * i), size=SIZE)
        for i, text in enumerate(header)
    )
    pages.append(
        RawPage(
            number=len(pages) + 1,
            width=PAGE_H,
            height=PAGE_W,
            orientation="landscape",
            text_layer="native",
            lines=lampiran,
        )
    )
    return pages


@pytest.mark.parametrize("split", [False, True], ids=["row-lines", "label-pieces"])
@pytest.mark.parametrize("corpus_id", sorted(SEED_OF))
def test_transcript_body_gives_gold_metadata(corpus_id: str, split: bool) -> None:
    pages = _raw_pages(SEED_OF[corpus_id], split)
    _assert_metadata(parse_metadata(pages), _gold(corpus_id).metadata)


def test_lampiran_header_does_not_override_body() -> None:
    pages = _raw_pages(SEED_OF["kpu-kudus-2025-zi"], split=False)
    last = pages[-1]
    assert any(line.text.startswith("NOMOR") for line in last.lines)
    meta = parse_metadata(pages)
    assert meta.title is not None and meta.title.startswith("RENCANA AKSI PEMBANGUNAN")
    assert not any("LAMPIRAN" in dictum.text for dictum in meta.dicta)


def test_furniture_does_not_leak() -> None:
    meta = parse_metadata(_raw_pages(SEED_OF["kpu-kudus-2022-rb"], split=True))
    texts = [
        *meta.considerations,
        *(b.text for b in meta.legal_bases),
        *(d.text for d in meta.dicta),
    ]
    assert not any(
        "jdih" in text or "SALINAN" in text or re.search(r"- \d+ -", text) for text in texts
    )


# --- the corpus PDFs, read by pdfplumber (test input only) ----------------------------------


@functools.lru_cache(maxsize=64)
def _plumber_words(path: Path, number: int) -> tuple[tuple[dict, ...], ...]:
    """pdfplumber's words of one page, clustered into printed rows (cached per page)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfplumber.utils import cluster_objects

    with pdfplumber.open(path) as pdf:
        words = pdf.pages[number - 1].extract_words(extra_attrs=["fontname"])
    rows = cluster_objects(words, "top", 3)
    return tuple(tuple(sorted(row, key=lambda w: w["x0"])) for row in rows)


def _body_page_numbers(path: Path) -> set[int]:
    """The pages up to the first one opening with LAMPIRAN (or a landscape one), inclusive."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        sizes = [(page.width, page.height) for page in pdf.pages]
    numbers: set[int] = set()
    for number, (width, height) in enumerate(sizes, start=1):
        numbers.add(number)
        top_rows = _plumber_words(path, number)[:3]
        if width > height or any(row and row[0]["text"] == "LAMPIRAN" for row in top_rows):
            break
    return numbers


def _plumber_pages(path: Path, numbers: set[int], split: bool = False) -> list[RawPage]:
    """pdfplumber's words grouped into lines; `split` breaks a line at wide gaps (columns)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    pages = []
    with pdfplumber.open(path) as pdf:
        sizes = {
            n: (float(pdf.pages[n - 1].width), float(pdf.pages[n - 1].height)) for n in numbers
        }
    for number in sorted(numbers):
        lines: list[TextLine] = []
        for row in _plumber_words(path, number):
            groups: list[list[dict]] = []
            for word in row:
                if groups and not (split and word["x0"] - groups[-1][-1]["x1"] > 20):
                    groups[-1].append(word)
                else:
                    groups.append([word])
            lines.extend(
                TextLine(
                    text=" ".join(w["text"] for w in group),
                    bbox=(
                        min(w["x0"] for w in group),
                        min(w["top"] for w in group),
                        max(w["x1"] for w in group),
                        max(w["bottom"] for w in group),
                    ),
                    size=statistics.median(w["bottom"] - w["top"] for w in group),
                    bold=sum("Bold" in w["fontname"] for w in group) * 2 > len(group),
                )
                for group in groups
            )
        width, height = sizes[number]
        pages.append(
            RawPage(
                number=number,
                width=width,
                height=height,
                orientation="portrait" if height >= width else "landscape",
                text_layer="native",
                lines=tuple(lines),
            )
        )
    return pages


def _corpus_pdfs() -> Iterator[tuple[str, Path]]:
    for gold in sorted((ROOT / "corpus").glob("*/gold.yaml")):
        yield gold.parent.name, gold.parent / "pdf" / "born-digital.pdf"


@pytest.mark.parametrize("split", [False, True], ids=["row-lines", "label-pieces"])
@pytest.mark.parametrize(("corpus_id", "pdf"), list(_corpus_pdfs()), ids=lambda v: str(v)[-40:])
def test_born_digital_pdf_gives_gold_metadata(corpus_id: str, pdf: Path, split: bool) -> None:
    if not pdf.exists():
        pytest.skip(f"{pdf} not rendered yet")
    pages = _plumber_pages(pdf, _body_page_numbers(pdf), split)
    _assert_metadata(parse_metadata(pages), _gold(corpus_id).metadata)


HEADER_FACTS = ("institution", "kind", "number", "year", "title", "place", "date")


@pytest.mark.parametrize("variant", ["scan-ocr", "scan-vendor-ocr"])
@pytest.mark.parametrize("corpus_id", [corpus_id for corpus_id, _ in _corpus_pdfs()])
def test_ocr_variants_keep_title_block_and_closing(corpus_id: str, variant: str) -> None:
    """Scanned variants with an OCR text layer: the title block and closing are exact.

    (Items and signatories are measured by `make eval`; OCR may damage single words.)
    """
    pdf = ROOT / "corpus" / corpus_id / "pdf" / f"{variant}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} not rendered yet")
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as document:
        last = len(document.pages)
    meta = parse_metadata(_plumber_pages(pdf, _body_page_numbers(pdf) | {last}))
    want = _gold(corpus_id).metadata
    assert {name: getattr(meta, name) for name in HEADER_FACTS} == {
        name: getattr(want, name) for name in HEADER_FACTS
    }


REAL_DOCUMENTS = {
    # file stem: pages read (the body and the first Lampiran page)
    "zi_permenpanrb-90-2021_pembangunan-evaluasi-zi": range(1, 9),
    "zi_permenpanrb-52-2014_pedoman-pembangunan-zi": range(1, 6),
    "donggala_perbup-24-2025_alokasi-dana-desa": range(1, 8),
    "bali_pergub-1-2021_lampiran-I_kelas-jabatan": (1, 46),
}


@pytest.mark.parametrize("stem", sorted(REAL_DOCUMENTS))
def test_real_born_digital_regulations(stem: str) -> None:
    """Peraturan (Pasal, no diktum) and a Lampiran-only file: the hand-checked facts.

    The real-document yamls write the number without its year ('90' for 'NOMOR 90 TAHUN
    2021'); the corpus gold convention keeps it as written ('90 Tahun 2021').
    """
    pdf = CORPUS_REAL / f"{stem}.pdf"
    want = yaml.safe_load((ROOT / "corpus" / "real" / f"{stem}.yaml").read_text())["decree"]
    meta = parse_metadata(_plumber_pages(pdf, set(REAL_DOCUMENTS[stem])))
    assert meta.kind == want["kind"]
    assert meta.institution == want["institution"]
    assert meta.year == want["year"]
    assert meta.title == want["title"]
    assert meta.place == want["place"]
    assert meta.date == want["date"]
    assert meta.signatory == Signatory(**want["signatory"])
    assert meta.dicta == []
    if stem.startswith("bali"):
        assert meta.number == "I Tahun 2021"  # printed Roman 'I'; the yaml normalises it to '1'
    else:
        assert meta.number == f"{want['number']} Tahun {want['year']}"


# --- robustness ---------------------------------------------------------------------------

_VOCABULARY = (
    "Menimbang Mengingat Memperhatikan MEMUTUSKAN Menetapkan KESATU KEDUA : a. b. 1. 2. "
    "KEPUTUSAN PERATURAN NOMOR TENTANG TAHUN 2025 Ditetapkan di pada tanggal Januari ttd "
    "LAMPIRAN Pasal BAB I , bahwa Undang-Undang Nomor jdih.kpu.go.id - 2 - KETUA SALINAN"
)
_WORDS = st.sampled_from(_VOCABULARY.split())
_TEXT = st.one_of(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), st.text(max_size=30))
_LINE = st.builds(
    lambda text, x, y, h: TextLine(text=text, bbox=(x, y, x + 100, y + h)),
    _TEXT,
    st.floats(0, 500, allow_nan=False),
    st.floats(0, 900, allow_nan=False),
    st.floats(0, 20, allow_nan=False),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_LINE, max_size=25), max_size=4))
def test_parse_metadata_never_raises(pages_lines: list[list[TextLine]]) -> None:
    pages = [
        RawPage(
            number=i + 1,
            width=600,
            height=900,
            orientation="portrait",
            text_layer="ocr",
            lines=tuple(lines),
        )
        for i, lines in enumerate(pages_lines)
    ]
    meta = parse_metadata(pages)
    assert meta.jdih is not None


def test_empty_document_gives_nulls() -> None:
    meta = parse_metadata([])
    assert (meta.institution, meta.number, meta.title, meta.date, meta.signatory) == (None,) * 5
    assert meta.kind == "Keputusan" and meta.considerations == [] and meta.dicta == []


def test_ocr_noise_in_labels_and_dates() -> None:
    def line(text: str, x: float, y: float) -> TextLine:
        return TextLine(text=text, bbox=(x, y, x + 300, y + 12))

    lines = (
        line("KEPUTUSAN BUPATI DONGGALA", 200, 100),
        line("NOMQR : 188.45/0602 / Bag.Hukum/ 2025", 200, 114),
        line("TENTANG", 260, 135),
        line("PENETAPAN PANITIA PELAKSANA", 180, 156),
        line("DENGAN RAHMAT TUHAN YANG MAHA ESA", 180, 190),
        line("BUPATI DONGGALA,", 220, 220),
        line("Menimbang : a. bahwa untuk kelancaran;", 70, 250),
        line(
            "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;", 70, 270
        ),
        line("MEMUTUSKAN:", 250, 290),
        line("Menetapkan :", 70, 310),
        line("KESATU : Membentuk panitia.", 70, 330),
        line("Ditetapkan dl Donggala", 330, 360),
        line("pada tanggal 2 Desernber 2O25", 330, 374),
        line("BUPATI DONGGALA,", 330, 400),
        line("VERA ELENA LARUNI ~", 330, 450),
    )
    meta = parse_metadata(
        [
            RawPage(
                number=1,
                width=600,
                height=900,
                orientation="portrait",
                text_layer="ocr",
                lines=lines,
            )
        ]
    )
    assert meta.institution == "Bupati Donggala"
    assert meta.number == "188.45/0602/Bag.Hukum/2025" and meta.year == 2025
    assert meta.title == "PENETAPAN PANITIA PELAKSANA"
    assert meta.place == "Donggala" and meta.date == dt.date(2025, 12, 2)
    assert meta.signatory == Signatory(name="VERA ELENA LARUNI", position="BUPATI DONGGALA")
    assert meta.considerations == ["bahwa untuk kelancaran;"]
    assert [d.label for d in meta.dicta] == ["KESATU"]


# --- the small parsers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("pada tanggal 2 Januari 2025", dt.date(2025, 1, 2)),
        ("pada tanggal 04 Januari 2022", dt.date(2022, 1, 4)),
        ("Jakarta, 29 Maret 2017", dt.date(2017, 3, 29)),
        ("tanggal 17 Agustus 1945", dt.date(1945, 8, 17)),
        ("pada tanggal 1 Nopember 2020", dt.date(2020, 11, 1)),
        ("pada tanggal 2 Desernber 2O25", dt.date(2025, 12, 2)),
        ("31 Februari 2025", None),
        ("tanpa tanggal", None),
        ("pada tanggal 02-01-2025", dt.date(2025, 1, 2)),
        ("tanggal : 2/1/2025", dt.date(2025, 1, 2)),
        ("pada tanggal 31-02-2025", None),
        ("NOMOR 4/1/2025", None),
        # A vendor text layer that lost the space after 'tanggal' (probe 12).
        ("pada tanggal8 Januari 2026", dt.date(2026, 1, 8)),
        ("tanggal02-01-2025", dt.date(2025, 1, 2)),
        ("Nomor8 Januari 2026", None),
        # ... and the space between the day and the month (probe 26).
        ("pada tanggal 9Februari 2026", dt.date(2026, 2, 9)),
        ("Nomor 12A Tahun 2026", None),
    ],
)
def test_parse_indonesian_date(text: str, want: dt.date | None) -> None:
    assert parse_indonesian_date(text) == want


def test_month_number_exact_fuzzy_and_refusals() -> None:
    assert [month_number(m) for m in ("Januari", "MEI", "Agt", "Des", "Januar", "Oktaber")] == [
        1,
        5,
        8,
        12,
        1,
        10,
    ]
    assert [month_number(w) for w in ("Juni", "Juli", "Jani", "Kerja", "Semester")] == [
        6,
        7,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "kind", "number", "year", "title"),
    [
        (
            "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum (Lembaran Negara Republik "
            "Indonesia Tahun 2017 Nomor 182);",
            "Undang-Undang",
            "7",
            2017,
            "Pemilihan Umum",
        ),
        (
            "Keputusan Keputusan Komisi Pemilihan Umum Nomor 314/ORT.07-Kpt/01/KPU/V/2021 tentang "
            "Petunjuk Teknis;",
            "Keputusan Komisi Pemilihan Umum",
            "314/ORT.07-Kpt/01/KPU/V/2021",
            2021,
            "Petunjuk Teknis",
        ),
        (
            "Peraturan Menteri X Nomor 5 Tahun 2024 tentang Perubahan atas Y sebagaimana telah diubah",
            "Peraturan Menteri X",
            "5",
            2024,
            "Perubahan atas Y",
        ),
        (
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah yang telah diubah "
            "beberapa kali terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
            "Undang-Undang",
            "23",
            2014,
            "Pemerintahan Daerah",
        ),
        (
            "Peraturan Daerah Nomor 4 Tahun 2016 tentang Perangkat Daerah, yang telah beberapa "
            "kali diubah terakhir dengan Peraturan Daerah Nomor 2 Tahun 2023;",
            "Peraturan Daerah",
            "4",
            2016,
            "Perangkat Daerah",
        ),
        (
            "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah jo. "
            "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020;",
            "Peraturan Pemerintah",
            "12",
            2019,
            "Pengelolaan Keuangan Daerah",
        ),
        (
            "Peraturan Bupati Nomor 8 Tahun 2021 tentang Tata Kerja juncto Peraturan Bupati "
            "Nomor 3 Tahun 2022;",
            "Peraturan Bupati",
            "8",
            2021,
            "Tata Kerja",
        ),
        (
            "Pasal 17 ayat (3) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;",
            "Undang-Undang Dasar Negara Republik Indonesia",
            None,
            1945,
            None,
        ),
        ("", None, None, None, None),
    ],
)
def test_parse_legal_basis(
    text: str, kind: str | None, number: str | None, year: int | None, title: str | None
) -> None:
    basis = parse_legal_basis(text)
    assert (basis.text, basis.kind, basis.number, basis.year, basis.title) == (
        " ".join(text.split()),
        kind,
        number,
        year,
        title,
    )


def test_build_jdih_for_the_2025_decree() -> None:
    jdih = build_jdih(_gold("kpu-kudus-2025-zi").metadata)
    assert jdih.judul == (
        "Keputusan Komisi Pemilihan Umum Kabupaten Kudus Nomor 14 Tahun 2025 tentang Rencana Aksi "
        "Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi "
        "Bersih dan Melayani di Lingkungan Komisi Pemilihan Umum Kabupaten Kudus Tahun 2025"
    )
    assert jdih.model_dump() | {"judul": ""} == {
        "judul": "",
        "jenis": "Keputusan Komisi Pemilihan Umum Kabupaten",
        "singkatanJenis": "Kep",
        "noPeraturan": "14",
        "tahun_pengundangan": "2025",
        "tanggal_penetapan": "2025-01-02",
        "tanggal_pengundangan": "",
        "tempatTerbit": "Kudus",
        "teuBadan": "Komisi Pemilihan Umum Kabupaten Kudus",
        "sumber": "",
        "subjek": "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS - WILAYAH BEBAS DARI KORUPSI DAN "
        "WILAYAH BIROKRASI BERSIH DAN MELAYANI - KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
        "status": "Berlaku",
        "bahasa": "Bahasa Indonesia",
        "bidangHukum": "Hukum Administrasi Negara",
    }


def test_build_jdih_title_case_without_running_text() -> None:
    jdih = build_jdih(_gold("kpu-kudus-2022-rb").metadata)
    assert jdih.judul.endswith(
        "Nomor 04/HK.03.1/3319/2022 tentang Penetapan Kegiatan Rencana Aksi Reformasi Birokrasi "
        "di Lingkungan Sekretariat Komisi Pemilihan Umum Kabupaten Kudus Tahun 2022"
    )
    assert jdih.tahun_pengundangan == "2022" and jdih.tanggal_penetapan == "2022-01-04"


def test_jdih_helpers() -> None:
    assert (
        title_case("KABUPATEN/KOTA DAN DPRD TAHUN 2025 BAB IV")
        == "Kabupaten/Kota dan Dprd Tahun 2025 Bab IV"
    )
    assert title_case("KEPUTUSAN MENTERI DALAM NEGERI") == "Keputusan Menteri Dalam Negeri"
    assert jenis("Keputusan", "Bupati Donggala") == "Keputusan Bupati"
    assert jenis("Peraturan", "Menteri Agama Republik Indonesia") == "Peraturan Menteri"
    assert teu_badan("Bupati Donggala") == "Kabupaten Donggala"
    assert teu_badan("Menteri Agama Republik Indonesia") == "Indonesia. Kementerian Agama"
    assert subjek(None) == "" and subjek("PEDOMAN TAHUN 2025") == "PEDOMAN"
    assert [no_peraturan(n) for n in ("14 Tahun 2025", "XI Tahun 2021", "188.45/XI/2025")] == [
        "14",
        "11",
        "188.45/XI/2025",
    ]
    empty = build_jdih(parse_metadata([]))
    assert (empty.judul, empty.noPeraturan, empty.tanggal_penetapan) == ("Keputusan", "", "")


def _page(rows: Sequence[tuple[str, float, float, float]], number: int = 1) -> RawPage:
    """A portrait page from (text, x0, x1, top) rows, 12 pt high."""
    lines = tuple(TextLine(text=text, bbox=(x0, top, x1, top + 12)) for text, x0, x1, top in rows)
    return RawPage(
        number=number,
        width=600,
        height=900,
        orientation="portrait",
        text_layer="ocr",
        lines=lines,
    )


def _with_landscape_lampiran(
    body: Sequence[tuple[str, float, float, float]],
    lampiran: Sequence[tuple[str, float, float, float]],
) -> DecreeMetadata:
    """The metadata of a body page and a landscape Lampiran page (see `_page`)."""
    landscape = _page(lampiran, number=2).model_copy(update={"width": 935.0})
    return parse_metadata([_page(body), landscape])


HEADING = [
    ("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN KUDUS", 130, 480, 100),
    ("NOMOR 14 TAHUN 2025", 230, 380, 121),
    ("TENTANG", 270, 330, 142),
    ("RENCANA AKSI", 250, 350, 163),
    ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 140, 470, 198),
]


def test_items_without_labels_split_where_justified_lines_stop_short() -> None:
    """OCR lost 'b.'/'c.' and read ';' as ',': short justified lines still end the items."""
    rows = [
        *HEADING,
        ("Menimbang : a. bahwa pertama yang cukup panjang untuk dibungkus ke", 70, 550, 230),
        ("baris berikutnya dan lagi ke baris berikutnya sampai ke tepi yang", 200, 551, 244),
        ("kanan, lalu selesai di sini,", 200, 380, 258),
        ("bahwa kedua yang juga panjang sekali sehingga harus dibungkus ke", 200, 550, 272),
        ("baris kedua dengan rata kiri dan kanan yang penuh sampai ke tepi", 200, 551, 286),
        ("kanan dan masih berlanjut lagi ke baris ketiga yang juga penuh", 200, 550, 300),
        ("sekali,", 200, 236, 314),
        ("bahwa ketiga;", 200, 280, 328),
        ("Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;", 70, 550, 350),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.considerations == [
        "bahwa pertama yang cukup panjang untuk dibungkus ke baris berikutnya dan lagi ke baris "
        "berikutnya sampai ke tepi yang kanan, lalu selesai di sini;",
        "bahwa kedua yang juga panjang sekali sehingga harus dibungkus ke baris kedua dengan rata "
        "kiri dan kanan yang penuh sampai ke tepi kanan dan masih berlanjut lagi ke baris ketiga "
        "yang juga penuh sekali;",
        "bahwa ketiga;",
    ]
    assert [basis.number for basis in meta.legal_bases] == ["7"]


CLOSING = [
    ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
    ("Ditetapkan di Kudus", 310, 420, 280),
    ("pada tanggal 2 Januari 2025", 310, 450, 294),
]


@pytest.mark.parametrize(
    ("position", "want"),
    [
        (
            "KET X KOMISI PEMILIHAN UMUM : ATEN KUDUS,",
            "KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
        ),
        (
            "Plh. KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,",
            "Plh. KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
        ),
        ("SEKRETARIS,", "SEKRETARIS"),
        ("be", "KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS"),
    ],
)
def test_stamped_position_is_the_issuer_line(position: str, want: str) -> None:
    rows = [*HEADING, *CLOSING, (position, 320, 540, 322), ("AHMAD AMIR FAISOL", 340, 480, 380)]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=want)


def test_a_position_line_taken_for_the_unread_name_goes_back_to_the_position() -> None:
    """Probe 18's scan-ocr: the stamp hid the position's last line and the name, so the
    position's second line was read as the name; it is a piece of the issuer line."""
    rows = [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI", 320, 540, 322),
        ("PEMILIHAN UMUM KABUPATEN", 320, 540, 336),
    ]
    lampiran = [("LAMPIRAN", 600, 700, 40), ("NOMOR 14 TAHUN 2025", 600, 760, 54)]
    signatory = parse_metadata([_page(rows), _page(lampiran, number=2)]).signatory
    assert signatory == Signatory(name=None, position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN")


@pytest.mark.parametrize("mark", [[], [("of", 10, 18, 3)]])
def test_a_mark_in_the_margin_is_not_the_label_column(
    mark: list[tuple[str, float, float, float]],
) -> None:
    # Kepbup Donggala 0561 p. 1: a speck read "of" 60 pt left of the labels. Taken as the
    # label column, 'Menimbang' (its colon lost) was no label and the body went unparsed.
    rows = [
        *mark,
        *HEADING,
        ("Menimbang bahwa rencana aksi perlu ditetapkan dengan", 70, 550, 230),
        ("keputusan;", 200, 260, 244),
        ("Mengingat Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;", 70, 550, 266),
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 290),
        ("Ditetapkan di Kudus", 310, 420, 320),
        ("pada tanggal 2 Januari 2025", 310, 450, 334),
        ("pin TUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 320, 540, 362),
        ("AHMAD AMIR FAISOL", 340, 480, 420),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.considerations == ["bahwa rencana aksi perlu ditetapkan dengan keputusan;"]
    assert [basis.number for basis in meta.legal_bases] == ["7"]
    assert meta.signatory == Signatory(
        name="AHMAD AMIR FAISOL", position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS"
    )


def test_wrapped_name_and_certification_beside_the_signature() -> None:
    rows = [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI PEMILIHAN UMUM", 320, 520, 322),
        ("Salinan sesuai dengan aslinya", 70, 250, 329),
        ("KABUPATEN KUDUS,", 360, 480, 336),
        ("ttd.", 410, 430, 364),
        ("HARYO BASKORO SETIAWAN, S.Sos.,", 330, 540, 406),
        ("M.Si.", 420, 450, 420),
        ("Ayu Ngabekti", 70, 150, 470),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(
        name="HARYO BASKORO SETIAWAN, S.Sos., M.Si.",
        position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
    )


def _signed(*below: tuple[str, float, float, float]) -> list[tuple[str, float, float, float]]:
    """A body page's rows (see `_page`) down to the signature's 'ttd.', then `below`."""
    return [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI PEMILIHAN UMUM", 320, 520, 322),
        ("KABUPATEN KUDUS,", 360, 480, 336),
        ("ttd.", 410, 430, 364),
        *below,
    ]


@pytest.mark.parametrize(
    ("under", "name"),
    [
        # OCR lost the comma the degrees wrap after (a stamp over it): the comma is put back.
        ("M.Si.", "Dr. apt. HENDRA WIJAYA KUSUMA, M.Si."),
        # A rank under the name is no part of it.
        ("Pembina Utama Muda", "Dr. apt. HENDRA WIJAYA KUSUMA"),
    ],
)
def test_a_line_of_degrees_under_a_name_without_its_comma_is_the_names(
    under: str, name: str
) -> None:
    rows = _signed(("Dr. apt. HENDRA WIJAYA KUSUMA", 330, 540, 406), (under, 400, 480, 420))
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(
        name=name, position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS"
    )


def test_a_degree_line_ocr_sized_too_small_still_wraps_the_name() -> None:
    # Tesseract's layer set 'M.Si.' at 3 pt on its baseline, one line below the name:
    # measured by tops, the step looked like a blank line and cut the degree off.
    page = _page(_signed(("HARYO BASKORO SETIAWAN, S.Sos.,", 330, 540, 406)))
    degree = TextLine(text="M.Si.", bbox=(420, 437, 450, 440))
    meta = parse_metadata([page.model_copy(update={"lines": (*page.lines, degree)})])
    assert meta.signatory == Signatory(
        name="HARYO BASKORO SETIAWAN, S.Sos., M.Si.",
        position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
    )


@pytest.mark.parametrize(
    ("block", "position"),
    [
        # An office whose name holds commas: the position runs to the last ',' before the gap.
        (
            [
                "KEPALA DINAS PEMBERDAYAAN PEREMPUAN,",
                "PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK",
                "DAN KELUARGA BERENCANA KABUPATEN SIGI,",
            ],
            "KEPALA DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK, PENGENDALIAN PENDUDUK "
            "DAN KELUARGA BERENCANA KABUPATEN SIGI",
        ),
        # Signing for the issuer through two offices: five lines.
        (
            [
                "a.n. KETUA KOMISI PEMILIHAN UMUM",
                "SEKRETARIS",
                "u.b.",
                "KEPALA SUB BAGIAN TEKNIS DAN",
                "HUBUNGAN PARTISIPASI MASYARAKAT,",
            ],
            "a.n. KETUA KOMISI PEMILIHAN UMUM SEKRETARIS u.b. KEPALA SUB BAGIAN TEKNIS DAN "
            "HUBUNGAN PARTISIPASI MASYARAKAT",
        ),
    ],
)
def test_position_runs_to_the_last_comma_before_the_signing_gap(
    block: list[str], position: str
) -> None:
    rows = [
        *HEADING,
        *CLOSING,
        *((text, 310, 540, 322 + 14 * index) for index, text in enumerate(block)),
        ("Hj. NURMALA, S.Sos., M.Si.", 310, 480, 420),
        ("NIP. 19700101 199503 2 001", 310, 480, 434),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="Hj. NURMALA, S.Sos., M.Si.", position=position)


def test_a_letter_label_that_lost_its_stop_printed_apart() -> None:
    """Kepbup Donggala (hibah) scan: 'Menimbang' | 'a' | 'bahwa ...' on one row, the
    label's stop lost to OCR; the letter is the label, not part of the text."""
    rows = [
        *HEADING,
        ("Menimbang", 70, 131, 230),
        ("a", 197, 200, 231),
        ("bahwa rencana aksi perlu", 217, 509, 229),
        ("ditetapkan;", 218, 300, 245),
        ("b.", 197, 205, 262),
        ("bahwa berdasarkan huruf a;", 217, 509, 262),
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 290),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.considerations == [
        "bahwa rencana aksi perlu ditetapkan;",
        "bahwa berdasarkan huruf a;",
    ]


def test_a_position_broken_by_a_page_goes_on_to_its_comma() -> None:
    """The page ends inside the position: the page change is no signing gap until a position
    line has ended in ','."""
    first = [
        *HEADING,
        *CLOSING,
        ("KEPALA BADAN PERENCANAAN PEMBANGUNAN", 310, 540, 840),
        ("DAERAH", 310, 360, 854),
    ]
    second = [
        ("KABUPATEN SIGI,", 310, 420, 60),
        ("Hj. NURMALA, S.Sos., M.Si.", 310, 480, 150),
        ("NIP. 19700101 199503 2 001", 310, 480, 164),
    ]
    meta = parse_metadata([_page(first), _page(second, number=2)])
    assert meta.signatory == Signatory(
        name="Hj. NURMALA, S.Sos., M.Si.",
        position="KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KABUPATEN SIGI",
    )


@pytest.mark.parametrize("split", [False, True])
def test_letter_spaced_section_words(split: bool) -> None:
    """Word-made decrees space section words out ('M E M U T U S K A N :'); some extractors
    print the label apart from its text."""

    def labelled(label: str, text: str, top: float) -> list[tuple[str, float, float, float]]:
        if not split:
            return [(f"{label} : {text}", 70, 550, top)]
        item, rest = text.split(" ", 1)
        pieces = ((label, 70, 160), (":", 167, 170), (item, 179, 190), (rest, 199, 550))
        return [(piece, x0, x1, top) for piece, x0, x1 in pieces]

    rows = [
        *HEADING,
        *labelled("M E N I M B A N G", "a. bahwa rencana aksi perlu ditetapkan;", 230),
        *labelled("M E N G I N G A T", "1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilu;", 250),
        ("M E M U T U S K A N :", 240, 400, 270),
        ("M E N E T A P K A N : KEPUTUSAN KETUA KOMISI TENTANG RENCANA AKSI.", 70, 550, 290),
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 310),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.considerations == ["bahwa rencana aksi perlu ditetapkan;"]
    assert [basis.text for basis in meta.legal_bases] == [
        "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilu;"
    ]
    assert [(dictum.label, dictum.text) for dictum in meta.dicta] == [
        ("KESATU", "Menetapkan rencana aksi.")
    ]


def test_unreadable_name_comes_from_the_lampiran_signature() -> None:
    body = [*HEADING, *CLOSING, ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 320, 540, 322)]
    lampiran = [
        ("LAMPIRAN", 600, 700, 40),
        ("NOMOR 14 TAHUN 2025", 600, 760, 54),
        ("Salinan sesuai dengan aslinya", 40, 200, 600),
        ("MISI PEMILIHAN UMUM KABUPATEN KUDUS,", 600, 880, 606),
        ("SEKRETARIAT KOMISI PEMILIHAN UMUM", 40, 280, 620),
        ("AHMAD AMIR FAISOL", 640, 780, 680),
        ("Ayu Ngabekti", 40, 120, 700),
    ]
    pages = [_page(body), _page(lampiran, number=2)]
    meta = parse_metadata(pages)
    assert meta.signatory == Signatory(
        name="AHMAD AMIR FAISOL", position="KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS"
    )


# --- signature blocks read through a stamp (read_signatory) --------------------------------

KPU_ISSUER = "KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS"


@pytest.mark.parametrize(
    ("position", "issuer", "damaged"),
    [
        # OCR of stamped corpus and real scans (the stamp hides letters, adds noise).
        ("KET 1 ga PEMILIHAN UMUM JM a TEN KUDUS", KPU_ISSUER, True),
        ("KET: OMIS PEMILIHAN UMUM > wir \\B TEN KUDUS", KPU_ISSUER, True),
        ("I DONGGALA", "BUPATI DONGGALA", True),
        ("22 I DONGGALA f, <a. IN (", "BUPATI DONGGALA", True),
        ("YP Nay r LA GAMA REPUBLIK INDONESIA", "MENTERI AGAMA REPUBLIK INDONESIA", True),
        (
            "KEP AS PERPUSTAKAAN DAN ont AR BUPATEN CONTOH",
            "KEPALA DINAS PERPUSTAKAAN DAN KEARSIPAN KABUPATEN CONTOH",
            True,
        ),
        # An office whose name ends in its class: the class letters are no place.
        (
            "MA GADILAN AGAMA , RI KELAS IB",
            "KETUA PENGADILAN AGAMA WANASARI KELAS IB",
            True,
        ),
        ("KETUA PENGADILAN AGAMA PALU KELAS IB", "KETUA PENGADILAN AGAMA WANASARI KELAS IB", False),
        # the stamp left 'KETU' of 'KETUA' and OCR read its last letter wrong
        (
            "KETI ADILAN NEGERI BATU om 1 Ww A KELAS II",
            "KETUA PENGADILAN NEGERI BATU JAYA KELAS II",
            True,
        ),
        # Another office, someone signing for the issuer, or noise with nothing of the issuer.
        ("SEKRETARIS KOMISI PEMILIHAN UMUM KABUPATEN KUDUS", KPU_ISSUER, False),
        ("WAKIL BUPATI DONGGALA", "BUPATI DONGGALA", False),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN PATI", KPU_ISSUER, False),
        ("KETUA KOMISI PEMILIHAN UMUM", KPU_ISSUER, False),
        ("PERAN, eal", "BUPATI DONGGALA", False),
    ],
)
def test_damaged_issuer_line(position: str, issuer: str, damaged: bool) -> None:
    assert is_damaged_issuer(position, issuer) is damaged
    assert repaired_position(position, issuer) == (issuer if damaged else position)


@pytest.mark.parametrize(
    ("position", "repaired"),
    [
        ("Pj. BUPATI DONGGAIA", "Pj. BUPATI DONGGALA"),
        ("Plt.", "Plt. BUPATI DONGGALA"),
        ("Plt. OR \\BUPATl DONGGA", "Plt. BUPATI DONGGALA"),
        ("Plt. SEKRETARIS DAERAH", "Plt. SEKRETARIS DAERAH"),
        ("a.n. BUPATI DONGGALA SEKRETARIS DAERAH", "a.n. BUPATI DONGGALA SEKRETARIS DAERAH"),
    ],
)
def test_acting_issuer_keeps_its_mark(position: str, repaired: str) -> None:
    """Someone acting as the issuer (Plt., Plh., Pj.) holds the issuer's own position: read
    through a stamp, it is repaired like it, the mark kept; a.n. signs for another."""
    assert is_damaged_issuer(position, "BUPATI DONGGALA") is False
    assert repaired_position(position, "BUPATI DONGGALA") == repaired


@pytest.mark.parametrize("mark", ["Pit.", "P1t.", "PIt.", "P|t."])
def test_an_acting_mark_misread_through_a_stamp_is_plt(mark: str) -> None:
    """Probe 21's scan: the l of 'Plt.' read as i, and the position's first word cut by
    the stamp; the position is the issuer line, the acting mark kept as printed."""
    issuer = "KEPALA KANTOR PELAYANAN PAJAK PRATAMA JEMBER"
    position = f"{mark} PALA KANTOR PELAYANAN PAJAK PRATAMA JEMBER"
    assert repaired_position(position, issuer) == "Plt. " + issuer
    # Probe 22's scan: the position read whole, its mark misread.
    assert repaired_position(f"{mark} {issuer}", issuer) == "Plt. " + issuer


def test_a_whole_position_is_kept_beside_an_issuer_line_with_words_run_together() -> None:
    """Probe 17's vendor layer ran two words of the title block's issuer line together;
    the position under the signature was read whole and is kept."""
    issuer = "KEPALA DINASPENDIDIKAN KABUPATEN PURWOREJO"
    position = "KEPALA DINAS PENDIDIKAN KABUPATEN PURWOREJO"
    assert repaired_position(position, issuer) == position
    assert repaired_position("KEPALA DINAS PURWOREJO", issuer) == issuer


def test_a_position_with_words_run_together_takes_the_issuer_lines_spacing() -> None:
    """Probe 22's vendor layer ran two words of the position together at its line break."""
    issuer = "KEPALA PELAKSANA BPBD DAERAH KABUPATEN LUMAJANG"
    position = "Plt. KEPALA PELAKSANA BPBD DAERAHKABUPATEN LUMAJANG"
    assert repaired_position(position, issuer) == "Plt. " + issuer


def test_unread_position_is_the_issuer_and_no_issuer_keeps_it() -> None:
    assert repaired_position(None, "BUPATI DONGGALA") == "BUPATI DONGGALA"
    assert repaired_position("?", "BUPATI DONGGALA") == "BUPATI DONGGALA"
    assert repaired_position("I DONGGALA", None) == "I DONGGALA"


@pytest.mark.parametrize(
    ("body", "others", "want"),
    [
        ("AHM D AMIR FAISOL", ["AHMAD AMIR FAISOL"], "AHMAD AMIR FAISOL"),
        ("SYARIFAH", ["NAILY SYARIFAH"], "NAILY SYARIFAH"),
        ("ERAELENA LARUNI", ["VERA ELENA LARUNI"], "VERA ELENA LARUNI"),
        # Equally good readings: the body's is kept; a copy naming someone else is ignored.
        ("VEKA ELENA LARUNI", ["VERA ELENA LARUNI"], "VEKA ELENA LARUNI"),
        ("RYO BA ORO SETIAWAN, S.Sos., M.Si.", ["D'BASKO O SETIAWAN, S.Sos., M.Si."], None),
        ("AHMAD AMIR FAISOL", ["NAILY SYARIFAH"], "AHMAD AMIR FAISOL"),
        (None, ["NAILY SYARIFAH"], "NAILY SYARIFAH"),
        (None, [], None),
        # A name printed in title case, as a ministry's office prints it (probe 21).
        ("Rahm idayat Nugroho", ["Rahmat Hidayat Nugroho"], "Rahmat Hidayat Nugroho"),
    ],
)
def test_best_reading_of_the_name(body: str | None, others: list[str], want: str | None) -> None:
    assert best_name(body, others) == (want or body)


@pytest.mark.parametrize(
    ("body", "others", "want"),
    [
        # The body's reading names nobody (a stamp over a line's piece): a copy that names
        # someone is the name, though no word of it can be matched.
        ("\u201cKAB", ["AHMAD AMIR FAISOL"], "AHMAD AMIR FAISOL"),
        ("TA", ["NAILY SYARIFAH"], "NAILY SYARIFAH"),
        # A copy naming nobody either, or none at all: the body's reading stays.
        ("\u201cKAB", ["Ww A"], "\u201cKAB"),
        ("EKO", [], "EKO"),
        # A body reading that names someone still ignores a copy naming someone else.
        ("SYARIFAH", ["AHMAD AMIR FAISOL"], "SYARIFAH"),
    ],
)
def test_a_reading_that_names_nobody_gives_way(body: str, others: list[str], want: str) -> None:
    assert best_name(body, others) == want


def test_names_nobody() -> None:
    assert names_nobody("\u201cTPT")
    assert names_nobody("Ww A")
    assert not names_nobody("EKA PUTRA")
    assert not names_nobody("Dewi Anggraeni Putri, S.H.")


@pytest.mark.parametrize(
    ("position", "elsewhere", "want"),
    [
        # The position's second line was lost under the stamp; the Lampiran's signature
        # reads the issuer (clean or stamped): the piece is the issuer.
        ("KETUA KOMISI PEMILIHAN UMUM", KPU_ISSUER + ",", KPU_ISSUER),
        ("NTUA KOMISI PEMILIHAN UMUM \u201cKAB", "MISI PEMILIHAN UMUM KABUPATEN KUDUS", KPU_ISSUER),
        ("Plt. KETUA KOMISI PEMILIHAN", "Plt. " + KPU_ISSUER, "Plt. " + KPU_ISSUER),
        # No such evidence, or the Lampiran names another office: a piece is kept as read
        # ('KETUA KOMISI PEMILIHAN UMUM' heads the national KPU).
        ("KETUA KOMISI PEMILIHAN UMUM", None, "KETUA KOMISI PEMILIHAN UMUM"),
        (
            "KETUA KOMISI PEMILIHAN UMUM",
            "SEKRETARIS KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
            "KETUA KOMISI PEMILIHAN UMUM",
        ),
        (
            "KETUA KOMISI PEMILIHAN UMUM",
            "a.n. " + KPU_ISSUER,
            "KETUA KOMISI PEMILIHAN UMUM",
        ),
        # Too little of the issuer, or a word foreign to it, even with the evidence.
        ("KETUA KOMISI", KPU_ISSUER, "KETUA KOMISI"),
        ("WAKIL KETUA KOMISI PEMILIHAN UMUM", KPU_ISSUER, "WAKIL KETUA KOMISI PEMILIHAN UMUM"),
    ],
)
def test_a_piece_of_the_issuer_confirmed_by_the_lampiran_signature(
    position: str, elsewhere: str | None, want: str
) -> None:
    assert repaired_position(position, KPU_ISSUER, elsewhere) == want


def test_an_issuer_piece_need_not_end_at_its_place() -> None:
    assert is_issuer_piece("KETUA KOMISI PEMILIHAN UMUM", KPU_ISSUER)
    assert not is_damaged_issuer("KETUA KOMISI PEMILIHAN UMUM", KPU_ISSUER)
    assert not is_issuer_piece("SEKRETARIS KOMISI PEMILIHAN UMUM", KPU_ISSUER)


def test_a_wrapped_position_line_under_the_stamp_is_no_name() -> None:
    """The position wraps and the stamp covers its second line ('KABUPATEN KUDUS,' read
    '“KAB'); the name under the signature was not read. The second line is the position's,
    and the name and the position come from the Lampiran's copy of the block."""
    body = [
        *HEADING,
        *CLOSING,
        ("NTUA KOMISI PEMILIHAN UMUM", 330, 540, 322),
        ("\u201cKAB", 380, 410, 333),
        ("Salinan sesuai dengan aslinya", 70, 250, 420),
        ("KEPALA SUBBAGIAN HUKUM,", 70, 250, 434),
        ("Ayu Ngabekti, S.H.", 70, 200, 480),
    ]
    lampiran = [
        ("LAMPIRAN", 600, 700, 40),
        ("NOMOR 14 TAHUN 2025", 600, 760, 54),
        ("Salinan sesuai dengan aslinya", 40, 200, 600),
        ("MISI PEMILIHAN UMUM KABUPATEN KUDUS,", 600, 880, 600),
        ("KEPALA SUBBAGIAN HUKUM,", 40, 200, 614),
        ("ttd.", 700, 720, 628),
        ("Ayu Ngabekti, S.H.", 40, 160, 670),
        ("AHMAD AMIR FAISOL", 640, 780, 670),
    ]
    meta = _with_landscape_lampiran(body, lampiran)
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_a_wrapped_position_line_without_a_copy_leaves_the_name_unread() -> None:
    """Without the Lampiran's copy the name is unread (null), not the stamped line."""
    rows = [
        *HEADING,
        *CLOSING,
        ("NTUA KOMISI PEMILIHAN UMUM", 330, 540, 322),
        ("\u201cKAB", 380, 410, 333),
    ]
    lampiran = [("LAMPIRAN", 600, 700, 40), ("NOMOR 14 TAHUN 2025", 600, 760, 54)]
    signatory = parse_metadata([_page(rows), _page(lampiran, number=2)]).signatory
    assert signatory is not None and signatory.name is None
    assert signatory.position == "NTUA KOMISI PEMILIHAN UMUM \u201cKAB"


def test_a_last_position_line_that_reads_as_a_name_is_the_name() -> None:
    """No ',' and no gap (noise bridged it): the last line is still the name when it names
    someone."""
    rows = [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS", 320, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 336),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


@pytest.mark.parametrize(
    ("text", "upper", "clean"),
    [
        (", LUKMAN HAKIM - SAIFUDDIN Y", True, "LUKMAN HAKIM SAIFUDDIN"),
        ("VERA ELENA LARUNI ~", True, "VERA ELENA LARUNI"),
        ("HARYO BASKORO SETIAWAN, S.Sos.,", True, "HARYO BASKORO SETIAWAN, S.Sos."),
        ("AHM D AMIR FAISOL", True, "AHM D AMIR FAISOL"),
        ("x iP.", False, "x iP."),
        ("re) Sedan", False, "re) Sedan"),
        ("TA ¥ 44", False, "TA"),
        ("(uan HA IM SAIFUDDIN g", False, "(uan HA IM SAIFUDDIN"),
        # A lower-case title opens a name; running text and a title alone are no name.
        ("dr. SITI AMINAH, M.Kes.", True, "dr. SITI AMINAH, M.Kes."),
        ("drg. apt. BUDI HARTONO,", True, "drg. apt. BUDI HARTONO"),
        ("dr.", False, "dr."),
        ("ttd. SITI AMINAH", False, "ttd. SITI AMINAH"),
        ("dr. dan tenaga KESEHATAN", False, "dr. dan tenaga KESEHATAN"),
        ("dalam Diktum KESATU", False, "dalam Diktum KESATU"),
    ],
)
def test_name_lines_and_their_noise(text: str, upper: bool, clean: str) -> None:
    assert is_upper_name(text) is upper
    assert clean_name(text) == clean


def test_name_is_the_upper_case_line_under_the_stamp_noise() -> None:
    """Real OCR of a stamped block: the stamp and signature read as mixed-case lines."""
    rows = [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 320, 540, 322),
        ("x iP.", 327, 365, 340),
        ("re) Sedan", 334, 376, 352),
        ("rt Vou", 333, 380, 366),
        ("ELENA LARUNI", 389, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="ELENA LARUNI", position=KPU_ISSUER)


def test_lost_position_leaves_the_name_line_to_the_name() -> None:
    """The stamp hid the position: the first line read is the name with its degree."""
    rows = [
        *HEADING,
        *CLOSING,
        ("KORO SETIAWAN, S.Sos.,", 396, 540, 390),
        ("M.Si.", 419, 445, 404),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="KORO SETIAWAN, S.Sos., M.Si.", position=KPU_ISSUER)


def test_unread_body_block_takes_the_name_at_the_lampiran_end() -> None:
    """Body block lost under the stamp; the Lampiran's block kept only its name, printed
    right of a certification that OCR merged into one line with the position."""
    body = [
        *HEADING,
        *CLOSING,
        ("Salinan sesuai dengan aslinya", 71, 213, 431),
        ("SEKRETARIAT KOMISI PEMILIHAN UMUM", 71, 308, 444),
    ]
    lampiran = [
        ("LAMPIRAN", 600, 700, 40),
        ("NOMOR 14 TAHUN 2025", 600, 760, 54),
        ("Salinan sesuai dengan aslinya >", 43, 868, 470),
        ("SEKRETARIAT KOMISI PEMILIHAN UMUM", 43, 280, 484),
        ("Kasubbag Teknis Penyelenggaraan Pemilu,", 43, 250, 498),
        ("AHMAD AMIR FAISOL", 636, 766, 530),
        ("Ayu Ngabekti", 43, 113, 570),
    ]
    meta = _with_landscape_lampiran(body, lampiran)
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_better_reading_of_the_name_at_the_lampiran_end() -> None:
    body = [
        *HEADING,
        *CLOSING,
        ("KET: OMIS PEMILIHAN UMUM", 328, 528, 314),
        ("> wir \\B TEN KUDUS", 342, 483, 326),
        ("ttd", 424, 433, 357),
        ("Ss", 398, 403, 389),
        ("SYARIFAH", 421, 484, 397),
    ]
    lampiran = [
        ("LAMPIRAN", 600, 700, 40),
        ("Salinan sesuai dengan aslinya KO: SI PEMILIHAN UMUM KABUPATEN KUDUS", 43, 858, 368),
        ("KABUPATEN KUDUS 5 ttd.", 43, 706, 392),
        ("Kepala Sub Bagian Hukum", 43, 168, 409),
        ("NAILY SYARIFAH", 650, 747, 438),
        ("Ayu Ngabekti", 43, 113, 464),
    ]
    meta = _with_landscape_lampiran(body, lampiran)
    assert meta.signatory == Signatory(name="NAILY SYARIFAH", position=KPU_ISSUER)


def test_a_name_under_a_lower_case_title_is_read_at_the_lampiran_end() -> None:
    """The stamp hid the body's 'dr. SI'; the Lampiran's copy, opening with the lower-case
    title, is the better reading."""
    body = [
        *HEADING,
        *CLOSING,
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 320, 540, 322),
        ("x iP.", 327, 365, 340),
        ("TI AMINAH, M.Kes", 389, 500, 380),
    ]
    lampiran = [
        ("LAMPIRAN", 600, 700, 40),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 600, 880, 400),
        ("dr. SITI AMINAH, M.Kes.", 640, 790, 460),
    ]
    meta = _with_landscape_lampiran(body, lampiran)
    assert meta.signatory == Signatory(name="dr. SITI AMINAH, M.Kes.", position=KPU_ISSUER)


def test_closing_printed_in_capitals() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("DITETAPKAN DI : KUDUS", 310, 440, 280),
        ("PADA TANGGAL : 2 JANUARI 2025", 310, 480, 294),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert [(dictum.label, dictum.text) for dictum in meta.dicta] == [
        ("KESATU", "Menetapkan rencana aksi.")
    ]
    assert (meta.place, meta.date) == ("KUDUS", dt.date(2025, 1, 2))
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


@pytest.mark.parametrize(
    "dates",
    [
        ["pada tanggal 02-01-2025"],
        ["pada tanggal 2/1/2025"],
        ["pada tanggal 2 Rajab 1446 H", "2 Januari 2025 M"],
        ["pada tanggal 2 Januari 2025 M", "2 Rajab 1446 H"],
    ],
)
def test_numeric_and_hijri_closing_dates(dates: list[str]) -> None:
    """Day-first numbers after 'tanggal'; a Hijri line beside the Gregorian one is no part of
    the position."""
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan di Kudus", 310, 420, 280),
        *((text, 310, 450, 294 + 14 * index) for index, text in enumerate(dates)),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 336),
        ("AHMAD AMIR FAISOL", 340, 480, 390),
    ]
    meta = parse_metadata([_page(rows)])
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_numeric_date_on_the_ditetapkan_line() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan di Kudus pada tanggal 02-01-2025", 310, 540, 280),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 308),
        ("AHMAD AMIR FAISOL", 340, 480, 360),
    ]
    meta = parse_metadata([_page(rows)])
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_date_run_onto_pada_tanggal_and_the_signatory_below_it() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan di Kudus", 310, 540, 280),
        ("pada tanggal2 Januari 2025", 310, 540, 294),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 374),
    ]
    meta = parse_metadata([_page(rows)])
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_stray_mark_in_the_date_line() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan di Jakarta", 294, 416, 413),
        ("pada tanggal 29 ] Maret 2017", 294, 465, 428),
    ]
    assert parse_metadata([_page(rows)]).date == dt.date(2017, 3, 29)


# --- running text that OCR damaged (labels, sub-items, acronyms) ---------------------------


def test_subitem_labels_without_dots_in_a_diktum() -> None:
    """Real OCR of a stamped scan: sub-item dots lost, ';' read as ',' or ':'."""
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("KEDUA : Rencana sebagaimana dimaksud digunakan sebagai: 1 acuan bagi Tim,", 70, 540, 254),
        ("2 bahan pemantauan oleh Tim Penilai Internal: dan 3 dasar laporan.", 200, 540, 268),
        ("Ditetapkan di Kudus", 310, 420, 300),
    ]
    dicta = parse_metadata([_page(rows)]).dicta
    assert dicta[1].text == (
        "Rencana sebagaimana dimaksud digunakan sebagai: 1. acuan bagi Tim; "
        "2. bahan pemantauan oleh Tim Penilai Internal; dan 3. dasar laporan."
    )


def test_item_punctuation_is_repaired_on_ocr_pages_only() -> None:
    """A final ':' or ',' is OCR's reading of ';' only where OCR read the page: a native text
    layer keeps the decree's own punctuation."""
    rows = [
        *HEADING,
        ("Menimbang : a. bahwa rencana aksi perlu ditetapkan,", 70, 550, 230),
        ("KESATU : Membentuk Tim dengan susunan sebagai berikut:", 70, 550, 260),
    ]
    ocr = _page(rows)
    native = ocr.model_copy(update={"text_layer": "native"})
    read = parse_metadata([ocr])
    assert read.considerations == ["bahwa rencana aksi perlu ditetapkan;"]
    assert [d.text for d in read.dicta] == ["Membentuk Tim dengan susunan sebagai berikut;"]
    printed = parse_metadata([native])
    assert printed.considerations == ["bahwa rencana aksi perlu ditetapkan,"]
    assert [d.text for d in printed.dicta] == ["Membentuk Tim dengan susunan sebagai berikut:"]


def test_numbers_in_running_text_are_not_sub_item_labels() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan tim dengan anggota paling banyak, 5 orang.", 70, 540, 240),
        ("Ditetapkan di Kudus", 310, 420, 300),
    ]
    dicta = parse_metadata([_page(rows)]).dicta
    assert dicta[0].text == "Menetapkan tim dengan anggota paling banyak, 5 orang."


def test_mengingat_label_whose_dot_ocr_lost() -> None:
    """Every label lost but the last, read '10' without its dot, left of the text column."""
    lines = [
        ("Mengingat : Undang-Undang Nomor 1 Tahun 2015 tentang Pemilihan", 70, 550, 230),
        ("Umum;", 199, 240, 244),
    ]
    for n in range(2, 10):
        lines += [
            (f"Undang-Undang Nomor {n} Tahun 2017 tentang Hal yang Diatur", 199, 550, 230 + 28 * n),
            (f"Nomor {n};", 199, 260, 244 + 28 * n),
        ]
    lines += [
        ("10 Keputusan Komisi Pemilihan Umum Nomor", 180, 547, 510),
        ("314/ORT.07-Kpt/01/KPU/V/2021 tentang Petunjuk Teknis;", 199, 548, 524),
    ]
    rows = [*HEADING, *lines, ("MEMUTUSKAN:", 250, 330, 560), *CLOSING[1:]]
    bases = parse_metadata([_page(rows)]).legal_bases
    assert len(bases) == 10
    assert bases[-1].text.startswith("Keputusan Komisi Pemilihan Umum Nomor 314/")


@pytest.mark.parametrize(
    ("read", "want"),
    [
        (
            "perlu menyusun rencana aksi Zona Integritas (Z1);",
            "perlu menyusun rencana aksi Zona Integritas (ZI);",
        ),
        ("menuju Wilayah Bebas dari Korupsi (WB8K);", "menuju Wilayah Bebas dari Korupsi (WB8K);"),
        ("menuju Wilayah Bebas dari Korupsi (WBK);", "menuju Wilayah Bebas dari Korupsi (WBK);"),
        (
            "pegawai Pemerintah dengan Perjanjian Kerja (P3K);",
            "pegawai Pemerintah dengan Perjanjian Kerja (P3K);",
        ),
        ("dalam Tahun Anggaran (T1);", "dalam Tahun Anggaran (T1);"),
    ],
)
def test_acronym_with_a_digit_for_a_letter(read: str, want: str) -> None:
    rows = [
        *HEADING,
        (f"Menimbang : a. bahwa {read}", 70, 550, 230),
        ("MEMUTUSKAN:", 250, 330, 260),
        *CLOSING[1:],
    ]
    assert parse_metadata([_page(rows)]).considerations == [f"bahwa {want}"]


@pytest.mark.parametrize("colon", [":", "La.", "+", "=", ". Aa."])
def test_the_colon_column_as_ocr_reads_it_is_no_text(colon: str) -> None:
    """Probe 21's scan-ocr read the ':' between 'Menimbang' and 'a.' as '+'; probe 25's
    read ': a.' as '=', probe 26's as '. Aa.'."""
    label = "" if colon in ("La.", "=", ". Aa.") else " a."
    rows = [
        *HEADING,
        (f"Menimbang {colon}{label} bahwa rencana aksi perlu ditetapkan;", 70, 550, 230),
        ("MEMUTUSKAN:", 250, 330, 260),
        *CLOSING[1:],
    ]
    assert parse_metadata([_page(rows)]).considerations == ["bahwa rencana aksi perlu ditetapkan;"]


# --- titles of OCR'd pages (repair_title) ----------------------------------------------------

DONGGALA_WORDS = {"kabupaten", "donggala", "tahun", "bupati"}


@pytest.mark.parametrize(
    ("read", "number", "want"),
    [
        # Real OCR of Donggala scans.
        (
            "PERUBAHAN KEENAM ATAS KEPUTUSAN BUPATI DONGGALA NOMOR 188.45/0104/BPKAD/1/2025 "
            "TENTANG PENUNJUKAN PEJABAT PENGGUNA ANGGARAN /PENGGUNA BARANG",
            "188.45/6S5 61/BPKAD/XI/2025",
            "PERUBAHAN KEENAM ATAS KEPUTUSAN BUPATI DONGGALA NOMOR 188.45/0104/BPKAD/I/2025 "
            "TENTANG PENUNJUKAN PEJABAT PENGGUNA ANGGARAN/PENGGUNA BARANG",
        ),
        (
            "NOMOR : 188.45/0255/Bag.KESRA/2 025 TENTANG PENERIMA HIBAH KABUPATEN DONGGA LA TAHUN 2025",
            "188.45/0os6s/Bag.KESRA/2025",
            "NOMOR : 188.45/0255/Bag.KESRA/2025 TENTANG PENERIMA HIBAH KABUPATEN DONGGALA TAHUN 2025",
        ),
        # The decree's own number writes its month in figures, or another office's number.
        (
            "NOMOR 188.45/0104/BPKAD/1/2025",
            "188.45/0561/BPKAD/11/2025",
            "NOMOR 188.45/0104/BPKAD/1/2025",
        ),
        ("NOMOR 800/17/DISDIK/1/2025", "188.45/0561/BPKAD/XI/2025", "NOMOR 800/17/DISDIK/1/2025"),
        # Symmetric spacing is as printed; a number that is no year stays; unknown words stay.
        ("PENGGUNA ANGGARAN / PENGGUNA BARANG", None, "PENGGUNA ANGGARAN / PENGGUNA BARANG"),
        ("NOMOR 12/3 456 TENTANG", None, "NOMOR 12/3 456 TENTANG"),
        ("DESA TANA LA TAHUN 2025", None, "DESA TANA LA TAHUN 2025"),
    ],
)
def test_ocr_title_repairs(read: str, number: str | None, want: str) -> None:
    assert repair_title(read, number, DONGGALA_WORDS) == want
    assert repair_title(want, number, DONGGALA_WORDS) == want


def test_title_repairs_only_on_ocr_pages() -> None:
    rows = [
        ("KEPUTUSAN BUPATI DONGGALA", 200, 400, 100),
        ("NOMOR 188.45/0561/BPKAD/XI/2025", 190, 430, 114),
        ("TENTANG", 260, 330, 135),
        ("PENUNJUKAN PENGGUNA ANGGARAN /PENGGUNA BARANG KABUPATEN DONGGA LA", 100, 520, 156),
        ("BUPATI DONGGALA,", 250, 365, 190),
        ("Menimbang : a. bahwa Kabupaten Donggala perlu menunjuk;", 70, 550, 230),
        *CLOSING,
    ]
    ocr = _page(rows)
    native = ocr.model_copy(update={"text_layer": "native"})
    assert parse_metadata([ocr]).title == (
        "PENUNJUKAN PENGGUNA ANGGARAN/PENGGUNA BARANG KABUPATEN DONGGALA"
    )
    assert parse_metadata([native]).title == (
        "PENUNJUKAN PENGGUNA ANGGARAN /PENGGUNA BARANG KABUPATEN DONGGA LA"
    )


# --- decree numbers OCR may have misread (number_doubts) -----------------------------------


def _lines_page(texts: list[str], number: int = 1) -> RawPage:
    """An OCR'd page holding `texts`, one line each, 20 pt apart (see `_page`)."""
    return _page([(text, 50, 400, 20 * i) for i, text in enumerate(texts)], number)


def test_the_stop_left_of_a_lost_item_label_is_dropped() -> None:
    """'b.' read as '.' (probe 10's ocrmypdf layer): the stop is no part of the item."""
    lines = [
        ("Menimbang : a. bahwa pembangunan perlu rencana aksi;", 70, 550, 220),
        (". bahwa rencana aksi perlu ditetapkan;", 199, 550, 234),
        ("Mengingat : 1. Undang-Undang Nomor 48 Tahun 2009 tentang Kekuasaan", 70, 550, 250),
        ("Kehakiman;", 199, 260, 264),
    ]
    rows = [*HEADING, *lines, ("MEMUTUSKAN:", 250, 330, 290), *CLOSING[1:]]
    metadata = parse_metadata([_page(rows)])
    assert metadata.considerations == [
        "bahwa pembangunan perlu rencana aksi;",
        "bahwa rencana aksi perlu ditetapkan;",
    ]


def test_first_item_labels_ocr_read_as_short_words_are_dropped() -> None:
    """': a.' read 'as' before 'bahwa', '1.' read 'dy' before 'Undang-Undang'."""
    lines = [
        ("Menimbang as bahwa pembangunan perlu rencana aksi;", 70, 550, 220),
        ("bahwa rencana aksi perlu ditetapkan;", 199, 550, 234),
        ("Mengingat : dy Undang-Undang Nomor 48 Tahun 2009 tentang Kekuasaan", 70, 550, 250),
        ("Kehakiman;", 199, 260, 264),
    ]
    rows = [*HEADING, *lines, ("MEMUTUSKAN:", 250, 330, 290), *CLOSING[1:]]
    metadata = parse_metadata([_page(rows)])
    assert metadata.considerations == [
        "bahwa pembangunan perlu rencana aksi;",
        "bahwa rencana aksi perlu ditetapkan;",
    ]
    assert [b.text for b in metadata.legal_bases] == [
        "Undang-Undang Nomor 48 Tahun 2009 tentang Kekuasaan Kehakiman;"
    ]
    assert metadata.legal_bases[0].kind == "Undang-Undang"


@pytest.mark.parametrize(
    ("number", "doubted"),
    [
        ("188.45/0os6s/Bag.KESRA/2025", "'0os6s'"),
        ("188.45/655 61/BPKAD/XI/2025", "'655 61'"),
        ("188-Ar/0603/Bay - Hukum/2025", "'188-Ar'"),
        ("04/HK.03.1/3319/2022", None),
        ("B-1234/Kk.11.21/1/HM.00/02/2027", None),
        ("188.45/0561/BPKAD/XI/2025", None),
        ("14 Tahun 2025", None),
    ],
)
def test_a_damaged_ocr_number_is_reported_not_mended(number: str, doubted: str | None) -> None:
    page = _lines_page(["KEPUTUSAN BUPATI DONGGALA", f"NOMOR {number}"])
    warnings = number_doubts(number, [page])
    if doubted is None:
        assert warnings == []
    else:
        (warning,) = warnings
        assert warning.code == "number_uncertain" and warning.page == 1
        assert doubted in warning.message and repr(number) in warning.message
    native = page.model_copy(update={"text_layer": "native"})
    assert number_doubts(number, [native]) == []


def test_a_month_part_that_may_be_a_roman_month_read_as_digits_is_reported() -> None:
    # Probes 12 and 13's scans: '…/I/2026' read '…/1/2026' in a decree of January.
    page = _lines_page(["NOMOR 15/SK-35.10.UP.02.01/1/2026"])
    (warning,) = number_doubts("15/SK-35.10.UP.02.01/1/2026", [page], dt.date(2026, 1, 30))
    assert "month part '1' may be the Roman 'I'" in warning.message
    # Another month, a two-digit month, or no date: nothing to doubt.
    assert number_doubts("15/SK-35.10.UP.02.01/1/2026", [page], dt.date(2026, 2, 3)) == []
    assert number_doubts("B-1234/Kk.11.21/HM.00/01/2027", [page], dt.date(2027, 1, 4)) == []
    assert number_doubts("15/SK-35.10.UP.02.01/1/2026", [page]) == []


def test_copies_of_the_number_that_disagree_are_reported() -> None:
    body = _lines_page(["NOMOR : 188.45/0565/Bag.KESRA/2025"])
    lampiran = _lines_page(["LAMPIRAN", "NOMOR : 188.45/ 0585 /Bag.KESRA/2025"], number=3)
    (warning,) = number_doubts("188.45/0565/Bag.KESRA/2025", [body, lampiran])
    assert "'188.45/0585/Bag.KESRA/2025'" in warning.message
    same = _lines_page(["NOMOR : 188.45/0565 / Bag.KESRA/2025"], number=3)
    assert number_doubts("188.45/0565/Bag.KESRA/2025", [body, same]) == []


def test_a_copy_misread_in_its_first_part_is_reported() -> None:
    # Probe 3: the body reads 'WJ9-A21/...', the Lampiran heading 'W9-A21/...'.
    body = _lines_page(["NOMOR WJ9-A21/35/OT.01.1/1/2027"])
    lampiran = _lines_page(["LAMPIRAN", "NOMOR W9-A21/35/OT.01.1/1/2027"], number=4)
    (warning,) = number_doubts("WJ9-A21/35/OT.01.1/1/2027", [body, lampiran])
    assert "'W9-A21/35/OT.01.1/1/2027'" in warning.message
    # Another decree's number (two parts differ) is not a copy.
    read = _lines_page(["NOMOR W9-A21/35/OT.01.1/1/2027"])
    other = _lines_page(["NOMOR W9-A22/12/OT.01.1/1/2027"], number=4)
    assert number_doubts("W9-A21/35/OT.01.1/1/2027", [read, other]) == []


# --- signatory names OCR may have misread (name_doubts) ------------------------------------


def test_copies_of_the_name_that_disagree_are_reported() -> None:
    # Kepbup Donggala 0561: the stamp's ring hides a letter in both copies, differently.
    body = _lines_page(["BUPATI DONGGALA,", "VEKA ELENA LARUNI"], number=3)
    lampiran = _lines_page(["BUPATI DONGGALA,", "VEEKA ELENA LARUNI"], number=4)
    (warning,) = name_doubts("VEEKA ELENA LARUNI", [body, lampiran])
    assert warning.code == "name_uncertain" and warning.page == 3
    assert "'VEEKA ELENA LARUNI'" in warning.message and "'VEKA ELENA LARUNI'" in warning.message


@pytest.mark.parametrize(
    "copy",
    [
        "VERA ELENA LARUNI,",  # the same letters, another comma
        "VE A ELENA LARUNI, S.H.",  # letters hidden at a gap, a degree left out
        "ELENA LARUNI",  # a whole word hidden
        "VERA KRISTINA MANOPO, S.H.",  # another person who shares a given name
        "Vera Elena Laruni",  # running text, not a printed name
    ],
)
def test_copies_that_agree_or_name_someone_else_raise_no_doubt(copy: str) -> None:
    body = _lines_page(["BUPATI DONGGALA,", "VERA ELENA LARUNI"])
    lampiran = _lines_page([copy], number=4)
    assert name_doubts("VERA ELENA LARUNI", [body, lampiran]) == []


def test_a_name_printed_in_a_text_layer_is_never_doubted() -> None:
    body = _lines_page(["VERA ELENA LARUNI"]).model_copy(update={"text_layer": "native"})
    stamped = _lines_page(["VEKA ELENA LARUNI"], number=4)
    assert name_doubts("VERA ELENA LARUNI", [body, stamped]) == []
    assert name_doubts(None, [body, stamped]) == []


def test_a_cited_month_half_read_as_roman_is_restored() -> None:
    # The 2022 seed's scan reads the month of a Mengingat number 'XII' as 'XI1'.
    cited = "Keputusan KPU Nomor 612/ORT.04-Kpt/05/KPU/XI1/2020 tentang Road Map"
    assert restore_roman_months(cited) == (
        "Keputusan KPU Nomor 612/ORT.04-Kpt/05/KPU/XII/2020 tentang Road Map"
    )
    assert restore_roman_months("188.45/0104/BPKAD/1V/2025") == "188.45/0104/BPKAD/IV/2025"
    # An Arabic month (read as digits or 'l'), a well-formed one, and a non-month stay.
    for kept in ("/KPU/11/2020", "/BPKAD/l/2025", "/KPU/XII/2020", "/KPU/XIII1/2020"):
        assert restore_roman_months(kept) == kept


def test_the_own_month_read_as_ones_is_restored_from_the_signing_date() -> None:
    # Probe 16's scans read 'KEP-27/BBPOM.SMD/OT.01.02/II/2026' (signed in February) '.../11/'.
    read = "KEP-27/BBPOM.SMD/OT.01.02/11/2026"
    assert restore_signed_month(read, 2) == "KEP-27/BBPOM.SMD/OT.01.02/II/2026"
    assert restore_signed_month("800/Il/BKD/lll/2026", 3) == "800/Il/BKD/III/2026"
    # Arabic months that name the signing month, one stroke, a Roman letter: unchanged.
    for kept, month in (("X/OT/11/2026", 11), ("X/OT/1/2026", 1), ("X/OT/XI1/2026", 2)):
        assert restore_signed_month(kept, month) == kept


def test_lettered_subitem_labels_without_dots_on_ocr_pages_only() -> None:
    rows = [
        *HEADING,
        ("KESATU : Tim sebagaimana dimaksud merupakan: a pedoman pelaksanaan tugas,", 70, 540, 240),
        ("b alat ukur perubahan, dan Cc dasar evaluasi.", 200, 540, 254),
        ("KEDUA : Biaya dibebankan pada DPA, a tahun 2025.", 70, 540, 268),
        ("Ditetapkan di Kudus", 310, 420, 300),
    ]
    ocr = _page(rows)
    dicta = parse_metadata([ocr]).dicta
    assert dicta[0].text == (
        "Tim sebagaimana dimaksud merupakan: a. pedoman pelaksanaan tugas; "
        "b. alat ukur perubahan; dan c. dasar evaluasi."
    )
    assert dicta[1].text == "Biaya dibebankan pada DPA, a tahun 2025.", "one letter is no list"
    capital = _page(
        [
            *HEADING,
            ("KESATU : Tim bertugas: a. menyusun rencana; b. melaksanakan", 70, 540, 240),
            ("kegiatan: dan C. menyampaikan laporan.", 200, 540, 254),
            ("Ditetapkan di Kudus", 310, 420, 300),
        ]
    )
    assert parse_metadata([capital]).dicta[0].text == (
        "Tim bertugas: a. menyusun rencana; b. melaksanakan kegiatan; dan c. menyampaikan laporan."
    ), "'c.' read as a capital alone (probe 10)"
    native = parse_metadata([ocr.model_copy(update={"text_layer": "native"})]).dicta
    assert native[0].text == (
        "Tim sebagaimana dimaksud merupakan: a pedoman pelaksanaan tugas, "
        "b alat ukur perubahan, dan Cc dasar evaluasi."
    )


@pytest.mark.parametrize(
    ("menetapkan", "office"),
    [
        ("PENUNJUKAN PENGELOLA LAYANAN PENGADUAN MASYARAKAT", "KEPALA DINAS KOMUNIKASI"),
        ("PENGELOLA LAYANAN PENGADUAN MASYARAKAT", "KEPALA DINAS KOMUNIKASI"),
        ("PENGELOLA LAYANAN PENGADUAN MASYARAKAT", "KETUA DINAS KOMUNIKASI"),
    ],
)
def test_issuer_printed_right_under_the_title(menetapkan: str, office: str) -> None:
    """No blank line between the title and the issuer line: the office the KEPUTUSAN line
    names says where the issuer begins (with or without the head's title KEPALA/KETUA)."""
    rows = [
        ("KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", 130, 480, 100),
        ("KABUPATEN KUDUS", 230, 380, 114),
        ("NOMOR 555/21/2025", 230, 380, 128),
        ("TENTANG", 270, 330, 149),
        ("PENGELOLA LAYANAN PENGADUAN", 220, 390, 163),
        ("MASYARAKAT", 250, 350, 177),
        (f"{office} DAN INFORMATIKA", 140, 470, 191),
        ("KABUPATEN KUDUS,", 240, 360, 205),
        ("Menimbang : a. bahwa pengaduan perlu dikelola;", 70, 550, 240),
        (f"Menetapkan : KEPUTUSAN KEPALA DINAS TENTANG {menetapkan}.", 70, 550, 260),
        ("KESATU : Menunjuk pengelola.", 70, 400, 280),
        ("Ditetapkan di Kudus", 310, 440, 300),
        ("pada tanggal 2 Januari 2025", 310, 480, 314),
        ("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", 310, 540, 342),
        ("KABUPATEN KUDUS,", 310, 420, 356),
        ("BAMBANG SUTRISNO, S.T.", 310, 480, 420),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.title == "PENGELOLA LAYANAN PENGADUAN MASYARAKAT"
    assert meta.signatory == Signatory(
        name="BAMBANG SUTRISNO, S.T.",
        position="KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN KUDUS",
    )


# --- wording a second held-out probe found ---------------------------------------------------


def _two_items_each(menimbang: tuple[str, str], mengingat: tuple[str, str]) -> DecreeMetadata:
    """The metadata of a body whose Menimbang and Mengingat hold the two lines given
    (labels included), each section's first line opening with its section word."""
    rows = [
        *HEADING,
        (f"Menimbang : {menimbang[0]}", 70, 400, 230),
        (menimbang[1], 179, 400, 244),
        (f"Mengingat : {mengingat[0]}", 70, 550, 266),
        (mengingat[1], 179, 550, 280),
        ("MEMUTUSKAN:", 250, 330, 300),
        *CLOSING,
    ]
    return parse_metadata([_page(rows)])


TWO_CONSIDERATIONS = ["bahwa rencana aksi perlu disusun;", "bahwa perlu menetapkan keputusan;"]
TWO_BASES = [("Undang-Undang", "7"), ("Peraturan Presiden", "81")]


def test_numbered_menimbang_and_lettered_mengingat() -> None:
    """The item style follows the section's first label: 'Menimbang : 1. bahwa ...',
    'Mengingat : a. Undang-Undang ...' lose their labels like 'a.' and '1.' do."""
    meta = _two_items_each(
        ("1. bahwa rencana aksi perlu disusun;", "2. bahwa perlu menetapkan keputusan;"),
        (
            "a. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;",
            "b. Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;",
        ),
    )
    assert meta.considerations == TWO_CONSIDERATIONS
    assert [(b.kind, b.number) for b in meta.legal_bases] == TWO_BASES


@pytest.mark.parametrize(
    "pieces",
    [
        [("Ditetapkan di", 310), (": Sigi", 392)],
        [("DITETAPKAN DI", 310), (":", 392), ("SIGI", 400)],
        [("Ditetapkan dl", 310), (": Sigi", 392)],
    ],
)
def test_closing_labels_set_at_a_tab_stop(pieces: list[tuple[str, float]]) -> None:
    """An extractor that splits rows at wide gaps prints the closing's labels apart from
    their values ('Ditetapkan di' | ': Sigi'); the label is joined to its value."""
    date = [("pada tanggal", 310), (":", 392), ("3 Maret 2026", 400)]
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        *((text, x, x + 60, 280) for text, x in pieces),
        *((text, x, x + 60, 294) for text, x in date),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.place is not None and meta.place.casefold() == "sigi"
    assert meta.date == dt.date(2026, 3, 3)
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


@pytest.mark.parametrize(
    ("position", "issuer"),
    [
        ("INSPEKTUR KABUPATEN SlGI", "INSPEKTUR KABUPATEN SIGI"),
        ("KETUA PENGADlLAN AGAMA SlGI", "KETUA PENGADILAN AGAMA SIGI"),
        ("BUPATI PAIU", "BUPATI PALU"),
    ],
)
def test_letters_ocr_confuses_in_a_short_place_name(position: str, issuer: str) -> None:
    """'l' for 'I' in a four-letter place ('SlGI') is OCR damage, not another office."""
    assert is_damaged_issuer(position, issuer)
    assert repaired_position(position, issuer) == issuer
    assert not is_damaged_issuer("BUPATI POSO", "BUPATI PALU")


def test_bars_ocr_reads_at_line_ends() -> None:
    """A '|' opening or closing a line (a rule, fold or margin mark read by OCR) is no text:
    labels behind it are still labels."""
    rows = [
        *HEADING[:3],
        ("RENCANA AKSI |", 250, 350, 163),
        HEADING[4],
        ("Menimbang : a. bahwa rencana aksi perlu disusun;", 70, 400, 230),
        ("|b. bahwa perlu menetapkan keputusan;", 179, 400, 244),
        ("Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;", 70, 550, 266),
        ("| 2.", 179, 190, 280),
        ("Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;", 199, 550, 280),
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 300),
        ("|KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.", 70, 500, 314),
        *CLOSING[1:],
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.title == "RENCANA AKSI"
    assert meta.considerations[1] == "bahwa perlu menetapkan keputusan;"
    assert [b.number for b in meta.legal_bases] == ["7", "81"]
    assert [d.label for d in meta.dicta] == ["KESATU", "KEDUA"]


@pytest.mark.parametrize(
    ("read", "number"),
    [
        # Probe 26's scan: a Roman month with one stroke read '1'; no Arabic month has an I.
        ("27/3318/KEP/I1/2026", "27/3318/KEP/II/2026"),
        ("188.45/0561/BPKAD/XI1/2025", "188.45/0561/BPKAD/XII/2025"),
        # digits alone may be an Arabic month: left to the number_uncertain warning
        ("15/SK-35.10.UP.02.01/1/2026", "15/SK-35.10.UP.02.01/1/2026"),
        ("KEP-05/P.4.12/Cp.1/01/2026", "KEP-05/P.4.12/Cp.1/01/2026"),
    ],
)
def test_a_roman_month_half_read_as_digits_in_the_number(read: str, number: str) -> None:
    assert number_as_written(read) == number


def test_tahun_glued_to_the_year_in_the_number() -> None:
    assert number_as_written("15 TAHUN2026") == "15 Tahun 2026"
    assert number_as_written("15  TAHUN  2026") == "15 Tahun 2026"
    page = _lines_page(["KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN SIGI", "NOMOR 15 TAHUN2026"])
    meta = parse_metadata([page])
    assert (meta.number, meta.year) == ("15 Tahun 2026", 2026)


def test_numeric_date_with_ocr_letters_for_digits() -> None:
    assert parse_indonesian_date("pada tanggal O3-03-2026") == dt.date(2026, 3, 3)
    assert parse_indonesian_date("pada tanggal 3l/0l/2O26") == dt.date(2026, 1, 31)
    assert parse_indonesian_date("NOMOR 4/1/2O25") is None, "only after 'tanggal'"


@pytest.mark.parametrize("separator", [";", ".", ",", "-", "–", "—"])
def test_diktum_colon_read_as_other_punctuation(separator: str) -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        (f"KEDUA {separator} Keputusan ini mulai berlaku.", 70, 400, 254),
        *CLOSING[1:],
    ]
    dicta = parse_metadata([_page(rows)]).dicta
    assert [(d.label, d.text) for d in dicta] == [
        ("KESATU", "Menetapkan rencana aksi."),
        ("KEDUA", "Keputusan ini mulai berlaku."),
    ]


def test_closing_with_spaces_ocr_lost() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan diKudus", 310, 420, 280),
        ("padatanggal 2 Januari 2025", 310, 450, 294),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert [d.text for d in meta.dicta] == ["Menetapkan rencana aksi."]
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_dikeluarkan_di_closing() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Dikeluarkan di : Kudus", 310, 420, 280),
        ("pada tanggal : 2 Januari 2025", 310, 450, 294),
        ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert [d.text for d in meta.dicta] == ["Menetapkan rencana aksi."]
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))


def test_mengingat_label_with_a_letter_for_its_digit() -> None:
    """OCR reads '1.' as 'l.' (or 'I.'): the next item's label still, never a letter label."""
    rows = [
        *HEADING,
        ("Menimbang : a. bahwa rencana aksi perlu disusun;", 70, 400, 230),
        ("Mengingat : l. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;", 70, 550, 266),
        ("2. Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;", 179, 550, 280),
        ("MEMUTUSKAN:", 250, 330, 300),
        *CLOSING,
    ]
    meta = parse_metadata([_page(rows)])
    assert [(b.kind, b.number) for b in meta.legal_bases] == [
        ("Undang-Undang", "7"),
        ("Peraturan Presiden", "81"),
    ]


# --- metadata probe: signature placeholder, OCR'd labels and marks -------------------------


@pytest.mark.parametrize("placeholder", ["TTD", "ttd", "TTD."])
def test_the_signature_placeholder_is_never_the_name(placeholder: str) -> None:
    """'TTD' stands where the pen signed; in capitals it reads like a name."""
    rows = [
        *HEADING,
        *CLOSING,
        (KPU_ISSUER + ",", 320, 540, 322),
        (placeholder, 400, 430, 350),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_ditetapkan_di_with_a_semicolon_for_its_colon() -> None:
    rows = [
        *HEADING,
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 240),
        ("Ditetapkan di ; Kudus", 310, 420, 280),
        ("pada tanggal ; 2 Januari 2025", 310, 450, 294),
        (KPU_ISSUER + ",", 310, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert (meta.place, meta.date) == ("Kudus", dt.date(2025, 1, 2))


@pytest.mark.parametrize("split", [False, True], ids=["row-lines", "label-pieces"])
def test_diktum_labels_with_ocr_lookalike_letters(split: bool) -> None:
    """OCR reads 'I' of a label as 'l' or '1' ('KETlGA', 'KEL1MA'); 'O' as '0'."""
    labels = ["KESATU", "KEDUA", "KETlGA", "KEEMPAT", "KEL1MA", "KEENAM", "KETUJUH", "KEDELAPAN"]
    labels += ["KESEMBlLAN", "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KET1GA BELAS"]
    rows: list[tuple[str, float, float, float]] = [*HEADING]
    for index, label in enumerate(labels):
        top = 230 + 14 * index
        text = f"Ketentuan nomor {index + 1}."
        if split:
            rows += [(f"{label} :", 70, 160, top), (text, 199, 400, top)]
        else:
            rows.append((f"{label} : {text}", 70, 400, top))
    rows += [(text, 310, 450, top + 250) for text, _, _, top in CLOSING[1:]]
    dicta = parse_metadata([_page(rows)]).dicta
    assert [d.label for d in dicta] == [
        "KESATU",
        "KEDUA",
        "KETIGA",
        "KEEMPAT",
        "KELIMA",
        "KEENAM",
        "KETUJUH",
        "KEDELAPAN",
        "KESEMBILAN",
        "KESEPULUH",
        "KESEBELAS",
        "KEDUA BELAS",
        "KETIGA BELAS",
    ]
    assert [d.text for d in dicta] == [f"Ketentuan nomor {n}." for n in range(1, 14)]


def test_a_diktum_label_quoted_inside_a_diktum_is_its_text() -> None:
    """A decree that amends another quotes the amended diktum ('KEDUA : ...') in the text
    column of its own diktum (its quotation mark lost to OCR): right of the label column,
    it is no diktum of this decree."""
    rows = [
        *HEADING,
        ("KESATU : Mengubah diktum KEDUA Keputusan Nomor 10 Tahun 2024 sehingga", 70, 550, 240),
        ("berbunyi sebagai berikut:", 199, 330, 254),
        ("KEDUA : Rencana aksi dilaksanakan oleh tim.", 199, 450, 268),
        ("KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.", 70, 500, 290),
        *CLOSING[1:],
    ]
    dicta = parse_metadata([_page(rows)]).dicta
    assert [(d.label, d.text) for d in dicta] == [
        (
            "KESATU",
            "Mengubah diktum KEDUA Keputusan Nomor 10 Tahun 2024 sehingga berbunyi sebagai "
            "berikut: KEDUA : Rencana aksi dilaksanakan oleh tim.",
        ),
        ("KEDUA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]


@pytest.mark.parametrize(
    ("text", "number", "year"),
    [
        ("Undang-Undang Nomor 17Tahun 2023 tentang Kesehatan;", "17", 2023),
        ("Undang-Undang Nomor 17 TAHUN 2023 tentang Kesehatan;", "17", 2023),
        (
            "Peraturan Menteri Nomor PER/17Tahunan/2023 tentang Kesehatan;",
            "PER/17Tahunan/2023",
            2023,
        ),
    ],
)
def test_tahun_glued_to_the_cited_number(text: str, number: str, year: int) -> None:
    """A text layer that lost the space before 'Tahun' still gives number and year; 'Tahun'
    inside a number's own word is part of it."""
    basis = parse_legal_basis(text)
    assert (basis.text, basis.number, basis.year, basis.title) == (text, number, year, "Kesehatan")


def test_nornor_is_nomor_in_a_legal_basis() -> None:
    """OCR reads 'm' as 'rn': 'Nornor' is 'Nomor'; the text stays as read."""
    text = "Undang-Undang Nornor 23 Tahun 2014 tentang Pemerintahan Daerah;"
    basis = parse_legal_basis(text)
    assert (basis.text, basis.kind, basis.number, basis.year, basis.title) == (
        text,
        "Undang-Undang",
        "23",
        2014,
        "Pemerintahan Daerah",
    )


@pytest.mark.parametrize("bar", ["| ", "|"])
def test_a_bar_before_the_first_number_label(bar: str) -> None:
    """A rule OCR read as '|' between the section's ':' and its first label ('| 1.')."""
    meta = _two_items_each(
        (f"{bar}1. bahwa rencana aksi perlu disusun;", "2. bahwa perlu menetapkan keputusan;"),
        (
            f"{bar}1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilu;",
            "2. Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;",
        ),
    )
    assert meta.considerations == TWO_CONSIDERATIONS
    assert [(b.kind, b.number) for b in meta.legal_bases] == TWO_BASES


@pytest.mark.parametrize("end", [".", ";", ".,"])
def test_the_position_drops_its_final_stop(end: str) -> None:
    rows = [
        *HEADING,
        *CLOSING,
        (f"{KPU_ISSUER}{end}", 320, 540, 322),
        ("AHMAD AMIR FAISOL", 340, 480, 380),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.signatory == Signatory(name="AHMAD AMIR FAISOL", position=KPU_ISSUER)


def test_a_wrapped_line_at_the_label_indent_is_no_new_item() -> None:
    """Items whose wrapped lines are flush with their labels: a wrapped line opening with a
    number and a stop ('5, Tambahan ...') is not the next item's label."""
    rows = [
        *HEADING,
        ("Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;", 70, 550, 230),
        ("2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", 179, 550, 244),
        ("(Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244, Tambahan", 179, 550, 258),
        ("Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana diubah Nomor", 179, 550, 272),
        ("5, Tambahan Lembaran Negara Republik Indonesia Nomor 5679);", 179, 480, 286),
        ("3. Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;", 179, 550, 300),
        ("MEMUTUSKAN:", 250, 330, 320),
        *CLOSING,
    ]
    bases = parse_metadata([_page(rows)]).legal_bases
    assert [b.number for b in bases] == ["7", "23", "81"]
    assert bases[1].text.endswith(
        "Nomor 5, Tambahan Lembaran Negara Republik Indonesia Nomor 5679);"
    )


Row = tuple[str, float, float, float]


@pytest.mark.parametrize("split", [False, True], ids=["row-lines", "label-pieces"])
@pytest.mark.parametrize(
    ("menimbang", "mengingat", "memperhatikan", "memutuskan", "menetapkan"),
    [
        ("Menimbaug", "Mengingat.", "Memperhatikan", "MEMUTUSKAN :", "Menetapkan"),
        ("Menimbang", "Mengmgat", "Mernperhatikan", "M E M U T U S K A N :", "Menetapkau"),
        ("Menirnbang", "Mengirigat", "Memperhatikau.", "MEMUTUSKAN", "Menctapkan"),
        ("MENIMBANG.", "MENGINGAT", "MEMPERHATlKAN", "MEMUTUSKAN;", "MENETAPKAN."),
    ],
)
def test_section_words_ocr_damaged(
    menimbang: str,
    mengingat: str,
    memperhatikan: str,
    memutuskan: str,
    menetapkan: str,
    split: bool,
) -> None:
    """Section words read with a letter or two wrong, or a '.' or ';' for their ':', are
    still the labels, also when printed apart from their text."""

    def labelled(label: str, item: str, text: str, top: float) -> list[Row]:
        if not split:
            return [(f"{label} : {item} {text}".replace("  ", " "), 70, 550, top)]
        pieces = ((label, 70, 160), (":", 167, 170), (item, 179, 190), (text, 199, 550))
        return [(piece, x0, x1, top) for piece, x0, x1 in pieces if piece]

    rows = [
        *HEADING,
        *labelled(menimbang, "a.", "bahwa rencana aksi perlu ditetapkan;", 230),
        ("b. bahwa perlu menetapkan keputusan;", 179, 400, 244),
        *labelled(mengingat, "1.", "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilu;", 266),
        ("2. Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design;", 179, 550, 280),
        *labelled(memperhatikan, "", "Berita Acara Rapat Pleno;", 294),
        (memutuskan, 240, 400, 310),
        (f"{menetapkan} : KEPUTUSAN KETUA KOMISI TENTANG RENCANA AKSI.", 70, 550, 326),
        *CLOSING,
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.considerations == [
        "bahwa rencana aksi perlu ditetapkan;",
        "bahwa perlu menetapkan keputusan;",
    ]
    assert [(b.kind, b.number) for b in meta.legal_bases] == [
        ("Undang-Undang", "7"),
        ("Peraturan Presiden", "81"),
    ]
    assert meta.title == "RENCANA AKSI"
    assert [(d.label, d.text) for d in meta.dicta] == [("KESATU", "Menetapkan rencana aksi.")]


# --- wording of an RSUD decree (probe 5) ------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "office", "institution"),
    [
        ("DIREKTUR", "RSUD SEKAR WANGI KABUPATEN CONTOH", "RSUD Sekar Wangi Kabupaten Contoh"),
        (
            "DIREKTUR UTAMA",
            "RSUD SEKAR WANGI KABUPATEN CONTOH",
            "RSUD Sekar Wangi Kabupaten Contoh",
        ),
        ("REKTOR", "UNIVERSITAS CONTOH", "Universitas Contoh"),
        ("DIREKTUR JENDERAL", "PAJAK", "Direktur Jenderal Pajak"),
        (
            "KEPALA PELAKSANA",  # probe 22: the head of a BPBD
            "BADAN PENANGGULANGAN BENCANA DAERAH KABUPATEN CONTOH",
            "Badan Penanggulangan Bencana Daerah Kabupaten Contoh",
        ),
    ],
)
def test_institution_without_the_heads_title(head: str, office: str, institution: str) -> None:
    """'KEPUTUSAN DIREKTUR RSUD X' is issued by RSUD X, as 'KEPALA DINAS X' by Dinas X; a
    Direktur Jenderal heads the Direktorat Jenderal named after him, so his title is the
    institution's name and stays."""
    rows = [
        (f"KEPUTUSAN {head} {office}", 130, 480, 100),
        ("NOMOR 445/27/2026", 230, 380, 128),
        ("TENTANG", 270, 330, 149),
        ("RENCANA AKSI ZONA INTEGRITAS", 220, 390, 163),
        (f"{head} {office},", 140, 470, 191),
        (f"Menimbang : a. bahwa {institution} perlu menyusun rencana aksi;", 70, 550, 240),
        (
            f"Menetapkan : KEPUTUSAN {head} {office} TENTANG RENCANA AKSI ZONA INTEGRITAS.",
            70,
            550,
            260,
        ),
        ("KESATU : Menetapkan rencana aksi.", 70, 400, 280),
        ("Ditetapkan di Contoh", 310, 440, 300),
        ("pada tanggal 8 Januari 2026", 310, 480, 314),
        (f"{head} {office},", 310, 540, 342),
        ("BAMBANG SURYADINATA", 310, 480, 420),
    ]
    meta = parse_metadata([_page(rows)])
    assert meta.institution == institution
    assert meta.signatory == Signatory(name="BAMBANG SURYADINATA", position=f"{head} {office}")
