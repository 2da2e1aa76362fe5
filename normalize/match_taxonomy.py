"""Match an action-plan row to the ZI indicator taxonomy (PermenPANRB 90/2021).

`match_taxonomy(row, taxonomy, settings)` works down the hierarchy. The printed area name
(ZI names, RB Road Map names, their aliases; fuzzy) gives the ZI area, or says the row's
RB area has none (RB2, RB3). Every question is then scored on two things: how closely the
row says what the question says (indicator against the question text, activity and
evidence against the question and its option criteria, which plans often copy, component
against the group name), and how much of the row its group's topic covers. Questions outside
the printed area are discounted. The best group is taken when it clears `group_min` by
`group_margin` over every other group; inside it the best question is named when it leads
its siblings by `question_margin` (more without an indicator cell), else the group is named.
A row whose printed area disagrees or is unknown is at most `needs_review`; a best score
under `review_min` is `no_match`. Nothing below a threshold is ever `matched`.

`search_taxonomy(query, taxonomy)` ranks every taxonomy entry against free text (CLI).

Text is compared as folded Indonesian stems and stem pairs (normalize.fold_indonesian),
each weighted by its rarity over the 42 group topics (IDF), so "gratifikasi" counts for
more than "unit kerja"; a row word missing from the taxonomy's vocabulary is mapped onto
the nearest vocabulary word by rapidfuzz when it is spelled close enough ("mechanisme").

Invariant: pure and deterministic (ties broken by taxonomy id). The index built from a
taxonomy object is kept for the next call with the same object.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from normalize.fold_indonesian import fold, fold_tokens, strip_code
from schemas.decree import Candidate, TaxonomyMatch
from schemas.taxonomy import Taxonomy

NO_ZI_AREA = "-"  # the printed area is an RB area without ZI counterpart (RB2, RB3)
UNRESOLVED = "?"  # an area name is printed but matches no known area


@dataclass(frozen=True)
class RowText:
    """The text of one row that the matcher reads; every field may be missing.

    `area` is the printed area name; a leading code ("6 ", "IV ") is tolerated.
    """

    area: str | None = None
    component: str | None = None
    indicator: str | None = None
    activity: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds (similarity 0-100) and signal weights; defaults chosen in ADR 0004."""

    area_min: float = 80.0  # area name similarity to accept an area
    area_margin: float = 5.0  # ... and its lead over the next area
    group_min: float = 48.0  # score for a confident group (and its best question)
    group_margin: float = 8.0  # ... and its lead over the best other group
    question_margin: float = 5.0  # closeness lead of a question over its siblings
    question_margin_activity: float = 12.0  # the same when the row has no indicator text
    question_min: float = 45.0  # closeness needed to name a question
    review_min: float = 22.0  # below: no_match
    out_of_area_factor: float = 0.75  # discount of questions outside the printed area
    weight_question: float = 0.5  # closeness vs group topic coverage
    weight_indicator: float = 0.55
    weight_activity: float = 0.25
    weight_component: float = 0.15
    weight_evidence: float = 0.05
    head_decay: float = 0.3  # later words of a cell weigh 1 / (1 + decay x position)
    spelling_min: float = 85.0  # rapidfuzz ratio to map an unknown word onto the vocabulary
    candidates: int = 3


@dataclass(frozen=True)
class _Question:
    """A question with the term sets it is compared against."""

    id: str
    area_id: str
    group_id: str
    label: str
    texts: tuple[frozenset[str], ...]
    criteria: tuple[frozenset[str], ...]
    reach: frozenset[str]  # every term of texts and criteria


@dataclass(frozen=True)
class _Group:
    """A group's names and its topic: every term of its names, questions and criteria."""

    id: str
    label: str
    names: tuple[frozenset[str], ...]
    topic: frozenset[str]


@dataclass(frozen=True)
class _Field:
    """A row cell as weighted terms."""

    weights: dict[str, float]
    terms: frozenset[str]
    mass: float


