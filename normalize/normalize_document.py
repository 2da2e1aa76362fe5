"""Compose the normalize steps into one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalize.build_table import build_table
from normalize.find_title import find_title
from normalize.match_taxonomy import MatchSettings, RowText, match_taxonomy
from normalize.parse_metadata import parse_metadata
from normalize.stitch_pages import stitch_tables
from schemas.decree import (
    SCHEMA_VERSION,
    Decree,
    OcrEngineInfo,
    PipelineWarning,
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


def _text_layer(raw: RawDocument) -> str:
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
        text_layer=_text_layer(raw),  # type: ignore[arg-type]
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
    pages = {p.number: p for p in raw.pages}
    tables: list[Table] = []
    for logical in stitch_tables(raw.tables, settings.header_threshold):
        title = find_title(logical.first, pages[logical.first.page])
        table = build_table(logical, len(tables) + 1, title)
        tables.append(_with_taxonomy(table, load_taxonomy(), settings.match))
    warnings = list(raw.warnings)
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
    return Decree(
        schema_version=SCHEMA_VERSION,
        source=_source(raw),
        decree=parse_metadata(raw.pages),
        tables=tables,
        warnings=warnings,
    )
