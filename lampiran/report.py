"""A `Comparison` as a report: comparison.md, a self-contained comparison.html, charts as PNG.

The HTML needs nothing but itself: styles, data and the one small script are inlined and
the charts are inline SVG, so it opens offline and can be mailed. Charts are drawn with
matplotlib's object API (no pyplot state) and written deterministically: fixed SVG id salt,
no dates or software versions in the files, so the same comparison gives the same bytes.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lampiran.compare import (
    MONTH_NAMES,
    Change,
    ChangeKind,
    Comparison,
    Item,
    Transition,
    WordDiff,
)
from lampiran.documents import write_atomic

MARKDOWN_FILE = "comparison.md"
HTML_FILE = "comparison.html"
CHART_FILES = {"coverage": "coverage.png", "timeline": "timeline.png", "changes": "changes.png"}
PLAN_COLUMNS = (
    "plan",
    "institution",
    "title",
    "rows",
    "matched",
    "needs review",
    "no match",
    "level",
)
COUNTING_NOTE = "Only rows matched with confidence count; needs-review rows are listed at the end."
OPEN_LISTS_UP_TO = 12
"""Lists of added or dropped entries longer than this start folded in the HTML."""
REWRITTEN_BELOW = 0.25
"""Word diffs of texts less alike than this are unreadable: show before and after instead."""

_STYLE: dict[Any, Any] = {
    "svg.hashsalt": "lampiran",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.titlesize": 9.5,
}
_COLOURS = {"added": "#2e7d32", "dropped": "#c62828", "kept": "#9e9e9e", "coarse": "#f6d58e"}
_BLUES = LinearSegmentedColormap.from_list("cover", ["#d6e6f5", "#08519c"])
_GREENS = LinearSegmentedColormap.from_list("months", ["#ffffff", "#1b7837"])
_UNMATCHED = "not matched"
_KINDS: tuple[ChangeKind, ...] = ("added", "dropped", "kept")


def _render(figure: Figure) -> tuple[bytes, str]:
    """The figure as PNG bytes and as an SVG element for inlining (no XML prolog, no RDF
    metadata block)."""
    png, svg = io.BytesIO(), io.StringIO()
    figure.savefig(png, format="png", dpi=110, metadata={"Software": None})
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    text = svg.getvalue()
    element = re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)
    return png.getvalue(), element


def _area_items(comparison: Comparison) -> list[Item]:
    return [i for i in comparison.items if i.entry.level in ("area", "group")]


def _question_counts(comparison: Comparison) -> dict[tuple[str, int], tuple[int, int]]:
    """(area or group id, plan) -> (questions covered, questions below)."""
    counts: dict[tuple[str, int], tuple[int, int]] = {}
    questions = [i for i in comparison.items if i.entry.level == "question"]
    for item in _area_items(comparison):
        key = item.entry.id
        below = [q for q in questions if key in (q.entry.area_id, q.entry.group_id)]
        for plan in range(len(comparison.plans)):
            counts[(key, plan)] = (sum(q.rows[plan] > 0 for q in below), len(below))
    return counts


def coverage_chart(comparison: Comparison) -> Figure:
    """Heatmap: LKE areas and groups (rows) x plans (columns), shaded by the share of the
    entry's questions a plan's matched rows address; entries addressed only at group or
    area level are shaded apart."""
    items = _area_items(comparison)
    counts = _question_counts(comparison)
    plans = comparison.plans
    figure = Figure(figsize=(4.6 + 1.0 * len(plans), 1.3 + 0.2 * len(items)))
    axes = figure.add_axes(
        (
            4.2 / figure.get_figwidth(),
            0.9 / figure.get_figheight(),
            1 - 4.35 / figure.get_figwidth(),
            1 - 1.25 / figure.get_figheight(),
        )
    )
    pixels = []
    for r, item in enumerate(items):
        line = []
        for p in range(len(plans)):
            covered, total = counts[(item.entry.id, p)]
            if covered:
                colour = _BLUES(covered / total)[:3]
                text = f"{covered}/{total}"
            elif item.rows[p]:
                colour = matplotlib.colors.to_rgb(_COLOURS["coarse"])
                text = item.entry.level
            else:
                colour, text = (1.0, 1.0, 1.0), ""
            line.append(colour)
            if text:
                dark = covered / total > 0.55 if covered else False
                axes.text(
                    p,
                    r,
                    text,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "#222222",
                )
        pixels.append(line)
    axes.imshow(pixels, aspect="auto", interpolation="nearest")
    axes.set_xticks(range(len(plans)), [p.short for p in plans], fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks(
        range(len(items)),
        [
            f"{i.entry.id}  {i.entry.label}"
            if i.entry.level == "area"
            else f"    {i.entry.id}  {_clip(i.entry.label, 44)}"
            for i in items
        ],
    )
    for label, item in zip(axes.get_yticklabels(), items, strict=True):
        if item.entry.level == "area":
            label.set_fontweight("bold")
    for r, item in enumerate(items):
        if item.entry.level == "area" and r:
            axes.axhline(r - 0.5, color="#555555", linewidth=0.8)
    axes.set_xticks([x - 0.5 for x in range(1, len(plans))], minor=True)
    axes.grid(which="minor", axis="x", color="#555555", linewidth=0.8)
    axes.tick_params(which="minor", length=0)
    figure.legend(
        handles=[
            Patch(color=_BLUES(0.5), label="questions addressed (n/total)"),
            Patch(color=_COLOURS["coarse"], label="addressed at group/area level only"),
            Patch(facecolor="white", edgecolor="#999999", label="not addressed"),
        ],
        loc="lower center",
        ncol=3,
        frameon=False,
        fontsize=7.5,
    )
    return figure


def timeline_chart(comparison: Comparison) -> Figure:
    """One panel per plan: ZI areas (rows) x months, the number of rows scheduled in each."""
    plans = comparison.plans
    area_items = [i for i in comparison.items if i.entry.level == "area"]
    areas: list[str | None] = [i.entry.id for i in area_items]
    if any(m.area_id is None for m in comparison.timeline):
        areas.append(None)
    grid = {(m.plan, m.area_id, m.month): m.rows for m in comparison.timeline}
    peak = max(grid.values(), default=1)
    figure = Figure(figsize=(1.2 + 3.9 * len(plans), 0.9 + 0.32 * len(areas)))
    panels = figure.subplots(1, len(plans), sharey=True, squeeze=False)[0]
    for p, axes in enumerate(panels):
        values = [[grid.get((p, a, m), 0) for m in range(1, 13)] for a in areas]
        axes.imshow(values, cmap=_GREENS, vmin=0, vmax=peak, aspect="auto")
        for r, line in enumerate(values):
            for c, n in enumerate(line):
                if n:
                    axes.text(
                        c,
                        r,
                        str(n),
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color="white" if n > peak * 0.55 else "#222222",
                    )
        axes.set_xticks(range(12), [name[0] for name in MONTH_NAMES])
        axes.set_title(plans[p].label)
        axes.set_yticks(range(len(areas)), [a or _UNMATCHED for a in areas])
    figure.supxlabel("rows scheduled per month (darker: more)", fontsize=7.5)
    figure.subplots_adjust(
        left=0.9 / figure.get_figwidth() + 0.02,
        right=0.98,
        top=1 - 0.35 / figure.get_figheight(),
        bottom=0.5 / figure.get_figheight(),
        wspace=0.08,
    )
    return figure


def changes_chart(comparison: Comparison) -> Figure:
    """Horizontal bars per compared pair and level: entries added, dropped and kept."""
    lines = [(t, level) for t in comparison.transitions for level in t.levels]
    figure = Figure(figsize=(7.5, 1.2 + 0.55 * max(len(lines), 1)))
    axes = figure.add_axes(
        (0.3, 0.7 / figure.get_figheight(), 0.64, 1 - 1.1 / figure.get_figheight())
    )
    plans = comparison.plans
    height = 0.26
    for y, (transition, level) in enumerate(lines):
        for k, kind in enumerate(_KINDS):
            n = transition.count(kind, level)
            axes.barh(
                y + (k - 1) * height,
                n,
                height=height,
                color=_COLOURS[kind],
                label=kind if y == 0 else None,
            )
            axes.text(n, y + (k - 1) * height, f" {n}", va="center", fontsize=7)
    axes.set_yticks(
        range(len(lines)),
        [f"{plans[t.before].short} → {plans[t.after].short}: {level}s" for t, level in lines],
        fontsize=7.5,
    )
    axes.invert_yaxis()
    if lines:
        figure.legend(loc="upper center", ncol=3, frameon=False, fontsize=7.5)
    else:
        axes.text(
            0.5,
            0.5,
            "no pair of plans has matched rows to compare",
            ha="center",
            va="center",
            transform=axes.transAxes,
        )
    axes.set_xlabel("taxonomy entries")
    axes.spines[["top", "right"]].set_visible(False)
    return figure


CHARTS: dict[str, tuple[Callable[[Comparison], Figure], str]] = {
    "coverage": (coverage_chart, "Coverage: LKE areas and groups addressed by each plan."),
    "timeline": (timeline_chart, "Timeline: rows scheduled per month and ZI area."),
    "changes": (changes_chart, "Changes: taxonomy entries added, dropped and kept between plans."),
}


def render_charts(comparison: Comparison) -> dict[str, tuple[bytes, str]]:
    """Chart name -> (PNG bytes, inline SVG)."""
    with matplotlib.rc_context(_STYLE):
        return {name: _render(draw(comparison)) for name, (draw, _) in CHARTS.items()}


def coverage_table(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """Per area, then for all areas: each plan's 'questions/total · groups/total'."""
    lines = [
        (
            f"{c.area_id} {c.name}",
            [
                f"{q}/{c.questions_total} · {g}/{c.groups_total}"
                for q, g in zip(c.questions, c.groups, strict=True)
            ],
        )
        for c in comparison.coverage
    ]
    questions = sum(c.questions_total for c in comparison.coverage)
    groups = sum(c.groups_total for c in comparison.coverage)
    lines.append(
        (
            "all",
            [
                f"{sum(c.questions[p] for c in comparison.coverage)}/{questions} · "
                f"{sum(c.groups[p] for c in comparison.coverage)}/{groups}"
                for p in range(len(comparison.plans))
            ],
        )
    )
    return lines


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or emphasis."""
    return re.sub(r"([\\|*_~`<>\[\]])", r"\\\1", " ".join(text.split()))


def _pair(comparison: Comparison, t: Transition) -> str:
    return f"{comparison.plans[t.before].label} → {comparison.plans[t.after].label}"


def _presence(item: Item) -> list[str]:
    return [str(n) if n else "–" for n in item.rows]


def _changed(item: Item) -> bool:
    return len(set(item.present)) > 1


def _diff_md(diff: WordDiff) -> str:
    if diff.similarity < REWRITTEN_BELOW:
        return (
            f"  - {diff.field} (rewritten)\n    - before: {_md(diff.before) or '(none)'}\n"
            f"    - after: {_md(diff.after) or '(none)'}"
        )
    marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return f"  - {diff.field}: " + " ".join(marks[op].format(_md(text)) for op, text in diff.ops)


def _table_md(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def markdown_report(comparison: Comparison) -> str:
    """comparison.md: the same content as the HTML report, charts linked as PNG files."""
    plans = comparison.plans
    labels = [_md(p.short) for p in plans]
    out = [f"# Comparison of {len(plans)} action plans", ""]
    out += _table_md(
        PLAN_COLUMNS,
        (
            [
                _md(p.label),
                _md(p.institution or ""),
                _md(_clip(p.title or "", 90)),
                str(p.rows),
                str(p.matched),
                str(p.needs_review),
                str(p.no_match),
                p.level or "none",
            ]
            for p in plans
        ),
    )
    out += ["", "## How the plans are compared", ""]
    out += [f"- {_md(note)}" for note in comparison.notes]
    out += [
        f"- {COUNTING_NOTE}",
        "",
        "## Coverage",
        "",
        f"![coverage]({CHART_FILES['coverage']})",
        "",
        "LKE questions (of 110) and indicator groups (of 42) each plan addresses, per area:",
        "",
    ]
    out += _table_md(
        ["area", *(f"{_md(p.short)}: questions · groups" for p in plans)],
        ([_md(area), *cells] for area, cells in coverage_table(comparison)),
    )
    out += [
        "",
        "## Timeline",
        "",
        f"![timeline]({CHART_FILES['timeline']})",
        "",
        "## Changes",
        "",
        f"![changes]({CHART_FILES['changes']})",
        "",
    ]
    for t in comparison.transitions:
        out += _transition_md(comparison, t)
    out += ["## Areas and indicator groups", "", "Matched rows per plan ('–': not addressed).", ""]
    out += _table_md(
        ["id", "name", *labels],
        (
            [
                f"**{i.entry.id}**" if i.entry.level == "area" else i.entry.id,
                _md(i.entry.label),
                *_presence(i),
            ]
            for i in _area_items(comparison)
        ),
    )
    questions = [i for i in comparison.items if i.entry.level == "question"]
    present = [q for q in questions if any(q.present)]
    out += [
        "",
        "## LKE questions addressed",
        "",
        f"{len(questions) - len(present)} of {len(questions)} questions are addressed "
        "by no plan at question level.",
        "",
    ]
    if present:
        out += _table_md(
            ["id", "question", *labels],
            ([q.entry.id, _md(_clip(q.entry.label, 120)), *_presence(q)] for q in present),
        )
    out += ["", "## Rows that need review", ""]
    if comparison.review:
        out += _table_md(
            ["plan", "row", "printed area", "text", "candidates"],
            (
                [
                    labels[r.plan],
                    r.row_id,
                    _md(r.area),
                    _md(_clip(r.text, 120)),
                    _md(", ".join(r.candidates)),
                ]
                for r in comparison.review
            ),
        )
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def _transition_md(comparison: Comparison, t: Transition) -> list[str]:
    out = [f"### {_md(_pair(comparison, t))}", ""]
    if t.level is None:
        return [*out, "Not compared: neither plan has matched rows.", ""]
    out += _table_md(
        ["level", "added", "dropped", "kept"],
        (
            [lv, str(t.count("added", lv)), str(t.count("dropped", lv)), str(t.count("kept", lv))]
            for lv in t.levels
        ),
    )
    out.append("")
    for kind in _KINDS[:2]:
        changes = [c for c in t.changes if c.kind == kind]
        if changes:
            out += [f"{kind.capitalize()}:", ""]
            out += [f"- {c.entry.level} {c.entry.id} {_md(c.entry.label)}" for c in changes]
            out.append("")
    kept = [c for c in t.changes if c.diffs]
    if kept:
        out += [
            f"Kept {t.level}s whose activity, evidence or schedule changed "
            "(~~removed~~, **added**):",
            "",
        ]
        for change in kept:
            out.append(f"- {change.entry.id} {_md(change.entry.label)}")
            out += [_diff_md(d) for d in change.diffs]
        out.append("")
    return out


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1180px;padding:1.5rem;color:#1d1d1d}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6rem 0;font-size:13px}
th,td{border:1px solid #d4d4d4;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
figcaption{color:#555;font-size:13px}
del{background:#fde2e2;color:#8b1a1a}ins{background:#dff3df;color:#1d5e20;text-decoration:none}
.added{color:#2e7d32}.dropped{color:#c62828}.note{color:#555}
details{margin:.3rem 0}summary{cursor:pointer}
tr.area td{font-weight:600;background:#fafafa}
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('comparison-data').textContent);
  var input = document.getElementById('item-filter');
  var changedOnly = document.getElementById('item-changed');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#item-table tbody tr'));
  var count = document.getElementById('item-count');
  function apply() {
    var query = input.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = row.textContent.toLowerCase().indexOf(query) >= 0 &&
        (!changedOnly.checked || row.getAttribute('data-changed') === '1');
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = shown + ' of ' + rows.length + ' entries shown';
  }
  input.addEventListener('input', apply);
  changedOnly.addEventListener('change', apply);
  document.getElementById('download-data').addEventListener('click', function () {
    var blob = new Blob([JSON.stringify(data, null, 2)], {type: 'application/json'});
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'comparison.json';
    link.click();
  });
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table_html(header: Sequence[str], rows: Iterable[Sequence[str]], attrs: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(f"<tr>{''.join(rows_cell for rows_cell in row)}</tr>" for row in rows)
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: object, numeric: bool = False) -> str:
    return f'<td class="n">{_e(text)}</td>' if numeric else f"<td>{_e(text)}</td>"


def _diff_html(diff: WordDiff) -> str:
    if diff.similarity < REWRITTEN_BELOW:
        return (
            f"<p><b>{_e(diff.field)}</b> (rewritten)<br><del>{_e(diff.before) or '(none)'}"
            f"</del><br><ins>{_e(diff.after) or '(none)'}</ins></p>"
        )
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    words = " ".join(tags[op].format(_e(text)) for op, text in diff.ops)
    return f"<p><b>{_e(diff.field)}</b>: {words}</p>"


def _change_line(change: Change) -> str:
    entry = change.entry
    return f"<li>{_e(entry.level)} <b>{_e(entry.id)}</b> {_e(entry.label)}</li>"


def _transition_html(comparison: Comparison, t: Transition) -> str:
    parts = [f"<h3>{_e(_pair(comparison, t))}</h3>"]
    if t.level is None:
        return parts[0] + "<p>Not compared: neither plan has matched rows.</p>"
    parts.append(
        _table_html(
            ["level", "added", "dropped", "kept"],
            (
                [
                    _td(lv),
                    _td(t.count("added", lv), True),
                    _td(t.count("dropped", lv), True),
                    _td(t.count("kept", lv), True),
                ]
                for lv in t.levels
            ),
        )
    )
    for kind in _KINDS[:2]:
        changes = [c for c in t.changes if c.kind == kind]
        if changes:
            items = "".join(_change_line(c) for c in changes)
            opened = " open" if len(changes) <= OPEN_LISTS_UP_TO else ""
            parts.append(
                f'<details{opened}><summary class="{kind}">{len(changes)} {kind}'
                f"</summary><ul>{items}</ul></details>"
            )
    kept = [c for c in t.changes if c.diffs]
    if kept:
        parts.append(
            f"<p>Kept {t.level}s whose activity, evidence or schedule changed "
            "(<del>removed</del> <ins>added</ins>):</p>"
        )
        parts += [
            f"<details><summary><b>{_e(c.entry.id)}</b> {_e(c.entry.label)} "
            f"({', '.join(d.field for d in c.diffs)})</summary>"
            f"{''.join(_diff_html(d) for d in c.diffs)}</details>"
            for c in kept
        ]
    return "".join(parts)


def _data(comparison: Comparison) -> dict[str, object]:
    """The comparison's figures as plain data, inlined into the HTML for download."""
    return {
        "plans": [
            {
                "decree_id": p.decree_id,
                "label": p.label,
                "year": p.year,
                "level": p.level,
                "rows": p.rows,
                "matched": p.matched,
                "needs_review": p.needs_review,
            }
            for p in comparison.plans
        ],
        "coverage": [
            {
                "area": c.area_id,
                "questions": list(c.questions),
                "groups": list(c.groups),
                "questions_total": c.questions_total,
                "groups_total": c.groups_total,
            }
            for c in comparison.coverage
        ],
        "entries": [
            {"id": i.entry.id, "level": i.entry.level, "rows": list(i.rows)}
            for i in comparison.items
        ],
        "changes": [
            {
                "before": t.before,
                "after": t.after,
                "level": t.level,
                "added": [c.entry.id for c in t.changes if c.kind == "added"],
                "dropped": [c.entry.id for c in t.changes if c.kind == "dropped"],
                "kept": [c.entry.id for c in t.changes if c.kind == "kept"],
            }
            for t in comparison.transitions
        ],
    }


