"""Compose the normalize steps into one document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from normalize.build_table import build_table, unmapped_columns
from normalize.check_sums import check_sums
from normalize.closing_marks import restore_closing_marks
from normalize.component_numbers import agree_component_numbers
from normalize.decimal_commas import restore_decimal_commas
from normalize.doubled_labels import undouble_labels
from normalize.doubt_name import name_doubts
from normalize.doubt_number import number_doubts
from normalize.find_title import find_title
from normalize.fold_text import word_counts
from normalize.item_numbers import restore_item_dots, restore_number_stops
from normalize.label_marks import restore_label_marks
from normalize.match_taxonomy import MatchSettings, RowText, match_taxonomy
from normalize.mend_broken_words import mend_table
from normalize.parse_metadata import parse_metadata
from normalize.repair_cells import (
    doubtful_warnings,
    repair_header,
    repair_page_lines,
    repair_rows,
)
from normalize.section_codes import (
    restore_area_code_column,
    restore_area_column_codes,
    restore_section_codes,
)
from normalize.split_label_rows import split_label_rows
from normalize.stitch_pages import LogicalTable, stitch_tables
from normalize.unread_marks import unread_mark_warnings
from normalize.vocabulary import Vocabulary, build_vocabulary
from schemas.decree import (
    SCHEMA_VERSION,
    Decree,
    OcrEngineInfo,
    PipelineWarning,
    Repair,
    Source,
    Table,
)
from schemas.raw import RawDocument
from schemas.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class NormalizeSettings:
    """Thresholds of the interpreting steps."""

    header_threshold: float = 85.0
    """Minimum rapidfuzz ratio (0-100) for a printed header to name a field."""
    match: MatchSettings = field(default_factory=MatchSettings)
    """Thresholds of the ZI taxonomy matcher (see docs/decisions/0004-taxonomy-matching.md)."""
    repair_ocr: bool = True
    """Repair OCR errors in text from OCR'd pages (see docs/decisions/0009-ocr-repair.md)."""

    def without_ocr_repair(self) -> NormalizeSettings:
        """The same settings with OCR repair off: what `make eval` compares repair against."""
        return replace(self, repair_ocr=False)


def _with_taxonomy(table: Table, taxonomy: Taxonomy, settings: MatchSettings) -> Table:
    """`table` with every action-plan row matched to the ZI taxonomy."""
    if table.layout != "action_plan":
        return table
    rows = [
        row.model_copy(
            update={
                "taxonomy": match_taxonomy(
                    RowText(
                        area=row.area.name if row.area else None,
                        component=row.component.text if row.component else None,
                        indicator=row.indicator,
                        activity=row.activity,
                        evidence=tuple(row.evidence),
                    ),
                    taxonomy,
                    settings,
                )
            }
        )
        for row in table.rows
    ]
    return table.model_copy(update={"rows": rows})


def _column_names(logical: LogicalTable) -> tuple[str, ...]:
    """The printed name of each column of the rows, or none when the header has a
    different number of labels (it groups columns)."""
    header = logical.header
    if header is None or not logical.rows or len(header.printed) != len(logical.rows[0].cells):
        return ()
    return header.printed


def _repair_ocr(
    logical: LogicalTable, ocr_pages: frozenset[int], vocab: Vocabulary
) -> tuple[LogicalTable, list[Repair], dict[int, set[str]]]:
    """`logical` with the OCR'd text of its rows and header repaired; the header's
    repairs; and the words repair was unsure about, per page."""
    rows, unsure = repair_rows(logical.rows, ocr_pages, vocab)
    rows = undouble_labels(rows, ocr_pages)
    rows = restore_section_codes(restore_label_marks(rows, ocr_pages), ocr_pages)
    fields = logical.header.fields if logical.header else ()
    area_col = _column_of(fields, "area.name")
    code_col = _column_of(fields, "area.code")
    rows = restore_area_column_codes(rows, area_col, ocr_pages)
    rows = restore_area_code_column(rows, code_col, area_col, ocr_pages)
    rows = restore_item_dots(restore_decimal_commas(rows, ocr_pages), ocr_pages)
    # Under section rows, build_table reads the area's columns as the component's.
    pair = ("component.number", "component.text")
    if pair[0] not in fields:
        pair = ("area.code", "area.name")
    number_col, text_col = (_column_of(fields, field) for field in pair)
    numbered = [c for c in (number_col, _column_of(fields, "number")) if c is not None]
    rows = restore_number_stops(rows, numbered, ocr_pages)
    rows = agree_component_numbers(rows, number_col, text_col, ocr_pages)
    rows = restore_closing_marks(rows, ocr_pages)
    logical = replace(logical, rows=rows)
    if logical.header is None or logical.first.page not in ocr_pages:
        return logical, [], unsure
    header, repairs, unsure_labels = repair_header(logical.header, vocab)
    if unsure_labels:
        unsure.setdefault(logical.first.page, set()).update(unsure_labels)
    return replace(logical, header=header), repairs, unsure


