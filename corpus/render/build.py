"""Rebuild the PDF variants of corpus decrees: every folder of `corpus/` with a gold.yaml.

For decree `<id>` it writes `corpus/<id>/pdf/`:
  born-digital.pdf      typeset from gold.yaml (as exported from Word)
  scan.pdf              born-digital printed, stamped and scanned: images only
  scan-ocr.pdf          scan + ocrmypdf text layer (tesseract ind+eng)
  scan-vendor-ocr.pdf   scan + invisible scanner-software text layer with the
                        transcript's OCR slips put back (corrections.yaml)
Everything is seeded from the decree id: a rebuild gives byte-identical files.
"""

from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pydantic
import yaml

from corpus.render.document import Rendered, render_decree
from corpus.render.errors import RenderError
from corpus.render.ocr import add_ocr_layer
from corpus.render.scan import make_scan
from corpus.render.settings import RenderSettings, ScanSettings
from corpus.render.vendor import Correction, add_vendor_text_layer
from schemas.gold import GoldDecree

CORPUS = Path(__file__).resolve().parents[1]

VARIANTS = ("born-digital", "scan", "scan-ocr", "scan-vendor-ocr")


@dataclass(frozen=True)
class Built:
    """What one decree's rebuild wrote: variant -> (pages, bytes), and corrections that
    matched nothing in the vendor text layer."""

    decree: str
    files: dict[str, tuple[int, int]]
    unmatched: tuple[Correction, ...]


def decree_ids(root: Path = CORPUS) -> list[str]:
    """Ids of every corpus decree (folders holding a gold.yaml), sorted."""
    return sorted(path.parent.name for path in root.glob("*/gold.yaml"))


def load_gold(folder: Path) -> GoldDecree:
    """The validated gold of a decree folder."""
    path = folder / "gold.yaml"
    try:
        return GoldDecree.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, pydantic.ValidationError) as error:
        first = str(error).splitlines()[0]
        raise RenderError(path, f"cannot load gold: {first}") from error


def load_corrections(folder: Path) -> list[Correction]:
    """The decree's transcript corrections (empty when it has no corrections.yaml)."""
    path = folder / "corrections.yaml"
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    try:
        return [Correction(transcript=e["transcript"], gold=e["gold"]) for e in entries]
    except (TypeError, KeyError) as error:
        raise RenderError(path, f"each entry needs 'transcript' and 'gold': {error}") from error


def scan_settings(gold: GoldDecree, rendered: Rendered) -> ScanSettings:
    """Scanner settings of a decree: seeded by its id, stamps on its signatures naming
    its institution."""
    institution = gold.metadata.institution or " ".join(gold.letterhead[:2])
    return ScanSettings(seed=gold.id, stamps=rendered.signatures, stamp_text=institution.upper())


def build_decree(decree: str, root: Path = CORPUS) -> Built:
    """Render, scan, OCR and write all variants of one decree."""
    folder = root / decree
    gold = load_gold(folder)
    corrections = load_corrections(folder)
    rendered = render_decree(gold, RenderSettings())
    settings = scan_settings(gold, rendered)
    scan = make_scan(rendered.pdf, settings)
    vendor, applied = add_vendor_text_layer(scan, rendered.pdf, corrections, settings)
    outputs = {
        "born-digital": rendered.pdf,
        "scan": scan,
        "scan-ocr": add_ocr_layer(scan),
        "scan-vendor-ocr": vendor,
    }
    target = folder / "pdf"
    target.mkdir(exist_ok=True)
    files: dict[str, tuple[int, int]] = {}
    for name in VARIANTS:
        (target / f"{name}.pdf").write_bytes(outputs[name])
        files[name] = (_page_count(outputs[name]), len(outputs[name]))
    unmatched = tuple(c for c in corrections if not applied.get(c))
    return Built(decree, files, unmatched)


def _page_count(pdf: bytes) -> int:
    """Pages of a PDF (counted by pikepdf)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def build(decrees: list[str], jobs: int = 2, root: Path = CORPUS) -> list[Built]:
    """Build several decrees, one process per decree (OCR itself runs single-threaded)."""
    for decree in decrees:
        if not (root / decree / "gold.yaml").exists():
            raise RenderError(root / decree, "no gold.yaml in this corpus folder")
    if jobs <= 1 or len(decrees) <= 1:
        return [build_decree(decree, root) for decree in decrees]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(build_decree, decrees, [root] * len(decrees)))