@dataclass
class _Index:
    """What is precomputed from one taxonomy; `spelling` memoises vocabulary look-ups."""

    questions: tuple[_Question, ...]
    groups: dict[str, _Group]
    area_ids: frozenset[str]
    area_names: tuple[tuple[str, str], ...]
    idf: dict[str, float]
    mass: dict[frozenset[str], float]
    vocabulary: tuple[str, ...]
    unknown_weight: float
    spelling: dict[str, str] = field(default_factory=dict)


_INDEXES: dict[int, tuple[Taxonomy, _Index]] = {}


def match_taxonomy(row: RowText, taxonomy: Taxonomy, settings: MatchSettings) -> TaxonomyMatch:
    """The row's place in the taxonomy: area, question or group, score, status, candidates."""
    index = _index(taxonomy)
    area_id = _resolve_area(row.area, index, settings)
    printed_area = area_id if area_id in index.area_ids else None
    scored = _score_questions(row, index, settings, area_id)
    candidates = [
        Candidate(id=q.id, label=q.label, score=round(score, 1))
        for score, _, q in scored[: settings.candidates]
    ]
    if not scored or scored[0][0] < settings.review_min:
        return TaxonomyMatch(
            area_id=printed_area,
            indicator_id=None,
            label=None,
            score=round(scored[0][0], 1) if scored else 0.0,
            status="no_match",
            candidates=candidates,
        )
    best_score, _, best = scored[0]
    other_group = next((score for score, _, q in scored if q.group_id != best.group_id), 0.0)
    siblings = [closeness for _, closeness, q in scored if q.group_id == best.group_id]
    lead = siblings[0] - (siblings[1] if len(siblings) > 1 else 0.0)
    # without an indicator cell the question rests on paraphrased activity text: ask for more
    margin = settings.question_margin if row.indicator else settings.question_margin_activity
    question_sure = siblings[0] >= settings.question_min and lead >= margin
    group_sure = (
        best_score >= settings.group_min and best_score - other_group >= settings.group_margin
    )
    area_agrees = area_id is None or area_id == best.area_id
    status = "matched" if group_sure and area_agrees else "needs_review"
    if question_sure:
        entry_id, label = best.id, best.label
    else:
        entry_id, label = best.group_id, index.groups[best.group_id].label
    return TaxonomyMatch.model_validate(
        {
            "area_id": best.area_id,
            "indicator_id": entry_id,
            "label": label,
            "score": round(best_score, 1),
            "status": status,
            "candidates": candidates,
        }
    )


def search_taxonomy(query: str, taxonomy: Taxonomy, limit: int = 10) -> list[Candidate]:
    """Taxonomy entries (areas, groups, questions, hasil, RB areas) ranked against `query`.

    An entry scores the best, over its name or text and its aliases, of the mean of the
    rapidfuzz WRatio of the folded texts and their IDF-weighted term overlap (0-100); ties
    are broken by id.
    """
    index = _index(taxonomy)
    folded = fold(query)
    cell = _field(query, index, MatchSettings())
    if cell is None:
        return []
    best: dict[str, tuple[float, str]] = {}
    for entry_id, label, texts in _searchable(taxonomy):
        score = max(
            (fuzz.WRatio(folded, fold(text)) + 100.0 * _dice(cell, _terms(text), index)) / 2
            for text in texts
        )
        best[entry_id] = (score, label)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return [Candidate(id=i, label=label, score=round(s, 1)) for i, (s, label) in ranked[:limit]]


def _searchable(taxonomy: Taxonomy) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    """(id, label, texts) of every taxonomy entry."""
    for area in taxonomy.areas:
        yield area.id, area.name, (area.name, *area.aliases)
    for _, _, group in taxonomy.groups():
        yield group.id, group.name, (group.name, *group.aliases)
        for question in group.questions:
            yield question.id, question.text, (question.text, *question.aliases)
    for hgroup in taxonomy.hasil.groups:
        yield hgroup.id, hgroup.name, (hgroup.name, *hgroup.aliases)
        for indicator in hgroup.indicators:
            yield indicator.id, indicator.text, (indicator.text, *indicator.aliases)
    for rb in taxonomy.rb_areas:
        yield rb.id, rb.name, (rb.name, *rb.aliases)


