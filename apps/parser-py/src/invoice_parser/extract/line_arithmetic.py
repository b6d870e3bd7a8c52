"""The one arithmetic fact of an invoice line, used by every stage that needs it: quantity times unit
price, less a printed discount, is the line total, within the precision the figures are printed to."""

from __future__ import annotations

from decimal import Decimal


def unit_of(value: Decimal) -> Decimal:
    """One unit in the last printed place: 12.50 -> 0.01, 3 -> 1."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def expected_line_total(
    quantity: Decimal, unit_price: Decimal, discount: Decimal | None = None, discount_is_percent: bool = True
) -> Decimal:
    expected = quantity * unit_price
    if discount is None:
        return expected
    return expected * (100 - discount) / 100 if discount_is_percent else expected - discount


def line_closes(
    quantity: Decimal,
    unit_price: Decimal,
    line_total: Decimal,
    discount: Decimal | None = None,
    discount_is_percent: bool = True,
    *,
    exact: bool = False,
) -> bool:
    """True when the printed figures agree. The unit price may itself be rounded to its printed places
    (a tenth of a cent times a thousand pieces), and the total to its own; exact allows only the
    rounding of the total to its printed places, for telling which figures are the factors when
    several pairs might be."""
    expected = expected_line_total(quantity, unit_price, discount, discount_is_percent)
    if exact:
        return abs(expected - line_total) <= unit_of(line_total) / 2
    tolerance = unit_of(line_total) + abs(quantity) * unit_of(unit_price) / 2
    return abs(expected.quantize(unit_of(line_total)) - line_total) <= tolerance
