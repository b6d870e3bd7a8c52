"""Values EN 16931 lets a document leave out, derived the way the standard defines them.

Only a missing value is derived; one the document states is never recomputed, even when it
disagrees (that disagreement is for the arithmetic checks to report, not to correct).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from invoice_parser.einvoice.errors import InvalidXmlError

# EN 16931 amounts (BR-DEC-*) carry at most two decimals; a derived amount is rounded to them.
MONEY_STEP: Final = Decimal("0.01")
_HUNDRED: Final = Decimal(100)


def money(value: Decimal) -> Decimal:
    try:
        return value.quantize(MONEY_STEP, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        # More digits than any amount has: the document is hostile or broken, not an invoice.
        raise InvalidXmlError(f"a derived amount has too many digits: {value:.6e}") from None


def percent_of(base: Decimal, percent: Decimal) -> Decimal:
    """An allowance or charge given as a percentage of a base amount (BT-92 = BT-93 x BT-94 / 100,
    BT-136 = BT-137 x BT-138 / 100)."""
    return money(base * percent / _HUNDRED)


def line_net_amount(
    quantity: Decimal,
    net_price: Decimal,
    basis_quantity: Decimal | None,
    charges: Iterable[Decimal] = (),
    allowances: Iterable[Decimal] = (),
) -> Decimal:
    """BT-131 = BT-129 x BT-146 / BT-149 + line charges - line allowances; the price basis
    quantity defaults to one unit."""
    basis = basis_quantity if basis_quantity else Decimal(1)
    return money(quantity * net_price / basis + sum(charges, Decimal(0)) - sum(allowances, Decimal(0)))


def net_from_gross(
    gross_price: Decimal, discounts: Iterable[Decimal], surcharges: Iterable[Decimal]
) -> Decimal:
    """BT-146 = BT-148 - BT-147: the item net price is the gross price less its price discount
    (CII EXTENDED also allows a price surcharge, added)."""
    return gross_price - sum(discounts, Decimal(0)) + sum(surcharges, Decimal(0))
