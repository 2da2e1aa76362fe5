"""The held-out probe decrees of bench/probe_decrees stay buildable: golds valid, settings
known to the renderer. Building and scoring them is `make probes`, not a unit test."""

from __future__ import annotations

import pytest

from bench.probes import PROBES, ProbeScore, markdown, probe_names, probe_settings
from corpus.render import RenderSettings
from corpus.render.build import load_gold


def test_the_twenty_two_probes_are_listed() -> None:
    assert probe_names() == [
        "balai-pom-zi-semester",
        "bkd-provinsi-rb-bulan-penuh",
        "bpbd-rb-bulan-singkat",
        "bps-kabupaten-zi-tenggat",
        "dinas-pendidikan-rb-portrait",
        "disdukcapil-kota-rb-semester",
        "immigration-office-zi",
        "inspektorat-kota-rb",
        "kantor-kemenag-zi-triwulan",
        "kantor-pertanahan-rb",
        "kantor-sar-zi-pencapaian",
        "kecamatan-rb-program",
        "kejari-zi-wbk-tw",
        "kpp-pratama-zi-jangka-waktu",
        "lapas-zi-wbk-bulan-ke",
        "pengadilan-agama-zi",
        "polytechnic-zi-months",
        "provincial-rb-portrait",
        "puskesmas-zi",
        "rs-vertikal-zi-bulan-romawi",
        "rsud-zi-bulan",
        "setwan-rb-jadwal-triwulanan",
    ]


@pytest.mark.parametrize("name", probe_names())
def test_a_probe_has_a_valid_gold_and_settings(name: str) -> None:
    gold = load_gold(PROBES / name)
    assert sum(len(t.rows) for t in gold.tables) >= 30
    render, scan = probe_settings(PROBES / name)
    assert isinstance(render, RenderSettings)
    assert set(scan) <= {
        "dpi",
        "skew_min",
        "skew_max",
        "noise_sigma",
        "texture_sigma",
        "blur_sigma",
        "jpeg_quality",
    }


def test_scores_print_as_one_table_line_each() -> None:
    score = ProbeScore("p", "scan", 30, 30, 28, 98.5, 0.25, ("signatory",))
    assert markdown([score]).splitlines()[2] == (
        "| p | scan | 28/30 | 30/30 | 98.50% | 0.250% | signatory |"
    )
