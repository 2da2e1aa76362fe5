"""Bad input, faults and determinism, through the real command line.

Every bad input gets a one-line error naming the file and the problem, exit code 1, and
no output file; the good inputs of the same batch are complete; nothing half-written is
left behind, even when the run is interrupted.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lampiran.batch import _finish
from schemas.decree import Decree
from tests.conftest import encrypted_pdf, huge_image_pdf, text_only_pdf, zero_page_pdf

ROOT = Path(__file__).parents[1]


def _ingest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lampiran", "ingest", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env=env,
    )


def _report(out: Path) -> dict[str, dict[str, object]]:
    body = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    return {Path(str(d["input"])).name: d for d in body["documents"]}


def _outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json") if not p.name.startswith("_"))


# file name -> (bytes maker, expected words of the one-line error)
BAD_INPUTS = {
    "error-page.pdf": (
        lambda: b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
        "not a PDF",
    ),
    "empty.pdf": (lambda: b"", "empty"),
    "zero-pages.pdf": (zero_page_pdf, "no pages"),
    "locked.pdf": (
        lambda: encrypted_pdf(text_only_pdf(["KEPUTUSAN"]), "user-secret"),
        "user password",
    ),
    "bomb.pdf": (huge_image_pdf, "more than the limit"),
}


@pytest.fixture(scope="module")
def mixed_batch(
    small_decree_pdf: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(small_decree_pdf, inputs / "good.pdf")
    (inputs / "owner-only.pdf").write_bytes(encrypted_pdf(small_decree_pdf.read_bytes(), ""))
    (inputs / "no-table.pdf").write_bytes(
        text_only_pdf(["KEPUTUSAN KEPALA DINAS CONTOH", "NOMOR 1 TAHUN 2026"])
    )
    (inputs / "truncated.pdf").write_bytes(small_decree_pdf.read_bytes()[:4000])
    for name, (make, _) in BAD_INPUTS.items():
        (inputs / name).write_bytes(make())
    out = tmp_path_factory.mktemp("out")
    return inputs, out, _ingest(str(inputs), "-o", str(out), "--jobs", "2")


def test_batch_exit_code_says_some_failed(mixed_batch) -> None:  # type: ignore[no-untyped-def]
    _, _, result = mixed_batch
    assert result.returncode == 1


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_has_one_line_error_and_no_output(mixed_batch, name: str) -> None:  # type: ignore[no-untyped-def]
    inputs, out, result = mixed_batch
    entry = _report(out)[name]
    assert entry["status"] == "failed" and entry["output"] is None
    error = str(entry["error"])
    assert error.startswith(str(inputs / name) + ": ") and "\n" not in error
    assert BAD_INPUTS[name][1] in error
    assert error in result.stderr.splitlines()


def test_truncated_pdf_is_refused_or_repaired_with_a_warning(mixed_batch) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = mixed_batch
    entry = _report(out)["truncated.pdf"]
    if entry["status"] == "failed":
        assert "truncated" in str(entry["error"]) or "corrupt" in str(entry["error"])
    else:
        assert "pdf_repaired" in entry["warnings"]


def test_good_inputs_are_complete_and_valid(mixed_batch, small_decree_pdf: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = mixed_batch
    report = _report(out)
    for name in ("good.pdf", "owner-only.pdf"):
        assert report[name]["status"] in ("ok", "partial"), report[name]
        document = Decree.model_validate_json((out / str(report[name]["output"])).read_bytes())
        assert [len(t.rows) for t in document.tables if t.layout == "action_plan"] == [6]
    assert len(_outputs(out)) == 3, "good, owner-only and no-table only"


def test_pdf_without_table_is_a_valid_document_with_a_warning(mixed_batch) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = mixed_batch
    entry = _report(out)["no-table.pdf"]
    assert entry["status"] == "partial" and "no_table" in entry["warnings"]
    document = Decree.model_validate_json((out / str(entry["output"])).read_bytes())
    assert document.tables == [] and document.decree.kind == "Keputusan"


def test_rerun_skips_unchanged_inputs_unless_forced(small_decree_pdf: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest(str(small_decree_pdf), "-o", str(out)).returncode == 0
    first = _outputs(out)[0].read_bytes()
    assert _ingest(str(small_decree_pdf), "-o", str(out)).returncode == 0
    assert _report(out)["small-decree.pdf"]["status"] == "skipped-unchanged"
    assert _ingest(str(small_decree_pdf), "-o", str(out), "--force").returncode == 0
    assert _report(out)["small-decree.pdf"]["status"] in ("ok", "partial")
    assert _outputs(out)[0].read_bytes() == first


def test_jobs_one_and_two_give_identical_bytes(small_decree_pdf: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        shutil.copy(small_decree_pdf, inputs / f"copy-{n}.pdf")
    (inputs / "other.pdf").write_bytes(text_only_pdf(["KEPUTUSAN", "NOMOR 2 TAHUN 2026"]))
    runs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        _ingest(str(inputs), "-o", str(out), "--jobs", jobs)
        runs.append({p.name: p.read_bytes() for p in [*_outputs(out), out / "_run.json"]})
    assert runs[0] == runs[1]


def test_copies_of_one_pdf_leave_the_first_inputs_output_whatever_order_they_end(
    tmp_path: Path,
) -> None:
    # Workers end in any order; copy 2 ends first, then copy 0, then copy 1.
    writers: dict[str, int] = {}
    for index in (2, 0, 1):
        message = ("ok", "same.json", f"copy {index}".encode(), ())
        result = _finish(Path(f"copy-{index}.pdf"), "sha", message, tmp_path, 0.1, writers, index)
        assert (result.status, result.output) == ("ok", "same.json")
    assert (tmp_path / "same.json").read_bytes() == b"copy 0"


def test_page_limit(small_decree_pdf: Path, tmp_path: Path) -> None:
    result = _ingest(str(small_decree_pdf), "-o", str(tmp_path / "out"), "--max-pages", "1")
    assert result.returncode == 1
    assert "more than the limit of 1" in result.stderr
    assert not _outputs(tmp_path / "out")


def test_timeout_fails_the_document(small_decree_pdf: Path, tmp_path: Path) -> None:
    result = _ingest(str(small_decree_pdf), "-o", str(tmp_path / "out"), "--timeout", "0.05")
    assert result.returncode == 1
    assert f"{small_decree_pdf}: timed out after 0.05 s" in result.stderr


def test_output_folder_that_cannot_be_written(small_decree_pdf: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = _ingest(str(small_decree_pdf), "-o", str(blocker / "out"))
    assert result.returncode == 1
    assert "cannot write output" in result.stderr


def test_image_only_pdf_without_tesseract_names_the_package(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("L", (850, 1100), 255).save(scan, "PDF", resolution=100.0)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {**os.environ, "PATH": str(bin_dir)}  # no tesseract on PATH
    result = _ingest(str(scan), "-o", str(tmp_path / "out"), env=env)
    assert result.returncode == 1
    assert f"{scan}: " in result.stderr and "tesseract-ocr" in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_run_leaves_only_complete_json(
    small_decree_pdf: Path, tmp_path: Path, sig: int
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(6):
        shutil.copy(small_decree_pdf, inputs / f"copy-{n}.pdf")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "lampiran", "ingest", str(inputs), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _outputs(out):
        time.sleep(0.05)
    process.send_signal(sig)
    process.wait(timeout=60)
    for path in out.glob("*.json"):
        if path.name != "_run.json":
            Decree.model_validate_json(path.read_bytes())  # complete, or it would not parse
    assert not [p for p in out.iterdir() if p.suffix == ".json" and p.stat().st_size == 0]


def test_file_that_vanishes_before_it_is_read_fails_alone(
    small_decree_pdf: Path, tmp_path: Path
) -> None:
    from lampiran.batch import run_batch
    from lampiran.settings import RunSettings

    gone = tmp_path / "gone.pdf"
    gone.write_bytes(small_decree_pdf.read_bytes())
    inputs = [gone, small_decree_pdf]
    gone.unlink()  # listed, then deleted before the batch reads it
    report = run_batch(inputs, tmp_path / "out", RunSettings())
    statuses = {Path(r.input).name: (r.status, r.error) for r in report.results}
    assert statuses["gone.pdf"] == ("failed", f"{gone}: cannot read: No such file or directory")
    assert statuses["small-decree.pdf"][0] in ("ok", "partial")


def test_full_disk_is_a_one_line_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from lampiran import documents
    from schemas.errors import OutputError

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(documents.os, "replace", full)
    target = tmp_path / "out" / "decree.json"
    with pytest.raises(OutputError) as caught:
        documents.write_atomic(target, b"{}")
    assert str(caught.value) == f"{target}: cannot write output: No space left on device"
    assert list((tmp_path / "out").iterdir()) == [], "no partial file is left behind"


@pytest.mark.parametrize("jobs", [1, 2, 8])
def test_jobs_is_a_budget_of_cores(jobs: int, tmp_path: Path) -> None:
    from dataclasses import replace

    from extract import CoreSlots
    from lampiran.batch import worker_settings
    from lampiran.settings import RunSettings

    settings = replace(RunSettings(), jobs=jobs)
    slots = CoreSlots(tmp_path, jobs)
    shared = worker_settings(settings, slots)
    # Any one document may OCR on the whole budget; the slots keep the batch within it.
    assert shared.extract.ocr_jobs == jobs
    assert shared.extract.core_slots == slots
    assert shared.fingerprint() == settings.fingerprint()
