"""The corpus gold as the `Decree` documents a perfect pipeline would write.

Shared by the dataset, comparison and report tests: their expected figures are the
gold's own, independent of how well extraction does.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

import typer

from lampiran.commands_data import compare as compare_command
from lampiran.commands_data import dataset as dataset_command
from lampiran.corpus import CORPUS
from lampiran.documents import decree_json
from lampiran.evaluate import load_gold
from lampiran.taxonomy_eval import load_labels
from normalize.build_jdih import build_jdih
from schemas.decree import Decree, Provenance, Row, Source, Table, TaxonomyMatch
from schemas.gold import GoldDecree, GoldRow
from schemas.taxonomy import load_taxonomy

SEEDS = ("kpu-kudus-2022-rb", "kpu-kudus-2025-zi")
SYNTHETIC = "synthetic-dpk-contoh-2026"
ALL = (*SEEDS, SYNTHETIC)


def _label_match(entry_id: str | None) -> TaxonomyMatch:
    """A hand label as a confident match; None (labelled 'none') -> no_match."""
    if entry_id is None:
        return TaxonomyMatch(
            area_id=None, indicator_id=None, label=None, score=0.0, status="no_match", candidates=[]
        )
    return TaxonomyMatch(
        area_id=entry_id.split(".")[0],
        indicator_id=entry_id,
        label=load_taxonomy().label(entry_id),
        score=100.0,
        status="matched",
        candidates=[],
    )


def _row(gold: GoldRow, row_id: str, match: TaxonomyMatch | None) -> Row:
    content = gold.model_dump(exclude={"wide"})
    return Row.model_validate(
        {
            **content,
            "id": row_id,
            "taxonomy": match,
            "provenance": Provenance(pages=[], bboxes=[]),
            "repairs": [],
        }
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def corpus_gold(corpus_id: str) -> GoldDecree:
    """The validated gold of a corpus decree."""
    return load_gold(CORPUS / corpus_id / "gold.yaml")


@functools.cache
def corpus_decree(corpus_id: str) -> Decree:
    """The corpus gold of `corpus_id` as the Decree a perfect pipeline would write.

    Source sha256 = the gold file's sha256 (a stable stand-in for the PDF's). Taxonomy:
    the hand labels of corpus/<id>/labels.yaml when it exists, else none.
    """
    folder = CORPUS / corpus_id
    gold = corpus_gold(corpus_id)
    labels_file = folder / "labels.yaml"
    labels = (
        [None if lab.id == "none" else lab.id for lab in load_labels(labels_file)]
        if labels_file.exists()
        else None
    )
    tables, n = [], 0
    for t, table in enumerate(gold.tables, start=1):
        rows = []
        for r, gold_row in enumerate(table.rows, start=1):
            match = _label_match(labels[n]) if labels is not None else None
            rows.append(_row(gold_row, f"T{t}.R{r:03d}", match))
            n += 1
        tables.append(
            Table(
                title=table.title,
                layout=table.layout,
                pages=[],
                header=[c.header for c in table.columns],
                columns={c.header: c.field for c in table.columns},
                rows=rows,
            )
        )
    metadata = gold.metadata.model_copy(update={"jdih": build_jdih(gold.metadata)})
    return Decree(
        schema_version="1",
        source=Source(
            file=f"{corpus_id}.pdf",
            sha256=file_sha256(folder / "gold.yaml"),
            pages=0,
            text_layer="native",
            ocr_engine=None,
        ),
        decree=metadata,
        tables=tables,
        warnings=[],
    )


def write_corpus_decrees(folder: Path, corpus_ids: Sequence[str]) -> list[Path]:
    """Write each corpus decree as `<folder>/<id>.json`; the paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for corpus_id in corpus_ids:
        path = folder / f"{corpus_id}.json"
        path.write_bytes(decree_json(corpus_decree(corpus_id)))
        paths.append(path)
    return paths


def cli_app() -> typer.Typer:
    """The two commands registered the way the lead registers them on the main app."""
    app = typer.Typer()
    app.command()(dataset_command)
    app.command()(compare_command)
    return app
