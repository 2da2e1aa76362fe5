"""`python -m corpus.render [IDS...]`: rebuild every PDF variant of the named (default:
all) corpus decrees and print pages and sizes."""

from __future__ import annotations

import argparse
import sys
import time

from corpus.render.build import build, decree_ids
from schemas.errors import LampiranError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, report; exit 1 on a typed error."""
    parser = argparse.ArgumentParser(prog="python -m corpus.render", description=__doc__)
    parser.add_argument(
        "ids", nargs="*", help="corpus decree ids (default: every folder with gold.yaml)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="decrees built in parallel (default 2)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        results = build(args.ids or decree_ids(), jobs=args.jobs)
    except LampiranError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for result in results:
        for variant, (pages, size) in result.files.items():
            print(f"{result.decree}/pdf/{variant}.pdf\t{pages} pages\t{size / 1e6:.2f} MB")
        for correction in result.unmatched:
            print(
                f"warning: {result.decree}: correction {correction.gold!r} not found",
                file=sys.stderr,
            )
    print(f"built {len(results)} decrees in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
