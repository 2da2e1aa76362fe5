"""Join a row split by a page break back into the row before it.

When a long row does not fit at the bottom of a page, the rest of its cells is printed at
the top of the next page as a row of its own. Such a fragment is recognised from geometry
and the shape of the text, never from known content:
- the previous page's table runs to the bottom margin (the row could have been cut), and
  the fragment is not a section row and only continues columns the row before has text in;
- it has no tick mark (a one-glyph cell is never split), and no cell of it starts a new
  list ("1. ...");
- and either its short fields (number, schedule: one line in most rows) are all empty
  while the row before has one, or it lacks both the item number and the ticks the row
  before prints (the ticks alone when every printed row ticks; in a table without
  ticks: the written schedule, when every printed row has one, whether or not rows
  print their own number) and one of its cells reads as the rest of the row before, or
  all its cells but one read as the rest of the row before: a cell continues when it
  starts in lower case, carries on a list the cell above began ("2. ..." after "1. ..."),
  holds no letters (the "2025" of a cut "Januari - Desember"), or follows a cell that
  stopped on a comma, a hyphen or a function word. An item label alone ('b.', '2',
  'IV') is a number, not words: it continues only a cell cut on such an ending, and the
  label next after the one above ('b.' under 'a.') starts a new item.
A word the page break cut is joined whole ('Pengendalia' / 'n dan' when 'Pengendalian' is
printed elsewhere in the document, `mend_broken_words.joins_word`), on OCR'd pages too:
OCR repair reads one row's cells at a time and never sees the two pieces side by side.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from statistics import median
from types import MappingProxyType

from normalize.fold_text import fold
from normalize.grid import CellEdit, GridRow, merged_columns
from normalize.mend_broken_words import joins_word
from normalize.roman_numerals import roman_value
from normalize.stitch_pages import LogicalTable

BOTTOM_TOLERANCE = 20.0
"""Points a cut row may stop above the lowest table bottom seen on any page: Word moves a
row to the next page whole only when not one more line fits, so a cut leaves less than a
line and its padding."""
SHORT_CELL_CHARS = 28
"""A column whose filled cells have at most this median length holds 'short' fields."""
# Words a phrase cannot end on: a cell ending on one was cut mid-phrase.
_OPEN_ENDINGS = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "yang",
        "dengan",
        "di",
        "ke",
        "dari",
        "untuk",
        "pada",
        "dalam",
        "oleh",
        "bagi",
        "terhadap",
        "tentang",
        "sebagai",
        "secara",
        "melalui",
        "antara",
        "agar",
        "sesuai",
    ]
)
NO_WORDS: Mapping[str, int] = MappingProxyType({})
"""No document words: no word a page break cut is joined."""
_LIST_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s")
_LIST_LETTER = re.compile(r"(?:^|\s)([a-z])[.)]\s")
_ITEM_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
# An item label alone: a number, a letter or a Roman numeral, with an optional mark.
_ITEM_LABEL = re.compile(r"(\d{1,2}|[A-Za-z]|[IVX]{2,6}|[ivx]{2,6})[.)]?")


def short_columns(rows: tuple[GridRow, ...]) -> tuple[int, ...]:
    """Columns whose filled cells are short in most rows (a number, a date, a tick)."""
    if not rows:
        return ()
    short = []
    for col in range(len(rows[0].cells)):
        lengths = [len(fold(r.cells[col])) for r in rows if r.cells[col].strip()]
        if lengths and median(lengths) <= SHORT_CELL_CHARS and len(lengths) * 4 >= len(rows):
            short.append(col)
    return tuple(short)


def number_columns(rows: tuple[GridRow, ...]) -> frozenset[int]:
    """Columns most of whose filled cells are an item number alone ('5', '1.2.'): a NO
    column, where a number is the whole cell."""
    numbered = set()
    for col in range(len(rows[0].cells) if rows else 0):
        filled = [fold(r.cells[col]) for r in rows if r.cells[col].strip()]
        if filled and 2 * sum(bool(_ITEM_NUMBER.fullmatch(t)) for t in filled) >= len(filled):
            numbered.add(col)
    return frozenset(numbered)


def _label_readings(text: str) -> frozenset[tuple[str, int]]:
    """The readings of `text` as an item label alone, each (series, value): 'b.' ->
    {('a', 2)}, 'i)' -> {('a', 9), ('i', 1)}, '12' -> {('1', 12)}, 'IV' -> {('I', 4)}.

    The series is '1' (numbers), 'a'/'A' (letters) or 'i'/'I' (Roman numerals), in the
    label's case: 'B' does not follow 'a.'. Empty when `text` is anything but a label
    alone ('b. Tim', 'Dokumen', 'IIII').
    """
    match = _ITEM_LABEL.fullmatch(fold(text))
    if not match:
        return frozenset()
    body = match.group(1)
    if body.isdigit():
        return frozenset({("1", int(body))})
    lower = body.islower()
    readings = set()
    if len(body) == 1:
        readings.add(("a" if lower else "A", ord(body.lower()) - ord("a") + 1))
    value = roman_value(body.upper())
    if value is not None:
        readings.add(("i" if lower else "I", value))
    return frozenset(readings)


def _follows(before: str, label: str) -> bool:
    """True when `label` (an item label alone) is the next one after the label that
    `before` begins with: 'b.' after 'a.' or 'a. Tim', 'II' after 'I'; never after text
    that begins with no label."""
    head = fold(before).split(" ", 1)[0]
    above = _label_readings(head)
    return any((series, value - 1) in above for series, value in _label_readings(label))


def _cut_open(before: str) -> int:
    """1 when `before` stops where no phrase ends (a comma, a hyphen or dash, a slash, a
    function word): its text goes on below; else 0."""
    last_word = before.rsplit(" ", 1)[-1].lower() if before else ""
    return 1 if before.endswith((",", "-", "–", "—", "/")) or last_word in _OPEN_ENDINGS else 0


def _vote(previous: str, top: str, lists: bool = True, prose: bool = False) -> int:
    """+1 when `top` reads as the rest of `previous`, -1 when it starts afresh, else 0.

    With `lists` false a numbered or lettered item never continues: in a merged column the
    next merged cell is often the next item ("2. ..." under "1. ...", "d. ..." under
    "c. ..."); else it continues a list the cell above began ("1. ... 2. ..." / "3. ...",
    "a. ... b. ..." / "c. ..."). In a `prose` column (not a
    `number_columns` one, where a number alone is the whole cell) a cell that ends at its
    item number ('5.6') has its text on the next page.
    """
    before, after = fold(previous), fold(top)
    numbers = [int(n) for n in _LIST_NUMBER.findall(" " + before)]
    first = _LIST_NUMBER.match(after)
    if first and not lists:
        return -1
    if first:
        if int(first.group(1)) == 1:
            return -1
        continues = numbers[:1] == [1] and int(first.group(1)) == numbers[-1] + 1
        return 1 if continues else 0
    # A lettered item ('d. Penetapan'): its lower-case letter is no sign of running text.
    lettered = _LIST_LETTER.match(after)
    if lettered and not lists:
        return -1
    if lettered:
        letters = _LIST_LETTER.findall(" " + before)
        continues = letters[:1] == ["a"] and ord(lettered.group(1)) == ord(letters[-1]) + 1
        return 1 if continues else 0
    if _label_readings(after):
        # A label alone numbers an item: its lower case ('b.') or its figures are no
        # sign of running text, and the label next after the one above starts a new item.
        return -1 if _follows(before, after) else _cut_open(before)
    if prose and _ITEM_NUMBER.fullmatch(before) and any(ch.isalpha() for ch in after):
        return 1
    figures_only = not any(ch.isalpha() for ch in after)
    if after[:1].islower() or (figures_only and any(ch.isalpha() for ch in before)):
        return 1
    return _cut_open(before)


def is_fragment(
    previous: GridRow,
    top: GridRow,
    short: tuple[int, ...],
    gap: float,
    tick_cols: frozenset[int] = frozenset(),
    number_cols: frozenset[int] = frozenset(),
    schedule_cols: frozenset[int] = frozenset(),
    ticked: bool = False,
) -> bool:
    """True when `top` (first row of a page) is the rest of `previous` (last row of the
    page before). `tick_cols` are the month/quarter grid columns, `number_cols` the
    `number_columns`, `schedule_cols` the `schedule_columns`: in a table without ticks
    they stand in for them; `ticked`: every printed row ticks (`ticked_throughout`)."""
    filled = set(top.filled)
    if gap > BOTTOM_TOLERANCE or not filled or top.widest_span() * 2 > len(top.cells):
        return False
    if not filled <= set(previous.filled) or filled & tick_cols:
        return False
    votes = [
        _vote(previous.cells[c], top.cells[c], prose=c not in number_cols) for c in sorted(filled)
    ]
    if -1 in votes:
        return False
    short_empty = (
        bool(short) and not filled & set(short) and bool(set(previous.filled) & set(short))
    )
    continued = votes.count(1) >= max(1, len(votes) - 1)
    return (
        short_empty
        or continued
        or (
            1 in votes and _lost_marks(previous, top, tick_cols, schedule_cols, number_cols, ticked)
        )
    )


def schedule_columns(
    rows: tuple[GridRow, ...], fields: tuple[str | None, ...], page_tops: frozenset[int]
) -> frozenset[int]:
    """Columns of a written schedule ('Tahun 2026'; fields 'schedule...', not a tick grid)
    that every printed row fills: every row but section rows (a cell across half the
    table or more), empty rows and the first rows of pages (`page_tops`, indexes into
    `rows`), which may be fragments.

    In such a table a schedule marks a row's first lines as ticks do: a row printed without
    one, or a schedule merged over several rows (its covered rows are empty), makes the
    column no mark.
    """
    cols = [c for c, f in enumerate(fields) if f and f.startswith("schedule") and ":" not in f]
    printed = _printed_rows(rows, page_tops)
    return frozenset(c for c in cols if printed and all(r.cells[c].strip() for r in printed))


def ticked_throughout(
    rows: tuple[GridRow, ...], tick_cols: frozenset[int], page_tops: frozenset[int]
) -> bool:
    """True when every printed row (as in `schedule_columns`) ticks one of `tick_cols`:
    then a row's ticks mark its first lines even where no row prints its own number."""
    printed = _printed_rows(rows, page_tops)
    return (
        bool(tick_cols)
        and bool(printed)
        and all(any(r.cells[c].strip() for c in tick_cols) for r in printed)
    )


