"""Open a PDF safely: refuse what cannot or must not be read, with one-line typed errors.

The checks run on the bytes and on qpdf's (pikepdf's) object model before any content is
parsed. Nothing embedded in a PDF is ever run or followed: JavaScript, launch actions,
embedded files and links are only detected, reported as a warning, and ignored (no reader
used here executes them; pdfium is used without its form/JavaScript environment).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from extract.settings import ExtractSettings
from schemas.decree import PipelineWarning
from schemas.errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NotAPdfError,
)

_HEADER_WINDOW = 1024
_TRAILER_WINDOW = 2048


@dataclass(frozen=True)
class PdfSource:
    """A PDF that passed every check.

    `readable` is the file the readers parse: the input itself, or a decrypted or
    repaired copy of it that lives as long as the `open_pdf` context.
    """

    path: Path
    readable: Path
    sha256: str
    n_pages: int
    warnings: tuple[PipelineWarning, ...]


@contextmanager
def open_pdf(path: Path, settings: ExtractSettings) -> Iterator[PdfSource]:
    """Check `path` and yield it as a `PdfSource`.

    Raises `InputError` subclasses: `NotAPdfError`, `CorruptPdfError` (also when
    truncated), `EncryptedPdfError` (user password needed; owner-password-only PDFs are
    read), `EmptyPdfError`, `LimitExceededError` (pages, image size).
    """
    data = _read_bytes(path)
    _check_bytes(path, data)
    with tempfile.TemporaryDirectory(prefix="lampiran-extract-") as tmp:
        pdf = _open_qpdf(path)
        with pdf:
            n_pages = len(pdf.pages)
            if n_pages == 0:
                raise EmptyPdfError(path, "the PDF has no pages")
            if n_pages > settings.max_pages:
                raise LimitExceededError(
                    path, f"{n_pages} pages, more than the limit of {settings.max_pages}"
                )
            _check_images(path, pdf, settings.max_image_pixels)
            warnings = _active_content_warnings(pdf)
            readable = path
            repaired = bool(pdf.get_warnings())
            if pdf.is_encrypted or repaired:
                # pdfminer and camelot refuse some owner-password PDFs (extraction
                # "not allowed") and trip on damage qpdf repairs: give them a clean copy.
                readable = Path(tmp) / "readable.pdf"
                pdf.save(readable, encryption=False)
            if repaired:
                warnings += (
                    PipelineWarning(
                        code="pdf_repaired",
                        message="The PDF's structure was damaged and was repaired before "
                        "reading; check the output against the file.",
                    ),
                )
        yield PdfSource(
            path=path,
            readable=readable,
            sha256=hashlib.sha256(data).hexdigest(),
            n_pages=n_pages,
            warnings=warnings,
        )


def check_render_size(
    path: Path, page: int, width: float, height: float, dpi: int, max_pixels: int
) -> None:
    """Refuse to render a page (points) at `dpi` if the image would exceed `max_pixels`."""
    pixels = round(width * dpi / 72) * round(height * dpi / 72)
    if pixels > max_pixels:
        raise LimitExceededError(
            path,
            f"page {page} would render to {pixels} pixels at {dpi} dpi, "
            f"more than the limit of {max_pixels}",
        )


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def _check_bytes(path: Path, data: bytes) -> None:
    if not data:
        raise NotAPdfError(path, "the file is empty, not a PDF")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise NotAPdfError(path, f"not a PDF: it starts with {_describe_start(data)}")
    if b"%%EOF" not in data[-_TRAILER_WINDOW:]:
        raise CorruptPdfError(path, "truncated: the PDF does not end with %%EOF")


def _describe_start(data: bytes) -> str:
    head = data[:64].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in data[:_HEADER_WINDOW].lower():
        return "HTML (a web page saved as .pdf?)"
    text = data[:24].decode("latin-1")
    printable = "".join(ch if ch.isprintable() else "." for ch in text)
    return repr(printable)


def _open_qpdf(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise EncryptedPdfError(path, "encrypted: a user password is needed to open it") from None
    except pikepdf.PdfError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorruptPdfError(path, f"corrupt PDF: {reason}") from None


def _check_images(path: Path, pdf: pikepdf.Pdf, max_pixels: int) -> None:
    """Every image XObject, also inside forms, must hold at most `max_pixels` pixels."""
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        stack = [page.obj.get("/Resources")]
        while stack:
            resources = stack.pop()
            if not isinstance(resources, pikepdf.Dictionary):
                continue
            xobjects = resources.get("/XObject")
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for _, xobject in xobjects.items():
                if not isinstance(xobject, pikepdf.Stream):
                    continue
                if xobject.is_indirect:
                    if xobject.objgen in seen:
                        continue
                    seen.add(xobject.objgen)
                subtype = xobject.get("/Subtype")
                if subtype == pikepdf.Name.Image:
                    pixels = int(xobject.get("/Width", 0)) * int(xobject.get("/Height", 0))
                    if pixels > max_pixels:
                        raise LimitExceededError(
                            path,
                            f"page {number} holds an image of {pixels} pixels, "
                            f"more than the limit of {max_pixels}",
                        )
                elif subtype == pikepdf.Name.Form:
                    stack.append(xobject.get("/Resources"))


def _active_content_warnings(pdf: pikepdf.Pdf) -> tuple[PipelineWarning, ...]:
    """Name the kinds of active or embedded content present (never acted upon).

    Plain links are not reported: they are common in exported decrees and harmless when
    not followed.
    """
    root = pdf.Root
    kinds: set[str] = set()
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            kinds.add("JavaScript")
        if "/EmbeddedFiles" in names:
            kinds.add("embedded files")
    for action in _actions(root.get("/OpenAction")) + _actions(root.get("/AA")):
        kinds.add(_action_kind(action))
    acroform = root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        kinds.add("XFA form")
    for page in pdf.pages:
        for action in _actions(page.obj.get("/AA")):
            kinds.add(_action_kind(action))
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            if annot.get("/Subtype") == pikepdf.Name.FileAttachment:
                kinds.add("embedded files")
            for action in _actions(annot.get("/A")) + _actions(annot.get("/AA")):
                kinds.add(_action_kind(action))
    kinds.discard("")
    if not kinds:
        return ()
    return (
        PipelineWarning(
            code="active_content_ignored",
            message=f"The PDF contains {', '.join(sorted(kinds))}; it was ignored, not run.",
        ),
    )


def _actions(obj: object) -> list[pikepdf.Dictionary]:
    """The action dictionaries in an /OpenAction, /A or /AA entry."""
    if not isinstance(obj, pikepdf.Dictionary):
        return []
    if "/S" in obj:
        return [obj]
    return [value for _, value in obj.items() if isinstance(value, pikepdf.Dictionary)]


def _action_kind(action: pikepdf.Dictionary) -> str:
    kind = str(action.get("/S", ""))
    return {
        "/JavaScript": "JavaScript",
        "/Launch": "launch actions",
        "/SubmitForm": "form submission",
        "/ImportData": "data import",
        "/GoToE": "embedded files",
    }.get(kind, "")
