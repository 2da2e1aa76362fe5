"""OCR the pages that need it: render, then ocrmypdf + tesseract, cached by page image.

Each page is rendered upright (grayscale, `dpi`), and the image is handed to ocrmypdf,
which deskews it, turns it upright when it was scanned sideways, runs tesseract and
writes a one-page PDF: the page image with an invisible text layer. The rest of the
extractor reads that PDF like any other page.

Results are cached under `ocr_cache_dir` by the SHA-256 of the rendered pixels, the OCR
settings and the tesseract and ocrmypdf versions, so a cache hit returns exactly the file
a fresh run would have produced: the cache never changes a result.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path

import pypdfium2

from extract.open_pdf import PdfSource, check_render_size
from extract.settings import ExtractSettings
from schemas.errors import OcrUnavailableError
from schemas.raw import OcrEngine


@dataclass(frozen=True)
class OcrResult:
    """A page's OCR: the one-page PDF to read, or why there is none."""

    pdf: Path | None
    error: str | None = None


@dataclass(frozen=True)
class _Job:
    page: int
    image: Path
    key: str
    output: Path | None
    """Where the result is cached; None when the cache is disabled."""


def ocr_engine(path: Path, languages: Sequence[str]) -> OcrEngine:
    """The installed tesseract, checked to have every language in `languages`.

    Raises OcrUnavailableError naming the Debian package to install.
    """
    version = _tesseract_version()
    if version is None:
        raise OcrUnavailableError(
            path, "needs OCR but tesseract is not installed (Debian package: tesseract-ocr)"
        )
    missing = [lang for lang in languages if lang not in _tesseract_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        raise OcrUnavailableError(
            path, f"needs OCR but tesseract has no '{'+'.join(missing)}' language data "
            f"(Debian package: {packages})"
        )
    return OcrEngine(name="tesseract", version=version, languages=tuple(languages))


def ocr_pages(source: PdfSource, pages: Sequence[tuple[int, float, float]],
              engine: OcrEngine, settings: ExtractSettings, workdir: Path
              ) -> dict[int, OcrResult]:
    """OCR `pages` ((number, upright width, upright height) each) of `source`.

    One-page PDFs are written to the cache, or to `workdir` when the cache is disabled.
    Pages run `settings.ocr_jobs` at a time; a page whose OCR fails gets an error, not
    an exception, so the rest of the document is still read.
    """
    jobs: dict[str, _Job] = {}
    page_keys: dict[int, str] = {}
    results: dict[str, OcrResult] = {}
    document = pypdfium2.PdfDocument(str(source.readable))
    try:
        for number, width, height in pages:
            check_render_size(source.path, number, width, height, settings.dpi,
                              settings.max_image_pixels)
            image_path = workdir / f"page-{number}.png"
            key = _render(document, number, settings, engine, image_path)
            page_keys[number] = key
            cached = _cache_path(settings, key)
            if cached is not None and cached.is_file():
                results[key] = OcrResult(pdf=cached)
            elif key not in jobs:
                # Identical page images (blank pages, repeated forms) are OCR'd once.
                jobs[key] = _Job(page=number, image=image_path, key=key, output=cached)
    finally:
        document.close()
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_jobs)) as pool:
        done = pool.map(lambda job: _run_ocrmypdf(job, settings, workdir), jobs.values())
        results.update(zip(jobs, done, strict=True))
    return {number: results[key] for number, key in page_keys.items()}


def _render(document: pypdfium2.PdfDocument, number: int, settings: ExtractSettings,
            engine: OcrEngine, image_path: Path) -> str:
    """Render page `number` upright to `image_path` (PNG); return its cache key."""
    page = document[number - 1]
    try:
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    image.save(image_path, dpi=(settings.dpi, settings.dpi), compress_level=1)
    digest = hashlib.sha256()
    digest.update(f"{image.mode} {image.size}\n".encode())
    digest.update(image.tobytes())
    digest.update(repr((
        settings.dpi, engine.languages, settings.ocr_deskew, settings.ocr_rotate,
        engine.version, package_version("ocrmypdf"),
    )).encode())
    return digest.hexdigest()


def _cache_path(settings: ExtractSettings, key: str) -> Path | None:
    if settings.ocr_cache_dir is None:
        return None
    return settings.ocr_cache_dir / key[:2] / f"{key}.pdf"


def _run_ocrmypdf(job: _Job, settings: ExtractSettings, workdir: Path) -> OcrResult:
    produced = workdir / f"page-{job.page}-ocr.pdf"
    command = [
        sys.executable, "-m", "ocrmypdf",
        "--image-dpi", str(settings.dpi),
        "--language", "+".join(settings.ocr_languages),
        "--output-type", "pdf",
        "--optimize", "0",
        "--jobs", "1",
        "--max-image-mpixels", str(max(1, settings.max_image_pixels // 1_000_000)),
        "--quiet",
        *(["--deskew"] if settings.ocr_deskew else []),
        *(["--rotate-pages"] if settings.ocr_rotate else []),
        str(job.image), str(produced),
    ]
    # One tesseract thread per page: pages run in parallel, and threads only add overhead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env,
                              timeout=settings.ocr_timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return OcrResult(pdf=None, error=f"OCR took longer than {settings.ocr_timeout_s:g} s")
    if done.returncode != 0 or not produced.is_file():
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        return OcrResult(pdf=None,
                         error=lines[-1] if lines else f"ocrmypdf exit status {done.returncode}")
    return OcrResult(pdf=_store(produced, job.output))


def _store(produced: Path, cached: Path | None) -> Path:
    """Copy `produced` into the cache atomically; the cache is optional, so a cache that
    cannot be written leaves the result where it was produced."""
    if cached is None:
        return produced
    temporary = cached.with_name(f".{cached.name}.{os.getpid()}")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, temporary)
        os.replace(temporary, cached)
    except OSError:
        temporary.unlink(missing_ok=True)
        return produced
    return cached


@cache
def _tesseract_version() -> str | None:
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"tesseract\s+v?(\S+)", done.stdout + done.stderr)
    return match.group(1) if match else None


@cache
def _tesseract_languages() -> frozenset[str]:
    binary = shutil.which("tesseract")
    if binary is None:
        return frozenset()
    done = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines[1:] if ln.strip() and " " not in ln.strip())
