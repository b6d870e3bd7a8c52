"""A credit note's amounts stated the way an e-invoice states them: positive, the document type
carrying the direction.

Printed credit notes often show every amount with a minus sign; the same document's CII or UBL
(type 381, CreditNote) carries positive amounts. Reading the page the XML's way keeps one meaning for
a credit note whichever way it was read, and lets the two be compared. Only a page that prints the
whole document negative is turned: mixed signs are left as printed for the checks to flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from invoice_parser.extract.header import HeaderFields
from invoice_parser.extract.table import TableLine


def credit_note_as_positive(lines: Sequence[TableLine], header: HeaderFields) -> list[TableLine]:
    """lines with their amounts turned positive (and header's totals, in place) when every printed
    line total and the printed total are negative or zero; otherwise lines unchanged."""
    totals = [value for value in (line.values.line_total for line in lines) if value is not None]
    total = header.totals_values.get("total")
    printed_negative = (
        bool(totals) and all(value <= 0 for value in totals) and any(value < 0 for value in totals)
    )
    if not printed_negative or (total is not None and total > 0):
        return list(lines)
    for kind, value in header.totals_values.items():
        header.totals_values[kind] = -value if value < 0 else value
    return [_positive(line) for line in lines]


def _positive(line: TableLine) -> TableLine:
    values = line.values
    return replace(
        line,
        values=replace(
            values,
            line_total=_abs(values.line_total),
            unit_price=_abs(values.unit_price),
        ),
    )


def _abs(value: Decimal | None) -> Decimal | None:
    return None if value is None else abs(value)
