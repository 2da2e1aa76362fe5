"""Bounded mutation fuzzing of the corpus PDFs (run by `make eval`).

Each mutant (truncated, bytes flipped, objects shuffled) goes through the real batch
runner with a timeout. Every outcome must be a valid document or a typed error: no
internal error, no crash of a worker, no hang.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lampiran.batch import run_batch
from lampiran.settings import RunSettings
from schemas.decree import Decree

MUTATIONS = ("truncate", "flip", "shuffle")


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """One mutant of `data`: cut at a random point, ~20 random bytes changed, or two
    `obj ... endobj` blocks swapped (which breaks the cross-reference offsets)."""
    if kind == "truncate":
        return data[: rng.randrange(16, max(17, len(data) - 1))]
    if kind == "flip":
        buffer = bytearray(data)
        for _ in range(20):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        return bytes(buffer)
    objects = list(re.finditer(rb"\d+ 0 obj.*?endobj", data, flags=re.S))
    if len(objects) < 2:
        return data[::-1]
    a, b = sorted(rng.sample(objects, 2), key=lambda m: m.start())
    return data[: a.start()] + b.group() + data[a.end() : b.start()] + a.group() + data[b.end() :]


@dataclass(frozen=True)
class FuzzSummary:
    """How the mutants ended."""

    tried: int
    valid_documents: int
    typed_errors: int
    bad: tuple[str, ...]
    """Outcomes that were neither: internal errors, crashes, timeouts, invalid output."""


def fuzz(
    seeds: list[Path], work: Path, per_seed: int, seed: int = 0, timeout_s: float = 120.0
) -> FuzzSummary:
    """Mutate each of `seeds` `per_seed` times into `work`, ingest them all, classify outcomes."""
    rng = random.Random(seed)
    inputs = work / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    mutants: list[Path] = []
    for source in seeds:
        data = source.read_bytes()
        for n in range(per_seed):
            kind = MUTATIONS[n % len(MUTATIONS)]
            path = inputs / f"{source.parent.parent.name}-{source.stem}-{kind}-{n}.pdf"
            path.write_bytes(mutate(data, kind, rng))
            mutants.append(path)
    settings = RunSettings(jobs=2, timeout_s=timeout_s, force=True)
    report = run_batch(mutants, work / "outputs", settings)
    outcomes: Counter[str] = Counter()
    bad: list[str] = []
    for result in report.results:
        if result.status == "failed":
            error = result.error or ""
            if "internal error" in error or "crashed" in error or "timed out" in error:
                bad.append(error)
            else:
                outcomes["typed"] += 1
            continue
        assert result.output is not None
        try:
            Decree.model_validate_json((work / "outputs" / result.output).read_bytes())
            outcomes["valid"] += 1
        except ValueError as exc:
            bad.append(f"{result.input}: invalid output: {exc}")
    return FuzzSummary(len(mutants), outcomes["valid"], outcomes["typed"], tuple(bad))
