"""The ZI taxonomy data, the Indonesian folding, the matcher and its figures on the corpus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from lampiran.taxonomy_eval import (
    GOLD_FILE,
    LABELS_FILE,
    MatchFigures,
    evaluate_corpus,
    load_labels,
)
from normalize.fold_indonesian import fold, strip_code
from normalize.match_taxonomy import MatchSettings, RowText, match_taxonomy, search_taxonomy
from schemas.taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from tests.conftest import CORPUS_REAL

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REGULATION = CORPUS_REAL / "zi_permenpanrb-90-2021_pembangunan-evaluasi-zi.pdf"
LKE_PAGES = range(66, 88)  # Lampiran III, 1-based
PENILAIAN_COLUMN = (52, 282)  # x-range of the question column on those pages, in points
SETTINGS = MatchSettings()


def decrees_with_labels() -> list[Path]:
    return sorted(
        d for d in CORPUS.iterdir() if (d / GOLD_FILE).is_file() and (d / LABELS_FILE).is_file()
    )


# --- the data ---------------------------------------------------------------------------


def test_load_is_cached_and_validated() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy is load_taxonomy()
    assert isinstance(taxonomy, Taxonomy)


def test_counts_match_the_regulation() -> None:
    taxonomy = load_taxonomy()
    groups = [g for _, _, g in taxonomy.groups()]
    questions = [q for _, _, q in taxonomy.questions()]
    assert [a.id for a in taxonomy.areas] == ["MP", "TT", "SDM", "AK", "PW", "PL"]
    assert len(groups) == 42
    assert Counter(g.id.split(".")[1] for g in groups) == {"P": 25, "R": 17}
    assert len(questions) == 110
    assert Counter(q.id.split(".")[1] for q in questions) == {"P": 87, "R": 23}
    per_area = Counter((q.id.split(".")[0], q.id.split(".")[1]) for q in questions)
    expected = {
        "MP": (12, 4),
        "TT": (9, 6),
        "SDM": (18, 3),
        "AK": (11, 3),
        "PW": (18, 4),
        "PL": (19, 3),
    }
    assert {a: (per_area[a, "P"], per_area[a, "R"]) for a in expected} == expected
    assert len(list(taxonomy.hasil_indicators())) == 3
    assert [r.id for r in taxonomy.rb_areas] == [f"RB{n}" for n in range(1, 9)]


def test_ids_are_unique() -> None:
    taxonomy = load_taxonomy()
    ids = [a.id for a in taxonomy.areas] + [r.id for r in taxonomy.rb_areas]
    ids += [g.id for _, _, g in taxonomy.groups()] + [q.id for _, _, q in taxonomy.questions()]
    ids += [g.id for g in taxonomy.hasil.groups] + [i.id for i in taxonomy.hasil_indicators()]
    assert len(ids) == len(set(ids)) == 6 + 8 + 42 + 110 + 2 + 3


def test_a_duplicate_id_is_rejected() -> None:
    data = yaml.safe_load((ROOT / "schemas" / "taxonomy" / TAXONOMY_FILE).read_text("utf-8"))
    questions = data["areas"][0]["parts"][0]["groups"][0]["questions"]
    questions[1]["id"] = questions[0]["id"]
    with pytest.raises(ValidationError, match=re.escape("duplicate ids: MP.P.1.a")):
        Taxonomy.model_validate(data)


def test_weights_add_up() -> None:
    taxonomy = load_taxonomy()
    assert sum(a.part("pemenuhan").weight for a in taxonomy.areas) == pytest.approx(30.0)
    assert sum(a.part("reform").weight for a in taxonomy.areas) == pytest.approx(30.0)
    for area in taxonomy.areas:
        assert area.weight == pytest.approx(sum(p.weight for p in area.parts))
        for part in area.parts:
            assert sum(g.weight for g in part.groups) == pytest.approx(part.weight), part.lke_code
    assert sum(i.weight for i in taxonomy.hasil_indicators()) == pytest.approx(40.0)


def test_rb_areas_map_to_zi_areas() -> None:
    mapping = {r.id: r.zi_area for r in load_taxonomy().rb_areas}
    assert mapping == {
        "RB1": "MP",
        "RB2": None,
        "RB3": None,
        "RB4": "TT",
        "RB5": "SDM",
        "RB6": "AK",
        "RB7": "PW",
        "RB8": "PL",
    }


def test_every_part_names_its_source_and_status() -> None:
    taxonomy = load_taxonomy()
    statuses = {p.part: p.status for p in taxonomy.provenance}
    assert statuses["area, group and question texts"] == "verbatim"
    assert statuses["percentage formulas"] == "reconstructed"
    for area in taxonomy.areas:
        assert all(p.source in taxonomy.sources for p in area.parts)


@pytest.fixture(scope="module")
def regulation_questions() -> str:
    """The Penilaian column of PermenPANRB 90/2021 Lampiran III, whitespace and case folded."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(REGULATION) as pdf:
        pages = [pdf.pages[n - 1] for n in LKE_PAGES]
        text = " ".join(
            p.crop((PENILAIAN_COLUMN[0], 0, PENILAIAN_COLUMN[1], p.height)).extract_text() or ""
            for p in pages
        )
    return _fold_print(text)


