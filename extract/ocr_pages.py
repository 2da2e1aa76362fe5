"""OCR the pages that need it: render, straighten, find and erase rules, tesseract.

Each page is rendered upright (grayscale, `dpi`) and deskewed (straighten_image); its
ruled grids are found on that image (find_image_grids) and the rules are erased before
OCR, because tesseract misreads text touching rules (OCR reads the page with its coarse
images redrawn smoothly, render_page.PageImage); a coarse dither shading a cell is
cleared (reread_cells.undither_cells), whose dots it reads as words. tesseract then
reads the image (sparse-text segmentation, which finds the words of ruled cells best)
into a one-page text-only PDF whose coordinates are those of the straightened image,
like the grids' (decision 0005 says why tesseract is called directly, not through
ocrmypdf). Inked cells left without words, and the cells of narrow columns, get a
second pass (reread_cells).
When the text reads poorly, tesseract's orientation detection decides whether the page
was scanned sideways, and a turned page is read again.

Results are cached under `ocr_cache_dir` by the SHA-256 of the rendered pixels, the OCR
settings and the tesseract version: the OCR'd PDF and the page's turn and skew. A cache
hit replays exactly what a fresh run computes (the grids are recomputed from the same
pixels), so the cache never changes a result.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2

from extract.build_table import lay_out
from extract.find_grids import Grid
from extract.find_image_grids import ImageGrids, erase_rules, image_grids
from extract.find_lost_stops import find_lost_stops
from extract.open_pdf import PdfSource, check_render_size
from extract.read_words import Word, read_words
from extract.render_page import PageImage, redrawn_for_ocr, render_page
from extract.reread_cells import CellReading, CellWord, reread_cells, undither_cells
from extract.run_tesseract import run_tesseract
from extract.settings import ExtractSettings
from extract.share_cores import hold_core
from extract.straighten_image import Image, apply, orientation, skew_angle
from extract.text_quality import MIN_WORDS_TO_JUDGE, judge_text
from schemas.errors import OcrUnavailableError
from schemas.raw import OcrEngine

_METHOD = (
    "render-straighten-erase-rules+short-borders-upright/tesseract-textonly-pdf/"
    "turn-on-poor-text 3 opposite/double-rules-pairwise 2/short-borders-beside-paper/"
    "undither-coarse-dither/turn-ruled-few-words/other-quarter-turns/rules-meet-across-gaps/"
    "smooth-coarse-images-for-ocr/solid-bars-are-rules"
)
"""Names the page OCR procedure in the cache key: change it when that procedure changes."""
_CELL_METHOD = (
    "cell-pass 8 empty-narrow-shaded-cells/double-rules-pairwise/no-lone-marks/undither/"
    "unread-item-marks-apart-2/reversed-print/lone-dash-bar/lone-stroke-at-half-scale/"
    "lost-stops-apart-on-paper-not-on-coarse-pictures"
)
"""Names the second pass (reread_cells) in the name of its cache file beside the page's:
change it when the pass changes. A page cached with another pass gets only the pass
redone, a tenth of the cost of its page OCR."""


@dataclass(frozen=True)
class OcrPage:
    """An OCR'd page: its one-page PDF, the grids on its image, the quarter turn applied."""

    pdf: Path
    grids: tuple[Grid, ...]
    turn: int
    cells: CellReading
    """The second pass over inked cells the page OCR left empty, and narrow cells."""


@dataclass(frozen=True)
class OcrResult:
    """A page's OCR, or why there is none."""

    page: OcrPage | None
    error: str | None = None


@dataclass(frozen=True)
class _Job:
    number: int
    image: Path
    smooth: Path | None
    """The page with its coarse images redrawn (`PageImage.smooth`); None: as `image`."""
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
            path,
            f"needs OCR but tesseract has no '{'+'.join(missing)}' language data "
            f"(Debian package: {packages})",
        )
    return OcrEngine(name="tesseract", version=version, languages=tuple(languages))


def ocr_pages(
    source: PdfSource,
    pages: Sequence[tuple[int, float, float]],
    engine: OcrEngine,
    settings: ExtractSettings,
    workdir: Path,
) -> dict[int, OcrResult]:
    """OCR `pages` ((number, upright width, upright height) each) of `source`.

    Pages run `settings.ocr_jobs` at a time, each holding one of `settings.core_slots`
    (when a batch shares its cores); a page whose OCR fails gets an error, not an
    exception, so the rest of the document is still read.
    """
    jobs: dict[str, _Job] = {}
    page_keys: dict[int, str] = {}
    document = pypdfium2.PdfDocument(str(source.readable))
    try:
        for number, width, height in pages:
            check_render_size(
                source.path, number, width, height, settings.dpi, settings.max_image_pixels
            )
            image_path = workdir / f"page-{number}.png"
            key, smooth = _render(document, number, settings, engine, image_path)
            page_keys[number] = key
            # Identical page images (blank pages, repeated forms) are OCR'd once.
            jobs.setdefault(key, _Job(number=number, image=image_path, smooth=smooth, key=key))
    finally:
        document.close()
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_jobs)) as pool:
        done = pool.map(lambda job: _ocr_page_on_core(job, settings, workdir), jobs.values())
        results = dict(zip(jobs, done, strict=True))
    return {number: results[key] for number, key in page_keys.items()}


