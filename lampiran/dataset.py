"""Many decree documents -> one DuckDB database, the same tables as Parquet and CSV, a JDIHN feed.

Inputs are `Decree` JSON files (or folders of them). Every build starts from scratch: the
input documents are the only source of truth, so rebuilding from the same inputs gives the
same content (every table sorted by its key) and adding a decree adds only its own rows.
Keys: a decree is its source PDF's sha256 (`decree_id`); a row is (`decree_id`, `row_id`).
See docs/datasets.md for the tables and docs/decisions/0007-datasets-and-compare.md for why.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from lampiran.documents import write_atomic
from schemas.decree import Decree, JdihMetadata, Repair, Row, Table
from schemas.errors import LampiranError, OutputError, SchemaError
from schemas.taxonomy import Taxonomy, load_taxonomy

DATABASE_FILE = "lampiran.duckdb"
EXPORTS = (("parquet", "FORMAT parquet"), ("csv", "FORMAT csv, HEADER"))
"""Sub-folder (= file suffix) and DuckDB COPY options of each export format."""
JDIHN_FILE = "jdihn.json"


class NoDecreeInputError(LampiranError):
    """An input path does not exist or names no decree JSON: a usage error, not a bad document."""


@dataclass(frozen=True)
class Column:
    """One column of a dataset table: name, DuckDB type and what it holds."""

    name: str
    sql_type: str
    description: str


@dataclass(frozen=True)
class TableSpec:
    """One dataset table: its columns in order and the columns that make its key."""

    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]


def _c(name: str, sql_type: str, description: str) -> Column:
    return Column(name, sql_type, description)


_DECREE_ID = _c("decree_id", "VARCHAR", "SHA-256 of the source PDF (decrees.decree_id).")
_ROW_ID = _c("row_id", "VARCHAR", "Row id within the decree, e.g. 'T1.R001' (rows.row_id).")

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "decrees",
        "One row per decree document.",
        ("decree_id",),
        (
            _c("decree_id", "VARCHAR", "SHA-256 of the source PDF: the decree's key."),
            _c("json_file", "VARCHAR", "Name of the JSON file it was read from."),
            _c("source_file", "VARCHAR", "File name of the PDF."),
            _c("pages", "INTEGER", "Number of PDF pages."),
            _c("text_layer", "VARCHAR", "native | ocr | mixed."),
            _c("institution", "VARCHAR", "Issuing institution."),
            _c("kind", "VARCHAR", "Kind word, e.g. 'Keputusan'."),
            _c("number", "VARCHAR", "Number as written."),
            _c("year", "INTEGER", "Year of the decree."),
            _c("title", "VARCHAR", "The TENTANG text."),
            _c("place", "VARCHAR", "Place of enactment."),
            _c("date", "DATE", "Date of enactment."),
            _c("signatory_name", "VARCHAR", "Who signed."),
            _c("signatory_position", "VARCHAR", "The signatory's position as printed."),
            _c("considerations", "INTEGER", "Number of Menimbang items."),
            _c("dicta", "INTEGER", "Number of diktum items."),
            _c("tables", "INTEGER", "Number of Lampiran tables."),
            _c("rows", "INTEGER", "Number of table rows (all tables)."),
            _c("warnings", "INTEGER", "Number of pipeline warnings."),
        ),
    ),
    TableSpec(
        "legal_bases",
        "One row per Mengingat item of a decree.",
        ("decree_id", "ordinal"),
        (
            _DECREE_ID,
            _c("ordinal", "INTEGER", "1-based position in the Mengingat list."),
            _c("kind", "VARCHAR", "Instrument kind, e.g. 'Peraturan Presiden'."),
            _c("number", "VARCHAR", "Instrument number as written."),
            _c("year", "INTEGER", "Instrument year."),
            _c("title", "VARCHAR", "The instrument's 'tentang' title."),
            _c("text", "VARCHAR", "The item's full text."),
        ),
    ),
    TableSpec(
        "rows",
        "One row per Lampiran table row.",
        ("decree_id", "row_id"),
        (
            _DECREE_ID,
            _c("row_id", "VARCHAR", "Row id, stable within the decree: 'T1.R001'."),
            _c("table_index", "INTEGER", "1-based table number within the decree."),
            _c("row_index", "INTEGER", "1-based position of the row within the decree."),
            _c("layout", "VARCHAR", "The table's layout: action_plan | unknown."),
            _c("area_code", "VARCHAR", "Printed area code, e.g. 'I' or '6'."),
            _c("area_name", "VARCHAR", "Printed area name."),
            _c("component_number", "VARCHAR", "Printed component number."),
            _c("component_text", "VARCHAR", "KOMPONEN / KEGIATAN text."),
            _c("indicator", "VARCHAR", "INDIKATOR text."),
            _c("activity", "VARCHAR", "LANGKAH AKSI / SUB KEGIATAN text."),
            _c("responsible", "VARCHAR", "PENANGGUNG JAWAB."),
            _c("note", "VARCHAR", "KET."),
            _c("schedule_text", "VARCHAR", "Printed schedule text (NULL for a tick grid)."),
            _c("schedule_year", "INTEGER", "Year the schedule names, if any."),
            _c("months", "INTEGER", "Number of scheduled months (rows in `schedule`)."),
            _c("evidence_items", "INTEGER", "Number of evidence items (rows in `evidence`)."),
            _c("repairs", "INTEGER", "Number of repairs the pipeline made to the row."),
            _c("pages", "VARCHAR", "Pages the row is printed on, comma separated (NULL: unknown)."),
            _c("cells", "VARCHAR", "Layout 'unknown' only: the printed cells as a JSON array."),
            _c(
                "extra",
                "VARCHAR",
                "Layout 'action_plan' only: cells of columns that name no field, as a JSON "
                "array of {column, header, text}.",
            ),
        ),
    ),
    TableSpec(
        "evidence",
        "One row per evidence item (BUKTI FISIK / OUTPUT) of a row.",
        ("decree_id", "row_id", "ordinal"),
        (
            _DECREE_ID,
            _ROW_ID,
            _c("ordinal", "INTEGER", "1-based position in the row's evidence list."),
            _c("text", "VARCHAR", "The evidence item."),
        ),
    ),
    TableSpec(
        "schedule",
        "One row per scheduled month of a row.",
        ("decree_id", "row_id", "month"),
        (
            _DECREE_ID,
            _ROW_ID,
            _c("month", "INTEGER", "Month 1-12."),
            _c("quarter", "INTEGER", "Quarter 1-4 of the month."),
            _c("year", "INTEGER", "The schedule's own year, else the decree's year."),
            _c("year_printed", "BOOLEAN", "True when the year comes from the schedule text."),
        ),
    ),
    TableSpec(
        "repairs",
        "One row per change the pipeline made to printed text: rows' and table headers'.",
        ("decree_id", "table_index", "ordinal"),
        (
            _DECREE_ID,
            _c("table_index", "INTEGER", "1-based table number within the decree."),
            _c(
                "ordinal",
                "INTEGER",
                "1-based position among the table's repairs: header first, then rows in order.",
            ),
            _c("row_id", "VARCHAR", "The repaired row (rows.row_id); NULL for a header label."),
            _c("field", "VARCHAR", "Field changed: 'indicator', 'column 3', 'header 2', ..."),
            _c("kind", "VARCHAR", "What kind of repair: 'ocr', 'hyphenation', 'ocr_sum', ..."),
            _c("before", "VARCHAR", "Text before the change (NULL: none)."),
            _c("after", "VARCHAR", "Text after the change (NULL: removed)."),
        ),
    ),
    TableSpec(
        "taxonomy",
        "The ZI indicator taxonomy (PermenPANRB 90/2021 LKE) and the RB Road Map areas.",
        ("id",),
        (
            _c("id", "VARCHAR", "Taxonomy id: 'MP', 'MP.P.1', 'MP.P.1.a', 'H.BK.a', 'RB1'."),
            _c(
                "kind",
                "VARCHAR",
                "area | group | question | hasil_group | hasil_indicator | rb_area.",
            ),
            _c("parent_id", "VARCHAR", "The enclosing entry: a question's group, a group's area."),
            _c("area_id", "VARCHAR", "ZI area (MP..PL); for an RB area its ZI counterpart."),
            _c("part", "VARCHAR", "pemenuhan | reform for groups and questions."),
            _c("lke_code", "VARCHAR", "The LKE outline label, e.g. 'A.I.1.i.a'."),
            _c("text", "VARCHAR", "Name of the area or group; text of the question."),
            _c("answer_type", "VARCHAR", "How a question is answered."),
            _c("weight", "DOUBLE", "Bobot."),
            _c("ordinal", "INTEGER", "Position in a walk of the tree in printed order."),
        ),
    ),
    TableSpec(
        "matches",
        "A row's taxonomy match (rank 0) and the candidates considered (rank 1..n).",
        ("decree_id", "row_id", "rank"),
        (
            _DECREE_ID,
            _ROW_ID,
            _c("rank", "INTEGER", "0: the chosen entry; 1..n: candidates, best first."),
            _c("taxonomy_id", "VARCHAR", "taxonomy.id (NULL for rank 0 of a no_match row)."),
            _c("level", "VARCHAR", "area | group | question | hasil | other, from the id."),
            _c("area_id", "VARCHAR", "ZI area of the entry."),
            _c("label", "VARCHAR", "Text of the entry."),
            _c("score", "DOUBLE", "Similarity 0-100."),
            _c("status", "VARCHAR", "The row's status: matched | needs_review | no_match."),
        ),
    ),
)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
}

Record = dict[str, Any]


@dataclass(frozen=True)
class LoadedDecree:
    """A validated document and the file it came from."""

    path: Path
    decree: Decree

    @property
    def decree_id(self) -> str:
        return self.decree.source.sha256


@dataclass(frozen=True)
class DatasetSummary:
    """What a build wrote: the files, the decrees and the row count of every table."""

    out_dir: Path
    database: Path
    decrees: tuple[str, ...]
    table_rows: tuple[tuple[str, int], ...]
    duplicates: tuple[Path, ...]
    files: tuple[Path, ...]

    def count(self, table: str) -> int:
        """Rows written to `table`."""
        return dict(self.table_rows)[table]


def decree_files(inputs: Iterable[Path]) -> list[Path]:
    """JSON files named directly plus every *.json in named folders; sorted, no repeats.

    Files whose name starts with '_' (run reports such as _run.json) are not decrees and
    are skipped. Raises NoDecreeInputError for a missing path or when nothing is found.
    """
    found: set[Path] = set()
    names = list(inputs)
    for path in names:
        if path.is_dir():
            found.update(p for p in path.glob("*.json") if p.is_file())
        elif path.is_file():
            found.add(path)
        else:
            raise NoDecreeInputError(path, "no such file or folder")
    files = sorted(p for p in found if not p.name.startswith("_"))
    if not files:
        raise NoDecreeInputError(None, f"no decree JSON in {' '.join(map(str, names))}")
    return files


def load_decree(path: Path) -> LoadedDecree:
    """Read and validate one document. Raises SchemaError naming the file and the first problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchemaError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return LoadedDecree(path, Decree.model_validate_json(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise SchemaError(path, f"not a decree document: {where}: {first['msg']}") from exc


def unique_by_source(loaded: Sequence[LoadedDecree]) -> tuple[list[LoadedDecree], list[Path]]:
    """One document per source sha256, in input order; and the files dropped as repeats.

    The same document twice (e.g. copied into two folders) is kept once. Two different
    documents of one source (outputs of two pipeline versions) cannot both be right:
    SchemaError naming both files.
    """
    kept: dict[str, LoadedDecree] = {}
    repeats: list[Path] = []
    for item in loaded:
        first = kept.get(item.decree_id)
        if first is None:
            kept[item.decree_id] = item
        elif first.decree == item.decree:
            repeats.append(item.path)
        else:
            raise SchemaError(
                item.path, f"same source sha256 as {first.path} but different content; keep one"
            )
    return list(kept.values()), repeats


def taxonomy_records(taxonomy: Taxonomy) -> list[Record]:
    """The taxonomy tree as flat records, in printed order (areas, their groups and questions,
    then the komponen hasil, then the RB Road Map areas)."""
    records: list[Record] = []

    def add(**fields: Any) -> None:
        base = {"parent_id": None, "area_id": None, "part": None, "lke_code": None}
        records.append({**base, "answer_type": None, **fields, "ordinal": len(records) + 1})

    for area in taxonomy.areas:
        add(id=area.id, kind="area", area_id=area.id, text=area.name, weight=area.weight)
        for part in area.parts:
            for group in part.groups:
                add(
                    id=group.id,
                    kind="group",
                    parent_id=area.id,
                    area_id=area.id,
                    part=part.kind,
                    lke_code=group.lke_code,
                    text=group.name,
                    weight=group.weight,
                )
                for question in group.questions:
                    add(
                        id=question.id,
                        kind="question",
                        parent_id=group.id,
                        area_id=area.id,
                        part=part.kind,
                        lke_code=question.lke_code,
                        text=question.text,
                        answer_type=question.answer_type,
                        weight=question.weight,
                    )
    for hgroup in taxonomy.hasil.groups:
        add(
            id=hgroup.id,
            kind="hasil_group",
            lke_code=hgroup.lke_code,
            text=hgroup.name,
            weight=hgroup.weight,
        )
        for indicator in hgroup.indicators:
            add(
                id=indicator.id,
                kind="hasil_indicator",
                parent_id=hgroup.id,
                lke_code=indicator.lke_code,
                text=indicator.text,
                answer_type=indicator.answer_type,
                weight=indicator.weight,
            )
    for rb in taxonomy.rb_areas:
        add(id=rb.id, kind="rb_area", area_id=rb.zi_area, text=rb.name, weight=None)
    return records


def entry_levels(taxonomy: Taxonomy) -> dict[str, tuple[str, str | None]]:
    """Taxonomy id -> (level, ZI area id): level is area, group, question, hasil or other."""
    renamed = {"hasil_group": "hasil", "hasil_indicator": "hasil", "rb_area": "other"}
    return {
        str(record["id"]): (renamed.get(record["kind"], str(record["kind"])), record["area_id"])
        for record in taxonomy_records(taxonomy)
    }


def _row_records(
    decree_id: str, year: int | None, index: int, table_index: int, layout: str, row: Row
) -> dict[str, list[Record]]:
    """The records one row contributes to rows, evidence, schedule (matches come separately)."""
    schedule = row.schedule
    months = schedule.months if schedule else []
    schedule_year = schedule.year if schedule else None
    key = {"decree_id": decree_id, "row_id": row.id}
    return {
        "rows": [
            {
                **key,
                "table_index": table_index,
                "row_index": index,
                "layout": layout,
                "area_code": row.area.code if row.area else None,
                "area_name": row.area.name if row.area else None,
                "component_number": row.component.number if row.component else None,
                "component_text": row.component.text if row.component else None,
                "indicator": row.indicator,
                "activity": row.activity,
                "responsible": row.responsible,
                "note": row.note,
                "schedule_text": schedule.text if schedule else None,
                "schedule_year": schedule_year,
                "months": len(months),
                "evidence_items": len(row.evidence),
                "repairs": len(row.repairs),
                "pages": ",".join(str(p) for p in row.provenance.pages) or None,
                "cells": json.dumps(row.cells, ensure_ascii=False) if row.cells else None,
                "extra": json.dumps([cell.model_dump() for cell in row.extra], ensure_ascii=False)
                if row.extra
                else None,
            }
        ],
        "evidence": [
            {**key, "ordinal": n, "text": text} for n, text in enumerate(row.evidence, start=1)
        ],
        "schedule": [
            {
                **key,
                "month": month,
                "quarter": (month - 1) // 3 + 1,
                "year": schedule_year or year,
                "year_printed": schedule_year is not None,
            }
            for month in sorted(set(months))
        ],
    }


def _match_records(
    decree_id: str, row: Row, levels: dict[str, tuple[str, str | None]]
) -> list[Record]:
    match = row.taxonomy
    if match is None:
        return []
    chosen_id = match.indicator_id or match.area_id
    entries = [(chosen_id, match.label, match.score)]
    entries += [(c.id, c.label, c.score) for c in match.candidates]
    records = []
    for rank, (entry_id, label, score) in enumerate(entries):
        level, area = levels.get(entry_id, ("other", None)) if entry_id else (None, None)
        records.append(
            {
                "decree_id": decree_id,
                "row_id": row.id,
                "rank": rank,
                "taxonomy_id": entry_id,
                "level": level,
                "area_id": match.area_id if rank == 0 and match.area_id else area,
                "label": label,
                "score": score,
                "status": match.status,
            }
        )
    return records


def _repair_records(decree_id: str, table_index: int, table: Table) -> list[Record]:
    """The repairs of one table, its header's first, then its rows' in row order."""
    changes: list[tuple[str | None, Repair]] = [(None, repair) for repair in table.repairs]
    changes += [(row.id, repair) for row in table.rows for repair in row.repairs]
    return [
        {
            "decree_id": decree_id,
            "table_index": table_index,
            "ordinal": ordinal,
            "row_id": row_id,
            "field": repair.field,
            "kind": repair.kind,
            "before": repair.before,
            "after": repair.after,
        }
        for ordinal, (row_id, repair) in enumerate(changes, start=1)
    ]


def decree_records(
    item: LoadedDecree, levels: dict[str, tuple[str, str | None]]
) -> dict[str, list[Record]]:
    """Every record one document contributes, per table (taxonomy excluded)."""
    doc, decree_id = item.decree, item.decree_id
    meta = doc.decree
    out: dict[str, list[Record]] = {spec.name: [] for spec in TABLES}
    index = 0
    seen: set[str] = set()
    for table_index, table in enumerate(doc.tables, start=1):
        out["repairs"].extend(_repair_records(decree_id, table_index, table))
        for row in table.rows:
            if row.id in seen:
                raise SchemaError(item.path, f"row id {row.id} appears twice; ids must be unique")
            seen.add(row.id)
            index += 1
            for name, records in _row_records(
                decree_id, meta.year, index, table_index, table.layout, row
            ).items():
                out[name].extend(records)
            out["matches"].extend(_match_records(decree_id, row, levels))
    out["decrees"].append(
        {
            "decree_id": decree_id,
            "json_file": item.path.name,
            "source_file": doc.source.file,
            "pages": doc.source.pages,
            "text_layer": doc.source.text_layer,
            "institution": meta.institution,
            "kind": meta.kind,
            "number": meta.number,
            "year": meta.year,
            "title": meta.title,
            "place": meta.place,
            "date": meta.date,
            "signatory_name": meta.signatory.name if meta.signatory else None,
            "signatory_position": meta.signatory.position if meta.signatory else None,
            "considerations": len(meta.considerations),
            "dicta": len(meta.dicta),
            "tables": len(doc.tables),
            "rows": index,
            "warnings": len(doc.warnings),
        }
    )
    out["legal_bases"].extend(
        {
            "decree_id": decree_id,
            "ordinal": n,
            "kind": basis.kind,
            "number": basis.number,
            "year": basis.year,
            "title": basis.title,
            "text": basis.text,
        }
        for n, basis in enumerate(meta.legal_bases, start=1)
    )
    return out


def dataset_records(decrees: Sequence[LoadedDecree], taxonomy: Taxonomy) -> dict[str, list[Record]]:
    """Every table's records, each sorted by its key (the build's only ordering)."""
    levels = entry_levels(taxonomy)
    tables: dict[str, list[Record]] = {spec.name: [] for spec in TABLES}
    tables["taxonomy"] = taxonomy_records(taxonomy)
    for item in decrees:
        for name, records in decree_records(item, levels).items():
            tables[name].extend(records)
    for spec in TABLES:
        if spec.name != "taxonomy":
            tables[spec.name].sort(key=_sort_key(spec.key))
    return tables


def _sort_key(key: tuple[str, ...]) -> Callable[[Record], tuple[Any, ...]]:
    return lambda record: tuple(record[column] for column in key)


def _arrow(spec: TableSpec, records: list[Record]) -> pa.Table:
    schema = pa.schema([(c.name, _ARROW_TYPES[c.sql_type]) for c in spec.columns])
    return pa.Table.from_pylist(records, schema=schema)


def _create_sql(spec: TableSpec) -> str:
    columns = [f'"{c.name}" {c.sql_type}' for c in spec.columns]
    columns.append(f"PRIMARY KEY ({', '.join(spec.key)})")
    return f'CREATE TABLE "{spec.name}" ({", ".join(columns)})'


def _comment_sql(spec: TableSpec) -> Iterator[str]:
    yield f"""COMMENT ON TABLE "{spec.name}" IS '{spec.description.replace("'", "''")}'"""
    for c in spec.columns:
        text = c.description.replace("'", "''")
        yield f"""COMMENT ON COLUMN "{spec.name}"."{c.name}" IS '{text}'"""


def _order_by(spec: TableSpec) -> str:
    return ", ".join(f'"{k}"' for k in (("ordinal",) if spec.name == "taxonomy" else spec.key))


def _write_database(tables: dict[str, list[Record]], out_dir: Path) -> list[Path]:
    """lampiran.duckdb plus parquet/<table>.parquet and csv/<table>.csv, each replaced whole."""
    written: list[Path] = []
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".dataset-") as tmp_name:
        tmp = Path(tmp_name)
        con = duckdb.connect(str(tmp / DATABASE_FILE))
        try:
            # One thread: the exported files then come out in one order on every machine.
            con.execute("SET threads = 1")
            staged: list[tuple[Path, Path]] = [(tmp / DATABASE_FILE, out_dir / DATABASE_FILE)]
            # One transaction: each catalog change committed alone costs a disk sync.
            con.execute("BEGIN")
            for spec in TABLES:
                con.execute(_create_sql(spec))
                for statement in _comment_sql(spec):
                    con.execute(statement)
                con.register("staged_records", _arrow(spec, tables[spec.name]))
                con.execute(
                    f'INSERT INTO "{spec.name}" SELECT * FROM staged_records '
                    f"ORDER BY {_order_by(spec)}"
                )
                con.unregister("staged_records")
            con.execute("COMMIT")
            for spec in TABLES:
                query = f'SELECT * FROM "{spec.name}" ORDER BY {_order_by(spec)}'
                for folder, options in EXPORTS:
                    target = tmp / f"{spec.name}.{folder}"
                    quoted = str(target).replace("'", "''")
                    con.execute(f"COPY ({query}) TO '{quoted}' ({options})")
                    staged.append((target, out_dir / folder / target.name))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        for source_path, target_path in staged:
            target_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source_path, target_path)
            written.append(target_path)
    return written