def _fold_print(text: str) -> str:
    """Case and white space folded; a word broken after its hyphen joined again."""
    return re.sub(r"(\w)- (\w)", r"\1-\2", re.sub(r"\s+", " ", text)).lower()


def test_texts_are_the_regulations(regulation_questions: str) -> None:
    """Every question and group name is printed as such in the regulation's LKE table."""
    taxonomy = load_taxonomy()
    printed = [q.text for _, _, q in taxonomy.questions()]
    printed += [g.name_printed or g.name for _, _, g in taxonomy.groups()]
    missing = [t for t in printed if _fold_print(t) not in regulation_questions]
    assert missing == []


# --- folding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("6 Penguatan Akuntabilitas Kinerja", "Penguatan Akuntabilitas Kinerja"),
        ("IV PENGUATAN AKUNTABILITAS", "PENGUATAN AKUNTABILITAS"),
        ("2. Penataan Tatalaksana", "Penataan Tatalaksana"),
        ("PENATAAN TATA LAKSANA", "PENATAAN TATA LAKSANA"),
        ("Investasi", "Investasi"),
    ],
)
def test_strip_code(printed: str, name: str) -> None:
    assert strip_code(printed) == name


def test_fold_joins_inflected_forms_and_long_forms() -> None:
    assert fold("menetapkan") == fold("penetapan") == fold("ditetapkan")
    assert fold("Mensosialisasikan") == fold("sosialisasi")
    assert fold("Standar Prosedur operasional (SOP) telah dievaluasi") == fold(
        "Prosedur operasional tetap (SOP) telah dievaluasi"
    )
    assert fold("yang dan di untuk") == ""


# --- the matcher ------------------------------------------------------------------------


def test_every_question_matches_itself() -> None:
    taxonomy = load_taxonomy()
    for area, group, question in taxonomy.questions():
        row = RowText(area=area.name_printed, component=group.name, indicator=question.text)
        result = match_taxonomy(row, taxonomy, SETTINGS)
        assert (result.indicator_id, result.status) == (question.id, "matched"), question.id


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("PENATAAN TATA LAKSANA", "TT"),
        ("6 Penguatan Akuntabilitas Kinerja", "AK"),
        ("III PENATAAN SISTEM MANAJEMEN SDM", "SDM"),
        ("Penguatan Sistem Manajemen SDM ASN", "SDM"),
        ("Peningkatan Kualitas Pelayanan Publik", "PL"),
    ],
)
def test_area_names_and_aliases_resolve(area: str, expected: str) -> None:
    result = match_taxonomy(RowText(area=area), load_taxonomy(), SETTINGS)
    assert (result.area_id, result.status) == (expected, "no_match")


def test_an_rb_area_without_zi_counterpart_is_never_matched() -> None:
    row = RowText(
        area="2 Penguatan Peraturan Perundang-Undangan/Deregulasi Kebijakan",
        component="Evaluasi secara berkala produk peraturan perundang-undangan",
        indicator="Adanya data perundang-undangan di lingkungan Satuan Kerja",
    )
    result = match_taxonomy(row, load_taxonomy(), SETTINGS)
    assert result.area_id is None
    assert result.status == "no_match"


