"""The command line as a user meets it: help, usage errors, exit codes, the README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from lampiran.cli import app

ROOT = Path(__file__).parents[1]


def _lampiran(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lampiran", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def _commands() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


def test_help_lists_every_command() -> None:
    result = _lampiran("--help")
    assert result.returncode == 0
    for name in _commands():
        assert re.search(rf"\b{name}\b", result.stdout), name


def test_every_command_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"lampiran {name}" not in readme]
    assert not missing, f"README does not document: {missing}"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make run" in readme
    assert [line for line in ci.splitlines() if line and not line.startswith("#")][
        -1
    ] == "make test"


def test_ingest_missing_path_is_a_one_line_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    result = _lampiran("ingest", str(missing), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"lampiran: {missing}: no such file or folder"]
    assert not (tmp_path / "out").exists()


def test_validate_reports_json_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "2"}', encoding="utf-8")
    result = _lampiran("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}: $.schema_version: " in result.stdout
    assert f"{bad}: $.source: Field required" in result.stdout


@pytest.mark.parametrize("args", [["tables", "missing.pdf"], ["validate", "missing.json"]])
def test_missing_files_exit_2(args: list[str]) -> None:
    assert _lampiran(*args).returncode == 2


def test_schema_prints_the_contract() -> None:
    result = _lampiran("schema")
    assert result.returncode == 0
    assert '"title": "Decree"' in result.stdout
