"""Recognise a table's header rows and map printed headers to the contract's fields.

Headers are recognised by meaning, not position: a synonym table with fuzzy matching, so
"KOMPONEN", "Komponen" and an OCR'd "KOMPONFN" all map to `component.text`. Two-row
headers (PELAKSANAAN (BULAN) over 1..12, WAKTU PELAKSANAAN over TW I..TW IV) give one
column per month or quarter.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from normalize.read_sections import split_code
from normalize.roman_numerals import as_strokes, roman_value
from schemas.gold import CANONICAL_FIELDS
from schemas.raw import RawCell, RawTable

# Printed header (folded to upper case, punctuation removed) -> canonical field.
SYNONYMS: dict[str, str] = {
    "NO": "number",
    "NOMOR": "number",
    "NO URUT": "number",
    "PROGRAM": "area.name",
    "PROGRAM KEGIATAN": "area.name",
    "AREA": "area.name",
    "AREA PERUBAHAN": "area.name",
    "AREA PENGUNGKIT": "area.name",
    "KOMPONEN PENGUNGKIT": "area.name",
    "PROGRAM KERJA": "area.name",
    "UNSUR PENGUNGKIT": "area.name",
    "FOKUS PERUBAHAN": "area.name",
    "KOMPONEN": "component.text",
    "SUB KOMPONEN": "component.text",
    "SUB AREA": "component.text",
    "SUB AREA PERUBAHAN": "component.text",
    "KEGIATAN": "component.text",
    "KEGIATAN UTAMA": "component.text",
    "KEGIATAN POKOK": "component.text",
    "SASARAN": "component.text",
    "SASARAN KEGIATAN": "component.text",
    "SASARAN STRATEGIS": "component.text",
    "INDIKATOR PENGUNGKIT": "component.text",
    "SUB KEGIATAN": "activity",
    "LANGKAH AKSI": "activity",
    "RENCANA AKSI": "activity",
    "RENCANA KEGIATAN": "activity",
    "URAIAN KEGIATAN": "activity",
    "AKSI": "activity",
    "TAHAPAN KEGIATAN": "activity",
    "TAHAPAN": "activity",
    "TAHAPAN PELAKSANAAN": "activity",
    "LANGKAH KEGIATAN": "activity",
    "LANGKAH KERJA": "activity",
    "RINCIAN KEGIATAN": "activity",
    "BENTUK KEGIATAN": "activity",
    "RENCANA KERJA": "activity",
    "DESKRIPSI KEGIATAN": "activity",
    "KEGIATAN YANG AKAN DILAKSANAKAN": "activity",
    "AKSI PERUBAHAN": "activity",
    "RINCIAN RENCANA AKSI": "activity",
    "RENCANA TINDAK LANJUT": "activity",
    "TINDAK LANJUT": "activity",
    "INDIKATOR": "indicator",
    "INDIKATOR KEBERHASILAN": "indicator",
    "INDIKATOR KINERJA": "indicator",
    "INDIKATOR CAPAIAN": "indicator",
    "INDIKATOR HASIL": "indicator",
    "UKURAN KINERJA": "indicator",
    "TARGET CAPAIAN": "indicator",
    "TARGET KINERJA": "indicator",
    "UKURAN CAPAIAN": "indicator",
    "KINERJA YANG DIHARAPKAN": "indicator",
    "TOLOK UKUR OUTPUT": "indicator",
    "INDIKATOR KINERJA KEGIATAN": "indicator",
    "UKURAN KEBERHASILAN": "indicator",
    "TOLOK UKUR": "indicator",
    "TOLAK UKUR": "indicator",
    "TOLOK UKUR KEBERHASILAN": "indicator",
    "KRITERIA KEBERHASILAN": "indicator",
    "BUKTI FISIK": "evidence",
    "BUKTI": "evidence",
    "BUKTI KEGIATAN": "evidence",
    "EVIDENCE": "evidence",
    "BUKTI DUKUNG": "evidence",
    "DATA DUKUNG": "evidence",
    "DOKUMEN PENDUKUNG": "evidence",
    "DATA PENDUKUNG": "evidence",
    "BUKTI PENDUKUNG": "evidence",
    "DOKUMEN BUKTI": "evidence",
    "OUTPUT": "evidence",
    "KELUARAN": "evidence",
    "LUARAN": "evidence",
    "PRODUK": "evidence",
    "DOKUMEN OUTPUT": "evidence",
    "DOKUMEN HASIL": "evidence",
    "DOKUMEN YANG DIHASILKAN": "evidence",
    "HASIL": "evidence",
    "TARGET OUTPUT": "evidence",
    "TARGET KELUARAN": "evidence",
    "HASIL KEGIATAN": "evidence",
    "INDIKATOR OUTPUT": "indicator",
    "HASIL YANG DIHARAPKAN": "evidence",
    "OUTPUT YANG DIHARAPKAN": "evidence",
    "KELUARAN YANG DIHARAPKAN": "evidence",
    "TARGET": "evidence",
    "TARGET WAKTU": "schedule",
    "WAKTU PELAKSANAAN": "schedule",
    "JADWAL": "schedule",
    "JADWAL PELAKSANAAN": "schedule",
    "WAKTU": "schedule",
    "TARGET PENYELESAIAN": "schedule",
    "TARGET PELAKSANAAN": "schedule",
    "PELAKSANAAN BULAN": "schedule",
    "PELAKSANAAN": "schedule",
    "TAHAPAN WAKTU": "schedule",
    "WAKTU PENYELESAIAN": "schedule",
    "JANGKA WAKTU": "schedule",
    "RENCANA WAKTU": "schedule",
    "WAKTU KEGIATAN": "schedule",
    "TENGGAT WAKTU": "schedule",
    "TIME SCHEDULE": "schedule",
    "WAKTU PENCAPAIAN": "schedule",
    "JADWAL TRIWULANAN": "schedule",
    "JADWAL KEGIATAN": "schedule",
    "BULAN": "schedule",
    "BULAN KE": "schedule",
    "PENANGGUNG JAWAB": "responsible",
    "PENANGGUNGJAWAB": "responsible",
    "PIC": "responsible",
    "PELAKSANA": "responsible",
    "UNIT PELAKSANA": "responsible",
    "UNIT KERJA": "responsible",
    "BIDANG": "responsible",
    "SEKSI": "responsible",
    "KOORDINATOR": "responsible",
    "BAGIAN": "responsible",
    "BIDANG PENGAMPU": "responsible",
    "PELAKSANA TEKNIS": "responsible",
    "BAGIAN PENANGGUNG JAWAB": "responsible",
    "FUNGSI": "responsible",
    "TIM KERJA": "responsible",
    "UNIT KERJA PENANGGUNG JAWAB": "responsible",
    "UNIT PENANGGUNG JAWAB": "responsible",
    "PENANGGUNG JAWAB KEGIATAN": "responsible",
    "PJ": "responsible",
    "PELAKSANA KEGIATAN": "responsible",
    "KET": "note",
    "KETERANGAN": "note",
    "KETERANGAN TAMBAHAN": "note",
    "CATATAN": "note",
}
LABELS = frozenset(
    {
        "PENILAIAN",
        "PILIHAN JAWABAN",
        "JAWABAN",
        "NILAI",
        "SKOR",
        "BOBOT",
        "KRITERIA",
    }
)
"""Printed headers (folded) of score sheets and evaluation forms: they name no field of
an action plan, but a row of them is a header all the same."""
MONTH_HEADERS = (
    ("JAN", "JANUARI"),
    ("FEB", "FEBRUARI", "PEB", "PEBRUARI"),
    ("MAR", "MARET"),
    ("APR", "APRIL"),
    ("MEI", "MEI"),
    ("JUN", "JUNI"),
    ("JUL", "JULI"),
    ("AGU", "AGUSTUS", "AGT", "AGS", "AGST", "AGUST"),
    ("SEP", "SEPTEMBER", "SEPT"),
    ("OKT", "OKTOBER"),
    ("NOV", "NOVEMBER", "NOP", "NOPEMBER"),
    ("DES", "DESEMBER"),
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_BOOKKEEPING = frozenset({"area.code", "component.number", "note"})
"""Fields of columns that number or remark on rows, whatever the table holds."""


@dataclass(frozen=True)
class Header:
    """A table's header: how many grid rows it takes and what each column is."""

    rows: int
    printed: tuple[str, ...]
    fields: tuple[str | None, ...]
    groups: tuple[tuple[int, ...], ...] = ()
    """Grid columns of each printed column: several when one header cell spans columns
    that no header row below it labels (a hierarchy printed in narrow sub-columns)."""
    numbering_row: bool = False
    numbering_only: bool = False
    """True when the grid starts with a column-number row and nothing else: the header a
    table repeats on its later pages when only page one prints the labels."""
    title_only: bool = False
    """True when the header is a caption across the whole grid and nothing else: on the
    first grid of a page it may as well be a section row continuing the table before."""

    @property
    def is_action_plan(self) -> bool:
        """True when the columns carry an action plan: an indicator or an activity, and
        what else a plan says of it (a component, evidence, a schedule, who). A number and
        a remark are on every table: 'NO | URAIAN KEGIATAN | JUMLAH ANGGARAN | KETERANGAN'
        is a budget, and read as a plan it would lose its amounts."""
        content = {f for f in self.fields if f and f not in _BOOKKEEPING}
        return bool(content & {"indicator", "activity"}) and len(content) >= 2