def test_a_question_outside_the_printed_area_needs_review() -> None:
    row = RowText(
        area="MANAJEMEN PERUBAHAN",
        indicator="Public campaign tentang pengendalian gratifikasi telah dilakukan",
    )
    result = match_taxonomy(row, load_taxonomy(), SETTINGS)
    assert result.area_id == "PW"
    assert result.status == "needs_review"


def test_unrelated_or_empty_rows_are_not_forced() -> None:
    taxonomy = load_taxonomy()
    empty = match_taxonomy(RowText(), taxonomy, SETTINGS)
    assert (empty.status, empty.indicator_id, empty.candidates) == ("no_match", None, [])
    unrelated = RowText(
        area="KEGIATAN PENUNJANG", activity="Pemeliharaan gedung dan pengecatan ruang baca anak"
    )
    assert match_taxonomy(unrelated, taxonomy, SETTINGS).status == "no_match"


def test_matching_is_deterministic_and_candidates_are_ranked() -> None:
    taxonomy = load_taxonomy()
    row = RowText(
        area="V PENGUATAN PENGAWASAN",
        component="Whistle blowing system",
        indicator="Telah dilakukan evaluasi atas penerapan Whistle Blowing System",
    )
    first = match_taxonomy(row, taxonomy, SETTINGS)
    assert first == match_taxonomy(row, taxonomy, SETTINGS)
    assert first.indicator_id == "PW.P.4.b"
    scores = [c.score for c in first.candidates]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert first.candidates[0].id == "PW.P.4.b"


def test_search_ranks_entries() -> None:
    taxonomy = load_taxonomy()
    assert search_taxonomy("gratifikasi", taxonomy)[0].id == "PW.P.1"
    assert search_taxonomy("deregulasi kebijakan", taxonomy)[0].id == "RB2"
    assert [c.id for c in search_taxonomy("LHKPN", taxonomy, limit=2)] == ["PW.R.3", "PW.R.3.a"]
    assert search_taxonomy("  ", taxonomy) == []


# --- figures on the corpus --------------------------------------------------------------


def test_labels_cover_every_gold_row() -> None:
    decrees = decrees_with_labels()
    if not decrees:
        pytest.skip("no corpus decree with gold and labels")
    taxonomy = load_taxonomy()
    known = {q.id for _, _, q in taxonomy.questions()} | {g.id for _, _, g in taxonomy.groups()}
    for decree in decrees:
        for label in load_labels(decree / LABELS_FILE):
            assert label.id in known | {"none"}, (decree.name, label.row)
            assert (label.level == "none") == (label.id == "none"), (decree.name, label.row)


@pytest.fixture(scope="module")
def corpus_figures() -> dict[str, MatchFigures]:
    """The matcher's figures on every labelled corpus decree, by decree id."""
    return {f.decree_id: f.matcher for f in evaluate_corpus(CORPUS, load_taxonomy(), SETTINGS)}


def test_no_row_is_matched_wrongly(corpus_figures: dict[str, MatchFigures]) -> None:
    assert {d: f.matched_wrong for d, f in corpus_figures.items() if f.matched_wrong} == {}


@pytest.mark.parametrize(
    ("decree", "question", "group", "area"),
    [
        ("kpu-kudus-2025-zi", 97.0, None, None),
        ("kpu-kudus-2022-rb", None, 80.0, 90.0),
        ("synthetic-dpk-contoh-2026", None, 80.0, 90.0),
    ],
)
def test_corpus_targets(
    corpus_figures: dict[str, MatchFigures],
    decree: str,
    question: float | None,
    group: float | None,
    area: float | None,
) -> None:
    if decree not in corpus_figures:
        pytest.skip(f"{decree}: gold or labels missing")
    figures = corpus_figures[decree]
    if question is not None:
        assert figures.question_correct is not None and figures.question_correct >= question
    if group is not None:
        assert figures.group_correct >= group
    if area is not None:
        assert figures.area_correct >= area
