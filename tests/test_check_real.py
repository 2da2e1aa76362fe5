"""lampiran.check_real: a hand-checked summary against an output, as make eval scores it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lampiran.check_real import main

EXPECTED = Path("corpus/kpu-kudus-2025-zi/expected/born-digital.json")
TITLE = (
    "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN WILAYAH"
    " BIROKRASI BERSIH DAN MELAYANI DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATEN KUDUS TAHUN 2025"
)


def _summary(tmp_path: Path, number: str, cell_text: str, uncertain: bool) -> Path:
    summary = {
        "file": "born-digital.pdf",
        "pages": 18,
        "decree": {
            "kind": "Keputusan",
            "number": number,
            "number_uncertain": False,
            "year": 2025,
            "title": TITLE,
            "place": "Kudus",
            "date": "2025-01-02",
            "signatory": {
                "name": "AHMAD AMIR FAISOL",
                "position": "KETUA KOMISI PEMILIHAN UMUM KABUPATEN KUDUS",
            },
        },
        "tables": [
            {
                "pages": [10],
                "header": [
                    "NO",
                    "KOMPONEN",
                    "INDIKATOR",
                    "LANGKAH AKSI",
                    "BUKTI FISIK",
                    "TARGET WAKTU",
                ],
                "columns": 0,
                "rows": 87,
                "cells": [{"row": 0, "col": 0, "page": 10, "text": cell_text}],
                "uncertain_cells": [{"row": 0, "col": 0}] if uncertain else [],
            }
        ],
    }
    path = tmp_path / "summary.yaml"
    path.write_text(yaml.safe_dump(summary), encoding="utf-8")
    return path


def test_failing_checks_are_named_and_exit_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([str(EXPECTED), str(_summary(tmp_path, "15", "x", uncertain=False))])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert "FAIL number: expected '15', got '14'" in out
    assert any(line.startswith("FAIL table 1 (p. 10) cell r0 c0: expected 'x'") for line in out)


def test_uncertain_checks_are_reported_but_do_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([str(EXPECTED), str(_summary(tmp_path, "14", "x", uncertain=True))])
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == ["uncertain table 1 (p. 10) cell r0 c0: expected 'x', got None"]
    assert status == 0
    assert out[-1] == "13/13 certain checks passed"


def test_usage_error() -> None:
    assert main([]) == 2