def fold_header(text: str) -> str:
    """Upper case, punctuation to spaces, single spaces: 'Pelaksanaan (Bulan)' -> 'PELAKSANAAN BULAN'."""
    return " ".join(re.sub(r"[^0-9A-Za-z]+", " ", text).upper().split())


def _month(word: str) -> int | None:
    """1-12 for a month column's label (folded): its number or its name ('3', 'MAR',
    'MARET', 'AGT'); else None."""
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return next((n for n, names in enumerate(MONTH_HEADERS, start=1) if word in names), None)


MIN_MONTH_RUN = 3
"""Adjacent columns ending in month names in calendar order that make a month grid
whatever their group label reads."""


def _named_month(label: str) -> int | None:
    """The month a label's last word names ('JADWAL Jan' -> 1); None for a number."""
    words = fold_header(label).split()
    return _month(words[-1]) if words and not words[-1].isdigit() else None


_QUARTER_NUMERAL = re.compile(r"[IL]{1,3}|[IL]V")
"""A quarter's Roman numeral as a header label's last word, folded ('Il' reads 'IL')."""
_QUARTER_PREFIXES = frozenset({"TW", "TRIWULAN", "TRIWULANAN", "TRW", "Q"})
"""Words printed before a quarter's numeral ('TW I', 'TRIWULAN II') or as the last word of
a quarter grid's group ('JADWAL TRIWULANAN' over I | II | III | IV)."""
QUARTERS = 4


def _without_prefix(words: list[str]) -> list[str]:
    """`words` without a last word that is a quarter prefix ('TARGET WAKTU TW' -> 'TARGET
    WAKTU'): the prefix belongs to the column, not to the group printed over it."""
    return words[:-1] if words and words[-1] in _QUARTER_PREFIXES else words


