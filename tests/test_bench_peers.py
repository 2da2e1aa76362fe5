"""The benchmark's shared peer post-processing and report helpers, on tiny hand-made inputs."""

from __future__ import annotations

import math
import os

from bench.peers.protocol import grid
from bench.postprocess import drop_headers, fill_down, peer_decree, stitch, to_row
from bench.run_peers import peers_markdown, summary
from bench.timing import Run, _figures, bench_markdown, peer_speeds, tree_rss_bytes
from lampiran.evaluate import ROW_FIELDS, evaluate
from schemas.decree import Area, Component, DecreeMetadata, Schedule, Source
from schemas.gold import GoldColumn, GoldDecree, GoldRow, GoldTable

COLUMNS = [
    GoldColumn(header="NO", field="component.number", width=1),
    GoldColumn(header="KOMPONEN", field="component.text", width=3),
    GoldColumn(header="INDIKATOR", field="indicator", width=4),
    GoldColumn(header="1", field="months", group="BULAN", width=1),
    GoldColumn(header="2", field="months", group="BULAN", width=1),
    GoldColumn(header="3", field="months", group="BULAN", width=1),
]
HEADER = [["NO", "KOMPONEN", "INDIKATOR", "BULAN", "", ""], ["", "", "", "1", "2", "3"]]


def _gold() -> GoldDecree:
    def row(text: str, months: list[int]) -> GoldRow:
        return GoldRow(
            component=Component(number="1", text="Tim Kerja"),
            indicator=text,
            schedule=Schedule(text=None, months=months, quarters=[1], year=None),
        )

    metadata = DecreeMetadata(
        institution=None,
        kind="Keputusan",
        number=None,
        year=None,
        title=None,
        place=None,
        date=None,
        signatory=None,
        considerations=[],
        legal_bases=[],
        dicta=[],
        jdih=None,
    )
    table = GoldTable(
        title=None,
        layout="action_plan",
        columns=COLUMNS,
        section_rows=False,
        merge=["component.number", "component.text"],
        rows=[row("SK tim kerja ditetapkan", [1]), row("Rapat pleno dilaksanakan", [2, 3])],
    )
    return GoldDecree(
        id="tiny",
        letterhead=[],
        heading=[],
        issuer_line="",
        menetapkan="",
        certification=None,
        lampiran_heading=[],
        metadata=metadata,
        tables=[table],
    )


def test_grid_turns_none_and_nan_into_empty_text() -> None:
    assert grid([[None, math.nan, 1, "a"]]) == [["", "", "1", "a"]]


def test_stitch_keeps_tables_of_the_printed_width_and_folds_cells() -> None:
    wide = [["a\nb", "", ""], ["", " ", ""], ["c", "d", "e"]]
    narrow = [["x", "y"]]
    assert stitch([(1, wide), (2, narrow), (3, wide)], 3) == [
        ["a b", "", ""],
        ["c", "d", "e"],
        ["a b", "", ""],
        ["c", "d", "e"],
    ]


def test_drop_headers_removes_every_repeat_of_the_header_rows() -> None:
    body = ["1", "Tim", "SK", "√", "", ""]
    rows = [*HEADER, body, *HEADER, body]
    assert drop_headers(rows, 2) == [body, body]


def test_fill_down_fills_only_the_merged_columns() -> None:
    rows = [["1", "Tim", "SK"], ["", "", "Rapat"], ["2", "Dokumen", ""]]
    assert fill_down(rows, {0, 1}) == [
        ["1", "Tim", "SK"],
        ["1", "Tim", "Rapat"],
        ["2", "Dokumen", ""],
    ]


def test_to_row_maps_columns_and_reads_month_ticks() -> None:
    row = to_row("T1.R001", ["1", "Tim", "SK", "", "√", "v"], COLUMNS)
    assert row.component == Component(number="1", text="Tim")
    assert row.indicator == "SK"
    assert row.schedule == Schedule(text=None, months=[2, 3], quarters=[1], year=None)
    assert row.evidence == [] and row.area is None and row.activity is None


def test_to_row_reads_quarter_ticks_schedule_text_and_evidence() -> None:
    columns = [
        GoldColumn(header="NO", field="area.code", width=1),
        GoldColumn(header="BUKTI", field="evidence", width=1),
        GoldColumn(header="WAKTU", field="schedule", width=1),
        GoldColumn(header="TW I", field="quarters", width=1),
        GoldColumn(header="TW II", field="quarters", width=1),
    ]
    row = to_row("T1.R001", ["A", "1. SK 2. Notulen", "Mei 2025", "", "√"], columns)
    assert row.area == Area(code="A", name="")
    assert row.evidence == ["1. SK 2. Notulen"]
    assert row.schedule == Schedule(text="Mei 2025", months=[4, 5, 6], quarters=[2], year=None)


