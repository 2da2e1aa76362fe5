"""Compare an output document with a hand-checked gold: rows, fields, text, metadata, taxonomy.

Rows are aligned in order by dynamic programming on their text similarity, so one missing
or extra row shifts nothing after it. Every figure is computed from the alignment, which
is kept so that the rows that differ can be shown side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from lampiran.taxonomy_eval import Label, MatchFigures, score_matches
from schemas.decree import Decree, DecreeMetadata, Row, Table, TaxonomyMatch
from schemas.errors import SchemaError
from schemas.gold import GoldDecree, GoldRow

ROW_FIELDS = (
    "area",
    "component",
    "indicator",
    "activity",
    "evidence",
    "schedule",
    "responsible",
    "note",
)
METADATA_FIELDS = (
    "institution",
    "kind",
    "number",
    "year",
    "title",
    "place",
    "date",
    "signatory",
    "considerations",
    "legal_bases",
    "dicta",
)
_UNMATCHED = TaxonomyMatch(
    area_id=None, indicator_id=None, label=None, score=0.0, status="no_match", candidates=[]
)
MIN_ALIGN_SIMILARITY = 50.0
"""Rows less alike than this (rapidfuzz ratio of their text) are not paired."""


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())


def field_value(row: Row | GoldRow, name: str) -> str:
    """A row field as one comparable string (whitespace folded)."""
    if name == "area":
        return _fold(f"{row.area.code or ''} | {row.area.name}") if row.area else ""
    if name == "component":
        return (
            _fold(f"{row.component.number or ''} | {row.component.text}") if row.component else ""
        )
    if name == "evidence":
        return " || ".join(_fold(e) for e in row.evidence)
    if name == "schedule":
        s = row.schedule
        return f"{_fold(s.text)} | {s.months} | {s.year}" if s else ""
    value = getattr(row, name)
    return _fold(value)


def row_text(row: Row | GoldRow) -> str:
    """The row's printed text in field order, for alignment and character error rate."""
    parts = [
        field_value(row, f) for f in ("indicator", "activity", "evidence", "responsible", "note")
    ]
    if row.component:
        parts.insert(0, _fold(row.component.text))
    parts.extend(_fold(c) for c in row.cells)
    return " ".join(p for p in parts if p)