def _schedule_group(label: str, threshold: float) -> str | None:
    """The schedule group a label is printed under ('TARGET WAKTU' of 'TARGET WAKTU Il', of
    'TARGET WAKTU mi' and of 'TARGET WAKTU TW 1'), the label itself when it is all group
    ('TARGET WAKTU', its numeral unread), the quarter prefix when the group is that word
    alone ('TRIWULAN' over I | II | III | IV, read 'TRIWULAN |', 'TRIWULAN "'); None when
    it names no schedule."""
    words = fold_header(label).split()
    for group in (" ".join(_without_prefix(words[:-1])), " ".join(_without_prefix(words))):
        if group and field_of(group, threshold) == "schedule":
            return group
    return next((word for word in words if word in _QUARTER_PREFIXES), None)


def _names_quarter(label: str, field: str | None) -> bool:
    """True when a column reads as a quarter: its field is one, or its label prints a
    quarter prefix before its numeral or as its last word. OCR garbles the numeral of 'TW
    II' in a narrow cell ('TW "', 'TW 1', 'TW |' folded to 'TW'); the prefix survives."""
    words = fold_header(label).split()
    return str(field).startswith("quarter:") or bool(_QUARTER_PREFIXES & set(words[-2:]))


def _quarter_runs(
    printed: Sequence[str], fields: list[str | None], threshold: float
) -> list[str | None]:
    """`fields` with a quarter grid numbered by position: exactly four adjacent columns
    under one schedule group, at least two of them read as quarters (`_names_quarter`), are
    quarters 1-4 left to right, whatever OCR made of their numerals ('I | Il | 1 | Iv',
    'I | | m | IV', 'TW | TW " | TW 1 | TW IV').
    Other runs are left as read."""
    groups = [_schedule_group(label, threshold) for label in printed]
    result = list(fields)
    start = 0
    while start < len(printed):
        end = start
        while end < len(printed) and groups[end] is not None and groups[end] == groups[start]:
            end += 1
        run = range(start, end)
        quarters = sum(_names_quarter(printed[col], fields[col]) for col in run)
        if len(run) == QUARTERS and quarters >= QUARTERS // 2:
            for offset, col in enumerate(run, start=1):
                result[col] = f"quarter:{offset}"
        start = max(end, start + 1)
    return result


def grid_fields(printed: Sequence[str], threshold: float) -> list[str | None]:
    """The field each printed label names (`field_of`), with month and quarter grids
    settled by their columns' order (`_month_runs`, `_quarter_runs`), and a label naming
    two fields settled by the others (`_free_alternatives`)."""
    fields = [field_of(label, threshold) for label in printed]
    fields = _quarter_runs(printed, _month_runs(printed, fields), threshold)
    fields = _placed_month_runs(printed, fields, threshold)
    return _free_alternatives(printed, _numbered_quarters(printed, fields), threshold)


MONTHS = 12
_MIN_MONTH_PART = 3
"""Letters at least of a part of a month's name that tells the month by its place."""


def _part_of_month(word: str, month: int) -> bool:
    """True when `word` (folded) is the first or the last part of a name of `month`, of
    _MIN_MONTH_PART letters or more: all OCR read of a name broken by letter in a narrow
    cell ('JANU' / 'ARI' read 'JANU'; 'SEPTE' / 'MBER' read 'MBER'). Said of a column at
    `month`'s place in a grid, where 'MBER' can only be that month's."""
    return len(word) >= _MIN_MONTH_PART and any(
        len(name) > len(word) and (name.startswith(word) or name.endswith(word))
        for name in MONTH_HEADERS[month - 1]
    )


def _placed_month_runs(
    printed: Sequence[str], fields: list[str | None], threshold: float
) -> list[str | None]:
    """`fields` with a month grid given its months by position: twelve adjacent columns
    whose labels start with one schedule group, at least half of them going on with the
    month of their place, are months 1-12 left to right, whatever OCR made of the others.
    A month's place is told by a Roman numeral ('I' ... 'XII' under 'WAKTU PELAKSANAAN
    TAHUN 2026'; an I's stroke read 'l', folded 'L', or '1' taken as I), by its name
    already read as that month, or by one part of its name broken over two lines of a
    narrow cell (`_part_of_month`); the others may read 'Vv', 'x!', 'Nani', or nothing at
    all. Other columns are left."""
    words = [fold_header(label).split() for label in printed]
    result = list(fields)
    start = 0
    while start + MONTHS <= len(printed):
        window = words[start : start + MONTHS]
        group = list(itertools.takewhile(lambda ws: len(set(ws)) == 1, zip(*window, strict=False)))
        numerals = [label[-1] if len(label) > len(group) else "" for label in window]
        placed = sum(
            roman_value(as_strokes(numeral).replace("L", "I")) == place
            or fields[start + place - 1] == f"month:{place}"
            or _part_of_month(numeral, place)
            for place, numeral in enumerate(numerals, start=1)
        )
        if (
            placed * 2 >= MONTHS
            and group
            and field_of(" ".join(w for w, *_ in group), threshold) == "schedule"
        ):
            for offset in range(MONTHS):
                result[start + offset] = f"month:{offset + 1}"
            start += MONTHS
        else:
            start += 1
    return result


def _numbered_quarters(printed: Sequence[str], fields: list[str | None]) -> list[str | None]:
    """`fields` with a grid of exactly four columns numbered 1-4 (their labels end in the
    numeral, not a month's name), and no other month, taken as quarters: a month grid
    runs over the year or part of it (7..12), a grid of months 1-4 alone is a quarter
    grid whose group label ('TRIWULAN KE-') OCR lost, leaving bare numerals that read as
    months."""
    months = [col for col, f in enumerate(fields) if str(f).startswith("month:")]
    numbered = [f"month:{n}" for n in range(1, QUARTERS + 1)]
    if (
        [fields[col] for col in months] != numbered
        or months[-1] - months[0] != QUARTERS - 1
        or _named_month(printed[months[0]]) is not None
    ):
        return fields
    return [f"quarter:{str(f)[6:]}" if col in months else f for col, f in enumerate(fields)]


