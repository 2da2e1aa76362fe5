"""Running many PDFs: worker processes, per-document timeouts, a run report.

Each document runs in a long-lived worker process. A document that hangs past the
timeout, or crashes its worker (a segfault in a native library), fails alone: the worker
is replaced and the batch goes on. Outputs are written by the parent, atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing as mp
import resource
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Literal

from extract import CoreSlots
from lampiran import __version__
from lampiran.documents import decree_json, output_name, remove_stale_parts, write_atomic
from lampiran.settings import RunSettings
from schemas.errors import InputError, LampiranError, OutputError

Status = Literal["ok", "partial", "failed", "skipped-unchanged"]
RUN_REPORT = "_run.json"


@dataclass(frozen=True)
class DocumentResult:
    """What happened to one input."""

    input: str
    status: Status
    sha256: str | None = None
    output: str | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0


@dataclass
class RunReport:
    """Every input of a run, in input order."""

    fingerprint: str
    results: list[DocumentResult] = field(default_factory=list)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "failed"]

    def to_json(self) -> bytes:
        """Deterministic report: no timings, no clock."""
        body = {
            "lampiran": __version__,
            "settings": self.fingerprint,
            "documents": [
                {
                    "input": r.input,
                    "sha256": r.sha256,
                    "status": r.status,
                    "output": r.output,
                    "warnings": list(r.warnings),
                    "error": r.error,
                }
                for r in self.results
            ],
        }
        return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode()


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """PDF files named directly, plus every *.pdf below named folders, sorted, no repeats.

    Raises InputError for a path that does not exist.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for pdf in sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf"):
                found.setdefault(pdf, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            raise InputError(path, "no such file or folder")
    return list(found)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _previous_run(out_dir: Path) -> dict[str, dict[str, object]]:
    try:
        body = json.loads((out_dir / RUN_REPORT).read_text(encoding="utf-8"))
        return {d["input"]: d for d in body["documents"]} | {"": {"settings": body["settings"]}}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _work(path: Path, settings: RunSettings) -> tuple[str, bytes, tuple[str, ...]]:
    from lampiran.pipeline import process_pdf

    decree = process_pdf(path, settings)
    return output_name(decree), decree_json(decree), tuple(w.code for w in decree.warnings)


def _worker_loop(conn: Connection, settings: RunSettings) -> None:
    # A hostile or broken PDF can ask a native library for unbounded memory: cap the
    # worker so that such a document fails with MemoryError instead of the machine.
    limit = settings.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        path = Path(task)
        try:
            conn.send(("ok", *_work(path, settings)))
        except LampiranError as exc:
            conn.send(("error", str(exc)))
        except MemoryError:
            conn.send(("error", f"{path}: out of memory while reading the document"))
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            conn.send(
                (
                    "error",
                    f"{path}: internal error {type(exc).__name__}: {exc} "
                    f"(at {Path(where.filename).name}:{where.lineno})",
                )
            )


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, settings: RunSettings) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_loop, args=(child, settings), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def worker_settings(settings: RunSettings, slots: CoreSlots) -> RunSettings:
    """The settings every worker process runs with: `settings.jobs` is a budget of cores,
    as ocrmypdf's --jobs. Documents run side by side, and the OCR pages of all of them
    share the budget's `slots`, so a document OCRs on every core the others leave idle
    (`--jobs 1`: one core in all)."""
    extract = replace(settings.extract, ocr_jobs=max(1, settings.jobs), core_slots=slots)
    return replace(settings, extract=extract)


def run_batch(
    inputs: list[Path],
    out_dir: Path,
    settings: RunSettings,
    on_done: Callable[[DocumentResult], None] = lambda _r: None,
) -> RunReport:
    """Process `inputs` into `out_dir`; return the report (also written to `_run.json`).

    Invariants: one bad input never stops the others; every JSON in `out_dir` is complete;
    inputs whose sha256 and settings fingerprint match the previous run are skipped unless
    `settings.force`. Raises OutputError only when `out_dir` itself cannot be written.
    """
    remove_stale_parts(out_dir)
    fingerprint = settings.fingerprint()
    previous = _previous_run(out_dir)
    same_settings = previous.get("", {}).get("settings") == fingerprint
    results: dict[int, DocumentResult] = {}
    pending: list[tuple[int, Path, str]] = []
    for index, path in enumerate(inputs):
        try:
            sha = _sha256(path)
        except OSError as exc:
            results[index] = DocumentResult(
                str(path), "failed", error=f"{path}: cannot read: {exc.strerror}"
            )
            on_done(results[index])
            continue
        before = previous.get(str(path), {})
        output = before.get("output")
        if (
            not settings.force
            and same_settings
            and before.get("sha256") == sha
            and before.get("status") in ("ok", "partial", "skipped-unchanged")
            and isinstance(output, str)
            and (out_dir / output).is_file()
        ):
            warnings = tuple(str(w) for w in before.get("warnings") or [])  # type: ignore[attr-defined]
            results[index] = DocumentResult(str(path), "skipped-unchanged", sha, output, warnings)
            on_done(results[index])
            continue
        pending.append((index, path, sha))

    with tempfile.TemporaryDirectory(prefix="lampiran-cores-") as cores:
        shared = worker_settings(settings, CoreSlots(Path(cores), max(settings.jobs, 1)))
        _run_workers(pending, out_dir, shared, results, on_done)
    report = RunReport(fingerprint, [results[i] for i in sorted(results)])
    write_atomic(out_dir / RUN_REPORT, report.to_json())
    return report


