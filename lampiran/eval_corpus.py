"""`make eval`: every corpus decree and variant against its gold, the real documents against
their hand-checked summaries, the taxonomy against hand labels, the peer tools on the same
PDFs, and a bounded fuzz. Writes outputs/eval.md and outputs/_eval.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import extract
import normalize
from lampiran.check_real import Check, check_real, load_summary
from lampiran.corpus import ROOT, corpus_decrees
from lampiran.evaluate import EvalResult, evaluate, load_gold
from lampiran.fuzz import FuzzSummary, fuzz
from lampiran.settings import RunSettings
from lampiran.taxonomy_eval import load_labels

SHARED_REAL = ROOT.parent / "shared" / "corpus-real"


@dataclass(frozen=True)
class VariantFigures:
    """The measures of one decree variant."""

    decree: str
    variant: str
    pages: int
    seconds: float
    rows_found: float
    rows_exact: float
    fields_exact: float
    cer: float
    cer_before_repair: float | None
    metadata_exact: dict[str, bool]
    field_exact: dict[str, float]
    taxonomy: dict[str, float | int | None] | None
    """Taxonomy of the pipeline's own rows against the hand labels: matched-but-wrong count
    and the shares correct at question, group and area level."""
    counts: dict[str, int]
    """gold_rows, rows_found, rows_exact, fields_exact, fields_total, char_errors, char_total:
    the sums that the per-variant figures over several decrees are computed from."""


def _figures(
    decree: str,
    variant: str,
    pages: int,
    seconds: float,
    result: EvalResult,
    before: EvalResult | None,
) -> VariantFigures:
    return VariantFigures(
        decree=decree,
        variant=variant,
        pages=pages,
        seconds=round(seconds, 2),
        rows_found=round(result.rows_found_share, 4),
        rows_exact=round(result.rows_exact_share, 4),
        fields_exact=round(result.fields_exact_share, 4),
        cer=round(result.cer, 5),
        cer_before_repair=round(before.cer, 5) if before else None,
        metadata_exact=result.metadata_exact,
        field_exact={
            k: round(result.field_exact.get(k, 0) / v, 4)
            for k, v in result.field_total.items()
            if v
        },
        taxonomy={
            "matched_wrong": len(result.taxonomy.matched_wrong),
            "question_correct": result.taxonomy.question_correct,
            "group_correct": result.taxonomy.group_correct,
            "area_correct": result.taxonomy.area_correct,
        }
        if result.taxonomy
        else None,
        counts={
            "gold_rows": result.gold_rows,
            "rows_found": result.rows_found,
            "rows_exact": result.rows_exact,
            "fields_exact": sum(result.field_exact.values()),
            "fields_total": sum(result.field_total.values()),
            "char_errors": result.char_errors,
            "char_total": result.char_total,
        },
    )


def evaluate_corpus(settings: RunSettings) -> list[VariantFigures]:
    """Ingest every variant of every corpus decree and score it against the gold."""
    figures = []
    for decree in corpus_decrees():
        gold = load_gold(decree.gold)
        labels = load_labels(decree.labels) if decree.labels else []
        for variant in decree.variants():
            started = time.perf_counter()
            raw = extract.read_pdf(decree.pdf(variant), settings.extract)
            document = normalize.normalize_document(raw, settings.normalize)
            seconds = time.perf_counter() - started
            before = None
            if any(p.text_layer == "ocr" for p in raw.pages) or variant != "born-digital":
                unrepaired = normalize.normalize_document(
                    raw, settings.normalize.without_ocr_repair()
                )
                before = evaluate(unrepaired, gold)
            result = evaluate(document, gold, labels)
            figures.append(_figures(decree.id, variant, len(raw.pages), seconds, result, before))
    return figures


@dataclass(frozen=True)
class RealFigures:
    """One real document against its hand-checked summary."""

    file: str
    checks: int
    passed: int
    uncertain: int
    failures: list[str]
    error: str | None = None
    flagged: int = 0
    """Uncertain values the output itself warns about (a `number_uncertain` warning)."""


_FLAGS = {"number": "number_uncertain"}
"""The warning with which the output reports a value it read but doubts."""


def evaluate_real(settings: RunSettings) -> list[RealFigures]:
    """Ingest each real document in ../shared/corpus-real and check it against corpus/real."""
    results = []
    for summary_path in sorted((ROOT / "corpus" / "real").glob("*.yaml")):
        summary = load_summary(summary_path)
        pdf = SHARED_REAL / summary["file"]
        try:
            raw = extract.read_pdf(pdf, settings.extract)
            document = normalize.normalize_document(raw, settings.normalize)
            checks = check_real(document, summary)
        except Exception as exc:
            results.append(
                RealFigures(summary["file"], 0, 0, 0, [], f"{type(exc).__name__}: {exc}")
            )
            continue
        warned = {w.code for w in document.warnings}
        results.append(_real_figures(summary["file"], checks, warned))
    return results


def _real_figures(file: str, checks: list[Check], warned: set[str]) -> RealFigures:
    certain = [c for c in checks if not c.uncertain]
    doubted = [c for c in checks if c.uncertain]
    return RealFigures(
        file=file,
        checks=len(checks),
        passed=sum(c.ok for c in certain),
        uncertain=len(doubted),
        failures=[f"{c.name}: expected {c.expected!r}, got {c.got!r}" for c in certain if not c.ok],
        flagged=sum(_FLAGS.get(c.name) in warned for c in doubted),
    )


def side_by_side(corpus: list[VariantFigures], peers: dict[str, Any]) -> str:
    """One table per measure: lampiran and every measured peer, per PDF variant, summed over
    the corpus decrees."""
    from bench.run_peers import summary

    peer_rows = summary(peers["results"]) if peers else []
    tools = ["lampiran", *dict.fromkeys(r["peer"] for r in peer_rows)]
    variants = list(dict.fromkeys(f.variant for f in corpus))
    ours: dict[str, dict[str, float | None]] = {}
    for variant in variants:
        total = Counter[str]()
        for f in corpus:
            if f.variant == variant:
                total.update(f.counts)
        ours[variant] = {
            "rows_found": total["rows_found"] / max(1, total["gold_rows"]),
            "rows_exact": total["rows_exact"] / max(1, total["gold_rows"]),
            "fields_exact": total["fields_exact"] / max(1, total["fields_total"]),
            "cer": total["char_errors"] / max(1, total["char_total"]),
        }
    theirs = {(r["peer"], r["variant"]): r for r in peer_rows}
    lines: list[str] = []
    for measure, title in (
        ("fields_exact", "Fields exact"),
        ("rows_exact", "Rows exact"),
        ("rows_found", "Rows found"),
        ("cer", "Character error rate of row text"),
    ):
        lines += [
            f"### {title}",
            "",
            "| variant | " + " | ".join(tools) + " |",
            "|---|" + "---:|" * len(tools),
        ]
        for variant in variants:
            cells = [_pct(ours[variant][measure])]
            cells += [
                _pct(theirs[(t, variant)][measure]) if (t, variant) in theirs else "—"
                for t in tools[1:]
            ]
            lines.append(f"| {variant} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def markdown(
    corpus: list[VariantFigures],
    real: list[RealFigures],
    fuzzed: FuzzSummary | None,
    extra: dict[str, str],
) -> str:
    """The report: one table per measure, then the real documents and the fuzz."""
    lines = [
        "# lampiran eval",
        "",
        "Produced by `make eval` (`python -m lampiran.eval_corpus`).",
        "",
    ]
    lines += [
        "## Corpus decrees: rows and fields against the gold",
        "",
        "| decree | variant | pages | s/page | rows found | rows exact | fields exact | CER | CER before repair | metadata exact |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in corpus:
        meta = sum(f.metadata_exact.values())
        lines.append(
            f"| {f.decree} | {f.variant} | {f.pages} | {f.seconds / max(f.pages, 1):.2f} | {_pct(f.rows_found)} | "
            f"{_pct(f.rows_exact)} | {_pct(f.fields_exact)} | {_pct(f.cer)} | {_pct(f.cer_before_repair)} | "
            f"{meta}/{len(f.metadata_exact)} |"
        )
    fields = sorted({k for f in corpus for k in f.field_exact})
    lines += [
        "",
        "## ZI taxonomy of the pipeline's own rows against the hand labels",
        "",
        "| decree | variant | matched but wrong | question level | group level | area level |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for f in corpus:
        t = f.taxonomy or {}
        q = t.get("question_correct")
        lines.append(
            f"| {f.decree} | {f.variant} | {t.get('matched_wrong', '-')} | "
            f"{'-' if q is None else f'{q:.1f}%'} | {t.get('group_correct', 0):.1f}% | {t.get('area_correct', 0):.1f}% |"
        )
    lines += [
        "",
        "## Field accuracy per field",
        "",
        "| decree | variant | " + " | ".join(fields) + " |",
        "|---|---|" + "---:|" * len(fields),
    ]
    for f in corpus:
        lines.append(
            f"| {f.decree} | {f.variant} | "
            + " | ".join(_pct(f.field_exact.get(k)) for k in fields)
            + " |"
        )
    lines += ["", "## Metadata fields that differ from the gold", ""]
    differing = [(f, [k for k, ok in f.metadata_exact.items() if not ok]) for f in corpus]
    lines += [f"- {f.decree} / {f.variant}: {', '.join(d)}" for f, d in differing if d] or [
        "- none"
    ]
    lines += [
        "",
        "## Real documents against their hand-checked summaries (corpus/real)",
        "",
        "| document | checks passed | uncertain (handwritten) | of them flagged by lampiran "
        "| error |",
        "|---|---:|---:|---:|---|",
    ]
    for r in real:
        certain = r.checks - r.uncertain
        lines.append(
            f"| {r.file} | {r.passed}/{certain} | {r.uncertain} | {r.flagged} | {r.error or ''} |"
        )
    for r in real:
        if r.failures:
            lines += [
                "",
                f"<details><summary>{r.file}: {len(r.failures)} differences</summary>",
                "",
            ]
            lines += [f"- {failure}" for failure in r.failures[:60]]
            lines += ["", "</details>"]
    for title, body in extra.items():
        lines += ["", f"## {title}", "", body]
    if fuzzed:
        lines += [
            "",
            "## Fuzzing",
            "",
            f"{fuzzed.tried} mutated corpus PDFs (truncated, bytes flipped, objects swapped): "
            f"{fuzzed.valid_documents} valid documents, {fuzzed.typed_errors} typed errors, "
            f"{len(fuzzed.bad)} other outcomes.",
        ]
        lines += [f"- {b}" for b in fuzzed.bad]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--out", type=Path, default=Path("outputs"))
    parser.add_argument("--peers", type=Path, help="outputs/_peers.json of bench.run_peers.")
    parser.add_argument("--fuzz-per-seed", type=int, default=6)
    args = parser.parse_args()
    settings = RunSettings()
    corpus = evaluate_corpus(settings)
    real = evaluate_real(settings)
    seeds = [d.pdf("born-digital") for d in corpus_decrees()]
    with tempfile.TemporaryDirectory() as work:
        fuzzed = fuzz(seeds, Path(work), args.fuzz_per_seed)
    peers = (
        json.loads(args.peers.read_text(encoding="utf-8"))
        if args.peers and args.peers.is_file()
        else {}
    )
    extra: dict[str, str] = {}
    extra["lampiran and the peer tools side by side (summed over the corpus decrees)"] = (
        side_by_side(corpus, peers)
    )
    if peers:
        from bench.run_peers import peers_markdown

        extra["Peer tools in detail"] = peers_markdown(peers)
        postprocess = (ROOT / "bench" / "postprocess.py").read_text(encoding="utf-8")
        extra["The post-processing every peer gets (bench/postprocess.py)"] = (
            "<details><summary>show the code</summary>\n\n```python\n"
            + postprocess
            + "```\n\n</details>"
        )
    taxonomy = _taxonomy_figures()
    if taxonomy:
        extra["ZI taxonomy: matcher and a plain rapidfuzz baseline against the hand labels"] = (
            taxonomy
        )
    args.out.mkdir(parents=True, exist_ok=True)
    body: dict[str, Any] = {
        "corpus": [asdict(f) for f in corpus],
        "real": [asdict(r) for r in real],
        "fuzz": asdict(fuzzed),
    }
    (args.out / "_eval.json").write_text(
        json.dumps(body, indent=2, default=str) + "\n", encoding="utf-8"
    )
    (args.out / "eval.md").write_text(markdown(corpus, real, fuzzed, extra), encoding="utf-8")
    print(f"wrote {args.out / 'eval.md'} and {args.out / '_eval.json'}")
    return 0


def _taxonomy_figures() -> str:
    """The matcher's figures per decree beside the baseline's (lampiran.taxonomy_eval)."""
    from lampiran.taxonomy_eval import evaluate_corpus as taxonomy_corpus
    from lampiran.taxonomy_eval import format_figures
    from normalize.match_taxonomy import MatchSettings
    from schemas.taxonomy import load_taxonomy

    figures = taxonomy_corpus(ROOT / "corpus", load_taxonomy(), MatchSettings())
    note = (
        "On the gold rows, so that matching is measured apart from extraction. `wrong` counts "
        "rows whose confident (`matched`) id contradicts the hand label."
    )
    return f"{note}\n\n```\n{format_figures(figures)}\n```"


if __name__ == "__main__":
    raise SystemExit(main())