def _free_alternatives(
    printed: Sequence[str], fields: list[str | None], threshold: float
) -> list[str | None]:
    """`fields` with each unmapped label whose names name different fields ('SASARAN /
    PROGRAM': component or area) given the one of them no other column names: beside a
    KEGIATAN column holding the component, that column is the area. Two or none free
    decide nothing."""
    named = {f for f in fields if f is not None}
    result = list(fields)
    for col, label in enumerate(printed):
        if fields[col] is not None:
            continue
        free = alternative_fields(label, threshold) - named
        if len(free) == 1:
            result[col] = next(iter(free))
    return result


def _month_runs(printed: Sequence[str], fields: list[str | None]) -> list[str | None]:
    """`fields` with the columns of a month grid whose group label OCR garbled ('Manis) ES
    NAAN Jan') given their months: a run of at least MIN_MONTH_RUN adjacent columns,
    unmapped or months, whose labels end in consecutive month names ('Jan', 'Feb', ...)."""
    months = [_named_month(label) for label in printed]
    result = list(fields)
    start = 0
    while start < len(printed):
        end = start
        while end < len(printed) and (
            months[end] is not None
            and (end == start or months[end] == (months[end - 1] or 0) + 1)
            and (fields[end] is None or str(fields[end]).startswith("month:"))
        ):
            end += 1
        if end - start >= MIN_MONTH_RUN:
            for col in range(start, end):
                result[col] = f"month:{months[col]}"
        start = max(end, start + 1)
    return result


def field_of(text: str, threshold: float) -> str | None:
    """The canonical field a printed header names, or None.

    Month and quarter columns give 'month:N' / 'quarter:N' (their header may carry the
    group header before the number or month name: 'PELAKSANAAN (BULAN) 3', 'JADWAL Jan').
    """
    folded = fold_header(text)
    if not folded:
        return None
    words = folded.split()
    tail = words[-1]
    month = _month(tail)
    # A month's name broken over two lines of a narrow cell ('JANU' / 'ARI').
    broken = _month(words[-2] + tail) if month is None and len(words) >= 2 else None
    if month is not None or broken is not None:
        group = " ".join(words[:-1] if month is not None else words[:-2])
        if not group or field_of(group, threshold) == "schedule":
            return f"month:{month or broken}"
    # A half of the year over its months ('SEMESTER I' over 1..6): a schedule group.
    if re.fullmatch(r"SEMESTER (?:I{1,2}|L{1,2}|[12])", folded):
        return "schedule"
    # OCR reads a roman I in a narrow header cell as l ('TW Il'), folded to L.
    quarter = re.fullmatch(
        r"(?:.* )?(?:TW|TRIWULAN|TRW|Q)(?: KE)?\s?([IL]{1,3}|[IL]V|[1-4])", folded
    )
    if quarter:
        mark = quarter.group(1).replace("L", "I")
        return f"quarter:{ROMAN.get(mark) or int(mark)}"
    # A bare numeral under a schedule group ('TARGET WAKTU' over I | II | III | IV).
    group = folded[: -len(tail)].strip()
    if _QUARTER_NUMERAL.fullmatch(tail) and group and field_of(group, threshold) == "schedule":
        return f"quarter:{ROMAN[tail.replace('L', 'I')]}"
    # A quarter printed as its months ('Jan-Mar' ... 'Okt-Des').
    quarter_months = _quarter_of_months(words[-2:])
    over = " ".join(words[:-2])
    if quarter_months is not None and (not over or field_of(over, threshold) == "schedule"):
        return f"quarter:{quarter_months}"
    if folded in SYNONYMS:
        return SYNONYMS[folded]
    best = max(SYNONYMS, key=lambda s: (fuzz.ratio(folded, s), s))
    if fuzz.ratio(folded, best) >= threshold:
        return SYNONYMS[best]
    return (
        _reordered_field(folded, threshold)
        or _alternatives_field(text, threshold)
        or _qualified_field(folded)
    )


_QUALIFIER = re.compile(
    r"(?: (?:TAHUN |T A |TA )?(?:19|20)\d\d| ZI| RB| WBK| WBBM| PELAKSANAAN| PENYELESAIAN"
    r"| BULAN(?: KE)?)+$"
)
"""What a label may add after a synonym, folded: the year ('WAKTU PELAKSANAAN TAHUN 2026',
the budget year '... T.A. 2026'), the programme ('KOMPONEN ZI') or the carrying out or
completion of the work it names ('JANGKA WAKTU PENYELESAIAN', 'BUKTI PELAKSANAAN'), or the
unit its columns count in ('WAKTU KEGIATAN (BULAN KE-)')."""


def _qualified_field(folded: str) -> str | None:
    """The field of a synonym a label (folded) prints with a year or a programme after it
    (`_QUALIFIER`); None for any other label."""
    bare = _QUALIFIER.sub("", folded)
    return SYNONYMS.get(bare) if bare != folded else None


def _quarter_of_months(words: Sequence[str]) -> int | None:
    """The quarter a label's last two words (folded) name as its first and last months
    ('JAN MAR' of 'Jan-Mar', 'OKT DES'); None for any other pair."""
    if len(words) != 2 or any(w.isdigit() for w in words):
        return None
    first, last = (_month(w) for w in words)
    if first is None or last is None or first % 3 != 1 or last != first + 2:
        return None
    return (first + 2) // 3


