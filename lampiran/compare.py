"""Two or more decrees side by side, keyed by the ZI taxonomy: what each plan covers and what
changed from one plan to the next.

Only rows whose taxonomy status is "matched" count as covering an entry; needs_review rows
are listed apart. A row matched to a question also covers its group and area, a row matched
to a group covers its area. Plans are put in order of year (then date, number, sha256) and
each consecutive pair is compared at the finest level both plans support: a plan written in
free wording and matched mostly at area or group level cannot say which LKE question it
addresses, so comparing it question by question would report invented drops.
See docs/decisions/0007-datasets-and-compare.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from schemas.decree import Decree, Row
from schemas.taxonomy import Taxonomy, load_taxonomy

Level = Literal["area", "group", "question"]
LEVELS: tuple[Level, ...] = ("area", "group", "question")
ChangeKind = Literal["added", "dropped", "kept"]
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DIFF_FIELDS = ("activity", "evidence", "schedule")
LABEL_WIDTH = 28
"""Longest plan label shown in charts and tables."""


@dataclass(frozen=True)
class Entry:
    """A pengungkit taxonomy entry: its level, id, text and the ids above it."""

    level: Level
    id: str
    label: str
    area_id: str
    group_id: str | None
    ordinal: int


@dataclass(frozen=True)
class Plan:
    """One compared decree and how its rows were matched."""

    decree_id: str
    label: str
    short: str
    year: int | None
    institution: str | None
    number: str | None
    title: str | None
    level: Level | None
    rows: int
    matched: int
    needs_review: int
    no_match: int
    unlabelled: int
    outside: int
    by_level: tuple[tuple[Level, int], ...]


@dataclass(frozen=True)
class Item:
    """A taxonomy entry and how many matched rows each plan has under it (0: absent)."""

    entry: Entry
    rows: tuple[int, ...]

    @property
    def present(self) -> tuple[bool, ...]:
        return tuple(n > 0 for n in self.rows)


@dataclass(frozen=True)
class AreaCoverage:
    """Per plan: LKE questions and groups of one area addressed by matched rows."""

    area_id: str
    name: str
    questions_total: int
    groups_total: int
    questions: tuple[int, ...]
    groups: tuple[int, ...]
    rows: tuple[int, ...]


@dataclass(frozen=True)
class WordDiff:
    """One field of a kept item, before and after, as a word-level diff."""

    field: str
    before: str
    after: str
    ops: tuple[tuple[Literal["equal", "delete", "insert"], str], ...]
    similarity: float


@dataclass(frozen=True)
class Change:
    """An entry added, dropped or kept between two plans; a kept one with its field diffs."""

    entry: Entry
    kind: ChangeKind
    diffs: tuple[WordDiff, ...] = ()


@dataclass(frozen=True)
class Transition:
    """Plan `before` -> plan `after`, compared at `level` (the finest both support)."""

    before: int
    after: int
    level: Level | None
    changes: tuple[Change, ...]

    def count(self, kind: ChangeKind, level: Level) -> int:
        """How many entries of `level` were added, dropped or kept."""
        return sum(1 for c in self.changes if c.kind == kind and c.entry.level == level)

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels compared: area up to `level`."""
        return LEVELS[: LEVELS.index(self.level) + 1] if self.level else ()


@dataclass(frozen=True)
class ReviewRow:
    """A needs_review row: not counted anywhere, shown so a person can decide."""

    plan: int
    row_id: str
    area: str
    text: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class MonthCount:
    """Rows of one plan scheduled in one month, per ZI area (None: row not matched)."""

    plan: int
    area_id: str | None
    month: int
    rows: int


@dataclass(frozen=True)
class Comparison:
    """Everything the report shows; `files` lists what `compare` wrote."""

    plans: tuple[Plan, ...]
    items: tuple[Item, ...]
    coverage: tuple[AreaCoverage, ...]
    transitions: tuple[Transition, ...]
    review: tuple[ReviewRow, ...]
    timeline: tuple[MonthCount, ...]
    notes: tuple[str, ...]
    files: tuple[Path, ...] = field(default=())

    def item(self, entry_id: str) -> Item:
        """The item of a taxonomy id."""
        return next(i for i in self.items if i.entry.id == entry_id)


def taxonomy_entries(taxonomy: Taxonomy) -> dict[str, Entry]:
    """Every area, group and question of the komponen pengungkit by id, in printed order."""
    entries: dict[str, Entry] = {}
    for area in taxonomy.areas:
        entries[area.id] = Entry("area", area.id, area.name, area.id, None, len(entries))
        for part in area.parts:
            for group in part.groups:
                entries[group.id] = Entry(
                    "group", group.id, group.name, area.id, group.id, len(entries)
                )
                for q in group.questions:
                    entries[q.id] = Entry("question", q.id, q.text, area.id, group.id, len(entries))
    return entries


def _plan_rows(doc: Decree) -> list[Row]:
    return [row for table in doc.tables if table.layout == "action_plan" for row in table.rows]


