"""Whole-process timing of `lampiran ingest`, next to the peers on the same PDFs.

    .venv/bin/python -m bench.timing --out outputs/_bench.json --markdown outputs/bench.md

Runs `.venv/bin/python -m lampiran ingest PDF -o TMP --force` (all cores, the default)
as a subprocess `--runs` times per PDF and records wall time and memory: the peak of the summed RSS of the whole
process tree (workers, forkserver, OCR processes), sampled every 0.1 s from /proc (pages
shared after fork count in each process, so it errs high), and wait4's ru_maxrss (the
largest single process among those reaped through the parent; forkserver workers may
escape it):
- every born-digital PDF;
- every scanned PDF with a cold OCR cache (a fresh empty folder each run) and a warm one
  (a folder filled by one untimed run first). The folder is handed over in the
  environment variable LAMPIRAN_OCR_CACHE, which extract reads (were it not, XDG_CACHE_HOME
  would be isolated instead: the default cache lives below it); the report says which was
  used;
- the whole corpus in one batch with --jobs 1 (one core in all) and --jobs 2, each on a
  cold cache;
- the peers (bench.run_peers) on the same born-digital and scanned PDFs.
A failing `lampiran ingest` is recorded with its error, never fatal. `bench_markdown`
renders the JSON for outputs/bench.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.ocr_cache import ocr_copy, page_count
from bench.published import NOT_MEASURED
from bench.run_peers import PEERS, ROOT, CorpusPdf, corpus_pdfs, peers_markdown, run_all

PYTHON = ROOT / ".venv" / "bin" / "python"
BORN_DIGITAL = ("born-digital",)
SCANNED = ("scan",)
"""Variants timed one by one; the batch takes every PDF of the corpus."""
BARS = {"born-digital": 0.5, "scanned": 4.0}
"""Seconds per page allowed by the design's speed bars (2 cores, end to end)."""
CACHE_ENV = "LAMPIRAN_OCR_CACHE"
PEER_ORDER = {peer.name: i for i, peer in enumerate(PEERS)}


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SAMPLE_S = 0.1


@dataclass(frozen=True)
class Run:
    """One `lampiran ingest` process."""

    wall_s: float
    peak_rss_mib: float
    """wait4's ru_maxrss: the largest single reaped process."""
    peak_tree_rss_mib: float
    """Peak of the summed RSS of the process tree, sampled."""
    exit_code: int
    documents: dict[str, int]
    """Documents per status, from the run's _run.json (empty when it wrote none)."""
    error: str | None


def cache_env_supported() -> bool:
    """True when lampiran's code reads LAMPIRAN_OCR_CACHE (else XDG_CACHE_HOME is isolated)."""
    sources = [*ROOT.glob("extract/*.py"), *ROOT.glob("lampiran/*.py")]
    return any(CACHE_ENV in path.read_text(encoding="utf-8") for path in sources)


def cache_environment(folder: Path) -> dict[str, str]:
    """The environment that points lampiran's OCR cache at `folder`."""
    env = {**os.environ, CACHE_ENV: str(folder / "ocr")}
    if not cache_env_supported():
        env["XDG_CACHE_HOME"] = str(folder / "xdg")
    return env


def tree_rss_bytes(root: int) -> int:
    """Summed resident memory of `root` and all its descendants now (0 once it is gone)."""
    children: dict[int, list[int]] = {}
    pages: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "(comm)": state, ppid, ..., rss is 22nd
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        pages[int(entry.name)] = int(fields[21])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += pages.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total * PAGE_BYTES


class _TreeSampler(threading.Thread):
    """Samples `tree_rss_bytes(pid)` every SAMPLE_S seconds until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_S):
            self.peak = max(self.peak, tree_rss_bytes(self.pid))


def _statuses(out_dir: Path) -> dict[str, int]:
    try:
        body = json.loads((out_dir / "_run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    counts: dict[str, int] = {}
    for document in body.get("documents", []):
        counts[document["status"]] = counts.get(document["status"], 0) + 1
    return dict(sorted(counts.items()))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def ingest(
    pdfs: Sequence[Path], env: dict[str, str], jobs: int | None = None, timeout: float = 1800.0
) -> Run:
    """Time one `lampiran ingest` process over `pdfs`: wall clock and peak memory.
    `jobs` None runs with the command's default (all cores), as a user would."""
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp, tempfile.TemporaryFile() as err:
        out = Path(tmp)
        command = [
            str(PYTHON),
            "-m",
            "lampiran",
            "ingest",
            *map(str, pdfs),
            "-o",
            str(out),
            "--force",
            *(["--jobs", str(jobs)] if jobs else []),
        ]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err
        )
        watchdog, sampler = threading.Timer(timeout, process.kill), _TreeSampler(process.pid)
        watchdog.start()
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        watchdog.cancel()
        sampler.done.set()
        process.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = _last_line(err.read().decode("utf-8", "replace"))
        documents = _statuses(out)
    error = (message or f"exit status {code}") if code != 0 else None
    mib = 1 << 20
    return Run(
        round(wall, 3),
        round(usage.ru_maxrss / 1024, 1),
        round(sampler.peak / mib, 1),
        code,
        documents,
        error,
    )