def _run_workers(
    pending: list[tuple[int, Path, str]],
    out_dir: Path,
    settings: RunSettings,
    results: dict[int, DocumentResult],
    on_done: Callable[[DocumentResult], None],
) -> None:
    """Run `pending` ((input index, path, sha256) each) on up to `settings.jobs` workers,
    writing each document's output and putting its result into `results` as it ends.

    Inputs whose outputs share a name (copies of one PDF) leave the first input's output,
    whichever worker ends last: the run's bytes do not depend on the number of workers."""
    ctx = mp.get_context("forkserver")
    # The fork server imports the pipeline once; every worker forked from it starts warm.
    ctx.set_forkserver_preload(["lampiran.pipeline"])
    count = min(max(settings.jobs, 1), len(pending))
    workers = [_Worker(ctx, settings) for _ in range(count)]
    # Largest files first, so that no worker is left with a long scan at the end while the
    # others idle; results are still reported in input order.
    queue = sorted(pending, key=lambda item: (_size(item[1]), -item[0]))
    by_index = {index: (path, sha) for index, path, sha in pending}
    writers: dict[str, int] = {}
    try:
        while queue or any(w.task is not None for w in workers):
            for worker in workers:
                if worker.task is None and queue:
                    index, path, _sha = queue.pop()
                    worker.task, worker.started = index, time.monotonic()
                    # A worker that died before its task arrived shows up below as crashed.
                    with contextlib.suppress(OSError):
                        worker.conn.send(str(path))
            busy = [w for w in workers if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=0.2)
            now = time.monotonic()
            for position, worker in enumerate(workers):
                if worker.task is None:
                    continue
                index = worker.task
                path, sha = by_index[index]
                elapsed = now - worker.started
                message: tuple[object, ...] | None = None
                if worker.conn in ready:
                    try:
                        message = worker.conn.recv()
                    except (EOFError, OSError):
                        message = (
                            "error",
                            f"{path}: the worker process crashed (exit code "
                            f"{worker.process.exitcode}) while reading this document",
                        )
                elif elapsed > settings.timeout_s:
                    message = ("error", f"{path}: timed out after {settings.timeout_s:g} s")
                if message is None:
                    continue
                results[index] = _finish(path, sha, message, out_dir, elapsed, writers, index)
                on_done(results[index])
                worker.task = None
                if message[0] != "ok" and (
                    elapsed > settings.timeout_s or not worker.process.is_alive()
                ):
                    worker.stop()
                    workers[position] = _Worker(ctx, settings)
    finally:
        for worker in workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            worker.stop()


def _finish(
    path: Path,
    sha: str,
    message: tuple[object, ...],
    out_dir: Path,
    elapsed: float,
    writers: dict[str, int],
    index: int,
) -> DocumentResult:
    """The result of input `index` (`path`) from its worker's `message`, its output written
    unless an earlier input already wrote that name (`writers`: name -> input index)."""
    if message[0] != "ok":
        return DocumentResult(str(path), "failed", sha, error=str(message[1]), seconds=elapsed)
    name, data, warnings = message[1], message[2], message[3]
    assert isinstance(name, str) and isinstance(data, bytes) and isinstance(warnings, tuple)
    try:
        if index < writers.get(name, index + 1):
            write_atomic(out_dir / name, data)
            writers[name] = index
    except OutputError as exc:
        return DocumentResult(str(path), "failed", sha, error=str(exc), seconds=elapsed)
    status: Status = "partial" if warnings else "ok"
    return DocumentResult(str(path), status, sha, name, warnings, seconds=elapsed)
