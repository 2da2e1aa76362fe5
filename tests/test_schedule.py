"""parse_schedule: printed schedule phrases, tick grids and check marks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from normalize.parse_schedule import (
    is_tick,
    parse_schedule_text,
    quarters_of,
    schedule_from_ticks,
)
from schemas.decree import Schedule
from schemas.gold import GoldDecree

ROOT = Path(__file__).resolve().parents[1]
ALL_MONTHS = list(range(1, 13))


@pytest.mark.parametrize(
    ("text", "months", "year"),
    [
        ("Januari - Desember 2025", ALL_MONTHS, 2025),
        ("Januari dan April 2025", [1, 4], 2025),
        ("April dan Desember 2025", [4, 12], 2025),
        ("November 2025", [11], 2025),
        ("November - Desember 2025", [11, 12], 2025),
        ("Setiap bulan", ALL_MONTHS, None),
        ("Triwulan II", [4, 5, 6], None),
        ("TW III", [7, 8, 9], None),
        ("Semester I", [1, 2, 3, 4, 5, 6], None),
        ("Januari s.d. Maret 2025", [1, 2, 3], 2025),
        ("Januari s/d Maret", [1, 2, 3], None),
        ("Jan-Mar", [1, 2, 3], None),
        ("Maret, Juni, September dan Desember 2025", [3, 6, 9, 12], 2025),
        ("Desernber 2025", [12], 2025),
        ("Januari-Desember", ALL_MONTHS, None),
        ("JANUARI - DESEMBER 2025", ALL_MONTHS, 2025),
        ("Januari 2025 - Desember 2025", ALL_MONTHS, 2025),
        ("TW I - IV", ALL_MONTHS, None),
        ("Triwulan ke-2", [4, 5, 6], None),
        ("Semester II", [7, 8, 9, 10, 11, 12], None),
        ("Oktober - Februari", [1, 2, 10, 11, 12], None),
        ("Desember 2024 dan Januari 2025", [1, 12], None),
        ("Sesuai kebutuhan", [], None),
        ("Tahun 2025", [], 2025),
        ("Setiap hari kerja", ALL_MONTHS, None),
        ("Mingguan 2027", ALL_MONTHS, 2027),
        ("Setiap minggu pertama bulan Maret", [3], None),
        # a quarterly or half-yearly recurrence naming no quarter is the whole year
        ("Setiap Triwulan", ALL_MONTHS, None),
        ("Tiap semester 2026", ALL_MONTHS, 2026),
        ("Triwulanan", ALL_MONTHS, None),
        ("Setiap Triwulan II", [4, 5, 6], None),
        ("Minggu ke-2 setiap bulan", ALL_MONTHS, None),
        ("Insidentil", [], None),
        ("Tahunan", [], None),
        # probe 21: a unit printed again at a range's end; a day or part of every month;
        # the end of the year
        ("TW I s.d. TW IV 2026", ALL_MONTHS, 2026),
        ("Triwulan II - Triwulan III", [4, 5, 6, 7, 8, 9], None),
        ("TW I dan TW III 2026", [1, 2, 3, 7, 8, 9], 2026),
        ("Setiap awal bulan", ALL_MONTHS, None),
        ("Setiap tanggal 15", ALL_MONTHS, None),
        ("Akhir Tahun 2026", [12], 2026),
        ("Oktober s.d. akhir tahun 2026", [10, 11, 12], 2026),
        ("Awal tahun 2026", [], 2026),
        # probe 26: days before the months of a range
        ("1 Juni - 31 Agustus 2026", [6, 7, 8], 2026),
        ("30 Juni dan 31 Desember 2026", [6, 12], 2026),
    ],
)
def test_phrases(text: str, months: list[int], year: int | None) -> None:
    assert parse_schedule_text(text) == Schedule(
        text=text, months=months, quarters=quarters_of(months), year=year
    )


def test_text_is_kept_with_whitespace_folded() -> None:
    schedule = parse_schedule_text("  Januari -\n Desember\t2025 ")
    assert schedule.text == "Januari - Desember 2025" and schedule.months == ALL_MONTHS


def test_blank_text_has_no_schedule_text() -> None:
    assert parse_schedule_text(" \n ") == Schedule(text=None, months=[], quarters=[], year=None)


def test_every_gold_schedule_round_trips() -> None:
    """Each corpus gold schedule is what parse_schedule makes of its text or its ticks."""
    count = 0
    for path in sorted(ROOT.glob("corpus/*/gold.yaml")):
        gold = GoldDecree.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for table in gold.tables:
            for row in table.rows:
                want = row.schedule
                if want is None:
                    continue
                got = (
                    parse_schedule_text(want.text)
                    if want.text is not None
                    else schedule_from_ticks(want.months)
                )
                assert got == want, path.parent.name
                count += 1
    assert count > 0


def test_ticks() -> None:
    assert schedule_from_ticks([1, 12]) == Schedule(
        text=None, months=[1, 12], quarters=[1, 4], year=None
    )
    assert schedule_from_ticks(quarters=[2]) == Schedule(
        text=None, months=[4, 5, 6], quarters=[2], year=None
    )
    assert schedule_from_ticks([3, 3], [1]) == Schedule(
        text=None, months=[1, 2, 3], quarters=[1], year=None
    )
    assert schedule_from_ticks() is None
    with pytest.raises(ValueError):
        schedule_from_ticks([13])
    with pytest.raises(ValueError):
        schedule_from_ticks(quarters=[5])


@pytest.mark.parametrize(
    "mark", ["√", "✓", "✔", "✔️", "\u221a", "V", "v", "J", "~", "/", " √ ", "√√", "\\/", "√."]
)
def test_is_tick_accepts_lone_marks(mark: str) -> None:
    assert is_tick(mark)


@pytest.mark.parametrize("text", ["", " ", "Vi", "Juni", "x", "1", "ok", "√ Januari", "VVVV"])
def test_is_tick_rejects_words_and_blanks(text: str) -> None:
    assert not is_tick(text)


_VOCABULARY = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember "
    "Jan Mar Des Desernber - s.d. s/d sampai dengan hingga dan , Triwulan TW Semester I II III "
    "IV 1 2 3 4 5 ke- Setiap bulan 2025 2024 kegiatan"
)
_PHRASE_PARTS = st.sampled_from(_VOCABULARY.split())
_SCHEDULE_TEXT = st.one_of(st.text(), st.lists(_PHRASE_PARTS, max_size=8).map(" ".join))


@given(_SCHEDULE_TEXT)
def test_never_raises_and_quarters_follow_months(text: str) -> None:
    schedule = parse_schedule_text(text)
    assert schedule.months == sorted(set(schedule.months))
    assert all(1 <= month <= 12 for month in schedule.months)
    assert schedule.quarters == quarters_of(schedule.months)


@given(_SCHEDULE_TEXT)
def test_idempotent_on_its_own_text(text: str) -> None:
    schedule = parse_schedule_text(text)
    if schedule.text is not None:
        assert parse_schedule_text(schedule.text) == schedule


@given(st.lists(st.integers(1, 12)), st.lists(st.integers(1, 4)))
def test_ticks_cover_their_quarters(months: list[int], quarters: list[int]) -> None:
    schedule = schedule_from_ticks(months, quarters)
    if not months and not quarters:
        assert schedule is None
        return
    assert schedule is not None
    assert set(months) <= set(schedule.months)
    assert set(quarters) <= set(schedule.quarters)
    assert schedule.quarters == quarters_of(schedule.months)
