"""Errors of the corpus renderer (subclasses of the project's typed errors)."""

from __future__ import annotations

from schemas.errors import LampiranError


class RenderError(LampiranError):
    """A gold decree cannot be typeset or a variant cannot be produced."""
