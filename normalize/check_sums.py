"""Cross-footing: columns of amounts that add up on every row, and the rows where they do not.

Money tables (allocations, grants, budgets) print columns that are sums or differences of
others ('Pagu Setelah Perubahan' = 'Pagu Awal' - 'Pagu Efisiensi'). When such a relation
holds on nearly every row, a row where it fails is either printed so or misread. On an
OCR'd row where changing one digit of one of the three amounts restores the sum, and no
other single digit does, the digit was misread ('30.065.236.000' for '80.065.236.000')
and is repaired; every other failure is reported as a warning, never rewritten.
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


def column_totals(amounts: Sequence[Amounts]) -> frozenset[tuple[int, int]]:
    """The (row index, column) of each amount that is the sum of at least two amounts
    above it in its column, counted from the table's start or from the column's last
    such total (`amounts`: one `row_amounts` per row). A total that adds up confirms the
    reading of its digits."""
    running: dict[int, tuple[Decimal, int]] = {}
    totals = set()
    for index, values in enumerate(amounts):
        for col, value in values.items():
            summed, count = running.get(col, (Decimal(0), 0))
            if count >= 2 and value == summed:
                totals.add((index, col))
                running[col] = (Decimal(0), 0)
            else:
                running[col] = (summed + value, count + 1)
    return frozenset(totals)


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
    """`rows` with the misread digits of adding-up columns repaired, and one warning per
    row where a relation still fails.

    Inputs: a table's body rows, the pages whose rows may be repaired (OCR'd pages, when
    repair is on) and the columns' printed names for the messages. A repair is made only
    when exactly one one-digit change restores every failing relation of the row, not
    counting changes to a column total that adds up (`column_totals`); it is
    recorded as an edit of kind 'ocr_sum'. Invariant: rows on no repairable page keep
    their text.
    """
    amounts = [row_amounts(row) for row in rows]
    relations = find_relations(amounts)
    if not relations:
        return tuple(rows), []
    confirmed = column_totals(amounts)
    checked: list[GridRow] = []
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
        checked.append(row)
    return tuple(checked), warnings
