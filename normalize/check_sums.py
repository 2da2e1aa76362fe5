"""Cross-footing: columns of amounts that add up on every row, and the rows where they do not.

Money tables (allocations, grants, budgets) print columns that are sums or differences of
others ('Pagu Setelah Perubahan' = 'Pagu Awal' - 'Pagu Efisiensi'). When such a relation
holds on nearly every row, a row where it fails is either printed so or misread. On an
OCR'd row where changing one digit of one of the three amounts restores the sum, and no
other single digit does, the digit was misread ('30.065.236.000' for '80.065.236.000')
and is repaired; every other failure is reported as a warning, never rewritten.

Two more kinds of arithmetic settle a misread digit the same way, one digit at most:
- a column total on an OCR'd row, one digit off the sum of the amounts above it when those
  amounts are themselves trusted (`repair_totals`);
- an amount whose row prints its share of another amount of the column ('Alokasi Kinerja
  (2%)'), when at least two other rows' shares of that amount are exact (`check_shares`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from normalize.grid import GridRow
from schemas.decree import PipelineWarning

MIN_ROWS = 5
"""Rows an adding-up relation must hold on before a failure of it means anything."""
MIN_SHARE = 0.9
"""Share of the rows with all three amounts on which the relation must hold."""

# An amount as Indonesian tables print it: 'Rp. 500.000.000', '19.700.800,00', '158'.
_AMOUNT = re.compile(r"^(?:Rp\.?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")


def parse_amount(text: str) -> Decimal | None:
    """The value of a cell that holds one amount and nothing else; else None.

    Spaces and line breaks inside are ignored: a narrow cell wraps '17.471.' / '500'.
    """
    match = _AMOUNT.match("".join(text.split()))
    if match is None:
        return None
    whole, fraction = match.group(1).replace(".", ""), match.group(2) or ""
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


Amounts = dict[int, Decimal]
"""A row's amounts by column: only the cells that hold one amount and nothing else."""


@dataclass(frozen=True)
class SumRelation:
    """Column `total` is column `parts[0]` plus column `parts[1]` on the table's rows."""

    total: int
    parts: tuple[int, int]
    rows: int
    """Rows the relation holds on."""

    @property
    def columns(self) -> tuple[int, int, int]:
        return (self.total, *self.parts)

    def holds(self, values: Amounts) -> bool | None:
        """Whether the relation holds on a row's amounts; None when one is missing."""
        if any(c not in values for c in self.columns):
            return None
        return values[self.total] == values[self.parts[0]] + values[self.parts[1]]


def row_amounts(row: GridRow) -> Amounts:
    """The amounts of `row` (`parse_amount` of each cell), by column."""
    values = {}
    for col, text in enumerate(row.cells):
        value = parse_amount(text)
        if value is not None:
            values[col] = value
    return values


def find_relations(amounts: Sequence[Amounts]) -> tuple[SumRelation, ...]:
    """The relations 'column t = column a + column b' that hold on at least `MIN_ROWS`
    rows and on `MIN_SHARE` of the rows that print all three amounts (`amounts`: one
    `row_amounts` per row).

    A row counts only when both parts are non-zero, so that a column of zeros or a copy
    of another column is no relation.
    """
    counts = Counter(c for values in amounts for c in values)
    numeric = sorted(c for c, count in counts.items() if count >= MIN_ROWS)
    found = []
    for total in numeric:
        for parts in combinations((c for c in numeric if c != total), 2):
            relation = SumRelation(total, parts, 0)
            results = [
                relation.holds(values)
                for values in amounts
                if values.get(parts[0]) and values.get(parts[1])
            ]
            held = results.count(True)
            seen = held + results.count(False)
            if held >= MIN_ROWS and held >= MIN_SHARE * seen:
                found.append(SumRelation(total, parts, held))
    return tuple(found)


def _one_digit_off(text: str, wanted: Decimal) -> str | None:
    """`text` with the one digit changed that makes it read `wanted`, in its own layout
    (separators, decimals); None when more than one digit, or none, would have to change."""
    digits = [i for i, char in enumerate(text) if char.isdigit()]
    fraction = text.rsplit(",", 1)[1] if "," in text else ""
    scale = sum(char.isdigit() for char in fraction)
    scaled = wanted * 10**scale
    if scaled < 0 or scaled % 1 or len(str(int(scaled))) != len(digits):
        return None
    want = str(int(scaled))
    changed = [(i, new) for i, new in zip(digits, want, strict=True) if text[i] != new]
    if len(changed) != 1:
        return None
    index, digit = changed[0]
    return text[:index] + digit + text[index + 1 :]


def _fixes(relation: SumRelation, row: GridRow, values: Amounts) -> list[tuple[int, str]]:
    """Each (column, text) that corrects one digit of one of the relation's amounts on
    `row` so that the relation holds."""
    total, (left, right) = relation.total, relation.parts
    wanted = {
        total: values[left] + values[right],
        left: values[total] - values[right],
        right: values[total] - values[left],
    }
    fixes = []
    for col, value in wanted.items():
        fixed = _one_digit_off(row.cells[col], value)
        if fixed is not None:
            fixes.append((col, fixed))
    return fixes


