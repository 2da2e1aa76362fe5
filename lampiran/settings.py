"""The typed settings of one run, composed from the stages' own settings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from extract import ExtractSettings
from lampiran import __version__
from normalize import NormalizeSettings


@dataclass(frozen=True)
class RunSettings:
    """Everything that decides what a run produces, plus how it is scheduled."""

    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    jobs: int = 1
    """CPU cores to use: documents run side by side, and each one's OCR pages share what
    is left (`lampiran ingest` defaults to all cores)."""
    timeout_s: float = 900.0
    memory_mb: int = 6144
    """Address space allowed to one worker process; a document needing more fails alone."""
    force: bool = False

    def fingerprint(self) -> str:
        """Hash of the settings that shape the output (not jobs/timeout/force) and the version.

        Two runs with the same fingerprint and the same input bytes give the same JSON,
        so a re-run may skip such inputs.
        """
        shaping = (__version__, repr(self.extract), repr(self.normalize))
        return hashlib.sha256("\n".join(shaping).encode()).hexdigest()[:16]