def _reordered_field(folded: str, threshold: float) -> str | None:
    """The field of a multi-word label whose words are a synonym's in another order
    ('PERUBAHAN AREA', 'JAWAB PENANGGUNG'): on a skewed scan OCR may read the lines of a
    label stacked in one cell bottom line first. Only synonyms of two or more words are
    candidates, each word order compared (`token_sort_ratio`); a one-word label has no
    other order and is left to `fuzz.ratio`. None when no synonym reaches `threshold`."""
    if len(folded.split()) < 2:
        return None
    several = [s for s in SYNONYMS if " " in s]
    best = max(several, key=lambda s: (fuzz.token_sort_ratio(folded, s), s))
    return SYNONYMS[best] if fuzz.token_sort_ratio(folded, best) >= threshold else None


_ALTERNATIVE_MARKS = re.compile(r"\s*/\s*|\s*\(\s*|\s*\)\s*")
"""What separates two names of one column printed together: 'OUTPUT / BUKTI DUKUNG',
'KELUARAN (OUTPUT)'."""


def _alternatives_field(text: str, threshold: float) -> str | None:
    """The field of a label printed as two or more names of it ('OUTPUT / BUKTI DUKUNG',
    'WAKTU / JADWAL', 'KELUARAN (OUTPUT)') when each name alone names the same field; else
    None (names of different fields are settled by the other columns, `_free_alternatives`)."""
    fields = alternative_fields(text, threshold)
    return next(iter(fields)) if len(fields) == 1 else None


def alternative_fields(text: str, threshold: float) -> frozenset[str]:
    """The fields the names of a label printed as two or more names of a column name, each
    alone ('SASARAN / PROGRAM': component and area). Empty for a label of one name, and
    for one with a name that names no field or a month or quarter: that column may hold
    something else as well ('OUTPUT / ANGGARAN')."""
    parts = [part for part in _ALTERNATIVE_MARKS.split(text) if fold_header(part)]
    if len(parts) < 2:
        return frozenset()
    fields = {field_of(part, threshold) for part in parts}
    if any(f is None or ":" in f for f in fields):
        return frozenset()
    return frozenset(f for f in fields if f is not None)


MAX_HEADER_ROWS = 4
"""Grid rows a header may take above a column-number row."""
# A column number as printed under a header: '3', '(3)', '{3)' (a typo), or a formula
# naming columns: '(16) = (6) + (9)', '(19)= (3) + (17)'; a note on how the column is
# computed may follow in brackets: '14 (1% x Pagu TPP)'.
_COLUMN_NUMBER = re.compile(
    r"^[({\[]?(\d{1,2})[)}\]]?(?:\s*[-=+x/*]\s*[({\[]?\d{1,2}[)}\]]?)*(?:\s+\([^()]*\))?$"
)


def _column_texts(table: RawTable, rows: int) -> tuple[str, ...]:
    """Per column, the texts of the cells in the first `rows` grid rows, top to bottom; a
    cell spanning several of them counts once, and a column's number under its own label
    (`_numbers_its_column`) is no part of the label."""
    texts = []
    for col in range(table.n_cols):
        parts: list[str] = []
        seen: set[tuple[int, int]] = set()
        for row in range(rows):
            cell = table.cell(row, col)
            if cell.covered and cell.anchor is not None:
                cell = table.cell(*cell.anchor)
            text = " ".join(cell.text.split())
            if text and (cell.row, cell.col) not in seen and not _numbers_its_column(table, cell):
                parts.append(text)
            seen.add((cell.row, cell.col))
        texts.append(" ".join(parts))
    return tuple(texts)


def _numbers_its_column(table: RawTable, cell: RawCell) -> bool:
    """`cell`, below the first row, holds a bare column number ('3', '(3)') under a label of
    its column alone: a header row that numbers the plain columns and names the months
    under a group ('1 | 2 | ... | Jan | Feb | ... | 6')."""
    if cell.row == 0 or _COLUMN_NUMBER.match(" ".join(cell.text.split())) is None:
        return False
    top = table.cell(0, cell.col)
    return not top.covered and top.col_span == 1 and bool(top.text.strip())


def _column_numbers(texts: list[str]) -> list[int] | None:
    """The numbers of a row of column numbers 'k k+1 ... k+n' (or '(1) (2) ...', or
    formulas over them: '(16) = (6) + (9)'), else None.

    Input: the row's cell texts, left to right; blank cells are skipped (spacer columns).
    One number inside the run may be unreadable: when two numbers read two apart have
    a cell between them that is blank (OCR lost it) or holds no column number ('ded' for
    '11' under a dithered band), the number between them is counted. Output: at least
    three consecutive numbers, the unreadable one filled in. A cell with no column number
    anywhere else, two gaps, or fewer than three numbers read, and the row is no
    column-number row.
    """
    cells = [" ".join(t.split()) for t in texts]
    read = [(i, _COLUMN_NUMBER.match(t)) for i, t in enumerate(cells) if t]
    numbers = [(i, int(m.group(1))) for i, m in read if m]
    unreadable = [i for i, m in read if not m]
    if len(numbers) < 3:
        return None
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(numbers)]
    if not unreadable and set(steps) == {1}:
        return [n for _, n in numbers]
    gaps = [(left, right) for (left, a), (right, b) in itertools.pairwise(numbers) if b - a == 2]
    if len(unreadable) > 1 or set(steps) - {1, 2} or len(gaps) != 1:
        return None
    left, right = gaps[0]
    if right - left < 2 or any(not left < i < right for i in unreadable):
        return None
    return list(range(numbers[0][1], numbers[-1][1] + 1))


def _is_numbering_row(texts: list[str], numbered_before: int = 0) -> bool:
    """A row of column numbers printed under the header, from 1; or from k when the table
    printed just above it on the page numbered its columns up to k - 1 or beyond: a table
    too wide for the page printed as blocks one under the other numbers on where the block
    above stopped ('10 11 ... 17' under '1 ... 9'), or repeats some of its columns. Without
    that block, 'k k+1 ...' is a row of a form ('(4) (5) (6)': placeholders for the
    items a legend explains)."""
    numbers = _column_numbers(texts)
    return numbers is not None and 1 <= numbers[0] <= numbered_before + 1


