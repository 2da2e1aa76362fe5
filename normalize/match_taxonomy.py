"""Match an action-plan row to the ZI indicator taxonomy (PermenPANRB 90/2021).

`match_taxonomy(row, taxonomy, settings)` works down the hierarchy: the printed area name
(ZI names, RB Road Map names and their aliases, fuzzy) picks the ZI area; within it every
question is scored from the row's indicator text (against the question and its aliases),
its activity (against the question and the regulation's option criteria, which plans often
copy), its evidence, and its component text (against the question's group name). The best
question is taken when it clears `question_min` by `question_margin` over every other
question; when the leaders share a group the group is taken instead; anything weaker is
`needs_review` (the best entry, for a person to confirm) or `no_match`. A question outside
the printed area, or any match for a row whose RB area has no ZI counterpart, is never more
than `needs_review`.

`search_taxonomy(query, taxonomy)` ranks every taxonomy entry against free text (CLI).

Text is compared as folded Indonesian stems (normalize.fold_indonesian) weighted by their
rarity in the taxonomy (IDF), so "gratifikasi" counts for more than "unit kerja"; a row word
that is not in the taxonomy's vocabulary is mapped to its closest vocabulary word with
rapidfuzz when the spelling is near enough ("mechanisme" -> "mekanisme").

Invariant: pure and deterministic; ties are broken by taxonomy id.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from normalize.fold_indonesian import fold, fold_tokens, strip_code
from schemas.decree import Candidate, TaxonomyMatch
from schemas.taxonomy import Taxonomy

NO_ZI_AREA = "-"  # an RB area with no ZI counterpart (RB2, RB3)
UNRESOLVED = "?"  # an area name was printed but matches no known area


@dataclass(frozen=True)
class RowText:
    """The text of one row that the matcher reads; every field may be missing."""

    area: str | None = None
    component: str | None = None
    indicator: str | None = None
    activity: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds (similarity 0-100) and signal weights; defaults justified in ADR 0004."""

    area_min: float = 80.0
    area_margin: float = 5.0
    question_min: float = 45.0
    question_margin: float = 5.0
    group_min: float = 45.0
    group_margin: float = 8.0
    review_min: float = 20.0
    out_of_area_factor: float = 0.75
    spelling_min: float = 85.0
    head_decay: float = 0.1
    weight_question: float = 0.5
    weight_indicator: float = 0.55
    weight_activity: float = 0.25
    weight_component: float = 0.15
    weight_evidence: float = 0.05
    candidates: int = 3


@dataclass(frozen=True)
class _Entry:
    """A question with the folded texts it is compared against."""

    id: str
    area_id: str
    group_id: str
    label: str
    texts: tuple[frozenset[str], ...]
    details: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class _GroupEntry:
    """A group with its names and everything its questions say (the topic it covers)."""

    id: str
    label: str
    names: tuple[frozenset[str], ...]
    topic: frozenset[str]


@dataclass
class _Index:
    """Everything precomputed from one taxonomy; `spelling` caches vocabulary look-ups."""

    questions: tuple[_Entry, ...]
    groups: dict[str, _GroupEntry]
    area_ids: frozenset[str]
    area_names: tuple[tuple[str, str], ...]
    idf: dict[str, float]
    vocabulary: tuple[str, ...]
    unknown_weight: float
    mass: dict[frozenset[str], float]
    spelling: dict[str, str] = field(default_factory=dict)


_INDEXES: dict[int, tuple[Taxonomy, _Index]] = {}


def match_taxonomy(row: RowText, taxonomy: Taxonomy, settings: MatchSettings) -> TaxonomyMatch:
    """The row's place in the taxonomy: area, question or group, score, status, candidates."""
    index = _index(taxonomy)
    area_id = _resolve_area(row.area, index, settings)
    printed_area = area_id if area_id in index.area_ids else None
    scored = _score_questions(row, index, settings, area_id)
    candidates = [
        Candidate(id=entry.id, label=entry.label, score=round(score, 1))
        for score, _, entry in scored[: settings.candidates]
    ]
    if not scored or scored[0][0] < settings.review_min:
        return TaxonomyMatch(
            area_id=printed_area, indicator_id=None, label=None,
            score=round(scored[0][0], 1) if scored else 0.0, status="no_match",
            candidates=candidates,
        )
    best_score, _, best = scored[0]
    other_group = next((sc for sc, _, e in scored if e.group_id != best.group_id), 0.0)
    siblings = [closeness for _, closeness, e in scored if e.group_id == best.group_id]
    group_sure = (best_score >= settings.group_min
                  and best_score - other_group >= settings.group_margin)
    question_sure = (siblings[0] >= settings.question_min
                     and siblings[0] - (siblings[1] if len(siblings) > 1 else 0.0)
                     >= settings.question_margin)
    # the printed area must agree (or be absent) before anything counts as matched
    area_agrees = area_id is None or area_id == best.area_id
    status = "matched" if group_sure and area_agrees else "needs_review"
    if question_sure:
        return _result(best.area_id, best.id, best.label, best_score, status, candidates)
    group = index.groups[best.group_id]
    return _result(best.area_id, group.id, group.label, best_score, status, candidates)


