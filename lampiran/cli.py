"""The `lampiran` command line. Exit codes: 0 all good, 1 some document failed, 2 usage error."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lampiran import commands_data
from lampiran.batch import DocumentResult, collect_inputs, run_batch
from lampiran.settings import RunSettings
from schemas.decree import Decree
from schemas.errors import InputError, LampiranError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Indonesian decree PDFs (Keputusan) and their Lampiran tables as validated JSON.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def _usage_error(message: str) -> typer.Exit:
    err.print(f"lampiran: {message}", markup=False)
    return typer.Exit(2)


def _page_range(spec: str | None) -> list[int] | None:
    """'3-5,8' -> [3, 4, 5, 8]."""
    if not spec:
        return None
    pages: list[int] = []
    try:
        for part in spec.split(","):
            first, _, last = part.partition("-")
            pages.extend(range(int(first), int(last or first) + 1))
    except ValueError:
        raise _usage_error(f"--pages: '{spec}' is not a page range like 3-5,8") from None
    return pages


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders of PDFs.")],
    out_dir: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("outputs"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="CPU cores to use: documents side by side, the rest for each one's OCR "
            "pages (default: all).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-process inputs that are unchanged.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per document.")] = 900.0,
    max_pages: Annotated[int, typer.Option(help="Refuse PDFs with more pages.")] = 500,
) -> None:
    """Read decree PDFs and write one JSON per decree, plus `_run.json`."""
    try:
        inputs = collect_inputs(paths)
    except InputError as exc:
        raise _usage_error(str(exc)) from None
    if not inputs:
        raise _usage_error(f"no PDF found in {' '.join(map(str, paths))}")
    from dataclasses import replace

    base = RunSettings()
    settings = replace(
        base,
        jobs=jobs or os.cpu_count() or 1,
        force=force,
        timeout_s=timeout,
        extract=replace(base.extract, max_pages=max_pages),
    )
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not interactive,
        transient=True,
    )

    def done(result: DocumentResult) -> None:
        progress.advance(task)
        if result.status == "failed":
            err.print(result.error, markup=False)

    with progress:
        task = progress.add_task("ingesting", total=len(inputs))
        try:
            report = run_batch(inputs, out_dir, settings, done)
        except LampiranError as exc:
            err.print(str(exc), markup=False)
            raise typer.Exit(1) from None
    counts: dict[str, int] = {}
    for result in report.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    err.print(f"{len(report.results)} documents: {summary}; report in {out_dir / '_run.json'}")
    raise typer.Exit(1 if report.failed else 0)


def _json_path(loc: tuple[int | str, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Output JSON files or folders of them.")],
) -> None:
    """Check documents against the output contract; one line per failure with its JSON path."""
    from lampiran.dataset import decree_files

    try:
        files = decree_files(paths)
    except LampiranError as exc:
        raise _usage_error(str(exc)) from None
    failures = 0
    for file in files:
        try:
            Decree.model_validate_json(file.read_bytes())
        except ValidationError as exc:
            failures += 1
            for error in exc.errors():
                out.print(f"{file}: {_json_path(error['loc'])}: {error['msg']}", markup=False)
        except OSError as exc:
            failures += 1
            out.print(f"{file}: cannot read: {exc.strerror}", markup=False)
    err.print(f"{len(files) - failures} valid, {failures} invalid")
    raise typer.Exit(1 if failures else 0)


@app.command()
def tables(
    pdf: Annotated[Path, typer.Argument(help="A PDF file.")],
    pages: Annotated[str | None, typer.Option(help="Pages, e.g. 3-5 or 2,4.")] = None,
) -> None:
    """Print the raw table grids the extractor sees (cells, spans, page, bbox) as JSON."""
    import extract

    if not pdf.is_file():
        raise _usage_error(f"{pdf}: no such file")
    try:
        found = extract.read_tables(pdf, _page_range(pages), RunSettings().extract)
    except LampiranError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(1) from None
    out.print_json(json.dumps([t.model_dump(mode="json") for t in found], ensure_ascii=False))


@app.command()
def schema(
    write: Annotated[
        Path | None, typer.Option(help="Write every schema file into this folder.")
    ] = None,
) -> None:
    """Print the JSON Schema of the output document (or write all schema files)."""
    from lampiran.schema_files import schema_files

    files = schema_files()
    if write is None:
        sys.stdout.write(files["decree.schema.json"])
        return
    write.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (write / name).write_text(text, encoding="utf-8")
        err.print(f"wrote {write / name}")


@app.command("eval")
def eval_(
    pred: Annotated[Path, typer.Argument(help="An output JSON of `lampiran ingest`.")],
    gold: Annotated[Path, typer.Argument(help="A hand-checked gold file (gold.yaml).")],
    labels: Annotated[
        Path | None, typer.Option(help="Hand taxonomy labels (labels.yaml) for the gold rows.")
    ] = None,
    max_diffs: Annotated[int, typer.Option(help="Differing rows to print.")] = 50,
) -> None:
    """Compare an output with its gold: rows found and exact, fields, CER, metadata, taxonomy."""
    from lampiran.evaluate import evaluate, format_result, load_gold
    from lampiran.taxonomy_eval import load_labels

    for path in (pred, gold, labels):
        if path is not None and not path.is_file():
            raise _usage_error(f"{path}: no such file")
    try:
        document = Decree.model_validate_json(pred.read_bytes())
    except ValidationError as exc:
        err.print(f"{pred}: not a valid lampiran document: {exc.errors()[0]['msg']}", markup=False)
        raise typer.Exit(1) from None
    try:
        gold_doc = load_gold(gold)
    except LampiranError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(1) from None
    result = evaluate(document, gold_doc, load_labels(labels) if labels else ())
    out.print(format_result(result, max_diffs), markup=False)


@app.command()
def taxonomy(
    query: Annotated[
        str | None, typer.Argument(help="Text to match; omit to list the taxonomy.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many matches to show.")] = 10,
) -> None:
    """List the ZI taxonomy (PermenPANRB 90/2021 LKE), or show the best matches for a text."""
    from normalize.match_taxonomy import search_taxonomy
    from schemas.taxonomy import load_taxonomy

    tree = load_taxonomy()
    if query is None:
        for area in tree.areas:
            out.print(f"{area.id}  {area.name}", markup=False)
            for part in area.parts:
                for group in part.groups:
                    out.print(f"  {group.id}  {group.name}", markup=False)
                    for question in group.questions:
                        out.print(f"    {question.id}  {question.text}", markup=False)
        return
    for candidate in search_taxonomy(query, tree, limit):
        out.print(f"{candidate.score:6.1f}  {candidate.id:<10} {candidate.label}", markup=False)


app.command()(commands_data.dataset)
app.command()(commands_data.compare)


def main() -> None:
    """Console entry point."""
    app()