def _printed_rows(rows: tuple[GridRow, ...], page_tops: frozenset[int]) -> list[GridRow]:
    """`rows` less section rows (a cell across half the table or more), empty rows and the
    first rows of pages (`page_tops`, indexes into `rows`), which may be fragments."""
    return [
        r
        for i, r in enumerate(rows)
        if i not in page_tops and r.filled and r.widest_span() * 2 <= len(r.cells)
    ]


def _lost_marks(
    previous: GridRow,
    top: GridRow,
    tick_cols: frozenset[int],
    schedule_cols: frozenset[int],
    number_cols: frozenset[int],
    ticked: bool = False,
) -> bool:
    """True when `previous` prints the marks of a row's first lines and `top` none of them:
    an item number (in a `number_columns` column) and ticks; or, in a table without
    ticks, a written schedule in a `schedule_columns` column, which every printed row has,
    so a page-top row without one is the rest of a row even where the number is merged
    over several rows (an area's NO) and no row prints its own. A printed row has its
    number and its ticks or schedule on its first lines; the rest may still fill short
    columns that wrap (a unit 'Subbagian' / 'Tata Usaha', a word cut 'Dokume' / 'n'). A
    row may print no ticks, so ticks alone mark nothing, unless every printed row ticks
    (`ticked`): then they mark as a written schedule does, without the number."""
    above = set(previous.filled)
    if set(top.filled) & (tick_cols | schedule_cols | number_cols):
        return False
    if tick_cols:
        return bool(above & tick_cols) and (ticked or bool(above & number_cols))
    return bool(above & schedule_cols)