def _column_of(fields: tuple[str | None, ...], field: str) -> int | None:
    """The column the header maps to `field`, None when it maps none."""
    return fields.index(field) if field in fields else None


def _text_layer(raw: RawDocument) -> Literal["native", "ocr", "mixed"]:
    kinds = {p.text_layer for p in raw.pages if p.text_layer != "none"}
    if kinds == {"ocr"}:
        return "ocr"
    return "mixed" if "ocr" in kinds else "native"


def _source(raw: RawDocument) -> Source:
    engine = raw.ocr_engine
    return Source(
        file=raw.file,
        sha256=raw.sha256,
        pages=len(raw.pages),
        text_layer=_text_layer(raw),
        ocr_engine=OcrEngineInfo(
            name=engine.name, version=engine.version, languages=list(engine.languages)
        )
        if engine
        else None,
    )


def normalize_document(raw: RawDocument, settings: NormalizeSettings) -> Decree:
    """The validated `Decree` of `raw`.

    Invariant: pure and deterministic; every table grid of `raw` ends up in exactly one
    output table (action plan or 'unknown'), nothing is dropped silently.
    """
    ocr_pages = frozenset(p.number for p in raw.pages if p.text_layer == "ocr")
    repair = settings.repair_ocr and bool(ocr_pages)
    vocab = build_vocabulary() if repair else None
    body_pages = tuple(repair_page_lines(p, vocab) for p in raw.pages) if vocab else raw.pages
    pages = {p.number: p for p in body_pages}
    tables: list[Table] = []
    doubtful: dict[int, set[str]] = {}
    table_warnings: list[PipelineWarning] = []
    native_pages = frozenset(p.number for p in raw.pages if p.text_layer == "native")
    # The words the document prints, OCR'd pages as repaired: the evidence that two pieces
    # a break left apart are one word.
    counts = word_counts(line.text for page in body_pages for line in page.lines)
    # Lines as read: a split follows the lines a cell's text was made of.
    as_read = {p.number: p for p in raw.pages}
    grids = tuple(split_label_rows(t, as_read.get(t.page)) for t in raw.tables)
    for logical in stitch_tables(grids, pages, settings.header_threshold):
        logical = mend_table(logical, counts, native_pages)
        header_repairs: list[Repair] = []
        if vocab:
            logical, header_repairs, unsure = _repair_ocr(logical, ocr_pages, vocab)
            for page, words in unsure.items():
                doubtful.setdefault(page, set()).update(words)
        names = _column_names(logical)
        rows, mismatches = check_sums(logical.rows, ocr_pages if vocab else frozenset(), names)
        logical = replace(logical, rows=rows)
        table_warnings.extend(mismatches)
        table_warnings.extend(unread_mark_warnings(rows, names))
        title = find_title(logical.first, pages[logical.first.page])
        table = build_table(logical, len(tables) + 1, title, counts)
        table_warnings.extend(unmapped_columns(logical, len(tables) + 1))
        if header_repairs:
            table = table.model_copy(update={"repairs": header_repairs})
        tables.append(_with_taxonomy(table, load_taxonomy(), settings.match))
    warnings = list(raw.warnings)
    if vocab:
        warnings += [*vocab.warnings, *doubtful_warnings(doubtful)]
    warnings += table_warnings
    if not tables:
        warnings.append(
            PipelineWarning(
                code="no_table", message="No ruled table was found in the document.", page=None
            )
        )
    elif not any(t.layout == "action_plan" for t in tables):
        warnings.append(
            PipelineWarning(
                code="no_action_plan",
                message="No table has action-plan columns; tables are emitted with layout 'unknown'.",
                page=None,
            )
        )
    metadata = parse_metadata(body_pages)
    warnings += number_doubts(metadata.number, body_pages, metadata.date)
    signatory = metadata.signatory
    warnings += name_doubts(signatory.name if signatory else None, body_pages)
    return Decree(
        schema_version=SCHEMA_VERSION,
        source=_source(raw),
        decree=metadata,
        tables=tables,
        warnings=warnings,
    )
