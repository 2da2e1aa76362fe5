"""Turning a `Decree` into bytes and a file name, and writing files atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from schemas.decree import Decree
from schemas.errors import OutputError

PART_SUFFIX = ".part"
_UMASK = os.umask(0)
os.umask(_UMASK)


def decree_json(decree: Decree) -> bytes:
    """The canonical serialisation: UTF-8, 2-space indent, fields in contract order.

    Invariant: equal models give equal bytes (no clock, no dict-order dependence).
    """
    text = json.dumps(decree.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def output_name(decree: Decree) -> str:
    """`<institution>-<year>-<number>-<sha8>.json`, or `<file stem>-<sha8>.json` when unknown.

    The sha256 prefix keeps two PDFs of the same decree (a born-digital export and a scan)
    from overwriting each other, and makes the name independent of batch order.
    See docs/decisions/0001-output-names.md.
    """
    meta = decree.decree
    parts = [meta.institution, str(meta.year) if meta.year else None, meta.number]
    known = [_slug(p) for p in parts if p]
    stem = (
        "-".join(p for p in known if p) if len(known) == 3 else _slug(Path(decree.source.file).stem)
    )
    return f"{stem[:120] or 'document'}-{decree.source.sha256[:8]}.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one.

    Raises OutputError naming the path when the folder is read-only, full or missing.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
        try:
            # mkstemp creates 0600; an output is as readable as any file the user creates.
            os.fchmod(fd, 0o666 & ~_UMASK)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(path, f"cannot write output: {exc.strerror or exc}") from exc


def remove_stale_parts(folder: Path) -> None:
    """Delete temporary files a killed run left behind (they never end in .json)."""
    if folder.is_dir():
        for stale in sorted(folder.glob(f".*{PART_SUFFIX}")):
            stale.unlink(missing_ok=True)
