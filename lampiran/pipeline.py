"""One PDF through the stages: extract, normalize, validate."""

from __future__ import annotations

from pathlib import Path

import extract
import normalize
from lampiran.settings import RunSettings
from schemas.decree import Decree


def process_pdf(path: Path, settings: RunSettings) -> Decree:
    """Read `path` and return its validated `Decree`.

    Raises a `schemas.errors.LampiranError` subclass for input it cannot read; never
    returns a half-built document.
    """
    raw = extract.read_pdf(path, settings.extract)
    return normalize.normalize_document(raw, settings.normalize)