def _figures(runs: Sequence[Run], pages: int) -> dict[str, Any]:
    good = [r.wall_s / pages for r in runs if r.error is None]
    return {
        "runs": [asdict(r) for r in runs],
        "ok_runs": len(good),
        "median_s_per_page": round(statistics.median(good), 4) if good else None,
        "min_s_per_page": round(min(good), 4) if good else None,
        "max_s_per_page": round(max(good), 4) if good else None,
        "peak_rss_mib": max((r.peak_rss_mib for r in runs), default=None),
        "peak_tree_rss_mib": max((r.peak_tree_rss_mib for r in runs), default=None),
        "error": next((r.error for r in runs if r.error), None),
    }


def time_document(item: CorpusPdf, kind: str, cache: str, runs: int) -> dict[str, Any]:
    """`runs` timed ingests of one PDF; cache 'cold', 'warm' or 'n/a' (born-digital)."""
    pages = page_count(item.path)
    timed: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as shared:
        if cache == "warm":
            ingest([item.path], cache_environment(Path(shared)))
        for _ in range(runs):
            if cache == "warm":
                timed.append(ingest([item.path], cache_environment(Path(shared))))
                continue
            with tempfile.TemporaryDirectory(prefix="bench-cache-") as fresh:
                timed.append(ingest([item.path], cache_environment(Path(fresh))))
    head = {
        "decree": item.decree,
        "variant": item.variant,
        "kind": kind,
        "cache": cache,
        "pages": pages,
    }
    return head | _figures(timed, pages)


def time_batch(items: Sequence[CorpusPdf], jobs: int, runs: int) -> dict[str, Any]:
    """`runs` timed ingests of every PDF at once with `--jobs jobs`, each on a cold cache."""
    pdfs = [item.path for item in items]
    pages = sum(page_count(p) for p in pdfs)
    timed = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as fresh:
            timed.append(ingest(pdfs, cache_environment(Path(fresh)), jobs=jobs, timeout=7200.0))
    finished = [r.wall_s for r in timed if r.exit_code in (0, 1)]  # 1: some documents failed
    median = statistics.median(finished) if finished else None
    return {
        "jobs": jobs,
        "pdfs": len(pdfs),
        "pages": pages,
        "runs": [asdict(r) for r in timed],
        "median_wall_s": median,
        "pages_per_second": round(pages / median, 3) if median else None,
        "error": next((r.error for r in timed if r.error), None),
    }


def time_ocr(item: CorpusPdf) -> float | None:
    """Seconds ocrmypdf takes now on `item` (a fresh cache, so it really runs); None when the
    PDF has a text layer and a user would not OCR it."""
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as fresh:
        return ocr_copy(item.path, Path(fresh)).ocr_seconds