def search_taxonomy(query: str, taxonomy: Taxonomy, limit: int = 10) -> list[Candidate]:
    """Taxonomy entries (questions, groups, areas, hasil, RB areas) ranked against `query`."""
    folded = fold(query)
    if not folded:
        return []
    entries: list[tuple[str, str, str]] = []
    for area in taxonomy.areas:
        entries += [(area.id, area.name, name) for name in (area.name, *area.aliases)]
    for _, _, group in taxonomy.groups():
        entries += [(group.id, group.name, name) for name in (group.name, *group.aliases)]
        for question in group.questions:
            entries += [(question.id, question.text, t) for t in (question.text, *question.aliases)]
    for hgroup in taxonomy.hasil.groups:
        entries += [(hgroup.id, hgroup.name, name) for name in (hgroup.name, *hgroup.aliases)]
        for ind in hgroup.indicators:
            entries += [(ind.id, ind.text, t) for t in (ind.text, *ind.aliases)]
    for rb in taxonomy.rb_areas:
        entries += [(rb.id, rb.name, name) for name in (rb.name, *rb.aliases)]
    best: dict[str, tuple[float, str]] = {}
    for entry_id, label, text in entries:
        score = fuzz.WRatio(folded, fold(text))
        if score > best.get(entry_id, (-1.0, ""))[0]:
            best[entry_id] = (score, label)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return [Candidate(id=i, label=label, score=round(s, 1)) for i, (s, label) in ranked[:limit]]


def _result(area_id: str, entry_id: str, label: str, score: float, status: str,
            candidates: list[Candidate]) -> TaxonomyMatch:
    """A match naming one entry."""
    return TaxonomyMatch.model_validate({
        "area_id": area_id, "indicator_id": entry_id, "label": label,
        "score": round(score, 1), "status": status, "candidates": candidates,
    })


