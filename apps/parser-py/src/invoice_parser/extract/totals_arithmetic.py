"""The invoice total as the amount that the totals block's arithmetic ends on.

Labels alone mislead: "Total tax" is labelled a total, "Amount due" adds an earlier balance, and a
language the vocabulary lacks labels nothing. The figures do not: the subtotal (printed, or the sum
of the lines) plus the tax and charges printed under it gives the total. The first figure below the
subtotal that such a sum reaches is the total.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from invoice_parser.extract.figures import Figure, row_figures
from invoice_parser.extract.header import HeaderFields, Located, rows_below
from invoice_parser.extract.numbers import DecimalSeparator, format_decimal
from invoice_parser.extract.rows import bbox_of
from invoice_parser.extract.table import PageRows, TableEnd, TableLine

# At most this many figures (the taxes of two rates, a charge) lie between a subtotal and its total.
MAX_ADDENDS: Final = 2
# Rows of the totals block searched under the table.
TOTALS_BLOCK_ROWS: Final = 16


@dataclass(frozen=True)
class _Placed:
    figure: Figure
    page: int
    order: int


def settle_total(
    fields: HeaderFields,
    lines: Sequence[TableLine],
    pages: Sequence[PageRows],
    table_end: TableEnd | None,
    separator: DecimalSeparator,
) -> None:
    """Replace a labelled total that the block's arithmetic contradicts (or fill a missing one) with
    the figure that subtotal + taxes + charges reaches. A labelled total that closes is kept."""
    values = fields.totals_values
    subtotal, tax, total = values.get("subtotal"), values.get("tax"), values.get("total")
    if total is not None and subtotal is not None and subtotal + (tax or Decimal(0)) == total:
        return
    block = _block_figures(pages, table_end, separator)
    summed = sum((line.values.line_total or Decimal(0) for line in lines), Decimal(0))
    for start in [v for v in (subtotal, summed if lines else None) if v is not None]:
        reached = _reached(start, block)
        if reached is not None:
            if total is None or reached.figure.value != total:
                fields.total = _located(reached)
                values["total"] = reached.figure.value
            return


def _reached(start: Decimal, block: Sequence[_Placed]) -> _Placed | None:
    """The first figure after start's own row that start plus up to MAX_ADDENDS figures between
    them makes."""
    begin = next((i for i, placed in enumerate(block) if placed.figure.value == start), -1)
    for j in range(begin + 1, len(block)):
        target = block[j].figure.value
        between = [placed.figure.value for placed in block[begin + 1 : j] if placed.figure.value != target]
        for count in range(1, MAX_ADDENDS + 1):
            if any(start + sum(addends) == target for addends in itertools.combinations(between, count)):
                return block[j]
    return None


def _block_figures(
    pages: Sequence[PageRows], table_end: TableEnd | None, separator: DecimalSeparator
) -> list[_Placed]:
    placed: list[_Placed] = []
    for page_rows in pages:
        for row in rows_below(page_rows, table_end)[:TOTALS_BLOCK_ROWS]:
            for figure in row_figures(row, separator):
                if figure.money_like and figure.value > 0:
                    placed.append(_Placed(figure, page_rows.page.number, len(placed)))
        if placed:
            break
    return placed


def _located(placed: _Placed) -> Located:
    return Located(format_decimal(placed.figure.value), placed.page, bbox_of(placed.figure.words))