def _render(
    document: pypdfium2.PdfDocument,
    number: int,
    settings: ExtractSettings,
    engine: OcrEngine,
    image_path: Path,
) -> tuple[str, Path | None]:
    """Render page `number` upright to `image_path` (PNG), and its smooth form beside it
    when that differs; return the cache key and the smooth form's path (or None)."""
    rendered = render_page(document, number, settings.dpi)
    digest = hashlib.sha256()
    digest.update(f"{rendered.drawn.shape}\n".encode())
    cv2.imwrite(str(image_path), rendered.drawn, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    digest.update(rendered.drawn.tobytes())
    smooth_path = None
    if rendered.smooth is not rendered.drawn:
        smooth_path = image_path.with_name(image_path.stem + "-smooth.png")
        cv2.imwrite(str(smooth_path), rendered.smooth, [cv2.IMWRITE_PNG_COMPRESSION, 1])
        digest.update(rendered.smooth.tobytes())
    digest.update(
        repr(
            (
                _METHOD,
                settings.dpi,
                engine.languages,
                settings.deskew,
                settings.ocr_rotate,
                settings.ocr_psm,
                settings.raster_line_scale,
                engine.version,
            )
        ).encode()
    )
    return digest.hexdigest(), smooth_path


def _load(job: _Job) -> PageImage:
    """The rendered page images of `job`."""
    drawn = _read_gray(job.image)
    return PageImage(drawn=drawn, smooth=drawn if job.smooth is None else _read_gray(job.smooth))


def _read_gray(path: Path) -> Image:
    return np.asarray(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), dtype=np.uint8)


def _ocr_page_on_core(job: _Job, settings: ExtractSettings, workdir: Path) -> OcrResult:
    with hold_core(settings.core_slots):
        return _ocr_page(job, settings, workdir)


def _ocr_page(job: _Job, settings: ExtractSettings, workdir: Path) -> OcrResult:
    """Straighten, find grids, erase rules and OCR one rendered page (or replay the cache).

    The page is first read as rendered; only when that gives few words, or words that
    read poorly, is it read again turned, keeping the reading with the most dictionary
    words. Most pages are upright, and orientation detection costs a second of CPU.
    """
    image = _load(job)
    cached = _cache_paths(settings, job.key)
    if cached and cached.pdf.is_file() and cached.meta.is_file():
        meta = json.loads(cached.meta.read_text())
        turn, skew = meta["turn"], meta["skew"]
        straight = image.straightened(turn, skew)
        found = image_grids(straight.drawn, settings.dpi, settings.raster_line_scale)
        if cached.cells.is_file():
            stored = json.loads(cached.cells.read_text())
            cells = CellReading(
                words=tuple(CellWord(*w) for w in stored["words"]),
                replaced=tuple((b[0], b[1], b[2], b[3]) for b in stored["replaced"]),
            )
        else:
            erased = erase_rules(straight.smooth, found.rule_mask)
            stem = workdir / f"page-{job.number}-turn-{turn}"
            words = _layer_words(cached.pdf)
            cells = _second_pass(erased, found, words, stem, settings, redrawn_for_ocr(straight))
            _write_atomically(_cells_text(cells), cached.cells)
        return OcrResult(OcrPage(pdf=cached.pdf, grids=found.grids, turn=turn, cells=cells))
    attempt = _read_turned(image, 0, job, settings, workdir)
    if isinstance(attempt, str):
        return OcrResult(page=None, error=attempt)
    quality = judge_text(" ".join(w.text for w in attempt.words))
    garbled = not quality.reads_as_words(settings.min_word_validity)
    if settings.ocr_rotate and (garbled or quality.words < MIN_WORDS_TO_JUDGE):
        # OSD's answer when it is sure. When OSD is unsure, a page that reads as garbage
        # gets both quarter turns (a table pasted sideways under an upright header), and
        # so does a ruled page that reads few words (see `_unsure_turns`); an unruled
        # page with few words may just be nearly empty, and is left alone. OSD can also
        # be sure and half a turn off (small, blurred print): a page that still reads as
        # garbage in OSD's turn is read in the opposite one too.
        turn = orientation(image.drawn, settings.ocr_timeout_s)
        unsure, needed = _unsure_turns(garbled, bool(attempt.grids)) if turn is None else ([], 0)
        opposite = [(turn + 180) % 360] if turn and turn != 180 else []
        for candidate in [turn, *opposite] if turn else unsure:
            if candidate in opposite and _reads_well(attempt.words, settings):
                continue
            turned = _read_turned(image, candidate, job, settings, workdir)
            if isinstance(turned, str):
                return OcrResult(page=None, error=turned)
            valid = _valid_words(turned.words)
            if valid > _valid_words(attempt.words) and (turn or valid >= needed):
                attempt = turned
        for candidate in _other_turns(turn):
            # OSD sure of a turn and a quarter off: neither its turn nor the opposite
            # one read as words, so the two left are read; one replaces the page's
            # reading only when it reads as words.
            if _reads_well(attempt.words, settings):
                break
            turned = _read_turned(image, candidate, job, settings, workdir)
            if isinstance(turned, str):
                return OcrResult(page=None, error=turned)
            if _reads_well(turned.words, settings) and _valid_words(turned.words) > _valid_words(
                attempt.words
            ):
                attempt = turned
    if cached:
        _store(attempt, cached)
    return OcrResult(
        OcrPage(pdf=attempt.pdf, grids=attempt.grids, turn=attempt.turn, cells=attempt.cells)
    )


