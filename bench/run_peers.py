"""Score the peer table extractors on the corpus PDFs with lampiran's own scorer.

    .venv/bin/python -m bench.run_peers --out outputs/_peers.json

For every corpus decree x PDF variant x peer: run the peer in its own process (and its own
virtualenv, see bench/make_venvs.sh) on the PDF (an image-only PDF is first OCR'd with
ocrmypdf, cached under .bench/cache/), turn its tables into a `Decree` with the shared
post-processing (bench.postprocess) and score it with `lampiran.evaluate.evaluate`. A peer
that fails on a file is recorded with its error; the run goes on. Records come in a fixed
order (decree, variant, peer); only the timings differ between two runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import yaml

from bench.ocr_cache import Prepared, ocr_copy
from bench.postprocess import PageTable, peer_decree, width
from bench.published import NOT_MEASURED
from lampiran.evaluate import ROW_FIELDS, evaluate
from schemas.decree import Source
from schemas.gold import GoldDecree

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench" / "cache"
VARIANTS = ("born-digital", "scan", "scan-ocr", "scan-vendor-ocr")
"""Known PDF variants, in report order; other PDFs of a decree follow, sorted by name."""
RANK = {variant: i for i, variant in enumerate(VARIANTS)}


@dataclass(frozen=True)
class Peer:
    """A peer tool: the virtualenv it runs in and the module that calls it."""

    name: str
    venv: str
    module: str
    args: tuple[str, ...] = ()


PEERS = (
    Peer("camelot-lattice", ".venv", "bench.peers.camelot_tables", ("lattice",)),
    Peer("camelot-stream", ".venv", "bench.peers.camelot_tables", ("stream",)),
    Peer("pdfplumber", ".venv", "bench.peers.pdfplumber_tables"),
    Peer("tabula", ".bench/tabula", "bench.peers.tabula_tables"),
    Peer("pymupdf", ".bench/pymupdf", "bench.peers.pymupdf_tables"),
    Peer("img2table", ".bench/img2table", "bench.peers.img2table_tables"),
)


@dataclass(frozen=True)
class CorpusPdf:
    """One PDF variant of a corpus decree."""

    decree: str
    variant: str
    path: Path
    gold: Path


@dataclass(frozen=True)
class PeerRun:
    """What one peer process returned for one PDF."""

    tables: list[PageTable]
    version: str | None
    seconds: float | None
    process_seconds: float
    error: str | None


def corpus_pdfs(
    corpus: Path, decrees: Sequence[str] = (), variants: Sequence[str] = ()
) -> list[CorpusPdf]:
    """The PDFs of every decree with a gold.yaml under `corpus`, in report order."""
    found: list[CorpusPdf] = []
    for gold in sorted(corpus.glob("*/gold.yaml")):
        decree = gold.parent.name
        if decrees and decree not in decrees:
            continue
        pdfs = (gold.parent / "pdf").glob("*.pdf")
        for pdf in sorted(pdfs, key=lambda p: (RANK.get(p.stem, len(RANK)), p.name)):
            if not variants or pdf.stem in variants:
                found.append(CorpusPdf(decree, pdf.stem, pdf, gold))
    return found


def load_gold(path: Path) -> GoldDecree:
    """The validated gold decree in `path`."""
    return GoldDecree.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_peer(peer: Peer, pdf: Path, timeout: float) -> PeerRun:
    """Run `peer` on `pdf` in a fresh process; a crash or timeout becomes `error`."""
    python = ROOT / peer.venv / "bin" / "python"
    if not python.exists():
        return PeerRun([], None, None, 0.0, f"{peer.venv} missing: run bench/make_venvs.sh")
    with tempfile.TemporaryDirectory(prefix="peer-") as tmp:
        out = Path(tmp) / "tables.json"
        command = [str(python), "-m", peer.module, str(out), str(pdf.resolve()), *peer.args]
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return PeerRun(
                [], None, None, time.perf_counter() - start, f"timed out after {timeout:g} s"
            )
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or not out.exists():
            error = _last_line(done.stderr) or f"exit status {done.returncode}"
            return PeerRun([], None, None, elapsed, error)
        body = json.loads(out.read_text(encoding="utf-8"))
    tables = [(t["page"], t["rows"]) for t in body["tables"]]
    return PeerRun(tables, body["version"], body["seconds"], elapsed, None)


def score(run: PeerRun, gold: GoldDecree, item: CorpusPdf, prepared: Prepared) -> dict[str, Any]:
    """The measures of one peer run against the gold (EvalResult figures), as a JSON record."""
    source = Source(
        file=item.path.name,
        sha256=hashlib.sha256(item.path.read_bytes()).hexdigest(),
        pages=prepared.pages,
        text_layer="native" if prepared.ocr_seconds is None else "ocr",
        ocr_engine=None,
    )
    result = evaluate(peer_decree(run.tables, gold, source), gold)
    widths = {len(table.columns) for table in gold.tables}
    return {
        "tables_found": len(run.tables),
        "tables_used": sum(width(rows) in widths for _page, rows in run.tables),
        "gold_rows": result.gold_rows,
        "pred_rows": result.pred_rows,
        "rows_found": result.rows_found,
        "rows_exact": result.rows_exact,
        "fields_exact_share": round(result.fields_exact_share, 4),
        "field_exact": {f: result.field_exact.get(f, 0) for f in ROW_FIELDS},
        "field_total": {f: result.field_total.get(f, 0) for f in ROW_FIELDS},
        "cer": round(result.cer, 4),
        "char_errors": result.char_errors,
        "char_total": result.char_total,
    }


def prepare(item: CorpusPdf) -> Prepared | str:
    """The PDF a peer reads for `item` (OCR'd when image-only), or why there is none."""
    try:
        return ocr_copy(item.path, CACHE)
    except subprocess.CalledProcessError as exc:
        return f"{item.path}: ocrmypdf failed: {_last_line(exc.stderr or '') or exc.returncode}"
    except (OSError, pdfium.PdfiumError) as exc:
        return f"{item.path}: cannot read: {exc}"


def measure(
    item: CorpusPdf, gold: GoldDecree, peer: Peer, prepared: Prepared | str, timeout: float
) -> dict[str, Any]:
    """One record: decree, variant, peer, timings, scores or the error."""
    record: dict[str, Any] = {"decree": item.decree, "variant": item.variant, "peer": peer.name}
    if isinstance(prepared, str):
        return record | {"error": prepared}
    run = run_peer(peer, prepared.path, timeout)
    record |= {
        "pages": prepared.pages,
        "ocr_seconds": None if prepared.ocr_seconds is None else round(prepared.ocr_seconds, 3),
        "version": run.version,
        "seconds": None if run.seconds is None else round(run.seconds, 3),
        "seconds_per_page": None if run.seconds is None else round(run.seconds / prepared.pages, 4),
        "process_seconds": round(run.process_seconds, 3),
        "error": run.error,
    }
    if run.error is None:
        record |= score(run, gold, item, prepared)
    return record


def _log(record: dict[str, Any]) -> None:
    outcome = record["error"] or (
        f"rows {record['rows_found']}/{record['gold_rows']} "
        f"fields {record['fields_exact_share']:.3f} cer {record['cer']:.4f} "
        f"{record['seconds_per_page']:.3f} s/page"
    )
    print(f"{record['decree']} {record['variant']} {record['peer']}: {outcome}", file=sys.stderr)


def run_all(
    items: Sequence[CorpusPdf],
    peers: Sequence[Peer],
    timeout: float,
    jobs: int = 1,
    log: bool = True,
) -> list[dict[str, Any]]:
    """Every item x peer, in that order, with `jobs` peer processes at a time.

    OCR runs first, one PDF at a time (ocrmypdf uses every core itself). With jobs > 1 the
    peers' timings are taken while another peer runs: use jobs=1 for speed figures.
    """
    golds = {path: load_gold(path) for path in dict.fromkeys(item.gold for item in items)}
    prepared = {item.path: prepare(item) for item in items}
    tasks = [(item, peer) for item in items for peer in peers]

    def one(task: tuple[CorpusPdf, Peer]) -> dict[str, Any]:
        item, peer = task
        return measure(item, golds[item.gold], peer, prepared[item.path], timeout)

    records = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for record in pool.map(one, tasks):
            records.append(record)
            if log:
                _log(record)
    return records


def summary(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per peer and variant, over decrees: shares from summed counts, seconds per page."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault((record["peer"], record["variant"]), []).append(record)
    rows = []
    for (peer, variant), group in groups.items():
        ok = [r for r in group if r.get("error") is None]
        fields = {f: sum(r["field_exact"][f] for r in ok) for f in ROW_FIELDS}
        totals = {f: sum(r["field_total"][f] for r in ok) for f in ROW_FIELDS}
        gold_rows = sum(r["gold_rows"] for r in ok)
        pages = sum(r["pages"] for r in ok)
        rows.append(
            {
                "peer": peer,
                "variant": variant,
                "documents": len(group),
                "errors": len(group) - len(ok),
                "tables": f"{sum(r.get('tables_used', 0) for r in ok)}/"
                f"{sum(r['tables_found'] for r in ok)}",
                "rows_found": sum(r["rows_found"] for r in ok) / gold_rows if gold_rows else None,
                "rows_exact": sum(r["rows_exact"] for r in ok) / gold_rows if gold_rows else None,
                "fields_exact": sum(fields.values()) / sum(totals.values()) if gold_rows else None,
                "field_exact": {
                    f: fields[f] / totals[f] if totals[f] else None for f in ROW_FIELDS
                },
                "cer": sum(r["char_errors"] for r in ok) / max(1, sum(r["char_total"] for r in ok))
                if ok
                else None,
                "seconds_per_page": sum(r["seconds"] for r in ok) / pages if pages else None,
                "ocr_seconds_per_page": sum(r["ocr_seconds"] or 0.0 for r in ok) / pages
                if pages
                else None,
            }
        )
    return rows


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def peers_markdown(body: dict[str, Any]) -> str:
    """The peer comparison as Markdown: one table per variant, then the unmeasured peers."""
    lines = [
        "## Peers on the corpus (measured here)",
        "",
        "Each peer with the same shared post-processing (bench/postprocess.py), scored by",
        "`lampiran.evaluate`. Field shares are over all gold rows; CER over row text. The",
        "post-processing parses no schedule text, splits no evidence list and reads no",
        "section row, so `area`, `schedule` (text) and multi-item `evidence` are rarely exact.",
        "",
    ]
    rows = summary(body["results"])
    for variant in dict.fromkeys(r["variant"] for r in rows):
        lines += [
            f"### {variant}",
            "",
            "| peer | tables used/found | rows found | rows exact | fields exact | indicator "
            "| activity | evidence | CER | s/page | errors |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in (r for r in rows if r["variant"] == variant):
            spp = "—" if r["seconds_per_page"] is None else f"{r['seconds_per_page']:.3f}"
            if r["ocr_seconds_per_page"]:
                spp += f" (+{r['ocr_seconds_per_page']:.2f} OCR)"
            cer = "—" if r["cer"] is None else f"{100 * r['cer']:.2f}%"
            fe = r["field_exact"]
            lines.append(
                f"| {r['peer']} | {r['tables']} | {_share(r['rows_found'])} "
                f"| {_share(r['rows_exact'])} "
                f"| {_share(r['fields_exact'])} | {_share(fe['indicator'])} "
                f"| {_share(fe['activity'])} | {_share(fe['evidence'])} | {cer} | {spp} "
                f"| {r['errors']}/{r['documents']} |"
            )
        lines.append("")
    errors = [r for r in body["results"] if r.get("error")]
    if errors:
        lines += ["Errors:", ""]
        lines += [f"- {r['decree']} {r['variant']} {r['peer']}: {r['error']}" for r in errors]
        lines.append("")
    lines += [
        "## Peers not measured here (their own published figures)",
        "",
        "| peer | why not here | published accuracy | published speed |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {p['peer']} | {p['why']} | {p['accuracy']} | {p['speed']} |"
        for p in body["not_measured"]
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring. Exit status 0 even when peers fail on files."""
    parser = argparse.ArgumentParser(prog="bench.run_peers", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "_peers.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument(
        "--peers", nargs="*", default=[p.name for p in PEERS], choices=[p.name for p in PEERS]
    )
    parser.add_argument("--decrees", nargs="*", default=[], help="Corpus ids (default: all).")
    parser.add_argument("--variants", nargs="*", default=[], help="PDF variants (default: all).")
    parser.add_argument("--timeout", type=float, default=600.0, help="Seconds per peer and PDF.")
    parser.add_argument("--jobs", type=int, default=2, help="Peer processes at a time.")
    parser.add_argument("--markdown", type=Path, help="Also write the Markdown report here.")
    args = parser.parse_args(argv)
    peers = [p for p in PEERS if p.name in args.peers]
    items = corpus_pdfs(args.corpus, args.decrees, args.variants)
    body = {
        "corpus": str(args.corpus),
        "peers": [
            {"name": p.name, "venv": p.venv, "module": p.module, "args": list(p.args)}
            for p in peers
        ],
        "not_measured": list(NOT_MEASURED),
        "jobs": args.jobs,
        "results": run_all(items, peers, args.timeout, args.jobs),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(peers_markdown(body), encoding="utf-8")
    print(f"{len(body['results'])} records in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