def _stacked(before: str, rest: str, words: Mapping[str, int]) -> str:
    """A cell's text with the `rest` printed on the next page as its further lines.

    The line break is kept (`fold` joins the lines later as it joins any cell's): a list
    of items goes on at a line start, where `split_list` looks for its bullets. A word
    the page break cut ('Pengendalia' / 'n dan', `joins_word` over `words`) is whole again."""
    if before.strip() and joins_word(before, rest, words):
        return before + rest
    return "\n".join(text for text in (before, rest) if text.strip())


def _join(previous: GridRow, top: GridRow, words: Mapping[str, int]) -> GridRow:
    cells = list(previous.cells)
    edits = list(previous.edits)
    for col in top.filled:
        before = previous.cells[col]
        cells[col] = _stacked(before, top.cells[col], words)
        edits.append(CellEdit(col, "continuation", fold(before) or None, fold(cells[col])))
    return replace(
        previous,
        cells=tuple(cells),
        pages=previous.pages + top.pages,
        bboxes=previous.bboxes + top.bboxes,
        edits=tuple(edits),
    )


def _anchor_above(rows: list[GridRow], index: int, col: int) -> int:
    """Index of the row holding the merged cell that covers `rows[index]` in `col`."""
    while index > 0 and rows[index].covered[col]:
        index -= 1
    return index