@dataclass(frozen=True)
class _Attempt:
    pdf: Path
    grids: tuple[Grid, ...]
    turn: int
    skew: float
    words: tuple[Word, ...]
    cells: CellReading


def _read_turned(
    image: PageImage, turn: int, job: _Job, settings: ExtractSettings, workdir: Path
) -> _Attempt | str:
    """OCR `image` turned clockwise by `turn`; the attempt, or the OCR error message."""
    skew = skew_angle(apply(image.drawn, turn, 0.0)) if settings.deskew else 0.0
    straight = image.straightened(turn, skew)
    found = image_grids(straight.drawn, settings.dpi, settings.raster_line_scale)
    erased = erase_rules(straight.smooth, found.rule_mask)
    stem = workdir / f"page-{job.number}-turn-{turn}"
    erased_path = stem.with_suffix(".png")
    cv2.imwrite(str(erased_path), _undithered(erased, found, settings.dpi))
    produced = stem.with_suffix(".pdf")
    error = _run_page_ocr(erased_path, produced, settings)
    if error is not None:
        return error
    words = tuple(_layer_words(produced))
    cells = _second_pass(erased, found, words, stem, settings, redrawn_for_ocr(straight))
    return _Attempt(pdf=produced, grids=found.grids, turn=turn, skew=skew, words=words, cells=cells)


def _undithered(erased: Image, found: ImageGrids, dpi: int) -> Image:
    """What page OCR reads: the rule-erased page with the coarse dither of its shaded
    cells cleared (`undither_cells`), whose dots page OCR reads as words and runs into
    the labels above them. The second pass gets the page as erased: it finds the shaded
    cells on it, reads them again and replaces the page's words there."""
    boxes = [
        layout.span_bbox(span) for layout in map(lay_out, found.grids) for span in layout.spans
    ]
    return undither_cells(erased, boxes, dpi / 72.0)


def _second_pass(
    erased: Image,
    found: ImageGrids,
    words: Sequence[Word],
    stem: Path,
    settings: ExtractSettings,
    redrawn: bool,
) -> CellReading:
    """The second pass over the cells of `found` on the rule-erased page image, and, on a
    page OCR reads as drawn (not `redrawn`, `render_page.redrawn_for_ocr`), the final
    stops page OCR left out of the page's other `words` (find_lost_stops)."""
    cells = reread_cells(
        erased,
        found.rule_mask,
        [lay_out(grid) for grid in found.grids],
        words,
        settings.dpi,
        settings.ocr_languages,
        stem.with_name(stem.name + "-cells.png"),
        settings.ocr_timeout_s,
    )
    if redrawn:
        return cells
    kept = [word for word in words if not cells.replaces(word)]
    return cells.plus(find_lost_stops(erased, kept, settings.dpi))


def _cells_text(cells: CellReading) -> str:
    """The cache file of a page's second pass."""
    return json.dumps(
        {"words": [astuple(w) for w in cells.words], "replaced": cells.replaced}, sort_keys=True
    )


def _unsure_turns(garbled: bool, ruled: bool) -> tuple[list[int], int]:
    """The quarter turns to read a page in when OSD is unsure of it, and the dictionary
    words a turned reading needs to replace the upright one.

    `garbled`: the upright reading reads as garbage; any turned reading with more
    dictionary words replaces it. `ruled`: a grid was found on the upright image while
    its reading has fewer than MIN_WORDS_TO_JUDGE words: a ruled table holds text, and a
    table pasted sideways in blurred print reads next to nothing upright (PermenPANRB
    52/2014 p. 43: 0 words; p. 31: 10, 2 in the dictionary; read at 90°: 38 and 82
    dictionary words; OSD unsure of both). A table of figures reads few words in any
    turn, so a turned reading replaces it only with MIN_WORDS_TO_JUDGE dictionary words.
    Neither: no turn (a nearly empty page).
    """
    if garbled:
        return [90, 270], 0
    if ruled:
        return [90, 270], MIN_WORDS_TO_JUDGE
    return [], 0


