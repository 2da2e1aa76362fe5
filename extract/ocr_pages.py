"""OCR the pages that need it: render, straighten, find and erase rules, ocrmypdf + tesseract.

Each page is rendered upright (grayscale, `dpi`), turned by tesseract's orientation
detection and deskewed (straighten_image); its ruled grids are found on that image
(find_image_grids) and the rules are erased before OCR, because tesseract misreads text
touching rules. ocrmypdf then runs tesseract (sparse-text segmentation, which finds the
words of ruled cells best) and writes a one-page PDF with an invisible text layer whose
coordinates are those of the straightened image, like the grids'.

Results are cached under `ocr_cache_dir` by the SHA-256 of the rendered pixels, the OCR
settings and the tesseract and ocrmypdf versions: the OCR'd PDF and the page's turn and
skew. A cache hit replays exactly what a fresh run computes (the grids are recomputed
from the same pixels), so the cache never changes a result.
"""

from __future__ import annotations

import hashlib
import json
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

import cv2
import pypdfium2

from extract.find_grids import Grid
from extract.find_image_grids import erase_rules, image_grids
from extract.open_pdf import PdfSource, check_render_size
from extract.settings import ExtractSettings
from extract.straighten_image import apply, orientation, skew_angle
from schemas.errors import OcrUnavailableError
from schemas.raw import OcrEngine


@dataclass(frozen=True)
class OcrPage:
    """An OCR'd page: its one-page PDF, the grids on its image, the quarter turn applied."""

    pdf: Path
    grids: tuple[Grid, ...]
    turn: int


@dataclass(frozen=True)
class OcrResult:
    """A page's OCR, or why there is none."""

    page: OcrPage | None
    error: str | None = None


@dataclass(frozen=True)
class _Job:
    number: int
    image: Path
    key: str


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

    Pages run `settings.ocr_jobs` at a time; a page whose OCR fails gets an error, not an
    exception, so the rest of the document is still read.
    """
    jobs: dict[str, _Job] = {}
    page_keys: dict[int, str] = {}
    document = pypdfium2.PdfDocument(str(source.readable))
    try:
        for number, width, height in pages:
            check_render_size(source.path, number, width, height, settings.dpi,
                              settings.max_image_pixels)
            image_path = workdir / f"page-{number}.png"
            key = _render(document, number, settings, engine, image_path)
            page_keys[number] = key
            # Identical page images (blank pages, repeated forms) are OCR'd once.
            jobs.setdefault(key, _Job(number=number, image=image_path, key=key))
    finally:
        document.close()
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_jobs)) as pool:
        done = pool.map(lambda job: _ocr_page(job, settings, workdir), jobs.values())
        results = dict(zip(jobs, done, strict=True))
    return {number: results[key] for number, key in page_keys.items()}


def _render(document: pypdfium2.PdfDocument, number: int, settings: ExtractSettings,
            engine: OcrEngine, image_path: Path) -> str:
    """Render page `number` upright to `image_path` (PNG); return its cache key."""
    page = document[number - 1]
    try:
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    image.save(image_path, compress_level=1)
    digest = hashlib.sha256()
    digest.update(f"{image.mode} {image.size}\n".encode())
    digest.update(image.tobytes())
    digest.update(repr((
        settings.dpi, engine.languages, settings.ocr_deskew, settings.ocr_rotate,
        settings.ocr_psm, settings.raster_line_scale, engine.version,
        package_version("ocrmypdf"),
    )).encode())
    return digest.hexdigest()


def _ocr_page(job: _Job, settings: ExtractSettings, workdir: Path) -> OcrResult:
    """Straighten, find grids, erase rules and OCR one rendered page (or replay the cache)."""
    image = cv2.imread(str(job.image), cv2.IMREAD_GRAYSCALE)
    cached_pdf, cached_meta = _cache_paths(settings, job.key)
    if cached_pdf and cached_meta and cached_pdf.is_file() and cached_meta.is_file():
        meta = json.loads(cached_meta.read_text())
        straight = apply(image, meta["turn"], meta["skew"])
        found = image_grids(straight, settings.dpi, settings.raster_line_scale)
        return OcrResult(OcrPage(pdf=cached_pdf, grids=found.grids, turn=meta["turn"]))
    turn = orientation(image, settings.ocr_timeout_s) if settings.ocr_rotate else 0
    skew = skew_angle(apply(image, turn, 0.0)) if settings.ocr_deskew else 0.0
    straight = apply(image, turn, skew)
    found = image_grids(straight, settings.dpi, settings.raster_line_scale)
    erased_path = workdir / f"page-{job.number}-erased.png"
    cv2.imwrite(str(erased_path), erase_rules(straight, found.rule_mask))
    produced = workdir / f"page-{job.number}-ocr.pdf"
    error = _run_ocrmypdf(erased_path, produced, settings)
    if error is not None:
        return OcrResult(page=None, error=error)
    meta_text = json.dumps({"turn": turn, "skew": skew}, sort_keys=True)
    pdf = _store(produced, cached_pdf, meta_text, cached_meta)
    return OcrResult(OcrPage(pdf=pdf, grids=found.grids, turn=turn))


def _cache_paths(settings: ExtractSettings, key: str) -> tuple[Path | None, Path | None]:
    if settings.ocr_cache_dir is None:
        return None, None
    folder = settings.ocr_cache_dir / key[:2]
    return folder / f"{key}.pdf", folder / f"{key}.json"


def _run_ocrmypdf(image: Path, produced: Path, settings: ExtractSettings) -> str | None:
    """Run ocrmypdf on `image`; the error message, or None on success."""
    command = [
        sys.executable, "-m", "ocrmypdf",
        "--image-dpi", str(settings.dpi),
        "--language", "+".join(settings.ocr_languages),
        "--tesseract-pagesegmode", str(settings.ocr_psm),
        "--output-type", "pdf",
        "--optimize", "0",
        "--jobs", "1",
        "--max-image-mpixels", str(max(1, settings.max_image_pixels // 1_000_000)),
        "--quiet",
        str(image), str(produced),
    ]
    # One tesseract thread per page: pages run in parallel, and threads only add overhead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env,
                              timeout=settings.ocr_timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return f"OCR took longer than {settings.ocr_timeout_s:g} s"
    if done.returncode != 0 or not produced.is_file():
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        return lines[-1] if lines else f"ocrmypdf exit status {done.returncode}"
    return None


def _store(produced: Path, cached_pdf: Path | None, meta_text: str,
           cached_meta: Path | None) -> Path:
    """Put the result in the cache (PDF first, then its metadata, each atomically).

    The cache is optional: when it cannot be written the result stays where it was made.
    """
    if cached_pdf is None or cached_meta is None:
        return produced
    suffix = f".{os.getpid()}.{id(produced)}.tmp"
    try:
        cached_pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, cached_pdf.with_name(cached_pdf.name + suffix))
        os.replace(cached_pdf.with_name(cached_pdf.name + suffix), cached_pdf)
        cached_meta.with_name(cached_meta.name + suffix).write_text(meta_text)
        os.replace(cached_meta.with_name(cached_meta.name + suffix), cached_meta)
    except OSError:
        return produced
    return cached_pdf


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
