"""The corpus gold: loads into the contract's models; row counts per area as stated."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from lampiran.corpus import corpus_decrees
from lampiran.evaluate import load_gold

# Rows per area, as stated in corpus/README.md and each decree's NOTES.md.
AREA_COUNTS = {
    "kpu-kudus-2025-zi": {"I": 12, "II": 9, "III": 18, "IV": 11, "V": 18, "VI": 19},
    "kpu-kudus-2022-rb": {"1": 17, "2": 6, "3": 1, "4": 4, "5": 8, "6": 10, "7": 26, "8": 7},
    "synthetic-dpk-contoh-2026": {"A": 9, "B": 6, "C": 6, "D": 6, "E": 6, "F": 8, "G": 2},
}


def test_every_stated_decree_is_in_the_corpus() -> None:
    assert sorted(d.id for d in corpus_decrees()) == sorted(AREA_COUNTS)


@pytest.mark.parametrize("decree", corpus_decrees(), ids=lambda d: d.id)
def test_gold_rows_per_area(decree) -> None:  # type: ignore[no-untyped-def]
    gold = load_gold(decree.gold)
    counts = Counter(row.area.code for table in gold.tables for row in table.rows if row.area)
    assert dict(counts) == AREA_COUNTS[decree.id]


@pytest.mark.parametrize("decree", corpus_decrees(), ids=lambda d: d.id)
def test_gold_schedules_are_consistent(decree) -> None:  # type: ignore[no-untyped-def]
    for table in load_gold(decree.gold).tables:
        for row in table.rows:
            if row.schedule:
                assert row.schedule.months == sorted(set(row.schedule.months))
                assert row.schedule.quarters == sorted(
                    {(m - 1) // 3 + 1 for m in row.schedule.months}
                )


@pytest.mark.parametrize("decree", corpus_decrees(), ids=lambda d: d.id)
def test_corrections_point_at_gold_text(decree) -> None:  # type: ignore[no-untyped-def]
    corrections = (
        yaml.safe_load((decree.folder / "corrections.yaml").read_text(encoding="utf-8")) or []
    )
    text = decree.gold.read_text(encoding="utf-8")
    for correction in corrections:
        assert correction["gold"] in text, correction
        assert correction["transcript"] != correction["gold"]