def peer_speeds(
    records: Sequence[dict[str, Any]], ocr: dict[tuple[str, str], float] | None = None
) -> list[dict[str, Any]]:
    """Seconds per page of each peer per kind of PDF, and the ratio to the fastest peer.

    `tool` is the time inside the tool; `process` the whole peer process (interpreter,
    imports, tool), comparable with lampiran's whole-process figure; scans add the
    ocrmypdf time a user pays first: `ocr[(decree, variant)]` when given (measured in the
    same run), else the time recorded when the cached OCR copy was made.
    """
    totals: dict[tuple[str, str], list[float]] = {}
    for r in records:
        if r.get("error") is None:
            kind = "born-digital" if r["variant"] in BORN_DIGITAL else "scanned"
            ocr_seconds = (ocr or {}).get((r["decree"], r["variant"]), r["ocr_seconds"])
            ocr_s = ocr_seconds or 0.0
            t = totals.setdefault((kind, r["peer"]), [0.0, 0.0, 0.0])
            t[0] += r["seconds"] + ocr_s
            t[1] += r["process_seconds"] + ocr_s
            t[2] += r["pages"]
    speeds: list[dict[str, Any]] = [
        {
            "kind": kind,
            "peer": peer,
            "tool_s_per_page": round(tool / pages, 4),
            "process_s_per_page": round(process / pages, 4),
        }
        for (kind, peer), (tool, process, pages) in sorted(
            totals.items(), key=lambda item: (item[0][0], PEER_ORDER.get(item[0][1], 0))
        )
    ]
    for s in speeds:
        fastest = min(x["process_s_per_page"] for x in speeds if x["kind"] == s["kind"])
        s["ratio_to_fastest"] = round(s["process_s_per_page"] / fastest, 2) if fastest else None
    return speeds