def html_report(comparison: Comparison, charts: dict[str, tuple[bytes, str]]) -> str:
    """comparison.html: self-contained (inline CSS, SVG charts, data and script)."""
    plans = comparison.plans
    labels = [p.short for p in plans]
    figures = {
        name: f'<figure id="chart-{name}">{charts[name][1]}'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
        for name, (_, caption) in CHARTS.items()
    }
    item_rows = "".join(
        f'<tr class="{i.entry.level}" data-changed="{int(_changed(i))}">'
        f"{_td(i.entry.level)}{_td(i.entry.id)}{_td(i.entry.label)}"
        f"{''.join(_td(v, True) for v in _presence(i))}</tr>"
        for i in comparison.items
    )
    data = json.dumps(_data(comparison), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    body = [
        f"<h1>Comparison of {len(plans)} action plans</h1>",
        _table_html(
            PLAN_COLUMNS,
            (
                [
                    _td(p.label),
                    _td(p.institution or ""),
                    _td(p.title or ""),
                    _td(p.rows, True),
                    _td(p.matched, True),
                    _td(p.needs_review, True),
                    _td(p.no_match, True),
                    _td(p.level or "none"),
                ]
                for p in plans
            ),
        ),
        "<h2>How the plans are compared</h2><ul>",
        *(f"<li>{_e(note)}</li>" for note in comparison.notes),
        f"<li>{_e(COUNTING_NOTE)}</li>",
        "</ul><h2>Coverage</h2>",
        figures["coverage"],
        "<p>LKE questions (of 110) and indicator groups (of 42) each plan addresses:</p>",
        _table_html(
            ["area", *(f"{_e(p.short)}: questions · groups" for p in plans)],
            (
                [_td(area), *(_td(cell, True) for cell in cells)]
                for area, cells in coverage_table(comparison)
            ),
        ),
        "<h2>Timeline</h2>",
        figures["timeline"],
        "<h2>Changes</h2>",
        figures["changes"],
        *(_transition_html(comparison, t) for t in comparison.transitions),
        "<h2>All taxonomy entries</h2>",
        '<p><input id="item-filter" type="search" placeholder="filter: id or words" size="30"> '
        '<label><input id="item-changed" type="checkbox"> only entries not in every plan</label> '
        '<span id="item-count" class="note"></span> '
        '<button id="download-data" type="button">download data (JSON)</button></p>',
        '<p class="note">Matched rows per plan (\u2013: not addressed).</p>',
        f'<table id="item-table"><thead><tr><th>level</th><th>id</th><th>text</th>'
        f"{''.join(f'<th>{_e(label)}</th>' for label in labels)}</tr></thead>"
        f"<tbody>{item_rows}</tbody></table>",
        "<h2>Rows that need review</h2>",
        _table_html(
            ["plan", "row", "printed area", "text", "candidates"],
            (
                [
                    _td(labels[r.plan]),
                    _td(r.row_id),
                    _td(r.area),
                    _td(r.text),
                    _td(", ".join(r.candidates)),
                ]
                for r in comparison.review
            ),
        )
        if comparison.review
        else "<p>None.</p>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Comparison of {len(plans)} action plans</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}"
        f'<script type="application/json" id="comparison-data">{data}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def write_report(comparison: Comparison, out_dir: Path) -> list[Path]:
    """Write comparison.md, comparison.html and the chart PNGs into out_dir; their paths.
    Raises OutputError naming a file that cannot be written."""
    charts = render_charts(comparison)
    files: list[tuple[Path, bytes]] = [
        (out_dir / CHART_FILES[name], png) for name, (png, _) in charts.items()
    ]
    files.append((out_dir / MARKDOWN_FILE, markdown_report(comparison).encode("utf-8")))
    files.append((out_dir / HTML_FILE, html_report(comparison, charts).encode("utf-8")))
    for path, data in files:
        write_atomic(path, data)
    return [path for path, _ in files]
