"""Bundle rows that sum the component rows after them leave the lines only when the subtotal says so."""

from __future__ import annotations

from decimal import Decimal

from invoice_parser.extract.bundle_sums import without_bundle_sums
from invoice_parser.extract.cells import RowValues
from invoice_parser.extract.table import TableLine


def _line(description: str, total: str) -> TableLine:
    values = RowValues(
        quantity=Decimal(1),
        unit=None,
        unit_price=Decimal(total),
        line_total=Decimal(total),
        tax_rate=None,
        discount=None,
        discount_is_percent=False,
    )
    return TableLine(kind="item", sku=None, description=description, values=values, page=1)


NESTED = [
    _line("Coffee display", "216"),
    _line("Kenya roast", "30"),
    _line("Dark roast", "60"),
    _line("Colombia bundle", "126"),
    _line("Colombia roast", "90"),
    _line("Mug", "36"),
]


def test_nested_bundles_leave_when_the_components_make_the_subtotal() -> None:
    kept = without_bundle_sums(NESTED, Decimal("216"))

    assert [line.description for line in kept] == ["Kenya roast", "Dark roast", "Colombia roast", "Mug"]


def test_every_row_stays_when_the_subtotal_counts_them_all_or_is_missing() -> None:
    everything = sum((line.values.line_total or Decimal(0) for line in NESTED), Decimal(0))

    assert without_bundle_sums(NESTED, everything) == NESTED
    assert without_bundle_sums(NESTED, None) == NESTED
    assert without_bundle_sums(NESTED, Decimal("200")) == NESTED  # no subset proves it
