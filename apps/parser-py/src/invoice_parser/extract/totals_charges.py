"""Charges printed in the totals block rather than in the table: "Shipping 12.50" or "Rabatt -5,00"
between the subtotal and the total. They are charges of the invoice like a freight row in the table,
so they become charge lines; a charge printed below the subtotal is not part of it, which the
reconciliation needs to know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from invoice_parser.extract.cells import RowValues
from invoice_parser.extract.header import rows_below, totals_row, trailing_amount
from invoice_parser.extract.keywords import CHARGE_WORDS, normalize, starts_with_phrase
from invoice_parser.extract.labels import SEGMENT_GAP_RATIO
from invoice_parser.extract.numbers import DecimalSeparator
from invoice_parser.extract.rows import Row, join_words
from invoice_parser.extract.table import PageRows, TableEnd, TableLine

# German builds charge names as compounds ("Mindermengenzuschlag", "Bearbeitungsgebühr"): a first
# word ending in one of these names a charge too.
_COMPOUND_CHARGE_ENDINGS = ("zuschlag", "gebuhr", "versandkosten", "frachtkosten", "rabatt", "nachlass")


@dataclass(frozen=True)
class TotalsCharges:
    lines: list[TableLine]
    # How many of them, the last ones, are printed below the subtotal: subtotal + these + tax = total.
    after_subtotal: int


def totals_block_charges(
    pages: Sequence[PageRows],
    table_end: TableEnd | None,
    table_lines: Sequence[TableLine],
    separator: DecimalSeparator,
) -> TotalsCharges:
    """Charge rows from the last line item down to the total; none when no table was found (a
    charge word alone elsewhere on the page says nothing)."""
    lines: list[TableLine] = []
    after_subtotal = 0
    if table_end is None:
        return TotalsCharges(lines, after_subtotal)
    subtotal_seen = False
    start = _below_last_line(table_lines, table_end)
    for page_rows in pages:
        for row in rows_below(page_rows, start):
            labelled = totals_row(row, separator)
            if labelled is not None:
                if labelled[0] == "total":
                    return TotalsCharges(lines, after_subtotal)
                subtotal_seen = subtotal_seen or labelled[0] == "subtotal"
                continue
            line = _charge_line(row, page_rows.page.number, separator)
            if line is not None:
                lines.append(line)
                after_subtotal += subtotal_seen
    return TotalsCharges(lines, after_subtotal)


def _below_last_line(table_lines: Sequence[TableLine], table_end: TableEnd) -> TableEnd:
    """Where the totals block may start. The first recognised totals row is not always its first
    row: a subtotal worded in a way no vocabulary knows ("Merchandise", "Goods") is read as an empty
    table row, and the charges under it would be lost. Nothing below the last line item is an item,
    so the scan starts there; a charge row that stands in the table is itself that line or above it."""
    if not table_lines or not table_lines[-1].words:
        return table_end
    last = table_lines[-1]
    bottom = max(word.bottom for word in last.words)
    if (last.page, bottom) >= (table_end.page, table_end.top):
        return table_end
    # rows_below keeps rows whose top lies at or below top - 1: start just under the line's bottom.
    return TableEnd(last.page, bottom + 1.5)


def _names_charge(label: str) -> bool:
    first_word = label.split(" ", 1)[0]
    return starts_with_phrase(label, CHARGE_WORDS) is not None or first_word.endswith(
        _COMPOUND_CHARGE_ENDINGS
    )


def _charge_line(row: Row, page: int, separator: DecimalSeparator) -> TableLine | None:
    """ "Shipping & handling   12.50": a charge word opens the row and one amount closes it."""
    label = row.segments(SEGMENT_GAP_RATIO)[0]
    if not _names_charge(normalize(join_words(label))):
        return None
    rest = [word for word in row.words if word.x0 > label[-1].x1]
    amount = trailing_amount(rest, separator)
    if amount is None or len(rest) != len(amount[1]):
        return None  # more than a label and an amount: a sentence, not a charge row
    values = RowValues(
        quantity=None,
        unit=None,
        unit_price=None,
        line_total=amount[0],
        tax_rate=None,
        discount=None,
        discount_is_percent=False,
    )
    return TableLine(
        kind="charge",
        sku=None,
        description=join_words(label),
        values=values,
        page=page,
        words=list(row.words),
        field_words={"description": tuple(label), "lineTotal": tuple(amount[1])},
    )
