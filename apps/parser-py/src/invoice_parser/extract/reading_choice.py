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
from invoice_parser.extract.table import PageRows, TableLine, TableReading, read_table
from invoice_parser.settings import Settings


def read_line_items(
    pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> TableReading:
    by_header = read_table(pages, separator, settings)
    header_evidence = evidence(by_header, pages, separator, settings)
    proven = by_header.lines and header_evidence == 2 * len(by_header.lines)
    if proven and not _undescribed(by_header):
        return by_header  # every line and their sum close, every line says what it is: none can do better
    by_arithmetic = read_by_arithmetic(pages, separator, settings)
    arithmetic_evidence = evidence(by_arithmetic, pages, separator, settings)
    if (arithmetic_evidence, -_undescribed(by_arithmetic)) > (header_evidence, -_undescribed(by_header)):
        return by_arithmetic
    return by_header


def _undescribed(reading: TableReading) -> int:
    """Lines read without a word of description (empty, or a bare position number): between equally
    proven readings, the one that put the wrong column under "description" is the worse."""
    return sum(
        1
        for line in reading.lines
        if line.kind == "item" and not any(char.isalpha() for char in line.description)
    )


def evidence(
    reading: TableReading, pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> int:
    """Lines whose own arithmetic closes, plus every line once more when their totals add up to a
    figure printed below the last of them; or, failing that, every item line when the items alone do
    (a reading may have collected charges from the totals block)."""
    products = sum(1 for line in reading.lines if _closes(line))
    items = [line for line in reading.lines if line.kind == "item"]
    for lines in (reading.lines, items):
        summed = sum((line.values.line_total or Decimal(0) for line in lines), Decimal(0))
        if lines and summed in _figures_below(lines[-1], pages, separator, settings):
            return products + len(lines)
    return products


def _closes(line: TableLine) -> bool:
    values = line.values
    if values.quantity is None or values.unit_price is None or values.line_total is None:
        return False
    return line_closes(
        values.quantity, values.unit_price, values.line_total, values.discount, values.discount_is_percent
    )


def _figures_below(
    last: TableLine, pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> set[Decimal]:
    """The figures of the rows under the last line, on its page and the next ones."""
    bottom = max(word.bottom for word in last.words) if last.words else 0.0
    below = [
        row
        for page_rows in pages
        if page_rows.page.number >= last.page
        for row in page_rows.rows
        if page_rows.page.number > last.page or row.top >= bottom
    ]
    return {
        figure.value
        for row in below[: settings.totals_window_rows]
        for figure in row_figures(row, separator)
        if not figure.percent
    }