def _resolve_area(name: str | None, index: _Index, settings: MatchSettings) -> str | None:
    """ZI area id of a printed area name, NO_ZI_AREA, UNRESOLVED, or None when none printed."""
    folded = fold(strip_code(name)) if name else ""
    if not folded:
        return None
    best: dict[str, float] = {}
    for area_id, alias in index.area_names:
        score = (fuzz.token_sort_ratio(folded, alias) + fuzz.token_set_ratio(folded, alias)) / 2
        best[area_id] = max(best.get(area_id, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    top_id, top = ranked[0]
    if top >= settings.area_min and top - second >= settings.area_margin:
        return top_id
    return UNRESOLVED


def _score_questions(
    row: RowText, index: _Index, settings: MatchSettings, area_id: str | None
) -> list[tuple[float, float, _Question]]:
    """(score, closeness, question) for every question, best score first, ties by id.

    score = weight_question x closeness + (1 - weight_question) x topic coverage, both
    averaged over the row's non-empty cells with the weight_* weights, on 0-100.
    """
    cells = (
        (settings.weight_indicator, "indicator", row.indicator),
        (settings.weight_activity, "activity", row.activity),
        (settings.weight_evidence, "evidence", " ; ".join(row.evidence)),
        (settings.weight_component, "component", row.component),
    )
    fields = [
        (weight, kind, cell)
        for weight, kind, text in cells
        if (cell := _field(text, index, settings)) is not None
    ]
    if not fields:
        return []
    total = sum(weight for weight, _, _ in fields)
    coverage = {
        gid: sum(w * _containment(cell, group.topic) for w, _, cell in fields) / total
        for gid, group in index.groups.items()
    }
    scored: list[tuple[float, float, _Question]] = []
    for question in index.questions:
        closeness = (
            sum(w * _closeness(kind, cell, question, index) for w, kind, cell in fields) / total
        )
        score = 100.0 * (
            settings.weight_question * closeness
            + (1.0 - settings.weight_question) * coverage[question.group_id]
        )
        if area_id is not None and question.area_id != area_id:
            score *= settings.out_of_area_factor
        scored.append((score, 100.0 * closeness, question))
    scored.sort(key=lambda item: (-item[0], item[2].id))
    return scored


def _closeness(kind: str, cell: _Field, question: _Question, index: _Index) -> float:
    """How closely one row cell says what the question says, 0-1."""
    if kind == "component":
        targets = index.groups[question.group_id].names
    elif cell.terms.isdisjoint(question.reach):
        return 0.0
    elif kind == "indicator":
        targets = question.texts
    else:
        targets = question.texts + question.criteria
    return max(_dice(cell, target, index) for target in targets)


def _containment(cell: _Field, topic: frozenset[str]) -> float:
    """Share of the cell's term weight that the topic contains, 0-1."""
    return sum(cell.weights[t] for t in cell.terms & topic) / cell.mass


def _dice(cell: _Field, target: frozenset[str], index: _Index) -> float:
    """Weighted Dice overlap of a row cell and a taxonomy text, 0-1."""
    common = cell.terms & target
    if not common:
        return 0.0
    shared = sum(cell.weights[t] + index.idf.get(t, index.unknown_weight) for t in common)
    mass = index.mass.get(target)
    if mass is None:  # a text outside the question index (area, hasil, RB names)
        mass = sum(index.idf.get(t, index.unknown_weight) for t in target)
    return shared / (cell.mass + mass)


def _field(text: str | None, index: _Index, settings: MatchSettings) -> _Field | None:
    """A row cell's weighted terms, or None when it has none.

    Terms are its stems (misspellings mapped onto the vocabulary) and the stem pairs the
    taxonomy also uses. A term weighs its IDF, less the later it comes: Indonesian puts the
    head first ("dokumen monitoring rencana aksi agen perubahan" is about monitoring).
    """
    stems = [_spell(token, index, settings) for token in fold_tokens(text)]
    weights: dict[str, float] = {}
    pairs = [*_pairs(stems), ""]
    for position, (stem, pair) in enumerate(zip(stems, pairs, strict=False)):
        head = 1.0 / (1.0 + settings.head_decay * position)
        for term in (stem, pair):
            if term and term not in weights and (term in index.idf or "+" not in term):
                weights[term] = head * index.idf.get(term, index.unknown_weight)
    return _Field(weights, frozenset(weights), sum(weights.values())) if weights else None


def _pairs(stems: Sequence[str]) -> list[str]:
    """'a+b' for each pair of adjacent stems ('' where a stem repeats)."""
    return [f"{a}+{b}" if a != b else "" for a, b in itertools.pairwise(stems)]


def _terms(text: str) -> frozenset[str]:
    """A taxonomy text's stems and stem pairs."""
    stems = fold_tokens(text)
    return frozenset(stems) | {pair for pair in _pairs(stems) if pair}


def _spell(token: str, index: _Index, settings: MatchSettings) -> str:
    """The token, or the vocabulary word it is most probably a misspelling of."""
    if token in index.idf or len(token) < 5:
        return token
    if token not in index.spelling:
        found = process.extractOne(
            token, index.vocabulary, scorer=fuzz.ratio, score_cutoff=settings.spelling_min
        )
        index.spelling[token] = found[0] if found else token
    return index.spelling[token]


def _index(taxonomy: Taxonomy) -> _Index:
    """The taxonomy's index, built once per taxonomy object."""
    cached = _INDEXES.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    index = _build_index(taxonomy)
    _INDEXES[id(taxonomy)] = (taxonomy, index)
    return index


def _build_index(taxonomy: Taxonomy) -> _Index:
    questions: list[_Question] = []
    topics: dict[str, set[str]] = {}
    names: dict[str, tuple[frozenset[str], ...]] = {}
    labels: dict[str, str] = {}
    for area, group, question in taxonomy.questions():
        criteria = [o.criterion for o in question.options]
        criteria += [question.criterion or "", *question.inputs]
        texts = _term_sets((question.text, *question.aliases))
        entry = _Question(
            id=question.id,
            area_id=area.id,
            group_id=group.id,
            label=question.text,
            texts=texts,
            criteria=_term_sets(criteria),
            reach=frozenset().union(*texts, *_term_sets(criteria)),
        )
        questions.append(entry)
        names[group.id] = _term_sets((group.name, *group.aliases))
        labels[group.id] = group.name
        topics.setdefault(group.id, set()).update(*names[group.id], *entry.texts, *entry.criteria)
    groups = {
        gid: _Group(id=gid, label=labels[gid], names=names[gid], topic=frozenset(topic))
        for gid, topic in topics.items()
    }
    idf = _idf([g.topic for g in groups.values()])
    term_sets = [t for q in questions for t in (*q.texts, *q.criteria)]
    term_sets += [n for g in groups.values() for n in g.names]
    area_names = [(a.id, fold(name)) for a in taxonomy.areas for name in (a.name, *a.aliases)]
    area_names += [
        (rb.zi_area or NO_ZI_AREA, fold(name))
        for rb in taxonomy.rb_areas
        for name in (rb.name, *rb.aliases)
    ]
    weights = sorted(idf.values())
    return _Index(
        questions=tuple(questions),
        groups=groups,
        area_ids=frozenset(a.id for a in taxonomy.areas),
        area_names=tuple(sorted(set(area_names))),
        idf=idf,
        mass={t: sum(idf[term] for term in t) for t in term_sets},
        vocabulary=tuple(sorted(t for t in idf if "+" not in t)),
        unknown_weight=weights[len(weights) // 2],  # a word the taxonomy never uses: median
    )


def _term_sets(texts: Iterable[str]) -> tuple[frozenset[str], ...]:
    return tuple(terms for terms in (_terms(t) for t in texts) if terms)


def _idf(documents: Sequence[frozenset[str]]) -> dict[str, float]:
    counts = Counter(term for doc in documents for term in doc)
    return {term: math.log(1.0 + len(documents) / n) for term, n in sorted(counts.items())}