def _join_merged_cells(
    rows: list[GridRow], index: int, merged: frozenset[int], words: Mapping[str, int]
) -> None:
    """Join, in place, a merged cell whose text ran on past the page break at `index`.

    Word prints the rest of such a cell in the cell's box at the top of the next page; the
    box is then a cell of its own in the page's grid. When its text reads as the rest of
    the cell before, the text moves up into that cell and the box becomes covered by it.
    """
    top = rows[index]
    for col in sorted(merged):
        text = top.cells[col]
        # A box with no letters or only an item label ('2', 'b.') is too short to have run
        # over a page: it numbers an item of its own.
        if top.covered[col] or not any(ch.isalpha() for ch in text) or _label_readings(text):
            continue
        # Merged cells nest: under a merged cell that starts afresh on this row (a new
        # area), the cell is a new one too.
        if any(top.cells[c].strip() and not top.covered[c] for c in merged if c < col):
            continue
        anchor = _anchor_above(rows, index - 1, col)
        before = rows[anchor].cells[col]
        if not before.strip() or _vote(before, text, lists=False) != 1:
            continue
        joined = _stacked(before, text, words)
        grown = rows[anchor].with_cell(col, joined, "continuation")
        if top.pages[0] not in grown.pages:
            grown = replace(grown, pages=grown.pages + top.pages, bboxes=grown.bboxes + top.bboxes)
        rows[anchor] = grown
        rows[index] = replace(
            top.with_cell(col, ""),
            covered=(*top.covered[:col], True, *top.covered[col + 1 :]),
        )
        top = rows[index]


def merge_continuations(
    table: LogicalTable,
    counts: Mapping[str, int] = NO_WORDS,
) -> LogicalTable:
    """`table` with every page-break fragment joined into the row before it; `counts` are
    the document's word counts (`fold_text.word_counts`), by which a word the break cut
    is joined.

    Invariant: no text is lost; a joined row keeps both pages in its provenance.
    """
    if not table.breaks:
        return table
    short = short_columns(table.rows)
    numbered = number_columns(table.rows)
    fields = table.header.fields if table.header else ()
    ticks = frozenset(c for c, f in enumerate(fields) if f and ":" in f)
    tops = frozenset(b.index for b in table.breaks)
    schedules = schedule_columns(table.rows, fields, tops)
    ticked = ticked_throughout(table.rows, ticks, tops)
    rows = list(table.rows)
    drop: set[int] = set()
    for page_break in table.breaks:
        index = page_break.index
        if index >= len(rows) or index - 1 in drop:
            continue
        previous, top = rows[index - 1], rows[index]
        if is_fragment(previous, top, short, page_break.gap, ticks, numbered, schedules, ticked):
            rows[index - 1] = _join(previous, top, counts)
            drop.add(index)
    merged = merged_columns(table.rows)
    for page_break in table.breaks:
        index = page_break.index
        if index < len(rows) and index not in drop:
            _join_merged_cells(rows, index, merged, counts)
            # A box whose every text ran on from above is no printed row of its own.
            if table.rows[index].filled and not rows[index].filled:
                drop.add(index)
    kept = tuple(r for i, r in enumerate(rows) if i not in drop)
    return replace(table, rows=kept, breaks=())
