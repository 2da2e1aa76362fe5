"""`make eval`: every corpus decree and variant against its gold, the real documents against
their hand-checked summaries, the taxonomy against hand labels, the peer tools on the same
PDFs, and a bounded fuzz. Writes outputs/eval.md and outputs/eval.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
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


def _figures(decree: str, variant: str, pages: int, seconds: float, result: EvalResult,
             before: EvalResult | None) -> VariantFigures:
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
        field_exact={k: round(result.field_exact.get(k, 0) / v, 4) for k, v in result.field_total.items() if v},
    )


def evaluate_corpus(settings: RunSettings) -> list[VariantFigures]:
    """Ingest every variant of every corpus decree and score it against the gold."""
    figures = []
    for decree in corpus_decrees():
        gold = load_gold(decree.gold)
        for variant in decree.variants():
            started = time.perf_counter()
            raw = extract.read_pdf(decree.pdf(variant), settings.extract)
            document = normalize.normalize_document(raw, settings.normalize)
            seconds = time.perf_counter() - started
            before = None
            if any(p.text_layer == "ocr" for p in raw.pages) or variant != "born-digital":
                unrepaired = normalize.normalize_document(raw, settings.normalize.without_ocr_repair())
                before = evaluate(unrepaired, gold)
            figures.append(_figures(decree.id, variant, len(raw.pages), seconds, evaluate(document, gold), before))
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


def evaluate_real(settings: RunSettings) -> list[RealFigures]:
    """Ingest each real document in ../shared/corpus-real and check it against corpus/real."""
    results = []
    for summary_path in sorted((ROOT / "corpus" / "real").glob("*.yaml")):
        summary = load_summary(summary_path)
        pdf = SHARED_REAL / summary["file"]
        try:
            raw = extract.read_pdf(pdf, settings.extract)
            checks = check_real(normalize.normalize_document(raw, settings.normalize), summary)
        except Exception as exc:
            results.append(RealFigures(summary["file"], 0, 0, 0, [], f"{type(exc).__name__}: {exc}"))
            continue
        results.append(_real_figures(summary["file"], checks))
    return results


def _real_figures(file: str, checks: list[Check]) -> RealFigures:
    certain = [c for c in checks if not c.uncertain]
    return RealFigures(
        file=file,
        checks=len(checks),
        passed=sum(c.ok for c in certain),
        uncertain=len(checks) - len(certain),
        failures=[f"{c.name}: expected {c.expected!r}, got {c.got!r}" for c in certain if not c.ok],
    )


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def markdown(corpus: list[VariantFigures], real: list[RealFigures], fuzzed: FuzzSummary | None,
             extra: dict[str, str]) -> str:
    """The report: one table per measure, then the real documents and the fuzz."""
    lines = ["# lampiran eval", "", "Produced by `make eval` (`python -m lampiran.eval_corpus`).", ""]
    lines += ["## Corpus decrees: rows and fields against the gold", "",
              "| decree | variant | pages | s/page | rows found | rows exact | fields exact | CER | CER before repair | metadata exact |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in corpus:
        meta = sum(f.metadata_exact.values())
        lines.append(
            f"| {f.decree} | {f.variant} | {f.pages} | {f.seconds / max(f.pages, 1):.2f} | {_pct(f.rows_found)} | "
            f"{_pct(f.rows_exact)} | {_pct(f.fields_exact)} | {_pct(f.cer)} | {_pct(f.cer_before_repair)} | "
            f"{meta}/{len(f.metadata_exact)} |"
        )
    fields = sorted({k for f in corpus for k in f.field_exact})
    lines += ["", "## Field accuracy per field", "",
              "| decree | variant | " + " | ".join(fields) + " |", "|---|---|" + "---:|" * len(fields)]
    for f in corpus:
        lines.append(f"| {f.decree} | {f.variant} | " + " | ".join(_pct(f.field_exact.get(k)) for k in fields) + " |")
    lines += ["", "## Metadata fields that differ from the gold", ""]
    differing = [(f, [k for k, ok in f.metadata_exact.items() if not ok]) for f in corpus]
    lines += [f"- {f.decree} / {f.variant}: {', '.join(d)}" for f, d in differing if d] or ["- none"]
    lines += ["", "## Real documents against their hand-checked summaries (corpus/real)", "",
              "| document | checks passed | uncertain (handwritten) | error |", "|---|---:|---:|---|"]
    for r in real:
        certain = r.checks - r.uncertain
        lines.append(f"| {r.file} | {r.passed}/{certain} | {r.uncertain} | {r.error or ''} |")
    for r in real:
        if r.failures:
            lines += ["", f"<details><summary>{r.file}: {len(r.failures)} differences</summary>", ""]
            lines += [f"- {failure}" for failure in r.failures[:60]]
            lines += ["", "</details>"]
    for title, body in extra.items():
        lines += ["", f"## {title}", "", body]
    if fuzzed:
        lines += ["", "## Fuzzing", "",
                  f"{fuzzed.tried} mutated corpus PDFs (truncated, bytes flipped, objects swapped): "
                  f"{fuzzed.valid_documents} valid documents, {fuzzed.typed_errors} typed errors, "
                  f"{len(fuzzed.bad)} other outcomes."]
        lines += [f"- {b}" for b in fuzzed.bad]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--out", type=Path, default=Path("outputs"))
    parser.add_argument("--fuzz-per-seed", type=int, default=6)
    args = parser.parse_args()
    settings = RunSettings()
    corpus = evaluate_corpus(settings)
    real = evaluate_real(settings)
    seeds = [d.pdf("born-digital") for d in corpus_decrees()]
    with tempfile.TemporaryDirectory() as work:
        fuzzed = fuzz(seeds, Path(work), args.fuzz_per_seed)
    args.out.mkdir(parents=True, exist_ok=True)
    body: dict[str, Any] = {
        "corpus": [asdict(f) for f in corpus],
        "real": [asdict(r) for r in real],
        "fuzz": asdict(fuzzed),
    }
    (args.out / "eval.json").write_text(json.dumps(body, indent=2, default=str) + "\n", encoding="utf-8")
    (args.out / "eval.md").write_text(markdown(corpus, real, fuzzed, {}), encoding="utf-8")
    print(f"wrote {args.out / 'eval.md'} and {args.out / 'eval.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