def _covered(row: Row, entries: dict[str, Entry]) -> list[Entry]:
    """The entries a matched row covers: its own and those above it (area, group)."""
    match = row.taxonomy
    if match is None or match.status != "matched":
        return []
    # An id outside the pengungkit (a hasil indicator, an unknown id) still places the row
    # in its area when the match names one.
    own = entries.get(match.indicator_id or "") or entries.get(match.area_id or "")
    if own is None:
        return []
    above = [own.area_id] + ([own.group_id] if own.level == "question" and own.group_id else [])
    return [entries[i] for i in above if i != own.id] + [own]


def _label(doc: Decree) -> str:
    meta = doc.decree
    text = " · ".join(p for p in (str(meta.year) if meta.year else "?", meta.number) if p)
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"


def _distinct_labels(plans: Sequence[Plan]) -> list[Plan]:
    """Labels a reader can tell apart: the year alone when it is unique among the plans,
    and the sha256 prefix added to labels that would still repeat."""
    labels = [p.label for p in plans]
    plans = [
        replace(p, label=f"{p.label} ({p.decree_id[:6]})") if labels.count(p.label) > 1 else p
        for p in plans
    ]
    years = [p.year for p in plans]
    return [
        replace(p, short=str(p.year) if p.year and years.count(p.year) == 1 else p.label)
        for p in plans
    ]


def plan_level(by_level: dict[Level, int]) -> Level | None:
    """The finest level at which at least half of a plan's matched rows are placed."""
    total = sum(by_level.values())
    if not total:
        return None
    finer = 0
    for level in ("question", "group"):
        finer += by_level.get(level, 0)
        if 2 * finer >= total:
            return level
    return "area"


def _plan(doc: Decree, entries: dict[str, Entry]) -> Plan:
    rows = _plan_rows(doc)
    statuses = [row.taxonomy.status if row.taxonomy else None for row in rows]
    by_level: dict[Level, int] = {}
    outside = 0
    for row in rows:
        covered = _covered(row, entries)
        if covered:
            by_level[covered[-1].level] = by_level.get(covered[-1].level, 0) + 1
        elif row.taxonomy is not None and row.taxonomy.status == "matched":
            outside += 1
    return Plan(
        decree_id=doc.source.sha256,
        label=_label(doc),
        short=_label(doc),
        year=doc.decree.year,
        institution=doc.decree.institution,
        number=doc.decree.number,
        title=doc.decree.title,
        level=plan_level(by_level),
        rows=len(rows),
        matched=statuses.count("matched"),
        needs_review=statuses.count("needs_review"),
        no_match=statuses.count("no_match"),
        unlabelled=statuses.count(None),
        outside=outside,
        by_level=tuple((lv, by_level.get(lv, 0)) for lv in LEVELS),
    )


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(" ".join(value.split()), None)
    return list(seen)


def item_texts(rows: Sequence[Row]) -> dict[str, str]:
    """What a plan says about one entry: its activities, evidence items and months, each
    once in row order, as the text the word diff compares."""
    months = sorted({m for row in rows if row.schedule for m in row.schedule.months})
    return {
        "activity": "; ".join(_unique(row.activity for row in rows)),
        "evidence": "; ".join(_unique(item for row in rows for item in row.evidence)),
        "schedule": " ".join(MONTH_NAMES[m - 1] for m in months),
    }