@dataclass(frozen=True)
class RunningSum:
    """The amounts of a column above a row, from the table's start or the column's last
    total: their sum, how many, and whether every one of them is trusted."""

    total: Decimal = Decimal(0)
    count: int = 0
    trusted: bool = True


def running_sums(
    amounts: Sequence[Amounts], trusted: frozenset[tuple[int, int]] = frozenset()
) -> list[dict[int, RunningSum]]:
    """For each row, each column's `RunningSum` of the amounts above it (`amounts`: one
    `row_amounts` per row; `trusted`: the (row index, column) of amounts known read
    right). An amount equal to the sum of at least two amounts above it is a total, and
    the count starts again after it."""
    running: dict[int, RunningSum] = {}
    before = []
    for index, values in enumerate(amounts):
        before.append(dict(running))
        for col, value in values.items():
            above = running.get(col, RunningSum())
            if above.count >= 2 and value == above.total:
                running[col] = RunningSum()
            else:
                running[col] = RunningSum(
                    above.total + value, above.count + 1, above.trusted and (index, col) in trusted
                )
    return before


def column_totals(amounts: Sequence[Amounts]) -> frozenset[tuple[int, int]]:
    """The (row index, column) of each amount that is the sum of at least two amounts
    above it in its column, counted from the table's start or from the column's last
    such total (`amounts`: one `row_amounts` per row). A total that adds up confirms the
    reading of its digits."""
    return frozenset(
        (index, col)
        for index, (values, above) in enumerate(zip(amounts, running_sums(amounts), strict=True))
        for col, value in values.items()
        if col in above and above[col].count >= 2 and value == above[col].total
    )


def repair_totals(
    rows: Sequence[GridRow], trusted: frozenset[tuple[int, int]], repairable: frozenset[int]
) -> tuple[GridRow, ...]:
    """`rows` with each column total that is one digit off its column's sum repaired (an
    edit of kind 'ocr_sum').

    A total is repaired only on a row of a `repairable` page, when another amount of the
    same row is an exact column total (so the row is one of totals and the table's totals
    are exact sums, not rounded ones), and when the at least `MIN_ROWS` amounts above it
    are all `trusted`: read from a text layer, or confirmed by a relation of their row.
    Invariant: every other cell keeps its text.
    """
    amounts = [row_amounts(row) for row in rows]
    confirmed = column_totals(amounts)
    repaired = list(rows)
    for index, (row, values, above) in enumerate(
        zip(rows, amounts, running_sums(amounts, trusted), strict=True)
    ):
        if not repairable & set(row.pages):
            continue
        exact = {col for i, col in confirmed if i == index}
        for col in values:
            summed = above.get(col)
            if summed is None or summed.count < MIN_ROWS or not summed.trusted:
                continue
            if col in exact or not exact:
                continue
            fixed = _one_digit_off(row.cells[col], summed.total)
            if fixed is not None:
                repaired[index] = repaired[index].with_cell(col, fixed, "ocr_sum")
    return tuple(repaired)


def row_label(row: GridRow) -> str:
    """What a message calls `row`: its first text that is not an amount, at most 40
    characters."""
    first = next((text for text in row.cells if text.strip() and parse_amount(text) is None), "")
    return " ".join(first.split())[:40] or "(no label)"


def column_name(names: Sequence[str], col: int) -> str:
    """What a message calls column `col`: its printed name in `names`, else 'column N'."""
    return names[col] if col < len(names) and names[col] else f"column {col + 1}"


def _describe(relation: SumRelation, row: GridRow, names: Sequence[str]) -> str:
    def name(col: int) -> str:
        return f"{column_name(names, col)} {' '.join(row.cells[col].split())}"

    total, (left, right) = relation.total, relation.parts
    return (
        f"row '{row_label(row)}' does not add up: {name(total)} is not "
        f"{name(left)} + {name(right)}, as on {relation.rows} other rows"
    )


def check_sums(
    rows: Sequence[GridRow], repairable: frozenset[int], names: Sequence[str] = ()
) -> tuple[tuple[GridRow, ...], list[PipelineWarning]]:
    """`rows` with the misread digits of adding-up columns, column totals and printed
    shares repaired, and one warning per row where a relation or a share still fails.

    Inputs: a table's body rows, the pages whose rows may be repaired (OCR'd pages, when
    repair is on) and the columns' printed names for the messages. A repair of a row
    relation is made only when exactly one one-digit change restores every failing
    relation of the row, not counting changes to a column total that adds up
    (`column_totals`); then totals (`repair_totals`) and shares (`check_shares`) are
    checked. Every repair is recorded as an edit of kind 'ocr_sum'. Invariant: rows on no
    repairable page keep their text.
    """
    checked, trusted, warnings = _check_relations(rows, repairable, names)
    checked = repair_totals(checked, trusted, repairable)
    checked, share_warnings = check_shares(checked, repairable, names)
    return checked, warnings + share_warnings