def jdihn_record(decree: Decree, jdih: JdihMetadata) -> dict[str, str]:
    """One entry of the JDIHN integration feed: the feed's own keys, in its order, all strings.

    Key set and order as ILDIS (bphndigitalservice/ildis FeedController) writes them.
    Facts the PDF does not give (call number, ISBN, abstract, URLs, update time) are ''.
    """
    return {
        "idData": decree.source.sha256,
        "tahun_pengundangan": jdih.tahun_pengundangan,
        "tanggal_penetapan": jdih.tanggal_penetapan,
        "tanggal_pengundangan": jdih.tanggal_pengundangan,
        "jenis": jdih.jenis,
        "noPeraturan": jdih.noPeraturan,
        "judul": jdih.judul,
        "noPanggil": "",
        "singkatanJenis": jdih.singkatanJenis,
        "tempatTerbit": jdih.tempatTerbit,
        "penerbit": "",
        "deskripsiFisik": f"{decree.source.pages} hlm." if decree.source.pages else "",
        "sumber": jdih.sumber,
        "isbn": "",
        "status": jdih.status,
        "bahasa": jdih.bahasa,
        "bidangHukum": jdih.bidangHukum,
        "teuBadan": jdih.teuBadan,
        "nomorIndukBuku": "",
        "abstrak": "",
        "last_updated": "",
        "urlAbstrak": "",
        "urlDetailPeraturan": "",
        "fileDownload": decree.source.file,
        "urlDownload": "",
        "subjek": jdih.subjek,
        "operasi": "4",
        "display": "1",
    }