def align(gold: Sequence[str], pred: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pairs (gold index, pred index) of an order-keeping alignment; None marks a gap.

    Maximises the summed similarity of paired rows (Needleman-Wunsch, gap cost 0, pairs
    below MIN_ALIGN_SIMILARITY not allowed).
    """
    n, m = len(gold), len(pred)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            similarity = ratio(gold[i], pred[j])
            if similarity >= MIN_ALIGN_SIMILARITY:
                best = max(best, similarity + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        similarity = ratio(gold[i], pred[j])
        if similarity >= MIN_ALIGN_SIMILARITY and score[i][j] == similarity + score[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs.extend((k, None) for k in range(i, n))
    pairs.extend((None, k) for k in range(j, m))
    return pairs


@dataclass(frozen=True)
class RowDiff:
    """One gold row and the output row aligned to it, with the fields that differ."""

    gold_index: int | None
    pred_id: str | None
    fields: tuple[tuple[str, str, str], ...]


@dataclass
class EvalResult:
    """Every measure of one output against its gold."""

    gold_rows: int = 0
    pred_rows: int = 0
    rows_found: int = 0
    rows_exact: int = 0
    field_total: dict[str, int] = field(default_factory=dict)
    field_exact: dict[str, int] = field(default_factory=dict)
    char_errors: int = 0
    char_total: int = 0
    metadata_exact: dict[str, bool] = field(default_factory=dict)
    titles_total: int = 0
    titles_exact: int = 0
    taxonomy: MatchFigures | None = None
    diffs: list[RowDiff] = field(default_factory=list)

    @property
    def fields_exact_share(self) -> float:
        total = sum(self.field_total.values())
        return sum(self.field_exact.values()) / total if total else 1.0

    @property
    def cer(self) -> float:
        return self.char_errors / self.char_total if self.char_total else 0.0

    @property
    def rows_found_share(self) -> float:
        return self.rows_found / self.gold_rows if self.gold_rows else 1.0

    @property
    def rows_exact_share(self) -> float:
        return self.rows_exact / self.gold_rows if self.gold_rows else 1.0


def _plan_tables(doc: Decree) -> list[Table]:
    return [t for t in doc.tables if t.layout == "action_plan"] or doc.tables


def _plan_rows(doc: Decree) -> list[Row]:
    return [row for table in _plan_tables(doc) for row in table.rows]


def _metadata_value(meta: DecreeMetadata, name: str) -> object:
    value = getattr(meta, name)
    if isinstance(value, str):
        return _fold(value)
    if isinstance(value, list):
        return [v.model_dump() if hasattr(v, "model_dump") else _fold(v) for v in value]
    return value.model_dump() if hasattr(value, "model_dump") else value


def evaluate(pred: Decree, gold: GoldDecree, labels: Sequence[Label] = ()) -> EvalResult:
    """Measures of `pred` against `gold`; `labels` are the hand taxonomy labels of the gold
    rows in order (empty when the gold has none). A gold row the output lacks counts as
    unmatched for the taxonomy."""
    gold_rows = [row for table in gold.tables for row in table.rows]
    pred_rows = _plan_rows(pred)
    result = EvalResult(gold_rows=len(gold_rows), pred_rows=len(pred_rows))
    pairs = align([row_text(r) for r in gold_rows], [row_text(r) for r in pred_rows])
    matches: list[TaxonomyMatch] = []
    for gi, pj in pairs:
        g = gold_rows[gi] if gi is not None else None
        p = pred_rows[pj] if pj is not None else None
        g_text, p_text = (row_text(g) if g else ""), (row_text(p) if p else "")
        result.char_errors += Levenshtein.distance(g_text, p_text)
        result.char_total += len(g_text)
        if g is None:
            result.diffs.append(RowDiff(None, p.id if p else None, (("row", "", "(extra row)"),)))
            continue
        result.rows_found += p is not None
        differing = []
        for name in ROW_FIELDS:
            result.field_total[name] = result.field_total.get(name, 0) + 1
            g_value, p_value = (
                field_value(g, name),
                (field_value(p, name) if p else "(missing row)"),
            )
            if g_value == p_value:
                result.field_exact[name] = result.field_exact.get(name, 0) + 1
            else:
                differing.append((name, g_value, p_value))
        if p is not None and not differing:
            result.rows_exact += 1
        else:
            result.diffs.append(RowDiff(gi, p.id if p else None, tuple(differing)))
        if labels:
            matches.append(p.taxonomy if p is not None and p.taxonomy else _UNMATCHED)
    if labels:
        result.taxonomy = score_matches(matches, labels)
    for name in METADATA_FIELDS:
        result.metadata_exact[name] = _metadata_value(pred.decree, name) == _metadata_value(
            gold.metadata, name
        )
    tables = _plan_tables(pred)
    # A gold title of None says no heading is printed: a title found there is wrong too.
    for index, table in enumerate(gold.tables):
        result.titles_total += 1
        title = tables[index].title if index < len(tables) else None
        result.titles_exact += _fold(title) == _fold(table.title)
    return result


def load_gold(path: Path) -> GoldDecree:
    """A gold file (YAML or JSON), validated. Raises SchemaError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return GoldDecree.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise SchemaError(path, f"not a valid gold file: {str(exc).splitlines()[0]}") from exc


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "-"


def format_result(result: EvalResult, max_diffs: int = 50) -> str:
    """A plain-text report: the measures, then the aligned rows that differ."""
    lines = [
        f"rows found        {_share(result.rows_found, result.gold_rows)} (output has {result.pred_rows})",
        f"rows exact        {_share(result.rows_exact, result.gold_rows)}",
        f"fields exact      {100 * result.fields_exact_share:.2f}%",
    ]
    for name in ROW_FIELDS:
        lines.append(
            f"  {name:<15} {_share(result.field_exact.get(name, 0), result.field_total.get(name, 0))}"
        )
    lines.append(
        f"char error rate   {100 * result.cer:.3f}% ({result.char_errors}/{result.char_total})"
    )
    wrong = [name for name, ok in result.metadata_exact.items() if not ok]
    lines.append(
        f"metadata exact    {len(result.metadata_exact) - len(wrong)}/{len(result.metadata_exact)}"
        + (f" (differs: {', '.join(wrong)})" if wrong else "")
    )
    lines.append(f"table titles exact {result.titles_exact}/{result.titles_total}")
    if result.taxonomy:
        t = result.taxonomy
        lines.append(
            f"taxonomy          {t.matched} matched, {t.needs_review} needs_review, {t.no_match} no_match; "
            f"matched but wrong: {len(t.matched_wrong)}; correct at question level "
            f"{'-' if t.question_correct is None else f'{t.question_correct:.1f}%'}, group level "
            f"{t.group_correct:.1f}%, area level {t.area_correct:.1f}%"
        )
    if result.diffs:
        lines.append("")
        lines.append(f"rows that differ (gold row -> output row), first {max_diffs}:")
        for diff in result.diffs[:max_diffs]:
            gold = f"gold #{diff.gold_index + 1}" if diff.gold_index is not None else "no gold row"
            lines.append(f"- {gold} -> {diff.pred_id or 'missing'}")
            for name, expected, got in diff.fields:
                lines.append(f"    {name}: expected {expected!r}")
                lines.append(f"    {' ' * len(name)}       got {got!r}")
    return "\n".join(lines)
