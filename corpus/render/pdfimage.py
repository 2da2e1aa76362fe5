"""Image-only PDFs and deterministic saving (pikepdf)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class PageImage:
    """A grayscale JPEG and the page size (points) it fills."""

    jpeg: bytes
    width_px: int
    height_px: int
    page_width: float
    page_height: float


def image_pdf(pages: list[PageImage]) -> bytes:
    """A PDF whose pages each show one JPEG over the whole page, and nothing else."""
    pdf = pikepdf.new()
    for page in pages:
        image = pikepdf.Stream(pdf, page.jpeg)
        image.Type = pikepdf.Name.XObject
        image.Subtype = pikepdf.Name.Image
        image.Width = page.width_px
        image.Height = page.height_px
        image.ColorSpace = pikepdf.Name.DeviceGray
        image.BitsPerComponent = 8
        image.Filter = pikepdf.Name.DCTDecode
        content = f"q {page.page_width:.4f} 0 0 {page.page_height:.4f} 0 0 cm /Im0 Do Q".encode()
        dictionary = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, page.page_width, page.page_height],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pdf.make_stream(content),
        )
        pdf.pages.append(pikepdf.Page(dictionary))
    return deterministic_save(pdf)


def rename_xobjects(pdf: pikepdf.Pdf, page: pikepdf.Page, renames: dict[str, str]) -> None:
    """Rename XObjects of `page` (e.g. pikepdf's or ocrmypdf's random '/OCR-x7Fq...' names)
    in its resources and its content stream, so that output bytes do not vary."""
    if not renames:
        return
    xobjects = page.Resources.XObject
    for old, new in renames.items():
        xobjects[new] = xobjects[old]
        del xobjects[old]
    contents = page.Contents
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
    content = b"\n".join(stream.read_bytes() for stream in streams)
    for old, new in renames.items():
        content = content.replace(old.encode() + b" ", new.encode() + b" ")
    page.Contents = pdf.make_stream(content)


def deterministic_save(pdf: pikepdf.Pdf) -> bytes:
    """Save without dates or XMP metadata and with an /ID derived from the content."""
    if pikepdf.Name.Metadata in pdf.Root:
        del pdf.Root[pikepdf.Name.Metadata]
    for key in ("/CreationDate", "/ModDate"):
        if key in pdf.docinfo:
            del pdf.docinfo[key]
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True, linearize=False)
    return buffer.getvalue()