def _check_relations(
    rows: Sequence[GridRow], repairable: frozenset[int], names: Sequence[str]
) -> tuple[tuple[GridRow, ...], frozenset[tuple[int, int]], list[PipelineWarning]]:
    """The row relations' part of `check_sums`: the rows, the (row index, column) of the
    amounts known read right (on a page not `repairable`, or in a relation that holds on
    their row) and the warnings."""
    amounts = [row_amounts(row) for row in rows]
    native = {
        (index, col)
        for index, (row, values) in enumerate(zip(rows, amounts, strict=True))
        if not repairable & set(row.pages)
        for col in values
    }
    relations = find_relations(amounts)
    if not relations:
        return tuple(rows), frozenset(native), []
    confirmed = column_totals(amounts)
    checked: list[GridRow] = []
    held: set[tuple[int, int]] = set()
    warnings: list[PipelineWarning] = []
    for index, (row, values) in enumerate(zip(rows, amounts, strict=True)):
        failing = [r for r in relations if r.holds(values) is False]
        if failing and repairable & set(row.pages):
            fixes = {
                fix
                for r in failing
                for fix in _fixes(r, row, values)
                if (index, fix[0]) not in confirmed
            }
            if len(fixes) == 1:
                col, text = fixes.pop()
                repaired = row.with_cell(col, text, "ocr_sum")
                after = row_amounts(repaired)
                if not any(r.holds(after) is False for r in relations):
                    row, failing = repaired, []
        warnings.extend(
            PipelineWarning(code="sum_mismatch", message=_describe(r, row, names), page=row.page)
            for r in failing
        )
        after = row_amounts(row)
        held.update((index, c) for r in relations if r.holds(after) for c in r.columns)
        checked.append(row)
    return tuple(checked), frozenset(native | held), warnings


MIN_SHARES = 2
"""Rows whose printed share of one amount must be exact before a share that fails means
anything."""

# A share printed in a row's label: 'Alokasi Kinerja (2%)', 'Dana Desa (90 %)', '(2,5%)'.
_SHARE = re.compile(r"\((\d{1,3}(?:,\d+)?)\s*%\)")


def _printed_share(row: GridRow) -> Decimal | None:
    """The one percentage in parentheses that `row`'s cells other than amounts print, as
    a fraction; None when there is none or more than one."""
    found = [m for text in row.cells if parse_amount(text) is None for m in _SHARE.findall(text)]
    return Decimal(found[0].replace(",", ".")) / 100 if len(found) == 1 else None


def check_shares(
    rows: Sequence[GridRow], repairable: frozenset[int], names: Sequence[str] = ()
) -> tuple[tuple[GridRow, ...], list[PipelineWarning]]:
    """`rows` with the amounts that miss their printed share repaired, and a warning for
    each one that cannot be.

    In a column, the rows printing a share ('(8%)') are compared with each amount of the
    column on a row printing none; the amount that at least `MIN_SHARES` of them are
    exactly that share of is their base. A row whose amount is not its share of the base
    is repaired when it is on a `repairable` page and one digit off ('6.405.218.380' for
    8% of 80.065.236.000), as an edit of kind 'ocr_sum'; else it gets a `sum_mismatch`
    warning. Invariant: rows on no repairable page keep their text.
    """
    amounts = [row_amounts(row) for row in rows]
    shares = [_printed_share(row) for row in rows]
    checked = list(rows)
    warnings: list[PipelineWarning] = []
    for col in sorted({c for values in amounts for c in values}):
        sharing = [
            (index, share, values[col])
            for index, (share, values) in enumerate(zip(shares, amounts, strict=True))
            if share is not None and col in values
        ]
        # Each amount of a row without a share, with the text it is printed as.
        bases = {
            values[col]: " ".join(row.cells[col].split())
            for row, share, values in zip(rows, shares, amounts, strict=True)
            if share is None and col in values
        }
        exact = {base: sum(value == share * base for _, share, value in sharing) for base in bases}
        base = max(sorted(bases), key=lambda b: exact[b], default=None)
        if base is None or exact[base] < MIN_SHARES:
            continue
        for index, share, value in sharing:
            wanted = share * base
            if value == wanted:
                continue
            row = checked[index]
            fixed = _one_digit_off(row.cells[col], wanted) if repairable & set(row.pages) else None
            if fixed is not None:
                checked[index] = row.with_cell(col, fixed, "ocr_sum")
                continue
            warnings.append(
                PipelineWarning(
                    code="sum_mismatch",
                    message=f"row '{row_label(row)}' does not add up: "
                    f"{column_name(names, col)} {' '.join(row.cells[col].split())} is not "
                    f"{(share * 100).normalize():f}% of {bases[base]}, as on {exact[base]} "
                    "other rows",
                    page=row.page,
                )
            )
    return tuple(checked), warnings