def _row_is_numbering(table: RawTable, row: int, numbered_before: int = 0) -> bool:
    """True when grid row `row` is a column-number row: a number under every column,
    none of them covered by a header cell spanning down from above."""
    cells = table.row_cells(row)
    return not any(c.covered for c in cells) and _is_numbering_row(
        [c.text for c in cells], numbered_before
    )


def last_column_number(table: RawTable, header: Header | None) -> int:
    """The last number of the column-number row of `table`'s `header`; 0 when it has none."""
    if header is None or not header.numbering_row:
        return 0
    numbers = _column_numbers([c.text for c in table.row_cells(header.rows - 1)])
    return numbers[-1] if numbers else 0


def _resolve(fields: list[str | None]) -> tuple[str | None, ...]:
    """Settle ambiguous columns: NO is the area code beside a program column, else the
    component number; each single field is kept for its first column only."""
    resolved: list[str | None] = []
    for col, field in enumerate(fields):
        if field == "number":
            right = fields[col + 1] if col + 1 < len(fields) else None
            field = "area.code" if right == "area.name" else "component.number"
        if field == "component.text" and "component.text" in resolved:
            # A second text column of the component's kind (KEGIATAN after PROGRAM,
            # SASARAN after KOMPONEN) is what the plan does, else what it measures.
            field = next(
                (f for f in ("activity", "indicator") if f not in fields and f not in resolved),
                None,
            )
        resolved.append(None if field in CANONICAL_FIELDS and field in resolved else field)
    return tuple(resolved)


def _looks_like_header(texts: tuple[str, ...]) -> bool:
    """A row of at least two labels over most columns, all upper case, none of them a bare
    number or amount (a section row 'XIII | KECAMATAN ...' labels two columns of many)."""
    filled = [t for t in texts if t]
    return (
        len(filled) >= 2
        and len(filled) * 2 > len(texts)
        and all(
            t.upper() == t and any(ch.isalpha() for ch in t) and not re.match(r"^\d+[.)]?(\s|$)", t)
            for t in filled
        )
    )


def _all_labels(texts: tuple[str, ...], apart: tuple[str, ...] | None = None) -> bool:
    """True when every column has a label (a text with letters, not a bare number or list
    mark) and there are at least two distinct ones, or two distinct `apart` texts (the
    columns' texts down to a lower header row): a header, not a section row."""
    return (
        len(set(texts if apart is None else apart)) >= 2
        and all(any(ch.isalpha() for ch in t) for t in texts)
        and not any(re.match(r"^(\d+|[IVX]+)[.)]?(\s|$)", t) for t in texts)
    )


def _column_groups(table: RawTable, rows: int) -> tuple[tuple[int, ...], ...]:
    """Grid columns that read as one: under a header cell spanning several columns, when
    no lower header row labels them one by one and the body does not keep them apart
    (`_apart_in_body`)."""
    groups: list[tuple[int, ...]] = []
    col = 0
    while col < table.n_cols:
        top = table.cell(0, col)
        span = 1 if top.covered else top.col_span
        cols = tuple(range(col, col + span))
        labelled = any(
            not table.cell(r, c).covered and table.cell(r, c).text.strip()
            for r in range(1, rows)
            for c in cols
        )
        if span > 1 and (labelled or _apart_in_body(table, rows, cols)):
            groups.extend((c,) for c in cols)
        else:
            groups.append(cols)
        col += span
    return _fold_blank_columns(table, groups)


MIN_OWN_ROWS = 2
"""Body rows in which each column under one header cell must hold text of its own for the
columns to be kept apart: one row split by a stray rule ('Role | model') is no column."""


def _apart_in_body(table: RawTable, rows: int, cols: tuple[int, ...]) -> bool:
    """True when the body (the rows below the first `rows`) keeps grid columns `cols`,
    under one header cell, apart: no body cell runs across two of them, and each holds
    text of its own in at least MIN_OWN_ROWS body rows. The header cell over them is
    then one whose borders were lost (white rules on a dark band read as one cell over
    'Pilihan Jawaban | Jawaban | Nilai'), not a group over sub-columns.

    A hierarchy printed in narrow sub-columns ('A. | PROSES (60)', 'I. | MANAJEMEN ...')
    always has a heading running across the sub-columns of the levels below it, so its
    columns read as one. Measured on the LKE of PermenPANRB 52/2014 (label sub-columns
    under PENILAIAN; three answer and value columns under one header cell as read) and
    of PermenPANRB 90/2021 (label sub-columns only).
    """
    body = range(rows, table.n_rows)
    across = any(
        len(set(range(cell.col, cell.col + cell.col_span)) & set(cols)) > 1
        for r in body
        for cell in table.row_cells(r)
        if not cell.covered
    )
    return not across and all(
        sum(1 for r in body if table.cell(r, c).text.strip()) >= MIN_OWN_ROWS for c in cols
    )


def _fold_blank_columns(
    table: RawTable, groups: list[tuple[int, ...]]
) -> tuple[tuple[int, ...], ...]:
    """`groups` with each group whose grid columns hold no text in any row, header
    included, joined to its left neighbour (the first to its right one): a spacer
    between ruled columns, or a band running past the table's edge, is no column."""
    blank = [
        all(not table.cell(r, c).text.strip() for r in range(table.n_rows) for c in group)
        for group in groups
    ]
    if all(blank):
        return tuple(groups)
    folded: list[tuple[int, ...]] = []
    pending: tuple[int, ...] = ()
    for group, empty in zip(groups, blank, strict=True):
        if empty and folded:
            folded[-1] = (*folded[-1], *group)
        elif empty:
            pending = (*pending, *group)
        else:
            folded.append((*pending, *group))
            pending = ()
    return tuple(folded)


