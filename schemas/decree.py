"""The output contract, schema_version "1": one `Decree` document per PDF.

Field names are English; values are the document's own text (whitespace folded).
Everything here is produced deterministically from the PDF bytes and the settings.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from schemas._base import Frozen

SCHEMA_VERSION = "1"

BBoxList = list[float]


class PipelineWarning(Frozen):
    """Something the reader of the output should know, e.g. a doubtful repair."""

    code: str = Field(description="Stable machine-readable code, e.g. 'no_lampiran_table'.")
    message: str = Field(description="One sentence a person can act on.")
    page: int | None = Field(default=None, description="1-based page it concerns, if any.")


class OcrEngineInfo(Frozen):
    """Name, version and languages of the OCR engine used."""

    name: str = Field(description="Engine name, e.g. 'tesseract'.")
    version: str = Field(description="Engine version.")
    languages: list[str] = Field(description="Language packs, e.g. ['ind', 'eng'].")


class Source(Frozen):
    """The PDF the document was read from."""

    file: str = Field(description="File name of the PDF.")
    sha256: str = Field(description="SHA-256 of the PDF bytes, hex.")
    pages: int = Field(ge=0, description="Number of pages.")
    text_layer: Literal["native", "ocr", "mixed"] = Field(
        description="native: all text from the PDF; ocr: all from OCR; mixed: some of each."
    )
    ocr_engine: OcrEngineInfo | None = Field(
        description="The OCR engine lampiran ran, when it OCR'd any page; null when the only "
        "OCR text is a layer the PDF already carried."
    )


class Signatory(Frozen):
    """Who signed the decree."""

    name: str | None = Field(description="Name as printed, e.g. 'NAILY SYARIFAH'.")
    position: str | None = Field(
        description="Position as printed, e.g. 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS'."
    )


class LegalBasis(Frozen):
    """One Mengingat item, with the cited instrument parsed out of its text."""

    text: str = Field(description="The item's full text, numbering removed.")
    kind: str | None = Field(
        description="Instrument kind, e.g. 'Undang-Undang', 'Peraturan Presiden'."
    )
    number: str | None = Field(
        description="Instrument number as written, e.g. '7', '612/ORT.04-Kpt/05/KPU/XII/2020'."
    )
    year: int | None = Field(description="Instrument year.")
    title: str | None = Field(description="The instrument's 'tentang' title.")


class Dictum(Frozen):
    """One diktum: KESATU, KEDUA, ... with its text."""

    label: str = Field(description="The diktum label as printed, e.g. 'KESATU'.")
    text: str = Field(description="The diktum text, sub-items joined by single spaces.")


class JdihMetadata(Frozen):
    """The decree's metadata under the JDIHN integration feed's own keys (all strings)."""

    judul: str = Field(description="Full title: jenis, nomor, tahun and 'tentang ...'.")
    jenis: str = Field(
        description="Kind of instrument, e.g. 'Keputusan Komisi Pemilihan Umum Kabupaten'."
    )
    singkatanJenis: str = Field(description="Abbreviated kind, e.g. 'Kep'.")
    noPeraturan: str = Field(description="Number as written.")
    tahun_pengundangan: str = Field(description="Year, 'YYYY'.")
    tanggal_penetapan: str = Field(description="Date of enactment, 'YYYY-MM-DD', or ''.")
    tanggal_pengundangan: str = Field(description="Date of promulgation, 'YYYY-MM-DD', or ''.")
    tempatTerbit: str = Field(description="Place of enactment.")
    teuBadan: str = Field(description="Corporate author (Tajuk Entri Utama).")
    sumber: str = Field(description="Gazette citation, '' for decrees without one.")
    subjek: str = Field(description="Upper-case subject headings joined by ' - '.")
    status: str = Field(description="'Berlaku' or 'Tidak Berlaku'.")
    bahasa: str = Field(description="Language, 'Bahasa Indonesia'.")
    bidangHukum: str = Field(description="Field of law, e.g. 'Hukum Administrasi Negara'.")


class DecreeMetadata(Frozen):
    """What the decree's body pages say about it."""

    institution: str | None = Field(
        description="Issuing institution, e.g. 'Komisi Pemilihan Umum Kabupaten Kudus'."
    )
    kind: str = Field(description="The decree's kind word, e.g. 'Keputusan'.")
    number: str | None = Field(
        description="Number as written, e.g. '04/HK.03.1/3319/2022', '14 Tahun 2025'."
    )
    year: int | None = Field(description="Year of the decree.")
    title: str | None = Field(description="The TENTANG text, joined over lines.")
    place: str | None = Field(description="Place of enactment ('Ditetapkan di ...').")
    date: dt.date | None = Field(description="Date of enactment ('pada tanggal ...'), ISO.")
    signatory: Signatory | None = Field(description="Who signed.")
    considerations: list[str] = Field(description="Menimbang items, lettering removed.")
    legal_bases: list[LegalBasis] = Field(description="Mengingat items, parsed.")
    dicta: list[Dictum] = Field(description="Diktum items in order.")
    jdih: JdihMetadata | None = Field(description="The same facts under the JDIHN feed's keys.")


class Area(Frozen):
    """The reform area a row belongs to (section row or program column)."""

    code: str | None = Field(description="The area's printed code, e.g. 'I' or '6'.")
    name: str = Field(description="The area's printed name, e.g. 'MANAJEMEN PERUBAHAN'.")


