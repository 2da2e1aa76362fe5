"""A PDF to a RawDocument: open, classify pages, OCR where needed, find tables, read lines.

Pages are read in chunks so memory stays bounded on long documents; within a chunk,
camelot runs once per engine and OCR runs its pages in parallel.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pdfplumber.page
import pypdfium2
from pdfminer.pdfexceptions import PDFException, PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pypdfium2 import PdfiumError

from extract import fix_char_spacing
from extract.classify_pages import PageFacts, classify_page, doubt_ocr_layer
from extract.find_grids import (
    Grid,
    TableFinderError,
    camelot_grids,
    pdfplumber_grids,
    shaded_boxes,
)
from extract.find_tables import PageTables, read_page_tables
from extract.ocr_pages import OcrResult, ocr_engine, ocr_pages
from extract.open_pdf import PdfSource, check_render_size, open_pdf
from extract.read_lines import text_lines
from extract.read_scans import straighten_scan
from extract.read_words import (
    Char,
    Word,
    decode_symbols,
    dedupe_chars,
    ocr_chars,
    read_words,
)
from extract.settings import ExtractSettings
from extract.text_quality import judge_text
from schemas.decree import PipelineWarning
from schemas.errors import CorruptPdfError, InputError
from schemas.raw import BBox, OcrEngine, RawDocument, RawPage, RawTable

# Before any page is parsed: pdfminer misplaces glyphs spaced with Tc.
fix_char_spacing.install()

CHUNK_PAGES = 20


@dataclass(frozen=True)
class _PageContent:
    """What one page (native or OCR'd) holds before its tables are chosen."""

    facts: PageFacts
    chars: tuple[Char, ...]
    words: tuple[Word, ...]
    second_grids: tuple[Grid, ...]
    ocr_text: bool
    """The text is an OCR layer (ours or the PDF's own on a scan): read in stream order."""
    ocred: bool
    """The text comes from our OCR of the page."""
    shades: tuple[BBox, ...] = ()
    """Filled cell backgrounds of a vector page."""


@dataclass(frozen=True)
class _PageResult:
    page: RawPage
    tables: tuple[RawTable, ...]
    warnings: tuple[PipelineWarning, ...]
    ocr_used: bool


_CONTENT_ERRORS = (PDFException, PSException, PdfminerException, MalformedPDFException, PdfiumError)


def read_document(
    path: Path, pages: Sequence[int] | None, settings: ExtractSettings
) -> RawDocument:
    """Read `pages` (1-based; None for all) of the PDF at `path`.

    Raises `InputError` subclasses for input that cannot be read and
    `OcrUnavailableError` when a page needs OCR that is not installed.
    """
    with open_pdf(path, settings) as source:
        numbers = _select_pages(source, pages)
        results: list[_PageResult] = []
        warnings: list[PipelineWarning] = list(source.warnings)
        engine: OcrEngine | None = None
        for start in range(0, len(numbers), CHUNK_PAGES):
            try:
                chunk_results, chunk_warnings, chunk_engine = _read_chunk(
                    source, numbers[start : start + CHUNK_PAGES], settings
                )
            except _CONTENT_ERRORS as exc:
                # The file opened but a page's content stream is damaged (found by fuzzing).
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise CorruptPdfError(path, f"corrupt page content: {first}") from exc
            results.extend(chunk_results)
            warnings.extend(chunk_warnings)
            engine = engine or chunk_engine
        used = any(r.ocr_used for r in results)
        return RawDocument(
            file=path.name,
            sha256=source.sha256,
            pages=tuple(r.page for r in results),
            tables=tuple(t for r in results for t in r.tables),
            ocr_engine=engine if used else None,
            warnings=tuple(warnings) + tuple(w for r in results for w in r.warnings),
        )


def _select_pages(source: PdfSource, pages: Sequence[int] | None) -> list[int]:
    if pages is None:
        return list(range(1, source.n_pages + 1))
    for number in pages:
        if not 1 <= number <= source.n_pages:
            raise InputError(
                source.path, f"there is no page {number}: the PDF has {source.n_pages} pages"
            )
    return sorted(set(pages))


def _read_chunk(
    source: PdfSource, numbers: Sequence[int], settings: ExtractSettings
) -> tuple[list[_PageResult], list[PipelineWarning], OcrEngine | None]:
    """Read pages `numbers`: their contents, OCR where wanted, grids, then tables and lines.

    Returns the pages' results, chunk-level warnings and the OCR engine if one was used.
    """
    warnings: list[PipelineWarning] = []
    with pdfplumber.open(source.readable) as pdf:
        contents = {n: _page_content(pdf.pages[n - 1], n, settings) for n in numbers}
    wanted = [n for n in numbers if contents[n].facts.ocr_reason and settings.ocr]
    engine = ocr_engine(source.path, settings.ocr_languages) if wanted else None
    with tempfile.TemporaryDirectory(prefix="lampiran-ocr-") as tmp:
        ocr: dict[int, OcrResult] = {}
        if engine is not None:
            ocr = ocr_pages(
                source,
                [(n, contents[n].facts.width, contents[n].facts.height) for n in wanted],
                engine,
                settings,
                Path(tmp),
            )
        ocred = _better_readings(_ocr_contents(ocr, contents, settings), contents)
        vector = [
            n
            for n in numbers
            if n not in ocred and contents[n].facts.has_rules and not contents[n].facts.scanned
        ]
        scans = [n for n in numbers if n not in ocred and contents[n].facts.scanned]
        grids = _camelot(source.readable, vector, warnings)
        straightened = _straighten_scans(source, scans, contents, settings, Path(tmp))
        for n, (content, page_grids) in (ocred | straightened).items():
            contents[n] = content
            grids[n] = list(page_grids)
        results = []
        for n in numbers:
            content = contents[n]
            tables = read_page_tables(
                n,
                content.chars,
                content.words,
                grids.get(n, []),
                content.second_grids,
                text_flow=content.ocr_text,
                shades=content.shades,
            )
            results.append(_page_result(content, tables, ocr.get(n), settings))
    return results, warnings, engine


def _page_content(
    page: pdfplumber.page.Page, number: int, settings: ExtractSettings, ocred: bool = False
) -> _PageContent:
    """Characters, zone-less words, facts and pdfplumber grids of one page (`ocred`: a
    page of our OCR output).

    A scan's own text layer is an OCR layer too, and is read like ours.
    """
    try:
        chars = dedupe_chars(decode_symbols(page.chars))
        words = read_words(chars, _no_zone)
        facts = classify_page(page, number, words, settings.min_word_validity)
        ocr_text = ocred or facts.scanned
        if ocr_text:
            chars = ocr_chars(page.chars)
            words = read_words(chars, _no_zone, text_flow=True)
        if not ocred:
            facts = doubt_ocr_layer(facts, words)
        vector = facts.has_rules and not ocr_text
        second = tuple(pdfplumber_grids(page)) if vector else ()
        shades = shaded_boxes(page) if vector else ()
    finally:
        page.close()
    return _PageContent(
        facts=facts,
        chars=tuple(chars),
        words=tuple(words),
        second_grids=second,
        ocr_text=ocr_text,
        ocred=ocred,
        shades=shades,
    )


def _no_zone(_: Char) -> None:
    return None


def _ocr_contents(
    ocr: dict[int, OcrResult], native: dict[int, _PageContent], settings: ExtractSettings
) -> dict[int, tuple[_PageContent, tuple[Grid, ...]]]:
    """The OCR'd pages' contents and image grids; rotation counts the OCR's turn too."""
    contents: dict[int, tuple[_PageContent, tuple[Grid, ...]]] = {}
    for number, result in sorted(ocr.items()):
        if result.page is None:
            continue
        with pdfplumber.open(result.page.pdf) as pdf:
            content = _page_content(pdf.pages[0], number, settings, ocred=True)
        turned = (native[number].facts.rotation + result.page.turn) % 360
        facts = replace(content.facts, rotation=turned, scanned=True, ocr_reason=None)
        chars = result.page.cells.applied_to(content.chars)
        words = tuple(read_words(chars, _no_zone, text_flow=True))
        contents[number] = (
            replace(content, facts=facts, chars=chars, words=words),
            result.page.grids,
        )
    return contents


def _better_readings(
    ocred: dict[int, tuple[_PageContent, tuple[Grid, ...]]], native: dict[int, _PageContent]
) -> dict[int, tuple[_PageContent, tuple[Grid, ...]]]:
    """The OCR'd pages (`ocred`) whose OCR reading is used: all but those OCR'd for a
    second opinion whose own layer (`native`) reads at least as many dictionary words.

    Invariant: only pages with `second_opinion` can be left out; they are then read as
    scans with their own layer.
    """
    return {
        number: reading
        for number, reading in ocred.items()
        if not native[number].facts.second_opinion
        or _dictionary_words(reading[0].words) > _dictionary_words(native[number].words)
    }


def _dictionary_words(words: Sequence[Word]) -> float:
    return judge_text(" ".join(w.text for w in words)).dictionary_words


def _straighten_scans(
    source: PdfSource,
    numbers: Sequence[int],
    native: dict[int, _PageContent],
    settings: ExtractSettings,
    workdir: Path,
) -> dict[int, tuple[_PageContent, tuple[Grid, ...]]]:
    """Scanned pages with their own text layer, deskewed, with their image grids
    (`workdir`: a folder for scratch images)."""
    if not numbers:
        return {}
    contents: dict[int, tuple[_PageContent, tuple[Grid, ...]]] = {}
    document = pypdfium2.PdfDocument(str(source.readable))
    try:
        for number in numbers:
            facts = native[number].facts
            check_render_size(
                source.path,
                number,
                facts.width,
                facts.height,
                settings.dpi,
                settings.max_image_pixels,
            )
            scan = straighten_scan(
                document,
                number,
                facts.width,
                facts.height,
                native[number].chars,
                settings,
                workdir / f"scan-{number}-cells.png",
            )
            words = tuple(read_words(scan.chars, _no_zone, text_flow=True))
            content = replace(native[number], chars=scan.chars, words=words)
            contents[number] = (content, scan.grids)
    finally:
        document.close()
    return contents


def _camelot(
    path: Path, pages: Sequence[int], warnings: list[PipelineWarning]
) -> dict[int, list[Grid]]:
    """Camelot's vector-engine grids by page; on failure a warning and no grids."""
    try:
        return camelot_grids(path, pages)
    except TableFinderError as exc:
        warnings.append(
            PipelineWarning(
                code="table_finder_failed",
                message=f"camelot failed on pages {', '.join(map(str, pages))} ({exc}); "
                "their tables come from pdfplumber only.",
            )
        )
        return {}


def _page_result(
    content: _PageContent, tables: PageTables, ocr: OcrResult | None, settings: ExtractSettings
) -> _PageResult:
    facts = content.facts
    warnings = list(tables.warnings)
    if content.ocred:
        layer = "ocr"
        if not judge_text(" ".join(w.text for w in content.words)).usable(
            settings.min_word_validity
        ):
            warnings.append(
                PipelineWarning(
                    code="ocr_text_poor",
                    page=facts.number,
                    message=f"The OCR text of page {facts.number} reads poorly; check it "
                    "against the page image.",
                )
            )
    else:
        # Text over a page that is an image was put there by OCR software (a scanner's or
        # ocrmypdf's layer): it is OCR text, with OCR's errors, though not ours.
        layer = ("ocr" if facts.scanned else "native") if content.words else "none"
        reason = facts.ocr_reason
        if ocr is not None and ocr.error:
            warnings.append(
                PipelineWarning(
                    code="ocr_failed",
                    page=facts.number,
                    message=f"Page {facts.number} could not be OCR'd ({ocr.error}); "
                    f"its text is {'the PDF text layer' if content.words else 'missing'}.",
                )
            )
        elif reason and content.words and ocr is None:
            warnings.append(
                PipelineWarning(
                    code="poor_text_layer",
                    page=facts.number,
                    message=f"Page {facts.number}: {reason}, and OCR is off; its text may be "
                    "incomplete or garbled.",
                )
            )
    page = RawPage(
        number=facts.number,
        width=facts.width,
        height=facts.height,
        rotation=facts.rotation,
        orientation="landscape" if facts.width > facts.height else "portrait",
        text_layer=layer,
        lines=text_lines(tables.words),
    )
    return _PageResult(
        page=page, tables=tables.tables, warnings=tuple(warnings), ocr_used=content.ocred
    )
