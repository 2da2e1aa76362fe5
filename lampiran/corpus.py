"""The bundled corpus: decrees with gold, their PDF variants and expected outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
VARIANTS = ("born-digital", "scan", "scan-ocr", "scan-vendor-ocr")


@dataclass(frozen=True)
class CorpusDecree:
    """One corpus decree: its folder, gold, labels and variant PDFs."""

    folder: Path

    @property
    def id(self) -> str:
        return self.folder.name

    @property
    def gold(self) -> Path:
        return self.folder / "gold.yaml"

    @property
    def labels(self) -> Path | None:
        path = self.folder / "labels.yaml"
        return path if path.is_file() else None

    def pdf(self, variant: str) -> Path:
        return self.folder / "pdf" / f"{variant}.pdf"

    def expected(self, variant: str) -> Path:
        return self.folder / "expected" / f"{variant}.json"

    def variants(self) -> list[str]:
        """The variants whose PDF exists, in the canonical order."""
        return [v for v in VARIANTS if self.pdf(v).is_file()]


def corpus_decrees(root: Path = CORPUS) -> list[CorpusDecree]:
    """Every folder of `root` holding a gold.yaml, sorted by id."""
    return [CorpusDecree(p.parent) for p in sorted(root.glob("*/gold.yaml"))]