def lampiran_speeds(documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """lampiran's whole-process seconds per page per kind and cache (page-weighted medians)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in documents:
        groups.setdefault((d["kind"], d["cache"]), []).append(d)
    speeds = []
    for (kind, cache), group in sorted(groups.items()):
        ok = [d for d in group if d["median_s_per_page"] is not None]
        pages = sum(d["pages"] for d in ok)
        seconds = sum(d["median_s_per_page"] * d["pages"] for d in ok)
        speeds.append(
            {
                "kind": kind,
                "cache": cache,
                "documents": len(group),
                "ok_documents": len(ok),
                "s_per_page": round(seconds / pages, 4) if pages else None,
                "bar_s_per_page": BARS[kind],
            }
        )
    return speeds


def run(
    corpus: Path,
    runs: int,
    cold_runs: int,
    batch_runs: int,
    with_peers: bool,
    decrees: Sequence[str] = (),
) -> dict[str, Any]:
    """Every measurement of the module docstring, as one JSON-ready dict."""
    start_load = list(os.getloadavg())
    items = corpus_pdfs(corpus, decrees)
    born = [i for i in items if i.variant in BORN_DIGITAL]
    scanned = [i for i in items if i.variant in SCANNED]
    documents = [time_document(i, "born-digital", "n/a", runs) for i in born]
    for item in scanned:
        documents.append(time_document(item, "scanned", "cold", cold_runs))
        documents.append(time_document(item, "scanned", "warm", runs))
    batch = [time_batch(items, jobs, batch_runs) for jobs in (1, 2)] if batch_runs else []
    rates = [b["pages_per_second"] for b in batch]
    peers = run_all([*born, *scanned], PEERS, 600.0) if with_peers else []
    ocr = {(i.decree, i.variant): time_ocr(i) for i in scanned} if with_peers else {}
    machine = {"cpus": os.cpu_count(), "load_average_at_start": start_load}
    return {
        "command": "python -m bench.timing " + " ".join(sys.argv[1:]),
        "machine": machine | {"load_average_at_end": list(os.getloadavg())},
        "ocr_cache_control": CACHE_ENV
        if cache_env_supported()
        else f"XDG_CACHE_HOME ({CACHE_ENV} is not read by extract yet)",
        "runs": runs,
        "documents": documents,
        "lampiran_speeds": lampiran_speeds(documents),
        "batch": batch,
        "batch_throughput_ratio": round(rates[1] / rates[0], 3)
        if len(rates) == 2 and all(rates)
        else None,
        "ocr_seconds": {f"{decree}/{variant}": v for (decree, variant), v in ocr.items()},
        "peer_speeds": peer_speeds(peers, {k: v for k, v in ocr.items() if v is not None}),
        "peers": {"results": peers, "not_measured": list(NOT_MEASURED)},
    }


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def bench_markdown(results: dict[str, Any]) -> str:
    """The timing results (from `run`) as the Markdown of outputs/bench.md."""
    machine = results["machine"]
    lines = [
        "# lampiran benchmark",
        "",
        f"`{results['command']}` on {machine['cpus']} cores (1-minute load average "
        f"{machine['load_average_at_start'][0]:.2f} at start, "
        f"{machine.get('load_average_at_end', [0.0])[0]:.2f} at end: other work on the machine "
        "slows every figure); "
        f"{results['runs']} runs per PDF; OCR cache set through {results['ocr_cache_control']}.",
        "Whole process (`lampiran ingest PDF --force`), wall time per page. Memory: peak of the",
        "summed RSS of the process tree (sampled every 0.1 s) and the largest single process.",
        "",
        "## lampiran per kind of PDF",
        "",
        "| kind | OCR cache | documents ok | s/page | bar | meets bar |",
        "|---|---|---|---|---|---|",
    ]
    for s in results["lampiran_speeds"]:
        meets = (
            "—"
            if s["s_per_page"] is None
            else ("yes" if s["s_per_page"] <= s["bar_s_per_page"] else "no")
        )
        lines.append(
            f"| {s['kind']} | {s['cache']} | {s['ok_documents']}/{s['documents']} "
            f"| {_num(s['s_per_page'])} | {s['bar_s_per_page']} | {meets} |"
        )
    lines += [
        "",
        "## lampiran per PDF",
        "",
        "| decree | variant | OCR cache | pages | ok runs | median s/page | min | max "
        "| tree RSS MiB | largest process MiB | error |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for d in results["documents"]:
        lines.append(
            f"| {d['decree']} | {d['variant']} | {d['cache']} | {d['pages']} "
            f"| {d['ok_runs']}/{len(d['runs'])} | {_num(d['median_s_per_page'])} "
            f"| {_num(d['min_s_per_page'])} | {_num(d['max_s_per_page'])} "
            f"| {_num(d['peak_tree_rss_mib'], 0)} | {_num(d['peak_rss_mib'], 0)} "
            f"| {d['error'] or ''} |"
        )
    if results["batch"]:
        lines += [
            "",
            "## Batch of the whole corpus (cold OCR cache)",
            "",
            "| jobs | PDFs | pages | median wall s | pages/s | documents (last run) | error |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {b['jobs']} | {b['pdfs']} | {b['pages']} | {_num(b['median_wall_s'], 1)} "
            f"| {_num(b['pages_per_second'])} "
            f"| {', '.join(f'{n} {k}' for k, n in b['runs'][-1]['documents'].items())} "
            f"| {b['error'] or ''} |"
            for b in results["batch"]
        ]
        lines += [
            "",
            f"Throughput ratio --jobs 2 / --jobs 1: {_num(results['batch_throughput_ratio'], 2)}",
        ]
    if results["peer_speeds"]:
        lines += [
            "",
            "## Speed next to the peers (same PDFs, same run)",
            "",
            "Peers: s/page inside the tool and for the whole process; scans include ocrmypdf,",
            "timed in this run on a fresh cache.",
            "Ratio: whole process against the fastest peer's whole process.",
            "",
            "| kind | tool | tool s/page | process s/page | ratio to fastest peer |",
            "|---|---|---|---|---|",
        ]
        fastest: dict[str, float] = {}
        for s in results["peer_speeds"]:
            fastest[s["kind"]] = min(
                fastest.get(s["kind"], s["process_s_per_page"]), s["process_s_per_page"]
            )
            lines.append(
                f"| {s['kind']} | {s['peer']} | {_num(s['tool_s_per_page'])} "
                f"| {_num(s['process_s_per_page'])} | {_num(s['ratio_to_fastest'], 2)} |"
            )
        for s in results["lampiran_speeds"]:
            if s["s_per_page"] is not None and s["kind"] in fastest and fastest[s["kind"]]:
                lines.append(
                    f"| {s['kind']} | **lampiran** (OCR cache {s['cache']}) | — "
                    f"| {_num(s['s_per_page'])} | {_num(s['s_per_page'] / fastest[s['kind']], 2)} |"
                )
        lines += ["", peers_markdown(results["peers"]).rstrip()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(prog="bench.timing", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "_bench.json")
    parser.add_argument("--markdown", type=Path, help="Also write bench_markdown() here.")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs per PDF.")
    parser.add_argument(
        "--cold-runs", type=int, help="Timed cold-cache runs per scan (default --runs)."
    )
    parser.add_argument("--batch-runs", type=int, default=1, help="Timed runs per batch (0: none).")
    parser.add_argument("--no-peers", action="store_true", help="Skip the peers.")
    parser.add_argument("--decrees", nargs="*", default=[], help="Corpus ids (default: all).")
    args = parser.parse_args(argv)
    cold = args.runs if args.cold_runs is None else args.cold_runs
    results = run(args.corpus, args.runs, cold, args.batch_runs, not args.no_peers, args.decrees)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(bench_markdown(results), encoding="utf-8")
    print(f"timing results in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
