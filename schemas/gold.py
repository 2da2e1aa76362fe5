"""The corpus gold: a decree's hand-checked content, and how it was printed.

A `GoldDecree` is the single source of a corpus decree. The renderer prints it as PDF
variants; `lampiran eval` compares pipeline output with it. Its `metadata` and the
content fields of its rows use the output contract's own models, so comparison is
field by field with no translation.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from schemas._base import Frozen
from schemas.decree import Area, Component, DecreeMetadata, Schedule

CanonicalField = Literal[
    "area.code",
    "area.name",
    "component.number",
    "component.text",
    "indicator",
    "activity",
    "evidence",
    "schedule",
    "responsible",
    "note",
]
CANONICAL_FIELDS: tuple[str, ...] = get_args(CanonicalField)
"""The row fields one printed column can carry, in contract order."""


class GoldRow(Frozen):
    """One table row's content, as the original most plausibly reads."""

    area: Area | None = Field(default=None, description="Section row or program column.")
    component: Component | None = Field(default=None, description="KOMPONEN / KEGIATAN.")
    indicator: str | None = Field(default=None, description="INDIKATOR text.")
    activity: str | None = Field(default=None, description="LANGKAH AKSI / SUB KEGIATAN text.")
    evidence: list[str] = Field(
        default_factory=list, description="Evidence items, numbering removed."
    )
    schedule: Schedule | None = Field(default=None, description="Schedule as printed and parsed.")
    responsible: str | None = Field(default=None, description="PENANGGUNG JAWAB.")
    note: str | None = Field(default=None, description="KET.")
    cells: list[str] = Field(
        default_factory=list, description="Layout 'unknown' tables: raw cells."
    )
    wide: CanonicalField | None = Field(
        default=None,
        description="Field whose printed cell also covers the next column (left empty in this row).",
    )


class GoldColumn(Frozen):
    """One printed column of a gold table."""

    header: str = Field(description="Printed header text, e.g. 'KOMPONEN'.")
    field: CanonicalField | Literal["months", "quarters"] = Field(
        description="Canonical field printed in this column; 'months'/'quarters' for tick grids."
    )
    group: str | None = Field(
        default=None,
        description="Upper header spanning several columns, e.g. 'PELAKSANAAN (BULAN)'.",
    )
    width: float = Field(gt=0, description="Relative width of the column.")


class GoldTable(Frozen):
    """One Lampiran table of a gold decree."""

    title: str | None = Field(description="Heading printed above the table.")
    layout: Literal["action_plan", "unknown"] = Field(description="As in the output contract.")
    columns: list[GoldColumn] = Field(description="Printed columns left to right.")
    orientation: Literal["portrait", "landscape"] = Field(
        default="landscape", description="Orientation of the Lampiran table pages."
    )
    section_rows: bool = Field(
        description="True when the area is printed as a full-width section row ('I MANAJEMEN PERUBAHAN')."
    )
    evidence_style: Literal["numbered", "bulleted"] = Field(
        default="numbered",
        description="How a list of two or more evidence items is printed: '1. item' or '• item'.",
    )
    merge: list[CanonicalField] = Field(
        default_factory=list,
        description="Fields printed once in a cell merged down over consecutive equal rows.",
    )
    rows: list[GoldRow] = Field(description="Every body row, in order.")


class Block(Frozen):
    """A block of body text the renderer prints: a heading, paragraph or list item."""

    kind: Literal["heading", "paragraph", "item"] = Field(description="How it is printed.")
    text: str = Field(description="The text.")
    label: str | None = Field(default=None, description="Item label, e.g. 'a.' or '1)'.")


class Certification(Frozen):
    """The 'Salinan sesuai dengan aslinya' block of a certified copy."""

    lines: list[str] = Field(description="Lines above the name.")
    name: str = Field(description="Name of the certifying official.")


class GoldDecree(Frozen):
    """A corpus decree: what it says and what the renderer needs to print it."""

    id: str = Field(description="Corpus id, e.g. 'kpu-kudus-2025-zi'.")
    synthetic: bool = Field(default=False, description="True for invented decrees.")
    seed: str | None = Field(default=None, description="Transcript this gold was made from.")
    letterhead: list[str] = Field(description="Letterhead lines.")
    heading: list[str] = Field(description="Title block lines: KEPUTUSAN ... NOMOR ... TENTANG ...")
    issuer_line: str = Field(description="E.g. 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS,'.")
    memperhatikan: str | None = Field(default=None, description="Memperhatikan text, if printed.")
    menetapkan: str = Field(description="Menetapkan text.")
    dicta_items: dict[str, list[str]] = Field(
        default_factory=dict, description="Numbered sub-items printed under a diktum label."
    )
    certification: Certification | None = Field(description="Certified-copy block.")
    lampiran_heading: list[str] = Field(description="LAMPIRAN header block lines.")
    lampiran_blocks: list[Block] = Field(
        default_factory=list, description="Narrative before the table."
    )
    metadata: DecreeMetadata = Field(
        description="The decree's metadata (the output contract's model)."
    )
    tables: list[GoldTable] = Field(description="Lampiran tables.")