def build_header(table: RawTable, rows: int, threshold: float, numbered_before: int = 0) -> Header:
    """The header made of the first `rows` grid rows of `table`, and a column-number row
    below them if there is one."""
    texts = _column_texts(table, rows)
    groups = _column_groups(table, rows)
    # A header cell over columns kept apart names the first of them; the others, covered
    # by it in every header row, print "" rather than its words again.
    texts = tuple(
        "" if all(table.cell(r, c).covered for r in range(rows)) else text
        for c, text in enumerate(texts)
    )
    printed = tuple(" ".join(dict.fromkeys(texts[c] for c in g if texts[c])) for g in groups)
    fields = grid_fields(printed, threshold)
    numbering = table.n_rows > rows and _row_is_numbering(table, rows, numbered_before)
    return Header(rows + int(numbering), printed, _resolve(fields), groups, numbering)


def find_header(
    table: RawTable, threshold: float, emphasised: bool = False, numbered_before: int = 0
) -> Header | None:
    """The header of `table` if its first rows are one, else None.

    The rows above a column-number row near the top are the header when the first of them
    is a row of labels. Otherwise a first row is a header when most of its filled cells
    name a known field, when it reads as a row of labels (upper case, no numbers:
    "NO | NAMA | JABATAN"), or when it is a row of labels over every column printed apart
    from the rows below (`emphasised`: bold over plain text, see stitch_pages). A second
    row belongs to the header when cells of the first span down into it or it names
    months or quarters under them; a following row of column numbers is counted as part
    of the header. A first row that is one caption across the grid, over a row that is
    no header, is a header of its own (`title_only`).
    `numbered_before`: the last column number of the table printed just above on the
    page (0 if none), from which this one's column numbers may go on.
    """
    if _row_is_numbering(table, 0, numbered_before):
        blank = tuple("" for _ in range(table.n_cols))
        return Header(1, blank, tuple(None for _ in blank), numbering_row=True, numbering_only=True)
    first = _column_texts(table, 1)
    filled = [t for t in first if t]
    if not filled:
        return None
    numbered = next(
        (
            row
            for row in range(1, min(MAX_HEADER_ROWS, table.n_rows - 1) + 1)
            if _row_is_numbering(table, row, numbered_before)
        ),
        None,
    )
    # A label spanning every column (a group over sub-columns) heads them when the rows
    # under it tell the columns apart.
    if numbered is not None and _all_labels(first, _column_texts(table, numbered)):
        return build_header(table, numbered, threshold, numbered_before)
    # Checked after a column-number row: a caption over numbered columns heads them.
    title = _title(table)
    if title is not None and not _names_columns(_row_texts(table, 1), threshold):
        columns = range(table.n_cols)
        return Header(
            1,
            tuple(title for _ in columns),
            tuple(None for _ in columns),
            tuple((c,) for c in columns),
            title_only=True,
        )
    # Each header cell counts once: a group label spanning twelve month columns, garbled,
    # must not outvote the columns' own labels.
    labels = _row_texts(table, 0)
    if not _names_columns(labels, threshold) and not (emphasised and _all_labels(first)):
        return None
    # A blank cell running down from the first row is a column left unruled (a spacer),
    # not a header cell over a second header row.
    spans_down = any(
        table.cell(0, c).row_span > 1 and table.cell(0, c).text.strip() for c in range(table.n_cols)
    )
    two_rows = (
        table.n_rows > 1
        and not _row_is_numbering(table, 1, numbered_before)
        and (spans_down or _names_sub_columns(table, threshold))
    )
    return build_header(table, 2 if two_rows else 1, threshold, numbered_before)


def is_label(text: str, threshold: float) -> bool:
    """True when `text` is a printed header of a score sheet (`LABELS`), read fuzzily as
    field headers are: 'PENILAlAN' from a blurred scan is 'PENILAIAN'."""
    folded = fold_header(text)
    return bool(folded) and any(fuzz.ratio(folded, label) >= threshold for label in LABELS)


def _names_columns(texts: tuple[str, ...], threshold: float) -> bool:
    """True when a row's texts read as column labels: most of them name a known field or
    a score sheet's label (`is_label`), or they are upper-case labels
    (`_looks_like_header`)."""
    filled = [t for t in texts if t]
    known = [
        t for t in filled if not t.isdigit() and (field_of(t, threshold) or is_label(t, threshold))
    ]
    return (len(known) >= 2 and len(known) * 2 >= len(filled)) or _looks_like_header(texts)


def _row_texts(table: RawTable, row: int) -> tuple[str, ...]:
    """The texts of grid row `row`, one per printed cell: a cell spanning several columns
    (a group label over its months) is one label, not one and a run of blanks."""
    return tuple(" ".join(c.text.split()) for c in table.row_cells(row) if not c.covered)


def _title(table: RawTable) -> str | None:
    """The caption a grid prints in its first row, one cell across every column and below
    it more rows ('Kontrol Penghitungan'); None when the row is anything else, or a
    section row with its code ('III PENATAAN ...')."""
    first = table.cell(0, 0)
    if table.n_cols < 2 or table.n_rows < 2 or first.col_span != table.n_cols:
        return None
    text = " ".join(first.text.split())
    if not re.search(r"[^\W\d_]{3}", text) or split_code(text)[0] is not None:
        return None
    return text