def jdihn_feed(decrees: Sequence[LoadedDecree]) -> bytes:
    """The JDIHN feed (`jdihn.json`): one flat object per decree, sorted by idData.

    A document without `decree.jdih` (older outputs) gets it derived from its metadata by
    the same function the pipeline uses.
    """
    from normalize.build_jdih import build_jdih

    entries = [
        jdihn_record(item.decree, item.decree.decree.jdih or build_jdih(item.decree.decree))
        for item in sorted(decrees, key=lambda d: d.decree_id)
    ]
    return (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_dataset(inputs: Sequence[Path], out_dir: Path) -> DatasetSummary:
    """Build `out_dir/lampiran.duckdb`, `out_dir/parquet/`, `out_dir/csv/` and `jdihn.json`.

    Inputs: decree JSON files or folders of them. Raises NoDecreeInputError when an input is
    missing or holds no JSON, SchemaError naming the first file that is not a valid decree,
    OutputError when out_dir cannot be written. Invariant: the same set of documents gives
    the same content in every file, whatever the order or the folders they come in.
    """
    loaded = [load_decree(path) for path in decree_files(inputs)]
    decrees, repeats = unique_by_source(loaded)
    tables = dataset_records(decrees, load_taxonomy())
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = _write_database(tables, out_dir)
    except (OSError, duckdb.IOException) as exc:
        raise OutputError(out_dir, f"cannot write the dataset: {exc}") from exc
    feed = out_dir / JDIHN_FILE
    write_atomic(feed, jdihn_feed(decrees))
    return DatasetSummary(
        out_dir=out_dir,
        database=out_dir / DATABASE_FILE,
        decrees=tuple(sorted(d.decree_id for d in decrees)),
        table_rows=tuple((spec.name, len(tables[spec.name])) for spec in TABLES),
        duplicates=tuple(repeats),
        files=(*files, feed),
    )
