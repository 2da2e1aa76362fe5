"""Shared fixtures: small decree PDFs rendered from the corpus gold, and broken inputs."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.render import RenderSettings, render_born_digital
from lampiran.corpus import CORPUS
from lampiran.evaluate import load_gold

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The project's shared material beside the repo (../shared): the seed transcripts and
the real PDFs the tests read (they are not copied into the repo)."""
CORPUS_REAL = SHARED / "corpus-real"
SEEDS = SHARED / "seeds"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop before any test when ../shared is missing: half the suite reads it, and a
    clone without it would otherwise fail test by test with FileNotFoundError."""
    if not (SEEDS.is_dir() and CORPUS_REAL.is_dir()):
        pytest.exit(
            f"{SHARED}: not found; the tests need the project's shared directory (seeds/, "
            "corpus-real/) beside the repo, as ../shared",
            returncode=4,
        )


@pytest.fixture(scope="session")
def small_decree_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short born-digital decree: the synthetic corpus decree cut to its first 6 rows."""
    gold = load_gold(CORPUS / "synthetic-dpk-contoh-2026" / "gold.yaml")
    table = gold.tables[0]
    short = gold.model_copy(update={"tables": [table.model_copy(update={"rows": table.rows[:6]})]})
    path = tmp_path_factory.mktemp("decree") / "small-decree.pdf"
    path.write_bytes(render_born_digital(short, RenderSettings()))
    return path


def text_only_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with text and no table."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    y = 780.0
    for line in lines:
        page.drawString(72, y, line)
        y -= 16
    page.showPage()
    page.save()
    return buffer.getvalue()


def encrypted_pdf(source: bytes, user_password: str) -> bytes:
    """`source` encrypted with an owner password and, if given, a user password."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(source)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user=user_password))
    return out.getvalue()


def zero_page_pdf() -> bytes:
    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def huge_image_pdf() -> bytes:
    """A page holding an image that claims 60000 x 60000 pixels (a decompression bomb)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    image = pikepdf.Stream(pdf, b"\x00" * 16)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 60000, 60000, 8
    image.ColorSpace = pikepdf.Name.DeviceGray
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
