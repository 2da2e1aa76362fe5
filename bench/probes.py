"""Held-out probe decrees: layouts the pipeline was not written against, built and scored.

    .venv/bin/python -m bench.probes --out outputs/probes --markdown outputs/probes.md

Each folder of bench/probe_decrees/ holds a synthetic decree in the corpus's gold format
(`gold.yaml`, see corpus/GOLD_FORMAT.md) and the settings it is typeset and scanned with
(`settings.yaml`: `render` -> `RenderSettings` fields, `scan` -> `ScanSettings` fields
over the corpus's own scanner settings). Each was written to find what the pipeline gets
wrong on an office, a header vocabulary and a layout it had never seen (decision 0022);
the rules that came out of them are general, so the figures say how far those rules carry,
not how well the pipeline was tuned to these files.

The four variants are built as the corpus's are (`corpus.render`: born-digital, scan,
scan-ocr through ocrmypdf, scan-vendor-ocr) into OUT/<probe>/pdf/, each is ingested with
the default settings into OUT/<probe>/json/<variant>.json (`lampiran eval` on it and the
probe's gold.yaml lists the rows that differ) and compared with its gold
(`lampiran.evaluate`). Building runs
ocrmypdf once per probe and lampiran OCRs two scans per probe: several minutes in all.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from corpus.render import (
    Margins,
    RenderSettings,
    add_ocr_layer,
    add_vendor_text_layer,
    make_scan,
    render_decree,
)
from corpus.render.build import VARIANTS, load_gold, scan_settings
from lampiran.documents import decree_json
from lampiran.evaluate import evaluate
from lampiran.pipeline import process_pdf
from lampiran.settings import RunSettings
from schemas.gold import GoldDecree

PROBES = Path(__file__).resolve().parent / "probe_decrees"


@dataclass(frozen=True)
class ProbeScore:
    """One variant of one probe against its gold."""

    probe: str
    variant: str
    rows: int
    rows_found: int
    rows_exact: int
    fields_exact: float
    cer: float
    metadata_wrong: tuple[str, ...]


def probe_names(root: Path = PROBES) -> list[str]:
    """The probe folders under `root`, sorted."""
    return sorted(p.parent.name for p in root.glob("*/gold.yaml"))


def probe_settings(folder: Path) -> tuple[RenderSettings, dict[str, Any]]:
    """The probe's `RenderSettings` and its scan overrides, from settings.yaml."""
    data = yaml.safe_load((folder / "settings.yaml").read_text(encoding="utf-8")) or {}
    render = dict(data.get("render") or {})
    for key in ("body_margins", "table_margins"):
        if key in render:
            render[key] = Margins(*render[key])
    return RenderSettings(**render), dict(data.get("scan") or {})


def build_probe(folder: Path, out: Path) -> tuple[GoldDecree, dict[str, Path]]:
    """Render, scan and OCR the probe in `folder`; its gold and the variants' PDFs in `out`."""
    gold = load_gold(folder)
    render, scan_overrides = probe_settings(folder)
    rendered = render_decree(gold, render)
    settings = dataclasses.replace(scan_settings(gold, rendered), **scan_overrides)
    scan = make_scan(rendered.pdf, settings)
    vendor, _ = add_vendor_text_layer(scan, rendered.pdf, [], settings)
    pdfs = {
        "born-digital": rendered.pdf,
        "scan": scan,
        "scan-ocr": add_ocr_layer(scan),
        "scan-vendor-ocr": vendor,
    }
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in VARIANTS:
        paths[name] = out / f"{name}.pdf"
        paths[name].write_bytes(pdfs[name])
    return gold, paths


def score_probe(name: str, gold: GoldDecree, pdfs: dict[str, Path], out: Path) -> list[ProbeScore]:
    """Each variant of probe `name` ingested, its output written to `out`/<variant>.json
    for `lampiran eval` to show the rows that differ, and compared with `gold`."""
    scores = []
    out.mkdir(parents=True, exist_ok=True)
    for variant, pdf in pdfs.items():
        decree = process_pdf(pdf, RunSettings())
        (out / f"{variant}.json").write_bytes(decree_json(decree))
        result = evaluate(decree, gold)
        wrong = tuple(field for field, ok in result.metadata_exact.items() if not ok)
        scores.append(
            ProbeScore(
                probe=name,
                variant=variant,
                rows=result.gold_rows,
                rows_found=result.rows_found,
                rows_exact=result.rows_exact,
                fields_exact=round(100 * result.fields_exact_share, 2),
                cer=round(100 * result.cer, 3),
                metadata_wrong=wrong,
            )
        )
    return scores


def markdown(scores: Sequence[ProbeScore]) -> str:
    """The scores as a Markdown table, one line per probe and variant."""
    lines = [
        "| probe | variant | rows exact | rows found | fields exact | CER | metadata wrong |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.probe} | {s.variant} | {s.rows_exact}/{s.rows} | {s.rows_found}/{s.rows} "
            f"| {s.fields_exact:.2f}% | {s.cer:.3f}% | {', '.join(s.metadata_wrong) or '-'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("outputs/probes"))
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("names", nargs="*", help="probes to run (default: all)")
    args = parser.parse_args(argv)
    known = probe_names()
    names = args.names or known
    unknown = sorted(set(names) - set(known))
    if unknown:
        parser.error(f"no such probe in {PROBES}: {', '.join(unknown)}")
    scores: list[ProbeScore] = []
    for name in names:
        gold, pdfs = build_probe(PROBES / name, args.out / name / "pdf")
        scores += score_probe(name, gold, pdfs, args.out / name / "json")
        print(markdown([s for s in scores if s.probe == name]), end="", flush=True)
    (args.out / "scores.json").write_text(
        json.dumps([dataclasses.asdict(s) for s in scores], indent=2), encoding="utf-8"
    )
    table = markdown(scores)
    if args.markdown:
        args.markdown.write_text("# Held-out probe decrees\n\n" + table, encoding="utf-8")
    print(table, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
