"""Comparing plans: the two seed decrees against hand-checked expectations, small hand-built
plans for the rules (levels, needs_review, diffs), and the written report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lampiran.compare import (
    Comparison,
    compare,
    compare_decrees,
    plan_level,
    word_diff,
)
from lampiran.documents import decree_json
from schemas.decree import (
    Area,
    Candidate,
    Decree,
    Provenance,
    Row,
    Schedule,
    Source,
    Table,
    TaxonomyMatch,
)
from tests.corpus_documents import SEEDS, cli_app, corpus_decree, write_corpus_decrees

# Hand-checked from corpus/<seed>/labels.yaml (group of every labelled row, by hand):
# the 2022 RB plan labels 58 of 79 rows at group level (21 'none': RB2 deregulation, RB3
# organisation and steps the LKE has no question for); the 2025 ZI plan labels all 87 rows
# with 87 different questions.
AREAS_BOTH = {"MP", "SDM", "AK", "PW", "PL"}
GROUPS_ADDED_2025 = ["TT.P.1", "TT.P.2", "TT.P.3", "SDM.P.2", "SDM.P.5", "PL.P.3", "PL.P.5"]
GROUPS_DROPPED_2025 = [
    "MP.R.3",
    "SDM.R.2",
    "SDM.R.3",
    "AK.R.1",
    "AK.R.2",
    "PW.R.2",
    "PW.R.3",
    "PL.R.1",
]
QUESTIONS_2025 = {"MP": 12, "TT": 9, "SDM": 18, "AK": 11, "PW": 18, "PL": 19}


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare_decrees([corpus_decree(c) for c in reversed(SEEDS)])


def _ids(comparison: Comparison, kind: str, level: str) -> list[str]:
    (transition,) = comparison.transitions
    return [c.entry.id for c in transition.changes if c.kind == kind and c.entry.level == level]


def test_seed_plans_are_ordered_and_compared_at_group_level(seeds: Comparison) -> None:
    rb, zi = seeds.plans
    assert (rb.year, rb.level, rb.rows, rb.matched, rb.no_match) == (2022, "group", 79, 58, 21)
    assert (zi.year, zi.level, zi.rows, zi.matched) == (2025, "question", 87, 87)
    (transition,) = seeds.transitions
    assert transition.level == "group" and transition.levels == ("area", "group")
    assert any("compared at group level (area, group)" in note for note in seeds.notes)
    assert not [c for c in transition.changes if c.entry.level == "question"]


def test_seed_areas_and_groups_added_dropped_kept(seeds: Comparison) -> None:
    assert set(_ids(seeds, "kept", "area")) == AREAS_BOTH
    assert _ids(seeds, "added", "area") == ["TT"]
    assert _ids(seeds, "dropped", "area") == []
    assert _ids(seeds, "added", "group") == GROUPS_ADDED_2025
    assert _ids(seeds, "dropped", "group") == GROUPS_DROPPED_2025
    assert len(_ids(seeds, "kept", "group")) == 18
    assert seeds.item("MP.P.1").rows == (2, 2)


def test_seed_coverage_per_area(seeds: Comparison) -> None:
    by_area = {c.area_id: c for c in seeds.coverage}
    assert {a: c.questions[1] for a, c in by_area.items()} == QUESTIONS_2025
    assert sum(c.questions_total for c in seeds.coverage) == 110
    assert sum(c.groups_total for c in seeds.coverage) == 42
    assert sum(c.questions[0] for c in seeds.coverage) == 0
    assert sum(c.groups[0] for c in seeds.coverage) == 26
    assert sum(c.groups[1] for c in seeds.coverage) == 25
    assert by_area["TT"].rows == (0, 9)


def test_kept_group_shows_its_word_diffs(seeds: Comparison) -> None:
    # MP.P.1 (Penyusunan Tim Kerja): 2022 rows R001 (RB team, January) and R047 (ZI
    # declaration, August); 2025 rows R001-R002 (ZI team decree and plenary, October).
    (transition,) = seeds.transitions
    change = next(c for c in transition.changes if c.entry.id == "MP.P.1")
    diffs = {d.field: d for d in change.diffs}
    assert set(diffs) == {"activity", "evidence", "schedule"}
    assert diffs["schedule"].ops == (("delete", "Jan Aug"), ("insert", "Oct"))
    assert diffs["evidence"].before == ""
    assert diffs["evidence"].after.startswith("SK KPU Kabupaten Kudus Tahun 2025")
    assert "Pembentukan Tim Reformasi Birokrasi" in diffs["activity"].before


def test_timeline_counts_every_scheduled_month(seeds: Comparison) -> None:
    per_plan = [sum(m.rows for m in seeds.timeline if m.plan == p) for p in (0, 1)]
    assert per_plan == [265, 537]
    assert {m.area_id for m in seeds.timeline if m.plan == 1} == set(QUESTIONS_2025)


def test_word_diff_and_plan_level() -> None:
    diff = word_diff("activity", "rapat tim bulanan", "rapat tim triwulanan dan laporan")
    assert diff.ops == (
        ("equal", "rapat tim"),
        ("delete", "bulanan"),
        ("insert", "triwulanan dan laporan"),
    )
    assert plan_level({"question": 1, "group": 1}) == "question"
    assert plan_level({"question": 1, "group": 2}) == "group"
    assert plan_level({"area": 3, "question": 1}) == "area"
    assert plan_level({}) is None


def _doc(year: int, rows: list[tuple[str | None, str, str, list[int]]]) -> Decree:
    """A small plan: rows of (taxonomy id or None for needs_review, activity, evidence, months)."""
    base = corpus_decree(SEEDS[1])
    built = []
    for n, (entry_id, activity, evidence, months) in enumerate(rows, start=1):
        if entry_id is None:
            match = TaxonomyMatch(
                area_id="MP",
                indicator_id=None,
                label=None,
                score=61.0,
                status="needs_review",
                candidates=[Candidate(id="MP.P.2.a", label="x", score=61.0)],
            )
        else:
            match = TaxonomyMatch(
                area_id=entry_id.split(".")[0],
                indicator_id=entry_id,
                label=None,
                score=90.0,
                status="matched",
                candidates=[],
            )
        built.append(
            Row(
                id=f"T1.R{n:03d}",
                area=Area(code="I", name="MANAJEMEN PERUBAHAN"),
                component=None,
                indicator=None,
                activity=activity,
                evidence=[evidence],
                schedule=Schedule(text=None, months=months, quarters=[], year=None),
                responsible=None,
                note=None,
                taxonomy=match,
                provenance=Provenance(pages=[], bboxes=[]),
                repairs=[],
            )
        )
    return Decree(
        schema_version="1",
        source=Source(
            file=f"{year}.pdf", sha256=f"{year:064d}", pages=1, text_layer="native", ocr_engine=None
        ),
        decree=base.decree.model_copy(update={"year": year, "date": None}),
        tables=[
            Table(title=None, layout="action_plan", pages=[1], header=[], columns={}, rows=built)
        ],
        warnings=[],
    )


def test_question_level_plans_compare_questions_and_skip_needs_review() -> None:
    earlier = _doc(
        2024,
        [
            ("MP.P.1.a", "Menyusun SK tim", "SK Tim", [1]),
            ("MP.P.3.b", "Monev bulanan", "Laporan monev", [3, 6]),
            (None, "Rapat koordinasi", "Notulen", [2]),
        ],
    )
    later = _doc(
        2025,
        [
            ("MP.P.1.a", "Menyusun SK tim ZI", "SK Tim", [1]),
            ("MP.P.1.b", "Seleksi anggota tim", "Berita acara", [2]),
        ],
    )
    comparison = compare_decrees([later, earlier])
    (transition,) = comparison.transitions
    assert transition.level == "question"
    changes = {(c.entry.id, c.kind) for c in transition.changes}
    assert {
        ("MP.P.1.a", "kept"),
        ("MP.P.1.b", "added"),
        ("MP.P.3.b", "dropped"),
        ("MP.P.3", "dropped"),
        ("MP.P.1", "kept"),
        ("MP", "kept"),
    } == changes
    kept = next(c for c in transition.changes if c.entry.id == "MP.P.1.a")
    assert [(d.field, d.ops) for d in kept.diffs] == [
        ("activity", (("equal", "Menyusun SK tim"), ("insert", "ZI")))
    ]
    # The needs_review row covers nothing (MP.P.2 stays absent) and is listed apart.
    assert comparison.item("MP.P.2").rows == (0, 0)
    assert [(r.plan, r.row_id, r.candidates) for r in comparison.review] == [
        (0, "T1.R003", ("MP.P.2.a (61)",))
    ]
    assert comparison.plans[0].needs_review == 1


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    compare([corpus_decree(c) for c in SEEDS], out)
    return out


def test_report_files_say_how_plans_are_compared(report: Path) -> None:
    names = sorted(p.name for p in report.iterdir())
    assert names == [
        "changes.png",
        "comparison.html",
        "comparison.md",
        "coverage.png",
        "timeline.png",
    ]
    for png in ("changes.png", "coverage.png", "timeline.png"):
        assert (report / png).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    md = (report / "comparison.md").read_text(encoding="utf-8")
    assert "they are compared at group level (area, group)" in md
    assert "![coverage](coverage.png)" in md
    assert "| MP Manajemen Perubahan | 0/16 · 5/7 | 12/16 · 4/7 |" in md
    assert "- group TT.P.1 Prosedur Operasional Tetap (SOP) Kegiatan Utama" in md
    html = (report / "comparison.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "<figure" in html
    # Self-contained: no stylesheet, script or image fetched; links only inside the page.
    assert "<link" not in html and "src=" not in html
    assert re.findall(r'href="(?!#|data:image/png;base64,)|url\((?!#)', html) == []


def test_compare_command_writes_the_same_bytes_and_checks_usage(
    report: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    paths = write_corpus_decrees(inputs, SEEDS)
    (inputs / "_run.json").write_text("{}")
    runner = CliRunner()
    ok = runner.invoke(cli_app(), ["compare", str(inputs), "-o", str(tmp_path / "out")])
    assert ok.exit_code == 0, ok.output
    for name in ("comparison.md", "comparison.html", "coverage.png", "timeline.png", "changes.png"):
        assert (tmp_path / "out" / name).read_bytes() == (report / name).read_bytes(), name
    one = runner.invoke(cli_app(), ["compare", str(paths[0]), "-o", str(tmp_path / "x")])
    assert one.exit_code == 2 and "two or more decrees" in one.output
    bad = tmp_path / "bad.json"
    bad.write_bytes(decree_json(corpus_decree(SEEDS[0])).replace(b'"schema_version": "1"', b"{"))
    failed = runner.invoke(cli_app(), ["compare", str(paths[1]), str(bad), "-o", str(tmp_path)])
    assert failed.exit_code == 1 and "bad.json" in failed.output
    assert failed.output.strip().count("\n") == 0
