"""The `dataset` and `compare` commands (registered on the main app in lampiran/cli.py).

Exit codes as the rest of the CLI: 0 done, 1 a document is not a valid decree or the output
cannot be written (one line naming the file), 2 a usage error (missing input, nothing to do).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from schemas.errors import LampiranError

_err = Console(stderr=True, highlight=False, soft_wrap=True)

InputsArgument = Annotated[
    list[Path], typer.Argument(help="Decree JSON files or folders of them (_*.json skipped).")
]


def _fail(message: str, code: int) -> typer.Exit:
    _err.print(f"lampiran: {message}" if code == 2 else message, markup=False)
    return typer.Exit(code)


def dataset(
    inputs: InputsArgument,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path(
        "outputs/dataset"
    ),
) -> None:
    """Build a dataset from decree JSON: lampiran.duckdb, parquet/, csv/ and jdihn.json.

    The tables are rebuilt from the inputs each time: re-running never adds a row twice.
    """
    # Imported when the command runs: duckdb and pyarrow would slow every `lampiran` start.
    from lampiran.dataset import NoDecreeInputError, build_dataset

    try:
        summary = build_dataset(inputs, out)
    except NoDecreeInputError as exc:
        raise _fail(str(exc), 2) from None
    except LampiranError as exc:
        raise _fail(str(exc), 1) from None
    counts = ", ".join(f"{n} {name}" for name, n in summary.table_rows)
    _err.print(f"{counts}; database {summary.database}", markup=False)
    for repeat in summary.duplicates:
        _err.print(f"{repeat}: same decree as another input, kept once", markup=False)


def compare(
    inputs: InputsArgument,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path(
        "outputs/compare"
    ),
) -> None:
    """Compare two or more decrees by ZI taxonomy entries: comparison.md, comparison.html, charts.

    Plans in year order; each pair is compared at the finest level both plans' matches support.
    """
    # Imported when the command runs, as in `dataset`.
    from lampiran.compare import compare as compare_plans
    from lampiran.dataset import NoDecreeInputError, decree_files, load_decree, unique_by_source

    try:
        loaded, _ = unique_by_source([load_decree(path) for path in decree_files(inputs)])
    except NoDecreeInputError as exc:
        raise _fail(str(exc), 2) from None
    except LampiranError as exc:
        raise _fail(str(exc), 1) from None
    if len(loaded) < 2:
        raise _fail(
            f"compare needs two or more decrees; {' '.join(map(str, inputs))} holds {len(loaded)}",
            2,
        )
    try:
        comparison = compare_plans([item.decree for item in loaded], out)
    except LampiranError as exc:
        raise _fail(str(exc), 1) from None
    _err.print(
        f"{len(comparison.plans)} plans compared; report in {out / 'comparison.html'}", markup=False
    )