def word_diff(field_name: str, before: str, after: str) -> WordDiff:
    """A word-level diff (difflib on whitespace-split words); a replace is a delete, then an
    insert."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops: list[tuple[Literal["equal", "delete", "insert"], str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", " ".join(old[i1:i2])))
        if j2 > j1:
            ops.append(("insert", " ".join(new[j1:j2])))
    return WordDiff(field_name, before, after, tuple(ops), round(matcher.ratio(), 3))


def _transition(
    before: int,
    after: int,
    plans: Sequence[Plan],
    items: Sequence[Item],
    rows_under: Sequence[dict[str, list[Row]]],
) -> Transition:
    levels = [plans[before].level, plans[after].level]
    known = [lv for lv in levels if lv is not None]
    level = min(known, key=LEVELS.index) if known else None
    if level is None:
        return Transition(before, after, None, ())
    compared = LEVELS[: LEVELS.index(level) + 1]
    changes = []
    for item in items:
        if item.entry.level not in compared:
            continue
        was, now = item.present[before], item.present[after]
        if was and now:
            diffs: tuple[WordDiff, ...] = ()
            if item.entry.level == level:
                old = item_texts(rows_under[before][item.entry.id])
                new = item_texts(rows_under[after][item.entry.id])
                diffs = tuple(word_diff(f, old[f], new[f]) for f in DIFF_FIELDS if old[f] != new[f])
            changes.append(Change(item.entry, "kept", diffs))
        elif was or now:
            changes.append(Change(item.entry, "dropped" if was else "added"))
    return Transition(before, after, level, tuple(changes))


def _notes(plans: Sequence[Plan], transitions: Sequence[Transition]) -> list[str]:
    notes = []
    for plan in plans:
        counts = dict(plan.by_level)
        placed = ", ".join(f"{counts[lv]} at {lv} level" for lv in LEVELS if counts[lv])
        if plan.level is None:
            notes.append(
                f"{plan.label}: no row is matched to the taxonomy with confidence, so "
                "it covers nothing and its neighbours' entries show as added or dropped."
            )
        else:
            notes.append(
                f"{plan.label}: {plan.matched} of {plan.rows} rows matched ({placed}); "
                f"compared at {plan.level} level or coarser."
            )
        if plan.outside:
            notes.append(
                f"{plan.label}: {plan.outside} matched rows name an entry outside the "
                "LKE pengungkit (komponen hasil or an unknown id) and count nowhere."
            )
        if plan.unlabelled:
            notes.append(f"{plan.label}: {plan.unlabelled} rows carry no taxonomy match at all.")
    for t in transitions:
        a, b = plans[t.before], plans[t.after]
        if t.level is not None and (a.level != t.level or b.level != t.level):
            notes.append(
                f"{a.label} → {b.label}: the plans are matched at different levels "
                f"({a.level}, {b.level}); they are compared at {t.level} level "
                f"({', '.join(t.levels)}), the finest both support."
            )
    return notes


def order_key(doc: Decree) -> tuple[int, str, str, str]:
    """Plans in time order: year, date, number, then sha256 for a total order."""
    meta = doc.decree
    return (
        meta.year or 0,
        meta.date.isoformat() if meta.date else "",
        meta.number or "",
        doc.source.sha256,
    )


def compare_decrees(docs: Sequence[Decree], taxonomy: Taxonomy | None = None) -> Comparison:
    """The comparison of two or more decrees (pure: no files). Raises ValueError for fewer
    than two documents or two documents of one source."""
    if len(docs) < 2:
        raise ValueError("compare needs at least two decrees")
    if len({d.source.sha256 for d in docs}) < len(docs):
        raise ValueError("two documents have the same source sha256")
    entries = taxonomy_entries(taxonomy or load_taxonomy())
    ordered = sorted(docs, key=order_key)
    plans = _distinct_labels([_plan(doc, entries) for doc in ordered])
    rows_under: list[dict[str, list[Row]]] = []
    review: list[ReviewRow] = []
    timeline: dict[tuple[int, str | None, int], int] = {}
    for index, doc in enumerate(ordered):
        under: dict[str, list[Row]] = {entry_id: [] for entry_id in entries}
        for row in _plan_rows(doc):
            covered = _covered(row, entries)
            for entry in covered:
                under[entry.id].append(row)
            area = covered[0].area_id if covered else None
            for month in sorted(set(row.schedule.months if row.schedule else [])):
                timeline[(index, area, month)] = timeline.get((index, area, month), 0) + 1
            if row.taxonomy is not None and row.taxonomy.status == "needs_review":
                review.append(
                    ReviewRow(
                        index,
                        row.id,
                        " ".join(p for p in (row.area.code, row.area.name) if p)
                        if row.area
                        else "",
                        row.activity or row.indicator or " ".join(row.cells),
                        tuple(f"{c.id} ({c.score:.0f})" for c in row.taxonomy.candidates),
                    )
                )
        rows_under.append(under)
    items = tuple(
        Item(entry, tuple(len(under[entry.id]) for under in rows_under))
        for entry in entries.values()
    )
    transitions = tuple(
        _transition(i, i + 1, plans, items, rows_under) for i in range(len(plans) - 1)
    )
    return Comparison(
        plans=tuple(plans),
        items=items,
        coverage=tuple(_coverage(items, len(plans))),
        transitions=transitions,
        review=tuple(review),
        timeline=tuple(
            MonthCount(plan, area, month, n)
            for (plan, area, month), n in sorted(
                timeline.items(), key=lambda kv: (kv[0][0], kv[0][1] or "~", kv[0][2])
            )
        ),
        notes=tuple(_notes(plans, transitions)),
    )


def _coverage(items: Sequence[Item], plans: int) -> Iterable[AreaCoverage]:
    for area in (i for i in items if i.entry.level == "area"):
        below = [i for i in items if i.entry.area_id == area.entry.id]
        questions = [i for i in below if i.entry.level == "question"]
        groups = [i for i in below if i.entry.level == "group"]
        yield AreaCoverage(
            area_id=area.entry.id,
            name=area.entry.label,
            questions_total=len(questions),
            groups_total=len(groups),
            questions=tuple(sum(q.rows[p] > 0 for q in questions) for p in range(plans)),
            groups=tuple(sum(g.rows[p] > 0 for g in groups) for p in range(plans)),
            rows=area.rows,
        )


def compare(docs: Sequence[Decree], out_dir: Path) -> Comparison:
    """Compare two or more decrees and write the report into `out_dir`: comparison.md,
    comparison.html (self-contained) and the charts as PNG. Returns the comparison with
    the written files. Raises ValueError as `compare_decrees`, OutputError when out_dir
    cannot be written."""
    # Imported here: the report needs matplotlib, the comparison itself does not.
    from lampiran.report import write_report

    comparison = compare_decrees(docs)
    return replace(comparison, files=tuple(write_report(comparison, out_dir)))