def _other_turns(turn: int | None) -> list[int]:
    """The quarter turns not yet read when OSD was sure of `turn` (not 0) and neither
    `turn` nor its opposite read as words: OSD can be sure and a quarter off on blurred
    strips of small print pasted sideways (PermenPANRB 52/2014 p. 41: OSD sure of 180°,
    the page reads at 90°). None or 0 (OSD unsure, or sure the page is upright): none,
    the unsure turns are `_unsure_turns`'."""
    if not turn:
        return []
    return [t for t in (90, 180, 270) if t not in (turn, (turn + 180) % 360)]


def _reads_well(words: Sequence[Word], settings: ExtractSettings) -> bool:
    """Enough words to judge, and they read as words (no words at all is no reading)."""
    quality = judge_text(" ".join(w.text for w in words))
    return quality.words >= MIN_WORDS_TO_JUDGE and quality.reads_as_words(
        settings.min_word_validity
    )


def _valid_words(words: Sequence[Word]) -> float:
    return judge_text(" ".join(w.text for w in words)).dictionary_words


def _layer_words(pdf_path: Path) -> list[Word]:
    """The words of a one-page OCR'd PDF's text layer, without a '|' anywhere: they judge
    the reading and find the cells to read again, where a capital I read as a stroke
    ('Semester |', kept by `ocr_chars` for the page's text) is no mark of either."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        try:
            chars = [c for c in page.chars if c["text"] != "|"]
            return read_words(chars, lambda _: None, text_flow=True)
        finally:
            page.close()


@dataclass(frozen=True)
class _CacheEntry:
    """Where a page's OCR is cached: the OCR'd PDF, its turn and skew, its second pass."""

    pdf: Path
    meta: Path
    cells: Path


def _cache_paths(settings: ExtractSettings, key: str) -> _CacheEntry | None:
    if settings.ocr_cache_dir is None:
        return None
    folder = settings.ocr_cache_dir / key[:2]
    cell_key = hashlib.sha256(_CELL_METHOD.encode()).hexdigest()[:16]
    return _CacheEntry(
        pdf=folder / f"{key}.pdf",
        meta=folder / f"{key}.json",
        cells=folder / f"{key}.cells-{cell_key}.json",
    )


def _run_page_ocr(image: Path, produced: Path, settings: ExtractSettings) -> str | None:
    """Run tesseract on `image`: a one-page text-only PDF at `produced` (a `.pdf` path),
    its page the image's size at `settings.dpi`; the error message, or None on success."""
    done = run_tesseract(
        [
            str(image),
            str(produced.with_suffix("")),
            "--dpi",
            str(settings.dpi),
            "-l",
            "+".join(settings.ocr_languages),
            "--psm",
            str(settings.ocr_psm),
            "-c",
            "textonly_pdf=1",
            "pdf",
        ],
        settings.ocr_timeout_s,
    )
    if done is None:
        return f"OCR took longer than {settings.ocr_timeout_s:g} s"
    if done.returncode != 0 or not produced.is_file():
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        return lines[-1] if lines else f"tesseract exit status {done.returncode}"
    return None


def _store(attempt: _Attempt, cached: _CacheEntry) -> None:
    """Put a result in the cache: the PDF first, then its turn and skew, then its second
    pass, each atomically (a reader sees a complete entry or none; an entry without its
    second pass has the pass redone). The cache is optional: one that cannot be written
    is skipped, and the result is read from where it was made either way."""
    pdf_part = cached.pdf.with_name(cached.pdf.name + _part_suffix())
    try:
        cached.pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(attempt.pdf, pdf_part)
        os.replace(pdf_part, cached.pdf)
    except OSError:
        pdf_part.unlink(missing_ok=True)
        return
    _write_atomically(_cells_text(attempt.cells), cached.cells)
    _write_atomically(
        json.dumps({"turn": attempt.turn, "skew": attempt.skew}, sort_keys=True), cached.meta
    )


def _write_atomically(text: str, path: Path) -> None:
    """Write `text` to `path` through a temporary file; skipped when it cannot be written."""
    part = path.with_name(path.name + _part_suffix())
    try:
        part.write_text(text)
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)


def _part_suffix() -> str:
    """A temporary file's suffix no other process or thread writing the cache uses."""
    return f".{os.getpid()}.{threading.get_ident()}.tmp"


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