class Component(Frozen):
    """The component (KOMPONEN / KEGIATAN) a row belongs to."""

    number: str | None = Field(description="Its printed number, e.g. '1', '2.'.")
    text: str = Field(description="Its text.")


class Schedule(Frozen):
    """When a row is scheduled: the printed text and what it means."""

    text: str | None = Field(description="The printed schedule text, null for a tick grid.")
    months: list[int] = Field(description="Months covered, 1-12, ascending.")
    quarters: list[int] = Field(
        description="Quarters covered, 1-4, ascending (derived from months)."
    )
    year: int | None = Field(description="Year named by the schedule, if any.")


class Candidate(Frozen):
    """A taxonomy entry considered for a row."""

    id: str = Field(description="Taxonomy id, e.g. 'MP.P.1.a' or 'MP.P.1'.")
    label: str = Field(description="The entry's text.")
    score: float = Field(description="Similarity 0-100.")


class TaxonomyMatch(Frozen):
    """The row's place in the ZI indicator taxonomy (PermenPANRB 90/2021)."""

    area_id: str | None = Field(description="ZI area id (MP, TT, SDM, AK, PW, PL) or null.")
    indicator_id: str | None = Field(
        description="Question or group id the evidence supports, or null."
    )
    label: str | None = Field(description="Text of the matched entry.")
    score: float = Field(description="Similarity of the chosen entry, 0-100.")
    status: Literal["matched", "needs_review", "no_match"] = Field(
        description="matched: confident; needs_review: plausible but below threshold or ambiguous; "
        "no_match: nothing plausible."
    )
    candidates: list[Candidate] = Field(description="Up to three best entries, best first.")


class Provenance(Frozen):
    """Where on the pages the row was printed."""

    pages: list[int] = Field(description="1-based pages the row's cells are on.")
    bboxes: list[BBoxList] = Field(description="[x0, top, x1, bottom] of the row on each page.")


class Repair(Frozen):
    """One change the pipeline made to the printed text."""

    field: str = Field(description="Row field changed, e.g. 'indicator'.")
    before: str | None = Field(description="Text before the change, on one line.")
    after: str | None = Field(description="Text after the change, on one line.")
    kind: str = Field(
        description="ocr | hyphenation | continuation | fill_down | column_shift | list_split | ..."
    )


class ExtraCell(Frozen):
    """The text of an action-plan row in a column that names no field of the contract."""

    column: int = Field(ge=1, description="1-based position of the column in the table.")
    header: str = Field(description="The column's printed header ('ANGGARAN (Rp)').")
    text: str = Field(description="The cell's text, on one line.")


class Row(Frozen):
    """One row of an action-plan table, in the contract's canonical fields."""

    id: str = Field(description="Stable within the document: 'T1.R001'.")
    area: Area | None = Field(description="Section row or program column.")
    component: Component | None = Field(description="KOMPONEN / KEGIATAN.")
    indicator: str | None = Field(description="INDIKATOR / INDIKATOR KEBERHASILAN.")
    activity: str | None = Field(description="LANGKAH AKSI / SUB KEGIATAN / RENCANA KEGIATAN.")
    evidence: list[str] = Field(
        description="BUKTI FISIK / BUKTI DUKUNG / OUTPUT, list items split."
    )
    schedule: Schedule | None = Field(description="TARGET WAKTU / month or quarter grid.")
    responsible: str | None = Field(description="PENANGGUNG JAWAB / PIC.")
    note: str | None = Field(description="KET.")
    cells: list[str] = Field(
        default_factory=list,
        description="For layout 'unknown' tables only: the row's cells as printed, left to right.",
    )
    extra: list[ExtraCell] = Field(
        default_factory=list,
        description="For layout 'action_plan' tables only: the row's non-empty cells in "
        "columns that name no field (ANGGARAN, VOLUME, SATUAN, ...), left to right.",
    )
    taxonomy: TaxonomyMatch | None = Field(
        description="ZI taxonomy match; null for non-plan tables."
    )
    provenance: Provenance = Field(description="Pages and boxes the row came from.")
    repairs: list[Repair] = Field(description="Every change made to the printed text.")


class Table(Frozen):
    """One Lampiran table, stitched over its pages."""

    title: str | None = Field(description="The heading printed above the table, if any.")
    layout: Literal["action_plan", "unknown"] = Field(
        description="action_plan: mapped to the canonical fields; unknown: raw rows in order."
    )
    pages: list[int] = Field(description="1-based pages the table spans.")
    header: list[str] = Field(
        description="Header cells as printed on the table's first page, left to right. "
        "When the header is printed again on later pages and a first-page label names no "
        "field while later copies name one (OCR garbled it), the most frequent later "
        "reading naming it is given, the earliest page's on a tie."
    )
    columns: dict[str, str] = Field(description="Printed header -> canonical field.")
    rows: list[Row] = Field(description="Body rows in order.")
    repairs: list[Repair] = Field(
        default_factory=list,
        description="Changes made to the printed header labels (OCR repair); field is "
        "'header N', N the 1-based position in `header`.",
    )


class Decree(Frozen):
    """One decree: its source, metadata, Lampiran tables and warnings."""

    schema_version: Literal["1"] = Field(description="Version of this contract.")
    source: Source = Field(description="The PDF read.")
    decree: DecreeMetadata = Field(description="The decree's metadata.")
    tables: list[Table] = Field(description="Lampiran tables in page order.")
    warnings: list[PipelineWarning] = Field(description="Things the reader should know.")
