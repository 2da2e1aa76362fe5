"""Figures of the taxonomy matcher against the corpus' hand labels.

A corpus decree with `gold.yaml` and `labels.yaml` (`- {row, id, level, reason}` per gold
row, rows numbered from 1 across tables; `area` may name the expected ZI area of a row
labelled `none`) is matched row by row, and `score_matches` compares the results with
the labels: rows matched and wrong (must be 0), % right at question, group and area
level, and how many rows were left for review. The same figures are computed for a plain
rapidfuzz baseline (best question over the whole taxonomy by indicator text).

Invariant: pure functions of the gold, the labels, the taxonomy and the settings.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, TypeAdapter
from rapidfuzz import fuzz, process, utils

from normalize.match_taxonomy import MatchSettings, RowText, match_taxonomy
from schemas._base import Frozen
from schemas.decree import Candidate, TaxonomyMatch
from schemas.errors import SchemaError
from schemas.gold import GoldDecree, GoldRow
from schemas.taxonomy import Taxonomy, load_taxonomy

LABELS_FILE = "labels.yaml"
GOLD_FILE = "gold.yaml"


class Label(Frozen):
    """The hand label of one gold row."""

    row: int = Field(ge=1, description="Gold row number, from 1, in order across tables.")
    id: str = Field(description="Question id, group id, or 'none'.")
    level: Literal["question", "group", "none"] = Field(description="Level of the id.")
    area: str | None = Field(default=None, description="Expected ZI area of a 'none' row, if any.")
    reason: str | None = Field(default=None, description="Why, when not obvious.")


@dataclass(frozen=True)
class MatchFigures:
    """How one matcher's results agree with the labels of one decree."""

    rows: int
    matched: int
    needs_review: int
    no_match: int
    matched_wrong: tuple[int, ...]
    question_rows: int
    question_correct: float | None
    group_correct: float
    area_correct: float
    wrong_rows: tuple[int, ...]


@dataclass(frozen=True)
class DecreeFigures:
    """The matcher's and the baseline's figures on one decree."""

    decree_id: str
    matcher: MatchFigures
    baseline: MatchFigures


def row_text(row: GoldRow) -> RowText:
    """The matcher's view of a gold row."""
    return RowText(
        area=row.area.name if row.area else None,
        component=row.component.text if row.component else None,
        indicator=row.indicator,
        activity=row.activity,
        evidence=tuple(row.evidence),
    )


def gold_rows(gold: GoldDecree) -> list[RowText]:
    """Every action-plan row of the gold, in order across tables."""
    return [row_text(r) for t in gold.tables if t.layout == "action_plan" for r in t.rows]


def load_labels(path: Path) -> list[Label]:
    """The labels of one decree, validated; rows must be 1..n in order."""
    try:
        labels = TypeAdapter(list[Label]).validate_python(yaml.safe_load(path.read_text("utf-8")))
    except (ValueError, yaml.YAMLError) as error:
        raise SchemaError(path, str(error).splitlines()[0]) from error
    if [label.row for label in labels] != list(range(1, len(labels) + 1)):
        raise SchemaError(path, "labels must number the rows 1..n in order")
    return labels


def group_of(entry_id: str | None) -> str | None:
    """The group id of a question or group id ('MP.P.1.a' -> 'MP.P.1')."""
    return ".".join(entry_id.split(".")[:3]) if entry_id else None


def expected_area(label: Label) -> str | None:
    """The ZI area a label implies."""
    return label.area if label.id == "none" else label.id.split(".")[0]


def is_wrong(result: TaxonomyMatch, label: Label) -> bool:
    """True when the result names an entry the label contradicts."""
    if label.id == "none":
        return result.indicator_id is not None
    if result.indicator_id is None:
        return False
    if label.level == "question" and result.indicator_id.count(".") == 3:
        return result.indicator_id != label.id
    return group_of(result.indicator_id) != group_of(label.id)


