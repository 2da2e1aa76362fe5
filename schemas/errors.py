"""Typed errors. Each carries the file it concerns and a message a user can act on.

The CLI prints `str(error)` as one line and maps the class to an exit code.
"""

from __future__ import annotations

from pathlib import Path


class LampiranError(Exception):
    """Base of every error lampiran raises on purpose."""

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(LampiranError):
    """The input cannot be read as a decree PDF (missing, not a PDF, corrupt, ...)."""


class NotAPdfError(InputError):
    """The file is not a PDF at all."""


class CorruptPdfError(InputError):
    """The file claims to be a PDF but cannot be parsed."""


class EncryptedPdfError(InputError):
    """The PDF needs a user password."""


class EmptyPdfError(InputError):
    """The PDF has no pages."""


class LimitExceededError(InputError):
    """The PDF exceeds a configured limit (pages, image size, time)."""


class OcrUnavailableError(LampiranError):
    """A page needs OCR but the OCR engine or its language data is missing."""


class OutputError(LampiranError):
    """The output cannot be written (read-only folder, disk full, ...)."""


class SchemaError(LampiranError):
    """A document does not satisfy the output contract."""