def _resolve_area(name: str | None, index: _Index, settings: MatchSettings) -> str | None:
    """ZI area id of a printed area name; NO_ZI_AREA for RB2/RB3; UNRESOLVED; None if no name."""
    if not name:
        return None
    folded = fold(strip_code(name))
    if not folded:
        return None
    best: dict[str, float] = {}
    for area_id, alias in index.area_names:
        score = (fuzz.token_sort_ratio(folded, alias) + fuzz.token_set_ratio(folded, alias)) / 2
        best[area_id] = max(best.get(area_id, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    top_id, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= settings.area_min and top - second >= settings.area_margin:
        return top_id
    return UNRESOLVED


def _score_questions(row: RowText, index: _Index, settings: MatchSettings,
                     area_id: str | None) -> list[tuple[float, float, _Entry]]:
    """Every question's (score, closeness, entry) for the row, best score first, ties by id.

    score = weight_question x (how closely the row's fields say what the question says)
          + (1 - weight_question) x (how much of the row the question's group covers).
    """
    weights = {
        "indicator": settings.weight_indicator, "activity": settings.weight_activity,
        "evidence": settings.weight_evidence, "component": settings.weight_component,
    }
    texts = {
        "indicator": row.indicator, "activity": row.activity,
        "evidence": " ; ".join(row.evidence), "component": row.component,
    }
    fields = {
        name: terms for name, text in texts.items() if (terms := _tokens(text, index, settings))
    }
    if not fields:
        return []
    total = sum(weights[name] for name in fields)
    topic = {
        gid: sum(weights[n] * _containment(t, group.topic) for n, t in fields.items()) / total
        for gid, group in index.groups.items()
    }
    scored: list[tuple[float, float, _Entry]] = []
    for entry in index.questions:
        closeness = sum(
            weights[name] * _closeness(name, tokens, entry, index) for name, tokens in fields.items()
        ) / total
        score = 100.0 * (
            settings.weight_question * closeness
            + (1.0 - settings.weight_question) * topic[entry.group_id]
        )
        if area_id is not None and entry.area_id != area_id:
            score *= settings.out_of_area_factor
        scored.append((score, 100.0 * closeness, entry))
    scored.sort(key=lambda item: (-item[0], item[2].id))
    return scored


def _closeness(field: str, terms: dict[str, float], entry: _Entry, index: _Index) -> float:
    """How closely one row field says what the question says, 0-1."""
    if field == "component":
        targets = index.groups[entry.group_id].names
    elif field == "indicator":
        targets = entry.texts
    else:
        targets = entry.texts + entry.details
    return max(_dice(terms, target, index) for target in targets)


def _containment(row: dict[str, float], topic: frozenset[str]) -> float:
    """Share of the row's term weight that the topic contains, 0-1."""
    return sum(row[t] for t in row.keys() & topic) / sum(row.values())


def _dice(row: dict[str, float], entry: frozenset[str], index: _Index) -> float:
    """Weighted Dice overlap of the row's terms and an entry's terms, 0-1."""
    common = row.keys() & entry
    if not common:
        return 0.0
    shared = sum(row[t] + index.idf[t] for t in common)
    return shared / (sum(row.values()) + index.mass[entry])


def _tokens(text: str | None, index: _Index, settings: MatchSettings) -> dict[str, float]:
    """Weighted terms of a row field: its stems (misspellings mapped onto the taxonomy's
    vocabulary) and the pairs of adjacent stems the taxonomy also uses. A term weighs its IDF,
    less the later it comes: Indonesian puts the head first ("dokumen monitoring rencana aksi
    agen perubahan" is about monitoring)."""
    stems = [_spell(token, index, settings) for token in fold_tokens(text)]
    if not stems:
        return {}
    terms: dict[str, float] = {}
    for position, (stem, pair) in enumerate(zip(stems, [*_pair_list(stems), ""], strict=True)):
        head = 1.0 / (1.0 + settings.head_decay * position)
        for term in (stem, pair):
            if term and term not in terms and (term in index.idf or "+" not in term):
                terms[term] = head * index.idf.get(term, index.unknown_weight)
    return terms


def _pair_list(stems: Sequence[str]) -> list[str]:
    return [f"{a}+{b}" if a != b else "" for a, b in zip(stems, stems[1:], strict=False)]


def _terms(text: str) -> frozenset[str]:
    stems = fold_tokens(text)
    return frozenset(stems) | {p for p in _pair_list(stems) if p}


def _spell(token: str, index: _Index, settings: MatchSettings) -> str:
    if token in index.idf or len(token) < 5:
        return token
    if token not in index.spelling:
        found = process.extractOne(token, index.vocabulary, scorer=fuzz.ratio,
                                   score_cutoff=settings.spelling_min)
        index.spelling[token] = found[0] if found else token
    return index.spelling[token]


def _index(taxonomy: Taxonomy) -> _Index:
    """The taxonomy's precomputed index, built once per taxonomy object."""
    cached = _INDEXES.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    index = _build_index(taxonomy)
    _INDEXES[id(taxonomy)] = (taxonomy, index)
    return index


def _build_index(taxonomy: Taxonomy) -> _Index:
    questions: list[_Entry] = []
    groups: dict[str, _GroupEntry] = {}
    for area, group, question in taxonomy.questions():
        details = [o.criterion for o in question.options]
        details += [question.criterion or "", *question.inputs]
        questions.append(_Entry(
            id=question.id, area_id=area.id, group_id=group.id, label=question.text,
            texts=_folded_sets((question.text, *question.aliases)),
            details=_folded_sets(details),
        ))
        names = _folded_sets((group.name, *group.aliases))
        previous = groups[group.id].topic if group.id in groups else frozenset()
        groups[group.id] = _GroupEntry(
            id=group.id, label=group.name, names=names,
            topic=previous.union(*names, *questions[-1].texts, *questions[-1].details),
        )
    area_names = [(a.id, fold(name)) for a in taxonomy.areas for name in (a.name, *a.aliases)]
    area_names += [
        (rb.zi_area or NO_ZI_AREA, fold(name))
        for rb in taxonomy.rb_areas for name in (rb.name, *rb.aliases)
    ]
    documents = [g.topic for g in groups.values()]
    idf = _idf(documents)
    texts = [t for e in questions for t in (*e.texts, *e.details)]
    texts += [n for g in groups.values() for n in g.names]
    return _Index(
        mass={t: sum(idf[term] for term in t) for t in texts},
        questions=tuple(questions), groups=groups,
        area_ids=frozenset(a.id for a in taxonomy.areas), area_names=tuple(sorted(set(area_names))),
        idf=idf, vocabulary=tuple(sorted(t for t in idf if "+" not in t)), unknown_weight=sorted(idf.values())[len(idf) // 2],
    )


def _folded_sets(texts: Iterable[str]) -> tuple[frozenset[str], ...]:
    return tuple(s for s in (_terms(t) for t in texts) if s)


def _idf(documents: Sequence[frozenset[str]]) -> dict[str, float]:
    counts = Counter(token for doc in documents for token in doc)
    return {token: math.log(1.0 + len(documents) / n) for token, n in sorted(counts.items())}