def score_matches(results: Sequence[TaxonomyMatch], labels: Sequence[Label]) -> MatchFigures:
    """Compare matcher results with hand labels, row by row."""
    if len(results) != len(labels):
        raise ValueError(f"{len(results)} results for {len(labels)} labels")
    pairs = list(zip(results, labels, strict=True))
    question_pairs = [(r, lab) for r, lab in pairs if lab.level == "question"]
    group_right = [
        r.indicator_id is None if lab.id == "none" else group_of(r.indicator_id) == group_of(lab.id)
        for r, lab in pairs
    ]
    wrong = tuple(lab.row for r, lab in pairs if is_wrong(r, lab))
    return MatchFigures(
        rows=len(pairs),
        matched=sum(r.status == "matched" for r in results),
        needs_review=sum(r.status == "needs_review" for r in results),
        no_match=sum(r.status == "no_match" for r in results),
        matched_wrong=tuple(
            lab.row for r, lab in pairs if r.status == "matched" and is_wrong(r, lab)
        ),
        question_rows=len(question_pairs),
        question_correct=(
            _percent(
                sum(r.indicator_id == lab.id for r, lab in question_pairs), len(question_pairs)
            )
            if question_pairs
            else None
        ),
        group_correct=_percent(sum(group_right), len(pairs)),
        area_correct=_percent(sum(r.area_id == expected_area(lab) for r, lab in pairs), len(pairs)),
        wrong_rows=wrong,
    )


def baseline_match(row: RowText, taxonomy: Taxonomy) -> TaxonomyMatch:
    """Plain rapidfuzz: the question whose text is closest to the indicator (else activity)."""
    query = row.indicator or row.activity or ""
    questions = {q.id: (area.id, q.text) for area, _, q in taxonomy.questions()}
    ranked = process.extract(
        query,
        {qid: text for qid, (_, text) in questions.items()},
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=3,
    )
    if not query or not ranked:
        return TaxonomyMatch(
            area_id=None, indicator_id=None, label=None, score=0.0, status="no_match", candidates=[]
        )
    ranked.sort(key=lambda item: (-item[1], item[2]))
    candidates = [
        Candidate(id=key, label=text, score=round(score, 1)) for text, score, key in ranked
    ]
    best = candidates[0]
    return TaxonomyMatch(
        area_id=questions[best.id][0],
        indicator_id=best.id,
        label=best.label,
        score=best.score,
        status="matched",
        candidates=candidates,
    )


def evaluate_decree(decree_dir: Path, taxonomy: Taxonomy, settings: MatchSettings) -> DecreeFigures:
    """Matcher and baseline figures for one corpus decree folder."""
    gold = GoldDecree.model_validate(yaml.safe_load((decree_dir / GOLD_FILE).read_text("utf-8")))
    rows = gold_rows(gold)
    labels = load_labels(decree_dir / LABELS_FILE)
    if len(labels) != len(rows):
        raise SchemaError(
            decree_dir / LABELS_FILE, f"{len(labels)} labels for {len(rows)} gold rows"
        )
    return DecreeFigures(
        decree_id=gold.id,
        matcher=score_matches([match_taxonomy(r, taxonomy, settings) for r in rows], labels),
        baseline=score_matches([baseline_match(r, taxonomy) for r in rows], labels),
    )


def evaluate_corpus(
    corpus_dir: Path, taxonomy: Taxonomy, settings: MatchSettings
) -> list[DecreeFigures]:
    """Figures for every corpus decree that has both a gold and labels, sorted by folder."""
    return [
        evaluate_decree(d, taxonomy, settings)
        for d in sorted(corpus_dir.iterdir())
        if (d / GOLD_FILE).is_file() and (d / LABELS_FILE).is_file()
    ]


def format_figures(figures: Sequence[DecreeFigures]) -> str:
    """A plain-text table of the figures, one line per decree and matcher."""
    lines = [
        "decree                          matcher   rows match review none wrong"
        "  question%  group%  area%"
    ]
    for f in figures:
        for name, m in (("lampiran", f.matcher), ("baseline", f.baseline)):
            question = "-" if m.question_correct is None else f"{m.question_correct:.1f}"
            lines.append(
                f"{f.decree_id:<32}{name:<10}{m.rows:>4}{m.matched:>6}{m.needs_review:>7}"
                f"{m.no_match:>5}{len(m.matched_wrong):>6}{question:>11}"
                f"{m.group_correct:>8.1f}{m.area_correct:>7.1f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Print the figures of every labelled decree under the corpus folder (default 'corpus')."""
    corpus = Path(argv[0]) if argv else Path("corpus")
    print(format_figures(evaluate_corpus(corpus, load_taxonomy(), MatchSettings())))
    return 0


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
