"""Two readings of the line items, and the one the arithmetic supports.

The header reading maps columns by their heading words; the arithmetic reading needs no heading. Each
reading is scored by what its figures prove: lines whose quantity times price is their total, and line
totals that add up to a figure printed below the table. The header reading keeps a tie, since its
headings then agree with the arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from invoice_parser.extract.arithmetic_table import read_by_arithmetic
from invoice_parser.extract.figures import row_figures
from invoice_parser.extract.line_arithmetic import line_closes
from invoice_parser.extract.numbers import DecimalSeparator
from invoice_parser.extract.table import PageRows, TableReading, read_table
from invoice_parser.settings import Settings


def read_line_items(
    pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> TableReading:
    by_header = read_table(pages, separator, settings)
    by_arithmetic = read_by_arithmetic(pages, separator, settings)
    if evidence(by_arithmetic, pages, separator, settings) > evidence(by_header, pages, separator, settings):
        return by_arithmetic
    return by_header


def evidence(
    reading: TableReading, pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> int:
    """Lines whose own arithmetic closes, plus every line once more when their totals add up to a
    figure printed at the table's end."""
    products = sum(
        1
        for line in reading.lines
        if line.values.quantity is not None
        and line.values.unit_price is not None
        and line.values.line_total is not None
        and line_closes(
            line.values.quantity,
            line.values.unit_price,
            line.values.line_total,
            line.values.discount,
            line.values.discount_is_percent,
        )
    )
    summed = sum((line.values.line_total or Decimal(0) for line in reading.lines), Decimal(0))
    sum_printed = bool(reading.lines) and summed in _figures_after_end(reading, pages, separator, settings)
    return products + (len(reading.lines) if sum_printed else 0)


def _figures_after_end(
    reading: TableReading, pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> set[Decimal]:
    if reading.end is None:
        return set()
    for page_rows in pages:
        if page_rows.page.number != reading.end.page:
            continue
        below = [row for row in page_rows.rows if row.bottom > reading.end.top]
        return {
            figure.value
            for row in below[: settings.totals_window_rows]
            for figure in row_figures(row, separator)
            if not figure.percent
        }
    return set()
