"""Check an output against a hand-checked summary of a real document (corpus/real/*.yaml).

The summaries were written from the page images, not from lampiran's output. A check on a
value the summary marks uncertain (a handwritten number) is reported but does not fail.

    .venv/bin/python -m lampiran.check_real OUTPUT.json corpus/real/SUMMARY.yaml

prints the checks that fail and the count passed; exit status 1 when a certain check fails.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from schemas.decree import Decree, Table


@dataclass(frozen=True)
class Check:
    """One expectation of a summary and what the output says."""

    name: str
    expected: object
    got: object
    uncertain: bool = False

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def _fold(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def load_summary(path: Path) -> dict[str, Any]:
    """A corpus/real summary file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _metadata_checks(doc: Decree, expected: dict[str, Any]) -> list[Check]:
    meta = doc.decree
    date = expected.get("date")
    checks = [
        Check("kind", expected.get("kind"), meta.kind),
        # The summaries give the bare number, as a JDIH site files it (noPeraturan).
        Check(
            "number",
            _fold(expected.get("number")),
            _fold(meta.jdih.noPeraturan if meta.jdih else meta.number),
            bool(expected.get("number_uncertain")),
        ),
        Check("year", expected.get("year"), meta.year),
        Check("title", _fold(expected.get("title")), _fold(meta.title)),
        Check("place", expected.get("place"), meta.place),
        Check(
            "date",
            date if isinstance(date, dt.date) or date is None else dt.date.fromisoformat(str(date)),
            meta.date,
            bool(expected.get("date_uncertain")),
        ),
    ]
    signatory = expected.get("signatory")
    got = meta.signatory
    checks.append(
        Check(
            "signatory.name",
            _fold(signatory.get("name")) if signatory else None,
            _fold(got.name) if got else None,
        )
    )
    checks.append(
        Check(
            "signatory.position",
            _fold(signatory.get("position")) if signatory else None,
            _fold(got.position) if got else None,
        )
    )
    return checks


def _pair_tables(doc: Decree, expected: list[dict[str, Any]]) -> list[Table | None]:
    """For each expected table, the unused output table sharing most pages with it."""
    used: set[int] = set()
    paired: list[Table | None] = []
    for want in expected:
        pages = set(want["pages"])
        best = max(
            (i for i in range(len(doc.tables)) if i not in used),
            key=lambda i: (len(pages & set(doc.tables[i].pages)), -i),
            default=None,
        )
        if best is None or not pages & set(doc.tables[best].pages):
            paired.append(None)
            continue
        used.add(best)
        paired.append(doc.tables[best])
    return paired


def _cell(table: Table, row: int, col: int) -> str | None:
    if row >= len(table.rows):
        return None
    cells = table.rows[row].cells
    return cells[col] if col < len(cells) else None


def check_real(doc: Decree, summary: dict[str, Any]) -> list[Check]:
    """Every check of `summary` against `doc`, in the summary's order."""
    checks = [Check("pages", summary["pages"], doc.source.pages)]
    checks += _metadata_checks(doc, summary.get("decree") or {})
    expected_tables = summary.get("tables") or []
    checks.append(Check("tables", len(expected_tables), len(doc.tables)))
    uncertain_cells = set()
    for n, (want, got) in enumerate(
        zip(expected_tables, _pair_tables(doc, expected_tables), strict=True), 1
    ):
        uncertain_cells = {(c["row"], c["col"]) for c in want.get("uncertain_cells") or []}
        prefix = f"table {n} (p. {want['pages'][0]})"
        if got is None:
            checks.append(Check(f"{prefix} found", True, False))
            continue
        checks.append(
            Check(
                f"{prefix} header",
                [_fold(h) for h in want["header"]],
                [_fold(h) for h in got.header],
            )
        )
        columns = max((len(r.cells) for r in got.rows), default=len(got.header))
        checks.append(Check(f"{prefix} columns", want["columns"], columns))
        checks.append(Check(f"{prefix} rows", want["rows"], len(got.rows)))
        for cell in want.get("cells") or []:
            checks.append(
                Check(
                    f"{prefix} cell r{cell['row']} c{cell['col']}",
                    _fold(cell["text"]),
                    _fold(_cell(got, cell["row"], cell["col"])),
                    (cell["row"], cell["col"]) in uncertain_cells,
                )
            )
    return checks


def main(argv: list[str]) -> int:
    """Check the output document argv[0] against the summary argv[1]."""
    if len(argv) != 2:
        print("usage: python -m lampiran.check_real OUTPUT.json SUMMARY.yaml", file=sys.stderr)
        return 2
    document = Decree.model_validate_json(Path(argv[0]).read_text(encoding="utf-8"))
    checks = check_real(document, load_summary(Path(argv[1])))
    certain = [c for c in checks if not c.uncertain]
    for c in checks:
        if not c.ok:
            mark = "uncertain" if c.uncertain else "FAIL"
            print(f"{mark} {c.name}: expected {c.expected!r}, got {c.got!r}")
    print(f"{sum(c.ok for c in certain)}/{len(certain)} certain checks passed")
    return 0 if all(c.ok for c in certain) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
