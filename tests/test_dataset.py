"""The dataset: table row counts against the corpus gold, joins, determinism, no duplicates.

The documents are the corpus gold turned into `Decree` objects (`corpus_decree`), so the
expected counts are the gold's own. test_compare.py and test_report_browser.py use the
same helper.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from lampiran.corpus import CORPUS
from lampiran.dataset import (
    DATABASE_FILE,
    JDIHN_FILE,
    TABLES,
    NoDecreeInputError,
    build_dataset,
    decree_files,
)
from lampiran.documents import decree_json
from schemas.decree import Decree, Repair
from schemas.errors import SchemaError
from schemas.gold import GoldDecree
from tests.corpus_documents import (
    ALL,
    SEEDS,
    SYNTHETIC,
    cli_app,
    corpus_decree,
    corpus_gold,
    file_sha256,
    write_corpus_decrees,
)

ROOT = Path(__file__).parents[1]

FEED_KEYS = [
    "idData",
    "tahun_pengundangan",
    "tanggal_penetapan",
    "tanggal_pengundangan",
    "jenis",
    "noPeraturan",
    "judul",
    "noPanggil",
    "singkatanJenis",
    "tempatTerbit",
    "penerbit",
    "deskripsiFisik",
    "sumber",
    "isbn",
    "status",
    "bahasa",
    "bidangHukum",
    "teuBadan",
    "nomorIndukBuku",
    "abstrak",
    "last_updated",
    "urlAbstrak",
    "urlDetailPeraturan",
    "fileDownload",
    "urlDownload",
    "subjek",
    "operasi",
    "display",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("decrees")
    write_corpus_decrees(folder, ALL)
    (folder / "_run.json").write_text("{}")
    return folder


@pytest.fixture(scope="module")
def built(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset")
    build_dataset([inputs], out)
    return out


def _query(out: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(out / DATABASE_FILE), read_only=True) as con:
        return con.execute(sql).fetchall()


def _golds() -> dict[str, tuple[Decree, GoldDecree]]:
    return {c: (corpus_decree(c), corpus_gold(c)) for c in ALL}


def test_row_counts_per_table_equal_the_gold(built: Path) -> None:
    golds = _golds()
    gold_rows = [r for _, g in golds.values() for t in g.tables for r in t.rows]
    assert len(gold_rows) == 79 + 87 + 43
    expected = {
        "decrees": len(ALL),
        "legal_bases": sum(len(g.metadata.legal_bases) for _, g in golds.values()),
        "rows": len(gold_rows),
        "evidence": sum(len(r.evidence) for r in gold_rows),
        "schedule": sum(len(set(r.schedule.months)) for r in gold_rows if r.schedule),
        "repairs": 0,
        "taxonomy": 6 + 42 + 110 + 2 + 3 + 8,
        "matches": sum(
            1 + len(r.taxonomy.candidates)
            for d, _ in golds.values()
            for t in d.tables
            for r in t.rows
            if r.taxonomy
        ),
    }
    assert expected["evidence"] == 0 + 158 + 87
    counts = {s.name: _query(built, f'SELECT count(*) FROM "{s.name}"')[0][0] for s in TABLES}
    assert counts == expected
    per_decree = dict(_query(built, "SELECT source_file, rows FROM decrees"))
    assert per_decree == {f"{c}.pdf": n for c, n in zip(ALL, (79, 87, 43), strict=True)}
    for spec in TABLES:
        for folder, suffix in (("parquet", "parquet"), ("csv", "csv")):
            path = built / folder / f"{spec.name}.{suffix}"
            reader = "read_parquet" if suffix == "parquet" else "read_csv_auto"
            exported = _query(built, f"SELECT count(*) FROM {reader}('{path}')")
            assert exported[0][0] == counts[spec.name]


def test_rows_join_matches_and_taxonomy(built: Path) -> None:
    # The synthetic plan's first rows as labelled by hand in its labels.yaml.
    sql = """
        SELECT r.row_id, m.taxonomy_id, m.level, t.kind, t.parent_id, t.area_id
        FROM rows r JOIN decrees d USING (decree_id)
        JOIN matches m ON m.decree_id = r.decree_id AND m.row_id = r.row_id AND m.rank = 0
        JOIN taxonomy t ON t.id = m.taxonomy_id
        WHERE d.source_file = 'synthetic-dpk-contoh-2026.pdf' AND r.row_index <= 3
        ORDER BY r.row_index
    """
    assert _query(built, sql) == [
        ("T1.R001", "MP.P.1.a", "question", "question", "MP.P.1", "MP"),
        ("T1.R002", "MP.P.1.b", "question", "question", "MP.P.1", "MP"),
        ("T1.R003", "MP.P.2", "group", "group", "MP", "MP"),
    ]
    # Every chosen id of a matched row is a taxonomy entry; a question's group's area agrees.
    orphans = _query(
        built,
        """
        SELECT count(*) FROM matches m LEFT JOIN taxonomy t ON t.id = m.taxonomy_id
        WHERE m.status = 'matched' AND t.id IS NULL""",
    )
    assert orphans == [(0,)]
    mismatched = _query(
        built,
        """
        SELECT count(*) FROM taxonomy q JOIN taxonomy g ON g.id = q.parent_id
        WHERE q.kind = 'question' AND g.area_id <> q.area_id""",
    )
    assert mismatched == [(0,)]
    # Rows the 2022 RB plan's labels place in no indicator (labels.yaml 'none'): all of
    # RB2 deregulation (6) and RB3 organisation (1), which have no ZI counterpart.
    unplaced = dict(
        _query(
            built,
            """
        SELECT r.area_code, count(*) FROM rows r JOIN decrees d USING (decree_id)
        JOIN matches m USING (decree_id, row_id)
        WHERE d.source_file = 'kpu-kudus-2022-rb.pdf' AND m.rank = 0 AND m.status = 'no_match'
        GROUP BY ALL""",
        )
    )
    assert sum(unplaced.values()) == 21
    assert (unplaced["2"], unplaced["3"]) == (6, 1)
    evidence = _query(
        built,
        """
        SELECT e.text FROM evidence e JOIN decrees d USING (decree_id)
        WHERE d.source_file = 'kpu-kudus-2025-zi.pdf' AND e.row_id = 'T1.R045'
        ORDER BY e.ordinal""",
    )
    assert ("Surat Keputusan KPU Kabupaten Kudus tentang Indikator Kinerja Utama",) in evidence


def test_schedule_year_falls_back_to_the_decree_year(built: Path) -> None:
    years = _query(
        built,
        """
        SELECT d.source_file, s.year, s.year_printed, count(*) FROM schedule s
        JOIN decrees d USING (decree_id) GROUP BY ALL ORDER BY 1""",
    )
    assert years == [
        ("kpu-kudus-2022-rb.pdf", 2022, False, 265),
        ("kpu-kudus-2025-zi.pdf", 2025, True, 537),
        ("synthetic-dpk-contoh-2026.pdf", 2026, False, 249),
    ]


def _contents(out: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(out / DATABASE_FILE), read_only=True) as con:
        return {
            spec.name: con.execute(f'SELECT * FROM "{spec.name}" ORDER BY ALL').fetchall()
            for spec in TABLES
        }


def _exports(out: Path) -> dict[str, bytes]:
    files = [
        *sorted((out / "csv").iterdir()),
        *sorted((out / "parquet").iterdir()),
        out / JDIHN_FILE,
    ]
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_rebuild_gives_the_same_content_whatever_the_input_order(
    inputs: Path, built: Path, tmp_path: Path
) -> None:
    files = decree_files([inputs])
    build_dataset(list(reversed(files)), tmp_path)
    assert _contents(tmp_path) == _contents(built)
    assert _exports(tmp_path) == _exports(built)


def test_adding_a_decree_duplicates_nothing(inputs: Path, tmp_path: Path) -> None:
    files = {p.stem: p for p in decree_files([inputs])}
    first = build_dataset([files[c] for c in SEEDS], tmp_path)
    before = _contents(tmp_path)
    second = build_dataset([inputs], tmp_path)
    after = _contents(tmp_path)
    assert first.count("rows") == 79 + 87 and second.count("rows") == 79 + 87 + 43
    for spec in TABLES:
        names = [column.name for column in spec.columns]
        keys = [tuple(row[names.index(k)] for k in spec.key) for row in after[spec.name]]
        assert len(keys) == len(set(keys)), spec.name
        assert set(before[spec.name]) <= set(after[spec.name]), spec.name
    # The same decree twice (a copy in another folder) is kept once.
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "again.json").write_bytes(files[SYNTHETIC].read_bytes())
    third = build_dataset([inputs, copy], tmp_path)
    assert third.duplicates == (copy / "again.json",)
    assert _contents(tmp_path) == after


def test_two_different_documents_of_one_source_are_refused(inputs: Path, tmp_path: Path) -> None:
    doc = corpus_decree(SYNTHETIC)
    elsewhere = doc.decree.model_copy(update={"place": "Elsewhere"})
    changed = doc.model_copy(update={"decree": elsewhere})
    other = tmp_path / "other.json"
    other.write_bytes(decree_json(changed))
    with pytest.raises(SchemaError, match=r"other\.json: same source sha256"):
        build_dataset([inputs, other], tmp_path / "out")


def test_repairs_table_lists_header_then_row_repairs_in_order(tmp_path: Path) -> None:
    decree = corpus_decree(SYNTHETIC)
    table = decree.tables[0]
    header_fix = Repair(
        field="header 2", before="KEGIATAN P0KOK", after="KEGIATAN POKOK", kind="ocr_confusion"
    )
    noise = Repair(field="activity", before="|", after=None, kind="ocr_noise")
    spelling = Repair(field="activity", before="Menjarinq", after="Menjaring", kind="ocr_spelling")
    rows = list(table.rows)
    rows[1] = rows[1].model_copy(update={"repairs": [noise, spelling]})
    rows[3] = rows[3].model_copy(update={"repairs": [noise]})
    table = table.model_copy(update={"repairs": [header_fix], "rows": rows})
    decree = decree.model_copy(update={"tables": [table]})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d.json").write_bytes(decree_json(decree))
    build_dataset([tmp_path / "in"], tmp_path / "out")
    got = _query(
        tmp_path / "out",
        "SELECT table_index, ordinal, row_id, field, kind, before, after FROM repairs",
    )
    assert got == [
        (1, 1, None, "header 2", "ocr_confusion", "KEGIATAN P0KOK", "KEGIATAN POKOK"),
        (1, 2, rows[1].id, "activity", "ocr_noise", "|", None),
        (1, 3, rows[1].id, "activity", "ocr_spelling", "Menjarinq", "Menjaring"),
        (1, 4, rows[3].id, "activity", "ocr_noise", "|", None),
    ]
    counted = _query(tmp_path / "out", "SELECT sum(repairs) FROM rows")[0][0]
    assert counted == 3


def test_jdihn_feed_has_the_feed_keys_as_strings(built: Path) -> None:
    feed = json.loads((built / JDIHN_FILE).read_text(encoding="utf-8"))
    assert len(feed) == len(ALL)
    assert [list(entry) for entry in feed] == [FEED_KEYS] * len(ALL)
    assert all(isinstance(v, str) for entry in feed for v in entry.values())
    by_file = {entry["fileDownload"]: entry for entry in feed}
    zi = by_file["kpu-kudus-2025-zi.pdf"]
    assert (zi["operasi"], zi["display"], zi["status"]) == ("4", "1", "Berlaku")
    assert (zi["noPeraturan"], zi["tahun_pengundangan"]) == ("14", "2025")
    assert zi["idData"] == file_sha256(CORPUS / SEEDS[1] / "gold.yaml")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", zi["tanggal_penetapan"])
    assert [e["idData"] for e in feed] == sorted(e["idData"] for e in feed)


def test_inputs_skip_run_reports_and_name_what_is_wrong(inputs: Path, tmp_path: Path) -> None:
    assert [p.name for p in decree_files([inputs])] == [f"{c}.json" for c in sorted(ALL)]
    with pytest.raises(NoDecreeInputError, match=r"missing\.json: no such file"):
        decree_files([tmp_path / "missing.json"])
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1"}')
    with pytest.raises(SchemaError, match=r"bad\.json: not a decree document: source: Field"):
        build_dataset([bad], tmp_path / "out")


def test_dataset_command_exit_codes(inputs: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli_app(), ["dataset", str(inputs), "-o", str(tmp_path / "ok")])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "ok" / DATABASE_FILE).is_file()
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    failed = runner.invoke(cli_app(), ["dataset", str(bad), "-o", str(tmp_path / "x")])
    assert failed.exit_code == 1
    assert failed.output.strip().count("\n") == 0 and "bad.json" in failed.output
    missing = runner.invoke(cli_app(), ["dataset", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "nope: no such file or folder" in missing.output


DOCS = ROOT / "docs" / "datasets.md"


def test_docs_describe_every_column_and_their_queries_run(built: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    for spec in TABLES:
        section = text.split(f"### `{spec.name}`", 1)[1].split("\n### ", 1)[0]
        for column in spec.columns:
            assert f"| `{column.name}` |" in section, f"{spec.name}.{column.name} not in {DOCS}"
    queries = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    assert len(queries) >= 3
    for sql in queries:
        with duckdb.connect(str(built / DATABASE_FILE), read_only=True) as con:
            result = con.execute(sql)
            header = "| " + " | ".join(d[0] for d in result.description) + " |"
            assert result.fetchall(), sql
        assert header in text, f"output of a docs query no longer has columns {header}"
