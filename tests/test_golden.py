"""Golden tests: the born-digital variant of every corpus decree gives its gold exactly.

Field by field against `corpus/<id>/gold.yaml`, byte for byte against the committed
`corpus/<id>/expected/born-digital.json`, and again for a re-rendering with other
settings (A4, another font, other column widths) made in the test itself, so that nothing
is tuned to one rendering.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from corpus.render import RenderSettings, render_born_digital
from lampiran.corpus import CorpusDecree, corpus_decrees
from lampiran.documents import decree_json
from lampiran.evaluate import evaluate, format_result, load_gold
from lampiran.pipeline import process_pdf
from lampiran.settings import RunSettings
from schemas.decree import Decree

DECREES = corpus_decrees()


@cache
def _ingest(pdf: Path) -> Decree:
    return process_pdf(pdf, RunSettings())


def _assert_equals_gold(document: Decree, decree: CorpusDecree) -> None:
    gold = load_gold(decree.gold)
    result = evaluate(document, gold)
    report = format_result(result, max_diffs=10)
    assert result.pred_rows == result.gold_rows, report
    assert result.rows_exact == result.gold_rows, report
    wrong = [name for name, ok in result.metadata_exact.items() if not ok]
    assert not wrong, f"metadata differs: {wrong}\n{report}"
    assert result.titles_exact == result.titles_total, report


@pytest.mark.parametrize("decree", DECREES, ids=lambda d: d.id)
def test_born_digital_equals_gold(decree: CorpusDecree) -> None:
    _assert_equals_gold(_ingest(decree.pdf("born-digital")), decree)


@pytest.mark.parametrize("decree", DECREES, ids=lambda d: d.id)
def test_born_digital_equals_expected_json(decree: CorpusDecree) -> None:
    produced = decree_json(_ingest(decree.pdf("born-digital")))
    expected = decree.expected("born-digital").read_bytes()
    assert produced == expected, "output changed: run `make expected` and review the diff"


# Other paper, font, size and column widths than the committed rendering, so that page
# breaks fall on other rows.
OTHER_RENDERINGS = {
    "a4-sans": RenderSettings(paper="A4", font_family="DejaVu Sans", table_font_size=9.0),
    "f4-serif-columns": RenderSettings(
        paper="F4", table_font_size=11.0, column_scale=(0.8, 1.2, 1.3, 0.8, 1.1, 0.9)
    ),
}


@pytest.mark.parametrize("rendering", sorted(OTHER_RENDERINGS))
@pytest.mark.parametrize("decree", DECREES, ids=lambda d: d.id)
def test_other_rendering_equals_gold(decree: CorpusDecree, rendering: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{decree.id}-{rendering}.pdf"
    pdf.write_bytes(render_born_digital(load_gold(decree.gold), OTHER_RENDERINGS[rendering]))
    _assert_equals_gold(_ingest(pdf), decree)


@pytest.mark.parametrize("decree", DECREES, ids=lambda d: d.id)
def test_bulleted_evidence_equals_gold(decree: CorpusDecree, tmp_path: Path) -> None:
    """Evidence printed as '•' lists instead of numbered ones, on A4 so that page breaks
    fall inside other lists: the items are the same."""
    gold = load_gold(decree.gold)
    bulleted = gold.model_copy(
        update={
            "tables": [t.model_copy(update={"evidence_style": "bulleted"}) for t in gold.tables]
        }
    )
    pdf = tmp_path / f"{decree.id}-bulleted.pdf"
    pdf.write_bytes(render_born_digital(bulleted, OTHER_RENDERINGS["a4-sans"]))
    _assert_equals_gold(_ingest(pdf), decree)


def test_a_title_where_the_gold_prints_none_is_scored_wrong() -> None:
    decree = DECREES[0]
    document = Decree.model_validate_json(decree.expected("born-digital").read_bytes())
    gold = load_gold(decree.gold)
    untitled = gold.model_copy(
        update={"tables": [t.model_copy(update={"title": None}) for t in gold.tables]}
    )
    assert evaluate(document, untitled).titles_exact == 0
    bare = document.model_copy(
        update={"tables": [t.model_copy(update={"title": None}) for t in document.tables]}
    )
    result = evaluate(bare, untitled)
    assert result.titles_exact == result.titles_total == len(gold.tables)