def _names_sub_columns(table: RawTable, threshold: float) -> bool:
    """True when the second grid row names months or quarters ('1'..'12', 'TW I'), each
    under a first-row cell spanning several columns ('PELAKSANAAN (BULAN)'), and holds
    nothing else but the numbers of the other columns under their labels
    (`_numbers_its_column`). Numbers alone in columns of their own are a row of the body:
    a form's placeholders '(4) (5) (6)'."""
    second = [c for c in table.row_cells(1) if not c.covered and c.text.strip()]
    named = 0
    for cell in second:
        field = field_of(cell.text, threshold)
        above = table.cell(0, cell.col)
        group = table.cell(*above.anchor) if above.covered and above.anchor else above
        if field and ":" in field and group.col_span > 1:
            named += 1
        elif not _numbers_its_column(table, cell):
            return False
    return named > 0


def same_header(a: Header, b: Header, threshold: float) -> bool:
    """True when two pages print the same header (a table continued over pages)."""
    return len(a.printed) == len(b.printed) and all(
        fuzz.ratio(fold_header(x), fold_header(y)) >= threshold
        for x, y in zip(a.printed, b.printed, strict=True)
    )


def same_label(a: str, b: str, threshold: float) -> bool:
    """True when two printed labels read the same (fuzzily, as `same_header` compares
    them) in any order of their words: on a skewed scan the two lines of a label stacked
    in one cell may be read bottom line first ('PERUBAHAN AREA' for 'AREA PERUBAHAN')."""
    x, y = fold_header(a), fold_header(b)
    return x == y or fuzz.token_sort_ratio(x, y) >= threshold


def _labels_row(header: Header) -> bool:
    """True when `header` prints labels, not only a caption or a row of column numbers."""
    return not (header.title_only or header.numbering_only)


def _alike(copies: Sequence[Header]) -> list[Header]:
    """The headers of `copies` (a table's, first page first) that print the first one's
    row of labels again (`_labels_row`, as many labels), the first included; empty when
    the first is no row of labels."""
    if not copies or not _labels_row(copies[0]):
        return []
    return [c for c in copies if _labels_row(c) and len(c.printed) == len(copies[0].printed)]


def _first_most_common(values: Sequence[str]) -> str:
    """The value of `values` given most often; of those given as often, the first given."""
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def _voted_fields(copy_fields: Sequence[Sequence[str | None]]) -> tuple[str | None, ...]:
    """For each printed column of a table's header copies, given as the fields each
    copy's labels name (`copy_fields`: `grid_fields` of each copy, as many columns each, see
    `_alike`; before `_resolve` settles a column against its neighbours), the field most
    of them name; a label naming none does not vote, so one copy read badly by OCR ('Na
    aa' for 'RENCANA AKSI') cannot drop a column that another names. None when no label
    of the column names a field."""
    fields: list[str | None] = []
    for column in zip(*copy_fields, strict=True):
        named = [f for f in column if f]
        fields.append(_first_most_common(named) if named else None)
    return tuple(fields)


def vote_header(copies: Sequence[Header], threshold: float) -> Header:
    """One header for a table that prints its header on several pages (`copies`, first
    page first), for the columns of the first page's grid.

    Output: the first copy with, for each printed column, the field its labels name by
    vote (`_voted_fields`, then settled as one header's are, `_resolve`), and as label the
    first page's, unless it names not that field: then the reading given most often among
    those naming it (those naming it by themselves first, not by their place in a month
    or quarter grid), a tie going to the earliest page. The label is thus one the column
    printed on some page, consistent with its field, and the same for the same pages; a
    first page read well keeps its labels as printed there ('(PENANGGUNG JAWAB' read on
    later pages does not replace it). Only the copies `_alike` the first vote.
    Invariant: without another such copy the first is returned unchanged (its fields are
    then `build_header`'s).
    """
    first = copies[0]
    alike = _alike(copies)
    if len(alike) < 2:
        return first
    named = [grid_fields(c.printed, threshold) for c in alike]
    voted = _voted_fields(named)
    printed = []
    for col, field in enumerate(voted):
        label = first.printed[col]
        naming = [
            c.printed[col] for c, fields in zip(alike, named, strict=True) if field == fields[col]
        ]
        # A label naming the field by itself beats one named so by its place in a grid.
        naming = [text for text in naming if field_of(text, threshold) == field] or naming
        printed.append(label if label in naming or not naming else _first_most_common(naming))
    return replace(first, printed=tuple(printed), fields=_resolve(list(voted)))


SAME_LABELS_SHARE = 0.5
"""Share of a header's labels that must read as the table's header printed before, for a
grid ruled at the same borders to continue the table when OCR garbled some labels."""


def repeats_header(copies: Sequence[Header], header: Header, threshold: float) -> bool:
    """True when `header` reads as one more copy of the header printed as `copies` (the
    headers of a table's pages so far, first page first), though OCR garbled labels of
    either: as many labels; none naming by itself a field other than the one the copies'
    labels name there by vote (`_voted_fields`); and at least SAME_LABELS_SHARE of them
    the same as the label of some copy (`same_label`) or naming the field the copies do.

    A garbled label ('can' for 'PIC') names no field and so never contradicts the copies;
    a label naming another field ('BUKTI DUKUNG' where the copies print 'PIC') does.
    """
    alike = _alike(copies)
    if not alike or not _labels_row(header) or len(header.printed) != len(alike[0].printed):
        return False
    voted = _voted_fields([grid_fields(c.printed, threshold) for c in alike])
    fields = grid_fields(header.printed, threshold)
    same = 0
    for c, label in enumerate(header.printed):
        field = fields[c]
        if field and voted[c] and field != voted[c]:
            return False
        same += (field is not None and field == voted[c]) or any(
            same_label(label, copy.printed[c], threshold) for copy in alike
        )
    return same >= len(header.printed) * SAME_LABELS_SHARE