def test_peer_decree_of_a_clean_grid_scores_every_row_exact() -> None:
    gold = _gold()
    page1 = [*HEADER, ["1", "Tim Kerja", "SK tim kerja\nditetapkan", "√", "", ""]]
    page2 = [*HEADER, ["", "", "Rapat pleno dilaksanakan", "", "√", "√"]]
    source = Source(file="t.pdf", sha256="", pages=2, text_layer="native", ocr_engine=None)
    decree = peer_decree([(1, page1), (2, page2)], gold, source)
    assert [r.id for r in decree.tables[0].rows] == ["T1.R001", "T1.R002"]
    assert decree.tables[0].pages == [1, 2]
    result = evaluate(decree, gold)
    assert (result.rows_found, result.rows_exact, result.cer) == (2, 2, 0.0)


def _record(peer: str, variant: str, seconds: float, found: int) -> dict[str, object]:
    fields = dict.fromkeys(ROW_FIELDS, found)
    return {
        "decree": "tiny",
        "variant": variant,
        "peer": peer,
        "pages": 2,
        "error": None,
        "ocr_seconds": 3.0 if variant == "scan" else None,
        "seconds": seconds,
        "process_seconds": seconds + 1.0,
        "tables_found": 2,
        "tables_used": 1,
        "gold_rows": 2,
        "rows_found": found,
        "rows_exact": 0,
        "field_exact": fields,
        "field_total": dict.fromkeys(fields, 2),
        "char_errors": 1,
        "char_total": 10,
    }


def test_summary_and_speeds_aggregate_per_peer_and_kind() -> None:
    records = [
        _record("a", "born-digital", 1.0, 2),
        _record("b", "born-digital", 3.0, 1),
        _record("a", "scan", 1.0, 0),
    ]
    rows = {(r["peer"], r["variant"]): r for r in summary(records)}
    assert rows["a", "born-digital"]["rows_found"] == 1.0
    assert rows["b", "born-digital"]["fields_exact"] == 0.5
    assert rows["a", "scan"]["ocr_seconds_per_page"] == 1.5
    speeds = {(s["kind"], s["peer"]): s for s in peer_speeds(records)}
    assert speeds["born-digital", "a"]["ratio_to_fastest"] == 1.0
    assert speeds["born-digital", "b"]["ratio_to_fastest"] == 2.0  # (3+1)/(1+1)
    assert speeds["scanned", "a"]["process_s_per_page"] == 2.5  # (1+1+3)/2
    assert "| a | 1/2 | 100.0% |" in peers_markdown({"results": records, "not_measured": []})


def test_tree_rss_counts_this_process() -> None:
    assert tree_rss_bytes(os.getpid()) > 1 << 20
    assert tree_rss_bytes(2**22 + 1) == 0  # above pid_max: no such process


def test_figures_skip_failed_runs_and_markdown_shows_the_error() -> None:
    runs = [
        Run(2.0, 100.0, 300.0, 0, {"ok": 1}, None),
        Run(0.5, 50.0, 60.0, 1, {"failed": 1}, "boom"),
        Run(4.0, 120.0, 250.0, 0, {"ok": 1}, None),
    ]
    figures = _figures(runs, 2)
    assert (figures["ok_runs"], figures["median_s_per_page"], figures["max_s_per_page"]) == (
        2,
        1.5,
        2.0,
    )
    assert (figures["peak_rss_mib"], figures["peak_tree_rss_mib"]) == (120.0, 300.0)
    assert figures["error"] == "boom"
    results = {
        "command": "python -m bench.timing",
        "machine": {"cpus": 2, "load_average_at_start": [0, 0, 0]},
        "ocr_cache_control": "LAMPIRAN_OCR_CACHE",
        "runs": 3,
        "documents": [{"decree": "tiny", "variant": "scan", "cache": "cold", "pages": 2} | figures],
        "lampiran_speeds": [
            {
                "kind": "scanned",
                "cache": "cold",
                "documents": 1,
                "ok_documents": 1,
                "s_per_page": 1.5,
                "bar_s_per_page": 4.0,
            }
        ],
        "batch": [],
        "batch_throughput_ratio": None,
        "peer_speeds": [],
        "peers": {},
    }
    text = bench_markdown(results)
    assert "| scanned | cold | 1/1 | 1.500 | 4.0 | yes |" in text
    assert "| boom |" in text


def test_peer_speeds_prefer_the_ocr_time_measured_in_the_run() -> None:
    records = [_record("a", "scan", 1.0, 0)]
    speeds = peer_speeds(records, {("tiny", "scan"): 7.0})
    assert speeds[0]["process_s_per_page"] == 4.5  # (1 + 1 + 7) / 2
