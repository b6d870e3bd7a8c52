"""What each row of a candidate line-total column proves, computed once per column so that a long
table is weighed in linear time: is the row an item, does its quantity times price make the amount,
is the amount derived from other figures (a tax or gross amount)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from invoice_parser.extract.figure_columns import DocRow, FigureColumn
from invoice_parser.extract.line_arithmetic import unit_of
from invoice_parser.extract.line_figures import read_line_figures
from invoice_parser.extract.row_text import describes, is_totals_text, text_words

# A tax rate above this is no rate.
MAX_RATE: Final = 100


@dataclass(frozen=True)
class RowText:
    """What a row's words say, whichever column is weighed."""

    describes: bool
    totals: bool  # a subtotal, tax, total or carried-over label


def row_texts(rows: Sequence[DocRow]) -> list[RowText]:
    texts = []
    for row in rows:
        words = text_words(row.row, row.figures)
        texts.append(RowText(describes(words), is_totals_text(words)))
    return texts


@dataclass(frozen=True)
class ColumnEvidence:
    column: FigureColumn
    item: tuple[bool, ...]  # per member: described or self-proving, not a totals row
    product: tuple[bool, ...]  # per member: quantity x price = this amount
    weight: tuple[int, ...]  # per member: what it adds to a run's score
    _weights: tuple[int, ...]  # prefix sums of weight
    _items: tuple[int, ...]  # prefix sums of item

    def run_weight(self, start: int, end: int) -> int:
        return self._weights[end + 1] - self._weights[start]

    def run_items(self, start: int, end: int) -> int:
        return self._items[end + 1] - self._items[start]


def column_evidence(column: FigureColumn, rows: Sequence[DocRow], texts: Sequence[RowText]) -> ColumnEvidence:
    item: list[bool] = []
    product: list[bool] = []
    weight: list[int] = []
    for member in column.members:
        row = rows[member.position]
        closes = read_line_figures(row.figures, member.figure).closes
        text = texts[member.position]
        is_item = not text.totals and (text.describes or closes)
        item.append(is_item)
        product.append(closes)
        # A sum of bare integers (postcodes, order numbers) proves nothing: amounts print as money.
        counted = is_item and (closes or (member.figure.money_like and not _derived(row, member.figure)))
        weight.append((1 + int(closes)) if counted else 0)
    return ColumnEvidence(
        column, tuple(item), tuple(product), tuple(weight), _prefix(weight), _prefix([int(i) for i in item])
    )


def _prefix(values: Sequence[int]) -> tuple[int, ...]:
    return (0, *itertools.accumulate(values))


def _derived(row: DocRow, figure: object) -> bool:
    """An amount made from two other figures of its row by a sum (net + tax = gross) or a rate
    (net x 19 / 100 = tax) is not the line total."""
    amount = next(f for f in row.figures if f is figure)
    others = [f for f in row.figures if f is not figure]
    unit = unit_of(amount.value)
    for a, b in itertools.permutations(others, 2):
        if not a.percent and not b.percent and abs(a.value + b.value - amount.value) <= unit:
            return True
        if not a.percent and 0 < b.value <= MAX_RATE and abs(a.value * b.value / 100 - amount.value) <= unit:
            return True
    return False
