"""Shared configuration of every contract model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable, strict model: unknown keys are an error, instances cannot change."""

    model_config = ConfigDict(frozen=True, extra="forbid")
