"""reconcile: the printed figures checked against each other."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from invoice_parser.extract.cells import RowValues
from invoice_parser.extract.table import TableLine
from invoice_parser.reconcile import reconcile


def _line(kind: Any, quantity: str, price: str, total: str) -> TableLine:
    values = RowValues(
        quantity=Decimal(quantity),
        unit=None,
        unit_price=Decimal(price),
        line_total=Decimal(total),
        tax_rate=None,
        discount=None,
        discount_is_percent=False,
    )
    return TableLine(kind=kind, sku=None, description=f"{kind} {total}", values=values, page=1)


def test_the_lines_sum_leaves_group_subtotals_out() -> None:
    # Arrange: two items and the printed subtotal of both, a group line (kind "group" of the contract)
    lines = [_line("item", "2", "300.00", "600.00"), _line("item", "3", "150.00", "450.00")]
    lines.append(_line("group", "1", "1050.00", "1050.00"))
    totals = {"subtotal": Decimal("1050.00"), "tax": Decimal("199.50"), "total": Decimal("1249.50")}

    # Act
    checks, warnings = reconcile(lines, totals)

    # Assert
    assert warnings == []
    lines_sum = next(check for check in checks if check.name == "lines-sum-subtotal")
    assert (lines_sum.status, lines_sum.actual) == ("pass", Decimal("1050.00"))


def test_the_lines_sum_is_skipped_when_only_group_lines_are_left() -> None:
    checks, _ = reconcile([_line("group", "1", "5.00", "5.00")], {"subtotal": Decimal("5.00")})

    assert next(check for check in checks if check.name == "lines-sum-subtotal").status == "skipped"
