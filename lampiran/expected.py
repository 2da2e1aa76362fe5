"""`make expected`: re-write corpus/<id>/expected/<variant>.json from the current pipeline.

The expected files are reviewed like code: `git diff corpus/*/expected` shows exactly what
a change to the pipeline changed in its output.
"""

from __future__ import annotations

import sys

from lampiran.corpus import corpus_decrees
from lampiran.documents import decree_json, write_atomic
from lampiran.pipeline import process_pdf
from lampiran.settings import RunSettings


def main() -> int:
    """Write every expected output; returns the number of variants that failed."""
    settings = RunSettings()
    failures = 0
    for decree in corpus_decrees():
        for variant in decree.variants():
            try:
                document = process_pdf(decree.pdf(variant), settings)
            except Exception as exc:
                print(f"{decree.pdf(variant)}: {exc}", file=sys.stderr)
                failures += 1
                continue
            write_atomic(decree.expected(variant), decree_json(document))
            print(f"wrote {decree.expected(variant).relative_to(decree.folder.parent.parent)}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
